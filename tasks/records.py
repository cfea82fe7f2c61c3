"""Per-output task runs recorded in bulk, the way Prefect's own engine records them (issue 12, part 3).

A daily check's per-output task does no work: the core has evaluated every output once, and the
task run only shows a person, in Prefect's UI, how each output stands. Running each through the
task engine cost about 0.19 s (Prefect 3.8.8, measured in bench/flow_bench.py): client context,
transaction, result handling and, for a tagged task, a request for tag concurrency slots through
a service started per distinct tag set. So the flow *records* them instead. Prefect 3
orchestrates task runs client side: the engine emits one state-change event per task run
(`prefect.utilities.engine.emit_task_run_state_change_event`) and the server's task-run recorder
writes the task runs from those events, in batches. For each output this module builds that
same event (`prefect.task-run.<state name>`, the task run in its payload: task key, a dynamic key
per output, the output id as its name, tags, `wait_for` inputs; the run context's related
resources: flow run, flow, deployment, tags) and sends the events to the server in batches of
`BATCH` through `POST /events` (the endpoint Prefect's HTTP events client uses), with the flow
run's own API client (also for the related resources: no second client), from a thread of their
own while the flow goes on (`TaskRunRecorder`).
The event's fields are copied from one task run and one state built with Prefect's models
(`_Template`), so that what the recorder reads is what the engine would send; per output only a
dict is filled in. 5,000 outputs: 10 requests, no model validated per output
in the flow process, no websocket message per event. Tags cost nothing here: no concurrency
slots are asked for (a report takes no slot of anything).

What a person sees (docs/orchestration.md, "In Prefect's UI"): state *types* chosen so that colour
carries meaning (`STATE_TYPES`), state *names* after the output's status (`STATE_NAMES`), the
core's reason and the due date as the state message, and tags `status:<name>`,
`body:<id>`, `mandate:<...>`, `due:<date>` for the UI's tag filter.
"""

from __future__ import annotations

import asyncio
import contextvars
import queue
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from uuid import UUID, uuid4

from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.objects import State, StateType, TaskRun, TaskRunPolicy
from prefect.context import FlowRunContext
from prefect.events.related import related_resources_from_run_context

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


BATCH = 500  # events per request: about 1 MB
_Pending = tuple[Report, UUID, list[UUID]]  # a task run to send: its report, id, inputs' ids
MESSAGE_LIMIT = 100_000  # Prefect truncates state messages in events to this many characters
# What Prefect leaves out of the task run in the event's payload (the engine's own exclusions)
_PAYLOAD_EXCLUDE = {"id", "created", "updated", "flow_run_id", "state_id", "state_type",
                    "state_name", "state", "estimated_start_time_delta", "estimated_run_time"}


class _Template:
    """The fields of one task run's state-change event as Prefect's engine fills them, built once
    with Prefect's models (TaskRun, State) and copied per report (`event`)."""

    def __init__(self, flow_run_id: UUID, task_key: str, related: list[dict[str, str]]) -> None:
        now: Any = datetime.now(UTC)  # Prefect's DateTime type is a datetime at run time
        state: State[None] = State(type=StateType.COMPLETED, name="Completed", timestamp=now)
        state.state_details.task_run_id = uuid4()
        state.state_details.flow_run_id = flow_run_id
        task_run = TaskRun(
            id=uuid4(), name="template", flow_run_id=flow_run_id, task_key=task_key,
            dynamic_key="template", empirical_policy=TaskRunPolicy(), tags=[], state=state,
            state_id=state.id, state_type=state.type, state_name=state.name,
            expected_start_time=now, start_time=now, end_time=now, run_count=1)
        self.task_run = task_run.model_dump(mode="json", exclude_none=True, exclude=_PAYLOAD_EXCLUDE)
        self.state_details = state.state_details.model_dump(
            mode="json", exclude_none=True, exclude_unset=True, exclude={"flow_run_id", "task_run_id"})
        self.related = related

    def event(self, report: Report, task_run_id: UUID, inputs: list[UUID]) -> dict[str, Any]:
        """The event recording `report` as a finished task run `task_run_id` that waited for
        `inputs` (task run ids), as `emit_task_run_state_change_event` builds it."""
        now = datetime.now(UTC)
        stamp, end = now.isoformat(), (now + timedelta(microseconds=1)).isoformat()
        name, kind = STATE_NAMES[report.status], STATE_TYPES[report.status].value
        message = report.message[:MESSAGE_LIMIT]
        task_run = {**self.task_run, "name": report.name, "dynamic_key": report.name,
                    "tags": list(report.tags), "expected_start_time": stamp, "start_time": stamp,
                    "end_time": end,
                    "task_inputs": {"wait_for": [{"input_type": "task_run", "id": str(i)}
                                                 for i in inputs]} if inputs else {}}
        tags = [{"prefect.resource.id": f"prefect.tag.{tag}", "prefect.resource.role": "tag"}
                for tag in sorted(report.tags)]
        seen = {t["prefect.resource.id"] for t in tags}
        return {
            "id": str(uuid4()), "occurred": stamp, "event": f"prefect.task-run.{name}",
            "resource": {
                "prefect.resource.id": f"prefect.task-run.{task_run_id}",
                "prefect.resource.name": report.name, "prefect.run-count": "1",
                "prefect.state-message": message, "prefect.state-name": name,
                "prefect.state-timestamp": stamp, "prefect.state-type": kind,
                "prefect.orchestration": "client"},
            "related": tags + [r for r in self.related if r["prefect.resource.id"] not in seen],
            "payload": {
                "intended": {"from": None, "to": kind}, "initial_state": None,
                "validated_state": {"type": kind, "name": name, "message": message,
                                    "state_details": self.state_details, "data": None},
                "task_run": task_run},
        }


