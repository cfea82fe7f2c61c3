"""Benchmark of the as-of evaluation with amendments and facts (issue 9, "Done when").

For each size, a synthetic process (`bench/generate.py`) is evaluated as of three dates in three
ways, each in a fresh interpreter so that peak memory is its own:

- `plain`: the founding plan alone, no facts (the reference: today's numbers);
- `amended`: plus amendments (one per 100 outputs: each adds 5 outputs and a meeting, changes
  5 due rules and retires 1 output) spread over the three years;
- `amended+facts`: plus 10,000 facts (reschedulings, postponements, parts, deliveries, notes,
  withdrawals) spread over the same years.

    python bench/asof_bench.py                 # 10k and 100k outputs
    python bench/asof_bench.py 10000           # chosen sizes
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AS_OF = ("2020-06-01", "2021-06-01", "2022-12-01")
FACTS = 10_000


def amendments_for(plan: Any, rng: random.Random) -> tuple[Any, ...]:
    """One amendment per 100 outputs, effective on days spread over 2020-2022."""
    import pendulum

    from mandates.core.plan import Amendment as Amend
    from mandates.core.plan import (
        AmendmentKind,
        AtRule,
        BeforeRule,
        Meeting,
        Output,
        OutputChange,
        Source,
        Title,
    )

    start = pendulum.Date(2020, 1, 6)
    meeting_ids = sorted(plan.meetings)
    output_ids = sorted(plan.outputs)
    body = next(iter(plan.bodies))
    made = []
    for index in range(max(1, len(plan.outputs) // 100)):
        day = start.add(days=rng.randint(0, 1090))
        meeting_id = f"am{index}"
        opens = day.add(days=rng.randint(30, 200))
        meeting = Meeting(id=meeting_id, title=Title(f"Added meeting {index}", f"新增会议 {index}"),
                          body=body, opens_on=opens, closes_on=opens.add(days=3), window=None,
                          confirmed=True, venue=None, timezone="America/Toronto", type=1,
                          table=None, mandate=None, element=None, source=Source("bench", index))
        outputs = tuple(
            Output(id=f"a{index}-{k}", title=Title(f"Added output {index}-{k}", f"新增成果 {index}-{k}"),
                   responsible=(body,), mandate="BENCH/1", due=BeforeRule(meeting_id, 42), for_=meeting_id,
                   inputs=(rng.choice(output_ids),), audience=plan.outputs[output_ids[0]].audience,
                   source=Source("bench", index))
            for k in range(5))
        changes = tuple(OutputChange(id=rng.choice(output_ids),
                                     due=AtRule(rng.choice(meeting_ids)) if k % 2 else
                                     BeforeRule(rng.choice(meeting_ids), 28))
                        for k in range(5))
        made.append(Amend(id=f"bench-{index}", symbol=f"BENCH/REC/{index}",
                          kind=AmendmentKind.RECOMMENDATION, effective_on=day,
                          source=Source("bench", index), meetings=(meeting,), outputs=outputs,
                          output_changes=changes, retires=(rng.choice(output_ids),)))
    return tuple(made)


def facts_for(plan: Any, rng: random.Random, count: int) -> list[Any]:
    """`count` facts over 2020-2022: meetings moved, postponed, in parts; outputs delivered."""
    import pendulum

    from mandates.core.facts import Fact, FactKind

    start = pendulum.Date(2020, 1, 6)
    recorded = pendulum.datetime(2023, 1, 1, tz="UTC")
    meeting_ids = sorted(plan.meetings)
    output_ids = sorted(plan.outputs)
    facts: list[Any] = []
    delivered: set[str] = set()
    for index in range(count):
        day = start.add(days=rng.randint(0, 1090))
        roll = rng.random()
        key = f"bench-{index}"
        if roll < 0.25:
            opens = day.add(days=rng.randint(20, 300))
            facts.append(Fact(FactKind.RESCHEDULED, rng.choice(meeting_ids), day, recorded,
                              opens_on=opens, closes_on=opens.add(days=4), key=key))
        elif roll < 0.30:
            facts.append(Fact(FactKind.POSTPONED, rng.choice(meeting_ids), day, recorded, key=key))
        elif roll < 0.35:
            opens = day.add(days=rng.randint(20, 300))
            facts.append(Fact(FactKind.PART, rng.choice(meeting_ids), day, recorded, opens_on=opens,
                              closes_on=opens.add(days=2), part=2, key=key))
        elif roll < 0.85:
            output = rng.choice(output_ids)
            if output in delivered:
                continue
            delivered.add(output)
            facts.append(Fact(FactKind.DELIVERED, output, day, recorded, key=key))
        else:
            facts.append(Fact(FactKind.NOTE, rng.choice(output_ids), day, recorded,
                              text=f"note {index}", key=key))
    return facts


def measure(path: Path, variant: str) -> dict[str, Any]:
    """Evaluate one variant as of each date, in this process."""
    import dataclasses

    import pendulum

    from mandates.config.plancache import load_plan_cached
    from mandates.core.evaluate import evaluate

    rng = random.Random(2020)
    plan = load_plan_cached(path)
    facts: list[Any] = []
    if variant != "plain":
        plan = dataclasses.replace(plan, amendments=amendments_for(plan, rng))
    if variant == "amended+facts":
        facts = facts_for(plan, rng, FACTS)
    times = []
    for day in AS_OF:
        t0 = time.perf_counter()
        evaluation = evaluate(plan, facts, pendulum.parse(day).date())  # type: ignore[union-attr]
        times.append(time.perf_counter() - t0)
        del evaluation
    return {"outputs": len(plan.outputs), "variant": variant, "evaluate_s": times,
            "amendments": len(plan.amendments), "facts": len(facts),
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    """Generate each size, measure each variant in a fresh interpreter, print a table."""
    if "--child" in sys.argv:
        print(json.dumps(measure(Path(sys.argv[-1]), sys.argv[-2])))
        return
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [10_000, 100_000]
    sys.path.insert(0, str(HERE))
    from generate import generate

    print(f"{'outputs':>8} {'variant':>14} {'amend':>6} {'facts':>6} "
          + " ".join(f"{d:>11}" for d in AS_OF) + f" {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MANDATES_CACHE_DIR": str(Path(folder) / "cache")}
        for size in sizes:
            path = Path(folder) / f"p{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            subprocess.run([sys.executable, __file__, "--child", "plain", str(path)], env=env,
                           check=True, capture_output=True)  # fill the plan cache
            for variant in ("plain", "amended", "amended+facts"):
                done = subprocess.run([sys.executable, __file__, "--child", variant, str(path)],
                                      env=env, check=True, capture_output=True, text=True)
                row = json.loads(done.stdout)
                print(f"{row['outputs']:>8} {variant:>14} {row['amendments']:>6} {row['facts']:>6} "
                      + " ".join(f"{t:>10.2f}s" for t in row["evaluate_s"])
                      + f" {row['peak_mib']:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
