"""Calendar items -> content lines and folded bytes, written directly (issue 12).

icalendar builds a component in ~0.2 ms, which at 100,000 outputs (about 900,000 renderings)
is minutes; `event_lines` and `todo_lines` write the content lines `ics.event`/`ics.todo` give
through icalendar (its TEXT escaping and property order: VEVENT's canonical order, then
alphabetical), ~40 times faster, and `event_body`/`todo_body` write them straight to folded
bytes (`ics.body` of the lines) for a publication. `tests/feeds/test_incremental.py` and
`tests/feeds/test_render_direct.py` compare them byte for byte with icalendar and with each other
on every item of the bundled process, synthetic ones and hostile text.
"""

from __future__ import annotations

import functools

import pendulum
from pendulum import Date

from mandates.core.plan import Title
from mandates.feeds.ics import _one, _utc, clean, escape, fold
from mandates.feeds.items import Item


class Texts:
    """Single-line TEXT values as written (`clean`, then `escape`), kept by the text they are
    written from when `keep`: a publication writes each summary, location and category of an
    item in up to three renderings of a language (public, secretariat, to-do; `assemble` goes
    language by language and `clear`s between them). A text's hash is kept by Python, so a value
    written before costs a lookup; most values are their text itself, so keeping them costs
    little memory. Descriptions are kept folded (`description`): a public item's is written in
    the three renderings of a language, and folding it is most of the work of a component; at
    100,000 outputs that is ~30 MB for the language being written. The private rendering
    (`notes`) keeps none: `assemble` writes it after the public one and before the to-dos, which
    are public deadlines.

    Lines that few items share are kept folded as well (always, `keep` or not: they are few):
    the dates, the categories, the status and the reminders of a component."""

    __slots__ = ("_categories", "_dates", "_described", "_one", "_status", "_triggers", "keep")

    def __init__(self, keep: bool = True) -> None:
        self._one: dict[str, str] = {}
        self._described: dict[str, bytes] = {}
        self._dates: dict[tuple[Date, Date], bytes] = {}
        self._categories: dict[str, dict[tuple[Title, ...], bytes]] = {}
        self._status: dict[str, bytes] = {}
        self._triggers: dict[tuple[int, ...], tuple[bytes, ...]] = {}
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

    def description(self, text: str, keep: bool = True) -> bytes:
        """The folded `DESCRIPTION` line of a TEXT value whose line breaks are kept (`lines`),
        without its CRLF; kept by its text when `keep` (and `self.keep`)."""
        found = self._described.get(text)
        if found is None:
            found = fold("DESCRIPTION:" + escape(clean(text)))
            if keep and self.keep:
                self._described[text] = found
        return found

    def dates(self, start: Date, end: Date) -> bytes:
        """`DTSTART` and `DTEND` of an all-day event, folded, between the lines before and after."""
        found = self._dates.get((start, end))
        if found is None:
            found = self._dates[start, end] = (b"\r\nDTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\n"
                                               % (_bday(start), _bday(end)))
        return found

    def categories(self, categories: tuple[Title, ...], lang: str) -> bytes:
        """The folded `CATEGORIES` line in `lang`, CRLF-terminated."""
        kept = self._categories.get(lang)
        if kept is None:
            kept = self._categories[lang] = {}
        found = kept.get(categories)
        if found is None:
            found = kept[categories] = fold(
                "CATEGORIES:" + ",".join([_category(c.get(lang)) for c in categories])) + b"\r\n"
        return found

    def status(self, status: str) -> bytes:
        """The folded `STATUS` line, CRLF-terminated."""
        found = self._status.get(status)
        if found is None:
            found = self._status[status] = fold("STATUS:" + escape(status)) + b"\r\n"
        return found

    def triggers(self, days_before: tuple[int, ...]) -> tuple[bytes, ...]:
        """What follows a reminder's DESCRIPTION line, one per reminder (latest first)."""
        found = self._triggers.get(days_before)
        if found is None:
            found = self._triggers[days_before] = tuple(
                b"\r\nTRIGGER:%s\r\nEND:VALARM\r\n" % _trigger(days).encode("ascii")
                for days in sorted(set(days_before), reverse=True))
        return found

    def clear(self) -> None:
        """Forget every value kept."""
        self._one.clear()
        self._described.clear()
        self._dates.clear()
        self._categories.clear()
        self._status.clear()
        self._triggers.clear()


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
    if notes and item.notes is not None:
        described = fold("DESCRIPTION:" + texts.lines(item.description.get(lang) + "\n"
                                                      + item.notes.get(lang)))
    else:  # the private rendering comes after the public ones: what only it shows is not kept
        described = texts.description(item.description.get(lang), keep=not notes)
    summary = texts.one(item.summary.get(lang))
    out = [b"BEGIN:VEVENT\r\n", fold("SUMMARY:" + summary), texts.dates(item.start, item.end),
           fold("UID:" + escape(item.uid(process))), b"\r\n"]
    if item.categories:
        out.append(texts.categories(item.categories, lang))
    out += [described, b"\r\n"]
    if item.location is not None:
        out += [fold("LOCATION:" + texts.one(item.location.get(lang))), b"\r\n"]
    if item.status is not None:
        out.append(texts.status(item.status))
    out.append(b"TRANSP:OPAQUE\r\n" if item.kind == "meeting" else b"TRANSP:TRANSPARENT\r\n")
    if item.open and alarms_days_before:
        said = fold("DESCRIPTION:" + summary)
        for trigger in texts.triggers(alarms_days_before):
            out += [b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n", said, trigger]
    out.append(b"END:VEVENT\r\n")
    return b"".join(out)


def todo_body(item: Item, process: str, lang: str, zone: str, texts: Texts = _WRITTEN) -> bytes:
    """`body(todo_lines(...))` written straight to bytes (as `event_body`)."""
    out = [b"BEGIN:VTODO\r\n"]
    if item.categories:
        out.append(texts.categories(item.categories, lang))
    status = b"NEEDS-ACTION"
    if item.status == "CANCELLED":
        status = b"CANCELLED"
    elif item.completed_on is not None:
        status, done = b"COMPLETED", item.completed_on
        noon = pendulum.datetime(done.year, done.month, done.day, 12, tz=zone)
        out.append(b"COMPLETED:%s\r\n" % _utc(noon).strftime("%Y%m%dT%H%M%SZ").encode("ascii"))
    out += [texts.description(item.description.get(lang)),
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
