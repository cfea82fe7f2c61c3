"""Start-up of the read-only commands, side by side with the import floor (issue 12, part 1).

Whole processes, as a user runs them: the `mandates` console script of this interpreter's
environment on the bundled process, against `python -c "import sqlalchemy, pendulum, yaml"`
(the floor), in one run, interleaved (round i runs every command once, in a shuffled order),
medians of wall time. Prints each command's median, its ratio to the floor and the targets
(check within 1.3x of the floor; every read-only command within 0.35 s).

    python bench/startup_bench.py --rounds 30

Then `check --format json` at 10k and 100k outputs (bench/generate.py), wall and peak RSS of
the process (`--json-sizes 10000 100000`; 0 skips), before/after comparable by running the
same script on two checkouts.

The database is a fresh SQLite file in a temporary folder (created once before timing: the
read path of a database at the current schema is what is measured), the plan cache warm, and
PYTHONDONTWRITEBYTECODE removed from the environment (a user's Python keeps compiled modules).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = "2020-01-06"
FLOOR = [sys.executable, "-c", "import sqlalchemy, pendulum, yaml"]


def mandates() -> list[str]:
    """The console script beside this interpreter, else `python -m mandates.cli`."""
    script = Path(sys.executable).parent / "mandates"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mandates.cli"]


def commands() -> dict[str, list[str]]:
    """The read-only commands measured, by label."""
    m = mandates()
    return {
        "floor": FLOOR,
        "check": [*m, "check", "--as-of", AS_OF],
        "check --format json": [*m, "check", "--as-of", AS_OF, "--format", "json"],
        "show": [*m, "show", "cop-15", "--as-of", AS_OF],
        "history": [*m, "history"],
        "whatif": [*m, "whatif", "sbstta-24", "--opens", "2020-08-17", "--closes", "2020-08-22",
                   "--as-of", AS_OF],
        "list": [*m, "list"],
        "validate": [*m, "validate"],
        "--help": [*m, "--help"],
    }


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process, its output discarded; it must
    succeed. CPU time says what the process costs when the machine is shared."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def startup(rounds: int, env: dict[str, str]) -> None:
    """Interleaved rounds; medians, ratios to the floor, targets."""
    measured = commands()
    for argv in measured.values():  # warm: plan cache, .pyc files, database migrated
        run(argv, env)
    times: dict[str, list[float]] = {label: [] for label in measured}
    cpu: dict[str, list[float]] = {label: [] for label in measured}
    rng = random.Random(12)
    load = os.getloadavg()[0]
    for _ in range(rounds):
        order = list(measured)
        rng.shuffle(order)
        for label in order:
            wall, used = run(measured[label], env)
            times[label].append(wall)
            cpu[label].append(used)
    floor = statistics.median(times["floor"])
    floor_cpu = statistics.median(cpu["floor"])
    print(f"start-up, {rounds} interleaved rounds, medians ({os.cpu_count()} CPUs, load "
          f"{load:.1f} -> {os.getloadavg()[0]:.1f})")
    print(f"{'command':<24}{'wall s':>8}{'x floor':>9}{'cpu s':>8}{'x floor':>9}  target (wall)")
    for label, values in times.items():
        median = statistics.median(values)
        used = statistics.median(cpu[label])
        if label == "floor":
            target = "(python -c 'import sqlalchemy, pendulum, yaml')"
        elif label == "check":
            met = median <= 1.3 * floor and median <= 0.35
            target = f"<= 1.3x floor and <= 0.35 s: {'ok' if met else 'MISSED'}"
        else:
            target = f"<= 0.35 s: {'ok' if median <= 0.35 else 'MISSED'}"
        print(f"{label:<24}{median:>8.3f}{median / floor:>9.2f}{used:>8.3f}{used / floor_cpu:>9.2f}  "
              f"{target}")


def measured_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process, its output discarded (`os.wait4`)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(argv, env=env, stdout=sink)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{argv} exited {child.returncode}")
    return wall, usage.ru_maxrss / 1024


def json_check(outputs: int, folder: Path, env: dict[str, str]) -> None:
    """`check --format json` on a synthetic process: wall and peak RSS of the process (the
    best of two runs after a first that fills the plan cache)."""
    process = folder / f"p{outputs}.yaml"
    if not process.exists():
        subprocess.run([sys.executable, str(Path(__file__).parent / "generate.py"), "--outputs",
                        str(outputs), "--out", str(process)], check=True)
    argv = [*mandates(), "check", "--config", str(process), "--as-of", AS_OF, "--format", "json"]
    measured_run(argv, env)
    wall, peak = min(measured_run(argv, env) for _ in range(2))
    print(f"check --format json, {outputs} outputs: {wall:.2f} s wall, peak RSS {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json-sizes", type=int, nargs="*", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}",
               "MANDATES_CACHE_DIR": str(folder / "cache")}
        env.pop("MANDATES_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's: compiled modules are kept
        if args.rounds:
            startup(args.rounds, env)
        for outputs in sorted(n for n in args.json_sizes if n):
            json_check(outputs, folder, env)


if __name__ == "__main__":
    main()
