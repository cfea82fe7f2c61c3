"""Issue 9 ("The living plan"), "Why": every failing case the issue lists, as a test.

Each test is a user with a fresh SQLite database and the founding process file alone (the bundled
config folder copied without `post2020.history.yaml` and `post2020.amendments/`, so the shipped
history cannot make a case pass or fail), recording facts with the commands of the spec
(tools/issue9-spec.md) and reading `mandates check --as-of D --format json`, the terminal check,
`mandates show` and the feeds, at frozen dates. The dates and places are those of the public record
(see replay_expected.yaml for sources).

Assumptions (names the spec leaves open; see living/readers.py for the JSON keys):
- every command, the new ones included (`split`, `held`, `add-meeting`, `add-output`, `import`,
  `export`), accepts `--config FILE` as the existing ones do;
- `reschedule M --part N` records the dates/venue/mode of part N (a PART fact): the way to record a
  meeting held in parts; `split M --part 2 ...` splits it; `--mode` takes in-person|online|hybrid;
- `add-meeting` takes `--window YYYY-MM..YYYY-MM`, `--venue TEXT` and `--timezone ZONE` (the
  latter only for an unknown city); `add-output` takes `--responsible B` once;
- JSON: a meeting's `mode`, `parts`, tentativeness, `provenance`/`held_provenance`; an output's
  `provenance` and `latest_finish`; `reason_code` values `set_too_late` and
  `meeting_unconfirmed` (the spec's SET_TOO_LATE and MEETING_UNCONFIRMED in lower case); a window
  is `{"earliest": ..., "latest": ...}` as today (a quarter may add `"precision": "quarter"`);
- the terminal check keeps its `Overdue (N)` section with one `  id ...` line per output;
  `--assumed hide` removes assumed outputs from that section and lists them elsewhere;
- feed UIDs: a meeting `meeting-ID@...`, a part `meeting-ID-part-N@...` (part 1 keeps
  `meeting-ID@...`), as the spec and DESIGN.md say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .living import readers as r
from .living.runner import User, founding_copy, sqlite_user


@pytest.fixture(scope="module")
def founding(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The founding process file (CBD/WG2020/REC/1/1 as adopted), without shipped history."""
    return founding_copy(tmp_path_factory.mktemp("founding") / "config")


@pytest.fixture()
def user(tmp_path: Path, founding: Path) -> User:
    """A secretariat user with a fresh SQLite database and the founding process file."""
    return sqlite_user(tmp_path / "user", founding)


# --------------------------------------------------------------------------------------------
# A meeting added later can be rescheduled; a document added later can be delivered.

WG2020_4 = ("add-meeting", "wg2020-4", "--body", "wg2020",
            "--title-en", "Fourth meeting of the Open-ended Working Group on the Post-2020 Global "
                          "Biodiversity Framework",
            "--title-zh", "2020年后全球生物多样性框架不限成员名额工作组第四次会议",
            "--window", "2022-06..2022-06", "--venue", "Nairobi, Kenya", "--type", "1",
            "--source", "CBD/WG2020/REC/3/3", "--announced", "2022-03-29")


def test_a_meeting_added_later_can_be_rescheduled(user: User) -> None:
    user.refused("reschedule", "wg2020-4", "--opens", "2022-06-21", "--closes", "2022-06-26",
                 "--announced", "2022-04-20")  # unknown before it is added: still refused
    user.ok(*WG2020_4)
    user.ok("reschedule", "wg2020-4", "--opens", "2022-06-21", "--closes", "2022-06-26",
            "--announced", "2022-04-20")

    assert "wg2020-4" not in r.meetings(user.check("2022-03-28")), \
        "an amendment announced on 29 March 2022 is not in the plan as of 28 March"

    announced = r.meeting(user.check("2022-04-01"), "wg2020-4")
    assert announced["window"]["earliest"] == "2022-06-01"
    assert announced["window"]["latest"] == "2022-06-30"
    assert r.is_tentative(announced)
    assert "Nairobi" in r.venue_en(announced) and announced["timezone"] == "Africa/Nairobi"

    moved = r.meeting(user.check("2022-05-01"), "wg2020-4")
    assert (moved["opens_on"], moved["closes_on"]) == ("2022-06-21", "2022-06-26")
    assert r.meeting_status(moved) in ("scheduled", "rescheduled")
    assert moved["timezone"] == "Africa/Nairobi"


