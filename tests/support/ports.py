"""Ports and servers of the tests that start real servers (nginx, `mandates serve`, SMTP):
a free port of 127.0.0.1, and waiting until a started server answers."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until `url` answers at all (any status), or fail with the process's log (60 s at most)."""
    give_up = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text(errors="replace")
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.TransportError:
            assert time.monotonic() < give_up, f"{url} did not answer"
            time.sleep(0.1)
