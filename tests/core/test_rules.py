"""Due rules on pendulum dates: on, before, at, every, month windows, business days, parsing.

Pure-function tests call mandates.core.rules directly with meeting spans; plan-level tests load a small
process file (written to tmp_path) and read the due dates the evaluation computes, so that the
report lag by Annex II type and the process's business-day setting are exercised end to end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate
from mandates.core.plan import Adjust, AtRule, BeforeRule, EveryRule, OnRule, Plan
from mandates.core.rules import (
    Due,
    Span,
    adjust_to_business_day,
    due_of,
    is_business_day,
    month_window,
    occurrences,
    parse_iso_date,
)

MONTREAL_FILE = Path(__file__).parents[1] / "data" / "holidays" / "montreal-2019-2025.txt"
MONTREAL = frozenset(
    pendulum.Date.fromisoformat(line.split("#")[0].strip())
    for line in MONTREAL_FILE.read_text(encoding="utf-8").splitlines()
    if line.split("#")[0].strip()
)
"""The bundled process's calendar (pinned dates, Quebec and federal holidays 2019-2025): the set
the config layer gives the core (tests/config/test_holiday_calendar.py checks it is)."""

AS_OF = pendulum.Date(2019, 9, 1)  # a frozen evaluation date, before every deadline below
HORIZON = pendulum.Date(2021, 12, 31)


def d(text: str) -> Date:
    """A pendulum Date from an ISO string (test shorthand)."""
    return pendulum.Date.fromisoformat(text)


def exact_span(opens: str, closes: str, tentative: bool = False) -> Span:
    """The span of a meeting with exact days."""
    return Span(d(opens), d(opens), d(closes), d(closes), tentative)


def window_span(first: str, last: str) -> Span:
    """The span of a meeting known only by a month window (first and last possible day)."""
    return Span(d(first), d(last), d(first), d(last), True)


def spans(**by_id: Span | None) -> Callable[[str], Span | None]:
    """A span lookup for due_of/occurrences: meeting id -> span (None: undated)."""
    return lambda meeting_id: by_id.get(meeting_id.replace("-", "_"))


def no_lag(_meeting: str) -> int:
    return 0


WG2020_2 = exact_span("2020-02-24", "2020-02-28")  # Kunming, Monday 24 - Friday 28 February 2020


# --------------------------------------------------------------------------------------- on


def test_on_rule_is_the_fixed_date() -> None:
    due = due_of(OnRule(d("2019-09-15")), spans(), no_lag, Adjust.NONE)
    assert due == Due(d("2019-09-15"), d("2019-09-15"), d("2019-09-15"), False)
    assert isinstance(due.on, Date)
    assert not due.is_window


def test_on_rule_keeps_a_sunday_without_adjustment() -> None:
    # 15 September 2019 is a Sunday: the document's date is kept as written.
    due = due_of(OnRule(d("2019-09-15")), spans(), no_lag, Adjust.NONE)
    assert due is not None and due.on == d("2019-09-15") and due.on.isoweekday() == 7


# ----------------------------------------------------------------------------------- before


def test_six_weeks_before_wg2020_2_is_monday_13_january_2020() -> None:
    due = due_of(BeforeRule("wg2020-2", 42), spans(wg2020_2=WG2020_2), no_lag, Adjust.NONE)
    assert due == Due(d("2020-01-13"), d("2020-01-13"), d("2020-01-13"), False)
    assert due.on.isoweekday() == 1


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, "2020-02-24"), (1, "2020-02-23"), (10, "2020-02-14"), (24, "2020-01-31"), (55, "2019-12-31")],
)
def test_before_by_days_counts_back_from_the_opening_day(days: int, expected: str) -> None:
    due = due_of(BeforeRule("wg2020-2", days), spans(wg2020_2=WG2020_2), no_lag, Adjust.NONE)
    assert due is not None
    assert (due.on, due.earliest, due.latest) == (d(expected), d(expected), d(expected))


def test_before_ignores_the_closing_day() -> None:
    long_meeting = exact_span("2020-02-24", "2020-03-20")
    due = due_of(BeforeRule("wg2020-2", 7), spans(wg2020_2=long_meeting), no_lag, Adjust.NONE)
    assert due is not None and due.on == d("2020-02-17")


def test_before_an_unconfirmed_meeting_is_tentative() -> None:
    tentative = exact_span("2020-02-21", "2020-02-22", tentative=True)
    due = due_of(BeforeRule("consult-review", 14), spans(consult_review=tentative), no_lag,
                 Adjust.NONE)
    assert due == Due(d("2020-02-07"), d("2020-02-07"), d("2020-02-07"), True)


# --------------------------------------------------------------------------------------- at


def test_at_rule_is_the_closing_day_plus_the_lag() -> None:
    due = due_of(AtRule("wg2020-2"), spans(wg2020_2=WG2020_2), lambda _m: 14, Adjust.NONE)
    assert due == Due(d("2020-03-13"), d("2020-03-13"), d("2020-03-13"), False)


def test_at_rule_with_no_lag_is_the_closing_day() -> None:
    due = due_of(AtRule("wg2020-2"), spans(wg2020_2=WG2020_2), no_lag, Adjust.NONE)
    assert due is not None and due.on == d("2020-02-28")


def test_at_rule_explicit_lag_overrides_the_lag_by_type() -> None:
    asked: list[str] = []

    def lag_for(meeting_id: str) -> int:
        asked.append(meeting_id)
        return 30

    due = due_of(AtRule("wg2020-2", lag_days=3), spans(wg2020_2=WG2020_2), lag_for, Adjust.NONE)
    assert due is not None and due.on == d("2020-03-02")
    zero = due_of(AtRule("wg2020-2", lag_days=0), spans(wg2020_2=WG2020_2), lag_for, Adjust.NONE)
    assert zero is not None and zero.on == d("2020-02-28")


def test_at_rule_asks_the_lag_of_its_own_meeting() -> None:
    lags = {"wg2020-2": 0, "ws-review": 14}
    review = exact_span("2020-01-20", "2020-01-22")
    due = due_of(AtRule("ws-review"), spans(wg2020_2=WG2020_2, ws_review=review), lags.__getitem__,
                 Adjust.NONE)
    assert due is not None and due.on == d("2020-02-05")


# ---------------------------------------------------------------------------- month windows


def test_before_a_month_window_binds_at_the_earliest_opening() -> None:
    window = window_span("2020-01-01", "2020-02-29")  # "January or February 2020"
    due = due_of(BeforeRule("consult-rm", 14), spans(consult_rm=window), no_lag, Adjust.NONE)
    assert due == Due(d("2019-12-18"), d("2019-12-18"), d("2020-02-15"), True)
    assert due.is_window


def test_at_a_month_window_is_available_at_the_latest_close() -> None:
    window = window_span("2020-01-01", "2020-02-29")
    due = due_of(AtRule("consult-rm"), spans(consult_rm=window), lambda _m: 14, Adjust.NONE)
    assert due == Due(d("2020-03-14"), d("2020-01-15"), d("2020-03-14"), True)
    assert due.is_window


# ------------------------------------------------------------------------------- undated (tbd)


@pytest.mark.parametrize("rule", [BeforeRule("ws-area-based", 42), AtRule("ws-area-based"),
                                  AtRule("ws-area-based", lag_days=5)])
def test_a_rule_on_an_undated_meeting_gives_no_date(rule: BeforeRule | AtRule) -> None:
    assert due_of(rule, spans(ws_area_based=None), lambda _m: 14, Adjust.NONE) is None


def test_due_of_refuses_a_periodic_rule() -> None:
    rule = EveryRule(1, 0, d("2020-01-01"), d("2020-06-01"), None)
    with pytest.raises(TypeError):
        due_of(rule, spans(), no_lag, Adjust.NONE)


# ------------------------------------------------------------------------------------ every


def days_of(dues: list[Due]) -> list[str]:
    return [due.on.isoformat() for due in dues]


def test_every_month_until_a_date_keeps_the_day_of_month() -> None:
    # Month ends: counted from the start each time, so 31 January does not drift to the 29th.
    rule = EveryRule(1, 0, d("2020-01-31"), d("2020-05-31"), None)
    dues = list(occurrences(rule, spans(), HORIZON, Adjust.NONE))
    assert days_of(dues) == ["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"]
    assert all(isinstance(due.on, Date) and not due.tentative and not due.is_window for due in dues)


def test_every_three_months_until_a_date() -> None:
    rule = EveryRule(3, 0, d("2019-10-01"), d("2020-10-01"), None)
    assert days_of(list(occurrences(rule, spans(), HORIZON, Adjust.NONE))) == [
        "2019-10-01", "2020-01-01", "2020-04-01", "2020-07-01", "2020-10-01"]


def test_every_month_stops_before_a_date_between_occurrences() -> None:
    rule = EveryRule(1, 0, d("2020-01-15"), d("2020-04-14"), None)
    assert days_of(list(occurrences(rule, spans(), HORIZON, Adjust.NONE))) == [
        "2020-01-15", "2020-02-15", "2020-03-15"]


def test_every_two_weeks_until_a_date() -> None:
    rule = EveryRule(0, 2, d("2020-01-06"), d("2020-02-03"), None)
    assert days_of(list(occurrences(rule, spans(), HORIZON, Adjust.NONE))) == [
        "2020-01-06", "2020-01-20", "2020-02-03"]


def test_every_month_until_a_meeting_runs_to_its_opening() -> None:
    rule = EveryRule(1, 0, d("2019-10-24"), None, "wg2020-2")
    dues = list(occurrences(rule, spans(wg2020_2=WG2020_2), HORIZON, Adjust.NONE))
    assert days_of(dues) == ["2019-10-24", "2019-11-24", "2019-12-24", "2020-01-24", "2020-02-24"]


def test_every_until_a_meeting_follows_the_meeting_when_it_moves() -> None:
    rule = EveryRule(0, 4, d("2020-01-06"), None, "wg2020-2")
    planned = list(occurrences(rule, spans(wg2020_2=WG2020_2), HORIZON, Adjust.NONE))
    moved = list(occurrences(rule, spans(wg2020_2=exact_span("2020-04-20", "2020-04-24")),
                             HORIZON, Adjust.NONE))
    assert days_of(planned) == ["2020-01-06", "2020-02-03"]
    assert days_of(moved) == ["2020-01-06", "2020-02-03", "2020-03-02", "2020-03-30"]


def test_every_until_an_undated_meeting_runs_to_the_horizon() -> None:
    rule = EveryRule(3, 0, d("2020-01-01"), None, "ws-area-based")
    dues = list(occurrences(rule, spans(ws_area_based=None), d("2020-08-01"), Adjust.NONE))
    assert days_of(dues) == ["2020-01-01", "2020-04-01", "2020-07-01"]


def test_every_starting_after_its_end_has_no_occurrence() -> None:
    rule = EveryRule(1, 0, d("2020-03-01"), d("2020-02-01"), None)
    assert list(occurrences(rule, spans(), HORIZON, Adjust.NONE)) == []


def test_every_adjusts_each_occurrence_to_a_business_day() -> None:
    rule = EveryRule(1, 0, d("2020-05-01"), d("2020-08-01"), None, Adjust.FOLLOWING)
    # 1 July is Canada Day (Wednesday), 1 August 2020 a Saturday.
    assert days_of(list(occurrences(rule, spans(), HORIZON, Adjust.NONE, MONTREAL))) == [
        "2020-05-01", "2020-06-01", "2020-07-02", "2020-08-03"]


# ----------------------------------------------------------------------------- business days


@pytest.mark.parametrize(
    ("day", "business"),
    [
        ("2020-01-01", False),  # New Year's Day
        ("2020-01-02", True),
        ("2020-02-29", False),  # Saturday
        ("2020-03-01", False),  # Sunday
        ("2020-04-09", True),
        ("2020-04-10", False),  # Good Friday
        ("2020-05-18", False),  # Journée nationale des patriotes (Quebec)
        ("2020-06-24", False),  # Fête nationale du Québec
        ("2020-07-01", False),  # Canada Day
        ("2020-07-02", True),
        ("2020-12-25", False),
        ("2020-04-13", False),  # Easter Monday (federal)
        ("2020-11-11", False),  # Remembrance Day (federal)
        ("2020-12-28", False),  # Boxing Day observed (federal; 26 December is a Saturday)
        ("2021-09-30", False),  # National Day for Truth and Reconciliation (federal)
        ("2021-09-29", True),
    ],
)
def test_business_days_in_montreal(day: str, business: bool) -> None:
    assert is_business_day(d(day), MONTREAL) is business


def test_without_holidays_only_weekends_are_skipped() -> None:
    assert is_business_day(d("2020-07-01")) is True
    assert is_business_day(d("2020-07-04")) is False
    assert adjust_to_business_day(d("2020-07-04"), Adjust.FOLLOWING) == d("2020-07-06")


def test_the_holidays_given_are_the_only_ones() -> None:
    """The core holds no holiday data: the set it receives decides (here one made-up day)."""
    own = frozenset({d("2020-03-03")})
    assert is_business_day(d("2020-03-03"), own) is False
    assert is_business_day(d("2020-07-01"), own) is True
    assert due_of(OnRule(d("2020-03-03")), spans(), no_lag, Adjust.FOLLOWING, own) == \
        Due(d("2020-03-04"), d("2020-03-04"), d("2020-03-04"), False)


@pytest.mark.parametrize(
    ("day", "adjust", "expected"),
    [
        ("2020-07-01", Adjust.PRECEDING, "2020-06-30"),  # Canada Day, a Wednesday
        ("2020-07-01", Adjust.FOLLOWING, "2020-07-02"),
        ("2020-06-24", Adjust.PRECEDING, "2020-06-23"),  # Fête nationale du Québec, a Wednesday
        ("2020-06-24", Adjust.FOLLOWING, "2020-06-25"),
        ("2020-02-29", Adjust.PRECEDING, "2020-02-28"),  # Saturday
        ("2020-02-29", Adjust.FOLLOWING, "2020-03-02"),
        ("2020-03-01", Adjust.PRECEDING, "2020-02-28"),  # Sunday
        ("2020-03-01", Adjust.FOLLOWING, "2020-03-02"),
        ("2020-04-10", Adjust.PRECEDING, "2020-04-09"),  # Good Friday
        ("2020-05-16", Adjust.FOLLOWING, "2020-05-19"),  # Saturday, then Patriots' Day Monday
        ("2020-12-25", Adjust.FOLLOWING, "2020-12-29"),  # Christmas (Friday), weekend, Boxing Day obs.
        ("2020-11-11", Adjust.FOLLOWING, "2020-11-12"),  # Remembrance Day, a Wednesday
        ("2020-04-13", Adjust.PRECEDING, "2020-04-09"),  # Easter Monday, weekend, Good Friday
        ("2021-09-30", Adjust.FOLLOWING, "2021-10-01"),  # Truth and Reconciliation Day
        ("2020-01-13", Adjust.PRECEDING, "2020-01-13"),  # a Monday stays
        ("2020-01-13", Adjust.FOLLOWING, "2020-01-13"),
        ("2020-07-01", Adjust.NONE, "2020-07-01"),
    ],
)
def test_adjust_to_business_day(day: str, adjust: Adjust, expected: str) -> None:
    assert adjust_to_business_day(d(day), adjust, MONTREAL) == d(expected)


def test_rule_adjust_overrides_the_default() -> None:
    rule = OnRule(d("2020-07-01"), Adjust.FOLLOWING)
    due = due_of(rule, spans(), no_lag, Adjust.PRECEDING, MONTREAL)
    assert due is not None and due.on == d("2020-07-02")
    due = due_of(OnRule(d("2020-07-01")), spans(), no_lag, Adjust.PRECEDING, MONTREAL)
    assert due is not None and due.on == d("2020-06-30")
    due = due_of(OnRule(d("2020-07-01"), Adjust.NONE), spans(), no_lag, Adjust.PRECEDING, MONTREAL)
    assert due is not None and due.on == d("2020-07-01")


def test_before_rule_landing_on_a_holiday_is_adjusted() -> None:
    meeting = exact_span("2020-07-08", "2020-07-10")
    preceding = due_of(BeforeRule("sbi-3", 7, Adjust.PRECEDING), spans(sbi_3=meeting), no_lag,
                       Adjust.NONE, MONTREAL)
    following = due_of(BeforeRule("sbi-3", 7, Adjust.FOLLOWING), spans(sbi_3=meeting), no_lag,
                       Adjust.NONE, MONTREAL)
    assert preceding == Due(d("2020-06-30"), d("2020-06-30"), d("2020-06-30"), False)
    assert following == Due(d("2020-07-02"), d("2020-07-02"), d("2020-07-02"), False)


def test_at_rule_landing_on_a_holiday_is_adjusted() -> None:
    meeting = exact_span("2020-06-15", "2020-06-19")  # + 5 days = Wednesday 24 June
    due = due_of(AtRule("sbi-3", lag_days=5, adjust=Adjust.FOLLOWING), spans(sbi_3=meeting),
                 no_lag, Adjust.NONE, MONTREAL)
    assert due is not None and due.on == d("2020-06-25")


def test_window_ends_are_both_adjusted() -> None:
    window = window_span("2020-02-01", "2020-03-31")
    due = due_of(BeforeRule("consult-rm", 0, Adjust.PRECEDING), spans(consult_rm=window), no_lag,
                 Adjust.NONE, MONTREAL)
    # 1 February 2020 is a Saturday -> Friday 31 January; 31 March is a Tuesday.
    assert due == Due(d("2020-01-31"), d("2020-01-31"), d("2020-03-31"), True)


# ---------------------------------------------------------------------------- parse_iso_date


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-02-29", pendulum.Date(2020, 2, 29)),
    ("2019-09-15", pendulum.Date(2019, 9, 15)),
    (" 2020-01-13 ", pendulum.Date(2020, 1, 13)),
])
def test_parse_iso_date(text: str, expected: Date) -> None:
    parsed = parse_iso_date(text)
    assert parsed == expected
    assert isinstance(parsed, Date)


@pytest.mark.parametrize("text", ["2020-02-30", "2019-02-29", "2020-13-01", "2020-00-10",
                                  "2020-04-31", "2020-01-00"])
def test_parse_iso_date_refuses_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match="is not a real date"):
        parse_iso_date(text)


@pytest.mark.parametrize("text", ["", "2020", "2020-01", "20200113", "2020/01/13", "13-01-2020",
                                  "2020-01-13T00:00", "2020-1-13", "2020-01-3", "20-01-13",
                                  "２０２０-０１-１３", "next monday", "2020-01-13-1"])
def test_parse_iso_date_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date(text)


# ------------------------------------------------------------------------------ month_window


@pytest.mark.parametrize(("start", "end", "first", "last"), [
    ("2020-01", "2020-02", "2020-01-01", "2020-02-29"),
    ("2019-01", "2019-02", "2019-01-01", "2019-02-28"),
    ("2020-01", "2020-01", "2020-01-01", "2020-01-31"),
    ("2019-12", "2020-02", "2019-12-01", "2020-02-29"),
    ("2020-04", "2020-06", "2020-04-01", "2020-06-30"),
])
def test_month_window(start: str, end: str, first: str, last: str) -> None:
    earliest, latest = month_window(start, end)
    assert (earliest, latest) == (d(first), d(last))
    assert isinstance(earliest, Date) and isinstance(latest, Date)


@pytest.mark.parametrize(("start", "end"), [("2020-13", "2020-12"), ("2020-00", "2020-01"),
                                            ("2020-01-01", "2020-02"), ("2020", "2020-02"),
                                            ("2020-01", "January"), ("2020-1", "2020-02")])
def test_month_window_refuses_bad_months(start: str, end: str) -> None:
    with pytest.raises(ValueError, match="month"):
        month_window(start, end)


# ------------------------------------------------------------------ rules read from a process


PROCESS_HEADER = """\
process:
  id: rules
  title: {{en: "Due rules", zh: "截止规则"}}
  timezone: America/Toronto
{extra}
bodies:
  - id: wg
    name: {{en: "Working group", zh: "工作组"}}
