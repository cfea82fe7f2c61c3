"""The secretariat's calendar of holidays (`process.holidays`, config.holidaycal): the bundled
process's dates pinned, the default, added and removed dates, due dates moved by it end to end,
and each error as `file:line: field: message`.

The pinned dates live in tests/data/holidays/montreal-2019-2025.txt (one a line, named): a new
release of the `holidays` package that adds, drops or moves a day fails here before it can move
a deadline unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from mandates.config.holidaycal import (
    DEFAULT_CALENDAR,
    HolidayCalendar,
    adjusts,
    holiday_dates,
    load_calendar,
)
from mandates.config.loader import ConfigError, load_plan
from mandates.core.evaluate import evaluate

ROOT = Path(__file__).parents[2]
BUNDLED = ROOT / "config" / "post2020.yaml"
PINNED = ROOT / "tests" / "data" / "holidays" / "montreal-2019-2025.txt"


def d(text: str) -> Date:
    return pendulum.Date.fromisoformat(text)


def pinned() -> frozenset[Date]:
    days = (line.split("#")[0].strip() for line in PINNED.read_text(encoding="utf-8").splitlines())
    return frozenset(d(day) for day in days if day)


HEADER = """\
process:
  id: cal
  title: {{en: "Calendar", zh: "日历"}}
  timezone: America/Toronto
  business_days: following
{holidays}bodies:
  - id: wg
    name: {{en: "Working group", zh: "工作组"}}
meetings:
  - {{id: plenary, title: {{en: p, zh: p}}, body: wg, opens: 2020-02-24, closes: 2020-02-28, type: 1}}
outputs:
  - {{id: remembrance, title: {{en: r, zh: r}}, responsible: wg, mandate: m, due: {{on: 2020-11-11}}}}
  - {{id: easter-monday, title: {{en: e, zh: e}}, responsible: wg, mandate: m, due: {{on: 2020-04-13}}}}
  - {{id: truth, title: {{en: t, zh: t}}, responsible: wg, mandate: m, due: {{on: 2021-09-30}}}}
  - {{id: boxing, title: {{en: b, zh: b}}, responsible: wg, mandate: m, due: {{on: 2020-12-26}}}}
  - {{id: ordinary, title: {{en: o, zh: o}}, responsible: wg, mandate: m, due: {{on: 2020-03-03}}}}
"""


def write(tmp_path: Path, holidays: str = "") -> Path:
    path = tmp_path / "cal.yaml"
    path.write_text(HEADER.format(holidays=holidays), encoding="utf-8")
    return path


def due_on(path: Path) -> dict[str, str]:
    evaluation = evaluate(load_plan(path), [], pendulum.Date(2019, 9, 1))
    return {oid: s.due.on.isoformat() for oid, s in evaluation.outputs.items() if s.due}


def bundled_days() -> frozenset[Date]:
    """The days of the bundled process's calendar for the years it spans and five more."""
    return holiday_dates(load_calendar(BUNDLED), range(2019, 2026))


def test_the_bundled_process_observes_the_pinned_days() -> None:
    assert load_calendar(BUNDLED) == DEFAULT_CALENDAR, "the bundled file states the default"
    assert bundled_days() == pinned()


def test_the_bundled_process_keeps_its_dates_as_written() -> None:
    """`business_days: none` and no rule adjusts: no holiday data is loaded, no date moves."""
    plan = load_plan(BUNDLED)
    assert not adjusts(plan) and plan.process.holidays == frozenset()


def test_the_bundled_calendar_has_the_federal_holidays_quebec_lacks() -> None:
    days = bundled_days()
    for federal in ("2020-04-13", "2020-11-11", "2020-12-28", "2021-09-30",  # Easter Monday,
                    "2019-04-22", "2019-11-11", "2019-12-26"):  # Remembrance, Boxing, T&R Day
        assert d(federal) in days
    for quebec in ("2020-06-24", "2020-05-18", "2020-04-10", "2020-07-01"):
        assert d(quebec) in days


