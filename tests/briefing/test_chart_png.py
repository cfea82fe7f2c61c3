"""The markdown briefing's chart as PNG, drawn by resvg without a browser (issue 10): it decodes,
has the chart's size at 1.25 pixels per unit (resvg's rounding of odd sizes included), and draws
Chinese with real glyphs of the right weight (not boxes, nothing missing). Real fonts through
fontconfig; Pillow decodes the PNG."""

from __future__ import annotations

import io
import subprocess

import pendulum
import pytest
from PIL import Image, ImageChops

from mandates.briefing.chart import timeline_svg
from mandates.briefing.chartframe import defs
from mandates.briefing.raster import LATIN_FAMILIES, chart_png, font_files, png_size
from mandates.briefing.run import cjk_font
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan

AS_OF = pendulum.Date(2020, 3, 1)


def chinese_family() -> str:
    listed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    if not listed.stdout.strip():
        pytest.skip("no Chinese font is installed (Debian package fonts-noto-cjk)")
    family = cjk_font()
    assert family is not None
    return family


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def ink(image: Image.Image) -> int:
    """How many pixels are not white."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:250])


def labels(*texts: str, bold: bool = False) -> str:
    """A small SVG in the chart's own style: one label per line."""
    cls = "tl-mlabel" if bold else "tl-label"
    rows = "".join(f'<text class="{cls}" x="4" y="{20 + 20 * i}">{t}</text>' for i, t in enumerate(texts))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="tl" viewBox="0 0 200 {20 * len(texts) + 10}" '
            f'width="200" height="{20 * len(texts) + 10}">{defs()}{rows}</svg>')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_chart_png_decodes_at_one_and_a_quarter_times_its_size(bundled_plan: Plan, lang: str) -> None:
    family = chinese_family() if lang == "zh" else None
    svg = timeline_svg(evaluate(bundled_plan, [], AS_OF), lang)
    png = chart_png(svg, cjk_family=family)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = decoded(png)
    width, height = png_size(svg)
    assert image.size == (width, height) and width == 950
    assert image.getpixel((0, 0)) == (255, 255, 255)
    assert ink(image) > 50_000, "the chart is drawn"


@pytest.mark.parametrize(("units", "scale", "pixels"), [
    ("21 11", 1.5, (32, 17)),  # 31.5 and 16.5 pixels: halves round up
    ("21 10.6", 1.5, (32, 17)),  # 10.6 units round to 11 before scaling
    ("21 10.4", 1.5, (32, 15)),
    ("760 1172.4", 2, (1520, 2344)),
])
def test_png_size_is_the_size_resvg_draws(units: str, scale: float, pixels: tuple[int, int]) -> None:
    width, height = units.split()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {units}" width="{width}" '
           f'height="{height}"><rect width="5" height="5"/></svg>')
    assert png_size(svg, scale) == pixels
    assert decoded(chart_png(svg, scale)).size == pixels


def test_chinese_labels_are_real_glyphs_not_boxes() -> None:
    """Two different labels of the same length draw differently (boxes, or nothing, would be
    the same), and as much ink as the same words in a Chinese font drawn on their own."""
    family = chinese_family()
    first = decoded(chart_png(labels("工作组会议"), 2, family))
    second = decoded(chart_png(labels("截止日期表"), 2, family))
    assert ink(first) > 500 and ink(second) > 500
    assert ImageChops.difference(first, second).getbbox() is not None
    # Without a Chinese font resvg draws boxes (its .notdef glyph): far less ink than with one.
    assert font_files(LATIN_FAMILIES[0]), "the Latin font of the chart is installed (fonts-liberation)"
    without = decoded(chart_png(labels("工作组会议"), 2, None))
    assert ink(without) < ink(first) / 2


def test_bold_chinese_labels_are_drawn_bold() -> None:
    """A meeting's label is bold: resvg must draw it with the bold face of the Chinese font."""
    family = chinese_family()
    regular = decoded(chart_png(labels("工作组第一次会议"), 2, family))
    bold = decoded(chart_png(labels("工作组第一次会议", bold=True), 2, family))
    assert ink(bold) > ink(regular) * 1.15
