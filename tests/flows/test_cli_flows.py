"""`mandates run daily-check` and `mandates deploy` (issue 3, items 5-6), against the test server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mandates.cli import app

runner = CliRunner()


def test_run_daily_check_runs_the_flow_once(prefect_api: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             write_settings: Callable[..., Path]) -> None:
    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{tmp_path / 'state.db'}")
    monkeypatch.setenv("MANDATES_SETTINGS", str(write_settings(tmp_path, [])))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "daily-check", "--as-of", "2020-01-06"])
    assert result.exit_code == 0, result.output
    # The bundled process as shipped: its history (config/post2020.history.yaml) counts with an
    # empty database. The zero draft (wg2020-2-documents) is delivered on 6 January 2020 by shipped
    # fact and the area-based workshop's report is presumed delivered, so two more are delivered
    # than the founding text alone gives (13, 1 due soon, 7 at risk, 6 late inputs).
    assert ("daily check of post2020 as of 2020-01-06: 15 delivered, 4 overdue, "
            "4 at risk, 19 on track; 2 late inputs; 42 tasks (per-output); 0 alerts sent") in result.output
    written = json.loads((tmp_path / "calendars" / "check-post2020.json").read_text("utf-8"))
    assert written["as_of"] == "2020-01-06" and len(written["outputs"]) == 42


def test_the_flow_writes_the_feeds_mandates_feeds_writes(prefect_api: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          write_settings: Callable[..., Path]) -> None:
    """As of 16 October 2021 two amendments are in effect (the updated zero draft and first
    draft; COP-15 in two parts): the daily flow's feeds are byte for byte those of `mandates
    feeds`, SEQUENCE counting the amendments as well as the facts."""
    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{tmp_path / 'state.db'}")
    monkeypatch.setenv("MANDATES_SETTINGS", str(write_settings(tmp_path, [])))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "daily-check", "--as-of", "2021-10-16", "--task-threshold", "5"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["feeds", "--as-of", "2021-10-16", "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output

    def feeds(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.ics")}

    by_flow, by_command = feeds(tmp_path / "calendars"), feeds(tmp_path / "cli")
    assert "all.en.ics" in by_flow and set(by_flow) == set(by_command)
    assert [name for name in by_flow if by_flow[name] != by_command[name]] == []


def test_undelivered_alerts_are_reported_and_make_the_command_fail(
        prefect_api: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        write_settings: Callable[..., Path], unused_port: int) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.sorting import FlowRunSort

    down = f"mailto://127.0.0.1:{unused_port}?mode=insecure&from=a@mandates.test&to=b@mandates.test"
    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{tmp_path / 'state.db'}")
    monkeypatch.setenv("MANDATES_SETTINGS", str(write_settings(tmp_path, [down], retries=1)))
    monkeypatch.chdir(tmp_path)
    # --task-threshold overrides the settings (500): one coarse task per body.
    result = runner.invoke(app, ["run", "daily-check", "--as-of", "2020-01-06",
                                 "--task-threshold", "5"])
    assert result.exit_code == 1
    # 4 overdue + 4 at risk + 2 late inputs of the bundled process as shipped (17 from the
    # founding text alone, before its shipped history)
    assert "10 alerts not delivered" in result.output and "(per-body)" in result.output
    with get_client(sync_client=True) as client:
        [flow_run] = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)
    assert flow_run.state is not None and flow_run.state.is_completed()  # the check itself ran
    logs = prefect_api.flow_logs(flow_run.id, "alerts not delivered")
    assert any("recorded as failed, retried on the next run" in m and "127.0.0.1" in m for m in logs)


@pytest.mark.parametrize("command", [["run", "daily-check"], ["deploy"]])
def test_a_bad_process_file_stops_before_prefect_starts(command: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("process:\n  id: x\n", encoding="utf-8")
    result = runner.invoke(app, [*command, "--config", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.output and "nothing was done" in result.output


def test_a_flow_process_imports_no_fastapi_and_stores_its_parameters(
        prefect_api: Any, tmp_path: Path, write_settings: Callable[..., Path]) -> None:
    """Issue 12, part 3: Prefect stores a flow run's parameters through FastAPI's encoder, whose
    import was a fifth of a bundled run's CPU; the daily check's plain parameters need none.
    A whole flow process against the test server, then its flow run read back."""
    import os
    import subprocess
    import sys
    from uuid import UUID

    from prefect.client.orchestration import get_client

    database = f"sqlite:///{tmp_path / 'state.db'}"  # also tells this run's parameters apart
    script = ("import sys\nfrom flows.daily_check import run_once\n"
              "summary = run_once('post2020', as_of='2020-01-06', task_threshold=500, "
              f"database={database!r})\n"
              "print(summary['tasks'], sorted(m for m in sys.modules if m.split('.')[0] in "
              "('fastapi',)))\n")
    env = {**os.environ, "PREFECT_API_URL": prefect_api.url,
           "MANDATES_SETTINGS": str(write_settings(tmp_path, []))}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "42 []"
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(limit=50)
    run = next(r for r in runs if r.parameters.get("database") == database)
    assert isinstance(run.id, UUID) and run.state is not None and run.state.is_completed()
    assert run.parameters == {"process": None, "as_of": "2020-01-06", "config": None,
                              "database": database, "task_threshold": 500}
