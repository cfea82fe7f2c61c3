"""SEQUENCE and LAST-MODIFIED from (plan, facts, as_of) alone (issue 9, part 6).

**SEQUENCE** of an event is the number of times its significant properties (`Item.sig`: DTSTART,
DTEND, LOCATION, SUMMARY, STATUS; a to-do's DUE, SUMMARY, STATUS) differ from what they were at
the previous date looked at, counting only dates on which the event is in the feed. The dates
looked at are, for each event, those on which a fact or an amendment it depends on (`deps`) took
effect, up to the evaluation date; plus, where the date alone changes what an event says (a
to-do presumed completed, a warning that becomes late), the days that happens. So SEQUENCE is
the same whatever order feeds are written in, and never falls as the date advances.

Each event is evaluated alone on those dates (`Deps.subplan`: its output, meetings and inputs),
in one `core.evaluate` per date for all the events that change on it; an event none of whose
facts or amendments has taken effect is not evaluated at all. A to-do presumed completed counts
one change, from NEEDS-ACTION; a warning none of whose facts took effect has not changed.

**LAST-MODIFIED** (and DTSTAMP) is the day of the last thing that could have changed anything in
the event, description included: a fact or an amendment about what it shows (its meeting; its
output, the meetings and inputs of it, the titles of what needs it), the day an input it lists
became late or was presumed delivered, the day a periodic report came within the horizon; the
founding plan's first day (`plan_epoch`) when nothing did. Notes count for the private feed only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputFlag, OutputState, OutputStatus, evaluate
from mandates.core.plan import Delivery, EveryRule, OnRule, Plan
from mandates.feeds.build import retirements
from mandates.feeds.deadline_items import HORIZON_YEARS, deadline_items
from mandates.feeds.deps import Deps, Request
from mandates.feeds.items import Item, ItemKind, Sig, TaskSig
from mandates.feeds.meeting_items import meeting_items
from mandates.feeds.warning_items import Edge, active, edge_key, resolvable, sig_at

EPOCH = Date(1970, 1, 1)


def plan_epoch(plan: Plan) -> Date:
    """The first day of the founding plan: its earliest meeting day or fixed due date (the
    LAST-MODIFIED of an event nothing has changed); 1 January 1970 for a plan without dates."""
    days = [d for m in plan.meetings.values() if m.added_by is None
            for d in (m.opens_on, m.window.earliest if m.window else None) if d is not None]
    days += [o.due.on for o in plan.outputs.values() if isinstance(o.due, OnRule)]
    days += [o.due.start for o in plan.outputs.values() if isinstance(o.due, EveryRule)]
    return min(days) if days else EPOCH


@dataclass(frozen=True, slots=True)
class Stamps:
    """What `history` derives for the items shown as of a date.

    `sequence` and `task_sequence`: changes counted per item key (the event; the to-do of a
    deadline), before any floor; `public_on` and `private_on`: the day of the last change, for
    the public renderings and the secretariat's; `resolved`: warnings no longer active but shown.
    """

    sequence: dict[str, int]
    task_sequence: dict[str, int]
    public_on: dict[str, Date]
    private_on: dict[str, Date]
    resolved: tuple[Edge, ...]


_Sigs = dict[str, Sig | TaskSig | None]


@dataclass
class _Unit:
    """An output, meeting or warning group evaluated alone on the dates it changed."""

    kind: str
    id: str
    request: Request
    points: list[Date]
    seen: dict[Date, _Sigs] = field(default_factory=dict)
    later: set[Date] = field(default_factory=set)

    def segment_end(self, day: Date, as_of: Date) -> Date:
        """The next date this unit changes after `day` (or the evaluation date)."""
        return next((p for p in self.points if p > day), as_of)


def _task_key(key: str) -> str:
    return f"task:{key}"


def _observe(unit: _Unit, day: Date, ev: Evaluation) -> dict[str, Sig | TaskSig | None]:
    """The unit's significant properties on a day, by key (warnings: active and resolved)."""
    sigs: dict[str, Sig | TaskSig | None] = {}
    if unit.kind == "meeting":
        state = ev.meetings.get(unit.id)
        if state is not None:
            by = retirements(ev).get(unit.id)
            sigs = {i.key: i.sig for i in meeting_items(ev.plan, state, by)}
    elif unit.kind == "deadline":
        out = ev.outputs.get(unit.id)
        for item in deadline_items(ev, out) if out is not None else ():
            sigs[item.key] = item.sig
            sigs[_task_key(item.key)] = item.task_sig
    else:
        flagged = active(ev)
        for input_id in unit.request.outputs.get(unit.id, ()):
            edge = (unit.id, input_id)
            late = flagged.get(edge)
            sigs[edge_key(edge)] = sig_at(ev, edge, late, False) if late else None
            sigs["resolved:" + edge_key(edge)] = sig_at(ev, edge, None, True)
    return sigs


