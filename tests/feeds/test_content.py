"""What the feeds say: meetings, windows, postponed and cancelled meetings, deadlines, private
items, reminders, tasks, body feeds and calendar properties (issue 4, items 1-4)."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest

from mandates.config.settings import Settings
from mandates.core.facts import FactKind
from mandates.core.plan import Body, Plan, Title
from mandates.core.record import make_fact
from mandates.feeds.cache import CACHE_DIR
from mandates.store.files import TEMPORARY

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

D = pendulum.Date
UID = "@post2020.mandates"
PUBLIC_FEEDS = ("all", "meetings", "deadlines-public", "tasks", "sbstta", "wg2020", "cop")


def _read(out: Path, name: str, kit: SimpleNamespace) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = kit.events(out / f"{name}.ics")
    return found


def test_the_feeds_of_the_bundled_process(write: Any, settings: Settings) -> None:
    """all, meetings, one per body, deadlines-public, tasks, secretariat; each in en and zh."""
    paths = write(D(2019, 11, 1))
    names = {p.relative_to(settings.calendars_dir).as_posix() for p in paths}
    for feed in (*PUBLIC_FEEDS, "sbi", "wg8j", "parties-observers", "executive-secretary"):
        assert {f"{feed}.en.ics", f"{feed}.zh.ics"} <= names
    assert {"private/secretariat.en.ics", "private/secretariat.zh.ics"} <= names
    assert "cop-bureau.en.ics" not in names  # no meetings and no public outputs
    manifest = json.loads((settings.calendars_dir / "feeds.json").read_text(encoding="utf-8"))
    assert {f["file"] for f in manifest["feeds"]} == names
    assert [f["private"] for f in manifest["feeds"] if f["name"] == "secretariat"] == [True, True]


def test_a_meeting_is_an_all_day_event_with_an_exclusive_end(write: Any, settings: Settings,
                                                              kit: SimpleNamespace) -> None:
    """WG2020-2, 24-28 February 2020 in Kunming: DTEND is the 29th; mandate and element described."""
    write(D(2019, 11, 1))
    en = _read(settings.calendars_dir, "meetings.en", kit)[f"meeting-wg2020-2{UID}"]
    assert (en["start"], en["end"]) == (dt.date(2020, 2, 24), dt.date(2020, 2, 29))
    assert en["location"] == "Kunming, China"
    assert en["status"] == "CONFIRMED"
    assert en["transp"] == "OPAQUE"
    assert "Mandate: decision 14/34" in en["description"]
    assert "Scope and content of the post-2020 global biodiversity framework" in en["description"]
    assert "Asia/Shanghai" in en["description"]
    zh = _read(settings.calendars_dir, "meetings.zh", kit)[f"meeting-wg2020-2{UID}"]
    assert zh["summary"] == "2020年后全球生物多样性框架不限成员名额工作组第二次会议"
    assert zh["location"] == "中国昆明"
    assert "2020年2月24日至28日" in zh["description"]


def test_windows_and_unconfirmed_dates_are_tentative(write: Any, settings: Settings,
                                                     kit: SimpleNamespace) -> None:
    """A month window is a tentative all-day span; dates not confirmed are tentative."""
    write(D(2019, 11, 1))
    found = _read(settings.calendars_dir, "meetings.en", kit)
    window = found[f"meeting-consult-resource-mobilization{UID}"]
    assert (window["start"], window["end"]) == (dt.date(2020, 1, 1), dt.date(2020, 3, 1))
    assert window["status"] == "TENTATIVE"
    assert window["summary"].endswith("(to be confirmed)")
    assert "January or February 2020" in window["description"]
    assert found[f"meeting-consult-review{UID}"]["status"] == "TENTATIVE"


def test_undated_meetings_are_left_out_and_the_calendar_says_so(write: Any, settings: Settings,
                                                                kit: SimpleNamespace) -> None:
    """TBD meetings (ws-area-based, ws-synergies, consult-iucn) are in no feed."""
    paths = write(D(2019, 11, 1))
    for path in paths:
        uids = set(kit.events(path))
        for tbd in ("ws-area-based", "ws-synergies", "consult-iucn"):
            assert f"meeting-{tbd}{UID}" not in uids
    text = (settings.calendars_dir / "meetings.en.ics").read_bytes().replace(b"\r\n ", b"")
    assert b"to be determined (TBD)" in text


def test_a_deadline_is_a_transparent_all_day_event_with_its_mandate_and_inputs(
        write: Any, settings: Settings, kit: SimpleNamespace) -> None:
    """`Due: ... (CBD/WG2020/REC/1/1 para 4)` on 13 January 2020, what it is for, its inputs' state."""
    write(D(2020, 1, 6))
    event = _read(settings.calendars_dir, "deadlines-public.en", kit)[f"deadline-wg2020-2-documents{UID}"]
    assert event["summary"].startswith("Due: Documentation for the second meeting")
    assert event["summary"].endswith("(CBD/WG2020/REC/1/1 para 4)")
    assert (event["start"], event["end"]) == (dt.date(2020, 1, 13), dt.date(2020, 1, 14))
    assert event["transp"] == "TRANSPARENT"
    text = event["description"]
    assert "For: Second meeting of the Open-ended Working Group" in text
    assert "Submissions of views on the structure of the post-2020 global biodiversity framework: " \
           "presumed delivered on 15 September 2019" in text
    assert "Report of the consultation on resource mobilization: expected on 14 March 2020, " \
           "61 days after this deadline" in text
    assert "Report of the thematic workshop on area-based management measures: no date yet" in text
    zh = _read(settings.calendars_dir, "deadlines-public.zh", kit)[f"deadline-wg2020-2-documents{UID}"]
    assert zh["summary"].startswith("截止：工作组第二次会议的文件")
    assert "预计2020年3月14日，晚于本截止日期61天" in zh["description"]


