"""Fixtures of the feed tests: settings, a writer with a frozen clock, and four real parsers."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest

from mandates.config.settings import FeedSettings, Settings
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.feeds.lint import lint
from mandates.feeds.publish import publish
from mandates.store.db import Store

JS_DIR = Path(__file__).resolve().parent.parent / "js"
TOKEN = "k3Qv9-secretariat-token-7fz2Lw0pXy"
NOW = pendulum.datetime(2019, 11, 1, 7, 0, tz="UTC")


def make_settings(out: Path, alarms: tuple[int, ...] = (7, 1), keep_cancelled_days: int = 90,
                  tasks: bool = True) -> Settings:
    """Settings for a test: feeds in `out`, a secretariat token, staff reminders 7 and 1 days ahead."""
    return Settings(calendars_dir=out, public_base_url="https://calendars.example.org",
                    feeds=FeedSettings(tokens={"secretariat": TOKEN}, alarms_days_before=alarms,
                                       tasks_feed=tasks, keep_cancelled_days=keep_cancelled_days))


@pytest.fixture(scope="session")
def bundled_plan() -> Plan:
    """The bundled process as founded (CBD/WG2020/REC/1/1 alone): the feed tests check how feeds
    follow the facts each test records, so the history shipped with the process (which
    `tests/feeds/test_shipped_history.py` publishes) and its amendments stay out."""
    from founding import founding_folder

    from mandates.config.processes import load_process

    return load_process(founding_folder())


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    """Default test settings, feeds in tmp_path/calendars."""
    return make_settings(tmp_path / "calendars")


Writer = Callable[..., list[Path]]


@pytest.fixture()
def write(store: Store, settings: Settings, bundled_plan: Plan) -> Writer:
    """Write the feeds of a plan (default: bundled) as of a date, at a frozen `now`."""

    def run(as_of: pendulum.Date, now: pendulum.DateTime = NOW, plan: Plan | None = None,
            facts: Iterable[Fact] = (), out: Path | None = None,
            use: Settings | None = None) -> list[Path]:
        chosen = plan or bundled_plan
        if facts:
            store.append(chosen.process.id, list(facts))
        conf = use or settings
        return publish(chosen, store, as_of, conf, out or conf.calendars_dir, now)

    return run


def events(path: Path) -> dict[str, dict[str, Any]]:
    """The VEVENTs and VTODOs of a feed by UID, read with icalendar (values decoded)."""
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    found: dict[str, dict[str, Any]] = {}
    for component in cal.walk():
        if component.name in ("VEVENT", "VTODO"):
            found[str(component["UID"])] = {
                "name": component.name,
                "summary": str(component.get("SUMMARY", "")),
                "description": str(component.get("DESCRIPTION", "")),
                "location": str(component.get("LOCATION", "")),
                "status": str(component.get("STATUS", "")),
                "sequence": int(component.get("SEQUENCE", 0)),
                "start": component.decoded("DTSTART") if "DTSTART" in component else None,
                "end": component.decoded("DTEND") if "DTEND" in component else None,
                "due": component.decoded("DUE") if "DUE" in component else None,
                "last_modified": component.decoded("LAST-MODIFIED"),
                "dtstamp": component.decoded("DTSTAMP"),
                "transp": str(component.get("TRANSP", "")),
                "alarms": [str(a.get("TRIGGER").to_ical(), "ascii")
                           for a in component.subcomponents if a.name == "VALARM"],
            }
    return found


@pytest.fixture(scope="session")
def icaljs() -> Callable[[list[Path]], list[dict[str, Any]]]:
    """Parse files with Mozilla's ical.js under node; skips when node or node_modules are missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot run ical.js (Thunderbird's parser)")
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        pytest.skip("tests/js/node_modules is missing: run `(cd tests/js && npm install)`")

    def parse(paths: list[Path]) -> list[dict[str, Any]]:
        done = subprocess.run([node, str(JS_DIR / "parse.mjs"), *map(str, paths)], capture_output=True,
                              text=True, check=False, cwd=JS_DIR)
        assert done.returncode == 0, f"ical.js refused a feed: {done.stderr}"
        return [json.loads(line) for line in done.stdout.splitlines()]

    return parse


def python_parsers(path: Path) -> dict[str, dict[str, str]]:
    """Parse one feed with icalendar, ical (strict) and vobject (validate=True) and the lint;
    return each parser's {uid: summary} so that the caller can check they agree."""
    import icalendar
    import vobject
    from ical.calendar_stream import IcsCalendarStream

    data = path.read_bytes()
    problems = lint(data)
    assert not problems, f"{path.name}: {problems}"
    text = data.decode("utf-8")
    cal = icalendar.Calendar.from_ical(data)
    broken = [(c.name, c.errors) for c in cal.walk() if getattr(c, "errors", None)]
    assert not broken, f"{path.name}: icalendar found broken properties {broken}"
    by_icalendar = {str(c["UID"]): str(c["SUMMARY"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO")}
    strict = IcsCalendarStream.calendar_from_ics(text)
    by_ical = {e.uid: e.summary for e in strict.events} | {t.uid: t.summary for t in strict.todos}
    parsed = list(vobject.readComponents(text, validate=True))
    assert len(parsed) == 1, f"{path.name}: vobject read {len(parsed)} calendars"
    by_vobject = {}
    for child in parsed[0].getChildren():
        if child.name in ("VEVENT", "VTODO"):
            child.validate(raiseException=True)
            by_vobject[child.uid.value] = child.summary.value
    return {"icalendar": by_icalendar, "ical": {k: v or "" for k, v in by_ical.items() if k},
            "vobject": by_vobject}


def feed_files(out: Path) -> list[Path]:
    """Every .ics feed written under `out`, private ones included."""
    return sorted(out.rglob("*.ics"))


def renamed(plan: Plan, titles: dict[str, tuple[str, str]]) -> Plan:
    """The plan with some meeting and output titles (en, zh) replaced."""
    from mandates.core.plan import Title

    meetings = {k: replace(m, title=Title(*titles[k])) if k in titles else m
                for k, m in plan.meetings.items()}
    outputs = {k: replace(o, title=Title(*titles[k])) if k in titles else o
               for k, o in plan.outputs.items()}
    return replace(plan, meetings=meetings, outputs=outputs)


def small_plan(plan: Plan) -> Plan:
    """A few items of the bundled plan, one of each kind (dated, window, TBD, periodic, private),
    so that property-based examples stay fast."""
    meetings = {k: plan.meetings[k] for k in ("wg2020-2", "sbstta-24", "ws-review-mechanisms",
                                              "consult-iucn", "cop-15")}
    keep = ("views-structure", "wg2020-2-documents", "bureau-progress-reports",
            "ws-review-mechanisms-options", "consult-iucn-report", "annex2-list-updates")
    outputs = {k: replace(plan.outputs[k], inputs=tuple(i for i in plan.outputs[k].inputs if i in keep))
               for k in keep}
    return replace(plan, meetings=meetings, outputs=outputs)


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (conftest cannot be imported in importlib mode)."""
    return SimpleNamespace(events=events, python_parsers=python_parsers, feed_files=feed_files,
                           make_settings=make_settings, renamed=renamed,
                           small_plan=small_plan, NOW=NOW, TOKEN=TOKEN)
