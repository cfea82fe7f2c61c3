"""SEQUENCE and LAST-MODIFIED from (plan, facts, as_of) alone (issue 9, part 6).

**SEQUENCE** of an event is the number of times its significant properties (`Item.sig`: DTSTART,
DTEND, LOCATION, SUMMARY, STATUS; a to-do's DUE, SUMMARY, STATUS) differ from what they were at
the previous date looked at, counting only dates on which the event is in the feed. The dates
looked at are, for each event, those on which a fact or an amendment it depends on (`deps`) took
effect, up to the evaluation date; plus, where the date alone changes what an event says (a
to-do presumed completed, a warning that becomes late), the days that happens. So SEQUENCE is
the same whatever order feeds are written in, and never falls as the date advances.

Each meeting and output is evaluated alone on its own dates (`timeline`), one `core.evaluate` per
date for all that change on it; one none of whose facts or amendments has taken effect is not
evaluated at all (its to-do presumed completed counts one change, from NEEDS-ACTION). A late-input
warning follows from the two outputs' histories (`edges`, checked against the evaluation on the
date; where it differs, or an amendment touches them, the outputs are evaluated together).

**LAST-MODIFIED** (and DTSTAMP) is the day of the last thing that could have changed anything in
the event, description included: a fact or an amendment about what it shows (its meeting; its
output, the meetings and inputs of it, the titles of what needs it), the day an input it lists
became late or was presumed delivered, the day a periodic report came within the horizon; the
founding plan's first day (`plan_epoch`) when nothing did. Notes count for the private feed only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputFlag, LateInput, OutputStatus
from mandates.core.gcpause import paused_gc
from mandates.core.plan import EveryRule, OnRule, Plan
from mandates.feeds import edges
from mandates.feeds.deadline_items import HORIZON_YEARS
from mandates.feeds.deps import Deps, Request
from mandates.feeds.items import Item, ItemKind, Sig, TaskSig
from mandates.feeds.timeline import GROUP, MEETING, OUTPUT, Batches, Snap, Unit, count, next_day, task_key
from mandates.feeds.warning_items import Edge, active, edge_key, sig_at

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
    the public renderings and the secretariat's; `resolved`: warnings no longer active but shown;
    `counted_by`: for the keys given a day (`stamps(..., cutoffs)`; a to-do's key is
    `task:<key>`), the changes counted up to that day.
    """

    sequence: dict[str, int]
    task_sequence: dict[str, int]
    public_on: dict[str, Date]
    private_on: dict[str, Date]
    resolved: tuple[Edge, ...]
    counted_by: dict[str, int]


