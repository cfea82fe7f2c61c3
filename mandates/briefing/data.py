"""Evaluation -> the data of a Bureau briefing: plain Python, no text, no I/O.

The briefing compares the evaluation as of its date with a *before* evaluation: the one the last
briefing showed (rebuilt from its snapshot), or the one as of a chosen date. With neither, it
compares with the plan as adopted (the evaluation without facts). Sentences are made later, in
each language, by `briefing_render` from the ids, dates, days and flags kept here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pendulum import Date

from mandates.briefing.risk import MoveRisk, move_risks
from mandates.core.diff import diff
from mandates.core.evaluate import (
    Evaluation,
    InputFlag,
    LateInput,
    OutputState,
    OutputStatus,
    evaluate,
)
from mandates.core.facts import MEETING_KINDS, Fact, FactKind
from mandates.core.meetings import MeetingState
from mandates.core.plan import AtRule, EveryRule, Plan, rule_meeting
from mandates.core.rules import Due, slip

FAR_FUTURE = Date(9999, 12, 31)  # sorts undated items last
SNAPSHOT_VERSION = 1
SinceKind = Literal["last", "date", "none"]
MoveKind = Literal["rescheduled", "relocated", "rescheduled_relocated", "postponed", "cancelled",
                   "window", "split", "in_parts", "mode"]


@dataclass(frozen=True, slots=True)
class Since:
    """What the briefing compares with: the last briefing, a date, or the plan as adopted."""

    kind: SinceKind
    on: Date | None = None
    asked: bool = False  # `none` because it was asked for (`--since none`), not for want of one


@dataclass(frozen=True, slots=True)
class Consequence:
    """What depends on an output: who needs it, the meeting it is for, how much lies behind."""

    needed_by: tuple[str, ...]
    meeting: str | None
    dependents: int
    on_chain: bool


@dataclass(frozen=True, slots=True)
class LateItem:
    """One late input of an output: its flag, dates, the undated meeting it hangs on, if new."""

    input: str
    flag: InputFlag
    expected_on: Date | None
    days_late: int | None
    arrived: bool
    meeting: str | None
    new: bool


@dataclass(frozen=True, slots=True)
class InputDecision:
    """An output whose inputs are late: the decision is whether it waits or goes without them."""

    output: str
    due: Date | None
    inputs: tuple[LateItem, ...]
    consequence: Consequence


@dataclass(frozen=True, slots=True)
class OverdueDecision:
    """An overdue output: record its delivery or agree a new date."""

    output: str
    due: Date
    days_late: int
    occurrence: tuple[int, int] | None
    consequence: Consequence
    new: bool


@dataclass(frozen=True, slots=True)
class Delivered:
    """An output delivered in the period (or so far), with its timing."""

    output: str
    delivered_on: Date
    days_late: int
    presumed: bool
    ref: str | None


@dataclass(frozen=True, slots=True)
class MeetingMove:
    """A meeting rescheduled, relocated, postponed, cancelled, split, held in parts or in another
    mode in the period: old -> new."""

    meeting: str
    kind: MoveKind
    before: MeetingState
    after: MeetingState
    announced_on: Date | None


@dataclass(frozen=True, slots=True)
class DeadlineMove:
    """A deadline that moved in the period, and the meeting whose move caused it."""

    output: str
    old_due: Date | None
    new_due: Date | None
    shift_days: int | None
    cause: str | None


@dataclass(frozen=True, slots=True)
class Upcoming:
    """An open deadline before the next briefing."""

    output: str
    due: Due
    status: OutputStatus
    occurrence: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One body: its outputs by status and its next open deadline."""

    body: str
    counts: dict[str, int]
    next_output: str | None
    next_due: Date | None


@dataclass(frozen=True)
class Briefing:
    """Everything a Bureau briefing shows, as data."""

    evaluation: Evaluation
    since: Since
    until: Date
    horizon_weeks: int
    input_decisions: list[InputDecision]
    overdue: list[OverdueDecision]
    delivered: list[Delivered]
    held: list[str]
    meeting_moves: list[MeetingMove]
    deadline_moves: list[DeadlineMove]
    new_late: list[LateInput]
    upcoming: list[Upcoming]
    upcoming_meetings: list[str]
    bodies: list[BodyLine]
    next_meeting: str | None
    notes: list[Fact]
    risks: list[MoveRisk]

    @property
    def plan(self) -> Plan:
        """The plan briefed on."""
        return self.evaluation.plan

    @property
    def as_of(self) -> Date:
        """The briefing's date."""
        return self.evaluation.as_of


