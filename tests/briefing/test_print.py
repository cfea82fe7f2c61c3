"""The briefing people read (issue 10, part 4): the PDF of the scenario's two briefings, and of
the briefings `mandates brief` makes by default on a fresh database (the bundled process with its
shipped history), fits on at most 4 A4 pages in each language with no text smaller than 8 pt and
no label cut with "…" (read from the PDF with pdfminer.six), also with two more Bureau meetings
in the process (room for the plan to grow); and the timeline chart's rows are grouped under the
meeting each output is for, with labels wrapped, never cut (read from the SVG).

The PDFs are kept in tests/artifacts/ for a person to look at (`pdftoppm -png` renders them).
"""

from __future__ import annotations

import logging
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTPage

from mandates.briefing.data import Briefing
from mandates.briefing.render import render_html
from mandates.briefing.run import find_chromium, make_briefing, render_pdf
from mandates.config.processes import bundled_config_dir, load_process
from mandates.config.settings import BriefingSettings
from mandates.core.evaluate import Evaluation
from mandates.core.plan import Plan, split_ref
from mandates.core.rules import parse_iso_date
from mandates.store.db import Store
from mandates.words.dates import check_lang

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


def shipped_briefing(plan: Plan, store: Store, day: str) -> Briefing:
    """What `mandates brief --as-of DAY` shows on a fresh database: the process with its shipped
    history (`Store.facts_of`), compared with the last briefing (none yet), the default horizon."""
    return make_briefing(plan, store.facts_of(plan), store, parse_iso_date(day), "last",
                         BriefingSettings().horizon_weeks)


def check_print(briefing: Briefing, lang: str, target: Path) -> None:
    """Print the briefing to `target` with Chromium and check it: A4, at most 4 pages, text is
    text, none smaller than 8 pt, no label cut with an ellipsis."""
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    render_pdf(render_html(briefing, check_lang(lang)), target)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[LTPage] = list(extract_pages(target))
    assert 1 <= len(pages) <= MAX_PAGES, f"{target.name}: {len(pages)} pages"
    for page in pages:
        assert (round(page.width), round(page.height)) == A4_POINTS
    chars = [c for page in pages for c in _chars(page) if c.get_text().strip()]
    assert len(chars) > 1000, "the text is text, not a picture"
    small = sorted({round(c.size, 2) for c in chars if c.size < MIN_POINTS})
    assert small == [], f"text smaller than {MIN_POINTS} pt: {small}"
    assert not [c for c in chars if c.get_text() == "…"], "a label is cut with …"


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_fits_four_a4_pages_with_legible_text(briefings: dict[str, Briefing], artifacts: Path,
                                                  day: str, lang: str) -> None:
    check_print(briefings[day], lang, artifacts / f"briefing-{day}-{lang}.pdf")


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_history_pdf_fits_four_a4_pages(bundled_plan: Plan, store: Store, artifacts: Path,
                                                day: str, lang: str) -> None:
    check_print(shipped_briefing(bundled_plan, store, day), lang,
                artifacts / f"briefing-shipped-{day}-{lang}.pdf")


BUREAU_MEETING = """\
  - id: extra-bureau-{n}
    title:
      en: "Meeting of the Bureau of the Conference of the Parties ({n}), added to test the room left"
      zh: "缔约方大会主席团会议（{n}），为检查所留余地而添加"
    short: {{en: "COP Bureau ({n})", zh: "主席团会议（{n}）"}}
    body: cop-bureau
    opens: {opens}
    closes: {opens}
    confirmed: true
    venue: {{en: "Montreal, Canada", zh: "加拿大蒙特利尔"}}
    timezone: America/Toronto
    type: 5
    mandate: decision 14/34

"""


@pytest.fixture()
def grown_plan(tmp_path: Path) -> Plan:
    """The bundled process (with its amendments and history) and two more Bureau meetings, one
    before and one after 1 March 2020: the briefing must leave room for a plan that grows."""
    folder = tmp_path / "config"
    folder.mkdir()
    source = bundled_config_dir()
    for item in source.iterdir():
        if item.name.startswith(("post2020", "venues")):
            (shutil.copytree if item.is_dir() else shutil.copy)(item, folder / item.name)
    main = folder / "post2020.yaml"
    extra = "".join(BUREAU_MEETING.format(n=n, opens=opens)
                    for n, opens in ((1, "2020-01-20"), (2, "2020-04-06")))
    text = main.read_text(encoding="utf-8")
    assert text.count("\nmeetings:\n") == 1
    main.write_text(text.replace("\nmeetings:\n", "\nmeetings:\n" + extra), encoding="utf-8")
    plan = load_process(folder)
    assert {"extra-bureau-1", "extra-bureau-2"} <= set(plan.meetings)
    return plan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_leaves_room_for_two_more_bureau_meetings(grown_plan: Plan, store: Store, artifacts: Path,
                                                      lang: str) -> None:
    check_print(shipped_briefing(grown_plan, store, "2020-03-01"), lang,
                artifacts / f"briefing-grown-2020-03-01-{lang}.pdf")


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


def check_grouping(evaluation: Evaluation, lang: str) -> dict[str, str | None]:
    """Every row of the chart once; each output indented under the meeting it is for (or on its
    own row when it is for none); returns the meeting each output is drawn under."""
    from mandates.briefing.chart import timeline_svg

    plan = evaluation.plan
    rows = rows_of(timeline_svg(evaluation, check_lang(lang)))
    assert {r[3] for r in rows} == set(plan.meetings) | set(plan.outputs)
    current: str | None = None
    meeting_x = min(r[1] for r in rows if r[2] == "meeting")
    seen_under: dict[str, str | None] = {}
    for _, x, kind, item, shown in rows:
        assert "…" not in shown, item
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
    return seen_under


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_rows_sit_under_the_meeting_they_are_for(briefings: dict[str, Briefing], day: str,
                                                       lang: str) -> None:
    seen_under = check_grouping(briefings[day].evaluation, lang)
    assert seen_under["consult-restoration-report"] == "wg2020-2"
    assert seen_under["zero-draft-overview"] == "informal-briefing"
    assert seen_under["mainstreaming-iag-report"] == "wg2020-3"  # for an output for WG2020-3
    assert seen_under["bureau-progress-reports"] is None


@pytest.mark.parametrize("day", ["2020-01-06", "2020-03-01"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shipped_history_chart_rows_are_grouped(bundled_plan: Plan, store: Store, day: str,
                                                lang: str) -> None:
    seen_under = check_grouping(shipped_briefing(bundled_plan, store, day).evaluation, lang)
    assert seen_under["consult-restoration-report"] == "wg2020-2"
    assert seen_under["bureau-progress-reports"] is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_labels_are_wrapped_not_cut(briefings: dict[str, Briefing], lang: str) -> None:
    from mandates.briefing.chart import timeline_svg

    evaluation = briefings["2020-03-01"].evaluation
    svg = timeline_svg(evaluation, check_lang(lang))
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
