"""The daily_check flow against `mandates check`, whole processes, side by side (issues 3 and 12).

For the bundled process and synthetic processes (bench/generate.py; default 500 and 5,000
outputs, every one with a task run of its own: the task threshold is raised above the size),
each round runs, in fresh processes in the same folder, `python -c "import prefect"` (the floor
of any flow run), `mandates check`, `mandates feeds` (the
same evaluation and feeds as the flow writes) and then `mandates run daily-check` against a
running Prefect server; medians over the rounds. After
each flow run the server is asked how many task runs it recorded for that run (all of them:
one per output and the helpers) and what the run's state says. `--ephemeral` also times the
bundled flow with no PREFECT_API_URL: Prefect's temporary server, started by each run.

The server is PREFECT_API_URL (or --api-url); without one, `prefect server start` is started
for the benchmark, on PostgreSQL when reachable (--sqlite: SQLite).

    .venv/bin/python bench/flow_bench.py                          # about 5 minutes
    .venv/bin/python bench/flow_bench.py --sizes 5000 --rounds 1 --no-bundled

Wall and CPU time (user + system, `os.wait4`) of every process, and the server's CPU time over
each flow run until the server has written every task run (from /proc: the server started here,
or --server-pid), with the load average: the machine is shared, so CPU times and ratios in one
run are the figures to compare.

Per-output overhead: (flow - reference) at the largest size minus (flow - reference) on the
bundled process, over the difference in outputs (the fixed cost of a run cancels); against
`mandates feeds` it is Prefect's cost per output, against `mandates check` it includes the feeds;
in CPU, flow and server together over `mandates feeds`.
The project's modules are compiled to bytecode first, as an installed copy has them.
Process files are generated into bench/out/ and loaded once before they are timed (the loader
caches compiled plans; a daily check reads an unchanged file).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import socket
import statistics
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


SIDE_TASKS = 7  # load-plan, load-facts, evaluate, write-check-json, write-feeds, send-alerts,
#                publish-artifacts
MANDATES = BIN / "mandates"


def process_file(size: int) -> Path:
    """The synthetic process of `size` outputs (bench/generate.py), generated once into bench/out."""
    path = OUT / f"synthetic-{size}.yaml"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--outputs", str(size),
                        "--out", str(path)], check=True)
    return path


CPU: list[float] = []  # CPU seconds (user + system) of each process `timed` ran, in order


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Wall seconds of one whole process (its CPU seconds appended to CPU); raises SystemExit when
    it fails."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        CPU.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status):
            out.seek(0)
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({os.waitstatus_to_exitcode(status)}):\n"
                             f"{out.read()[-3000:].decode()}\n{err.read()[-3000:].decode()}")
    return wall


def process_cpu(pid: int | None) -> float:
    """CPU seconds (user + system, with its waited-for children) a process has used so far; 0 when
    unknown (a server the benchmark did not start and no --server-pid)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def latest_flow_run(api: str) -> dict[str, Any]:
    """The flow run started last on the server."""
    runs = httpx.post(f"{api}/flow_runs/filter", timeout=30,
                      json={"sort": "START_TIME_DESC", "limit": 1}).json()
    return dict(runs[0])


def task_runs_recorded(api: str, flow_run_id: str, expected: int, limit: float = 180) -> int:
    """How many task runs the server recorded for a flow run (waiting for the recorder, polling
    every 0.2 s)."""
    deadline, count = time.monotonic() + limit, -1
    while time.monotonic() < deadline:
        count = int(httpx.post(f"{api}/task_runs/count", timeout=30,
                               json={"flow_runs": {"id": {"any_": [flow_run_id]}}}).json())
        if count >= expected:
            break
        time.sleep(0.2)
    return count


