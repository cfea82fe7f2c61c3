"""The feeds in real calendar clients (issue 11, part 7): vdirsyncer subscribes to `mandates serve`
on loopback and khal reads what it stored, in English and Chinese, before and after a meeting moves.

Everything runs as a user would: `mandates feeds` publishes the bundled process as of 6 January
2020 (frozen), `mandates serve` serves the folder (access log on), `vdirsyncer sync` copies each
subscription (an `http` storage) into a folder (a `filesystem` storage) and `khal list` prints the
events it finds there. Then `mandates reschedule` records the real move of SBSTTA-24 (Montreal,
18-23 May 2020, "tentatively rescheduled" to Ottawa, 25-30 August 2020; recorded here as announced
on the frozen date so that nothing else changes), `mandates feeds` publishes again and vdirsyncer
syncs again. Each time, khal lists exactly the events of the .ics as parsed by `icalendar`: the same
titles on the same days at the same places, none twice, Chinese intact; and the move is visible.

vdirsyncer's `http` storage names each item by the hash of its text (it ignores UIDs): a moved
meeting arrives as a new item and the old one is deleted, so a duplicate would show here as two
listings of one meeting. A body whose items are all undated (IUCN as of 6 January 2020) is
subscribed too: its feed still has one event saying so (part 8).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
from ports import free_port

from mandates.feeds.lint import lint

BIN = Path(sys.executable).parent
AS_OF = "2020-01-06"
FEEDS = ("all.en", "all.zh", "sbstta.en", "sbstta.zh", "iucn.en")
SBSTTA_24 = {"en": "Twenty-fourth meeting of the Subsidiary Body on Scientific, Technical and "
                   "Technological Advice", "zh": "科学、技术和工艺咨询附属机构第二十四次会议（SBSTTA-24）"}
MONTREAL = {"en": "Montreal, Canada", "zh": "加拿大蒙特利尔"}
OTTAWA = {"en": "Ottawa, Canada", "zh": "加拿大渥太华"}
FORMAT = "{start-date}\t{end-date}\t{title}\t{location}\t{uid}"


@dataclass(frozen=True)
class Listed:
    """One event as a client shows it: first and last day (inclusive), title, place."""

    first: str
    last: str
    title: str
    location: str


def tool(name: str) -> str:
    """The console script `name` of this environment (skipped when the test extra is missing)."""
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed (pip install -c constraints.txt -e '.[test]')")
        return found
    return str(path)


@dataclass
class World:
    """A user's machine in tmp_path: HOME and XDG folders, a database, the feeds, the server."""

    root: Path
    env: dict[str, str]
    calendars: Path
    log: Path
    url: str = ""
    server: subprocess.Popen[bytes] | None = None

    def run(self, *args: str, ok: tuple[int, ...] = (0,)) -> str:
        """Run a command of this machine; its stdout (fails the test on another exit code)."""
        done = subprocess.run(args, env=self.env, cwd=self.root, capture_output=True, timeout=300)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace")
        assert done.returncode in ok, f"{args}: exit {done.returncode}\n{out}\n{err}"
        return out

    def publish(self) -> None:
        """`mandates feeds` as of the frozen date into the served folder."""
        self.run(tool("mandates"), "feeds", "--as-of", AS_OF, "--out", str(self.calendars))

    def serve(self) -> None:
        """`mandates serve` on a free loopback port, access log to `log`; waits until it answers."""
        port = free_port()
        with open(self.log, "wb") as handle:
            self.server = subprocess.Popen(
                [tool("mandates"), "serve", "--calendars", str(self.calendars), "--port", str(port)],
                env=self.env, cwd=self.root, stdout=handle, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        give_up = time.monotonic() + 120
        while True:
            assert self.server.poll() is None, self.log.read_text()
            try:
                httpx.get(f"{self.url}/", timeout=5)
                return
            except httpx.TransportError:
                assert time.monotonic() < give_up, "mandates serve did not start"
                time.sleep(0.2)

    def gets(self, feed: str) -> int:
        """How many GETs of `feed` the server's access log shows answered 200."""
        line = f'"GET /calendars/{feed}.ics HTTP/1.1" 200'
        return sum(1 for row in self.log.read_text().splitlines() if line in row and "127.0.0.1:" in row)


def _configure(world: World) -> tuple[Path, Path]:
    """vdirsyncer: one pair per feed, `http` subscription to a `filesystem` folder; khal: one
    calendar per folder, dates as ISO, UTC. Returns both config files."""
    vdirsyncer, khal = world.root / "vdirsyncer.conf", world.root / "khal.conf"
    pairs = [f'[general]\nstatus_path = "{world.root / "vdirsyncer-status"}/"\n']
    calendars = ["[calendars]"]
    for feed in FEEDS:
        name = feed.replace(".", "_").replace("-", "_")
        folder = world.root / "vdir" / name
        folder.mkdir(parents=True)
        pairs.append(f'[pair {name}]\na = "{name}_remote"\nb = "{name}_local"\ncollections = null\n\n'
                     f'[storage {name}_remote]\ntype = "http"\nurl = "{world.url}/calendars/{feed}.ics"\n\n'
                     f'[storage {name}_local]\ntype = "filesystem"\npath = "{folder}/"\nfileext = ".ics"\n')
        calendars.append(f"[[{name}]]\npath = {folder}/\ntype = calendar\n")
    vdirsyncer.write_text("\n".join(pairs), encoding="utf-8")
    khal.write_text("\n".join(calendars) + "\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
                    "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
                    "longdatetimeformat = %Y-%m-%d %H:%M\nlocal_timezone = UTC\ndefault_timezone = UTC\n"
                    f"\n[sqlite]\npath = {world.root / 'khal.db'}\n", encoding="utf-8")
    return vdirsyncer, khal


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).date()
    assert isinstance(value, dt.date)
    return value