FIRST_DRAFT = ("add-output", "first-draft",
               "--title-en", "First draft of the post-2020 global biodiversity framework",
               "--title-zh", "2020年后全球生物多样性框架初稿",
               "--responsible", "wg2020-co-chairs", "--mandate", "CBD/WG2020/2/4 para 3",
               "--due-before", "wg2020-3", "--weeks", "6", "--for", "wg2020-3",
               "--source", "CBD/WG2020/2/4", "--announced", "2020-02-29")


def test_delivering_a_new_document_works_after_it_is_added(user: User) -> None:
    user.refused("deliver", "first-draft", "--on", "2021-07-12", "--ref", "CBD/WG2020/3/3")
    user.ok(*FIRST_DRAFT)
    user.ok("reschedule", "wg2020-3", "--opens", "2021-08-23", "--closes", "2021-09-03",
            "--mode", "online", "--announced", "2021-05-20")
    user.ok("deliver", "first-draft", "--on", "2021-07-12", "--ref", "CBD/WG2020/3/3")

    assert "first-draft" not in r.outputs(user.check("2020-02-28"))
    planned = r.output(user.check("2020-03-01"), "first-draft")
    assert planned["due"] == "2020-06-15"  # six weeks before WG2020-3 in Cali, 27 July 2020
    assert planned["status"] != "delivered"

    delivered = r.output(user.check("2021-07-13"), "first-draft")
    assert delivered["due"] == "2021-07-12"  # six weeks before 23 August 2021
    assert delivered["status"] == "delivered" and delivered["delivered_on"] == "2021-07-12"
    assert delivered["provenance"] == "recorded" and delivered["presumed"] is False


# --------------------------------------------------------------------------------------------
# Parts, split, online, window, quarter, tentative.


def test_a_meeting_held_in_parts_can_be_recorded(user: User) -> None:
    user.ok("reschedule", "sbstta-24", "--part", "1", "--opens", "2021-05-03", "--closes",
            "2021-06-09", "--mode", "online", "--announced", "2021-04-09")
    user.ok("reschedule", "sbstta-24", "--part", "2", "--opens", "2022-03-14", "--closes",
            "2022-03-29", "--venue", "Geneva, Switzerland", "--mode", "in-person",
            "--announced", "2022-02-02")

    first = r.meeting(user.check("2021-06-01"), "sbstta-24")
    part1 = r.part(first, 1)
    assert (part1["opens_on"], part1["closes_on"], part1["mode"]) == ("2021-05-03", "2021-06-09",
                                                                     "online")
    assert not r.is_held(first) and r.meeting_status(first) not in ("postponed", "cancelled")

    data = user.check("2022-02-10")
    both = r.meeting(data, "sbstta-24")
    part2 = r.part(both, 2)
    assert (part2["opens_on"], part2["closes_on"]) == ("2022-03-14", "2022-03-29")
    assert "Geneva" in r.venue_en(part2) and part2["timezone"] == "Europe/Zurich"
    assert part2["mode"] == "in-person"
    assert r.part(both, 1)["mode"] == "online"
    # The meeting's span runs from its first part's opening to its last part's close, and what it
    # adopts is available when the last part closes (type 1: no report lag).
    assert (both["opens_on"], both["closes_on"]) == ("2021-05-03", "2022-03-29")
    assert r.meeting_status(both) == "in_parts"
    recs = r.output(data, "sbstta-24-recs-wg-requests")
    assert recs["due"] == "2022-03-29" and recs["status"] != "delivered"

    after = user.check("2022-04-01")
    assert r.is_held(r.meeting(after, "sbstta-24"))
    adopted = r.output(after, "sbstta-24-recs-wg-requests")
    assert adopted["status"] == "delivered" and adopted["delivered_on"] == "2022-03-29"


