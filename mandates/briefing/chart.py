"""Evaluation -> the timeline chart of the Bureau briefing, as hand-written SVG.

One row per meeting and per output, grouped by body (outputs under their first responsible body),
labels in a column of their own, cut to fit, so no two labels overlap. Meetings are bars on their
dates (windows hatched, planned dates of a moved meeting as a ghost), deadlines are diamonds,
inputs are arrows into what needs them, late items are red, the critical chain to the process's
last meeting is drawn thick, and the as-of date is a line. The output is a pure function of the
evaluation and the language: byte-stable for golden tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from pendulum import Date

from mandates.briefing.risk import base_meeting
from mandates.core.evaluate import LATE_FLAGS, Evaluation, OutputStatus
from mandates.words import i18n
from mandates.words.i18n import Lang

FAR_FUTURE = Date(9999, 12, 31)  # sorts undated items last
WIDTH = 1000
LABEL_X, LABEL_W = 8, 318
PLOT_X0, PLOT_X1 = 340, 988
ROW_H, GROUP_H = 14, 19
FONT, GROUP_FONT, AXIS_FONT = 10.5, 11, 10
FONT_FAMILY = "'Liberation Sans', Arial, 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
RED, CHAIN, BLUE, GREEN, AMBER, GREY = "#c62828", "#6a1b9a", "#2b5fab", "#2e7d32", "#e08a00", "#8a94a6"

XML_LANG = ' xml:lang="zh-Hans"'
STYLE = "".join([
    f".tl text{{font-family:{FONT_FAMILY};fill:#1f2933}}",
    f".tl-label{{font-size:{FONT}px}}.tl-mlabel{{font-size:{FONT}px;font-weight:bold}}",
    f".tl-chainlabel{{fill:{CHAIN}!important;font-weight:bold}}",
    f".tl-group{{font-size:{GROUP_FONT}px;font-weight:bold}}.tl-axis{{font-size:{AXIS_FONT}px}}",
    f".tl-year{{font-size:{AXIS_FONT}px;font-weight:bold}}",
    f".tl-note{{font-size:9.5px;font-style:italic;fill:{GREY}!important}}",
    ".tl-band{fill:#eef1f6}.tl-grid{stroke:#e3e7ee;stroke-width:1}",
    f".tl-bar{{fill:{BLUE}}}.tl-held{{fill:#7d8fb3}}",
    f".tl-window{{fill:url(#tl-hatch);stroke:{BLUE};stroke-dasharray:3 2;stroke-width:1}}",
    f".tl-ghost{{fill:none;stroke:{GREY};stroke-dasharray:2 2;stroke-width:1}}",
    f".tl-due{{fill:#fff;stroke:{BLUE};stroke-width:1.5}}.tl-soon{{fill:#fff;stroke:{AMBER};stroke-width:2}}",
    f".tl-risk{{fill:{AMBER};stroke:{AMBER}}}.tl-done{{fill:{GREEN};stroke:{GREEN}}}",
    f".tl-late{{fill:{RED};stroke:{RED}}}.tl-latelabel{{fill:{RED}!important}}",
    ".tl-edge{fill:none;stroke:#9aa5b5;stroke-width:.8;opacity:.75}",
    f".tl-edge-late{{fill:none;stroke:{RED};stroke-width:1.3}}",
    f".tl-chain{{fill:none;stroke:{CHAIN};stroke-width:2.4}}",
    f".tl-halo{{fill:none;stroke:{CHAIN};stroke-width:1.6}}",
    f".tl-span{{stroke:{BLUE};stroke-width:1.5}}",
    ".tl-asof{stroke:#111;stroke-width:1.2;stroke-dasharray:5 3}",
])

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


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text, cut with an ellipsis so that it fits `width` pixels (no overlapping labels)."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip(" ,;:(–-") + "…"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the chart: a body header, a meeting or an output."""

    kind: str
    id: str
    y: float


