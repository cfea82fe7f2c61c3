"""Replay: meetings move, events follow — same UIDs; SEQUENCE counts the significant changes that
took effect by the date, DTSTAMP and LAST-MODIFIED the day of the last change, whatever order the
feeds are written in; byte-identical feeds when nothing changed (issue 4, item 4; issue 9, part 6).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest
from sqlmodel import select

from mandates.config.settings import Settings
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import FeedEventRow, Store

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

D = pendulum.Date
UID = "@post2020.mandates"
FIRST = pendulum.datetime(2019, 11, 1, 7, tz="UTC")
SECOND = pendulum.datetime(2020, 3, 15, 7, 30, tz="UTC")
THIRD = pendulum.datetime(2020, 3, 16, 7, 30, tz="UTC")
STAMPS = re.compile(rb"^(DTSTAMP|LAST-MODIFIED|SEQUENCE)[;:].*$", re.MULTILINE)
ROME_DAY = b"20200203T050000Z"  # 3 February 2020, 00:00 in Montreal (the process's zone)
POSTPONED_DAY = b"20200310T040000Z"  # 10 March 2020, 00:00 in Montreal (daylight time)
EPOCH = b"20190827T040000Z"  # the founding plan's first day: WG2020-1 opened on 27 August 2019


def components(path: Path) -> dict[str, tuple[int, bytes, bytes]]:
    """UID -> (SEQUENCE, LAST-MODIFIED, content without the stamps) of each event, from raw text."""
    text = path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n", b"\n")
    found = {}
    for block in re.findall(rb"BEGIN:V(?:EVENT|TODO)\n.*?END:V(?:EVENT|TODO)\n", text, re.DOTALL):
        uid = re.search(rb"^UID:(.*)$", block, re.MULTILINE)
        sequence = re.search(rb"^SEQUENCE:(\d+)$", block, re.MULTILINE)
        modified = re.search(rb"^LAST-MODIFIED:(.*)$", block, re.MULTILINE)
        stamp = re.search(rb"^DTSTAMP:(.*)$", block, re.MULTILINE)
        assert uid and sequence and modified and stamp
        assert stamp.group(1) == modified.group(1)
        found[uid.group(1).decode()] = (int(sequence.group(1)), modified.group(1),
                                        STAMPS.sub(b"", block))
    return found


def _moves(plan: Plan) -> list[Fact]:
    return [
        make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3),
                  recorded_at=RECORDED_AT, opens_on=D(2020, 2, 24),
                  closes_on=D(2020, 2, 29), venue="Rome, Italy", timezone="Europe/Rome"),
        make_fact(plan, FactKind.POSTPONED, "sbstta-24", D(2020, 3, 10), recorded_at=RECORDED_AT),
    ]


def _files(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


def test_replay_wg2020_2_to_rome_and_sbstta_24_postponed(write: Any, bundled_plan: Plan,
                                                          settings: Settings) -> None:
    """Written as of 1 November 2019, then after the move and the postponement (15 March 2020):
    the moved events rise by one and carry the day of the change; an event whose description
    alone changed keeps its SEQUENCE; an event nothing touched keeps its bytes."""
    paths = write(D(2019, 11, 1), now=FIRST)
    before = {p: components(p) for p in paths}
    write(D(2020, 3, 15), now=SECOND, facts=_moves(bundled_plan))
    risen: set[str] = set()
    described: set[str] = set()
    for path, old in before.items():
        new = components(path)
        assert set(old) <= set(new), f"{path.name} lost UIDs: {set(old) - set(new)}"
        for uid, (sequence, modified, content) in old.items():
            if new[uid][0] != sequence:
                assert new[uid][0] > sequence, (path.name, uid)
                assert modified < new[uid][1] <= b"20200315T040000Z", (path.name, uid)
                risen.add(uid)
            elif new[uid][2] != content:
                described.add(uid)
                assert new[uid][1] > modified, (path.name, uid)
            elif not uid.startswith(("task-deadline-", "late-input-")):
                assert new[uid][1] == modified, (path.name, uid)  # nothing it shows changed
    assert {f"meeting-wg2020-2{UID}", f"meeting-sbstta-24{UID}",
            f"deadline-sbstta-24-guidance-targets-indicators{UID}",
            f"deadline-wg2020-2-discussion-draft{UID}"} <= risen
    assert f"deadline-wg2020-2-documents{UID}" not in risen  # still 42 days before 24 February
    assert not {f"meeting-cop-15{UID}", f"meeting-sbi-3{UID}"} & (risen | described)
    feed = components(settings.calendars_dir / "all.en.ics")
    assert feed[f"deadline-wg2020-2-discussion-draft{UID}"][0] == 1  # due 29, not 28 February
    meeting = feed[f"meeting-wg2020-2{UID}"]
    assert meeting[:2] == (1, ROME_DAY)
    assert b"DTSTART;VALUE=DATE:20200224" in meeting[2] and b"DTEND;VALUE=DATE:20200301" in meeting[2]
    assert b"LOCATION:Rome\\, Italy" in meeting[2]
    assert b"Originally planned: 24\xe2\x80\x9328 February 2020\\, Kunming\\, China" in meeting[2]
    postponed = feed[f"meeting-sbstta-24{UID}"]
    assert postponed[:2] == (1, POSTPONED_DAY)
    assert b"SUMMARY:Postponed: " in postponed[2] and b"STATUS:TENTATIVE" in postponed[2]
    assert feed[f"meeting-cop-15{UID}"][:2] == (0, EPOCH)


def test_nothing_changed_means_the_same_bytes_and_nothing_stored(write: Any, bundled_plan: Plan,
                                                                 store: Store) -> None:
    """Written again, later, with nothing changed: every file byte for byte, no state written
    (SEQUENCE and the stamps are computed, never stored)."""
    paths = write(D(2020, 3, 15), now=SECOND, facts=_moves(bundled_plan))
    data = _files(paths)
    assert write(D(2020, 3, 15), now=THIRD) == paths
    assert _files(paths) == data
    with store.session() as session:
        assert session.exec(select(FeedEventRow)).all() == []


def test_any_order_gives_the_same_feeds(write: Any, bundled_plan: Plan, tmp_path: Path,
                                        kit: SimpleNamespace) -> None:
    """As of D2, then D1, then D2 again: the D2 feeds are identical, and D1 is what a fresh
    installation writes for D1 — generating a past date changes nothing."""
    d1, d2 = D(2020, 2, 10), D(2020, 3, 15)
    here = kit.make_settings(tmp_path / "here")
    paths = write(d2, now=FIRST, facts=_moves(bundled_plan), use=here)
    second = _files(paths)
    past = write(d1, now=SECOND, use=here)
    first = _files(past)
    assert write(d2, now=THIRD, use=here) == paths
    assert _files(paths) == second
    fresh = kit.make_settings(tmp_path / "fresh")  # the same store: facts recorded once
    assert {p.name: b for p, b in _files(write(d1, now=THIRD, use=fresh)).items()} == {
        p.name: b for p, b in first.items()}
    assert components(here.calendars_dir / "all.en.ics")[f"meeting-wg2020-2{UID}"][0] == 1
    assert components(fresh.calendars_dir / "all.en.ics")[f"meeting-sbstta-24{UID}"][0] == 0


def test_sequence_counts_the_changes_that_took_effect(write: Any, bundled_plan: Plan,
                                                      settings: Settings) -> None:
    """Facts recorded in advance count from the day they take effect: WG2020-2 is at SEQUENCE 0
    before 3 February, 1 from then on, still 1 after an unrelated postponement."""
    [move, postpone] = _moves(bundled_plan)
    write(D(2019, 11, 1), now=FIRST, facts=[move, postpone])
    feed = settings.calendars_dir / "meetings.en.ics"
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (0, EPOCH)
    write(D(2020, 2, 2), now=FIRST)
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (0, EPOCH)
    write(D(2020, 2, 3), now=pendulum.datetime(2020, 2, 3, 7, tz="UTC"))
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (1, ROME_DAY)
    assert components(feed)[f"meeting-sbstta-24{UID}"][0] == 0
    write(D(2020, 3, 10), now=pendulum.datetime(2020, 3, 10, 7, tz="UTC"))
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (1, ROME_DAY)
    assert components(feed)[f"meeting-sbstta-24{UID}"][:2] == (1, POSTPONED_DAY)


def test_only_significant_changes_raise_sequence(write: Any, bundled_plan: Plan,
                                                 settings: Settings) -> None:
    """A delivery changes the description of what needs it (LAST-MODIFIED moves, SEQUENCE does
    not) and the deadline's own to-do (COMPLETED: SEQUENCE + 1); a new venue alone is a
    significant change (LOCATION); a note touches the private feed only."""
    def fact(kind: FactKind, subject: str, day: pendulum.Date, **values: Any) -> Fact:
        return make_fact(bundled_plan, kind, subject, day, recorded_at=RECORDED_AT, **values)

    write(D(2020, 2, 1), facts=[
        fact(FactKind.DELIVERED, "wg2020-2-documents", D(2020, 1, 10), ref="CBD/WG2020/2/3"),
        fact(FactKind.RELOCATED, "cop-15", D(2020, 1, 20), venue="Kunming International Convention Centre"),
        fact(FactKind.NOTE, "wg2020-2", D(2020, 1, 25), text="Registration open")])
    public = components(settings.calendars_dir / "all.en.ics")
    private = components(settings.calendars_dir / "private" / "secretariat.en.ics")
    tasks = components(settings.calendars_dir / "tasks.en.ics")
    needs = public[f"deadline-wg2020-2-discussion-draft{UID}"]  # lists the delivered documents
    assert needs[:2] == (0, b"20200110T050000Z")
    assert public[f"deadline-wg2020-2-documents{UID}"][:2] == (0, b"20200110T050000Z")
    assert tasks[f"task-deadline-wg2020-2-documents{UID}"][:2] == (1, b"20200110T050000Z")
    assert public[f"meeting-cop-15{UID}"][:2] == (1, b"20200120T050000Z")
    assert public[f"meeting-wg2020-2{UID}"][:2] == (0, EPOCH)
    assert private[f"meeting-wg2020-2{UID}"][:2] == (0, b"20200125T050000Z")


def test_numbers_published_by_0_2_0_are_a_floor(write: Any, bundled_plan: Plan, store: Store,
                                                settings: Settings) -> None:
    """An installation upgraded from 0.2.0 keeps the numbers it published (`feed_event`, highest of
    the renderings): SEQUENCE = that number + the changes counted since the day it was published
    (6 January 2020 here), never below it for any date; DTSTAMP never before it either."""
    published = dt.datetime(2020, 1, 6, 7, tzinfo=dt.UTC)
    with store.session() as session, session.begin():
        for feed, uid, sequence in (("public.en", "meeting-wg2020-2", 2),
                                    ("secretariat.en", "meeting-wg2020-2", 3),
                                    ("public.en", "meeting-cop-15", 1),
                                    ("tasks.en", "task-deadline-views-structure", 4)):
            session.add(FeedEventRow(process="post2020", feed=feed, uid=uid + UID, digest="0" * 64,
                                     sequence=sequence, changed_at=published))
    write(D(2020, 1, 6))  # the day 0.2.0 last published: every number as it was
    feed = components(settings.calendars_dir / "all.en.ics")
    assert feed[f"meeting-wg2020-2{UID}"][:2] == (3, b"20200106T070000Z")
    assert feed[f"meeting-cop-15{UID}"][0] == 1
    assert feed[f"meeting-sbi-3{UID}"][:2] == (0, EPOCH)  # never published with a number: as new
    tasks = components(settings.calendars_dir / "tasks.en.ics")
    assert tasks[f"task-deadline-views-structure{UID}"][0] == 4  # completed before: counted in 4
    write(D(2020, 3, 15), facts=_moves(bundled_plan))  # one change since: one more
    moved = components(settings.calendars_dir / "all.en.ics")[f"meeting-wg2020-2{UID}"]
    assert moved[:2] == (4, ROME_DAY)
    write(D(2019, 11, 1))  # a date before it was published: never below
    assert components(settings.calendars_dir / "all.en.ics")[f"meeting-wg2020-2{UID}"][0] == 3


def test_an_event_has_one_sequence_in_every_feed(write: Any, bundled_plan: Plan,
                                                 settings: Settings) -> None:
    """WG2020-2's event is the same version in all, meetings, wg2020, zh and the private feed."""
    write(D(2020, 2, 3), facts=_moves(bundled_plan)[:1])
    uid = f"meeting-wg2020-2{UID}"
    for name in ("all.en", "meetings.en", "wg2020.en", "all.zh", "private/secretariat.en"):
        assert components(settings.calendars_dir / f"{name}.ics")[uid][:2] == (1, ROME_DAY)