class _History:
    """The units of one publication and what their evaluations found."""

    def __init__(self, deps: Deps, evaluation: Evaluation, items: list[Item], model: bool) -> None:
        self.deps, self.evaluation, self.as_of = deps, evaluation, evaluation.as_of
        self.model = model
        self.flagged = active(evaluation)
        self.meetings: list[Unit] = []
        self.outputs: dict[str, Unit] = {}
        self._unchanged: set[str] = set()
        self._snaps: dict[str, Snap] = {}
        self.groups: list[Unit] = []
        self.modelled: list[str] = []
        for mid in sorted({i.subject for i in items if i.kind is ItemKind.MEETING}):
            points = deps.changed([mid])
            if points:
                self.meetings.append(Unit(MEETING, mid, Request(meetings={mid}), points))
        for oid in sorted({i.subject for i in items if i.kind is ItemKind.DEADLINE}):
            self._output(oid)
        for oid in self._consumers():
            self._warnings(oid)

    def _output(self, oid: str) -> Unit | None:
        if oid not in self.outputs and oid not in self._unchanged:
            deps = self.deps
            points = deps.changed([oid, *deps.meetings_of(oid, targets=False)],
                                  deps.targets_of(oid)) if deps.dated else []
            if not points:
                self._unchanged.add(oid)
                return None
            self.outputs[oid] = Unit(OUTPUT, oid, Request({oid: set()}, set(deps.meetings_of(oid))), points)
        return self.outputs.get(oid)

    def _consumers(self) -> list[str]:
        """Outputs whose warnings may be shown: open, with an input flagged or a deadline ahead."""
        found = []
        consumers = {late.output for late in self.evaluation.late_inputs}
        for oid, state in sorted(self.evaluation.outputs.items()):
            if state.status in (OutputStatus.DELIVERED, OutputStatus.CANCELLED):
                continue
            if oid in consumers or (state.due is not None and state.due.on >= self.as_of):
                found.append(oid)
        return found

    def _warnings(self, oid: str) -> None:
        """Model the output's warnings on its inputs' histories, or evaluate them together."""
        deps = self.deps
        inputs = deps.inputs_of(oid)
        if not inputs:
            return
        changed = [u for u in (self._output(o) for o in (oid, *inputs)) if u is not None]
        if not changed:
            return  # nothing about them took effect: as they always were
        amended = deps.last([oid, *inputs], "amend") is not None
        if self.model and not amended and all(self._checks(oid, i) for i in inputs):
            self.modelled.append(oid)
            return
        request = Request({oid: set(inputs), **{i: set() for i in inputs}}, set(deps.meetings_of(oid)))
        dated = set(deps.meetings_of(oid, targets=False))
        for input_id in inputs:
            request.meetings |= deps.meetings_of(input_id)
            dated |= deps.meetings_of(input_id, targets=False)
        points = deps.changed([oid, *request.outputs, *dated], request.meetings - dated)
        self.groups.append(Unit(GROUP, oid, request, points))

    def _checks(self, consumer: str, source: str) -> bool:
        """Whether the model of the flags agrees with the evaluation on the evaluation date."""
        c, s = self.final(consumer), self.final(source)
        if c is None or s is None:
            return False
        return edges.flagged(s, c, self.as_of) == ((consumer, source) in self.flagged)

    def final(self, oid: str) -> Snap | None:
        """An output's snapshot on the evaluation date."""
        snap = self._snaps.get(oid)
        if snap is None and oid in self.evaluation.outputs:
            snap = self._snaps[oid] = Snap.of(self.evaluation.outputs[oid])
        return snap

    def snap(self, oid: str, day: Date) -> Snap | None:
        """An output's snapshot on a day before the evaluation date."""
        unit = self.outputs.get(oid)
        if unit is not None and unit.snaps:
            return unit.snap(day)
        snap = self.final(oid)
        if snap is None or snap.delivered_on is None or day >= snap.delivered_on:
            return snap
        return Snap.before(self.evaluation.outputs[oid], day)

    def edge_days(self, consumer: str, source: str) -> list[Date]:
        """The days a warning may change: its outputs' own dates and the input's late days."""
        days: set[Date] = set()
        for oid in (consumer, source):
            unit = self.outputs.get(oid)
            if unit is not None:
                days |= set(unit.snaps)
            state = self.evaluation.outputs.get(oid)
            if state is not None and state.presumed and state.delivered_on is not None:
                days.add(state.delivered_on)
        dues = {s.due.on for d in days if (s := self.snap(source, d)) and s.due}
        state = self.evaluation.outputs.get(source)
        dues |= {state.due.on} if state is not None and state.due is not None else set()
        days |= {next_day(due) for due in dues}
        days = {d for d in days if d < self.as_of}
        return sorted(days | ({next_day(min(days), -1)} if days else set()))


def stamps(founding: Plan, evaluation: Evaluation, items: list[Item], keep_cancelled_days: int,
           model: bool = True, cutoffs: dict[str, Date] | None = None) -> Stamps:
    """SEQUENCE counts and LAST-MODIFIED days for the items shown as of the evaluation date, and
    the resolved warnings to show (see the module). `items` are `build.build_items(evaluation,
    keep_cancelled_days)` without resolved warnings; `founding` the plan `evaluate` was given
    (events count only while shown: cancelled ones for `keep_cancelled_days`). `model` False
    evaluates every warning group instead of following warnings from the outputs' histories (the
    same result, slower: for the tests). `cutoffs`: days to count the changes up to as well, by
    key (`publish.floors`)."""
    counter = _Counter(evaluation.as_of, cutoffs or {})
    with paused_gc():  # many small evaluations: no cycles to collect, and a full scan each time
        deps = Deps(founding, evaluation.plan, evaluation.facts, evaluation.as_of)
        history = _History(deps, evaluation, items, model)
        units = [*history.meetings, *history.outputs.values(), *history.groups]
        Batches(deps, keep_cancelled_days).run(units)
        sequence, task_sequence = _events(history, items, counter)
        resolved = _warnings(history, sequence, counter)
        public, private = _modified(deps, evaluation, items, resolved, plan_epoch(founding),
                                    history.flagged)
    return Stamps(sequence, task_sequence, public, private, tuple(resolved), counter.counted_by)


