"""The briefing scenario the issue pins, shared by the briefing tests (loaded by path, not imported).

A first briefing as of 6 January 2020; then WG2020-2 moves to Rome, FAO headquarters, 24-29
February 2020 (announced 3 February 2020); then a briefing as of 1 March 2020, since the last.
"""

from __future__ import annotations

import pendulum

from mandates.briefing.data import Briefing
from mandates.briefing.run import make_briefing, record_snapshot
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import Store

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock
SNAPSHOT_AT = pendulum.datetime(2020, 3, 1, 12, tz="UTC")  # when briefings are made: a frozen clock

FIRST = pendulum.Date(2020, 1, 6)
SECOND = pendulum.Date(2020, 3, 1)
HORIZON_WEEKS = 6


def move_to_rome(plan: Plan, store: Store) -> None:
    """Record the move of WG2020-2 to Rome, announced on 3 February 2020."""
    fact = make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3),
                     recorded_at=RECORDED_AT,
                     opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                     venue="Rome, FAO headquarters", timezone="Europe/Rome")
    store.append(plan.process.id, [fact])


def run(plan: Plan, store: Store) -> tuple[Briefing, Briefing]:
    """Both briefings of the scenario, each recording its snapshot as `mandates brief` does."""
    first = make_briefing(plan, store.facts(plan.process.id), store, FIRST, "last", HORIZON_WEEKS)
    record_snapshot(store, first.evaluation, SNAPSHOT_AT)
    move_to_rome(plan, store)
    second = make_briefing(plan, store.facts(plan.process.id), store, SECOND, "last", HORIZON_WEEKS)
    record_snapshot(store, second.evaluation, SNAPSHOT_AT)
    return first, second


def chart_name(plan: Plan, briefing: Briefing, lang: str) -> str:
    """The PNG name `mandates brief` links from the markdown."""
    return f"{plan.process.id}-{briefing.as_of.isoformat()}-{lang}.png"
