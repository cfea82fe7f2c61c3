"""Start-up (issue 12, part 1): a read-only command imports only what it uses. Each command runs
in its own process, as a user runs it; at exit the process writes the top-level packages it
imported, and none of the frameworks of other commands may be among them. Not a timing test
(times are measured side by side in bench/startup_bench.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mandates.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
# What only the commands that publish, serve, write or run flows need (pydantic: the settings
# files, and Typer for a number given as an option; commands.params).
NEVER = {"prefect", "fastapi", "starlette", "uvicorn", "icalendar", "jinja2", "babel", "apprise",
         "sqlmodel", "alembic", "pydantic", "pydantic_settings", "httpx"}
# A SQLite database at the current schema is read with sqlite3: no SQLAlchemy either.
NOT_FOR_SQLITE = {"sqlalchemy"}
# Nor the package metadata (the plan cache's key reads the holidays release without it).
NOT_NEEDED = {"importlib.metadata"}

WRAPPER = """\
import atexit, json, sys
_record = sys.argv[1]
def _dump():
    with open(_record, "w") as out:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}
                         | {m for m in sys.modules if m.startswith("mandates.commands.")
                            or m == "importlib.metadata"}), out)
atexit.register(_dump)
sys.argv = ["mandates", *sys.argv[2:]]
from mandates.cli import main
main()
"""

COMMANDS = {
    "check": ["check", "--as-of", "2020-01-06"],
    "check json": ["check", "--as-of", "2020-01-06", "--format", "json"],
    "check zh strict": ["check", "--as-of", "2021-10-16", "--lang", "zh", "--strict"],
    "show": ["show", "cop-15", "--as-of", "2020-01-06"],
    "history": ["history"],
    "whatif": ["whatif", "sbstta-24", "--opens", "2020-08-17", "--closes", "2020-08-22",
               "--as-of", "2020-01-06"],
    "validate": ["validate"],
    "export": ["export"],
    "help": ["--help"],
    "version": ["--version"],
}


def imported(tmp_path: Path, env: dict[str, str], args: list[str]) -> set[str]:
    """The top-level packages a `mandates ARGS` process had imported when it exited."""
    record = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", WRAPPER, str(record), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return set(json.loads(record.read_text(encoding="utf-8")))


# What every command uses (options, consoles, the facts), beside its own module.
SHARED = {"mandates.commands.common", "mandates.commands.params", "mandates.commands.language"}


def commands_imported(tmp_path: Path, env: dict[str, str], args: list[str]) -> set[str]:
    """The command modules (`mandates.commands.*`, beside SHARED) a `mandates ARGS` process
    imported."""
    return {m for m in imported(tmp_path, env, args) if m.startswith("mandates.commands.")} - SHARED


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    """A database already at the current schema (the read path), a plan cache of its own."""
    url = f"sqlite:///{tmp_path / 'state.db'}"
    Store(url).dispose()
    return {**os.environ, "MANDATES_DATABASE_URL": url, "MANDATES_CACHE_DIR": str(tmp_path / "cache")}


@pytest.mark.parametrize("label", list(COMMANDS))
def test_a_read_only_command_imports_only_what_it_uses(label: str, tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    args = COMMANDS[label]
    first = imported(tmp_path, env, args)  # fills the plan cache
    again = imported(tmp_path, env, args)  # the daily case: the cache is warm
    for modules in (first, again):
        assert modules & (NEVER | NOT_FOR_SQLITE | NOT_NEEDED) == set(), label
    assert "mandates" in again


def test_a_new_database_is_created_without_the_orm_or_alembic(tmp_path: Path) -> None:
    """The first command on a new installation creates the database at the current schema with
    sqlite3 (`store.fresh`): neither SQLAlchemy nor Alembic (nor Mako, which Alembic imports);
    a command that writes opens it with SQLModel, still without Alembic."""
    url = f"sqlite:///{tmp_path / 'new.db'}"
    env = {**os.environ, "MANDATES_DATABASE_URL": url, "MANDATES_CACHE_DIR": str(tmp_path / "cache")}
    assert imported(tmp_path, env, COMMANDS["check"]) & {"sqlalchemy", "sqlmodel", "alembic", "mako"} == set()
    assert (tmp_path / "new.db").exists()
    assert "sqlmodel" not in imported(tmp_path, env, COMMANDS["check"])
    other = {**env, "MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'other.db'}"}
    wrote = imported(tmp_path, other, ["deliver", "consult-iucn-report", "--on", "2020-01-05"])
    assert "sqlmodel" in wrote and wrote & {"alembic", "mako"} == set()


def test_a_command_imports_its_own_module_only(tmp_path: Path, env: dict[str, str]) -> None:
    """The command group imports the module of the command that runs (`cli.COMMANDS`), and
    `--help` none: it lists every command from the table."""
    assert commands_imported(tmp_path, env, COMMANDS["check"]) == {"mandates.commands.reading"}
    assert commands_imported(tmp_path, env, COMMANDS["help"]) == set()
    assert commands_imported(tmp_path, env, COMMANDS["version"]) == set()
    assert commands_imported(tmp_path, env, COMMANDS["export"]) == {"mandates.commands.transfer"}


def test_the_check_reads_recorded_facts_without_the_orm(tmp_path: Path, env: dict[str, str]) -> None:
    """A fact recorded by command is what the next check (read with sqlite3) counts."""
    record = subprocess.run([sys.executable, "-m", "mandates.cli", "deliver", "consult-iucn-report",
                             "--on", "2020-01-05"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, check=False)
    assert record.returncode == 0, record.stderr
    checked = subprocess.run([sys.executable, "-m", "mandates.cli", "check", "--as-of", "2020-01-06",
                              "--format", "json"], cwd=tmp_path, env=env, capture_output=True,
                             text=True, check=True)
    outputs = {o["id"]: o for o in json.loads(checked.stdout)["outputs"]}
    assert outputs["consult-iucn-report"]["delivered_on"] == "2020-01-05"
    assert "sqlmodel" not in imported(tmp_path, env, COMMANDS["check"])


def test_the_plan_cache_keys_on_the_installed_holidays_release() -> None:
    """The release read from the .dist-info folder's name is the one the package metadata gives."""
    from importlib.metadata import version

    from mandates.config.plancache import _holidays_release

    assert f"holidays-{version('holidays')}.dist-info" in _holidays_release().split()
