"""Fixtures of the reliability suite (issue 11): real receivers that record what they get, both
databases, and a tally of trials printed at the end of the run.

Receivers: an SMTP server (aiosmtpd) and an HTTP server for apprise's `json://`, both on
127.0.0.1, each with an optional delay *after* the message is recorded and before it is
acknowledged (a slow receiver: the digest has arrived, the sender does not know yet).
Databases: SQLite files and PostgreSQL schemas on 127.0.0.1:5432 (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import email
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from ports import free_port


@dataclass
class Receiver:
    """What one receiver got: each digest's plain text, in arrival order."""

    url: str
    delay: float = 0.0
    texts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def keep(self, text: str) -> None:
        """Record a digest (called by the server as soon as the message is complete)."""
        with self.lock:
            self.texts.append(text)


class _SmtpHandler:
    def __init__(self, receiver: Receiver) -> None:
        self.receiver = receiver

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        part = parsed.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        self.receiver.keep(str(part.get_content()) if part is not None else "")
        if self.receiver.delay:
            await asyncio.sleep(self.receiver.delay)
        return "250 Message accepted for delivery"


def _http_handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}")
            receiver.keep(str(payload.get("message", "")))
            if receiver.delay:
                time.sleep(receiver.delay)
            try:
                self.send_response(200)
                self.end_headers()
            except OSError:  # the sender gave up waiting
                pass

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture()
def receivers() -> Iterator[Callable[..., Receiver]]:
    """Start receivers for one test: `receivers("smtp", delay=0.5)` or `receivers("json")`;
    a `query` is appended to the apprise URL (`rto=1`). All stop after the test."""
    from aiosmtpd.controller import Controller

    stops: list[Callable[[], None]] = []

    def start(kind: str = "smtp", delay: float = 0.0, query: str = "", port: int | None = None) -> Receiver:
        port = port or free_port()
        if kind == "smtp":
            receiver = Receiver(f"mailto://127.0.0.1:{port}?mode=insecure&from=alerts@mandates.test"
                                f"&to=secretariat@mandates.test{'&' + query if query else ''}", delay)
            controller = Controller(_SmtpHandler(receiver), hostname="127.0.0.1", port=port)
            controller.start()
            stops.append(controller.stop)
        else:
            receiver = Receiver(f"json://127.0.0.1:{port}/alerts{'?' + query if query else ''}", delay)
            server = ThreadingHTTPServer(("127.0.0.1", port), _http_handler(receiver))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()

            def stop(server: ThreadingHTTPServer = server) -> None:
                server.shutdown()
                server.server_close()

            stops.append(stop)
        return receiver

    yield start
    for stop in reversed(stops):
        stop()


@dataclass
class Tally:
    """Counts for the README's reliability figures, printed at the end of the session."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int = 1) -> None:
        """Add `count` to the figure `name`."""
        self.counts[name] = self.counts.get(name, 0) + count


TALLY = Tally()


@pytest.fixture(scope="session")
def tally() -> Tally:
    """The session's reliability figures (trials, digests, duplicates, ...)."""
    return TALLY


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the figures gathered by the reliability tests, when any ran."""
    if TALLY.counts:
        terminalreporter.write_sep("-", "reliability figures")
        for name in sorted(TALLY.counts):
            terminalreporter.write_line(f"{name}: {TALLY.counts[name]}")
