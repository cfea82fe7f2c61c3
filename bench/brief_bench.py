"""Time of a whole `mandates brief` (issue 10: md under 1 s, pdf under 3 s), side by side with
the import floor `python -c "import sqlalchemy, pendulum, yaml"` measured in the same run.

Whole processes, as a user runs them: `mandates brief --format md` (which draws its PNG chart
with headless Chromium) and `--format pdf` (Chromium prints the page), in English and Chinese,
on the bundled process with its shipped history, as of 2020-03-01, against a fresh SQLite
database (`--no-snapshot`: every round makes the same briefing). Interleaved rounds (round i runs
every command once, in a shuffled order), medians of wall time and of CPU time (user + system of
the process and of the Chromium it waited for: `os.wait4`, as `startup_bench.run`). CPU time is
what to compare on a shared machine; wall time is what a user waits for on an idle one.

    python bench/brief_bench.py --rounds 5

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

from startup_bench import FLOOR, mandates, run

AS_OF = "2020-03-01"
TARGETS = {"md": 1.0, "pdf": 3.0}  # seconds, issue 10 "Done when"
OUT = Path(__file__).resolve().parent / "out"


def commands(folder: Path) -> dict[str, list[str]]:
    """The floor and the four briefings, by label; files written into `folder`."""
    m = mandates()
    measured = {"floor": FLOOR}
    for fmt in TARGETS:
        for lang in ("en", "zh"):
            measured[f"brief {fmt} {lang}"] = [*m, "brief", "--as-of", AS_OF, "--format", fmt, "--lang",
                                               lang, "--no-snapshot", "-o", str(folder / f"b-{lang}.{fmt}")]
    return measured


def bench(rounds: int) -> None:
    """Interleaved rounds after one warm-up run of each; medians, ratios to the floor, targets."""
    with tempfile.TemporaryDirectory(prefix="mandates-brief-bench-") as name:
        folder = Path(name)
        env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}"}
        measured = commands(folder)
        for argv in measured.values():  # warm: plan cache, .pyc files, database migrated
            run(argv, env)
        wall: dict[str, list[float]] = {label: [] for label in measured}
        cpu: dict[str, list[float]] = {label: [] for label in measured}
        rng = random.Random(10)
        load = os.getloadavg()
        for _ in range(rounds):
            order = list(measured)
            rng.shuffle(order)
            for label in order:
                seconds, used = run(measured[label], env)
                wall[label].append(seconds)
                cpu[label].append(used)
    floor_wall = statistics.median(wall["floor"])
    floor_cpu = statistics.median(cpu["floor"])
    lines = [f"mandates brief as of {AS_OF}, {rounds} interleaved rounds, medians ({os.cpu_count()} CPUs, "
             f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} -> {os.getloadavg()[0]:.1f})",
             f"{'command':<16}{'wall s':>8}{'x floor':>9}{'cpu s':>8}{'x floor':>9}  target"]
    for label in measured:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        if label == "floor":
            target = "(python -c 'import sqlalchemy, pendulum, yaml')"
        else:
            limit = TARGETS[label.split()[1]]
            target = (f"< {limit:g} s: wall {'ok' if w < limit else 'MISSED'}, "
                      f"cpu {'ok' if c < limit else 'MISSED'}")
        lines.append(f"{label:<16}{w:>8.3f}{w / floor_wall:>9.2f}{c:>8.3f}{c / floor_cpu:>9.2f}  {target}")
    print("\n".join(lines))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "brief_bench.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args()
    if args.rounds < 1:
        sys.exit("--rounds must be at least 1")
    bench(args.rounds)


if __name__ == "__main__":
    main()
