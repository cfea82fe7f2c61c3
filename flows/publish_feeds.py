"""The `publish_feeds` flow: write the iCalendar feeds as of a date.

Thin: evaluates with the core and hands the evaluation to the same task the daily check uses
(`tasks.feeds.write_feeds_task`, around `mandates.feeds.publish.write_feeds`, as `mandates feeds` runs).
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from prefect import get_run_logger

from flows.daily_check import plain_flow, whole
from mandates.config.processes import load_process
from mandates.config.settings import load_settings
from mandates.core.evaluate import evaluate
from mandates.core.rules import parse_iso_date
from mandates.store.db import Store
from tasks.feeds import write_feeds_task
from tasks.runlock import run_lock


@plain_flow(name="publish_feeds")
def publish_feeds(as_of: str | None = None, process: str | None = None, config: str | None = None,
                  database: str | None = None, out_dir: str | None = None) -> list[str]:
    """Publish the feeds: all, meetings, per body, deadlines, secretariat; en and zh."""
    settings = load_settings()
    plan = load_process(Path(config) if config else None, process)
    day = parse_iso_date(as_of) if as_of else pendulum.today(plan.process.timezone).date()
    with run_lock(database, plan.process.id, kind="feed publishing",
                  on_wait=get_run_logger().warning):  # not while a daily check writes them
        now = pendulum.now("UTC")  # the run's clock, read once
        store = Store(database)
        try:
            evaluation = evaluate(plan, store.facts_of(plan), day)
            folder = out_dir or str(settings.calendars_dir)
            written: list[str] = write_feeds_task(whole(evaluation), whole(store), folder,
                                                  whole(settings), whole(now), whole(plan))
            return written
        finally:
            store.dispose()
