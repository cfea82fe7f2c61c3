"""A new SQLite database created without Alembic (`store.fresh`, issue 12): the same schema as
`alembic upgrade head` gives, the revision recorded, usable by the store and the read path, and
only ever a new database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pendulum
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from mandates.core.facts import Fact, FactKind
from mandates.store import db
from mandates.store.db import HEAD_REVISION, Store
from mandates.store.fresh import create_new, schema_file, statements
from mandates.store.reader import recorded_facts


def master(file: Path) -> list[tuple[str, str, str, str | None]]:
    """What SQLite holds of a schema: every table and index with the SQL that made it."""
    connection = sqlite3.connect(file)
    try:
        return sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        connection.close()


def with_alembic(file: Path) -> None:
    """The database as every migration leaves it (what `Store.migrate` did for a new one)."""
    engine = create_engine(f"sqlite:///{file}")
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    engine.dispose()


def test_the_schema_is_the_one_alembic_gives(tmp_path: Path) -> None:
    assert schema_file(HEAD_REVISION).is_file()  # a new migration ships its schema_NNNN.sql
    with_alembic(tmp_path / "alembic.db")
    assert create_new(tmp_path / "fresh.db")
    assert master(tmp_path / "fresh.db") == master(tmp_path / "alembic.db")
    for file in ("alembic.db", "fresh.db"):
        connection = sqlite3.connect(tmp_path / file)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
        connection.close()


def test_a_new_database_is_written_and_read_as_any_other(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    assert recorded_facts(url, "post2020") == []  # created on the read path
    store = Store(url)
    try:
        assert store.revision() == HEAD_REVISION
        fact = Fact(FactKind.DELIVERED, "consult-iucn-report", pendulum.Date(2020, 2, 1),
                    pendulum.datetime(2020, 2, 1, tz="UTC"), ref="CBD/X/1")
        stored = store.append("post2020", [fact])
        assert store.facts("post2020") == stored
    finally:
        store.dispose()
    assert recorded_facts(url, "post2020") == stored


def test_the_store_creates_a_new_database_without_alembic(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 'state.db'}").dispose()
    with_alembic(tmp_path / "alembic.db")
    assert master(tmp_path / "state.db") == master(tmp_path / "alembic.db")


def test_only_a_new_database_is_created(tmp_path: Path) -> None:
    existing = tmp_path / "existing.db"
    connection = sqlite3.connect(existing)
    connection.execute("CREATE TABLE other (x INTEGER)")
    connection.commit()
    connection.close()
    assert not create_new(existing)
    assert [row[1] for row in master(existing)] == ["other"]
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert create_new(empty)  # an empty file is a new database (SQLAlchemy leaves one)
    assert not create_new(tmp_path / "missing" / "state.db")
    assert not (tmp_path / "missing").exists()
    assert not create_new(empty)  # created already


def test_statements_drop_comments() -> None:
    assert statements("-- a comment\nCREATE TABLE a (x INT);\nCREATE INDEX i ON a (x);\n") == [
        "CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"]