def test_split_cop15_gives_two_events_and_part_one_stays_in_every_calendar(
        user: User, tmp_path: Path) -> None:
    user.ok("reschedule", "cop-15", "--opens", "2021-10-11", "--closes", "2021-10-24",
            "--announced", "2021-03-19")
    before = user.feeds("2021-08-17", tmp_path / "before")
    user.ok("split", "cop-15", "--part", "2", "--opens", "2022-04-25", "--closes", "2022-05-08",
            "--venue", "Kunming, China", "--announced", "2021-08-18")
    user.ok("reschedule", "cop-15", "--part", "1", "--opens", "2021-10-11", "--closes",
            "2021-10-15", "--mode", "hybrid", "--announced", "2021-08-18")
    user.ok("reschedule", "cop-15", "--part", "2", "--opens", "2022-12-07", "--closes",
            "2022-12-19", "--venue", "Montreal, Canada", "--announced", "2022-06-21")

    split = r.meeting(user.check("2021-10-16"), "cop-15")
    assert r.meeting_status(split) in ("split", "in_parts")
    one, two = r.part(split, 1), r.part(split, 2)
    assert (one["opens_on"], one["closes_on"]) == ("2021-10-11", "2021-10-15") and r.is_held(one)
    assert (two["opens_on"], two["closes_on"]) == ("2022-04-25", "2022-05-08")
    assert not r.is_held(two) and "Kunming" in r.venue_en(two)

    moved = r.meeting(user.check("2022-07-01"), "cop-15")
    two = r.part(moved, 2)
    assert (two["opens_on"], two["closes_on"]) == ("2022-12-07", "2022-12-19")
    assert "Montreal" in r.venue_en(two) and two["timezone"] == "America/Toronto"
    assert (moved["opens_on"], moved["closes_on"]) == ("2021-10-11", "2022-12-19")

    after = user.feeds("2022-12-20", tmp_path / "after")
    had_cop15 = [f.relative_to(before) for f in r.feed_files(before)
                 if r.uid_of("meeting", "cop-15", set(r.events(f)))]
    assert len(had_cop15) >= 4, "COP-15 was in the all, meetings and COP feeds, en and zh"
    for name in had_cop15:
        found = r.events(after / name)
        first = r.uid_of("meeting", "cop-15", set(found))
        second = r.uid_of("meeting", "cop-15-part-2", set(found))
        assert first and second, f"{name}: part one {first}, part two {second}"
        assert str(found[first]["DTSTART"].to_ical().decode()) == "20211011", name
        assert found[first]["DTEND"].to_ical().decode() == "20211016", name  # exclusive end
        assert found[second]["DTSTART"].to_ical().decode() == "20221207", name
        assert found[second]["DTEND"].to_ical().decode() == "20221220", name
        assert "Montreal" in str(found[second].get("LOCATION", "")) or name.name.endswith(".zh.ics")
        old = r.events(before / name)[first]
        assert r.sequence(found[first]) > r.sequence(old), f"{name}: part one moved, same SEQUENCE"


def test_a_meeting_turned_online_keeps_its_dates(user: User) -> None:
    assert r.meeting(user.check("2020-03-05"), "ahteg-dsi-meeting")["mode"] == "in-person"
    user.ok("reschedule", "ahteg-dsi-meeting", "--opens", "2020-03-17", "--closes", "2020-03-20",
            "--mode", "online", "--announced", "2020-03-06")
    before = r.meeting(user.check("2020-03-05"), "ahteg-dsi-meeting")
    online = r.meeting(user.check("2020-03-10"), "ahteg-dsi-meeting")
    assert before["mode"] == "in-person"
    assert online["mode"] == "online"
    assert (online["opens_on"], online["closes_on"]) == ("2020-03-17", "2020-03-20")
    assert r.meeting_status(online) in ("scheduled", "rescheduled")
    assert r.venue_en(online) == r.venue_en(before)  # the mode is data, not venue text


def test_new_dates_as_a_month_window(user: User) -> None:
    user.ok("postpone", "wg2020-3", "--announced", "2020-03-23")
    user.ok("reschedule", "wg2020-3", "--window", "2021-01..2021-03", "--announced", "2020-08-24")
    assert r.meeting_status(r.meeting(user.check("2020-06-01"), "wg2020-3")) == "postponed"
    data = user.check("2020-09-01")
    wg = r.meeting(data, "wg2020-3")
    assert r.meeting_status(wg) != "postponed"
    assert (wg["window"]["earliest"], wg["window"]["latest"]) == ("2021-01-01", "2021-03-31")
    assert wg["opens_on"] is None and r.is_tentative(wg)
    text = r.output(data, "wg2020-3-framework-text")
    assert text["due"] == "2021-03-31" and text["tentative"] is True


