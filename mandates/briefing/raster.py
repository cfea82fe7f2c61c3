"""The markdown briefing's chart drawn as a PNG without a browser (issue 10: md under 1 s).

Headless Chromium took about 1.5 s to start and take a screenshot of the chart; resvg (the Rust
SVG renderer, through the `resvg-py` wheel) draws the same SVG in a few tenths of a second. It
draws only with the font files it is given, found through fontconfig (`fc-list`, which reads
FONTCONFIG_FILE as Chromium does): the chart's Latin families (`LATIN_FAMILIES`, as in
`chartframe.FONT_FAMILY`) and, for Chinese, the family `run.cjk_font` chose. Two things resvg
does otherwise than Chromium, overridden by a style sheet given to resvg only (the SVG, which
HTML and PDF embed too, is not changed):

- A character its font lacks is drawn with the first loaded font that has it, whatever its
  weight, so bold Chinese labels came out regular. For Chinese the CJK family is put first, as
  the labels' own font: resvg then picks its bold face for bold labels (Latin letters and digits
  in Chinese labels are drawn with that font's own Latin glyphs).
- Of two `!important` rules of the same weight it keeps the first, not the last: an overdue
  output's "no date yet" note was grey, not red (`CASCADE`).
- Group opacity and clipping cost a canvas-sized layer each (half of the drawing time): the
  input arrows' `opacity` becomes the same transparency on their stroke and arrowhead, and the
  rows' clip, which holds every row of the whole chart (`chart.timeline_svg`), is dropped.

The PNG is drawn at `SCALE` (1.25) pixels per SVG unit: 950 pixels wide for the chart's 760
units, about the width of the column a markdown viewer shows it in (700 to 1,000 pixels), so it
is shown near its own size, labels at 14 pixels, Chinese ones included. Drawing costs resvg in
proportion to the pixels, most of it in encoding the PNG (adaptive row filters and deflate over
every pixel, which `resvg-py` does not let us tune): on the bundled chart 0.62–0.69 s at 2 pixels
per unit, 0.43–0.56 s at 1.5 and 0.31–0.36 s at 1.25 (0.63 against 0.37 s for the Chinese
chart), which decided `brief --format md`'s target of one second (issue 10).

Chromium still prints the PDF (`run.render_pdf`).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess

from mandates.briefing.chartframe import RED
from mandates.errors import BriefingError

__all__ = ["LATIN_FAMILIES", "SCALE", "chart_png", "font_files", "png_size"]

SCALE = 1.25  # pixels per SVG unit (see the module's docstring)
LATIN_FAMILIES = ("Liberation Sans", "Arial")
FC_LIST_TIMEOUT_SECONDS = 60
# What resvg draws slowly, drawn the same way cheaper (see the module's docstring).
FASTER = ("g{clip-path:none!important}"
          ".tl-edge{opacity:1!important;stroke-opacity:.75}#tl-arrow path{fill-opacity:.75}")
# Of two `!important` rules of one weight resvg keeps the first, CSS (and Chromium) the last.
CASCADE = f".tl-latelabel{{fill:{RED}!important}}"  # the last such rule of chartframe.STYLE


def font_files(family: str) -> list[str]:
    """The files of every face of `family` that fontconfig knows (`fc-list FAMILY file`), sorted;
    empty when it knows none or `fc-list` is missing or fails."""
    binary = shutil.which("fc-list")
    if binary is None:
        return []
    try:
        result = subprocess.run([binary, f"{family}", "file"], capture_output=True, text=True,
                                timeout=FC_LIST_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return []
    if result.returncode != 0:
        return []
    return sorted({line.strip().removesuffix(":") for line in result.stdout.splitlines() if line.strip()})


def _family(name: str) -> str:
    """A family name quoted for CSS."""
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


def png_size(svg: str, scale: float = SCALE) -> tuple[int, int]:
    """The size in pixels of the PNG `chart_png` draws, as resvg sizes it: the viewBox's width
    and height, each rounded to whole units (halves up), times `scale`, rounded again."""
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if match is None:
        raise BriefingError("the chart has no viewBox")
    width, height = (math.floor(float(v) + 0.5) for v in match.groups())
    return math.floor(width * scale + 0.5), math.floor(height * scale + 0.5)


def chart_png(svg: str, scale: float = SCALE, cjk_family: str | None = None) -> bytes:
    """The chart as PNG bytes, `scale` pixels per SVG unit, on white (`png_size`).

    `cjk_family`: the family to draw Chinese with (first, for every label; see the module's
    docstring), or None for an English chart. Without any font file for the chart's families,
    resvg reads the system's font folders itself. Raises BriefingError when resvg refuses the SVG.
    """
    import resvg_py

    files = [f for family in ((cjk_family,) if cjk_family else ()) + LATIN_FAMILIES
             for f in font_files(family)]
    sheet = FASTER + CASCADE
    if cjk_family:
        sheet += (f".tl text{{font-family:{_family(cjk_family)},{_family(LATIN_FAMILIES[0])},"
                  "sans-serif!important}")
    try:
        drawn = resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, background="#ffffff",
                                      style_sheet=sheet, skip_system_fonts=bool(files),
                                      font_files=list(dict.fromkeys(files)) or None)
    except ValueError as exc:
        raise BriefingError(f"the chart could not be drawn as PNG: {exc}") from None
    return bytes(drawn)
