"""`core.record`: facts validated before anything is written, each refusal saying why (the
transitions of a meeting are in test_transitions.py). Frozen dates, the `living.STATES` process."""

from __future__ import annotations

from pathlib import Path

import pytest
from living import RECORDED_AT, amendment, d, fact, output, run, states_plan

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import AtRule, EveryRule, OnRule, Plan, Precision
from mandates.core.record import check_fact, make_fact, parse_date
from mandates.errors import FactError


@pytest.fixture()
def plan(tmp_path: Path) -> Plan:
    """The process of `living.STATES`."""
    return states_plan(tmp_path)


def make(plan: Plan, kind: FactKind, subject: str, on: str, **fields: object) -> Fact:
    return make_fact(plan, kind, subject, d(on), recorded_at=RECORDED_AT, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", ["9999-01-01", "0001-01-01", "1989-12-31", "2201-01-01"])
def test_a_year_outside_1990_2200_is_refused_everywhere(plan: Plan, day: str) -> None:
    wrong = d(day)
    with pytest.raises(FactError, match=r"--on: .* is outside the years 1990\.\.2200"):
        parse_date(day, "--on")
    with pytest.raises(FactError, match=r"the date it took effect: .* outside the years 1990\.\.2200"):
        make_fact(plan, FactKind.NOTE, "wg-2", wrong, recorded_at=RECORDED_AT, text="x")
    with pytest.raises(FactError, match=r"--opens: .* outside"):
        make(plan, FactKind.RESCHEDULED, "wg-2", "2020-01-01", opens_on=wrong, closes_on=d("2050-12-31"))
    with pytest.raises(FactError, match=r"--closes: .* outside"):
        make(plan, FactKind.RESCHEDULED, "wg-2", "2020-01-01", opens_on=d("2010-01-01"), closes_on=wrong)


@pytest.mark.parametrize("day", ["2009-12-31", "2051-01-01", "2199-01-01"])
def test_a_date_outside_the_span_of_the_process_is_refused_with_its_bounds(plan: Plan, day: str) -> None:
    """The process's first date is 2020-01-01: its facts fall in 2010-01-01..2050-12-31."""
    bounds = (r"outside the dates of this process, 2010-01-01\.\.2050-12-31 \(10 years before to "
              r"30 years after 2020-01-01, the first date of its founding file\)")
    with pytest.raises(FactError, match=r"the date it took effect: " + day + " is " + bounds):
        make(plan, FactKind.NOTE, "wg-2", day, text="x")
    with pytest.raises(FactError, match=r"--opens: " + day + " is " + bounds):
        make(plan, FactKind.RESCHEDULED, "wg-2", "2020-01-01", opens_on=d(day),
             closes_on=d("2050-12-31") if day < "2050" else d(day))


def test_the_first_and_last_days_of_the_span_are_accepted(plan: Plan) -> None:
    assert parse_date("1990-01-01", "--on") == d("1990-01-01")
    assert make(plan, FactKind.RESCHEDULED, "wg-2", "2010-01-01", opens_on=d("2050-12-30"),
                closes_on=d("2050-12-31")).closes_on == d("2050-12-31")


def test_opens_after_closes_and_half_dates_are_refused(plan: Plan) -> None:
    with pytest.raises(FactError, match="--closes 2020-03-01 is before --opens 2020-03-05"):
        make(plan, FactKind.RESCHEDULED, "wg-2", "2020-01-01", opens_on=d("2020-03-05"),
             closes_on=d("2020-03-01"))
    with pytest.raises(FactError, match="new dates need both --opens and --closes"):
        make(plan, FactKind.SPLIT, "wg-2", "2020-01-01", part=2, opens_on=d("2020-03-05"))
    with pytest.raises(FactError, match="a rescheduling needs new dates"):
        make(plan, FactKind.RESCHEDULED, "wg-2", "2020-01-01")


def test_a_window_is_whole_months_or_a_whole_quarter(plan: Plan) -> None:
    with pytest.raises(FactError, match="a quarter window runs from the first day"):
        make(plan, FactKind.RESCHEDULED, "sbstta", "2020-03-01", opens_on=d("2021-02-01"),
             closes_on=d("2021-04-30"), precision=Precision.QUARTER)
    with pytest.raises(FactError, match="a month window runs from the first day"):
        make(plan, FactKind.RESCHEDULED, "sbstta", "2020-03-01", opens_on=d("2021-02-02"),
             closes_on=d("2021-02-28"), precision=Precision.MONTH)
    months = make(plan, FactKind.RESCHEDULED, "sbstta", "2020-03-01", opens_on=d("2021-02-01"),
                  closes_on=d("2021-03-31"), precision=Precision.MONTH)
    assert months.precision is Precision.MONTH


def test_a_new_venue_needs_its_zone_when_the_edge_asks(plan: Plan) -> None:
    with pytest.raises(FactError, match="--timezone: the time zone of 'Rome, Italy' is not known"):
        make(plan, FactKind.RELOCATED, "wg-2", "2020-02-03", venue="Rome, Italy", require_zone=True)
    with pytest.raises(FactError, match="--timezone: unknown time zone 'Europe/Roma'"):
        make(plan, FactKind.RELOCATED, "wg-2", "2020-02-03", venue="Rome, Italy",
             timezone="Europe/Roma")
    rome = make(plan, FactKind.RELOCATED, "wg-2", "2020-02-03", venue="Rome, Italy",
                timezone="Europe/Rome", require_zone=True)
    assert rome.timezone == "Europe/Rome"


def test_a_rescheduling_is_judged_against_the_current_days_not_the_plan(plan: Plan) -> None:
    """The relocation bug: new days equal to the founding plan's, after an earlier rescheduling,
    were recorded as a relocation and never applied."""
    first = make(plan, FactKind.RESCHEDULED, "wg-2", "2020-02-01", opens_on=d("2020-02-24"),
                 closes_on=d("2020-02-29"), key="k1")
    back = make(plan, FactKind.RESCHEDULED, "wg-2", "2020-02-03", opens_on=d("2020-02-24"),
                closes_on=d("2020-02-28"), venue="Rome, FAO headquarters", timezone="Europe/Rome",
                facts=[first])
    assert back.kind is FactKind.RESCHEDULED
    state = run(plan, [first, back], "2020-02-04").meetings["wg-2"]
    assert (state.closes_on, state.timezone) == (d("2020-02-28"), "Europe/Rome")
    # the days it already has, with a new venue: a relocation
    same = make(plan, FactKind.RESCHEDULED, "wg-2", "2020-02-03", opens_on=d("2020-02-24"),
                closes_on=d("2020-02-29"), venue="Rome", timezone="Europe/Rome", facts=[first])
    assert same.kind is FactKind.RELOCATED


def test_a_second_delivery_needs_to_say_what_it_corrects(plan: Plan) -> None:
    first = make(plan, FactKind.DELIVERED, "documents", "2020-01-20", key="d1")
    with pytest.raises(FactError, match=r"documents was already delivered on 2020-01-20 \(fact d1\); "
                                        r"to correct it, name it with --corrects d1"):
        make(plan, FactKind.DELIVERED, "documents", "2020-01-15", facts=[first])
    with pytest.raises(FactError, match="--corrects: 'nope' is not a delivery of 'documents'"):
        make(plan, FactKind.DELIVERED, "documents", "2020-01-15", voids="nope", facts=[first])
    fixed = make(plan, FactKind.DELIVERED, "documents", "2020-01-15", voids="d1", facts=[first],
                 key="d2")
    state = run(plan, [first, fixed], "2020-02-01").outputs["documents"]
    assert (state.delivered_on, state.days_late) == (d("2020-01-15"), 2)
    with pytest.raises(FactError, match="--corrects: 'd1' is already withdrawn or corrected"):
        make(plan, FactKind.DELIVERED, "documents", "2020-01-16", voids="d1", facts=[first, fixed])


def test_a_periodic_output_takes_one_delivery_per_occurrence(plan: Plan) -> None:
    quarterly = amendment("reports", "2019-09-01", outputs=(
        output("reports", EveryRule(3, 0, d("2019-10-01"), None, "cop")),))
    periodic = Plan(plan.process, plan.bodies, plan.meetings, plan.outputs, plan.files, (quarterly,))
    first = make(periodic, FactKind.DELIVERED, "reports", "2019-10-01", key="r1")
    second = make(periodic, FactKind.DELIVERED, "reports", "2020-01-02", facts=[first])
    assert second.kind is FactKind.DELIVERED


def test_withdrawals_name_a_known_fact_and_say_why(plan: Plan) -> None:
    moved = make(plan, FactKind.POSTPONED, "sbstta", "2020-03-10", key="p1")
    with pytest.raises(FactError, match="no fact with key 'p2'; valid keys: p1"):
        make(plan, FactKind.WITHDRAWN, "", "2020-03-11", voids="p2", text="x", facts=[moved])
    with pytest.raises(FactError, match="a withdrawal needs --reason"):
        make(plan, FactKind.WITHDRAWN, "", "2020-03-11", voids="p1", facts=[moved])
    with pytest.raises(FactError, match="withdrawn on 2020-03-09, before 'p1' took effect on 2020-03-10"):
        make(plan, FactKind.WITHDRAWN, "", "2020-03-09", voids="p1", text="x", facts=[moved])
    withdrawal = make(plan, FactKind.WITHDRAWN, "", "2020-03-11", voids="p1", text="x",
                      facts=[moved], key="w1")
    with pytest.raises(FactError, match="'p1' is already withdrawn or corrected by 'w1'"):
        make(plan, FactKind.WITHDRAWN, "", "2020-03-12", voids="p1", text="x",
             facts=[moved, withdrawal])
    with pytest.raises(FactError, match="'w1' is a withdrawal: a withdrawal is not withdrawn"):
        make(plan, FactKind.WITHDRAWN, "", "2020-03-12", voids="w1", text="x",
             facts=[moved, withdrawal])


def test_a_key_is_recorded_once(plan: Plan) -> None:
    note = fact(FactKind.NOTE, "wg-2", "2020-01-10", key="n1", text="agenda out")
    with pytest.raises(FactError, match="a fact with key 'n1' is already recorded"):
        check_fact(plan, note, [note])


def test_a_subject_is_known_as_of_the_fact_date(plan: Plan) -> None:
    """A meeting added by a later amendment is unknown before it; a retired one takes no facts."""
    added = amendment("add-wg-4", "2021-01-15", meetings=(
        plan.meetings["sbstta"].__class__(**{**_fields(plan.meetings["sbstta"]), "id": "wg-4"}),),
        retires=("workshop",))
    amended = Plan(plan.process, plan.bodies, plan.meetings, plan.outputs, plan.files, (added,))
    with pytest.raises(FactError, match="unknown meeting 'wg-4'"):
        make(amended, FactKind.POSTPONED, "wg-4", "2020-12-01")
    assert make(amended, FactKind.POSTPONED, "wg-4", "2021-02-01").subject == "wg-4"
    with pytest.raises(FactError, match="workshop was retired by add-wg-4: it takes no more facts"):
        make(amended, FactKind.POSTPONED, "workshop", "2021-02-01")


def test_an_amendment_recorded_by_command_is_checked(plan: Plan) -> None:
    good = amendment("draft", "2020-06-01", outputs=(
        output("first-draft", OnRule(d("2020-07-12")), for_="cop"),))
    recorded = make(plan, FactKind.AMENDED, "", "2020-06-01", amendment=good, key="a1")
    assert recorded.subject == "first-draft"
    assert "first-draft" in run(plan, [recorded], "2020-06-02").plan.outputs
    with pytest.raises(FactError, match="the amendment takes effect on 2020-06-01, not on 2020-06-02"):
        make(plan, FactKind.AMENDED, "", "2020-06-02", amendment=good)
    wrong = amendment("late", "2020-06-01", outputs=(
        output("late", AtRule("wg-9"), inputs=("nothing",)),))
    with pytest.raises(FactError, match=r"add\.outputs\.inputs: unknown output 'nothing' as of "
                                        r"2020-06-01; add\.outputs\.due: unknown meeting 'wg-9'"):
        make(plan, FactKind.AMENDED, "", "2020-06-01", amendment=wrong)
    with pytest.raises(FactError, match="an amendment 'draft' is already known"):
        make(plan, FactKind.AMENDED, "", "2020-07-01",
             amendment=amendment("draft", "2020-07-01"), facts=[recorded])


def _fields(item: object) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(item, f.name) for f in fields(item)}  # type: ignore[arg-type]