def test_a_process_without_a_calendar_gets_the_default(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path))
    # Years of the file's dates (2020-2021) and five more, for periodic rules and amendments.
    assert plan.process.holidays == holiday_dates(DEFAULT_CALENDAR, range(2020, 2027))
    assert {x for x in plan.process.holidays if x.year <= 2025} == \
        {x for x in pinned() if x.year >= 2020}
    assert due_on(write(tmp_path)) == {
        "remembrance": "2020-11-12", "easter-monday": "2020-04-14", "truth": "2021-10-01",
        "boxing": "2020-12-29", "ordinary": "2020-03-03"}


def test_added_and_removed_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "  holidays:\n    country: CA\n    subdivision: QC\n"
                           "    categories: [public]\n    add: [2020-03-03]\n"
                           "    remove: [2020-06-24]\n")
    days = load_plan(path).process.holidays
    assert d("2020-03-03") in days and d("2020-06-24") not in days
    assert d("2020-11-11") not in days  # public only: Remembrance Day is a federal holiday
    assert due_on(path) == {
        "remembrance": "2020-11-11", "easter-monday": "2020-04-13", "truth": "2021-09-30",
        "boxing": "2020-12-28", "ordinary": "2020-03-04"}


def test_another_duty_station(tmp_path: Path) -> None:
    """Nairobi: Kenya's public holidays (Mashujaa Day, 20 October 2020, a Tuesday)."""
    path = write(tmp_path, "  holidays: {country: KE}\n")
    days = load_plan(path).process.holidays
    assert d("2020-10-20") in days and d("2020-11-11") not in days
    assert holiday_dates(HolidayCalendar("KE", None, ("public",)), range(2020, 2021)) == \
        frozenset(x for x in days if x.year == 2020)


def test_a_process_that_adjusts_nothing_skips_the_holiday_data(tmp_path: Path) -> None:
    path = write(tmp_path, "  holidays: {country: CA, subdivision: QC, categories: [government]}\n")
    path.write_text(path.read_text(encoding="utf-8").replace("business_days: following",
                                                             "business_days: none"), encoding="utf-8")
    plan = load_plan(path)
    assert plan.process.holidays == frozenset()
    assert due_on(path)["remembrance"] == "2020-11-11"
    with_rule = path.read_text(encoding="utf-8").replace("due: {on: 2020-11-11}",
                                                          "due: {on: 2020-11-11, adjust: following}")
    path.write_text(with_rule, encoding="utf-8")
    assert due_on(path)["remembrance"] == "2020-11-12", "one rule that adjusts loads the calendar"


def test_load_calendar_reports_unknown_names(tmp_path: Path) -> None:
    path = write(tmp_path, "  holidays: {country: CA, subdivision: ZZ}\n")
    with pytest.raises(ConfigError, match=r"cal.yaml:6: process.holidays.subdivision: unknown"):
        load_calendar(path)


@pytest.mark.parametrize(("block", "line", "field", "message"), [
    ("  holidays: {country: XX}\n", 6, "process.holidays.country", "unknown country 'XX'"),
    ("  holidays: {country: CA, subdivision: ZZ}\n", 6, "process.holidays.subdivision",
     "unknown subdivision 'ZZ' of CA; valid: AB, BC"),
    ("  holidays:\n    country: CA\n    categories: [public, bank]\n", 8,
     "process.holidays.categories", "unknown category 'bank' for CA; valid:"),
    ("  holidays:\n    country: CA\n    add:\n      - 2020-02-30\n", 9, "process.holidays.add[0]",
     "'2020-02-30' is not a real date"),
    ("  holidays:\n    country: CA\n    remove: 2020-06-24\n", 8, "process.holidays.remove",
     "expected a list of dates YYYY-MM-DD"),
    ("  holidays:\n    subdivision: QC\n", 7, "process.holidays.country", "is required"),
    ("  holidays:\n    country: CA\n    region: QC\n", 8, "process.holidays.region",
     "unknown key 'region'"),
])
def test_errors_name_file_line_and_field(tmp_path: Path, block: str, line: int, field: str,
                                         message: str) -> None:
    path = write(tmp_path, block)
    with pytest.raises(ConfigError) as caught:
        load_plan(path)
    texts = [str(issue) for issue in caught.value.issues]
    assert len(texts) == 1, texts
    assert texts[0].startswith(f"{path}:{line}: {field}: {message}")
