"""The bundled process models CBD/WG2020/REC/1/1 completely: paragraphs 1-12 and Annex II."""

from __future__ import annotations

import re

import pendulum
import pytest

from mandates.core.plan import AtRule, BeforeRule, EveryRule, MeetingStatus, OnRule, Plan

D = pendulum.Date
CJK = re.compile(r"[\u4e00-\u9fff]")

# Annex II, table by table: (meeting id, opens, closes, type), as the document has them.
TABLE_1 = [
    ("cp-liaison-group", D(2019, 10, 22), D(2019, 10, 25), 2),
    ("wg8j-11", D(2019, 11, 20), D(2019, 11, 22), 1),
    ("sbstta-23", D(2019, 11, 25), D(2019, 11, 29), 1),
    ("wg2020-2", D(2020, 2, 24), D(2020, 2, 28), 1),
    ("ahteg-dsi-meeting", D(2020, 3, 17), D(2020, 3, 20), 2),
    ("np-compliance-committee-meeting", D(2020, 4, 21), D(2020, 4, 23), 2),
    ("sbstta-24", D(2020, 5, 18), D(2020, 5, 23), 1),
    ("sbi-3", D(2020, 5, 25), D(2020, 5, 30), 1),
    ("wg2020-3", D(2020, 7, 27), D(2020, 7, 31), 1),
]
TABLE_2_DATED = [
    ("consult-restoration", D(2019, 10, 30), D(2019, 11, 1), 4),
    ("consult-marine", D(2019, 11, 13), D(2019, 11, 15), 4),
    ("informal-briefing", D(2019, 11, 24), D(2019, 11, 24), 3),
    ("consult-review", D(2020, 2, 21), D(2020, 2, 22), 3),
    ("consult-capacity-building", D(2020, 3, 1), D(2020, 3, 1), 3),
]
TABLE_3_DATED = [
    ("unu-landscapes", D(2019, 9, 4), D(2019, 9, 6), 5),
    ("ws-subnational", D(2020, 4, 1), D(2020, 4, 3), 5),
    ("dsi-dialogue", D(2019, 11, 6), D(2019, 11, 8), 5),
]


def test_every_annex_ii_row_is_a_meeting(bundled_plan: Plan) -> None:
    by_table: dict[int | None, set[str]] = {}
    for meeting in bundled_plan.meetings.values():
        by_table.setdefault(meeting.table, set()).add(meeting.id)
    assert len(by_table[1]) == 9
    assert len(by_table[2]) == 8
    assert len(by_table[3]) == 5
    assert by_table[None] == {"wg2020-1", "cop-15"}


@pytest.mark.parametrize(("meeting_id", "opens", "closes", "annex_type"),
                         TABLE_1 + TABLE_2_DATED + TABLE_3_DATED)
def test_meeting_dates_and_types_are_the_documents(bundled_plan: Plan, meeting_id: str,
                                                   opens: pendulum.Date, closes: pendulum.Date,
                                                   annex_type: int) -> None:
    meeting = bundled_plan.meetings[meeting_id]
    assert (meeting.opens_on, meeting.closes_on, meeting.type) == (opens, closes, annex_type)


def test_first_meeting_and_cop15(bundled_plan: Plan) -> None:
    wg1 = bundled_plan.meetings["wg2020-1"]
    assert (wg1.opens_on, wg1.closes_on, wg1.timezone) == (D(2019, 8, 27), D(2019, 8, 30),
                                                           "Africa/Nairobi")
    assert wg1.venue is not None and "Nairobi" in wg1.venue.en and "内罗毕" in wg1.venue.zh
    assert bundled_plan.process.last_meeting == "cop-15"
    assert bundled_plan.meetings["cop-15"].timezone == "Asia/Shanghai"


def test_paragraphs_1_and_2_host_offers(bundled_plan: Plan) -> None:
    wg2 = bundled_plan.meetings["wg2020-2"]
    wg3 = bundled_plan.meetings["wg2020-3"]
    assert wg2.venue is not None and "Kunming" in wg2.venue.en and wg2.timezone == "Asia/Shanghai"
    assert wg3.venue is not None and "Cali" in wg3.venue.en and wg3.timezone == "America/Bogota"


def test_tentative_and_undetermined_meetings(bundled_plan: Plan) -> None:
    meetings = bundled_plan.meetings
    rm = meetings["consult-resource-mobilization"]  # 2020年1月或2月（待确认）
    assert rm.window is not None
    assert (rm.window.earliest, rm.window.latest) == (D(2020, 1, 1), D(2020, 2, 29))
    assert rm.planned_status is MeetingStatus.TENTATIVE
    review_ws = meetings["ws-review-mechanisms"]  # 2020年1月（待确认）
    assert review_ws.window is not None
    assert (review_ws.window.earliest, review_ws.window.latest) == (D(2020, 1, 1), D(2020, 1, 31))
    assert meetings["consult-review"].planned_status is MeetingStatus.TENTATIVE  # 待确认
    for tbd in ("ws-area-based", "ws-synergies", "consult-iucn"):
        assert meetings[tbd].planned_status is MeetingStatus.UNSCHEDULED, tbd
    assert meetings["wg2020-2"].planned_status is MeetingStatus.SCHEDULED