def test_private_items_are_only_in_the_secretariat_feed(write: Any, settings: Settings,
                                                        kit: SimpleNamespace) -> None:
    """Internal deadlines and late-input warnings: secretariat feed only."""
    paths = write(D(2020, 1, 6))
    secretariat = _read(settings.calendars_dir, "private/secretariat.en", kit)
    assert f"deadline-bureau-progress-reports.1{UID}" in secretariat
    warning = secretariat[f"late-input-wg2020-2-documents.consult-resource-mobilization-report{UID}"]
    assert warning["summary"].startswith("Late input: Report of the consultation on resource mobilization")
    assert warning["start"] == dt.date(2020, 1, 13)
    assert f"meeting-wg2020-2{UID}" in secretariat
    for path in paths:
        if "private" in path.parts:
            continue
        uids = set(kit.events(path))
        assert not any(u.startswith(("late-input-", "deadline-bureau-progress-reports")) for u in uids)


def test_notes_are_only_in_the_secretariat_feed(write: Any, settings: Settings, bundled_plan: Plan,
                                                kit: SimpleNamespace) -> None:
    """A note is the secretariat's record: the staff feed shows it at the end of the event, as
    written (marked untranslated in the other language); public feeds are as without it."""
    quiet = settings.calendars_dir.parent / "quiet"  # the same day without the notes
    write(D(2020, 1, 6), out=quiet)
    notes = [make_fact(bundled_plan, FactKind.NOTE, "wg2020-2", D(2020, 1, 3), recorded_at=RECORDED_AT,
                       text="Host letter received"),
             make_fact(bundled_plan, FactKind.NOTE, "wg2020-2-documents", D(2020, 1, 5),
                       recorded_at=RECORDED_AT, text="翻译已送出", written_in="zh")]
    write(D(2020, 1, 6), facts=notes)
    en = _read(settings.calendars_dir, "private/secretariat.en", kit)
    zh = _read(settings.calendars_dir, "private/secretariat.zh", kit)
    meeting, deadline = f"meeting-wg2020-2{UID}", f"deadline-wg2020-2-documents{UID}"
    assert en[meeting]["description"].endswith("\nNotes:\n- 3 January 2020: Host letter received")
    assert zh[meeting]["description"].endswith("\n说明：\n- 2020年1月3日：（英文原文）Host letter received")
    assert en[deadline]["description"].endswith("\nNotes:\n- 5 January 2020: (Chinese original) 翻译已送出")
    assert zh[deadline]["description"].endswith("\n说明：\n- 2020年1月5日：翻译已送出")
    for name in ("all.en.ics", "all.zh.ics", "meetings.en.ics", "deadlines-public.zh.ics", "tasks.en.ics"):
        assert (settings.calendars_dir / name).read_bytes() == (quiet / name).read_bytes(), name


