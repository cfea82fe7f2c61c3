"""An installation of version 0.1.0 upgrades in place: database, settings, calendars folder.

The fixtures in tests/data/v0_1_0 were written by version 0.1.0 itself (commit 922d69a; how:
tests/data/v0_1_0/README.md): nine facts of every kind, two rounds of feeds (6 January, then
1 March 2020 after WG2020-2 moved to Rome, so some events carry SEQUENCE 1), the check's JSON
beside them, a briefing snapshot, and alerts recorded on two channels without sending anything
(channel 1 "sent", channel 2 "failed"). The current version must read the facts, migrate the
schema (0001 -> head) on SQLite and on PostgreSQL, keep every feed's UIDs and SEQUENCE (an event
that did not change keeps its number; none is ever published lower than 0.1.0 published it),
never send an alert already recorded as sent, and accept the settings file. Where the living plan
(issue 9) changes what 0.1.0 said (a meeting never confirmed is no longer presumed held), the
values that change are named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import icalendar
import pendulum
import pytest
from sqlalchemy import MetaData, create_engine, select, text

import mandates.store.db
from mandates.alerts import alert_items, send_alerts
from mandates.briefing.run import make_briefing
from mandates.config.loader import load_plan
from mandates.config.settings import Settings, load_settings
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.feeds.publish import publish
from mandates.feeds.published import Published
from mandates.report.jsondoc import evaluation_dict
from mandates.store.db import HEAD_REVISION, Store, normalise_url

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "v0_1_0"
MIGRATIONS = Path(mandates.store.db.__file__).parent / "migrations"
AS_OF = pendulum.Date(2020, 3, 1)              # the day 0.1.0 last wrote the feeds and alerts
SNAPSHOT_DAY = pendulum.Date(2020, 1, 6)      # the day of 0.1.0's briefing snapshot
LATER = pendulum.datetime(2027, 1, 4, 7, tz="UTC")  # when the upgraded version runs
STAMPS = ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE")
TABLES = ("fact", "feed_event", "sent_alert", "briefing_snapshot")
BOTH_DATABASES = pytest.mark.parametrize(
    "database", ["v010_sqlite", pytest.param("v010_postgres", marks=pytest.mark.postgres)])


# ---------------------------------------------------------------------------------------------
# The installation as 0.1.0 left it, copied for each test.

@pytest.fixture()
def v010_sqlite(tmp_path: Path) -> str:
    """0.1.0's SQLite database, rebuilt from its SQL dump (revision 0001)."""
    path = tmp_path / "v010.db"
    with sqlite3.connect(path) as connection:
        connection.executescript((FIXTURES / "state.sql").read_text(encoding="utf-8"))
    return f"sqlite:///{path}"


@pytest.fixture()
def v010_postgres(postgres_url: str, v010_sqlite: str) -> str:
    """The same installation on PostgreSQL: 0.1.0's schema (revision 0001), its rows, its sequences."""
    digest = hashlib.sha256((MIGRATIONS / "versions" / "0001_initial.py").read_bytes()).hexdigest()
    assert digest == (FIXTURES / "0001_initial.sha256").read_text().strip(), "0001 is 0.1.0's schema"
    _migrate(postgres_url, "upgrade", "0001")
    engine = create_engine(normalise_url(postgres_url))
    source = create_engine(v010_sqlite)
    old, new = MetaData(), MetaData()
    old.reflect(source, only=TABLES)
    new.reflect(engine, only=TABLES)
    with source.connect() as reading, engine.begin() as writing:
        for name in TABLES:
            rows = [{k: _utc(v) for k, v in row._mapping.items()}
                    for row in reading.execute(select(old.tables[name]))]
            writing.execute(new.tables[name].insert(), rows)
            if "id" in new.tables[name].c:  # as 0.1.0's inserts would have left the sequences
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                     f"(SELECT max(id) FROM {name}))"))
    source.dispose()
    engine.dispose()
    return postgres_url


