"""The day's check as published by the daily_check flow (issue 3, item 2): JSON, markdown, late inputs.

Plain Python: the JSON written beside the feeds (by the one atomic writer, as a secretariat file:
it lists internal deadlines), the markdown of the day's check and the rows of the late-inputs
table, both bounded in size so that a process of 50,000 outputs still gives a readable artifact
(the JSON always has every output). Every value in the markdown is escaped
(`words.markup.markdown_text`): a reason quoting user text cannot inject markup or raw HTML.
Reasons say where they come from when it is not the text's own rule (recorded with its source,
presumed, assumed, set too late); `assumed="hide"` counts the assumed deadlines that have passed
apart, as the check does (`report.assumed`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mandates.core.evaluate import Evaluation, LateInput, OutputStatus
from mandates.core.plan import Plan
from mandates.core.reasons import Reason
from mandates.report.assumed import AssumedMode, hidden, hidden_line, shown_counts, shown_in
from mandates.report.jsondoc import evaluation_dict
from mandates.store.files import Audience, write_file
from mandates.words.dates import weekday_text
from mandates.words.markup import markdown_text
from mandates.words.names import provenance_text, with_provenance
from mandates.words.reasons import ReasonWords

# Most pressing first; the order of the markdown sections and of the coarse tasks' state names.
SEVERITY = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.AT_RISK, OutputStatus.DUE_SOON,
            OutputStatus.ON_TRACK, OutputStatus.DELIVERED, OutputStatus.CANCELLED)
SECTIONS = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.DUE_SOON, OutputStatus.AT_RISK)


def check_path(folder: Path, process_id: str) -> Path:
    """Where the check's JSON goes: `check-PROCESS.json` in the calendars folder (issue 3, item 2)."""
    return folder / f"check-{process_id}.json"


def write_check_json(evaluation: Evaluation, folder: Path, group: str | None = None,
                     assumed: AssumedMode = "show") -> Path:
    """Write the check's JSON (`mandates check --format json`) beside the feeds, as a secretariat
    file given `group` when set; returns its path. Raises FileWriteError."""
    path = check_path(folder, evaluation.plan.process.id)
    write_file(path, json.dumps(evaluation_dict(evaluation, assumed), ensure_ascii=False,
                                separators=(",", ":")) + "\n", Audience.SECRETARIAT, group=group)
    return path


def _cell(value: object) -> str:
    return "—" if value is None or value == "" else markdown_text(str(value))


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _more(total: int, shown: int) -> list[str]:
    return ["", f"… and {total - shown} more in the check's JSON."] if total > shown else []


def _notes(items: list[tuple[str, str | None]]) -> list[str]:
    """The reasons, below their table: one list item each, `subject: reason` (escaped)."""
    return ["", *(f"- {markdown_text(subject)}: {markdown_text(reason)}"
                  for subject, reason in items if reason)]


def _bodies(plan: Plan, responsible: tuple[str, ...]) -> str:
    """The first responsible body's short name, `+N` for the others (a short column)."""
    if not responsible:
        return "—"
    first = plan.body_short(responsible[0])
    return first if len(responsible) == 1 else f"{first} +{len(responsible) - 1}"


