"""`mandates publish` (mandates.commands.daily, issue 12): the check as JSON and the feeds in one
process, the same files as `check --format json` and `feeds` write in two."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from typer.testing import CliRunner

from mandates.cli import app

runner = CliRunner()
AS_OF = ["--as-of", "2020-01-06"]


def files(folder: Path) -> dict[str, bytes]:
    """The published files of a feeds folder (not its caches), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_publish_writes_what_check_and_feeds_write(isolated_env: Path) -> None:
    checked = runner.invoke(app, ["check", *AS_OF, "--format", "json"])
    assert checked.exit_code == 0, checked.output
    fed = runner.invoke(app, ["feeds", *AS_OF, "--out", str(isolated_env / "two")])
    assert fed.exit_code == 0, fed.output
    done = runner.invoke(app, ["publish", *AS_OF, "--json", "out/check.json", "--out",
                               str(isolated_env / "one")])
    assert done.exit_code == 0, done.output
    written = isolated_env / "out" / "check.json"
    assert written.read_text(encoding="utf-8") == checked.stdout
    assert stat.S_IMODE(written.stat().st_mode) == 0o640  # the secretariat's, as private feeds
    assert files(isolated_env / "one") == files(isolated_env / "two") != {}
    assert "wrote the check as of 2020-01-06 (json) to out/check.json" in done.output
    again = runner.invoke(app, ["publish", *AS_OF, "--json", "out/check.json", "--out",
                                str(isolated_env / "one")])
    assert again.exit_code == 0, again.output
    assert files(isolated_env / "one") == files(isolated_env / "two")


def test_publish_to_standard_output(isolated_env: Path) -> None:
    done = runner.invoke(app, ["publish", *AS_OF, "--json", "-", "--out", str(isolated_env / "feeds")])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["as_of"] == "2020-01-06"
    assert "feeds as of 2020-01-06" in done.stderr


def test_bad_input_writes_nothing(isolated_env: Path) -> None:
    done = runner.invoke(app, ["publish", "--as-of", "2020-13-01", "--json", "check.json", "--out",
                               str(isolated_env / "feeds")])
    assert done.exit_code == 2
    assert not (isolated_env / "check.json").exists() and not (isolated_env / "feeds").exists()
