"""One run at a time per process and database: the daily check, feed publishing (issue 11, part 6).

Two runs of the daily check on one database (a scheduled run and a manual one, or a slow run
still going when the next starts) would write the same feeds and the same SEQUENCE rows at once,
and, before that, start two temporary Prefect servers in one Prefect home. `run_lock` serialises
them: the second waits for the first (polling, up to `wait` seconds) and then runs; if the first
is still running after that, `RunLocked` says so and the second run does nothing.

The lock: on PostgreSQL a session advisory lock (`pg_try_advisory_lock`) held on a connection of
its own for the whole run; on SQLite an exclusive `flock` on a file beside the database
(`state.db.run-PROCESS.lock`, holding who has it). Both are released by the operating system or
the server when a run is killed. Reentrant within one process (a run that took the lock before
starting Prefect takes it again inside the flow). Other databases (in-memory SQLite) get no lock.
Plain Python and SQLAlchemy; no Prefect.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pendulum
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mandates.errors import RunFailed
from mandates.store.db import default_url, normalise_url

DEFAULT_WAIT_SECONDS = 900.0
POLL_SECONDS = 0.5

_held: dict[str, tuple[int, int]] = {}  # lock key -> (thread ident, depth), in this process
_guard = threading.Lock()


class RunLocked(RunFailed):
    """Another run of the same process on the same database kept the lock for too long: exit 1."""


def lock_key(url: str, process: str) -> str:
    """The lock's identity: the database (without its password) and the process id."""
    return f"{make_url(url).render_as_string(hide_password=True)}\0{process}"


def lock_file(url: str, process: str) -> Path | None:
    """The lock file beside a SQLite database file, or None (not SQLite, or in memory)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    database = Path(str(parsed.database))
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in process)[:80]
    return database.with_name(f"{database.name}.run-{safe}.lock")


@contextmanager
def _reentrant(key: str) -> Iterator[bool]:
    """True when this thread already holds `key` (then nothing more is taken)."""
    me = threading.get_ident()
    with _guard:
        owner = _held.get(key)
        if owner is not None and owner[0] == me:
            _held[key] = (me, owner[1] + 1)
            mine = True
        else:
            mine = False
    try:
        yield mine
    finally:
        if mine:
            with _guard:
                ident, depth = _held[key]
                _held[key] = (ident, depth - 1)


def _mark(key: str, taken: bool) -> None:
    with _guard:
        if taken:
            _held[key] = (threading.get_ident(), 1)
        else:
            _held.pop(key, None)


def _poll(take: Callable[[], bool], wait: float, busy: Callable[[], str],
          sleep: Callable[[float], None]) -> None:
    deadline = time.monotonic() + wait
    while not take():
        if time.monotonic() >= deadline:
            raise RunLocked(f"{busy()}; waited {wait:g} s, so this run did nothing (it runs again "
                            "at its next schedule, or run it by hand once the other has finished)")
        sleep(POLL_SECONDS)


@contextmanager
def run_lock(database: str | None, process: str, *, kind: str = "daily check",
             wait: float = DEFAULT_WAIT_SECONDS, sleep: Callable[[float], None] = time.sleep,
             on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the run lock of `process` on `database` (a URL; None: the default database) while
    the block runs; `kind` names this run for others (`daily check`, `feed publishing`). Waits up
    to `wait` seconds for another run, telling `on_wait` once why it waits; raises RunLocked when
    the other run still holds it after that."""
    url = normalise_url(database) if database else default_url()
    key = lock_key(url, process)
    with _reentrant(key) as already:
        if already:
            yield
            return
        what = f"another run of {process} is using this database"
        dialect = make_url(url).get_backend_name()
        if dialect == "postgresql":
            with _postgres_lock(url, key, what, wait, sleep, on_wait):
                _mark(key, True)
                try:
                    yield
                finally:
                    _mark(key, False)
            return
        path = lock_file(url, process)
        if path is None:
            yield
            return
        with _file_lock(path, what, kind, wait, sleep, on_wait):
            _mark(key, True)
            try:
                yield
            finally:
                _mark(key, False)


@contextmanager
def _file_lock(path: Path, what: str, kind: str, wait: float, sleep: Callable[[float], None],
               on_wait: Callable[[str], None] | None) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o640)
    told = False

    def holder() -> str:
        try:
            with open(path, encoding="utf-8") as handle:
                who = handle.read().strip()
        except OSError:
            who = ""
        return f"{what} ({who})" if who else what

    def take() -> bool:
        nonlocal told
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None and not told:
                told = True
                on_wait(f"{holder()}: waiting for it to finish")
            return False
        return True

    try:
        _poll(take, wait, holder, sleep)
        os.ftruncate(fd, 0)
        os.write(fd, f"{kind}, {socket.gethostname()} pid {os.getpid()} since "
                     f"{pendulum.now('UTC').to_iso8601_string()}\n".encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _postgres_lock(url: str, key: str, what: str, wait: float, sleep: Callable[[float], None],
                   on_wait: Callable[[str], None] | None) -> Iterator[None]:
    number = int.from_bytes(hashlib.sha256(f"mandates.run\0{key}".encode()).digest()[:8], "big",
                            signed=True)
    engine = create_engine(url)
    told = False
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:

            def take() -> bool:
                nonlocal told
                got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                              {"k": number}).scalar())
                if not got and on_wait is not None and not told:
                    told = True
                    on_wait(f"{what}: waiting for it to finish")
                return got

            _poll(take, wait, lambda: what, sleep)
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": number})
    finally:
        engine.dispose()