def expected(path: Path) -> list[Listed]:
    """The events of a published .ics as `icalendar` reads them, in a client's terms: an all-day
    event's last day is the day before DTEND (RFC 5545 3.6.1)."""
    assert lint(path.read_bytes()) == [], path.name  # the project's RFC 5545 lint
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert not calendar.walk("VTODO")  # the subscribed feeds carry events only
    events = []
    for event in calendar.walk("VEVENT"):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt if "DTEND" in event else start
        last = _day(end) - dt.timedelta(days=1) if not isinstance(start, dt.datetime) else _day(end)
        events.append(Listed(_day(start).isoformat(), max(last, _day(start)).isoformat(),
                             str(event["SUMMARY"]), str(event.get("LOCATION", ""))))
    assert events, f"{path.name} has no event"  # RFC 5545 3.6: at least one component
    return events


def listed(world: World, khal: Path, feed: str, events: list[Listed]) -> tuple[list[Listed], list[str]]:
    """What `khal list` shows of the calendar subscribed to `feed`, over the days of `events`,
    each event once; and the identities khal gives them."""
    name = feed.replace(".", "_").replace("-", "_")
    first = min(dt.date.fromisoformat(e.first) for e in events) - dt.timedelta(days=7)
    last = max(dt.date.fromisoformat(e.last) for e in events) + dt.timedelta(days=7)
    out = world.run(tool("khal"), "-c", str(khal), "list", "-a", name, "--once", "--day-format", "",
                    "--format", FORMAT, first.isoformat(), last.isoformat())
    rows = [line.split("\t") for line in out.splitlines() if line.strip()]
    assert all(len(row) == 5 for row in rows), out
    return [Listed(*row[:4]) for row in rows], [row[4] for row in rows]


