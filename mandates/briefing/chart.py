"""Evaluation -> the timeline chart of the Bureau briefing, as hand-written SVG.

One row per meeting and per output, in calendar order, each output under the meeting it is for
(`chartrows`), labels in a column of their own, wrapped onto more lines rather than cut, so no
two labels overlap. Meetings are bars on their dates (windows hatched, planned dates of a moved
meeting as a ghost), deadlines are diamonds, inputs are arrows into what needs them, late items
are red, the critical chain to the process's last meeting is drawn thick, and the as-of date is
a line. Sizes are chosen for print: the chart is 760 units wide, the width of an A4 page inside
8 mm margins, so 11.1-unit text prints at 8.04 pt. For HTML the chart is also given in pieces
(`timeline_pieces`: legend, month axis, and the rows cut before meetings) that the page lays out
as a table, so that print breaks between rows and repeats the axis. The output is a pure
function of the evaluation and the language: byte-stable for golden tests.
"""

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from mandates.briefing.chartframe import (
    AXIS_FONT,
    CHAIN,
    FONT,
    INDENT,
    LABEL_W,
    LABEL_X,
    LINE_H,
    PIECE_UNITS,
    PLOT_X0,
    PLOT_X1,
    ROW_PAD,
    WIDTH,
    XML_LANG,
    Scale,
    chart_dates,
    defs,
    diamond,
    grid,
    num,
)
from mandates.briefing.chartframe import (
    axis as draw_axis,
)
from mandates.briefing.chartframe import (
    legend as draw_legend,
)
from mandates.briefing.chartrows import Row, chart_rows, label_of, text_width, wrap
from mandates.briefing.risk import base_meeting
from mandates.core.evaluate import LATE_FLAGS, Evaluation, OutputStatus
from mandates.words import i18n
from mandates.words.i18n import Lang

__all__ = ["LABEL_W", "LABEL_X", "PLOT_X0", "Placed", "layout", "text_width", "timeline_pieces",
           "timeline_svg"]

@dataclass(frozen=True, slots=True)
class Placed:
    """A row placed on the chart: its item, top `y` and height `h` (units, from the first row),
    and its label's lines."""

    row: Row
    y: float
    h: float
    lines: tuple[str, ...]
    bold: bool

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def mid(self) -> float:
        """Where its bar or diamond is drawn: the middle of the first line."""
        return self.y + ROW_PAD + LINE_H / 2

    @property
    def base(self) -> float:
        """The baseline of its first line."""
        return self.y + ROW_PAD + LINE_H * 0.77


@dataclass(frozen=True, slots=True)
class Drawn:
    """An SVG element and the rows it reaches, top to bottom (to draw it on the pieces it crosses)."""

    svg: str
    top: float
    bottom: float


def layout(ev: Evaluation, lang: Lang) -> list[Placed]:
    """Every row with its place and its wrapped label (outputs indented under their meeting)."""
    chain = set(ev.critical_chain)
    placed: list[Placed] = []
    y = 0.0
    for row in chart_rows(ev):
        bold = row.kind == "meeting" or row.id in chain
        indent = INDENT if row.under is not None else 0
        _, shown = label_of(ev, row, lang)
        lines = tuple(wrap(shown, LABEL_W - indent, FONT, bold))
        h = len(lines) * LINE_H + 2 * ROW_PAD
        placed.append(Placed(row, y, h, lines, bold))
        y += h
    return placed


def _elements(ev: Evaluation, lang: Lang, rows: list[Placed], scale: Scale) -> list[Drawn]:
    """Everything drawn in the rows' area, in drawing order, with the rows each reaches."""
    ys = {(r.kind, r.id): r.mid for r in rows}
    chain = ev.critical_chain
    late_edges = {(li.input.id, li.output) for li in ev.late_inputs if li.input.flag in LATE_FLAGS}
    late_outputs = {i for i, _ in late_edges} | {
        oid for oid, o in ev.outputs.items() if o.status is OutputStatus.OVERDUE}
    out: list[Drawn] = []
    for r in rows:
        if r.kind == "meeting":
            out.append(Drawn(f'<rect class="tl-band" x="0" y="{num(r.y + .5)}" width="{WIDTH}" '
                             f'height="{num(r.h - 1)}"/>', r.y, r.y + r.h))
    for r in rows:
        out.append(Drawn(_row_label(ev, r, lang, set(chain), late_outputs), r.y, r.y + r.h))
    out += _edges(ev, scale, ys, set(pairwise(chain)), late_edges)
    for r in rows:
        drawn = (_meeting(ev, r, scale, lang) if r.kind == "meeting"
                 else _output(ev, r, scale, lang, set(chain), late_outputs))
        out += [Drawn(svg, r.y, r.y + r.h) for svg in drawn]
    return out


