"""SEQUENCE from (plan, facts, as_of) alone, checked against a replay of every single day
(issue 9, part 6): the incremental history (`feeds.history`, which evaluates each event alone on
the few dates it changed) counts exactly the significant changes that evaluating the whole plan
on every day from before the process began sees, resolved warnings included.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pendulum
import pytest

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.feeds.build import build_items
from mandates.feeds.history import stamps
from mandates.feeds.items import ItemKind, Sig, TaskSig
from mandates.feeds.warning_items import Edge, active, edge_key, resolvable, resolved_item

D = pendulum.Date
RECORDED_AT = pendulum.datetime(2022, 12, 31, 9, tz="UTC")
KEEP = 90


def days(first: pendulum.Date, last: pendulum.Date) -> Iterator[pendulum.Date]:
    day = first
    while day <= last:
        yield day
        day = day.add(days=1)


@dataclass
class Replay:
    """SEQUENCE of every event shown, counted by evaluating the whole plan on every day."""

    last: dict[str, Sig | TaskSig] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    content: dict[str, object] = field(default_factory=dict)
    changed: dict[str, pendulum.Date] = field(default_factory=dict)  # the day it last changed at all
    ever: set[Edge] = field(default_factory=set)
    shown: dict[pendulum.Date, tuple[dict[str, int], dict[str, int], set[Edge]]] = field(
        default_factory=dict)
    changed_by: dict[pendulum.Date, dict[str, pendulum.Date]] = field(default_factory=dict)

    def see(self, key: str, sig: Sig | TaskSig) -> None:
        if key in self.last and self.last[key] != sig:
            self.counts[key] = self.counts.get(key, 0) + 1
        self.last[key] = sig

    def day(self, plan: Plan, facts: list[Fact], day: pendulum.Date) -> None:
        ev = evaluate(plan, facts, day)
        flagged = set(active(ev))
        resolved = {e for e in self.ever - flagged if resolvable(ev, e) is not None}
        items = build_items(ev, KEEP)
        items += [i for e in sorted(resolved) if (i := resolved_item(ev, e))]
        self.ever |= {e for e in flagged if edge_key(e) in {i.key for i in items}}  # shown
        events, tasks = {}, {}
        for item in items:
            public = (item.sig, item.description, item.categories, item.completed_on, item.open)
            if self.content.get(item.key) != public:
                self.content[item.key], self.changed[item.key] = public, day
            self.see(item.key, item.sig)
            events[item.key] = self.counts.get(item.key, 0)
            if item.kind is ItemKind.DEADLINE:
                self.see("task:" + item.key, item.task_sig)
                tasks[item.key] = self.counts.get("task:" + item.key, 0)
        self.shown[day] = (events, tasks, resolved)
        self.changed_by[day] = {k: self.changed[k] for k in events}


def _facts(plan: Plan) -> list[Fact]:
    """A year of the process as it might have gone: moves, a postponement lifted, cancellations,
    waivers, deliveries that resolve late inputs, a relocation, notes, a withdrawn date."""
    def fact(kind: FactKind, subject: str, day: pendulum.Date, **values: object) -> Fact:
        return make_fact(plan, kind, subject, day, recorded_at=RECORDED_AT, **values)  # type: ignore[arg-type]

    return [
        fact(FactKind.NOTE, "wg2020-2", D(2019, 12, 2), text="Host letter received"),
        fact(FactKind.RESCHEDULED, "consult-resource-mobilization", D(2019, 11, 20),
             opens_on=D(2019, 12, 9), closes_on=D(2019, 12, 10)),  # arrives in time: resolved
        fact(FactKind.CANCELLED, "ws-review-mechanisms", D(2020, 1, 20)),
        fact(FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3), opens_on=D(2020, 2, 24),
             closes_on=D(2020, 2, 29), venue="Rome, Italy", timezone="Europe/Rome"),
        fact(FactKind.RESCHEDULED, "consult-iucn", D(2020, 2, 14), opens_on=D(2020, 4, 20),
             closes_on=D(2020, 4, 21)),  # no longer unscheduled: resolved
        fact(FactKind.DELIVERED, "mainstreaming-iag-report", D(2020, 4, 20), ref="CBD/SBI/3/INF/1"),
        fact(FactKind.POSTPONED, "sbstta-24", D(2020, 3, 10)),
        fact(FactKind.RESCHEDULED, "sbstta-24", D(2020, 6, 1), opens_on=D(2020, 11, 2),
             closes_on=D(2020, 11, 7), venue="Quebec City, Canada", timezone="America/Toronto"),
        fact(FactKind.RELOCATED, "cop-15", D(2020, 5, 4), venue="Kunming International Convention"),
        fact(FactKind.RESCHEDULED, "cop-15", D(2020, 5, 4), opens_on=D(2021, 5, 17),
             closes_on=D(2021, 5, 30)),
        fact(FactKind.WAIVED, "ws-synergies-outcome", D(2020, 5, 15), text="merged"),
        fact(FactKind.DELIVERED, "zero-draft-overview", D(2020, 1, 10)),
        fact(FactKind.NOTE, "wg2020-2-documents", D(2020, 1, 5), text="translation sent"),
        fact(FactKind.DELIVERED, "annex2-list-updates", D(2020, 1, 3)),
        fact(FactKind.POSTPONED, "wg2020-3", D(2020, 6, 15)),
    ]


@pytest.fixture(scope="module")
def replay(bundled_plan: Plan) -> tuple[Replay, list[Fact]]:
    facts = _facts(bundled_plan)
    replay = Replay()
    for day in days(D(2019, 7, 1), D(2020, 12, 31)):
        replay.day(bundled_plan, facts, day)
    return replay, facts


AS_OF = [D(2019, 8, 1), D(2019, 9, 15), D(2019, 11, 20), D(2019, 12, 12), D(2020, 1, 6),
         D(2020, 1, 14), D(2020, 2, 3), D(2020, 2, 20), D(2020, 3, 10), D(2020, 4, 14),
         D(2020, 4, 19), D(2020, 4, 20), D(2020, 4, 21), D(2020, 5, 4), D(2020, 6, 2),
         D(2020, 6, 15), D(2020, 7, 31), D(2020, 8, 1), D(2020, 9, 2), D(2020, 12, 31)]


@pytest.mark.slow
@pytest.mark.parametrize("model", [True, False], ids=["warnings-modelled", "warnings-evaluated"])
@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_history_counts_what_a_daily_replay_counts(replay: tuple[Replay, list[Fact]],
                                                   bundled_plan: Plan, as_of: pendulum.Date,
                                                   model: bool) -> None:
    """Every event and to-do shown as of the date has the SEQUENCE of the daily replay, and the
    resolved warnings shown are those the replay shows; warnings followed from their outputs'
    histories (`edges`) or evaluated as groups alike."""
    daily, facts = replay
    events, tasks, resolved = daily.shown[as_of]
    ev = evaluate(bundled_plan, facts, as_of)
    items = build_items(ev, KEEP)
    found = stamps(bundled_plan, ev, items, KEEP, model=model)
    changed = daily.changed_by[as_of]
    stale = {k: (found.public_on[k], changed[k]) for k in events
             if found.public_on[k] < changed[k] and changed[k] > D(2019, 7, 1)}
    assert stale == {}, "LAST-MODIFIED before the content last changed"
    assert set(found.resolved) == resolved
    shown = {i.key for i in build_items(ev, KEEP, found.resolved)}
    assert shown == set(events)
    assert {k: found.sequence.get(k, 0) for k in events} == events
    assert {k: found.task_sequence.get(k, 0) for k in tasks} == tasks


def test_the_replay_sees_changes_of_every_kind(replay: tuple[Replay, list[Fact]]) -> None:
    """The scenario is worth checking: moves, a cancellation, a resolved warning, a to-do
    presumed completed, a relocation alone (LOCATION), all counted."""
    events, tasks, resolved = replay[0].shown[D(2020, 6, 2)]
    assert events["meeting-wg2020-2"] == 1
    assert events["meeting-sbstta-24"] == 2  # postponed, then rescheduled
    assert events["meeting-cop-15"] == 1  # relocated and rescheduled on the same day
    assert tasks["deadline-views-structure"] == 1  # presumed delivered on its deadline
    assert ("wg2020-3-framework-text", "consult-iucn-report") in resolved
    assert events["late-input-wg2020-3-framework-text.consult-iucn-report"] == 1
    assert events["deadline-sbstta-24-guidance-targets-indicators"] >= 2
    late = ("sbi-3-recs-mainstreaming", "mainstreaming-iag-report")  # late on 14 April 2020
    assert late in replay[0].shown[D(2020, 4, 20)][2]  # delivered on the 20th: resolved
    assert late not in replay[0].shown[D(2020, 4, 19)][2]
    events = replay[0].shown[D(2020, 4, 20)][0]
    assert events["late-input-sbi-3-recs-mainstreaming.mainstreaming-iag-report"] == 1


SEEDS = [3, 21, 30]  # 21 and 30: a to-do presumed completed before its first fact
GENERATOR = Path(__file__).resolve().parent.parent.parent / "bench" / "generate.py"


def synthetic(tmp_path: Path, outputs: int, seed: int) -> tuple[Plan, list[Fact]]:
    """A process from the benchmark's generator, and random facts of every kind the evaluation
    knows (deliveries around the due date, reschedulings, postponements, cancellations, waivers,
    notes), as a secretariat might record them over three years."""
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    path = tmp_path / "synthetic.yaml"
    path.write_text(module.generate(outputs, seed), encoding="utf-8")
    plan = load_plan(path)
    rng = random.Random(seed)
    base = evaluate(plan, [], D(2020, 1, 1))
    dues = {o: s.due.on for o, s in base.outputs.items() if s.due is not None}
    meetings = [m for m in plan.meetings.values() if m.opens_on is not None and m.closes_on is not None]
    facts: list[Fact] = []
    for number in range(outputs + outputs // 2):
        roll, oid = rng.random(), rng.choice(sorted(dues))
        meeting = rng.choice(meetings)
        assert meeting.opens_on is not None and meeting.closes_on is not None
        if roll < 0.45:
            fact = Fact(FactKind.DELIVERED, oid, dues[oid].add(days=rng.randint(-20, 40)), RECORDED_AT)
        elif roll < 0.7:
            shift = rng.randint(-60, 60)
            fact = Fact(FactKind.RESCHEDULED, meeting.id, meeting.opens_on.subtract(days=rng.randint(5, 200)),
                        RECORDED_AT, opens_on=meeting.opens_on.add(days=shift),
                        closes_on=meeting.closes_on.add(days=shift))
        elif roll < 0.8:
            fact = Fact(FactKind.POSTPONED, meeting.id, meeting.opens_on.subtract(days=rng.randint(5, 90)),
                        RECORDED_AT)
        elif roll < 0.85:
            fact = Fact(FactKind.CANCELLED, rng.choice([oid, meeting.id]),
                        dues[oid].subtract(days=rng.randint(1, 60)), RECORDED_AT)
        elif roll < 0.9:
            fact = Fact(FactKind.WAIVED, oid, dues[oid].subtract(days=rng.randint(1, 60)), RECORDED_AT,
                        text="waived")
        else:
            fact = Fact(FactKind.NOTE, oid, dues[oid].subtract(days=5), RECORDED_AT, text="note")
        facts.append(replace(fact, id=number + 1))
    return plan, facts


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_history_on_random_processes(tmp_path: Path, seed: int) -> None:
    """A synthetic process of 40 outputs with 60 random facts, replayed day by day over three
    years: on 12 random dates, every event's SEQUENCE and the resolved warnings agree."""
    plan, facts = synthetic(tmp_path, 40, seed)
    daily = Replay()
    first = min(f.effective_on for f in facts).subtract(days=1)  # before anything happened
    for day in days(min(first, D(2019, 12, 1)), D(2022, 12, 31)):
        daily.day(plan, facts, day)
    rng = random.Random(seed)
    for as_of in sorted(rng.sample(sorted(daily.shown), 12)):
        events, tasks, resolved = daily.shown[as_of]
        ev = evaluate(plan, facts, as_of)
        items = build_items(ev, KEEP)
        for model in (True, False):
            found = stamps(plan, ev, items, KEEP, model=model)
            assert set(found.resolved) == resolved, (as_of, model)
            assert {k: found.sequence.get(k, 0) for k in events} == events, (as_of, model)
            assert {k: found.task_sequence.get(k, 0) for k in tasks} == tasks, (as_of, model)
