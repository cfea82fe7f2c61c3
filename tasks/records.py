"""Per-output task runs recorded in bulk, the way Prefect's own engine records them (issue 12, part 3).

A daily check's per-output task does no work: the core has evaluated every output once, and the
task run only shows a person, in Prefect's UI, how each output stands. Running each through the
task engine cost about 0.19 s (Prefect 3.8.8, measured in bench/flow_bench.py): client context,
transaction, result handling and, for a tagged task, a request for tag concurrency slots through
a service started per distinct tag set. So the flow *records* them instead: for each output it
builds the `TaskRun` the engine would have built (same task key, a dynamic key per output, the
output id as its name, tags, `wait_for` inputs) and emits the state-change event the engine emits
(`prefect.utilities.engine.emit_task_run_state_change_event`; Prefect 3 orchestrates task runs
client side and the server's task-run recorder writes them from these events, in batches).
Events go through the process's one events worker (a websocket, in the background), so a run of
5,000 outputs records 5,000 task runs for a few milliseconds each; they have a flow run since
they are emitted inside its context. Tags cost nothing here: no concurrency slots are asked for
(a report takes no slot of anything).

What a person sees (docs/orchestration.md, "In Prefect's UI"): state *types* chosen so that colour
carries meaning (`STATE_TYPES`), state *names* after the output's status (`STATE_NAMES`), the
core's reason and the due date as the state message, and tags `status:<name>`,
`body:<id>`, `mandate:<...>`, `due:<date>` for the UI's tag filter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from prefect.client.schemas.objects import State, StateType, TaskRun, TaskRunPolicy, TaskRunResult
from prefect.utilities.engine import emit_task_run_state_change_event

from mandates.core.evaluate import OutputStatus
from mandates.report.artifacts import SEVERITY

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

# Prefect colours a run by its state type: green COMPLETED, red FAILED, orange CRASHED, grey
# CANCELLED. Only final types, so that every recorded run reads as finished. Overdue and Blocked
# are red: the output has missed, or cannot meet, its deadline; AtRisk and DueSoon orange: they
# need attention now; Delivered and OnTrack green; Cancelled grey.
STATE_TYPES: dict[OutputStatus, StateType] = {
    OutputStatus.DELIVERED: StateType.COMPLETED,
    OutputStatus.ON_TRACK: StateType.COMPLETED,
    OutputStatus.DUE_SOON: StateType.CRASHED,
    OutputStatus.AT_RISK: StateType.CRASHED,
    OutputStatus.BLOCKED: StateType.FAILED,
    OutputStatus.OVERDUE: StateType.FAILED,
    OutputStatus.CANCELLED: StateType.CANCELLED,
}

OUTPUT_TASK_KEY = "mandates-output"
BODY_TASK_KEY = "mandates-body"


@dataclass(frozen=True)
class Report:
    """One task run to record: its name (unique in the flow run), status, message, tags and the
    names of the task runs it waited for (recorded before it)."""

    name: str
    status: OutputStatus
    message: str
    tags: tuple[str, ...]
    waits_for: tuple[str, ...] = ()


def status_tag(status: OutputStatus) -> str:
    """The tag that lets the UI's tag filter find every output of a status: `status:Overdue`."""
    return f"status:{STATE_NAMES[status]}"


def record_task_runs(flow_run_id: UUID, task_key: str, reports: Iterable[Report]) -> dict[str, UUID]:
    """Record one finished task run per report in the flow run, in order; returns each report's
    task run id by name. Call it inside the flow run (the events carry its context). Raises
    KeyError when a report waits for a name not recorded before it."""
    recorded: dict[str, UUID] = {}
    policy = TaskRunPolicy()
    for report in reports:
        now: Any = datetime.now(UTC)  # Prefect's DateTime type is a datetime at run time
        task_run_id = uuid4()
        state: State[None] = State(type=STATE_TYPES[report.status], name=STATE_NAMES[report.status],
                                   message=report.message, timestamp=now)
        state.state_details.task_run_id = task_run_id
        state.state_details.flow_run_id = flow_run_id
        inputs = {"wait_for": [TaskRunResult(id=recorded[name]) for name in report.waits_for]} \
            if report.waits_for else {}
        task_run = TaskRun(
            id=task_run_id, name=report.name, flow_run_id=flow_run_id, task_key=task_key,
            dynamic_key=report.name, empirical_policy=policy, tags=list(report.tags),
            task_inputs=inputs,  # type: ignore[arg-type]  # a list of TaskRunResult is a RunInput list
            state_id=state.id, state_type=state.type, state_name=state.name, state=state,
            expected_start_time=now, start_time=now, end_time=now + timedelta(microseconds=1),
            run_count=1, created=now, updated=now)
        emit_task_run_state_change_event(task_run=task_run, initial_state=None, validated_state=state)
        recorded[report.name] = task_run_id
    return recorded


def worst_status(statuses: Iterable[OutputStatus]) -> OutputStatus:
    """The most pressing status among `statuses` (`SEVERITY`), on track when there are none."""
    counts = Counter(statuses)
    return next((s for s in SEVERITY if counts[s]), OutputStatus.ON_TRACK)


def body_message(statuses: Mapping[str, OutputStatus]) -> str:
    """A coarse task's message: `Overdue: 420 outputs (3 overdue, 400 on_track, ...)`."""
    counts = Counter(statuses.values())
    worst = worst_status(statuses.values())
    summary = ", ".join(f"{counts[s]} {s.value}" for s in SEVERITY if counts[s])
    return f"{STATE_NAMES[worst]}: {len(statuses)} outputs ({summary or 'none'})"
