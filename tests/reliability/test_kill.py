"""kill -9 at random points of a publish and of fact writes (issue 11, "Done when").

The commands run as the console script runs them (`mandates.cli.main`), each in a process of its
own forked from a warm worker (fork_cli.py: the imports are paid once, so CI can afford the
trials); a few trials exec the installed `mandates` itself. Each trial draws its delay from a
seeded RNG within the measured duration of unkilled runs of the same command (even trials:
anywhere in it; odd trials, since start-up takes most of a run: for publish, once the run has
changed the folder (polled), within the time the measured runs took to write all their files;
for facts, as soon as a write transaction is seen open, polled as below). Publish follows the
median of the last five runs that finished, as a busy machine's pace drifts. Then SIGKILL, and
these checks, with nothing timed:

- publish (`mandates feeds`, the bundled process, alternately as of 6 January and 1 March 2020,
  so that half the files change each time): every .ics on disk parses with `icalendar` and holds a
  component; feeds.json parses and names only files on disk; every feed it names is, byte for
  byte, the feed of one of the two dates (never half of one); a complete run afterwards leaves
  exactly the feeds of its date.
- fact writes (`note`, `deliver`, `reschedule`, and `import` of 50 facts, on SQLite and on
  PostgreSQL): every fact reads back, a trial's facts are all there or none (a command that
  exited 0 wrote all), `mandates check` (which evaluates them all) exits 0 or 1, SQLite's
  `integrity_check` says ok.

A kill "landed mid-write" when the files changed but are not yet the complete new set (or a
temporary file was left), when SQLite had a hot journal (a write transaction open), or when
PostgreSQL showed the command's connection inside a write transaction (a transaction id
assigned) just before the signal or right after it (the backend outlives its client briefly).
The counts go to the reliability figures.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import icalendar
import pendulum
import pytest

from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.store.db import Store

HERE = Path(__file__).parent
MANDATES = str(Path(sys.executable).parent / "mandates")
SEED = 20201106
PUBLISH_KILLS = 30
FACT_KILLS = 30
EXEC_KILLS = 3  # of each kind, by the installed console script (part of the counts above)
DATES = ("2020-01-06", "2020-03-01")
BATCH = 50  # facts in one `mandates import`
DATABASES = pytest.mark.parametrize("database", [
    "sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)])


class Worker:
    """fork_cli.py in a process of its own: `start` forks a command, `outcome` waits for it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        env = {k: v for k, v in os.environ.items() if not k.startswith("MANDATES_DATABASE")}
        self.process = subprocess.Popen([sys.executable, str(HERE / "fork_cli.py"), str(folder)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.started = 0.0
        self.wall = 0.0  # time.time() at the fork, to compare with file and fact times

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"the worker stopped ({self.process.poll()})"
        return dict(json.loads(line))

    def start(self, args: list[str], env: dict[str, str] | None = None, log: str = "child.log") -> int:
        """Fork `mandates ARGS`; its pid."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"args": args, "env": env or {}, "log": log}) + "\n")
        self.process.stdin.flush()
        pid = int(self._read()["pid"])
        self.started, self.wall = time.monotonic(), time.time()
        return pid

    def outcome(self) -> tuple[str, int, float]:
        """("exit", code) or ("signal", number), and the seconds since `start`."""
        answer = self._read()
        kind = "exit" if "exit" in answer else "signal"
        return kind, int(answer[kind]), time.monotonic() - self.started

    def run(self, args: list[str], log: str = "child.log") -> tuple[int, float]:
        """Run a command to its end: its exit code and duration."""
        self.start(args, log=log)
        kind, code, took = self.outcome()
        assert kind == "exit", (args, kind, code)
        return code, took

    def log(self, name: str = "child.log") -> str:
        """What the last child with this log name printed."""
        return (self.folder / name).read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        """Stop the worker."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture()
def worker(tmp_path: Path) -> Any:
    started = Worker(tmp_path)
    yield started
    started.close()


def kill(pid: int) -> None:
    """SIGKILL, unless the process has already gone."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


# ---------------------------------------------------------------------------------------------
# Publish

def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (temporary ones too), by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temporaries(folder: Path) -> list[str]:
    """Files a writer left aside (store.files writes `.NAME.XXXX.tmp` and renames it)."""
    return [str(p.relative_to(folder)) for p in folder.rglob(".*.tmp")]


def versions(folder: Path) -> dict[tuple[str, str], bytes]:
    """The feeds feeds.json names, by (name, lang)."""
    manifest = json.loads((folder / "feeds.json").read_text(encoding="utf-8"))
    return {(f["name"], f["lang"]): (folder / f["file"]).read_bytes() for f in manifest["feeds"]}


def check_feeds(folder: Path,
                references: dict[str, dict[tuple[str, str], bytes]]) -> dict[tuple[str, str], str]:
    """Feeds valid after a kill; which date each named feed is the feed of. Every .ics on disk
    parses with icalendar and holds a component (the known versions were parsed once)."""
    known = {data for ref in references.values() for data in ref.values()}
    for path in folder.rglob("*.ics"):
        data = path.read_bytes()
        if data not in known:
            calendar = icalendar.Calendar.from_ical(data)
            assert calendar.walk("VEVENT") or calendar.walk("VTODO"), path
    manifest = json.loads((folder / "feeds.json").read_text(encoding="utf-8"))
    assert manifest["feeds"]
    which = {}
    for feed in manifest["feeds"]:
        path = folder / feed["file"]
        assert path.is_file(), f"feeds.json names {feed['file']}, which is not on disk"
        data, key = path.read_bytes(), (feed["name"], feed["lang"])
        dates = [d for d, ref in references.items() if ref.get(key) == data]
        assert dates, f"{feed['file']} is the feed of neither date (half-written?)"
        which[key] = dates[0]
    return which


def test_kill_9_of_publish_at_random_points(tmp_path: Path, worker: Worker, tally: Any) -> None:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    Store(url).dispose()
    references, took, window = {}, [], []
    for day in DATES:
        code, seconds = worker.run(["feeds", "--as-of", day, "--out", str(tmp_path / day), "--database", url])
        assert code == 0, worker.log()
        references[day] = versions(tmp_path / day)
        took.append(seconds)  # the whole run; and how long it wrote (a fresh folder: every file)
        mtimes = [p.stat().st_mtime for p in (tmp_path / day).rglob("*") if p.is_file()]
        window.append(max(mtimes) - min(mtimes))
    for ref in references.values():  # each version parses; the trials compare bytes with them
        for data in ref.values():
            assert icalendar.Calendar.from_ical(data).walk("VEVENT") or b"VTODO" in data
    changed = sum(references[DATES[0]].get(k) != v for k, v in references[DATES[1]].items())
    assert changed >= len(references[DATES[1]]) / 3  # many feeds differ between the two dates
    folder = tmp_path / "calendars"
    assert worker.run(["feeds", "--as-of", DATES[0], "--out", str(folder), "--database", url])[0] == 0
    rng = random.Random(SEED)
    landed: Counter[str] = Counter()
    for trial in range(PUBLISH_KILLS):
        day = DATES[(trial + 1) % 2]
        before = files(folder)
        mtimes = stamps(folder)
        args = ["feeds", "--as-of", day, "--out", str(folder), "--database", url]
        if trial < EXEC_KILLS:  # the installed console script itself, started fresh
            scratch = ["feeds", "--as-of", day, "--out", str(tmp_path / "exec-calibration"),
                       "--database", url]
            landed[_exec_kill(tmp_path, args, scratch, rng)] += 1
        else:
            pid = worker.start(args)
            # the last runs measured: a busy machine's pace changes during the test
            if trial % 2 == 0:  # anywhere in the run
                time.sleep(rng.uniform(0, statistics.median(took[-5:])))
            elif _writing(folder, 2 * max(took), mtimes):  # once it writes, anywhere in its writing
                time.sleep(rng.uniform(0, statistics.median(window[-5:])))
            kill(pid)
            kind, code, _ = worker.outcome()
            assert kind == "signal" or code == 0, worker.log()
            landed[_where(kind, before, folder, references[day])] += 1
            if kind == "exit":  # a run that finished: when it wrote, from its files' mtimes
                wrote = [p.stat().st_mtime - worker.wall for p in folder.rglob("*")
                         if p.is_file() and before.get(str(p.relative_to(folder))) != p.read_bytes()]
                if wrote:
                    window.append(max(wrote) - min(wrote))
                    took.append(1.05 * max(wrote))
        check_feeds(folder, references)
    tally.add("kill -9 of publish: temporary files left (cleaned by part 10)", len(temporaries(folder)))
    assert worker.run(["feeds", "--as-of", DATES[1], "--out", str(folder), "--database", url])[0] == 0
    assert versions(folder) == references[DATES[1]]  # the next complete run repairs everything
    assert temporaries(folder) == []  # and removes what killed runs left aside (issue 11, part 10)
    assert set(check_feeds(folder, {DATES[1]: references[DATES[1]]}).values()) == {DATES[1]}
    for where, count in landed.items():
        tally.add(f"kill -9 of publish: {where}", count)
    tally.add("kill -9 of publish (trials)", PUBLISH_KILLS)
    tally.add("kill -9 trials survived: valid feeds, consistent database", PUBLISH_KILLS)
    assert sum(landed.values()) == PUBLISH_KILLS


def stamps(folder: Path) -> dict[str, int]:
    """The modification time (ns) of every entry of `folder` and `folder/private`."""
    found = {}
    for place in (folder, folder / "private"):
        with os.scandir(place) as entries:
            for entry in entries:
                try:  # a temporary file may be renamed or cleaned away between listing and stat
                    if entry.is_file():
                        found[f"{place.name}/{entry.name}"] = entry.stat().st_mtime_ns
                except FileNotFoundError:
                    found[f"{place.name}/{entry.name}"] = -1
    return found


def _writing(folder: Path, limit: float, before: dict[str, int]) -> bool:
    """Wait until a writer has changed `folder` (a new temporary file, a file renamed over an
    old one) since `before` (`stamps`), at most `limit` seconds; whether it did."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if stamps(folder) != before:
            return True
        time.sleep(0.001)
    return False


def _where(kind: str, before: dict[str, bytes], folder: Path, target: dict[tuple[str, str], bytes]) -> str:
    if kind == "exit":
        return "finished before the kill"
    after = files(folder)
    if after == before:
        return "killed before writing"
    if not temporaries(folder) and versions(folder) == target:
        return "killed after the last rename"
    return "killed mid-write"


def _exec_kill(tmp_path: Path, args: list[str], calibration: list[str], rng: random.Random) -> str:
    """kill -9 of `mandates ARGS` started as a fresh process, after a delay within the duration
    of one unkilled run of `mandates CALIBRATION` (the same kind of command, timed once)."""
    key = args[0]
    with open(tmp_path / "exec.log", "ab") as log:
        if key not in _EXEC_DURATION:
            start = time.monotonic()
            subprocess.run([MANDATES, *calibration], stdout=log, stderr=log, cwd=tmp_path, check=True)
            _EXEC_DURATION[key] = time.monotonic() - start
        process = subprocess.Popen([MANDATES, *args], stdout=log, stderr=log, cwd=tmp_path)
        time.sleep(rng.uniform(0, _EXEC_DURATION[key]))
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=300)
    assert code in (0, -signal.SIGKILL), (tmp_path / "exec.log").read_text()
    return "exec'd, finished before the kill" if code == 0 else "exec'd, killed"


_EXEC_DURATION: dict[str, float] = {}


# ---------------------------------------------------------------------------------------------
# Fact writes

def _command(trial: int, plan: Plan, outputs: list[str], tmp_path: Path, url: str) -> tuple[list[str], int]:
    """The command of a trial and how many facts it writes; its facts carry `kill-trial-N`."""
    mark = f"kill-trial-{trial}"
    kind = trial % 4
    if kind == 0:
        return ["note", "wg2020-2", f"{mark}: bureau call moved", "--on", "2020-01-05", "--source", mark,
                "--database", url], 1
    if kind == 1:
        # after every meeting of the process: what a meeting adopts is not delivered before it opens
        return ["deliver", outputs[trial], "--on", "2022-12-20", "--source", mark, "--database", url], 1
    if kind == 2:
        day = pendulum.Date(2020, 8, 1).add(days=trial)
        return ["reschedule", "sbstta-24", "--opens", day.isoformat(), "--closes",
                day.add(days=5).isoformat(), "--announced", "2020-01-05", "--source", mark,
                "--database", url], 1
    batch = tmp_path / f"batch-{trial}.yaml"
    batch.write_text("facts:\n" + "".join(
        f"- key: {mark}-{n}\n  kind: note\n  subject: wg2020-2\n  effective_on: '2020-01-05'\n"
        f"  text: 'imported note {n}'\n  source: {mark}\n" for n in range(BATCH)), encoding="utf-8")
    return ["import", str(batch), "--database", url], BATCH


def _written(store: Store, plan: Plan, trial: int) -> int:
    mark = f"kill-trial-{trial}"
    return sum(1 for f in store.facts(plan.process.id) if f.source == mark)


def _until_writing(sqlite_file: Path | None, pg: Any, name: str, limit: float) -> bool:
    """Wait until the command has a write transaction open (SQLite: its rollback journal
    exists; PostgreSQL: its connection, by application name, has a transaction id), at most
    `limit` seconds; whether it did."""
    end = time.monotonic() + limit
    journal = Path(f"{sqlite_file}-journal") if sqlite_file is not None else None
    while time.monotonic() < end:
        if (journal is not None and journal.exists()) or (pg is not None and _in_write_transaction(pg, name)):
            return True
        if journal is not None:
            time.sleep(0.0002)
    return False


def _in_write_transaction(pg: Any, name: str) -> bool:
    row = pg.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                     "AND backend_xid IS NOT NULL", (name,)).fetchone()
    return bool(row[0])