def _cuts(rows: list[Placed], height: float) -> list[tuple[float, float]]:
    """Where to cut the rows into pieces of about `height` units: before a meeting where one comes
    soon enough (an output stays with the meeting it is for), else between two outputs once the
    piece is three times as tall (that piece then repeats its meeting's name, in grey)."""
    pieces: list[tuple[float, float]] = []
    start = 0.0
    for r in rows:
        size = r.y - start
        if size >= height and (r.kind == "meeting" or size >= 3 * height):
            pieces.append((start, r.y))
            start = r.y
    pieces.append((start, rows[-1].y + rows[-1].h if rows else 0.0))
    return pieces


def timeline_svg(ev: Evaluation, lang: Lang) -> str:
    """The timeline chart of an evaluation as one SVG text (for the markdown's PNG)."""
    c = _Chart(ev, lang)
    return c.svg(c.bottom, legend=True, axis=True, rows=(0.0, c.bottom), label=True)


@dataclass(frozen=True, slots=True)
class Pieces:
    """The chart for a printed page: the legend (with the markers every piece uses), the month
    axis (repeated at the top of each page), and the rows in pieces cut before meetings."""

    legend: str
    axis: str
    rows: list[str]


def timeline_pieces(ev: Evaluation, lang: Lang, height: float = PIECE_UNITS) -> Pieces:
    """The chart in pieces of about `height` units (a meeting with the outputs for it, or more
    than one), so that a printed page breaks between rows, never through one."""
    c = _Chart(ev, lang)
    cuts = _cuts(c.rows, height)
    by_top = {r.y: r for r in c.rows}
    meetings = {r.id: r for r in c.rows if r.kind == "meeting"}
    pieces = []
    for index, (top, bottom) in enumerate(cuts):
        first = by_top.get(top)
        # A piece that starts inside a group repeats its meeting's name (a page may break there).
        repeat = meetings.get(first.row.under or "") if first is not None else None
        pieces.append(c.svg(bottom - top, legend=False, axis=False, rows=(top, bottom),
                            label=index == len(cuts) - 1, suffix=f"-{index + 1}", repeat=repeat))
    return Pieces(c.svg(0.0, legend=True, axis=False, rows=None, label=False),
                  c.svg(0.0, legend=False, axis=True, rows=None, label=False, suffix="-axis"),
                  pieces)


