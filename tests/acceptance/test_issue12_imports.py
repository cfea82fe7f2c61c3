"""Issue 12, part 1 and "Done when": commands import only what they use.

- A `mandates check` process imports none of Prefect, FastAPI, icalendar, Jinja2, Babel.
- "SQLModel stays the store, imported only where a command writes or migrates": a read-only
  command (check, show, history, list, whatif) against an existing database whose schema is
  current imports neither sqlmodel nor sqlalchemy.

Each command runs as a user runs it (`python -m mandates.cli ...`, own database and cache) under
`python -X importtime`, which names every module the process imported, on stderr. Nothing here
imports the product or measures time (the timings importtime prints are ignored).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import cli_env, run_cli

AS_OF = "2020-01-06"

HEAVY = ("prefect", "fastapi", "icalendar", "jinja2", "babel")
STORE = ("sqlmodel", "sqlalchemy")

_IMPORT_LINE = re.compile(r"^import time:\s+\d+\s*\|\s*\d+\s*\|\s*(\S+)\s*$")

# Read-only commands, as a secretariat user types them every morning.
READ_ONLY = {
    "check": ("check", "--as-of", AS_OF),
    "check-json": ("check", "--as-of", AS_OF, "--format", "json"),
    "check-zh": ("check", "--as-of", AS_OF, "--lang", "zh"),
    "check-filtered": ("check", "--as-of", AS_OF, "--body", "sbstta", "--status", "overdue"),
    "show-output": ("show", "wg2020-2-documents", "--as-of", AS_OF),
    "show-meeting": ("show", "wg2020-2", "--as-of", AS_OF),
    "history": ("history",),
    "list-outputs": ("list", "outputs", "--as-of", AS_OF),
    "list-meetings": ("list", "meetings", "--as-of", AS_OF),
    "whatif": ("whatif", "wg2020-2", "--opens", "2020-03-02", "--closes", "2020-03-06",
               "--as-of", AS_OF),
}


def imported_modules(stderr: str) -> set[str]:
    """Every module `-X importtime` reported as imported."""
    names = set()
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            names.add(match.group(1))
    return names


def of_packages(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in packages)


@pytest.fixture(scope="module")
def current_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder whose database exists with a current schema: a fact was recorded there (a write,
    which may migrate), and the check already ran once on it (its plan cache is warm)."""
    root = tmp_path_factory.mktemp("imports")
    env = cli_env(root / "state.db", root / "cache")
    for args in (("note", "wg2020-2", "--on", "2020-01-03", "Room booked for the contact group"),
                 ("check", "--as-of", AS_OF)):
        result = run_cli(list(args), env, root)
        assert result.returncode == 0, result.explain()
    assert (root / "state.db").is_file()
    return root, env


def run_with_importtime(root: Path, env: dict[str, str], args: tuple[str, ...]) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "mandates.cli", *args],
                          env=env, cwd=root, capture_output=True, timeout=180, check=False)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, (f"$ mandates {' '.join(args)}: exit {done.returncode}\n"
                                  f"{done.stdout.decode('utf-8', 'replace')[-2000:]}\n"
                                  + "\n".join(line for line in stderr.splitlines()
                                              if not line.startswith("import time:"))[-2000:])
    modules = imported_modules(stderr)
    # The probe itself works: the CLI module and YAML/pendulum-level imports are reported.
    assert any(m.startswith("mandates") for m in modules), "importtime reported no mandates module"
    return modules


def test_the_probe_sees_what_a_writing_command_imports(
        current_database: tuple[Path, dict[str, str]]) -> None:
    """A command that writes a fact does use the store: the probe must be able to see it (so the
    tests below can fail)."""
    root, env = current_database
    modules = run_with_importtime(root, env, ("note", "wg2020-2", "--on", "2020-01-04",
                                              "Interpretation confirmed"))
    assert of_packages(modules, STORE), "a writing command imported no sqlalchemy/sqlmodel?"


@pytest.mark.parametrize("name", ["check", "check-json", "check-zh", "check-filtered"])
def test_check_imports_no_prefect_fastapi_icalendar_jinja2_babel(
        current_database: tuple[Path, dict[str, str]], name: str) -> None:
    root, env = current_database
    modules = run_with_importtime(root, env, READ_ONLY[name])
    assert of_packages(modules, HEAVY) == [], f"{READ_ONLY[name]} imported these"


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_read_only_command_imports_no_store_on_a_current_database(
        current_database: tuple[Path, dict[str, str]], name: str) -> None:
    """SQLModel (and SQLAlchemy under it) only where a command writes or migrates."""
    root, env = current_database
    modules = run_with_importtime(root, env, READ_ONLY[name])
    assert of_packages(modules, STORE) == [], f"{READ_ONLY[name]} imported the ORM"
