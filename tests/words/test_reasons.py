"""Every reason code rendered in English and Chinese (words.reasons).

The English is pinned word for word (it is what the check has always printed); the Chinese is
pinned too, so that a change of wording is a reviewed change, and checked for English words and
ASCII punctuation. Reasons are built by hand against a small process written here (its own
titles, so the pins do not move when the bundled titles are edited), and taken from real
evaluations of the bundled process over two years, with and without recorded facts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import chinese_text as chinese
import pendulum
import pytest
from pendulum import Date

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Amendment, AmendmentKind, Plan, Source, Title
from mandates.core.reasons import VALUES, MeetingWhen, Reason, ReasonCode
from mandates.words.reasons import TEMPLATES, reason_text, reason_texts

PROCESS = """\
process:
  id: reasons
  title: {en: "Reasons", zh: "理由"}
  source: CBD/WG2020/REC/1/1
  timezone: America/Toronto
bodies:
  - {id: wg, name: {en: "Working Group", zh: "工作组"}, short: WG}
meetings:
  - {id: wg-2, title: {en: "Second meeting of the Working Group", zh: "工作组第二次会议"}, body: wg,
     opens: 2020-02-24, closes: 2020-02-28, confirmed: true,
     venue: {en: "Kunming, China", zh: "中国昆明"}, type: 1}
  - {id: consult, title: {en: "Consultation on resource mobilization", zh: "资源调动问题磋商"},
     body: wg, window: {from: 2020-01, to: 2020-02}, type: 3}