def test_new_dates_as_a_quarter(user: User) -> None:
    user.ok("reschedule", "sbstta-24", "--opens", "2020-11-02", "--closes", "2020-11-07",
            "--venue", "Quebec City, Canada", "--announced", "2020-07-14")
    user.ok("reschedule", "sbstta-24", "--quarter", "2021-Q1", "--tentative",
            "--announced", "2020-08-24")
    data = user.check("2020-09-01")
    sbstta = r.meeting(data, "sbstta-24")
    assert (sbstta["window"]["earliest"], sbstta["window"]["latest"]) == ("2021-01-01",
                                                                          "2021-03-31")
    assert sbstta["window"].get("precision", "quarter") == "quarter"
    assert r.is_tentative(sbstta) and sbstta["opens_on"] is None
    recs = r.output(data, "sbstta-24-recs-wg-requests")
    assert recs["due"] == "2021-03-31" and recs["tentative"] is True


def test_tentative_new_days_are_recorded_as_tentative(user: User) -> None:
    user.ok("reschedule", "sbstta-24", "--opens", "2020-08-25", "--closes", "2020-08-30",
            "--venue", "Ottawa, Canada", "--tentative", "--announced", "2020-03-23")
    data = user.check("2020-04-01")
    sbstta = r.meeting(data, "sbstta-24")
    assert (sbstta["opens_on"], sbstta["closes_on"]) == ("2020-08-25", "2020-08-30")
    assert "Ottawa" in r.venue_en(sbstta) and sbstta["timezone"] == "America/Toronto"
    assert r.is_tentative(sbstta)
    recs = r.output(data, "sbstta-24-recs-wg-requests")
    assert recs["due"] == "2020-08-30" and recs["tentative"] is True


# --------------------------------------------------------------------------------------------
# A reschedule after a reschedule, and after a postponement.


def test_a_reschedule_after_a_reschedule_applies_the_new_dates(user: User) -> None:
    user.ok("reschedule", "wg2020-2", "--opens", "2020-03-02", "--closes", "2020-03-06",
            "--announced", "2020-01-20")
    # The command, word for word, after the earlier reschedule.
    user.ok("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-28",
            "--venue", "Rome, FAO headquarters", "--announced", "2020-02-03")
    first = r.meeting(user.check("2020-01-25"), "wg2020-2")
    assert (first["opens_on"], first["closes_on"]) == ("2020-03-02", "2020-03-06")
    assert "Kunming" in r.venue_en(first)
    data = user.check("2020-02-10")
    second = r.meeting(data, "wg2020-2")
    assert (second["opens_on"], second["closes_on"]) == ("2020-02-24", "2020-02-28")
    assert "Rome" in r.venue_en(second) and second["timezone"] == "Europe/Rome"
    assert r.output(data, "wg2020-2-documents")["due"] == "2020-01-13"  # six weeks before 24 Feb


def test_a_reschedule_after_a_postponement_lifts_it(user: User) -> None:
    # SBSTTA-24 as it happened in 2020: postponed, tentatively Ottawa, postponed again, Quebec
    # City, postponed to "the first quarter of 2021, conditions allowing", then online in 2021.
    user.ok("postpone", "sbstta-24", "--announced", "2020-03-13")
    user.ok("reschedule", "sbstta-24", "--opens", "2020-08-25", "--closes", "2020-08-30",
            "--venue", "Ottawa, Canada", "--tentative", "--announced", "2020-03-23")
    user.ok("postpone", "sbstta-24", "--announced", "2020-05-29")
    user.ok("reschedule", "sbstta-24", "--opens", "2020-11-02", "--closes", "2020-11-07",
            "--venue", "Quebec City, Canada", "--announced", "2020-07-14")
    user.ok("postpone", "sbstta-24", "--quarter", "2021-Q1", "--announced", "2020-08-24")
    user.ok("reschedule", "sbstta-24", "--part", "1", "--opens", "2021-05-03", "--closes",
            "2021-06-09", "--mode", "online", "--announced", "2021-04-09")

    assert r.meeting_status(r.meeting(user.check("2020-03-20"), "sbstta-24")) == "postponed"
    ottawa = r.meeting(user.check("2020-04-01"), "sbstta-24")
    assert r.meeting_status(ottawa) != "postponed" and r.is_tentative(ottawa)
    assert (ottawa["opens_on"], ottawa["closes_on"]) == ("2020-08-25", "2020-08-30")
    assert r.meeting_status(r.meeting(user.check("2020-06-15"), "sbstta-24")) == "postponed"
    data = user.check("2020-08-01")
    quebec = r.meeting(data, "sbstta-24")
    assert r.meeting_status(quebec) in ("scheduled", "rescheduled")
    assert (quebec["opens_on"], quebec["closes_on"]) == ("2020-11-02", "2020-11-07")
    assert "Quebec" in r.venue_en(quebec) and quebec["timezone"] == "America/Toronto"
    assert r.output(data, "sbstta-24-recs-wg-requests")["due"] == "2020-11-07"
    expected = r.meeting(user.check("2020-09-01"), "sbstta-24")
    assert r.meeting_status(expected) in ("postponed", "tentative") and not r.is_held(expected)
    if r.meeting_status(expected) == "tentative":  # postponed, with the expected quarter as its window
        assert expected["opens_on"] is None
        assert (expected["window"]["earliest"], expected["window"]["latest"]) == ("2021-01-01",
                                                                                  "2021-03-31")
    online = r.meeting(user.check("2021-04-10"), "sbstta-24")
    assert r.meeting_status(online) not in ("postponed", "tentative", "held")
    one = r.part(online, 1)
    assert (one["opens_on"], one["closes_on"], one["mode"]) == ("2021-05-03", "2021-06-09",
                                                               "online")