def _thresholds(unit: _Unit, ev: Evaluation) -> list[Date]:
    """Days after `ev.as_of` on which the date alone may change the unit's significant properties:
    an output presumed delivered on its due date, an input late the day after its due date."""
    days: list[Date] = []

    def of(state: OutputState | None, late: bool) -> None:
        if state is None or state.due is None or state.status in (OutputStatus.DELIVERED,
                                                                   OutputStatus.CANCELLED):
            return
        if state.output.delivery is not Delivery.RECORDED:
            days.append(state.due.on)
        if late:
            days.append(state.due.on.add(days=1))

    if unit.kind == "deadline":
        of(ev.outputs.get(unit.id), late=False)
    elif unit.kind == "warnings":
        for input_id in unit.request.outputs.get(unit.id, ()):
            of(ev.outputs.get(input_id), late=True)
    return days


class _Batches:
    """Sub-evaluations of many units, one `core.evaluate` per day."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def run(self, wanted: dict[Date, list[_Unit]]) -> None:
        """Evaluate each day's units together; note what each shows and its threshold days."""
        for day in sorted(wanted):
            request = Request()
            for unit in wanted[day]:
                request.add(unit.request)
            plan, facts = self.deps.subplan(request)
            ev = evaluate(plan, facts, day)
            for unit in wanted[day]:
                unit.seen[day] = _observe(unit, day, ev)
                if unit.kind != "meeting":
                    self._after(unit, day, ev)

    def _after(self, unit: _Unit, day: Date, ev: Evaluation) -> None:
        """Schedule the threshold days of the segment that starts on `day`."""
        as_of = self.deps.as_of
        if day < unit.points[0]:  # before the first change: thresholds of the founding state
            found = [t for t in _thresholds(unit, ev) if t < unit.points[0] and t < as_of]
            if found:
                unit.later.update(found)
                unit.later.add(min(found).subtract(days=1))
            return
        end = unit.segment_end(day, as_of)
        unit.later.update(t for t in _thresholds(unit, ev) if day < t < end)


def _count(timeline: Iterable[Sig | TaskSig | None]) -> int:
    """Changes between consecutive sigs, skipping the days the event is not in the feed."""
    changes, last = 0, None
    for sig in timeline:
        if sig is None:
            continue
        if last is not None and sig != last:
            changes += 1
        last = sig
    return changes


