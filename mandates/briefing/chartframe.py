"""The frame of the timeline chart: sizes, colours and styles, the date scale, the month axis and
its grid, the legend and the marker definitions (shared by every SVG of one chart, `chart`).
Pure: dates and a language in, SVG text out.
"""

from __future__ import annotations

from html import escape

from pendulum import Date

from mandates.briefing.chartrows import text_width
from mandates.core.evaluate import Evaluation
from mandates.words import i18n
from mandates.words.i18n import Lang

WIDTH = 760
LABEL_X, INDENT, LABEL_W = 4, 10, 400
PLOT_X0, PLOT_X1 = 412, 754
FONT = AXIS_FONT = 11.1
LINE_H, ROW_PAD = 11.4, 0.7
FONT_FAMILY = "'Liberation Sans', Arial, 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
RED, CHAIN, BLUE, GREEN, AMBER, GREY = "#c62828", "#6a1b9a", "#2b5fab", "#2e7d32", "#e08a00", "#6b7585"
PIECE_UNITS = 60.0
"""The height of a printed piece of the chart: small, so that a page fills up (an A4 page inside
its margins is about 1,100 units)."""

XML_LANG = ' xml:lang="zh-Hans"'
STYLE = "".join([
    f".tl text{{font-family:{FONT_FAMILY};fill:#1f2933}}",
    f".tl-label{{font-size:{FONT:g}px}}.tl-mlabel{{font-size:{FONT:g}px;font-weight:bold}}",
    f".tl-chainlabel{{fill:{CHAIN}!important;font-weight:bold}}",
    f".tl-repeat{{fill:{GREY}!important}}",
    f".tl-axis{{font-size:{AXIS_FONT:g}px}}",
    f".tl-year{{font-size:{AXIS_FONT:g}px;font-weight:bold}}",
    f".tl-note{{font-size:{FONT:g}px;font-style:italic;fill:{GREY}!important}}",
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


def num(value: float) -> str:
    """A coordinate as short text (one decimal, none when whole)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Scale:
    """Dates -> x between the first day of the first month and the last day of the last month."""

    def __init__(self, first: Date, last: Date) -> None:
        self.start = first.start_of("month")
        self.end = last.end_of("month").add(days=1)
        self.span = self.end.toordinal() - self.start.toordinal()

    def x(self, day: Date) -> float:
        """The x of the start of a day."""
        return PLOT_X0 + (day.toordinal() - self.start.toordinal()) * (PLOT_X1 - PLOT_X0) / self.span


def chart_dates(ev: Evaluation) -> list[Date]:
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


def legend(lang: Lang) -> tuple[list[str], float]:
    entries = [("meeting", "legend_meeting"), ("window", "legend_tentative"), ("ghost", "legend_moved"),
               ("due", "legend_due"), ("delivered", "legend_delivered"), ("late", "legend_late"),
               ("input", "legend_input"), ("chain", "legend_chain")]
    out: list[str] = []
    x, y = float(LABEL_X), 12.0
    for kind, key in entries:
        label = i18n.phrase(key, lang)
        width = 23 + text_width(label, AXIS_FONT) + 7
        if x + width > WIDTH - 4:
            x, y = float(LABEL_X), y + 16
        sx, cy = x, y - 4
        if kind in ("meeting", "window", "ghost"):
            cls = {"meeting": "tl-bar", "window": "tl-window", "ghost": "tl-ghost"}[kind]
            out.append(f'<rect class="{cls}" x="{num(sx)}" y="{num(cy - 4)}" width="20" height="8"/>')
        elif kind in ("due", "delivered", "late"):
            cls = {"due": "tl-due", "delivered": "tl-done", "late": "tl-late"}[kind]
            out.append(diamond(sx + 10, cy, cls))
        else:
            cls = "tl-edge" if kind == "input" else "tl-chain"
            marker = "tl-arrow" if kind == "input" else "tl-arrow-chain"
            out.append(f'<path class="{cls}" d="M{num(sx)} {num(cy)}H{num(sx + 20)}" '
                       f'marker-end="url(#{marker})"/>')
        out.append(f'<text class="tl-axis" x="{num(sx + 23)}" y="{num(y)}">{escape(label)}</text>')
        x += width
    return out, y + 6


def defs() -> str:
    return "".join([
        "<defs><style>", STYLE, "</style>",
        f'<pattern id="tl-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="5" height="5" fill="#dfe7f5"/><path d="M0 0V5" stroke="{BLUE}" stroke-width="1.4"/>'
        "</pattern>",
        *[f'<marker id="{mid}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="{size}" '
          f'markerHeight="{size}" '
          f'orient="auto-start-reverse"><path d="M0 0L8 4L0 8Z" fill="{color}"/></marker>'
          for mid, color, size in (("tl-arrow", "#9aa5b5", 5), ("tl-arrow-late", RED, 6),
                                   ("tl-arrow-chain", CHAIN, 4))],
        "</defs>",
    ])


def diamond(x: float, y: float, cls: str, r: float = 4.5) -> str:
    return (f'<path class="{cls}" d="M{num(x)} {num(y - r)}L{num(x + r)} {num(y)}L{num(x)} {num(y + r)}'
            f'L{num(x - r)} {num(y)}Z"/>')


def month_names(scale: Scale, lang: Lang) -> dict[Date, str]:
    """The name of each month on the axis; where one does not fit its month, all are shortened
    alike (`Sept` -> `Sep`; `10月` -> `10`, the year being written above)."""
    names: dict[Date, str] = {}
    narrow = False
    month = scale.start
    while month < scale.end:
        nxt = month.add(months=1)
        names[month] = i18n.axis_month(month, lang, False)
        narrow |= text_width(names[month], AXIS_FONT) > scale.x(nxt) - scale.x(month) - 1
        month = nxt
    if narrow:
        names = {m: n.removesuffix("月") if lang == "zh" else n[:3] for m, n in names.items()}
    return names


def axis(scale: Scale, lang: Lang, top: float, bottom: float) -> list[str]:
    out: list[str] = []
    names = month_names(scale, lang)
    month = scale.start
    first = True
    while month < scale.end:
        nxt = month.add(months=1)
        x0, x1 = scale.x(month), scale.x(nxt)
        name = names[month]
        out.append(f'<text class="tl-axis" x="{num((x0 + x1) / 2)}" y="{num(top - 4)}" '
                   f'text-anchor="middle">{escape(name)}</text>')
        if first or month.month == 1:
            year = f"{month.year}年" if lang == "zh" else str(month.year)
            out.append(f'<text class="tl-year" x="{num(x0 + 2)}" y="{num(top - 18)}">{year}</text>')
        first = False
        month = nxt
    return out + grid(scale, top, bottom)


def grid(scale: Scale, top: float, bottom: float) -> list[str]:
    """A line at the start of each month, and at the end of the last."""
    out: list[str] = []
    month = scale.start
    while month <= scale.end:
        out.append(f'<path class="tl-grid" d="M{num(scale.x(month))} {num(top)}V{num(bottom)}"/>')
        month = month.add(months=1)
    return out



