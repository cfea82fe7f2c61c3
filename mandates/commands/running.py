"""The commands that start Prefect flows: `run daily-check` (once) and `deploy` (on its schedule).

Prefect is imported inside them only, after `prefect_offline` has set its environment (no
analytics, batched writes, PREFECT_HOME in ./.prefect).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mandates.commands.common import (
    AsOfOpt,
    ConfigOpt,
    DatabaseOpt,
    ProcessOpt,
    as_of,
    plan_of,
    say,
    warn,
)
from mandates.words.en import counted

# Prefect runs offline by default (issue 3, item 5); a temporary server writes task runs and
# events in batches, which keeps SQLite from answering "database is locked" (docs/orchestration.md).
PREFECT_OFFLINE_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "100",
    # Prefect waits 20 s for its temporary server; a busy 2-core machine needs longer (measured:
    # "Timed out while attempting to connect to ephemeral Prefect API server" at load 6).
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def prefect_offline() -> None:
    """Before Prefect is imported: no analytics, DO_NOT_TRACK, PREFECT_HOME in ./.prefect."""
    import os

    for key, value in PREFECT_OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))


def run_daily_check(
    as_of_day: AsOfOpt = None,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    task_threshold: Annotated[int | None, typer.Option(
        "--task-threshold", help="Above this many outputs, one task per responsible body "
        "(default: flow_task_threshold of the settings, 500).")] = None,
) -> None:
    """Run the daily_check flow once; Prefect starts a temporary server when none is configured."""
    from mandates.errors import RunFailed

    plan = plan_of(config, process)  # a bad config stops here, with file:line, before Prefect starts
    day = as_of(as_of_day, plan)
    prefect_offline()
    from flows.daily_check import run_once

    summary = run_once(plan.process.id, process=process, as_of=day.isoformat(),
                       config=str(config.resolve()) if config else None, database=database,
                       task_threshold=task_threshold,
                       on_wait=lambda message: warn("note:", "yellow", message))
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in summary["counts"].items() if n)
    say(f"daily check of {summary['process']} as of {summary['as_of']}: {counts}; "
        f"{summary['late_inputs']} late inputs; {summary['tasks']} tasks ({summary['mode']}); "
        f"{summary['alerts_sent']} alerts sent")
    for line in summary.get("alerts_notes", []):  # uncertain, skipped, sent again
        warn("note:", "yellow", f"alerts: {line}")
    say(f"wrote {summary['check_json']}")
    if summary["alerts_failed"]:
        raise RunFailed(f"{counted(summary['alerts_failed'], 'alert')} not delivered; recorded as failed, "
                        "sent again on the next run (see the flow run's log)")


def deploy(
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "daily-check",
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    bureau_briefing: Annotated[bool, typer.Option("--bureau-briefing", help="Serve the daily check "
                                                  "that mails the briefing before Bureau meetings "
                                                  "instead (a second process).")] = False,
) -> None:
    """Serve the daily check on its schedule (07:00 in the secretariat's zone) until stopped."""
    from mandates.config.settings import load_settings

    plan_of(config, process)  # refuse to serve a process that does not load
    settings = load_settings()
    prefect_offline()
    from prefect.settings import PREFECT_API_URL

    from flows.daily_check import serve_daily_check

    if not PREFECT_API_URL.value():
        warn("note:", "yellow", "PREFECT_API_URL is not set: serving against a temporary server "
             "that stops with this command (see docs/orchestration.md)")
    if bureau_briefing:
        from flows.bureau_briefing import BRIEFING_CHECK_DEPLOYMENT, serve_bureau_briefing_check

        say(f"serving {BRIEFING_CHECK_DEPLOYMENT}: '{settings.daily_check_cron}' in {settings.timezone}")
        serve_bureau_briefing_check(process=process, settings=settings,
                                    config=str(config.resolve()) if config else None)
        return
    say(f"serving {name}: '{settings.daily_check_cron}' in {settings.timezone}; Ctrl-C stops")
    serve_daily_check(name=name, process=process, config=str(config.resolve()) if config else None,
                      settings=settings)


# `mandates run NAME`: the flows run once
RUN_COMMANDS = (("daily-check", run_daily_check),)
COMMANDS = (("deploy", deploy),)
