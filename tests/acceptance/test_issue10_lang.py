"""Issue 10, part 1: `--lang en|zh` on every command that prints prose, and a default language.

The agreed interface: every command that prints prose takes `--lang en|zh`; the default comes from
the settings key `language: en|zh` (the file MANDATES_SETTINGS names) or the environment variable
MANDATES_LANG; `--lang` wins. In Chinese all prose is Chinese; ids, document symbols, time zones,
file paths and text the user typed stay as written; refusals keep `file:line: field:` and exit 2.

Each command runs through the real CLI in its own folder and database, on the founding plan
(CBD/WG2020/REC/1/1 without the shipped history, so every fact here is one these tests record) as
of frozen dates. "English words" are judged by helpers.english_words (ids, symbols, zones, URLs,
paths and named acronyms are not English words).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml
from founding import founding_folder

from .helpers import BUNDLED_PROCESS, CJK, Result, cli_env, english_words, run_cli

AS_OF = "2020-01-06"
NOTE = "Room booked for the contact group"
REASON = "Superseded by the zero draft itself"
VENUE = "Rome, FAO headquarters"

# Commands that take --config: these run on the founding plan.
TAKES_CONFIG = frozenset({
    "check", "show", "history", "feeds", "brief", "whatif", "deliver", "receive", "reschedule",
    "postpone", "cancel", "waive", "note", "split", "held", "withdraw", "export", "import",
    "list", "validate", "export-check", "add-meeting", "add-output"})


class Folder:
    """One user's folder and database."""

    def __init__(self, root: Path, **env: str) -> None:
        self.root = root
        self.env = cli_env(root / "state.db", root / "cache", **env)

    def run(self, *args: str) -> Result:
        chosen = list(args)
        if args[0] in TAKES_CONFIG and "--config" not in args:
            chosen += ["--config", str(founding_folder())]
        return run_cli(chosen, self.env, self.root)

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.returncode == 0, result.explain()
        return result


@functools.cache
def body_short_names() -> tuple[str, ...]:
    """The bodies' `short` names: monolingual text of the process file, shown as written."""
    process = yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8"))
    return tuple(sorted((str(b["short"]) for b in process.get("bodies", []) if b.get("short")),
                        key=len, reverse=True))


_REFUSAL_PREFIX = re.compile(r"^\S+:\d+: [\w.\[\]-]+: ", re.M)  # file:line: field:
_ABSOLUTE_PATH = re.compile(r"(?<![A-Za-z0-9_./])/[^\s:：，。；、（）()'\"]+(?::\d+)?")
_FILE_NAME = re.compile(r"[A-Za-z0-9_.-]+\.(?:yaml|yml|conf|csv|xlsx|md|ics|json|pdf|html|db|png)\b")
_FOLDERS = re.compile(r"(?:[A-Za-z0-9_.-]+/)+(?=\s)")  # the folders of a relative path (calendars/private/)
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?")


def prose_of(text: str) -> str:
    """The text without what stays as written whatever the language: file paths and names, the
    `file:line: field:` prefix of a refusal, ISO timestamps."""
    text = _REFUSAL_PREFIX.sub(" ", text)
    text = _ABSOLUTE_PATH.sub(" ", text)
    text = _FILE_NAME.sub(" ", text)
    text = _FOLDERS.sub(" ", text)
    return _TIMESTAMP.sub(" ", text)


def assert_chinese(result: Result, typed: tuple[str, ...] = ()) -> None:
    """The command succeeded and everything it printed is Chinese, but for what stays as written."""
    assert result.returncode == 0, result.explain()
    text = prose_of(result.output)
    assert CJK.search(text), f"no Chinese at all:\n{result.explain()}"
    words = english_words(text, allowed_text=(*typed, *body_short_names()))
    assert words == [], f"English words {words[:20]} in:\n{result.explain()}"


def assert_english(result: Result) -> None:
    assert result.returncode == 0, result.explain()
    assert len(english_words(result.output)) >= 2, f"no English prose:\n{result.explain()}"