def build_briefing(current: Evaluation, before: Evaluation | None, since: Since,
                   horizon_weeks: int) -> Briefing:
    """The briefing as of `current.as_of`, compared with `before`."""
    plan, as_of = current.plan, current.as_of
    baseline = before if before is not None else evaluate(plan, (), as_of)
    change = diff(baseline, current)
    new_keys = ({(li.output, li.input.id, li.input.flag) for li in change.new_late_inputs}
                if before is not None else set())
    until = as_of.add(weeks=horizon_weeks)
    if before is not None:
        delivered_ids = change.delivered
        held = [mid for mid, s in current.meetings.items()
                if s.held and not s.cancelled
                and (mid not in before.meetings or not before.meetings[mid].held)]
    else:
        delivered_ids = [oid for oid, s in current.outputs.items() if s.status is OutputStatus.DELIVERED]
        held = [mid for mid, s in current.meetings.items() if s.held and not s.cancelled]
    moves = _meeting_moves(current, baseline, since)
    return Briefing(
        evaluation=current, since=since, until=until, horizon_weeks=horizon_weeks,
        input_decisions=_input_decisions(current, new_keys),
        overdue=_overdue(current, before),
        delivered=_delivered(current, delivered_ids),
        held=sorted(held, key=lambda m: (_closes(current.meetings[m]), m)),
        meeting_moves=moves,
        deadline_moves=_deadline_moves(current, baseline, {m.meeting for m in moves}),
        new_late=list(change.new_late_inputs) if before is not None else [],
        upcoming=_upcoming(current, until),
        upcoming_meetings=_upcoming_meetings(current, until),
        bodies=_bodies(current),
        next_meeting=_next_meeting(current),
        notes=_notes(current, before),
        risks=move_risks(current, baseline, [m.meeting for m in moves]),
    )


def consequence(evaluation: Evaluation, output_id: str) -> Consequence:
    """Who needs an output, the meeting it is for, and how many outputs depend on it in all."""
    plan = evaluation.plan
    open_ = [c for c in plan.consumers_index.get(output_id, ())
             if evaluation.outputs[c].status is not OutputStatus.CANCELLED]
    seen: set[str] = set()
    stack = list(open_)
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        stack.extend(plan.consumers_index.get(current, ()))
    target = plan.outputs[output_id].for_
    meeting = target if target in plan.meetings else None
    return Consequence(tuple(open_), meeting, len(seen), output_id in evaluation.critical_chain)


def _input_decisions(evaluation: Evaluation, new_keys: set[tuple[str, str, InputFlag | None]]
                     ) -> list[InputDecision]:
    grouped: dict[str, list[LateItem]] = {}
    for li in evaluation.late_inputs:
        state = evaluation.outputs[li.input.id]
        rule = state.output.due
        meeting = rule_meeting(rule) if isinstance(rule, AtRule) else None
        assert li.input.flag is not None
        item = LateItem(li.input.id, li.input.flag, li.input.expected_on, li.input.days_late,
                        state.status is OutputStatus.DELIVERED, meeting,
                        (li.output, li.input.id, li.input.flag) in new_keys)
        grouped.setdefault(li.output, []).append(item)
    decisions = [InputDecision(oid, _due_on(evaluation.outputs[oid]), tuple(items),
                               consequence(evaluation, oid)) for oid, items in grouped.items()]
    decisions.sort(key=lambda d: (d.due or FAR_FUTURE, d.output))
    return decisions


def _overdue(evaluation: Evaluation, before: Evaluation | None) -> list[OverdueDecision]:
    result = []
    for state in evaluation.in_status(OutputStatus.OVERDUE):
        assert state.due is not None
        was = before.outputs.get(state.id) if before is not None else None
        new = before is not None and (was is None or was.status is not OutputStatus.OVERDUE)
        result.append(OverdueDecision(state.id, state.due.on, state.days_late or 0, state.occurrence,
                                      consequence(evaluation, state.id), new))
    return result


