"""Issue 9, "Done when": the shipped history of the bundled process, replayed against a table of
expected values written by hand from the public record (replay_expected.yaml, one row per date on
which something changed, each with its sources).

- `test_replay_on_sqlite` / `test_replay_on_postgresql`: `mandates check --as-of D --format json`
  of the bundled process as installed (founding file + shipped amendments + shipped facts), on a
  fresh database of each kind, on the table's dates only, compared with the table; on every date
  the critical chain is well formed (never starts or ends at a delivered or cancelled output,
  every link an input edge) and nothing adopted at a meeting is presumed delivered before the part
  that adopts it closes (the framework text least of all).
- `test_a_past_check_is_byte_identical_after_later_facts_are_recorded`.
- `test_feeds_follow_the_history`: feeds generated on every date a shipped fact or amendment took
  effect, in order: no meeting or output leaves a feed while it is in the plan; SEQUENCE rises by
  one exactly when DTSTART, DTEND, LOCATION, SUMMARY or STATUS changed since the previous such
  date; the same numbers come out of a fresh database asked for the last date alone, and asking
  for a past date afterwards changes nothing; COP-15 part one and part two are two events.

Assumptions (the lead reconciles; see also living/readers.py for the JSON keys):
- the shipped history is read with the bundled process by every command (no option needed), and
  the public API gives the plan as of a date: `mandates.evaluate(mandates.load_plan(), [],
  as_of).plan`, whose outputs carry their due rule (`AtRule.meeting` names a meeting or a part);
- the shipped files are `config/post2020.history.yaml` (`facts:` list, each with `effective_on`)
  and `config/post2020.amendments/*.yaml` (`amendment.effective_on`): this test reads only those
  dates from them, to know when to generate feeds, never what to expect;
- documents added by amendments are found by their English title ("first draft", "update of the
  zero draft"), their ids being open;
- feed UIDs are `meeting-ID@...` (parts `meeting-ID-part-N@...`, part 1 keeping `meeting-ID@`),
  `deadline-ID@...` (periodic occurrences `deadline-ID.N@...`), `task-deadline-ID@...`,
  `late-input-...@...`, as today; `all.en.ics` holds every meeting and deadline event.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .living import readers as r
from .living.runner import AMENDMENTS, HISTORY, PG_ADMIN_URL, User, postgres_schema, sqlite_user

TABLE = Path(__file__).with_name("replay_expected.yaml")
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]


def day(value: Any) -> str:
    """A date of the table (YAML reads it as a date) as the JSON writes it."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def one_of(value: Any) -> list[Any]:
    values = value if isinstance(value, list) else [value]
    return [day(v) if isinstance(v, dt.date) else v for v in values]


# --- the table ------------------------------------------------------------------------------------


def meeting_problems(where: str, item: r.Json, want: dict[str, Any]) -> list[str]:
    """How a meeting (or a part) of the check differs from a row of the table."""
    problems: list[str] = []

    def differ(what: str, got: Any, allowed: list[Any]) -> None:
        if got not in allowed:
            problems.append(f"{where}: {what} is {got!r}, expected {' or '.join(map(repr, allowed))}")

    postponed = item.get("status") == "postponed"
    if "status" in want:
        differ("status", r.meeting_status(item), one_of(want["status"]))
    for key in ("opens_on", "closes_on", "timezone", "mode"):
        if key in want:
            differ(key, item.get(key), one_of(want[key]))
    if "city" in want and want["city"] not in r.venue_en(item):
        problems.append(f"{where}: venue {item.get('venue')!r} is not in {want['city']}")
    if "tentative" in want and r.is_tentative(item) != want["tentative"]:
        problems.append(f"{where}: tentative is {r.is_tentative(item)}, expected {want['tentative']}")
    if "held" in want and r.is_held(item) != want["held"]:
        problems.append(f"{where}: held is {r.is_held(item)} ({item.get('status')}), "
                        f"expected {want['held']}")
    if "window" in want:
        window = item.get("window") or {}
        got = (window.get("earliest"), window.get("latest"))
        expected = (day(want["window"]["earliest"]), day(want["window"]["latest"]))
        if got != expected:
            problems.append(f"{where}: window {got}, expected {expected}")
    if want.get("undated") and not postponed and (item.get("opens_on") or item.get("window")):
        problems.append(f"{where}: has dates {item.get('opens_on')} {item.get('window')}, "
                        "expected none")
    if "dated_from" in want and not postponed:
        window = item.get("window") or {}
        first = item.get("opens_on") or window.get("earliest")
        if first is not None and first < day(want["dated_from"]):
            problems.append(f"{where}: dated from {first}, expected none before "
                            f"{day(want['dated_from'])}")
    for number, part_want in (want.get("parts") or {}).items():
        try:
            part = r.part(item, int(number))
        except AssertionError as exc:
            problems.append(f"{where}: {exc}")
            continue
        problems += meeting_problems(f"{where} part {number}", part, part_want)
    return problems