def _migrate(url: str, direction: str, revision: str) -> None:
    """Run Alembic on a database, as `Store.migrate` does, to `revision` (up or down)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, revision)
    finally:
        engine.dispose()


def _utc(value: object) -> object:
    """SQLite kept 0.1.0's UTC times without an offset; PostgreSQL kept them with one."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@pytest.fixture()
def v010_calendars(tmp_path: Path) -> Path:
    """0.1.0's calendars folder (feeds, private feed, feeds.json, the check's JSON)."""
    return Path(shutil.copytree(FIXTURES / "calendars", tmp_path / "calendars"))


@pytest.fixture()
def v010_plan() -> Plan:
    """The process file 0.1.0 shipped: its sentence titles still load."""
    return load_plan(FIXTURES / "post2020.yaml")


@pytest.fixture()
def v010_settings(v010_calendars: Path) -> Settings:
    """0.1.0's settings file, read by the current version, with the calendars copied for the test."""
    return load_settings(FIXTURES / "settings.yaml").model_copy(update={"calendars_dir": v010_calendars})


def _files(folder: Path) -> dict[str, bytes]:
    """The published files (not what a publication keeps for the next one in `.cache`)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != ".cache"}


def _events(data: bytes) -> dict[str, tuple[int, bytes, str]]:
    """Each event or to-do of a feed by UID: SEQUENCE, content without the stamps, LAST-MODIFIED."""
    found = {}
    for component in icalendar.Calendar.from_ical(data).walk():
        if component.name in ("VEVENT", "VTODO"):
            sequence = int(component.get("SEQUENCE", 0))
            modified = component["LAST-MODIFIED"].to_ical().decode()
            for stamp in STAMPS:
                component.pop(stamp, None)
            found[str(component["UID"])] = (sequence, component.to_ical(), modified)
    return found


def _event(data: bytes, uid: str) -> icalendar.cal.Component:
    """The event `uid` of a feed."""
    return next(c for c in icalendar.Calendar.from_ical(data).walk() if c.get("UID") == uid)


def _compare_feeds(before: dict[str, bytes], after: dict[str, bytes]) -> tuple[int, int]:
    """Every feed keeps its UIDs (a late-input warning goes once it is resolved), and no event
    or to-do is ever published with a SEQUENCE lower than the one 0.1.0 published (the stored
    numbers are a floor). Since issue 9 SEQUENCE counts the significant changes that took effect
    up to the date (`feeds.history`), so an event 0.1.0 saw change once between two of its runs
    may count two changes now; LAST-MODIFIED and DTSTAMP are the day of the last thing that
    changed the event, not the day a feed was written, and are not compared.

    Returns (events kept, events changed) over every feed file.
    """
    assert sorted(after) == sorted(before), "no feed added or dropped"
    kept = changed = 0
    for name in (n for n in before if n.endswith(".ics")):
        old, new = _events(before[name]), _events(after[name])
        # a late-input warning goes once resolved (its output delivered or its deadline passed)
        assert set(new) >= {u for u in old if not u.startswith("late-input-")}, f"{name}: the UIDs"
        for uid, (sequence, content, _) in old.items():
            if uid not in new:
                continue
            new_sequence, new_content, _ = new[uid]
            assert new_sequence >= sequence, f"{name} {uid}: {sequence} -> {new_sequence}"
            if new_content == content:
                kept += 1
            else:
                changed += 1
    return kept, changed


def _expected_facts() -> list[dict[str, Any]]:
    return json.loads((FIXTURES / "facts.json").read_text(encoding="utf-8"))


def _as_recorded(fact: Fact) -> dict[str, Any]:
    return {"id": fact.id, "kind": fact.kind.value, "subject": fact.subject,
            "effective_on": fact.effective_on.isoformat(), "recorded_at": fact.recorded_at.isoformat(),
            "opens_on": fact.opens_on.isoformat() if fact.opens_on else None,
            "closes_on": fact.closes_on.isoformat() if fact.closes_on else None, "venue": fact.venue,
            "timezone": fact.timezone, "ref": fact.ref, "text": fact.text}


# ---------------------------------------------------------------------------------------------
# Database

@BOTH_DATABASES
def test_the_schema_migrates_and_every_fact_reads_as_recorded(request: pytest.FixtureRequest,
                                                              database: str, bundled_plan: Plan) -> None:
    url = request.getfixturevalue(database)
    engine = create_engine(normalise_url(url))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    engine.dispose()
    store = Store(url)
    try:
        assert store.revision() == HEAD_REVISION == "0003"
        facts = store.facts("post2020")
        assert [_as_recorded(f) for f in facts] == _expected_facts()
        assert {f.kind for f in facts} == {FactKind.DELIVERED, FactKind.RECEIVED, FactKind.RESCHEDULED,
                                           FactKind.RELOCATED, FactKind.POSTPONED, FactKind.CANCELLED,
                                           FactKind.WAIVED, FactKind.NOTE}
        assert all(f.written_in == "en" and f.venue_zh is None for f in facts)  # 0.1.0 kept English
        markup = next(f for f in facts if f.text and "[/b]" in f.text)
        assert markup.text == "Registration closes on 10 February; see [/b] annex"
        [added] = store.append("post2020", [Fact(FactKind.NOTE, "wg2020-2", AS_OF, LATER, text="现已改期",
                                                 written_in="zh")])
        assert added.id == len(facts) + 1  # the ids go on where 0.1.0 stopped
        assert store.facts("post2020")[-1].written_in == "zh"
        Store(url).dispose()  # opened again: already at the head, nothing to do
        assert store.revision() == HEAD_REVISION
    finally:
        store.dispose()


# ---------------------------------------------------------------------------------------------
# Settings

def test_the_settings_file_of_0_1_0_is_accepted() -> None:
    settings = load_settings(FIXTURES / "settings.yaml")
    assert settings.timezone == "America/Toronto"
    assert settings.calendars_dir == Path("calendars")
    assert settings.public_base_url == "https://calendars.example.org"
    assert (settings.daily_check_cron, settings.flow_task_threshold) == ("30 6 * * 1-5", 200)
    assert settings.alerts.urls == ("json://127.0.0.1:9/channel-1", "json://127.0.0.1:9/channel-2")
    assert (settings.alerts.retries, settings.alerts.retry_delay_seconds) == (1, 0)
    assert settings.feeds.tokens == {"secretariat": "c2VjcmV0YXJpYXQtZmVlZC10b2tlbi0wLjEuMA"}
    assert settings.feeds.alarms_days_before == (7, 1)
    assert (settings.feeds.tasks_feed, settings.feeds.keep_cancelled_days) == (True, 60)
    assert settings.briefing_horizon_weeks == 8


# ---------------------------------------------------------------------------------------------
# Calendars

@BOTH_DATABASES
def test_feeds_of_the_same_process_keep_uids_sequence_and_english_bytes(
        request: pytest.FixtureRequest, database: str, v010_calendars: Path, v010_settings: Settings,
        v010_plan: Plan) -> None:
    before = _files(v010_calendars)
    assert any(seq > 0 for name in before if name.endswith(".ics")
               for seq, _, _ in _events(before[name]).values()), "the fixture has moved events"
    store = Store(request.getfixturevalue(database))
    try:
        publish(v010_plan, store, AS_OF, v010_settings, v010_calendars, LATER)
        after = _files(v010_calendars)
        kept, _ = _compare_feeds(before, after)
        assert kept > 0
        english = [n for n in before if n.endswith(".en.ics")]
        assert len(english) == 22 and "private/secretariat.en.ics" in english
        # The secretariat feed now shows the notes recorded on an event (0.1.0 showed none): the
        # two events with 0.1.0's notes gain them.
        old, new = (_events(files["private/secretariat.en.ics"]) for files in (before, after))
        noted = ["deadline-sbi-3-recs-financial-mechanism@post2020.mandates",
                 "meeting-wg2020-2@post2020.mandates"]
        assert all(b"Notes:" in new[uid][1] and b"Notes:" not in old[uid][1] for uid in noted)
        publish(v010_plan, store, AS_OF, v010_settings, v010_calendars, LATER.add(days=1))
        assert _files(v010_calendars) == after  # nothing changed: nothing rewritten, nothing bumped
    finally:
        store.dispose()


def test_feeds_of_the_new_bundled_process_bump_only_what_changed(
        v010_sqlite: str, v010_calendars: Path, v010_settings: Settings, bundled_plan: Plan) -> None:
    before = _files(v010_calendars)
    store = Store(v010_sqlite)
    try:
        publish(bundled_plan, store, AS_OF, v010_settings, v010_calendars, LATER)
        after = _files(v010_calendars)
        kept, changed = _compare_feeds(before, after)
        assert kept > 0 and changed > 0
        old, new = _events(before["all.en.ics"]), _events(after["all.en.ics"])
        # wg2020-1: title, venue and dates as in 0.1.0; its description corrects the words of
        # Annex II's type 1 (REC/1/1, footnote 28: intergovernmental meetings, subsidiary bodies)
        uid = "meeting-wg2020-1@post2020.mandates"
        was, now = (_event(files["all.en.ics"], uid) for files in (before, after))
        for name in ("SUMMARY", "LOCATION", "DTSTART", "DTEND"):
            assert now[name].to_ical() == was[name].to_ical(), name
        assert str(now["DESCRIPTION"]) == str(was["DESCRIPTION"]).replace(
            "intergovernmental meeting of a subsidiary body",
            "intergovernmental meeting or meeting of a subsidiary body")
        assert new[uid][0] == old[uid][0]  # a description is no significant revision (RFC 5545)
        uid = "deadline-sbi-3-recs-financial-mechanism@post2020.mandates"  # gained a description
        assert new[uid][1] != old[uid][1] and new[uid][0] >= old[uid][0]
        publish(bundled_plan, store, AS_OF, v010_settings, v010_calendars, LATER.add(days=1))
        assert _files(v010_calendars) == after
    finally:
        store.dispose()


def test_the_server_reads_the_upgraded_folder(v010_sqlite: str, v010_calendars: Path,
                                              v010_settings: Settings, bundled_plan: Plan) -> None:
    store = Store(v010_sqlite)
    try:
        publish(bundled_plan, store, AS_OF, v010_settings, v010_calendars, LATER)
    finally:
        store.dispose()
    published = Published(v010_calendars, v010_settings.feeds.tokens)
    assert published.public("all.zh") is not None
    secretariat = published.private(v010_settings.feeds.tokens["secretariat"], "secretariat.en")
    assert secretariat is not None and b"meeting-wg2020-2@post2020.mandates" in secretariat.data
    assert published.private("not-the-token", "secretariat.en") is None


# ---------------------------------------------------------------------------------------------
# Alerts, the check's JSON, the briefing snapshot

# What the living plan (issue 9) changes in 0.1.0's check as of 1 March 2020: the review
# mechanisms workshop ("January 2020, to be confirmed") was never confirmed, so it is no longer
# presumed held nor its options presumed delivered (0.1.0 said they "arrived on 14 February").
NEW_ALERTS = {"ws-review-mechanisms-options:at_risk"}


@BOTH_DATABASES
def test_an_alert_sent_by_0_1_0_is_not_sent_again(request: pytest.FixtureRequest, database: str,
                                                   bundled_plan: Plan) -> None:
    url = request.getfixturevalue(database)
    store = Store(url)
    settings = load_settings(FIXTURES / "settings.yaml")
    try:
        evaluation = evaluate(bundled_plan, store.facts("post2020"), AS_OF)
        with store.engine.connect() as connection:
            recorded = dict(connection.execute(text(
                "SELECT alert_key, status FROM sent_alert WHERE channel = "
                "(SELECT channel FROM sent_alert WHERE status = 'sent' LIMIT 1)")).all())
        assert set(recorded.values()) == {"sent"}
        keys = {item.key for item in alert_items(evaluation)}
        assert keys == set(recorded) | NEW_ALERTS  # the same keys, and what issue 9 found
        digests: list[tuple[str, str]] = []

        def sender(url: str, title: str, body: str) -> str | None:
            digests.append((url, body))
            return None

        result = send_alerts(store, evaluation, settings.alerts, now=LATER, sleep=lambda _: None,
                             sender=sender)
        # channel 1 sent everything in 0.1.0: only the new alert; channel 2 failed: everything
        assert [url for url, _ in digests] == ["json://127.0.0.1:9/channel-1",
                                               "json://127.0.0.1:9/channel-2"]
        first = digests[0][1]
        assert "ws-review-mechanisms-options" in first
        assert not any(key.split(":")[0] in first for key in recorded)
        assert (result.sent, result.failed) == (len(keys) + len(NEW_ALERTS), 0)
        again = send_alerts(store, evaluation, settings.alerts, now=LATER.add(days=1),
                            sleep=lambda _: None, sender=sender)
        assert (again.sent, len(digests)) == (0, 2)
    finally:
        store.dispose()


def _label(item: object, index: int) -> str:
    """A list item by its id (late inputs by output and id), else by its index."""
    if isinstance(item, dict) and "id" in item:
        return f"{item['output']}<-{item['id']}" if "output" in item else str(item["id"])
    return str(index)


def _differences(new: object, old: object, where: str = "") -> list[tuple[str, object, object]]:
    """Where the current JSON differs from 0.1.0's: a key missing is (path, old, "MISSING")."""
    found: list[tuple[str, object, object]] = []
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            found += (_differences(new[key], value, f"{where}.{key}") if key in new
                      else [(f"{where}.{key}", value, "MISSING")])
    elif isinstance(old, list) and isinstance(new, list) and len(new) == len(old) and all(
            _label(a, i) == _label(b, i) for i, (a, b) in enumerate(zip(new, old, strict=True))):
        for index, (a, b) in enumerate(zip(new, old, strict=True)):
            found += _differences(a, b, f"{where}[{_label(b, index)}]")
    elif new != old:
        found.append((where, old, new))
    return found


