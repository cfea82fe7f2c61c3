"""Time of a whole `mandates brief` (issue 10: md under 1 s, pdf under 3 s), side by side with
the import floor `python -c "import sqlalchemy, pendulum, yaml"` measured in the same run.

Whole processes, as a user runs them: `mandates brief --format md` (which draws its PNG chart
with resvg, no browser) and `--format pdf` (headless Chromium prints the page), in English and
Chinese, on the bundled process with its shipped history, as of 2020-03-01, against a fresh
SQLite database (`--no-snapshot`: every round makes the same briefing). Interleaved rounds (round
i runs every command once, in a shuffled order), medians of wall time and of CPU time (user +
system of the process and of every process it started, Chromium's zygote and renderers included: the bench
is their subreaper and reads RUSAGE_CHILDREN; `os.wait4` of the process alone missed the Chromium
processes nobody waited for).
CPU time is what to compare on a shared machine; wall time is what a user waits for on an idle one.

`--baseline DIR` also runs, in the same rounds, the md and pdf briefings of another checkout of
the project (`DIR`, e.g. a `git worktree` of an earlier commit) with this interpreter and its
packages (`PYTHONPATH=DIR`, own plan cache): before and after, measured side by side.

    python bench/brief_bench.py --rounds 5 [--baseline /tmp/mandates-main]

The table is also written to bench/out/brief_bench.txt.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

from startup_bench import FLOOR, mandates

PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h

AS_OF = "2020-03-01"
TARGETS = {"md": 1.0, "pdf": 3.0}  # seconds, issue 10 "Done when"
OUT = Path(__file__).resolve().parent / "out"


BASELINE = " (baseline)"


def subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux), so that the processes
    Chromium starts and leaves behind are waited for here and their CPU time counted."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def run(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds of one process (until it exits) and CPU seconds (user + system) of it and
    every process it started, Chromium's zygote and renderers included: as a subreaper this
    process waits for each of them, and the CPU is the growth of RUSAGE_CHILDREN. It must succeed."""
    import resource
    import subprocess
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, _ = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    while True:  # the orphans, reparented here
        try:
            os.wait()
        except ChildProcessError:
            break
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(folder: Path, baseline: bool) -> dict[str, list[str]]:
    """The floor and the four briefings, by label (and the baseline's md and pdf ones); files
    written into `folder`."""
    m = mandates()
    measured = {"floor": FLOOR}
    for fmt in TARGETS:
        for lang in ("en", "zh"):
            args = ["brief", "--as-of", AS_OF, "--format", fmt, "--lang", lang, "--no-snapshot", "-o"]
            measured[f"brief {fmt} {lang}"] = [*m, *args, str(folder / f"b-{lang}.{fmt}")]
            if baseline:
                measured[f"brief {fmt} {lang}{BASELINE}"] = [sys.executable, "-m", "mandates.cli", *args,
                                                             str(folder / f"base-{lang}.{fmt}")]
    return measured


def bench(rounds: int, baseline: Path | None) -> None:
    """Interleaved rounds after one warm-up run of each; medians, ratios to the floor, targets."""
    reaping = subreaper()
    with tempfile.TemporaryDirectory(prefix="mandates-brief-bench-") as name:
        folder = Path(name)
        env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}"}
        base_env = {**env, "PYTHONPATH": str(baseline), "MANDATES_CACHE_DIR": str(folder / "base-cache")}
        measured = commands(folder, baseline is not None)
        for label, argv in measured.items():  # warm: plan cache, .pyc files, database migrated
            run(argv, base_env if label.endswith(BASELINE) else env, folder)
        wall: dict[str, list[float]] = {label: [] for label in measured}
        cpu: dict[str, list[float]] = {label: [] for label in measured}
        rng = random.Random(10)
        load = os.getloadavg()
        for _ in range(rounds):
            order = list(measured)
            rng.shuffle(order)
            for label in order:
                # in the temporary folder: `python -m` puts the working directory before PYTHONPATH
                seconds, used = run(measured[label], base_env if label.endswith(BASELINE) else env, folder)
                wall[label].append(seconds)
                cpu[label].append(used)
    floor_wall = statistics.median(wall["floor"])
    floor_cpu = statistics.median(cpu["floor"])
    lines = [f"mandates brief as of {AS_OF}, {rounds} interleaved rounds, medians ({os.cpu_count()} CPUs, "
             f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} -> {os.getloadavg()[0]:.1f}; "
             f"{'CPU of every descendant' if reaping else 'CPU of the descendants waited for only'})",
             f"{'command':<28}{'wall s':>8}{'x floor':>9}{'cpu s':>8}{'x floor':>9}  target"]
    for label in measured:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        if label == "floor":
            target = "(python -c 'import sqlalchemy, pendulum, yaml')"
        else:
            limit = TARGETS[label.split()[1]]
            target = (f"< {limit:g} s: wall {'ok' if w < limit else 'MISSED'}, "
                      f"cpu {'ok' if c < limit else 'MISSED'}")
        lines.append(f"{label:<28}{w:>8.3f}{w / floor_wall:>9.2f}{c:>8.3f}{c / floor_cpu:>9.2f}  {target}")
    print("\n".join(lines))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "brief_bench.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure beside this one")
    args = parser.parse_args()
    if args.rounds < 1:
        sys.exit("--rounds must be at least 1")
    if args.baseline is not None and not (args.baseline / "mandates" / "cli.py").is_file():
        sys.exit(f"--baseline {args.baseline}: not a checkout of the project (no mandates/cli.py)")
    bench(args.rounds, args.baseline.resolve() if args.baseline else None)


if __name__ == "__main__":
    main()
