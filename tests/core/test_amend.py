"""The plan as of a date (`core.amend`): amendments applied in order, retired items kept, the
checks the config loader runs, amendments recorded by command, and a past day that replays
exactly whatever was recorded or amended later. Frozen dates, the `living.STATES` process."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from living import AS_OF, RECORDED_AT, amendment, d, fact, moved, output, run, states_plan

from mandates.core.amend import check_amendments, plan_as_of
from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.facts import FactKind
from mandates.core.plan import (
    AtRule,
    BeforeRule,
    Body,
    MeetingChange,
    MeetingStatus,
    OnRule,
    OutputChange,
    Plan,
    Source,
    Title,
)
from mandates.core.reasons import ReasonCode
from mandates.core.record import make_fact
from mandates.errors import ConfigIssue


@pytest.fixture()
def plan(tmp_path: Path) -> Plan:
    """The process of `living.STATES`, no amendments."""
    return states_plan(tmp_path)


@pytest.fixture()
def amended(plan: Plan) -> Plan:
    """The process with two amendments from files: WG-3 added on 29 February 2020 (with what
    it is given and produces), and on 1 June 2020 the area workshop retired, the COP documents
    due eight weeks before, and the last meeting moved to part 2 of the COP."""
    wg3 = replace(plan.meetings["sbstta"], id="wg-3", title=Title("WG-3", "工作组第三次会议"),
                  opens_on=d("2020-07-27"), closes_on=d("2020-07-31"),
                  source=Source("states.amendments/001-wg-2-rec.yaml", 12))
    first = amendment("wg-2-rec", "2020-02-29", meetings=(wg3,), outputs=(
        output("wg3-documents", BeforeRule("wg-3", 42), for_="wg-3", line=20),
        output("wg3-outcome", AtRule("wg-3"), for_="cop-docs", line=24)),
        output_changes=(OutputChange("cop-docs", add_inputs=("wg3-outcome",)),))
    second = amendment("bureau", "2020-06-01", retires=("area", "area-report"),
                       output_changes=(OutputChange("cop-docs", due=BeforeRule("cop", 56)),),
                       meeting_changes=(MeetingChange("cop", short=Title("COP-15", "第十五届会议")),),
                       last_meeting="cop-part-2")
    return replace(plan, amendments=(second, first))


def comparable(evaluation: Evaluation) -> tuple[object, ...]:
    """Everything an evaluation says (the plan as of its date included), but the list of the
    files' amendments, which the founding plan keeps whole."""
    p = evaluation.plan
    return (p.process, p.bodies, p.meetings, p.outputs, p.retired, p.in_effect, evaluation.as_of,
            evaluation.meetings, evaluation.outputs, evaluation.late_inputs,
            evaluation.critical_chain, evaluation.facts)


def test_nothing_in_effect_is_the_plan_itself(amended: Plan) -> None:
    assert plan_as_of(amended, amended.amendments, d("2020-02-28")) is amended
    assert run(amended, (), "2020-02-28").plan is amended


def test_amendments_apply_in_order_of_date_then_id(amended: Plan) -> None:
    now = plan_as_of(amended, amended.amendments, d("2020-06-01"))
    assert now.in_effect == ("wg-2-rec", "bureau")
    assert now.meetings["wg-3"].added_by == "wg-2-rec"
    assert now.outputs["wg3-outcome"].added_by == "wg-2-rec"
    assert now.outputs["cop-docs"].inputs == ("wg3-outcome",)
    assert now.outputs["cop-docs"].due == BeforeRule("cop", 56)
    assert now.meetings["cop"].short == Title("COP-15", "第十五届会议")
    assert now.process.last_meeting == "cop-part-2"
    assert now.retired == {"area": "bureau", "area-report": "bureau"}
    assert "area" in now.meetings and "area-report" in now.outputs  # retired items stay
    same_day = [amendment("b", "2020-03-01", output_changes=(OutputChange("cop-docs",
                                                                          due=OnRule(d("2020-09-01"))),)),
                amendment("a", "2020-03-01", output_changes=(OutputChange("cop-docs",
                                                                          due=OnRule(d("2020-08-01"))),))]
    assert plan_as_of(amended, same_day, d("2020-03-01")).outputs["cop-docs"].due == OnRule(
        d("2020-09-01"))  # "b" after "a"


