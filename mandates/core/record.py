"""Facts from user input, validated against the plan before anything is written."""

from __future__ import annotations

import difflib

from pendulum import Date, DateTime

from mandates.core.facts import ANY_KINDS, MEETING_KINDS, OUTPUT_KINDS, Fact, FactKind
from mandates.core.plan import Lang, Plan
from mandates.core.rules import parse_iso_date
from mandates.errors import FactError

__all__ = ["FactError", "check_subject", "make_fact", "parse_date"]


def parse_date(value: str, field: str) -> Date:
    """Parse a date given on the command line, naming the option when it is wrong."""
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise FactError(f"{field}: {exc}") from None


def _choices(ids: list[str], wrong: str) -> str:
    near = difflib.get_close_matches(wrong, ids, n=3)
    if near:
        return f"did you mean {', '.join(near)}?"
    return f"valid ids: {', '.join(sorted(ids)[:40])}{' ...' if len(ids) > 40 else ''}"


def check_subject(plan: Plan, kind: FactKind, subject: str) -> None:
    """Refuse a fact about an unknown id, or about the wrong kind of item, naming valid ids."""
    if kind in MEETING_KINDS:
        if subject not in plan.meetings:
            raise FactError(f"unknown meeting {subject!r}; {_choices(list(plan.meetings), subject)}")
    elif kind in OUTPUT_KINDS:
        if subject not in plan.outputs:
            raise FactError(f"unknown output {subject!r}; {_choices(list(plan.outputs), subject)}")
    elif kind in ANY_KINDS and subject not in plan.meetings and subject not in plan.outputs:
        every = [*plan.meetings, *plan.outputs]
        raise FactError(f"unknown meeting or output {subject!r}; {_choices(every, subject)}")


def make_fact(plan: Plan, kind: FactKind, subject: str, effective_on: Date, *, recorded_at: DateTime,
              opens_on: Date | None = None, closes_on: Date | None = None,
              venue: str | None = None, timezone: str | None = None, ref: str | None = None,
              text: str | None = None, venue_zh: str | None = None,
              written_in: Lang = "en") -> Fact:
    """A validated fact, recorded at `recorded_at` (the edge's clock), effective on `effective_on`
    (DESIGN: fact). Raises FactError naming the option or the nearest valid ids.

    `text`, `venue` and `ref` are kept as written, in `written_in`. `venue_zh` is the Chinese
    form of a venue written in English; given alone, it is the venue, written in Chinese.
    """
    check_subject(plan, kind, subject)
    venue, venue_zh = _blank_is_none(venue), _blank_is_none(venue_zh)
    if venue_zh is not None:
        if written_in == "zh" and venue is not None:
            raise FactError("--venue-zh is the Chinese form of a venue written in English; "
                            "with --written-in zh, --venue is already Chinese")
        if venue is None:
            venue, venue_zh, written_in = venue_zh, None, "zh"
    if kind is FactKind.RESCHEDULED:
        if opens_on is None or closes_on is None:
            raise FactError("a rescheduling needs both --opens and --closes")
        if closes_on < opens_on:
            raise FactError(f"--closes {closes_on.isoformat()} is before --opens {opens_on.isoformat()}")
        meeting = plan.meetings[subject]
        if (opens_on, closes_on) == (meeting.opens_on, meeting.closes_on) and venue:
            kind = FactKind.RELOCATED
    if kind is FactKind.WAIVED and not (text and text.strip()):
        raise FactError("a waiver needs --reason")
    if kind is FactKind.NOTE and not (text and text.strip()):
        raise FactError("a note needs its text")
    if timezone is not None:
        from zoneinfo import available_timezones

        if timezone not in available_timezones():
            raise FactError(f"--timezone: unknown time zone {timezone!r}")
    return Fact(kind, subject, effective_on, recorded_at, opens_on=opens_on,
                closes_on=closes_on, venue=venue, timezone=timezone, ref=ref, text=text,
                venue_zh=venue_zh, written_in=written_in)


def _blank_is_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None
