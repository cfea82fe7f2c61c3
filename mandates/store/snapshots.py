"""Briefing snapshots read and recorded without the ORM (issue 10: `mandates brief` under 1 s).

`mandates brief` needs two queries of the state database besides the facts (`store.reader`):
the last snapshot before its date (for `--since last`) and, unless `--no-snapshot`, one insert
of what it showed. Importing SQLModel and SQLAlchemy for them cost more than the rest of the
briefing, so a SQLite file already at the current schema is read and written here with the
standard library's `sqlite3`, as `store.reader` reads facts and `store.fresh` creates a
database. Anything else (PostgreSQL, a database to migrate, a URL that is not a file) answers
None: the caller opens `store.db.Store` and uses `BriefingSnapshotRow` through the ORM.

The rows are those the ORM writes (`store.db.BriefingSnapshotRow`): `as_of` as ISO date text,
`created_at` in UTC as SQLAlchemy's SQLite DATETIME text (`2026-12-01 02:26:45.858183`, no
offset); tests/store/test_snapshots.py reads rows written here through the ORM and back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from mandates.store.reader import head_revision, sqlite_file

__all__ = ["Snapshot", "last_snapshot", "record_snapshot"]

_LAST = ("SELECT as_of, payload FROM briefing_snapshot WHERE process = ? AND as_of < ? "
         "ORDER BY as_of DESC, id DESC LIMIT 1")
_LATEST_ON = ("SELECT payload FROM briefing_snapshot WHERE process = ? AND as_of = ? "
              "ORDER BY id DESC LIMIT 1")
_INSERT = "INSERT INTO briefing_snapshot (process, as_of, created_at, payload) VALUES (?, ?, ?, ?)"
BUSY_TIMEOUT_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What one briefing showed: its date and the JSON of `briefing.data.snapshot_payload`."""

    as_of: dt.date
    payload: str


def _file(url: str) -> Path | None:
    file = sqlite_file(url)
    return file if file is not None and file.is_file() and file.stat().st_size > 0 else None


def _at_head(connection: sqlite3.Connection) -> bool:
    found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return [tuple(r) for r in found] == [(head_revision(),)]


def last_snapshot(url: str, process: str, before: dt.date) -> list[Snapshot] | None:
    """The latest snapshot of `process` dated before `before` (the last briefing, for `--since
    last`): a list of one, an empty list when there is none, or None when this path cannot
    answer (not a SQLite file, not at the current schema, sqlite3 refused): ask the Store."""
    file = _file(url)
    if file is None:
        return None
    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        if not _at_head(connection):
            return None
        rows = connection.execute(_LAST, (process, before.isoformat())).fetchall()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return [Snapshot(dt.date.fromisoformat(day), str(payload)) for day, payload in rows]


def record_snapshot(url: str, process: str, as_of: dt.date, payload: str,
                    created_at: dt.datetime) -> bool | None:
    """Store a briefing's snapshot unless the latest one of that process and date holds the same
    payload: True when stored, False when it was already there, None when this path cannot
    write (as `last_snapshot`; nothing was written). `created_at` is an aware time, stored in
    UTC. The check and the insert are one transaction (`BEGIN IMMEDIATE`), so two briefings
    made at the same moment store one snapshot."""
    if created_at.tzinfo is None:
        raise ValueError("created_at must be an aware time")
    file = _file(url)
    if file is None:
        return None
    u = created_at.astimezone(dt.UTC)  # as SQLAlchemy's SQLite DATETIME writes it
    stamp = (f"{u.year:04d}-{u.month:02d}-{u.day:02d} {u.hour:02d}:{u.minute:02d}:{u.second:02d}"
             f".{u.microsecond:06d}")
    try:
        connection = sqlite3.connect(file, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN IMMEDIATE")
        if not _at_head(connection):
            connection.execute("ROLLBACK")
            return None
        latest = connection.execute(_LATEST_ON, (process, as_of.isoformat())).fetchone()
        if latest is not None and latest[0] == payload:
            connection.execute("ROLLBACK")
            return False
        connection.execute(_INSERT, (process, as_of.isoformat(), stamp, payload))
        connection.execute("COMMIT")
        return True
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        return None
    finally:
        connection.close()