class _Counter:
    """Counts changes along a timeline, and up to a cutoff day for the keys that have one."""

    def __init__(self, as_of: Date, cutoffs: dict[str, Date]) -> None:
        self.as_of, self.cutoffs = as_of, cutoffs
        self.counted_by: dict[str, int] = {}

    def __call__(self, key: str, days: Sequence[Date], sigs: Sequence[Sig | TaskSig | None],
                 final: Sig | TaskSig) -> int:
        """Changes over `sigs` (on `days`, all before the evaluation date) then `final`."""
        total = count([*sigs, final])
        cutoff = self.cutoffs.get(key)
        if cutoff is not None:
            self.counted_by[key] = total if cutoff >= self.as_of else count(
                [sig for day, sig in zip(days, sigs, strict=True) if day <= cutoff])
        return total


def _events(history: _History, items: list[Item],
            counter: _Counter) -> tuple[dict[str, int], dict[str, int]]:
    """SEQUENCE of meetings' and deadlines' events and of deadlines' to-dos."""
    sequence: dict[str, int] = {}
    tasks: dict[str, int] = {}
    final: dict[str, Sig | TaskSig] = {}
    owned: dict[tuple[str, str], list[str]] = {}
    for item in items:
        final[item.key] = item.sig
        if item.kind is ItemKind.MEETING:
            owned.setdefault((MEETING, item.subject), []).append(item.key)
        elif item.kind is ItemKind.DEADLINE:
            final[task_key(item.key)] = item.task_sig
            owned.setdefault((OUTPUT, item.subject), []).extend([item.key, task_key(item.key)])
            state = history.evaluation.outputs.get(item.subject)
            if item.completed_on is not None and state is not None and state.presumed:
                tasks[item.key] = 1  # never evaluated, but presumed completed since that day
                cutoff = counter.cutoffs.get(task_key(item.key))
                if cutoff is not None:
                    counter.counted_by[task_key(item.key)] = int(item.completed_on <= cutoff)
    for unit in [*history.meetings, *history.outputs.values()]:
        days = sorted(unit.seen)
        for key in owned.get((unit.kind, unit.id), []):
            changes = counter(key, days, [unit.seen[d].get(key) for d in days], final[key])
            if key.startswith("task:"):
                tasks[key.removeprefix("task:")] = changes
            else:
                sequence[key] = changes
    return sequence, tasks


def _warnings(history: _History, sequence: dict[str, int], counter: _Counter) -> list[Edge]:
    """SEQUENCE of the warnings shown, and which resolved ones are shown."""
    evaluation = history.evaluation
    resolved: list[Edge] = []
    timelines: list[tuple[Edge, list[Date], Sequence[Sig | TaskSig | None], bool]] = []
    for consumer in history.modelled:
        for source in sorted(history.deps.inputs_of(consumer)):
            edge = (consumer, source)
            days = history.edge_days(*edge)
            modelled, was_active = edges.timeline(edge, days, history.snap)
            timelines.append((edge, days, modelled, was_active))
    for unit in history.groups:
        days = sorted(unit.seen)
        for source in sorted(unit.request.outputs.get(unit.id, ())):
            edge = (unit.id, source)
            key, was_active = edge_key(edge), False
            seen: list[Sig | TaskSig | None] = []
            for day in days:
                now = unit.seen[day].get(key)
                seen.append(now if now is not None else
                            unit.seen[day].get("resolved:" + key) if was_active else None)
                was_active = was_active or now is not None
            timelines.append((edge, days, seen, was_active))
    for edge, days, before, was_active in timelines:
        late = history.flagged.get(edge)
        at = sig_at(evaluation, edge, late, was_active)
        if at is None:
            continue
        if late is None:
            resolved.append(edge)
        sequence[edge_key(edge)] = counter(edge_key(edge), days, before, at)
    return resolved


