"""The failing cases of issue 9 ("the living plan") that the core owns, on the bundled process
(CBD/WG2020/REC/1/1) with the facts of the public record, each as of a frozen date:

- a rescheduling to the founding plan's days after an earlier rescheduling is applied (the
  relocation bug), and a rescheduling after a postponement lifts it;
- meetings whose dates were never confirmed are not presumed held, nor their outputs delivered;
- the quarterly reports the model assumes (paragraphs 11 and 12) say they are assumed;
- once SBSTTA-24 and WG2020-3 have no dates, COP-15 still bounds the chain and the slack;
- SBI-3's input due six weeks before a meeting announced five weeks ahead is set too late;
- what COP-15 adopts waits for the part that adopts it.
"""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest
from living import amendment, output
from pendulum import Date

from mandates.core.evaluate import Evaluation, InputFlag, OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import (
    Assumption,
    AtRule,
    MeetingStatus,
    Mode,
    Plan,
    Precision,
    Provenance,
    Title,
)
from mandates.core.reasons import ReasonCode
from mandates.core.record import make_fact

RECORDED_AT = pendulum.datetime(2022, 12, 31, tz="UTC")
D = Date.fromisoformat


def happened(kind: FactKind, subject: str, on: str, **fields: object) -> Fact:
    """A fact of the public record, recorded after the fact (the recording time never counts)."""
    return Fact(kind, subject, D(on), RECORDED_AT, key=f"{on}-{subject}-{kind.value}",
                **fields)  # type: ignore[arg-type]


def rescheduled(meeting: str, opens: str, closes: str, announced: str, **fields: object) -> Fact:
    return happened(FactKind.RESCHEDULED, meeting, announced, opens_on=D(opens), closes_on=D(closes),
                    **fields)


def at(plan: Plan, facts: list[Fact], day: str) -> Evaluation:
    return evaluate(plan, facts, D(day))


ROME = {"venue": "Rome, Italy (FAO headquarters)", "venue_zh": "意大利罗马（粮农组织总部）",
        "timezone": "Europe/Rome"}


def test_the_relocation_bug_new_days_equal_to_the_plan_after_an_earlier_move(bundled_plan: Plan) -> None:
    first = rescheduled("wg2020-2", "2020-02-24", "2020-02-29", "2020-02-01", **ROME)
    back = make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", D("2020-02-03"),
                     recorded_at=RECORDED_AT, opens_on=D("2020-02-24"), closes_on=D("2020-02-28"),
                     venue="Rome, FAO headquarters", timezone="Europe/Rome", facts=[first])
    assert back.kind is FactKind.RESCHEDULED  # the plan's own days, but not the current ones
    state = at(bundled_plan, [first, back], "2020-02-10").meetings["wg2020-2"]
    assert (state.opens_on, state.closes_on, state.timezone) == (
        D("2020-02-24"), D("2020-02-28"), "Europe/Rome")
    # a database written by 0.2.0 holds that fact as a relocation with days: read as a rescheduling
    old = replace(back, kind=FactKind.RELOCATED)
    assert at(bundled_plan, [first, old], "2020-02-10").meetings["wg2020-2"] == replace(
        state, facts=(first, old))


def test_a_rescheduling_after_postponements_lifts_them(bundled_plan: Plan) -> None:
    facts = [happened(FactKind.POSTPONED, "sbstta-24", "2020-03-10"),
             rescheduled("sbstta-24", "2020-08-17", "2020-08-22", "2020-05-15",
                         venue="Montreal, Canada", timezone="America/Toronto"),
             happened(FactKind.POSTPONED, "sbstta-24", "2020-07-10"),
             happened(FactKind.RESCHEDULED, "sbstta-24", "2020-10-15", opens_on=D("2021-01-01"),
                      closes_on=D("2021-03-31"), precision=Precision.QUARTER, tentative=True),
             rescheduled("sbstta-24", "2021-05-03", "2021-06-09", "2021-04-01", mode=Mode.ONLINE,
                         venue="Online", timezone="America/Toronto")]
    phases = {day: at(bundled_plan, facts, day).meetings["sbstta-24"].phase
              for day in ("2020-03-09", "2020-03-10", "2020-05-15", "2020-07-10", "2020-10-15",
                          "2021-04-01", "2021-06-10")}
    assert phases == {"2020-03-09": MeetingStatus.SCHEDULED, "2020-03-10": MeetingStatus.POSTPONED,
                      "2020-05-15": MeetingStatus.RESCHEDULED, "2020-07-10": MeetingStatus.POSTPONED,
                      "2020-10-15": MeetingStatus.TENTATIVE, "2021-04-01": MeetingStatus.RESCHEDULED,
                      "2021-06-10": MeetingStatus.HELD}
    online = at(bundled_plan, facts, "2021-04-01").meetings["sbstta-24"]
    assert (online.mode, online.opens_on, online.dates_set_on) == (
        Mode.ONLINE, D("2021-05-03"), D("2021-04-01"))


