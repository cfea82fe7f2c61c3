"""The Chinese Bureau briefing (markdown and HTML) through the real `mandates brief`: no English
word other than ids, document symbols, time zones, the acronyms of the Chinese recommendation and
what a user typed, which is shown as written."""

from __future__ import annotations

import html
import re
from pathlib import Path

import chinese_text as chinese
import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.core.plan import Plan

runner = CliRunner()
ROME = "Rome, FAO headquarters"
WAIVER = "merged into the para 4 call"




def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    return result.output


def visible_text(page: str) -> str:
    """What a reader of an HTML page sees: no style, script or SVG markup, no tags, entities read."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


@pytest.fixture()
def recorded(isolated_env: Path) -> Path:
    """WG2020-2 moved to Rome, the submissions on the structure waived, one output delivered."""
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", ROME, "--announced", "2020-02-03")
    run("waive", "views-structure", "--on", "2019-09-01", "--reason", WAIVER)
    run("deliver", "zero-draft-overview", "--on", "2020-01-06", "--ref", "CBD/WG2020/2/3")
    return isolated_env


@pytest.mark.parametrize("as_of", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("output_format", ["md", "html"])
def test_chinese_briefing_has_no_english(recorded: Path, bundled_plan: Plan, as_of: str,
                                         output_format: str) -> None:
    path = recorded / f"briefing.zh.{output_format}"
    run("brief", "--as-of", as_of, "--since", "none", "--lang", "zh", "--format", output_format,
        "-o", str(path), "--no-snapshot")
    text = path.read_text(encoding="utf-8")
    if output_format == "html":
        text = visible_text(text)
    assert chinese.english_words(text, bundled_plan, [ROME, WAIVER]) == [], text
    assert "主席团简报" in text
