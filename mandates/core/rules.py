"""Due-date rules on pendulum dates: offsets, windows, periods, business days (DESIGN: due rule).

Business days are Monday to Friday outside the set of holidays the caller passes (the process's
own calendar, `Process.holidays`, computed by `config.holidaycal`): no holiday data here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pendulum
from pendulum import Date

from mandates.core.plan import Adjust, AtRule, BeforeRule, DueRule, EveryRule, OnRule

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")

NO_HOLIDAYS: frozenset[Date] = frozenset()


@dataclass(frozen=True, slots=True)
class Span:
    """When a meeting is held, as far as is known: exact days, or a window of possible days."""

    opens_earliest: Date
    opens_latest: Date
    closes_earliest: Date
    closes_latest: Date
    tentative: bool

    @property
    def is_window(self) -> bool:
        """True when the days are not known exactly (a month window)."""
        return self.opens_earliest != self.opens_latest or self.closes_earliest != self.closes_latest


@dataclass(frozen=True, slots=True)
class Due:
    """A due date: `on` is the date that counts for its status (a deadline before a meeting in a
    window binds at the window's first day; what a meeting produces is available at its last);
    a window keeps its earliest and latest day."""

    on: Date
    earliest: Date
    latest: Date
    tentative: bool

    @property
    def is_window(self) -> bool:
        """True when the due date is a window rather than one day."""
        return self.earliest != self.latest

    @property
    def planned(self) -> Date:
        """The day a secretariat plans to: the earliest day the deadline can fall on, i.e. the
        latest safe day (a window's first day; the day itself otherwise). Slip and shifts are
        measured between planned days (`slip`)."""
        return self.earliest

    @property
    def window(self) -> tuple[Date, Date] | None:
        """(earliest, latest) of a window, None for one day: how it is shown, as a range."""
        return (self.earliest, self.latest) if self.earliest != self.latest else None


def slip(before: Due | None, after: Due | None) -> int | None:
    """Days a due date moved from `before` to `after` (positive: later), measured between the
    days a secretariat plans to (`Due.planned`: a window's first day, whichever rule made it),
    so that a window is measured the same way before a meeting and at it, in the check's slip
    and in `whatif`'s shift alike; None when either has no date."""
    if before is None or after is None:
        return None
    return after.earliest.toordinal() - before.earliest.toordinal()


def exact_due(day: Date, tentative: bool = False) -> Due:
    """A due date on one day."""
    return Due(day, day, day, tentative)


def parse_iso_date(text: str) -> Date:
    """Parse `YYYY-MM-DD` strictly into a pendulum Date (30 February is refused)."""
    if not _ISO_DATE.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(p) for p in text.strip().split("-"))
    try:
        return pendulum.Date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def month_window(start: str, end: str) -> tuple[Date, Date]:
    """A month window `YYYY-MM`..`YYYY-MM`: first day of the first month, last of the last."""
    first = _parse_month(start)
    last = _parse_month(end)
    return first, last.end_of("month")


def _parse_month(text: str) -> Date:
    if not _ISO_MONTH.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a month in the form YYYY-MM")
    year, month = (int(p) for p in text.strip().split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a real month (month {month})")
    return pendulum.Date(year, month, 1)


def is_business_day(day: Date, holidays: frozenset[Date] = NO_HOLIDAYS) -> bool:
    """Monday to Friday and not one of `holidays` (the process's calendar)."""
    return day.isoweekday() < 6 and day not in holidays


def adjust_to_business_day(day: Date, adjust: Adjust,
                           holidays: frozenset[Date] = NO_HOLIDAYS) -> Date:
    """Move a deadline off weekends and `holidays`: to the preceding or following business day."""
    if adjust is Adjust.NONE:
        return day
    step = -1 if adjust is Adjust.PRECEDING else 1
    while not is_business_day(day, holidays):
        day = day.add(days=step)
    return day


SpanOf = Callable[[str], Span | None]

_BY_ORDINAL: dict[int, Date] = {}


def shift(day: Date, days: int) -> Date:
    """`day` moved by `days` (negative: earlier). Day ordinals, not pendulum's `add`: four times
    faster, and each resulting Date is made once (an evaluation shifts many days by the same
    weeks)."""
    ordinal = day.toordinal() + days
    found = _BY_ORDINAL.get(ordinal)
    if found is None:
        found = _BY_ORDINAL[ordinal] = Date.fromordinal(ordinal)
    return found


def due_of(rule: DueRule, span_of: SpanOf, lag_for: Callable[[str], int], default: Adjust,
           holidays: frozenset[Date] = NO_HOLIDAYS) -> Due | None:
    """The due date of a non-periodic rule given meeting spans; None when the meeting is undated.
    `default` adjusts a rule that names no adjustment; `holidays` are the days it skips."""
    adjust = rule.adjust if rule.adjust is not None else default
    if isinstance(rule, OnRule):
        return exact_due(adjust_to_business_day(rule.on, adjust, holidays))
    if isinstance(rule, BeforeRule):
        span = span_of(rule.meeting)
        if span is None:
            return None
        earliest = adjust_to_business_day(shift(span.opens_earliest, -rule.days), adjust, holidays)
        latest = adjust_to_business_day(shift(span.opens_latest, -rule.days), adjust, holidays)
        # A deadline before a meeting whose days are not known binds at its earliest opening.
        return Due(earliest, earliest, latest, span.tentative)
    if isinstance(rule, AtRule):
        span = span_of(rule.meeting)
        if span is None:
            return None
        lag = rule.lag_days if rule.lag_days is not None else lag_for(rule.meeting)
        earliest = adjust_to_business_day(shift(span.closes_earliest, lag), adjust, holidays)
        latest = adjust_to_business_day(shift(span.closes_latest, lag), adjust, holidays)
        # What a meeting produces is available, at the latest, when the window closes.
        return Due(latest, earliest, latest, span.tentative)
    raise TypeError(f"periodic rules have occurrences, not one due date: {rule!r}")


def occurrences(rule: EveryRule, span_of: SpanOf, horizon: Date, default: Adjust,
                holidays: frozenset[Date] = NO_HOLIDAYS) -> Iterator[Due]:
    """Occurrences of a periodic rule (DESIGN: `every`), until its end or `horizon` if undated;
    `holidays` as for `due_of`."""
    adjust = rule.adjust if rule.adjust is not None else default
    end = rule.until_date
    tentative = False
    if rule.until_meeting is not None:
        span = span_of(rule.until_meeting)
        if span is not None:
            end, tentative = span.opens_latest, span.tentative
    limit = end if end is not None else horizon
    index = 0
    while True:
        day = rule.start.add(months=rule.months * index, weeks=rule.weeks * index)
        if day > limit:
            return
        yield exact_due(adjust_to_business_day(day, adjust, holidays), tentative and end is not None)
        index += 1
