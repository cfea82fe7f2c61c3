"""Bad input is an error a person can act on; settings are checked at every depth; files get the
mode their audience needs.

Issue 8: "Settings on `pydantic-settings`: every key validated at every depth (a typo like
`alerts: {url: …}` is an error naming the nearest valid key, a bad time zone is an error)"; "One
atomic file writer (…, file mode by audience: public files world-readable, secretariat files
readable only by the owner and a configured group, so a web server can serve them)". DESIGN.md:
"no input ever produces a traceback"; "nothing is written when the input is invalid". README:
"Exit codes: 0 done; 1 with `--strict` …; 2 bad input."
"""

from __future__ import annotations

import re
import stat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import Result, Scenario, cli_env, run_cli

AS_OF = "2020-01-06"


def squeeze(text: str) -> str:
    """The text without white space, so that a wrapped line cannot hide a path."""
    return re.sub(r"\s+", "", text)


def assert_bad_input(result: Result) -> None:
    assert result.returncode == 2, result.explain()
    assert "Traceback" not in result.output, result.explain()
    assert result.stderr.strip(), "exit 2 without a word on stderr"


# (settings file, the field as written, the nearest valid key)
TYPOS = {
    "urls": ("alerts:\n  url: ['json://localhost']\n", r"alerts\W{1,4}url\b"),
    "alarms_days_before": ("feeds:\n  alarm_days_before: [7, 1]\n", r"feeds\W{1,4}alarm_days_before\b"),
    "horizon_weeks": ("briefing:\n  horizon_week: 6\n", r"briefing\W{1,4}horizon_week\b"),
    "calendars_dir": ("calendar_dir: somewhere\n", r"\bcalendar_dir\b"),
}
OTHER_SETTINGS = {
    "bad time zone": "timezone: Mars/Olympus\n",
    "wrong type at depth": "feeds:\n  keep_cancelled_days: soon\n",
}


@dataclass(frozen=True)
class SettingsRun:
    """`mandates feeds` run with one settings file."""

    result: Result
    settings: Path
    out: Path


def _feeds_with_settings(folder: Path, content: str, via_env: bool) -> SettingsRun:
    folder.mkdir(parents=True)
    settings = folder / "site-settings.yaml"
    settings.write_text(content, encoding="utf-8")
    out = folder / "out"
    args = ["feeds", "--as-of", AS_OF, "--out", str(out)]
    extra = {"MANDATES_SETTINGS": str(settings)} if via_env else {}
    if not via_env:
        args += ["--settings", str(settings)]
    result = run_cli(args, cli_env(folder / "state.db", folder / "cache", **extra), folder)
    return SettingsRun(result, settings, out)


@pytest.fixture(scope="module")
def settings_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SettingsRun]:
    """Every settings case, run side by side, each in its own folder."""
    root = tmp_path_factory.mktemp("settings")
    cases = {**{name: (content, False) for name, (content, _) in TYPOS.items()},
             **{name: (content, False) for name, content in OTHER_SETTINGS.items()},
             "through the environment": (TYPOS["urls"][0], True)}
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = pool.map(lambda item: _feeds_with_settings(root / re.sub(r"\W", "-", item[0]), *item[1]),
                        cases.items())
        return dict(zip(cases, runs, strict=True))


def _names_the_file(run: SettingsRun) -> bool:
    return squeeze(str(run.settings)) in squeeze(run.result.output) or run.settings.name in run.result.output


@pytest.mark.parametrize("nearest", list(TYPOS))
def test_settings_typo_names_file_field_and_nearest_key(settings_runs: dict[str, SettingsRun],
                                                        nearest: str) -> None:
    run = settings_runs[nearest]
    assert_bad_input(run.result)
    message = run.result.output
    assert _names_the_file(run), f"the settings file is not named: {message}"
    field = TYPOS[nearest][1]
    assert re.search(field, message), f"the field is not named as written ({field}): {message}"
    assert re.search(rf"\b{nearest}\b", message), f"the nearest valid key {nearest!r} is not named: {message}"
    assert not list(run.out.rglob("*.ics")), "feeds were written from invalid settings"


def test_settings_typo_through_the_environment(settings_runs: dict[str, SettingsRun]) -> None:
    """The file MANDATES_SETTINGS names is checked the same way."""
    run = settings_runs["through the environment"]
    assert_bad_input(run.result)
    assert _names_the_file(run) and re.search(r"\burls\b", run.result.output), run.result.explain()


