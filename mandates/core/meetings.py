"""Meetings as of a date: planned dates with reschedulings, postponements, cancellations applied."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Meeting, MeetingStatus, Mode, Plan, Precision, Provenance, Title, Window
from mandates.core.rules import Span


def part_id(meeting_id: str, number: int) -> str:
    """The id of a part of a meeting (DESIGN: parts add a suffix): `cop-15-part-2`."""
    return f"{meeting_id}-part-{number}"


@dataclass(frozen=True, slots=True)
class PartState:
    """One part of a meeting held in parts (or split) as known on the evaluation date.

    `number` counts from 1; `id` is `part_id(meeting, number)`. Part 1 keeps the meeting's own
    feed UID (subscribers see the meeting move, not vanish); the others get UIDs from their ids.
    `held_provenance` is RECORDED (a held fact), PRESUMED (confirmed days that have passed) or
    None (not held, or tentative: never presumed held).
    """

    meeting_id: str
    number: int
    opens_on: Date | None
    closes_on: Date | None
    window: Window | None
    venue: Title | None
    timezone: str
    mode: Mode
    confirmed: bool
    held: bool
    held_provenance: Provenance | None
    span: Span | None
    dates_set_on: Date | None

    @property
    def id(self) -> str:
        """`{meeting}-part-{number}`."""
        return part_id(self.meeting_id, self.number)

    @property
    def precision(self) -> Precision:
        """Days, a month window or a quarter."""
        return self.window.precision if self.window is not None else Precision.DAY


@dataclass(frozen=True, slots=True)
class MeetingState:
    """A meeting as known on the evaluation date (DESIGN: meeting).

    `span` covers the whole meeting (a meeting in parts: from the first part's opening to the
    last part's close). `parts` is empty for a meeting held in one go. `dates_set_on` is the
    effective date of the fact (or amendment) that set the current dates: a deadline that was
    already past on that day was "set too late". `held_provenance` says whether `held` is
    recorded or presumed.
    """

    meeting: Meeting
    opens_on: Date | None
    closes_on: Date | None
    window: Window | None
    venue: Title | None
    timezone: str
    confirmed: bool
    postponed: bool
    cancelled: bool
    held: bool
    span: Span | None
    facts: tuple[Fact, ...]
    mode: Mode = Mode.IN_PERSON
    parts: tuple[PartState, ...] = ()
    held_provenance: Provenance | None = None
    dates_set_on: Date | None = None
    rescheduled: bool = False
    split: bool = False
    retired: bool = False

    @property
    def id(self) -> str:
        """The meeting's id."""
        return self.meeting.id

    @property
    def status(self) -> MeetingStatus:
        """cancelled, postponed, held, tentative, unscheduled or scheduled."""
        if self.cancelled:
            return MeetingStatus.CANCELLED
        if self.postponed:
            return MeetingStatus.POSTPONED
        if self.held:
            return MeetingStatus.HELD
        if self.span is None:
            return MeetingStatus.UNSCHEDULED
        if self.span.tentative:
            return MeetingStatus.TENTATIVE
        return MeetingStatus.SCHEDULED

    @property
    def moved(self) -> bool:
        """True when its dates or venue differ from the plan."""
        m = self.meeting
        return (self.opens_on, self.closes_on, self.window, self.venue) != (
            m.opens_on, m.closes_on, m.window, m.venue)


def meeting_state(meeting: Meeting, facts: list[Fact], as_of: Date) -> MeetingState:
    """Apply a meeting's facts, in the order they took effect, to its planned dates."""
    opens, closes, window = meeting.opens_on, meeting.closes_on, meeting.window
    venue, zone, confirmed = meeting.venue, meeting.timezone, meeting.confirmed
    postponed = cancelled = False
    for fact in facts:
        if fact.kind is FactKind.RESCHEDULED and fact.opens_on and fact.closes_on:
            opens, closes, window = fact.opens_on, fact.closes_on, None
            confirmed, postponed = True, False
        if fact.kind in (FactKind.RESCHEDULED, FactKind.RELOCATED):
            venue = fact.venue_title() or venue
            if fact.timezone:
                zone = fact.timezone
        elif fact.kind is FactKind.POSTPONED:
            postponed = True
        elif fact.kind is FactKind.CANCELLED:
            cancelled = True
    span: Span | None = None
    if not (postponed or cancelled):
        if opens is not None and closes is not None:
            span = Span(opens, opens, closes, closes, tentative=not confirmed)
        elif window is not None:
            span = Span(window.earliest, window.latest, window.earliest, window.latest, True)
    held = span is not None and span.closes_latest <= as_of
    return MeetingState(meeting, opens, closes, window, venue, zone, confirmed, postponed,
                        cancelled, held, span, tuple(facts))


def meeting_states(plan: Plan, by_subject: dict[str, list[Fact]], as_of: Date) -> dict[str, MeetingState]:
    """Every meeting of the plan as of a date, given the facts that count (by subject id)."""
    return {mid: meeting_state(m, by_subject.get(mid, []), as_of) for mid, m in plan.meetings.items()}