def _delivered(evaluation: Evaluation, ids: Iterable[str]) -> list[Delivered]:
    items = []
    for oid in ids:
        state = evaluation.outputs[oid]
        if state.delivered_on is None:
            continue
        refs = [f.ref for f in state.facts if f.kind in (FactKind.DELIVERED, FactKind.RECEIVED) and f.ref]
        items.append(Delivered(oid, state.delivered_on, state.days_late or 0, state.presumed,
                               refs[0] if refs else None))
    items.sort(key=lambda d: (d.delivered_on, d.output))
    return items


def _parts_key(state: MeetingState) -> tuple[object, ...]:
    return tuple((p.opens_on, p.closes_on, p.window, p.venue, p.mode) for p in state.parts)


def _move_key(state: MeetingState) -> tuple[object, ...]:
    return (state.opens_on, state.closes_on, state.window, state.venue, state.postponed,
            state.cancelled, state.mode, _parts_key(state))


def _move_kind(before: MeetingState, after: MeetingState) -> MoveKind:
    if after.cancelled:
        return "cancelled"
    if after.postponed:
        return "postponed"
    if after.split and not before.split:
        return "split"
    if after.parts and not before.parts:
        return "in_parts"
    dates = ((before.opens_on, before.closes_on, before.window) != (after.opens_on, after.closes_on,
                                                                      after.window)
             or _parts_key(before) != _parts_key(after))
    venue = before.venue != after.venue
    if dates and before.opens_on is None and before.window is not None and after.window is None \
            and not venue:
        return "window"
    if dates and venue:
        return "rescheduled_relocated"
    if not dates and not venue and before.mode is not after.mode:
        return "mode"
    return "rescheduled" if dates else "relocated"


def _announced_on(after: MeetingState, since: Since) -> Date | None:
    """When a move in the period was announced: the latest fact of the period that moved the
    meeting (rescheduled, relocated, postponed, split, a part, cancelled). A `held` fact records
    the meeting as it took place, on the day it closed: it announces nothing, and counts only
    when no other fact of the period moved the meeting."""
    in_period = [f for f in after.facts if f.kind in MEETING_KINDS | {FactKind.CANCELLED}
                 and (since.on is None or f.effective_on > since.on)]
    announcing = [f.effective_on for f in in_period if f.kind is not FactKind.HELD]
    held = [f.effective_on for f in in_period if f.kind is FactKind.HELD]
    return max(announcing) if announcing else (max(held) if held else None)


def _meeting_moves(current: Evaluation, baseline: Evaluation, since: Since) -> list[MeetingMove]:
    moves = []
    for mid, after in current.meetings.items():
        before = baseline.meetings.get(mid)
        if before is None:
            continue  # added by an amendment since: not a move
        if _move_key(before) == _move_key(after):
            continue
        moves.append(MeetingMove(mid, _move_kind(before, after), before, after,
                                 _announced_on(after, since)))
    return moves


def _deadline_moves(current: Evaluation, baseline: Evaluation, moved: set[str]) -> list[DeadlineMove]:
    result = []
    for oid, new in current.outputs.items():
        old = baseline.outputs.get(oid)
        if old is None:
            continue  # added by an amendment since: not a shifted deadline
        old_due, new_due = _planned(old), _planned(new)
        if old_due == new_due and _window(old) == _window(new):
            continue
        if isinstance(new.output.due, EveryRule) and (old.occurrence or (0, 0))[0] != (
                new.occurrence or (0, 0))[0]:
            continue  # the next report of a periodic output is not a shifted deadline
        shift = slip(old.due, new.due)
        meeting = rule_meeting(new.output.due)
        result.append(DeadlineMove(oid, old_due, new_due, shift, meeting if meeting in moved else None))
    result.sort(key=lambda m: (m.new_due or FAR_FUTURE, m.output))
    return result


def _upcoming(evaluation: Evaluation, until: Date) -> list[Upcoming]:
    open_states = (OutputStatus.DUE_SOON, OutputStatus.AT_RISK, OutputStatus.BLOCKED,
                   OutputStatus.ON_TRACK)
    items = [Upcoming(s.id, s.due, s.status, s.occurrence) for s in evaluation.outputs.values()
             if s.status in open_states and s.due is not None
             and evaluation.as_of <= s.due.on <= until]
    items.sort(key=lambda u: (u.due.on, u.output))
    return items


