"""A meeting's state machine (docs/architecture.md, "A meeting's transitions"): what each fact
does in each state, evaluated as of a frozen date, and each refused transition refused by
`core.record` with why (and skipped by the evaluation, kept in `MeetingState.ignored`).

The process is `living.STATES` (one meeting in each starting state); facts have fixed dates.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from living import RECORDED_AT, amendment, d, fact, moved, output, run, states_plan

from mandates.core.evaluate import InputFlag, OutputStatus
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import (
    AtRule,
    BeforeRule,
    MeetingStatus,
    Mode,
    Plan,
    Precision,
    Provenance,
    Title,
    Window,
)
from mandates.core.reasons import ReasonCode
from mandates.core.record import make_fact
from mandates.errors import FactError


@pytest.fixture()
def plan(tmp_path: Path) -> Plan:
    """The process of `living.STATES`."""
    return states_plan(tmp_path)


def record(plan: Plan, facts: list[Fact], kind: FactKind, subject: str, on: str,
           **fields: object) -> Fact:
    """Record a fact through `core.record` against the facts so far; appended when accepted."""
    new = make_fact(plan, kind, subject, d(on), recorded_at=RECORDED_AT, facts=facts,
                    key=f"k{len(facts) + 1}", **fields)  # type: ignore[arg-type]
    facts.append(new)
    return new


# ------------------------------------------------------------------------------------- scheduled


def test_scheduled_rescheduled_to_new_days(plan: Plan) -> None:
    evaluation = run(plan, [moved("wg-2", "2020-03-09", "2020-03-13", "2020-01-05")], "2020-01-06")
    state = evaluation.meetings["wg-2"]
    assert (state.phase, state.status) == (MeetingStatus.RESCHEDULED, MeetingStatus.SCHEDULED)
    assert (state.opens_on, state.closes_on, state.rescheduled) == (d("2020-03-09"), d("2020-03-13"),
                                                                     True)
    assert (state.dates_set_on, state.opens_set_on, state.closes_set_on) == (d("2020-01-05"),) * 3
    documents = evaluation.outputs["documents"]
    assert documents.due is not None and documents.due.on == d("2020-01-27")
    assert documents.due_set_on == d("2020-01-05")


def test_a_rescheduling_to_the_days_already_known_sets_nothing(plan: Plan) -> None:
    # moved to Rome on the same opening day, one day longer: the documents' deadline (before the
    # opening) was set by the plan, the report's (at the close) by the move
    rome = moved("wg-2", "2020-02-24", "2020-02-29", "2020-02-03", venue="Rome, Italy",
                 timezone="Europe/Rome")
    evaluation = run(plan, [rome], "2020-02-10")
    state = evaluation.meetings["wg-2"]
    assert (state.opens_set_on, state.closes_set_on) == (None, d("2020-02-03"))
    assert (state.venue, state.timezone) == (Title("Rome, Italy", "Rome, Italy", "en"), "Europe/Rome")
    assert evaluation.outputs["documents"].due_set_on is None
    assert evaluation.outputs["documents"].reason.code is ReasonCode.OVERDUE
    assert evaluation.outputs["wg2-report"].due_set_on == d("2020-02-03")


def test_scheduled_rescheduled_to_a_quarter_is_tentative_and_never_presumed_held(plan: Plan) -> None:
    quarter = moved("sbstta", "2020-07-01", "2020-09-30", "2020-03-10", precision=Precision.QUARTER)
    evaluation = run(plan, [quarter], "2020-10-05")
    state = evaluation.meetings["sbstta"]
    assert state.phase is MeetingStatus.TENTATIVE
    assert state.window == Window(d("2020-07-01"), d("2020-09-30"), Precision.QUARTER)
    assert (state.held, state.held_provenance) == (False, None)
    recs = evaluation.outputs["sbstta-recs"]
    assert (recs.status, recs.reason.code, recs.delivered_on) == (
        OutputStatus.AT_RISK, ReasonCode.MEETING_UNCONFIRMED, None)
    assert recs.days_late is None


def test_scheduled_relocated_keeps_its_days_and_changes_venue_zone_and_mode(plan: Plan) -> None:
    online = fact(FactKind.RELOCATED, "wg-2", "2020-02-10", venue="Online", timezone="UTC",
                  mode=Mode.ONLINE)
    state = run(plan, [online], "2020-02-11").meetings["wg-2"]
    assert (state.opens_on, state.closes_on, state.mode, state.timezone) == (
        d("2020-02-24"), d("2020-02-28"), Mode.ONLINE, "UTC")
    assert (state.phase, state.dates_set_on) == (MeetingStatus.SCHEDULED, None)


def test_a_relocation_that_changes_nothing_is_refused(plan: Plan) -> None:
    with pytest.raises(FactError, match="nothing to change: give a new --venue, --timezone or --mode"):
        make_fact(plan, FactKind.RELOCATED, "wg-2", d("2020-02-10"), recorded_at=RECORDED_AT)


def test_scheduled_postponed_loses_its_days_until_rescheduled(plan: Plan) -> None:
    facts = [fact(FactKind.POSTPONED, "sbstta", "2020-03-10")]
    evaluation = run(plan, facts, "2020-03-11")
    state = evaluation.meetings["sbstta"]
    assert (state.phase, state.span, state.postponed) == (MeetingStatus.POSTPONED, None, True)
    assert evaluation.outputs["sbstta-docs"].due is None
    # the postponement lifted by a later rescheduling
    facts.append(moved("sbstta", "2020-08-24", "2020-08-29", "2020-06-01"))
    state = run(plan, facts, "2020-06-02").meetings["sbstta"]
    assert (state.phase, state.postponed, state.opens_on) == (
        MeetingStatus.RESCHEDULED, False, d("2020-08-24"))


def test_postponed_to_a_window_it_is_now_expected_in(plan: Plan) -> None:
    later = fact(FactKind.POSTPONED, "sbstta", "2020-03-10", opens_on=d("2021-01-01"),
                 closes_on=d("2021-03-31"), precision=Precision.QUARTER)
    evaluation = run(plan, [later], "2020-03-11")
    state = evaluation.meetings["sbstta"]
    assert (state.phase, state.postponed) == (MeetingStatus.POSTPONED, True)
    assert state.span is not None and state.span.tentative
    docs = evaluation.outputs["sbstta-docs"]
    assert docs.due is not None and docs.due.on == d("2020-11-20")  # six weeks before 1 January


def test_scheduled_cancelled_is_final(plan: Plan) -> None:
    facts: list[Fact] = []
    record(plan, facts, FactKind.CANCELLED, "workshop", "2020-02-01")
    with pytest.raises(FactError, match=r"workshop was cancelled on 2020-02-01: a cancelled meeting "
                                        r"takes no further facts \(withdraw the cancellation first\)"):
        record(plan, facts, FactKind.RESCHEDULED, "workshop", "2020-02-05",
               opens_on=d("2020-04-01"), closes_on=d("2020-04-02"))
    with pytest.raises(FactError, match="workshop was cancelled on 2020-02-01"):
        record(plan, facts, FactKind.PART, "workshop", "2020-02-05", part=2,
               opens_on=d("2020-04-01"), closes_on=d("2020-04-02"))
    # one that reached the database anyway (an import) is skipped and kept for the history
    sneaked = moved("workshop", "2020-04-01", "2020-04-02", "2020-02-05")
    state = run(plan, [*facts, sneaked]).meetings["workshop"]
    assert (state.phase, state.ignored) == (MeetingStatus.CANCELLED, (sneaked,))
    assert run(plan, facts).outputs["workshop-report"].reason.code is ReasonCode.MEETING_CANCELLED
    # withdrawing the cancellation is allowed; the meeting is replayed without it
    record(plan, facts, FactKind.WITHDRAWN, "", "2020-02-10", voids="k1", text="recorded in error")
    assert run(plan, facts, "2020-02-09").meetings["workshop"].phase is MeetingStatus.CANCELLED
    assert run(plan, facts, "2020-02-10").meetings["workshop"].phase is MeetingStatus.TENTATIVE


# ------------------------------------------------------------------------------------- tentative


def test_tentative_days_passed_are_not_presumed_held(plan: Plan) -> None:
    evaluation = run(plan)
    workshop = evaluation.meetings["workshop"]
    assert (workshop.phase, workshop.held, workshop.held_provenance) == (
        MeetingStatus.TENTATIVE, False, None)
    report = evaluation.outputs["workshop-report"]
    assert (report.status, report.reason.code, report.presumed) == (
        OutputStatus.AT_RISK, ReasonCode.MEETING_UNCONFIRMED, False)
    flag = {i.id: (i.flag, i.reason.code if i.reason else None)
            for i in evaluation.outputs["sbstta-docs"].inputs}
    assert flag["workshop-report"] == (InputFlag.TENTATIVE, ReasonCode.INPUT_UNCONFIRMED)
    assert flag["consult-report"] == (InputFlag.TENTATIVE, ReasonCode.INPUT_UNCONFIRMED)


def test_confirmed_days_passed_are_presumed_held(plan: Plan) -> None:
    evaluation = run(plan)
    wg2 = evaluation.meetings["wg-2"]
    assert (wg2.phase, wg2.held_provenance) == (MeetingStatus.HELD, Provenance.PRESUMED)
    report = evaluation.outputs["wg2-report"]
    assert (report.status, report.provenance, report.reason.code) == (
        OutputStatus.DELIVERED, Provenance.PRESUMED, ReasonCode.PRESUMED_DELIVERED)
    [seen] = [i for i in evaluation.outputs["sbstta-docs"].inputs if i.id == "wg2-report"]
    assert seen.reason is not None and seen.reason.code is ReasonCode.PRESUMED_HELD


def test_tentative_held_recorded_confirms_its_days(plan: Plan) -> None:
    held = fact(FactKind.HELD, "workshop", "2020-03-04")
    evaluation = run(plan, [held])
    workshop = evaluation.meetings["workshop"]
    assert (workshop.phase, workshop.held_provenance, workshop.confirmed) == (
        MeetingStatus.HELD, Provenance.RECORDED, True)
    assert (workshop.opens_on, workshop.closes_on) == (d("2020-03-02"), d("2020-03-04"))
    report = evaluation.outputs["workshop-report"]
    assert (report.status, report.delivered_on) == (OutputStatus.DELIVERED, d("2020-03-04"))


def test_a_window_held_on_a_day_takes_that_day(plan: Plan) -> None:
    state = run(plan, [fact(FactKind.HELD, "consult", "2020-02-12")]).meetings["consult"]
    assert (state.opens_on, state.closes_on, state.window) == (d("2020-02-12"), d("2020-02-12"), None)


# ------------------------------------------------------------------------------------- held


def test_held_refuses_new_dates_but_takes_a_resumed_session(plan: Plan) -> None:
    facts: list[Fact] = []
    record(plan, facts, FactKind.HELD, "wg-2", "2020-02-28")
    for kind, fields in ((FactKind.RESCHEDULED, {"opens_on": d("2020-05-01"),
                                                  "closes_on": d("2020-05-02")}),
                         (FactKind.POSTPONED, {}), (FactKind.CANCELLED, {}), (FactKind.HELD, {}),
                         (FactKind.PART, {"part": 1, "opens_on": d("2020-05-01"),
                                          "closes_on": d("2020-05-02")})):
        with pytest.raises(FactError, match="wg-2 was recorded held on 2020-02-28: its dates can "
                                            "no longer change"):
            record(plan, facts, kind, "wg-2", "2020-03-05", **fields)
    record(plan, facts, FactKind.PART, "wg-2", "2020-03-05", part=2, opens_on=d("2020-06-01"),
           closes_on=d("2020-06-03"), venue="Geneva, Switzerland", timezone="Europe/Zurich")
    state = run(plan, facts).meetings["wg-2"]
    assert (state.phase, state.held, [p.held for p in state.parts]) == (
        MeetingStatus.IN_PARTS, False, [True, False])
    assert [p.held_provenance for p in state.parts] == [Provenance.RECORDED, None]
    # what the meeting adopts waits for the resumed session to close
    assert run(plan, facts).outputs["wg2-report"].due.on == d("2020-06-03")  # type: ignore[union-attr]


def test_held_before_its_confirmed_opening_is_refused(plan: Plan) -> None:
    with pytest.raises(FactError, match="wg-2 cannot be held on 2020-02-20, before it opens on "
                                        "2020-02-24: reschedule it first"):
        make_fact(plan, FactKind.HELD, "wg-2", d("2020-02-20"), recorded_at=RECORDED_AT)


# ------------------------------------------------------------------------------ split, in parts


def split_cop(plan: Plan) -> list[Fact]:
    """COP split: part 1 online 12-15 October 2020 (its own days), part 2 in Montreal in 2021."""
    facts: list[Fact] = []
    record(plan, facts, FactKind.SPLIT, "cop", "2020-08-01", part=1, opens_on=d("2020-10-12"),
           closes_on=d("2020-10-15"), mode=Mode.ONLINE)
    record(plan, facts, FactKind.SPLIT, "cop", "2020-08-01", part=2, opens_on=d("2021-05-17"),
           closes_on=d("2021-05-28"), venue="Montreal, Canada", timezone="America/Toronto")
    return facts


def test_split_parts_have_their_own_days_venue_zone_and_mode(plan: Plan) -> None:
    state = run(plan, split_cop(plan), "2020-09-01").meetings["cop"]
    assert (state.phase, state.split) == (MeetingStatus.SPLIT, True)
    one, two = state.parts
    assert (one.id, one.opens_on, one.closes_on, one.mode, one.timezone) == (
        "cop-part-1", d("2020-10-12"), d("2020-10-15"), Mode.ONLINE, "America/Toronto")
    assert (two.id, two.opens_on, two.closes_on, two.mode, two.timezone) == (
        "cop-part-2", d("2021-05-17"), d("2021-05-28"), Mode.IN_PERSON, "America/Toronto")
    assert two.venue == Title("Montreal, Canada", "Montreal, Canada", "en")
    # the meeting runs from its first part's opening to its last part's close
    assert state.span is not None
    assert (state.span.opens_earliest, state.span.closes_latest) == (d("2020-10-12"), d("2021-05-28"))


def test_part_two_alone_keeps_the_meeting_days_for_part_one(plan: Plan) -> None:
    resumed = fact(FactKind.PART, "sbstta", "2020-04-01", part=2, opens_on=d("2020-10-01"),
                   closes_on=d("2020-10-03"))
    state = run(plan, [resumed], "2020-04-02").meetings["sbstta"]
    assert state.phase is MeetingStatus.IN_PARTS
    assert [(p.number, p.opens_on, p.closes_on) for p in state.parts] == [
        (1, d("2020-05-18"), d("2020-05-23")), (2, d("2020-10-01"), d("2020-10-03"))]


def test_a_part_without_dates_is_undated_and_holds_back_what_the_meeting_adopts(plan: Plan) -> None:
    resumed = fact(FactKind.PART, "sbstta", "2020-04-01", part=2)
    evaluation = run(plan, [resumed], "2020-06-01")
    one, two = evaluation.meetings["sbstta"].parts
    assert (one.held_provenance, two.span, two.held) == (Provenance.PRESUMED, None, False)
    recs = evaluation.outputs["sbstta-recs"]
    assert (recs.due, recs.status) == (None, OutputStatus.AT_RISK)
    assert recs.reason.code is ReasonCode.NO_DATE_LATEST  # COP documents still bound it


def test_in_parts_refusals_say_why(plan: Plan) -> None:
    facts = split_cop(plan)
    cases: list[tuple[FactKind, dict[str, object], str]] = [
        (FactKind.RESCHEDULED, {"opens_on": d("2021-06-01"), "closes_on": d("2021-06-05")},
         r"cop is held in parts \(1, 2\): say which with --part N"),
        (FactKind.RESCHEDULED, {"part": 3, "opens_on": d("2021-06-01"), "closes_on": d("2021-06-05")},
         r"cop has no part 3 \(yet\): record it first with split or part"),
        (FactKind.PART, {"part": 4}, "part 4 of cop comes before part 3 is known"),
        (FactKind.PART, {"part": 2}, r"nothing to change: give a new --venue, --timezone or --mode "
                                     r"\(or new dates\)"),
        (FactKind.CANCELLED, {"part": 2}, "a part is not cancelled: withdraw the fact that added it"),
        (FactKind.SPLIT, {}, "a split or a part needs --part N"),
    ]
    for kind, fields, why in cases:
        with pytest.raises(FactError, match=why):
            record(plan, facts, kind, "cop", "2020-09-01", **fields)
    record(plan, facts, FactKind.HELD, "cop", "2020-10-15", part=1)
    with pytest.raises(FactError, match="part 1 of cop was recorded held on 2020-10-15"):
        record(plan, facts, FactKind.HELD, "cop", "2020-10-16", part=1)


def test_a_part_moved_by_name(plan: Plan) -> None:
    facts = split_cop(plan)
    record(plan, facts, FactKind.RESCHEDULED, "cop", "2021-01-10", part=2, opens_on=d("2021-10-11"),
           closes_on=d("2021-10-22"))
    record(plan, facts, FactKind.POSTPONED, "cop-part-2", "2021-03-01")  # a part by its id
    evaluation = run(plan, facts, "2021-03-02")
    state = evaluation.meetings["cop"]
    assert state.parts[1].postponed and state.postponed
    assert state.phase is MeetingStatus.SPLIT
    assert evaluation.outputs["framework"].due is None  # adopted when part 2 closes: undated


def test_postponing_a_meeting_in_parts_postpones_the_parts_not_held(plan: Plan) -> None:
    facts = split_cop(plan)
    record(plan, facts, FactKind.POSTPONED, "cop", "2020-12-01")
    state = run(plan, facts, "2020-12-02").meetings["cop"]
    assert [(p.held, p.postponed) for p in state.parts] == [(True, False), (False, True)]


# ------------------------------------------------------------------------------ withdrawals


def test_a_withdrawn_rescheduling_stops_counting_from_the_withdrawal(plan: Plan) -> None:
    facts: list[Fact] = []
    record(plan, facts, FactKind.RESCHEDULED, "sbstta", "2020-03-01", opens_on=d("2020-09-07"),
           closes_on=d("2020-09-12"))
    record(plan, facts, FactKind.WITHDRAWN, "", "2020-03-05", voids="k1", text="wrong meeting")
    assert facts[1].subject == "sbstta"  # taken from the fact it withdraws
    assert run(plan, facts, "2020-03-04").meetings["sbstta"].opens_on == d("2020-09-07")
    after = run(plan, facts, "2020-03-05")
    assert after.meetings["sbstta"].opens_on == d("2020-05-18")
    assert [f.kind for f in after.facts] == [FactKind.RESCHEDULED, FactKind.WITHDRAWN]  # both shown


def test_a_relocation_recorded_by_0_2_0_with_new_days_is_a_rescheduling(plan: Plan) -> None:
    # 0.2.0 recorded a rescheduling whose days equalled the *plan's* as a relocation
    first = moved("wg-2", "2020-02-24", "2020-02-29", "2020-02-01")
    old = fact(FactKind.RELOCATED, "wg-2", "2020-02-03", opens_on=d("2020-02-24"),
               closes_on=d("2020-02-28"), venue="Rome, FAO headquarters", timezone="Europe/Rome")
    state = run(plan, [first, old], "2020-02-04").meetings["wg-2"]
    assert (state.opens_on, state.closes_on, state.timezone) == (
        d("2020-02-24"), d("2020-02-28"), "Europe/Rome")


def test_rules_bind_to_parts(plan: Plan) -> None:
    """`X-part-N` binds to that part; `before X` (and `for` X) to the first part's opening; `at X`
    to the last part's close; a part not known yet is undated."""
    adds = amendment("parts", "2020-07-01", outputs=(
        output("part-2-papers", BeforeRule("cop-part-2", 28), for_="cop-part-2"),
        output("part-1-decisions", AtRule("cop-part-1")),
        output("part-3-papers", BeforeRule("cop-part-3", 28))))
    facts = split_cop(plan)
    evaluation = run(replace(plan, amendments=(adds,)), facts, "2020-09-01")
    due = {oid: s.due.on if s.due else None for oid, s in evaluation.outputs.items()}
    assert due["cop-docs"] == d("2020-08-31")  # six weeks before part 1 opens (12 October)
    assert due["framework"] == d("2021-05-28")  # when part 2 closes
    assert due["part-2-papers"] == d("2021-04-19")  # four weeks before part 2 opens
    assert due["part-1-decisions"] == d("2020-10-15")
    assert due["part-3-papers"] is None
    assert evaluation.outputs["part-2-papers"].latest_finish == d("2021-05-17")
    assert evaluation.outputs["cop-docs"].latest_finish == d("2020-10-12")


def test_held_without_a_part_marks_the_parts_begun_by_then(plan: Plan) -> None:
    facts = split_cop(plan)
    record(plan, facts, FactKind.HELD, "cop", "2020-10-15")
    state = run(plan, facts, "2020-10-16").meetings["cop"]
    assert [p.held_provenance for p in state.parts] == [Provenance.RECORDED, None]
    assert state.phase is MeetingStatus.SPLIT
    with pytest.raises(FactError, match=r"cop is held in parts \(1, 2\): say which with --part N"):
        record(plan, facts, FactKind.HELD, "cop", "2020-11-01")
    record(plan, facts, FactKind.HELD, "cop", "2021-05-28")
    assert run(plan, facts, "2021-05-29").meetings["cop"].phase is MeetingStatus.HELD
