"""The rows of the timeline chart: which item goes on which row, under which meeting, and its
label wrapped to the label column (never cut).

Rows follow the calendar: each meeting in the order it opens (undated meetings last), and under
it, indented, the outputs that are *for* it (an output for another output is for the meeting
that output is for, followed to the end); an output for no meeting stands on its own row, at its
own date, among the meetings. Pure: an evaluation and a language in, rows out.
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.briefing.risk import base_meeting
from mandates.core.evaluate import Evaluation
from mandates.words.i18n import Lang

FAR_FUTURE = Date(9999, 12, 31)  # sorts undated items last

# Advance widths of Arial / Liberation Sans in em, for ASCII 32..126 (to fit labels to the column).
_ASCII = [
    .278, .278, .355, .556, .556, .889, .667, .191, .333, .333, .389, .584, .278, .333, .278, .278,
    .556, .556, .556, .556, .556, .556, .556, .556, .556, .556, .278, .278, .584, .584, .584, .556,
    1.015, .667, .667, .722, .722, .667, .611, .778, .722, .278, .5, .667, .556, .833, .722, .778,
    .667, .778, .722, .667, .611, .722, .667, .944, .667, .667, .611, .278, .278, .278, .469, .556,
    .333, .556, .556, .5, .556, .556, .278, .556, .556, .222, .222, .5, .222, .833, .556, .556,
    .556, .556, .333, .5, .278, .556, .5, .722, .5, .5, .5, .334, .26, .334, .584,
]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width of a text in pixels: Arial metrics for ASCII, one em for CJK (a bit wide)."""
    total = 0.0
    for ch in text:
        code = ord(ch)
        if 32 <= code <= 126:
            total += _ASCII[code - 32]
        elif code >= 0x2E80:
            total += 1.0
        else:
            total += 0.65
    return total * size * (1.1 if bold else 1.03)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """The text in lines that each fit `width` pixels: broken between words, and between any two
    characters of Chinese (no hyphen, nothing left out). A single word wider than the column is
    broken between letters as a last resort."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        candidate = current + token if current else token.lstrip()
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
        while text_width(current, size, bold) > width and len(current) > 1:  # an over-long word
            cut = len(current) - 1
            while cut > 1 and text_width(current[:cut], size, bold) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words with their leading space; each CJK character a token of its own."""
    tokens: list[str] = []
    for ch in text:
        cjk = ord(ch) >= 0x2E80
        if cjk or not tokens or ch == " " or ord(tokens[-1][-1]) >= 0x2E80:
            tokens.append(ch)
        else:
            tokens[-1] += ch
    return tokens


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a meeting, or an output `under` the meeting it is for (None: on its own)."""

    kind: str
    id: str
    under: str | None


def meeting_for(ev: Evaluation, output_id: str) -> str | None:
    """The meeting an output is for: its `for`, followed through outputs to a meeting (a part
    counts as its meeting); None when the chain ends without one."""
    plan = ev.plan
    seen: set[str] = set()
    target = plan.outputs[output_id].for_
    while target is not None and target not in seen:
        seen.add(target)
        meeting = base_meeting(target, plan.meetings)
        if meeting in ev.meetings:
            return meeting
        if target not in plan.outputs:
            return None
        target = plan.outputs[target].for_
    return None


def _output_day(ev: Evaluation, oid: str) -> Date:
    state = ev.outputs[oid]
    return state.delivered_on or (state.due.on if state.due else FAR_FUTURE)


def chart_rows(ev: Evaluation) -> list[Row]:
    """Every meeting and output of the evaluation, once, in calendar order, outputs grouped under
    the meeting they are for."""
    under: dict[str, list[str]] = {mid: [] for mid in ev.meetings}
    entries: list[tuple[Date, int, str, str]] = []
    for mid, m in ev.meetings.items():
        day = m.span.opens_earliest if m.span else (m.opens_on or FAR_FUTURE)
        entries.append((day, 0, "meeting", mid))
    for oid in ev.outputs:
        meeting = meeting_for(ev, oid)
        if meeting is None:
            entries.append((_output_day(ev, oid), 1, "output", oid))
        else:
            under[meeting].append(oid)
    rows: list[Row] = []
    for _, _, kind, item_id in sorted(entries):
        rows.append(Row(kind, item_id, None))
        if kind == "meeting":
            for oid in sorted(under[item_id], key=lambda o: (_output_day(ev, o), o)):
                rows.append(Row("output", oid, item_id))
    return rows


def label_of(ev: Evaluation, row: Row, lang: Lang) -> tuple[str, str]:
    """The full title of a row's item and the (shorter) name shown."""
    if row.kind == "meeting":
        meeting = ev.meetings[row.id].meeting
        full, short = meeting.title.get(lang), meeting.short.get(lang) if meeting.short else None
    else:
        output = ev.outputs[row.id].output
        full, short = output.title.get(lang), output.short.get(lang) if output.short else None
    if short is None:
        return full, full
    shown = short.removeprefix("the ")
    return full, shown[:1].upper() + shown[1:]
