"""Known, presumed, assumed (issue 9, part 4) in every rendering of the check: the terminal in
English and Chinese, the JSON (schema 1.3), the status page and the Prefect artifacts; the
assumed deadlines left out of Overdue with `--assumed hide` and counted in one line; meetings as
they really happen (held by record or presumed, online, in a quarter, in parts, split).

On the living-plan fixture of `living.py` (the bundled process as of 1 March 2020).
"""

from __future__ import annotations

import io
import json
import re
from types import ModuleType
from typing import Any

import chinese_text as chinese
import pendulum
import pytest
from rich.console import Console

from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Assumption, Mode, Precision, Title, Window
from mandates.report.artifacts import check_markdown, late_input_rows
from mandates.report.html import status_html
from mandates.report.jsondoc import SCHEMA_VERSION, evaluation_dict
from mandates.report.terminal import render_check, render_meeting, render_output
from mandates.words.check import fact_text, window_words
from mandates.words.dates import quarter_text
from mandates.words.names import assumption_text, part_name

HIDE_OPTION = "--assumed show"  # a command to type, not prose: taken out before the English scan
# The sources and venues of the fixture (living.py), repeated here to be read in the asserts.
ROME_SOURCE = "https://www.cbd.int/notifications/2020/ntf-2020-010-post2020-en.pdf"
SBI_SOURCE = "https://www.cbd.int/notifications/2020/ntf-2020-099-sbi-en.pdf"
DOCUMENTS_SOURCE = "https://www.cbd.int/doc/c/wg2020-02-03-en.pdf"
SOURCES = (ROME_SOURCE, SBI_SOURCE, DOCUMENTS_SOURCE)
ROME = Title("Rome, Italy (FAO headquarters)", "意大利罗马（粮农组织总部）")
GENEVA = Title("Geneva, Switzerland", "瑞士日内瓦")
REGULARLY = Assumption("quarterly", Title("regularly", "定期"))
AS_NECESSARY = Assumption("quarterly", Title("as necessary", "视需要"))
RECORDED_AT = pendulum.datetime(2020, 3, 1, 9, tz="UTC")
Living = Any  # living.Living


def test_the_fixture_is_the_one_described(lp: ModuleType) -> None:
    assert (lp.SOURCES, lp.ROME, lp.GENEVA) == (SOURCES, ROME, GENEVA)
    assert (lp.REGULARLY, lp.AS_NECESSARY) == (REGULARLY, AS_NECESSARY)


def check(evaluation: Evaluation, lang: str, assumed: str = "show") -> str:
    out = io.StringIO()
    render_check(Console(file=out, width=4000, color_system=None), evaluation, lang,
                 assumed=assumed)
    return out.getvalue()


