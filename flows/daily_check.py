"""The `daily_check` flow: evaluate once, one task run per mandated output, publish (issues 3, 10, 12).

The core evaluates once; then each output gets a task run named after its id, tagged with its
status, its responsible bodies, its mandate and its due date, waiting for the task runs of its
inputs and ending in a state named after its status, of a type that gives it a colour in
Prefect's UI (red overdue or blocked, orange at risk or due soon, green delivered or on track).
These task runs are recorded in bulk, as Prefect's engine records task runs, without running
anything (tasks/records.py): a few ms each (bench/flow_bench.py) instead of about 0.19 s through
the task engine. Above `flow_task_threshold` outputs the flow records one coarse task run per
responsible body instead; the check's JSON has every output either way. The flow run ends in a
Completed state named with its summary ("4 overdue, 6 late inputs"; "Completed" when nothing is
wrong).

Deployment: every day at 07:00 in the secretariat's zone, a cron *with its time zone* (a bare
cron fires at 07:00 UTC). `mandates deploy` serves it; prefect.yaml declares it for workers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

import pendulum
from prefect import Flow, get_run_logger
from prefect.client.schemas.objects import State
from prefect.runtime import flow_run
from prefect.schedules import Cron, Schedule
from prefect.states import Completed
from prefect.utilities.annotations import quote

from flows.collect import settle
from flows.heartbeat import handed_over, heartbeats
from mandates.config.settings import Settings, load_settings
from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.graph import topological_order
from mandates.core.plan import Plan
from mandates.core.rules import parse_iso_date
from mandates.errors import RunFailed
from mandates.store.db import Store
from mandates.words.reasons import reason_text
from tasks.check import alert, evaluate_plan, load_facts, load_plan, publish_artifacts, write_check
from tasks.feeds import write_feeds_task
from tasks.records import (
    BODY_TASK_KEY,
    OUTPUT_TASK_KEY,
    STATE_NAMES,
    Report,
    TaskRunRecorder,
    body_message,
    status_tag,
    worst_status,
)
from tasks.runlock import run_lock

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")

FLOW_NAME = "daily-check"
DEPLOYMENT_NAME = "daily-check"


def daily_schedule(settings: Settings | None = None) -> Schedule:
    """07:00 every day in the secretariat's zone: the settings' cron with its time zone (item 5)."""
    chosen = settings or load_settings()
    return Cron(chosen.daily_check_cron, timezone=chosen.timezone)


def output_tags(evaluation: Evaluation, output_id: str) -> list[str]:
    """An output's task run tags: `status:Name`, `body:ID` per responsible body, `mandate:...`,
    `due:DATE` (`due:none` without a date). Free: recorded task runs ask for no concurrency slot."""
    state = evaluation.outputs[output_id]
    due = state.due.on.isoformat() if state.due is not None else "none"
    return [status_tag(state.status), *(f"body:{b}" for b in state.output.responsible),
            f"mandate:{state.output.mandate}", f"due:{due}"]


def whole(value: T) -> T:
    """Hand an object to a task as is, unwalked and unlinked (issue 3, item 3: scale)."""
    return cast(T, quote(value))


def _run_name() -> str:
    parameters = flow_run.parameters
    day = parameters.get("as_of") or "today"
    return f"{parameters.get('process') or 'default'}-as-of-{day}"


def output_reports(evaluation: Evaluation) -> list[Report]:
    """One report per output, in dependency order, each waiting for its inputs (item 2)."""
    plan = evaluation.plan
    reports: list[Report] = []
    for output_id in topological_order(plan):
        state = evaluation.outputs[output_id]
        name = STATE_NAMES[state.status]
        due = f" (due {state.due.on.isoformat()})" if state.due is not None else ""
        reports.append(Report(
            name=output_id, status=state.status,
            message=f"{name}: {reason_text(state.reason, plan, 'en')}{due}",
            tags=tuple(output_tags(evaluation, output_id)),
            waits_for=tuple(i for i in plan.all_inputs(output_id) if i in plan.outputs)))
    return reports


def body_reports(evaluation: Evaluation) -> list[Report]:
    """One coarse report per responsible body (its first-named one), for large processes (item 3),
    named after the body, in the state of its most pressing output."""
    groups: dict[str, dict[str, OutputStatus]] = {}
    for output_id, state in evaluation.outputs.items():
        body = state.output.responsible[0] if state.output.responsible else "unassigned"
        groups.setdefault(body, {})[output_id] = state.status
    return [Report(name=body, status=worst_status(statuses.values()), message=body_message(statuses),
                   tags=(status_tag(worst_status(statuses.values())), f"body:{body}"))
            for body, statuses in groups.items()]


def summary_name(counts: dict[str, int], late_inputs: int) -> str:
    """The flow run's state name: what is wrong today, `4 overdue, 1 blocked, 6 late inputs`, or
    `Completed` when nothing is (item 8)."""
    parts = [f"{counts.get(status.value, 0)} {words}" for status, words in (
        (OutputStatus.OVERDUE, "overdue"), (OutputStatus.BLOCKED, "blocked"),
        (OutputStatus.AT_RISK, "at risk")) if counts.get(status.value, 0)]
    if late_inputs:
        parts.append(f"{late_inputs} late input{'' if late_inputs == 1 else 's'}")
    return ", ".join(parts) or "Completed"


def counts_text(counts: dict[str, int], late_inputs: int, alerts_sent: int) -> str:
    """The run's counts as the flow's log and state message say them, in the words and plurals
    of `mandates run daily-check` (`words.commands`): `1 due soon, 6 at risk, 15 on track; 1 late
    input; 0 alerts sent`."""
    from mandates.words.commands import counted, said, status_count

    statuses = said("count_sep", "en").join(status_count(status, n, "en")
                                            for status, n in counts.items() if n)
    return (f"{statuses or 'no outputs'}; {counted(late_inputs, 'late input', 'en')}; "
            f"{counted(alerts_sent, 'alert', 'en')} sent")


def _as_of(value: str | None, timezone: str) -> pendulum.Date:
    """The run's date: the `as_of` parameter, else today in the process's zone (read here, once)."""
    return parse_iso_date(value) if value else pendulum.today(timezone).date()


class PlainParameters(Flow[P, R]):
    """A flow whose parameters are plain JSON values (strings, numbers, None), stored as they are.

    Prefect serialises a flow run's parameters with FastAPI's `jsonable_encoder`, and importing
    FastAPI (its OpenAPI models) was 7% of a bundled daily run's CPU in the flow process, a third
    of what it spent after its imports (cProfile, CPU timer); plain values need no encoder. Other
    values go through Prefect's own."""

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        """The parameters as stored on the flow run: plain values as they are, else Prefect's."""
        if all(v is None or isinstance(v, str | int | float | bool) for v in parameters.values()):
            return dict(parameters)
        return super().serialize_parameters(parameters)