def test_the_evaluation_reads_the_plan_as_of_its_date(amended: Plan) -> None:
    before = run(amended, (), "2020-02-28")
    assert "wg-3" not in before.meetings and "wg3-outcome" not in before.outputs
    after = run(amended, (), "2020-06-02")
    assert after.plan.in_effect == ("wg-2-rec", "bureau")
    assert after.meetings["wg-3"].dates_set_on == d("2020-02-29")  # set by the amendment
    retired = after.outputs["area-report"]
    assert (retired.status, retired.reason.code, retired.reason.get("amendment")) == (
        OutputStatus.CANCELLED, ReasonCode.RETIRED, "bureau")
    area = after.meetings["area"]
    assert (area.retired, area.phase) == (True, MeetingStatus.CANCELLED)
    assert after.outputs["cop-docs"].due_set_on == d("2020-06-01")


def test_a_deadline_added_after_it_passed_is_set_too_late(amended: Plan) -> None:
    """WG-3 documents, due six weeks before 27 July, added on 29 February: fine. The same
    documents added on 20 June were due on 15 June: set too late, late from the day announced."""
    late = replace(amended, amendments=tuple(
        replace(a, effective_on=d("2020-06-20")) if a.id == "wg-2-rec" else a
        for a in amended.amendments))
    documents = run(late, (), "2020-06-25").outputs["wg3-documents"]
    assert documents.due is not None and documents.due.on == d("2020-06-15")
    assert (documents.status, documents.reason.code, documents.days_late) == (
        OutputStatus.OVERDUE, ReasonCode.SET_TOO_LATE, 5)
    assert documents.reason.as_dict() == {"due": d("2020-06-15"), "days": 5,
                                          "announced": d("2020-06-20"), "late": 5}
    on_time = run(amended, (), "2020-06-25").outputs["wg3-documents"]
    assert (on_time.reason.code, on_time.days_late) == (ReasonCode.OVERDUE, 10)


def test_the_last_meeting_named_by_part_bounds_the_chain(amended: Plan) -> None:
    split = [fact(FactKind.SPLIT, "cop", "2020-08-01", part=2, opens_on=d("2021-05-17"),
                  closes_on=d("2021-05-28"))]
    evaluation = run(amended, split, "2020-08-02")
    # the COP documents are for the COP: its first part's opening (15 October)
    assert evaluation.outputs["cop-docs"].latest_finish == d("2020-10-15")
    assert evaluation.critical_chain[-1] == "cop-docs"


def test_an_amendment_recorded_by_command(plan: Plan) -> None:
    draft = amendment("first-draft", "2020-07-01", outputs=(
        output("first-draft", OnRule(d("2020-07-12")), for_="cop-docs"),))
    recorded = make_fact(plan, FactKind.AMENDED, "", d("2020-07-01"), recorded_at=RECORDED_AT,
                         amendment=draft, key="a1")
    assert "first-draft" not in run(plan, [recorded], "2020-06-30").plan.outputs
    now = run(plan, [recorded], "2020-07-02")
    assert now.plan.in_effect == ("first-draft",)
    assert now.plan.outputs["first-draft"].added_by == "first-draft"
    assert now.outputs["first-draft"].due_set_on == d("2020-07-01")
    withdrawn = make_fact(plan, FactKind.WITHDRAWN, "", d("2020-07-05"), recorded_at=RECORDED_AT,
                          voids="a1", text="announced in error", facts=[recorded])
    assert "first-draft" not in run(plan, [recorded, withdrawn], "2020-07-06").plan.outputs


def test_a_past_day_replays_exactly_whatever_came_later(amended: Plan) -> None:
    """As of 1 April 2020, before and after later facts, a later recorded amendment and a
    withdrawal of a later fact are known."""
    known = [moved("wg-2", "2020-02-24", "2020-02-29", "2020-02-03", venue="Rome, Italy",
                   timezone="Europe/Rome"), fact(FactKind.POSTPONED, "sbstta", "2020-03-10")]
    later_rec = amendment("wg-3-rec", "2020-09-01", retires=("framework",))
    later = [moved("sbstta", "2021-05-03", "2021-06-09", "2021-03-01"),
             fact(FactKind.AMENDED, "framework", "2020-09-01", amendment=later_rec),
             fact(FactKind.WITHDRAWN, "wg-2", "2020-05-01", voids=known[0].key, text="x"),
             fact(FactKind.DELIVERED, "documents", "2020-04-15")]
    day = AS_OF
    assert comparable(run(amended, known, day)) == comparable(run(amended, [*known, *later], day))
    assert comparable(run(plan_without(amended), known, day)) != comparable(
        run(amended, known, day))  # the amendment in effect by then does count


