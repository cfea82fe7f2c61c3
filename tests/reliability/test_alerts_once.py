"""Alerts exactly once per (process, alert, channel), whatever runs at the same time (issue 11,
part 1): concurrent rounds through `mandates.alerts.send_alerts` in-process, each run with its own
connection to the same database (SQLite file or PostgreSQL schema), released at one instant by a
barrier, against real receivers that record every digest they get.

Each trial counts, per channel and alert item, the digests that list it: exactly one, never two,
never none. The receivers answer slowly enough (0.3 s) that the runs overlap while sending.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
import pytest
from sqlalchemy import text

from mandates.alerts import AlertItem, NotifyResult, alert_items, channel_id, send_alerts
from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import Store

JAN_6 = pendulum.Date(2020, 1, 6)
MAR_1 = pendulum.Date(2020, 3, 1)
RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")
TRIALS = 20
DATABASES = pytest.mark.parametrize("database", [
    "sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)])
HERE = Path(__file__).parent


def _lines(digest: str) -> set[str]:
    """The item lines of a digest (`KIND - SUBJECT`), without `(sent again)` and `(with ...)`."""
    found = set()
    for line in digest.splitlines():
        line = line.removeprefix("(sent again) ")
        if " - " in line and not line.startswith(("Mandate:", "Why:", "- ")):
            found.add(line.split(" (with ")[0])
    return found


def copies(receiver: Any, items: list[AlertItem]) -> dict[str, int]:
    """How many digests a receiver got that list each item."""
    seen = [_lines(t) for t in receiver.texts]
    return {item.key: sum(f"{item.kind} - {item.subject}" in lines for lines in seen)
            for item in items}


def _statuses(store: Store) -> dict[tuple[str, str], str]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT alert_key, channel, status FROM sent_alert")).all()
    return {(r[0], r[1]): r[2] for r in rows}


def concurrently(runs: int, url: str, round_: Callable[[Store], NotifyResult]) -> list[NotifyResult]:
    """`runs` rounds at once, each on its own Store (own connections), released by a barrier."""
    stores = [Store(url) for _ in range(runs)]
    barrier = threading.Barrier(runs)
    results: list[NotifyResult | BaseException] = [RuntimeError("did not run")] * runs

    def one(index: int) -> None:
        barrier.wait()
        try:
            results[index] = round_(stores[index])
        except BaseException as exc:  # reported below, with the others
            results[index] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for store in stores:
        store.dispose()
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    return [r for r in results if isinstance(r, NotifyResult)]


def _moved(plan: Plan) -> Any:
    return make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3),
                     recorded_at=RECORDED_AT, opens_on=pendulum.Date(2020, 2, 24),
                     closes_on=pendulum.Date(2020, 2, 29), venue="Rome, FAO headquarters")


@DATABASES
@pytest.mark.parametrize("trial", range(TRIALS))
def test_concurrent_rounds_send_each_digest_once(trial: int, database: str, request: pytest.FixtureRequest,
                                                 bundled_plan: Plan, receivers: Any, tally: Any) -> None:
    url = request.getfixturevalue(database)
    channels = [receivers("smtp", delay=0.3), receivers("json", delay=0.3)]
    alerts = AlertSettings(urls=tuple(c.url for c in channels), retries=1, retry_delay_seconds=0)
    runs = 2 + trial % 3  # two, three or four runs at once
    setup = Store(url)
    already: set[str] = set()
    if trial % 4 == 3:  # a day already alerted, then a meeting moves: only the new items go
        first = evaluate(bundled_plan, [], JAN_6)
        send_alerts(setup, first, alerts, now=pendulum.now("UTC"))
        already = {i.key for i in alert_items(first)}
        setup.append(bundled_plan.process.id, [_moved(bundled_plan)])
        day = MAR_1
    else:
        day = JAN_6
    evaluation: Evaluation = evaluate(bundled_plan, setup.facts(bundled_plan.process.id), day)
    items = [i for i in alert_items(evaluation) if i.key not in already]
    before = [len(c.texts) for c in channels]
    assert items

    results = concurrently(runs, url, lambda store: send_alerts(
        store, evaluation, alerts, now=pendulum.now("UTC")))

    for channel, start in zip(channels, before, strict=True):
        channel.texts[:] = channel.texts[start:]
        counted = copies(channel, items)
        duplicates = sum(n - 1 for n in counted.values() if n > 1)
        missing = [key for key, n in counted.items() if n == 0]
        tally.add("alert trials: digests received", len(channel.texts))
        tally.add("alert trials: duplicate items", duplicates)
        tally.add("alert trials: missing items", len(missing))
        assert duplicates == 0 and not missing, (counted, channel.texts)
        assert len(channel.texts) == 1  # the whole digest went in one message
    for index in range(len(channels)):
        sent = sum(r.channels[index].sent for r in results)
        skipped = [r.channels[index].skipped for r in results if not r.channels[index].sent]
        assert sent == len(items)
        assert not any(r.channels[index].failed or r.channels[index].uncertain for r in results)
        tally.add("alert trials: runs that found the items claimed and skipped them",
                  sum(1 for s in skipped if s))
    statuses = _statuses(setup)
    assert set(statuses.values()) == {"sent"}
    assert len(statuses) == (len(items) + len(already)) * len(channels)
    setup.dispose()
    tally.add(f"alert trials ({'PostgreSQL' if 'postgres' in database else 'SQLite'})")
    tally.add("alert trials: concurrent runs", runs)


@pytest.mark.parametrize(("database", "kind"), [
    ("sqlite_url", "smtp"), pytest.param("postgres_url", "json", marks=pytest.mark.postgres)])
def test_a_slow_receiver_gets_one_digest_and_nobody_reports_failure(
        database: str, kind: str, request: pytest.FixtureRequest, bundled_plan: Plan,
        receivers: Any, tally: Any) -> None:
    """10 s to acknowledge (apprise's own timeouts: 4 s for HTTP, 15 s for mail): one run
    sends, the other finds the claim and skips it, nothing is resent the next day."""
    url = request.getfixturevalue(database)
    slow = receivers(kind, delay=10.0)
    alerts = AlertSettings(urls=(slow.url,), retries=3, retry_delay_seconds=0)
    evaluation = evaluate(bundled_plan, [], JAN_6)
    items = alert_items(evaluation)
    results = concurrently(2, url, lambda store: send_alerts(
        store, evaluation, alerts, now=pendulum.now("UTC")))
    assert copies(slow, items) == {i.key: 1 for i in items} and len(slow.texts) == 1
    assert sorted((r.sent, r.skipped, r.failed, r.uncertain) for r in results) == [
        (0, len(items), 0, 0), (len(items), 0, 0, 0)]
    skipper = next(r for r in results if r.skipped)
    assert "skipped: another run claimed them at" in skipper.notes[0]
    store = Store(url)
    try:
        later = send_alerts(store, evaluate(bundled_plan, [], JAN_6.add(days=1)), alerts,
                            now=pendulum.now("UTC").add(days=1))
    finally:
        store.dispose()
    assert (later.sent, later.failed, len(slow.texts)) == (0, 0, 1)
    tally.add("slow receiver (10 s) trials")


@DATABASES
def test_a_timeout_is_uncertain_not_retried_at_once_and_sent_again_marked(
        database: str, request: pytest.FixtureRequest, bundled_plan: Plan, receivers: Any,
        tally: Any) -> None:
    url = request.getfixturevalue(database)
    slow = receivers("json", delay=2.5, query="rto=1")  # the digest arrives; the answer is late
    alerts = AlertSettings(urls=(slow.url,), retries=3, retry_delay_seconds=0)
    evaluation = evaluate(bundled_plan, [], JAN_6)
    items = alert_items(evaluation)
    store = Store(url)
    try:
        first = send_alerts(store, evaluation, alerts, now=pendulum.now("UTC"))
        assert (first.sent, first.failed, first.uncertain) == (0, 0, len(items))
        assert first.channels[0].attempts == 1  # a retry after a timeout could deliver it twice
        assert not first.errors and "uncertain" in first.notes[0] and "timed out" in first.notes[0]
        assert set(_statuses(store).values()) == {"uncertain"}
        assert len(slow.texts) == 1
        slow.delay = 0.0
        second = send_alerts(store, evaluation, alerts, now=pendulum.now("UTC"))
        assert (second.sent, second.channels[0].repeated) == (len(items), len(items))
        assert "sent again" in second.notes[0]
        digest = slow.texts[-1]
        assert digest.count("(sent again) ") >= len(items)
        assert "Sent again: " in digest and "timed out" in digest
        third = send_alerts(store, evaluation, alerts, now=pendulum.now("UTC"))
        assert (third.sent, len(slow.texts)) == (0, 2)
        assert set(_statuses(store).values()) == {"sent"}
    finally:
        store.dispose()
    tally.add("uncertain-outcome trials")


@DATABASES
def test_a_killed_run_leaves_a_claim_that_is_honoured_then_taken_over(
        database: str, request: pytest.FixtureRequest, bundled_plan: Plan, receivers: Any,
        tally: Any) -> None:
    """kill -9 while the receiver is still answering: a run soon after skips the claimed items;
    a run after the claim timeout sends them again, marked as possibly repeated."""
    url = request.getfixturevalue(database)
    hanging = receivers("smtp", delay=60.0)
    evaluation = evaluate(bundled_plan, [], JAN_6)
    items = alert_items(evaluation)
    child = subprocess.Popen([sys.executable, str(HERE / "alert_round.py"), url, hanging.url],
                             env={**os.environ, "PYTHONPATH": str(HERE.parents[1])})
    store = Store(url)
    try:
        deadline = time.monotonic() + 60
        while not (len(hanging.texts) == 1 and set(_statuses(store).values()) == {"sending"}):
            assert child.poll() is None and time.monotonic() < deadline, "the child never sent"
            time.sleep(0.1)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        hanging.delay = 0.0
        alerts = AlertSettings(urls=(hanging.url,), retries=0)
        soon = send_alerts(store, evaluation, alerts, now=pendulum.now("UTC").add(minutes=1))
        assert (soon.sent, soon.skipped, len(hanging.texts)) == (0, len(items), 1)
        later = send_alerts(store, evaluation, alerts, now=pendulum.now("UTC").add(minutes=16))
        assert (later.sent, later.channels[0].repeated, len(hanging.texts)) == (len(items), len(items), 2)
        assert "stopped before recording the outcome" in hanging.texts[-1]
        assert set(_statuses(store).values()) == {"sent"}
        assert {k for k, _ in _statuses(store)} == {i.key for i in items}
        assert {c for _, c in _statuses(store)} == {channel_id(hanging.url)}
    finally:
        if child.poll() is None:
            child.kill()
        store.dispose()
    tally.add("killed sending runs (kill -9 mid-send)")
