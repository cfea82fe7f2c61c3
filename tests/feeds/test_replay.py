"""Replay: meetings move, events follow — same UIDs, SEQUENCE + 1 on exactly the changed events,
byte-identical feeds when nothing changed (issue 4, item 4; DESIGN: feeds)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest
from sqlmodel import select

from mandates.config.settings import Settings
from mandates.core.facts import FactKind
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


def components(path: Path) -> dict[str, tuple[int, bytes, bytes]]:
    """UID -> (SEQUENCE, LAST-MODIFIED, content without the stamps) of each event, from raw text."""
    text = path.read_bytes().replace(b"\r\n ", b"").replace(b"\r\n", b"\n")
    found = {}
    for block in re.findall(rb"BEGIN:V(?:EVENT|TODO)\n.*?END:V(?:EVENT|TODO)\n", text, re.DOTALL):
        uid = re.search(rb"^UID:(.*)$", block, re.MULTILINE)
        sequence = re.search(rb"^SEQUENCE:(\d+)$", block, re.MULTILINE)
        modified = re.search(rb"^LAST-MODIFIED:(.*)$", block, re.MULTILINE)
        assert uid and sequence and modified
        found[uid.group(1).decode()] = (int(sequence.group(1)), modified.group(1),
                                        STAMPS.sub(b"", block))
    return found


def _moves(plan: Plan) -> list[Any]:
    return [
        make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3),
                  recorded_at=RECORDED_AT, opens_on=D(2020, 2, 24),
                  closes_on=D(2020, 2, 29), venue="Rome, Italy", timezone="Europe/Rome"),
        make_fact(plan, FactKind.POSTPONED, "sbstta-24", D(2020, 3, 10), recorded_at=RECORDED_AT),
    ]


def test_replay_wg2020_2_to_rome_and_sbstta_24_postponed(write: Any, bundled_plan: Plan,
                                                          settings: Settings, store: Store) -> None:
    """Written as of 1 November 2019, then after the move and the postponement (15 March 2020)."""
    paths = write(D(2019, 11, 1), now=FIRST)
    before = {p: components(p) for p in paths}
    write(D(2020, 3, 15), now=SECOND, facts=_moves(bundled_plan))
    changed: set[str] = set()
    for path, old in before.items():
        new = components(path)
        assert set(old) <= set(new), f"{path.name} lost UIDs: {set(old) - set(new)}"
        for uid, (sequence, modified, content) in new.items():
            if uid not in old:
                assert (sequence, modified) == (0, b"20200315T073000Z"), uid
            elif content != old[uid][2]:
                changed.add(uid)
                assert sequence == old[uid][0] + 1, (path.name, uid)
                assert modified == b"20200315T073000Z", uid
            else:
                assert (sequence, modified) == (old[uid][0], old[uid][1]), (path.name, uid)
    assert {f"meeting-wg2020-2{UID}", f"meeting-sbstta-24{UID}",
            f"deadline-sbstta-24-guidance-targets-indicators{UID}"} <= changed
    assert f"meeting-cop-15{UID}" not in changed
    assert f"meeting-sbi-3{UID}" not in changed
    meeting = components(settings.calendars_dir / "all.en.ics")[f"meeting-wg2020-2{UID}"][2]
    assert b"DTSTART;VALUE=DATE:20200224" in meeting and b"DTEND;VALUE=DATE:20200301" in meeting
    assert b"LOCATION:Rome\\, Italy" in meeting
    assert b"Originally planned: 24\xe2\x80\x9328 February 2020\\, Kunming\\, China" in meeting
    postponed = components(settings.calendars_dir / "all.en.ics")[f"meeting-sbstta-24{UID}"][2]
    assert b"SUMMARY:Postponed: " in postponed and b"STATUS:TENTATIVE" in postponed

    # Written again with nothing changed: byte-identical, and the state rows untouched.
    data = {p: p.read_bytes() for p in paths}
    with store.session() as session:
        rows = {(r.feed, r.uid): (r.digest, r.sequence) for r in session.exec(select(FeedEventRow))}
    assert write(D(2020, 3, 15), now=THIRD) == paths
    assert {p: p.read_bytes() for p in paths} == data
    with store.session() as session:
        again = {(r.feed, r.uid): (r.digest, r.sequence) for r in session.exec(select(FeedEventRow))}
    assert again == rows


def test_only_the_facts_change_the_events_on_one_day(write: Any, bundled_plan: Plan,
                                                     settings: Settings) -> None:
    """Same as-of date, before and after the facts: exactly the moved meetings' events change."""
    day = D(2020, 3, 15)
    paths = write(day, now=FIRST)
    before = {p: components(p) for p in paths}
    write(day, now=SECOND, facts=_moves(bundled_plan))
    after = {p: components(p) for p in paths}
    changed = {uid for p in paths for uid, (seq, _, _) in after[p].items() if seq == 1}
    moved = ("wg2020-2", "sbstta-24")
    hanging = {oid for oid, o in bundled_plan.outputs.items()
               if getattr(o.due, "meeting", None) in moved or o.for_ in moved}
    described = {oid for oid in bundled_plan.outputs  # their inputs' state is in the description
                 if set(bundled_plan.all_inputs(oid)) & hanging}
    allowed = {f"meeting-{m}{UID}" for m in moved} | {
        f"{kind}{oid}{UID}" for oid in hanging | described for kind in ("deadline-", "task-deadline-")}
    assert {f"meeting-{m}{UID}" for m in moved} <= changed
    assert {u for u in changed if not u.startswith("late-input-")} <= allowed
    assert f"deadline-sbstta-24-guidance-targets-indicators{UID}" in changed
    for path in paths:
        assert set(after[path]) >= set(before[path])
        for uid, (sequence, _, content) in after[path].items():
            assert sequence == (0 if content == before[path].get(uid, (0, b"", content))[2] else 1)
    assert all(seq == 0 for uid, (seq, _, _) in after[paths[0]].items()
               if uid.startswith(("meeting-cop-15", "meeting-sbi-3", "meeting-wg2020-3")))