@pytest.mark.postgres
def test_replay_on_postgresql(postgres_url: str, bundled_plan: Plan, tmp_path: Path,
                              kit: SimpleNamespace) -> None:
    """The same with the floors read from PostgreSQL."""
    from mandates.feeds.publish import publish

    store = Store(postgres_url)
    try:
        with store.session() as session, session.begin():  # a number 0.2.0 published, on 6 January
            session.add(FeedEventRow(process="post2020", feed="public.en", uid=f"meeting-cop-15{UID}",
                                     digest="0" * 64, sequence=2,
                                     changed_at=dt.datetime(2020, 1, 6, 7, tzinfo=dt.UTC)))
        conf = kit.make_settings(tmp_path / "calendars")
        paths = publish(bundled_plan, store, D(2019, 11, 1), conf, None, FIRST)
        first = _files(paths)
        assert publish(bundled_plan, store, D(2019, 11, 1), conf, None, SECOND) == paths
        assert _files(paths) == first
        store.append(bundled_plan.process.id, _moves(bundled_plan))
        publish(bundled_plan, store, D(2020, 3, 15), conf, None, THIRD)
        meeting = components(conf.calendars_dir / "meetings.en.ics")[f"meeting-wg2020-2{UID}"]
        assert meeting[:2] == (1, ROME_DAY)
        cop = components(conf.calendars_dir / "meetings.en.ics")[f"meeting-cop-15{UID}"]
        assert cop[:2] == (2, b"20200106T070000Z")
    finally:
        store.dispose()
