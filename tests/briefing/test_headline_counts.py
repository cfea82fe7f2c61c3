"""The briefing's status columns add up to the outputs it counts: a waived (or cancelled) output
gets a column of its own when there is one, in the headline and in the table per body."""

from __future__ import annotations

import pendulum
import pytest

from mandates.briefing.data import Since, build_briefing
from mandates.briefing.render import render_markdown
from mandates.config.history import shipped_facts
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan

AS_OF = pendulum.Date(2020, 3, 1)
WAIVER = Fact(FactKind.WAIVED, "annex2-list-updates", pendulum.Date(2020, 1, 2),
              pendulum.datetime(2020, 1, 2, tz="UTC"), text="published on the web page")


def _rows(markdown: str, first_heading: str) -> tuple[list[str], list[str]]:
    lines = markdown.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_heading} |"))
    cells = [[c.strip() for c in lines[i].strip("|").split("|")] for i in (at, at + 2)]
    return cells[0], cells[1]


@pytest.mark.parametrize(("lang", "total", "column"),
                         [("en", "Mandated outputs", "Cancelled or waived"),
                          ("zh", "授权成果", "已取消或免除")])
def test_the_columns_add_up(bundled_plan: Plan, lang: str, total: str, column: str) -> None:
    facts = [*shipped_facts(bundled_plan)]
    plain = build_briefing(evaluate(bundled_plan, facts, AS_OF), None, Since("none", None), 6)
    headers, row = _rows(render_markdown(plain, lang, "chart.png"), total)  # type: ignore[arg-type]
    assert column not in headers  # none cancelled or waived: no column
    assert int(row[0]) == sum(int(c) for c in row[1:-1])
    waived = build_briefing(evaluate(bundled_plan, [*facts, WAIVER], AS_OF), None,
                            Since("none", None), 6)
    text = render_markdown(waived, lang, "chart.png")  # type: ignore[arg-type]
    headers, row = _rows(text, total)
    assert column in headers and row[headers.index(column)] == "1"
    assert int(row[0]) == sum(int(c) for c in row[1:-1])  # the last column: late inputs
    assert text.count(f"| {column} |") == 2  # the table per body has it too
