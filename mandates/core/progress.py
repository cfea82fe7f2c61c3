"""Where each output stands as of a date, before statuses are decided: its due date (current and
baseline) from the meetings it hangs on, parts resolved; its delivery, recorded or presumed;
what cancelled it; when its due date was set. Used by `core.evaluate`.

Also the facts that count as of a date (`live_facts`: withdrawn and corrected facts left out) and
`MeetingRefs`, the meetings of an evaluation looked up by reference (a meeting or a part).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import (
    AtRule,
    BeforeRule,
    Delivery,
    DueRule,
    EveryRule,
    Output,
    Plan,
    Provenance,
    rule_meeting,
    split_ref,
)
from mandates.core.reasons import MeetingWhen, Reason, ReasonCode
from mandates.core.rules import Due, Span, due_of, occurrences

DELIVERIES = (FactKind.DELIVERED, FactKind.RECEIVED)


def live_facts(counted: Sequence[Fact]) -> list[Fact]:
    """The facts whose effect stands: every fact named by the `voids` of another (a withdrawal,
    or a delivery that corrects an earlier one) is left out. Order kept. A withdrawal cannot be
    withdrawn (`core.record` refuses it), so one level is all there is."""
    voided = {f.voids for f in counted if f.voids}
    if not voided:
        return list(counted)
    return [f for f in counted if not (f.fact_key and f.fact_key in voided)]


@dataclass(frozen=True, slots=True)
class Ref:
    """A meeting reference resolved: the meeting, the part it names (None: the whole meeting)
    and whether that part is known (a part not known yet is undated)."""

    state: MeetingState
    part: PartState | None
    known: bool

    @property
    def opening(self) -> Span | None:
        """The days it opens in: the part's, or the meeting's first part's."""
        if not self.known:
            return None
        return self.part.span if self.part is not None else self.state.opening_span

    @property
    def closing(self) -> Span | None:
        """The days it closes in: the part's, or the meeting's last part's."""
        if not self.known:
            return None
        return self.part.span if self.part is not None else self.state.closing_span

    @property
    def held(self) -> bool:
        """Held (recorded or presumed): the part, or the meeting's last part."""
        if not self.known:
            return False
        return self.part.held if self.part is not None else self.state.held

    @property
    def held_provenance(self) -> Provenance | None:
        """RECORDED or PRESUMED when held."""
        if not self.known:
            return None
        return (self.part.held_provenance if self.part is not None
                else self.state.held_provenance)

    def set_on(self, closing: bool) -> Date | None:
        """When the day that counts was last set: its opening (a `before` rule) or its close
        (an `at` rule), of the part named or the meeting's first or last part."""
        if not self.known:
            return None
        holder: PartState | MeetingState = self.part if self.part is not None else self.state
        return holder.closes_set_on if closing else holder.opens_set_on


class MeetingRefs:
    """The meetings of one evaluation by reference (`sbstta-24`, `cop-15-part-2`), resolved
    once each, with their MeetingWhen made once each (many reasons name one meeting)."""

    def __init__(self, states: Mapping[str, MeetingState]) -> None:
        self.states = states
        self._refs: dict[str, Ref | None] = {}
        self._whens: dict[str, MeetingWhen] = {}

    def get(self, ref: str | None) -> Ref | None:
        """The meeting or part `ref` names; None when it names no meeting."""
        if ref is None:
            return None
        if ref in self._refs:
            return self._refs[ref]
        meeting_id, number = split_ref(ref, self.states)
        state = self.states.get(meeting_id)
        found: Ref | None = None
        if state is not None:
            if number is None:
                found = Ref(state, None, True)
            else:
                part = state.part(number)
                found = Ref(state, part, part is not None or (number == 1 and not state.parts))
        self._refs[ref] = found
        return found

    def opening(self, ref: str) -> Span | None:
        """The span a `before` rule binds to."""
        found = self.get(ref)
        return found.opening if found is not None else None

    def closing(self, ref: str) -> Span | None:
        """The span an `at` rule binds to."""
        found = self.get(ref)
        return found.closing if found is not None else None

    def when(self, ref: str) -> MeetingWhen:
        """The meeting (or part) as a reason records it."""
        when = self._whens.get(ref)
        if when is None:
            found = self.get(ref)
            if found is None:
                when = MeetingWhen(ref, None, None, None, False, False, False)
            elif found.part is not None:
                when = MeetingWhen.of_part(found.part)
            elif not found.known:
                state = found.state
                when = MeetingWhen(ref, None, None, state.venue, False, False, False)
            else:
                when = MeetingWhen.of(found.state)
            self._whens[ref] = when
        return when


class DueCache:
    """Due dates per rule, current and baseline: many outputs share a rule (same meeting)."""

    def __init__(self, plan: Plan, refs: MeetingRefs, baseline: MeetingRefs) -> None:
        self.plan = plan
        self.refs, self.baseline_refs = refs, baseline
        self.adjust = plan.process.business_days
        self.holidays = plan.process.holidays
        self.current: dict[DueRule, Due | None] = {}
        self.baseline: dict[DueRule, Due | None] = {}

    def due(self, rule: DueRule, baseline: bool = False) -> Due | None:
        """The due date of a non-periodic rule (None: the meeting it hangs on has no dates)."""
        cache = self.baseline if baseline else self.current
        if rule not in cache:
            refs = self.baseline_refs if baseline else self.refs
            span: Span | None = None
            if isinstance(rule, BeforeRule):
                span = refs.opening(rule.meeting)
            elif isinstance(rule, AtRule):
                span = refs.closing(rule.meeting)
            cache[rule] = due_of(rule, lambda _: span, self._lag, self.adjust, self.holidays)
        return cache[rule]

    def _lag(self, ref: str) -> int:
        meeting_id, _ = split_ref(ref, self.plan.meetings)
        return self.plan.report_lag(meeting_id) if meeting_id in self.plan.meetings else 0

    def occurrences(self, rule: EveryRule, horizon: Date, baseline: bool = False) -> list[Due]:
        """The occurrences of a periodic rule until its end (or `horizon` when undated)."""
        refs = self.baseline_refs if baseline else self.refs
        return list(occurrences(rule, refs.opening, horizon, self.adjust, self.holidays))


