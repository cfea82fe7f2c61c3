"""A new SQLite database created at the current schema without Alembic or the ORM (issue 12).

The first command of an installation used to import SQLModel and Alembic (and, through Alembic,
Mako and Pygments) and replay every migration to create an empty database: most of the cold
start of a small process. A new SQLite file is instead created here with the standard library's
`sqlite3`, from `migrations/schema_NNNN.sql`: the schema exactly as `alembic upgrade head` leaves
it (tests/store/test_fresh.py compares `sqlite_master` of both), then the revision recorded in
`alembic_version`, so that later migrations start from it as from any other database.

Only a database that does not exist yet, or an empty file, is created here; anything else (a
database to migrate, a URL that is not a SQLite file, a schema file missing for the newest
revision) is left to `store.db.Store`, which runs Alembic.
"""

from __future__ import annotations

from pathlib import Path

from mandates.store.reader import VERSIONS, head_revision

SCHEMAS = VERSIONS.parent


def schema_file(revision: str) -> Path:
    """The SQL of the schema at `revision` (`migrations/schema_0003.sql`); it may not exist."""
    return SCHEMAS / f"schema_{revision}.sql"


def statements(sql: str) -> list[str]:
    """The statements of a schema file: `--` comment lines dropped, split at `;` ending a line."""
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--")) + "\n"
    return [s.strip() for s in body.split(";\n") if s.strip()]


def create_new(file: Path) -> bool:
    """Create the SQLite database `file` at the newest revision when it does not exist yet (or
    is an empty file): the schema's statements and the revision in one transaction, which
    another process creating it at the same moment waits for (the loser finds tables and leaves
    them). True when the database is now at the newest revision because of this call or one
    running beside it; False when it is not for this function to create (it existed with tables,
    its folder is missing, no schema file for the newest revision, sqlite3 refused)."""
    import sqlite3

    revision = head_revision()
    schema = schema_file(revision)
    if not schema.is_file() or (file.exists() and (not file.is_file() or file.stat().st_size > 0)):
        return False
    if not file.parent.is_dir():
        return False
    try:
        connection = sqlite3.connect(file, isolation_level=None, timeout=30)
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN IMMEDIATE")
        if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            connection.execute("ROLLBACK")
            return False  # created meanwhile by someone else: the caller reads what is there
        for statement in statements(schema.read_text(encoding="utf-8")):
            connection.execute(statement)
        connection.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
        connection.execute("COMMIT")
        return True
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        return False
    finally:
        connection.close()