@DATABASES
def test_kill_9_of_fact_writes_at_random_points(database: str, request: pytest.FixtureRequest, tmp_path: Path,
                                                worker: Worker, bundled_plan: Plan, tally: Any) -> None:
    url = request.getfixturevalue(database)
    postgres = url.startswith("postgres")
    setup = Store(url)
    delivered = {f.subject for f in setup.facts_of(bundled_plan) if f.kind is FactKind.DELIVERED}
    outputs = [o for o in sorted(bundled_plan.outputs) if o not in delivered]
    assert len(outputs) > FACT_KILLS + 4
    pg = None
    if postgres:
        import psycopg

        pg = psycopg.connect(url.split("?")[0], autocommit=True)
    sqlite_file = Path(url.removeprefix("sqlite:///")) if not postgres else None
    # Calibration: one unkilled run of each kind of command, timed; its facts are all written.
    took: dict[int, float] = {}
    for trial in range(FACT_KILLS, FACT_KILLS + 4):
        args, count = _command(trial, bundled_plan, outputs, tmp_path, url)
        code, took[trial % 4] = worker.run(args)
        assert code == 0 and _written(setup, bundled_plan, trial) == count, worker.log()
    rng = random.Random(SEED + (1 if postgres else 0))
    landed: Counter[str] = Counter()
    for trial in range(FACT_KILLS):
        args, count = _command(trial, bundled_plan, outputs, tmp_path, url)
        name = f"mandates-kill-{uuid.uuid4().hex[:12]}"
        if trial < EXEC_KILLS and not postgres:
            scratch = ["note", "wg2020-2", "calibration", "--on", "2020-01-05", "--database", url]
            landed[_exec_kill(tmp_path, args, scratch, rng)] += 1
        else:
            pid = worker.start(args, env={"PGAPPNAME": name})
            if trial % 2 == 0:  # anywhere in the run
                time.sleep(rng.uniform(0, took[trial % 4]))
            else:  # as soon as a write transaction is seen open, if one is before the limit
                _until_writing(sqlite_file, pg, name, 2 * took[trial % 4])
            mid = pg is not None and _in_write_transaction(pg, name)
            kill(pid)
            mid = mid or (pg is not None and _in_write_transaction(pg, name))  # its backend lingers
            kind, code, _ = worker.outcome()
            assert kind == "signal" or code == 0, worker.log()
            hot = sqlite_file is not None and Path(f"{sqlite_file}-journal").exists()
            landed["finished before the kill" if kind == "exit" else
                   "killed mid-write" if mid or hot else "killed outside a write"] += 1
        # consistent: every fact reads back, the trial's facts all or none, the check runs
        facts = setup.facts(bundled_plan.process.id)
        assert _written(setup, bundled_plan, trial) in (0, count), trial
        code, _ = worker.run(["check", "--as-of", "2020-01-06", "--database", url], log="check.log")
        assert code in (0, 1), worker.log("check.log")
        if sqlite_file is not None:
            with sqlite3.connect(sqlite_file) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tally.add("kill -9 of fact writes: facts read back after a kill", len(facts))
    if pg is not None:
        pg.close()
    setup.dispose()
    engine = "PostgreSQL" if postgres else "SQLite"
    for where, count in landed.items():
        tally.add(f"kill -9 of fact writes ({engine}): {where}", count)
    tally.add(f"kill -9 of fact writes ({engine}) (trials)", FACT_KILLS)
    tally.add("kill -9 trials survived: valid feeds, consistent database", FACT_KILLS)