outputs:
  - {id: documents, title: {en: "WG-2 documents", zh: "第二次会议文件"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 4, due: {before: wg-2, weeks: 6}}
  - {id: survey, title: {en: "Survey of national targets", zh: "国家目标调查"}, responsible: wg,
     mandate: decision 14/34, due: {on: 2020-03-01}, for: documents}
  - {id: consult-report, title: {en: "Report of the consultation", zh: "磋商报告"}, responsible: wg,
     mandate: decision 14/34, due: {at: consult}, for: documents}
"""

WAIVER = "merged into the para 4 call"  # what a user typed: shown as written in both languages
MONDAY, SATURDAY, FRIDAY = Date(2020, 1, 13), Date(2020, 3, 14), Date(2020, 1, 10)
KUNMING = Title("Kunming, China", "中国昆明")
HELD = MeetingWhen("wg-2", Date(2020, 2, 24), Date(2020, 2, 28), KUNMING, False, False, False)
UNCONFIRMED = MeetingWhen("wg-2", Date(2020, 2, 24), Date(2020, 2, 28), KUNMING, False, True, False)
WINDOW = MeetingWhen("consult", Date(2020, 1, 1), Date(2020, 2, 29), None, True, True, False)
POSTPONED = MeetingWhen("wg-2", None, None, KUNMING, False, False, True)
UNDATED = MeetingWhen("consult", None, None, None, False, False, False)
LATER = MeetingWhen("wg-2", Date(2021, 1, 1), Date(2021, 3, 31), KUNMING, True, True, True)
REC_2_1 = Amendment("wg2020-2-rec-1", "CBD/WG2020/REC/2/1", AmendmentKind.RECOMMENDATION,
                    Date(2020, 2, 29), Source("reasons.amendments/001-wg2020-2-rec-1.yaml", 2))
TAIL = {"days": 61, "consumer": "documents", "deadline": MONDAY}
TAIL_EN = "61 days after WG-2 documents are due on Monday 13 January 2020"
TAIL_ZH = "比第二次会议文件的截止日期2020年1月13日（星期一）晚61天"

R = Reason.of
CASES: list[tuple[Reason, str, str]] = [
    (R(ReasonCode.DUE, due=MONDAY), "due Monday 13 January 2020", "截止日期为2020年1月13日（星期一）"),
    (R(ReasonCode.DUE_SOON, due=MONDAY, days=7, at_risk=4),
     "due in 7 days, Monday 13 January 2020; 4 inputs at risk",
     "7天后到期，即2020年1月13日（星期一）；4项投入有风险"),
    (R(ReasonCode.DUE_SOON, due=MONDAY, days=1, at_risk=0),
     "due in 1 day, Monday 13 January 2020", "1天后到期，即2020年1月13日（星期一）"),
    (R(ReasonCode.DUE_TODAY, due=MONDAY, days=0, at_risk=0),
     "due today, Monday 13 January 2020", "今天到期，即2020年1月13日（星期一）"),
    (R(ReasonCode.OVERDUE, due=MONDAY, days=1),
     "was due on Monday 13 January 2020; 1 day overdue", "原定2020年1月13日（星期一）交付；已逾期1天"),
    (R(ReasonCode.BLOCKED, due=MONDAY, inputs=("survey",)),
     "due Monday 13 January 2020; waiting for overdue input: survey",
     "截止日期为2020年1月13日（星期一）；正在等待逾期的投入：survey"),
    (R(ReasonCode.BLOCKED, due=MONDAY, inputs=("survey", "consult-report")),
     "due Monday 13 January 2020; waiting for overdue inputs: survey, consult-report",
     "截止日期为2020年1月13日（星期一）；正在等待逾期的投入：survey、consult-report"),
    (R(ReasonCode.INPUTS_AT_RISK, due=MONDAY, count=2),
     "due Monday 13 January 2020; inputs that will arrive after the deadline or have no date: 2",
     "截止日期为2020年1月13日（星期一）；2项投入将晚于截止日期送达或尚无日期"),
    (R(ReasonCode.LATE_FOR_OUTPUT, due=SATURDAY, days=61, output="documents"),
     "due Saturday 14 March 2020, 61 days after WG-2 documents are due",
     "截止日期为2020年3月14日（星期六），比第二次会议文件的截止日期晚61天"),
    (R(ReasonCode.LATE_FOR_OUTPUT, due=SATURDAY, days=61, output="survey"),
     "due Saturday 14 March 2020, 61 days after survey of national targets is due",
     "截止日期为2020年3月14日（星期六），比国家目标调查的截止日期晚61天"),
    (R(ReasonCode.LATE_FOR_MEETING, due=SATURDAY, days=20, meeting="wg-2"),
     "due Saturday 14 March 2020, 20 days after second meeting of the Working Group opens",
     "截止日期为2020年3月14日（星期六），比工作组第二次会议的开幕日期晚20天"),
    (Reason(ReasonCode.NO_DATE_NEEDED), "no date: the meeting it hangs on is not scheduled",
     "尚无日期：其所依赖的会议尚未安排日期"),
    (Reason(ReasonCode.NO_DATE), "no date set yet", "尚未确定日期"),
    (R(ReasonCode.DELIVERED, on=FRIDAY), "delivered on Friday 10 January 2020",
     "已于2020年1月10日（星期五）交付"),
    (R(ReasonCode.DELIVERED_ON_TIME, on=FRIDAY), "delivered on Friday 10 January 2020, on time",
     "已于2020年1月10日（星期五）按时交付"),
    (R(ReasonCode.DELIVERED_LATE, on=FRIDAY, days=4), "delivered on Friday 10 January 2020, 4 days late",
     "已于2020年1月10日（星期五）交付，迟交4天"),
    (R(ReasonCode.PRESUMED_DELIVERED, on=FRIDAY, days=0),
     "presumed delivered on Friday 10 January 2020, on time", "推定已于2020年1月10日（星期五）按时交付"),
    (R(ReasonCode.PRESUMED_DELIVERED, on=FRIDAY, days=None),
     "presumed delivered on Friday 10 January 2020", "推定已于2020年1月10日（星期五）交付"),
    (R(ReasonCode.WAIVED, on=FRIDAY, text=WAIVER), f"waived on Friday 10 January 2020: {WAIVER}",
     f"已于2020年1月10日（星期五）免除：{WAIVER}"),
    (R(ReasonCode.WAIVED, on=FRIDAY, text=None), "waived on Friday 10 January 2020: no reason given",
     "已于2020年1月10日（星期五）免除：未说明理由"),
    (R(ReasonCode.CANCELLED, on=FRIDAY), "cancelled on Friday 10 January 2020",
     "已于2020年1月10日（星期五）取消"),
    (R(ReasonCode.MEETING_CANCELLED, meeting="wg-2"), "Second meeting of the Working Group was cancelled",
     "工作组第二次会议已取消"),
    (R(ReasonCode.INPUT_CANCELLED, output="survey",
       cause=R(ReasonCode.MEETING_CANCELLED, meeting="wg-2")),
     "survey of national targets: Second meeting of the Working Group was cancelled",
     "国家目标调查：工作组第二次会议已取消"),
    (R(ReasonCode.ARRIVED_AFTER_DEADLINE, output="survey", on=SATURDAY, **TAIL),
     f"survey of national targets arrived on Saturday 14 March 2020, {TAIL_EN}",
     f"国家目标调查于2020年3月14日（星期六）送达，{TAIL_ZH}"),
    (R(ReasonCode.PRESUMED_AFTER_DEADLINE, output="survey", on=SATURDAY, **TAIL),
     "survey of national targets is presumed delivered on Saturday 14 March 2020 (its meeting "
     f"presumed held, nothing recorded), {TAIL_EN}",
     f"国家目标调查推定于2020年3月14日（星期六）交付（其会议推定已举行，无记录），{TAIL_ZH}"),
    (R(ReasonCode.UNSCHEDULED_MEETING, output="consult-report", meeting=UNDATED),
     "consultation on resource mobilization (dates to be determined) has no date, so report of "
     "the consultation cannot be planned",
     "资源调动问题磋商（日期待定）尚无日期，因此无法安排磋商报告"),
    (R(ReasonCode.UNSCHEDULED_MEETING, output="consult-report", meeting=POSTPONED),
     "second meeting of the Working Group (postponed, new dates not yet known) has no date, so "
     "report of the consultation cannot be planned",
     "工作组第二次会议（已推迟，新日期尚未确定）尚无日期，因此无法安排磋商报告"),
    (R(ReasonCode.UNSCHEDULED, output="survey"),
     "survey of national targets has no date, so survey of national targets cannot be planned",
     "国家目标调查尚无日期，因此无法安排"),
    (R(ReasonCode.INPUT_LATE, output="survey", due=Date(2020, 3, 1), days=9),
     "survey of national targets was due on Sunday 1 March 2020 and is 9 days overdue",
     "国家目标调查原定2020年3月1日（星期日）交付，已逾期9天"),
    (R(ReasonCode.AFTER_WINDOW_CLOSE, meeting=WINDOW, output="consult-report",
       latest=Date(2020, 2, 29), **TAIL),
     "consultation on resource mobilization (January or February 2020, to be confirmed) may close "
     f"as late as Saturday 29 February 2020, {TAIL_EN}",
     f"资源调动问题磋商（2020年1月或2月，待确认）最晚可能于2020年2月29日（星期六）闭幕，{TAIL_ZH}"),
    (R(ReasonCode.AFTER_WINDOW_LAG, meeting=WINDOW, output="consult-report", latest=SATURDAY, **TAIL),
     "consultation on resource mobilization (January or February 2020, to be confirmed): report "
     f"of the consultation may come as late as Saturday 14 March 2020, {TAIL_EN}",
     f"资源调动问题磋商（2020年1月或2月，待确认）：磋商报告最晚可能于2020年3月14日（星期六）送达，{TAIL_ZH}"),
    (R(ReasonCode.AFTER_MEETING_CLOSE, meeting=UNCONFIRMED, output="consult-report",
       latest=Date(2020, 2, 28), **TAIL),
     "second meeting of the Working Group (Kunming, China, 24–28 February 2020, to be confirmed) "
     f"closes {TAIL_EN}",
     f"工作组第二次会议（中国昆明，2020年2月24日至28日，待确认）的闭幕日期{TAIL_ZH}"),
    (R(ReasonCode.AFTER_MEETING_LAG, meeting=HELD, output="consult-report", latest=SATURDAY, **TAIL),
     "second meeting of the Working Group (Kunming, China, 24–28 February 2020): report of the "
     f"consultation expected Saturday 14 March 2020, {TAIL_EN}",
     f"工作组第二次会议（中国昆明，2020年2月24日至28日）：磋商报告预计于2020年3月14日（星期六）送达，{TAIL_ZH}"),
    (R(ReasonCode.AFTER_DUE, output="survey", latest=SATURDAY, **TAIL),
     f"survey of national targets is due on Saturday 14 March 2020, {TAIL_EN}",
     f"国家目标调查的截止日期为2020年3月14日（星期六），{TAIL_ZH}"),
    (R(ReasonCode.TENTATIVE_MEETING, output="consult-report", meeting=WINDOW, latest=SATURDAY),
     "consultation on resource mobilization (January or February 2020, to be confirmed): dates "
     "not confirmed; expected by Saturday 14 March 2020",
     "资源调动问题磋商（2020年1月或2月，待确认）：日期尚未确认；预计不晚于2020年3月14日（星期六）"),
    (R(ReasonCode.TENTATIVE, output="survey", latest=SATURDAY),
     "survey of national targets: dates not confirmed; expected by Saturday 14 March 2020",
     "国家目标调查：日期尚未确认；预计不晚于2020年3月14日（星期六）"),
    # the living plan (issue 9)
    (R(ReasonCode.RETIRED, amendment="wg2020-2-rec-1"), "retired by CBD/WG2020/REC/2/1",
     "已由CBD/WG2020/REC/2/1撤销"),
    (R(ReasonCode.FACT_SET_ASIDE, key="17", subject="wg-2", on=Date(9999, 12, 30),
       first=Date(2009, 1, 1), last=Date(2049, 12, 31)),
     "fact 17 about wg-2 is set aside: its date Thursday 30 December 9999 is outside the "
     "dates of this process, Thursday 1 January 2009 to Friday 31 December 2049; withdraw it and "
     "record it again with the right date",
     "关于wg-2的事实17未予采用：其日期9999年12月30日（星期四）超出本进程的日期范围"
     "（2009年1月1日（星期四）至2049年12月31日（星期五））；请撤回该事实，并以正确日期重新记录"),
    (R(ReasonCode.FACT_UNREADABLE, key="18", subject="survey", column="kind", value="爆炸"),
     "fact 18 about survey is set aside: its kind '爆炸' cannot be read; withdraw it and record "
     "it again",
     "关于survey的事实18未予采用：其类别“爆炸”无法读取；请撤回该事实，并重新记录"),
    (R(ReasonCode.SET_TOO_LATE, due=MONDAY, days=5, announced=Date(2020, 1, 18), late=12),
     "set too late: due Monday 13 January 2020, 5 days before it was announced on Saturday "
     "18 January 2020; 12 days late, counted from that day",
     "设定过晚：截止日期2020年1月13日（星期一）比其公布日期2020年1月18日（星期六）早5天；"
     "自公布之日起计已逾期12天"),
    (R(ReasonCode.SET_TOO_LATE, due=MONDAY, days=5, announced=Date(2020, 1, 18), late=0),
     "set too late: due Monday 13 January 2020, 5 days before it was announced on Saturday "
     "18 January 2020; late from that day",
     "设定过晚：截止日期2020年1月13日（星期一）比其公布日期2020年1月18日（星期六）早5天；"
     "自公布之日起逾期"),
    (R(ReasonCode.PRESUMED_HELD, output="consult-report", meeting=HELD, on=SATURDAY),
     "report of the consultation presumed available on Saturday 14 March 2020: second meeting of "
     "the Working Group (Kunming, China, 24–28 February 2020) is presumed held",
     "推定磋商报告已于2020年3月14日（星期六）可用：推定工作组第二次会议（中国昆明，2020年2月24日至28日）已举行"),
    (R(ReasonCode.MEETING_UNCONFIRMED, meeting=WINDOW),
     "consultation on resource mobilization (January or February 2020, to be confirmed) was never "
     "confirmed and its possible dates have passed: not presumed held",
     "资源调动问题磋商（2020年1月或2月，待确认）始终未经确认，其可能的日期已过：不推定已举行"),
    (R(ReasonCode.INPUT_UNCONFIRMED, output="consult-report", meeting=WINDOW),
     "consultation on resource mobilization (January or February 2020, to be confirmed) was never "
     "confirmed and its possible dates have passed, so report of the consultation is not presumed "
     "available",
     "资源调动问题磋商（2020年1月或2月，待确认）始终未经确认，其可能的日期已过，因此不推定磋商报告已可用"),
    (R(ReasonCode.NO_DATE_LATEST, latest=MONDAY),
     "no date yet; needed by Monday 13 January 2020 at the latest",
     "尚无日期；最迟须于2020年1月13日（星期一）完成"),
    (R(ReasonCode.LATE_FOR_LATEST, due=SATURDAY, days=20, latest=Date(2020, 2, 23), meeting="consult"),
     "due Saturday 14 March 2020, 20 days after Sunday 23 February 2020, the latest consultation "
     "on resource mobilization can open and still make the last meeting",
     "截止日期为2020年3月14日（星期六），比资源调动问题磋商为赶上最后一次会议所能开幕的最晚日期"
     "2020年2月23日（星期日）晚20天"),
    # a part of a meeting by its id; a meeting postponed to a window it is now expected in
    (R(ReasonCode.LATE_FOR_MEETING, due=SATURDAY, days=20, meeting="wg-2-part-2"),
     "due Saturday 14 March 2020, 20 days after second meeting of the Working Group, part 2 opens",
     "截止日期为2020年3月14日（星期六），比工作组第二次会议第二阶段会议的开幕日期晚20天"),
    (R(ReasonCode.TENTATIVE_MEETING, output="consult-report", meeting=LATER, latest=Date(2021, 3, 31)),
     "second meeting of the Working Group (postponed, Kunming, China, January 2021 to March 2021, "
     "to be confirmed): dates not confirmed; expected by Wednesday 31 March 2021",
     "工作组第二次会议（已推迟，中国昆明，2021年1月至2021年3月，待确认）：日期尚未确认；预计不晚于"
     "2021年3月31日（星期三）"),
]


@pytest.fixture(scope="module")
def reasons_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The small process the pinned sentences name (written here, loaded by the real loader),
    with one amendment known (RETIRED names it by its symbol)."""
    path = tmp_path_factory.mktemp("reasons") / "reasons.yaml"
    path.write_text(PROCESS, encoding="utf-8")
    return replace(load_plan(path), amendments=(REC_2_1,))


def test_every_code_has_a_template_in_both_languages_and_a_pinned_case() -> None:
    assert set(TEMPLATES) == set(ReasonCode)
    assert all(en and zh for en, zh in TEMPLATES.values())
    assert {reason.code for reason, _, _ in CASES} == set(ReasonCode)


@pytest.mark.parametrize(("reason", "english", "chinese_text"), CASES,
                         ids=[f"{r.code.value}-{i}" for i, (r, _, _) in enumerate(CASES)])
def test_reason_in_english_and_chinese(reasons_plan: Plan, reason: Reason, english: str,
                                       chinese_text: str) -> None:
    assert reason_text(reason, reasons_plan, "en") == english
    assert reason_text(reason, reasons_plan, "zh") == chinese_text
    assert reason_texts(reason, reasons_plan) == {"en": english, "zh": chinese_text}


@pytest.mark.parametrize(("reason", "chinese_text"), [(r, zh) for r, _, zh in CASES],
                         ids=[f"{r.code.value}-{i}" for i, (r, _, _) in enumerate(CASES)])
def test_chinese_has_no_english_and_full_width_punctuation(reasons_plan: Plan, reason: Reason,
                                                           chinese_text: str) -> None:
    assert chinese.english_words(chinese_text, reasons_plan, [WAIVER]) == []
    bare = re.sub(r"[a-z0-9\-]+", "", chinese_text.replace(WAIVER, ""))  # ids keep their hyphens
    assert not re.search(r"[,;:()]", bare), chinese_text


def test_a_reason_is_made_with_exactly_the_values_of_its_code() -> None:
    with pytest.raises(KeyError, match="overdue needs a value 'days'"):
        Reason.of(ReasonCode.OVERDUE, due=MONDAY)
    with pytest.raises(ValueError, match="overdue has no value 'output'"):
        Reason.of(ReasonCode.OVERDUE, due=MONDAY, days=1, output="survey")
    reason = Reason.of(ReasonCode.OVERDUE, days=1, due=MONDAY)
    assert reason.values == (MONDAY, 1)
    assert reason.as_dict() == {"due": MONDAY, "days": 1} and reason.get("days") == 1
    assert set(VALUES) == set(ReasonCode)


RECORDED_AT = pendulum.datetime(2019, 8, 1, tz="UTC")


def _facts() -> list[list[Fact]]:
    day = pendulum.Date.fromisoformat
    return [[], [
        Fact(FactKind.RESCHEDULED, "wg2020-2", day("2020-02-03"), RECORDED_AT,
             opens_on=day("2020-02-24"), closes_on=day("2020-02-29"), venue="Rome, FAO headquarters"),
        Fact(FactKind.POSTPONED, "sbstta-24", day("2020-03-10"), RECORDED_AT),
        Fact(FactKind.CANCELLED, "ws-synergies", day("2020-01-02"), RECORDED_AT),
        Fact(FactKind.WAIVED, "views-structure", day("2019-09-01"), RECORDED_AT, text=WAIVER),
        Fact(FactKind.DELIVERED, "consult-review-report", day("2020-03-20"), RECORDED_AT),
        Fact(FactKind.DELIVERED, "zero-draft-overview", day("2020-01-06"), RECORDED_AT),
    ]]


def test_every_reason_of_real_evaluations_reads_in_both_languages(bundled_plan: Plan) -> None:
    """The bundled process every 17 days over two years, with and without facts: every reason of
    every output and input renders in both languages, the Chinese without English."""
    seen: set[ReasonCode] = set()
    for facts in _facts():
        day = pendulum.Date(2019, 8, 1)
        while day < pendulum.Date(2021, 8, 1):
            evaluation = evaluate(bundled_plan, facts, day)
            reasons = [s.reason for s in evaluation.outputs.values()]
            reasons += [i.reason for s in evaluation.outputs.values() for i in s.inputs if i.reason]
            for reason in reasons:
                seen.add(reason.code)
                texts = reason_texts(reason, bundled_plan)
                assert texts["en"] and texts["zh"]
                leaked = chinese.english_words(texts["zh"], bundled_plan,
                                               [WAIVER, "Rome, FAO headquarters"])
                assert leaked == [], texts["zh"]
            day = day.add(days=17)
    assert seen >= {  # what the bundled process gives over these two years
        ReasonCode.DUE, ReasonCode.DUE_SOON, ReasonCode.OVERDUE, ReasonCode.BLOCKED,
        ReasonCode.INPUTS_AT_RISK, ReasonCode.LATE_FOR_OUTPUT, ReasonCode.NO_DATE_LATEST,
        ReasonCode.DELIVERED_LATE, ReasonCode.PRESUMED_DELIVERED, ReasonCode.WAIVED,
        ReasonCode.MEETING_CANCELLED, ReasonCode.INPUT_CANCELLED, ReasonCode.ARRIVED_AFTER_DEADLINE,
        ReasonCode.UNSCHEDULED_MEETING, ReasonCode.INPUT_LATE, ReasonCode.AFTER_WINDOW_LAG,
        ReasonCode.AFTER_MEETING_CLOSE, ReasonCode.TENTATIVE_MEETING,
        # since the living plan: presumptions say so, unconfirmed meetings are not presumed held
        ReasonCode.PRESUMED_HELD, ReasonCode.MEETING_UNCONFIRMED, ReasonCode.INPUT_UNCONFIRMED}


def test_the_core_imports_no_words() -> None:
    """The evaluation speaks in codes: nothing under mandates/core imports from outside it but
    the one base of the product's errors (the layers of DESIGN.md, as `lint-imports` checks)."""
    import ast

    import mandates.core

    outside = []
    for path in Path(mandates.core.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            outside += [f"{path.name}: {n}" for n in names
                        if n.startswith("mandates")
                        and not n.startswith(("mandates.core", "mandates.errors"))]
    assert outside == []
