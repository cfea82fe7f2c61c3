"""A real Prefect server on PostgreSQL (issue 3): deploy, run the daily check, read the states back.

`prefect server start` runs on 127.0.0.1 (a free port) with its database in a fresh PostgreSQL
database, created here and dropped at the end. The daily check is deployed twice, the two ways
docs/orchestration.md describes: served by `mandates deploy`, and from prefect.yaml with
`prefect deploy` and a process worker. Each run's task states are read back through the API.
Slow (a server, a runner and flow subprocesses); skipped when PostgreSQL is not reachable.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pendulum
import pytest

from mandates.config.history import shipped_facts
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ADMIN_URL = os.environ.get("MANDATES_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
STATE_NAMES = {"delivered": "Delivered", "on_track": "OnTrack", "due_soon": "DueSoon",
               "at_risk": "AtRisk", "blocked": "Blocked", "overdue": "Overdue",
               "cancelled": "Cancelled"}


def _admin() -> Any:
    import psycopg

    return psycopg.connect(ADMIN_URL, connect_timeout=3, autocommit=True)


def _reachable() -> str | None:
    try:
        with _admin():
            return None
    except Exception as exc:  # any failure means: no usable server here
        return f"PostgreSQL is not reachable at {ADMIN_URL}, so no Prefect server on it: {exc}"


def _stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(check: Callable[[], Any], what: str, process: subprocess.Popen[bytes] | None = None,
          limit: float = 180.0) -> Any:
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + limit
    while True:
        try:
            value = check()
        except (httpx.HTTPError, OSError, ValueError, ObjectNotFound):
            value = None
        if value:
            return value
        if process is not None and process.poll() is not None:
            raise AssertionError(f"{what}: the process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def pg_prefect(tmp_path_factory: pytest.TempPathFactory,
               port_finder: Callable[[], int]) -> Iterator[dict[str, str]]:
    """A Prefect server on a fresh PostgreSQL database; yields the environment that reaches it."""
    reason = _reachable()
    if reason:
        pytest.skip(reason)
    database = f"prefect_{uuid.uuid4().hex[:12]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    home = tmp_path_factory.mktemp("prefect-home")
    port = port_finder()
    host = ADMIN_URL.split("://", 1)[1].rsplit("/", 1)[0]
    env = {**os.environ, "PREFECT_HOME": str(home), "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"postgresql+asyncpg://{host}/{database}",
           "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
           "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
           "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1"}
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, cwd=home,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{port}/api"
    try:
        _wait(lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200,
              "the Prefect server on PostgreSQL", server)
        client_env = {**env, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "1",
                      "PREFECT_WORKER_QUERY_SECONDS": "1"}
        yield client_env
    finally:
        _stop(server)
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture()
def check_env(pg_prefect: dict[str, str], postgres_url: str, tmp_path: Path,
              write_settings: Callable[..., Path]) -> dict[str, str]:
    """The environment of a check: the Prefect server above, the state database on PostgreSQL."""
    return {**pg_prefect, "MANDATES_DATABASE_URL": postgres_url,
            "MANDATES_SETTINGS": str(write_settings(tmp_path, []))}


def _client(env: dict[str, str]) -> Any:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class Client:
        def __enter__(self) -> Any:
            self.settings = temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]})
            self.settings.__enter__()
            self.client = get_client(sync_client=True)
            return self.client.__enter__()

        def __exit__(self, *exc: object) -> None:
            self.client.__exit__(*exc)
            self.settings.__exit__(*exc)

    return Client()


def _run_and_read(env: dict[str, str], deployment_name: str, plan: Plan) -> dict[str, Any]:
    """Trigger a run of the deployment as of 6 January 2020; return its output tasks, by id."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with _client(env) as client:
        deployment = _wait(lambda: client.read_deployment_by_name(deployment_name),
                           f"deployment {deployment_name}", limit=120)
        [schedule] = deployment.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 7 * * *",
                                                                       "America/Toronto")
        flow_run = client.create_flow_run_from_deployment(deployment.id,
                                                          parameters={"as_of": "2020-01-06"})
        finished = _wait(lambda: (lambda r: r if r.state and r.state.is_final() else None)(
            client.read_flow_run(flow_run.id)), f"flow run {flow_run.id}")
        assert finished.state.is_completed(), finished.state

        def outputs() -> dict[str, Any] | None:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[flow_run.id])), limit=200)
            done = {r.name: r for r in runs if r.state and r.state.is_final()}
            return done if len(done) == len(plan.outputs) + 7 else None  # + 7 side tasks

        runs = _wait(outputs, f"the task runs of {flow_run.id}")
    return {name: run for name, run in runs.items() if name in plan.outputs}


def _check_states(outputs: dict[str, Any], plan: Plan) -> None:
    # The deployments run the bundled process as shipped on an empty state database: the facts
    # are those shipped with it (config/post2020.history.yaml), as `Store.facts_of` reads them.
    evaluation = evaluate(plan, list(shipped_facts(plan)), pendulum.Date(2020, 1, 6))
    assert {oid: r.state.name for oid, r in outputs.items()} == {
        oid: STATE_NAMES[s.status.value] for oid, s in evaluation.outputs.items()}
    # the zero draft, issued 6 January 2020 by shipped fact (due soon by the founding text alone)
    assert outputs["wg2020-2-documents"].state.name == "Delivered"
    names = {r.id: oid for oid, r in outputs.items()}
    for oid, run in outputs.items():
        assert sorted(names[i.id] for i in run.task_inputs.get("wait_for", [])) == sorted(
            plan.all_inputs(oid))


def test_served_by_mandates_deploy(check_env: dict[str, str], bundled_plan: Plan,
                                   tmp_path: Path) -> None:
    served = subprocess.Popen([str(BIN / "mandates"), "deploy"], env=check_env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        outputs = _run_and_read(check_env, "daily-check/daily-check", bundled_plan)
    finally:
        _stop(served, signal.SIGINT)
    _check_states(outputs, bundled_plan)
    assert (tmp_path / "calendars" / "check-post2020.json").is_file()


def test_deployed_from_prefect_yaml_and_run_by_a_worker(check_env: dict[str, str],
                                                        bundled_plan: Plan, tmp_path: Path) -> None:
    prefect = str(BIN / "prefect")
    subprocess.run([prefect, "work-pool", "create", "mandates", "--type", "process"],
                   env=check_env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([prefect, "--no-prompt", "deploy", "--all"], env=check_env, cwd=ROOT,
                   check=True, capture_output=True)
    worker = subprocess.Popen([prefect, "worker", "start", "--pool", "mandates"], env=check_env,
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        outputs = _run_and_read(check_env, "daily-check/daily-check", bundled_plan)
    finally:
        _stop(worker, signal.SIGINT)
    _check_states(outputs, bundled_plan)
    assert (tmp_path / "calendars" / "check-post2020.json").is_file()
