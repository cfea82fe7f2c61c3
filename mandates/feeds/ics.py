"""Calendar items -> iCalendar bytes with icalendar 7 (RFC 5545, RFC 7986; issue 4, item 4).

What icalendar does not do by itself, done here: `REFRESH-INTERVAL;VALUE=DURATION`, a duration
(not Python's `12:00:00`) for `X-PUBLISHED-TTL`, TEXT escaping of RFC 7986 `NAME`, components
sorted, and a check that every folded line is at most 75 octets and never splits a UTF-8
character (icalendar 7.3 folds on character boundaries; `check_folding` keeps it honest).

A publication renders events without icalendar (`feeds.direct`: the same lines, ~40 times
faster); `event`/`todo` here are what the tests hold it to, and what the one event of a feed with
nothing dated is made from. The calendar's head (`head`) is written directly too, so a
publication does not import icalendar (issue 12).
All events are all-day (VALUE=DATE), so no VTIMEZONE is needed; times (DTSTAMP, LAST-MODIFIED,
COMPLETED) are written in UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date, DateTime

from mandates.feeds.items import Item

if TYPE_CHECKING:  # imported where used: a publication with nothing to render needs none of it
    from icalendar import Component, Event, Todo, vText

PRODID = "-//mandates//iCalendar feeds//EN"
REFRESH = dt.timedelta(hours=12)
LINE_LIMIT = 75


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
NEWLINE = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


def clean(text: str, single_line: bool = False) -> str:
    """Text an iCalendar TEXT value can hold: line breaks as LF (or spaces), no control characters."""
    if text.isprintable():  # no control character, line break or surrogate: nothing to clean
        return text
    if not single_line and text.replace("\n", "").isprintable():  # LF alone: kept as it is
        return text
    return CONTROL.sub("", NEWLINE.sub(" " if single_line else "\n", text))


def _text(text: str, single_line: bool = True) -> vText:
    from icalendar import vText

    return vText(clean(text, single_line))


def _date(day: Date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def _utc(moment: DateTime) -> dt.datetime:
    utc = moment.in_timezone("UTC")
    return dt.datetime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, tzinfo=dt.UTC)


def event(item: Item, process: str, lang: str, alarms_days_before: tuple[int, ...] = (),
          notes: bool = False) -> Event:
    """An all-day VEVENT with an exclusive DTEND; VALARMs only when asked, and the item's notes
    at the end of its DESCRIPTION only when `notes` (the private feed)."""
    from icalendar import Alarm, Event, vDuration

    component = Event()
    component.add("uid", item.uid(process))
    component.add("dtstart", _date(item.start))
    component.add("dtend", _date(item.end))
    component.add("summary", _text(item.summary.get(lang)))
    description = item.description.get(lang)
    if notes and item.notes is not None:
        description += "\n" + item.notes.get(lang)
    component.add("description", _text(description, single_line=False))
    if item.location is not None:
        component.add("location", _text(item.location.get(lang)))
    if item.status is not None:
        component.add("status", item.status)
    component.add("transp", "OPAQUE" if item.kind == "meeting" else "TRANSPARENT")
    if item.categories:
        component.add("categories", [clean(c.get(lang), single_line=True) for c in item.categories])
    if item.open:
        for days in sorted(set(alarms_days_before), reverse=True):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _text(item.summary.get(lang)))
            alarm.add("trigger", vDuration(-dt.timedelta(days=days)))
            component.add_component(alarm)
    return component


def todo(item: Item, process: str, lang: str, zone: str) -> Todo:
    """A deadline as a VTODO due on its date, for clients that show tasks (issue 4, item 3)."""
    from icalendar import Todo

    component = Todo()
    component.add("uid", f"task-{item.uid(process)}")
    component.add("due", _date(item.start))
    component.add("summary", _text(item.summary.get(lang)))
    component.add("description", _text(item.description.get(lang), single_line=False))
    if item.status == "CANCELLED":
        component.add("status", "CANCELLED")
    elif item.completed_on is not None:
        component.add("status", "COMPLETED")
        noon = pendulum.datetime(item.completed_on.year, item.completed_on.month,
                                 item.completed_on.day, 12, tz=zone)
        component.add("completed", _utc(noon))
        component.add("percent-complete", 100)
    else:
        component.add("status", "NEEDS-ACTION")
    if item.categories:
        component.add("categories", [clean(c.get(lang), single_line=True) for c in item.categories])
    return component


_SPECIAL = re.compile(r"[\\;,\r\n]")


def escape(text: str) -> str:
    """A TEXT value as icalendar 7 escapes it (`vText.to_ical`: `\\N`, `\\`, `;`, `,`, line ends)."""
    if not _SPECIAL.search(text):
        return text
    return (text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
            .replace("\r", "\\n"))


def _one(text: str) -> str:
    """A single-line TEXT value, cleaned and escaped (`_text(text)` as icalendar writes it)."""
    return escape(clean(text, True))


def body(lines: list[str]) -> bytes:
    """A component's folded lines, CRLF-terminated, not yet stamped (`stamp`); ValueError if a
    line would still be invalid (`check_folding`)."""
    flat = "".join(lines)
    if "\r" in flat or "\n" in flat:  # a bare line break: refused by the full check
        data = b"".join(fold(line) + b"\r\n" for line in lines)
        problem = check_folding(data) if not _plainly_valid(data) else None
        if problem:
            raise ValueError(f"refusing to write an invalid component: {problem}")
        return data
    # Valid by construction: `str.encode` gives valid UTF-8 (a lone surrogate raises), `fold`
    # cuts a long line into lines of at most 75 octets on character boundaries, and no line holds
    # a CR or LF (checked above); only the long lines are folded.
    encoded = [line.encode("utf-8") for line in lines]
    return b"\r\n".join([data if len(data) <= LINE_LIMIT else _fold(data) for data in encoded]
                         ) + b"\r\n"


def stamp(folded: bytes, sequence: int, changed_at: DateTime) -> bytes:
    """`stamped` on a component already folded by `body`: SEQUENCE, DTSTAMP and LAST-MODIFIED
    right after its BEGIN line (short lines: folding leaves them as they are)."""
    return stamp_with(folded, sequence, stamp_text(changed_at))


def stamp_with(folded: bytes, sequence: int, moment: bytes) -> bytes:
    """`stamp` with the moment already written (`stamp_text`)."""
    cut = folded.index(b"\r\n") + 2
    return b"%sSEQUENCE:%d\r\nDTSTAMP:%s\r\nLAST-MODIFIED:%s\r\n%s" % (
        folded[:cut], sequence, moment, moment, folded[cut:])


@functools.lru_cache(maxsize=4096)
def stamp_text(moment: DateTime) -> bytes:
    """A moment as DTSTAMP writes it: `20200106T050000Z` (UTC; few distinct moments: cached)."""
    utc = moment.in_timezone("UTC")
    return b"%04d%02d%02dT%02d%02d%02dZ" % (utc.year, utc.month, utc.day, utc.hour, utc.minute,
                                             utc.second)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A component's unfolded content lines before stamping, and their digest."""

    lines: tuple[str, ...]
    digest: str


