"""`mandates publish` with nothing changed (issue 12): nothing is evaluated, nothing written; a
check JSON changed or removed behind its back, or another date, is written again, byte for byte
what `check --format json` prints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mandates.core.evaluate as core_evaluate
from mandates.cli import app

runner = CliRunner()


def _count_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = core_evaluate.evaluate

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(str(args[2]))
        return original(*args, **kwargs)
    monkeypatch.setattr(core_evaluate, "evaluate", spy)
    return calls


def _publish(root: Path, day: str) -> None:
    done = runner.invoke(app, ["publish", "--as-of", day, "--json", "out/check.json", "--out",
                               str(root / "feeds")])
    assert done.exit_code == 0, done.output


def _checked(day: str) -> str:
    checked = runner.invoke(app, ["check", "--as-of", day, "--format", "json"])
    assert checked.exit_code == 0, checked.output
    return checked.stdout


def test_nothing_changed_evaluates_and_writes_nothing(isolated_env: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    written = isolated_env / "out" / "check.json"
    _publish(isolated_env, "2020-01-06")
    before = {p: p.stat().st_mtime_ns for p in [written, *(isolated_env / "feeds").rglob("*.ics")]}
    calls = _count_evaluations(monkeypatch)
    _publish(isolated_env, "2020-01-06")
    assert calls == []
    assert {p: p.stat().st_mtime_ns for p in before} == before


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_a_check_changed_behind_its_back_is_written_again(isolated_env: Path, change: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    written = isolated_env / "out" / "check.json"
    _publish(isolated_env, "2020-01-06")
    if change == "edited":
        written.write_text("{}", encoding="utf-8")
    else:
        written.unlink()
    calls = _count_evaluations(monkeypatch)
    _publish(isolated_env, "2020-01-06")
    assert calls == ["2020-01-06"], "one evaluation for the JSON; the feeds are as left"
    assert written.read_text(encoding="utf-8") == _checked("2020-01-06")


def test_another_day_evaluates_once_for_the_check_and_the_feeds(isolated_env: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    written = isolated_env / "out" / "check.json"
    _publish(isolated_env, "2020-01-06")
    calls = _count_evaluations(monkeypatch)
    _publish(isolated_env, "2020-02-10")
    assert calls.count("2020-02-10") == 1
    calls.clear()
    _publish(isolated_env, "2020-02-10")
    assert calls == []
    assert written.read_text(encoding="utf-8") == _checked("2020-02-10")