# ---------------------------------------------------------------------------------------------
# Commands that only read: one folder with a few recorded facts, shared.


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    folder = Folder(tmp_path_factory.mktemp("lang-read"))
    folder.ok("note", "wg2020-2", "--on", "2020-01-03", NOTE)
    folder.ok("waive", "zero-draft-overview", "--on", "2020-01-03", "--reason", REASON)
    return folder


READING = {
    "check": ("check", "--as-of", AS_OF),
    "show": ("show", "wg2020-2-documents", "--as-of", AS_OF),
    "show-meeting": ("show", "wg2020-2", "--as-of", AS_OF),
    "whatif": ("whatif", "wg2020-2", "--opens", "2020-03-02", "--closes", "2020-03-06",
               "--as-of", AS_OF),
    "list-outputs": ("list", "outputs", "--as-of", AS_OF),
    "list-meetings": ("list", "meetings", "--as-of", AS_OF),
    "list-bodies": ("list", "bodies", "--as-of", AS_OF),
    "history": ("history",),
    "validate": ("validate",),
}


@pytest.mark.parametrize("name", sorted(READING))
def test_reading_command_in_chinese(reader: Folder, name: str) -> None:
    assert_chinese(reader.run(*READING[name], "--lang", "zh"), typed=(NOTE, REASON))


@pytest.mark.parametrize("name", ["history", "validate"])
def test_reading_command_in_english_when_asked(reader: Folder, name: str) -> None:
    """`--lang en` is accepted everywhere too, and gives English."""
    assert_english(reader.run(*READING[name], "--lang", "en"))


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    """A folder with one recorded note and the facts exported (in English) to facts.yaml."""
    folder = Folder(tmp_path_factory.mktemp("lang-write"))
    folder.ok("note", "wg2020-2", "--on", "2020-01-03", NOTE)
    folder.ok("export", "-o", "facts.yaml")
    return folder


WRITING = {
    "export": (("export", "-o", "facts-zh.yaml"), "facts-zh.yaml"),
    "import": (("import", "facts.yaml"), "facts.yaml"),
    "export-check": (("export-check", "--as-of", AS_OF, "--format", "csv", "-o", "check.csv"),
                     "check.csv"),
    "feeds": (("feeds", "--as-of", AS_OF, "--out", "calendars"), "calendars/feeds.json"),
    "brief": (("brief", "--as-of", AS_OF, "--since", "none", "--no-snapshot", "--format", "md",
               "-o", "brief.md"), "brief.md"),
}


@pytest.mark.parametrize("name", sorted(WRITING))
def test_writing_command_reports_in_chinese(writer: Folder, name: str) -> None:
    """The sentence saying what was written (or imported) is Chinese; the file is written."""
    args, written = WRITING[name]
    # what the command line named stays as typed: the folder `--out calendars`, the format `csv`
    assert_chinese(writer.run(*args, "--lang", "zh"), typed=(NOTE, "calendars", "csv"))
    assert (writer.root / written).exists()


def test_nginx_config_reports_in_chinese(tmp_path: Path) -> None:
    folder = Folder(tmp_path)
    result = folder.run("nginx-config", "-o", "site.conf", "--calendars", str(tmp_path / "cal"),
                        "--lang", "zh")
    assert_chinese(result, typed=("nginx",))  # the program's name, as a symbol stays
    assert (tmp_path / "site.conf").is_file()


# ---------------------------------------------------------------------------------------------
# Recording commands: each in a fresh database; what the user typed stays as written.


