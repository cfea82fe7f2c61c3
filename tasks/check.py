"""Tasks of the daily check: load, evaluate once, write, publish, alert (issues 3 and 12).

Thin wrappers: the core evaluates (`mandates.core.evaluate`) once for every output. The per-output
task runs are not tasks of this module: they do no work, so the flow records them in bulk
(tasks/records.py). The tasks here are the steps that do work, each with a plain run name (its
task name: `evaluate`, not `evaluate-7a8`) and no tags, so that none asks the server for
concurrency slots. No task caches or persists its result (`cache_policy=NONE`,
`persist_result=False`): the inputs are large and the work is cheap. Retries only where there is
I/O: the state database, the calendars folder, the Prefect API for artifacts. Alerts retry inside
the core (settings.alerts).
"""

from __future__ import annotations

import contextvars
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pendulum import Date, DateTime
from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from mandates.alerts import NotifyResult, send_alerts
from mandates.config.processes import load_process
from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.report.artifacts import check_markdown, late_input_table, write_check_json
from mandates.store.db import Store


@task(name="load-plan", task_run_name="load-plan", cache_policy=NONE, persist_result=False)
def load_plan(config: str | None, process: str | None) -> Plan:
    """Load and validate the process; a bad config is not retried."""
    return load_process(Path(config) if config else None, process)


@task(name="load-facts", task_run_name="load-facts", retries=2, retry_delay_seconds=2,
      cache_policy=NONE, persist_result=False)
def load_facts(store: Store, plan: Plan) -> list[Fact]:
    """Every fact of the process: shipped with it and recorded (`Store.facts_of`)."""
    return store.facts_of(plan)


@task(name="evaluate", task_run_name="evaluate", cache_policy=NONE, persist_result=False)
def evaluate_plan(plan: Plan, facts: list[Fact], as_of: Date) -> Evaluation:
    """The evaluation, done once by the core for every output."""
    return evaluate(plan, facts, as_of)


@task(name="write-check-json", task_run_name="write-check-json", retries=2, retry_delay_seconds=2,
      cache_policy=NONE, persist_result=False)
def write_check(evaluation: Evaluation, folder: str, group: str | None = None) -> str:
    """Write the check's JSON beside the feeds, atomically, as a secretariat file given `group`
    (I/O: retried)."""
    return str(write_check_json(evaluation, Path(folder), group))


def artifact_key(prefix: str, process_id: str) -> str:
    """An artifact key (lowercase letters, digits, dashes) for a process."""
    cleaned = "".join(c if c.isalnum() or c == "-" else "-" for c in process_id.lower())
    return f"{prefix}-{cleaned}"


@task(name="publish-artifacts", task_run_name="publish-artifacts", retries=2, retry_delay_seconds=2,
      cache_policy=NONE, persist_result=False)
def publish_artifacts(evaluation: Evaluation) -> None:
    """Publish the day's check (markdown) and the late inputs (table) to Prefect (item 2), the
    table from a thread of its own (the run's context copied), so that the two requests wait for
    the server side by side: at 5,000 outputs, while the server takes in the task runs, each
    waited 4.6-6.3 s (docs/orchestration.md, "Overhead: measured")."""
    process_id = evaluation.plan.process.id
    day = evaluation.as_of.isoformat()
    rows = late_input_table(evaluation)
    shown = (f"the first {len(rows)} of {len(evaluation.late_inputs)}"
             if len(rows) < len(evaluation.late_inputs) else str(len(rows)))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mandates-artifact") as pool:
        table = pool.submit(contextvars.copy_context().run, create_table_artifact, table=rows,
                            key=artifact_key("late-inputs", process_id),
                            description=f"Late inputs of {process_id} as of {day}: {shown} (reasons: "
                                        f"the daily-check artifact)")
        create_markdown_artifact(markdown=check_markdown(evaluation),
                                 key=artifact_key("daily-check", process_id),
                                 description=f"The daily check of {process_id} as of {day}")
        table.result()


@task(name="send-alerts", task_run_name="send-alerts", cache_policy=NONE, persist_result=False)
def alert(store: Store, evaluation: Evaluation, alerts: AlertSettings, now: DateTime) -> NotifyResult:
    """Send the digest of new late items, recorded as sent at `now`; the core retries (item 4)."""
    return send_alerts(store, evaluation, alerts, now=now)
