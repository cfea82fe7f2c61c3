"""The dates a process may speak of (issue 11): every date of its files and of its facts lies
in its span, from ten years before its founding file's first date to thirty years after it, and
always within the years 1990..2200.

A date far outside (year 1, 9999) broke every later computation (`year 10000 is out of range`),
so the loaders and `core.record` refuse one, and `core.evaluate` sets aside a fact that reached
the database anyway (an older release, a manual edit) instead of crashing on it.

Shapes: `Span(first, last, anchor)`, dates (pendulum `Date`) inclusive; `anchor` is the first
date of the founding file (None when it has none: the span is then the years 1990..2200).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pendulum import Date

from mandates.core.facts import Fact
from mandates.core.plan import Amendment, EveryRule, Meeting, OnRule, Output, Plan

FIRST_YEAR, LAST_YEAR = 1990, 2200
"""The years any date may fall in, whatever the process."""
YEARS_BEFORE, YEARS_AFTER = 10, 30
"""The span of a process: years before and after the first date of its founding file."""
_FIRST, _LAST = Date(FIRST_YEAR, 1, 1), Date(LAST_YEAR, 12, 31)


@dataclass(frozen=True, slots=True)
class Span:
    """The dates a process may speak of, `first`..`last` inclusive, around `anchor`."""

    first: Date
    last: Date
    anchor: Date | None = None

    def holds(self, day: Date) -> bool:
        """Whether `day` lies in the span."""
        return self.first <= day <= self.last

    def why(self, day: Date) -> str:
        """Why `day` is refused: the bounds, and where they come from (English, for messages)."""
        bounds = f"{self.first.isoformat()}..{self.last.isoformat()}"
        if self.anchor is None or not in_years(day):
            return f"{day.isoformat()} is outside the years {FIRST_YEAR}..{LAST_YEAR}"
        return (f"{day.isoformat()} is outside the dates of this process, {bounds} "
                f"({YEARS_BEFORE} years before to {YEARS_AFTER} years after "
                f"{self.anchor.isoformat()}, the first date of its founding file)")


ANY_SPAN = Span(_FIRST, _LAST)
"""The years 1990..2200: the span of a process without dates, and the bound of `--as-of`."""


def in_years(day: Date) -> bool:
    """Whether `day` lies within the years 1990..2200."""
    return _FIRST <= day <= _LAST


def span_around(anchor: Date | None) -> Span:
    """The span of a process whose founding file's first date is `anchor`."""
    if anchor is None:
        return ANY_SPAN
    first = max(_FIRST, Date(max(anchor.year - YEARS_BEFORE, 1), 1, 1))
    last = min(_LAST, Date(min(anchor.year + YEARS_AFTER, 9999), 12, 31))
    return Span(first, last, anchor)


def span_of(plan: Plan) -> Span:
    """The span of a process: around the first date (within 1990..2200) of its founding plan's
    meetings and due rules; amendments do not move it."""
    founding = [d for d in items_dates(plan.meetings.values(), plan.outputs.values())
                if in_years(d)]
    return span_around(min(founding) if founding else None)


def items_dates(meetings: Iterable[Meeting], outputs: Iterable[Output]) -> Iterator[Date]:
    """Every date given by meetings (days, windows) and outputs (`on`, `every ... from/until`)."""
    for meeting in meetings:
        yield from (d for d in (meeting.opens_on, meeting.closes_on) if d is not None)
        if meeting.window is not None:
            yield meeting.window.earliest
            yield meeting.window.latest
    for output in outputs:
        rule = output.due
        if isinstance(rule, OnRule):
            yield rule.on
        elif isinstance(rule, EveryRule):
            yield rule.start
            if rule.until_date is not None:
                yield rule.until_date


def amendment_dates(amendment: Amendment) -> Iterator[tuple[str, Date]]:
    """Every date of an amendment, with the field it is in."""
    yield "effective_on", amendment.effective_on
    for day in items_dates(amendment.meetings, amendment.outputs):
        yield "add", day
    for change in amendment.output_changes:
        if isinstance(change.due, OnRule):
            yield f"change.outputs[{change.id}].due", change.due.on
        elif isinstance(change.due, EveryRule):
            yield f"change.outputs[{change.id}].due", change.due.start
            if change.due.until_date is not None:
                yield f"change.outputs[{change.id}].due", change.due.until_date


def fact_dates(fact: Fact) -> Iterator[tuple[str, Date]]:
    """Every date of a fact, with the option that gives it on the command line."""
    yield "the date it took effect", fact.effective_on
    if fact.opens_on is not None:
        yield "--opens", fact.opens_on
    if fact.closes_on is not None:
        yield "--closes", fact.closes_on
    if fact.amendment is not None:
        for field, day in amendment_dates(fact.amendment):
            yield f"the amendment's {field}", day


def outside(fact: Fact, span: Span) -> tuple[str, Date] | None:
    """The first date of `fact` outside `span` (with its field), or None when all lie in it."""
    return next(((field, day) for field, day in fact_dates(fact) if not span.holds(day)), None)