# What the living plan (issue 9) changes in the values (never the keys) of 0.1.0's check: the two
# meetings that were never confirmed are tentative, not held; the review mechanisms options are
# no longer presumed delivered (0.1.0: "arrived on 14 February 2020"), so what they feed says so;
# an undated output shows the latest date it could have; the critical chain does not start at a
# delivered output; a value null in 0.1.0 may say more now (a presumed input's reason).
ISSUE_9_CHANGES = (
    ".meetings[ws-review-mechanisms].status", ".meetings[consult-resource-mobilization].status",
    ".outputs[ws-review-mechanisms-options].",
    ".outputs[wg2020-2-documents].inputs[ws-review-mechanisms-options]",
    ".outputs[sbi-3-recs-review-mechanisms].inputs[ws-review-mechanisms-options]",
    ".late_inputs[wg2020-2-documents<-ws-review-mechanisms-options]",
    ".outputs[ws-area-based-report].reason", ".outputs[consult-review-report].tentative",
    ".critical_chain", ".totals.delivered", ".totals.at_risk",  # one output: delivered -> at risk
    # an input presumed delivered after the deadline says so (0.1.0: "arrived on 22 February")
    ".outputs[wg2020-2-documents].inputs[consult-review-report].reason",
    ".late_inputs[wg2020-2-documents<-consult-review-report].reason",
)
# What issue 10 (words a person reads) changes: English agreement after a plural title ("the
# WG2020-2 documents were due ... and are 48 days overdue", 0.1.0: "was ... is").
ISSUE_10_CHANGES = (".outputs[wg2020-2-discussion-draft].inputs[wg2020-2-documents].reason",)
# What a new user's trial changed: slack no longer counts towards a meeting already held (on 1
# March 2020, the informal briefing of 24 November 2019 and WG2020-2, held 24-29 February: the
# detailed workplan and the WG2020-2 documents, still open, have no slack left to count: null)
# nor towards an output already delivered.
TRIAL_CHANGES = (".outputs[detailed-workplan].slack_days", ".outputs[wg2020-2-documents].slack_days")