def render(component: Component) -> Rendered:
    """Content lines of a component, and the hash that decides whether its content changed."""
    lines = tuple(str(line) for line in component.content_lines() if line)
    return Rendered(lines, hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest())


def stamped(rendered: Rendered, sequence: int, changed_at: DateTime) -> bytes:
    """The folded component with SEQUENCE, and DTSTAMP = LAST-MODIFIED = when its content last
    changed (`feeds.history`), right after BEGIN so that they precede any VALARM."""
    moment = _utc(changed_at).strftime("%Y%m%dT%H%M%SZ")
    lines = [rendered.lines[0], f"SEQUENCE:{sequence}", f"DTSTAMP:{moment}",
             f"LAST-MODIFIED:{moment}", *rendered.lines[1:]]
    return b"".join(fold(line) + b"\r\n" for line in lines)


def calendar(name: str, description: str, components: list[bytes]) -> bytes:
    """A VCALENDAR with NAME and X-WR-CALNAME once each and refresh hints (issue 4, item 4),
    around components already stamped and sorted; checked line by line before it is returned.

    No calendar-level UID (RFC 7986 allows one, but vdirsyncer and khal copy it into every event
    they split out and collapse the calendar into one event: issue 11). At least one component
    (RFC 5545 3.6): raises ValueError on an empty list (`publish` gives such a feed one event
    saying that nothing is dated yet).
    """
    if not components:
        raise ValueError("refusing to write a calendar without components (RFC 5545 3.6)")
    data = head(name, description) + b"".join(components) + FOOTER
    problem = check_folding(data)
    if problem:
        raise ValueError(f"refusing to write an invalid feed: {problem}")
    return data