def test_required_ids_are_stable_and_lowercase(bundled_plan: Plan) -> None:
    for required in ("wg2020-1", "wg2020-2", "wg2020-3", "sbstta-23", "sbstta-24", "sbi-3",
                     "wg8j-11", "cop-15"):
        assert required in bundled_plan.meetings
    for item in [*bundled_plan.meetings, *bundled_plan.outputs, *bundled_plan.bodies]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item), item


def test_titles_in_english_and_chinese(bundled_plan: Plan) -> None:
    for item in [*bundled_plan.meetings.values(), *bundled_plan.outputs.values()]:
        assert item.title.en and not CJK.search(item.title.en), item.id
        assert CJK.search(item.title.zh), item.id


def test_paragraph_outputs(bundled_plan: Plan) -> None:
    outputs = bundled_plan.outputs
    views = outputs["views-structure"]
    assert views.mandate == "CBD/WG2020/REC/1/1 para 3" and views.due == OnRule(D(2019, 9, 15))
    documents = outputs["wg2020-2-documents"]
    assert documents.mandate == "CBD/WG2020/REC/1/1 para 4"
    assert documents.due == BeforeRule("wg2020-2", 42)
    assert set(documents.responsible) == {"wg2020-co-chairs", "executive-secretary"}
    overview = outputs["zero-draft-overview"]
    assert overview.due == BeforeRule("informal-briefing", 0) and "para 4" in overview.mandate
    workplan = outputs["detailed-workplan"]
    assert workplan.due == BeforeRule("informal-briefing", 0) and "para 6" in workplan.mandate
    mandates = {o.mandate for o in outputs.values()}
    for paragraph in ("para 7 (a)", "para 7 (b)", "para 7 (c)", "para 8", "para 11", "para 12"):
        assert any(paragraph in m or paragraph.replace(" (", "(") in m for m in mandates), paragraph
    for periodic in ("annex2-list-updates", "bureau-progress-reports"):
        rule = outputs[periodic].due
        assert isinstance(rule, EveryRule) and rule.until_meeting == "cop-15"


def test_paragraph_4_inputs_as_the_text_states_them(bundled_plan: Plan) -> None:
    inputs = set(bundled_plan.all_inputs("wg2020-2-documents"))
    # Annex I outcome, WG8J-11, SBSTTA-23, other meetings, consultations and workshops, submissions.
    assert "wg2020-1-outcome" in inputs and "views-structure" in inputs
    assert {"wg8j-11-recs-traditional-knowledge", "sbstta-23-conclusions"} <= inputs
    for consultation in ("consult-restoration-report", "consult-marine-report", "ws-area-based-report",
                         "ws-review-mechanisms-options", "consult-resource-mobilization-report",
                         "consult-review-report", "unu-landscapes-report",
                         "cp-liaison-group-biosafety-draft"):
        assert consultation in inputs, consultation


def test_every_annex_row_produces_an_output_at_its_meeting(bundled_plan: Plan) -> None:
    produced = {o.due.meeting for o in bundled_plan.outputs.values() if isinstance(o.due, AtRule)}
    annex = {m.id for m in bundled_plan.meetings.values() if m.table is not None}
    assert annex <= produced
    sbi3 = [o for o in bundled_plan.outputs.values()
            if isinstance(o.due, AtRule) and o.due.meeting == "sbi-3"]
    assert len(sbi3) == 8  # eight rows of table 1 under SBI-3
    assert {o.for_ for o in sbi3} <= {"wg2020-3", "cop-15"}


def test_the_modelled_rules_are_marked_assumed(bundled_plan: Plan) -> None:
    """Paragraphs 11 and 12 say "as necessary" (在必要时) and "regularly" (定期): the quarterly
    rules are the model's; so are paragraph 7(c)'s six weeks and paragraph 7(a)'s meeting."""
    from mandates.core.plan import Assumption, Title

    outputs = bundled_plan.outputs
    assert outputs["annex2-list-updates"].assumed == Assumption("quarterly",
                                                                Title("as necessary", "在必要时"))
    assert outputs["bureau-progress-reports"].assumed == Assumption("quarterly",
                                                                    Title("regularly", "定期"))
    assert outputs["mainstreaming-iag-report"].assumed is not None
    assert outputs["mainstreaming-iag-report"].assumed.rule == "deadline"
    assert outputs["sbstta-24-guidance-targets-indicators"].assumed is not None
    assert outputs["sbstta-24-guidance-targets-indicators"].assumed.rule == "date"
    for oid in ("annex2-list-updates", "bureau-progress-reports"):  # quoted from the paragraph
        assumed, description = outputs[oid].assumed, outputs[oid].description
        assert assumed is not None and assumed.says is not None and description is not None
        assert assumed.says.zh in description.zh and assumed.says.en in description.en
    assert sum(o.assumed is not None for o in outputs.values()) == 4