def test_the_check_json_keeps_every_key_and_value(v010_sqlite: str, v010_plan: Plan) -> None:
    store = Store(v010_sqlite)
    try:
        current = evaluation_dict(evaluate(v010_plan, store.facts("post2020"), AS_OF))
    finally:
        store.dispose()
    old = json.loads((FIXTURES / "calendars" / "check-post2020.json").read_text(encoding="utf-8"))
    differences = _differences(json.loads(json.dumps(current, ensure_ascii=False)), old)
    assert [d for d in differences if d[2] == "MISSING"] == []  # keys are only ever added
    explained = ISSUE_9_CHANGES + ISSUE_10_CHANGES + TRIAL_CHANGES
    unexplained = [d for d in differences if d[1] is not None and not d[0].startswith(explained)]
    assert unexplained == []
    assert {d[0] for d in differences if d[0].startswith(ISSUE_9_CHANGES)} >= {
        ".meetings[ws-review-mechanisms].status", ".outputs[ws-review-mechanisms-options].status",
        ".critical_chain"}


def test_the_next_briefing_compares_with_0_1_0s_snapshot(v010_sqlite: str, bundled_plan: Plan) -> None:
    store = Store(v010_sqlite)
    try:
        briefing = make_briefing(bundled_plan, store.facts("post2020"), store, AS_OF, "last", 6)
    finally:
        store.dispose()
    assert (briefing.since.kind, briefing.since.on) == ("last", SNAPSHOT_DAY)
    # What changed since 6 January: the two moves to Rome and the cancelled IUCN consultation.
    assert sorted(m.meeting for m in briefing.meeting_moves) == ["consult-iucn", "consult-review", "wg2020-2"]