def _modified(deps: Deps, evaluation: Evaluation, items: list[Item], resolved: list[Edge],
              epoch: Date, flagged: dict[Edge, LateInput]) -> tuple[dict[str, Date], dict[str, Date]]:
    """The LAST-MODIFIED day of every item shown (see the module)."""
    public: dict[str, Date] = {}
    private: dict[str, Date] = {}
    shown: list[tuple[str, ItemKind, str, Date | None]] = [(i.key, i.kind, i.subject, i.start)
                                                            for i in items]
    shown += [(edge_key(e), ItemKind.WARNING, e[0], None) for e in resolved]
    outputs: dict[str, Date] = {}
    own: dict[str, tuple[Date | None, frozenset[str]]] = {}
    for key, kind, subject, start in shown:
        if kind is ItemKind.MEETING:
            day = max(epoch, deps.last([subject]) or epoch)
        elif kind is ItemKind.DEADLINE:
            if subject not in outputs:
                outputs[subject] = max([epoch, *_deadline_days(deps, evaluation, subject, own)])
            day = outputs[subject]
            if start is not None and "." in key.removeprefix(f"deadline-{subject}"):
                appears = start.subtract(years=HORIZON_YEARS)  # a periodic report within reach
                while appears.add(years=HORIZON_YEARS) < start:
                    appears = next_day(appears)
                day = max(day, appears) if appears <= evaluation.as_of else day
        else:
            source = key.removeprefix(f"late-input-{subject}.")
            day = max([epoch, *_warning_days(deps, evaluation, subject, source,
                                             flagged.get((subject, source)))])
        public[key] = day
        notes = deps.last([subject], "notes") if kind is not ItemKind.WARNING else None
        private[key] = max(day, notes) if notes is not None and notes <= evaluation.as_of else day
    return public, private


def _since(evaluation: Evaluation, oid: str, late: bool) -> list[Date]:
    """Days the date alone changed what is said of an output: presumed delivered, late."""
    state = evaluation.outputs.get(oid)
    if state is None:
        return []
    days = [state.delivered_on] if state.presumed and state.delivered_on else []
    if late and state.due is not None:
        days.append(next_day(state.due.on))
    return days


def _own(deps: Deps, oid: str, own: dict[str, tuple[Date | None, frozenset[str]]]
         ) -> tuple[Date | None, frozenset[str]]:
    """The last change of an output or the meetings its due rule names, and the meetings it is
    for (their cancellations count), once per output."""
    found = own.get(oid)
    if found is None:
        if not deps.dated:  # nothing took effect: no change, no cancellation to find
            found = own[oid] = (None, frozenset())
            return found
        dated = deps.meetings_of(oid, targets=False)
        found = own[oid] = (deps.last([oid, *dated]), deps.meetings_of(oid) - dated)
    return found


def _deadline_days(deps: Deps, evaluation: Evaluation, oid: str,
                   own: dict[str, tuple[Date | None, frozenset[str]]]) -> list[Date]:
    last, targets = _own(deps, oid, own)
    days = [last] if last else []
    cancels = set(targets)
    for input_id in deps.inputs_of(oid):
        last, targets = _own(deps, input_id, own)
        days += [last] if last else []
        cancels |= targets
    amended = deps.last(deps.consumers_of(oid), "amend") if deps.amend else None
    days += [d for d in (deps.last(cancels, "cancel"), amended) if d]
    days += _since(evaluation, oid, late=False)
    state = evaluation.outputs.get(oid)
    for i in state.inputs if state is not None else ():
        days += _since(evaluation, i.id, late=i.flag is InputFlag.LATE)
    return [d for d in days if d <= evaluation.as_of]


def _warning_days(deps: Deps, evaluation: Evaluation, consumer: str, source: str,
                  late: LateInput | None) -> list[Date]:
    days: list[Date] = []
    if deps.dated:
        subjects = {consumer, source, *deps.meetings_of(consumer, targets=False),
                    *deps.meetings_of(source, targets=False)}
        targets = deps.meetings_of(consumer) | deps.meetings_of(source)
        days = [d for d in (deps.last(subjects), deps.last(targets - subjects, "cancel")) if d]
    days += _since(evaluation, source, late=late is not None and late.input.flag is InputFlag.LATE)
    return [d for d in days if d <= evaluation.as_of]

