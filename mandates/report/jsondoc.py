"""Evaluation -> the JSON object of `mandates check --format json`.

Keys are only ever added (scripts read them); `schema_version` says which set a document has:
1.0 the first; 1.1 adds `schema_version`, and beside every `reason` (English, as before) the
`reason_code` and `reason_text` (`{"en": ..., "zh": ...}`) of outputs, inputs and late inputs;
1.2 adds `notes` (recent notes and waivers, `report.notes`) and a meeting venue's `written_in`
(the language of a venue given by command, null for the process file's own); 1.3 (the living
plan) adds where each status and date comes from and meetings as they really happen:
- outputs: `provenance` (`recorded`, `presumed`, `assumed` or null for the text's own rule),
  `assumption` (`{"rule": "quarterly", "says": {"en": "regularly", "zh": "定期"}}` or null),
  `due_set_on` (when what set the current due date took effect), `latest_finish` (the
  latest date it can have and still make the last meeting) and `provenance_text` (`{"en":
  "assumed quarterly (the text says 'regularly')", "zh": "按季度推定（案文称“定期”）"}`, as the
  check prints it after the reason; null when there is nothing to say);
- meetings: `phase` (the full state: `status`'s six, or `rescheduled`, `split`, `in_parts`),
  `precision` (`day`, or `month` or `quarter` for a window), `mode` (`in-person`,
  `online`, `hybrid`), `held_provenance` (`recorded`, `presumed` or null), `dates_set_on` and
  `parts` (each: `id`, `number`, `opens_on`, `closes_on`, `window`, `precision`, `venue`,
  `timezone`, `mode`, `status`, `held_provenance`; empty for a meeting held in one go);
- notes: `source`;
- the top: `assumed` (`show` or `hide`, as `--assumed` asked) and `assumed_passed` (the ids of
  the overdue outputs whose deadline the model assumed); with `hide`, `totals.overdue` leaves
  them out and `totals.assumed_passed` counts them. Every output stays in `outputs`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any, BinaryIO, TextIO

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputState, OutputState
from mandates.core.gcpause import paused_gc
from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import Assumption, Plan, Title, Window
from mandates.core.reasons import Reason, ReasonCode
from mandates.report.assumed import AssumedMode, passed_assumed, shown_counts
from mandates.report.notes import note_dict, recent_notes
from mandates.words.check import meeting_phase, part_status
from mandates.words.dates import LANGS
from mandates.words.names import provenance_text
from mandates.words.reasons import ReasonWords

SCHEMA_VERSION = "1.3"


def _iso(day: Date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _title(title: Title | None) -> dict[str, str] | None:
    return {"en": title.en, "zh": title.zh} if title is not None else None


def _venue(venue: Title | None) -> dict[str, str | None] | None:
    """A venue in both languages and `written_in`: the language a user typed it in, or None."""
    if venue is None:
        return None
    return {"en": venue.en, "zh": venue.zh, "written_in": venue.written_in}


def _window(window: Window | None) -> dict[str, str | None] | None:
    """`{"earliest", "latest"}` (as since 1.0; how precise it is goes beside it, `precision`),
    or None."""
    if window is None:
        return None
    return {"earliest": _iso(window.earliest), "latest": _iso(window.latest)}


def _precision(window: Window | None) -> str:
    """`day` (dates as days, or none), `month` or `quarter`: how exactly the dates are known."""
    return window.precision.value if window is not None else "day"


def _value(item: StrEnum | None) -> str | None:
    """An enum's value (`Provenance.PRESUMED` -> `presumed`), None for None."""
    return item.value if item is not None else None


def part_dict(part: PartState) -> dict[str, Any]:
    """One part of a meeting held in parts (or split): id, number, dates or window, venue, zone,
    mode, status (`held`, `scheduled`, `tentative`, `unscheduled`) and `held_provenance`."""
    return {
        "id": part.id, "number": part.number, "opens_on": _iso(part.opens_on),
        "closes_on": _iso(part.closes_on), "window": _window(part.window),
        "precision": _precision(part.window), "venue": _venue(part.venue), "timezone": part.timezone,
        "mode": part.mode.value, "status": part_status(part).value,
        "held_provenance": _value(part.held_provenance),
    }


def meeting_dict(state: MeetingState) -> dict[str, Any]:
    """One meeting: id, titles, dates or window, venue, zone, status, Annex II type; its mode,
    whether it was held by record or presumed, when its dates were set, and its parts."""
    m = state.meeting
    return {
        "id": m.id, "title": _title(m.title), "body": m.body, "opens_on": _iso(state.opens_on),
        "closes_on": _iso(state.closes_on), "window": _window(state.window),
        "venue": _venue(state.venue), "timezone": state.timezone, "status": state.status.value,
        "type": m.type, "table": m.table, "mandate": m.mandate, "element": _title(m.element),
        "moved": state.moved, "phase": meeting_phase(state).value,
        "precision": _precision(state.window), "mode": state.mode.value,
        "held_provenance": _value(state.held_provenance),
        "dates_set_on": _iso(state.dates_set_on), "parts": [part_dict(p) for p in state.parts],
    }


