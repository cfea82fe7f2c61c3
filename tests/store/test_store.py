"""The state database on SQLite and on the PostgreSQL of this machine: migrations, append-only facts."""

from __future__ import annotations

import pendulum
import pytest
from sqlalchemy import inspect, text

from mandates.core.evaluate import OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import HEAD_REVISION, Store, normalise_url

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

D = pendulum.Date
TABLES = {"fact", "feed_event", "sent_alert", "briefing_snapshot", "alembic_version"}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Store:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    store = Store(url)
    request.addfinalizer(store.dispose)
    return store


def rome_move(plan: Plan) -> Fact:
    return make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3),
                     recorded_at=RECORDED_AT, opens_on=D(2020, 2, 24),
                     closes_on=D(2020, 2, 29), venue="Rome, FAO headquarters")


def test_migrations_create_every_table(any_store: Store) -> None:
    assert any_store.revision() == HEAD_REVISION
    assert set(inspect(any_store.engine).get_table_names()) >= TABLES
    Store(any_store.url).dispose()  # opening again is a no-op, not a second migration
    assert any_store.revision() == HEAD_REVISION


def test_facts_round_trip_with_dates_and_utc_times(any_store: Store, bundled_plan: Plan) -> None:
    saved = any_store.append("post2020", [
        rome_move(bundled_plan),
        make_fact(bundled_plan, FactKind.DELIVERED, "wg2020-2-documents", D(2020, 1, 10),
                  recorded_at=RECORDED_AT,
                  ref="CBD/WG2020/2/3"),
    ])
    assert [f.id for f in saved] == [1, 2]
    facts = any_store.facts("post2020")
    assert [f.kind for f in facts] == [FactKind.RESCHEDULED, FactKind.DELIVERED]
    move = facts[0]
    assert (move.opens_on, move.closes_on, move.venue) == (D(2020, 2, 24), D(2020, 2, 29),
                                                           "Rome, FAO headquarters")
    assert move.effective_on == D(2020, 2, 3) and isinstance(move.effective_on, pendulum.Date)
    assert move.recorded_at.timezone_name == "UTC"
    assert any_store.facts("another-process") == []


def test_a_failed_batch_writes_nothing(any_store: Store, bundled_plan: Plan) -> None:
    good = make_fact(bundled_plan, FactKind.NOTE, "wg2020-2", D(2020, 2, 1),
                     recorded_at=RECORDED_AT, text="ok")
    too_long = Fact(FactKind.NOTE, "x" * 5000, D(2020, 2, 1), pendulum.now("UTC"), text="bad")
    broken = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 1), None, text="no time")  # type: ignore[arg-type]
    with pytest.raises(Exception):  # noqa: B017 - the driver's error type differs per database
        any_store.append("post2020", [good, broken if any_store.engine.dialect.name == "sqlite"
                                      else too_long])
    assert any_store.facts("post2020") == []


def test_replay_any_past_day_exactly(any_store: Store, bundled_plan: Plan) -> None:
    any_store.append("post2020", [rome_move(bundled_plan)])
    facts = any_store.facts("post2020")
    before = evaluate(bundled_plan, facts, D(2020, 2, 2))
    after = evaluate(bundled_plan, facts, D(2020, 2, 3))
    assert before.meetings["wg2020-2"].closes_on == D(2020, 2, 28)
    assert after.meetings["wg2020-2"].closes_on == D(2020, 2, 29)
    assert evaluate(bundled_plan, facts, D(2020, 2, 2)) == before  # deterministic
    # the documentation was never recorded as delivered: the draft waits for an overdue input
    assert after.outputs["wg2020-2-discussion-draft"].status is OutputStatus.BLOCKED


def test_facts_are_never_updated(any_store: Store, bundled_plan: Plan) -> None:
    any_store.append("post2020", [rome_move(bundled_plan)])
    any_store.append("post2020", [make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", D(2020, 3, 1),
                                            recorded_at=RECORDED_AT,
                                            opens_on=D(2020, 5, 4), closes_on=D(2020, 5, 8))])
    with any_store.engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM fact")).scalar_one()
    assert count == 2
    latest = evaluate(bundled_plan, any_store.facts("post2020"), D(2020, 3, 2)).meetings["wg2020-2"]
    assert (latest.opens_on, latest.venue and latest.venue.en) == (D(2020, 5, 4), "Rome, FAO headquarters")


def test_plain_postgresql_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
