"""The secretariat's calendar of holidays, read from the process file (`process.holidays`;
docs/config-format.md, "Holidays") and turned into the set of dates the core's business-day rule
receives (`Process.holidays`).

The calendar belongs to the process, not to the installation: a country and subdivision of the
`holidays` package, the categories observed, and explicit dates added (e.g. days the UN observes
at the duty station) or removed. The dates are computed once, for every year the process spans,
so the core stays pure (no holiday data, no clock) and due dates do not depend on where they
are computed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pendulum
from pendulum import Date

from mandates.config.amendments import amendment_files
from mandates.config.yamlnodes import (
    Collector,
    Map,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
)
from mandates.core.plan import Adjust, AtRule, BeforeRule, EveryRule, OnRule, Plan
from mandates.core.rules import parse_iso_date
from mandates.errors import ConfigError, ConfigIssue

HOLIDAY_KEYS = ("country", "subdivision", "categories", "add", "remove")
FIELD = "process.holidays"
YEARS_AFTER = 5
"""Years computed after the last year the founding file names (periodic rules run to a horizon,
amendments move meetings later)."""


@dataclass(frozen=True, slots=True)
class HolidayCalendar:
    """Which days the secretariat observes: `country` and `subdivision` (ISO 3166 codes as the
    `holidays` package spells them), its `categories` ("public", "government", "optional", ...),
    and dates `added` to or `removed` from what the package gives."""

    country: str
    subdivision: str | None
    categories: tuple[str, ...]
    added: frozenset[Date] = frozenset()
    removed: frozenset[Date] = frozenset()


DEFAULT_CALENDAR = HolidayCalendar("CA", "QC", ("public", "government", "optional"))
"""A process that names no calendar: Montreal, Quebec's public holidays with Canada's federal
ones (Easter Monday, Victoria Day, Remembrance Day, Boxing Day, Truth and Reconciliation Day)."""


def read_calendar(node: Node | None, errors: Collector, check_names: bool = True
                  ) -> HolidayCalendar | None:
    """The calendar of a `process.holidays` mapping (None when absent: DEFAULT_CALENDAR applies).

    Every problem is recorded in `errors` at its line (unknown country, subdivision or category
    when `check_names`, a date that is not a real `YYYY-MM-DD`); the calendar returned is then
    None.
    """
    if node is None:
        return None
    fields = Map(node, FIELD, HOLIDAY_KEYS, errors)
    before = len(errors.issues)
    country = fields.scalar("country", required=True)
    subdivision = fields.scalar("subdivision")
    categories = _texts(fields, "categories") or ("public",)
    added = _dates(fields, "add", errors)
    removed = _dates(fields, "remove", errors)
    if country is not None and check_names:
        _check_names(fields, country, subdivision, categories, errors)
    if country is None or len(errors.issues) > before:
        return None
    return HolidayCalendar(country.upper(), subdivision, categories, added, removed)


def with_holidays(plan: Plan, process_node: Node | None, errors: Collector) -> Plan:
    """`plan` whose process carries the holiday dates of its calendar for the years it spans,
    when any of its deadlines may be moved to a business day (`adjusts`). Otherwise the dates
    are not needed and the `holidays` package (half a second to load) is not asked: the
    calendar's country, subdivision and categories are then checked only in form."""
    node = None
    if isinstance(process_node, MappingNode):
        node = next((v for k, v in process_node.value if k.value == "holidays"), None)
    needed = adjusts(plan)
    issues_before = len(errors.issues)
    calendar = read_calendar(node, errors, check_names=needed)
    if not needed or (calendar is None and len(errors.issues) > issues_before):
        return plan
    years = plan_years(plan)
    if years is None:
        return plan
    first, last = years
    dates = holiday_dates(calendar or DEFAULT_CALENDAR, range(first, last + YEARS_AFTER + 1))
    process = dataclasses.replace(plan.process, holidays=dates)
    return dataclasses.replace(plan, process=process)


def adjusts(plan: Plan) -> bool:
    """Whether a deadline of the process may move to a business day: `business_days` is set, a
    rule has `adjust`, or an amendment file names `adjust` (read as text: amendments are read
    after the founding file)."""
    if plan.process.business_days is not Adjust.NONE:
        return True
    if any(o.due.adjust not in (None, Adjust.NONE) for o in plan.outputs.values()):
        return True
    return any("adjust" in f.read_text(encoding="utf-8", errors="replace")
               for f in amendment_files(Path(plan.files[0])))