def section(text: str, heading: str) -> list[str]:
    """The lines of a section of the check, from its heading to the next blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def english(text: str, living: Living) -> list[str]:
    """English words left in a Chinese text, once the sources (URLs), the option and the link to
    the JSON are out."""
    return chinese.english_words(text, living.plan, [*SOURCES, HIDE_OPTION, "JSON"])


# ------------------------------------------------------------------------------ the words


def test_assumptions_say_what_the_text_says() -> None:
    assert assumption_text(REGULARLY, "en") == "assumed quarterly (the text says 'regularly')"
    assert assumption_text(REGULARLY, "zh") == "按季度推定（案文称“定期”）"
    assert assumption_text(AS_NECESSARY, "zh") == "按季度推定（案文称“视需要”）"
    unknown = Assumption("fortnightly")
    assert (assumption_text(unknown, "en"), assumption_text(unknown, "zh")) == (
        "assumed by the model", "模型推定")


def test_parts_quarters_and_windows() -> None:
    assert [part_name(n, False, "en") for n in (1, 2)] == ["part one", "part two"]
    assert [part_name(n, True, "en") for n in (1, 2, 3)] == [
        "part one", "resumed session", "resumed session (part three)"]
    assert [part_name(n, True, "zh") for n in (1, 2, 3)] == ["第一阶段", "续会", "续会（第三阶段）"]
    assert part_name(2, False, "zh") == "第二阶段"
    q1 = pendulum.Date(2021, 2, 14)
    assert (quarter_text(q1, "en"), quarter_text(q1, "zh")) == ("first quarter of 2021", "2021年第一季度")
    assert quarter_text(pendulum.Date(2020, 12, 31), "zh") == "2020年第四季度"
    quarter = Window(pendulum.Date(2021, 1, 1), pendulum.Date(2021, 3, 31), Precision.QUARTER)
    months = Window(pendulum.Date(2021, 1, 1), pendulum.Date(2021, 3, 31), Precision.MONTH)
    assert window_words(quarter, "en") == "first quarter of 2021"
    assert window_words(months, "en") == "January 2021 to March 2021"


def test_facts_say_parts_quarters_modes_and_sources() -> None:
    resumed = Fact(FactKind.PART, "wg2020-3", pendulum.Date(2022, 1, 20), RECORDED_AT, part=2,
                   opens_on=pendulum.Date(2022, 3, 14), closes_on=pendulum.Date(2022, 3, 29),
                   venue=GENEVA.en, venue_zh=GENEVA.zh, source=SBI_SOURCE)
    assert fact_text(resumed, "en") == (
        f"2022-01-20 resumed session to 2022-03-14..2022-03-29 in {GENEVA.en} (source: {SBI_SOURCE})")
    assert fact_text(resumed, "zh") == (
        f"2022-01-20 续会为2022-03-14至2022-03-29，地点：{GENEVA.zh}（来源：{SBI_SOURCE}）")
    quarter = Fact(FactKind.RESCHEDULED, "sbstta-24", pendulum.Date(2020, 10, 1), RECORDED_AT,
                   opens_on=pendulum.Date(2021, 1, 1), closes_on=pendulum.Date(2021, 3, 31),
                   precision=Precision.QUARTER, tentative=True, mode=Mode.ONLINE)
    assert fact_text(quarter, "en") == "2020-10-01 rescheduled to 2021-Q1 (tentative), online"
    assert fact_text(quarter, "zh") == "2020-10-01 改期为2021年第一季度（暂定），线上举行"
    online = Fact(FactKind.RELOCATED, "ahteg-dsi-meeting", pendulum.Date(2020, 3, 10), RECORDED_AT,
                  venue="Online", venue_zh="线上", mode=Mode.ONLINE)
    assert fact_text(online, "en") == "2020-03-10 relocated online"  # not "in Online, online"
    assert fact_text(online, "zh") == "2020-03-10 改变地点，线上举行"
    held = Fact(FactKind.HELD, "cop-15", pendulum.Date(2021, 10, 15), RECORDED_AT, part=1)
    withdrawn = Fact(FactKind.WITHDRAWN, "cop-15", pendulum.Date(2021, 10, 16), RECORDED_AT,
                     voids="2021-10-15-cop-15-held", text="wrong part")
    assert fact_text(held, "en") == "2021-10-15 held (part one)"
    assert fact_text(held, "zh") == "2021-10-15 已举行（第一阶段）"
    assert fact_text(withdrawn, "en") == "2021-10-16 withdrawn 2021-10-15-cop-15-held: wrong part"
    assert fact_text(withdrawn, "zh") == "2021-10-16 撤回事实2021-10-15-cop-15-held：（英文原文）wrong part"


# ------------------------------------------------------------------------------ the terminal


def test_every_line_says_where_it_comes_from_in_english(living: Living) -> None:
    text = check(living.evaluation, "en")
    overdue = section(text, "Overdue (")
    assert overdue[0] == "Overdue (5)"
    assert ("      was due on Tuesday 1 October 2019; 152 days overdue — assumed quarterly "
            "(the text says 'regularly')") in overdue
    assert ("      was due on Tuesday 1 October 2019; 152 days overdue — assumed quarterly "
            "(the text says 'as necessary')") in overdue
    # A due date set by a recorded fact: its source, and set too late (due before announced),
    # said once (by the reason, once the core gives SET_TOO_LATE, else after it).
    [iag] = [line for i, line in enumerate(overdue) if overdue[i - 1].startswith("  mainstreaming-iag")]
    assert f"recorded (source: {SBI_SOURCE})" in iag and iag.lower().count("set too late") == 1
    assert "10 days before it was announced on" in iag and "20 February 2020" in iag
    # A plain deadline from the text says nothing more.
    assert "      was due on Sunday 24 November 2019; 98 days overdue" in overdue
    late = section(text, "Late inputs (")
    assert any(line.endswith("set too late: due 10 days before it was announced on 20 February 2020"
                             ", days counted from that day")
               for line in late)


def test_every_line_says_where_it_comes_from_in_chinese(living: Living) -> None:
    text = check(living.evaluation, "zh")
    overdue = section(text, "逾期（")
    assert "      原定2019年10月1日（星期二）交付；已逾期152天——按季度推定（案文称“定期”）" in overdue
    assert "      原定2019年10月1日（星期二）交付；已逾期152天——按季度推定（案文称“视需要”）" in overdue
    [iag] = [line for i, line in enumerate(overdue) if overdue[i - 1].startswith("  mainstreaming-iag")]
    assert f"有记录（来源：{SBI_SOURCE}）" in iag and iag.count("设定过晚") == 1 and "早10天" in iag
    assert english(text, living) == [], english(text, living)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hide_leaves_assumed_deadlines_out_of_overdue_and_counts_them(living: Living,
                                                                       lang: str) -> None:
    shown, hidden = check(living.evaluation, lang), check(living.evaluation, lang, "hide")
    heading = "Overdue (" if lang == "en" else "逾期（"
    overdue = section(hidden, heading)
    assert overdue[0] == ("Overdue (3)" if lang == "en" else "逾期（3）")
    assert not any("annex2-list-updates" in line or "bureau-progress-reports" in line
                   for line in overdue)
    # Listed apart, after the section, and counted, in one line.
    line = ("2 assumed deadlines passed (not shown: --assumed show): annex2-list-updates, "
            "bureau-progress-reports" if lang == "en" else
            "2项推定的截止日期已过（未列入逾期：--assumed show）："
            "annex2-list-updates、bureau-progress-reports")
    lines = hidden.splitlines()
    assert lines[lines.index(overdue[-1]) + 1:lines.index(overdue[-1]) + 3] == ["", line]
    assert line not in shown
    assert section(shown, heading)[0] == ("Overdue (5)" if lang == "en" else "逾期（5）")
    totals = hidden.splitlines()[-1]
    if lang == "en":
        assert "overdue 3 ·" in totals and totals.endswith("· assumed deadlines passed 2")
    else:
        assert "逾期3项 ·" in totals and totals.endswith("· 已过的推定截止日期2项")
        assert english(hidden, living) == []
    # Everything else is the same: only Overdue and the totals differ.
    rest = [line for line in shown.splitlines() if line not in hidden.splitlines()]
    assert all("annex2" in line or "progress" in line or "152" in line or "(5)" in line
               or "（5）" in line or line.startswith(("Totals", "合计")) for line in rest), rest


def test_meetings_as_they_really_happen(living: Living) -> None:
    en = section(check(living.evaluation, "en"), "Meetings changed (")
    assert en[0] == "Meetings changed (6)"
    assert en[1].startswith(f"  wg2020-2: 24–29 February 2020, {ROME.en}  (planned: 24–28 February "
                            "2020, Kunming, China)") and en[1].endswith("; presumed held")
    assert any(line.startswith("  ahteg-dsi-meeting: ") and line.endswith("; scheduled; online")
               for line in en)
    assert any(line.startswith("  sbstta-24: first quarter of 2021 (to be confirmed), ")
               and line.endswith("; tentative") for line in en)
    wg3 = en.index(next(line for line in en if line.startswith("  wg2020-3: ")))
    assert en[wg3 + 1:wg3 + 3] == [
        "    part one: 23 August – 3 September 2021; held (recorded); online",
        f"    resumed session: 14–29 March 2022, {GENEVA.en}; scheduled"]
    cop = en.index(next(line for line in en if line.startswith("  cop-15: ")))
    assert en[cop + 1:cop + 3] == [
        "    part one: 11–15 October 2021, Kunming, China; scheduled; hybrid",
        "    part two: 7–19 December 2022, Montreal, Canada; scheduled"]
    zh = section(check(living.evaluation, "zh"), "会议变动（")
    assert zh[1].endswith("；推定已举行") and ROME.zh in zh[1]
    assert any(line.startswith("  sbstta-24：2021年第一季度（待确认），") for line in zh)
    assert "    第一阶段：2021年8月23日至9月3日；已举行（有记录）；线上举行" in zh
    assert f"    续会：2022年3月14日至29日，{GENEVA.zh}；已排定" in zh
    assert "    第一阶段：2021年10月11日至15日，中国昆明；已排定；线上线下混合举行" in zh
    assert "    第二阶段：2022年12月7日至19日，加拿大蒙特利尔；已排定" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_says_provenance_parts_and_sources(living: Living, lang: str) -> None:
    out = io.StringIO()
    console = Console(file=out, width=4000, color_system=None)
    ev = living.evaluation
    render_output(console, ev, ev.outputs["wg2020-2-documents"], lang)
    render_output(console, ev, ev.outputs["wg2020-2-discussion-draft"], lang)
    render_meeting(console, ev, ev.meetings["wg2020-3"], lang)
    text = out.getvalue()
    if lang == "en":
        assert ("status as of 2020-03-01: delivered — delivered on Wednesday 15 January 2020, 2 days "
                f"late — recorded (source: {DOCUMENTS_SOURCE})") in text
        assert f"#3 2020-01-15 delivered as CBD/WG2020/2/3 (source: {DOCUMENTS_SOURCE})" in text
        # A presumed delivery says so once, in its reason.
        [status] = [line for line in text.splitlines()
                    if line.startswith("status as of") and "29 February 2020" in line]
        assert status.count("presumed") == 1
        assert "    resumed session: 14–29 March 2022, Geneva, Switzerland; scheduled" in text
    else:
        assert f"已于2020年1月15日（星期三）交付，迟交2天——有记录（来源：{DOCUMENTS_SOURCE}）" in text
        [status] = [line for line in text.splitlines()
                    if line.startswith("截至2020-03-01的状态") and "2020年2月29日" in line]
        assert status.count("推定") == 1 and "推定已于2020年2月29日（星期六）按时交付" in status
        assert "    续会：2022年3月14日至29日，瑞士日内瓦；已排定" in text
        text = re.sub(r"定义于\S+", "", text)  # where the item is defined: a file path and line
        assert english(text, living) == []


# ------------------------------------------------------------------------------ the JSON

PART_KEYS = {"id", "number", "opens_on", "closes_on", "window", "precision", "venue", "timezone",
             "mode", "status", "held_provenance"}


def as_json(evaluation: Evaluation, assumed: str = "show") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(evaluation_dict(evaluation, assumed),
                                                 ensure_ascii=False))
    return data


def test_json_carries_provenance_assumptions_and_dates(living: Living) -> None:
    data = as_json(living.evaluation)
    assert data["schema_version"] == SCHEMA_VERSION == "1.3"
    outputs = {o["id"]: o for o in data["outputs"]}
    assert all({"provenance", "assumption", "due_set_on", "latest_finish"} <= set(o)
               for o in data["outputs"])
    assert outputs["bureau-progress-reports"]["provenance"] == "assumed"
    assert outputs["bureau-progress-reports"]["assumption"] == {
        "rule": "quarterly", "says": {"en": "regularly", "zh": "定期"}}
    assert outputs["mainstreaming-iag-report"]["provenance"] == "recorded"
    assert outputs["mainstreaming-iag-report"]["due_set_on"] == "2020-02-20"
    assert outputs["wg2020-2-discussion-draft"]["provenance"] == "presumed"
    assert outputs["wg2020-3-framework-text"]["latest_finish"] == "2020-10-15"
    assert outputs["bureau-progress-reports"]["provenance_text"] == {
        "en": "assumed quarterly (the text says 'regularly')", "zh": "按季度推定（案文称“定期”）"}
    assert f"recorded (source: {SBI_SOURCE})" in outputs["mainstreaming-iag-report"]["provenance_text"]["en"]
    assert outputs["detailed-workplan"]["provenance_text"] is None
    assert outputs["detailed-workplan"]["provenance"] is None
    assert outputs["detailed-workplan"]["assumption"] is None
    assert (data["assumed"], data["assumed_passed"]) == ("show", ["annex2-list-updates",
                                                                   "bureau-progress-reports"])
    assert data["totals"] == living.evaluation.counts()


def test_json_meetings_have_mode_parts_and_held_provenance(living: Living) -> None:
    meetings = {m["id"]: m for m in as_json(living.evaluation)["meetings"]}
    assert all({"phase", "precision", "mode", "parts", "held_provenance", "dates_set_on"} <= set(m)
               for m in meetings.values())
    assert (meetings["wg2020-1"]["status"], meetings["wg2020-1"]["phase"]) == ("held", "held")
    assert meetings["wg2020-2"]["held_provenance"] == "presumed"
    assert meetings["ahteg-dsi-meeting"]["mode"] == "online"
    assert meetings["sbstta-24"]["window"] == {"earliest": "2021-01-01", "latest": "2021-03-31"}
    assert meetings["sbstta-24"]["precision"] == "quarter"
    assert meetings["consult-resource-mobilization"]["precision"] == "month"
    assert meetings["wg2020-2"]["precision"] == "day"
    first, resumed = meetings["wg2020-3"]["parts"]
    assert set(first) == set(resumed) == PART_KEYS
    assert first == {"id": "wg2020-3-part-1", "number": 1, "opens_on": "2021-08-23",
                     "closes_on": "2021-09-03", "window": None, "precision": "day", "venue": None,
                     "timezone": "America/Toronto", "mode": "online", "status": "held",
                     "held_provenance": "recorded"}
    assert resumed["venue"] == {"en": GENEVA.en, "zh": GENEVA.zh, "written_in": None}
    assert (resumed["status"], resumed["held_provenance"]) == ("scheduled", None)
    assert [p["id"] for p in meetings["cop-15"]["parts"]] == ["cop-15-part-1", "cop-15-part-2"]
    assert meetings["wg2020-1"]["parts"] == []


def test_json_hide_counts_assumed_deadlines_apart(living: Living) -> None:
    shown, hidden = as_json(living.evaluation), as_json(living.evaluation, "hide")
    assert hidden["assumed"] == "hide"
    assert hidden["totals"]["overdue"] == shown["totals"]["overdue"] - 2
    assert hidden["totals"]["assumed_passed"] == 2 and "assumed_passed" not in shown["totals"]
    assert sum(hidden["totals"].values()) == len(hidden["outputs"]) == len(shown["outputs"])
    assert hidden["outputs"] == shown["outputs"], "every output stays in the JSON"


# ------------------------------------------------------------------------------ page, artifacts


class _Visible:
    @staticmethod
    def text(page: str) -> str:
        page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
        return re.sub(r"<[^>]+>", "\n", page)


def test_status_page_in_both_languages_and_hide(living: Living) -> None:
    en = status_html(living.evaluation, "en")
    assert "assumed quarterly (the text says &#x27;regularly&#x27;)" in en
    assert "wg2020-3-part-2 (resumed session)" in en and "held (recorded); online" in en
    zh = status_html(living.evaluation, "zh", "hide")
    visible = _Visible.text(zh).replace("&#x27;", "'")
    assert ("2项推定的截止日期已过（未列入逾期：--assumed show）：annex2-list-updates、"
            "bureau-progress-reports") in visible
    assert "按季度推定" not in visible, "hidden: the assumed deadlines are not listed"
    assert "已过的推定截止日期2项" in visible and "cop-15（第二阶段）" in visible
    assert english(visible, living) == [], english(visible, living)
    shown = _Visible.text(status_html(living.evaluation, "zh")).replace("&#x27;", "'")
    assert "按季度推定（案文称“定期”）" in shown


def test_artifacts_say_where_late_inputs_come_from(living: Living) -> None:
    markdown = check_markdown(living.evaluation, assumed="hide")
    assert "## Overdue (3)" in markdown
    assert ("2 assumed deadlines passed (not shown: --assumed show): annex2-list-updates, "
            "bureau-progress-reports") in markdown
    assert "| assumed deadlines passed | 2 |" in markdown
    assert "assumed quarterly" in check_markdown(living.evaluation)
    [row] = [r for r in late_input_rows(living.evaluation) if r["input"] == "mainstreaming-iag-report"]
    assert row["provenance"] == (f"recorded (source: {SBI_SOURCE}); set too late: due 10 days "
                                 "before it was announced on 20 February 2020, days counted "
                                 "from that day")
    assert all("provenance" in r for r in late_input_rows(living.evaluation))
    assert OutputStatus.OVERDUE in {s.status for s in living.evaluation.outputs.values()}


def test_a_venue_given_in_one_language_stays_marked(living: Living) -> None:
    """A part's venue typed in English only is shown as written, marked, in Chinese."""
    import dataclasses

    ev = living.evaluation
    wg3 = ev.meetings["wg2020-3"]
    typed = Title("Geneva, CICG", "Geneva, CICG", written_in="en")
    parts = (wg3.parts[0], dataclasses.replace(wg3.parts[1], venue=typed))
    meetings = {**ev.meetings, "wg2020-3": dataclasses.replace(wg3, parts=parts)}
    text = check(dataclasses.replace(ev, meetings=meetings), "zh")
    assert "    续会：2022年3月14日至29日，（英文原文）Geneva, CICG；已排定" in text


def test_a_postponed_meeting_says_so_once(living: Living) -> None:
    import dataclasses

    ev = living.evaluation
    postponed = dataclasses.replace(ev.meetings["sbi-3"], postponed=True, span=None)
    text = check(dataclasses.replace(ev, meetings={**ev.meetings, "sbi-3": postponed}), "en")
    [line] = [x for x in section(text, "Meetings changed (") if x.startswith("  sbi-3: ")]
    assert line == ("  sbi-3: postponed (was 23–28 March 2020), Montreal, Canada  (planned: 25–30 May "
                    "2020, Montreal, Canada)")