RECORDING = {
    "deliver": ("deliver", "detailed-workplan", "--on", "2020-01-02", "--ref",
                "CBD/WG2020/2/INF/1"),
    "receive": ("receive", "consult-iucn-report", "--on", "2020-01-02"),
    "reschedule": ("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                   "--venue", VENUE, "--venue-zh", "意大利罗马粮农组织总部",
                   "--announced", "2020-02-03"),
    "postpone": ("postpone", "sbstta-24", "--announced", "2020-01-20"),
    "split": ("split", "cop-15", "--part", "2", "--window", "2022-01..2022-03",
              "--announced", "2020-01-04"),
    "held": ("held", "consult-restoration", "--on", "2019-11-08"),
    "cancel": ("cancel", "ws-synergies", "--announced", "2020-01-20"),
    "waive": ("waive", "zero-draft-overview", "--on", "2020-01-03", "--reason", REASON),
    "note": ("note", "wg2020-2", "--on", "2020-01-03", NOTE),
    "add-meeting": ("add-meeting", "bureau-jan", "--body", "cop-bureau", "--title-en",
                    "Bureau meeting", "--title-zh", "主席团会议", "--opens", "2020-01-20",
                    "--closes", "2020-01-20", "--timezone", "America/Toronto", "--type", "3",
                    "--source", "CBD/BUR/2020/1", "--announced", "2020-01-05"),
    "add-output": ("add-output", "extra-note", "--title-en", "Extra note", "--title-zh",
                   "补充说明", "--responsible", "executive-secretary", "--mandate",
                   "CBD/WG2020/REC/1/1 para 4", "--due-before", "wg2020-2", "--weeks", "4",
                   "--source", "CBD/WG2020/2/1", "--announced", "2020-01-05"),
}
TYPED = (NOTE, REASON, VENUE, "Bureau meeting", "Extra note", "Recorded by mistake",
         "bureau-jan", "extra-note")  # the new ids typed by the user


@pytest.mark.parametrize("name", sorted(RECORDING))
def test_recording_command_in_chinese(tmp_path: Path, name: str) -> None:
    folder = Folder(tmp_path)
    assert_chinese(folder.run(*RECORDING[name], "--lang", "zh"), typed=TYPED)
    # It was recorded, not only reported.
    assert re.search(r"#1\b", folder.ok("history").stdout)


def test_withdraw_in_chinese(tmp_path: Path) -> None:
    folder = Folder(tmp_path)
    folder.ok(*RECORDING["receive"])
    assert_chinese(folder.run("withdraw", "1", "--reason", "Recorded by mistake", "--on",
                              "2020-01-05", "--lang", "zh"), typed=TYPED)


# ---------------------------------------------------------------------------------------------
# The default language: settings `language:` or MANDATES_LANG; --lang wins.


