"""The lint finds what the parsers let through (issue 4, done-when: the lint)."""

from __future__ import annotations

import pytest

from mandates.feeds.ics import fold
from mandates.feeds.lint import lint, main

HEAD = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "NAME:Test", "X-WR-CALNAME:Test",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H"]
EVENT = ["BEGIN:VEVENT", "UID:meeting-a@p.mandates", "DTSTAMP:20200101T000000Z",
         "DTSTART;VALUE=DATE:20200224", "DTEND;VALUE=DATE:20200229", "SUMMARY:A\\, b\\; c",
         "SEQUENCE:0", "STATUS:CONFIRMED", "END:VEVENT"]


def ics(*lines: str, head: list[str] | None = None, events: list[list[str]] | None = None) -> bytes:
    """A calendar from content lines (folded), CRLF-terminated."""
    body = [*(head or HEAD), *lines]
    for event in events if events is not None else [EVENT]:
        body += event
    body.append("END:VCALENDAR")
    return b"".join(fold(line) + b"\r\n" for line in body)


def _event(**changes: str | None) -> list[str]:
    lines = []
    for line in EVENT:
        key = line.split(":")[0].split(";")[0]
        if key in changes:
            if changes[key] is not None:
                lines.append(changes[key] or "")
        else:
            lines.append(line)
    return lines


def test_a_good_calendar_passes() -> None:
    """The reference calendar has no problem."""
    assert lint(ics()) == []


@pytest.mark.parametrize(("data", "expected"), [
    (ics(events=[EVENT, EVENT]), "UID meeting-a@p.mandates used by 2 components"),
    (ics(head=[*HEAD, "NAME:Again"]), "calendar property NAME written 2 times"),
    (ics(head=[*HEAD, "X-WR-CALNAME:Again"]), "calendar property X-WR-CALNAME written 2 times"),
    (ics(events=[_event(DTEND="DTEND;VALUE=DATE:20200224")]), "all-day DTEND 20200224 is not after"),
    (ics(events=[_event(DTEND="DTEND;VALUE=DATE:20200220")]), "all-day DTEND 20200220 is not after"),
    (ics(head=[*HEAD[:6], "X-PUBLISHED-TTL:12:00:00"]), "X-PUBLISHED-TTL '12:00:00' is not a duration"),
    (ics(head=[*HEAD[:5], "REFRESH-INTERVAL:PT12H", HEAD[6]]), "REFRESH-INTERVAL without VALUE=DURATION"),
    (ics(events=[_event(SUMMARY="SUMMARY:a, b")]), "unescaped comma or semicolon"),
    (ics(events=[_event(SUMMARY="SUMMARY:a\\x")]), "a backslash that escapes nothing"),
    (ics(events=[_event(DTSTAMP="DTSTAMP:20200101T000000")]), "is not a UTC date-time"),
    (ics(events=[_event(STATUS="STATUS:POSTPONED")]), "STATUS 'POSTPONED' is not valid in VEVENT"),
    (ics(events=[_event(UID=None)]), "needs exactly one UID"),
    (ics(events=[[*EVENT[:-1], "SUMMARY:twice", "END:VEVENT"]]), "SUMMARY written 2 times"),
    (ics(events=[_event(DTEND="DTEND:20200229T100000Z")]), "DTSTART and DTEND are not both dates"),
    (ics(events=[EVENT[:-1]]), "BEGIN:VEVENT is never closed"),
])
def test_each_problem_is_found(data: bytes, expected: str) -> None:
    """Duplicate UIDs, calendar properties twice, DTEND = DTSTART, bad durations, escaping, ..."""
    problems = lint(data)
    assert any(expected in p for p in problems), problems


def test_bytes_level_problems() -> None:
    """Invalid UTF-8, LF line ends, long lines, a character split by folding."""
    good = ics()
    assert lint(good.replace(b"Test", b"T\xffst", 1))[0].startswith("not valid UTF-8")
    assert any("bare CR or LF" in p for p in lint(good.replace(b"\r\n", b"\n")))
    long_line = ics(events=[_event(SUMMARY="SUMMARY:" + "x" * 100)]).replace(b"\r\n ", b"")
    assert any("more than 75" in p for p in lint(long_line))
    split = "SUMMARY:" + "工" * 30
    raw = split.encode()
    cut = ics(events=[_event(SUMMARY="SUMMARY:x")]).replace(
        b"SUMMARY:x", raw[:70] + b"\r\n " + raw[70:])
    assert any("not valid UTF-8 on its own" in p for p in lint(cut))


def test_folding_keeps_characters_and_escapes_whole() -> None:
    """`fold` cuts at 75 octets between characters and never right after an escaping backslash."""
    line = "SUMMARY:" + "工作组🦋\\," * 40
    folded = fold(line)
    pieces = folded.split(b"\r\n ")
    assert b"".join(pieces).decode() == line
    for number, piece in enumerate(pieces):
        assert len(piece) + (1 if number else 0) <= 75
        piece.decode("utf-8")
        assert (len(piece) - len(piece.rstrip(b"\\"))) % 2 == 0


def test_the_command_line(tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m mandates.feeds.lint FILE...` exits 1 and names the file and the problem."""
    from pathlib import Path

    folder = Path(str(tmp_path))
    good, bad = folder / "good.ics", folder / "bad.ics"
    good.write_bytes(ics())
    bad.write_bytes(ics(events=[EVENT, EVENT]))
    assert main([str(good)]) == 0
    assert main([str(good), str(bad)]) == 1
    assert "bad.ics: UID meeting-a@p.mandates used by 2 components" in capsys.readouterr().out


def test_a_calendar_with_no_component_is_a_problem() -> None:
    """RFC 5545 3.6: `calendarc = 1*component`; Outlook reports such a subscription as empty
    (issue 11, part 8). A calendar with only a VTIMEZONE has a component."""
    assert any("no component" in p for p in lint(ics(events=[])))
    timezone_only = [["BEGIN:VTIMEZONE", "TZID:America/Toronto", "BEGIN:STANDARD",
                      "DTSTART:19701101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
                      "END:STANDARD", "END:VTIMEZONE"]]
    assert not any("no component" in p for p in lint(ics(events=timezone_only)))
