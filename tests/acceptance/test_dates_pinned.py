"""Every date form, in English and Chinese, pinned where a user reads it, and the same everywhere.

Issue 8, "Done when": a test pins the en and zh rendering of every date form (day, span within a
month, across months, across years, month window, unscheduled) in terminal, feed and briefing, and
they agree with each other. Dates must not change when a library publishes a new release (Babel
2.19 wrote `2020年2月24日 – 28日` instead of `2020年2月24日至28日`).

The three places: the terminal check (`mandates check`, `--lang zh`), the feeds (`mandates feeds`,
read with icalendar as a calendar client would) and the briefing (`mandates brief --format md`,
`--lang zh`). English forms are CLDR en_GB (`21–22 February 2020`, `30 October – 1 November
2019`); Chinese forms are CLDR zh_Hans_CN with `至` in ranges (`2020年2月24日至29日`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import Scenario, ics_item_text, ics_items, markdown_visible_text


@dataclass(frozen=True)
class DateForm:
    """One date as the bundled process and the recorded facts give it."""

    name: str
    scenario: str  # "plan" (as of 2020-01-06) or "moved" (as of 2020-02-10)
    item: str  # the output or meeting whose feed event carries the date
    en: str
    zh: str
    dtstart: str | None  # the feed's DTSTART;VALUE=DATE (None: no event of its own)
    dtend: str | None  # the feed's DTEND, exclusive (RFC 5545 3.6.1)


FORMS = [
    # WG2020-2 documents: six weeks before WG2020-2 opens on 24 February 2020, a Monday.
    DateForm("day", "plan", "wg2020-2-documents", "13 January 2020", "2020年1月13日",
             "20200113", "20200114"),
    # The review consultation in Kunming as Annex II plans it (tentative).
    DateForm("span within a month", "plan", "consult-review", "21–22 February 2020",
             "2020年2月21日至22日", "20200221", "20200223"),
    # The README's reschedule: WG2020-2 to 24-29 February 2020 in Rome, announced 2020-02-03.
    DateForm("span within a month, moved", "moved", "wg2020-2", "24–29 February 2020",
             "2020年2月24日至29日", "20200224", "20200301"),
    DateForm("across months", "moved", "consult-review", "28 February – 2 March 2020",
             "2020年2月28日至3月2日", "20200228", "20200303"),
    DateForm("across years", "moved", "cop-15", "30 December 2020 – 2 January 2021",
             "2020年12月30日至2021年1月2日", "20201230", "20210103"),
    # The resource-mobilization consultation: "January or February 2020" in Annex II.
    DateForm("month window", "plan", "consult-resource-mobilization", "January or February 2020",
             "2020年1月或2月", "20200101", "20200301"),
    # The area-based measures workshop has no dates: its report, an input of the WG2020-2
    # documents, has no date; the documents' deadline event says so.
    DateForm("unscheduled", "plan", "wg2020-2-documents", "no date", "尚无日期", None, None),
]
SURFACES = ("terminal", "feed", "briefing")
LANGS = ("en", "zh")


def surface_text(scenario: Scenario, surface: str, lang: str, item: str) -> str:
    """What a user reads in one place, in one language (for feeds: the item's own events)."""
    if surface == "terminal":
        return scenario.text_of(scenario.check(lang))
    if surface == "feed":
        calendars = scenario.feeds_written()
        return "\n".join(ics_item_text(path, item) for path in feed_files(calendars, lang))
    return markdown_visible_text(scenario.brief_text(lang, "md"))


def feed_files(calendars: Path, lang: str) -> list[Path]:
    """The feed with every public item, and the secretariat's feed (late-input warnings)."""
    return [calendars / f"all.{lang}.ics", calendars / "private" / f"secretariat.{lang}.ics"]


@pytest.fixture()
def scenarios(plan_scenario: Scenario, moved_scenario: Scenario) -> dict[str, Scenario]:
    return {"plan": plan_scenario, "moved": moved_scenario}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name.replace(" ", "-").replace(",", ""))
def test_date_form_is_pinned(scenarios: dict[str, Scenario], form: DateForm, lang: str,
                             surface: str) -> None:
    text = surface_text(scenarios[form.scenario], surface, lang, form.item)
    expected = form.en if lang == "en" else form.zh
    assert expected in text, (
        f"{form.name} ({form.item}) in the {lang} {surface}: expected {expected!r}.\n"
        f"Dates it does show: {sorted(set(dates_in(text, lang)))[:40]}")


@pytest.mark.parametrize("form", [f for f in FORMS if f.dtstart],
                         ids=lambda f: f.name.replace(" ", "-").replace(",", ""))
