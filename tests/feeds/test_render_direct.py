"""The calendar head, reminders' triggers and folded components written without icalendar
(issue 12: a cold publication need not import it) are what icalendar 7 writes; an event written
straight to bytes (`feeds.direct.event_body`, `todo_body`) is `ics.body` of its lines."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from icalendar import Calendar, vDuration, vText

from mandates.config.history import shipped_facts
from mandates.config.processes import load_process
from mandates.core.evaluate import evaluate
from mandates.core.plan import Title
from mandates.feeds import direct, ics
from mandates.feeds.build import build_items
from mandates.feeds.items import Item, ItemKind

HOSTILE = ("back\\slash; semi, comma \\N newline\r\nCRLF\rCR\nLF \\, \\; \x07bell \x7f del "
           "\u2028 sep 😀 emoji " + "长" * 60 + " \\")


def _icalendar_head(name: str, description: str) -> bytes:
    """The head as icalendar builds it (the way `ics.head` was written before issue 12)."""
    cal = Calendar()
    cal.add("prodid", ics.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", vText(ics.clean(name, True)))
    cal.add("x-wr-calname", vText(ics.clean(name, True)))
    cal.add("description", vText(ics.clean(description)))
    cal.add("x-wr-caldesc", vText(ics.clean(description)))
    cal.add("refresh-interval", vDuration(ics.REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(ics.REFRESH))
    lines = [str(line) for line in cal.content_lines() if line]
    assert lines[-1] == "END:VCALENDAR"
    return b"".join(ics.fold(line) + b"\r\n" for line in lines[:-1])


@pytest.mark.parametrize(("name", "description"), [
    ("All meetings and deadlines — Convention", "Every meeting. Source: CBD/COP/DEC/15/4."),
    ("全部会议和截止日期 — 公约", "全部会议和全部公开截止日期。" * 8),
    (HOSTILE, HOSTILE),
    ("x" * 200, "y;" * 100),
])
def test_the_head_is_what_icalendar_writes(name: str, description: str) -> None:
    assert ics.head(name, description) == _icalendar_head(name, description)


@pytest.mark.parametrize("days", [-3, 0, 1, 7, 14, 30, 365])
def test_a_reminder_trigger_is_what_icalendar_writes(days: int) -> None:
    written = vDuration(-dt.timedelta(days=days)).to_ical()  # type: ignore[no-untyped-call]
    assert direct._trigger(days) == written.decode("ascii")


@pytest.mark.parametrize("lines", [
    ["BEGIN:VEVENT", "SUMMARY:short", "END:VEVENT"],
    ["BEGIN:VEVENT", "DESCRIPTION:" + ics.escape(ics.clean(HOSTILE)), "END:VEVENT"],
    ["BEGIN:VEVENT", "DESCRIPTION:" + "长" * 100 + "\\\\" * 40, "END:VEVENT"],
])
def test_a_component_is_folded_line_by_line_and_valid(lines: list[str]) -> None:
    data = ics.body(lines)
    assert data == b"".join(ics.fold(line) + b"\r\n" for line in lines)
    assert ics.check_folding(data) is None


@pytest.mark.parametrize("bad", ["SUMMARY:bare\nLF", "SUMMARY:bare\rCR", "SUMMARY:" + "x" * 80 + "\n"])
def test_a_component_with_a_bare_line_break_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="invalid component"):
        ics.body(["BEGIN:VEVENT", bad, "END:VEVENT"])


def _same_body(item: Item) -> None:
    texts = direct.Texts()
    for lang in ("en", "zh"):
        for alarms, notes in (((), False), ((7, 1), True), ((30, 14, 1), False)):
            expected = ics.body(direct.event_lines(item, "p", lang, alarms, notes))
            assert direct.event_body(item, "p", lang, alarms, notes) == expected
            assert direct.event_body(item, "p", lang, alarms, notes, texts) == expected
        for zone in ("Asia/Shanghai", "America/Toronto"):
            expected = ics.body(direct.todo_lines(item, "p", lang, zone))
            assert direct.todo_body(item, "p", lang, zone) == expected
            assert direct.todo_body(item, "p", lang, zone, texts) == expected


def test_an_event_or_todo_written_straight_to_bytes_is_the_body_of_its_lines() -> None:
    """Every item of the bundled process with its history, on three dates; hostile text."""
    plan = load_process(None)
    facts = shipped_facts(plan)
    seen = 0
    for day in (pendulum.Date(2020, 1, 6), pendulum.Date(2021, 10, 16), pendulum.Date(2022, 12, 20)):
        for item in build_items(evaluate(plan, facts, day), 90):
            _same_body(item)
            seen += 1
    assert seen > 200
    text = Title(HOSTILE, "中文；，" + HOSTILE)
    for status, completed in ((None, None), ("CONFIRMED", pendulum.Date(2020, 3, 1)),
                              ("TENTATIVE", None), ("CANCELLED", pendulum.Date(2020, 3, 1))):
        _same_body(Item("deadline-x,y;z" + "k" * 70, ItemKind.DEADLINE, pendulum.Date(2020, 2, 29),
                        pendulum.Date(2020, 3, 1), text, text, text, status,
                        (text, Title("A,B", "甲，乙")), frozenset({"cop"}), True, True,
                        completed_on=completed, notes=text, subject="x"))
