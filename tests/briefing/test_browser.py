"""The HTML briefing in a real headless Chromium (issue 5, item 5): the chart is drawn, nothing is wider
than the printed page, and a screenshot is kept in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import base64
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from mandates.briefing.render import render_html
from mandates.core.plan import Plan
from mandates.store.db import Store

# A4 portrait minus the 8 mm side margins of the print CSS, in CSS pixels (96 per inch).
PAGE_WIDTH_PX = round((210 - 16) / 25.4 * 96)

MEASURE = """(() => {
  const svg = document.querySelector('#chart');
  if (!svg || !svg.querySelector('svg')) return {chart: false};
  const box = svg.getBoundingClientRect();
  const page = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > page + 0.5 || r.left < -0.5)) {
      wide.push(el.tagName + ' ' + Math.round(r.right));
    }
  }
  const bars = svg.querySelectorAll('rect[data-id]');
  const marks = svg.querySelectorAll('path[data-id]');
  const drawn = [...marks].filter(m => { const b = m.getBBox(); return b.width > 0 && b.height > 0; });
  return {chart: true, width: box.width, height: box.height, page: page,
          scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10),
          bars: bars.length, marks: marks.length, drawn: drawn.length,
          late: svg.querySelectorAll('path.tl-late').length,
          chain: svg.querySelectorAll('path.tl-chain').length,
          asof: svg.querySelectorAll('path.tl-asof').length,
          sections: [...document.querySelectorAll('main > section')]
            .map(s => getComputedStyle(s).breakBefore),
          height_page: document.documentElement.scrollHeight};
})()"""


def _measure(browser: Any, page: Path, media: str, width: int) -> dict[str, Any]:
    browser.call("Emulation.setEmulatedMedia", {"media": media})
    browser.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                        "mobile": False})
    browser.open(page.as_uri())
    result: dict[str, Any] = browser.evaluate(MEASURE)
    return result


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_chart_is_drawn_and_fits_the_printed_page(browser: Any, artifacts: Path, bundled_plan: Plan,
                                                       store: Store, scenario: ModuleType, tmp_path: Path,
                                                       lang: str) -> None:
    _, second = scenario.run(bundled_plan, store)
    page = tmp_path / f"briefing-{lang}.html"
    page.write_text(render_html(second, lang), encoding="utf-8")

    printed = _measure(browser, page, "print", PAGE_WIDTH_PX)
    assert printed["chart"], "the page has the timeline chart"
    assert printed["wide"] == [] and printed["scrollWidth"] <= PAGE_WIDTH_PX, printed
    assert 0 < printed["width"] <= PAGE_WIDTH_PX and printed["height"] > 0, "the chart fits the page width"
    meetings, outputs = len(bundled_plan.meetings), len(bundled_plan.outputs)
    assert printed["bars"] == meetings - 3, "a bar for every dated meeting (3 are to be determined)"
    assert printed["drawn"] == printed["marks"] >= outputs - 3, "a drawn diamond for every dated output"
    assert printed["late"] > 0 and printed["chain"] > 0 and printed["asof"] >= 1
    assert set(printed["sections"]) == {"auto"}, "sections flow (no page break before each)"
    browser.screenshot(artifacts / f"briefing-2020-03-01-{lang}-print.png", PAGE_WIDTH_PX,
                       int(printed["height_page"]))

    screen = _measure(browser, page, "screen", 1100)
    assert screen["chart"] and screen["wide"] == [] and screen["drawn"] == screen["marks"]
    browser.screenshot(artifacts / f"briefing-2020-03-01-{lang}-screen.png", 1100, int(screen["height_page"]))

    pdf = browser.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"]
    data = base64.b64decode(pdf)
    assert data.startswith(b"%PDF")
    (artifacts / f"briefing-2020-03-01-{lang}.pdf").write_bytes(data)