def test_unconfirmed_meetings_are_not_presumed_held_nor_their_outputs_delivered(
        bundled_plan: Plan) -> None:
    """The review workshop ("January 2020, to be confirmed") and the review consultation
    (Kunming, 21-22 February 2020, to be confirmed) were never confirmed where the plan put them:
    as of 15 March 2020 nothing says the options "arrived on 14 February 2020"."""
    evaluation = at(bundled_plan, [], "2020-03-15")
    for meeting in ("ws-review-mechanisms", "consult-review"):
        state = evaluation.meetings[meeting]
        assert (state.held, state.held_provenance, state.phase) == (False, None, MeetingStatus.TENTATIVE)
    for oid in ("ws-review-mechanisms-options", "consult-review-report"):
        state = evaluation.outputs[oid]
        assert (state.status, state.reason.code, state.delivered_on, state.presumed) == (
            OutputStatus.AT_RISK, ReasonCode.MEETING_UNCONFIRMED, None, False)
    # a confirmed meeting whose days have passed is presumed held, and says so
    wg2 = evaluation.meetings["wg2020-2"]
    assert (wg2.held, wg2.held_provenance) == (True, Provenance.PRESUMED)
    options = {i.id: i for i in evaluation.outputs["wg2020-2-documents"].inputs}
    assert options["wg2020-1-outcome"].reason is not None
    assert options["wg2020-1-outcome"].reason.code is ReasonCode.PRESUMED_HELD
    # recorded held, the same meeting's outcome is delivered on the record
    held = happened(FactKind.HELD, "consult-review", "2020-02-22")
    report = at(bundled_plan, [held], "2020-03-15").outputs["consult-review-report"]
    assert (report.status, report.delivered_on) == (OutputStatus.DELIVERED, D("2020-02-22"))


@pytest.fixture()
def assumed_plan(bundled_plan: Plan) -> Plan:
    """The bundled process with the model's assumption written on paragraphs 11 and 12 (the
    founding file carries `assumed:` once the history is shipped)."""
    says = {"annex2-list-updates": Title("as necessary", "在必要时"),
            "bureau-progress-reports": Title("regularly", "定期")}
    outputs = {oid: (replace(o, assumed=Assumption("quarterly", says[oid])) if oid in says else o)
               for oid, o in bundled_plan.outputs.items()}
    return replace(bundled_plan, outputs=outputs)


def test_assumed_quarterly_reports_say_they_are_assumed(assumed_plan: Plan) -> None:
    evaluation = at(assumed_plan, [], "2020-03-15")
    for oid, says in (("annex2-list-updates", "as necessary"), ("bureau-progress-reports", "regularly")):
        state = evaluation.outputs[oid]
        assert (state.status, state.provenance) == (OutputStatus.OVERDUE, Provenance.ASSUMED)
        assert state.assumption is not None and state.assumption.says is not None
        assert (state.assumption.rule, state.assumption.says.en) == ("quarterly", says)
    plain = evaluation.outputs["wg2020-2-documents"]
    assert plain.provenance is None  # the text's own rule
    delivered = happened(FactKind.DELIVERED, "bureau-progress-reports", "2019-10-01")
    first = at(assumed_plan, [delivered], "2019-10-02").outputs["bureau-progress-reports"]
    assert first.occurrence is not None and first.occurrence[0] == 2  # the next one
    assert first.provenance is Provenance.ASSUMED


