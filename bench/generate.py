"""Generate a synthetic process of any size in the bundled config format (docs/config-format.md).

Meetings spread over three years (a few with month windows, a few to be determined), outputs with
a realistic mix of rules (produced at a meeting, due weeks before one, fixed dates, periodic) and
inputs drawn from earlier outputs: mostly recent ones (chains), some popular ones (fan-in).
Deterministic for a given seed.

    python bench/generate.py --outputs 10000 --out /tmp/p10k.yaml
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import pendulum

BODIES = ["cop", "sbstta", "sbi", "wg2020", "wg8j", "secretariat", "parties", "partners",
          "cp-mop", "np-mop", "bureau", "iag"]
ZONES = ["America/Toronto", "Africa/Nairobi", "Asia/Shanghai", "America/Bogota", "Europe/Rome"]


def generate(outputs: int, seed: int = 2020) -> str:
    """The YAML text of a synthetic process with `outputs` outputs."""
    rng = random.Random(seed)
    start = pendulum.Date(2020, 1, 6)
    meeting_count = max(5, outputs // 20)
    lines = [
        "process:",
        f"  id: synthetic-{outputs}",
        f'  title: {{en: "Synthetic process of {outputs} outputs", zh: "合成进程 {outputs}"}}',
        "  source: SYNTHETIC/1",
        "  timezone: America/Toronto",
        f"  last_meeting: m{meeting_count - 1}",
        "bodies:",
    ]
    for body in BODIES:
        lines.append(f'  - {{id: {body}, name: {{en: "Body {body}", zh: "机构 {body}"}}}}')
    lines.append("meetings:")
    dated: list[int] = []
    for index in range(meeting_count):
        day = start.add(days=int(index * 1095 / meeting_count))
        body = rng.choice(BODIES)
        head = (f"  - {{id: m{index}, body: {body}, type: {rng.randint(1, 5)}, "
                f'timezone: {rng.choice(ZONES)}, title: {{en: "Meeting {index}", zh: "会议 {index}"}}, ')
        roll = rng.random()
        if index == meeting_count - 1 or roll > 0.08:
            closes = day.add(days=rng.randint(0, 5))
            lines.append(head + f"opens: {day.isoformat()}, closes: {closes.isoformat()}}}")
            dated.append(index)
        elif roll > 0.03:
            month = day.format("YYYY-MM")
            lines.append(head + f"window: {{from: {month}, to: {day.add(months=1).format('YYYY-MM')}}}}}")
            dated.append(index)
        else:
            lines.append(head + "tbd: true}")
    lines.append("outputs:")
    popular: list[int] = []
    for index in range(outputs):
        meeting = rng.randrange(meeting_count)
        roll = rng.random()
        if roll < 0.5:
            rule = f"{{at: m{meeting}}}"
        elif roll < 0.85:
            rule = f"{{before: m{rng.choice(dated)}, weeks: {rng.randint(1, 12)}}}"
        elif roll < 0.99:
            rule = f"{{on: {start.add(days=rng.randint(-60, 1000)).isoformat()}}}"
        else:
            rule = f"{{every: {{months: 3}}, from: {start.isoformat()}, until: m{meeting_count - 1}}}"
        inputs: set[int] = set()
        if index:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
                if popular and rng.random() < 0.2:
                    inputs.add(rng.choice(popular))
                else:
                    inputs.add(max(0, index - 1 - int(rng.expovariate(1 / 30))))
        if rng.random() < 0.01:
            popular.append(index)
        body = rng.choice(BODIES)
        text = (f"  - {{id: o{index}, responsible: {body}, mandate: SYNTHETIC/1 para {index % 40 + 1}, "
                f'title: {{en: "Output {index}", zh: "产出 {index}"}}, due: {rule}, '
                f"for: m{rng.choice(dated)}")
        if inputs:
            text += f", inputs: [{', '.join(f'o{i}' for i in sorted(inputs))}]"
        lines.append(text + "}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line: --outputs N --out FILE [--seed S]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(generate(args.outputs, args.seed), encoding="utf-8")


if __name__ == "__main__":
    main()
