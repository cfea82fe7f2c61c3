"""Feeds of a selection (issue 10, part 1): `feeds.selections` in the settings, published with
the other feeds, and `mandates feeds --body/--meeting/--responsible/--status -o FILE`.

A selection's events are exactly the events of the full feed for the items `core.select`
chooses (UID, dates, SEQUENCE, DTSTAMP); a move raises SEQUENCE in it as in every feed; unknown
ids are refused with the settings file and line before anything is written; every selection
feed passes the lint, icalendar, ical, vobject and Mozilla's ical.js.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.settings import FeedSelection, FeedSettings, Settings, load_settings
from mandates.core.evaluate import OutputStatus, evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.core.select import Selection, select
from mandates.errors import SettingsError
from mandates.feeds.publish import publish
from mandates.store.db import Store

TODAY = pendulum.Date(2020, 1, 6)
AFTER = pendulum.Date(2020, 3, 1)
RECORDED_AT = pendulum.datetime(2020, 2, 3, 9, tz="UTC")
TOKEN = "k3Qv9-secretariat-token-7fz2Lw0pXy"
SELECTIONS = {
    "sbstta-watch": FeedSelection(body=("sbstta",), status=("overdue", "due_soon", "at_risk")),
    "cop15-prep": FeedSelection(meeting=("cop-15",)),
    "wg2020-2": FeedSelection(meeting=("wg2020-2",)),
    "overdue": FeedSelection(status=("overdue",)),
    "wg-secretariat": FeedSelection(meeting=("wg2020-2",), responsible=("executive-secretary",)),
    "staff-wg2020-2": FeedSelection(meeting=("wg2020-2",), private=True),
    "iucn": FeedSelection(body=("iucn",)),  # its only meeting has no dates yet
}
AS_CORE = {"sbstta-watch": Selection(bodies=frozenset({"sbstta"}), statuses=frozenset(
    {OutputStatus.OVERDUE, OutputStatus.DUE_SOON, OutputStatus.AT_RISK})),
    "cop15-prep": Selection(meetings=frozenset({"cop-15"})),
    "wg2020-2": Selection(meetings=frozenset({"wg2020-2"})),
    "overdue": Selection(statuses=frozenset({OutputStatus.OVERDUE})),
    "wg-secretariat": Selection(meetings=frozenset({"wg2020-2"}),
                                responsible=frozenset({"executive-secretary"})),
    "iucn": Selection(bodies=frozenset({"iucn"}))}


def with_selections(out: Path) -> Settings:
    """Feeds in `out`, the secretariat's and one private selection's token, the selections above,
    reminders 7 and 1 days before (the secretariat's rendering)."""
    return Settings(calendars_dir=out, feeds=FeedSettings(
        tokens={"secretariat": TOKEN, "selection-staff-wg2020-2": TOKEN + "-2"}, selections=SELECTIONS,
        alarms_days_before=(7, 1)))


def subject(uid: str) -> str:
    """The meeting or output an event of a public feed shows, read from its UID alone."""
    key = uid.split("@", 1)[0]
    if key.startswith("meeting-"):
        return re.sub(r"-part-[0-9]+$", "", key.removeprefix("meeting-"))
    assert key.startswith("deadline-"), uid
    return key.removeprefix("deadline-").split(".", 1)[0]


def moved(plan: Plan) -> Any:
    """WG2020-2 moved to Rome, 2-6 March 2020 (a week later), announced on 3 February."""
    return make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3),
                     recorded_at=RECORDED_AT, opens_on=pendulum.Date(2020, 3, 2),
                     closes_on=pendulum.Date(2020, 3, 6), venue="Rome, Italy", timezone="Europe/Rome")


