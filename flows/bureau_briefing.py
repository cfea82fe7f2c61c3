"""The `bureau_briefing` flow: write the Bureau briefing files and publish it as an artifact;
`bureau_briefing_check`, run daily, sends it before each Bureau meeting (issue 10, part 3).

Thin: the core makes the briefing (`mandates.briefing.run`); the flow writes each language and
format, records one snapshot for `--since last`, and publishes the markdown as an artifact.
`mandates.briefing.send` decides which Bureau meeting is near (a pure function) and sends the
briefing once per recipient.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.deployments.runner import RunnerDeployment

from mandates.briefing.run import make_briefing, record_snapshot, write_briefing
from mandates.briefing.send import bureau_briefings_due, send_now
from mandates.config.processes import load_process
from mandates.config.settings import Settings, load_settings
from mandates.core.evaluate import evaluate
from mandates.core.rules import parse_iso_date
from mandates.errors import RunFailed
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


@flow(name="bureau_briefing_check")
def bureau_briefing_check(as_of: str | None = None, lang: str = "en", config: str | None = None,
                          process: str | None = None, database: str | None = None) -> list[str]:
    """Daily: when a Bureau meeting opens within `briefing.days_before_bureau` days, send its
    briefing (dated that many days before the opening) to every recipient that has not had it.

    Returns one line per recipient (empty when no Bureau meeting is near); raises RunFailed,
    naming them, when some recipient was not reached (the next run tries it again).
    """
    import pendulum

    logger = get_run_logger()
    settings = load_settings()
    plan = load_process(Path(config) if config else None, process)
    day = parse_iso_date(as_of) if as_of else pendulum.today(plan.process.timezone).date()
    language = check_lang(lang)
    lines: list[str] = []
    failed = 0
    store = Store(database)
    try:
        facts = store.facts_of(plan)
        near = bureau_briefings_due(evaluate(plan, facts, day), settings.briefing.bureau_bodies,
                                    settings.briefing.days_before_bureau)
        if not near:
            logger.info("no Bureau meeting opens within %d days of %s", settings.briefing.days_before_bureau,
                        day.isoformat())
        for meeting in near:
            briefing = make_briefing(plan, facts, store, meeting.briefing_on, "last",
                                     settings.briefing_horizon_weeks)
            report = send_now(store, briefing, language, settings, pendulum.now("UTC"))
            record_snapshot(store, briefing.evaluation, pendulum.now("UTC"))
            for line in report.lines():
                lines.append(f"{meeting.meeting_id} ({meeting.opens_on.isoformat()}): {line}")
                logger.info(lines[-1])
            failed += report.failed
    finally:
        store.dispose()
    if failed:  # the run shows as failed in Prefect's UI; the next daily run tries them again
        raise RunFailed(f"the briefing did not reach {failed} recipient(s): " + "; ".join(
            line for line in lines if ": not sent to " in line))
    return lines


BRIEFING_CHECK_DEPLOYMENT = "bureau-briefing-check"


def briefing_check_deployment(name: str = BRIEFING_CHECK_DEPLOYMENT, process: str | None = None,
                              config: str | None = None,
                              settings: Settings | None = None) -> RunnerDeployment:
    """The `bureau_briefing_check` deployment (a Prefect RunnerDeployment): daily at the daily
    check's time (`daily_check_cron` in the settings' zone), started by module path."""
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    chosen = settings or load_settings()
    parameters = {k: v for k, v in (("process", process), ("config", config)) if v is not None}
    deployment = bureau_briefing_check.to_deployment(
        name=name, schedule=Cron(chosen.daily_check_cron, timezone=chosen.timezone),
        parameters=parameters, entrypoint_type=EntrypointType.MODULE_PATH,
        description=f"Sends the Bureau briefing {chosen.briefing.days_before_bureau} days before "
                    "each Bureau meeting, once per recipient")
    assert isinstance(deployment, RunnerDeployment)  # sync call: not a coroutine
    return deployment


def serve_bureau_briefing_check(name: str = BRIEFING_CHECK_DEPLOYMENT, process: str | None = None,
                                config: str | None = None, settings: Settings | None = None) -> None:
    """Serve `briefing_check_deployment` one run at a time until stopped (`mandates deploy
    --bureau-briefing`)."""
    from prefect import serve

    serve(briefing_check_deployment(name, process, config, settings), limit=1)
