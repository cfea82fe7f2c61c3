"""What a move puts at risk (issue 9, "Done when": briefings name what a move puts at risk, as of
2020-04-01 what SBSTTA-24's postponement puts at risk with the slack left to COP-15, list each
affected meeting once, and mark presumed and assumed items as such, in English and Chinese).

The scenario (a named data fixture): WG2020-2 moved to Rome (announced 3 February 2020); a
briefing as of 1 March 2020; SBSTTA-24 and SBI-3 postponed, new dates not known (announced, in
this fixture, on 10 March 2020); the briefing as of 1 April 2020 since the last one. The core's
evaluation, with what issue 9 adds set on it as the core gives it: the latest finish of the
SBSTTA-24 recommendations (WG2020-3 opens, 27 July 2020) and of the framework text (COP-15
opens, 15 October 2020); the paragraph 12 progress reports assumed quarterly (the text says
"regularly"); the DSI expert group held online, presumed held; and, hypothetically, the detailed
workplan's due date set on 1 December 2019, a week after it fell (set too late).

The scenario is hypothetical, so it runs on the founding plan alone (`founding_folder`): the
bundled process's amendment files (recommendation 2/1 of 29 February 2020 adds the updated zero
draft and the first draft) belong with the history shipped beside them, not with these facts.
"""

from __future__ import annotations

import dataclasses
import re

import chinese_text as chinese
import pendulum
import pytest
from founding import founding_folder
from pendulum import Date

from mandates.briefing.chart import timeline_svg
from mandates.briefing.data import Briefing, Since, build_briefing
from mandates.briefing.render import render_html, render_markdown
from mandates.config.processes import load_process
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import PartState
from mandates.core.plan import Assumption, Mode, Plan, Provenance, Title
from mandates.core.rules import Span

RECORDED_AT = pendulum.datetime(2020, 4, 1, 9, tz="UTC")
LAST_BRIEFING, AS_OF = Date(2020, 3, 1), Date(2020, 4, 1)
ROME = "Rome, FAO headquarters"
REGULARLY = Assumption("quarterly", Title("regularly", "定期"))
SBSTTA_24 = "Twenty-fourth meeting of the Subsidiary Body on Scientific, Technical and Technological Advice"


def _facts() -> list[Fact]:
    return [
        Fact(FactKind.RESCHEDULED, "wg2020-2", Date(2020, 2, 3), RECORDED_AT, id=1,
             opens_on=Date(2020, 2, 24), closes_on=Date(2020, 2, 29), venue=ROME,
             timezone="Europe/Rome"),
        Fact(FactKind.POSTPONED, "sbstta-24", Date(2020, 3, 10), RECORDED_AT, id=2),
        Fact(FactKind.POSTPONED, "sbi-3", Date(2020, 3, 10), RECORDED_AT, id=3),
    ]


def _plan(founding: Plan) -> Plan:
    outputs = dict(founding.outputs)
    outputs["bureau-progress-reports"] = dataclasses.replace(outputs["bureau-progress-reports"],
                                                             assumed=REGULARLY)
    return dataclasses.replace(founding, outputs=outputs)


def _set(evaluation: Evaluation) -> Evaluation:
    """The fields of issue 9 on the core's evaluation as of 1 April 2020 (see the module)."""
    outputs, meetings = dict(evaluation.outputs), dict(evaluation.meetings)
    for oid, fields in {
        "sbstta-24-recs-scientific-technical": {"latest_finish": Date(2020, 7, 27)},
        "sbstta-24-recs-wg-requests": {"latest_finish": Date(2020, 7, 27)},
        "sbstta-24-guidance-targets-indicators": {"latest_finish": Date(2020, 7, 27)},
        "wg2020-3-framework-text": {"latest_finish": Date(2020, 10, 15)},
        "bureau-progress-reports": {"provenance": Provenance.ASSUMED},
        "detailed-workplan": {"provenance": Provenance.RECORDED, "due_set_on": Date(2019, 12, 1)},
    }.items():
        outputs[oid] = dataclasses.replace(outputs[oid], **fields)
    meetings["ahteg-dsi-meeting"] = dataclasses.replace(
        meetings["ahteg-dsi-meeting"], mode=Mode.ONLINE, held_provenance=Provenance.PRESUMED)
    return dataclasses.replace(evaluation, outputs=outputs, meetings=meetings)


@pytest.fixture(scope="module")
def founding_plan() -> Plan:
    """The bundled process as founded (CBD/WG2020/REC/1/1 alone, no amendment files)."""
    plan = load_process(founding_folder())
    assert plan.amendments == ()
    return plan


@pytest.fixture()
def april(founding_plan: Plan) -> Briefing:
    """The briefing as of 1 April 2020, since the one of 1 March 2020."""
    plan, facts = _plan(founding_plan), _facts()
    before = evaluate(plan, facts[:1], LAST_BRIEFING)
    return build_briefing(_set(evaluate(plan, facts, AS_OF)), before, Since("last", LAST_BRIEFING), 6)


