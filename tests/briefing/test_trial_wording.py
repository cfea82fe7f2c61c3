"""The wording a new user's trial found wrong in the Bureau briefing, pinned as corrected, in both
languages, on the bundled process with its shipped history as of 1 April 2020: an output with no
due date yet, a venue that already says the mode, meetings held as recorded (no bracket in a
bracket), a note's untranslated mark outside its quotation marks, full-width brackets and quotes
in Chinese, `--since none` with a briefing recorded, `--since DATE` in the section headings."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mandates.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _brief(folder: Path, name: str, *args: str) -> str:
    target = folder / f"{name}.md"
    _run("brief", "--as-of", "2020-04-01", "-o", str(target), *args)
    return target.read_text(encoding="utf-8")


@pytest.fixture()
def briefs(isolated_env: Path) -> dict[str, str]:
    """The briefing of 1 April 2020 in English and Chinese, a note written in Chinese recorded;
    then `--since none` (a briefing is recorded by then) and `--since 2020-01-06`."""
    _run("note", "sbi-3", "主席团要求提供最新情况", "--on", "2020-03-25", "--written-in", "zh")
    return {"en": _brief(isolated_env, "en"), "zh": _brief(isolated_env, "zh", "--lang", "zh"),
            "none": _brief(isolated_env, "none", "--since", "none"),
            "date": _brief(isolated_env, "date", "--since", "2020-01-06"),
            "date-zh": _brief(isolated_env, "date-zh", "--since", "2020-01-06", "--lang", "zh")}


def test_english_briefing_words(briefs: dict[str, str]) -> None:
    en = briefs["en"]
    assert "WG2020; decision 14/34. No due date yet; 3 of its inputs are late:" in en
    assert "Due on no date" not in en
    assert "Compliance Committee under the Nagoya Protocol, 21–23 April 2020, Online — in 20 days." in en
    assert "Online (online)" not in en
    assert "Online (Edinburgh Process, hosted by the Scottish Government)." in en
    assert "Montreal, Canada (held, as recorded)." in en
    assert "(held (recorded))" not in en
    assert "(Chinese original) “主席团要求提供最新情况”" in en
    assert "“(Chinese original)" not in en


def test_chinese_briefing_words(briefs: dict[str, str]) -> None:
    zh = briefs["zh"]
    assert ("2020年后全球生物多样性框架不限成员名额工作组；第14/34号决定。"
            "尚无截止日期；其中3项投入迟到：") in zh
    assert "截止日期为尚无日期" not in zh
    assert "2020年4月21日至23日，线上，20天后举行。" in zh
    assert "线上（线上举行）" not in zh
    assert "（已举行，有记录）" in zh and "（已举行（有记录））" not in zh
    assert "_（按季度推定（案文称“在必要时”））_" in zh
    assert "_(" not in zh and "案文称'" not in zh
    assert "（英文原文）“Bern II" in zh and "“（英文原文）" not in zh


def test_since_none_and_since_a_date(briefs: dict[str, str]) -> None:
    none = briefs["none"]
    assert "Changes are shown against the plan as adopted." in none
    assert "No earlier briefing is recorded" not in none  # two are recorded by then
    assert "## 4. Changes to the plan as adopted" in none
    dated, dated_zh = briefs["date"], briefs["date-zh"]
    assert "## 3. Delivered since 6 January 2020" in dated
    assert "## 4. Moves since 6 January 2020" in dated
    assert "since the last briefing" not in dated
    assert "new since 6 January 2020" in dated
    assert "## 3. 2020年1月6日以来交付的成果" in dated_zh
    assert "## 4. 2020年1月6日以来的变动" in dated_zh
    assert "上次简报" not in dated_zh
