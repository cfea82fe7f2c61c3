"""The `daily_check` flow: one Prefect task per mandated output, wired by its inputs (issue 3).

The core evaluates once; then each output gets a task named after its id, tagged with its
responsible bodies, its mandate and its due date, waiting for the tasks of its inputs
(`allow_failure`, so trouble upstream never stops the report downstream) and ending in a state
named after its status (see tasks/check.py). The tasks run one after the other in dependency
order: each is a cheap report, and running them in order keeps every input's task finished
before the tasks that wait for it start. Above `flow_task_threshold` outputs the flow reports
one coarse task per responsible body instead; the check's JSON has every output either way.

Deployment: every day at 07:00 in the secretariat's zone, a cron *with its time zone* (a bare
cron fires at 07:00 UTC). `mandates deploy` serves it; prefect.yaml declares it for workers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import pendulum
from prefect import allow_failure, flow, get_run_logger, tags
from prefect.client.schemas.objects import State
from prefect.runtime import flow_run
from prefect.schedules import Cron, Schedule
from prefect.utilities.annotations import quote

from mandates.config.settings import Settings, load_settings
from mandates.core.evaluate import Evaluation
from mandates.core.graph import topological_order
from mandates.core.plan import Plan
from mandates.core.rules import parse_iso_date
from mandates.errors import RunFailed
from mandates.store.db import Store
from mandates.words.reasons import reason_text
from tasks.check import (
    alert,
    evaluate_plan,
    load_facts,
    load_plan,
    publish_artifacts,
    report_body,
    report_output,
    write_check,
)
from tasks.feeds import write_feeds_task
from tasks.runlock import run_lock

T = TypeVar("T")

FLOW_NAME = "daily-check"
DEPLOYMENT_NAME = "daily-check"


def daily_schedule(settings: Settings | None = None) -> Schedule:
    """07:00 every day in the secretariat's zone: the settings' cron with its time zone (item 5)."""
    chosen = settings or load_settings()
    return Cron(chosen.daily_check_cron, timezone=chosen.timezone)


def output_tags(evaluation: Evaluation, output_id: str) -> list[str]:
    """An output task's tags: `body:ID` per responsible body, `mandate:...`, `due:DATE` (item 2)."""
    state = evaluation.outputs[output_id]
    due = state.due.on.isoformat() if state.due is not None else "none"
    return [*(f"body:{b}" for b in state.output.responsible), f"mandate:{state.output.mandate}",
            f"due:{due}"]


def whole(value: T) -> T:
    """Hand an object to a task as is, unwalked and unlinked (issue 3, item 3: scale)."""
    return cast(T, quote(value))


def _run_name() -> str:
    parameters = flow_run.parameters
    day = parameters.get("as_of") or "today"
    return f"{parameters.get('process') or 'default'}-as-of-{day}"


def report_outputs(evaluation: Evaluation) -> dict[str, State[Any]]:
    """One task per output in dependency order, each waiting for its inputs' tasks (item 2)."""
    plan = evaluation.plan
    finished: dict[str, State[Any]] = {}
    for output_id in topological_order(plan):
        state = evaluation.outputs[output_id]
        upstream = [allow_failure(finished[i]) for i in plan.all_inputs(output_id) if i in finished]
        with tags(*output_tags(evaluation, output_id)):
            # Plain values, quoted: Prefect would otherwise link an equal interned string (a
            # status) to the earlier task that returned it, as if it were that task's output.
            finished[output_id] = report_output(
                whole(output_id), whole(state.status.value),
                whole(reason_text(state.reason, plan, "en")),
                whole(state.due.on.isoformat() if state.due is not None else None),
                wait_for=upstream, return_state=True)
    return finished


def report_bodies(evaluation: Evaluation) -> dict[str, State[Any]]:
    """One coarse task per responsible body (its first-named one), for large processes (item 3)."""
    groups: dict[str, dict[str, str]] = {}
    for output_id, state in evaluation.outputs.items():
        body = state.output.responsible[0] if state.output.responsible else "unassigned"
        groups.setdefault(body, {})[output_id] = state.status.value
    finished: dict[str, State[Any]] = {}
    for body, statuses in groups.items():
        with tags(f"body:{body}"):
            finished[body] = report_body(body, whole(statuses), return_state=True)
    return finished


def _as_of(value: str | None, timezone: str) -> pendulum.Date:
    """The run's date: the `as_of` parameter, else today in the process's zone (read here, once)."""
    return parse_iso_date(value) if value else pendulum.today(timezone).date()


@flow(name=FLOW_NAME, flow_run_name=_run_name, persist_result=False, validate_parameters=True)
def daily_check(process: str | None = None, as_of: str | None = None, config: str | None = None,
                database: str | None = None, task_threshold: int | None = None) -> dict[str, Any]:
    """The daily deadline check as a flow of mandated outputs; returns the summary (issue 3)."""
    logger = get_run_logger()
    settings = load_settings()
    plan = load_plan(config, process)
    with run_lock(database, plan.process.id, on_wait=logger.warning):
        return _daily_check(logger, settings, plan, as_of, database, task_threshold)


