"""The `mandates` command run in-process for one user, and the folders the tests give it.

`User(database_url, config)` runs `mandates ARGS` through the real Typer application (no
subprocess: the replay asks for dozens of checks), with `MANDATES_DATABASE_URL` set to its own
database and, when `config` is given, `--config FILE` appended to every command, as a secretariat
with its own process file would type it. `founding_copy` makes such a file: the bundled config
folder without the shipped history and amendments, i.e. CBD/WG2020/REC/1/1 as adopted, so that the
tests of single cases do not depend on what the history researcher ships.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "config"
FOUNDING = CONFIG / "post2020.yaml"
HISTORY = CONFIG / "post2020.history.yaml"
AMENDMENTS = CONFIG / "post2020.amendments"
DATA = Path(__file__).resolve().parent

PG_ADMIN_URL = os.environ.get("MANDATES_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class Outcome:
    """One finished command: arguments, exit code, both streams."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def explain(self) -> str:
        return (f"$ mandates {' '.join(self.args)}\nexit {self.code}\n--- stdout ---\n"
                f"{self.stdout[-4000:]}\n--- stderr ---\n{self.stderr[-4000:]}")


@dataclass
class User:
    """One user of the product: a database, optionally an own process file."""

    database_url: str
    config: Path | None = None
    runner: CliRunner = field(default_factory=CliRunner)

    def run(self, *args: str) -> Outcome:
        """`mandates ARGS` (plus `--config FILE` when the user has one); never raises."""
        from mandates.cli import app

        argv = [*args, *(("--config", str(self.config)) if self.config is not None else ())]
        env = {"MANDATES_DATABASE_URL": self.database_url, "COLUMNS": "400", "NO_COLOR": "1",
               "TERM": "dumb"}
        result = self.runner.invoke(app, argv, env=env, catch_exceptions=True)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            exc = result.exception
            stderr += "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        if self.database_url.startswith("postgres"):
            gc.collect()  # each command opens an engine: let the unreferenced ones close
        return Outcome(tuple(argv), result.exit_code, result.stdout, stderr)

    def ok(self, *args: str) -> Outcome:
        """A command that must succeed."""
        outcome = self.run(*args)
        assert outcome.code == 0, outcome.explain()
        assert "Traceback" not in outcome.output, outcome.explain()
        return outcome

    def refused(self, *args: str) -> Outcome:
        """A command that must be refused as bad input (exit 2, a message, no traceback)."""
        outcome = self.run(*args)
        assert outcome.code == 2, outcome.explain()
        assert "Traceback" not in outcome.output, outcome.explain()
        assert outcome.output.strip(), outcome.explain()
        return outcome

    def check(self, as_of: str, *extra: str) -> dict[str, Any]:
        """`mandates check --as-of D --format json`, parsed."""
        outcome = self.ok("check", "--as-of", as_of, "--format", "json", *extra)
        data: dict[str, Any] = json.loads(outcome.stdout)
        return data

    def check_text(self, as_of: str, *extra: str) -> str:
        """`mandates check --as-of D` as the terminal shows it."""
        return self.ok("check", "--as-of", as_of, *extra).stdout

    def feeds(self, as_of: str, out: Path) -> Path:
        """`mandates feeds --as-of D --out DIR`; returns DIR."""
        self.ok("feeds", "--as-of", as_of, "--out", str(out))
        return out


def sqlite_user(folder: Path, config: Path | None = None) -> User:
    """A user with a fresh SQLite database in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return User(f"sqlite:///{folder / 'state.db'}", config)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh, empty schema on the local PostgreSQL server (dropped afterwards): its URL."""
    import psycopg

    schema = f"living_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        gc.collect()
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def founding_copy(target: Path) -> Path:
    """The bundled config folder copied without the shipped history and amendment files: the
    process as adopted (CBD/WG2020/REC/1/1), with whatever else the folder holds (venues, settings).
    Returns the founding process file in the copy."""

    def ignore(_folder: str, names: list[str]) -> list[str]:
        return [n for n in names
                if ".history." in n or n.endswith(".amendments") or n == "__pycache__"]

    shutil.copytree(CONFIG, target, ignore=ignore)
    return target / FOUNDING.name
