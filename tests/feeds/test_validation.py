"""Every feed passes four independent parsers and the lint (issue 4, done-when).

icalendar, ical (strict), vobject (validate=True) and Mozilla's ical.js read every feed, agree
on every UID and title, and the lint finds nothing; arbitrary Unicode titles keep it so.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.config.settings import Settings
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import Store

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

AS_OF_BEFORE = pendulum.Date(2019, 11, 1)
AS_OF_AFTER = pendulum.Date(2020, 3, 15)


def _changes(plan: Plan) -> list[Any]:
    """WG2020-2 moved to Rome, SBSTTA-24 postponed, a window meeting cancelled, a delivery, a waiver."""
    return [
        make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3), recorded_at=RECORDED_AT,
                  opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                  venue="Rome, Italy", timezone="Europe/Rome"),
        make_fact(plan, FactKind.POSTPONED, "sbstta-24", pendulum.Date(2020, 3, 10), recorded_at=RECORDED_AT),
        make_fact(plan, FactKind.CANCELLED, "ws-review-mechanisms", pendulum.Date(2020, 1, 20),
                  recorded_at=RECORDED_AT),
        make_fact(plan, FactKind.DELIVERED, "wg2020-2-documents", pendulum.Date(2020, 1, 17),
                  recorded_at=RECORDED_AT,
                  ref="CBD/WG2020/2/3"),
        make_fact(plan, FactKind.WAIVED, "consult-iucn-report", pendulum.Date(2020, 2, 1),
                  recorded_at=RECORDED_AT,
                  text="IUCN will report to WG2020-3 instead; no separate report"),
    ]


@pytest.fixture(params=["before", "after"])
def scenario(request: pytest.FixtureRequest, write: Any, bundled_plan: Plan,
             settings: Settings) -> list[Path]:
    """All feeds as of 1 November 2019, or as of 15 March 2020 after the changes above."""
    if request.param == "before":
        return write(AS_OF_BEFORE)
    return write(AS_OF_AFTER, facts=_changes(bundled_plan))


def test_every_feed_passes_the_python_parsers_and_the_lint(scenario: list[Path],
                                                           kit: SimpleNamespace) -> None:
    """icalendar, ical and vobject read every feed and agree on each UID's title; no lint problem."""
    assert len(scenario) >= 20
    total = 0
    for path in scenario:  # a body whose only meeting is TBD: one event saying so
        seen = kit.python_parsers(path)
        assert seen["icalendar"] == seen["ical"] == seen["vobject"], path.name
        total += len(seen["icalendar"])
    assert total > 500


def test_every_feed_passes_ical_js(scenario: list[Path], icaljs: Any, kit: SimpleNamespace) -> None:
    """Mozilla's ical.js (Thunderbird) reads every feed with the same UIDs, titles and dates."""
    for result in icaljs(scenario):
        path = Path(result["file"])
        expected = kit.events(path)
        read = {e["uid"]: e for e in result["events"]} | {t["uid"]: t for t in result["todos"]}
        assert set(read) == set(expected), path.name
        for uid, item in read.items():
            assert item["summary"] == expected[uid]["summary"], uid
            if "start" in item:
                assert item["allDay"] is True
                assert item["start"] == expected[uid]["start"].isoformat()
                assert item["end"] == expected[uid]["end"].isoformat()
        assert result["name"] == result["calname"]
        assert result["refresh"] == "PT12H"


def test_the_feeds_are_utf8_crlf_and_folded_on_character_boundaries(scenario: list[Path]) -> None:
    """CRLF only, at most 75 octets a line, and every line valid UTF-8 on its own."""
    for path in scenario:
        data = path.read_bytes()
        assert b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75
            line.decode("utf-8")
        if ".zh." in path.name:
            assert "会议".encode() in data


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)
TRICKY = st.sampled_from(["a, b; c", "back\\slash", "line\nbreak\r\nand\rcr", "工作组第二次会议" * 12,
                          "🦋🌏 biodiversity 🐝", "\t tab", "quote \"x\" 'y'", "café ĳ ǅ", "a\\;b\\,c",
                          "ZWJ 👩‍🔬 family 👨‍👩‍👧", "\u2028sep\u2029", "\x00\x07\x1b controls", "é" * 80])
TITLES = st.one_of(TEXT, TRICKY, st.builds(lambda a, b: a + b, TRICKY, TEXT))


@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(meeting_en=TITLES, meeting_zh=TITLES, output_en=TITLES, output_zh=TITLES)
def test_arbitrary_unicode_titles_keep_every_feed_valid(
        meeting_en: str, meeting_zh: str, output_en: str, output_zh: str, bundled_plan: Plan,
        store: Store, tmp_path: Path, kit: SimpleNamespace) -> None:
    """Commas, semicolons, backslashes, newlines, controls, CJK, emoji in titles: still valid."""
    from mandates.feeds.publish import publish

    plan = kit.renamed(kit.small_plan(bundled_plan), {
        "wg2020-2": (meeting_en, meeting_zh), "ws-review-mechanisms": (output_zh, meeting_en),
        "wg2020-2-documents": (output_en, output_zh), "views-structure": (output_zh, meeting_en),
        "bureau-progress-reports": (meeting_zh, output_en)})
    out = tmp_path / "calendars"
    publish(plan, store, AS_OF_BEFORE, kit.make_settings(out), out, kit.NOW)
    uid = "meeting-wg2020-2@post2020.mandates"
    for name in ("all.en", "all.zh", "private/secretariat.en", "private/secretariat.zh", "tasks.en",
                 "tasks.zh", "wg2020.zh"):  # every kind of item and component, in both languages
        path = out / f"{name}.ics"
        seen = kit.python_parsers(path)
        assert seen["icalendar"] == seen["ical"] == seen["vobject"], path.name
        if uid in seen["icalendar"]:
            title = meeting_zh if ".zh." in path.name else meeting_en
            assert seen["icalendar"][uid] == _cleaned(title)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=TITLES)
def test_arbitrary_unicode_titles_pass_ical_js(title: str, bundled_plan: Plan, store: Store,
                                               tmp_path: Path, icaljs: Any, kit: SimpleNamespace) -> None:
    """The same for Thunderbird's parser."""
    from mandates.feeds.publish import publish

    plan = kit.renamed(kit.small_plan(bundled_plan), {"wg2020-2": (title, title)})
    out = tmp_path / "calendars"
    publish(plan, store, AS_OF_BEFORE, kit.make_settings(out), out, kit.NOW)
    [en, zh] = icaljs([out / "meetings.en.ics", out / "meetings.zh.ics"])
    for result in (en, zh):
        found = {e["uid"]: e["summary"] for e in result["events"]}
        assert found["meeting-wg2020-2@post2020.mandates"] == _cleaned(title)


def _cleaned(title: str) -> str:
    from mandates.feeds.ics import clean

    return clean(title, single_line=True)