def stamps(founding: Plan, evaluation: Evaluation, items: list[Item], deps: Deps | None = None) -> Stamps:
    """SEQUENCE counts and LAST-MODIFIED days for the items shown as of the evaluation date, and
    the resolved warnings to show (see the module). `items` are `build.build_items(evaluation,
    keep)` without resolved warnings; `founding` the plan `evaluate` was given."""
    as_of = evaluation.as_of
    deps = deps or Deps(founding, evaluation.plan, evaluation.facts, as_of)
    units = _units(deps, evaluation, items)
    wanted: dict[Date, list[_Unit]] = {}
    for unit in units:
        first = unit.points[0].subtract(days=1)
        for day in [first, *(p for p in unit.points if p < as_of)]:
            wanted.setdefault(day, []).append(unit)
    batches = _Batches(deps)
    batches.run(wanted)
    wanted = {}
    for unit in units:
        for day in unit.later - set(unit.seen):
            wanted.setdefault(day, []).append(unit)
    batches.run(wanted)
    return _finish(deps, evaluation, items, units, plan_epoch(founding))


def _units(deps: Deps, evaluation: Evaluation, items: list[Item]) -> list[_Unit]:
    """Units shown as of the date whose facts or amendments took effect (the others never changed)."""
    as_of = evaluation.as_of
    units: list[_Unit] = []
    meetings = {i.subject for i in items if i.kind is ItemKind.MEETING}
    outputs = {i.subject for i in items if i.kind is ItemKind.DEADLINE}
    for mid in sorted(meetings):
        points = deps.changed([mid])
        if points:
            units.append(_Unit("meeting", mid, Request(meetings={mid}), points))
    for oid in sorted(outputs):
        mids = deps.meetings_of(oid)
        points = deps.changed([oid, *deps.meetings_of(oid, targets=False)], deps.targets_of(oid))
        if points:
            units.append(_Unit("deadline", oid, Request({oid: set()}, mids), points))
    flagged = {late.output for late in evaluation.late_inputs}
    for oid, state in sorted(evaluation.outputs.items()):
        if state.status in (OutputStatus.DELIVERED, OutputStatus.CANCELLED):
            continue
        if oid not in flagged and (state.due is None or state.due.on < as_of):
            continue
        inputs = deps.inputs_of(oid)
        if not inputs:
            continue
        request = Request({oid: set(inputs), **{i: set() for i in inputs}}, deps.meetings_of(oid))
        dated = deps.meetings_of(oid, targets=False)
        for input_id in inputs:
            request.meetings |= deps.meetings_of(input_id)
            dated |= deps.meetings_of(input_id, targets=False)
        points = deps.changed([oid, *request.outputs, *dated], request.meetings - dated)
        if points:
            units.append(_Unit("warnings", oid, request, points))
    return units


def _finish(deps: Deps, evaluation: Evaluation, items: list[Item], units: list[_Unit],
            epoch: Date) -> Stamps:
    final: _Sigs = {}
    owned: dict[tuple[str, str], list[str]] = {}
    for item in items:
        final[item.key] = item.sig
        if item.kind is ItemKind.MEETING:
            owned.setdefault(("meeting", item.subject), []).append(item.key)
        elif item.kind is ItemKind.DEADLINE:
            final[_task_key(item.key)] = item.task_sig
            owned.setdefault(("deadline", item.subject), []).extend([item.key, _task_key(item.key)])
    sequence: dict[str, int] = {}
    task_sequence: dict[str, int] = {}
    resolved: list[Edge] = []
    for item in items:  # never evaluated: nothing changed it, but a to-do presumed completed
        if item.kind is ItemKind.DEADLINE and item.completed_on is not None:
            state = evaluation.outputs.get(item.subject)
            task_sequence[item.key] = int(state is not None and state.presumed)
    for unit in units:
        days = sorted(unit.seen)
        if unit.kind != "warnings":
            for key in owned.get((unit.kind, unit.id), []):
                count = _count([*(unit.seen[d].get(key) for d in days), final.get(key)])
                if key.startswith("task:"):
                    task_sequence[key.removeprefix("task:")] = count
                else:
                    sequence[key] = count
            continue
        flagged = active(evaluation)
        for input_id in unit.request.outputs.get(unit.id, ()):
            edge = (unit.id, input_id)
            key = edge_key(edge)
            timeline, was_active = [], False
            for day in days:
                now = unit.seen[day].get(key)
                timeline.append(now if now is not None else
                                unit.seen[day].get("resolved:" + key) if was_active else None)
                was_active = was_active or now is not None
            late = flagged.get(edge)
            if late is None and was_active and resolvable(evaluation, edge) is not None:
                resolved.append(edge)
            at = sig_at(evaluation, edge, late, was_active)
            if at is not None:
                sequence[key] = _count([*timeline, at])
    public, private = _modified(deps, evaluation, items, resolved, epoch)
    return Stamps(sequence, task_sequence, public, private, tuple(resolved))


