"""The state database (SQLModel): facts, feed versions, sent alerts, briefing snapshots.

SQLite in a per-user data directory by default; `MANDATES_DATABASE_URL` for another database
(PostgreSQL URLs work). The schema is kept by Alembic migrations in `mandates/store/migrations`:
0001 is the schema of version 0.1.0; 0002 adds the language of user text to facts; 0003 the
fields of the living plan (key, part, mode, precision, tentative, voids, source, approximate,
payload, text_zh).

The facts of a process are those shipped with it (`config/<process>.history.yaml`) and those
recorded here, merged by key: `Store.facts_of(plan)` is what every edge evaluates;
`Store.facts(process_id)` gives the recorded ones alone. A read-only command reads the facts of
a database already at HEAD_REVISION through `store.reader` (no ORM); everything else comes here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Boolean, Column, DateTime, Engine, Index, Text, UniqueConstraint, false, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlmodel import Field, Session, SQLModel, create_engine, select

from mandates.config.history import merge, shipped_facts
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.errors import FactError, StoreError
from mandates.store.limits import check_lengths
from mandates.store.reader import default_url, normalise_url, read_fact, sqlite_file

__all__ = ["HEAD_REVISION", "BriefingSnapshotRow", "FactRow", "FeedEventRow", "SentAlertRow", "Store",
           "default_url", "normalise_url"]

HEAD_REVISION = "0003"
DATABASE_ENV = "MANDATES_DATABASE_URL"


class FactRow(SQLModel, table=True):
    """A recorded fact; rows are inserted, never updated or deleted.

    `written_in` is the language of the user's text (`en`, `zh`); NULL in rows written before
    revision 0002 (version 0.1.0), which are read as English. `venue_zh`: the Chinese form of a
    venue written in English. Since revision 0003: `key` (unique per process; NULL in older
    rows, whose key is their id), `part`, `mode`, `precision` (NULL: exact days), `tentative`,
    `voids`, `source`, `approximate`, `payload` (an AMENDED fact's amendment, as YAML) and
    `text_zh` (the Chinese form of a text written in English). See `core.facts.Fact`.
    """

    __tablename__ = "fact"
    __table_args__ = (Index("ix_fact_process_effective", "process", "effective_on"),
                      Index("uq_fact_process_key", "process", "key", unique=True))
    id: int | None = Field(default=None, primary_key=True)
    process: str = Field(max_length=100)
    kind: str = Field(max_length=20)
    subject: str = Field(max_length=200, index=True)
    effective_on: dt.date
    recorded_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    venue: str | None = Field(default=None, max_length=500)
    timezone: str | None = Field(default=None, max_length=100)
    ref: str | None = Field(default=None, max_length=200)
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    written_in: str | None = Field(default=None, max_length=8)
    venue_zh: str | None = Field(default=None, max_length=500)
    key: str | None = Field(default=None, max_length=200)
    part: int | None = None
    mode: str | None = Field(default=None, max_length=20)
    precision: str | None = Field(default=None, max_length=10)
    tentative: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                            server_default=false()))
    voids: str | None = Field(default=None, max_length=200)
    source: str | None = Field(default=None, max_length=500)
    approximate: bool = Field(default=False, sa_column=Column(Boolean, nullable=False,
                                                              server_default=false()))
    payload: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    text_zh: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class FeedEventRow(SQLModel, table=True):
    """The last published version of one event in one feed (for SEQUENCE and LAST-MODIFIED)."""

    __tablename__ = "feed_event"
    process: str = Field(primary_key=True, max_length=100)
    feed: str = Field(primary_key=True, max_length=200)
    uid: str = Field(primary_key=True, max_length=300)
    digest: str = Field(max_length=64)
    sequence: int
    changed_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class SentAlertRow(SQLModel, table=True):
    """An alert sent (or that failed) on one channel; one row per alert key and channel."""

    __tablename__ = "sent_alert"
    __table_args__ = (UniqueConstraint("process", "alert_key", "channel", name="uq_sent_alert"),)
    id: int | None = Field(default=None, primary_key=True)
    process: str = Field(max_length=100)
    alert_key: str = Field(max_length=500)
    channel: str = Field(max_length=500)
    as_of: dt.date
    sent_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    status: str = Field(max_length=20)
    attempts: int
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class BriefingSnapshotRow(SQLModel, table=True):
    """What a Bureau briefing showed, so the next one can say what changed since."""

    __tablename__ = "briefing_snapshot"
    __table_args__ = (Index("ix_briefing_process_as_of", "process", "as_of"),)
    id: int | None = Field(default=None, primary_key=True)
    process: str = Field(max_length=100)
    as_of: dt.date
    created_at: dt.datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))


class Store:
    """Access to the state database; migrates the schema to the current revision on open."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url) if url else default_url()
        self.engine: Engine = create_engine(self.url)
        self.migrate()

    def migrate(self) -> None:
        """Bring the schema to HEAD_REVISION with Alembic (skipped when it is already there; a new
        SQLite file is created at HEAD_REVISION by `store.fresh`, without Alembic)."""
        revision = self.revision()
        if revision == HEAD_REVISION:
            return
        file = sqlite_file(self.url)
        if revision is None and file is not None:
            from mandates.store.fresh import create_new

            if create_new(file):  # a new SQLite file: the schema without Alembic (issue 12)
                return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The schema revision recorded in the database, or None for an empty database."""
        try:
            with self.engine.connect() as connection:
                row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        except (OperationalError, ProgrammingError):
            return None
        return str(row[0]) if row else None

    def facts(self, process: str) -> list[Fact]:
        """Every fact recorded in this database for a process, in the order recorded (not the
        facts shipped with the process: see `facts_of`)."""
        with Session(self.engine) as session:
            rows = session.exec(
                select(FactRow).where(FactRow.process == process).order_by(FactRow.id)  # type: ignore[arg-type]
            ).all()
            return [read_fact(row) for row in rows]

    def facts_of(self, plan: Plan) -> list[Fact]:
        """The facts of a process: those shipped with it (its history file, in file order),
        then those recorded here whose key is not shipped (the same key is the same fact).

        What every edge evaluates (cli, web, flows, tasks, briefing, feeds). A shipped fact
        needs no database write to count. Raises ConfigError for a bad history file.
        """
        return merge(shipped_facts(plan), self.facts(plan.process.id))

    def append(self, process: str, facts: Iterable[Fact]) -> list[Fact]:
        """Record facts in one transaction: all are written, or none (DESIGN: append-only).

        Each is checked before anything is written: a text over its column's size, or a key
        already used in the process (or twice in the batch), raises FactError naming the field
        and the fact. A fact without a key gets its id as key (`"7"`; `"7.1"` if an imported
        fact already holds that key). Returns the facts as stored, with ids and keys.
        """
        batch = list(facts)
        for fact in batch:
            check_lengths(process, fact)
        with Session(self.engine) as session, session.begin():
            taken = self._keys(session, process)
            for fact in batch:
                if fact.key is not None:
                    if fact.key in taken:
                        raise FactError(f"key {fact.key!r} is already used by a fact of {process}; "
                                        "nothing was recorded")
                    taken.add(fact.key)
            rows = [_to_row(process, fact) for fact in batch]
            session.add_all(rows)
            try:
                session.flush()
                for row in rows:
                    if row.key is None:
                        row.key = _free_key(str(row.id), taken)
                        taken.add(row.key)
                session.flush()
            except IntegrityError as exc:  # another writer took a key at the same time
                raise StoreError(f"a fact key was taken while recording ({exc.orig}); nothing was "
                                 "recorded, try again") from None
            return [read_fact(row) for row in rows]

    @staticmethod
    def _keys(session: Session, process: str) -> set[str]:
        """Every key used in a process: explicit keys, and the ids of rows without one."""
        found = session.exec(select(FactRow.key, FactRow.id).where(FactRow.process == process)).all()
        return {key if key is not None else str(row_id) for key, row_id in found}

    def session(self) -> Session:
        """A session on this database, for the feed, alert and briefing records."""
        return Session(self.engine)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


SUPPORTED = ("sqlite", "postgresql", "postgres")
"""The databases a URL may name (its scheme before `+driver`): SQLite and PostgreSQL."""


def opened(url: str | None) -> Store:
    """The Store of `url` (None: the default SQLite file), migrated to the current schema; a
    database that cannot be opened is bad input (StoreError), not a crash: `cannot open the
    database PATH: the folder F does not exist` (SQLite: the file and the cause), `cannot open
    the database: 'mysql' databases are not supported; use SQLite (sqlite:///PATH) or PostgreSQL (postgresql://…)`,
    else the driver's own first line, without SQLAlchemy's links."""
    from mandates.errors import MandatesError

    target = normalise_url(url) if url else default_url()
    scheme = target.split(":", 1)[0].split("+", 1)[0].lower() if ":" in target else ""
    if scheme not in SUPPORTED:
        raise StoreError(f"cannot open the database: {scheme or target!r} databases are not "
                         "supported; use SQLite "
                         "(sqlite:///PATH) or PostgreSQL (postgresql://USER@HOST/NAME)")
    try:
        return Store(url)
    except MandatesError:
        raise
    except Exception as exc:
        raise StoreError(_why_not(target, exc)) from exc


def _why_not(url: str, exc: Exception) -> str:
    """Why the database at `url` cannot be opened, in one line naming its file when it has one."""
    cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = cause[0] if cause else type(exc).__name__
    file = sqlite_file(url)
    if file is None:
        return f"cannot open the database: {reason}"
    folder = file.parent
    if not folder.is_dir():
        reason = f"the folder {folder} does not exist"
    elif file.is_dir():
        reason = f"{file} is a folder"
    elif not os.access(folder, os.W_OK) or (file.exists() and not os.access(file, os.W_OK)):
        reason = f"no permission to write {file if file.exists() else folder}"
    return f"cannot open the database {file}: {reason}"


def _free_key(key: str, taken: set[str]) -> str:
    """`key`, or `key.1`, `key.2`, ... when an imported fact already holds it."""
    candidate, number = key, 0
    while candidate in taken:
        number += 1
        candidate = f"{key}.{number}"
    return candidate


def _to_row(process: str, fact: Fact) -> FactRow:
    return FactRow(
        process=process, kind=fact.kind.value, subject=fact.subject,
        effective_on=dt.date(fact.effective_on.year, fact.effective_on.month, fact.effective_on.day),
        recorded_at=fact.recorded_at.in_timezone("UTC"), opens_on=fact.opens_on,
        closes_on=fact.closes_on, venue=fact.venue, timezone=fact.timezone, ref=fact.ref,
        text=fact.text, written_in=fact.written_in, venue_zh=fact.venue_zh, key=fact.key,
        part=fact.part, mode=fact.mode.value if fact.mode else None,
        precision=fact.precision.value, tentative=fact.tentative, voids=fact.voids,
        source=fact.source, approximate=fact.approximate, payload=fact.payload,
        text_zh=fact.text_zh,
    )
