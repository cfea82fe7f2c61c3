"""Briefing snapshots through `sqlite3` (`store.snapshots`, issue 10) are the rows the ORM
writes and reads (`store.db.BriefingSnapshotRow`); `briefing.run.Database` falls back to the
ORM where that path cannot answer (PostgreSQL, a database to migrate)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pendulum
from sqlmodel import select

from mandates.briefing.data import snapshot_payload
from mandates.briefing.run import Database, last_snapshot, make_briefing, record_snapshot
from mandates.core.plan import Plan
from mandates.store import snapshots
from mandates.store.db import BriefingSnapshotRow, Store

NOW = pendulum.datetime(2020, 3, 1, 12, 30, 15, 123456, tz="Europe/Rome")
FIRST, SECOND = pendulum.Date(2020, 1, 6), pendulum.Date(2020, 3, 1)


def rows_of(store: Store) -> list[tuple[str, dt.date, dt.datetime, str]]:
    with store.session() as session:
        found = session.exec(select(BriefingSnapshotRow).order_by(BriefingSnapshotRow.id)).all()  # type: ignore[arg-type]
        return [(r.process, r.as_of, r.created_at, r.payload) for r in found]


def test_a_snapshot_recorded_with_sqlite3_is_the_row_the_orm_writes(
        bundled_plan: Plan, tmp_path: Path) -> None:
    by_orm, by_sqlite = Store(f"sqlite:///{tmp_path / 'a.db'}"), Store(f"sqlite:///{tmp_path / 'b.db'}")
    first = make_briefing(bundled_plan, [], by_orm, FIRST, "none", 6).evaluation
    second = make_briefing(bundled_plan, [], by_orm, SECOND, "none", 6).evaluation
    assert record_snapshot(by_orm, first, NOW)
    assert record_snapshot(Database(by_sqlite.url), first, NOW)
    assert not record_snapshot(Database(by_sqlite.url), first, NOW), "the same snapshot is stored once"
    assert record_snapshot(Database(by_sqlite.url), second, NOW)
    assert record_snapshot(by_orm, second, NOW)
    assert rows_of(by_sqlite) == rows_of(by_orm)
    assert rows_of(by_orm)[0][2].replace(tzinfo=dt.UTC) == NOW.in_timezone("UTC")
    # Read back by either path: the same last snapshot before 1 March.
    row = last_snapshot(by_orm, "post2020", SECOND)
    assert row is not None
    assert snapshots.last_snapshot(by_sqlite.url, "post2020", dt.date(2020, 3, 1)) == [
        snapshots.Snapshot(row.as_of, row.payload)]
    assert row.payload == snapshot_payload(first)
    assert snapshots.last_snapshot(by_sqlite.url, "post2020", dt.date(2020, 1, 6)) == []
    for store in (by_orm, by_sqlite):
        store.dispose()


def test_since_last_reads_the_same_through_both_paths(bundled_plan: Plan, store: Store) -> None:
    first = make_briefing(bundled_plan, [], store, FIRST, "none", 6)
    assert record_snapshot(store, first.evaluation, NOW)
    by_orm = make_briefing(bundled_plan, [], store, SECOND, "last", 6)
    by_sqlite = make_briefing(bundled_plan, [], Database(store.url), SECOND, "last", 6)
    assert by_orm.since == by_sqlite.since and by_sqlite.since.on == FIRST
    assert by_orm == by_sqlite


def test_sqlite3_does_not_answer_for_a_database_it_cannot_read_at_the_current_schema(
        bundled_plan: Plan, store: Store, tmp_path: Path) -> None:
    file = Path(store.url.removeprefix("sqlite:///"))
    payload = snapshot_payload(make_briefing(bundled_plan, [], store, FIRST, "none", 6).evaluation)
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    for url in (missing, "sqlite://", "postgresql+psycopg://nobody@127.0.0.1:1/none"):
        assert snapshots.last_snapshot(url, "post2020", dt.date(2020, 3, 1)) is None
        assert snapshots.record_snapshot(url, "post2020", dt.date(2020, 1, 6), payload, NOW) is None
    assert not Path(tmp_path / "none.db").exists()
    with sqlite3.connect(file) as connection:  # an older schema: Alembic's to migrate, not ours
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    assert snapshots.last_snapshot(store.url, "post2020", dt.date(2020, 3, 1)) is None
    assert snapshots.record_snapshot(store.url, "post2020", dt.date(2020, 1, 6), payload, NOW) is None
    with sqlite3.connect(file) as connection:
        assert connection.execute("SELECT count(*) FROM briefing_snapshot").fetchone() == (0,)


def test_database_records_through_the_orm_on_postgresql(bundled_plan: Plan, postgres_url: str) -> None:
    database = Database(postgres_url)
    first = make_briefing(bundled_plan, [], database, FIRST, "last", 6)
    assert first.since.kind == "none"
    assert record_snapshot(database, first.evaluation, NOW)
    assert not record_snapshot(database, first.evaluation, NOW)
    second = make_briefing(bundled_plan, [], database, SECOND, "last", 6)
    assert second.since.on == FIRST
    store = database.store()
    assert [r[3] for r in rows_of(store)] == [snapshot_payload(first.evaluation)]
    store.dispose()
