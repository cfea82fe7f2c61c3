"""mandates side by side with TaskJuggler 3 on the same synthetic process, as whole processes (issue 12).

For each size N the side-by-side process (bench/generate.py `side_by_side`: N outputs, N/20
meetings, each output due 42 days before its meeting, 70% with one input) is written in both
formats (the YAML of bench/generate.py, the .tjp of bench/tjp.py) and run as a user runs it:

- mandates: `mandates publish --json FILE --out DIR` (the JSON check and the feeds in one
  process, as a secretariat's daily publication runs), with a fresh SQLite database and plan
  cache in a temporary folder; `--mandates two` runs instead the two commands it replaces,
  `mandates check --format json` (stdout to a file) then `mandates feeds --out DIR`, and
  `--mandates both` measures both side by side (the two-process variant as `mandates-2p`);
- TaskJuggler: `tj3 --silent FILE.tjp`, writing its iCalendar export and a CSV task table.

*Cold* is the first run in a fresh folder (no database, plan cache or feeds yet); *warm* the
second run in the same folder, nothing changed since (the daily case; TaskJuggler keeps no state,
so its warm run differs only by the operating system's caches). Each round runs both tools, cold
then warm, the tools' order alternating between rounds; the table gives medians over rounds and
the ratio tj3 / mandates of the medians (above 1: mandates is faster). Peak memory is each child's
ru_maxrss (os.wait4), the larger of mandates' two commands in the two-process variant. The children
run as a user's do: PYTHONDONTWRITEBYTECODE is removed from their environment, so Python keeps the
compiled modules it writes on the first run. Due dates: tj3's CSV against mandates'
JSON, all N outputs (and both against the generator's own dates), reported as "N of N equal".

tj3 comes from Debian; the script installs it (`apt-get install -y tj3`) when it is missing and it
runs as root. A tj3 run longer than --tj3-timeout (default 600 s) is stopped and reported as such;
sizes of 100,000 or more run one round.

    python bench/tj3_bench.py --sizes 200,2000,10000            # about 10 minutes on 2 cores
    python bench/tj3_bench.py --sizes 100000 --tj3-timeout 600
    python bench/tj3_bench.py --sizes 200,2000 --mandates both  # one process and two, side by side
    python bench/tj3_bench.py --render small.json large.json   # one table from saved runs

Prints a markdown table for the README; writes bench/out/tj3_bench.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import side_by_side, side_by_side_yaml  # noqa: E402
from tjp import CSV_REPORT, ICAL_REPORT, tjp  # noqa: E402

AS_OF = "2021-06-01"
LARGE = 100_000  # from this size on, one round


@dataclass
class Run:
    """One whole-process run: wall and CPU (user + system) seconds, peak resident memory (MiB),
    per-command walls."""

    wall: float
    cpu: float
    peak_mib: float
    parts: dict[str, float]
    timed_out: bool = False


def ensure_tj3() -> str:
    """The path of tj3, installed from Debian if missing (as root); SystemExit otherwise."""
    found = shutil.which("tj3")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("tj3 is missing: run `apt-get install -y tj3` as root (Debian package tj3)")
    print("installing tj3 from Debian ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "tj3"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    found = shutil.which("tj3")
    if not found:
        raise SystemExit("apt-get installed tj3 but it is not on PATH")
    return found


def mandates_command() -> list[str]:
    """The `mandates` console script beside this interpreter, else on PATH, else `-m mandates.cli`."""
    beside = Path(sys.executable).parent / "mandates"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("mandates")
    return [found] if found else [sys.executable, "-m", "mandates.cli"]


def child(command: list[str], cwd: Path, env: dict[str, str], stdout: Path | None,
          timeout: float | None = None) -> tuple[float, float, float, bool]:
    """Run `command` to the end: (wall seconds, CPU seconds, peak RSS MiB, timed out).

    Raises SystemExit when it fails."""
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE)
        killed = threading.Event()

        def stop() -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
    finally:
        if stdout:
            out.close()  # type: ignore[union-attr]
    cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    if killed.is_set():
        return wall, cpu, peak, True
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors[-2000:]}")
    return wall, cpu, peak, False


def child_env(folder: Path) -> dict[str, str]:
    """A user's environment: no MANDATES_* of ours, compiled modules kept, the plan cache in
    `folder`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MANDATES_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["MANDATES_CACHE_DIR"] = str(folder / "cache")
    return env


