"""Write the side-by-side process (bench/generate.py `side_by_side`) as a TaskJuggler 3 project.

The project is written so that TaskJuggler gives the due dates mandates gives (checked by
bench/tj3_bench.py on every run):
- the project is in UTC: `gapduration` counts 24-hour periods, so across a DST change in a zone
  such as America/Toronto "42 days before" lands an hour off and the date shown can move a day;
  mandates counts calendar days in the process's zone, which is the same count as in UTC.
- each meeting is a fixed task (`start` = opening day, `end` = the day after closing);
- each output is a milestone scheduled `alap` that `precedes` its meeting with a `gapduration`
  of 42 days: scheduled backwards, it lands on the opening day minus 42 days;
- an input is written as `precedes` on the input (not `depends` on the output): an `alap`
  milestone that `depends` on another is pinned to its predecessor's end, whereas `precedes`
  only bounds the input from above, and the generator draws inputs due no later than the output,
  so the bound holds without moving it.

Reports: an iCalendar export of every task (`icalreport`) and a CSV table (`taskreport`, columns
id, name, start, end; dates `%Y-%m-%d`), which the benchmark parses for the due dates.

    python bench/tjp.py --outputs 10000 --out /tmp/s10k.tjp
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import LEAD_DAYS, SideBySide, side_by_side  # noqa: E402

CSV_REPORT = "tasks"   # TaskJuggler appends .csv
ICAL_REPORT = "feed"   # TaskJuggler appends .ics


def tjp(process: SideBySide, as_of: str = "2021-06-01") -> str:
    """The .tjp text of `process`; `as_of` (YYYY-MM-DD) is the project's `now`.

    The project runs from 30 days before the earliest due date to 30 days after the last meeting
    closes. Outputs are top-level milestones `o<i>`, meetings top-level tasks `m<j>`.
    """
    first = min(o.due for o in process.outputs) if process.outputs else process.meetings[0].opens
    last = max(m.closes for m in process.meetings)
    successors: dict[str, list[str]] = {}
    for output in process.outputs:
        if output.input is not None:
            successors.setdefault(output.input, []).append(output.id)
    size = len(process.outputs)
    lines = [
        f'project sidebyside{size} "Side-by-side process of {size} outputs" '
        f"{first.subtract(days=30).isoformat()} - {last.add(days=30).isoformat()} {{",
        '  timezone "UTC"',
        f"  now {as_of}",
        "}",
    ]
    for m in process.meetings:
        lines.append(f'task {m.id} "Meeting {m.id[1:]}" {{ start {m.opens.isoformat()} '
                     f"end {m.closes.add(days=1).isoformat()} }}")
    for o in process.outputs:
        links = "".join(f" precedes {after}" for after in successors.get(o.id, ()))
        lines.append(f'task {o.id} "Output {o.id[1:]}" {{ milestone scheduling alap '
                     f"precedes {o.meeting.id} {{ gapduration {LEAD_DAYS}d }}{links} }}")
    lines += [
        f'taskreport "{CSV_REPORT}" {{ formats csv columns id, name, start, end '
        'timeformat "%Y-%m-%d" }',
        f'icalreport "{ICAL_REPORT}" {{ }}',
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line: --outputs N --out FILE [--seed S]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2020)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(tjp(side_by_side(args.outputs, args.seed)), encoding="utf-8")


if __name__ == "__main__":
    main()