def _assumption(assumption: Assumption | None) -> dict[str, Any] | None:
    """`{"rule": "quarterly", "says": {"en": "regularly", "zh": "定期"}}` (`says` null when the
    text says nothing of it), or None."""
    if assumption is None:
        return None
    return {"rule": assumption.rule, "says": _title(assumption.says)}


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


def output_dict(state: OutputState, reasons: _Reasons,
                meetings: Mapping[str, MeetingState] | None = None) -> dict[str, Any]:
    """One output with its due dates, slip, slack, status, reason and inputs, and where its
    status and date come from (`meetings`: the evaluation's, to find a source)."""
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
        "provenance": _value(state.provenance), "assumption": _assumption(state.assumption),
        "due_set_on": _iso(state.due_set_on), "latest_finish": _iso(state.latest_finish),
        "provenance_text": _provenance_text(state, meetings or {}),
    }


def _provenance_text(state: OutputState, meetings: Mapping[str, MeetingState]) -> dict[str, str] | None:
    """Where the status and date come from in words, as the check prints it after the reason
    (`words.names.provenance_text`), in both languages; None when there is nothing to say."""
    if state.provenance is None and state.due_set_on is None:
        return None
    texts: dict[str, str] = {lang: provenance_text(state, meetings, lang) for lang in LANGS}
    return texts if texts["en"] else None


def evaluation_dict(evaluation: Evaluation, assumed: AssumedMode = "show") -> dict[str, Any]:
    """The whole check as one JSON-ready object; dates as ISO YYYY-MM-DD. `assumed` as
    `mandates check --assumed`: with `hide`, the totals count the assumed deadlines that have
    passed apart (`report.assumed`)."""
    with paused_gc():
        return {key: list(value) if isinstance(value, Iterator) else value
                for key, value in _members(evaluation, assumed)}


def _members(evaluation: Evaluation, assumed: AssumedMode) -> Iterator[tuple[str, Any]]:
    """The document's keys in order, each with its value; the three long lists (meetings,
    outputs, late inputs) as iterators, built one item at a time as they are written."""
    plan = evaluation.plan
    reasons = _Reasons(plan)
    yield "schema_version", SCHEMA_VERSION
    yield "process", plan.process.id
    yield "title", _title(plan.process.title)
    yield "as_of", evaluation.as_of.isoformat()
    yield "timezone", plan.process.timezone
    yield "meetings", (meeting_dict(s) for s in evaluation.meetings.values())
    yield "outputs", (output_dict(s, reasons, evaluation.meetings) for s in evaluation.outputs.values())
    yield "late_inputs", (input_dict(li.input, reasons, li.output) for li in evaluation.late_inputs)
    yield "critical_chain", evaluation.critical_chain
    yield "totals", shown_counts(evaluation, assumed)
    yield "notes", [note_dict(f) for f in recent_notes(evaluation)]
    yield "assumed", assumed
    yield "assumed_passed", [s.id for s in passed_assumed(evaluation)]
    yield "set_aside", [{"key": r.get("key"), "subject": r.get("subject"),
                         "on": str(r.get("on")) if r.code is ReasonCode.FACT_SET_ASIDE else None,
                         "reason_code": r.code.value, "reason_text": reasons.words.texts(r)}
                        for r in evaluation.set_aside]


# Items of a long list written together (fewer, larger writes; memory bounded by the batch).
_BATCH = 512


def json_chunks(evaluation: Evaluation, assumed: AssumedMode = "show") -> Iterator[bytes]:
    """The document of `evaluation_dict` as UTF-8 JSON, byte for byte
    `json.dumps(evaluation_dict(...), ensure_ascii=False, indent=2)` and a final newline, in
    pieces: each item of a long list is built, encoded (orjson) and let go before the next, so
    memory holds a batch of items, not the document and its text."""
    import orjson

    option = orjson.OPT_INDENT_2
    yield b"{"
    first = True
    with paused_gc():
        for key, value in _members(evaluation, assumed):
            yield (b"\n  " if first else b",\n  ") + orjson.dumps(key) + b": "
            first = False
            if not isinstance(value, Iterator):
                yield orjson.dumps(value, option=option).replace(b"\n", b"\n  ")
                continue
            batch: list[bytes] = []
            count = 0
            for item in value:
                batch.append(orjson.dumps(item, option=option).replace(b"\n", b"\n    "))
                count += 1
                if len(batch) == _BATCH:
                    yield (b"[\n    " if count == _BATCH else b",\n    ") + b",\n    ".join(batch)
                    batch = []
            if batch:
                yield (b"[\n    " if count <= _BATCH else b",\n    ") + b",\n    ".join(batch)
            yield b"\n  ]" if count else b"[]"
    yield b"\n}\n"


def write_json(stream: TextIO, evaluation: Evaluation, assumed: AssumedMode = "show") -> None:
    """Write `json_chunks` to a text stream (to its binary buffer when it has one)."""
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        for chunk in json_chunks(evaluation, assumed):
            buffer.write(chunk)
        buffer.flush()
        return
    for chunk in json_chunks(evaluation, assumed):
        stream.write(chunk.decode("utf-8"))
