"""What the issue-10 acceptance tests share: the real `mandates` command, a real `mandates serve`,
and an HTML reader. Nothing here imports the product: these tests state issue 10's promises
(parts 2, 5 and 6) as a secretariat user meets them, whatever the code behind them looks like.
"""

from __future__ import annotations

import html.parser
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from ports import free_port

from .helpers import Result, cli_env, run_cli

# Frozen "as of" dates: the two the issues pin, and real events of 2020-2022 the shipped history covers.
AS_OF_DATES = ("2020-01-06", "2020-03-01", "2021-06-01", "2022-12-20")


@dataclass
class User:
    """A secretariat user: own folder, own SQLite database, own plan cache."""

    root: Path

    @property
    def env(self) -> dict[str, str]:
        return cli_env(self.root / "state.db", self.root / "cache")

    def run(self, *args: str, timeout: float = 180) -> Result:
        return run_cli(list(args), self.env, self.root, timeout=timeout)

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.returncode == 0, result.explain()
        return result

    def check_json(self, as_of: str | None, *extra: str) -> dict[str, Any]:
        args = ["check", "--format", "json", *extra]
        if as_of:
            args += ["--as-of", as_of]
        return json.loads(self.ok(*args).stdout)


@dataclass
class Server:
    """A running `mandates serve` on loopback."""

    base: str
    port: int
    token: str
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.get(self.base + path, timeout=120, **kwargs)


@contextmanager
def serving(user: User, token: str, public_base_url: str | None = None) -> Iterator[Server]:
    """Start `mandates serve --port P` (its own settings: a secretariat token, maybe a public URL),
    wait until it answers, stop it afterwards (only the process this started)."""
    settings = user.root / f"settings-{free_port()}.yaml"
    lines = ["feeds:", "  tokens:", f"    secretariat: {token!r}"]
    if public_base_url:
        lines.insert(0, f"public_base_url: {public_base_url!r}")
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    port = free_port()
    log = user.root / f"serve-{port}.log"
    env = dict(user.env, MANDATES_SETTINGS=str(settings))
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mandates.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--settings", str(settings), "--calendars", str(user.root / "calendars")],
            env=env, cwd=user.root, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(f"http://127.0.0.1:{port}", port, token, log, process)
    try:
        deadline = time.monotonic() + 180  # start-up wait only, never an assertion on speed
        while True:
            if process.poll() is not None:
                raise AssertionError(f"mandates serve exited {process.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(server.base + "/", timeout=5).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"mandates serve did not answer:\n{log.read_text()}")
            time.sleep(0.5)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Page(html.parser.HTMLParser):
    """The parts of an HTML page these tests read: links, inline code, text, the html lang."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.inline: list[str] = []  # inline scripts, styles, style= and on*= attributes
        self.resources: list[str] = []  # external scripts, stylesheets, images
        self.lang: str | None = None
        self.forms: list[dict[str, str]] = []
        self.inputs: list[dict[str, str]] = []
        self._skip = 0
        self.chunks: list[str] = []
        self.feed(text)
        self.close()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "style":
            self.inline.append("<style>")
            self._skip += 1
        if tag == "script":
            if "src" in a:
                self.resources.append(a["src"])
            else:
                self.inline.append("<script>")
            self._skip += 1
        if tag == "link" and "href" in a:
            self.resources.append(a["href"])
        if tag == "img" and "src" in a:
            self.resources.append(a["src"])
        if tag == "form":
            self.forms.append(a)
        if tag in ("input", "select", "button"):
            self.inputs.append({"tag": tag, **a})
        for name, value in a.items():
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}={value!r}>")
            if value.lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)
