"""`mandates feeds` and the `publish_feeds` flow call the same core code (issue 4, item 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.feeds.lint import lint

runner = CliRunner()


def test_mandates_feeds_writes_every_feed(isolated_env: Path) -> None:
    """`mandates feeds --as-of --out` writes the feeds; twice with nothing changed, same bytes."""
    out = isolated_env / "published"
    result = runner.invoke(app, ["feeds", "--as-of", "2019-11-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "feeds as of 2019-11-01" in result.output
    files = sorted(out.rglob("*.ics"))
    assert out / "all.zh.ics" in files and out / "private" / "secretariat.en.ics" in files
    assert all(lint(f.read_bytes()) == [] for f in files)
    before = {f: f.read_bytes() for f in files}
    again = runner.invoke(app, ["feeds", "--as-of", "2019-11-01", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert {f: f.read_bytes() for f in files} == before


def test_mandates_feeds_defaults_to_the_calendars_dir_of_the_settings(isolated_env: Path) -> None:
    """Without --out the feeds go to calendars_dir; --settings picks another settings file."""
    settings = isolated_env / "settings.yaml"
    settings.write_text("calendars_dir: elsewhere\nfeeds:\n  tasks_feed: false\n", encoding="utf-8")
    result = runner.invoke(app, ["feeds", "--as-of", "2020-01-06", "--settings", str(settings)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((isolated_env / "elsewhere" / "feeds.json").read_text(encoding="utf-8"))
    assert not any(f["tasks"] for f in manifest["feeds"])


def test_mandates_feeds_refuses_bad_input(isolated_env: Path) -> None:
    """A bad date or settings file exits 2 with a message, writing nothing."""
    result = runner.invoke(app, ["feeds", "--as-of", "2020-02-30", "--out", "x"])
    assert result.exit_code == 2 and "not a real date" in result.output
    settings = isolated_env / "bad.yaml"
    settings.write_text("feedz: {}\n", encoding="utf-8")
    result = runner.invoke(app, ["feeds", "--settings", str(settings), "--out", "x"])
    assert result.exit_code == 2 and "unknown key" in result.output
    assert not (isolated_env / "x").exists()


@pytest.mark.slow
def test_the_publish_feeds_flow(tmp_path: Path, sqlite_url: str) -> None:
    """The Prefect flow, run for real (temporary Prefect server), writes the same feeds."""
    out = tmp_path / "flow"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "MANDATES_DATABASE_URL": sqlite_url}
    code = ("import json; from flows.publish_feeds import publish_feeds; "
            f"print(json.dumps(publish_feeds(as_of='2019-11-01', out_dir={str(out)!r})))")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    written = json.loads(done.stdout.strip().splitlines()[-1])
    assert str(out / "all.en.ics") in written
    cli = runner.invoke(app, ["feeds", "--as-of", "2019-11-01", "--out", str(tmp_path / "cli"),
                              "--database", sqlite_url])
    assert cli.exit_code == 0, cli.output
    for path in map(Path, written):
        twin = tmp_path / "cli" / path.relative_to(out)
        assert path.read_bytes() == twin.read_bytes(), path.name
