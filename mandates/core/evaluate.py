"""As-of evaluation: due dates, slip, slack, statuses and input flags, each with its reason as a
code and values, never prose (`core.reasons`; DESIGN: evaluation).

`evaluate(plan, facts, as_of)`: the facts that took effect by `as_of` (none withdrawn or
corrected) and the amendments in effect by then (from the files, `plan.amendments`, and from
AMENDED facts) give the plan as of the date (`core.amend`), the meetings as of the date
(`core.meetings`, judged by `core.transitions`), where each output stands (`core.progress`),
the latest finish and slack bounded by the last meeting (`core.slack`), the input flags
(`core.inputs`) and, here, each output's status.

A fact with a date outside the span of the process (`core.bounds`; refused when recorded, but
an older release or a manual edit may have stored one) is set aside, not applied: the rest is
evaluated, and `Evaluation.set_aside` says which fact and why (`ReasonCode.FACT_SET_ASIDE`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from pendulum import Date

from mandates.core.amend import applicable, apply_amendments, due_changes
from mandates.core.bounds import outside
from mandates.core.facts import Fact, FactKind, effective_by
from mandates.core.gcpause import paused_gc
from mandates.core.inputs import days_overdue, input_state
from mandates.core.meetings import meeting_states
from mandates.core.plan import AtRule, Output, Plan, Provenance, split_ref
from mandates.core.progress import DueCache, MeetingRefs, Progress, live_facts, progress
from mandates.core.reasons import Reason, ReasonCode
from mandates.core.rules import slip as due_slip
from mandates.core.slack import (
    BY_LATEST,
    BY_OUTPUT,
    Limit,
    backward_pass,
    critical_chain,
    day_of,
    needed,
)
from mandates.core.statuses import (
    LATE_FLAGS,
    Evaluation,
    InputFlag,
    InputState,
    LateInput,
    OutputState,
    OutputStatus,
)

__all__ = ["LATE_FLAGS", "Evaluation", "InputFlag", "InputState", "LateInput", "OutputState",
           "OutputStatus", "evaluate"]


def evaluate(plan: Plan, facts: Iterable[Fact], as_of: Date) -> Evaluation:
    """Evaluate the plan as of a date, counting only facts effective on or before it (DESIGN).

    `plan` is the founding plan (its `amendments` those of the files); `Evaluation.plan` is the
    plan as of `as_of`, which everything downstream reads. Pure and deterministic.
    """
    with paused_gc():
        return _evaluate(plan, facts, as_of)


def _evaluate(plan: Plan, facts: Iterable[Fact], as_of: Date) -> Evaluation:
    usable, set_aside = _usable(plan, facts)
    counted = effective_by(usable, as_of)
    live = live_facts(counted)
    recorded = [f.amendment for f in live if f.kind is FactKind.AMENDED and f.amendment]
    chosen = applicable(plan, (*plan.amendments, *recorded), as_of)
    now = apply_amendments(plan, chosen) if chosen else plan
    added_on = {a.id: a.effective_on for a in chosen}
    amended_on = due_changes(chosen)
    by_subject = _by_subject(now, live)
    meetings = meeting_states(now, by_subject, as_of, added_on)
    refs = MeetingRefs(meetings)
    baseline_refs = MeetingRefs(meeting_states(now, {}, as_of, added_on))
    dues = DueCache(now, refs, baseline_refs)
    progresses = {
        oid: progress(now, output, refs, dues, by_subject.get(oid, []), as_of, amended_on.get(oid))
        for oid, output in now.outputs.items()
    }
    backward = backward_pass(now, progresses, refs)
    slack: dict[str, int | None] = {}
    for oid, p in progresses.items():
        limit = backward.limits.get(oid)
        slack[oid] = (limit.ordinal - p.due.latest.toordinal()
                      if limit is not None and p.due is not None and p.open else None)
    states: dict[str, OutputState] = {}
    late_inputs: list[LateInput] = []
    for oid, output in now.outputs.items():
        p = progresses[oid]
        inputs = tuple(input_state(now, i, oid, progresses, refs, as_of)
                       for i in now.all_inputs(oid))
        state = _state(now, output, p, slack[oid], backward.limits.get(oid), inputs, refs, as_of,
                       p.due is None and p.open and needed(now, oid, progresses, refs))
        states[oid] = state
        if state.status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED):
            late_inputs.extend(LateInput(oid, i) for i in inputs if i.flag in LATE_FLAGS)
    late_inputs.sort(key=lambda li: (_flag_rank(li.input.flag), -(li.input.days_late or 0),
                                     li.output, li.input.id))
    chain = critical_chain(now, progresses, backward, slack)
    return Evaluation(now, as_of, meetings, states, late_inputs, chain, tuple(counted), set_aside)


def _usable(plan: Plan, facts: Iterable[Fact]) -> tuple[list[Fact], tuple[Reason, ...]]:
    """The facts the evaluation can apply, and a reason for each one it sets aside."""
    span = plan.span
    usable: list[Fact] = []
    wrong: list[tuple[Fact, Date]] = []
    unreadable: list[Fact] = []
    for fact in facts:
        if fact.unreadable is not None:
            unreadable.append(fact)
            continue
        found = outside(fact, span)
        if found is None:
            usable.append(fact)
        else:
            wrong.append((fact, found[1]))
    if not wrong and not unreadable:
        return usable, ()
    voided = {f.voids for f in usable if f.voids}  # withdrawn: no longer said
    said = [Reason.of(ReasonCode.FACT_SET_ASIDE, key=fact.fact_key or "?", subject=fact.subject,
                      on=day, first=span.first, last=span.last)
            for fact, day in wrong if fact.fact_key not in voided]
    said += [Reason.of(ReasonCode.FACT_UNREADABLE, key=fact.fact_key, subject=fact.subject,
                       column=fact.unreadable[0], value=fact.unreadable[1])
             for fact in unreadable if fact.unreadable and fact.fact_key not in voided]
    return usable, tuple(said)


def _by_subject(plan: Plan, facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    """Facts by the id they are about; a fact about a part by its id (`cop-15-part-2`) is read as
    a fact about the meeting with `part` set."""
    by_subject: dict[str, list[Fact]] = {}
    for fact in facts:
        subject = fact.subject
        if subject not in plan.meetings and subject not in plan.outputs:
            meeting_id, number = split_ref(subject, plan.meetings)
            if number is not None and fact.part is None:
                fact = replace(fact, subject=meeting_id, part=number)
                subject = meeting_id
        by_subject.setdefault(subject, []).append(fact)
    return by_subject


def _flag_rank(flag: InputFlag | None) -> int:
    order = [InputFlag.LATE, InputFlag.ARRIVES_AFTER_DEADLINE, InputFlag.UNSCHEDULED,
             InputFlag.TENTATIVE]
    return order.index(flag) if flag in order else len(order)


def _provenance(output: Output, p: Progress, refs: MeetingRefs) -> Provenance | None:
    """RECORDED when a fact decides (a delivery, a waiver, a cancellation), PRESUMED when a
    presumption does (a presumed delivery, or a due date after a meeting only presumed held),
    ASSUMED when the due rule is the model's own (`Output.assumed`), else None (the text's own
    rule, or an amendment's: a retirement)."""
    if p.cancelled is not None:
        return None if p.cancelled.code is ReasonCode.RETIRED else Provenance.RECORDED
    if p.recorded:
        return Provenance.RECORDED
    if p.presumed:
        return Provenance.PRESUMED
    if output.assumed is not None:
        return Provenance.ASSUMED
    if isinstance(output.due, AtRule):
        found = refs.get(output.due.meeting)
        if found is not None and found.held_provenance is Provenance.PRESUMED:
            return Provenance.PRESUMED
    return None


