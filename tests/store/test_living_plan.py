"""Revision 0003 on SQLite and PostgreSQL: the new fact fields stored and read back, keys unique
per process, lengths refused before the database sees them, AMENDED payloads read back through
the config loader, and the facts of a process = shipped + recorded, merged by key."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from sqlalchemy import create_engine, text

from mandates.config.history import shipped_facts
from mandates.config.loader import load_plan
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Mode, Plan, Precision
from mandates.errors import FactError
from mandates.store.db import Store, normalise_url

D = pendulum.Date
AT = pendulum.datetime(2021, 4, 1, 12, tz="UTC")

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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Store:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    store = Store(url)
    request.addfinalizer(store.dispose)
    return store


def part_fact(key: str | None = None) -> Fact:
    return Fact(FactKind.PART, "sbstta-24", D(2021, 4, 1), AT, opens_on=D(2021, 5, 3),
                closes_on=D(2021, 6, 9), venue="Online", timezone="America/Toronto", key=key, part=1,
                mode=Mode.ONLINE, precision=Precision.DAY, tentative=True, source="https://www.cbd.int/",
                approximate=True, text="first part", text_zh="第一部分")


def test_every_new_field_round_trips(any_store: Store) -> None:
    window = Fact(FactKind.POSTPONED, "sbi-3", D(2020, 10, 9), AT, opens_on=D(2021, 1, 1),
                  closes_on=D(2021, 3, 31), precision=Precision.QUARTER, tentative=True)
    saved = any_store.append("post2020", [part_fact("2021-04-01-sbstta-24-part-1"), window])
    assert [f.key for f in saved] == ["2021-04-01-sbstta-24-part-1", str(saved[1].id)]
    part, postponed = any_store.facts("post2020")
    expected = part_fact("2021-04-01-sbstta-24-part-1")
    for name in ("kind", "subject", "effective_on", "recorded_at", "opens_on", "closes_on", "venue",
                 "timezone", "key", "part", "mode", "precision", "tentative", "source", "approximate",
                 "text", "text_zh"):
        assert getattr(part, name) == getattr(expected, name), name
    assert (postponed.precision, postponed.tentative, postponed.key) == (
        Precision.QUARTER, True, str(postponed.id))


def test_a_key_names_one_fact_per_process(any_store: Store) -> None:
    any_store.append("post2020", [part_fact("k1")])
    with pytest.raises(FactError, match="key 'k1' is already used by a fact of post2020; nothing was"):
        any_store.append("post2020", [part_fact("k2"), part_fact("k1")])
    with pytest.raises(FactError, match="key 'k3' is already used"):
        any_store.append("post2020", [part_fact("k3"), part_fact("k3")])
    assert [f.key for f in any_store.facts("post2020")] == ["k1"]
    any_store.append("another", [part_fact("k1")])  # another process may use it


def test_a_recorded_fact_gets_its_id_as_key_unless_imported_facts_hold_it(any_store: Store) -> None:
    [first] = any_store.append("post2020", [part_fact()])
    assert first.key == str(first.id) == first.fact_key
    taken = str(first.id + 2)
    [imported] = any_store.append("post2020", [part_fact(taken)])  # an import with a numeric key
    assert (imported.id, imported.key) == (first.id + 1, taken)
    [later] = any_store.append("post2020", [part_fact()])
    assert (later.id, later.key) == (first.id + 2, f"{taken}.1")
    keys = [f.fact_key for f in any_store.facts("post2020")]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("field", "limit"), [("subject", 200), ("key", 200), ("venue", 500), ("ref", 200),
                                              ("source", 500), ("timezone", 100), ("voids", 200)])
def test_values_over_their_column_are_refused_before_the_database(any_store: Store, field: str,
                                                                  limit: int) -> None:
    from dataclasses import replace

    fact = replace(part_fact("ok"), **{field: "x" * (limit + 1)})
    with pytest.raises(FactError) as caught:
        any_store.append("post2020", [part_fact("first"), fact])
    assert str(caught.value).startswith(f"{field} of ")
    assert f"is {limit + 1} characters long; at most {limit} fit; nothing was recorded" in str(caught.value)
    assert any_store.facts("post2020") == []
    with pytest.raises(FactError, match="process of"):
        any_store.append("p" * 101, [part_fact("k")])


def test_an_amended_fact_reads_back_its_amendment(any_store: Store) -> None:
    fact = Fact(FactKind.AMENDED, "wg2020-4", D(2021, 9, 3), AT, payload=PAYLOAD,
                source="CBD/WG2020/REC/3/1", timezone="America/Toronto")
    [saved] = any_store.append("post2020", [fact])
    [back] = any_store.facts("post2020")
    assert back.payload == PAYLOAD and back.amendment is not None
    assert back.amendment.id == "add-wg2020-4" and back.amendment.effective_on == D(2021, 9, 3)
    [meeting] = back.amendment.meetings
    assert (meeting.id, meeting.timezone, meeting.opens_on) == ("wg2020-4", "Africa/Nairobi", D(2022, 6, 21))
    assert back.amendment.source.file == f"fact {saved.key}"


def test_facts_of_a_process_are_shipped_then_recorded_by_key(tmp_path: Path, store: Store) -> None:
    founding = tmp_path / "post2020.yaml"
    founding.write_text((Path(__file__).parents[2] / "config" / "post2020.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    (tmp_path / "post2020.history.yaml").write_text(
        "facts:\n"
        "  - {key: shipped-1, kind: note, subject: wg2020-2, effective_on: 2020-02-01, text: one}\n"
        "  - {key: shipped-2, kind: postponed, subject: sbstta-24, effective_on: 2020-03-10}\n",
        encoding="utf-8")
    plan: Plan = load_plan(founding)
    assert [f.key for f in shipped_facts(plan)] == ["shipped-1", "shipped-2"]
    assert [f.key for f in store.facts_of(plan)] == ["shipped-1", "shipped-2"]  # no database write
    assert store.facts("post2020") == []
    same = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 1), AT, text="one (imported)", key="shipped-1")
    mine = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 2), AT, text="mine")
    store.append("post2020", [same, mine])
    merged = store.facts_of(plan)
    assert [(f.key, f.text) for f in merged] == [("shipped-1", "one"), ("shipped-2", None), ("2", "mine")]


@pytest.mark.parametrize("database", ["sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)])
def test_revision_0003_keeps_the_rows_of_0002(request: pytest.FixtureRequest, database: str) -> None:
    """A database at 0002 (0.2.0) upgrades: its facts keep their ids and read with their id as key."""
    from alembic import command
    from alembic.config import Config

    import mandates.store.db

    url = request.getfixturevalue(database)
    engine = create_engine(normalise_url(url))
    config = Config()
    config.set_main_option("script_location", str(Path(mandates.store.db.__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(text(
            "INSERT INTO fact (process, kind, subject, effective_on, recorded_at, opens_on, closes_on, "
            "venue, written_in, venue_zh) VALUES ('post2020', 'rescheduled', 'wg2020-2', '2020-02-03', "
            "'2020-02-03 09:00:00+00:00', '2020-02-24', '2020-02-29', 'Rome', 'en', '罗马')"))
    engine.dispose()
    store = Store(url)
    try:
        [fact] = store.facts("post2020")
        assert (fact.id, fact.key, fact.fact_key, fact.venue_zh, fact.part, fact.mode) == (
            1, None, "1", "罗马", None, None)
        assert (fact.precision, fact.tentative, fact.approximate) == (Precision.DAY, False, False)
        with pytest.raises(FactError, match="key '1' is already used"):
            store.append("post2020", [part_fact("1")])
        [added] = store.append("post2020", [part_fact()])
        assert added.key == "2"
    finally:
        store.dispose()
