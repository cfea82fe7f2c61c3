"""The briefing people read (issue 10, part 4): the PDF of the scenario's two briefings fits on
at most 4 A4 pages in each language with no text smaller than 8 pt (read from the PDF with
pdfminer.six), and the timeline chart's rows are grouped under the meeting each output is for,
with labels wrapped, never cut (read from the SVG).

The PDFs are kept in tests/artifacts/ for a person to look at (`pdftoppm -png` renders them).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTPage

from mandates.briefing.data import Briefing
from mandates.briefing.render import render_html
from mandates.briefing.run import find_chromium, render_pdf
from mandates.core.evaluate import Evaluation
from mandates.core.plan import Plan, split_ref
from mandates.store.db import Store

NS = "{http://www.w3.org/2000/svg}"
MAX_PAGES = 4
MIN_POINTS = 8.0
A4_POINTS = (595.0, 842.0)


@pytest.fixture()
def briefings(bundled_plan: Plan, store: Store, scenario: ModuleType) -> dict[str, Briefing]:
    """The scenario's briefings of 6 January and 1 March 2020, by date."""
    first, second = scenario.run(bundled_plan, store)
    return {"2020-01-06": first, "2020-03-01": second}


def _chars(item: LTComponent) -> list[LTChar]:
    if isinstance(item, LTChar):
        return [item]
    found: list[LTChar] = []
    for child in getattr(item, "_objs", []):
        found += _chars(child)
    return found


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_fits_four_a4_pages_with_legible_text(briefings: dict[str, Briefing], artifacts: Path,
                                                  day: str, lang: str) -> None:
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    target = artifacts / f"briefing-{day}-{lang}.pdf"
    render_pdf(render_html(briefings[day], lang), target)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[LTPage] = list(extract_pages(target))
    assert 1 <= len(pages) <= MAX_PAGES, f"{len(pages)} pages"
    for page in pages:
        assert (round(page.width), round(page.height)) == A4_POINTS
    sizes = [c.size for page in pages for c in _chars(page) if c.get_text().strip()]
    assert len(sizes) > 1000, "the text is text, not a picture"
    small = sorted({round(s, 2) for s in sizes if s < MIN_POINTS})
    assert small == [], f"text smaller than {MIN_POINTS} pt: {small}"


def meeting_for(plan: Plan, output_id: str) -> str | None:
    """The meeting an output is for, following `for` through outputs (the test's own reading)."""
    target = plan.outputs[output_id].for_
    seen = set()
    while target is not None and target not in seen:
        seen.add(target)
        meeting, _ = split_ref(target, plan.meetings)
        if meeting in plan.meetings:
            return meeting
        target = plan.outputs[target].for_ if target in plan.outputs else None
    return None


def rows_of(svg: str) -> list[tuple[float, float, str, str, str]]:
    """(y, x, kind, id, shown label) of every row label, top to bottom."""
    rows = []
    for text in ET.fromstring(svg).iter(f"{NS}text"):
        item = text.get("data-id")
        if item is None:
            continue
        kind = "meeting" if "tl-mlabel" in (text.get("class") or "") else "output"
        shown = " ".join(t.text or "" for t in text.iter(f"{NS}tspan"))
        rows.append((float(text.get("y") or 0), float(text.get("x") or 0), kind, item, shown))
    return sorted(rows)


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_rows_sit_under_the_meeting_they_are_for(briefings: dict[str, Briefing], day: str,
                                                       lang: str) -> None:
    from mandates.briefing.chart import timeline_svg

    evaluation: Evaluation = briefings[day].evaluation
    plan = evaluation.plan
    rows = rows_of(timeline_svg(evaluation, lang))
    assert {r[3] for r in rows} == set(plan.meetings) | set(plan.outputs)
    current: str | None = None
    meeting_x = min(r[1] for r in rows if r[2] == "meeting")
    seen_under: dict[str, str | None] = {}
    for _, x, kind, item, _ in rows:
        if kind == "meeting":
            current = item
            continue
        expected = meeting_for(plan, item)
        if expected is None:  # on its own row, at its own date: not indented under anything
            assert x == meeting_x, item
        else:
            assert x > meeting_x, item
        seen_under[item] = current if expected is not None else None
        assert seen_under[item] == expected, f"{item} is drawn under {current}, it is for {expected}"
    assert seen_under["consult-restoration-report"] == "wg2020-2"
    assert seen_under["zero-draft-overview"] == "informal-briefing"
    assert seen_under["mainstreaming-iag-report"] == "wg2020-3"  # for an output for WG2020-3
    assert seen_under["bureau-progress-reports"] is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_labels_are_wrapped_not_cut(briefings: dict[str, Briefing], lang: str) -> None:
    from mandates.briefing.chart import timeline_svg

    evaluation = briefings["2020-03-01"].evaluation
    svg = timeline_svg(evaluation, lang)
    assert "…" not in svg
    root = ET.fromstring(svg)
    wrapped = 0
    for text in root.iter(f"{NS}text"):
        item = text.get("data-id")
        if item is None:
            continue
        lines = [t.text or "" for t in text.iter(f"{NS}tspan")]
        wrapped += len(lines) > 1
        title = (evaluation.meetings[item].meeting if item in evaluation.meetings
                 else evaluation.outputs[item].output)
        name = title.short or title.title
        expected = name.get(lang).removeprefix("the ")
        joined = ("" if lang == "zh" else " ").join(lines)
        assert joined[1:] == expected[1:], (joined, expected)
    assert wrapped > 0, "long titles take more than one line"
