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
    LangOpt,
    ProcessOpt,
    as_of,
    plan_of,
    say,
    speak,
    warn,
)

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
    lang: LangOpt = None,
) -> None:
    """Run the daily_check flow once; Prefect starts a temporary server when none is configured."""
    from mandates.errors import RunFailed
    from mandates.words.commands import counted, said, status_count, task_mode
    from mandates.words.dates import day_text

    language = speak(lang)
    plan = plan_of(config, process)  # a bad config stops here, with file:line, before Prefect starts
    day = as_of(as_of_day, plan)
    prefect_offline()
    from flows.collect import imports_uncollected

    with imports_uncollected():  # Prefect's 170,000 objects, not walked by the collector
        from flows.daily_check import run_once

    summary = run_once(plan.process.id, process=process, as_of=day.isoformat(),
                       config=str(config.resolve()) if config else None, database=database,
                       task_threshold=task_threshold,
                       on_wait=lambda message: warn(said("note", language), "yellow", message))
    counts = said("count_sep", language).join(status_count(s, n, language)
                                              for s, n in summary["counts"].items() if n)
    when = summary["as_of"] if language == "en" else day_text(day, language)
    say(said("daily_check", language, process=summary["process"], day=when, counts=counts,
             late=counted(summary["late_inputs"], "late input", language),
             tasks=counted(summary["tasks"], "task", language),
             mode=task_mode(summary["mode"], language),
             alerts=counted(summary["alerts_sent"], "alert", language)))
    for line in summary.get("alerts_notes", []):  # uncertain, skipped, sent again
        warn(said("note", language), "yellow", said("alerts_note", language, line=line))
    say(said("wrote", language, file=summary["check_json"]))
    if summary["alerts_failed"]:
        raise RunFailed(said("alerts_failed", language,
                             count=counted(summary["alerts_failed"], "alert", language)))


def deploy(
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "daily-check",
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    bureau_briefing: Annotated[bool, typer.Option("--bureau-briefing", help="Serve the daily check "
                                                  "that mails the briefing before Bureau meetings "
                                                  "instead (a second process).")] = False,
    lang: LangOpt = None,
) -> None:
    """Serve the daily check on its schedule (07:00 in the secretariat's zone) until stopped."""
    from mandates.config.settings import load_settings
    from mandates.words.commands import said

    language = speak(lang)

    plan_of(config, process)  # refuse to serve a process that does not load
    settings = load_settings()
    prefect_offline()
    from prefect.settings import PREFECT_API_URL

    from flows.daily_check import serve_daily_check

    if not PREFECT_API_URL.value():
        warn(said("note", language), "yellow", said("no_prefect_api", language))
    if bureau_briefing:
        from flows.bureau_briefing import BRIEFING_CHECK_DEPLOYMENT, serve_bureau_briefing_check

        say(said("serving", language, name=BRIEFING_CHECK_DEPLOYMENT, cron=settings.daily_check_cron,
                 zone=settings.timezone))
        serve_bureau_briefing_check(process=process, settings=settings,
                                    config=str(config.resolve()) if config else None)
        return
    say(said("serving_stop", language, name=name, cron=settings.daily_check_cron,
             zone=settings.timezone))
    serve_daily_check(name=name, process=process, config=str(config.resolve()) if config else None,
                      settings=settings)


# `mandates run NAME`: the flows run once
RUN_COMMANDS = (("daily-check", run_daily_check),)
COMMANDS = (("deploy", deploy),)
