"""Tasks of the daily check: load, evaluate once, report each output, publish, alert.

Thin wrappers: the core evaluates (`mandates.core.evaluate`); a per-output task only *reports* the
result the core computed, ending in a state whose name reads as the output's status. Every state
is a `Completed` one, Overdue and Blocked included: the state *type* says whether the check ran
(a real error still fails or crashes the task), the *name* says how the output stands. So
downstream tasks always run and the flow's result is always the summary.

The report tasks return no data: their result is their state (name and message). Data
would be linked by Prefect to the task that returned it, object by object, and the interned
status strings of one output would then pass for the output of another. No task caches or
persists its result (`cache_policy=NONE`, `persist_result=False`): the inputs
are large and the work is cheap. Retries only where there is I/O: the state database, the
calendars folder, the Prefect API for artifacts. Alerts retry inside the core (settings.alerts).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from pendulum import Date, DateTime
from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State
from prefect.states import Completed

from mandates.alerts import NotifyResult, send_alerts
from mandates.config.processes import load_process
from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, OutputStatus, evaluate
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.report.artifacts import SEVERITY, check_markdown, late_input_rows, write_check_json
from mandates.store.db import Store

# Prefect already uses "Late" for runs that missed their start, hence "Overdue".
STATE_NAMES: dict[OutputStatus, str] = {
    OutputStatus.DELIVERED: "Delivered",
    OutputStatus.ON_TRACK: "OnTrack",
    OutputStatus.DUE_SOON: "DueSoon",
    OutputStatus.AT_RISK: "AtRisk",
    OutputStatus.BLOCKED: "Blocked",
    OutputStatus.OVERDUE: "Overdue",
    OutputStatus.CANCELLED: "Cancelled",
}


@task(name="load-plan", cache_policy=NONE, persist_result=False)
def load_plan(config: str | None, process: str | None) -> Plan:
    """Load and validate the process; a bad config is not retried."""
    return load_process(Path(config) if config else None, process)


@task(name="load-facts", retries=2, retry_delay_seconds=2, cache_policy=NONE, persist_result=False)
def load_facts(store: Store, plan: Plan) -> list[Fact]:
    """Every fact of the process: shipped with it and recorded (`Store.facts_of`)."""
    return store.facts_of(plan)


@task(name="evaluate", cache_policy=NONE, persist_result=False)
def evaluate_plan(plan: Plan, facts: list[Fact], as_of: Date) -> Evaluation:
    """The evaluation, done once by the core for every output."""
    return evaluate(plan, facts, as_of)


@task(name="output", task_run_name="{output_id}", cache_policy=NONE, persist_result=False)
def report_output(output_id: str, status: str, reason: str, due: str | None) -> State[Any]:
    """Report one output's status as the name of its final state."""
    name = STATE_NAMES[OutputStatus(status)]
    return Completed(name=name, message=f"{name}: {reason}" + (f" (due {due})" if due else ""))


@task(name="body", task_run_name="{body}", cache_policy=NONE, persist_result=False)
def report_body(body: str, statuses: dict[str, str]) -> State[Any]:
    """Report the outputs of one responsible body; named after the most pressing status (item 3)."""
    counts = Counter(OutputStatus(s) for s in statuses.values())
    worst = next((s for s in SEVERITY if counts[s]), OutputStatus.ON_TRACK)
    summary = ", ".join(f"{counts[s]} {s.value}" for s in SEVERITY if counts[s])
    return Completed(name=STATE_NAMES[worst],
                     message=f"{STATE_NAMES[worst]}: {len(statuses)} outputs ({summary or 'none'})")


@task(name="write-check-json", retries=2, retry_delay_seconds=2, cache_policy=NONE,
      persist_result=False)
def write_check(evaluation: Evaluation, folder: str, group: str | None = None) -> str:
    """Write the check's JSON beside the feeds, atomically, as a secretariat file given `group`
    (I/O: retried)."""
    return str(write_check_json(evaluation, Path(folder), group))


def artifact_key(prefix: str, process_id: str) -> str:
    """An artifact key (lowercase letters, digits, dashes) for a process."""
    cleaned = "".join(c if c.isalnum() or c == "-" else "-" for c in process_id.lower())
    return f"{prefix}-{cleaned}"


@task(name="publish-artifacts", retries=2, retry_delay_seconds=2, cache_policy=NONE,
      persist_result=False)
def publish_artifacts(evaluation: Evaluation) -> None:
    """Publish the day's check (markdown) and the late inputs (table) to Prefect (item 2)."""
    process_id = evaluation.plan.process.id
    day = evaluation.as_of.isoformat()
    create_markdown_artifact(markdown=check_markdown(evaluation),
                             key=artifact_key("daily-check", process_id),
                             description=f"The daily check of {process_id} as of {day}")
    rows = late_input_rows(evaluation)
    shown = (f"the first {len(rows)} of {len(evaluation.late_inputs)}"
             if len(rows) < len(evaluation.late_inputs) else str(len(rows)))
    create_table_artifact(table=rows, key=artifact_key("late-inputs", process_id),
                          description=f"Late inputs of {process_id} as of {day}: {shown}")


@task(name="send-alerts", cache_policy=NONE, persist_result=False)
def alert(store: Store, evaluation: Evaluation, alerts: AlertSettings, now: DateTime) -> NotifyResult:
    """Send the digest of new late items, recorded as sent at `now`; the core retries (item 4)."""
    return send_alerts(store, evaluation, alerts, now=now)