def sync(world: World, vdirsyncer: Path) -> None:
    """One `vdirsyncer sync` of every subscription; the server's log shows each feed fetched."""
    before = {feed: world.gets(feed) for feed in FEEDS}
    world.run(tool("vdirsyncer"), "-c", str(vdirsyncer), "sync")
    for feed in FEEDS:
        assert world.gets(feed) > before[feed], (feed, world.log.read_text()[-2000:])


def meeting(events: list[Listed], lang: str) -> list[Listed]:
    """The listings of SBSTTA-24 (tentative dates add a mark after the title)."""
    return [e for e in events if e.title.startswith(SBSTTA_24[lang])]


def check(world: World, khal: Path, tally: Any) -> dict[str, list[Listed]]:
    """Every subscribed feed: khal lists exactly the published events, none twice."""
    shown = {}
    for feed in FEEDS:
        events = expected(world.calendars / f"{feed}.ics")
        khal_events, identities = listed(world, khal, feed, events)
        assert Counter(khal_events) == Counter(events), (feed, set(khal_events) ^ set(events))
        assert len(set(identities)) == len(identities) == len(events), feed  # no duplicate item
        stored = list((world.root / "vdir" / feed.replace(".", "_").replace("-", "_")).glob("*.ics"))
        assert len(stored) == len(events), feed  # no stale copy left behind by the client
        if feed.endswith(".zh"):
            chinese = [e.title for e in khal_events if any("\u4e00" <= c <= "\u9fff" for c in e.title)]
            assert len(chinese) == len(events) and not any("\ufffd" in e.title for e in khal_events)
        shown[feed] = khal_events
        tally.add("client trials: events seen by khal as published", len(events))
    return shown


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[World]:
    """A fresh machine; the server is stopped after the test."""
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MANDATES_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
               LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONIOENCODING="utf-8",
               MANDATES_DATABASE_URL=f"sqlite:///{tmp_path / 'state.db'}",
               MANDATES_CACHE_DIR=os.environ.get("MANDATES_CACHE_DIR", str(tmp_path / "plans")),
               PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    home.mkdir()
    made = World(tmp_path, env, tmp_path / "calendars", tmp_path / "access.log")
    yield made
    if made.server is not None:
        made.server.terminate()
        made.server.wait(timeout=30)


def test_vdirsyncer_and_khal_see_every_event_and_the_move(world: World, tally: Any) -> None:
    world.publish()
    world.serve()
    vdirsyncer, khal = _configure(world)
    world.run(tool("vdirsyncer"), "-c", str(vdirsyncer), "discover")
    sync(world, vdirsyncer)
    before = check(world, khal, tally)
    for lang in ("en", "zh"):
        assert [(e.first, e.last, e.location) for e in meeting(before[f"all.{lang}"], lang)] == \
            [("2020-05-18", "2020-05-23", MONTREAL[lang])]
    assert [e.title for e in before["iucn.en"]] == ["No dated meetings or deadlines yet"]

    world.run(tool("mandates"), "reschedule", "sbstta-24", "--opens", "2020-08-25", "--closes", "2020-08-30",
              "--tentative", "--venue", OTTAWA["en"], "--venue-zh", OTTAWA["zh"], "--timezone",
              "America/Toronto", "--announced", AS_OF, "--source",
              "https://www.environewsnigeria.com/un-biodiversity-reschedules-two-meetings/")
    world.publish()
    sync(world, vdirsyncer)
    after = check(world, khal, tally)
    for feed in ("all.en", "all.zh", "sbstta.en", "sbstta.zh"):
        lang = feed[-2:]
        assert [(e.first, e.last, e.location) for e in meeting(after[feed], lang)] == \
            [("2020-08-25", "2020-08-30", OTTAWA[lang])], feed
    # the documentation deadline of SBSTTA-24 (six weeks before it opens) moved with it
    moved = set(after["sbstta.en"]) - set(before["sbstta.en"])
    assert any(e.title.startswith("Due:") for e in moved), moved
    tally.add("client trials: vdirsyncer syncs (feeds x rounds)", 2 * len(FEEDS))
