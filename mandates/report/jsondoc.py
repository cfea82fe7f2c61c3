"""Evaluation -> the JSON object of `mandates check --format json` (issue 2, item 6)."""

from __future__ import annotations

from typing import Any

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputState, OutputState
from mandates.core.gcpause import paused_gc
from mandates.core.meetings import MeetingState
from mandates.core.plan import Title


def _iso(day: Date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _title(title: Title | None) -> dict[str, str] | None:
    return {"en": title.en, "zh": title.zh} if title is not None else None


def meeting_dict(state: MeetingState) -> dict[str, Any]:
    """One meeting: id, titles, dates or window, venue, zone, status, Annex II type."""
    m = state.meeting
    window = ({"earliest": _iso(state.window.earliest), "latest": _iso(state.window.latest)}
              if state.window is not None else None)
    return {
        "id": m.id, "title": _title(m.title), "body": m.body, "opens_on": _iso(state.opens_on),
        "closes_on": _iso(state.closes_on), "window": window, "venue": _title(state.venue),
        "timezone": state.timezone, "status": state.status.value, "type": m.type,
        "table": m.table, "mandate": m.mandate, "element": _title(m.element), "moved": state.moved,
    }


def input_dict(state: InputState) -> dict[str, Any]:
    """One input edge with its flag."""
    return {"id": state.id, "flag": state.flag.value if state.flag else None,
            "expected_on": _iso(state.expected_on), "days_late": state.days_late,
            "reason": state.reason}


def output_dict(state: OutputState) -> dict[str, Any]:
    """One output with its due dates, slip, slack, status and inputs."""
    o = state.output
    due_window = ({"earliest": _iso(state.due.earliest), "latest": _iso(state.due.latest)}
                  if state.due is not None and state.due.is_window else None)
    return {
        "id": o.id, "title": _title(o.title), "responsible": list(o.responsible),
        "mandate": o.mandate, "for": o.for_, "due": _iso(state.due.on if state.due else None),
        "due_window": due_window, "tentative": bool(state.due and state.due.tentative),
        "baseline_due": _iso(state.baseline_due.on if state.baseline_due else None),
        "slip_days": state.slip_days, "slack_days": state.slack_days,
        "status": state.status.value, "reason": state.reason,
        "delivered_on": _iso(state.delivered_on), "presumed": state.presumed,
        "days_late": state.days_late, "audience": o.audience.value,
        "occurrence": list(state.occurrence) if state.occurrence else None,
        "inputs": [input_dict(i) for i in state.inputs],
    }


def evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The whole check as one JSON-ready object; dates as ISO YYYY-MM-DD."""
    with paused_gc():
        return _evaluation_dict(evaluation)


def _evaluation_dict(evaluation: Evaluation) -> dict[str, Any]:
    plan = evaluation.plan
    return {
        "process": plan.process.id,
        "title": _title(plan.process.title),
        "as_of": evaluation.as_of.isoformat(),
        "timezone": plan.process.timezone,
        "meetings": [meeting_dict(s) for s in evaluation.meetings.values()],
        "outputs": [output_dict(s) for s in evaluation.outputs.values()],
        "late_inputs": [{"output": li.output, **input_dict(li.input)} for li in evaluation.late_inputs],
        "critical_chain": evaluation.critical_chain,
        "totals": evaluation.counts(),
    }