# --------------------------------------------------------------------------------------------
# A new venue: its zone, and in Chinese.


def test_a_new_venue_gets_the_zone_of_its_city(user: User, tmp_path: Path) -> None:
    # The README's command, word for word: no --timezone, no terminal to ask for the Chinese.
    user.ok("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
            "--venue", "Rome, FAO headquarters", "--announced", "2020-02-03")
    rome = r.meeting(user.check("2020-02-10"), "wg2020-2")
    assert rome["timezone"] == "Europe/Rome"
    assert r.meeting(user.check("2020-01-31"), "wg2020-2")["timezone"] == "Asia/Shanghai"
    feeds = user.feeds("2020-02-10", tmp_path / "calendars")
    found = r.events(feeds / "meetings.en.ics")
    event = found[r.uid_of("meeting", "wg2020-2", set(found)) or "missing"]
    description = str(event.get("DESCRIPTION", ""))
    assert "Europe/Rome" in description and "Asia/Shanghai" not in description
    assert "Rome" in str(event.get("LOCATION", ""))


def test_a_new_venue_can_be_given_in_chinese(user: User) -> None:
    user.ok("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
            "--venue", "Rome, Italy (FAO headquarters)", "--venue-zh", "意大利罗马（粮农组织总部）",
            "--announced", "2020-02-03")
    user.ok("reschedule", "consult-capacity-building", "--opens", "2020-03-01", "--closes",
            "2020-03-02", "--venue-zh", "意大利罗马（粮农组织总部）", "--written-in", "zh",
            "--timezone", "Europe/Rome", "--announced", "2020-02-03")
    data = user.check("2020-02-10")
    both = r.meeting(data, "wg2020-2")
    assert both["venue"]["en"] == "Rome, Italy (FAO headquarters)"
    assert both["venue"]["zh"] == "意大利罗马（粮农组织总部）"
    assert both["timezone"] == "Europe/Rome"
    chinese = r.meeting(data, "consult-capacity-building")
    assert chinese["venue"]["zh"] == "意大利罗马（粮农组织总部）"
    assert chinese["venue"]["written_in"] == "zh"
    assert "Kunming" not in r.venue_en(chinese)
    assert chinese["timezone"] == "Europe/Rome"
    assert (chinese["opens_on"], chinese["closes_on"]) == ("2020-03-01", "2020-03-02")
    assert "意大利罗马（粮农组织总部）" in user.check_text("2020-02-10", "--lang", "zh") or \
        "意大利罗马（粮农组织总部）" in user.ok("show", "consult-capacity-building", "--as-of",
                                        "2020-02-10", "--lang", "zh").stdout


def test_a_new_venue_in_an_unknown_city_needs_a_zone(user: User) -> None:
    refused = user.refused("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes",
                           "2020-02-29", "--venue", "Atlantis Convention Centre",
                           "--announced", "2020-02-03")
    assert "--timezone" in refused.output
    wg = r.meeting(user.check("2020-02-10"), "wg2020-2")  # nothing was written
    assert "Kunming" in r.venue_en(wg) and wg["timezone"] == "Asia/Shanghai"
    assert wg["closes_on"] == "2020-02-28"