meetings:
{meetings}outputs:
"""


def meeting_line(mid: str, dates: str, meeting_type: int) -> str:
    return f"  - {{id: {mid}, title: {{en: {mid}, zh: {mid}}}, body: wg, {dates}, type: {meeting_type}}}\n"


DAYS = "opens: 2020-02-24, closes: 2020-02-28"
MEETINGS = "".join([
    meeting_line("plenary", DAYS, 1),
    meeting_line("committee", DAYS, 2),
    meeting_line("consultation", DAYS, 3),
    meeting_line("workshop", DAYS, 4),
    meeting_line("partner", DAYS, 5),
    meeting_line("rm-consultation", "window: {from: 2020-01, to: 2020-02}, confirmed: false", 4),
    meeting_line("area-workshop", "tbd: true", 4),
])


def output_line(oid: str, due: str) -> str:
    return (f"  - {{id: {oid}, title: {{en: \"{oid}\", zh: \"{oid}\"}}, responsible: wg, "
            f"mandate: rec 1/1, due: {due}}}\n")


def rules_process(tmp_path: Path, outputs: dict[str, str], extra: str = "") -> Plan:
    """A process with one meeting of each Annex II type, a window meeting and a TBD one."""
    text = PROCESS_HEADER.format(extra=extra, meetings=MEETINGS)
    text += "".join(output_line(oid, rule) for oid, rule in outputs.items())
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def due_dates(plan: Plan) -> dict[str, tuple[str, str, str] | None]:
    evaluation = evaluate(plan, [], AS_OF)
    result: dict[str, tuple[str, str, str] | None] = {}
    for oid, state in evaluation.outputs.items():
        due = state.due
        result[oid] = (due.on.isoformat(), due.earliest.isoformat(), due.latest.isoformat()) if due else None
    return result


ALL_TYPES = {
    "plenary-report": "{at: plenary}",
    "committee-report": "{at: committee}",
    "consultation-report": "{at: consultation}",
    "workshop-report": "{at: workshop}",
    "partner-report": "{at: partner}",
}


def test_report_lag_by_annex_ii_type_defaults(tmp_path: Path) -> None:
    dates = due_dates(rules_process(tmp_path, ALL_TYPES))
    assert {oid: v[0] if v else None for oid, v in dates.items()} == {
        "plenary-report": "2020-02-28",      # type 1: 0 days
        "committee-report": "2020-03-13",    # type 2: 14 days
        "consultation-report": "2020-02-28",  # type 3: 0 days
        "workshop-report": "2020-03-13",     # type 4: 14 days
        "partner-report": "2020-03-29",      # type 5: 30 days
    }


def test_report_lag_by_type_from_the_process(tmp_path: Path) -> None:
    extra = "  report_lag_days: {1: 2, 4: 21}"
    dates = due_dates(rules_process(tmp_path, ALL_TYPES, extra))
    assert {oid: v[0] if v else None for oid, v in dates.items()} == {
        "plenary-report": "2020-03-01",
        "committee-report": "2020-03-13",    # not given: the default stays
        "consultation-report": "2020-02-28",
        "workshop-report": "2020-03-20",
        "partner-report": "2020-03-29",
    }


def test_explicit_lag_days_overrides_the_process_lag(tmp_path: Path) -> None:
    extra = "  report_lag_days: {4: 21}"
    plan = rules_process(tmp_path, {"workshop-report": "{at: workshop, lag_days: 3}",
                                    "workshop-same-day": "{at: workshop, lag_days: 0}"}, extra)
    dates = due_dates(plan)
    assert dates["workshop-report"] == ("2020-03-02", "2020-03-02", "2020-03-02")
    assert dates["workshop-same-day"] == ("2020-02-28", "2020-02-28", "2020-02-28")


def test_rules_from_a_process_file(tmp_path: Path) -> None:
    plan = rules_process(tmp_path, {
        "fixed": "{on: 2019-09-15}",
        "six-weeks": "{before: plenary, weeks: 6}",
        "ten-days": "{before: plenary, days: 10}",
        "opening-day": "{before: plenary, days: 0}",
        "weeks-and-days": "{before: plenary, weeks: 1, days: 2}",
        "before-window": "{before: rm-consultation, weeks: 2}",
        "at-window": "{at: rm-consultation}",
        "before-tbd": "{before: area-workshop, weeks: 2}",
        "at-tbd": "{at: area-workshop}",
    })
    assert due_dates(plan) == {
        "fixed": ("2019-09-15", "2019-09-15", "2019-09-15"),
        "six-weeks": ("2020-01-13", "2020-01-13", "2020-01-13"),
        "ten-days": ("2020-02-14", "2020-02-14", "2020-02-14"),
        "opening-day": ("2020-02-24", "2020-02-24", "2020-02-24"),
        "weeks-and-days": ("2020-02-15", "2020-02-15", "2020-02-15"),
        "before-window": ("2019-12-18", "2019-12-18", "2020-02-15"),
        "at-window": ("2020-03-14", "2020-01-15", "2020-03-14"),
        "before-tbd": None,
        "at-tbd": None,
    }
    assert isinstance(plan.outputs["six-weeks"].due, BeforeRule)
    assert plan.outputs["six-weeks"].due.days == 42


def test_process_business_days_applies_unless_the_rule_says_otherwise(tmp_path: Path) -> None:
    plan = rules_process(tmp_path, {
        "canada-day": "{on: 2020-07-01}",
        "fete-nationale": "{on: 2020-06-24, adjust: following}",
        "kept": "{on: 2020-07-01, adjust: none}",
        "saturday-before": "{before: plenary, days: 2}",  # Saturday 22 February 2020
    }, "  business_days: preceding")
    assert {oid: v[0] if v else None for oid, v in due_dates(plan).items()} == {
        "canada-day": "2020-06-30",
        "fete-nationale": "2020-06-25",
        "kept": "2020-07-01",
        "saturday-before": "2020-02-21",
    }


def test_every_rule_from_a_process_file(tmp_path: Path) -> None:
    plan = rules_process(tmp_path, {
        "monthly": "{every: {months: 1}, from: 2019-11-24, until: plenary}",
        "fortnightly": "{every: {weeks: 2}, from: 2020-01-06, until: 2020-02-03}",
    })
    monthly, fortnightly = plan.outputs["monthly"].due, plan.outputs["fortnightly"].due
    assert monthly == EveryRule(1, 0, d("2019-11-24"), None, "plenary")
    assert fortnightly == EveryRule(0, 2, d("2020-01-06"), d("2020-02-03"), None)
    evaluation = evaluate(plan, [], AS_OF)
    assert evaluation.outputs["monthly"].occurrence == (1, 4)
    assert evaluation.outputs["monthly"].due is not None
    assert evaluation.outputs["monthly"].due.on == d("2019-11-24")
    assert evaluation.outputs["fortnightly"].occurrence == (1, 3)
