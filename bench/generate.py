"""Generate a synthetic process of any size in the bundled config format (docs/config-format.md).

Meetings spread over three years (a few with month windows, a few to be determined), outputs with
a realistic mix of rules (produced at a meeting, due weeks before one, fixed dates, periodic) and
inputs drawn from earlier outputs: mostly recent ones (chains), some popular ones (fan-in).
Deterministic for a given seed.

`side_by_side` builds a second, uniform shape that another scheduler can express exactly (the
TaskJuggler comparison, bench/tj3_bench.py): N outputs, N/20 meetings, each output due 42 days
before its meeting opens, 70% with one input that is due no later than the output itself;
`side_by_side_yaml` writes it in the bundled format, bench/tjp.py as a TaskJuggler project.

    python bench/generate.py --outputs 10000 --out /tmp/p10k.yaml
    python bench/generate.py --outputs 10000 --out /tmp/s10k.yaml --side-by-side
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
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


LEAD_DAYS = 42  # each side-by-side output is due six weeks before its meeting opens


@dataclass(frozen=True)
class Meeting:
    """A side-by-side meeting: id, body, opening and closing days (closes >= opens)."""

    id: str
    body: str
    opens: pendulum.Date
    closes: pendulum.Date


@dataclass(frozen=True)
class Output:
    """A side-by-side output: due LEAD_DAYS before `meeting` opens; `input` is an output id or None."""

    id: str
    body: str
    meeting: Meeting
    input: str | None

    @property
    def due(self) -> pendulum.Date:
        """The due date both tools must compute."""
        return self.meeting.opens.subtract(days=LEAD_DAYS)


@dataclass(frozen=True)
class SideBySide:
    """The uniform process: meetings in date order, outputs in due-date order."""

    outputs: tuple[Output, ...]
    meetings: tuple[Meeting, ...]


def side_by_side(outputs: int, seed: int = 2020) -> SideBySide:
    """The uniform process of `outputs` outputs and max(1, outputs // 20) meetings over three years.

    Output i belongs to meeting i * M // N, so outputs come in due-date order; 70% of them (not the
    first) take one input, a recent earlier output (distance 1 + exponential, mean 30), which is
    therefore due on or before the output itself: a precedence TaskJuggler can keep without moving
    the input (its due date stays its own rule's in both tools).
    """
    rng = random.Random(seed)
    start = pendulum.Date(2020, 1, 6)
    count = max(1, outputs // 20)
    meetings = tuple(
        Meeting(f"m{index}", rng.choice(BODIES), opens, opens.add(days=rng.randint(0, 4)))
        for index in range(count)
        for opens in [start.add(days=int(index * 1095 / count))])
    made: list[Output] = []
    for index in range(outputs):
        source = None
        if index and rng.random() < 0.7:
            source = f"o{max(0, index - 1 - int(rng.expovariate(1 / 30)))}"
        made.append(Output(f"o{index}", rng.choice(BODIES), meetings[index * count // outputs], source))
    return SideBySide(tuple(made), meetings)


def side_by_side_yaml(process: SideBySide) -> str:
    """The YAML text of `process` in the bundled format (deadlines: `before: M, days: 42`)."""
    size = len(process.outputs)
    lines = [
        "process:",
        f"  id: side-by-side-{size}",
        f'  title: {{en: "Side-by-side process of {size} outputs", zh: "对照进程 {size}"}}',
        "  source: SYNTHETIC/2",
        "  timezone: America/Toronto",
        f"  last_meeting: {process.meetings[-1].id}",
        "bodies:",
    ]
    lines += [f'  - {{id: {body}, name: {{en: "Body {body}", zh: "机构 {body}"}}}}' for body in BODIES]
    lines.append("meetings:")
    for m in process.meetings:
        number = m.id[1:]
        lines.append(f"  - {{id: {m.id}, body: {m.body}, type: 2, "
                     f'title: {{en: "Meeting {number}", zh: "会议 {number}"}}, '
                     f"opens: {m.opens.isoformat()}, closes: {m.closes.isoformat()}}}")
    lines.append("outputs:")
    for o in process.outputs:
        number = o.id[1:]
        text = (f"  - {{id: {o.id}, responsible: {o.body}, mandate: SYNTHETIC/2 para {int(number) % 40 + 1}, "
                f'title: {{en: "Output {number}", zh: "产出 {number}"}}, '
                f"due: {{before: {o.meeting.id}, days: {LEAD_DAYS}}}, for: {o.meeting.id}")
        if o.input is not None:
            text += f", inputs: [{o.input}]"
        lines.append(text + "}")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line: --outputs N --out FILE [--seed S] [--side-by-side]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--side-by-side", action="store_true",
                        help="the uniform process of the TaskJuggler comparison")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = (side_by_side_yaml(side_by_side(args.outputs, args.seed)) if args.side_by_side
            else generate(args.outputs, args.seed))
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
