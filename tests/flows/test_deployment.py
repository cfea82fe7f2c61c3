"""Deployment of the daily check (issue 3, item 5): 07:00 in Montreal, in prefect.yaml and served.

The schedule's next run times are computed the way the Prefect server computes them, across the
DST changes of March and November, without waiting for any of them; then a deployment run is
triggered inside the test server and executed by a Prefect runner (a subprocess, as in production).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from mandates.config.settings import Settings, load_settings
from mandates.core.plan import Plan

ROOT = Path(__file__).resolve().parents[2]
TORONTO = ZoneInfo("America/Toronto")


def next_runs(cron: str, timezone: str | None, start: dt.datetime, n: int) -> list[dt.datetime]:
    """The next `n` run times from `start`, computed by the Prefect server's own schedule model."""
    from prefect.server.schemas.schedules import CronSchedule

    schedule = CronSchedule(cron=cron, timezone=timezone, day_or=True)
    return list(asyncio.run(schedule.get_dates(n=n, start=start)))


def utc_hours(runs: list[dt.datetime]) -> list[tuple[str, int]]:
    """(local date, UTC hour) of each run."""
    return [(r.astimezone(TORONTO).date().isoformat(), r.astimezone(dt.UTC).hour) for r in runs]


def test_daily_schedule_is_0700_in_toronto_across_both_dst_changes() -> None:
    from flows.daily_check import daily_schedule

    schedule = daily_schedule(Settings())
    assert (schedule.cron, schedule.timezone) == ("0 7 * * *", "America/Toronto")
    march = next_runs(schedule.cron, schedule.timezone, dt.datetime(2020, 3, 6, tzinfo=TORONTO), 4)
    assert all(r.astimezone(TORONTO).time() == dt.time(7, 0) for r in march)
    # EST (UTC-5) until Sunday 8 March 2020, then EDT (UTC-4).
    assert utc_hours(march) == [("2020-03-06", 12), ("2020-03-07", 12), ("2020-03-08", 11),
                                ("2020-03-09", 11)]
    november = next_runs(schedule.cron, schedule.timezone,
                         dt.datetime(2020, 10, 30, tzinfo=TORONTO), 4)
    assert all(r.astimezone(TORONTO).time() == dt.time(7, 0) for r in november)
    # EDT until Sunday 1 November 2020 (the change is at 02:00, before the run), then EST.
    assert utc_hours(november) == [("2020-10-30", 11), ("2020-10-31", 11), ("2020-11-01", 12),
                                   ("2020-11-02", 12)]


def test_a_bare_cron_would_run_at_0700_utc() -> None:
    runs = next_runs("0 7 * * *", None, dt.datetime(2020, 3, 6, tzinfo=dt.UTC), 2)
    assert [r.astimezone(TORONTO).hour for r in runs] == [2, 2]  # 02:00 in Montreal


def test_schedule_follows_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.daily_check import daily_schedule

    override = tmp_path / "settings.yaml"
    override.write_text('timezone: Africa/Nairobi\ndaily_check_cron: "30 6 * * 1-5"\n', "utf-8")
    monkeypatch.setenv("MANDATES_SETTINGS", str(override))
    schedule = daily_schedule()
    assert (schedule.cron, schedule.timezone) == ("30 6 * * 1-5", "Africa/Nairobi")


def test_prefect_yaml_declares_the_daily_check_at_0700_in_toronto() -> None:
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = [d for d in config["deployments"] if d["name"] == "daily-check"]
    path, function = deployment["entrypoint"].split(":")
    assert (ROOT / path).is_file() and f"def {function}(" in (ROOT / path).read_text("utf-8")
    [schedule] = deployment["schedules"]
    settings = load_settings()
    assert (schedule["cron"], schedule["timezone"]) == (settings.daily_check_cron, settings.timezone)
    assert deployment["concurrency_limit"] == 1
    runs = next_runs(schedule["cron"], schedule["timezone"],
                     dt.datetime(2020, 11, 1, tzinfo=TORONTO), 1)
    assert runs[0].astimezone(TORONTO).isoformat() == "2020-11-01T07:00:00-05:00"


def test_the_cli_imports_prefect_only_inside_the_flow_commands() -> None:
    code = ("import sys, mandates.cli; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('prefect', 'flows', 'tasks')]")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_deployment_run_executes_in_the_test_server(
        prefect_api: Any, bundled_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        write_settings: Callable[..., Path]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner
    from prefect.types.entrypoint import EntrypointType

    from flows.daily_check import daily_check, daily_schedule

    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{tmp_path / 'state.db'}")
    monkeypatch.setenv("MANDATES_SETTINGS", str(write_settings(tmp_path, [])))
    monkeypatch.chdir(tmp_path)
    runner = Runner(name="test-daily-check", limit=1)
    deployment_id = runner.add_flow(daily_check, name="daily-check-test", schedule=daily_schedule(),
                                    entrypoint_type=EntrypointType.MODULE_PATH)
    # One task per body (a threshold of 5) keeps this run short; the PostgreSQL test serves the
    # deployment with `mandates deploy` and checks every output's task.
    flow_run = run_deployment(deployment_id, parameters={"as_of": "2020-03-01", "task_threshold": 5},
                              timeout=0)
    asyncio.run(runner.start(run_once=True))
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment(deployment_id)
        finished = client.read_flow_run(flow_run.id)
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 7 * * *", "America/Toronto")
    assert finished.state is not None and finished.state.is_completed(), finished.state
    bodies = {o.responsible[0] for o in bundled_plan.outputs.values()}
    runs = prefect_api.task_runs(flow_run.id, len(bodies) + 7)  # + 7 side tasks, write-feeds included
    names = {r.name: r.state.name for r in runs}
    assert names["wg2020-co-chairs"] == "Overdue" and names["unu"] == "Delivered"
    assert (tmp_path / "calendars" / "check-post2020.json").is_file()
