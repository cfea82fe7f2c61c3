"""As-of evaluation: due dates, slip, slack, statuses and input flags, each with its reason as a
code and values, never prose (`core.reasons`; DESIGN: evaluation)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date

from mandates.core import graph
from mandates.core.facts import Fact, FactKind, effective_by
from mandates.core.gcpause import paused_gc
from mandates.core.meetings import MeetingState, meeting_states
from mandates.core.plan import (
    Assumption,
    AtRule,
    Delivery,
    DueRule,
    EveryRule,
    Output,
    Plan,
    Provenance,
    rule_meeting,
)
from mandates.core.reasons import MeetingWhen, Reason, ReasonCode
from mandates.core.rules import Due, Span, due_of, occurrences


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
    rule). `due_set_on`: the effective date of what set the current due date (the fact that
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


@dataclass(slots=True)
class _Progress:
    due: Due | None
    baseline: Due | None
    delivered_on: Date | None
    presumed: bool
    cancelled: Reason | None
    occurrence: tuple[int, int] | None
    facts: list[Fact]


def evaluate(plan: Plan, facts: Iterable[Fact], as_of: Date) -> Evaluation:
    """Evaluate the plan as of a date, counting only facts effective on or before it (DESIGN)."""
    with paused_gc():
        return _evaluate(plan, facts, as_of)


def _evaluate(plan: Plan, facts: Iterable[Fact], as_of: Date) -> Evaluation:
    counted = effective_by(facts, as_of)
    by_subject: dict[str, list[Fact]] = {}
    for fact in counted:
        by_subject.setdefault(fact.subject, []).append(fact)
    meetings = meeting_states(plan, by_subject, as_of)
    baseline_meetings = meeting_states(plan, {}, as_of)
    dues = _DueCache(plan, meetings, baseline_meetings)
    progress = {
        oid: _progress(plan, output, meetings, dues, by_subject.get(oid, []), as_of)
        for oid, output in plan.outputs.items()
    }
    slack_of = {oid: _slack(plan, oid, progress, meetings) for oid in plan.outputs}
    slack = {oid: days_and_limiter[0] for oid, days_and_limiter in slack_of.items()}
    states: dict[str, OutputState] = {}
    late_inputs: list[LateInput] = []
    when_of = _WhenOf(meetings)
    for oid, output in plan.outputs.items():
        p = progress[oid]
        inputs = tuple(_input_state(plan, i, oid, progress, meetings, when_of, as_of)
                       for i in plan.all_inputs(oid))
        state = _state(plan, output, p, slack_of[oid], inputs, as_of)
        states[oid] = state
        if state.status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED):
            late_inputs.extend(LateInput(oid, i) for i in inputs if i.flag in LATE_FLAGS)
    late_inputs.sort(key=lambda li: (_flag_rank(li.input.flag), -(li.input.days_late or 0),
                                     li.output, li.input.id))
    chain: list[str] = []
    if plan.process.last_meeting:
        ordinals = {oid: (p.due.on.toordinal() if p.due else None) for oid, p in progress.items()}
        chain = graph.critical_chain(plan, plan.process.last_meeting, ordinals, slack)
    return Evaluation(plan, as_of, meetings, states, late_inputs, chain, tuple(counted))


def _flag_rank(flag: InputFlag | None) -> int:
    order = [InputFlag.LATE, InputFlag.ARRIVES_AFTER_DEADLINE, InputFlag.UNSCHEDULED,
             InputFlag.TENTATIVE]
    return order.index(flag) if flag in order else len(order)


class _SpanOf:
    def __init__(self, states: dict[str, MeetingState]) -> None:
        self.states = states

    def __call__(self, meeting_id: str) -> Span | None:
        state = self.states.get(meeting_id)
        return state.span if state else None


class _WhenOf:
    """Each meeting as reasons record it, made once per evaluation (many inputs name one meeting)."""

    def __init__(self, states: dict[str, MeetingState]) -> None:
        self.states = states
        self.made: dict[str, MeetingWhen] = {}

    def __call__(self, meeting_id: str) -> MeetingWhen:
        when = self.made.get(meeting_id)
        if when is None:
            when = self.made[meeting_id] = MeetingWhen.of(self.states[meeting_id])
        return when


class _DueCache:
    """Due dates per rule, current and baseline: many outputs share a rule (same meeting)."""

    def __init__(self, plan: Plan, meetings: dict[str, MeetingState],
                 baseline_meetings: dict[str, MeetingState]) -> None:
        self.plan = plan
        self.span_of, self.baseline_span_of = _SpanOf(meetings), _SpanOf(baseline_meetings)
        self.adjust = plan.process.business_days
        self.current: dict[DueRule, Due | None] = {}
        self.baseline: dict[DueRule, Due | None] = {}

    def due(self, rule: DueRule, baseline: bool = False) -> Due | None:
        cache = self.baseline if baseline else self.current
        if rule not in cache:
            span_of = self.baseline_span_of if baseline else self.span_of
            cache[rule] = due_of(rule, span_of, self.plan.report_lag, self.adjust)
        return cache[rule]


def _progress(plan: Plan, output: Output, meetings: dict[str, MeetingState], dues: _DueCache,
              facts: list[Fact], as_of: Date) -> _Progress:
    span_of, baseline_span_of, adjust = dues.span_of, dues.baseline_span_of, dues.adjust
    deliveries = [f.effective_on for f in facts
                  if f.kind in (FactKind.DELIVERED, FactKind.RECEIVED)]
    cancelled = _cancelled_reason(plan, output, meetings, facts)
    rule = output.due
    if isinstance(rule, EveryRule):
        horizon = as_of.add(years=1)
        current = list(occurrences(rule, span_of, horizon, adjust))
        baseline = list(occurrences(rule, baseline_span_of, horizon, adjust))
        done = len(deliveries)
        if done >= len(current):
            last = current[-1] if current else None
            return _Progress(last, baseline[len(current) - 1] if last and len(baseline) >= len(
                current) else None, deliveries[-1] if deliveries else None, False, cancelled,
                (len(current), len(current)), facts)
        return _Progress(current[done], baseline[done] if done < len(baseline) else None, None,
                         False, cancelled, (done + 1, len(current)), facts)
    due = dues.due(rule)
    baseline_due = dues.due(rule, baseline=True)
    delivered_on = deliveries[0] if deliveries else None
    presumed = False
    if delivered_on is None and due is not None and due.on <= as_of:
        if output.delivery is Delivery.AT_DEADLINE:
            delivered_on, presumed = due.on, True
        elif output.delivery is Delivery.WHEN_HELD and isinstance(rule, AtRule):
            state = meetings.get(rule.meeting)
            if state is not None and state.held:
                delivered_on, presumed = due.on, True
    return _Progress(due, baseline_due, delivered_on, presumed, cancelled, None, facts)


def _cancelled_reason(plan: Plan, output: Output, meetings: dict[str, MeetingState],
                      facts: list[Fact]) -> Reason | None:
    for fact in facts:
        if fact.kind is FactKind.WAIVED:
            return Reason.of(ReasonCode.WAIVED, on=fact.effective_on, text=fact.text_title())
        if fact.kind is FactKind.CANCELLED:
            return Reason.of(ReasonCode.CANCELLED, on=fact.effective_on)
    for meeting_id in (rule_meeting(output.due), output.for_):
        state = meetings.get(meeting_id or "")
        if state is not None and state.cancelled:
            return Reason.of(ReasonCode.MEETING_CANCELLED, meeting=state.id)
    return None



def _expected(p: _Progress) -> Date | None:
    if p.delivered_on is not None:
        return p.delivered_on
    return p.due.latest if p.due is not None else None


def _slack(plan: Plan, oid: str, progress: dict[str, _Progress],
           meetings: dict[str, MeetingState]) -> tuple[int | None, str]:
    """Days an output can slip before the deadline of something that needs it is missed, and
    the id of that thing (an output that needs it, or the meeting it is for, which opens then)."""
    p = progress[oid]
    if p.due is None or p.delivered_on is not None or p.cancelled:
        return None, ""
    ready = p.due.latest.toordinal()
    limits = [(due.on.toordinal(), c) for c in plan.consumers_index.get(oid, ())
              if (due := progress[c].due) is not None and not progress[c].cancelled]
    target = plan.outputs[oid].for_
    if target is not None and target in meetings and (span := meetings[target].span) is not None:
        limits.append((span.opens_earliest.toordinal(), target))
    if not limits:
        return None, ""
    limit, limiter = min(limits)
    return limit - ready, limiter


def _input_state(plan: Plan, input_id: str, consumer_id: str, progress: dict[str, _Progress],
                 meetings: dict[str, MeetingState], when_of: _WhenOf, as_of: Date) -> InputState:
    """An input's flag and reason, seen from the output that needs it (DESIGN: input flags)."""
    p, consumer = progress[input_id], progress[consumer_id]
    output = plan.outputs[input_id]
    if p.cancelled:
        return InputState(input_id, None, None, None,
                          Reason.of(ReasonCode.INPUT_CANCELLED, output=input_id, cause=p.cancelled))
    deadline = consumer.due.on if consumer.due is not None else None
    if p.delivered_on is not None and (deadline is None or p.delivered_on <= deadline):
        return InputState(input_id, None, p.delivered_on, None, None)
    if (p.due is not None and as_of <= p.due.on and not p.due.tentative
            and (deadline is None or p.due.latest <= deadline)):
        return InputState(input_id, None, p.due.latest, None, None)
    expected = _expected(p)
    source = rule_meeting(output.due) if isinstance(output.due, AtRule) else None
    if p.delivered_on is not None:
        if deadline is not None and p.delivered_on > deadline:
            late = p.delivered_on.toordinal() - deadline.toordinal()
            return InputState(input_id, InputFlag.ARRIVES_AFTER_DEADLINE, p.delivered_on, late,
                              Reason.of(ReasonCode.ARRIVED_AFTER_DEADLINE, output=input_id,
                                        on=p.delivered_on, days=late, consumer=consumer_id,
                                        deadline=deadline))
        return InputState(input_id, None, p.delivered_on, None, None)
    if p.due is None:
        reason = (Reason.of(ReasonCode.UNSCHEDULED_MEETING, output=input_id,
                            meeting=when_of(source))
                  if source in meetings else Reason.of(ReasonCode.UNSCHEDULED, output=input_id))
        return InputState(input_id, InputFlag.UNSCHEDULED, None, None, reason)
    if as_of > p.due.on:
        late = as_of.toordinal() - p.due.on.toordinal()
        return InputState(input_id, InputFlag.LATE, expected, late,
                          Reason.of(ReasonCode.INPUT_LATE, output=input_id, due=p.due.on, days=late))
    if deadline is not None and p.due.latest > deadline:
        late = p.due.latest.toordinal() - deadline.toordinal()
        reason = _after_deadline(input_id, p.due, meetings, when_of, source, late, consumer_id,
                                 deadline)
        return InputState(input_id, InputFlag.ARRIVES_AFTER_DEADLINE, expected, late, reason)
    if p.due.tentative:
        reason = (Reason.of(ReasonCode.TENTATIVE_MEETING, output=input_id,
                            meeting=when_of(source), latest=p.due.latest)
                  if source in meetings
                  else Reason.of(ReasonCode.TENTATIVE, output=input_id, latest=p.due.latest))
        return InputState(input_id, InputFlag.TENTATIVE, expected, None, reason)
    return InputState(input_id, None, expected, None, None)