def run_mandates(folder: Path, process: Path) -> Run:
    """`mandates publish` (the JSON check and the feeds, one process) on `process`, state kept in
    `folder`."""
    common = ["--config", str(process), "--as-of", AS_OF, "--database", f"sqlite:///{folder / 'state.db'}"]
    wall, cpu, peak, _ = child([*mandates_command(), "publish", "--json", str(folder / "check.json"),
                                *common, "--out", str(folder / "calendars")], folder, child_env(folder), None)
    return Run(wall, cpu, peak, {"publish": wall})


def run_mandates_two(folder: Path, process: Path) -> Run:
    """`mandates check --format json` then `mandates feeds` on `process` (two processes)."""
    env = child_env(folder)
    common = ["--config", str(process), "--as-of", AS_OF, "--database", f"sqlite:///{folder / 'state.db'}"]
    check = child([*mandates_command(), "check", "--format", "json", *common], folder, env,
                  folder / "check.json")
    feeds = child([*mandates_command(), "feeds", *common, "--out", str(folder / "calendars")],
                  folder, env, None)
    return Run(check[0] + feeds[0], check[1] + feeds[1], max(check[2], feeds[2]),
               {"check": check[0], "feeds": feeds[0]})


def run_tj3(tj3: str, folder: Path, project: Path, timeout: float) -> Run:
    """`tj3 --silent` on `project`, reports written into `folder`."""
    command = [tj3, "--silent", "--no-color", "--output-dir", str(folder), str(project)]
    wall, cpu, peak, timed_out = child(command, folder, dict(os.environ), None, timeout)
    return Run(wall, cpu, peak, {"tj3": wall}, timed_out)


def due_dates_mandates(folder: Path) -> dict[str, str]:
    """Output id -> due date (YYYY-MM-DD) from mandates' JSON check."""
    document = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    return {o["id"]: o["due"] for o in document["outputs"]}


