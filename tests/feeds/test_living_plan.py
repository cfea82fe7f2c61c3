"""Feeds that follow the living plan (issue 9, part 6; issue 11, items 7-8): a meeting in parts is
one event per part (part one keeps the meeting's UID), online parts say so, a resolved late-input
warning is published cancelled before it goes, and no calendar is empty or carries a UID.

The meeting state machine that records parts is the core's (`core.meetings`); these tests give the
feeds a meeting state with parts directly, as the core will.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import chinese_text as chinese
import icalendar
import pendulum
import pytest

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import PartState
from mandates.core.plan import Mode, Plan, Title
from mandates.core.record import make_fact
from mandates.core.rules import Span
from mandates.feeds.meeting_items import meeting_items
from mandates.feeds.publish import write_feeds
from mandates.store.db import Store

D = pendulum.Date
UID = "@post2020.mandates"
RECORDED_AT = pendulum.datetime(2022, 12, 31, 9, tz="UTC")
NOW = pendulum.datetime(2021, 11, 1, 7, tz="UTC")
KUNMING = Title("Kunming, China", "中国昆明")
MONTREAL = Title("Montreal, Canada", "加拿大蒙特利尔")


def part(number: int, opens: pendulum.Date | None, closes: pendulum.Date | None, venue: Title | None,
         zone: str, mode: Mode = Mode.IN_PERSON, confirmed: bool = True) -> PartState:
    span = Span(opens, opens, closes, closes, not confirmed) if opens and closes else None
    return PartState("cop-15", number, opens, closes, None, venue, zone, mode, confirmed, False, None,
                     span, D(2021, 8, 18))


def split_cop_15(evaluation: Evaluation, second: PartState | None = None,
                 first_mode: Mode = Mode.HYBRID) -> Evaluation:
    """COP-15 as the core records it once split: part one in Kunming (hybrid), 11-15 October 2021;
    part two in Montreal, 7-19 December 2022."""
    state = evaluation.meetings["cop-15"]
    parts = (part(1, D(2021, 10, 11), D(2021, 10, 15), KUNMING, "Asia/Shanghai", first_mode),
             second or part(2, D(2022, 12, 7), D(2022, 12, 19), MONTREAL, "America/Toronto"))
    dated = [p for p in parts if p.span is not None]
    span = Span(dated[0].opens_on, dated[0].opens_on, dated[-1].closes_on, dated[-1].closes_on, False) \
        if dated[0].opens_on and dated[-1].closes_on else None
    cop = replace(state, parts=parts, split=True, span=span, opens_on=parts[0].opens_on,
                  closes_on=dated[-1].closes_on)
    return replace(evaluation, meetings={**evaluation.meetings, "cop-15": cop})


def _cop_moved(plan: Plan) -> list[Fact]:
    return [make_fact(plan, FactKind.RESCHEDULED, "cop-15", D(2020, 5, 4), recorded_at=RECORDED_AT,
                      opens_on=D(2021, 5, 17), closes_on=D(2021, 5, 30))]


def _events(path: Path) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(c["UID"]): c for c in cal.walk("VEVENT")}


@pytest.fixture()
def split(bundled_plan: Plan, store: Store, settings: Settings) -> Path:
    """The feeds as of 1 November 2021, COP-15 split after it had moved to May 2021."""
    facts = store.append("post2020", _cop_moved(bundled_plan))
    evaluation = split_cop_15(evaluate(bundled_plan, facts, D(2021, 11, 1)))
    write_feeds(evaluation, store, settings.calendars_dir, settings, NOW, founding=bundled_plan)
    return settings.calendars_dir


@pytest.mark.parametrize("name", ["all", "meetings", "cop"])
def test_a_split_meeting_is_two_events_and_part_one_keeps_its_uid(split: Path, name: str) -> None:
    en, zh = _events(split / f"{name}.en.ics"), _events(split / f"{name}.zh.ics")
    one, two = en[f"meeting-cop-15{UID}"], en[f"meeting-cop-15-part-2{UID}"]
    assert str(one["SUMMARY"]) == "COP-15, part one"
    assert str(two["SUMMARY"]) == "COP-15, part two"
    assert str(zh[f"meeting-cop-15{UID}"]["SUMMARY"]) == "缔约方大会第十五届会议第一阶段会议"
    assert str(zh[f"meeting-cop-15-part-2{UID}"]["SUMMARY"]) == "缔约方大会第十五届会议第二阶段会议"
    assert (one.decoded("DTSTART"), one.decoded("DTEND")) == (dt.date(2021, 10, 11), dt.date(2021, 10, 16))
    assert (two.decoded("DTSTART"), two.decoded("DTEND")) == (dt.date(2022, 12, 7), dt.date(2022, 12, 20))
    assert str(one["LOCATION"]) == "Kunming, China and online"  # hybrid
    assert str(two["LOCATION"]) == "Montreal, Canada"
    assert str(zh[f"meeting-cop-15{UID}"]["LOCATION"]) == "中国昆明及线上"
    assert "Asia/Shanghai" in str(one["DESCRIPTION"]) and "America/Toronto" in str(two["DESCRIPTION"])
    assert "Held: in person and online (hybrid)" in str(one["DESCRIPTION"])
    assert "- part two: 7–19 December 2022, Montreal, Canada" in str(one["DESCRIPTION"])
    # Part one is the meeting's event moved twice (May 2021, then the split); part two is new.
    assert (int(one["SEQUENCE"]), int(two["SEQUENCE"])) == (2, 0)
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in (one, two))


def test_split_feeds_are_valid_and_chinese(split: Path, bundled_plan: Plan, icaljs: Any,
                                           kit: SimpleNamespace) -> None:
    """Every feed passes the four parsers and the lint; the Chinese ones have no English."""
    paths = kit.feed_files(split)
    for path in paths:
        seen = kit.python_parsers(path)
        assert seen["icalendar"] == seen["ical"] == seen["vobject"], path.name
    for result in icaljs(paths):
        read = {e["uid"] for e in result["events"]} | {t["uid"] for t in result["todos"]}
        assert read == set(kit.events(Path(result["file"]))), result["file"]
    for path in (p for p in paths if p.name.endswith(".zh.ics")):
        for component in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            for key in ("SUMMARY", "DESCRIPTION", "LOCATION"):
                if key in component:
                    assert chinese.english_words(str(component[key]), bundled_plan) == [], path.name


def test_an_online_part_says_so_and_an_undated_part_waits(bundled_plan: Plan) -> None:
    """An online part: LOCATION `Online` / `线上`; a part without dates is in no feed yet; a
    tentative part is tentative; cancelled, every part is cancelled."""
    evaluation = evaluate(bundled_plan, [], D(2021, 9, 1))
    later = part(2, None, None, None, "America/Toronto")
    state = split_cop_15(evaluation, later, first_mode=Mode.ONLINE).meetings["cop-15"]
    [one] = meeting_items(bundled_plan, state)
    assert one.key == "meeting-cop-15"
    assert one.location == Title("Online", "线上")
    assert "Held: online" in one.description.en and "形式：线上会议" in one.description.zh
    assert "- part two: dates to be determined" in one.description.en
    tentative = part(2, D(2022, 4, 25), D(2022, 5, 8), Title("Kunming, China", "中国昆明"),
                     "Asia/Shanghai", confirmed=False)
    items = meeting_items(bundled_plan, split_cop_15(evaluation, tentative).meetings["cop-15"])
    assert [(i.key, i.status) for i in items] == [("meeting-cop-15", "CONFIRMED"),
                                                  ("meeting-cop-15-part-2", "TENTATIVE")]
    assert items[1].summary.en == "COP-15, part two (to be confirmed)"
    cancelled = replace(split_cop_15(evaluation).meetings["cop-15"], cancelled=True)
    assert {(i.status, i.summary.en) for i in meeting_items(bundled_plan, cancelled)} == {
        ("CANCELLED", "Cancelled: COP-15, part one"), ("CANCELLED", "Cancelled: COP-15, part two")}


def test_a_retired_meeting_stays_cancelled(bundled_plan: Plan) -> None:
    """A meeting retired by an amendment is shown cancelled, saying by which document."""
    from mandates.core.plan import Amendment, AmendmentKind, Source

    amendment = Amendment("cop-14-dec-34", "CBD/COP/DEC/14/34", AmendmentKind.DECISION, D(2020, 1, 2),
                          Source("x.yaml", 1), retires=("consult-iucn",))
    state = replace(evaluate(bundled_plan, [], D(2020, 1, 6)).meetings["ws-review-mechanisms"],
                    retired=True)
    [item] = meeting_items(bundled_plan, state, amendment)
    assert (item.status, item.summary.en[:11]) == ("CANCELLED", "Cancelled: ")
    assert "retired by CBD/COP/DEC/14/34 (2 January 2020)" in item.description.en
    assert "已不在计划中，撤销依据：CBD/COP/DEC/14/34（2020年1月2日）" in item.description.zh


def _warning(out: Path, name: str = "private/secretariat.en") -> Any:
    return _events(out / f"{name}.ics").get(
        f"late-input-wg2020-3-framework-text.consult-iucn-report{UID}")


def test_a_resolved_warning_is_published_cancelled_then_dropped(write: Any, bundled_plan: Plan,
                                                                settings: Settings, icaljs: Any,
                                                                kit: SimpleNamespace) -> None:
    """The IUCN consultation had no date, so its report was a late input of the framework text
    (due 31 July 2020, when WG2020-3 closes). Dated on 14 February 2020, the warning is
    published once more as CANCELLED (SEQUENCE + 1, `No longer late:`) until the text is
    delivered (here presumed, when the meeting that adopts it closes)."""
    dated = make_fact(bundled_plan, FactKind.RESCHEDULED, "consult-iucn", D(2020, 2, 14),
                      recorded_at=RECORDED_AT, opens_on=D(2020, 4, 20), closes_on=D(2020, 4, 21))
    write(D(2020, 2, 13), facts=[dated])
    before = _warning(settings.calendars_dir)
    assert "STATUS" not in before and int(before["SEQUENCE"]) == 0
    assert str(before["SUMMARY"]).startswith("Late input: ")
    for day, changed in ((D(2020, 2, 14), b"20200214T050000Z"),  # dated
                         (D(2020, 7, 30), b"20200521T040000Z")):  # report presumed delivered
        write(day)
        after = _warning(settings.calendars_dir)
        assert after is not None, day
        assert (str(after["STATUS"]), int(after["SEQUENCE"])) == ("CANCELLED", 1), day
        assert str(after["SUMMARY"]).startswith("No longer late: ")
        assert after.decoded("DTSTART") == dt.date(2020, 7, 31)
        assert after["LAST-MODIFIED"].to_ical() == changed
        assert "The warning stays until the output that needs it" in str(after["DESCRIPTION"])
        zh = _warning(settings.calendars_dir, "private/secretariat.zh")
        assert str(zh["SUMMARY"]).startswith("投入已不再延误：")
        for key in ("SUMMARY", "DESCRIPTION"):
            assert chinese.english_words(str(zh[key]), bundled_plan) == [], key
        private = [settings.calendars_dir / "private" / f"secretariat.{lang}.ics" for lang in ("en", "zh")]
        for path in private:
            seen = kit.python_parsers(path)
            assert seen["icalendar"] == seen["ical"] == seen["vobject"]
        for result in icaljs(private):
            read = {e["uid"]: e for e in result["events"]}
            warning = read[f"late-input-wg2020-3-framework-text.consult-iucn-report{UID}"]
            assert warning["status"] == "CANCELLED"
    write(D(2020, 7, 31))
    assert _warning(settings.calendars_dir) is None


def test_a_resolved_warning_goes_when_its_deadline_has_passed(write: Any, bundled_plan: Plan,
                                                              settings: Settings) -> None:
    """The resource mobilization consultation's report would arrive after the documents for
    WG2020-2 were due (13 January 2020); moved to December, it arrives in time: the warning is
    cancelled, and gone once the documents' deadline has passed (they are not delivered)."""
    moved = make_fact(bundled_plan, FactKind.RESCHEDULED, "consult-resource-mobilization",
                      D(2019, 11, 20), recorded_at=RECORDED_AT, opens_on=D(2019, 12, 9),
                      closes_on=D(2019, 12, 10))
    key = f"late-input-wg2020-2-documents.consult-resource-mobilization-report{UID}"
    write(D(2020, 1, 13), facts=[moved])
    warning = _events(settings.calendars_dir / "private" / "secretariat.en.ics")[key]
    assert (str(warning["STATUS"]), int(warning["SEQUENCE"])) == ("CANCELLED", 1)
    write(D(2020, 1, 14))
    assert key not in _events(settings.calendars_dir / "private" / "secretariat.en.ics")


