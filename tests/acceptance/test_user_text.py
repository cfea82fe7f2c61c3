"""User text is text, everywhere: never markup in the terminal, HTML, markdown or iCalendar.

Issue 8: "`mandates note … "[/b] <script>alert(1)</script> *x* BEGIN:VEVENT"` then `history`,
`show`, `check`, `brief --format html|md`, `feeds` all show the text literally and stay valid."
Today such a note is recorded and every later `history` and `show` crashes, for good.

Also: a note holding a terminal escape sequence (ESC [2J clears the screen) is shown, but never
reaches the terminal raw.
"""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from .helpers import (
    Result,
    Scenario,
    html_script_elements,
    html_visible_text,
    ics_components,
    ics_human_texts,
    markdown_html,
    markdown_visible_text,
)

NOTE = "[/b] <script>alert(1)</script> *x* BEGIN:VEVENT"
ESCAPE_NOTE = "before \x1b[2J after"
AS_OF = "2020-01-10"


def _scenario(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path, name: str) -> Scenario:
    return Scenario(tmp_path_factory.mktemp(name), AS_OF, plan_cache)


def _commands(scenario: Scenario) -> list[tuple[str, ...]]:
    return [scenario.brief("en", "md"), scenario.feeds(), scenario.brief("en", "html"),
            ("history",), ("show", "wg2020-2", "--as-of", AS_OF), scenario.check("en")]


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> tuple[Scenario, Result]:
    """A history with one note full of markup, and every output made after it."""
    scenario = _scenario(tmp_path_factory, plan_cache, "noted")
    recorded = scenario.run("note", "wg2020-2", "--on", AS_OF, NOTE)
    scenario.prefetch(_commands(scenario))
    return scenario, recorded


@pytest.fixture(scope="module")
def quiet(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> Scenario:
    """The same day with nothing recorded: the feeds to compare event counts with."""
    scenario = _scenario(tmp_path_factory, plan_cache, "quiet")
    scenario.feeds_written()
    return scenario


@pytest.fixture(scope="module")
def escaped(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> tuple[Scenario, Result]:
    """A history with one note holding a terminal escape sequence."""
    scenario = _scenario(tmp_path_factory, plan_cache, "escaped")
    recorded = scenario.run("note", "wg2020-2", "--on", AS_OF, ESCAPE_NOTE)
    scenario.prefetch([("history",), ("show", "wg2020-2", "--as-of", AS_OF), scenario.check("en")])
    return scenario, recorded


def test_note_is_recorded_and_echoed_literally(noted: tuple[Scenario, Result]) -> None:
    _, recorded = noted
    assert recorded.returncode == 0, recorded.explain()
    assert NOTE in recorded.stdout, recorded.explain()


@pytest.mark.parametrize("command", ["history", "show", "check"])
def test_terminal_shows_the_note_literally(noted: tuple[Scenario, Result], command: str) -> None:
    scenario, _ = noted
    args = {"history": ("history",), "show": ("show", "wg2020-2", "--as-of", AS_OF),
            "check": scenario.check("en")}[command]
    result = scenario.run(*args)
    assert result.returncode == 0, result.explain()
    assert "Traceback" not in result.output, result.explain()
    assert NOTE in result.stdout, result.explain()


def test_html_briefing_shows_the_note_as_text(noted: tuple[Scenario, Result]) -> None:
    scenario, _ = noted
    page = scenario.brief_text("en", "html")
    scripts = [s for s in html_script_elements(page) if "alert(1)" in s]
    assert not scripts, f"the note became a <script> element: {scripts}"
    assert NOTE in html_visible_text(page), "the note is not shown literally in the HTML briefing"


def test_markdown_briefing_shows_the_note_as_text(noted: tuple[Scenario, Result]) -> None:
    scenario, _ = noted
    text = scenario.brief_text("en", "md")
    # `\<script\>` is markdown for the literal characters; a raw, unescaped tag is not.
    raw = re.findall(r"(?<!\\)<script", text, re.IGNORECASE)
    assert not raw, "raw <script> in the markdown briefing"
    rendered = markdown_html(text)
    assert not [s for s in html_script_elements(rendered) if "alert(1)" in s]
    assert NOTE in markdown_visible_text(text), "the note is not shown literally once rendered"


def test_feeds_show_the_note_and_keep_their_events(noted: tuple[Scenario, Result],
                                                    quiet: Scenario) -> None:
    scenario, _ = noted
    calendars = scenario.feeds_written()
    feeds = sorted(calendars.rglob("*.ics"))
    assert feeds
    for path in feeds:
        relative = path.relative_to(calendars)
        raw_begins = path.read_bytes().count(b"\nBEGIN:VEVENT") + path.read_bytes().count(b"\nBEGIN:VTODO")
        parsed = len(ics_components(path))  # icalendar parses it, or this raises
        baseline = len(ics_components(quiet.feeds_written() / relative))
        assert raw_begins == parsed, f"{relative}: a line of user text starts a component"
        assert parsed == baseline, f"{relative}: {parsed} components, {baseline} without the note"
    shown = [f"{path.name} {prop}" for path in feeds if path.name.endswith(".en.ics")
             for _, prop, text in ics_human_texts(path) if NOTE in text]
    assert shown, "no English feed shows the note literally"


def test_feeds_stay_valid_icalendar(noted: tuple[Scenario, Result]) -> None:
    scenario, _ = noted
    for path in sorted(scenario.feeds_written().rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert calendar.name == "VCALENDAR"
        assert not calendar.errors, (path.name, calendar.errors)
        for component in calendar.walk():
            assert not getattr(component, "errors", None), (path.name, component.name, component.errors)


def test_note_command_does_not_write_an_escape_sequence(escaped: tuple[Scenario, Result]) -> None:
    _, recorded = escaped
    assert recorded.returncode == 0, recorded.explain()
    assert "\x1b" not in recorded.output, repr(recorded.output)


@pytest.mark.parametrize("command", ["history", "show", "check"])
def test_escape_sequence_never_reaches_the_terminal_raw(escaped: tuple[Scenario, Result],
                                                       command: str) -> None:
    scenario, _ = escaped
    args = {"history": ("history",), "show": ("show", "wg2020-2", "--as-of", AS_OF),
            "check": scenario.check("en")}[command]
    result = scenario.run(*args)
    assert result.returncode == 0, result.explain()
    assert "\x1b" not in result.output, repr(result.output[-800:])
    # The note is still shown, its control character made visible.
    assert "before" in result.stdout and "[2J after" in result.stdout, result.explain()