def test_reminders_only_on_the_staff_feed_and_only_when_asked(
        write: Any, tmp_path: Path, kit: SimpleNamespace) -> None:
    """VALARMs 7 and 1 days before open deadlines in the secretariat feed; none without settings."""
    asked = kit.make_settings(tmp_path / "asked", alarms=(7, 1))
    write(D(2020, 1, 6), use=asked)
    staff = _read(asked.calendars_dir, "private/secretariat.en", kit)
    assert staff[f"deadline-wg2020-2-documents{UID}"]["alarms"] == ["-P7D", "-P1D"]
    assert staff[f"deadline-views-structure{UID}"]["alarms"] == []  # delivered: nothing to remind
    assert staff[f"meeting-wg2020-2{UID}"]["alarms"] == []
    for path in asked.calendars_dir.glob("*.ics"):
        assert all(not e["alarms"] for e in kit.events(path).values()), path.name
    silent = kit.make_settings(tmp_path / "silent", alarms=())
    write(D(2020, 1, 6), use=silent)
    staff = _read(silent.calendars_dir, "private/secretariat.en", kit)
    assert all(not e["alarms"] for e in staff.values())


def test_tasks_are_vtodos_and_optional(write: Any, tmp_path: Path, kit: SimpleNamespace) -> None:
    """tasks.*.ics holds public deadlines as VTODO (DUE, status); none when tasks_feed is off."""
    with_tasks = kit.make_settings(tmp_path / "with")
    write(D(2020, 1, 6), use=with_tasks)
    tasks = _read(with_tasks.calendars_dir, "tasks.en", kit)
    todo = tasks[f"task-deadline-wg2020-2-documents{UID}"]
    assert todo["name"] == "VTODO"
    assert todo["due"] == dt.date(2020, 1, 13)
    assert todo["status"] == "NEEDS-ACTION"
    assert tasks[f"task-deadline-views-structure{UID}"]["status"] == "COMPLETED"
    without = kit.make_settings(tmp_path / "without", tasks=False)
    paths = write(D(2020, 1, 6), use=without)
    assert not any(p.name.startswith("tasks.") for p in paths)


def test_a_postponed_meeting_stays_tentative_on_its_last_dates(
        write: Any, bundled_plan: Plan, settings: Settings, kit: SimpleNamespace) -> None:
    """SBSTTA-24 postponed: same UID, last dates, TENTATIVE, `Postponed:`; its deadlines stay too."""
    fact = make_fact(bundled_plan, FactKind.POSTPONED, "sbstta-24", D(2020, 3, 10), recorded_at=RECORDED_AT)
    write(D(2020, 3, 15), facts=[fact])
    found = _read(settings.calendars_dir, "all.en", kit)
    meeting = found[f"meeting-sbstta-24{UID}"]
    assert meeting["summary"].startswith("Postponed: Twenty-fourth meeting")
    assert meeting["status"] == "TENTATIVE"
    assert (meeting["start"], meeting["end"]) == (dt.date(2020, 5, 18), dt.date(2020, 5, 24))
    deadline = found[f"deadline-sbstta-24-guidance-targets-indicators{UID}"]
    assert deadline["status"] == "TENTATIVE"
    assert deadline["start"] == dt.date(2020, 5, 23)
    assert "is postponed: this date follows its last dates" in deadline["description"]
    zh = _read(settings.calendars_dir, "all.zh", kit)[f"meeting-sbstta-24{UID}"]
    assert zh["summary"].startswith("已推迟：")


def test_a_cancelled_meeting_is_kept_as_cancelled_then_dropped(
        write: Any, bundled_plan: Plan, tmp_path: Path, kit: SimpleNamespace) -> None:
    """STATUS:CANCELLED for keep_cancelled_days after the cancellation, then out of the feeds."""
    fact = make_fact(bundled_plan, FactKind.CANCELLED, "ws-review-mechanisms", D(2020, 1, 20),
                     recorded_at=RECORDED_AT)
    kept = kit.make_settings(tmp_path / "kept", keep_cancelled_days=30)
    write(D(2020, 2, 19), facts=[fact], use=kept)
    found = _read(kept.calendars_dir, "all.en", kit)
    assert found[f"meeting-ws-review-mechanisms{UID}"]["status"] == "CANCELLED"
    assert found[f"meeting-ws-review-mechanisms{UID}"]["summary"].startswith("Cancelled: ")
    assert found[f"deadline-ws-review-mechanisms-options{UID}"]["status"] == "CANCELLED"
    dropped = kit.make_settings(tmp_path / "dropped", keep_cancelled_days=30)
    write(D(2020, 2, 20), use=dropped)
    found = _read(dropped.calendars_dir, "all.en", kit)
    assert f"meeting-ws-review-mechanisms{UID}" not in found
    assert f"deadline-ws-review-mechanisms-options{UID}" not in found