# --------------------------------------------------------------------------------------------
# Known, presumed, assumed.


def test_tentative_meetings_are_not_presumed_held(user: User) -> None:
    data = user.check("2020-03-01")
    # "January 2020, to be confirmed": its possible dates have passed, and nothing says it met.
    workshop = r.meeting(data, "ws-review-mechanisms")
    assert not r.is_held(workshop) and r.meeting_status(workshop) == "tentative"
    options = r.output(data, "ws-review-mechanisms-options")
    assert options["status"] != "delivered" and options["delivered_on"] is None
    assert options["presumed"] is False
    assert options["reason_code"] == "meeting_unconfirmed"
    assert "arrived" not in r.reason_en(options)
    claims = arrival_claims(data)
    for output_id in ("ws-review-mechanisms-options", "consult-review-report"):
        assert not [c for c in claims if c[1] == output_id], claims
    # Kunming, 21-22 February 2020, "to be confirmed": days passed, still not presumed held.
    review = r.meeting(data, "consult-review")
    assert not r.is_held(review)
    assert r.output(data, "consult-review-report")["status"] != "delivered"
    assert "arrived on" not in user.check_text("2020-03-01")

    # New days announced as tentative and passed: not held either.
    user.ok("reschedule", "sbstta-24", "--opens", "2020-08-25", "--closes", "2020-08-30",
            "--venue", "Ottawa, Canada", "--tentative", "--announced", "2020-03-23")
    later = user.check("2020-09-15")
    assert not r.is_held(r.meeting(later, "sbstta-24"))
    for output_id in ("sbstta-24-recs-wg-requests", "sbstta-24-recs-scientific-technical"):
        recs = r.output(later, output_id)
        assert recs["status"] != "delivered" and recs["presumed"] is False, output_id
        assert recs["reason_code"] == "meeting_unconfirmed", output_id


def arrival_claims(data: r.Json) -> list[tuple[str, str, str]]:
    """(output, input, reason) for every input or late input said to have arrived."""
    found = [(o["id"], i["id"], r.reason_en(i)) for o in data["outputs"] for i in o["inputs"]]
    found += [(li["output"], li["id"], r.reason_en(li)) for li in data["late_inputs"]]
    return [claim for claim in found if "arrived" in claim[2]]


def test_presumed_things_are_worded_as_presumed(user: User) -> None:
    # The UNU landscapes meeting moved to 20-22 January 2020, confirmed: its report (30 days'
    # lag) is presumed to come on 21 February, after the WG2020-2 documents were due (13 January).
    user.ok("reschedule", "unu-landscapes", "--opens", "2020-01-20", "--closes", "2020-01-22",
            "--announced", "2019-12-01")
    late = {(li["output"], li["id"]): li for li in user.check("2020-03-01")["late_inputs"]}
    report = late[("wg2020-2-documents", "unu-landscapes-report")]
    assert "presum" in r.reason_en(report) and "arrived" not in r.reason_en(report), report

    data = user.check("2019-09-15")
    wg = r.meeting(data, "wg2020-1")
    assert r.is_held(wg) and r.held_provenance(wg) == "presumed"
    outcome = r.output(data, "wg2020-1-outcome")
    assert outcome["status"] == "delivered" and outcome["provenance"] == "presumed"
    assert "presum" in r.reason_en(outcome).lower()
    shown = user.ok("show", "wg2020-1", "--as-of", "2019-09-15").stdout
    assert "presumed held" in shown
    presumed_zh = r.reason_zh(outcome)
    shown_zh = user.ok("show", "wg2020-1", "--as-of", "2019-09-15", "--lang", "zh").stdout

    user.ok("held", "wg2020-1", "--on", "2019-08-30")
    user.ok("deliver", "wg2020-1-outcome", "--on", "2019-08-30", "--ref", "CBD/WG2020/1/5")
    data = user.check("2019-09-15")
    wg = r.meeting(data, "wg2020-1")
    assert r.is_held(wg) and r.held_provenance(wg) == "recorded"
    outcome = r.output(data, "wg2020-1-outcome")
    assert outcome["provenance"] == "recorded" and outcome["presumed"] is False
    assert "presum" not in r.reason_en(outcome).lower()
    assert "presumed held" not in user.ok("show", "wg2020-1", "--as-of", "2019-09-15").stdout
    # Chinese says it too: the presumed and the recorded are not worded alike.
    assert r.reason_zh(outcome) != presumed_zh
    assert user.ok("show", "wg2020-1", "--as-of", "2019-09-15", "--lang", "zh").stdout != shown_zh