def plain_flow(**options: Any) -> Callable[[Callable[P, R]], Flow[P, R]]:
    """`prefect.flow(**options)` for a flow of plain parameters (`PlainParameters`)."""
    def make(fn: Callable[P, R]) -> Flow[P, R]:
        return PlainParameters(fn=fn, **options)
    return make


@plain_flow(name=FLOW_NAME, flow_run_name=_run_name, persist_result=False, validate_parameters=True)
def daily_check(process: str | None = None, as_of: str | None = None, config: str | None = None,
                database: str | None = None,
                task_threshold: int | None = None) -> State[dict[str, Any]]:
    """The daily deadline check as a flow of mandated outputs; ends Completed, named with its
    summary (`summary_name`), the summary as its result (issue 3; issue 10, item 8)."""
    with heartbeats():  # when `run_once` handed them over (flows/heartbeat.py)
        logger = get_run_logger()
        settings = load_settings()
        plan = load_plan(config, process)
        with run_lock(database, plan.process.id, on_wait=logger.warning):
            return _daily_check(logger, settings, plan, as_of, database, task_threshold)


def _daily_check(logger: Any, settings: Settings, plan: Plan, as_of: str | None, database: str | None,
                 task_threshold: int | None) -> State[dict[str, Any]]:
    """The flow's work, under the run lock (one daily run per process and database at a time)."""
    day = _as_of(as_of, plan.process.timezone)
    now = pendulum.now("UTC")  # the run's clock, read once: feed stamps
    # the task runs go to the server from a thread of their own while the flow writes and sends;
    # the block ends when every one is sent
    with TaskRunRecorder() as recorder:
        store = Store(database)
        try:
            facts = load_facts(whole(store), whole(plan))
            evaluation = evaluate_plan(whole(plan), whole(facts), day)
            threshold = settings.flow_task_threshold if task_threshold is None else task_threshold
            if len(plan.outputs) <= threshold:
                mode, reported = "per-output", recorder.record(
                    OUTPUT_TASK_KEY, output_reports(evaluation))
            else:
                mode, reported = "per-body", recorder.record(
                    BODY_TASK_KEY, body_reports(evaluation))
                logger.info("%d outputs is above the task threshold of %d: evaluating in %d coarse "
                            "tasks, one per responsible body; the check's JSON has every output",
                            len(plan.outputs), threshold, len(reported))
            path = write_check(whole(evaluation), str(settings.calendars_dir),
                               settings.secretariat_group)
            # the feeds, from this same evaluation, with the code `mandates feeds` runs (issue 4,
            # item 5)
            feeds = write_feeds_task(whole(evaluation), whole(store), str(settings.calendars_dir),
                                     whole(settings), whole(now), whole(plan))
            # claims are stamped with the time they are made: another run compares them with its own
            alerts = alert(whole(store), whole(evaluation), whole(settings.alerts),
                           whole(pendulum.now("UTC")))
        finally:
            store.dispose()
        for error in alerts.errors:
            logger.error("alerts not delivered (recorded as failed, retried on the next run): %s", error)
        for note in alerts.notes:
            logger.warning("alerts: %s", note)
        publish_artifacts(whole(evaluation))
    counts = evaluation.counts()
    counted = counts_text(counts, len(evaluation.late_inputs), alerts.sent)
    logger.info("%s as of %s: %s", plan.process.id, day.isoformat(), counted)
    summary = {"process": plan.process.id, "as_of": day.isoformat(), "counts": counts,
               "late_inputs": len(evaluation.late_inputs), "alerts_sent": alerts.sent,
               "alerts_failed": alerts.failed, "alerts_uncertain": alerts.uncertain,
               "alerts_skipped": alerts.skipped, "alerts_notes": alerts.notes, "mode": mode,
               "tasks": len(reported), "check_json": path, "feeds": len(feeds)}
    message = f"{plan.process.id} as of {day.isoformat()}: {counted}"
    # A Completed state, whatever it says: the check ran (docs/orchestration.md, "In Prefect's UI")
    return Completed(name=summary_name(counts, len(evaluation.late_inputs)), message=message,
                     data=summary)


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
            # the flow sends its own heartbeats, which stop with it (flows/heartbeat.py)
            with handed_over():
                state = daily_check(process=process, as_of=as_of, config=config,
                                    database=database, task_threshold=task_threshold,
                                    return_state=True)
        except Exception as exc:
            reason = prefect_unreachable(exc)
            if reason is None:
                raise
            raise RunFailed(f"the daily check did not run: {reason}") from None
    if not state.is_completed():
        raise RunFailed(f"the daily check did not complete: {state.name}: {state.message}")
    summary = cast(dict[str, Any], state.result())
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


# every object the imports made lives as long as the process: collections skip them, also at exit
settle()
