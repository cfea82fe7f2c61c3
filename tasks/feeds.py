"""The feed-writing task shared by the daily_check and publish_feeds flows."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime
from prefect import task
from prefect.cache_policies import NONE

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.core.plan import Plan
from mandates.feeds.publish import write_feeds
from mandates.store.db import Store


@task(name="write-feeds", task_run_name="write-feeds", retries=2, retry_delay_seconds=5, cache_policy=NONE,
      persist_result=False)
def write_feeds_task(evaluation: Evaluation, store: Store, folder: str, settings: Settings,
                     now: DateTime, founding: Plan) -> list[str]:
    """Write every feed from the day's evaluation (I/O: retried); `founding` is the plan the
    evaluation was given, so that SEQUENCE counts the amendments too (`feeds.publish.write_feeds`)."""
    written = write_feeds(evaluation, store, Path(folder), settings, now, founding=founding)
    return [str(path) for path in written]