def _modified(deps: Deps, evaluation: Evaluation, items: list[Item], resolved: list[Edge],
              epoch: Date) -> tuple[dict[str, Date], dict[str, Date]]:
    """The LAST-MODIFIED day of every item shown (see the module)."""
    public: dict[str, Date] = {}
    private: dict[str, Date] = {}
    shown: list[tuple[str, ItemKind, str, Date | None]] = [(i.key, i.kind, i.subject, i.start)
                                                            for i in items]
    shown += [(edge_key(e), ItemKind.WARNING, e[0], None) for e in resolved]
    for key, kind, subject, start in shown:
        days = [epoch]
        if kind is ItemKind.MEETING:
            days.append(deps.last([subject]) or epoch)
        elif kind is ItemKind.DEADLINE:
            days += _deadline_days(deps, evaluation, subject, key, start)
        else:
            input_id = key.removeprefix(f"late-input-{subject}.")
            days += _warning_days(deps, evaluation, subject, input_id)
        public[key] = max(days)
        private[key] = max(public[key], deps.last([subject], "notes") or epoch)
    return public, private


def _since(evaluation: Evaluation, oid: str, late: bool) -> list[Date]:
    """Days the date alone changed what is said of an output: presumed delivered, late."""
    state = evaluation.outputs.get(oid)
    if state is None:
        return []
    days = [state.delivered_on] if state.presumed and state.delivered_on else []
    if late and state.due is not None:
        days.append(state.due.on.add(days=1))
    return days


def _deadline_days(deps: Deps, evaluation: Evaluation, oid: str, key: str, start: Date | None) -> list[Date]:
    inputs = deps.inputs_of(oid)
    subjects = {oid, *deps.meetings_of(oid, targets=False), *inputs}
    targets = deps.meetings_of(oid)
    for input_id in inputs:
        subjects |= deps.meetings_of(input_id, targets=False)
        targets |= deps.meetings_of(input_id)
    days = [d for d in (deps.last(subjects), deps.last(targets - subjects, "cancel"),
                        deps.last(deps.consumers_of(oid), "amend")) if d]
    days += _since(evaluation, oid, late=False)
    state = evaluation.outputs.get(oid)
    for i in state.inputs if state is not None else ():
        days += _since(evaluation, i.id, late=i.flag is InputFlag.LATE)
    if start is not None and "." in key.removeprefix(f"deadline-{oid}"):
        appears = start.subtract(years=HORIZON_YEARS)  # a periodic report within the horizon
        while appears.add(years=HORIZON_YEARS) < start:
            appears = appears.add(days=1)
        days.append(appears)
    return [d for d in days if d <= evaluation.as_of]


def _warning_days(deps: Deps, evaluation: Evaluation, consumer: str, input_id: str) -> list[Date]:
    subjects = {consumer, input_id, *deps.meetings_of(consumer, targets=False),
                *deps.meetings_of(input_id, targets=False)}
    targets = deps.meetings_of(consumer) | deps.meetings_of(input_id)
    days = [d for d in (deps.last(subjects), deps.last(targets - subjects, "cancel")) if d]
    late = active(evaluation).get((consumer, input_id))
    days += _since(evaluation, input_id, late=late is not None and late.input.flag is InputFlag.LATE)
    return [d for d in days if d <= evaluation.as_of]
