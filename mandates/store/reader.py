"""The read path of the state database without the ORM: the facts recorded for a process.

`mandates check` (and every read-only command) needs one query: the facts of one process, in
the order recorded. Importing SQLModel and the ORM cost ten times that query (issue 12), so a
database whose schema is already current is read here with the standard library's `sqlite3`
(SQLite files) or a SQLAlchemy Core query (any other URL); a SQLite file that does not exist yet is created
at the current schema first (`store.fresh`, no Alembic); anything else (a database to migrate,
a URL `sqlite3` cannot open as a file) answers None and the caller opens `store.db.Store`,
which migrates. SQLModel stays the store: every write goes through it.

The current schema is the newest Alembic revision in `store/migrations/versions`
(`head_revision`, named by the file's `NNNN_` prefix); `store.db.HEAD_REVISION` names the same
(a test compares them). `to_fact` is the one conversion of a stored row to a `Fact`, used by
`store.db` as well; `read_fact` reads a row no release writes as a placeholder.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, cast

import pendulum

from mandates.config.environ import environment
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Lang, Mode, Precision

VERSIONS = Path(__file__).parent / "migrations" / "versions"
# The columns of `fact`, in the order `_Row` takes them.
COLUMNS = ("id", "process", "kind", "subject", "effective_on", "recorded_at", "opens_on",
           "closes_on", "venue", "timezone", "ref", "text", "written_in", "venue_zh", "key", "part",
           "mode", "precision", "tentative", "voids", "source", "approximate", "payload", "text_zh")
_QUERY = f"SELECT {', '.join(COLUMNS)} FROM fact WHERE process = ? ORDER BY id"


class StoredFact(Protocol):
    """What `to_fact` reads of a stored fact (`store.db.FactRow`, or a row read here)."""

    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def effective_on(self) -> dt.date: ...
    @property
    def recorded_at(self) -> dt.datetime: ...
    @property
    def opens_on(self) -> dt.date | None: ...
    @property
    def closes_on(self) -> dt.date | None: ...
    @property
    def venue(self) -> str | None: ...
    @property
    def timezone(self) -> str | None: ...
    @property
    def ref(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def written_in(self) -> str | None: ...
    @property
    def venue_zh(self) -> str | None: ...
    @property
    def key(self) -> str | None: ...
    @property
    def part(self) -> int | None: ...
    @property
    def mode(self) -> str | None: ...
    @property
    def precision(self) -> str | None: ...
    @property
    def tentative(self) -> bool: ...
    @property
    def voids(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def approximate(self) -> bool: ...
    @property
    def payload(self) -> str | None: ...
    @property
    def text_zh(self) -> str | None: ...


class _Row:
    """A row of `fact` as `sqlite3` or SQLAlchemy Core gives it (dates as `datetime.date`)."""

    __slots__ = COLUMNS

    def __init__(self, values: Sequence[Any]) -> None:
        for name, value in zip(COLUMNS, values, strict=True):
            setattr(self, name, value)


def default_url() -> str:
    """The database URL: `MANDATES_DATABASE_URL`, else SQLite in the user's data directory."""
    url = environment().database_url
    if url:
        return normalise_url(url)
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("mandates", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'mandates.db'}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain PostgreSQL URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest Alembic revision shipped (`0003` for `versions/0003_living_plan.py`)."""
    return max(m.group(1) for p in VERSIONS.glob("*.py") if (m := re.match(r"(\d{4})_", p.name)))


def sqlite_file(url: str) -> Path | None:
    """The file of a `sqlite:///PATH` URL, or None for anything else (memory, URL options)."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    name = url.removeprefix("sqlite:///")
    return Path(name) if name and name != ":memory:" else None


def recorded_facts(url: str, process: str) -> list[Fact] | None:
    """Every fact recorded for `process` in the database at `url`, in the order recorded, or None
    when this path cannot answer: a schema other than the current one, a database `sqlite3`
    cannot read or `store.fresh` cannot create (the caller opens `store.db.Store`, which creates, migrates
    or says why it cannot)."""
    file = sqlite_file(url)
    if file is not None:
        rows = _sqlite_rows(file, process)
    elif url.startswith("sqlite"):
        return None
    else:
        rows = _core_rows(url, process)
    return None if rows is None else [read_fact(cast(StoredFact, _Row(row))) for row in rows]


_FLOORS = ("SELECT feed, uid, max(sequence), max(changed_at) FROM feed_event WHERE process = ? "
           "GROUP BY feed, uid ORDER BY feed, uid")


def feed_floors(url: str, process: str) -> list[tuple[str, str, int, dt.datetime]] | None:
    """What 0.2.0 published of each event of `process` (`feed_event`, written by no later
    release): (feed, uid, highest SEQUENCE, latest time published, naive times in UTC), ordered
    by feed and uid; the query `feeds.publish.floors` makes through the ORM, read here with
    `sqlite3` from a SQLite file at the current schema (tests/store/test_reader.py compares the
    two). None when this path cannot answer (not a SQLite file, not at the current schema): the
    caller asks the store."""
    file = sqlite_file(url)
    if file is None or not file.is_file():
        return None
    rows = _at_head(file, _FLOORS, process)
    if rows is None:
        return None
    return [(str(feed), str(uid), int(top), dt.datetime.fromisoformat(when)) for feed, uid, top, when in rows]