def test_a_resolved_warning_goes_when_its_output_is_delivered(write: Any, bundled_plan: Plan,
                                                              settings: Settings) -> None:
    facts = [make_fact(bundled_plan, FactKind.RESCHEDULED, "consult-iucn", D(2020, 2, 14),
                       recorded_at=RECORDED_AT, opens_on=D(2020, 4, 20), closes_on=D(2020, 4, 21)),
             make_fact(bundled_plan, FactKind.DELIVERED, "wg2020-3-framework-text", D(2020, 7, 28),
                       recorded_at=RECORDED_AT)]  # adopted at WG2020-3 (opens 27 July 2020)
    write(D(2020, 4, 30), facts=facts)
    assert str(_warning(settings.calendars_dir)["STATUS"]) == "CANCELLED"
    write(D(2020, 7, 28))
    assert _warning(settings.calendars_dir) is None


def test_no_calendar_is_empty_or_has_a_uid(write: Any, settings: Settings, kit: SimpleNamespace,
                                           icaljs: Any) -> None:
    """A body whose items are all undated (IUCN: its consultation is TBD) keeps its feed, with one
    event saying nothing is dated yet (RFC 5545 3.6); no VCALENDAR has a UID of its own."""
    paths = write(D(2019, 11, 1))
    for path in paths:
        text = path.read_bytes().replace(b"\r\n ", b"").decode()
        head = text.split("BEGIN:VEVENT")[0].split("BEGIN:VTODO")[0]
        assert "\r\nUID:" not in head, path.name
        assert "BEGIN:VEVENT" in text or "BEGIN:VTODO" in text, path.name
    iucn = kit.events(settings.calendars_dir / "iucn.en.ics")
    assert list(iucn) == [f"no-dates-iucn{UID}"]
    assert iucn[f"no-dates-iucn{UID}"]["summary"] == "No dated meetings or deadlines yet"
    assert kit.events(settings.calendars_dir / "iucn.zh.ics")[f"no-dates-iucn{UID}"]["summary"] == \
        "暂无已定日期的会议或截止日期"
    for result in icaljs([settings.calendars_dir / "iucn.en.ics", settings.calendars_dir / "iucn.zh.ics"]):
        assert [e["uid"] for e in result["events"]] == [f"no-dates-iucn{UID}"]


