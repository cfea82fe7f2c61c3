"""What a new user's trial found (errors, settings, wording), each as the user met it: a settings
file with a typo or broken YAML refused by every command (`--settings` on each), every problem at
once; an output named where a meeting is expected; messages in Chinese under `--lang zh`; option
errors without library wording; `brief -o x.docx`; one spelling of statuses; and the small ones
(nothing listed, `<bool>` in help, punctuation)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from mandates.cli import COMMANDS, RUN_COMMANDS, command_of
from mandates.config.settings import Settings, load_settings
from mandates.errors import MandatesError, SettingsError
from mandates.feeds.published import Published
from mandates.web import create_app
from mandates.words.refusals import translated

from .conftest import Check, Run

AS_OF = "2020-01-06"
BAD = ("language: fr\ntimezone: Europe/Rom\ndaily_check_cron: \"0 7 *\"\nalerts:\n"
       "  retries: -1\n")


def write(folder: Path, text: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# 1. The settings: checked by every command, every problem at once ------------------------------

@pytest.mark.parametrize("args", [("check", "--as-of", AS_OF), ("list",), ("show", "cop-15"),
                                  ("history",), ("validate",)])
def test_a_typo_in_the_settings_is_an_error_for_read_only_commands(run: Run, tmp_path: Path,
                                                                    args: tuple[str, ...]) -> None:
    typo = write(tmp_path, "langauge: zh\n")
    said = run(*args, env={"MANDATES_SETTINGS": str(typo)}, code=2)
    assert said.strip() == f"error: {typo}:1: langauge: unknown key 'langauge'; did you mean 'language'?"
    assert run(*args, "--settings", str(typo), code=2) == said  # the option, as the variable


def test_a_file_that_is_not_yaml_is_an_error(run: Run, tmp_path: Path) -> None:
    broken = write(tmp_path, "a: [b\n")
    said = run("check", "--as-of", AS_OF, "--settings", str(broken), code=2)
    assert f"{broken}:2: malformed YAML" in said


def test_every_problem_is_reported_at_once_in_either_language(run: Run, tmp_path: Path,
                                                             chinese: Check) -> None:
    bad = write(tmp_path, BAD)
    said = run("check", "--settings", str(bad), code=2)
    assert said.splitlines() == [
        f"{bad}:1: language: Input should be 'en' or 'zh'",
        f"{bad}:2: timezone: unknown time zone 'Europe/Rom'; did you mean 'Europe/Rome'?",
        f"{bad}:3: daily_check_cron: expected a cron of five fields (minute hour day month "
        "weekday), not '0 7 *'",
        f"{bad}:5: alerts.retries: Input should be greater than or equal to 0",
        "error: 4 problems in the settings; nothing was done"]
    zh = run("check", "--settings", str(bad), "--lang", "zh", code=2)
    assert f"{bad}:3: daily_check_cron: 应为五个字段的定时表达式" in zh
    chinese(zh, ("Europe/Rom", "Europe/Rome", "0 7 *"))


def test_every_command_takes_settings() -> None:
    for name, entry in {**COMMANDS, **RUN_COMMANDS}.items():
        options = {o for p in command_of(name, entry).params for o in p.opts}
        assert "--settings" in options, name


def test_a_valid_file_is_checked_once_then_by_its_hash(tmp_path: Path) -> None:
    """The verdict on unchanged settings is read back without pydantic; a changed file is
    checked again (a new verdict), a bad one reported."""
    import json
    import os
    import subprocess
    import sys

    from mandates.store.db import Store

    url = f"sqlite:///{tmp_path / 'state.db'}"
    Store(url).dispose()
    good = write(tmp_path, "language: zh\nbriefing:\n  horizon_weeks: 3\n")
    code = ("import json, sys\nfrom mandates.cli import main\nsys.argv = ['mandates', 'check', "
            "'--as-of', '2020-01-06']\ntry:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
            "print('\\nVERDICT', json.dumps([code, 'pydantic' in sys.modules]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANDATES_")}
    env.update(MANDATES_SETTINGS=str(good), MANDATES_DATABASE_URL=url,
               MANDATES_CACHE_DIR=str(tmp_path / "cache"))

    def check() -> tuple[list[object], str]:
        done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False)
        return json.loads(done.stdout.rsplit("VERDICT", 1)[1]), done.stdout + done.stderr

    assert check()[0] == [0, True]  # checked in full
    found, said = check()
    assert found == [0, False] and "逾期" in said  # the verdict, by its hash: no pydantic
    write(tmp_path, "language: zh\nbriefing:\n  horizon_weeks: 0\n")
    found, said = check()
    assert found == [2, True] and "briefing.horizon_weeks" in said


# 2. An output where a meeting is expected ----------------------------------------------------

def test_an_output_given_as_a_meeting_says_so(run: Run) -> None:
    said = run("check", "--meeting", "sbstta-24-recs-wg-requests", "--meeting", "cop15", code=2)
    assert said.strip() == (
        "error: --meeting 'cop15': no such meeting (did you mean cop-15?); --meeting "
        "'sbstta-24-recs-wg-requests' is an output, not a meeting (did you mean sbstta-24?)")
    zh = run("check", "--meeting", "sbstta-24-recs-wg-requests", "--lang", "zh", code=2)
    assert zh.strip() == ("错误：--meeting sbstta-24-recs-wg-requests是成果，不是会议"
                          "（是否是指sbstta-24？）")
    assert "is a meeting, not a body" in run("list", "--body", "wg2020-2", code=2)


# 3. Chinese under --lang zh --------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (("whatif", "sbstta-24", "--window", "2020-13..2020-14"),
     "错误：--window：2020-13不是实际存在的月份（没有13月）；请给出YYYY-MM..YYYY-MM或单个月份YYYY-MM"),
    (("whatif", "sbstta-24", "--quarter", "2020-Q5"),
     "错误：--quarter：2020-Q5不是YYYY-Qn格式的季度（如2021-Q1）"),
    (("reschedule", "sbstta-24", "--opens", "2020-05-01", "--closes", "2020-05-03", "--window",
      "2020-05", "--announced", "2020-01-01"),
     "错误：--opens/--closes、--window、--quarter只能给出其中一项（已给出--opens/--closes、--window）"
     "；未登记任何内容"),
])
def test_refusals_are_chinese(run: Run, args: tuple[str, ...], expected: str) -> None:
    assert run(*args, "--lang", "zh", code=2).strip() == expected


def test_a_number_out_of_range_is_said_in_chinese(run: Run, chinese: Check) -> None:
    said = run("check", "--due-soon", "-3", "--lang", "zh", code=2)
    assert "-3不在0至365的范围内" in said and "Input should" not in said
    chinese(said, ("root check", "[OPTIONS]"))  # the usage line, as Click writes it


def test_settings_messages_are_chinese_whole() -> None:
    selection = ("s.yaml:4: feeds.selections.cop15.meeting: no such meeting 'cop-16'; "
                 "did you mean cop-15?")
    assert translated(selection, "zh") == ("s.yaml:4: feeds.selections.cop15.meeting: "
                                           "没有会议cop-16；是否是指cop-15？")
    assert translated("s.yaml:2: feeds.selections.x.status: unknown status 'due-son'; did you "
                      "mean 'due-soon'?", "zh").endswith("未知的状态due-son；是否是指'due-soon'？")


def test_a_dashboard_refusal_is_in_the_page_language(tmp_path: Path) -> None:
    def never(day: object = None) -> object:
        raise AssertionError("a bad date is refused before the check")

    web = create_app(Settings(), Published(tmp_path, {}), never, never)  # type: ignore[arg-type]

    async def get(path: str, **headers: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=web, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://mandates.test") as client:
            return await client.get(path, headers=headers)

    zh = asyncio.run(get("/dashboard/outputs/detailed-workplan?lang=zh&as_of=2021-02-30"))
    assert (zh.status_code, zh.text) == (400, "as_of：2021-02-30不是实际存在的日期")
    assert zh.headers["content-language"].startswith("zh")
    header = asyncio.run(get("/dashboard?as_of=2021-02-30", **{"accept-language": "zh-CN"}))
    assert header.text == "as_of：2021-02-30不是实际存在的日期"
    en = asyncio.run(get("/dashboard?as_of=2021-02-30&lang=en"))
    assert en.text.startswith("as_of: '2021-02-30' is not a real date")


# 4. No library wording -------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "expected"), [
    (("check", "--status", "overdu"), "'overdu' is not one of 'delivered', 'overdue', 'due-soon', "
     "'at-risk', 'blocked', 'on-track', 'cancelled', 'waived'. Did you mean 'overdue'?"),
    (("check", "--lang", "fr"), "'fr' is not one of 'en', 'zh'."),
    (("check", "--format", "xml"), "'xml' is not one of 'text', 'json'."),
    (("list", "meeting"), "'meeting' is not one of 'outputs', 'meetings', 'bodies'. Did you mean "
     "'meetings'?"),
])
def test_a_bad_choice_is_said_plainly_with_the_nearest(run: Run, args: tuple[str, ...],
                                                      expected: str) -> None:
    said = " ".join(run(*args, code=2).replace("│", " ").split())
    assert expected in said and "Value error" not in said


def test_a_database_that_cannot_be_opened_is_named(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "x.db"
    said = run("note", "cop-15", "x", "--on", "2020-01-01", "--database", f"sqlite:///{missing}",
               code=2)
    assert said.strip() == (f"error: cannot open the database {missing}: the folder "
                            f"{missing.parent} does not exist")
    said = run("note", "cop-15", "x", "--on", "2020-01-01", "--database", "mysql://u:secret@h/db",
               code=2)
    assert said.strip() == ("error: cannot open the database: 'mysql' databases are not "
                            "supported; use SQLite (sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/NAME)")


@pytest.mark.parametrize("venue", [("--venue", "Rome"), ()])
def test_an_unknown_zone_gets_the_nearest(run: Run, venue: tuple[str, ...]) -> None:
    """With a venue or alone, a zone that is not one is refused with the nearest zones."""
    said = run("reschedule", "sbstta-24", *venue, "--mode", "online", "--timezone", "Europe/Rom",
               "--announced", "2020-01-01", code=2)
    assert ("error: --timezone: unknown time zone 'Europe/Rom' (did you mean Europe/Rome"
            in said)


def test_a_missing_file_has_no_line_0(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert run("import", str(missing), code=2).splitlines()[0] == f"{missing}: no such file"


# 5. brief -o: the extension and the format agree ------------------------------------------------

def test_brief_refuses_an_extension_of_no_briefing_format(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    said = run("brief", "-o", str(target), "--as-of", AS_OF, code=2)
    assert "a briefing is written as md, html or pdf, not '.docx'" in said
    assert not target.exists()
    said = run("brief", "-o", str(tmp_path / "x.html"), "--format", "md", code=2)
    assert "the extension '.html' does not match --format md" in said


def test_brief_takes_the_format_from_the_extension() -> None:
    from mandates.commands.publishing import BriefFormat, brief_format

    assert brief_format(Path("b.pdf"), None) is BriefFormat.PDF
    assert brief_format(Path("b.HTM"), None) is BriefFormat.HTML
    assert brief_format(None, None) is BriefFormat.MD
    assert brief_format(Path("b.md"), BriefFormat.MD) is BriefFormat.MD
    with pytest.raises(MandatesError):
        brief_format(Path("b.docx"), BriefFormat.MD)


# 6. Statuses: one spelling shown, both read --------------------------------------------------

def test_statuses_are_read_either_way_and_suggested_as_the_cli_spells_them(run: Run,
                                                                            tmp_path: Path) -> None:
    both = write(tmp_path, "feeds:\n  selections:\n    soon:\n      status: [due_soon, at-risk]\n")
    assert load_settings(both).feeds.selections["soon"].status == ("due_soon", "at_risk")
    typo = write(tmp_path, "feeds:\n  selections:\n    soon:\n      status: due_son\n", "t.yaml")
    with pytest.raises(SettingsError, match="unknown status 'due_son'; did you mean 'due-soon'"):
        load_settings(typo)
    assert run("check", "--as-of", AS_OF, "--status", "due_soon", "--status", "at_risk")
    waived = run("list", "--status", "waived", "--as-of", "2022-12-31")
    assert all("  waived  " in line for line in waived.splitlines() if line and "note:" not in line)


# 7. The small ones -----------------------------------------------------------------------------

def test_nothing_listed_is_said(run: Run) -> None:
    said = run("list", "--status", "cancelled", "--as-of", AS_OF)
    assert said.strip() == f"note: nothing matches these filters as of {AS_OF}"
    zh = run("list", "--status", "cancelled", "--as-of", AS_OF, "--lang", "zh")
    assert zh.strip() == f"注意：截至{AS_OF}，没有符合这些筛选条件的内容"


def test_flags_show_no_value_in_help(run: Run) -> None:
    assert "<bool>" not in run("--help")
    assert "<bool>" not in run("check", "--help")


def test_a_question_is_not_followed_by_a_semicolon(run: Run) -> None:
    said = run("deliver", "wg2020-2-documentz", "--on", "2020-01-01", code=2)
    assert "?;" not in said and said.strip().endswith("?); nothing was recorded")
    said = run("whatif", "sbstta-24", "--window", "2020-13..2020-14", code=2)
    assert ") (" not in said
