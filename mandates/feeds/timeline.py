"""Meetings and outputs evaluated alone on the few past dates they changed (issue 9, part 6).

A `Unit` is one meeting, one output or one output with its inputs (a warning group), the
`Request` that evaluates it alone (`deps.Deps.subplan`), and the dates its facts or amendments
took effect (`points`). `Batches.run` evaluates, for each date, every unit that needs it in one
`core.evaluate`, and keeps what each unit shows on that date: the significant properties of its
events (`Item.sig`, `Item.task_sig`) and, for an output, a `Snap` of its state. Where the date
alone changes what a unit shows (an output presumed delivered on its due date, an input late the
day after), those days are evaluated too (`thresholds`), so nothing changes between two dates
looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pendulum import Date

from mandates.core.evaluate import Evaluation, LateInput, OutputState, OutputStatus, evaluate
from mandates.core.plan import Amendment, Delivery, Title
from mandates.core.rules import Due
from mandates.feeds.build import deadline_events, meeting_events, retirements
from mandates.feeds.deps import Deps, Request
from mandates.feeds.items import Sig, TaskSig
from mandates.feeds.warning_items import Edge, active, edge_key, sig_at

Sigs = dict[str, Sig | TaskSig | None]
MEETING, OUTPUT, GROUP = "meeting", "output", "warnings"


def next_day(day: Date, days: int = 1) -> Date:
    """The day after (or `days` after, or before if negative): ordinal arithmetic, much faster
    than pendulum's `add` for the many days `history` looks at."""
    return Date.fromordinal(day.toordinal() + days)


def task_key(key: str) -> str:
    """Where a deadline's to-do is kept among the sigs of its unit."""
    return f"task:{key}"


@dataclass(frozen=True, slots=True)
class Snap:
    """What the warnings need of an output on one date: its due date, delivery, whether it is
    cancelled or still open, and its title."""

    due: Due | None
    delivered_on: Date | None
    cancelled: bool
    open: bool
    title: Title

    @classmethod
    def of(cls, state: OutputState) -> Snap:
        """The snapshot of an evaluated output."""
        return cls(state.due, state.delivered_on, state.status is OutputStatus.CANCELLED,
                   state.status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED),
                   state.output.title)

    @classmethod
    def before(cls, state: OutputState, day: Date) -> Snap:
        """An output nothing changed, as it was on an earlier day: not yet presumed delivered
        before the day it was presumed delivered on."""
        snap = cls.of(state)
        if state.presumed and state.delivered_on is not None and day < state.delivered_on:
            return cls(snap.due, None, snap.cancelled, not snap.cancelled, snap.title)
        return snap


@dataclass
class Unit:
    """A meeting, an output, or an output with its inputs, evaluated alone on its dates."""

    kind: str
    id: str
    request: Request
    points: list[Date]
    seen: dict[Date, Sigs] = field(default_factory=dict)
    snaps: dict[Date, Snap] = field(default_factory=dict)
    later: set[Date] = field(default_factory=set)

    def first_days(self, as_of: Date) -> list[Date]:
        """The day before its first change, and each change before the evaluation date."""
        return [next_day(self.points[0], -1), *(p for p in self.points if p < as_of)]

    def snap(self, day: Date) -> Snap | None:
        """Its snapshot on a day before the evaluation date (an output unit)."""
        known = [d for d in self.snaps if d <= day]
        if known:
            return self.snaps[max(known)]
        return self.snaps[min(self.snaps)] if self.snaps else None


@dataclass
class _Day:
    """One sub-evaluation, with what several units read from it computed once."""

    ev: Evaluation
    _active: dict[Edge, LateInput] | None = None
    _retired: dict[str, Amendment] | None = None

    @property
    def active(self) -> dict[Edge, LateInput]:
        if self._active is None:
            self._active = active(self.ev)
        return self._active

    @property
    def retired(self) -> dict[str, Amendment]:
        if self._retired is None:
            self._retired = retirements(self.ev)
        return self._retired


