"""Flow-run heartbeats that stop when the flow does, for `mandates run` (issue 12).

Prefect 3.8.8 detects a crashed flow run (a process killed, a machine gone) by the absence of its
heartbeats: the engine emits a `prefect.flow-run.heartbeat` event when the flow starts and every
`PREFECT_FLOWS_HEARTBEAT_FREQUENCY` seconds (default 180, at least 30; legacy name
`PREFECT_RUNNER_HEARTBEAT_FREQUENCY`; none when unset), and an automation that expects a
heartbeat or a final state within a few intervals (Prefect's "zombie flow run" recipe) marks a
run that goes silent Crashed. The engine sends them from a thread that sleeps in steps of one
second (`prefect.flow_engine._send_heartbeats`) and, after the final state is set, waits for that
thread to finish its step: 0 to 1 s of wall time with no CPU at the end of every sync flow run,
0.5 s on average, a sixth of a bundled daily check (docs/orchestration.md, "Heartbeats").

So `mandates run` hands the heartbeats over to the flow (`handed_over`, around the flow call):
for that call the engine's frequency is set to none, and the flow, under `heartbeats()`, sends
the very same event (resource: the flow run, its name and Prefect's version; related: its flow,
its deployment, its tags; as `BaseFlowRunEngine._build_heartbeat_event_template` builds it)
through Prefect's `emit_event`, at once and then at the configured frequency, from a thread that
waits on an event instead of sleeping, so it stops the moment the flow function returns. What
the server sees is unchanged: a heartbeat when the flow starts, one per interval while it runs,
then the final state, which the engine sets a few milliseconds after this thread has stopped.
With heartbeats off (frequency unset) nothing is sent, as with Prefect's own. Served and worker
runs (`mandates deploy`, `prefect worker`) keep the engine's own heartbeats: nothing
is handed over there. No I/O here but Prefect's events client.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from prefect import __version__ as prefect_version
from prefect.context import FlowRunContext, SettingsContext
from prefect.events import emit_event
from prefect.events.related import tags_as_related_resources
from prefect.events.schemas.events import RelatedResource
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

MINIMUM_SECONDS = 30  # Prefect's own floor (`prefect.flow_engine.MINIMUM_HEARTBEAT_INTERVAL`)
HEARTBEAT_EVENT = "prefect.flow-run.heartbeat"

# Seconds between the heartbeats the flow sends itself; None: the engine sends them, or nobody
_handed_over: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "mandates_flow_heartbeats", default=None)


@contextmanager
def handed_over() -> Iterator[int | None]:
    """Around a flow call in this process: the engine sends no heartbeats inside the block and a
    flow under `heartbeats()` sends them itself, at the configured frequency (seconds, at least
    30); yields that frequency, None when heartbeats are off (then nothing changes)."""
    frequency = PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()
    if frequency is None:
        yield None
        return
    seconds = max(int(frequency), MINIMUM_SECONDS)
    # The current settings with only this one changed, as `temporary_settings` enters them, but
    # copied rather than validated again: that validation of every setting took 53 ms of CPU
    current = SettingsContext.get()
    if current is None:
        raise RuntimeError("Prefect's settings context is not set")
    settings = current.settings
    quiet = settings.model_copy(update={"flows": settings.flows.model_copy(
        update={"heartbeat_frequency": None})})
    token = _handed_over.set(seconds)
    try:
        with SettingsContext(profile=current.profile, settings=quiet):
            yield seconds
    finally:
        _handed_over.reset(token)


def heartbeat_template(context: FlowRunContext) -> tuple[dict[str, str], list[RelatedResource]]:
    """The heartbeat event's resource and related resources for the flow run of `context`, as
    Prefect's engine builds them (`_build_heartbeat_event_template`)."""
    run = context.flow_run
    if run is None:
        raise RuntimeError("heartbeats are sent inside a flow run")
    resource = {"prefect.resource.id": f"prefect.flow-run.{run.id}",
                "prefect.resource.name": run.name or "", "prefect.version": prefect_version}
    related: list[RelatedResource] = []
    if run.flow_id:
        related.append(RelatedResource.model_validate({
            "prefect.resource.id": f"prefect.flow.{run.flow_id}", "prefect.resource.role": "flow",
            "prefect.resource.name": context.flow.name if context.flow else ""}))
    if run.deployment_id:
        related.append(RelatedResource.model_validate({
            "prefect.resource.id": f"prefect.deployment.{run.deployment_id}",
            "prefect.resource.role": "deployment"}))
    return resource, related + tags_as_related_resources(set(run.tags or []))


@contextmanager
def heartbeats() -> Iterator[threading.Thread | None]:
    """Inside a flow function: when `handed_over` gave the heartbeats to the flow, send one now
    and one every interval from a thread of its own until the block ends, then stop at once;
    yields that thread, or None when the engine sends them (served runs, tests) or nobody does.
    Raises RuntimeError when heartbeats were handed over but this is not a flow run."""
    seconds = _handed_over.get()
    if seconds is None:
        yield None
        return
    context = FlowRunContext.get()
    if context is None:
        raise RuntimeError("heartbeats are sent inside a flow run")
    resource, related = heartbeat_template(context)
    stop = threading.Event()

    def beat() -> None:
        while True:
            emit_event(event=HEARTBEAT_EVENT, resource=resource, related=related)
            if stop.wait(seconds):
                return

    # the run's context (settings, API URL, events client) goes with the thread, as Prefect does
    thread = threading.Thread(target=contextvars.copy_context().run, args=(beat,),
                              name="mandates-heartbeat", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join()