def test_body_feeds(write: Any, settings: Settings, kit: SimpleNamespace) -> None:
    """A body's feed: its meetings, and public deadlines it is responsible for or that hang on them."""
    write(D(2019, 11, 1))
    sbstta = set(_read(settings.calendars_dir, "sbstta.en", kit))
    assert {f"meeting-sbstta-23{UID}", f"meeting-sbstta-24{UID}",
            f"deadline-sbstta-24-guidance-targets-indicators{UID}"} <= sbstta
    assert f"meeting-cop-15{UID}" not in sbstta
    wg2020 = set(_read(settings.calendars_dir, "wg2020.en", kit))
    assert f"deadline-wg2020-2-documents{UID}" in wg2020  # due before WG2020-2 opens
    parties = _read(settings.calendars_dir, "parties-observers.en", kit)
    assert set(parties) == {f"deadline-views-structure{UID}"}


def test_a_body_named_like_a_fixed_feed_gets_its_own_name(write: Any, bundled_plan: Plan,
                                                          settings: Settings, kit: SimpleNamespace) -> None:
    """A body with id `secretariat` never overwrites the private feed: its feed is body-secretariat."""
    body = Body("secretariat", Title("The Secretariat", "秘书处"), "Secretariat")
    meeting = replace(bundled_plan.meetings["informal-briefing"], body="secretariat")
    plan = replace(bundled_plan, bodies={**bundled_plan.bodies, "secretariat": body},
                   meetings={**bundled_plan.meetings, "informal-briefing": meeting})
    paths = write(D(2019, 11, 1), plan=plan)
    names = {p.relative_to(settings.calendars_dir).as_posix() for p in paths}
    assert {"body-secretariat.en.ics", "private/secretariat.en.ics"} <= names
    assert "secretariat.en.ics" not in names
    feed = set(_read(settings.calendars_dir, "body-secretariat.en", kit))
    assert f"meeting-informal-briefing{UID}" in feed
    assert f"deadline-zero-draft-overview{UID}" in feed  # due the day the briefing opens


def test_calendar_properties(write: Any, settings: Settings) -> None:
    """NAME and X-WR-CALNAME once each, DESCRIPTION, refresh hints, and no calendar-level UID
    (issue 11: vdirsyncer and khal copy it into every event and collapse the calendar)."""
    write(D(2019, 11, 1))
    for name in ("all.en", "all.zh", "private/secretariat.zh", "tasks.en"):
        text = (settings.calendars_dir / f"{name}.ics").read_bytes().replace(b"\r\n ", b"").decode()
        head = re.split("BEGIN:V(?:EVENT|TODO)", text)[0].splitlines()
        keys = [line.split(":")[0].split(";")[0] for line in head]
        for key in ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-PUBLISHED-TTL"):
            assert keys.count(key) == 1, (name, key)
        assert "UID" not in keys, name
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in head
        assert "X-PUBLISHED-TTL:PT12H" in head
        assert "BEGIN:VTIMEZONE" not in text  # every event is all-day: no time zone needed
    zh = (settings.calendars_dir / "all.zh.ics").read_bytes().replace(b"\r\n ", b"").decode()
    assert "NAME:全部会议和截止日期 — 编制2020年后全球生物多样性框架" in zh


def test_unchanged_feeds_are_not_rewritten_and_no_temporary_file_remains(
        write: Any, settings: Settings) -> None:
    """Atomic writes; a feed whose bytes did not change keeps its file (and its Last-Modified)."""
    paths = write(D(2019, 11, 1))
    before = {p: p.stat().st_mtime_ns for p in paths}
    write(D(2019, 11, 1), now=pendulum.datetime(2019, 11, 2, 7, tz="UTC"))
    assert {p: p.stat().st_mtime_ns for p in paths} == before
    leftovers = [p for p in settings.calendars_dir.rglob("*") if TEMPORARY.match(p.name) or (
        p.name.startswith(".") and CACHE_DIR not in p.relative_to(settings.calendars_dir).parts)]
    assert leftovers == []
    private = settings.calendars_dir / "private" / "secretariat.en.ics"
    assert private.stat().st_mode & 0o777 == 0o640, "the owner and the secretariat's group only"
    assert (settings.calendars_dir / "all.en.ics").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_uids_derive_from_ids_only(write: Any, settings: Settings, lang: str, kit: SimpleNamespace) -> None:
    """`meeting-<id>`, `deadline-<id>` (`.n` per periodic report), `late-input-<output>.<input>`."""
    write(D(2020, 1, 6))
    uids = set(_read(settings.calendars_dir, f"private/secretariat.{lang}", kit))
    assert f"meeting-cop-15{UID}" in uids
    assert f"deadline-annex2-list-updates.3{UID}" in uids
    assert all(u.endswith(UID) and u.split("-")[0] in ("meeting", "deadline", "late") for u in uids)