class _Chart:
    """What every SVG of one chart shares: scale, rows and the elements drawn in them."""

    def __init__(self, ev: Evaluation, lang: Lang) -> None:
        self.ev, self.lang = ev, lang
        self.scale = Scale(min(chart_dates(ev)), max(chart_dates(ev)))
        self.legend, self.legend_bottom = draw_legend(lang)
        self.rows = layout(ev, lang)
        self.elements = _elements(ev, lang, self.rows, self.scale)
        self.bottom = self.rows[-1].y + self.rows[-1].h if self.rows else 0.0
        self.alt = i18n.phrase("timeline_alt", lang, date=i18n.date_text(ev.as_of, lang))

    def svg(self, rows_height: float, legend: bool, axis: bool, rows: tuple[float, float] | None,
            label: bool, suffix: str = "", repeat: Placed | None = None) -> str:
        """One SVG: the legend and the axis if asked, the rows between `rows` (top, bottom), the
        as-of date written under them if `label`. Only the one with the legend has the defs."""
        top = self.legend_bottom if legend else 0.0
        axis_top = top + 28 if axis else top
        head = repeat.h if repeat is not None else 0.0
        rows_top = axis_top + (4 if axis else 0) + head
        total = rows_top + rows_height + (24 if label else 0) + (2 if legend and not axis else 0)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 {WIDTH} {num(total)}" '
            f'width="{WIDTH}" height="{num(total)}" role="img" aria-labelledby="tl-title{suffix}"'
            f"{XML_LANG if self.lang == 'zh' else ''}>",
            f'<title id="tl-title{suffix}">{escape(self.alt)}</title>',
            defs() if legend else "",  # the other pieces use these markers (one HTML document)
            '<rect width="100%" height="100%" fill="#fff"/>',
        ]
        if legend:
            parts += self.legend
        if axis:
            parts += draw_axis(self.scale, self.lang, axis_top, rows_top)
        x = self.scale.x(self.ev.as_of)
        if rows is not None:
            start, end = rows
            if repeat is not None:
                y0 = rows_top - head
                parts.append(f'<rect class="tl-band" x="0" y="{num(y0 + .5)}" width="{WIDTH}" '
                             f'height="{num(head - 1)}"/>')
                lines = "".join(f'<tspan x="{LABEL_X}" dy="{0 if i == 0 else num(LINE_H)}">'
                                f"{escape(line)}</tspan>" for i, line in enumerate(repeat.lines))
                parts.append(f'<text class="tl-mlabel tl-repeat" x="{LABEL_X}" '
                             f'y="{num(y0 + repeat.base - repeat.y)}">{lines}</text>')
            parts += grid(self.scale, rows_top - head, rows_top + rows_height)
            parts.append(f'<clipPath id="tl-rows{suffix}"><rect x="0" y="{num(start)}" width="{WIDTH}" '
                         f'height="{num(end - start)}"/></clipPath>')
            parts.append(f'<g transform="translate(0 {num(rows_top - start)})" '
                         f'clip-path="url(#tl-rows{suffix})">')
            parts += [e.svg for e in self.elements if e.bottom > start and e.top < end]
            parts.append("</g>")
        if axis or rows is not None:
            asof_top = axis_top - 2 if axis else rows_top
            parts.append(f'<path class="tl-asof" d="M{num(x)} {num(asof_top)}'
                         f'V{num(rows_top + rows_height + (4 if label else 0))}"/>')
        if label:
            text = i18n.date_text(self.ev.as_of, self.lang)
            width = text_width(text, AXIS_FONT, True)
            lx = min(max(x - width / 2, PLOT_X0), PLOT_X1 - width)
            parts.append(f'<text class="tl-year" x="{num(lx)}" y="{num(total - 7)}">{escape(text)}</text>')
        parts.append("</svg>")
        return "\n".join(parts) + "\n"


def _row_label(ev: Evaluation, r: Placed, lang: Lang, chain: set[str], late: set[str]) -> str:
    full, _ = label_of(ev, r.row, lang)
    if r.kind == "meeting":
        cls, x = "tl-mlabel", LABEL_X
    else:
        cls, x = "tl-label", LABEL_X + (INDENT if r.row.under is not None else 0)
        if r.id in chain:
            cls += " tl-chainlabel"
        elif r.id in late:
            cls += " tl-latelabel"
    under = f' data-under="{escape(r.row.under)}"' if r.row.under is not None else ""
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else num(LINE_H)}">{escape(line)}</tspan>'
                    for i, line in enumerate(r.lines))
    return (f'<text class="{cls}" x="{x}" y="{num(r.base)}" data-id="{escape(r.id)}"{under}>'
            f"<title>{escape(full)}</title>{spans}</text>")


def _output_x(ev: Evaluation, oid: str, scale: Scale) -> float | None:
    """Where an output's mark is drawn; None when it has no date or is not in this view (the
    public view keeps the plan whole but only the public outputs' states)."""
    state = ev.outputs.get(oid)
    if state is None:
        return None
    if state.delivered_on is not None:
        return scale.x(state.delivered_on) + 0.5
    if state.due is None:
        return None
    return scale.x(state.due.on) + 0.5


def _edges(ev: Evaluation, scale: Scale, ys: dict[tuple[str, str], float],
           chain_edges: set[tuple[str, str]], late_edges: set[tuple[str, str]]) -> list[Drawn]:
    """Arrows from inputs to what needs them (late ones red, the critical chain on top)."""
    plan = ev.plan
    ordered: list[tuple[int, Drawn]] = []
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
            y0, y1 = ys[("output", source)], ys[("output", consumer)]
            ordered.append((rank, Drawn(_curve(xs, y0, xc, y1, cls, marker), min(y0, y1), max(y0, y1))))
    # a part (cop-15-part-2) is drawn on its meeting's row
    last = base_meeting(plan.process.last_meeting, plan.meetings)
    if ev.critical_chain and last in ev.meetings:
        tail = ev.critical_chain[-1]
        target = ev.meetings[last]
        xs = _output_x(ev, tail, scale)
        if xs is not None and target.span is not None and ("meeting", last) in ys:
            y0, y1 = ys[("output", tail)], ys[("meeting", last)]
            path = _curve(xs, y0, scale.x(target.span.opens_earliest), y1, "tl-chain", "tl-arrow-chain")
            ordered.append((2, Drawn(path, min(y0, y1), max(y0, y1))))
    ordered.sort(key=lambda item: item[0])
    return [drawn for _, drawn in ordered]