def select_output(data: r.Json, key: str) -> tuple[str, r.Json | None, list[str]]:
    """The output a table key names: an id, or `title:REGEX` (exactly one match)."""
    if not key.startswith("title:"):
        return key, r.outputs(data).get(key), []
    pattern = re.compile(key[len("title:"):])
    matches = [o for o in data["outputs"] if pattern.search(o["title"]["en"])]
    if not matches:
        return key, None, []
    if len(matches) > 1:
        titles = [o["title"]["en"] for o in matches]
        return key, None, [f"{key}: {len(matches)} outputs match ({titles})"]
    return matches[0]["id"], matches[0], []


def output_problems(where: str, item: r.Json, want: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    status = item.get("status")
    if "status" in want and status not in one_of(want["status"]):
        problems.append(f"{where}: status {status!r} ({r.reason_en(item)}), expected "
                        f"{one_of(want['status'])}")
    if "not_status" in want and status in one_of(want["not_status"]):
        problems.append(f"{where}: status {status!r}")
    if "delivered" in want and r.is_delivered(item) != want["delivered"]:
        problems.append(f"{where}: delivered is {r.is_delivered(item)} ({status}, "
                        f"{item.get('delivered_on')}, {r.reason_en(item)}), expected {want['delivered']}")
    delivered_on = item.get("delivered_on")
    if "delivered_on" in want and delivered_on != day(want["delivered_on"]):
        problems.append(f"{where}: delivered on {delivered_on}, expected {day(want['delivered_on'])}")
    if "delivered_from" in want and (delivered_on is None or delivered_on < day(want["delivered_from"])):
        problems.append(f"{where}: delivered on {delivered_on}, expected from {day(want['delivered_from'])}")
    if "delivered_by" in want and (delivered_on is None or delivered_on > day(want["delivered_by"])):
        problems.append(f"{where}: delivered on {delivered_on}, expected by {day(want['delivered_by'])}")
    if "latest_finish_by" in want:
        latest = item.get("latest_finish")
        if latest is None or latest > day(want["latest_finish_by"]):
            problems.append(f"{where}: latest finish {latest!r}, expected a date by "
                            f"{day(want['latest_finish_by'])}")
    return problems


def row_problems(row: dict[str, Any], data: r.Json) -> list[str]:
    as_of = day(row["as_of"])
    problems = [] if data["as_of"] == as_of else [f"the check is as of {data['as_of']}"]
    found = r.meetings(data)
    for meeting_id, want in (row.get("meetings") or {}).items():
        if want.get("absent"):
            if meeting_id in found:
                problems.append(f"{meeting_id} is in the plan as of {as_of}, expected absent")
            continue
        if meeting_id not in found:
            problems.append(f"{meeting_id} is not in the plan as of {as_of}")
            continue
        problems += meeting_problems(meeting_id, found[meeting_id], want)
    for key, want in (row.get("outputs") or {}).items():
        output_id, item, missing = select_output(data, key)
        problems += missing
        if want.get("absent"):
            if item is not None:
                problems.append(f"{output_id} is in the plan as of {as_of}, expected absent")
        elif item is None and not missing:
            if not want.get("optional"):
                problems.append(f"{output_id} is not in the plan as of {as_of}")
        elif item is not None:
            problems += output_problems(output_id, item, want)
    last = row.get("chain_bounded_by")
    if last:
        chain = data["critical_chain"]
        outputs = r.outputs(data)
        if len(chain) < 2:
            problems.append(f"the critical chain to {last} is {chain}")
        for output_id in chain:
            item = outputs.get(output_id, {})
            if item.get("status") in ("delivered", "cancelled"):
                continue  # reported by chain_defects when it is an end of the chain
            if item.get("slack_days") is None and item.get("latest_finish") is None:
                problems.append(f"{output_id} on the chain has neither slack nor latest finish")
    if row.get("adopted_at"):
        problems += adopted_problems(data, row["adopted_at"])
    return problems


# --- what a meeting adopts, from the plan as of the date (public API) -----------------------------


@functools.cache
def adopted_by(as_of: str) -> dict[str, str]:
    """Output id -> the meeting (or `M-part-N`) that adopts it, in the plan as of `as_of`."""
    import pendulum

    import mandates

    plan = mandates.evaluate(mandates.load_plan(), [], pendulum.parse(as_of).date()).plan
    return {oid: o.due.meeting for oid, o in plan.outputs.items()
            if type(o.due).__name__ == "AtRule"}


def adopting_close(data: r.Json, adopter: str) -> tuple[str | None, bool]:
    """When the meeting (or part) that adopts an output closes, and whether it is held."""
    match = re.fullmatch(r"(.+)-part-(\d+)", adopter)
    found = r.meetings(data)
    if match and match.group(1) in found:
        item = r.part(found[match.group(1)], int(match.group(2)))
    else:
        item = found.get(adopter, {})
    window = item.get("window") or {}
    return item.get("closes_on") or window.get("latest"), r.is_held(item)


def adopted_problems(data: r.Json, want: dict[str, Any]) -> list[str]:
    meeting_id = want["meeting"]
    adopters = adopted_by(data["as_of"])
    outputs = r.outputs(data)
    chosen = [oid for oid, adopter in adopters.items()
              if (adopter == meeting_id or adopter.startswith(f"{meeting_id}-part-")) and oid in outputs]
    if not chosen:
        return [f"no output of the plan as of {data['as_of']} is adopted at {meeting_id}"]
    problems = []
    for output_id in chosen:
        item = outputs[output_id]
        if r.is_delivered(item) != want["delivered"]:
            problems.append(f"{output_id} (adopted at {adopters[output_id]}): delivered is "
                            f"{r.is_delivered(item)} ({item.get('delivered_on')})")
        if "delivered_on" in want and item.get("delivered_on") != day(want["delivered_on"]):
            problems.append(f"{output_id}: delivered on {item.get('delivered_on')}")
    return problems


def presumption_problems(data: r.Json) -> list[str]:
    """Nothing adopted at a meeting is presumed delivered before the part adopting it closes."""
    problems = []
    for output_id, adopter in adopted_by(data["as_of"]).items():
        item = r.outputs(data).get(output_id)
        if item is None or not (r.is_delivered(item) and r.is_presumed(item)):
            continue
        closes, held = adopting_close(data, adopter)
        if not held or closes is None or item["delivered_on"] < closes:
            problems.append(f"{output_id} presumed delivered on {item['delivered_on']}, but "
                            f"{adopter} closes {closes} (held: {held})")
    return problems


# --- the replay -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def on_sqlite(tmp_path_factory: pytest.TempPathFactory) -> User:
    """The bundled process as installed, with a fresh SQLite database and nothing recorded."""
    return sqlite_user(tmp_path_factory.mktemp("replay-sqlite"))


@pytest.fixture(scope="module")
def on_postgresql() -> Iterator[User]:
    """The same on a fresh PostgreSQL schema (127.0.0.1:5432, database `test`)."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            pass
    except Exception as exc:  # no server: skipped here, a failure under CI=true (tests/conftest.py)
        pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}")
    with postgres_schema() as url:
        yield User(url)


def replay(user: User, row: dict[str, Any]) -> None:
    data = user.check(day(row["as_of"]))
    problems = row_problems(row, data) + r.chain_defects(data) + presumption_problems(data)
    assert not problems, f"as of {day(row['as_of'])} ({row['why']}):\n" + "\n".join(problems)


@pytest.mark.parametrize("row", ROWS, ids=[day(row["as_of"]) for row in ROWS])
def test_replay_on_sqlite(on_sqlite: User, row: dict[str, Any]) -> None:
    replay(on_sqlite, row)


@pytest.mark.postgres
@pytest.mark.parametrize("row", ROWS, ids=[day(row["as_of"]) for row in ROWS])
def test_replay_on_postgresql(on_postgresql: User, row: dict[str, Any]) -> None:
    replay(on_postgresql, row)


def test_the_table_is_sourced_and_in_order() -> None:
    dates = [day(row["as_of"]) for row in ROWS]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert dates[0] == "2019-08-30" and dates[-1] == "2022-12-31"
    for row in ROWS:
        assert row["sources"] and all(s.startswith(("http://", "https://")) for s in row["sources"])
        assert row.get("meetings") or row.get("outputs") or row.get("adopted_at"), row["as_of"]


# --- a past check does not change ------------------------------------------------------------------

LATER_FACTS = """\
facts:
  - key: test-later-note-cop-15
    kind: note
    subject: cop-15
    effective_on: 2021-01-05
    text: {en: "Recorded by the replay test after the check as of 1 April 2020.", zh: "回放测试记录的说明。"}
"""


def test_a_past_check_is_byte_identical_after_later_facts_are_recorded(tmp_path: Path) -> None:
    user = sqlite_user(tmp_path / "user")
    commands = [("check", "--as-of", "2020-04-01", "--format", "json"),
                ("check", "--as-of", "2020-04-01"),
                ("check", "--as-of", "2020-04-01", "--lang", "zh"),
                ("show", "sbstta-24", "--as-of", "2020-04-01")]
    before = [user.ok(*args).stdout for args in commands]
    user.ok("note", "sbstta-24", "--on", "2020-06-01", "Not in Montreal in August.")
    user.ok("note", "wg2020-3", "--on", "2021-09-04", "Suspended; to resume in person.")
    user.ok("add-meeting", "test-briefing", "--body", "wg2020",
            "--title-en", "Informal briefing on the first draft", "--title-zh", "关于初稿的非正式通报会",
            "--opens", "2021-07-20", "--closes", "2021-07-20", "--venue", "Online", "--mode", "online",
            "--type", "3", "--source", "notification 2021-050", "--announced", "2021-07-01")
    user.ok("add-output", "test-briefing-summary", "--title-en", "Summary of the informal briefing",
            "--title-zh", "非正式通报会摘要", "--responsible", "wg2020-co-chairs",
            "--mandate", "notification 2021-050", "--due-at", "test-briefing",
            "--source", "notification 2021-050", "--announced", "2021-07-01")
    later = tmp_path / "later.yaml"
    later.write_text(LATER_FACTS, encoding="utf-8")
    user.ok("import", str(later))
    after = [user.ok(*args).stdout for args in commands]
    for args, old, new in zip(commands, before, after, strict=True):
        assert old == new, f"`mandates {' '.join(args)}` changed after facts that took effect later"
    assert "test-briefing" in r.meetings(user.check("2021-07-02"))  # the later facts did count


# --- feeds ---------------------------------------------------------------------------------------


def effective_dates() -> list[str]:
    """Every date a shipped fact or amendment took effect (read from the shipped files)."""
    dates: set[str] = set()
    history = yaml.safe_load(HISTORY.read_text(encoding="utf-8")) if HISTORY.exists() else None
    for fact in (history or {}).get("facts") or []:
        dates.add(day(fact["effective_on"]))
    for path in sorted(AMENDMENTS.glob("*.yaml")) if AMENDMENTS.is_dir() else []:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        dates.add(day(document["amendment"]["effective_on"]))
    return sorted(d for d in dates if "2019-08-30" <= d <= "2022-12-31")


def snapshot(folder: Path) -> dict[str, dict[str, Any]]:
    """UID -> parsed event, for the all-feed (en) of a folder of feeds."""
    return r.events(folder / "all.en.ics")


def item_of(uid: str) -> tuple[str, str] | None:
    """('meeting' | 'output', id) for the UIDs of meetings, parts and deadlines; None otherwise."""
    name = uid.split("@", 1)[0]
    if name.startswith("meeting-"):
        return "meeting", re.sub(r"-part-\d+$", "", name[len("meeting-"):])
    if name.startswith("deadline-"):
        return "output", re.sub(r"\.\d+$", "", name[len("deadline-"):])
    return None


def series(uid: str) -> str:
    """A UID without the occurrence number of a periodic deadline (`deadline-ID.3@` -> `deadline-ID@`):
    a series may end sooner when its meeting moves, but it does not leave the feed."""
    return re.sub(r"\.\d+@", "@", uid)


@pytest.mark.slow
def test_feeds_follow_the_history(tmp_path: Path) -> None:
    dates = effective_dates()
    assert len(dates) >= 20, f"the shipped history has facts on {len(dates)} dates only: {dates}"
    user = sqlite_user(tmp_path / "walk")
    previous: dict[str, Any] | None = None
    previous_date = ""
    for number, as_of in enumerate(dates):
        current = snapshot(user.feeds(as_of, tmp_path / "feeds" / f"{number:03d}"))
        if previous is not None:
            kept = {series(uid) for uid in current}
            left = [uid for uid in previous if item_of(uid) and series(uid) not in kept]
            if left:  # only an item that left the plan (none is ever deleted) may leave the feed
                data = user.check(as_of)
                in_plan = ({("meeting", m) for m in r.meetings(data)}
                           | {("output", o) for o in r.outputs(data)})
                gone = [uid for uid in left if item_of(uid) in in_plan]
                assert not gone, f"{previous_date} -> {as_of}: left the feed while in the plan: {gone}"
            for uid, event in current.items():
                if uid not in previous:
                    continue
                changed = r.significant(event) != r.significant(previous[uid])
                expected = r.sequence(previous[uid]) + (1 if changed else 0)
                assert r.sequence(event) == expected, (
                    f"{uid}: SEQUENCE {r.sequence(previous[uid])} on {previous_date} -> "
                    f"{r.sequence(event)} on {as_of}, significant fields "
                    f"{'changed' if changed else 'unchanged'}: {r.significant(previous[uid])} -> "
                    f"{r.significant(event)}")
        previous, previous_date = current, as_of

    # The same numbers from a fresh database asked for the last date alone; a past date asked
    # for afterwards changes nothing.
    last = dates[-1]
    assert previous is not None
    walked = {uid: r.sequence(event) for uid, event in previous.items()}
    fresh = sqlite_user(tmp_path / "fresh")
    direct = snapshot(fresh.feeds(last, tmp_path / "fresh-last"))
    assert {uid: r.sequence(e) for uid, e in direct.items()} == walked
    fresh.feeds("2020-04-01", tmp_path / "fresh-past")
    again = snapshot(fresh.feeds(last, tmp_path / "fresh-last-again"))
    assert {uid: r.sequence(e) for uid, e in again.items()} == walked
    assert {uid: r.significant(e) for uid, e in again.items()} == {
        uid: r.significant(e) for uid, e in direct.items()}

    # COP-15 part one and part two are two events, part one keeping the meeting's UID.
    final = snapshot(fresh.feeds("2022-12-20", tmp_path / "fresh-final"))
    one = r.uid_of("meeting", "cop-15", set(final))
    two = r.uid_of("meeting", "cop-15-part-2", set(final))
    assert one and two, sorted(u for u in final if "cop-15" in u)
    assert final[one]["DTSTART"].to_ical().decode() == "20211011"
    assert final[one]["DTEND"].to_ical().decode() == "20211016"
    assert final[two]["DTSTART"].to_ical().decode() == "20221207"
    assert final[two]["DTEND"].to_ical().decode() == "20221220"
    assert "Montreal" in str(final[two].get("LOCATION", ""))


def test_effective_dates_are_read_from_the_shipped_files() -> None:
    """The feed walk needs the shipped history: it is there, dated within the replay."""
    assert HISTORY.exists(), f"{HISTORY} is not shipped"
    assert AMENDMENTS.is_dir() and list(AMENDMENTS.glob("*.yaml")), f"{AMENDMENTS} is empty"
    assert os.path.getsize(HISTORY) > 0