def plan_without(plan: Plan) -> Plan:
    return replace(plan, amendments=())


# ------------------------------------------------------------------------------------ checks


def test_check_amendments_reports_every_problem_at_file_and_line(amended: Plan, plan: Plan) -> None:
    assert check_amendments(plan, amended.amendments) == []
    twice = amendment("wg-2-rec", "2020-03-05")
    existing = replace(plan.meetings["sbstta"], source=Source("states.amendments/003.yaml", 7))
    broken = amendment("broken", "2020-07-01", bodies=(Body("wg", Title("x", "x"), "x"),),
                       meetings=(existing,), outputs=(
                           output("loose", AtRule("nowhere"), for_="no-such", inputs=("ghost",),
                                  line=31),),
                       output_changes=(OutputChange("area-report", title=Title("x", "x")),
                                       OutputChange("missing")),
                       meeting_changes=(MeetingChange("cop", body="nobody"),),
                       last_meeting="cop-15", retires=("area", "nothing"))
    cyclic = amendment("cycle", "2020-08-01", output_changes=(
        OutputChange("documents", add_inputs=("cop-docs",)),
        OutputChange("sbstta-docs", add_inputs=("documents",)),
        OutputChange("cop-docs", add_inputs=("sbstta-docs",))))
    issues = check_amendments(plan, [*amended.amendments, twice, broken, cyclic])
    here = "states.amendments/001-broken.yaml"
    assert issues == [
        ConfigIssue("states.amendments/001-wg-2-rec.yaml", 2, "amendment.id",
                    "amendment 'wg-2-rec' is also defined at states.amendments/001-wg-2-rec.yaml:2"),
        ConfigIssue(here, 2, "add.bodies.id", "'wg' is already in the plan as of 2020-07-01"),
        ConfigIssue("states.amendments/003.yaml", 7, "add.meetings.id",
                    "'sbstta' is already in the plan as of 2020-07-01"),
        ConfigIssue("states.amendments/001.yaml", 31, "add.outputs.for",
                    "unknown meeting or output 'no-such' as of 2020-07-01"),
        ConfigIssue("states.amendments/001.yaml", 31, "add.outputs.inputs",
                    "unknown output 'ghost' as of 2020-07-01"),
        ConfigIssue("states.amendments/001.yaml", 31, "add.outputs.due",
                    "unknown meeting 'nowhere' as of 2020-07-01"),
        ConfigIssue(here, 2, "change.outputs.id", "cannot change 'area-report': retired by 'bureau'"),
        ConfigIssue(here, 2, "change.outputs.id", "unknown output 'missing' as of 2020-07-01"),
        ConfigIssue(here, 2, "change.meetings.body", "unknown body 'nobody' as of 2020-07-01"),
        ConfigIssue(here, 2, "change.last_meeting", "unknown meeting 'cop-15' as of 2020-07-01"),
        ConfigIssue(here, 2, "retire", "cannot retire 'area': retired by 'bureau'"),
        ConfigIssue(here, 2, "retire", "unknown meeting or output 'nothing' as of 2020-07-01"),
        ConfigIssue("states.amendments/001-cycle.yaml", 2, "inputs",
                    "dependency cycle: documents -> cop-docs -> sbstta-docs -> documents"),
    ]


def test_what_hangs_on_a_retired_meeting_is_retired_with_it(amended: Plan) -> None:
    retire_wg2 = amendment("drop-wg-2", "2020-01-02", retires=("wg-2",))
    evaluation = run(replace(amended, amendments=(retire_wg2,)), (), "2020-01-03")
    for oid in ("documents", "wg2-report"):
        state = evaluation.outputs[oid]
        assert (state.status, state.reason.code, state.provenance) == (
            OutputStatus.CANCELLED, ReasonCode.RETIRED, None)