def _curve(x0: float, y0: float, x1: float, y1: float, cls: str, marker: str) -> str:
    x0, x1 = x0 + 4.5, x1 - 5.5
    dx = max(18.0, abs(x1 - x0) / 2)
    return (f'<path class="{cls}" d="M{num(x0)} {num(y0)}C{num(x0 + dx)} {num(y0)} {num(x1 - dx)} {num(y1)} '
            f'{num(x1)} {num(y1)}" marker-end="url(#{marker})"/>')


def _meeting(ev: Evaluation, r: Placed, scale: Scale, lang: Lang) -> list[str]:
    state = ev.meetings[r.id]
    m = state.meeting
    y = r.mid
    out: list[str] = []
    if state.moved and m.opens_on is not None and m.closes_on is not None:
        x0, x1 = scale.x(m.opens_on), scale.x(m.closes_on.add(days=1))
        out.append(f'<rect class="tl-ghost" x="{num(x0)}" y="{num(y - 5)}" width="{num(max(x1 - x0, 3))}" '
                   'height="10"/>')
    if state.span is None:
        key = "cancelled_when" if state.cancelled else "postponed_when" if state.postponed else "chart_tbd"
        out.append(f'<text class="tl-note" x="{PLOT_X0 + 4}" y="{num(r.base)}">'
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
            out.append(f'<rect class="{cls}" x="{num(x0)}" y="{num(y - 4)}" width="{num(max(x1 - x0, 3))}" '
                       f'height="8" data-id="{escape(name)}"{extra}/>')
        return out
    if span.is_window:
        x0, x1 = scale.x(span.opens_earliest), scale.x(span.closes_latest.add(days=1))
        cls = "tl-window"
    else:
        x0, x1 = scale.x(span.opens_earliest), scale.x(span.closes_latest.add(days=1))
        cls = "tl-window" if span.tentative else ("tl-held" if state.held else "tl-bar")
    out.append(f'<rect class="{cls}" x="{num(x0)}" y="{num(y - 4)}" width="{num(max(x1 - x0, 3))}" height="8"'
               f' data-id="{escape(r.id)}"{extra}/>')
    return out


def _output(ev: Evaluation, r: Placed, scale: Scale, lang: Lang, chain: set[str],
            late: set[str]) -> list[str]:
    state = ev.outputs[r.id]
    y = r.mid
    out: list[str] = []
    if state.status is OutputStatus.DELIVERED and state.delivered_on is not None:
        x = scale.x(state.delivered_on) + 0.5
        cls = "tl-late" if r.id in late else "tl-done"
    elif state.due is None:
        cls = "tl-note tl-latelabel" if r.id in late else "tl-note"
        return [f'<text class="{cls}" x="{PLOT_X0 + 4}" y="{num(r.base)}">'
                f'{escape(i18n.phrase("chart_no_date", lang))}</text>']
    else:
        x = scale.x(state.due.on) + 0.5
        if state.due.is_window:
            out.append(f'<path class="tl-span" d="M{num(scale.x(state.due.earliest))} {num(y)}'
                       f'H{num(scale.x(state.due.latest) + 1)}"/>')
        cls = {OutputStatus.OVERDUE: "tl-late", OutputStatus.DUE_SOON: "tl-soon",
               OutputStatus.AT_RISK: "tl-risk", OutputStatus.BLOCKED: "tl-risk"}.get(state.status, "tl-due")
        if r.id in late:
            cls = "tl-late"
    if r.id in chain:
        out.append(f'<circle class="tl-halo" cx="{num(x)}" cy="{num(y)}" r="6.5"/>')
    out.append(diamond(x, y, cls).replace("/>", f' data-id="{escape(r.id)}"/>'))
    return out