class Scale:
    """Dates -> x between the first day of the first month and the last day of the last month."""

    def __init__(self, first: Date, last: Date) -> None:
        self.start = first.start_of("month")
        self.end = last.end_of("month").add(days=1)
        self.span = self.end.toordinal() - self.start.toordinal()

    def x(self, day: Date) -> float:
        """The x of the start of a day."""
        return PLOT_X0 + (day.toordinal() - self.start.toordinal()) * (PLOT_X1 - PLOT_X0) / self.span


def _dates(ev: Evaluation) -> list[Date]:
    days = [ev.as_of]
    for m in ev.meetings.values():
        days += [d for d in (m.opens_on, m.closes_on, m.meeting.opens_on, m.meeting.closes_on) if d]
        if m.window is not None:
            days += [m.window.earliest, m.window.latest]
    for o in ev.outputs.values():
        if o.due is not None:
            days += [o.due.earliest, o.due.latest]
        if o.delivered_on is not None:
            days.append(o.delivered_on)
    return days


def _rows(ev: Evaluation, top: float) -> list[Row]:
    plan = ev.plan
    rows: list[Row] = []
    y = top
    for body in plan.bodies:
        items: list[tuple[Date, int, str, str]] = []
        for mid, m in ev.meetings.items():
            if m.meeting.body == body:
                day = m.span.opens_earliest if m.span else (m.opens_on or FAR_FUTURE)
                items.append((day, 0, "meeting", mid))
        for oid, o in ev.outputs.items():
            if o.output.responsible and o.output.responsible[0] == body:
                day = o.delivered_on or (o.due.on if o.due else FAR_FUTURE)
                items.append((day, 1, "output", oid))
        if not items:
            continue
        rows.append(Row("body", body, y))
        y += GROUP_H
        for _, _, kind, item_id in sorted(items):
            rows.append(Row(kind, item_id, y))
            y += ROW_H
    return rows


def _legend(lang: Lang) -> tuple[list[str], float]:
    entries = [("meeting", "legend_meeting"), ("window", "legend_tentative"), ("ghost", "legend_moved"),
               ("due", "legend_due"), ("delivered", "legend_delivered"), ("late", "legend_late"),
               ("input", "legend_input"), ("chain", "legend_chain")]
    out: list[str] = []
    x, y = float(LABEL_X), 14.0
    for kind, key in entries:
        label = i18n.phrase(key, lang)
        width = 26 + text_width(label, AXIS_FONT) + 16
        if x + width > WIDTH - 8:
            x, y = float(LABEL_X), y + 18
        sx, cy = x, y - 3.5
        if kind in ("meeting", "window", "ghost"):
            cls = {"meeting": "tl-bar", "window": "tl-window", "ghost": "tl-ghost"}[kind]
            out.append(f'<rect class="{cls}" x="{_n(sx)}" y="{_n(cy - 4)}" width="20" height="8"/>')
        elif kind in ("due", "delivered", "late"):
            cls = {"due": "tl-due", "delivered": "tl-done", "late": "tl-late"}[kind]
            out.append(_diamond(sx + 10, cy, cls))
        else:
            cls = "tl-edge" if kind == "input" else "tl-chain"
            marker = "tl-arrow" if kind == "input" else "tl-arrow-chain"
            out.append(f'<path class="{cls}" d="M{_n(sx)} {_n(cy)}H{_n(sx + 20)}" '
                       f'marker-end="url(#{marker})"/>')
        out.append(f'<text class="tl-axis" x="{_n(sx + 26)}" y="{_n(y)}">{escape(label)}</text>')
        x += width
    return out, y + 12


def _diamond(x: float, y: float, cls: str, r: float = 4.5) -> str:
    return (f'<path class="{cls}" d="M{_n(x)} {_n(y - r)}L{_n(x + r)} {_n(y)}L{_n(x)} {_n(y + r)}'
            f'L{_n(x - r)} {_n(y)}Z"/>')