@pytest.mark.parametrize("as_of", [TODAY, AFTER])
def test_a_selection_holds_exactly_the_full_feeds_events_of_what_it_chooses(
        tmp_path: Path, store: Store, bundled_plan: Plan, kit: SimpleNamespace, as_of: pendulum.Date) -> None:
    out = tmp_path / "calendars"
    publish(bundled_plan, store, as_of, with_selections(out), out, kit.NOW)
    evaluation = evaluate(bundled_plan, [], as_of)
    everything = kit.events(out / "all.en.ics")
    sizes = {}
    for name, selection in AS_CORE.items():
        chosen = select(evaluation, selection)
        wanted = set(chosen.meetings) | set(chosen.outputs)
        for lang in ("en", "zh"):
            found = kit.events(out / f"selection-{name}.{lang}.ics")
            full = everything if lang == "en" else kit.events(out / "all.zh.ics")
            expected = {uid for uid in full if subject(uid) in wanted}
            if not expected:  # nothing dated: the one event saying so
                assert list(found) == [f"no-dates-selection-{name}@post2020.mandates"], name
                continue
            assert set(found) == expected, (name, lang)
            for uid in expected:
                for key in ("start", "end", "sequence", "dtstamp", "last_modified", "summary",
                            "description", "status"):
                    assert found[uid][key] == full[uid][key], (name, uid, key)
        sizes[name] = len(kit.events(out / f"selection-{name}.en.ics"))
    assert 0 < sizes["cop15-prep"] < len(everything) and sizes["wg-secretariat"] < sizes["wg2020-2"]
    assert sizes["iucn"] == 1
    # the status filter: all the meetings (status narrows outputs only), the overdue deadlines
    overdue = {o for o, s in evaluation.outputs.items() if s.status is OutputStatus.OVERDUE}
    deadlines = {subject(u) for u in kit.events(out / "selection-overdue.en.ics")
                 if u.startswith("deadline-")}
    assert deadlines == {o for o in overdue if f"deadline-{o}@post2020.mandates" in everything
                         or any(u.startswith(f"deadline-{o}.") for u in everything)}
    assert deadlines  # 4 overdue on 6 January (the check says so), more on 1 March


def test_public_and_private_selections_in_the_manifest_and_on_disk(
        tmp_path: Path, store: Store, bundled_plan: Plan, kit: SimpleNamespace) -> None:
    import json

    out = tmp_path / "calendars"
    written = publish(bundled_plan, store, AFTER, with_selections(out), out, kit.NOW)
    manifest = {(e["name"], e["lang"]): e for e in json.loads((out / "feeds.json").read_text())["feeds"]}
    for name in SELECTIONS:
        for lang in ("en", "zh"):
            entry = manifest[(f"selection-{name}", lang)]
            private = name.startswith("staff-")
            assert entry["private"] is private and (out / entry["file"]) in written
            assert entry["file"] == (f"private/selection-{name}.{lang}.ics" if private
                                     else f"selection-{name}.{lang}.ics")
    assert manifest[("selection-sbstta-watch", "en")]["title"] == "Selection: sbstta-watch"
    assert manifest[("selection-sbstta-watch", "zh")]["title"] == "筛选日历：sbstta-watch"
    assert "overdue, due soon or at risk" in manifest[("selection-sbstta-watch", "en")]["about"]
    assert (out / "private" / "selection-staff-wg2020-2.en.ics").stat().st_mode & 0o777 == 0o640
    # the private selection carries what only the secretariat sees; the public one does not
    staff = kit.events(out / "private" / "selection-staff-wg2020-2.en.ics")
    public = kit.events(out / "selection-wg2020-2.en.ics")
    secretariat = kit.events(out / "private" / "secretariat.en.ics")
    assert set(public) < set(staff) <= set(secretariat)
    assert any(uid.startswith("late-input-") for uid in staff)
    assert not any(uid.startswith("late-input-") for uid in public)
    for uid, event in staff.items():
        assert event == secretariat[uid], uid  # the secretariat's rendering (reminders too)
    assert any(event["alarms"] for event in staff.values())  # reminders, as the secretariat's


