"""The day's check as published by the daily_check flow (issue 3, item 2): JSON, markdown, late inputs.

Plain Python: the JSON written beside the feeds (atomically: a temporary file, then a rename), the
markdown of the day's check and the rows of the late-inputs table, both bounded in size so that a
process of 50,000 outputs still gives a readable artifact (the JSON always has every output).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.report.jsondoc import evaluation_dict
from mandates.words.en import long_date

# Most pressing first; the order of the markdown sections and of the coarse tasks' state names.
SEVERITY = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.AT_RISK, OutputStatus.DUE_SOON,
            OutputStatus.ON_TRACK, OutputStatus.DELIVERED, OutputStatus.CANCELLED)
SECTIONS = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.DUE_SOON, OutputStatus.AT_RISK)


def check_path(folder: Path, process_id: str) -> Path:
    """Where the check's JSON goes: `check-PROCESS.json` in the calendars folder (issue 3, item 2)."""
    return folder / f"check-{process_id}.json"


def write_atomic(path: Path, text: str) -> None:
    """Write aside, then rename: a reader never sees half a file (DESIGN: atomic writes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_check_json(evaluation: Evaluation, folder: Path) -> Path:
    """Write the check's JSON (`mandates check --format json`) beside the feeds (issue 3, item 2)."""
    path = check_path(folder, evaluation.plan.process.id)
    write_atomic(path, json.dumps(evaluation_dict(evaluation), ensure_ascii=False,
                                  separators=(",", ":")) + "\n")
    return path


def _cell(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _more(total: int, shown: int) -> list[str]:
    return ["", f"… and {total - shown} more in the check's JSON."] if total > shown else []


def check_markdown(evaluation: Evaluation, limit: int = 50) -> str:
    """The day's check as markdown: totals, late inputs, then overdue, blocked, due soon, at risk."""
    plan = evaluation.plan
    lines = [f"# Daily check: {plan.process.title.en}", "",
             f"{plan.process.title.zh} · {plan.process.source_document}", "",
             f"As of **{long_date(evaluation.as_of)}** ({plan.process.timezone}) · "
             f"{len(evaluation.outputs)} mandated outputs", ""]
    counts = evaluation.counts()
    lines += _table(["status", "outputs"], [[s.value.replace("_", " "), counts[s.value]] for s in SEVERITY])
    late = evaluation.late_inputs
    lines += ["", f"## Late inputs ({len(late)})", ""]
    if late:
        lines += _table(["needed by", "input", "flag", "expected", "days late", "reason"], [
            [li.output, li.input.id, li.input.flag.value if li.input.flag else None,
             li.input.expected_on.isoformat() if li.input.expected_on else None, li.input.days_late,
             li.input.reason] for li in late[:limit]])
        lines += _more(len(late), min(limit, len(late)))
    for status in SECTIONS:
        states = evaluation.in_status(status)
        lines += ["", f"## {status.value.replace('_', ' ').capitalize()} ({len(states)})", ""]
        if not states:
            continue
        lines += _table(["output", "due", "responsible", "mandate", "reason"], [
            [s.id, s.due.on.isoformat() if s.due else "no date",
             ", ".join(plan.body_short(b) for b in s.output.responsible), s.output.mandate, s.reason]
            for s in states[:limit]])
        lines += _more(len(states), min(limit, len(states)))
    if evaluation.critical_chain:
        lines += ["", "## Critical chain", "", " → ".join(evaluation.critical_chain)]
    return "\n".join(lines) + "\n"


def late_input_rows(evaluation: Evaluation, limit: int = 500) -> list[dict[str, Any]]:
    """The late inputs as table-artifact rows (issue 3, item 2)."""
    return [{"needed_by": li.output, "input": li.input.id,
             "flag": li.input.flag.value if li.input.flag else None,
             "expected_on": li.input.expected_on.isoformat() if li.input.expected_on else None,
             "days_late": li.input.days_late, "reason": li.input.reason}
            for li in evaluation.late_inputs[:limit]]