class _SyncReads:
    """The reads `related_resources_from_run_context` makes (flow, deployment, work queue, work
    pool), answered by the flow run's own API client, so that the recorder opens no second client
    for one or two requests (a new client's TLS context alone took 45 ms of CPU, which the flow's
    thread waits for: one interpreter lock)."""

    def __init__(self, client: SyncPrefectClient) -> None:
        self._client = client

    async def read_flow(self, flow_id: UUID) -> Any:
        return self._client.read_flow(flow_id)

    async def read_deployment(self, deployment_id: UUID) -> Any:
        return self._client.read_deployment(deployment_id)

    async def read_work_queue(self, work_queue_id: UUID) -> Any:
        return self._client.read_work_queue(work_queue_id)

    async def read_work_pool(self, work_pool_name: str) -> Any:
        return self._client.read_work_pool(work_pool_name)


def context_related(client: SyncPrefectClient) -> list[dict[str, str]]:
    """The run context's related resources (flow run, flow, deployment, their tags), as Prefect's
    events worker attaches them to every event it sends (`related_resources_from_run_context`),
    read with `client`, the flow run's. Raises Prefect's HTTP errors."""
    reads = cast(Any, _SyncReads(client))  # duck-typed: only these four reads are awaited
    return [dict(r.root) for r in asyncio.run(related_resources_from_run_context(client=reads))]


class TaskRunRecorder:
    """Records task runs in a flow run: `record` gives each report its task run id at once and
    returns them; a thread of its own asks for the run context's related resources, builds the
    events and sends them, `BATCH` to a request, with the flow run's API client (one client for
    the run, none per task), so the flow goes on with its work while the server takes them in.
    `close` (or leaving the `with` block) waits until every batch is sent.

    Create it inside the run of a sync flow (its client and related resources are the context's);
    raises RuntimeError outside one. `close` raises the first error the server answered with (Prefect's
    HTTP errors, after the client's retries): a task run that could not be recorded fails the
    flow run rather than go missing."""

    def __init__(self) -> None:
        context = FlowRunContext.get()
        if context is None or context.flow_run is None:
            raise RuntimeError("task runs are recorded inside a flow run")
        if not isinstance(context.client, SyncPrefectClient):  # its requests are made from a thread
            raise RuntimeError("task runs are recorded inside a flow run of a sync flow")
        self._client = context.client
        self._flow_run_id = context.flow_run.id
        self._batches: queue.SimpleQueue[tuple[str, list[_Pending]] | None] = queue.SimpleQueue()
        self._errors: list[Exception] = []
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._send,),
                                        name="mandates-task-runs", daemon=True)
        self._thread.start()

    def record(self, task_key: str, reports: Iterable[Report]) -> dict[str, UUID]:
        """Queue one finished task run per report, in order; returns each report's task run id
        by name. Raises KeyError when a report waits for a name not recorded before it."""
        recorded: dict[str, UUID] = {}
        batch: list[_Pending] = []
        for report in reports:
            task_run_id = uuid4()
            batch.append((report, task_run_id, [recorded[n] for n in report.waits_for]))
            recorded[report.name] = task_run_id
            if len(batch) == BATCH:
                self._batches.put((task_key, batch))
                batch = []
        if batch:
            self._batches.put((task_key, batch))
        return recorded

    def _send(self) -> None:
        """The thread: the run context's related resources (a request or two, at once, while the
        flow loads and evaluates), then each batch built into events (`_Template`) and posted,
        in order."""
        related: list[dict[str, str]] = []
        try:
            related = context_related(self._client)
        except Exception as exc:  # raised again by close, in the flow's thread
            self._errors.append(exc)
        templates: dict[str, _Template] = {}
        while (work := self._batches.get()) is not None:
            if self._errors:  # after a refusal, the rest is not sent: the run fails anyway
                continue
            task_key, batch = work
            try:
                if task_key not in templates:
                    templates[task_key] = _Template(self._flow_run_id, task_key, related)
                template = templates[task_key]
                self._client.request("POST", "/events", json=[template.event(*item) for item in batch])
            except Exception as exc:  # raised again by close, in the flow's thread
                self._errors.append(exc)

    def close(self) -> None:
        """Wait until every queued batch is sent; raise the first error met."""
        if self._thread.is_alive():
            self._batches.put(None)
            self._thread.join()
        if self._errors:
            raise self._errors[0]

    def __enter__(self) -> TaskRunRecorder:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:  # the flow fails already: the task runs are still sent, its error is kept
            self._batches.put(None)
            self._thread.join()


def record_task_runs(task_key: str, reports: Iterable[Report]) -> dict[str, UUID]:
    """Record one finished task run per report in the current flow run and wait until they are
    sent (`TaskRunRecorder`); returns each report's task run id by name."""
    with TaskRunRecorder() as recorder:
        return recorder.record(task_key, reports)


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