def _daily_check(logger: Any, settings: Settings, plan: Plan, as_of: str | None, database: str | None,
                 task_threshold: int | None) -> dict[str, Any]:
    """The flow's work, under the run lock (one daily run per process and database at a time)."""
    day = _as_of(as_of, plan.process.timezone)
    now = pendulum.now("UTC")  # the run's clock, read once: feed stamps
    store = Store(database)
    try:
        facts = load_facts(store, plan)
        evaluation = evaluate_plan(whole(plan), whole(facts), day)
        threshold = settings.flow_task_threshold if task_threshold is None else task_threshold
        if len(plan.outputs) <= threshold:
            mode, reported = "per-output", report_outputs(evaluation)
        else:
            mode, reported = "per-body", report_bodies(evaluation)
            logger.info("%d outputs is above the task threshold of %d: evaluating in %d coarse "
                        "tasks, one per responsible body; the check's JSON has every output",
                        len(plan.outputs), threshold, len(reported))
        path = write_check(whole(evaluation), str(settings.calendars_dir), settings.secretariat_group)
        # the feeds, from this same evaluation, with the code `mandates feeds` runs (issue 4, item 5)
        feeds = write_feeds_task(whole(evaluation), whole(store), str(settings.calendars_dir), settings,
                                 whole(now), whole(plan))
        # claims are stamped with the time they are made: another run compares them with its own
        alerts = alert(store, whole(evaluation), settings.alerts, whole(pendulum.now("UTC")))
    finally:
        store.dispose()
    for error in alerts.errors:
        logger.error("alerts not delivered (recorded as failed, retried on the next run): %s", error)
    for note in alerts.notes:
        logger.warning("alerts: %s", note)
    publish_artifacts(whole(evaluation))
    broken = sorted(name for name, state in reported.items() if not state.is_completed())
    if broken:  # a real error, not a late output: the run must not look healthy
        raise RuntimeError(f"{len(broken)} report task(s) did not complete: {', '.join(broken[:20])}")
    counts = evaluation.counts()
    logger.info("%s as of %s: %s; %d late inputs; %d alerts sent", plan.process.id, day.isoformat(),
                ", ".join(f"{n} {s}" for s, n in counts.items() if n), len(evaluation.late_inputs),
                alerts.sent)
    return {"process": plan.process.id, "as_of": day.isoformat(), "counts": counts,
            "late_inputs": len(evaluation.late_inputs), "alerts_sent": alerts.sent,
            "alerts_failed": alerts.failed, "alerts_uncertain": alerts.uncertain,
            "alerts_skipped": alerts.skipped, "alerts_notes": alerts.notes, "mode": mode,
            "tasks": len(reported), "check_json": path, "feeds": len(feeds)}


def prefect_unreachable(exc: BaseException) -> str | None:
    """One line saying why a run could not reach Prefect and what to do, or None when `exc` is
    something else (issue 11, part 6)."""
    import httpx
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    message = str(exc)
    api = PREFECT_API_URL.value()
    if "ephemeral Prefect API server" in message:
        waited = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        return (f"the temporary Prefect server did not start within {waited} s (a busy machine?): "
                "run again, raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or run a Prefect "
                "server and set PREFECT_API_URL (docs/orchestration.md)")
    if "Failed to reach API" in message or isinstance(exc, httpx.TransportError):
        where = f"the Prefect API at {api}" if api else "the temporary Prefect server"
        return (f"cannot reach {where}: start it (`prefect server start`), or unset "
                "PREFECT_API_URL so that the run starts a temporary one (docs/orchestration.md)")
    return None


def run_once(process_id: str, *, process: str | None = None, as_of: str | None = None,
             config: str | None = None, database: str | None = None,
             task_threshold: int | None = None,
             on_wait: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run the daily check once, as `mandates run daily-check` does: under the run lock of
    `process_id` taken *before* Prefect starts (so that two runs at once never start two
    temporary servers on one Prefect home), then the flow; returns its summary.

    Raises RunLocked (another run kept the lock), RunFailed with one line when Prefect cannot be
    reached or the flow did not complete (issue 11, part 6).
    """
    with run_lock(database, process_id, on_wait=on_wait):
        try:
            state = daily_check(process=process, as_of=as_of, config=config, database=database,
                                task_threshold=task_threshold, return_state=True)
        except Exception as exc:
            reason = prefect_unreachable(exc)
            if reason is None:
                raise
            raise RunFailed(f"the daily check did not run: {reason}") from None
    if not state.is_completed():
        raise RunFailed(f"the daily check did not complete: {state.name}: {state.message}")
    summary: dict[str, Any] = state.result()
    return summary


def serve_daily_check(name: str = DEPLOYMENT_NAME, process: str | None = None,
                      config: str | None = None, settings: Settings | None = None) -> None:
    """Serve the flow with its daily schedule until stopped, one run at a time (issue 3, item 5).

    Runs start in a subprocess that imports `flows.daily_check` (a module path, not a file path),
    so the served deployment works whatever the working directory.
    """
    from prefect.types.entrypoint import EntrypointType

    parameters = {k: v for k, v in (("process", process), ("config", config)) if v is not None}
    daily_check.serve(name=name, schedule=daily_schedule(settings), parameters=parameters, limit=1,
                      description="The daily deadline check, 07:00 in the secretariat's zone",
                      entrypoint_type=EntrypointType.MODULE_PATH)
