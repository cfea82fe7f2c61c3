"""Meetings as of a date: planned dates with reschedulings, postponements, cancellations applied."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Meeting, MeetingStatus, Plan, Title, Window
from mandates.core.rules import Span


@dataclass(frozen=True, slots=True)
class MeetingState:
    """A meeting as known on the evaluation date (DESIGN: meeting)."""

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