ADDED_BY = {"0002": {"written_in", "venue_zh"},
            "0003": {"key", "part", "mode", "precision", "tentative", "voids", "source",
                     "approximate", "payload", "text_zh"}}


@BOTH_DATABASES
@pytest.mark.parametrize(("target", "dropped"), [("0002", ADDED_BY["0003"]),
                                                 ("0001", ADDED_BY["0002"] | ADDED_BY["0003"])])
def test_downgrades_drop_exactly_the_columns_added(request: pytest.FixtureRequest, database: str,
                                                   target: str, dropped: set[str]) -> None:
    """Downgrading drops exactly the columns the later revisions added; 0.1.0's rows are
    untouched, and upgrading again reads every fact as recorded."""
    from sqlalchemy import inspect

    url = request.getfixturevalue(database)
    Store(url).dispose()
    engine = create_engine(normalise_url(url))
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("fact")}
        assert dropped <= columns
        _migrate(url, "downgrade", target)
        engine.dispose()  # a fresh look at the schema
        after = {c["name"] for c in inspect(engine).get_columns("fact")}
        assert after == columns - dropped
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM fact")).scalar() == len(_expected_facts())
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == target
    finally:
        engine.dispose()
    store = Store(url)  # and up again
    try:
        assert [_as_recorded(f) for f in store.facts("post2020")] == _expected_facts()
    finally:
        store.dispose()