def every_output_recorded(path: Path, outputs: int) -> bool:
    """Whether our record has every output, each with a status."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return len(data["outputs"]) == outputs and all(o["status"] for o in data["outputs"])


def median(values: list[float]) -> float:
    """The median, rounded to 10 ms."""
    return round(statistics.median(values), 2)


def bench_case(name: str, config: Path | None, api: str, rounds: int,
               ephemeral: int, server_pid: int | None = None) -> dict[str, Any]:
    """`rounds` rounds of check then flow, fresh processes, one folder; measure and verify."""
    from mandates.config.processes import load_process

    outputs = len(load_process(config).outputs)  # fills the plan cache
    work = Path(tempfile.mkdtemp(prefix=f"flow-bench-{name}-"))
    settings = work / "settings.yaml"
    settings.write_text(f"calendars_dir: {work / 'calendars'}\n", encoding="utf-8")
    env = {**os.environ, **SERVER_ENV, "PREFECT_API_URL": api, "PREFECT_LOGGING_LEVEL": "WARNING",
           "PREFECT_HOME": str(work / ".prefect"), "MANDATES_SETTINGS": str(settings),
           "MANDATES_DATABASE_URL": f"sqlite:///{work / 'state.db'}"}
    as_of = AS_OF["bundled" if config is None else "synthetic"]
    where = ["--config", str(config)] if config else []
    check = [str(MANDATES), "check", "--as-of", as_of, *where]
    publish = [str(MANDATES), "feeds", "--as-of", as_of, *where, "--out", str(work / "feeds")]
    flow = [str(MANDATES), "run", "daily-check", "--as-of", as_of, *where,
            "--task-threshold", str(max(outputs, 500))]
    floors: list[float] = []
    checks: list[float] = []
    feeds: list[float] = []
    flows: list[float] = []
    cpu: dict[str, list[float]] = {"import_prefect": [], "check": [], "feeds": [], "flow": [],
                                   "server": []}
    recorded: list[int] = []
    until_recorded: list[float] = []  # wall seconds from the flow's start to its last task run written
    loads: list[float] = []
    state_names: set[str] = set()
    for _ in range(rounds):
        floors.append(timed([sys.executable, "-c", "import prefect"], env, work))
        checks.append(timed(check, env, work))
        feeds.append(timed(publish, env, work))
        before = process_cpu(server_pid)
        started = time.perf_counter()
        flows.append(timed(flow, env, work))
        for key, value in zip(("import_prefect", "check", "feeds", "flow"), CPU[-4:], strict=True):
            cpu[key].append(value)
        run = latest_flow_run(api)
        state_names.add(f"{run['state_type']}: {run['state_name']}")
        recorded.append(task_runs_recorded(api, run["id"], outputs + SIDE_TASKS))
        until_recorded.append(time.perf_counter() - started)
        cpu["server"].append(process_cpu(server_pid) - before)  # until every task run is written
        loads.append(os.getloadavg()[0])
    temporary: list[float] = []
    if ephemeral:
        local = {k: v for k, v in env.items() if k != "PREFECT_API_URL"}
        local["PREFECT_HOME"] = str(work / ".prefect-temporary")
        temporary = [timed(flow, local, work) for _ in range(ephemeral)]
    complete = every_output_recorded(work / "calendars" / f"check-{load_process(config).process.id}.json",
                                     outputs)
    shutil.rmtree(work, ignore_errors=True)
    return {"case": name, "outputs": outputs, "rounds": rounds,
            "check_seconds": [round(s, 2) for s in checks], "flow_seconds": [round(s, 2) for s in flows],
            "feeds_seconds": [round(s, 2) for s in feeds],
            "import_prefect_seconds": [round(s, 2) for s in floors],
            "import_prefect_median": median(floors),
            "flow_over_import_prefect": round(median(flows) / median(floors), 1),
            "check_median": median(checks), "feeds_median": median(feeds), "flow_median": median(flows),
            "ratio": round(median(flows) / median(checks), 1),
            "temporary_server_seconds": [round(s, 2) for s in temporary],
            "temporary_server_median": median(temporary) if temporary else None,
            "cpu_seconds": {k: [round(v, 2) for v in values] for k, values in cpu.items()},
            "cpu_median": {k: median(values) if values else None for k, values in cpu.items()},
            "flow_cpu_over_import_prefect_cpu": round(median(cpu["flow"]) / median(cpu["import_prefect"]), 2),
            "flow_cpu_over_check_cpu": round(median(cpu["flow"]) / median(cpu["check"]), 2),
            "load_average_1min": loads,
            "until_recorded_seconds": [round(s, 2) for s in until_recorded],
            "until_recorded_median": median(until_recorded),
            "record_complete": complete, "task_runs_recorded": recorded,
            "task_runs_expected": outputs + SIDE_TASKS, "flow_states": sorted(state_names)}


def main() -> None:
    """Parse the options, run the cases, print a table and write bench/out/flow-bench.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", default=os.environ.get("PREFECT_API_URL"))
    parser.add_argument("--postgres", default=os.environ.get(
        "MANDATES_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"),
                        help="admin URL of a PostgreSQL server for the Prefect server's database")
    parser.add_argument("--sqlite", action="store_true", help="start the server on SQLite")
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000])
    parser.add_argument("--rounds", type=int, default=5, help="rounds (check, flow) per case")
    parser.add_argument("--big-rounds", type=int, default=2,
                        help="rounds for processes of 1,000 outputs or more")
    parser.add_argument("--ephemeral", type=int, default=0,
                        help="also run the bundled flow this many times on a temporary server")
    parser.add_argument("--no-bundled", action="store_true")
    parser.add_argument("--server-pid", type=int, default=None,
                        help="pid of the server of --api-url, to report its CPU time")
    parser.add_argument("--out", type=Path, default=OUT / "flow-bench.json")
    args = parser.parse_args()
    # The project's bytecode, as an installed copy has it: with PYTHONDONTWRITEBYTECODE set (as on
    # this machine) nothing is cached and every run would compile about 75 modules (0.3 s of CPU)
    for package in ("mandates", "flows", "tasks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    server = None if args.api_url else Server(None if args.sqlite else args.postgres)
    api = args.api_url or (server.api if server else "")
    backend = server.backend if server else "given"
    results = []
    try:
        cases: list[tuple[str, Path | None]] = [] if args.no_bundled else [("bundled", None)]
        cases += [(f"synthetic-{n}", process_file(n)) for n in args.sizes]
        for name, config in cases:
            rounds = args.big_rounds if name != "bundled" and int(name.split("-")[1]) >= 1000 \
                else args.rounds
            result = bench_case(name, config, api, rounds, args.ephemeral if config is None else 0,
                                server.process.pid if server else args.server_pid)
            result["server"] = backend
            results.append(result)
            print(json.dumps(result), flush=True)
    finally:
        if server is not None:
            server.stop()
    print(f"\n{'case':<16}{'outputs':>8}{'prefect':>9}{'check s':>9}{'feeds s':>9}{'flow s':>9}{'ratio':>7}"
          f"{'temporary s':>13}{'recorded s':>12}  {'task runs recorded':<22}{'record':<8}")
    for r in results:
        temporary = r["temporary_server_median"]
        print(f"{r['case']:<16}{r['outputs']:>8}{r['import_prefect_median']:>9}{r['check_median']:>9}"
              f"{r['feeds_median']:>9}{r['flow_median']:>9}"
              f"{r['ratio']:>7}{temporary if temporary is not None else '-':>13}"
              f"{r['until_recorded_median']:>12}  "
              f"{'/'.join(map(str, r['task_runs_recorded']))} of {r['task_runs_expected']:<10}"
              f"{'all' if r['record_complete'] else 'MISSING':<8}")
    print(f"\nCPU seconds (user + system), medians\n{'case':<16}{'prefect':>9}{'check':>9}{'feeds':>9}"
          f"{'flow':>9}{'server':>9}{'flow/prefect':>14}{'flow/check':>12}  load")
    for r in results:
        c = r["cpu_median"]
        print(f"{r['case']:<16}{c['import_prefect']:>9}{c['check']:>9}{c['feeds']:>9}{c['flow']:>9}"
              f"{c['server']:>9}{r['flow_cpu_over_import_prefect_cpu']:>14}{r['flow_cpu_over_check_cpu']:>12}"
              f"  {', '.join(f'{x:.1f}' for x in r['load_average_1min'])}")
    bundled = next((r for r in results if r["case"] == "bundled"), None)
    largest = max((r for r in results if r["case"] != "bundled"), key=lambda r: r["outputs"],
                  default=None)
    if bundled and largest and largest["outputs"] != bundled["outputs"]:  # a slope needs two sizes
        overheads = {}
        for reference in ("check", "feeds"):
            extra = ((largest["flow_median"] - largest[f"{reference}_median"])
                     - (bundled["flow_median"] - bundled[f"{reference}_median"]))
            overheads[reference] = round(1000 * extra / (largest["outputs"] - bundled["outputs"]), 1)
        print(f"per-output cost of the flow over `mandates check`: {overheads['check']} ms, over "
              f"`mandates feeds` (the same evaluation and feeds): {overheads['feeds']} ms "
              f"({bundled['outputs']} -> {largest['outputs']} outputs)")
        big, small = largest["cpu_median"], bundled["cpu_median"]
        extra_cpu = ((big["flow"] - big["feeds"]) - (small["flow"] - small["feeds"])
                     + (big["server"] - small["server"]))
        cpu_ms = round(1000 * extra_cpu / (largest["outputs"] - bundled["outputs"]), 1)
        print(f"per-output CPU of the flow and the server over `mandates feeds`: {cpu_ms} ms")
        results.append({"per_output_ms_over_check": overheads["check"],
                        "per_output_ms_over_feeds": overheads["feeds"],
                        "per_output_cpu_ms_over_feeds_with_server": cpu_ms})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