def test_settings_bad_time_zone_is_a_clear_error(settings_runs: dict[str, SettingsRun]) -> None:
    run = settings_runs["bad time zone"]
    assert_bad_input(run.result)
    message = run.result.output
    assert _names_the_file(run), run.result.explain()
    assert "timezone" in message and "Mars/Olympus" in message, run.result.explain()
    assert not list(run.out.rglob("*.ics")), "feeds were written from invalid settings"


def test_settings_wrong_type_at_depth_is_an_error(settings_runs: dict[str, SettingsRun]) -> None:
    run = settings_runs["wrong type at depth"]
    assert_bad_input(run.result)
    assert _names_the_file(run) and "keep_cancelled_days" in run.result.output, run.result.explain()


# --- every bad input: exit 2, a message, no traceback, nothing recorded --------------------------

BAD_INPUTS = {
    "impossible date": ("check", "--as-of", "2020-13-45"),
    "unknown format": ("check", "--as-of", AS_OF, "--format", "xml"),
    "unknown language": ("check", "--as-of", AS_OF, "--lang", "fr"),
    "malformed process file": ("check", "--as-of", AS_OF, "--config", "broken.yaml"),
    "unknown database": ("check", "--as-of", AS_OF, "--database", "nonsense://nowhere"),
    "briefing since": ("brief", "--as-of", AS_OF, "--since", "someday", "-o", "b.md"),
    "show unknown id": ("show", "nosuch"),
    "malformed settings file": ("feeds", "--as-of", AS_OF, "--out", "out", "--settings", "broken.yaml"),
    # Commands that record: nothing may be recorded.
    "note unknown id": ("note", "nosuch", "--on", "2020-01-10", "text"),
    "deliver a meeting": ("deliver", "wg2020-2", "--on", "2020-01-10"),
    "waive without reason": ("waive", "wg2020-2-documents", "--on", "2020-01-10", "--reason", ""),
    "reschedule backwards": ("reschedule", "wg2020-2", "--opens", "2020-03-05", "--closes",
                             "2020-03-01", "--announced", "2020-02-01"),
    "reschedule unknown zone": ("reschedule", "wg2020-2", "--opens", "2020-03-01", "--closes",
                                "2020-03-05", "--announced", "2020-02-01", "--timezone", "Mars/Olympus"),
}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> Scenario:
    scenario = Scenario(tmp_path_factory.mktemp("bad-inputs"), AS_OF, plan_cache)
    (scenario.root / "broken.yaml").write_text("process: [\n", encoding="utf-8")
    scenario.record("history")  # creates the database before the commands run side by side
    scenario.prefetch(list(BAD_INPUTS.values()))
    return scenario


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_exits_2_without_traceback(bad_inputs: Scenario, name: str) -> None:
    assert_bad_input(bad_inputs.run(*BAD_INPUTS[name]))


def test_bad_input_records_nothing(bad_inputs: Scenario) -> None:
    history = bad_inputs.run("history")
    assert history.returncode == 0, history.explain()
    assert not re.search(r"^#\d+", history.stdout, re.MULTILINE), history.stdout


# --- file modes by audience ------------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o077, 0o000], ids=["umask-077", "umask-000"])
def test_feed_files_get_the_mode_of_their_audience(tmp_path: Path, umask: int) -> None:
    """Public feeds are world-readable whatever the umask; the secretariat's feed never is."""
    out = tmp_path / "calendars"
    result = run_cli(["feeds", "--as-of", AS_OF, "--out", str(out)],
                     cli_env(tmp_path / "state.db", tmp_path / "cache"), tmp_path, umask=umask)
    assert result.returncode == 0, result.explain()
    feeds = sorted(out.rglob("*.ics"))
    private = [p for p in feeds if "secretariat" in p.name]
    public = [p for p in feeds if p not in private]
    assert private and len(public) >= 10, feeds
    not_readable = [f"{p.relative_to(out)} {stat.filemode(p.stat().st_mode)}" for p in public
                    if not p.stat().st_mode & stat.S_IROTH]
    assert not not_readable, f"public feeds not world-readable: {not_readable}"
    exposed = [f"{p.relative_to(out)} {stat.filemode(p.stat().st_mode)}" for p in private
               if p.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH)]
    assert not exposed, f"secretariat feeds open to everyone: {exposed}"