def test_a_move_raises_sequence_in_the_selection_as_in_every_feed(
        tmp_path: Path, store: Store, bundled_plan: Plan, kit: SimpleNamespace) -> None:
    out = tmp_path / "calendars"
    settings = with_selections(out)
    publish(bundled_plan, store, TODAY, settings, out, kit.NOW)
    before = kit.events(out / "selection-wg2020-2.en.ics")
    store.append(bundled_plan.process.id, [moved(bundled_plan)])
    publish(bundled_plan, store, AFTER, settings, out, kit.NOW)
    after = kit.events(out / "selection-wg2020-2.en.ics")
    full = kit.events(out / "all.en.ics")
    uid = "meeting-wg2020-2@post2020.mandates"
    assert after[uid]["start"] == dt.date(2020, 3, 2) != before[uid]["start"]
    assert after[uid]["sequence"] == before[uid]["sequence"] + 1 == full[uid]["sequence"]
    assert "Rome" in after[uid]["location"]
    for lang in ("en", "zh"):  # the same number in both languages and in the private selection
        for path in (out / f"selection-wg2020-2.{lang}.ics",
                     out / "private" / f"selection-staff-wg2020-2.{lang}.ics"):
            assert kit.events(path)[uid]["sequence"] == full[uid]["sequence"], path.name
    documents = "deadline-wg2020-2-documents@post2020.mandates"  # six weeks before: moved with it
    assert after[documents]["start"] != before[documents]["start"]
    assert after[documents]["sequence"] == full[documents]["sequence"] >= 1


def test_every_selection_feed_passes_the_parsers_the_lint_and_ical_js(
        tmp_path: Path, store: Store, bundled_plan: Plan, kit: SimpleNamespace, icaljs: Any) -> None:
    out = tmp_path / "calendars"
    store.append(bundled_plan.process.id, [moved(bundled_plan)])
    publish(bundled_plan, store, AFTER, with_selections(out), out, kit.NOW)
    files = sorted(out.rglob("selection-*.ics"))
    assert len(files) == 2 * len(SELECTIONS)
    for path in files:
        seen = kit.python_parsers(path)  # the lint, icalendar, ical (strict), vobject (validate)
        assert seen["icalendar"] == seen["ical"] == seen["vobject"] and seen["icalendar"], path.name
    for result in icaljs(files):
        path = Path(result["file"])
        expected = kit.events(path)
        read = {e["uid"]: e for e in result["events"]}
        assert set(read) == set(expected), path.name
        for uid, event in read.items():
            assert event["summary"] == expected[uid]["summary"] and event["allDay"] is True
            assert event["start"] == expected[uid]["start"].isoformat()
            assert event["sequence"] == expected[uid]["sequence"]


def test_publishing_again_with_nothing_changed_writes_nothing(
        tmp_path: Path, store: Store, bundled_plan: Plan, kit: SimpleNamespace) -> None:
    out = tmp_path / "calendars"
    settings = with_selections(out)
    publish(bundled_plan, store, AFTER, settings, out, kit.NOW)
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*.ics")}
    publish(bundled_plan, store, AFTER, settings, out, kit.NOW)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.ics")} == times
    # a new selection: written, the other feeds left alone (same bytes: not rewritten)
    more = Settings(calendars_dir=out, feeds=settings.feeds.model_copy(update={"selections": {
        **SELECTIONS, "sbi": FeedSelection(body=("sbi",))}}))
    publish(bundled_plan, store, AFTER, more, out, kit.NOW)
    assert (out / "selection-sbi.en.ics").is_file()
    assert {p: p.stat().st_mtime_ns for p in times} == times


# ---------------------------------------------------------------------------------------------
# Refusals

def write_settings(path: Path, calendars: Path, selections: str) -> Path:
    path.write_text(f"calendars_dir: {calendars}\nfeeds:\n  selections:\n{selections}", encoding="utf-8")
    return path


def test_unknown_ids_are_refused_with_the_settings_line_and_the_nearest(
        tmp_path: Path, isolated_env: Path) -> None:
    calendars = tmp_path / "calendars"
    settings = write_settings(tmp_path / "settings.yaml", calendars,
                              "    ok: {meeting: [cop-15]}\n"        # line 4
                              "    watch:\n"                          # line 5
                              "      body: [sbstta, sbtta]\n"         # line 6
                              "      meeting:\n"                      # line 7
                              "        - wg2020-2\n"                  # line 8
                              "        - cop15\n")                    # line 9
    result = CliRunner().invoke(app, ["feeds", "--settings", str(settings), "--as-of", "2020-01-06"],
                                env={"COLUMNS": "250"})
    assert result.exit_code == 2, result.output
    assert (f"{settings}:6: feeds.selections.watch.body: no such body 'sbtta'; did you mean sbstta"
            in result.output)
    assert f"{settings}:9: feeds.selections.watch.meeting: no such meeting 'cop15'; did you mean cop-15" \
        in result.output
    assert "Traceback" not in result.output and not calendars.exists()


