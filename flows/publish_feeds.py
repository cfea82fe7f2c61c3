"""The `publish_feeds` flow: write the iCalendar feeds as of today (issue 4, item 5).

Thin: one task around the core's `mandates.feeds.publish` (the same code as `mandates feeds`),
with retries because it does I/O (the state database and the calendars folder).
"""

from __future__ import annotations

from pathlib import Path

import pendulum
from prefect import flow, task
from prefect.cache_policies import NONE

from mandates.feeds import publish
from mandates.processes import load_process
from mandates.rules import parse_iso_date
from mandates.settings import load_settings
from mandates.store import Store


@task(name="write-feeds", retries=2, retry_delay_seconds=5, cache_policy=NONE)
def write_feeds_task(config: str | None, process: str | None, database: str | None,
                     as_of: str | None, out_dir: str | None) -> list[str]:
    """Evaluate as of the date (default: today in the process zone) and write every feed."""
    plan = load_process(Path(config) if config else None, process)
    day = parse_iso_date(as_of) if as_of else pendulum.today(plan.process.timezone).date()
    store = Store(database)
    try:
        paths = publish(plan, store, day, load_settings(), Path(out_dir) if out_dir else None)
    finally:
        store.dispose()
    return [str(p) for p in paths]


@flow(name="publish_feeds")
def publish_feeds(as_of: str | None = None, process: str | None = None, config: str | None = None,
                  database: str | None = None, out_dir: str | None = None) -> list[str]:
    """Publish the feeds (issue 4): all, meetings, per body, deadlines, secretariat; en and zh."""
    return write_feeds_task(config, process, database, as_of, out_dir)
