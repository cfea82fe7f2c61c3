"""The `bureau_briefing` flow: write the Bureau briefing files and publish it as an artifact.

Thin: the core makes the briefing (`mandates.briefing.run`); the flow writes each language and
format, records one snapshot for `--since last`, and publishes the markdown as an artifact.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from mandates.briefing.run import make_briefing, record_snapshot, write_briefing
from mandates.config.processes import load_process
from mandates.config.settings import load_settings
from mandates.core.rules import parse_iso_date
from mandates.store.db import Store
from mandates.words.i18n import check_lang


@task(name="publish-artifact", task_run_name="publish-artifact", retries=2, retry_delay_seconds=5)
def publish_artifact(markdown: str, process: str, description: str) -> None:
    """Publish the briefing as a markdown artifact (retried: it talks to the Prefect API)."""
    create_markdown_artifact(markdown=markdown, key=f"bureau-briefing-{process}", description=description)


@flow(name="bureau_briefing")
def bureau_briefing(as_of: str | None = None, since: str = "last", langs: tuple[str, ...] = ("en", "zh"),
                    formats: tuple[str, ...] = ("md", "html"), out_dir: str = "briefings",
                    config: str | None = None, process: str | None = None,
                    database: str | None = None) -> list[str]:
    """Write the briefing in each language and format, record its snapshot, publish it."""
    import pendulum

    logger = get_run_logger()
    settings = load_settings()
    plan = load_process(Path(config) if config else None, process)
    day = parse_iso_date(as_of) if as_of else pendulum.today(plan.process.timezone).date()
    now = pendulum.now("UTC")  # the run's clock, read once
    store = Store(database)
    try:
        facts = store.facts_of(plan)
        briefing = make_briefing(plan, facts, store, day, since, settings.briefing_horizon_weeks)
        written: list[str] = []
        published: str | None = None
        for lang in (check_lang(code) for code in langs):
            for fmt in formats:
                path = Path(out_dir) / f"{plan.process.id}-{day.isoformat()}-{lang}.{fmt}"
                produced = write_briefing(briefing, lang, fmt, path, group=settings.secretariat_group)
                for warning in produced.warnings:
                    logger.warning(warning)
                written += [str(produced.path), *(str(p) for p in produced.extra)]
                if produced.markdown is not None and published is None:
                    published = produced.markdown
        record_snapshot(store, briefing.evaluation, now)
    finally:
        store.dispose()
    if published is not None:
        publish_artifact(published, plan.process.id, f"Bureau briefing as of {day.isoformat()}")
    logger.info("wrote %s", ", ".join(written))
    return written