@dataclass(slots=True)
class Progress:
    """An output before its status: due dates, delivery (`presumed`: by a presumption, with
    `presumed_by` the meeting presumed held when that is why), cancellation, occurrence of a
    periodic output, its facts, when its due date was set (`set_on`) and whether it hangs on a
    tentative meeting whose possible dates have passed (`unconfirmed`)."""

    due: Due | None
    baseline: Due | None
    delivered_on: Date | None
    presumed: bool
    cancelled: Reason | None
    occurrence: tuple[int, int] | None
    facts: list[Fact]
    set_on: Date | None = None
    unconfirmed: bool = False
    presumed_by: str | None = None
    recorded: bool = False

    @property
    def open(self) -> bool:
        """Neither delivered nor cancelled: what slack and the critical chain are about."""
        return self.delivered_on is None and self.cancelled is None


def progress(plan: Plan, output: Output, refs: MeetingRefs, dues: DueCache, facts: list[Fact],
             as_of: Date, amended_on: Date | None) -> Progress:
    """Where one output stands as of `as_of` (`amended_on`: when an amendment last set its rule)."""
    deliveries = [f.effective_on for f in facts if f.kind in DELIVERIES]
    cancelled = cancelled_reason(plan, output, refs, facts)
    rule = output.due
    set_on = _set_on(rule, refs, amended_on)
    if isinstance(rule, EveryRule):
        horizon = as_of.add(years=1)
        current = dues.occurrences(rule, horizon)
        baseline = dues.occurrences(rule, horizon, baseline=True)
        done = len(deliveries)
        if done >= len(current):
            last = current[-1] if current else None
            return Progress(last, baseline[len(current) - 1] if last and len(baseline) >= len(
                current) else None, deliveries[-1] if deliveries else None, False, cancelled,
                (len(current), len(current)), facts, set_on, recorded=bool(deliveries))
        return Progress(current[done], baseline[done] if done < len(baseline) else None, None,
                        False, cancelled, (done + 1, len(current)), facts, set_on)
    due = dues.due(rule)
    baseline_due = dues.due(rule, baseline=True)
    delivered_on = deliveries[0] if deliveries else None
    presumed = unconfirmed = False
    presumed_by: str | None = None
    if delivered_on is None and due is not None and due.on <= as_of:
        if output.delivery is Delivery.AT_DEADLINE:
            delivered_on, presumed = due.on, True
        elif isinstance(rule, AtRule):
            found = refs.get(rule.meeting)
            if output.delivery is Delivery.WHEN_HELD and found is not None and found.held:
                delivered_on, presumed = due.on, True
                if found.held_provenance is Provenance.PRESUMED:
                    presumed_by = rule.meeting
            elif due.tentative and due.on < as_of:
                unconfirmed = True
    return Progress(due, baseline_due, delivered_on, presumed, cancelled, None, facts, set_on,
                    unconfirmed, presumed_by, recorded=bool(deliveries))


def _set_on(rule: DueRule, refs: MeetingRefs, amended_on: Date | None) -> Date | None:
    """When the current due date was set: the later of the amendment that set the rule and the
    fact (or amendment) that set the dates of the meeting it hangs on."""
    meeting_set: Date | None = None
    if isinstance(rule, BeforeRule | AtRule):
        found = refs.get(rule.meeting)
        if found is not None:
            meeting_set = found.set_on(closing=isinstance(rule, AtRule))
    if meeting_set is None:
        return amended_on
    if amended_on is None:
        return meeting_set
    return max(meeting_set, amended_on)


def cancelled_reason(plan: Plan, output: Output, refs: MeetingRefs,
                     facts: list[Fact]) -> Reason | None:
    """Why an output is cancelled: retired by an amendment, waived or cancelled by a fact, or
    the meeting it hangs on (or is for) cancelled or retired; None when it is not."""
    retired = plan.retired.get(output.id)
    if retired is not None:
        return Reason.of(ReasonCode.RETIRED, amendment=retired)
    for fact in facts:
        if fact.kind is FactKind.WAIVED:
            return Reason.of(ReasonCode.WAIVED, on=fact.effective_on, text=fact.text_title())
        if fact.kind is FactKind.CANCELLED:
            return Reason.of(ReasonCode.CANCELLED, on=fact.effective_on)
    for meeting_ref in (rule_meeting(output.due), output.for_):
        found = refs.get(meeting_ref)
        if found is not None and found.state.cancelled:
            by = plan.retired.get(found.state.id)
            if by is not None:
                return Reason.of(ReasonCode.RETIRED, amendment=by)
            return Reason.of(ReasonCode.MEETING_CANCELLED, meeting=found.state.id)
    return None
