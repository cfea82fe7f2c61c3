"""Benchmark of the daily_check flow against a running Prefect server (issue 3, "Scale").

For the bundled process and synthetic processes of 500, 5,000 and 50,000 outputs (bench/generate.py),
each check runs in a fresh Python process, as a deployment run does, twice in a row: the first run
is cold (Prefect opens one API client per distinct set of task tags), the second warm. Measured:
the flow call, the whole process, whether our record (check-PROCESS.json) has every output, and
how many task runs the server recorded. The server is PREFECT_API_URL (or --api-url); without
one, a `prefect server start` is started for the run, on PostgreSQL when it is reachable.

    .venv/bin/python bench/flow_bench.py                     # everything, about 5 minutes
    .venv/bin/python bench/flow_bench.py --sizes 500 --repeat 1

Process files are generated into bench/out/ and loaded once before they are timed: the loader
caches compiled plans, and a daily check reads an unchanged file (the cold load is reported).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
SERVER_ENV = {
    "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "100",
}
AS_OF = {"bundled": "2020-01-06", "synthetic": "2021-06-01"}


def free_port() -> int:
    """A port of 127.0.0.1 with nothing listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(api: str, process: subprocess.Popen[bytes], limit: float = 180) -> None:
    """Wait for the server's health endpoint."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the Prefect server exited with {process.returncode}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the Prefect server did not start")


class Server:
    """A `prefect server start` for the benchmark: on PostgreSQL if reachable, else SQLite."""

    def __init__(self, postgres: str | None) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="flow-bench-prefect-"))
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/api"
        self.postgres, self.database = postgres, None
        env = {**os.environ, **SERVER_ENV, "PREFECT_HOME": str(self.home)}
        env.pop("PREFECT_API_URL", None)
        if postgres and self._admin() is not None:
            self.database = f"prefect_bench_{uuid.uuid4().hex[:8]}"
            with self._admin() as conn:
                conn.execute(f'CREATE DATABASE "{self.database}"')
            host = postgres.split("://", 1)[1].rsplit("/", 1)[0]
            env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = f"postgresql+asyncpg://{host}/{self.database}"
        self.backend = "PostgreSQL" if self.database else "SQLite"
        self.process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, cwd=self.home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_healthy(self.api, self.process)

    def _admin(self) -> Any:
        try:
            import psycopg

            return psycopg.connect(self.postgres or "", connect_timeout=3, autocommit=True)
        except Exception:  # no PostgreSQL here: the server uses SQLite
            return None

    def stop(self) -> None:
        """Stop the server and drop its database."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.database:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        shutil.rmtree(self.home, ignore_errors=True)


def process_file(size: int) -> Path:
    """The synthetic process of `size` outputs (bench/generate.py), generated once into bench/out."""
    path = OUT / f"synthetic-{size}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--outputs", str(size),
                        "--out", str(path)], check=True)
    return path


def load_seconds(config: Path | None, cold: bool = False) -> float:
    """Seconds to load the process in a fresh interpreter: from the plan cache, or without it."""
    code = ("import sys, time; from pathlib import Path; from mandates.config.processes import load_process;"
            "t = time.perf_counter(); load_process(Path(sys.argv[1]) if sys.argv[1] else None);"
            "print(time.perf_counter() - t)")
    env = {**os.environ, "MANDATES_NO_CACHE": "1"} if cold else None
    done = subprocess.run([sys.executable, "-c", code, str(config or "")], check=True,
                          capture_output=True, text=True, env=env)
    return float(done.stdout.strip())


def child(config: str, as_of: str, repeat: int) -> None:
    """In a fresh process: run the flow `repeat` times, print what happened as JSON."""
    from flows.daily_check import daily_check

    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        state = daily_check(config=config or None, as_of=as_of, return_state=True)
        runs.append({"seconds": round(time.perf_counter() - start, 2), "state": state.name,
                     "flow_run_id": str(state.state_details.flow_run_id), "summary": state.result()})
    print("RESULT " + json.dumps(runs))


def task_runs_recorded(api: str, flow_run_id: str, expected: int, limit: float = 120) -> int:
    """How many task runs the server recorded for a flow run (waiting for the recorder)."""
    deadline, count = time.monotonic() + limit, -1
    while time.monotonic() < deadline:
        count = int(httpx.post(f"{api}/task_runs/count", timeout=30,
                               json={"flow_runs": {"id": {"any_": [flow_run_id]}}}).json())
        if count >= expected:
            break
        time.sleep(1)
    return count