def moves(text: str) -> str:
    """Section 4 of a markdown briefing."""
    return re.split(r"\n## 5\. ", re.split(r"\n## 4\. ", text)[1])[0]


def test_each_moved_meeting_once_with_what_it_puts_at_risk(april: Briefing) -> None:
    assert [(m.meeting, m.kind) for m in april.meeting_moves] == [
        ("ahteg-dsi-meeting", "mode"), ("sbstta-24", "postponed"), ("sbi-3", "postponed")]
    online, sbstta, sbi = april.risks
    assert (online.meeting, online.outputs, online.meetings) == ("ahteg-dsi-meeting", (), ())
    assert (sbstta.meeting, sbi.meeting) == ("sbstta-24", "sbi-3")
    assert [(a.output, a.direct) for a in sbstta.outputs] == [
        ("sbstta-24-guidance-targets-indicators", True),
        ("sbstta-24-recs-scientific-technical", True),
        ("sbstta-24-recs-wg-requests", True),
        ("wg2020-3-framework-text", False)]
    framework = sbstta.outputs[-1]
    assert (framework.due, framework.latest_finish, framework.slack_to_last) == (
        Date(2020, 7, 31), Date(2020, 10, 15), 76)
    # Each output and each meeting affected downstream is listed under one move only.
    listed = [a.output for r in april.risks for a in r.outputs]
    assert len(listed) == len(set(listed)) and "wg2020-3-framework-text" not in {
        a.output for a in sbi.outputs}
    assert {a.output for a in sbi.outputs} >= {"sbi-3-recs-mainstreaming", "mainstreaming-iag-report"}
    assert (sbstta.meetings, sbi.meetings) == (("wg2020-3", "cop-15"), ())


def test_suggested_actions_name_each_undated_meeting_once(april: Briefing) -> None:
    """Many undated inputs hang on SBSTTA-24 and SBI-3 once they are postponed: the action asking
    for dates names each of those meetings once (it once said "SBI-3, SBI-3, SBI-3, ...")."""
    for lang in ("en", "zh"):
        text = render_markdown(april, lang, "c.png")
        for line in (ln for ln in text.splitlines() if "SBI-3" in ln or "第三次会议" in ln):
            for name in ("SBI-3", "SBSTTA-24"):
                assert line.count(f"{name}, {name}") == 0 and line.count(f"{name}、{name}") == 0, line
    english = render_markdown(april, "en", "c.png")
    asks = [ln for ln in english.splitlines() if "to set dates for" in ln]
    assert asks and all(ln.count("SBI-3") <= 1 and ln.count("SBSTTA-24") <= 1 for ln in asks), asks


def test_english_briefing_names_the_risk_and_the_slack_to_cop15(april: Briefing) -> None:
    text = moves(render_markdown(april, "en", "c.png"))
    assert ("**1. Meeting of the extended Ad Hoc Technical Expert Group on Digital Sequence "
            "Information on Genetic Resources — held in another mode**\n17–20 March 2020, Montreal, "
            "Canada → 17–20 March 2020, Montreal, Canada (online).\n\n- _Puts at risk:_ Nothing: no "
            "output that hangs on it is put at risk.") in text
    assert (f"**2. {SBSTTA_24} — postponed**\n18–23 May 2020, Montreal, Canada → postponed, new "
            "dates not yet known, Montreal, Canada. Announced on 10 March 2020.") in text
    assert ("- Recommendations of SBSTTA-24 on the scientific and technical elements of the "
            "framework (SBSTTA): no date; to make COP-15 it must come by 27 July 2020.") in text
    assert ("- Text of the post-2020 global biodiversity framework for consideration by COP-15 "
            "(WG2020): due on 31 July 2020; 76 days of slack left to COP-15.") in text
    assert "- _Puts at risk:_ 4 outputs; the tightest has 76 days of slack left to COP-15." in text
    assert ("Meetings these moves put at risk: WG2020-3 (27–31 July 2020, Cali, Colombia) and "
            "COP-15 (15–28 October 2020, Kunming, China).") in text
    # Each meeting once in the section: the moved ones as their own entry, the others in one line.
    assert text.count(SBSTTA_24) == 1 and text.count("Third meeting of the Subsidiary Body on") == 1
    assert text.count("WG2020-3 (27–31 July 2020") == 1 and text.count("COP-15 (15–28") == 1


