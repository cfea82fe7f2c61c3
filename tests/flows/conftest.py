"""Fixtures of the orchestration tests (issue 3): one Prefect test server, a real SMTP server.

The Prefect test harness starts one temporary server (SQLite) for the whole session. Its task-run
recorder writes in batches and its event persister is off (see docs/orchestration.md: each
tagged task asks the server for tag concurrency slots, and SQLite answers "database is locked"
when another writer commits at that moment; the client then waits two seconds for a retry).
Flow heartbeats are off so that a flow does not wait for its heartbeat thread at the end.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from mailserver import Inbox, smtp_servers
from ports import free_port

PREFECT_TEST_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_HOME": tempfile.mkdtemp(prefix="mandates-prefect-home-"),
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    # The tests read task runs, logs and artifacts, never events: fewer writers, fewer locks.
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
}
for _key, _value in PREFECT_TEST_ENV.items():
    os.environ.setdefault(_key, _value)
atexit.register(shutil.rmtree, PREFECT_TEST_ENV["PREFECT_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[str]:
    """One temporary Prefect server for the session (prefect_test_harness); yields its API URL."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120), \
            temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        url = PREFECT_API_URL.value()
        assert url
        yield str(url)


@pytest.fixture(scope="module")
def smtp_on() -> Iterator[Callable[[int], Inbox]]:
    """Start a real SMTP server on a given port of 127.0.0.1; all stop after the test module."""
    with smtp_servers() as start:
        yield start


@pytest.fixture()
def smtp(smtp_on: Callable[[int], Inbox]) -> Inbox:
    """An SMTP server on a free port of 127.0.0.1 for one test."""
    return smtp_on(free_port())


@pytest.fixture(scope="session")
def port_finder() -> Callable[[], int]:
    """A function that finds a port of 127.0.0.1 with nothing listening."""
    return free_port


@pytest.fixture()
def unused_port() -> int:
    """A port of 127.0.0.1 with nothing listening (a mail server that is down)."""
    return free_port()


def _write_settings(folder: Path, urls: list[str], retries: int = 1, threshold: int = 500) -> Path:
    """A settings file: calendars in `folder`/calendars, these alert URLs, no delay between tries."""
    path = folder / "settings.yaml"
    lines = [f"calendars_dir: {folder / 'calendars'}", f"flow_task_threshold: {threshold}",
             "alerts:", f"  retries: {retries}",
             "  retry_delay_seconds: 0", "  urls:"]
    lines += [f"    - {url!r}" for url in urls]
    if not urls:
        lines[-1] = "  urls: []"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def write_settings() -> Callable[..., Path]:
    """Write a settings file (calendars folder, alert URLs, retries) and return its path."""
    return _write_settings


def wait_until(check: Callable[[], Any], what: str, limit: float = 60.0) -> Any:
    """Poll until `check()` is truthy (the server records runs from events, a little later)."""
    deadline = time.monotonic() + limit
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def _task_runs(flow_run_id: UUID, expected: int) -> list[Any]:
    """The task runs of a flow run, read back through the Prefect API once all are final."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    def read() -> list[Any] | None:
        runs: list[Any] = []
        with get_client(sync_client=True) as client:
            while True:
                page = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
                    limit=200, offset=len(runs))
                runs += page
                if len(page) < 200:
                    break
        done = [r for r in runs if r.state is not None and r.state.is_final()]
        return runs if len(runs) >= expected and len(done) == len(runs) else None

    return list(wait_until(read, f"{expected} finished task runs of flow run {flow_run_id}"))


def _flow_logs(flow_run_id: UUID, needle: str) -> list[str]:
    """The flow run's log messages, read back through the API once one contains `needle`."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    def read() -> list[str] | None:
        with get_client(sync_client=True) as client:
            logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])))
        messages = [log.message for log in logs]
        return messages if any(needle in m for m in messages) else None

    return list(wait_until(read, f"a log of flow run {flow_run_id} saying {needle!r}"))


@dataclass(frozen=True)
class PrefectApi:
    """Read runs and logs back through the Prefect API."""

    url: str
    task_runs: Callable[[UUID, int], list[Any]] = _task_runs
    flow_logs: Callable[[UUID, str], list[str]] = _flow_logs


@pytest.fixture(scope="session")
def prefect_api(prefect_server: str) -> PrefectApi:
    """The session's Prefect server, with helpers that read runs and logs back."""
    return PrefectApi(prefect_server)
