"""What changed between two evaluations: meetings moved, deadlines shifted, inputs newly late.

Used by `mandates whatif` (a hypothetical move) and by the Bureau briefing (since the last one).
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.core.evaluate import Evaluation, LateInput, OutputStatus
from mandates.core.meetings import MeetingState
from mandates.core.reasons import Reason, ReasonCode
from mandates.core.statuses import OutputState

LATE_FOR = frozenset({ReasonCode.LATE_FOR_MEETING, ReasonCode.LATE_FOR_OUTPUT,
                      ReasonCode.LATE_FOR_LATEST})
"""The reasons of an output due after what needs it (negative slack): the meeting it is for, the
output that needs it, the latest day that still makes the last meeting (`core.slack`)."""


@dataclass(frozen=True, slots=True)
class MeetingChange:
    """A meeting whose dates, venue or status differ between two evaluations."""

    id: str
    before: MeetingState
    after: MeetingState


@dataclass(frozen=True, slots=True)
class DueChange:
    """An output whose due date or status differs between two evaluations, or that would now
    come after what needs it (or no longer would) while its due date and status stay.

    `old_due` and `new_due`: the day a secretariat plans to (`Due.planned`: the earliest day
    the deadline can fall on, i.e. the latest safe day; a window's first day, whether the rule is
    `before` or `at` a meeting), None without a date. `late_for`: the reason it would come after
    what needs it (`LATE_FOR`), when it did not before; `no_longer_late_for`: it did before and
    would not after. `old_window` and `new_window`: the earliest and latest day of a due date
    that is a window (a meeting whose month or quarter is known, not its days), else None."""

    id: str
    old_due: Date | None
    new_due: Date | None
    old_status: OutputStatus
    new_status: OutputStatus
    late_for: Reason | None = None
    no_longer_late_for: bool = False
    old_window: tuple[Date, Date] | None = None
    new_window: tuple[Date, Date] | None = None

    @property
    def shift_days(self) -> int | None:
        """Days the deadline moved (positive: later) between planned days, as the check's
        `slip_days` is measured (`core.rules.slip`); None when either side has no date."""
        if self.old_due is None or self.new_due is None:
            return None
        return self.new_due.toordinal() - self.old_due.toordinal()


@dataclass(frozen=True, slots=True)
class EvaluationDiff:
    """Everything that differs between `before` and `after`."""

    meetings: list[MeetingChange]
    deadlines: list[DueChange]
    new_late_inputs: list[LateInput]
    delivered: list[str]


def _meeting_key(state: MeetingState) -> tuple[object, ...]:
    return (state.opens_on, state.closes_on, state.window, state.venue, state.status)


def _window(state: OutputState) -> tuple[Date, Date] | None:
    return state.due.window if state.due is not None else None


def _planned(state: OutputState) -> Date | None:
    return state.due.planned if state.due is not None else None


def _days(state: OutputState) -> tuple[Date, Date] | None:
    """The days a due date can fall on: a change of either end is a change of the deadline."""
    return (state.due.earliest, state.due.latest) if state.due is not None else None


def _late_for(state: OutputState) -> Reason | None:
    return state.reason if state.reason.code in LATE_FOR else None


def diff(before: Evaluation, after: Evaluation) -> EvaluationDiff:
    """Compare two evaluations of the same plan (DESIGN: evaluation): meetings whose dates,
    venue or status differ; outputs whose due date or status differ, or that would now come after
    what needs it (a meeting moved before an output that is for it); inputs newly late; outputs
    newly delivered. A deadline's shift is measured between the days a secretariat plans to
    (`DueChange`), as the evaluation's slip is."""
    meetings = [MeetingChange(mid, before.meetings[mid], state)
                for mid, state in after.meetings.items()
                if mid in before.meetings
                and _meeting_key(before.meetings[mid]) != _meeting_key(state)]
    deadlines: list[DueChange] = []
    delivered: list[str] = []
    for oid, new in after.outputs.items():
        old = before.outputs.get(oid)
        if old is None:
            continue
        old_due, new_due = _planned(old), _planned(new)
        if new.status is OutputStatus.DELIVERED and old.status is not OutputStatus.DELIVERED:
            delivered.append(oid)
        was_late, late = _late_for(old), _late_for(new)
        newly_late = late if late is not None and was_late is None else None
        recovered = was_late is not None and late is None
        if (_days(old) != _days(new) or old.status is not new.status or newly_late
                or recovered):
            deadlines.append(DueChange(oid, old_due, new_due, old.status, new.status,
                                       newly_late, recovered, _window(old), _window(new)))
    known = {(li.output, li.input.id, li.input.flag) for li in before.late_inputs}
    fresh = [li for li in after.late_inputs if (li.output, li.input.id, li.input.flag) not in known]
    return EvaluationDiff(meetings, deadlines, fresh, delivered)
