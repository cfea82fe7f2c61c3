"""The read path without the ORM (`store.reader`, issue 12): the same facts as `Store.facts` on
SQLite and PostgreSQL, the schema's head named as `store.db` names it, and a database that is
not at the head left to `Store`, which migrates it (a new one is created by `store.fresh`)."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from sqlalchemy import create_engine, text

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Mode, Precision
from mandates.store.db import HEAD_REVISION, Store, normalise_url
from mandates.store.reader import head_revision, recorded_facts, sqlite_file

D = pendulum.Date
AT = pendulum.datetime(2021, 4, 1, 12, 30, 15, 123456, tz="UTC")
PAYLOAD = """\
amendment:
  id: add-wg2020-4
  process: post2020
  symbol: CBD/WG2020/REC/3/1
  kind: recommendation
  effective_on: '2021-09-03'
add:
  meetings:
  - id: wg2020-4
    title: {en: WG2020-4, zh: 工作组第四次会议}
    body: wg2020
    opens: '2022-06-21'
    closes: '2022-06-26'
    venue: {en: 'Nairobi, Kenya', zh: 肯尼亚内罗毕}
    timezone: Africa/Nairobi
    type: 1
"""


def facts() -> list[Fact]:
    """Facts that use every column: parts, windows, modes, flags, texts in two languages, an
    amendment, a withdrawal, a delivery without a key."""
    return [
        Fact(FactKind.PART, "sbstta-24", D(2021, 4, 1), AT, opens_on=D(2021, 5, 3),
             closes_on=D(2021, 6, 9), venue="Online", timezone="America/Toronto", key="part-1",
             part=1, mode=Mode.ONLINE, precision=Precision.DAY, tentative=True,
             source="https://www.cbd.int/", approximate=True, text="first part", text_zh="第一部分"),
        Fact(FactKind.POSTPONED, "sbi-3", D(2020, 10, 9), AT.add(days=1), opens_on=D(2021, 1, 1),
             closes_on=D(2021, 3, 31), precision=Precision.QUARTER, tentative=True),
        Fact(FactKind.NOTE, "cop-15", D(2021, 1, 2), AT, text="备注", written_in="zh",
             venue_zh="昆明"),
        Fact(FactKind.AMENDED, "wg2020-4", D(2021, 9, 3), AT, payload=PAYLOAD,
             source="CBD/WG2020/REC/3/1", timezone="America/Toronto", key="amend"),
        Fact(FactKind.WITHDRAWN, "sbi-3", D(2020, 10, 10), AT, voids="part-1", text="wrong"),
        Fact(FactKind.DELIVERED, "consult-iucn-report", D(2020, 2, 1), AT, ref="CBD/X/1"),
    ]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url"))


def test_the_reader_reads_what_the_store_reads(url: str) -> None:
    store = Store(url)
    try:
        store.append("post2020", facts())
        store.append("other", [Fact(FactKind.NOTE, "cop-15", D(2021, 1, 2), AT, text="elsewhere")])
        expected = store.facts("post2020")
    finally:
        store.dispose()
    found = recorded_facts(normalise_url(url), "post2020")
    assert found == expected
    assert [f.amendment.id if f.amendment else None for f in found] == [
        None, None, None, "add-wg2020-4", None, None]
    assert found[0].recorded_at == AT and found[0].recorded_at.timezone_name == "UTC"
    assert recorded_facts(normalise_url(url), "nothing-here") == []


def test_the_head_is_the_newest_migration() -> None:
    assert head_revision() == HEAD_REVISION


def test_a_database_not_at_the_head_is_left_to_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    assert recorded_facts(url, "post2020") == []  # no database yet: created at the head (store.fresh)
    assert (tmp_path / "state.db").exists()
    Store(url).dispose()
    assert recorded_facts(url, "post2020") == []
    missing = f"sqlite:///{tmp_path / 'no-such-folder' / 'state.db'}"
    assert recorded_facts(missing, "post2020") is None  # the store says why it cannot
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    engine.dispose()
    assert recorded_facts(url, "post2020") is None  # to be migrated first
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    assert recorded_facts(f"sqlite:///{tmp_path / 'junk.db'}", "post2020") is None


def test_only_plain_sqlite_files_are_read_with_sqlite3() -> None:
    assert sqlite_file("sqlite:////var/x.db") == Path("/var/x.db")
    assert sqlite_file("sqlite:///x.db") == Path("x.db")
    assert sqlite_file("sqlite://") is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("sqlite:///x.db?mode=ro") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None


def test_feed_floors_are_what_the_orm_reads(sqlite_url: str) -> None:
    """`feed_floors` (sqlite3) gives what `feeds.publish.floors` asks the ORM for."""
    from sqlalchemy import func
    from sqlmodel import select

    from mandates.store.db import FeedEventRow
    from mandates.store.reader import feed_floors

    store = Store(sqlite_url)
    try:
        with store.session() as session:
            for feed, uid, number, hour in (("all.en", "a@p", 1, 1), ("all.zh", "a@p", 3, 2),
                                            ("all.en", "b@p", 2, 5), ("tasks.en", "b@p", 0, 3)):
                session.add(FeedEventRow(process="post2020", feed=feed, uid=uid, digest="d",
                                         sequence=number, changed_at=AT.add(hours=hour)))
            session.add(FeedEventRow(process="other", feed="all.en", uid="c@p", digest="d",
                                     sequence=9, changed_at=AT))
            session.commit()
            expected = [tuple(row) for row in session.exec(
                select(FeedEventRow.feed, FeedEventRow.uid, func.max(FeedEventRow.sequence),
                       func.max(FeedEventRow.changed_at))
                .where(FeedEventRow.process == "post2020")
                .group_by(FeedEventRow.feed, FeedEventRow.uid)
                .order_by(FeedEventRow.feed, FeedEventRow.uid))]  # type: ignore[arg-type]
    finally:
        store.dispose()
    found = feed_floors(sqlite_url, "post2020")
    assert found == expected
    assert found is not None and found[1] == ("all.en", "b@p", 2, AT.add(hours=5).naive())
    assert feed_floors(sqlite_url, "nothing") == []
    assert feed_floors("postgresql+psycopg://u@h/db", "post2020") is None
