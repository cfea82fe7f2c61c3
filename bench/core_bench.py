"""Benchmark of the core: load + evaluate + JSON output for synthetic processes, with peak memory.

Each size runs in its own process so that its peak resident memory (ru_maxrss) is its own.

    python bench/core_bench.py            # 1k, 10k, 100k outputs
    python bench/core_bench.py 5000       # chosen sizes
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def measure(path: Path) -> dict[str, float]:
    """Time each stage for one process file, in this process."""
    import pendulum

    from mandates.config.plancache import load_plan_cached
    from mandates.core.evaluate import evaluate
    from mandates.report.jsondoc import evaluation_dict

    t0 = time.perf_counter()
    plan = load_plan_cached(path)
    t1 = time.perf_counter()
    evaluation = evaluate(plan, [], pendulum.Date(2021, 6, 1))
    t2 = time.perf_counter()
    text = json.dumps(evaluation_dict(evaluation), ensure_ascii=False)
    t3 = time.perf_counter()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"outputs": len(plan.outputs), "load_s": t1 - t0, "evaluate_s": t2 - t1,
            "json_s": t3 - t2, "total_s": t3 - t0, "peak_mib": peak_mib, "json_mib": len(text) / 2**20}


def main() -> None:
    """Generate each size, measure it in a fresh interpreter, print a table."""
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1_000, 10_000, 100_000]
    if "--child" in sys.argv:
        print(json.dumps(measure(Path(sys.argv[-1]))))
        return
    sys.path.insert(0, str(HERE))
    from generate import generate

    print(f"{'outputs':>8} {'cache':>6} {'load s':>8} {'eval s':>8} {'json s':>8} {'total s':>8} "
          f"{'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MANDATES_CACHE_DIR": str(Path(folder) / "cache")}
        for size in sizes:
            path = Path(folder) / f"p{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            # cold: the first load parses the YAML (and fills the cache); warm: the daily case
            for run in ("cold", "warm"):
                result = subprocess.run([sys.executable, __file__, "--child", str(path)],
                                        capture_output=True, text=True, check=True, env=env)
                r = json.loads(result.stdout)
                print(f"{r['outputs']:>8} {run:>6} {r['load_s']:>8.2f} {r['evaluate_s']:>8.2f} "
                      f"{r['json_s']:>8.2f} {r['total_s']:>8.2f} {r['peak_mib']:>9.0f}")


if __name__ == "__main__":
    main()
