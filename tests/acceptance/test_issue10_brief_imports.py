"""Issue 10, "Done when" (`mandates brief --format md` under 1 s): a briefing against a SQLite
database at the current schema imports neither sqlmodel nor sqlalchemy (nor pydantic once its
settings are cached, `briefing.options`). It reads the facts
through `store.reader` and its last snapshot and records the new one through `store.snapshots`
(`sqlite3`), as `check` reads (issue 12). Each command runs as a user runs it, under
`python -X importtime` (test_issue12_imports.py's probe); nothing here measures time.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .helpers import cli_env, run_cli
from .test_issue12_imports import STORE, of_packages, run_with_importtime

AS_OF = "2020-03-01"


@pytest.fixture(scope="module")
def current_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A database at the current schema holding a recorded fact and an earlier briefing's snapshot."""
    root = tmp_path_factory.mktemp("brief-imports")
    env = cli_env(root / "state.db", root / "cache")
    for args in (("note", "wg2020-2", "--on", "2020-01-03", "Room booked for the contact group"),
                 ("brief", "--as-of", "2020-01-06", "--format", "html", "-o", "first.html")):
        result = run_cli(list(args), env, root)
        assert result.returncode == 0, result.explain()
    return root, env


def snapshot_days(root: Path) -> list[str]:
    with sqlite3.connect(root / "state.db") as connection:
        return [day for (day,) in connection.execute("SELECT as_of FROM briefing_snapshot ORDER BY id")]


@pytest.mark.parametrize(("fmt", "lang"), [("md", "en"), ("md", "zh"), ("html", "zh"), ("pdf", "en")])
def test_brief_imports_no_store_on_a_current_sqlite_database(
        current_database: tuple[Path, dict[str, str]], fmt: str, lang: str) -> None:
    root, env = current_database
    out = f"b-{fmt}-{lang}.{fmt}"
    modules = run_with_importtime(root, env, ("brief", "--as-of", AS_OF, "--format", fmt, "--lang", lang,
                                              "-o", out))
    assert of_packages(modules, STORE) == [], "brief imported the ORM"
    # the settings it needs come from the cache entry the first briefing kept (briefing.options)
    assert of_packages(modules, ("pydantic", "pydantic_settings")) == [], "brief loaded the settings in full"
    assert (root / out).stat().st_size > 0
    # It did read the earlier snapshot and the recorded fact, and recorded its own snapshot once.
    text = (root / out).read_bytes()
    if fmt != "pdf":
        assert ("6 January 2020" if lang == "en" else "2020年1月6日").encode() in text
    assert snapshot_days(root) == ["2020-01-06", "2020-03-01"]


def test_brief_on_a_database_to_create_imports_no_store(tmp_path: Path) -> None:
    """The first command of an installation: the database is created by `store.fresh`."""
    env = cli_env(tmp_path / "state.db", tmp_path / "cache")
    modules = run_with_importtime(tmp_path, env, ("brief", "--as-of", AS_OF, "--format", "md", "-o", "b.md"))
    assert of_packages(modules, STORE) == []
    assert snapshot_days(tmp_path) == [AS_OF]
