"""An input's flag and reason, seen from the output that needs it (DESIGN: input flags).

Used by `core.evaluate`. An input is late when it is overdue (days counted from its due date,
or from the day that due date was set when it was set too late), arrives after the deadline of
the output that needs it, or has no date; tentative when its dates are not confirmed (or its
meeting's possible dates passed unconfirmed). An input taken as available because the meeting
that produces it is presumed held says so (PRESUMED_HELD), so that no sentence reads it as fact.
"""

from __future__ import annotations

from pendulum import Date

from mandates.core.plan import AtRule, Plan
from mandates.core.progress import MeetingRefs, Progress
from mandates.core.reasons import Reason, ReasonCode
from mandates.core.rules import Due
from mandates.core.statuses import InputFlag, InputState


def expected(p: Progress) -> Date | None:
    """When an output is, or is expected to be, available: delivered, else its latest due day."""
    if p.delivered_on is not None:
        return p.delivered_on
    return p.due.latest if p.due is not None else None


def days_overdue(p: Progress, as_of: Date) -> int:
    """Days an undelivered output is overdue as of `as_of`: from its due date, or from the day
    its due date was set when that day came later (set too late)."""
    assert p.due is not None
    since = p.due.on
    if p.set_on is not None and p.set_on > since:
        since = p.set_on
    return as_of.toordinal() - since.toordinal()


def input_state(plan: Plan, input_id: str, consumer_id: str, progress: dict[str, Progress],
                refs: MeetingRefs, as_of: Date) -> InputState:
    """An input's flag and reason, seen from `consumer_id`, the output that needs it."""
    p, consumer = progress[input_id], progress[consumer_id]
    output = plan.outputs[input_id]
    if p.cancelled:
        return InputState(input_id, None, None, None,
                          Reason.of(ReasonCode.INPUT_CANCELLED, output=input_id, cause=p.cancelled))
    deadline = consumer.due.on if consumer.due is not None else None
    if p.delivered_on is not None and (deadline is None or p.delivered_on <= deadline):
        reason = (Reason.of(ReasonCode.PRESUMED_HELD, output=input_id,
                            meeting=refs.when(p.presumed_by), on=p.delivered_on)
                  if p.presumed_by is not None else None)
        return InputState(input_id, None, p.delivered_on, None, reason)
    if (p.due is not None and as_of <= p.due.on and not p.due.tentative
            and (deadline is None or p.due.latest <= deadline)):
        return InputState(input_id, None, p.due.latest, None, None)
    when = expected(p)
    source = output.due.meeting if isinstance(output.due, AtRule) else None
    known = source is not None and refs.get(source) is not None
    if p.delivered_on is not None:
        if deadline is not None and p.delivered_on > deadline:
            late = p.delivered_on.toordinal() - deadline.toordinal()
            return InputState(input_id, InputFlag.ARRIVES_AFTER_DEADLINE, p.delivered_on, late,
                              Reason.of(ReasonCode.PRESUMED_AFTER_DEADLINE if p.presumed
                                        else ReasonCode.ARRIVED_AFTER_DEADLINE, output=input_id,
                                        on=p.delivered_on, days=late, consumer=consumer_id,
                                        deadline=deadline))
        return InputState(input_id, None, p.delivered_on, None, None)
    if p.due is None:
        reason = (Reason.of(ReasonCode.UNSCHEDULED_MEETING, output=input_id,
                            meeting=refs.when(source))
                  if source is not None and known
                  else Reason.of(ReasonCode.UNSCHEDULED, output=input_id))
        return InputState(input_id, InputFlag.UNSCHEDULED, None, None, reason)
    if p.unconfirmed and source is not None and not (
            deadline is not None and p.due.latest > deadline):
        return InputState(input_id, InputFlag.TENTATIVE, when, None,
                          Reason.of(ReasonCode.INPUT_UNCONFIRMED, output=input_id,
                                    meeting=refs.when(source)))
    if as_of > p.due.on and not p.unconfirmed:
        late = days_overdue(p, as_of)
        return InputState(input_id, InputFlag.LATE, when, late,
                          Reason.of(ReasonCode.INPUT_LATE, output=input_id, due=p.due.on, days=late))
    if deadline is not None and p.due.latest > deadline:
        late = p.due.latest.toordinal() - deadline.toordinal()
        reason = after_deadline(input_id, p.due, refs, source if known else None, late,
                                consumer_id, deadline)
        return InputState(input_id, InputFlag.ARRIVES_AFTER_DEADLINE, when, late, reason)
    if p.due.tentative:
        reason = (Reason.of(ReasonCode.TENTATIVE_MEETING, output=input_id,
                            meeting=refs.when(source), latest=p.due.latest)
                  if source is not None and known
                  else Reason.of(ReasonCode.TENTATIVE, output=input_id, latest=p.due.latest))
        return InputState(input_id, InputFlag.TENTATIVE, when, None, reason)
    return InputState(input_id, None, when, None, None)


def after_deadline(input_id: str, due: Due, refs: MeetingRefs, source: str | None, late: int,
                   consumer_id: str, deadline: Date) -> Reason:
    """Why an input produced at a meeting (or due on a date) comes after the deadline: the
    meeting's window or days close too late, or its report lag takes it past the deadline."""
    if source is not None:
        span = refs.closing(source)
        lag = due.latest.toordinal() - (span.closes_latest.toordinal()
                                        if span else due.latest.toordinal())
        window = span is not None and span.is_window
        code = ((ReasonCode.AFTER_WINDOW_CLOSE if lag == 0 else ReasonCode.AFTER_WINDOW_LAG)
                if window else
                (ReasonCode.AFTER_MEETING_CLOSE if lag == 0 else ReasonCode.AFTER_MEETING_LAG))
        return Reason.of(code, meeting=refs.when(source), output=input_id, latest=due.latest,
                         days=late, consumer=consumer_id, deadline=deadline)
    return Reason.of(ReasonCode.AFTER_DUE, output=input_id, latest=due.latest, days=late,
                     consumer=consumer_id, deadline=deadline)