def _axis(scale: Scale, lang: Lang, top: float, bottom: float) -> list[str]:
    out: list[str] = []
    month = scale.start
    first = True
    while month < scale.end:
        nxt = month.add(months=1)
        x0, x1 = scale.x(month), scale.x(nxt)
        out.append(f'<path class="tl-grid" d="M{_n(x0)} {_n(top)}V{_n(bottom)}"/>')
        out.append(f'<text class="tl-axis" x="{_n((x0 + x1) / 2)}" y="{_n(top - 4)}" '
                   f'text-anchor="middle">{escape(i18n.axis_month(month, lang, False))}</text>')
        if first or month.month == 1:
            year = f"{month.year}年" if lang == "zh" else str(month.year)
            out.append(f'<text class="tl-year" x="{_n(x0 + 2)}" y="{_n(top - 18)}">{year}</text>')
        first = False
        month = nxt
    out.append(f'<path class="tl-grid" d="M{_n(scale.x(scale.end))} {_n(top)}V{_n(bottom)}"/>')
    return out


def timeline_svg(ev: Evaluation, lang: Lang) -> str:
    """The timeline chart of an evaluation as SVG text."""
    scale = Scale(min(_dates(ev)), max(_dates(ev)))
    legend, legend_bottom = _legend(lang)
    axis_top = legend_bottom + 30
    rows = _rows(ev, axis_top + 4)
    bottom = (rows[-1].y + (ROW_H if rows[-1].kind != "body" else GROUP_H)) if rows else axis_top + 4
    height = bottom + 26
    ys = {(r.kind, r.id): r.y + ROW_H / 2 for r in rows if r.kind != "body"}
    chain = ev.critical_chain
    chain_edges = set(pairwise(chain))
    late_edges = {(li.input.id, li.output) for li in ev.late_inputs if li.input.flag in LATE_FLAGS}
    late_outputs = {i for i, _ in late_edges} | {
        oid for oid, o in ev.outputs.items() if o.status is OutputStatus.OVERDUE}
    alt = i18n.phrase("timeline_alt", lang, date=i18n.date_text(ev.as_of, lang))
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="{WIDTH}" height="{_n(height)}" role="img" aria-labelledby="tl-title"'
        f"{XML_LANG if lang == 'zh' else ''}>",
        f'<title id="tl-title">{escape(alt)}</title>',
        "<defs><style>",
        STYLE,
        "</style>"
        '<pattern id="tl-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="5" height="5" fill="#dfe7f5"/><path d="M0 0V5" stroke="{BLUE}" stroke-width="1.4"/>'
        "</pattern>",
        *[f'<marker id="{mid}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="{size}" '
          f'markerHeight="{size}" '
          f'orient="auto-start-reverse"><path d="M0 0L8 4L0 8Z" fill="{color}"/></marker>'
          for mid, color, size in (("tl-arrow", "#9aa5b5", 5), ("tl-arrow-late", RED, 6),
                                   ("tl-arrow-chain", CHAIN, 4))],
        "</defs>",
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    parts += legend
    for r in rows:
        if r.kind == "body":
            parts.append(f'<rect class="tl-band" x="0" y="{_n(r.y + 1)}" width="{WIDTH}" '
                         f'height="{GROUP_H - 2}"/>')
    parts += _axis(scale, lang, axis_top, bottom)
    for r in rows:
        parts += _row_label(ev, r, lang, set(chain), late_outputs)
    parts += _edges(ev, scale, ys, chain_edges, late_edges)
    for r in rows:
        if r.kind == "meeting":
            parts += _meeting(ev, r, scale, lang)
        elif r.kind == "output":
            parts += _output(ev, r, scale, lang, set(chain), late_outputs)
    x = scale.x(ev.as_of)
    parts.append(f'<path class="tl-asof" d="M{_n(x)} {_n(axis_top - 2)}V{_n(bottom + 4)}"/>')
    label = i18n.date_text(ev.as_of, lang)
    width = text_width(label, AXIS_FONT, True)
    lx = min(max(x - width / 2, PLOT_X0), PLOT_X1 - width)
    parts.append(f'<text class="tl-year" x="{_n(lx)}" y="{_n(bottom + 17)}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _row_label(ev: Evaluation, r: Row, lang: Lang, chain: set[str], late: set[str]) -> list[str]:
    if r.kind == "body":
        body = ev.plan.bodies[r.id]
        name = body.name.zh if lang == "zh" and body.name.zh else body.name.en
        full = name
        text = fit(name, WIDTH - 16, GROUP_FONT, True)
        return [f'<text class="tl-group" x="{LABEL_X}" y="{_n(r.y + 13.5)}"><title>{escape(full)}</title>'
                f"{escape(text)}</text>"]
    if r.kind == "meeting":
        item = ev.meetings[r.id].meeting
        full, short = item.title.get(lang), item.short.get(lang) if item.short else None
        cls, bold, indent = "tl-mlabel", True, 8
    else:
        output = ev.outputs[r.id].output
        full, short = output.title.get(lang), output.short.get(lang) if output.short else None
        cls, bold, indent = "tl-label", False, 18
        if r.id in chain:
            cls += " tl-chainlabel"
            bold = True
        elif r.id in late:
            cls += " tl-latelabel"
    shown = full
    if short is not None:
        shown = short.removeprefix("the ")
        shown = shown[:1].upper() + shown[1:]
    text = fit(shown, LABEL_W - indent, FONT, bold)
    return [f'<text class="{cls}" x="{LABEL_X + indent}" y="{_n(r.y + 10.5)}" data-id="{escape(r.id)}">'
            f"<title>{escape(full)}</title>{escape(text)}</text>"]


def _output_x(ev: Evaluation, oid: str, scale: Scale) -> float | None:
    state = ev.outputs[oid]
    if state.delivered_on is not None:
        return scale.x(state.delivered_on) + 0.5
    if state.due is None:
        return None
    return scale.x(state.due.on) + 0.5


def _edges(ev: Evaluation, scale: Scale, ys: dict[tuple[str, str], float],
           chain_edges: set[tuple[str, str]], late_edges: set[tuple[str, str]]) -> list[str]:
    plan = ev.plan
    out: list[str] = []
    ordered: list[tuple[int, str]] = []
    for consumer in plan.outputs:
        xc = _output_x(ev, consumer, scale)
        if xc is None or ev.outputs[consumer].status is OutputStatus.CANCELLED:
            continue
        for source in plan.all_inputs(consumer):
            xs = _output_x(ev, source, scale)
            if xs is None:
                continue
            key = (source, consumer)
            rank, cls, marker = 0, "tl-edge", "tl-arrow"
            if key in late_edges:
                rank, cls, marker = 1, "tl-edge-late", "tl-arrow-late"
            if key in chain_edges:
                rank, cls, marker = 2, "tl-chain", "tl-arrow-chain"
            path = _curve(xs, ys[("output", source)], xc, ys[("output", consumer)], cls, marker)
            ordered.append((rank, path))
    # a part (cop-15-part-2) is drawn on its meeting's row
    last = base_meeting(plan.process.last_meeting, plan.meetings)
    if ev.critical_chain and last in ev.meetings:
        tail = ev.critical_chain[-1]
        target = ev.meetings[last]
        xs = _output_x(ev, tail, scale)
        if xs is not None and target.span is not None and ("meeting", last) in ys:
            ordered.append((2, _curve(xs, ys[("output", tail)], scale.x(target.span.opens_earliest),
                                      ys[("meeting", last)], "tl-chain", "tl-arrow-chain")))
    ordered.sort(key=lambda item: item[0])
    out += [path for _, path in ordered]
    return out


def _curve(x0: float, y0: float, x1: float, y1: float, cls: str, marker: str) -> str:
    x0, x1 = x0 + 4.5, x1 - 5.5
    dx = max(18.0, abs(x1 - x0) / 2)
    return (f'<path class="{cls}" d="M{_n(x0)} {_n(y0)}C{_n(x0 + dx)} {_n(y0)} {_n(x1 - dx)} {_n(y1)} '
            f'{_n(x1)} {_n(y1)}" marker-end="url(#{marker})"/>')


def _meeting(ev: Evaluation, r: Row, scale: Scale, lang: Lang) -> list[str]:
    state = ev.meetings[r.id]
    m = state.meeting
    y = r.y + ROW_H / 2
    out: list[str] = []
    if state.moved and m.opens_on is not None and m.closes_on is not None:
        x0, x1 = scale.x(m.opens_on), scale.x(m.closes_on.add(days=1))
        out.append(f'<rect class="tl-ghost" x="{_n(x0)}" y="{_n(y - 5)}" width="{_n(max(x1 - x0, 3))}" '
                   'height="10"/>')
    if state.span is None:
        key = "cancelled_when" if state.cancelled else "postponed_when" if state.postponed else "chart_tbd"
        out.append(f'<text class="tl-note" x="{PLOT_X0 + 4}" y="{_n(r.y + 10.5)}">'
                   f"{escape(i18n.phrase(key, lang))}</text>")
        return out
    span = state.span
    last = base_meeting(ev.plan.process.last_meeting, ev.plan.meetings) == r.id
    extra = f' stroke="{CHAIN}" stroke-width="2"' if last else ""
    dated = [p for p in state.parts if p.span is not None]
    if dated:  # a meeting in parts (or split): a bar per part, on the meeting's row
        for part in dated:
            assert part.span is not None
            x0, x1 = scale.x(part.span.opens_earliest), scale.x(part.span.closes_latest.add(days=1))
            cls = "tl-window" if part.span.tentative else ("tl-held" if part.held else "tl-bar")
            name = r.id if part is dated[0] else part.id  # the first part keeps the meeting's id
            out.append(f'<rect class="{cls}" x="{_n(x0)}" y="{_n(y - 4)}" width="{_n(max(x1 - x0, 3))}" '
                       f'height="8" data-id="{escape(name)}"{extra}/>')
        return out
    if span.is_window:
        x0, x1 = scale.x(span.opens_earliest), scale.x(span.closes_latest.add(days=1))
        cls = "tl-window"
    else:
        x0, x1 = scale.x(span.opens_earliest), scale.x(span.closes_latest.add(days=1))
        cls = "tl-window" if span.tentative else ("tl-held" if state.held else "tl-bar")
    out.append(f'<rect class="{cls}" x="{_n(x0)}" y="{_n(y - 4)}" width="{_n(max(x1 - x0, 3))}" height="8"'
               f' data-id="{escape(r.id)}"{extra}/>')
    return out


def _output(ev: Evaluation, r: Row, scale: Scale, lang: Lang, chain: set[str], late: set[str]) -> list[str]:
    state = ev.outputs[r.id]
    y = r.y + ROW_H / 2
    out: list[str] = []
    if state.status is OutputStatus.DELIVERED and state.delivered_on is not None:
        x = scale.x(state.delivered_on) + 0.5
        cls = "tl-late" if r.id in late else "tl-done"
    elif state.due is None:
        cls = "tl-note tl-latelabel" if r.id in late else "tl-note"
        return [f'<text class="{cls}" x="{PLOT_X0 + 4}" y="{_n(r.y + 10.5)}">'
                f'{escape(i18n.phrase("chart_no_date", lang))}</text>']
    else:
        x = scale.x(state.due.on) + 0.5
        if state.due.is_window:
            out.append(f'<path class="tl-span" d="M{_n(scale.x(state.due.earliest))} {_n(y)}'
                       f'H{_n(scale.x(state.due.latest) + 1)}"/>')
        cls = {OutputStatus.OVERDUE: "tl-late", OutputStatus.DUE_SOON: "tl-soon",
               OutputStatus.AT_RISK: "tl-risk", OutputStatus.BLOCKED: "tl-risk"}.get(state.status, "tl-due")
        if r.id in late:
            cls = "tl-late"
    if r.id in chain:
        out.append(f'<circle class="tl-halo" cx="{_n(x)}" cy="{_n(y)}" r="6.5"/>')
    out.append(_diamond(x, y, cls).replace("/>", f' data-id="{escape(r.id)}"/>'))
    return out