def test_a_retired_output_stays_cancelled_for_the_kept_days(bundled_plan: Plan) -> None:
    """A deadline retired by an amendment (cancelled, reason RETIRED, in `Plan.retired`) is kept
    `keep_cancelled_days` from the day the amendment took effect, then dropped."""
    from mandates.core.evaluate import OutputStatus
    from mandates.core.plan import Amendment, AmendmentKind, Source
    from mandates.core.reasons import Reason, ReasonCode
    from mandates.feeds.build import build_items

    amendment = Amendment("wg2020-2-rec-1", "CBD/WG2020/REC/2/1", AmendmentKind.RECOMMENDATION,
                          D(2020, 2, 29), Source("x.yaml", 1), retires=("unu-landscapes-report",))

    def retired(as_of: pendulum.Date) -> list[Any]:
        evaluation = evaluate(bundled_plan, [], as_of)
        plan = replace(evaluation.plan, amendments=(amendment,),
                       retired={"unu-landscapes-report": amendment.id})
        state = replace(evaluation.outputs["unu-landscapes-report"], status=OutputStatus.CANCELLED,
                        reason=Reason.of(ReasonCode.CANCELLED, on=amendment.effective_on))
        evaluation = replace(evaluation, plan=plan,
                             outputs={**evaluation.outputs, "unu-landscapes-report": state})
        return [i for i in build_items(evaluation, 30) if i.key == "deadline-unu-landscapes-report"]

    [item] = retired(D(2020, 3, 30))
    assert (item.status, item.summary.en[:11]) == ("CANCELLED", "Cancelled: ")
    assert retired(D(2020, 3, 31)) == []
