"""What a move puts at risk: for each meeting moved, postponed, split or cancelled in the period
of a briefing, the outputs whose dates hang on it and the outputs downstream that it makes
late, each with the slack left to the last meeting of the process (issue 9: "as of 2020-04-01,
what SBSTTA-24's postponement puts at risk, with the slack left to COP-15"). Plain data, no
text, no I/O; `briefing.render` words it.

The rules:
- a move puts at risk the open outputs (not delivered, not cancelled) whose due rule hangs on
  the moved meeting or one of its parts, whose due date the move changed (compared with the
  evaluation the briefing compares with) and that are at risk: a status other than on track
  (overdue, blocked, due soon, at risk), no date, negative slack to the last meeting, or a due
  date set too late; a document due before the moved meeting that serves only that meeting
  (nothing else needs it) moves with it and is not at risk; then, following the inputs
  downstream, every open output with an input flagged late, after the deadline or undated that
  is one of those;
- each output is listed once, under the first move that reaches it (moves in the briefing's
  order), and so is each meeting affected downstream (the meeting an output at risk is for, or
  hangs on); a moved meeting is its own entry and is not listed again as affected;
- slack left to the last meeting = `OutputState.latest_finish` - the latest day it is
  expected (None when the evaluation gives no latest finish).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from pendulum import Date

from mandates.core.evaluate import LATE_FLAGS, Evaluation, OutputState, OutputStatus
from mandates.core.plan import Assumption, BeforeRule, Provenance, rule_meeting, split_ref
from mandates.words.names import set_too_late

CLOSED = (OutputStatus.DELIVERED, OutputStatus.CANCELLED)
CALM = (OutputStatus.ON_TRACK,)
FAR_FUTURE = Date(9999, 12, 31)  # sorts undated items last


@dataclass(frozen=True, slots=True)
class AtRisk:
    """An output a move puts at risk.

    `due` is its deadline (None: no date), `expected` the latest day it is expected;
    `latest_finish` the latest day it can have and still make the last meeting and
    `slack_to_last` the days between (negative: it no longer makes it); `direct` when its due
    rule hangs on the moved meeting, else it is downstream; `set_too_late` when its deadline had
    passed on the day it was set; `provenance` and `assumption` say whether its status or date is
    presumed or assumed.
    """

    output: str
    status: OutputStatus
    due: Date | None
    expected: Date | None
    latest_finish: Date | None
    slack_to_last: int | None
    direct: bool
    set_too_late: bool
    provenance: Provenance | None
    assumption: Assumption | None


@dataclass(frozen=True, slots=True)
class MoveRisk:
    """What one moved meeting puts at risk: the outputs (direct ones first, then by expected
    date) and the meetings affected downstream, each listed under this move only."""

    meeting: str
    outputs: tuple[AtRisk, ...]
    meetings: tuple[str, ...]

    @property
    def tightest(self) -> int | None:
        """The least slack left to the last meeting among the outputs at risk, if any is known."""
        known = [a.slack_to_last for a in self.outputs if a.slack_to_last is not None]
        return min(known) if known else None


def base_meeting(meeting_id: str | None, meetings: Container[str]) -> str | None:
    """The meeting a part id belongs to (`cop-15-part-2` -> `cop-15`, `core.plan.split_ref`);
    other ids as they are."""
    return split_ref(meeting_id, meetings)[0] if meeting_id is not None else None


def _at_risk(state: OutputState, direct: bool) -> AtRisk:
    expected = state.due.latest if state.due is not None else None
    slack = (state.latest_finish.toordinal() - expected.toordinal()
             if state.latest_finish is not None and expected is not None else None)
    return AtRisk(state.id, state.status, state.due.on if state.due is not None else None,
                  expected, state.latest_finish, slack, direct, set_too_late(state),
                  state.provenance, state.assumption)


def _risky(state: OutputState) -> bool:
    """An open output hanging on a moved meeting that the move leaves at risk."""
    if state.status in CLOSED:
        return False
    if state.status not in CALM or state.due is None or set_too_late(state):
        return True
    if state.latest_finish is not None:
        return state.latest_finish < state.due.latest
    return state.slack_days is not None and state.slack_days < 0


def _hanging(evaluation: Evaluation, baseline: Evaluation, meeting_id: str) -> list[OutputState]:
    """The open outputs whose due rule hangs on a meeting or one of its parts, whose due date
    moved, that are at risk and do not merely serve the moved meeting; in plan order."""
    plan = evaluation.plan
    chosen = []
    for state in evaluation.outputs.values():
        output = state.output
        if state.status in CLOSED or base_meeting(rule_meeting(output.due), plan.meetings) != meeting_id:
            continue
        serves_only = (isinstance(output.due, BeforeRule) and not plan.consumers_index.get(state.id)
                       and base_meeting(output.for_, plan.meetings) in (meeting_id, None))
        before = baseline.outputs.get(state.id)
        moved = before is None or before.due != state.due
        if moved and not serves_only and _risky(state):
            chosen.append(state)
    return chosen


def _downstream(evaluation: Evaluation, start: list[str]) -> list[str]:
    """Open outputs with a late, after-the-deadline or undated input reached from `start`,
    followed downstream; in the order they are reached."""
    plan = evaluation.plan
    reached, found = set(start), []
    frontier = list(start)
    while frontier:
        current = frontier.pop(0)
        for consumer in plan.consumers_index.get(current, ()):
            if consumer in reached:
                continue
            state = evaluation.outputs[consumer]
            if state.status in CLOSED:
                continue
            if any(i.id in reached and i.flag in LATE_FLAGS for i in state.inputs):
                reached.add(consumer)
                found.append(consumer)
                frontier.append(consumer)
    return found


def _opens(evaluation: Evaluation, meeting_id: str) -> Date:
    span = evaluation.meetings[meeting_id].span
    return span.opens_earliest if span is not None else FAR_FUTURE


def _order(item: AtRisk) -> tuple[bool, Date, str]:
    return (not item.direct, item.expected or FAR_FUTURE, item.output)


def move_risks(evaluation: Evaluation, baseline: Evaluation, moved: list[str]) -> list[MoveRisk]:
    """What each moved meeting (ids, in the briefing's order) puts at risk, compared with
    `baseline` (the evaluation the briefing compares with); see the module."""
    listed_outputs: set[str] = set()
    listed_meetings: set[str] = set(moved)
    risks = []
    for meeting_id in moved:
        hanging = _hanging(evaluation, baseline, meeting_id)
        items = [_at_risk(s, True) for s in hanging if s.id not in listed_outputs]
        for oid in _downstream(evaluation, [s.id for s in hanging]):
            if oid not in listed_outputs and oid not in {i.output for i in items}:
                items.append(_at_risk(evaluation.outputs[oid], False))
        items.sort(key=_order)
        listed_outputs.update(i.output for i in items)
        affected = []
        for item in items:
            output = evaluation.plan.outputs[item.output]
            for target in (output.for_, base_meeting(rule_meeting(output.due), evaluation.plan.meetings)):
                if (target is not None and target in evaluation.meetings
                        and target not in listed_meetings):
                    listed_meetings.add(target)
                    affected.append(target)
        affected.sort(key=lambda m: (_opens(evaluation, m), m))
        risks.append(MoveRisk(meeting_id, tuple(items), tuple(affected)))
    return risks


def affected_meetings(evaluation: Evaluation, risks: list[MoveRisk]) -> list[str]:
    """The meetings downstream that the moves put at risk, each once, by opening date then id
    (undated last)."""
    return sorted((m for r in risks for m in r.meetings), key=lambda m: (_opens(evaluation, m), m))