def test_a_bad_status_or_name_is_refused_at_settings_load(tmp_path: Path) -> None:
    calendars = tmp_path / "calendars"
    path = write_settings(tmp_path / "a.yaml", calendars, "    watch: {status: [overdue, late]}\n")
    with pytest.raises(SettingsError, match=re.escape(f"{path}:4: feeds.selections.watch.status: "
                                                      "unknown status 'late'")):
        load_settings(path)
    path = write_settings(tmp_path / "b.yaml", calendars, "    Watch_1: {body: sbstta}\n")
    with pytest.raises(SettingsError, match=re.escape(f"{path}:4: feeds.selections.Watch_1.[key]: "
                                                      "selection name 'Watch_1'")):
        load_settings(path)
    path = write_settings(tmp_path / "c.yaml", calendars, "    watch: {bodies: [sbstta]}\n")
    with pytest.raises(SettingsError, match=re.escape("feeds.selections.watch.bodies: unknown key "
                                                      "'bodies'; did you mean 'body'")):
        load_settings(path)
    one = load_settings(write_settings(tmp_path / "d.yaml", calendars,
                                       "    watch: {body: sbstta, status: due-soon}\n"))
    assert one.feeds.selections["watch"] == FeedSelection(body=("sbstta",), status=("due_soon",))


# ---------------------------------------------------------------------------------------------
# One feed of the filters: `mandates feeds --meeting ... -o FILE`

def components(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's bytes by UID."""
    found = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.S)
    return {re.search(rb"\r\nUID:([^\r]*)\r\n", c).group(1).decode(): c for c in found}  # type: ignore[union-attr]


def test_one_feed_of_the_filters_is_the_selections_feed_and_touches_no_folder(
        tmp_path: Path, isolated_env: Path) -> None:
    calendars = tmp_path / "calendars"
    settings = write_settings(tmp_path / "settings.yaml", calendars,
                              "    wg: {meeting: [wg2020-2], status: [overdue, at_risk]}\n")
    runner = CliRunner()
    base = ["--settings", str(settings), "--as-of", "2020-03-01"]
    done = runner.invoke(app, ["feeds", *base])
    assert done.exit_code == 0, done.output
    published = (calendars / "selection-wg.zh.ics").read_bytes()
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in calendars.rglob("*") if p.is_file()}
    target = tmp_path / "mail" / "wg.ics"
    done = runner.invoke(app, ["feeds", *base, "--meeting", "wg2020-2", "--status", "overdue",
                               "--status", "at-risk", "--lang", "zh", "-o", str(target)])
    assert done.exit_code == 0, done.output
    one = target.read_bytes()
    assert components(one) == components(published) and components(one)
    assert b"X-WR-CALNAME:\xe7\xad\x9b\xe9\x80\x89" in one  # 筛选日历：...
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in calendars.rglob("*") if p.is_file()}
    assert after == before
    printed = runner.invoke(app, ["feeds", *base, "--meeting", "wg2020-2", "--status", "overdue",
                                  "--status", "at-risk"])
    assert printed.exit_code == 0 and printed.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert set(components(printed.stdout_bytes)) == set(components(one))
    refused = runner.invoke(app, ["feeds", *base, "--body", "sbsta"])
    assert refused.exit_code == 2 and "--body 'sbsta': no such body (did you mean sbstta?)" in refused.output
    refused = runner.invoke(app, ["feeds", *base, "--body", "sbstta", "--out", str(tmp_path / "x")])
    assert refused.exit_code == 2 and not (tmp_path / "x").exists()