def settings_file(folder: Path, language: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(f"timezone: America/Toronto\nlanguage: {language}\n", encoding="utf-8")
    return path


def test_settings_language_zh_is_the_default(tmp_path: Path) -> None:
    folder = Folder(tmp_path, MANDATES_SETTINGS=str(settings_file(tmp_path, "zh")))
    assert_chinese(folder.run("check", "--as-of", AS_OF))
    assert_chinese(folder.run("note", "wg2020-2", "--on", "2020-01-03", NOTE), typed=(NOTE,))
    assert_chinese(folder.run("history"), typed=(NOTE,))


def test_environment_language_zh_is_the_default(tmp_path: Path) -> None:
    folder = Folder(tmp_path, MANDATES_LANG="zh")
    assert_chinese(folder.run("check", "--as-of", AS_OF))
    assert_chinese(folder.run("list", "meetings", "--as-of", AS_OF))
    assert_chinese(folder.run("note", "wg2020-2", "--on", "2020-01-03", NOTE), typed=(NOTE,))


def test_lang_option_wins_over_settings_and_environment(tmp_path: Path) -> None:
    folder = Folder(tmp_path, MANDATES_SETTINGS=str(settings_file(tmp_path, "zh")),
                    MANDATES_LANG="zh")
    english = folder.run("check", "--as-of", AS_OF, "--lang", "en")
    assert english.returncode == 0, english.explain()
    assert "Totals: delivered" in english.stdout, english.explain()
    assert "Overdue (" in english.stdout, english.explain()
    chinese = folder.run("check", "--as-of", AS_OF)
    assert_chinese(chinese)
    assert "Totals" not in chinese.stdout


def test_settings_language_en_with_environment_unset_is_english(tmp_path: Path) -> None:
    folder = Folder(tmp_path, MANDATES_SETTINGS=str(settings_file(tmp_path, "en")))
    assert_english(folder.run("check", "--as-of", AS_OF))
    assert "Totals: delivered" in folder.run("check", "--as-of", AS_OF).stdout


def test_bad_settings_language_refused_with_file_line_field(tmp_path: Path) -> None:
    settings = settings_file(tmp_path, "fr")
    folder = Folder(tmp_path, MANDATES_SETTINGS=str(settings))
    result = folder.run("check", "--as-of", AS_OF)
    assert result.returncode == 2, result.explain()
    assert re.search(rf"{re.escape(settings.name)}:2: language\b", result.stderr), result.explain()


# ---------------------------------------------------------------------------------------------
# Refusals in Chinese keep `file:line: field:` and exit 2, and write nothing.


def test_refused_import_in_chinese_names_file_line_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad-facts.yaml"
    bad.write_text(
        "facts:\n"
        "- kind: delivered\n"
        "  subject: detailed-workplan\n"
        "  effective_on: '2020-13-45'\n", encoding="utf-8")
    folder = Folder(tmp_path)
    result = folder.run("import", str(bad), "--lang", "zh")
    assert result.returncode == 2, result.explain()
    line = next((ln for ln in result.stderr.splitlines() if re.search(r"bad-facts\.yaml:4: ", ln)),
                None)
    assert line is not None, f"no bad-facts.yaml:4: line:\n{result.explain()}"
    assert re.search(r"bad-facts\.yaml:4: [\w.\[\]-]*effective_on: ", line), result.explain()
    assert CJK.search(line), f"refusal not in Chinese: {line!r}"
    words = english_words(prose_of(result.output), allowed_text=("2020-13-45",))
    assert words == [], f"English words {words[:20]} in:\n{result.explain()}"
    assert "#1" not in folder.run("history").stdout


def test_refused_process_file_in_chinese_names_file_line_field(tmp_path: Path) -> None:
    """A broken process file, checked with --lang zh: each problem `file:line: field:` in
    Chinese, exit 2."""
    source = Path(founding_folder())
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in source.iterdir():
        if path.is_file():
            (broken / path.name).write_bytes(path.read_bytes())
    process = next(p for p in broken.glob("*.yaml")
                   if re.search(r"^meetings:", p.read_text(encoding="utf-8"), re.M))
    text = process.read_text(encoding="utf-8")
    # Make one meeting's opening date impossible.
    changed, count = re.subn(r"(\n\s+opens:\s*)'?\d{4}-\d{2}-\d{2}'?", r"\g<1>2020-02-31", text,
                             count=1)
    assert count == 1, "the founding process has no opens: date to break"
    process.write_text(changed, encoding="utf-8")
    line_no = changed[:changed.index("2020-02-31")].count("\n") + 1
    folder = Folder(tmp_path)
    result = folder.run("validate", "--config", str(broken), "--lang", "zh")
    assert result.returncode == 2, result.explain()
    line = next((ln for ln in result.output.splitlines()
                 if re.search(rf"{re.escape(process.name)}:{line_no}: ", ln)), None)
    assert line is not None, f"no {process.name}:{line_no}: line:\n{result.explain()}"
    assert re.search(rf":{line_no}: [\w.\[\]-]*opens\b", line), line
    assert CJK.search(line), f"refusal not in Chinese: {line!r}"
    words = english_words(prose_of(result.output), allowed_text=("2020-02-31",))
    assert words == [], f"English words {words[:20]} in:\n{result.explain()}"


def test_refused_unknown_id_in_chinese(tmp_path: Path) -> None:
    folder = Folder(tmp_path)
    result = folder.run("deliver", "no-such-output", "--on", "2020-01-02", "--lang", "zh")
    assert result.returncode == 2, result.explain()
    assert CJK.search(result.stderr), result.explain()
    words = english_words(prose_of(result.output), allowed_text=("no-such-output",))
    assert words == [], f"English words {words[:20]} in:\n{result.explain()}"
    assert "#1" not in folder.run("history").stdout
