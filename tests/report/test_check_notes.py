"""Recent notes and waivers in the daily check (terminal, both languages, and JSON), user text
marked untranslated in the other language, and control characters never reaching the terminal.

Through the real command (Typer's runner) on a temporary SQLite database; the check as of
Friday 10 January 2020, whose due-soon window is 14 days (27 December 2019 to 10 January 2020).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mandates import __version__
from mandates.cli import app
from mandates.words.markup import terminal_text

runner = CliRunner()
AS_OF = "2020-01-10"
WAIVER = "Superseded by the zero draft itself"
CHINESE_NOTE = "东道国已确认会场"


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "220"})
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture()
def noted(isolated_env: Path) -> Path:
    """Notes on both edges of the window, one before it, one after the check's date, a waiver
    and a note written in Chinese."""
    run("note", "wg2020-2", "--on", "2019-12-26", "too old for the window")
    run("note", "wg2020-2", "--on", "2019-12-27", "first day of the window")
    run("waive", "zero-draft-overview", "--on", "2020-01-03", "--reason", WAIVER)
    run("note", "cop-15", "--on", "2020-01-08", "--written-in", "zh", CHINESE_NOTE)
    run("note", "wg2020-2-documents", "--on", AS_OF, "translation sent")
    run("note", "wg2020-2", "--on", "2020-01-11", "not yet in effect")
    return isolated_env


def section(text: str, heading: str) -> list[str]:
    """The lines of a section of the check, from its heading to the next blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_the_check_lists_recent_notes_newest_first(noted: Path) -> None:
    assert section(run("check", "--as-of", AS_OF), "Notes (") == [
        "Notes (4)",
        "  wg2020-2-documents  2020-01-10 note: translation sent",
        f"  cop-15  2020-01-08 note: (Chinese original) {CHINESE_NOTE}",
        f"  zero-draft-overview  2020-01-03 waived: {WAIVER}",
        "  wg2020-2  2019-12-27 note: first day of the window",
    ]


def test_the_chinese_check_marks_english_text(noted: Path) -> None:
    assert section(run("check", "--as-of", AS_OF, "--lang", "zh"), "近期说明（") == [
        "近期说明（4）",
        "  wg2020-2-documents  2020-01-10 说明：（英文原文）translation sent",
        f"  cop-15  2020-01-08 说明：{CHINESE_NOTE}",
        f"  zero-draft-overview  2020-01-03 免除：（英文原文）{WAIVER}",
        "  wg2020-2  2019-12-27 说明：（英文原文）first day of the window",
    ]


def test_the_window_is_the_due_soon_window(noted: Path) -> None:
    assert section(run("check", "--as-of", AS_OF, "--due-soon", "2"), "Notes (") == [
        "Notes (2)",
        "  wg2020-2-documents  2020-01-10 note: translation sent",
        f"  cop-15  2020-01-08 note: (Chinese original) {CHINESE_NOTE}",
    ]


def test_no_notes_no_section(isolated_env: Path) -> None:
    assert "Notes (" not in run("check", "--as-of", AS_OF)


def test_the_json_lists_the_same_notes(noted: Path) -> None:
    data: dict[str, Any] = json.loads(run("check", "--as-of", AS_OF, "--format", "json"))
    assert data["schema_version"] == "1.3"
    assert [(n["subject"], n["kind"], n["on"], n["text"], n["written_in"]) for n in data["notes"]] == [
        ("wg2020-2-documents", "note", "2020-01-10", "translation sent", "en"),
        ("cop-15", "note", "2020-01-08", CHINESE_NOTE, "zh"),
        ("zero-draft-overview", "waived", "2020-01-03", WAIVER, "en"),
        ("wg2020-2", "note", "2019-12-27", "first day of the window", "en"),
    ]
    assert all(isinstance(n["id"], int) for n in data["notes"])
    waived = next(o for o in data["outputs"] if o["id"] == "zero-draft-overview")
    assert waived["reason"] == f"waived on Friday 3 January 2020: {WAIVER}"  # English as before
    assert waived["reason_text"]["zh"] == f"已于2020年1月3日（星期五）免除：（英文原文）{WAIVER}"


def test_a_waiver_written_in_chinese_is_marked_in_english(isolated_env: Path) -> None:
    run("waive", "zero-draft-overview", "--on", "2020-01-03", "--written-in", "zh",
        "--reason", "已并入零草案")
    data: dict[str, Any] = json.loads(run("check", "--as-of", AS_OF, "--format", "json"))
    waived = next(o for o in data["outputs"] if o["id"] == "zero-draft-overview")
    assert waived["reason_text"] == {
        "en": "waived on Friday 3 January 2020: (Chinese original) 已并入零草案",
        "zh": "已于2020年1月3日（星期五）免除：已并入零草案"}


def test_show_in_chinese_marks_a_venue_typed_in_english(isolated_env: Path) -> None:
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", "Rome, FAO headquarters", "--announced", "2020-01-02")
    run("note", "wg2020-2", "--on", "2020-01-05", "registration open")
    shown = run("show", "wg2020-2", "--as-of", AS_OF, "--lang", "zh")
    assert "地点：（英文原文）Rome, FAO headquarters（时区：" in shown
    assert "改期为2020-02-24至2020-02-29，地点：（英文原文）Rome, FAO headquarters（登记于" in shown
    assert "2020-01-05 说明：（英文原文）registration open（登记于" in shown
    english = run("show", "wg2020-2", "--as-of", AS_OF)
    assert "where: Rome, FAO headquarters (" in english and "英文原文" not in english


@pytest.mark.parametrize("command", [
    ("history",), ("show", "wg2020-2", "--as-of", AS_OF), ("check", "--as-of", AS_OF),
    ("check", "--as-of", AS_OF, "--lang", "zh")])
def test_control_characters_never_reach_the_terminal(isolated_env: Path,
                                                     command: tuple[str, ...]) -> None:
    """ESC, BEL, CSI (C1) and CR in a note are shown as `\\xNN`, never sent as they are."""
    recorded = run("note", "wg2020-2", "--on", AS_OF, "a\x1b[2J\x07b\x9bc\rd")
    said = run(*command)
    for output in (recorded, said):
        assert not {"\x1b", "\x07", "\x9b", "\r"} & set(output)
        assert "a\\x1b[2J\\x07b\\x9bc\\x0dd" in output


def test_terminal_text_shows_controls_and_keeps_layout() -> None:
    assert terminal_text("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert terminal_text("\x00\x7f\x85\x9f") == "\\x00\\x7f\\x85\\x9f"
    assert terminal_text("line\n\ttab 中文 é") == "line\n\ttab 中文 é"


def test_version(isolated_env: Path) -> None:
    assert run("--version") == f"mandates {__version__}\n"
