"""Calendar items -> iCalendar bytes with icalendar 7 (RFC 5545, RFC 7986; issue 4, item 4).

What icalendar does not do by itself, done here: `REFRESH-INTERVAL;VALUE=DURATION`, a duration
(not Python's `12:00:00`) for `X-PUBLISHED-TTL`, TEXT escaping of RFC 7986 `NAME`, components
sorted, and a check that every folded line is at most 75 octets and never splits a UTF-8
character (icalendar 7.3 folds on character boundaries; `check_folding` keeps it honest).

icalendar builds a component in ~0.2 ms, which at 100,000 outputs (about 900,000 renderings)
is minutes; `event_lines` and `todo_lines` write the same content lines directly (icalendar's
TEXT escaping and property order: VEVENT's canonical order, then alphabetical), ~40 times faster,
and `tests/feeds/test_render.py` checks them byte for byte against `event`/`todo` rendered by
icalendar on every item of the bundled process, synthetic ones and hostile text.
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


class Texts:
    """Single-line TEXT values as written (`clean`, then `escape`), kept by the text they are
    written from when `keep`: a publication writes each summary, location and category of an
    item in up to three renderings of a language (public, secretariat, to-do; `assemble` goes
    language by language and `clear`s between them). A text's hash is kept by Python, so a value
    written before costs a lookup; most values are their text itself, so keeping them costs
    little memory. Descriptions (long, each written with its line breaks escaped: a new string)
    are written each time rather than held: at 100,000 outputs that would be ~100 MB."""

    __slots__ = ("_one", "keep")

    def __init__(self, keep: bool = True) -> None:
        self._one: dict[str, str] = {}
        self.keep = keep

    def one(self, text: str) -> str:
        """A single-line TEXT value (`_one`)."""
        found = self._one.get(text)
        if found is None:
            found = escape(clean(text, True))
            if self.keep:
                self._one[text] = found
        return found

    @staticmethod
    def lines(text: str) -> str:
        """A TEXT value whose line breaks are kept (written as `\\n`)."""
        return escape(clean(text))

    def clear(self) -> None:
        """Forget every value kept."""
        self._one.clear()


_WRITTEN = Texts(keep=False)
"""What `event_lines` and `todo_lines` use when given no `Texts`: nothing kept."""


_DAYS: dict[Date, str] = {}


def _day(day: Date) -> str:
    """`20200106` (few distinct days: kept once written)."""
    found = _DAYS.get(day)
    if found is None:
        found = _DAYS[day] = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    return found


@functools.lru_cache(maxsize=4096)
def _category(text: str) -> str:
    """`_one` of a category (few distinct ones: kept once written)."""
    return _one(text)


@functools.lru_cache(maxsize=64)
def _trigger(days: int) -> str:
    """A reminder `days` before, as icalendar 7 writes `vDuration(-timedelta(days=days))`."""
    return f"-P{days}D" if days > 0 else f"P{-days}D"


def event_lines(item: Item, process: str, lang: str, alarms_days_before: tuple[int, ...] = (),
                notes: bool = False, texts: Texts = _WRITTEN) -> list[str]:
    """The content lines `render(event(...))` gives, unfolded, without icalendar (see module);
    `texts`: values already written in this language (`Texts`)."""
    description = item.description.get(lang)
    if notes and item.notes is not None:
        description += "\n" + item.notes.get(lang)
    summary = texts.one(item.summary.get(lang))
    lines = ["BEGIN:VEVENT", "SUMMARY:" + summary, "DTSTART;VALUE=DATE:" + _day(item.start),
             "DTEND;VALUE=DATE:" + _day(item.end), "UID:" + escape(item.uid(process))]
    if item.categories:
        lines.append("CATEGORIES:" + ",".join([_category(c.get(lang)) for c in item.categories]))
    lines.append("DESCRIPTION:" + texts.lines(description))
    if item.location is not None:
        lines.append("LOCATION:" + texts.one(item.location.get(lang)))
    if item.status is not None:
        lines.append("STATUS:" + escape(item.status))
    lines.append("TRANSP:OPAQUE" if item.kind == "meeting" else "TRANSP:TRANSPARENT")
    if item.open and alarms_days_before:
        for days in sorted(set(alarms_days_before), reverse=True):
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + summary,
                      "TRIGGER:" + _trigger(days), "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def event_body(item: Item, process: str, lang: str, alarms_days_before: tuple[int, ...] = (),
               notes: bool = False, texts: Texts = _WRITTEN) -> bytes:
    """`body(event_lines(...))` written straight to bytes (what a publication renders, issue 12).
    Every value line is a TEXT value escaped (`escape`: no CR or LF is left), a date, or a word,
    so no line holds a bare line break; each is folded by `fold`. `tests/feeds/
    test_render_direct.py` compares it with `body(event_lines(...))`."""
    description = item.description.get(lang)
    if notes and item.notes is not None:
        description += "\n" + item.notes.get(lang)
    summary = texts.one(item.summary.get(lang))
    out = [b"BEGIN:VEVENT\r\n", fold("SUMMARY:" + summary),
           b"\r\nDTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n" % (_bday(item.start), _bday(item.end)),
           fold("UID:" + escape(item.uid(process))), b"\r\n"]
    if item.categories:
        out += [fold("CATEGORIES:" + ",".join([_category(c.get(lang)) for c in item.categories])),
                b"\r\n"]
    out += [fold("DESCRIPTION:" + texts.lines(description)), b"\r\n"]
    if item.location is not None:
        out += [fold("LOCATION:" + texts.one(item.location.get(lang))), b"\r\n"]
    if item.status is not None:
        out += [fold("STATUS:" + escape(item.status)), b"\r\n"]
    out.append(b"TRANSP:OPAQUE\r\n" if item.kind == "meeting" else b"TRANSP:TRANSPARENT\r\n")
    if item.open and alarms_days_before:
        said = fold("DESCRIPTION:" + summary)
        for days in sorted(set(alarms_days_before), reverse=True):
            out += [b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n", said,
                    b"\r\nTRIGGER:%s\r\nEND:VALARM\r\n" % _trigger(days).encode("ascii")]
    out.append(b"END:VEVENT\r\n")
    return b"".join(out)


def todo_body(item: Item, process: str, lang: str, zone: str, texts: Texts = _WRITTEN) -> bytes:
    """`body(todo_lines(...))` written straight to bytes (as `event_body`)."""
    out = [b"BEGIN:VTODO\r\n"]
    if item.categories:
        out += [fold("CATEGORIES:" + ",".join([_category(c.get(lang)) for c in item.categories])),
                b"\r\n"]
    status = b"NEEDS-ACTION"
    if item.status == "CANCELLED":
        status = b"CANCELLED"
    elif item.completed_on is not None:
        status, done = b"COMPLETED", item.completed_on
        noon = pendulum.datetime(done.year, done.month, done.day, 12, tz=zone)
        out.append(b"COMPLETED:%s\r\n" % _utc(noon).strftime("%Y%m%dT%H%M%SZ").encode("ascii"))
    out += [fold("DESCRIPTION:" + texts.lines(item.description.get(lang))),
            b"\r\nDUE;VALUE=DATE:%s\r\n" % _bday(item.start)]
    if status == b"COMPLETED":
        out.append(b"PERCENT-COMPLETE:100\r\n")
    out += [b"STATUS:%s\r\n" % status, fold("SUMMARY:" + texts.one(item.summary.get(lang))),
            b"\r\n", fold("UID:" + escape(f"task-{item.uid(process)}")), b"\r\nEND:VTODO\r\n"]
    return b"".join(out)


_BDAYS: dict[Date, bytes] = {}


def _bday(day: Date) -> bytes:
    """`_day` as bytes."""
    found = _BDAYS.get(day)
    if found is None:
        found = _BDAYS[day] = _day(day).encode("ascii")
    return found


def todo_lines(item: Item, process: str, lang: str, zone: str, texts: Texts = _WRITTEN
               ) -> list[str]:
    """The content lines `render(todo(...))` gives, unfolded, without icalendar (see module);
    `texts` as for `event_lines`."""
    lines = ["BEGIN:VTODO"]
    if item.categories:
        lines.append("CATEGORIES:" + ",".join([_category(c.get(lang)) for c in item.categories]))
    status = "NEEDS-ACTION"
    if item.status == "CANCELLED":
        status = "CANCELLED"
    elif item.completed_on is not None:
        status, done = "COMPLETED", item.completed_on
        noon = pendulum.datetime(done.year, done.month, done.day, 12, tz=zone)
        lines.append("COMPLETED:" + _utc(noon).strftime("%Y%m%dT%H%M%SZ"))
    lines.append("DESCRIPTION:" + texts.lines(item.description.get(lang)))
    lines.append("DUE;VALUE=DATE:" + _day(item.start))
    if status == "COMPLETED":
        lines.append("PERCENT-COMPLETE:100")
    lines += ["STATUS:" + status, "SUMMARY:" + texts.one(item.summary.get(lang)),
              "UID:" + escape(f"task-{item.uid(process)}"), "END:VTODO"]
    return lines


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
