"""Latest finish, slack and the critical chain, bounded by the last meeting of the process
(DESIGN: evaluation; issue 9, "chain and slack that hold when dates go missing").

A backward pass over the outputs that are neither delivered nor cancelled ("open"), from the
last meeting back: an output must be ready by
- the opening of the meeting it is `for` (a dated one: its first part's opening; an undated
  one: the latest opening that still lets what the meeting produces make its own deadlines,
  and never after the opening of the last meeting's last part), unless that meeting (or the
  part it names) has been held: it can no longer be missed;
- the due date of every output that needs it and is still open (one delivered, cancelled or
  waived no longer waits for anything), and that output's own latest finish.
Each bound remembers what sets it (`Limit`): an output's due date, a meeting's opening, or the
latest opening of an undated meeting. Slack is latest finish minus the expected date.

An output is still *needed* (`needed`) while an output that needs it is open or the meeting it
is for is neither held nor cancelled: an output without a date is at risk only then. An input
whose consumers are all delivered, cancelled or waived, and whose meeting has been held, puts
nothing at risk any more (it may still be overdue on its own due date).

One pass in reverse dependency order (Kahn's algorithm on plain dicts, no graphlib: this runs
on every evaluation of 100,000 outputs), the edges through undated meetings included; what a
cycle through an undated meeting leaves out is finished with the bounds known.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from pendulum import Date

from mandates.core.plan import AtRule, Plan, split_ref
from mandates.core.progress import MeetingRefs, Progress
from mandates.core.rules import shift

BY_OUTPUT, BY_MEETING, BY_LATEST = "output", "meeting", "latest"


@dataclass(frozen=True, slots=True)
class Limit:
    """The latest finish of an output as a day ordinal, and what sets it: `kind` BY_OUTPUT (the
    due date of output `of`), BY_MEETING (the opening of meeting or part `of`) or BY_LATEST (the
    latest opening of the undated meeting `of` that still makes the last meeting)."""

    ordinal: int
    kind: str
    of: str


@dataclass(frozen=True, slots=True)
class Backward:
    """The result of the backward pass: each open output's latest finish (when bounded) and,
    for the critical chain, the number of open outputs on the longest chain of open inputs
    ending at each open output."""

    limits: dict[str, Limit]
    depth: dict[str, int]


def backward_pass(plan: Plan, progress: Mapping[str, Progress], refs: MeetingRefs) -> Backward:
    """Latest finish of every open output (see the module's docstring)."""
    consumers = plan.consumers_index
    inputs = plan.inputs_index
    last_opening = _last_opening(plan, refs)
    # undated meetings that open outputs are for: ref -> (outputs for it, outputs produced at it)
    undated: dict[str, tuple[list[str], list[str]]] = {}
    for oid, output in plan.outputs.items():
        if not progress[oid].open:
            continue
        target = output.for_
        if target is not None and target not in plan.outputs and _is_undated(refs, target):
            undated.setdefault(target, ([], []))[0].append(oid)
    if undated:
        for oid, output in plan.outputs.items():
            rule = output.due
            if isinstance(rule, AtRule) and rule.meeting in undated and progress[oid].open:
                undated[rule.meeting][1].append(oid)
    pending = {oid: len(consumers.get(oid, ())) for oid in plan.outputs}
    extra_preds: dict[str, list[str]] = {}
    for before, produced in undated.values():
        for oid in before:
            pending[oid] += len(produced)
        for made in produced:
            extra_preds.setdefault(made, []).extend(before)
    meeting_limit: dict[str, Limit | None] = {}
    limits: dict[str, Limit] = {}
    order: list[str] = []
    ready = deque(oid for oid, count in pending.items() if count == 0)
    done: set[str] = set()

    def finish(oid: str) -> None:
        order.append(oid)
        done.add(oid)
        if progress[oid].open:
            limit = _limit(plan, oid, progress, refs, limits, undated, meeting_limit,
                           last_opening, done)
            if limit is not None:
                limits[oid] = limit

    # Outputs still waiting once `ready` runs dry sit on a cycle through an undated meeting; the
    # scan for the next one only moves forward (counts only fall, `done` only grows): linear.
    waiting = iter(list(pending))
    while True:
        while ready:
            oid = ready.popleft()
            finish(oid)
            for pred in (*inputs.get(oid, ()), *extra_preds.get(oid, ())):
                if pred in pending:
                    pending[pred] -= 1
                    if pending[pred] == 0:
                        ready.append(pred)
        stuck = next((oid for oid in waiting if pending[oid] > 0 and oid not in done), None)
        if stuck is None:
            break
        pending[stuck] = 0  # a cycle through an undated meeting: break it here
        ready.append(stuck)
    depth: dict[str, int] = {}
    for oid in reversed(order):  # inputs before the outputs that need them
        if progress[oid].open:
            depth[oid] = 1 + max((depth.get(i, 0) for i in inputs.get(oid, ())), default=0)
    return Backward(limits, depth)


def needed(plan: Plan, oid: str, progress: Mapping[str, Progress], refs: MeetingRefs) -> bool:
    """True while something still needs output `oid`: an output that lists it as an input (or
    that it is `for`) and is open, or the meeting it is `for`, neither held nor cancelled (a
    part: that part). Nothing else can put it at risk of missing what it is for."""
    if any(progress[c].open for c in plan.consumers_index.get(oid, ())):
        return True
    target = plan.outputs[oid].for_
    if target is None or target in plan.outputs:
        return False
    found = refs.get(target)
    return found is not None and not found.state.cancelled and not found.held


def _is_undated(refs: MeetingRefs, target: str) -> bool:
    found = refs.get(target)
    return found is not None and not found.state.cancelled and found.opening is None


def _last_opening(plan: Plan, refs: MeetingRefs) -> Limit | None:
    """The opening of the last meeting's last part: the bound of every undated meeting."""
    last = plan.process.last_meeting
    found = refs.get(last)
    if last is None or found is None:
        return None
    span = found.closing  # the last part: its own span, opening included
    if span is None:
        return None
    of = last
    if found.part is None and found.state.parts:
        of = found.state.parts[-1].id
    return Limit(span.opens_earliest.toordinal(), BY_MEETING, of)


def _limit(plan: Plan, oid: str, progress: Mapping[str, Progress], refs: MeetingRefs,
           limits: dict[str, Limit], undated: dict[str, tuple[list[str], list[str]]],
           meeting_limit: dict[str, Limit | None], last_opening: Limit | None,
           done: set[str]) -> Limit | None:
    best: Limit | None = None
    for consumer in plan.consumers_index.get(oid, ()):
        p = progress[consumer]
        if not p.open:  # delivered, cancelled or waived: it waits for nothing
            continue
        if p.due is not None:
            bound = Limit(p.due.on.toordinal(), BY_OUTPUT, consumer)
            if best is None or bound.ordinal < best.ordinal:
                best = bound
        later = limits.get(consumer)
        if later is not None and (best is None or later.ordinal < best.ordinal):
            best = later
    target = plan.outputs[oid].for_
    if target is not None and target not in plan.outputs:
        by_meeting = _meeting_bound(plan, target, refs, limits, undated, meeting_limit,
                                    last_opening, done)
        if by_meeting is not None and (best is None or by_meeting.ordinal < best.ordinal):
            best = by_meeting
    return best


def _meeting_bound(plan: Plan, target: str, refs: MeetingRefs, limits: dict[str, Limit],
                   undated: dict[str, tuple[list[str], list[str]]],
                   meeting_limit: dict[str, Limit | None], last_opening: Limit | None,
                   done: set[str]) -> Limit | None:
    found = refs.get(target)
    if found is None or found.state.cancelled or found.held:
        return None
    span = found.opening
    if span is not None:
        return Limit(span.opens_earliest.toordinal(), BY_MEETING, target)
    if target in meeting_limit:
        return meeting_limit[target]
    best = last_opening
    length = _planned_length(plan, target)
    for made in undated.get(target, ((), ()))[1]:
        limit = limits.get(made)
        if limit is None:
            continue
        rule = plan.outputs[made].due
        assert isinstance(rule, AtRule)
        meeting_id, _ = split_ref(target, plan.meetings)
        lag = rule.lag_days if rule.lag_days is not None else (
            plan.report_lag(meeting_id) if meeting_id in plan.meetings else 0)
        opening = limit.ordinal - lag - length
        if best is None or opening < best.ordinal:
            best = Limit(opening, BY_LATEST, target)
    if all(made in done for made in undated.get(target, ((), ()))[1]):
        meeting_limit[target] = best
    return best


def _planned_length(plan: Plan, ref: str) -> int:
    """Days from a meeting's planned opening to its planned close (0 when it had no days)."""
    meeting_id, _ = split_ref(ref, plan.meetings)
    meeting = plan.meetings.get(meeting_id)
    if meeting is None or meeting.opens_on is None or meeting.closes_on is None:
        return 0
    return meeting.closes_on.toordinal() - meeting.opens_on.toordinal()


def day_of(ordinal: int) -> Date:
    """The Date of a day ordinal (made once each: many outputs share a latest finish)."""
    return shift(_EPOCH, ordinal - _EPOCH_ORDINAL)


_EPOCH = Date(2000, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()


def critical_chain(plan: Plan, progress: Mapping[str, Progress], backward: Backward,
                   slack: Mapping[str, int | None]) -> list[str]:
    """The chain of open outputs that leads to the process's last meeting, earliest first.

    It ends at an open output for the last meeting (or one of its parts) and follows, at each
    step, the open input with the longest chain of open inputs behind it, then the least slack,
    then the latest date (due, else latest finish). It never starts or ends at a delivered or
    cancelled output; empty when the process names no last meeting or nothing is open for it.
    """
    last = plan.process.last_meeting
    if not last:
        return []
    base, _ = split_ref(last, plan.meetings)
    depth = backward.depth

    def date_of(oid: str) -> int:
        p = progress[oid]
        if p.due is not None:
            return p.due.on.toordinal()
        limit = backward.limits.get(oid)
        return limit.ordinal if limit is not None else 0

    def key(oid: str) -> tuple[int, int, int]:
        s = slack.get(oid)
        return (-depth.get(oid, 0), s if s is not None else 10**9, -date_of(oid))

    candidates = [oid for oid, o in plan.outputs.items()
                  if o.for_ is not None and oid in depth
                  and (o.for_ == last or split_ref(o.for_, plan.meetings)[0] == base)]
    if not candidates:
        return []
    chain = [min(candidates, key=key)]
    seen = set(chain)
    while True:
        open_inputs = [i for i in plan.all_inputs(chain[-1]) if i in depth and i not in seen]
        if not open_inputs:
            break
        chain.append(min(open_inputs, key=key))
        seen.add(chain[-1])
    chain.reverse()
    return chain