def check_markdown(evaluation: Evaluation, limit: int = 50, assumed: AssumedMode = "show") -> str:
    """The day's check as markdown: totals, late inputs, then overdue, blocked, due soon, at risk.

    Fits a page of about 700 px (Prefect's artifact page, issue 10, item 8): each table has
    short columns only (ids, dates, numbers, the first responsible body) and the reasons follow
    it as a list, one line per row, with the mandate and every responsible body."""
    plan = evaluation.plan
    meetings = evaluation.meetings
    words = ReasonWords(plan)
    lines = [f"# Daily check: {markdown_text(plan.process.title.en)}", "",
             f"{markdown_text(plan.process.title.zh)} · {markdown_text(plan.process.source_document)}",
             "", f"As of **{weekday_text(evaluation.as_of, 'en')}** ({plan.process.timezone}) · "
             f"{len(evaluation.outputs)} mandated outputs", ""]
    counts = shown_counts(evaluation, assumed)
    lines += _table(["status", "outputs"], [[s.value.replace("_", " "), counts[s.value]] for s in SEVERITY]
                    + ([["assumed deadlines passed", counts["assumed_passed"]]]
                       if "assumed_passed" in counts else []))
    late = evaluation.late_inputs
    lines += ["", f"## Late inputs ({len(late)})", ""]
    if late:
        shown_late = late[:limit]
        lines += _table(["input", "flag", "expected", "days late"], [
            [li.input.id, li.input.flag.value.replace("_", " ") if li.input.flag else None,
             li.input.expected_on.isoformat() if li.input.expected_on else None, li.input.days_late]
            for li in shown_late])
        lines += _notes([(f"{li.input.id}, needed by {li.output}", _late_reason(evaluation, words, li))
                         for li in shown_late])
        lines += _more(len(late), len(shown_late))
    left_out = hidden(evaluation, assumed)
    for status in SECTIONS:
        states = shown_in(evaluation, status, assumed)
        lines += ["", f"## {status.value.replace('_', ' ').capitalize()} ({len(states)})", ""]
        if status is OutputStatus.OVERDUE and left_out:
            lines += [markdown_text(hidden_line(left_out, "en")), ""]
        if not states:
            continue
        shown = states[:limit]
        lines += _table(["output", "due", "responsible"], [
            [s.id, s.due.on.isoformat() if s.due else "no date", _bodies(plan, s.output.responsible)]
            for s in shown])
        lines += _notes([(f"{s.id} ({s.output.mandate}; "
                          f"{', '.join(plan.body_short(b) for b in s.output.responsible) or '—'})",
                          with_provenance(words.text(s.reason, "en"), s, meetings, "en"))
                         for s in shown])
        lines += _more(len(states), len(shown))
    if evaluation.critical_chain:
        lines += ["", "## Critical chain", "", markdown_text(" → ".join(evaluation.critical_chain))]
    return "\n".join(lines) + "\n"


def late_input_table(evaluation: Evaluation, limit: int = 500) -> list[dict[str, Any]]:
    """The late inputs as rows of Prefect's table artifact, short columns only so that the table
    fits the page (issue 10, item 8; the UI does not wrap cells): `input`, `needed_by`, `flag`
    (`late`, `after deadline`, `unscheduled`), `days_late`. Expected dates and reasons are in the
    markdown artifact (reasons below its table) and in `late_input_rows`."""
    return [{"input": li.input.id, "needed_by": li.output,
             "flag": li.input.flag.value.removeprefix("arrives_").replace("_", " ")
             if li.input.flag else None,
             "days_late": li.input.days_late}
            for li in evaluation.late_inputs[:limit]]


def late_input_rows(evaluation: Evaluation, limit: int = 500) -> list[dict[str, Any]]:
    """The late inputs as table-artifact rows (issue 3, item 2); reasons in English, and where
    the input's status comes from (`provenance`: `recorded (source: …)`, `presumed delivered`,
    `assumed quarterly (the text says 'regularly')`, or null for the text's own rule)."""
    words = ReasonWords(evaluation.plan)
    return [{"needed_by": li.output, "input": li.input.id,
             "flag": li.input.flag.value if li.input.flag else None,
             "expected_on": li.input.expected_on.isoformat() if li.input.expected_on else None,
             "days_late": li.input.days_late, "reason": _reason(words, li.input.reason),
             "provenance": _provenance(evaluation, li)}
            for li in evaluation.late_inputs[:limit]]


def _provenance(evaluation: Evaluation, item: LateInput) -> str | None:
    state = evaluation.outputs.get(item.input.id)
    if state is None:
        return None
    return provenance_text(state, evaluation.meetings, "en", item.input.reason) or None


def _late_reason(evaluation: Evaluation, words: ReasonWords, item: LateInput) -> str | None:
    said = _reason(words, item.input.reason)
    state = evaluation.outputs.get(item.input.id)
    if said is None or state is None:
        return said
    return with_provenance(said, state, evaluation.meetings, "en", item.input.reason)


def _reason(words: ReasonWords, reason: Reason | None) -> str | None:
    return words.text(reason, "en") if reason is not None else None