def due_dates_tj3(folder: Path) -> dict[str, str]:
    """Output id -> date of its milestone (YYYY-MM-DD) from tj3's CSV table."""
    with (folder / f"{CSV_REPORT}.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return {row["Id"]: row["End"] for row in rows if row["Id"].startswith("o")}


def machine() -> dict[str, Any]:
    """Cores, CPU model, load average now, tool versions."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    tj3 = subprocess.run(["tj3", "--version"], capture_output=True, text=True).stdout.strip()
    mandates = subprocess.run([*mandates_command(), "--version"], capture_output=True, text=True).stdout
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return {"cores": os.cpu_count(), "cpu": model, "load_average": os.getloadavg(),
            "python": platform.python_version(), "tj3": tj3.splitlines()[0] if tj3 else "",
            "mandates": mandates.strip(), "commit": commit}


def bench_size(size: int, rounds: int, tj3: str, timeout: float, work: Path,
               variants: tuple[str, ...] = ("mandates",)) -> dict[str, Any]:
    """All rounds for one size: runs, medians, ratios, due-date agreement. `variants`: which of
    mandates' runs ("mandates": one process, "mandates-2p": two) besides tj3."""
    model = side_by_side(size)
    source = work / f"side-by-side-{size}"
    source.mkdir()
    process, project = source / "process.yaml", source / "process.tjp"
    process.write_text(side_by_side_yaml(model), encoding="utf-8")
    project.write_text(tjp(model, AS_OF), encoding="utf-8")
    tools = (*variants, "tj3")
    runs: dict[str, dict[str, list[Run]]] = {tool: {"cold": [], "warm": []} for tool in tools}
    first = variants[0]
    agreement: dict[str, Any] = {}
    tj3_gave_up = False
    for index in range(rounds):
        order = tools if index % 2 == 0 else tools[::-1]
        for tool in order:
            if tool == "tj3" and tj3_gave_up:
                continue
            folder = work / f"{size}-{tool}-{index}"
            folder.mkdir()
            for state in ("cold", "warm"):
                if tool == "tj3":
                    run = run_tj3(tj3, folder, project, timeout)
                else:
                    run = (run_mandates if tool == "mandates" else run_mandates_two)(folder, process)
                runs[tool][state].append(run)
                stopped = " (stopped: timeout)" if run.timed_out else ""
                print(f"  {size:>7} round {index + 1} {tool:>8} {state}: {run.wall:8.2f} s wall "
                      f"{run.cpu:8.2f} s CPU {run.peak_mib:7.0f} MiB{stopped}", flush=True)
                if run.timed_out:
                    tj3_gave_up = True
                    break
        if index == 0:
            agreement = agree(model, work / f"{size}-{first}-0", work / f"{size}-tj3-0", tj3_gave_up)
            print(f"  {size:>7} due dates: {agreement['summary']}", flush=True)
        for tool in tools:
            shutil.rmtree(work / f"{size}-{tool}-{index}", ignore_errors=True)
    return {"outputs": size, "meetings": len(model.meetings), "rounds": rounds,
            "inputs": sum(o.input is not None for o in model.outputs),
            "runs": {tool: {state: [vars(r) for r in rs] for state, rs in states.items()}
                     for tool, states in runs.items()},
            "median": {tool: {state: summary(rs) for state, rs in states.items()}
                       for tool, states in runs.items()},
            "agreement": agreement}


def agree(model: Any, mandates_folder: Path, tj3_folder: Path, tj3_gave_up: bool) -> dict[str, Any]:
    """Compare the due dates of both tools (and the generator's) for every output."""
    expected = {o.id: o.due.isoformat() for o in model.outputs}
    ours = due_dates_mandates(mandates_folder)
    feeds = sorted((mandates_folder / "calendars").rglob("*.ics"))
    result: dict[str, Any] = {
        "outputs": len(expected),
        "mandates_as_generated": sum(ours.get(k) == v for k, v in expected.items()),
        "mandates_feeds": len(feeds), "mandates_feed_bytes": sum(p.stat().st_size for p in feeds)}
    if tj3_gave_up:
        result["summary"] = "not compared (tj3 stopped)"
        return result
    theirs = due_dates_tj3(tj3_folder)
    equal = sum(ours.get(k) is not None and ours.get(k) == theirs.get(k) for k in expected)
    ical = tj3_folder / f"{ICAL_REPORT}.ics"
    result.update({
        "equal": equal, "tj3_as_generated": sum(theirs.get(k) == v for k, v in expected.items()),
        "tj3_ical_todos": ical.read_text(encoding="utf-8").count("BEGIN:VTODO"),
        "tj3_ical_bytes": ical.stat().st_size,
        "differences": [(k, ours.get(k), theirs.get(k)) for k in expected
                        if ours.get(k) != theirs.get(k)][:10]})
    result["summary"] = f"{equal:,} of {len(expected):,} due dates equal"
    return result


def summary(runs: list[Run]) -> dict[str, Any] | None:
    """Medians of wall and peak memory over the runs (None without a run; timed out: flagged)."""
    if not runs:
        return None
    if any(r.timed_out for r in runs):
        return {"wall": min(r.wall for r in runs), "cpu": min(r.cpu for r in runs),
                "peak_mib": max(r.peak_mib for r in runs), "timed_out": True}
    parts = {k: statistics.median(r.parts[k] for r in runs) for k in runs[0].parts}
    return {"wall": statistics.median(r.wall for r in runs), "cpu": statistics.median(r.cpu for r in runs),
            "peak_mib": statistics.median(r.peak_mib for r in runs), "parts": parts, "timed_out": False}


def table(results: list[dict[str, Any]], info: dict[str, Any], load_after: tuple[float, ...]) -> str:
    """The README's markdown table and its machine note."""
    def cell(value: dict[str, Any] | None) -> str:
        if value is None:
            return "—"
        return f"> {value['wall']:.0f} s (stopped)" if value["timed_out"] else f"{value['wall']:.2f} s"

    def ratio(tj: dict[str, Any] | None, ours: dict[str, Any] | None, key: str = "wall") -> str:
        if tj is None or ours is None:
            return "—"
        return f"> {tj[key] / ours[key]:.1f}" if tj["timed_out"] else f"{tj[key] / ours[key]:.1f}"

    def variants(r: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        """mandates' runs of a size: (label, medians); saved runs before `publish` hold
        "mandates" with the two commands' parts."""
        found = []
        for tool, medians in r["median"].items():
            if tool.startswith("mandates"):
                two = tool == "mandates-2p" or "check" in (medians["cold"] or {}).get("parts", {})
                found.append(("check + feeds" if two else "publish", medians))
        return found

    lines = ["| outputs | mandates run | mandates cold / warm | tj3 cold / warm "
             "| **tj3 / mandates** wall, cold / warm | tj3 / mandates CPU, cold / warm "
             "| peak MiB mandates / tj3 | due dates |",
             "|---:|---|---:|---:|---:|---:|---:|---|"]
    for r in results:
        t = r["median"]["tj3"]
        peak_tj = f"{t['cold']['peak_mib']:,.0f}" if t["cold"] else "—"
        for label, m in variants(r):
            lines.append(
                f"| {r['outputs']:,} | {label} | {cell(m['cold'])} / {cell(m['warm'])} "
                f"| {cell(t['cold'])} / {cell(t['warm'])} "
                f"| **{ratio(t['cold'], m['cold'])} / {ratio(t['warm'], m['warm'])}** "
                f"| {ratio(t['cold'], m['cold'], 'cpu')} / {ratio(t['warm'], m['warm'], 'cpu')} "
                f"| {max(m['cold']['peak_mib'], m['warm']['peak_mib']):,.0f} / {peak_tj} "
                f"| {r['agreement']['summary']} |")
    rounds = sorted({r["rounds"] for r in results})
    load = "/".join(f"{x:.2f}" for x in info["load_average"])
    lines += ["", f"Medians of {'/'.join(map(str, rounds))} interleaved round(s); ratios above 1: mandates "
              f"is faster. Machine: {info['cores']} cores ({info['cpu']}), load average {load} at the start, "
              f"{'/'.join(f'{x:.2f}' for x in load_after)} at the end; {info['tj3']}, {info['mandates']} "
              f"(commit {info['commit']}), Python {info['python']}. mandates run: `publish` = "
              "`mandates publish --json FILE` (one process), `check + feeds` = `check --format json` then "
              "`feeds` (two); tj3 = iCalendar export + CSV table; cold = fresh database, plan cache and "
              "feeds, warm = the same again, nothing changed."]
    split = ["", "| outputs | mandates run | mandates CPU cold / warm | tj3 CPU cold / warm "
             "| mandates wall per command, cold / warm |",
             "|---:|---|---:|---:|---|"]
    for r in results:
        t = r["median"]["tj3"]
        tj3_cpu = " / ".join(("> " if x["timed_out"] else "") + f"{x['cpu']:.2f} s" if x else "—"
                             for x in (t["cold"], t["warm"]))
        for label, m in variants(r):
            cold, warm = m["cold"]["parts"], m["warm"]["parts"]
            per = "; ".join(f"{k} {cold[k]:.2f} / {warm[k]:.2f} s" for k in cold)
            split.append(f"| {r['outputs']:,} | {label} | {m['cold']['cpu']:.2f} / {m['warm']['cpu']:.2f} s "
                         f"| {tj3_cpu} | {per} |")
    return "\n".join(lines + split)


def main() -> None:
    """Parse options, run every size, print the table, save the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,10000",
                        help="comma-separated output counts (default 200,2000,10000; 100000 is slow)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per size (default 3)")
    parser.add_argument("--tj3-timeout", type=float, default=600.0,
                        help="stop a tj3 run after this many seconds (default 600)")
    parser.add_argument("--mandates", choices=("publish", "two", "both"), default="publish",
                        help="mandates' run: `publish` (one process, default), `two` (`check --format "
                             "json` then `feeds`), or both side by side")
    parser.add_argument("--render", type=Path, nargs="+", metavar="JSON",
                        help="only print the table of saved results (bench/out/tj3_bench.json of "
                             "earlier runs, e.g. the small sizes and 100000), machine of the first")
    args = parser.parse_args()
    if args.render:
        saved = [json.loads(path.read_text(encoding="utf-8")) for path in args.render]
        print(table([r for run in saved for r in run["results"]], saved[0]["machine"],
                    tuple(saved[-1]["load_average_after"])))
        return
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    tj3 = ensure_tj3()
    info = machine()
    print(f"machine: {info['cores']} cores, load average {info['load_average']}, {info['tj3']}, "
          f"{info['mandates']}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="tj3-bench-") as tmp:
        for size in sizes:
            rounds = 1 if size >= LARGE else args.rounds
            variants = {"publish": ("mandates",), "two": ("mandates-2p",),
                        "both": ("mandates", "mandates-2p")}[args.mandates]
            results.append(bench_size(size, rounds, tj3, args.tj3_timeout, Path(tmp), variants))
    load_after = os.getloadavg()
    text = table(results, info, load_after)
    print()
    print(text)
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "tj3_bench.json").write_text(
        json.dumps({"machine": info, "load_average_after": load_after, "results": results}, indent=1)
        + "\n", encoding="utf-8")
    (out / "tj3_bench.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