@pytest.mark.parametrize("lang", LANGS)
def test_feed_dates_agree_with_the_words(scenarios: dict[str, Scenario], form: DateForm,
                                         lang: str) -> None:
    """The event a calendar places is the span its text names (DTEND exclusive, all-day dates)."""
    calendars = scenarios[form.scenario].feeds_written()
    events = ics_items(calendars / f"all.{lang}.ics", form.item)
    assert events, f"no event for {form.item} in all.{lang}.ics"
    spans = {(e["DTSTART"].to_ical().decode(), e["DTEND"].to_ical().decode() if "DTEND" in e else None)
             for e in events}
    assert (form.dtstart, form.dtend) in spans, spans


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("lang", LANGS)
def test_tentative_dates_say_so_beside_the_date(plan_scenario: Scenario, lang: str,
                                                surface: str) -> None:
    """The review consultation (21–22 February 2020) is tentative: the same line says so."""
    text = surface_text(plan_scenario, surface, lang, "consult-review")
    date, marker = ("21–22 February 2020", "to be confirmed") if lang == "en" else (
        "2020年2月21日至22日", "待确认")
    lines = [line for line in text.splitlines() if date in line]
    assert lines, f"{date!r} is not in the {lang} {surface}"
    assert any(marker in line for line in lines), lines


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("lang", LANGS)
def test_moved_meeting_shows_new_dates_with_the_venue_as_typed(moved_scenario: Scenario, lang: str,
                                                               surface: str) -> None:
    """README: after the reschedule, a check as of 2020-02-10 shows Rome and the new dates.

    The venue was typed in English ("Rome, FAO headquarters"); it is user text, shown as written
    in both languages, on the same line as the new dates (in a feed: in the same event).
    """
    text = surface_text(moved_scenario, surface, lang, "wg2020-2")
    date = "24–29 February 2020" if lang == "en" else "2020年2月24日至29日"
    where = [text] if surface == "feed" else [line for line in text.splitlines() if date in line]
    assert any(date in chunk and "Rome, FAO headquarters" in chunk for chunk in where), (
        where or text[:2000])


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("scenario_name", ["plan", "moved"])
def test_chinese_ranges_use_zhi_never_a_dash(scenarios: dict[str, Scenario], scenario_name: str,
                                             surface: str) -> None:
    """A Chinese range is `2020年2月24日至29日`, never `2020年2月24日 – 29日` (Babel 2.19)."""
    scenario = scenarios[scenario_name]
    if surface == "feed":
        calendars = scenario.feeds_written()
        text = "\n".join(p.read_bytes().decode("utf-8") for p in sorted(calendars.rglob("*.zh.ics")))
        text = re.sub(r"\r?\n[ \t]", "", text)  # unfold (RFC 5545 3.1)
    else:
        text = surface_text(scenario, surface, "zh", "")
    dashed = re.findall(r"\d+[日月]\s*[–—~\-－]\s*\d+[年月日]?", text)
    assert not dashed, dashed[:10]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("scenario_name", ["plan", "moved"])
def test_english_ranges_are_cldr_en_gb(scenarios: dict[str, Scenario], scenario_name: str,
                                       surface: str) -> None:
    """`21–22 February 2020` (en dash, no spaces) within a month; spaced en dash across months."""
    scenario = scenarios[scenario_name]
    if surface == "feed":
        calendars = scenario.feeds_written()
        text = "\n".join(ics_item_text(calendars / "all.en.ics", item)
                         for item in ("wg2020-2", "consult-review", "cop-15", "wg2020-2-documents"))
    else:
        text = surface_text(scenario, surface, "en", "")
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    wrong = (re.findall(rf"\b\d{{1,2}}\s*-\s*\d{{1,2}} {month} \d{{4}}", text)  # hyphen-minus
             + re.findall(rf"\b\d{{1,2}} – \d{{1,2}} {month} \d{{4}}", text)  # spaced within a month
             + re.findall(rf"\b{month} \d{{1,2}}, \d{{4}}", text))  # US order
    assert not wrong, wrong[:10]


def dates_in(text: str, lang: str) -> list[str]:
    """Date-like phrases of a text, to show what a failing surface wrote instead."""
    if lang == "zh":
        return re.findall(r"\d{4}年[\d月日至或年]+|尚无日期|日期待定", text)
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    return re.findall(rf"(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+)?{month}(?:\s+or\s+{month})?"
                      rf"(?:\s+\d{{4}})?(?:\s*–\s*\d{{1,2}} {month} \d{{4}})?|no date", text)


def test_terminal_names_the_weekday_of_a_deadline(plan_scenario: Scenario) -> None:
    """README: the check says "due in 7 days, Monday 13 January 2020"."""
    assert "Monday 13 January 2020" in plan_scenario.text_of(plan_scenario.check("en"))
