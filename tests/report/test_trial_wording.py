"""The wording a new user's trial found wrong in the check, `history`/`show` and the dashboard,
pinned as corrected in English and Chinese: a meeting postponed to a window says `postponed`;
facts shipped with the process are `随进程提供`; `history` says new dates as dates, `online`
rather than a venue `Online (线上)`, and when a fact was recorded as `1 December 2026 06:12:47
UTC`; the dashboard heads its sections as the check does, names the last meeting by its short
name, lists meetings in calendar order, shows the recent notes in the secretariat's view only
and suggests near ids for an unknown one."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.history import shipped_facts
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.errors import NotFoundError
from mandates.report.dashboard import Links, meeting_page, output_page, overview
from mandates.words.check import meeting_order

runner = CliRunner()
APRIL = pendulum.Date(2020, 4, 1)


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_meeting_postponed_to_a_window_says_postponed(isolated_env: Path) -> None:
    _run("postpone", "sbi-3", "--announced", "2020-03-10", "--window", "2020-07..2020-09")
    en = _run("check", "--as-of", "2020-03-15")
    line = next(x for x in en.splitlines() if x.startswith("  sbi-3: "))
    assert line.startswith("  sbi-3: July 2020 to September 2020 (to be confirmed), Montreal, Canada")
    assert line.endswith("; postponed"), line
    zh = _run("check", "--as-of", "2020-03-15", "--lang", "zh")
    line = next(x for x in zh.splitlines() if x.startswith("  sbi-3："))
    assert line.endswith("；已推迟"), line
    # postponed with no window: its dates already say so, nothing added (as before)
    assert "  wg2020-3: postponed (was 27–31 July 2020), Cali, Colombia  (planned: 27–31 July 2020, " \
           "Cali, Colombia)\n" in _run("check", "--as-of", "2020-04-01")


def test_history_words(isolated_env: Path) -> None:
    _run("postpone", "sbi-3", "--announced", "2020-03-10", "--window", "2020-07..2020-09")
    en = _run("history")
    assert ("ahteg-dsi-meeting: 2020-03-13 rescheduled to 17–20 March 2020 (online; source: "
            in en)
    assert "in Online" not in en and "(线上)" not in en
    assert "wg2020-2: 2020-02-03 rescheduled to 24–29 February 2020 in Rome, Italy (FAO headquarters) " \
           "(in person; " in en
    assert "sbstta-24: 2020-08-24 postponed (expected in the first quarter of 2021; tentative;" in en
    recorded = next(x for x in en.splitlines() if x.startswith("#1 "))
    assert recorded.startswith("#1 sbi-3: 2020-03-10 postponed (expected July 2020 to September 2020; "
                               "tentative) (recorded ")
    assert re.search(r"\(recorded \d{1,2} [A-Z][a-z]+ \d{4} \d\d:\d\d:\d\d UTC\)$", recorded), recorded
    zh = _run("history", "--lang", "zh")
    assert "随流程" not in zh
    shown = _run("show", "wg2020-2", "--as-of", "2020-03-01", "--lang", "zh")
    assert "（随进程提供）" in shown and "随流程" not in shown


@pytest.fixture(scope="module")
def april(bundled_plan: Plan) -> Evaluation:
    """The bundled process as of 1 April 2020 with its shipped history and two notes recorded."""
    now = pendulum.datetime(2026, 12, 1, 6, 12, 47)
    notes = [Fact(FactKind.NOTE, "sbi-3", pendulum.Date(2020, 3, 25), now, text="主席团要求提供最新情况",
                  written_in="zh", id=1),
             Fact(FactKind.NOTE, "detailed-workplan", pendulum.Date(2020, 3, 30), now,
                  text="Co-Chairs asked for an update", id=2)]
    return evaluate(bundled_plan, [*shipped_facts(bundled_plan), *notes], APRIL)


def _h2(page: str) -> list[str]:
    return re.findall(r"<h2[^>]*>([^<]*)</h2>", page)


def test_dashboard_headings_chain_and_notes(april: Evaluation) -> None:
    en = overview(april, Links("/private/t/dashboard", APRIL, "en"), True)
    heads = _h2(en)
    assert heads[:6] == ["Late inputs", "Notes (2)", "Overdue (4)", "Due soon (1)", "At risk (6)",
                         "Blocked (0)"]
    assert "Critical chain to COP-15" in heads
    assert "Co-Chairs asked for an update" in en and "(Chinese original) 主席团要求提供最新情况" in en
    zh = overview(april, Links("/private/t/dashboard", APRIL, "zh"), True)
    assert _h2(zh)[:6] == ["迟到的投入", "近期说明（2）", "逾期（4）", "即将到期（1）", "有风险（6）",
                           "受阻（0）"]
    assert "至缔约方大会第十五届会议的关键路径" in _h2(zh) and "cop-15的关键路径" not in zh
    public = overview(april, Links("/dashboard", APRIL, "en"), False)
    assert 'id="notes"' not in public and "Co-Chairs asked" not in public


def test_dashboard_meetings_in_calendar_order(april: Evaluation) -> None:
    page = overview(april, Links("/dashboard", APRIL, "en"), False)
    table = page[page.index("<h2>Meetings</h2>"):]
    shown = re.findall(r'href="/dashboard/meetings/([^?"]+)', table)
    states = april.meetings
    assert shown == [m.id for m in sorted(states.values(), key=meeting_order)]
    assert shown[0] == "wg2020-1" and shown.index("wg2020-2") < shown.index("cop-15")
    undated = [m for m in shown if states[m].span is None and states[m].opens_on is None]
    assert undated and shown[len(shown) - len(undated):] == undated  # undated last


def test_dashboard_unknown_id_suggests_near_ids(april: Evaluation) -> None:
    links = Links("/dashboard", APRIL, "en")
    with pytest.raises(NotFoundError, match=r"no output 'detailed-workplann'; did you mean "
                                            r"'detailed-workplan'\?"):
        output_page(april, links, False, "detailed-workplann")
    with pytest.raises(NotFoundError, match=r"no meeting 'cop15'; did you mean 'cop-15'"):
        meeting_page(april, links, False, "cop15")
    with pytest.raises(NotFoundError, match=r"^no meeting 'zzzz'$"):
        meeting_page(april, links, False, "zzzz")
