"""An output is at risk of missing what needs it only while something still needs it (trial
finding 2): an output that lists it as an input (or that it is for) and is still open, or the
meeting it is for, still to be held. Once those are delivered, cancelled, waived or held, an
undated input is no longer "needed by" a day long past (it may still be overdue on its own
due date). Named fixtures: the living plan's process (`living.py`) and the bundled process with
its shipped history, each as of frozen dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from living import amendment, d, fact, output, run, states_plan

from mandates.config.history import shipped_facts
from mandates.core.evaluate import OutputStatus, evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import AtRule, Plan
from mandates.core.reasons import ReasonCode


@pytest.fixture
def area_plan(tmp_path: Path) -> Plan:
    """The living plan: the area report (its workshop TBD) is for the SBSTTA documents (due 6
    April 2020, six weeks before SBSTTA opens on 18 May)."""
    return states_plan(tmp_path)


def test_an_undated_input_is_needed_while_its_consumer_is_open(area_plan: Plan) -> None:
    state = run(area_plan, (), "2020-04-01").outputs["area-report"]
    assert (state.status, state.reason.code, state.latest_finish) == (
        OutputStatus.AT_RISK, ReasonCode.NO_DATE_LATEST, d("2020-04-06"))


@pytest.mark.parametrize("closed", [
    fact(FactKind.DELIVERED, "sbstta-docs", "2020-04-03"),
    fact(FactKind.WAIVED, "sbstta-docs", "2020-04-03", text="issued without it"),
    fact(FactKind.CANCELLED, "sbstta-docs", "2020-04-03"),
], ids=["delivered", "waived", "cancelled"])
def test_an_input_whose_consumers_are_closed_puts_nothing_at_risk(area_plan: Plan,
                                                                   closed: object) -> None:
    evaluation = run(area_plan, [closed], "2020-04-10")  # type: ignore[list-item]
    state = evaluation.outputs["area-report"]
    assert (state.status, state.reason.code) == (OutputStatus.ON_TRACK, ReasonCode.NO_DATE)
    assert (state.slack_days, state.latest_finish) == (None, None)
    assert "area-report" not in {li.input.id for li in evaluation.late_inputs}


def test_an_undated_output_for_a_meeting_is_needed_until_the_meeting_is_held(
        area_plan: Plan) -> None:
    """An outcome of the TBD area workshop, for WG-2 (24-28 February 2020): at risk with
    "needed by 24 February" until WG-2 is held (presumed, from 29 February), then not."""
    added = amendment("area-outcome", "2020-01-01",
                      outputs=(output("area-outcome", AtRule("area"), for_="wg-2"),))
    plan = Plan(area_plan.process, area_plan.bodies, area_plan.meetings, area_plan.outputs,
                area_plan.files, (added,))
    before = run(plan, (), "2020-02-10").outputs["area-outcome"]
    assert (before.status, before.reason.code, before.latest_finish) == (
        OutputStatus.AT_RISK, ReasonCode.NO_DATE_LATEST, d("2020-02-24"))
    during = run(plan, (), "2020-02-26").outputs["area-outcome"]
    assert during.status is OutputStatus.AT_RISK  # the meeting is not over yet
    after = run(plan, (), "2020-03-02")
    assert after.meetings["wg-2"].held
    held = after.outputs["area-outcome"]
    assert (held.status, held.reason.code, held.latest_finish) == (
        OutputStatus.ON_TRACK, ReasonCode.NO_DATE, None)


def test_a_dated_input_of_a_delivered_consumer_is_not_late_for_it(area_plan: Plan) -> None:
    """The consultation report (January or February 2020) for the SBSTTA documents: its slack
    no longer counts from a consumer delivered; its own due date still counts."""
    delivered = [fact(FactKind.DELIVERED, "sbstta-docs", "2020-01-10")]
    state = run(area_plan, delivered, "2020-01-15").outputs["consult-report"]
    assert state.slack_days is None and state.reason.code not in (
        ReasonCode.LATE_FOR_OUTPUT, ReasonCode.NO_DATE_LATEST)


@pytest.fixture(scope="module")
def bundled_history(bundled_plan: Plan) -> tuple[Plan, list[object]]:
    return bundled_plan, list(shipped_facts(bundled_plan))


def test_the_iucn_consultation_is_no_longer_at_risk_once_wg2020_3_is_held(
        bundled_history: tuple[Plan, list[object]]) -> None:
    """The IUCN consultation outcome (never dated) was needed by the framework text and for
    WG2020-3: at risk while they were open, not after WG2020-3 (resumed in Geneva, March 2022)
    was held and the framework text delivered."""
    plan, facts = bundled_history
    open_ = evaluate(plan, facts, d("2021-06-01")).outputs["consult-iucn-report"]  # type: ignore[arg-type]
    assert (open_.status, open_.reason.code) == (OutputStatus.AT_RISK, ReasonCode.NO_DATE_LATEST)
    for day in ("2022-12-20", "2026-12-01"):
        evaluation = evaluate(plan, facts, d(day))  # type: ignore[arg-type]
        assert evaluation.outputs["wg2020-3-framework-text"].status is OutputStatus.DELIVERED
        state = evaluation.outputs["consult-iucn-report"]
        assert (state.status, state.reason.code, state.latest_finish) == (
            OutputStatus.ON_TRACK, ReasonCode.NO_DATE, None), day


def test_set_too_late_counts_its_days_from_the_announcement(
        bundled_history: tuple[Plan, list[object]]) -> None:
    """The IAG report, due 4 April 2021, set on 9 April: as of 20 December 2022 the reason
    carries the days late from 9 April 2021 (620), the count the check prints."""
    plan, facts = bundled_history
    state = evaluate(plan, facts, d("2022-12-20")).outputs["mainstreaming-iag-report"]  # type: ignore[arg-type]
    assert state.reason.code is ReasonCode.SET_TOO_LATE
    assert state.reason.as_dict() == {"due": d("2021-04-04"), "days": 5,
                                      "announced": d("2021-04-09"), "late": 620}
    assert state.days_late == 620