QUARTERLY = {"annex2-list-updates": ("as necessary", "必要时"),  # CBD/WG2020/REC/1/1 para 11
             "bureau-progress-reports": ("regularly", "定期")}  # para 12


def test_assumed_quarterly_deadlines_are_marked_assumed(user: User) -> None:
    data = user.check("2020-02-10")
    for output_id, (says_en, says_zh) in QUARTERLY.items():
        item = r.output(data, output_id)
        assert item["provenance"] == "assumed", output_id
        assert "assumed" in r.reason_en(item) and says_en in r.reason_en(item), r.reason_en(item)
        assert says_zh in r.reason_zh(item), r.reason_zh(item)
    # A due date the text states is not an assumption.
    assert r.output(data, "wg2020-2-documents")["provenance"] is None
    overdue = r.section(user.check_text("2020-02-10"), "Overdue")
    for output_id in QUARTERLY:
        lines = [line for line in overdue if line.startswith(f"  {output_id} ")]
        assert lines, f"{output_id} is shown in Overdue by default"
        following = overdue[overdue.index(lines[0]) + 1]
        assert "assumed" in lines[0] + following, lines[0] + following


def test_assumed_hide_leaves_them_out_of_overdue(user: User) -> None:
    shown = user.check_text("2020-02-10", "--assumed", "show")
    hidden = user.check_text("2020-02-10", "--assumed", "hide")
    assert shown == user.check_text("2020-02-10")  # show is the default
    shown_ids = r.section_ids(r.section(shown, "Overdue"))
    hidden_ids = r.section_ids(r.section(hidden, "Overdue"))
    assert set(QUARTERLY) <= set(shown_ids)
    assert not set(QUARTERLY) & set(hidden_ids)
    assert {"wg2020-2-documents", "zero-draft-overview"} <= set(hidden_ids)  # stated deadlines stay
    assert r.section_count(hidden, "Overdue") == len(hidden_ids)
    assert r.section_count(shown, "Overdue") - r.section_count(hidden, "Overdue") >= 2
    # Listed apart, and counted.
    elsewhere = "\n".join(line for line in hidden.splitlines()
                          if line not in r.section(hidden, "Overdue"))
    for output_id in QUARTERLY:
        assert output_id in elsewhere


# --------------------------------------------------------------------------------------------
# Chain and slack bounded by COP-15.


def test_chain_and_slack_stay_bounded_by_cop15_when_dates_go_missing(user: User) -> None:
    user.ok("postpone", "wg2020-3", "--announced", "2020-03-23")
    user.ok("postpone", "sbstta-24", "--announced", "2020-05-29")
    user.ok("postpone", "sbi-3", "--announced", "2020-05-29")
    user.ok("reschedule", "cop-15", "--opens", "2021-05-17", "--closes", "2021-05-30",
            "--announced", "2020-07-28")
    data = user.check("2020-08-01")
    found = r.outputs(data)
    text = found["wg2020-3-framework-text"]
    assert text["due"] is None and text["status"] != "delivered"
    assert text["latest_finish"] == "2021-05-17"  # it is for COP-15, which opens then
    for output_id in ("sbstta-24-recs-scientific-technical", "sbstta-24-recs-wg-requests",
                      "sbi-3-recs-mainstreaming", "mainstreaming-iag-report"):
        item = found[output_id]
        assert item["due"] is None, output_id
        assert item["latest_finish"] is not None and item["latest_finish"] <= "2021-05-17", item
    chain = data["critical_chain"]
    assert len(chain) >= 3, chain
    assert chain[-1] == "wg2020-3-framework-text", chain
    assert_chain_well_formed(data)