def _sqlite_rows(file: Path, process: str) -> list[Sequence[Any]] | None:
    if not file.is_file() or file.stat().st_size == 0:
        from mandates.store.fresh import create_new

        if not create_new(file):  # a new database, created at the current schema (no ORM)
            return None
    rows = _at_head(file, _QUERY, process)
    return None if rows is None else [_decoded(row) for row in rows]


def _at_head(file: Path, query: str, process: str) -> list[Sequence[Any]] | None:
    """The rows of `query` (one parameter: the process id) on a SQLite file opened read-only;
    None when it cannot be opened, is not at the current schema, or the query fails."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if [tuple(r) for r in found] != [(head_revision(),)]:
            return None
        return list(connection.execute(query, (process,)).fetchall())
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _decoded(row: Sequence[Any]) -> tuple[Any, ...]:
    """A row as SQLAlchemy stores it in SQLite (dates and times as ISO text, booleans as 0/1),
    in Python types."""
    values = list(row)
    for name in ("effective_on", "opens_on", "closes_on"):
        index = COLUMNS.index(name)
        values[index] = _day(values[index])
    index = COLUMNS.index("recorded_at")
    values[index] = dt.datetime.fromisoformat(values[index])
    return tuple(values)


def _core_rows(url: str, process: str) -> list[Sequence[Any]] | None:
    """The same through SQLAlchemy Core (PostgreSQL): no ORM, no SQLModel, no migration."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError):
        return None
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            if [tuple(r) for r in found] != [(head_revision(),)]:
                return None
            query = text(_QUERY.replace("?", ":process"))
            return [tuple(r) for r in connection.execute(query, {"process": process}).all()]
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def _lang(value: str | None) -> Lang:
    """The language of a fact's user text; NULL (rows of 0.1.0) is English."""
    return "zh" if value == "zh" else "en"


def _date(value: dt.date | None) -> pendulum.Date | None:
    return pendulum.Date(value.year, value.month, value.day) if value is not None else None


def read_fact(row: StoredFact) -> Fact:
    """The fact of a row; a row holding a value no release writes (a manual edit) is read as a
    placeholder that says which column cannot be read (`Fact.unreadable`), so that one bad row
    does not stop every command (the evaluation sets it aside and says so)."""
    try:
        return to_fact(row)
    except Exception as exc:  # an unknown kind, mode, precision, a damaged payload, ...
        checks = (("kind", row.kind, FactKind), ("mode", row.mode, Mode),
                  ("precision", row.precision, Precision))
        column, value = next(((name, str(value)) for name, value, enum in checks
                              if value and value not in {e.value for e in enum}),
                             ("payload", str(exc).splitlines()[0][:200] if str(exc) else "?"))
        recorded = row.recorded_at if row.recorded_at.tzinfo else row.recorded_at.replace(tzinfo=dt.UTC)
        effective = _date(row.effective_on)
        assert effective is not None
        return Fact(kind=FactKind.NOTE, subject=row.subject, effective_on=effective,
                    recorded_at=pendulum.instance(recorded).in_timezone("UTC"), id=row.id,
                    key=row.key if row.key is not None else str(row.id), unreadable=(column, value))


def to_fact(row: StoredFact) -> Fact:
    """A stored fact as a `Fact` (recorded_at in UTC; an AMENDED fact's payload parsed back into
    its amendment). Raises ConfigError for a payload that does not parse."""
    recorded = row.recorded_at
    if recorded.tzinfo is None:  # SQLite keeps no offset: the value was written in UTC
        recorded = recorded.replace(tzinfo=dt.UTC)
    effective = _date(row.effective_on)
    assert effective is not None
    kind = FactKind(row.kind)
    key = row.key if row.key is not None else str(row.id)
    amendment = None
    if kind is FactKind.AMENDED and row.payload:
        from mandates.store.payload import amendment_of

        amendment = amendment_of(row.payload, key, row.timezone)
    return Fact(
        kind=kind, subject=row.subject, effective_on=effective,
        recorded_at=pendulum.instance(recorded).in_timezone("UTC"), opens_on=_date(row.opens_on),
        closes_on=_date(row.closes_on), venue=row.venue, timezone=row.timezone, ref=row.ref,
        text=row.text, id=row.id, venue_zh=row.venue_zh, written_in=_lang(row.written_in),
        key=row.key, part=row.part, mode=Mode(row.mode) if row.mode else None,
        precision=Precision(row.precision) if row.precision else Precision.DAY,
        tentative=bool(row.tentative), voids=row.voids, source=row.source,
        approximate=bool(row.approximate), payload=row.payload, text_zh=row.text_zh,
        amendment=amendment,
    )