def flow_run_seconds(api: str, flow_run_id: str) -> float:
    """The flow run's duration as the server recorded it (start to end)."""
    run = httpx.get(f"{api}/flow_runs/{flow_run_id}", timeout=30).json()
    return round(float(run["total_run_time"]), 2)


def every_output_recorded(path: Path, outputs: int) -> bool:
    """Whether our record has every output, each with a status."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data["outputs"]) == outputs and all(o["status"] for o in data["outputs"])


def bench_case(name: str, config: Path | None, api: str, repeat: int,
               cold_load: bool) -> dict[str, Any]:
    """Run one case in a fresh process against the server; measure and verify."""
    from mandates.config.processes import load_process

    uncached = round(load_seconds(config, cold=True), 2) if cold_load else None
    outputs = len(load_process(config).outputs)  # fills the plan cache
    cached = load_seconds(config)
    work = Path(tempfile.mkdtemp(prefix=f"flow-bench-{name}-"))
    settings = work / "settings.yaml"
    settings.write_text(f"calendars_dir: {work / 'calendars'}\n", encoding="utf-8")
    env = {**os.environ, **SERVER_ENV, "PREFECT_API_URL": api, "PREFECT_LOGGING_LEVEL": "WARNING",
           "PREFECT_HOME": str(work / ".prefect"), "MANDATES_SETTINGS": str(settings),
           "MANDATES_DATABASE_URL": f"sqlite:///{work / 'state.db'}"}
    as_of = AS_OF["bundled" if config is None else "synthetic"]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", str(config or ""), as_of, str(repeat)],
                          env=env, cwd=work, capture_output=True, text=True)
    wall = round(time.perf_counter() - start, 2)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not lines:
        raise SystemExit(f"{name}: the flow failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    runs = json.loads(lines[-1][len("RESULT "):])
    first = runs[0]["summary"]
    recorded = task_runs_recorded(api, runs[0]["flow_run_id"], first["tasks"] + 6)
    record = Path(first["check_json"])
    complete = every_output_recorded(record if record.is_absolute() else work / record, outputs)
    shutil.rmtree(work, ignore_errors=True)
    return {"case": name, "outputs": outputs, "mode": first["mode"], "tasks": first["tasks"],
            "flow_seconds": [r["seconds"] for r in runs],
            "server_seconds": [flow_run_seconds(api, r["flow_run_id"]) for r in runs],
            "process_seconds": wall, "plan_load_seconds": round(cached, 2),
            "plan_load_uncached_seconds": uncached,
            "record_complete": complete,
            "task_runs_recorded": recorded, "task_runs_expected": first["tasks"] + 6,
            "states": sorted({r["state"] for r in runs})}


def main() -> None:
    """Parse the options, run the cases, print a table and write bench/out/flow-bench.json."""
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", default=os.environ.get("PREFECT_API_URL"))
    parser.add_argument("--postgres", default=os.environ.get(
        "MANDATES_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"),
                        help="admin URL of a PostgreSQL server for the Prefect server's database")
    parser.add_argument("--sqlite", action="store_true", help="start the server on SQLite")
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000, 50000])
    parser.add_argument("--repeat", type=int, default=2, help="runs per fresh process")
    parser.add_argument("--no-bundled", action="store_true")
    parser.add_argument("--cold-load", action="store_true",
                        help="also time loading each process without the plan cache (slow)")
    args = parser.parse_args()
    server = None if args.api_url else Server(None if args.sqlite else args.postgres)
    api = args.api_url or (server.api if server else "")
    backend = server.backend if server else "given"
    results = []
    try:
        cases: list[tuple[str, Path | None]] = [] if args.no_bundled else [("bundled", None)]
        cases += [(f"synthetic-{n}", process_file(n)) for n in args.sizes]
        for name, config in cases:
            result = bench_case(name, config, api, args.repeat, args.cold_load)
            result["server"] = backend
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        if server is not None:
            server.stop()
    print(f"\n{'case':<18}{'outputs':>8}  {'mode':<11}{'tasks':>6}  {'flow s (cold, warm)':<20}"
          f"{'process s':>10}  {'record':<8}{'task runs':>10}  {'plan load s (cached)':>20}")
    for r in results:
        flows = ", ".join(str(s) for s in r["flow_seconds"])
        print(f"{r['case']:<18}{r['outputs']:>8}  {r['mode']:<11}{r['tasks']:>6}  {flows:<20}"
              f"{r['process_seconds']:>10}  {'all' if r['record_complete'] else 'MISSING':<8}"
              f"{r['task_runs_recorded']:>5}/{r['task_runs_expected']:<4}  {r['plan_load_seconds']:>20}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "flow-bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
