"""Evaluation -> the JSON object of `mandates check --format json`.

Keys are only ever added (scripts read them); `schema_version` says which set a document has:
1.0 the first; 1.1 adds `schema_version`, and beside every `reason` (English, as before) the
`reason_code` and `reason_text` (`{"en": ..., "zh": ...}`) of outputs, inputs and late inputs;
1.2 adds `notes` (recent notes and waivers, `report.notes`) and a meeting venue's `written_in`
(the language of a venue given by command, null for the process file's own).
"""

from __future__ import annotations

from typing import Any

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputState, OutputState
from mandates.core.gcpause import paused_gc
from mandates.core.meetings import MeetingState
from mandates.core.plan import Plan, Title
from mandates.core.reasons import Reason
from mandates.report.notes import note_dict, recent_notes
from mandates.words.reasons import ReasonWords

SCHEMA_VERSION = "1.2"


def _iso(day: Date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _title(title: Title | None) -> dict[str, str] | None:
    return {"en": title.en, "zh": title.zh} if title is not None else None


def _venue(venue: Title | None) -> dict[str, str | None] | None:
    """A venue in both languages and `written_in`: the language a user typed it in, or None."""
    if venue is None:
        return None
    return {"en": venue.en, "zh": venue.zh, "written_in": venue.written_in}


def meeting_dict(state: MeetingState) -> dict[str, Any]:
    """One meeting: id, titles, dates or window, venue, zone, status, Annex II type."""
    m = state.meeting
    window = ({"earliest": _iso(state.window.earliest), "latest": _iso(state.window.latest)}
              if state.window is not None else None)
    return {
        "id": m.id, "title": _title(m.title), "body": m.body, "opens_on": _iso(state.opens_on),
        "closes_on": _iso(state.closes_on), "window": window, "venue": _venue(state.venue),
        "timezone": state.timezone, "status": state.status.value, "type": m.type,
        "table": m.table, "mandate": m.mandate, "element": _title(m.element), "moved": state.moved,
    }


# `reason` (English), `reason_code`, `reason_text`: all three None for no reason
ReasonKeys = tuple[str | None, str | None, dict[str, str] | None]
_NO_REASON: ReasonKeys = (None, None, None)


class _Reasons:
    """Reasons in words for one document, each rendered once in both languages: a late input's
    reason is its input's, remembered by identity (the evaluation outlives the document)."""

    def __init__(self, plan: Plan) -> None:
        self.words = ReasonWords(plan)
        self.inputs: dict[int, ReasonKeys] = {}
        self.seen: dict[Reason, ReasonKeys] = {}

    def of(self, reason: Reason | None) -> ReasonKeys:
        """(`reason` in English, `reason_code`, `reason_text`), or three None for no reason.
        Equal reasons (`due Monday 13 January 2020` of many outputs) are rendered once."""
        if reason is None:
            return _NO_REASON
        found = self.seen.get(reason)
        if found is None:
            texts = self.words.texts(reason)
            found = self.seen[reason] = (texts["en"], reason.code.value, texts)
        return found

    def of_input(self, reason: Reason | None) -> ReasonKeys:
        """The same for an input's reason, rendered once for the input and its late input."""
        if reason is None:
            return _NO_REASON
        found = self.inputs.get(id(reason))
        if found is None:
            found = self.inputs[id(reason)] = self.of(reason)
        return found


def input_dict(state: InputState, reasons: _Reasons, needed_by: str | None = None) -> dict[str, Any]:
    """One input edge with its flag and reason; as a late input, with the output that needs it."""
    reason, code, text = reasons.of_input(state.reason)
    flag = state.flag.value if state.flag else None
    if needed_by is not None:
        return {"output": needed_by, "id": state.id, "flag": flag,
                "expected_on": _iso(state.expected_on), "days_late": state.days_late,
                "reason": reason, "reason_code": code, "reason_text": text}
    return {"id": state.id, "flag": flag, "expected_on": _iso(state.expected_on),
            "days_late": state.days_late, "reason": reason, "reason_code": code, "reason_text": text}


def output_dict(state: OutputState, reasons: _Reasons) -> dict[str, Any]:
    """One output with its due dates, slip, slack, status, reason and inputs."""
    o = state.output
    due_window = ({"earliest": _iso(state.due.earliest), "latest": _iso(state.due.latest)}
                  if state.due is not None and state.due.is_window else None)
    reason, code, text = reasons.of(state.reason)
    return {
        "id": o.id, "title": _title(o.title), "responsible": list(o.responsible),
        "mandate": o.mandate, "for": o.for_, "due": _iso(state.due.on if state.due else None),
        "due_window": due_window, "tentative": bool(state.due and state.due.tentative),
        "baseline_due": _iso(state.baseline_due.on if state.baseline_due else None),
        "slip_days": state.slip_days, "slack_days": state.slack_days,
        "status": state.status.value, "reason": reason, "reason_code": code, "reason_text": text,
        "delivered_on": _iso(state.delivered_on), "presumed": state.presumed,
        "days_late": state.days_late, "audience": o.audience.value,
        "occurrence": list(state.occurrence) if state.occurrence else None,
        "inputs": [input_dict(i, reasons) for i in state.inputs],
    }


def evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The whole check as one JSON-ready object; dates as ISO YYYY-MM-DD."""
    with paused_gc():
        return _evaluation_dict(evaluation)


def _evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    plan = evaluation.plan
    reasons = _Reasons(plan)
    return {
        "schema_version": SCHEMA_VERSION,
        "process": plan.process.id,
        "title": _title(plan.process.title),
        "as_of": evaluation.as_of.isoformat(),
        "timezone": plan.process.timezone,
        "meetings": [meeting_dict(s) for s in evaluation.meetings.values()],
        "outputs": [output_dict(s, reasons) for s in evaluation.outputs.values()],
        "late_inputs": [input_dict(li.input, reasons, li.output) for li in evaluation.late_inputs],
        "critical_chain": evaluation.critical_chain,
        "totals": evaluation.counts(),
        "notes": [note_dict(f) for f in recent_notes(evaluation)],
    }