def load_calendar(path: Path) -> HolidayCalendar:
    """The calendar a process file names (DEFAULT_CALENDAR when it names none), its names
    checked. Raises ConfigError (`file:line: process.holidays...: message`)."""
    label = str(path)
    errors = Collector(label)
    root = compose(path.read_text(encoding="utf-8"))
    process = None
    if isinstance(root, MappingNode):
        process = next((v for k, v in root.value if k.value == "process"), None)
    node = None
    if isinstance(process, MappingNode):
        node = next((v for k, v in process.value if k.value == "holidays"), None)
    calendar = read_calendar(node, errors)
    if errors.issues:
        raise ConfigError([ConfigIssue(*issue) for issue in errors.issues])
    return calendar or DEFAULT_CALENDAR


def holiday_dates(calendar: HolidayCalendar, years: range) -> frozenset[Date]:
    """The days observed in `years`: the package's holidays of the calendar's categories, plus
    the dates added, minus the dates removed. Raises ValueError for an unknown country,
    subdivision or category."""
    import holidays  # imported here: only loading a process pays for the holiday data

    found = holidays.country_holidays(calendar.country, subdiv=calendar.subdivision,
                                      years=years, categories=calendar.categories)
    days = {pendulum.Date(d.year, d.month, d.day) for d in found}
    return frozenset((days | calendar.added) - calendar.removed)


def plan_years(plan: Plan) -> tuple[int, int] | None:
    """The first and last year any date of the founding plan falls in (meetings and rules);
    None when it names no date."""
    years: set[int] = set()
    for meeting in plan.meetings.values():
        for day in (meeting.opens_on, meeting.closes_on):
            if day is not None:
                years.add(day.year)
        if meeting.window is not None:
            years.update((meeting.window.earliest.year, meeting.window.latest.year))
    for output in plan.outputs.values():
        rule = output.due
        if isinstance(rule, OnRule):
            years.add(rule.on.year)
        elif isinstance(rule, EveryRule):
            years.add(rule.start.year)
            if rule.until_date is not None:
                years.add(rule.until_date.year)
        elif not isinstance(rule, BeforeRule | AtRule):  # pragma: no cover - exhaustive
            raise TypeError(f"unknown due rule {rule!r}")
    if not years:
        return None
    return min(years), max(years)


def _texts(fields: Map, key: str) -> tuple[str, ...]:
    node = fields.get(key)
    if node is None:
        return ()
    if isinstance(node, ScalarNode):
        return (str(node.value),)
    if not isinstance(node, SequenceNode) or not all(isinstance(n, ScalarNode) for n in node.value):
        fields.errors.add(node, f"{FIELD}.{key}", "expected a list of names")
        return ()
    return tuple(str(n.value) for n in node.value)


def _dates(fields: Map, key: str, errors: Collector) -> frozenset[Date]:
    node = fields.get(key)
    if node is None:
        return frozenset()
    if not isinstance(node, SequenceNode):
        errors.add(node, f"{FIELD}.{key}", "expected a list of dates YYYY-MM-DD")
        return frozenset()
    days: set[Date] = set()
    for index, item in enumerate(node.value):
        where = f"{FIELD}.{key}[{index}]"
        if not isinstance(item, ScalarNode):
            errors.add(item, where, "expected a date YYYY-MM-DD")
            continue
        try:
            days.add(parse_iso_date(str(item.value)))
        except ValueError as exc:
            errors.add(item, where, str(exc))
    return frozenset(days)


def _check_names(fields: Map, country: str, subdivision: str | None,
                 categories: tuple[str, ...], errors: Collector) -> None:
    """Unknown country, subdivision or category: an error at the value's line, with the valid
    names (the `holidays` package's own lists)."""
    import holidays

    supported = holidays.list_supported_countries(include_aliases=False)
    code = country.upper()
    if code not in supported:
        errors.add(fields.get("country"), f"{FIELD}.country",
                   f"unknown country {country!r}; use an ISO 3166 code the holidays package "
                   f"supports (e.g. CA, CH, KE, US)")
        return
    if subdivision is not None and subdivision not in supported[code]:
        errors.add(fields.get("subdivision"), f"{FIELD}.subdivision",
                   f"unknown subdivision {subdivision!r} of {code}; valid: "
                   f"{', '.join(supported[code])}")
    valid = holidays.country_holidays(code).supported_categories
    for category in categories:
        if category not in valid:
            errors.add(fields.get("categories"), f"{FIELD}.categories",
                       f"unknown category {category!r} for {code}; valid: {', '.join(valid)}")