def _after_deadline(input_id: str, due: Due, meetings: dict[str, MeetingState], when_of: _WhenOf,
                    source: str | None, late: int, consumer_id: str, deadline: Date) -> Reason:
    """Why an input produced at a meeting (or due on a date) comes after the deadline: the
    meeting's window or days close too late, or its report lag takes it past the deadline."""
    if source is not None and source in meetings:
        state = meetings[source]
        lag = due.latest.toordinal() - (state.span.closes_latest.toordinal()
                                          if state.span else due.latest.toordinal())
        window = state.span is not None and state.span.is_window
        code = ((ReasonCode.AFTER_WINDOW_CLOSE if lag == 0 else ReasonCode.AFTER_WINDOW_LAG)
                if window else
                (ReasonCode.AFTER_MEETING_CLOSE if lag == 0 else ReasonCode.AFTER_MEETING_LAG))
        return Reason.of(code, meeting=when_of(source), output=input_id, latest=due.latest,
                         days=late, consumer=consumer_id, deadline=deadline)
    return Reason.of(ReasonCode.AFTER_DUE, output=input_id, latest=due.latest, days=late,
                     consumer=consumer_id, deadline=deadline)


def _state(plan: Plan, output: Output, p: _Progress, slack_of: tuple[int | None, str],
           inputs: tuple[InputState, ...], as_of: Date) -> OutputState:
    slack, limiter = slack_of
    slip = (p.due.on.toordinal() - p.baseline.on.toordinal()
            if p.due is not None and p.baseline is not None else None)

    def make(status: OutputStatus, reason: Reason, days_late: int | None = None) -> OutputState:
        return OutputState(output, p.due, p.baseline, slip, slack, status, p.delivered_on,
                           days_late, p.presumed, inputs, reason, tuple(p.facts), p.occurrence)

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
        needed = bool(plan.consumers_index.get(output.id)) or output.for_ is not None
        if needed:
            return make(OutputStatus.AT_RISK, Reason(ReasonCode.NO_DATE_NEEDED))
        return make(OutputStatus.ON_TRACK, Reason(ReasonCode.NO_DATE))
    due = p.due.on
    remaining = due.toordinal() - as_of.toordinal()
    late_inputs = [i for i in inputs if i.flag is InputFlag.LATE]
    risky = [i for i in inputs if i.flag in (InputFlag.ARRIVES_AFTER_DEADLINE,
                                             InputFlag.UNSCHEDULED)]
    if remaining < 0:
        return make(OutputStatus.OVERDUE, Reason.of(ReasonCode.OVERDUE, due=due, days=-remaining),
                    -remaining)
    if late_inputs:
        return make(OutputStatus.BLOCKED, Reason.of(ReasonCode.BLOCKED, due=due,
                                                    inputs=tuple(i.id for i in late_inputs)))
    if remaining <= plan.process.due_soon_days:
        code = ReasonCode.DUE_TODAY if remaining == 0 else ReasonCode.DUE_SOON
        return make(OutputStatus.DUE_SOON, Reason.of(code, due=due, days=remaining,
                                                     at_risk=len(risky)))
    if risky:
        return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.INPUTS_AT_RISK, due=due,
                                                    count=len(risky)))
    if slack is not None and slack < 0:
        if limiter in plan.outputs:
            return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.LATE_FOR_OUTPUT, due=due,
                                                        days=-slack, output=limiter))
        return make(OutputStatus.AT_RISK, Reason.of(ReasonCode.LATE_FOR_MEETING, due=due,
                                                    days=-slack, meeting=limiter))
    return make(OutputStatus.ON_TRACK, Reason.of(ReasonCode.DUE, due=due))