def test_sequence_counts_each_published_change(write: Any, bundled_plan: Plan,
                                               settings: Settings) -> None:
    """Written on three days: WG2020-2's event is at SEQUENCE 1 after the move, still 1 after an
    unrelated postponement, and its LAST-MODIFIED is the run that saw the move."""
    [move, postpone] = _moves(bundled_plan)
    write(D(2019, 11, 1), now=FIRST, facts=[move, postpone])
    feed = settings.calendars_dir / "meetings.en.ics"
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (0, b"20191101T070000Z")
    write(D(2020, 2, 3), now=pendulum.datetime(2020, 2, 3, 7, tz="UTC"))
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (1, b"20200203T070000Z")
    assert components(feed)[f"meeting-sbstta-24{UID}"][0] == 0
    write(D(2020, 3, 10), now=pendulum.datetime(2020, 3, 10, 7, tz="UTC"))
    assert components(feed)[f"meeting-wg2020-2{UID}"][:2] == (1, b"20200203T070000Z")
    assert components(feed)[f"meeting-sbstta-24{UID}"][:2] == (1, b"20200310T070000Z")


def test_an_event_has_one_sequence_in_every_public_feed(write: Any, bundled_plan: Plan,
                                                        settings: Settings) -> None:
    """WG2020-2's event is the same version in all, meetings and wg2020 (one public rendering)."""
    write(D(2019, 11, 1), now=FIRST)
    write(D(2019, 11, 1), now=SECOND, facts=_moves(bundled_plan)[:1])
    write(D(2020, 2, 3), now=THIRD)
    uid = f"meeting-wg2020-2{UID}"
    for name in ("all.en", "meetings.en", "wg2020.en", "all.zh", "private/secretariat.en"):
        assert components(settings.calendars_dir / f"{name}.ics")[uid][:2] == (1, b"20200316T073000Z")


@pytest.mark.postgres
def test_replay_on_postgresql(postgres_url: str, bundled_plan: Plan, tmp_path: Path,
                              kit: SimpleNamespace) -> None:
    """The same stability with the state in PostgreSQL (time zone-aware change times)."""
    from mandates.feeds.publish import publish

    store = Store(postgres_url)
    try:
        conf = kit.make_settings(tmp_path / "calendars")
        paths = publish(bundled_plan, store, D(2019, 11, 1), conf, None, FIRST)
        first = {p: p.read_bytes() for p in paths}
        assert publish(bundled_plan, store, D(2019, 11, 1), conf, None, SECOND) == paths
        assert {p: p.read_bytes() for p in paths} == first
        store.append(bundled_plan.process.id, _moves(bundled_plan))
        publish(bundled_plan, store, D(2020, 3, 15), conf, None, THIRD)
        meeting = components(conf.calendars_dir / "meetings.en.ics")[f"meeting-wg2020-2{UID}"]
        assert meeting[:2] == (1, b"20200316T073000Z")
    finally:
        store.dispose()
