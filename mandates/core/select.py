"""A part of an evaluation, chosen as a secretariat officer narrows the morning check: by the body
whose meetings it is about (`--body`), by meeting (`--meeting`), by who is responsible
(`--responsible`), by status (`--status`). Pure: an Evaluation in, a smaller Evaluation out.

Rules (issue 10, part 1):
- `meetings`: an output is chosen when its due date hangs on one of them (`before`/`at` a
  meeting, or a part of it: `cop-15-part-2` is COP-15's) or it is made *for* one of them; a
  meeting is chosen when it is one of them.
- `bodies`: the same, for the meetings of those bodies (a meeting's `body`), and an output of
  no meeting when one of them is responsible for it; a meeting when its body is one of them.
- `responsible`: an output when one of those bodies is among those responsible for it; a
  meeting when one of those bodies convenes it (its `body`) or one of the outputs they are
  responsible for is about it (its due date hangs on it, or it is made for it), whatever that
  output's status: the meetings a body must watch for its own work.
- `statuses`: an output in one of those statuses; meetings are not narrowed by it.
Several values of one criterion: any of them (or); several criteria: all of them (and). An
empty criterion chooses everything. Every section of a check reads the one selection: late
inputs stay when the output that needs them is chosen; the meetings changed are among the
chosen meetings; the deadlines moved among the chosen outputs; the critical chain keeps its
chosen outputs, in order. Counts (`Evaluation.counts`) are then the counts of what was chosen.

`unknown_ids(plan, ...)` lists the values that name nothing, for the edge's exit-2 message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mandates.core.plan import Plan, rule_meeting, split_ref
from mandates.core.statuses import Evaluation, OutputState, OutputStatus


@dataclass(frozen=True)
class Selection:
    """What to keep; each field empty means "any"."""

    bodies: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()
    responsible: frozenset[str] = frozenset()
    statuses: frozenset[OutputStatus] = frozenset()

    @property
    def everything(self) -> bool:
        """True when nothing is narrowed."""
        return not (self.bodies or self.meetings or self.responsible or self.statuses)


def _meetings_of(plan: Plan, state: OutputState) -> set[str]:
    """The meetings an output is about: the one its due date hangs on, the one it is for."""
    found = set()
    hung = rule_meeting(state.output.due)
    if hung is not None:
        found.add(split_ref(hung, plan.meetings)[0])
    if state.output.for_ is not None and state.output.for_ in plan.meetings:
        found.add(state.output.for_)
    return found


def _chosen(plan: Plan, state: OutputState, selection: Selection) -> bool:
    about = _meetings_of(plan, state)
    if selection.meetings and not about & selection.meetings:
        return False
    if selection.bodies:
        bodies = {plan.meetings[m].body for m in about if m in plan.meetings}
        if not bodies & selection.bodies and not (
                not about and set(state.output.responsible) & selection.bodies):
            return False
    if selection.responsible and not set(state.output.responsible) & selection.responsible:
        return False
    return not selection.statuses or state.status in selection.statuses


def _watched(plan: Plan, evaluation: Evaluation, responsible: frozenset[str]) -> set[str]:
    """The meetings the outputs of `responsible` are about (any status)."""
    found: set[str] = set()
    for state in evaluation.outputs.values():
        if set(state.output.responsible) & responsible:
            found |= _meetings_of(plan, state)
    return found


def select(evaluation: Evaluation, selection: Selection) -> Evaluation:
    """The part of `evaluation` that `selection` chooses (rules in the module's docstring); the
    evaluation itself when nothing is narrowed."""
    if selection.everything:
        return evaluation
    plan = evaluation.plan
    outputs = {oid: s for oid, s in evaluation.outputs.items() if _chosen(plan, s, selection)}
    meetings = evaluation.meetings
    watched = _watched(plan, evaluation, selection.responsible) if selection.responsible else None
    if selection.meetings or selection.bodies or watched is not None:
        meetings = {mid: m for mid, m in meetings.items()
                    if (not selection.meetings or mid in selection.meetings)
                    and (not selection.bodies or m.meeting.body in selection.bodies)
                    and (watched is None or mid in watched
                         or m.meeting.body in selection.responsible)}
    return replace(evaluation, outputs=outputs, meetings=meetings,
                   late_inputs=[li for li in evaluation.late_inputs if li.output in outputs],
                   critical_chain=[oid for oid in evaluation.critical_chain if oid in outputs])


def unknown_ids(plan: Plan, selection: Selection) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each value of `selection` that names no body or meeting of the plan, as (criterion:
    `bodies`, `meetings` or `responsible`; the value; the valid ids), sorted."""
    body_ids, meeting_ids = tuple(plan.bodies), tuple(plan.meetings)
    return ([("bodies", b, body_ids) for b in sorted(selection.bodies) if b not in plan.bodies]
            + [("meetings", m, meeting_ids) for m in sorted(selection.meetings) if m not in plan.meetings]
            + [("responsible", r, body_ids) for r in sorted(selection.responsible)
               if r not in plan.bodies])