def _observe(unit: Unit, day: Date, seen: _Day, keep: int) -> None:
    """Keep what the unit shows on a day (warning groups: active and resolved warnings)."""
    ev = seen.ev
    sigs: Sigs = {}
    if unit.kind == MEETING:
        state = ev.meetings.get(unit.id)
        if state is not None:
            sigs = {i.key: i.sig for i in meeting_events(ev, state, keep, seen.retired.get(unit.id))}
    elif unit.kind == OUTPUT:
        out = ev.outputs.get(unit.id)
        if out is not None:
            unit.snaps[day] = Snap.of(out)
            for item in deadline_events(ev, out, keep, seen.retired, brief=True):
                sigs[item.key] = item.sig
                sigs[task_key(item.key)] = item.task_sig
    else:
        for input_id in unit.request.outputs.get(unit.id, ()):
            edge = (unit.id, input_id)
            late = seen.active.get(edge)
            sigs[edge_key(edge)] = sig_at(ev, edge, late, False) if late else None
            sigs["resolved:" + edge_key(edge)] = sig_at(ev, edge, None, True)
    unit.seen[day] = sigs


def thresholds(state: OutputState | None, late: bool) -> list[Date]:
    """Days on which the date alone changes what is said of an output: presumed delivered on its
    due date (a delivery mode other than recorded; the day it was, if it already is); with
    `late`, late the day after its due date."""
    if state is None:
        return []
    if state.presumed and state.delivered_on is not None:
        return [state.delivered_on]
    if state.due is None or state.status in (OutputStatus.DELIVERED, OutputStatus.CANCELLED):
        return []
    days = [state.due.on] if state.output.delivery is not Delivery.RECORDED else []
    return days + ([next_day(state.due.on)] if late else [])


def _thresholds(unit: Unit, ev: Evaluation) -> list[Date]:
    if unit.kind == OUTPUT:
        return thresholds(ev.outputs.get(unit.id), late=False)
    if unit.kind == GROUP:
        return [t for i in unit.request.outputs.get(unit.id, ()) for t in thresholds(
            ev.outputs.get(i), late=True)]
    return []


class Batches:
    """Sub-evaluations of many units, one `core.evaluate` per day."""

    def __init__(self, deps: Deps, keep_cancelled_days: int) -> None:
        self.deps, self.keep = deps, keep_cancelled_days

    def run(self, units: Iterable[Unit]) -> None:
        """Evaluate the units on their dates, then on the threshold days those dates revealed."""
        units = list(units)
        wanted: dict[Date, list[Unit]] = {}
        for unit in units:
            for day in unit.first_days(self.deps.as_of):
                wanted.setdefault(day, []).append(unit)
        self._days(wanted)
        wanted = {}
        for unit in units:
            for day in unit.later - set(unit.seen):
                wanted.setdefault(day, []).append(unit)
        self._days(wanted)

    def _days(self, wanted: dict[Date, list[Unit]]) -> None:
        for day in sorted(wanted):
            request = Request()
            for unit in wanted[day]:
                request.add(unit.request)
            plan, facts = self.deps.subplan(request)
            ev = evaluate(plan, facts, day)
            seen = _Day(ev)
            for unit in wanted[day]:
                _observe(unit, day, seen, self.keep)
                if unit.kind != MEETING:
                    self._after(unit, day, ev)

    def _after(self, unit: Unit, day: Date, ev: Evaluation) -> None:
        """Schedule the threshold days of the stretch without changes that starts on `day`."""
        as_of = self.deps.as_of
        if day < unit.points[0]:  # before the first change: thresholds of the founding state
            found = [t for t in _thresholds(unit, ev) if t < unit.points[0] and t < as_of]
            if found:
                unit.later.update(found)
                unit.later.add(next_day(min(found), -1))
            return
        end = next((p for p in unit.points if p > day), as_of)
        unit.later.update(t for t in _thresholds(unit, ev) if day < t < end)


def count(timeline: Iterable[Sig | TaskSig | None]) -> int:
    """Changes between consecutive sigs, skipping the days the event is not in the feed."""
    changes, last = 0, None
    for sig in timeline:
        if sig is None:
            continue
        if last is not None and sig != last:
            changes += 1
        last = sig
    return changes