def test_the_chain_never_starts_or_ends_at_a_delivered_output(user: User) -> None:
    # With no facts, everything up to the zero draft is delivered (or presumed so) by 10 February
    # 2020: the chain starts at the first output still to come (the WG2020-2 documents, overdue),
    # not at WG2020-1's outcome, delivered in August 2019. By 1 June 2020 SBSTTA-24 and SBI-3 are
    # presumed held: what is left before COP-15 is the framework text and its undated inputs.
    for as_of, shortest in (("2020-02-10", 3), ("2020-06-01", 2)):
        data = user.check(as_of)
        assert len(data["critical_chain"]) >= shortest, (as_of, data["critical_chain"])
        assert "wg2020-1-outcome" not in data["critical_chain"]
        assert_chain_well_formed(data)


def assert_chain_well_formed(data: r.Json) -> None:
    """Every link is an input edge; neither end is delivered or cancelled."""
    assert not r.chain_defects(data), r.chain_defects(data)


# --------------------------------------------------------------------------------------------
# Set too late.


def test_a_deadline_set_too_late_is_reported_as_such(user: User) -> None:
    user.ok("postpone", "sbi-3", "--announced", "2020-03-13")
    # SBI-3 online from 16 May 2021, announced on 9 April 2021: the IAG report, due six weeks
    # before SBI-3 opens (4 April 2021), was already due five days before the dates were set.
    user.ok("reschedule", "sbi-3", "--opens", "2021-05-16", "--closes", "2021-06-13",
            "--mode", "online", "--announced", "2021-04-09")
    data = user.check("2021-04-09")
    report = r.output(data, "mainstreaming-iag-report")
    assert report["due"] == "2021-04-04"
    assert report["reason_code"] == "set_too_late"
    assert report["days_late"] == 0
    assert "set too late" in r.reason_en(report) and "5 days before" in r.reason_en(report)
    assert "overdue" not in r.reason_en(report)
    text = user.check_text("2021-04-09")
    assert not [line for line in text.splitlines() if "5 days overdue" in line]
    later = r.output(user.check("2021-04-14"), "mainstreaming-iag-report")
    assert later["reason_code"] == "set_too_late" and later["days_late"] == 5


def test_an_output_added_with_a_past_deadline_is_set_too_late(user: User) -> None:
    user.ok("add-output", "review-consultation-note",
            "--title-en", "Note on the outcomes of the review consultation",
            "--title-zh", "关于审查专题磋商结果的说明",
            "--responsible", "executive-secretary", "--mandate", "CBD/WG2020/2/4 para 5",
            "--due-on", "2020-01-15", "--source", "CBD/WG2020/2/4", "--announced", "2020-02-01")
    assert "review-consultation-note" not in r.outputs(user.check("2020-01-31"))
    note = r.output(user.check("2020-02-01"), "review-consultation-note")
    assert note["due"] == "2020-01-15"
    assert note["reason_code"] == "set_too_late" and note["days_late"] == 0
    assert "17 days before" in r.reason_en(note)


# --------------------------------------------------------------------------------------------
# Build 3 (not in "Why", cheap to pin): withdrawal, and a second delivery.


def recorded_key(outcome_text: str) -> str:
    """The key of a fact recorded by command: its number as printed (`recorded #3: ...`)."""
    found = re.search(r"#(\d+)", outcome_text)
    assert found, outcome_text
    return found.group(1)


def test_a_second_delivery_is_refused_unless_it_corrects_the_first(user: User) -> None:
    first = recorded_key(user.ok("deliver", "detailed-workplan", "--on", "2020-01-20").output)
    user.refused("deliver", "detailed-workplan", "--on", "2020-01-22")
    user.ok("deliver", "detailed-workplan", "--on", "2020-01-22", "--corrects", first)
    corrected = r.output(user.check("2020-02-01"), "detailed-workplan")
    assert corrected["status"] == "delivered" and corrected["delivered_on"] == "2020-01-22"


def test_a_mistaken_fact_is_withdrawn_from_its_date_on_and_both_stay_in_the_history(
        user: User) -> None:
    mistaken = recorded_key(user.ok("deliver", "zero-draft-overview", "--on", "2019-11-20").output)
    user.ok("withdraw", mistaken, "--reason", "Recorded against the wrong output", "--on",
            "2019-12-01")
    assert r.output(user.check("2019-11-25"), "zero-draft-overview")["delivered_on"] == "2019-11-20"
    withdrawn = r.output(user.check("2019-12-02"), "zero-draft-overview")
    assert withdrawn["status"] != "delivered" and withdrawn["delivered_on"] is None
    history = user.ok("history").stdout
    assert "delivered" in history and "Recorded against the wrong output" in history