def test_presumed_assumed_and_set_too_late_are_marked(april: Briefing) -> None:
    text = render_markdown(april, "en", "c.png")
    # Since issue 9 the founding file marks paragraph 11's updates assumed quarterly as well.
    assert ("**1. Updates of the Annex II list of meetings, consultations and workshops, published "
            "on the post-2020 web page** _(assumed quarterly (the text says 'as necessary'))_\n") in text
    assert ("Progress reports to the COP Bureau on the development of the framework, including "
            "financial needs, and updates of the post-2020 web page** _(assumed quarterly (the "
            "text says 'regularly'))_") in text
    assert ("WG2020 Co-Chairs and Executive Secretary; CBD/WG2020/REC/1/1 para 6. Set too late: due "
            "on 24 November 2019, 7 days before it was announced on 1 December 2019; 122 days "
            "since then.") in text
    assert ("- Meeting of the extended Ad Hoc Technical Expert Group on Digital Sequence Information "
            "on Genetic Resources: 17–20 March 2020, Montreal, Canada (online) (presumed held).") in text
    zh = render_markdown(april, "zh", "c.png")
    assert "_（按季度推定（案文称“定期”））_" in zh
    assert "。设定过晚：截止日期2019年11月24日比2019年12月1日宣布之日早7天；自宣布以来已过122天。" in zh
    assert "2020年3月17日至20日，加拿大蒙特利尔（线上举行）（推定已举行）。" in zh


def test_chinese_briefing_names_the_risk_in_chinese(april: Briefing) -> None:
    text = render_markdown(april, "zh", "c.png")
    section = moves(text)
    assert ("- 科咨机构第二十四次会议关于2020年后全球生物多样性框架的科学和技术要素的建议（科学、技术和工艺"
            "咨询附属机构）：尚无日期；须不晚于2020年7月27日才能赶上缔约方大会第十五届会议。") in section
    assert "- _带来的风险：_ 4项成果；最紧的一项距缔约方大会第十五届会议还有76天余量。" in section
    assert ("这些变动给以下会议带来风险：工作组第三次会议（2020年7月27日至31日，哥伦比亚卡利）和缔约方大会"
            "第十五届会议（2020年10月15日至28日，中国昆明）。") in section
    page = render_html(april, "zh")
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S))
    for shown in (text, visible.replace("&#39;", "'")):
        assert chinese.english_words(shown, april.plan, [ROME, "c.png"]) == []


def test_the_last_meeting_may_be_a_part(april: Briefing) -> None:
    """After COP-15 was split, the last meeting of the process is its part two."""
    evaluation = april.evaluation
    plan = evaluation.plan
    cop = evaluation.meetings["cop-15"]
    parts = tuple(
        PartState("cop-15", n, opens, closes, None, Title(*venue), zone, Mode.IN_PERSON, True, False,
                  None, Span(opens, opens, closes, closes, False), None)
        for n, opens, closes, venue, zone in (
            (1, Date(2021, 10, 11), Date(2021, 10, 15), ("Kunming, China", "中国昆明"), "Asia/Shanghai"),
            (2, Date(2022, 12, 7), Date(2022, 12, 19), ("Montreal, Canada", "加拿大蒙特利尔"),
             "America/Toronto")))
    split = dataclasses.replace(
        evaluation, plan=dataclasses.replace(plan, process=dataclasses.replace(
            plan.process, last_meeting="cop-15-part-2")),
        meetings={**evaluation.meetings, "cop-15": dataclasses.replace(cop, split=True, parts=parts)})
    briefing = dataclasses.replace(april, evaluation=split)
    en, zh = render_markdown(briefing, "en", "c.png"), render_markdown(briefing, "zh", "c.png")
    assert ("- Last meeting of the process: COP-15 (part two), 7–19 December 2022, Montreal, Canada "
            "— in 980 days.") in en
    assert "the critical chain to COP-15 (part two) is highlighted" in en
    assert ("- 进程的最后一次会议：缔约方大会第十五届会议（第二阶段），2022年12月7日至19日，加拿大蒙特利尔，"
            "980天后举行。") in zh
    assert "part" not in chinese.english_words(zh, plan, [ROME, "c.png"])
    # The chart draws the chain into the row of the meeting the part belongs to.
    chain = 'class="tl-chain"'
    assert timeline_svg(split, "en").count(chain) == timeline_svg(evaluation, "en").count(chain) > 1
    # A bar per part on COP-15's row: part one keeps the meeting's id.
    svg = timeline_svg(split, "zh")
    assert svg.count('data-id="cop-15"') == 2 and svg.count('data-id="cop-15-part-2"') == 1  # label, bars


def test_a_chain_behind_its_deadline_is_worded_as_such(bundled_plan: Plan) -> None:
    """Slack below zero on the critical chain (possible once slack is bounded by the last
    meeting) reads "61 days behind", not "-61 days of slack"."""
    evaluation = evaluate(bundled_plan, [], Date(2020, 1, 6))
    first = next(o for o in evaluation.critical_chain if evaluation.outputs[o].slack_days is not None)
    outputs = {**evaluation.outputs,
               first: dataclasses.replace(evaluation.outputs[first], slack_days=-61)}
    briefing = build_briefing(dataclasses.replace(evaluation, outputs=outputs), None, Since("none"), 6)
    en, zh = render_markdown(briefing, "en", "c.png"), render_markdown(briefing, "zh", "c.png")
    assert "outputs; the tightest is 61 days behind." in en and "-61" not in en
    assert "项成果；最紧的一项已落后61天。" in zh
