"""Meetings as of a date: the plan's dates with the facts that took effect applied, judged by the
state machine of `core.transitions` (reschedulings, relocations, postponements, cancellations,
parts and splits, holdings); parts resolved for the due rules that name them (`cop-15-part-2`).

Binding rules (DESIGN: parts): a rule naming `X-part-N` binds to that part; `before X` (and an
output `for` X) binds to the opening of X's first part; `at X` to the close of its last part. A
part not known (yet) is undated; part 1 of a meeting held in one go is the meeting itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pendulum import Date

from mandates.core.facts import Fact
from mandates.core.plan import (
    Meeting,
    MeetingStatus,
    Mode,
    Plan,
    Precision,
    Provenance,
    Title,
    Window,
)
from mandates.core.rules import Span
from mandates.core.transitions import When, replay


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
    postponed: bool = False
    opens_set_on: Date | None = None
    closes_set_on: Date | None = None

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
    already past on that day was "set too late"; `opens_set_on` and `closes_set_on` say when its
    opening and its close were last changed (a deadline before it hangs on the first, what it
    produces on the second). `held_provenance` says whether `held` is recorded or presumed.

    A meeting in parts has the venue, zone and mode of its first part and `span` from its first
    dated part's opening to its last dated part's close; `postponed` when a part not held is
    postponed; `held` when its last part is. `ignored` holds the facts the state machine refused
    (`core.transitions`), for the history. `status` keeps the six statuses every renderer knows;
    `phase` is the full state (rescheduled, split, in parts as well).
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
    ignored: tuple[Fact, ...] = ()
    opens_set_on: Date | None = None
    closes_set_on: Date | None = None

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

    @property
    def phase(self) -> MeetingStatus:
        """The state of docs/architecture.md's table: cancelled, held, split, in parts,
        postponed, unscheduled, tentative, rescheduled or scheduled."""
        if self.cancelled:
            return MeetingStatus.CANCELLED
        if self.held:
            return MeetingStatus.HELD
        if self.parts:
            return MeetingStatus.SPLIT if self.split else MeetingStatus.IN_PARTS
        if self.postponed:
            return MeetingStatus.POSTPONED
        if self.span is None:
            return MeetingStatus.UNSCHEDULED
        if self.span.tentative:
            return MeetingStatus.TENTATIVE
        return MeetingStatus.RESCHEDULED if self.rescheduled else MeetingStatus.SCHEDULED

    @property
    def opening_span(self) -> Span | None:
        """When it opens: its first part's days (a meeting in parts), else its own."""
        return self.parts[0].span if self.parts else self.span

    @property
    def closing_span(self) -> Span | None:
        """When it closes: its last part's days (a meeting in parts), else its own."""
        return self.parts[-1].span if self.parts else self.span

    def part(self, number: int) -> PartState | None:
        """Part `number`, None when not known."""
        for part in self.parts:
            if part.number == number:
                return part
        return None



def meeting_state(meeting: Meeting, facts: Sequence[Fact], as_of: Date, *,
                  set_on: Date | None = None, retired: str | None = None) -> MeetingState:
    """A meeting as of `as_of`: its facts (those that took effect by then, in that order, none
    withdrawn) replayed by the state machine. `set_on`: the date of the amendment that added the
    meeting (its dates were set then); `retired`: the amendment that retired it."""
    draft = replay(meeting, facts, set_on, retired)
    cancelled = draft.cancelled_on is not None or retired is not None
    whole = draft.whole
    ignored = tuple(f for f, _ in draft.ignored)
    if not draft.parts:
        span = None if cancelled else whole.span()  # a cancelled meeting's days no longer count
        provenance = None if cancelled else whole.held_provenance(as_of)
        return MeetingState(meeting, whole.opens, whole.closes, whole.window, whole.venue,
                            whole.zone, whole.confirmed, whole.postponed and not cancelled,
                            cancelled, provenance is not None, span, tuple(facts), whole.mode, (),
                            provenance, whole.set_on, whole.rescheduled, False, retired is not None,
                            ignored, whole.opens_set_on, whole.closes_set_on)
    parts = tuple(_part_state(meeting.id, number, when, as_of, cancelled)
                  for number, when in sorted(draft.parts.items()))
    first, last = parts[0], parts[-1]
    dated = [p for p in parts if p.span is not None]
    span = None
    if dated:
        opening, closing = dated[0].span, dated[-1].span
        assert opening is not None and closing is not None
        span = Span(opening.opens_earliest, opening.opens_latest, closing.closes_earliest,
                    closing.closes_latest, any(p.span.tentative for p in dated if p.span))
    postponed = not cancelled and any(p.postponed and not p.held for p in parts)
    set_on = max((p.dates_set_on for p in parts if p.dates_set_on), default=None)
    return MeetingState(meeting, first.opens_on, last.closes_on, None, first.venue, first.timezone,
                        all(p.confirmed for p in dated) and bool(dated), postponed, cancelled,
                        last.held, span, tuple(facts), first.mode, parts, last.held_provenance,
                        set_on, any(w.rescheduled for w in draft.parts.values()), draft.split,
                        retired is not None, ignored, first.opens_set_on, last.closes_set_on)


def _part_state(meeting_id: str, number: int, when: When, as_of: Date,
                cancelled: bool) -> PartState:
    provenance = None if cancelled else when.held_provenance(as_of)
    return PartState(meeting_id, number, when.opens, when.closes, when.window, when.venue,
                     when.zone, when.mode, when.confirmed, provenance is not None, provenance,
                     None if cancelled else when.span(), when.set_on, when.postponed,
                     when.opens_set_on, when.closes_set_on)


def meeting_states(plan: Plan, by_subject: Mapping[str, Sequence[Fact]], as_of: Date,
                   added_on: Mapping[str, Date] | None = None) -> dict[str, MeetingState]:
    """Every meeting of the plan as of a date, given the facts that count (by subject id).
    `added_on`: amendment id -> effective date, for meetings added by an amendment."""
    added = added_on or {}
    retired = plan.retired
    return {mid: meeting_state(m, by_subject.get(mid, ()), as_of,
                               set_on=added.get(m.added_by) if m.added_by else None,
                               retired=retired.get(mid))
            for mid, m in plan.meetings.items()}
