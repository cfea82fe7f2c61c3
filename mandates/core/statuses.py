"""What an evaluation says of each output and input: statuses, flags and their states
(DESIGN: evaluation). Re-exported by `core.evaluate`, where everyone imports them from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date

from mandates.core.facts import Fact
from mandates.core.meetings import MeetingState
from mandates.core.plan import Assumption, Output, Plan, Provenance
from mandates.core.reasons import Reason
from mandates.core.rules import Due


class OutputStatus(StrEnum):
    """An output's status as of a date (DESIGN.md, output statuses)."""

    DELIVERED = "delivered"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    AT_RISK = "at_risk"
    BLOCKED = "blocked"
    ON_TRACK = "on_track"
    CANCELLED = "cancelled"


class InputFlag(StrEnum):
    """What is wrong with an input (DESIGN.md, input flags)."""

    LATE = "late"
    ARRIVES_AFTER_DEADLINE = "arrives_after_deadline"
    UNSCHEDULED = "unscheduled"
    TENTATIVE = "tentative"


LATE_FLAGS = frozenset({InputFlag.LATE, InputFlag.ARRIVES_AFTER_DEADLINE, InputFlag.UNSCHEDULED})


@dataclass(frozen=True, slots=True)
class InputState:
    """One input of an output as of the evaluation date; `reason` explains a flag, or says that
    the input was cancelled or waived (None: nothing to explain)."""

    id: str
    flag: InputFlag | None
    expected_on: Date | None
    days_late: int | None
    reason: Reason | None


@dataclass(frozen=True, slots=True)
class OutputState:
    """One output as of the evaluation date.

    `provenance`: where the status and its date come from (RECORDED: a fact; PRESUMED: a
    presumed holding or delivery; ASSUMED: a due rule the model assumed; None: the text's own
    rule). `slip_days`: days the due date moved from the baseline (positive: later), measured
    between the days a secretariat plans to (`Due.planned`: a window's first day; `core.rules.slip`).
    `due_set_on`: the effective date of what set the current due date (the fact that
    moved the meeting it hangs on, the amendment that added or changed it). `latest_finish`: the
    latest date it can have and still make the last meeting of the process (None when delivered,
    cancelled or not bounded).
    """

    output: Output
    due: Due | None
    baseline_due: Due | None
    slip_days: int | None
    slack_days: int | None
    status: OutputStatus
    delivered_on: Date | None
    days_late: int | None
    presumed: bool
    inputs: tuple[InputState, ...]
    reason: Reason
    facts: tuple[Fact, ...]
    occurrence: tuple[int, int] | None = None
    provenance: Provenance | None = None
    due_set_on: Date | None = None
    latest_finish: Date | None = None

    @property
    def id(self) -> str:
        """The output's id."""
        return self.output.id

    @property
    def assumption(self) -> Assumption | None:
        """The modelled rule behind the due date, when the text does not state it."""
        return self.output.assumed


@dataclass(frozen=True, slots=True)
class LateInput:
    """An input flagged late, arriving after the deadline, or unscheduled, and who needs it."""

    output: str
    input: InputState


@dataclass(frozen=True)
class Evaluation:
    """The state of a process as of a date; pure function of (plan, facts, as_of)."""

    plan: Plan
    as_of: Date
    meetings: dict[str, MeetingState]
    outputs: dict[str, OutputState]
    late_inputs: list[LateInput]
    critical_chain: list[str]
    facts: tuple[Fact, ...]
    set_aside: tuple[Reason, ...] = ()
    """Facts the evaluation could not apply (`ReasonCode.FACT_SET_ASIDE`), in recorded order."""

    def counts(self) -> dict[str, int]:
        """How many outputs have each status."""
        totals = {status.value: 0 for status in OutputStatus}
        for state in self.outputs.values():
            totals[state.status.value] += 1
        return totals

    def in_status(self, status: OutputStatus) -> list[OutputState]:
        """Outputs in a status, by due date then id."""
        chosen = [s for s in self.outputs.values() if s.status is status]
        return sorted(chosen, key=lambda s: (s.due.on if s.due else Date.max, s.id))