FOOTER = b"END:VCALENDAR\r\n"


def head(name: str, description: str) -> bytes:
    """What a VCALENDAR says before its components (`calendar`), folded and checked; components
    made by `body` and `stamp` are checked when rendered, so a feed streamed to disk as `head`,
    components, `FOOTER` needs no check of the whole. The lines icalendar 7 writes for such a
    calendar (properties in its order, TEXT escaped; `tests/feeds/test_incremental.py` compares
    them), written without importing it."""
    text, title = escape(clean(description)), _one(name)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + escape(PRODID), "CALSCALE:GREGORIAN",
             "DESCRIPTION:" + text, "X-WR-CALDESC:" + text, "NAME:" + title,
             "X-WR-CALNAME:" + title, "REFRESH-INTERVAL;VALUE=DURATION:" + _duration(REFRESH),
             "X-PUBLISHED-TTL:" + _duration(REFRESH)]
    data = b"".join(fold(line) + b"\r\n" for line in lines)
    problem = check_folding(data)
    if problem:
        raise ValueError(f"refusing to write an invalid feed: {problem}")
    return data


def _duration(span: dt.timedelta) -> str:
    """A DURATION as icalendar 7 writes one of whole hours (`PT12H`)."""
    hours, rest = divmod(int(span.total_seconds()), 3600)
    if rest or hours <= 0 or span.days:
        from icalendar import vDuration

        return str(vDuration(span).to_ical().decode("ascii"))  # type: ignore[no-untyped-call]
    return f"PT{hours}H"


def fold(line: str) -> bytes:
    """Fold a content line at 75 octets, never inside a UTF-8 character or after a lone `\\`.

    RFC 5545 3.1: a CRLF and a space may go between any two characters. icalendar 7.3 folds on
    character boundaries too, but one character at a time for every line; this works on the
    encoded bytes, leaves short lines alone and keeps a backslash with the character it escapes.
    """
    data = line.encode("utf-8")
    return data if len(data) <= LINE_LIMIT else _fold(data)


def _fold(data: bytes) -> bytes:
    """`fold` of a line already encoded and longer than the limit."""
    parts: list[bytes] = []
    start, limit = 0, LINE_LIMIT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            end -= 1
        run = end
        while run > start and data[run - 1] == 0x5C:  # backslashes just before the cut
            run -= 1
        if (end - run) % 2 == 1 and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, LINE_LIMIT - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts)


_SPLIT = re.compile(rb"\r\n [\x80-\xbf]")


def _plainly_valid(data: bytes) -> bool:
    """What `check_folding` checks, in a few passes over the bytes (no loop over lines): valid
    UTF-8, no bare CR or LF, every line at most 75 octets, and no continuation line that starts
    inside a character (then no line holds part of one). False sends to `check_folding`."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = data[:-2].split(b"\r\n")
    return (data.endswith(b"\r\n") and max(map(len, lines)) <= LINE_LIMIT
            and b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
            and not _SPLIT.search(data))


def check_folding(data: bytes) -> str | None:
    """The first line that is too long, not CRLF-terminated or not valid UTF-8 on its own."""
    if not data.endswith(b"\r\n"):
        return "the file does not end with CRLF"
    for number, line in enumerate(data[:-2].split(b"\r\n"), start=1):
        if b"\n" in line or b"\r" in line:
            return f"line {number}: a bare CR or LF"
        if len(line) > LINE_LIMIT:
            return f"line {number}: {len(line)} octets (limit {LINE_LIMIT})"
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return f"line {number}: a UTF-8 character split by folding"
    return None
