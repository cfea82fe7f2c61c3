"""Two daily runs at once on one database (issue 11, part 6): the run lock serialises them
(`tasks.runlock`: flock beside a SQLite file, an advisory lock on PostgreSQL), gives up with a
message after its wait, and is freed when its holder is killed; end to end, two
`run_once` processes started together in one folder (one Prefect home) both complete, one after
the other, and the receiver gets one digest.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tasks.runlock import RunLocked, lock_file, run_lock

HERE = Path(__file__).parent
DATABASES = pytest.mark.parametrize("database", [
    "sqlite_url", pytest.param("postgres_url", marks=pytest.mark.postgres)])


@DATABASES
def test_two_runs_at_once_run_one_after_the_other(database: str, request: pytest.FixtureRequest,
                                                  tally: Any) -> None:
    url = request.getfixturevalue(database)
    spans: list[tuple[float, float]] = []
    waits: list[str] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        barrier.wait()
        with run_lock(url, "post2020", on_wait=waits.append):
            began = time.monotonic()
            time.sleep(0.4)
            spans.append((began, time.monotonic()))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    spans.sort()
    assert len(spans) == 3
    assert all(first[1] <= second[0] for first, second in itertools.pairwise(spans))
    assert len(waits) == 2 and all("another run of post2020 is using this database" in w for w in waits)
    tally.add("daily runs serialised by the run lock (threads)", 3)


@DATABASES
def test_a_run_that_waited_too_long_does_nothing_and_says_why(database: str,
                                                                request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(database)
    holder = subprocess.Popen([sys.executable, str(HERE / "hold_lock.py"), url, "post2020"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        ran = []
        with pytest.raises(RunLocked) as refused, run_lock(url, "post2020", wait=1.0):
            ran.append(True)
        assert not ran
        message = refused.value.headline()
        assert message.startswith("another run of post2020 is using this database")
        assert "waited 1 s, so this run did nothing" in message and "\n" not in message
        if "sqlite" in url:  # the lock file says who holds it
            assert f"(daily check, {socket.gethostname()} pid {holder.pid} since " in message
        with run_lock(url, "other-process", wait=1.0):  # another process is not blocked
            pass
        os.kill(holder.pid, signal.SIGKILL)  # a killed holder frees the lock at once
        holder.wait(timeout=30)
        began = time.monotonic()
        with run_lock(url, "post2020", wait=10.0):
            ran.append(True)
        assert ran == [True] and time.monotonic() - began < 3
    finally:
        if holder.poll() is None:
            holder.kill()


def test_the_lock_is_reentrant_in_one_thread_and_sits_beside_the_database(sqlite_url: str) -> None:
    with run_lock(sqlite_url, "post2020", wait=0.5):
        with run_lock(sqlite_url, "post2020", wait=0.5):
            pass
        path = lock_file(sqlite_url, "post2020")
        assert path is not None and path.name == "state.db.run-post2020.lock"
        assert path.read_text().startswith(f"daily check, {socket.gethostname()} pid {os.getpid()} since ")
    assert path.read_text() == ""  # released: who held it is forgotten
    assert lock_file("sqlite://", "post2020") is None  # in memory: nothing to share


def _receiver(port: int) -> tuple[Any, list[str]]:
    import email
    from email import policy

    from aiosmtpd.controller import Controller

    got: list[str] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            parsed = email.message_from_bytes(envelope.content, policy=policy.default)
            got.append(str(parsed["subject"]))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, got


@DATABASES
def test_two_daily_runs_started_together_both_complete_and_alert_once(
        database: str, request: pytest.FixtureRequest, tmp_path: Path, tally: Any) -> None:
    """Two processes, one folder (one Prefect home, a temporary server each), one database."""
    url = request.getfixturevalue(database)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller, got = _receiver(port)
    settings = tmp_path / "settings.yaml"
    settings.write_text(f"calendars_dir: {tmp_path / 'calendars'}\nalerts:\n  retries: 0\n  urls:\n"
                        f"    - 'mailto://127.0.0.1:{port}?mode=insecure&from=a@mandates.test"
                        "&to=b@mandates.test'\n", "utf-8")
    env = {**os.environ, "MANDATES_SETTINGS": str(settings)}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_HOME", None)
    try:
        runs = [subprocess.Popen([sys.executable, str(HERE / "daily_run.py"), url, "2020-01-06"],
                                 cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=600) for run in runs]
    finally:
        controller.stop()
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, (out, err[-3000:])
    summaries = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert sorted(s["alerts_sent"] for s in summaries) == [0, summaries[0]["alerts_sent"]
                                                           + summaries[1]["alerts_sent"]]
    assert len(got) == 1 and "new late item" in got[0]
    waited = [out for out, _ in outputs if "note: another run of post2020 is using this database" in out]
    assert len(waited) == 1
    tally.add("daily runs started together end to end (Prefect)", 2)
