"""Flow-run heartbeats handed over to the flow (flows/heartbeat.py, issue 12): the same events as
Prefect's engine sends, none from the engine, none after the flow function returns.

A small flow under `heartbeats()` runs against the session's test server, its events recorded on
their way to the server (Prefect's AssertingPassthroughEventsClient). The harness turns heartbeats
off (tests/flows/conftest.py); each test sets the frequency it needs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture()
def recorded_events(prefect_server: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The events the process emits in the test, recorded as they go to the server; the list is
    filled by `drained`."""
    from prefect.events.clients import AssertingPassthroughEventsClient
    from prefect.events.worker import EventsWorker

    AssertingPassthroughEventsClient.reset()
    worker = EventsWorker.instance(AssertingPassthroughEventsClient)
    monkeypatch.setattr(EventsWorker, "instance", lambda *_: worker)
    events: list[Any] = []
    yield events
    worker.drain()


def drained(events: list[Any]) -> list[Any]:
    """The events recorded so far, once the events worker has sent them."""
    from prefect.events.clients import AssertingPassthroughEventsClient
    from prefect.events.worker import EventsWorker

    EventsWorker.instance().drain()
    client = AssertingPassthroughEventsClient.last
    events.extend(client.events if client is not None else [])
    return events


def short_flow() -> Any:
    """A flow that notes what it saw (the engine's heartbeat setting, the heartbeat thread) and
    returns at once."""
    from prefect import flow
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    from flows.heartbeat import heartbeats

    @flow(name="heartbeat-probe", persist_result=False)
    def probe() -> dict[str, Any]:
        with heartbeats() as thread:
            return {"engine_frequency": PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value(), "thread": thread}

    return probe


def beats(events: list[Any]) -> list[Any]:
    return [e for e in events if e.event == "prefect.flow-run.heartbeat"]


def test_handed_over_the_flow_sends_the_engines_heartbeat_and_stops_with_it(
        recorded_events: list[Any]) -> None:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.heartbeat import handed_over

    probe = short_flow()
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 45}):
        with handed_over() as seconds:
            state = probe(return_state=True)
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == 45  # restored after the call
    assert seconds == 45
    seen = state.result()
    assert seen["engine_frequency"] is None  # the engine sent none
    thread: threading.Thread = seen["thread"]
    assert thread is not None and not thread.is_alive()  # stopped when the flow returned
    heartbeats = beats(drained(recorded_events))
    assert len(heartbeats) == 1  # one at the start; the next would be 45 s later
    run_id = state.state_details.flow_run_id
    beat = heartbeats[0]
    assert beat.resource.id == f"prefect.flow-run.{run_id}"
    assert beat.resource["prefect.version"]
    flows = [r for r in beat.related if r.role == "flow"]
    assert len(flows) == 1 and flows[0].name == "heartbeat-probe"


def test_not_handed_over_the_engine_sends_them(recorded_events: list[Any]) -> None:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    probe = short_flow()
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 45}):
        state = probe(return_state=True)
    seen = state.result()
    assert seen["engine_frequency"] == 45 and seen["thread"] is None
    heartbeats = beats(drained(recorded_events))
    assert [h.resource.id for h in heartbeats] == [
        f"prefect.flow-run.{state.state_details.flow_run_id}"]


def test_heartbeats_off_stay_off(recorded_events: list[Any]) -> None:
    from flows.heartbeat import handed_over

    probe = short_flow()  # the harness runs with PREFECT_FLOWS_HEARTBEAT_FREQUENCY unset
    with handed_over() as seconds:
        state = probe(return_state=True)
    assert seconds is None
    assert state.result()["thread"] is None
    assert beats(drained(recorded_events)) == []


def test_heartbeats_outside_a_flow_run_raise() -> None:
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from flows.heartbeat import handed_over, heartbeats

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 45}), handed_over(), \
            pytest.raises(RuntimeError), heartbeats():
        pass
