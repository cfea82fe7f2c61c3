"""What changed between two evaluations: meetings moved, deadlines shifted, inputs newly late.

Used by `mandates whatif` (a hypothetical move) and by the Bureau briefing (since the last one).
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.core.evaluate import Evaluation, LateInput, OutputStatus
from mandates.core.meetings import MeetingState


@dataclass(frozen=True, slots=True)
class MeetingChange:
    """A meeting whose dates, venue or status differ between two evaluations."""

    id: str
    before: MeetingState
    after: MeetingState


@dataclass(frozen=True, slots=True)
class DueChange:
    """An output whose due date or status differs between two evaluations."""

    id: str
    old_due: Date | None
    new_due: Date | None
    old_status: OutputStatus
    new_status: OutputStatus

    @property
    def shift_days(self) -> int | None:
        """Days the deadline moved (positive: later), None when either side has no date."""
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


def diff(before: Evaluation, after: Evaluation) -> EvaluationDiff:
    """Compare two evaluations of the same plan (DESIGN: evaluation)."""
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
        old_due = old.due.on if old.due else None
        new_due = new.due.on if new.due else None
        if new.status is OutputStatus.DELIVERED and old.status is not OutputStatus.DELIVERED:
            delivered.append(oid)
        if old_due != new_due or old.status is not new.status:
            deadlines.append(DueChange(oid, old_due, new_due, old.status, new.status))
    known = {(li.output, li.input.id, li.input.flag) for li in before.late_inputs}
    fresh = [li for li in after.late_inputs if (li.output, li.input.id, li.input.flag) not in known]
    return EvaluationDiff(meetings, deadlines, fresh, delivered)