def test_the_chain_holds_when_sbstta_24_and_wg2020_3_lose_their_dates(bundled_plan: Plan) -> None:
    """As of 1 April 2020, SBSTTA-24, SBI-3 and WG2020-3 postponed without new dates: COP-15
    (15 October 2020) still bounds them all."""
    facts = [happened(FactKind.POSTPONED, "sbstta-24", "2020-03-10"),
             happened(FactKind.POSTPONED, "sbi-3", "2020-03-10"),
             happened(FactKind.POSTPONED, "wg2020-3", "2020-03-20")]
    evaluation = at(bundled_plan, facts, "2020-04-01")
    chain = evaluation.critical_chain
    assert len(chain) >= 3
    assert bundled_plan.outputs[chain[-1]].for_ == "cop-15"
    for oid in (chain[0], chain[-1]):
        assert evaluation.outputs[oid].status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED)
    framework = evaluation.outputs["wg2020-3-framework-text"]
    assert (framework.due, framework.latest_finish) == (None, D("2020-10-15"))  # COP-15 opens
    assert framework.reason.code is ReasonCode.NO_DATE_LATEST
    undated = [evaluation.outputs[o] for o in chain]
    assert all(s.latest_finish is not None for s in undated)
    assert all(s.latest_finish <= D("2020-10-15") for s in undated)  # type: ignore[operator]
    # before the postponements the same chain was dated, with its slack
    dated = at(bundled_plan, [], "2020-03-09")
    assert all(dated.outputs[o].slack_days is not None for o in dated.critical_chain)


def test_an_input_set_too_late_for_sbi_3(bundled_plan: Plan) -> None:
    """SBI-3, postponed in March 2020, was announced on 11 April 2021 for 16 May (online): its
    input due six weeks before, on 4 April, was set too late by seven days."""
    facts = [happened(FactKind.POSTPONED, "sbi-3", "2020-03-10"),
             rescheduled("sbi-3", "2021-05-16", "2021-06-13", "2021-04-11", mode=Mode.ONLINE)]
    for day, late in (("2021-04-11", 0), ("2021-04-20", 9)):
        state = at(bundled_plan, facts, day).outputs["mainstreaming-iag-report"]
        assert (state.status, state.days_late, state.due_set_on) == (
            OutputStatus.OVERDUE, late, D("2021-04-11"))
        assert state.reason.as_dict() == {"due": D("2021-04-04"), "days": 7,
                                          "announced": D("2021-04-11"), "late": late}
        assert state.reason.code is ReasonCode.SET_TOO_LATE
    seen = at(bundled_plan, facts, "2021-04-20").outputs["sbi-3-recs-mainstreaming"].inputs
    [iag] = [i for i in seen if i.id == "mainstreaming-iag-report"]
    assert (iag.flag, iag.days_late) == (InputFlag.LATE, 9)  # late from the announcement


def test_what_cop_15_adopts_waits_for_its_last_part(bundled_plan: Plan) -> None:
    """COP-15 split: part one in Kunming, 11-15 October 2021; part two in Montreal, 7-19
    December 2022. The framework adopted at COP-15 is not presumed delivered when part one
    closes; what part one adopts is."""
    adds = amendment("cop-15-decisions", "2021-10-01", outputs=(
        output("gbf", AtRule("cop-15")), output("kunming-declaration", AtRule("cop-15-part-1"))),
        last_meeting="cop-15-part-2")
    plan = replace(bundled_plan, amendments=(adds,))
    facts = [rescheduled("cop-15", "2021-10-11", "2021-10-24", "2020-11-20", venue="Kunming, China",
                         venue_zh="中国昆明", timezone="Asia/Shanghai"),
             happened(FactKind.SPLIT, "cop-15", "2021-08-18", part=1, opens_on=D("2021-10-11"),
                      closes_on=D("2021-10-15"), mode=Mode.HYBRID),
             happened(FactKind.SPLIT, "cop-15", "2021-08-18", part=2, opens_on=D("2022-04-25"),
                      closes_on=D("2022-05-08")),
             happened(FactKind.RESCHEDULED, "cop-15", "2022-06-21", part=2, opens_on=D("2022-12-07"),
                      closes_on=D("2022-12-19"), venue="Montreal, Canada", venue_zh="加拿大蒙特利尔",
                      timezone="America/Toronto")]
    october = at(plan, facts, "2021-10-16")
    cop = october.meetings["cop-15"]
    assert (cop.phase, [p.id for p in cop.parts]) == (MeetingStatus.SPLIT,
                                                      ["cop-15-part-1", "cop-15-part-2"])
    assert october.outputs["kunming-declaration"].status is OutputStatus.DELIVERED
    assert october.outputs["gbf"].status is not OutputStatus.DELIVERED
    assert october.outputs["gbf"].due.on == D("2022-05-08")  # type: ignore[union-attr]
    december = at(plan, facts, "2022-12-20")
    assert december.outputs["gbf"].status is OutputStatus.DELIVERED
    assert december.outputs["gbf"].delivered_on == D("2022-12-19")