def _upcoming_meetings(evaluation: Evaluation, until: Date) -> list[str]:
    chosen = [s for s in evaluation.meetings.values()
              if s.span is not None and not s.held and s.span.opens_earliest <= until
              and s.span.closes_latest >= evaluation.as_of]
    chosen.sort(key=lambda s: (s.span.opens_earliest if s.span else FAR_FUTURE, s.id))
    return [s.id for s in chosen]


def _bodies(evaluation: Evaluation) -> list[BodyLine]:
    lines = []
    for body_id in evaluation.plan.bodies:
        states = [s for s in evaluation.outputs.values() if body_id in s.output.responsible]
        if not states:
            continue
        counts = {status.value: 0 for status in OutputStatus}
        for s in states:
            counts[s.status.value] += 1
        open_ = sorted((s for s in states if s.status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED)
                        and s.due is not None and s.due.on >= evaluation.as_of),
                       key=lambda s: (_due_on(s) or FAR_FUTURE, s.id))
        nxt = open_[0] if open_ else None
        lines.append(BodyLine(body_id, counts, nxt.id if nxt else None, _due_on(nxt) if nxt else None))
    return lines


def _next_meeting(evaluation: Evaluation) -> str | None:
    chosen = [s for s in evaluation.meetings.values()
              if s.span is not None and not s.span.is_window and not s.held
              and s.span.closes_latest >= evaluation.as_of]
    chosen.sort(key=lambda s: (s.span.opens_earliest if s.span else FAR_FUTURE, s.id))
    return chosen[0].id if chosen else None


def _notes(current: Evaluation, before: Evaluation | None) -> list[Fact]:
    counted = {fact_key(f) for f in before.facts} if before is not None else set()
    return [f for f in current.facts
            if f.kind in (FactKind.NOTE, FactKind.WAIVED) and fact_key(f) not in counted]


def _planned(state: OutputState) -> Date | None:
    """The day a secretariat plans to (`Due.planned`), as the check's slip is measured."""
    return state.due.planned if state.due is not None else None


def _window(state: OutputState) -> tuple[Date, Date] | None:
    return state.due.window if state.due is not None else None


def _due_on(state: OutputState | None) -> Date | None:
    return state.due.on if state is not None and state.due is not None else None


def _closes(state: MeetingState) -> Date:
    return state.span.closes_latest if state.span is not None else FAR_FUTURE


# ------------------------------------------------------------------------------------------------
# Snapshots: what a briefing showed, so that the next one can say what changed since (item 3).

def fact_key(fact: Fact) -> str:
    """A fact's stable key: its database id, else its content (facts are never edited)."""
    if fact.id is not None:
        return str(fact.id)
    return f"{fact.kind.value}:{fact.subject}:{fact.effective_on.isoformat()}:{fact.recorded_at.isoformat()}"


def snapshot_payload(evaluation: Evaluation) -> str:
    """The JSON a briefing stores: its date, the facts it counted, and a compact state (item 3)."""
    outputs = {oid: {"status": s.status.value, "due": _iso(_due_on(s))}
               for oid, s in sorted(evaluation.outputs.items())}
    meetings = {mid: {"status": s.status.value, "opens": _iso(s.opens_on), "closes": _iso(s.closes_on),
                      "venue": s.venue.en if s.venue else None}
                for mid, s in sorted(evaluation.meetings.items())}
    data: dict[str, Any] = {
        "version": SNAPSHOT_VERSION, "process": evaluation.plan.process.id,
        "as_of": evaluation.as_of.isoformat(), "facts": [fact_key(f) for f in evaluation.facts],
        "counts": evaluation.counts(), "outputs": outputs, "meetings": meetings,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def evaluation_from_snapshot(plan: Plan, facts: Iterable[Fact], as_of: Date, payload: str) -> Evaluation:
    """What the last briefing showed: the plan evaluated as of its date with the facts it counted."""
    counted = set(json.loads(payload).get("facts", []))
    return evaluate(plan, [f for f in facts if fact_key(f) in counted], as_of)


def _iso(day: Date | None) -> str | None:
    return day.isoformat() if day is not None else None
