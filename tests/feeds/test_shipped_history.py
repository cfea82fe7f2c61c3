"""The feeds of the bundled process with the history shipped with it (issue 9, parts 6 and 7).

Published on the days the record changes what subscribers see: COP-15 split into part one
(Kunming, October 2021) and part two (Montreal, December 2022) is two events, part one keeping
the meeting's original UID; nothing in the plan leaves a feed; SEQUENCE never falls.
"""

from __future__ import annotations

from pathlib import Path

import icalendar
import pendulum
import pytest

from mandates.config.processes import load_process
from mandates.config.settings import Settings
from mandates.core.plan import Plan
from mandates.feeds.publish import publish
from mandates.store.db import Store

from .conftest import NOW

DAYS = ["2020-02-10", "2020-04-01", "2021-06-01", "2021-10-16", "2022-12-20"]
COP15 = "meeting-cop-15@post2020.mandates"
COP15_PART_2 = "meeting-cop-15-part-2@post2020.mandates"


@pytest.fixture(scope="module")
def shipped_plan() -> Plan:
    """The bundled process as installed: founding file, amendments and shipped history."""
    return load_process()


def _events(path: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_shipped_history_moves_cop_15_and_splits_it_into_two_events(
        shipped_plan: Plan, store: Store, settings: Settings) -> None:
    seen: dict[str, int] = {}
    present: set[str] = set()
    for day in DAYS:
        as_of = pendulum.parse(day).date()  # type: ignore[union-attr]
        publish(shipped_plan, store, as_of, settings, settings.calendars_dir, NOW)
        events = _events(settings.calendars_dir / "all.en.ics")
        assert set(events) >= present, f"{day}: {sorted(present - set(events))} left the feed"
        present = set(events)
        for uid, event in events.items():
            number = int(event.get("SEQUENCE", 0))
            assert number >= seen.get(uid, 0), f"{day}: SEQUENCE of {uid} fell"
            seen[uid] = number
        cop15 = events[COP15]
        if day == "2020-02-10":  # as planned: Kunming, 15-28 October 2020
            assert cop15.decoded("DTSTART") == pendulum.Date(2020, 10, 15)
            assert COP15_PART_2 not in events
        if day == "2021-10-16":  # part one held in Kunming, 11-15 October 2021
            assert cop15.decoded("DTSTART") == pendulum.Date(2021, 10, 11)
            assert "Kunming" in str(cop15["LOCATION"])
        if day == "2022-12-20":  # part two in Montreal, 7-19 December 2022: a second event
            assert cop15.decoded("DTSTART") == pendulum.Date(2021, 10, 11)
            part_2 = events[COP15_PART_2]
            assert part_2.decoded("DTSTART") == pendulum.Date(2022, 12, 7)
            assert "Montreal" in str(part_2["LOCATION"])
    assert seen[COP15] >= 3  # planned -> May 2021 -> October 2021 -> split, at least


def test_the_manifest_and_index_say_the_day_and_body_feeds_name_the_body_with_its_article(
        shipped_plan: Plan, store: Store, settings: Settings) -> None:
    """`feeds.json` carries the day the feeds were made as of, which the index page says; a body
    feed's description names the body as a sentence does ("for, the Subsidiary Body ...")."""
    import json

    from mandates.feeds.published import Published, index_html

    publish(shipped_plan, store, pendulum.Date(2020, 4, 1), settings, settings.calendars_dir, NOW)
    listed = json.loads((settings.calendars_dir / "feeds.json").read_text(encoding="utf-8"))
    assert listed["as_of"] == "2020-04-01"
    page = index_html(Published(settings.calendars_dir, {}), "http://127.0.0.1:8000")
    assert "These feeds show the process as of 1 April 2020." in page
    sbstta = next(f for f in listed["feeds"] if f["name"] == "sbstta" and f["lang"] == "en")
    assert sbstta["about"] == ("Meetings of, and public deadlines for, the Subsidiary Body on "
                               "Scientific, Technical and Technological Advice.")
    calendar = icalendar.Calendar.from_ical((settings.calendars_dir / sbstta["file"]).read_bytes())
    described = str(calendar["X-WR-CALDESC"]).replace("\\,", ",")  # an unknown property: kept escaped
    assert described.startswith("Meetings of, and public deadlines for, the Subsidiary Body on")