def _state(plan: Plan, output: Output, p: Progress, slack: int | None, limit: Limit | None,
           inputs: tuple[InputState, ...], refs: MeetingRefs, as_of: Date,
           is_needed: bool) -> OutputState:
    """`is_needed`: something open still needs it (`core.slack.needed`; asked only of an open
    output without a date, else False)."""
    slip = due_slip(p.baseline, p.due)  # between planned days: a window's first day
    latest = day_of(limit.ordinal) if limit is not None and p.open else None
    provenance = _provenance(output, p, refs)

    def make(status: OutputStatus, reason: Reason, days_late: int | None = None) -> OutputState:
        return OutputState(output, p.due, p.baseline, slip, slack, status, p.delivered_on,
                           days_late, p.presumed, inputs, reason, tuple(p.facts), p.occurrence,
                           provenance, p.set_on, latest)

    if p.cancelled:
        return make(OutputStatus.CANCELLED, p.cancelled)
    if p.delivered_on is not None and (p.occurrence is None or p.occurrence[0] == p.occurrence[1]):
        on = p.delivered_on
        if p.due is None:  # delivered, then the meeting it hangs on lost its dates: still delivered
            return make(OutputStatus.DELIVERED,
                        Reason.of(ReasonCode.PRESUMED_DELIVERED, on=on, days=None) if p.presumed
                        else Reason.of(ReasonCode.DELIVERED, on=on))
        late = max(0, on.toordinal() - p.due.on.toordinal())
        if p.presumed:
            return make(OutputStatus.DELIVERED,
                        Reason.of(ReasonCode.PRESUMED_DELIVERED, on=on, days=late), late)
        if late == 0:
            return make(OutputStatus.DELIVERED, Reason.of(ReasonCode.DELIVERED_ON_TIME, on=on), late)
        return make(OutputStatus.DELIVERED, Reason.of(ReasonCode.DELIVERED_LATE, on=on, days=late),
                    late)
    if p.due is None:
        if is_needed:  # a consumer still open, or the meeting it is for still to be held
            if latest is not None:
                return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.NO_DATE_LATEST,
                                                            latest=latest))
            return make(OutputStatus.AT_RISK, Reason(ReasonCode.NO_DATE_NEEDED))
        return make(OutputStatus.ON_TRACK, Reason(ReasonCode.NO_DATE))
    due = p.due.on
    remaining = due.toordinal() - as_of.toordinal()
    late_inputs = [i for i in inputs if i.flag is InputFlag.LATE]
    risky = [i for i in inputs if i.flag in (InputFlag.ARRIVES_AFTER_DEADLINE,
                                             InputFlag.UNSCHEDULED)]
    if p.unconfirmed and isinstance(output.due, AtRule):
        return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.MEETING_UNCONFIRMED,
                                                    meeting=refs.when(output.due.meeting)))
    if remaining < 0:
        if p.set_on is not None and p.set_on > due:
            early = p.set_on.toordinal() - due.toordinal()
            late = days_overdue(p, as_of)  # counted from the day it was set
            return make(OutputStatus.OVERDUE, Reason.of(ReasonCode.SET_TOO_LATE, due=due,
                                                        days=early, announced=p.set_on,
                                                        late=late), late)
        return make(OutputStatus.OVERDUE, Reason.of(ReasonCode.OVERDUE, due=due, days=-remaining),
                    -remaining)
    if late_inputs:
        return make(OutputStatus.BLOCKED, Reason.of(ReasonCode.BLOCKED, due=due,
                                                    inputs=tuple(i.id for i in late_inputs)))
    if remaining <= plan.process.due_soon_days:
        code = ReasonCode.DUE_TODAY if remaining == 0 else ReasonCode.DUE_SOON
        return make(OutputStatus.DUE_SOON, Reason.of(code, due=due, days=remaining,
                                                     at_risk=len(risky)))
    if slack is not None and slack < 0 and limit is not None:
        # the output itself would come after what needs it: said before its inputs at risk;
        # the day the slack is counted from (a window's latest day)
        return make(OutputStatus.AT_RISK, _late_for(limit, p.due.latest, -slack, refs))
    if risky:
        return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.INPUTS_AT_RISK, due=due,
                                                    count=len(risky)))
    return make(OutputStatus.ON_TRACK, Reason.of(ReasonCode.DUE, due=due))


def _late_for(limit: Limit, due: Date, days: int, refs: MeetingRefs) -> Reason:
    """Why an output with negative slack is at risk: what sets its latest finish."""
    if limit.kind == BY_OUTPUT:
        return Reason.of(ReasonCode.LATE_FOR_OUTPUT, due=due, days=days, output=limit.of)
    if limit.kind == BY_LATEST:
        return Reason.of(ReasonCode.LATE_FOR_LATEST, due=due, days=days,
                         latest=day_of(limit.ordinal), meeting=limit.of)
    return Reason.of(ReasonCode.LATE_FOR_MEETING, due=due, days=days, meeting=limit.of)


