"""The server under hostile clients, over real HTTP (issue 11, part 4): `mandates.web.run_server`
(uvicorn, as `mandates serve` runs it) in a process of its own on 127.0.0.1.

Public and full views of the status page, slow and idle connections, files outside the calendars
folder, redirects built from a foreign Host header, the security headers of HTML pages, tokens
in the access log; and user text in the Prefect markdown artifact.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pendulum
import pytest
from ports import free_port

from mandates.config.settings import FeedSettings, Settings
from mandates.core.evaluate import evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Audience, Plan
from mandates.core.record import make_fact
from mandates.feeds.publish import publish
from mandates.report.artifacts import check_markdown
from mandates.store.db import Store

HERE = Path(__file__).parent
TOKEN = "Zq8-secretariat-token-Wm3vT0yLp"
TODAY = pendulum.Date(2020, 1, 6)
AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")
NOTE = "Bureau call moved; the co-chairs confirm by Friday"
HEADER_TIMEOUT = 1.0
KEEP_ALIVE = 1
EVIL = "<img src=x onerror=alert(1)> **b** [l](javascript:alert(1)) <script>x</script> | # h"


@dataclass
class Served:
    """A running server: its URL, calendars folder, access log and process."""

    url: str
    port: int
    calendars: Path
    log: Path
    process: subprocess.Popen[bytes]


def _facts(plan: Plan) -> list[Any]:
    return [make_fact(plan, FactKind.NOTE, "wg2020-2", pendulum.Date(2020, 1, 5), text=NOTE,
                      recorded_at=AT)]


def start(folder: Path, plan: Plan, calendars: Path | None = None) -> Served:
    """Publish the feeds of 6 January 2020 into `folder`/calendars and serve them."""
    url = f"sqlite:///{folder / 'state.db'}"
    store = Store(url)
    store.append(plan.process.id, _facts(plan))
    out = folder / "calendars"
    settings = Settings(calendars_dir=out, feeds=FeedSettings(tokens={"secretariat": TOKEN}))
    publish(plan, store, TODAY, settings, out, AT)
    store.dispose()
    port = free_port()
    log = folder / "access.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen(
            [sys.executable, str(HERE / "serve_app.py"), str(calendars or out), url, TOKEN, str(port),
             str(HEADER_TIMEOUT), str(KEEP_ALIVE)], stdout=handle, stderr=subprocess.STDOUT)
    served = Served(f"http://127.0.0.1:{port}", port, calendars or out, log, process)
    give_up = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text()
        try:
            httpx.get(f"{served.url}/", timeout=5)
            return served
        except httpx.TransportError:
            assert time.monotonic() < give_up, "the server did not start"
            time.sleep(0.1)


def stop(served: Served) -> None:
    """Stop a server started by `start`."""
    served.process.terminate()
    served.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, bundled_plan: Plan) -> Iterator[Served]:
    """One server for the tests that do not change its files."""
    served = start(tmp_path_factory.mktemp("served"), bundled_plan)
    yield served
    stop(served)


@pytest.fixture()
def own_server(tmp_path: Path, bundled_plan: Plan) -> Iterator[Callable[..., Served]]:
    """A server of the test's own, over files the test may tamper with."""
    started: list[Served] = []

    def make(calendars: Path | None = None) -> Served:
        started.append(start(tmp_path, bundled_plan, calendars))
        return started[-1]

    yield make
    for served in started:
        stop(served)


def raw(port: int, request: bytes, wait: float = 5.0) -> bytes:
    """Send bytes exactly as given; everything the server answers until it closes or `wait`."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def secretariat_outputs(plan: Plan) -> set[str]:
    """The ids of the outputs for the secretariat only."""
    return {oid for oid, o in plan.outputs.items() if o.audience is Audience.SECRETARIAT}


# ---------------------------------------------------------------------------------------------
# Public and full views

def test_the_public_status_shows_what_the_public_feeds_show(server: Served, bundled_plan: Plan) -> None:
    internal = secretariat_outputs(bundled_plan)
    assert internal  # the bundled process has outputs for the secretariat only
    for path in ("/status", "/status?lang=zh"):
        page = httpx.get(server.url + path).text
        assert not any(f"<td>{oid}</td>" in page for oid in internal), path
        assert "Late inputs" not in page and "迟到的投入" not in page, path
        assert NOTE not in page, path
    data = httpx.get(f"{server.url}/status.json").json()
    assert data["view"] == "public" and "late_inputs" not in data
    assert not {o["id"] for o in data["outputs"]} & internal
    assert {o["audience"] for o in data["outputs"]} == {"public"}
    assert all(n["kind"] != "note" for n in data["notes"]) and NOTE not in json.dumps(data)


def test_the_full_view_is_only_under_the_token(server: Served, bundled_plan: Plan) -> None:
    internal = secretariat_outputs(bundled_plan)
    page = httpx.get(f"{server.url}/private/{TOKEN}/status")
    # 2 late inputs: the bundled process as served, with its shipped history (6 from the founding
    # text alone: the shipped facts deliver the zero draft and the area-based workshop's report)
    assert page.status_code == 200 and "Late inputs (2)" in page.text and NOTE in page.text
    assert page.headers["cache-control"] == "private, no-cache"
    assert f'href="/private/{TOKEN}/status?lang=zh"' in page.text  # links keep the full view
    data = httpx.get(f"{server.url}/private/{TOKEN}/status.json").json()
    assert data["view"] == "full" and len(data["late_inputs"]) == 2
    assert internal <= {o["id"] for o in data["outputs"]}
    for token in ("", "x", TOKEN[:-1], TOKEN + "x", TOKEN.upper(), "%2e%2e", "..", "secretariat"):
        for suffix in ("status", "status.json"):  # sent as is, never normalised by a client
            answer = raw(server.port, f"GET /private/{token}/{suffix} HTTP/1.1\r\nHost: x\r\n"
                         "Connection: close\r\n\r\n".encode())
            assert answer.startswith(b"HTTP/1.1 404") and NOTE.encode() not in answer, (token, suffix)


# ---------------------------------------------------------------------------------------------
# Headers and redirects

def _style_hashes(page: str) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in re.findall(r"<style>(.*?)</style>", page, flags=re.S)}


@pytest.mark.parametrize("path", ["/", "/status", "/status?lang=zh", f"/private/{TOKEN}/status"])
def test_html_pages_cannot_be_sniffed_framed_or_scripted(server: Served, path: str) -> None:
    answer = httpx.get(server.url + path)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    policy = dict(p.strip().split(" ", 1) for p in answer.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    assert set(policy["style-src"].split()) == _style_hashes(answer.text)  # no 'unsafe-inline'
    assert "script-src" not in policy and "<script" not in answer.text


@pytest.mark.parametrize("path", ["/calendars/all.en.ics", f"/private/{TOKEN}/secretariat.zh.ics",
                                  "/status.json", "/nothing-here"])
def test_every_other_answer_is_nosniff_and_unframeable(server: Served, path: str) -> None:
    answer = httpx.get(server.url + path)
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


@pytest.mark.parametrize(("target", "location"), [
    ("/status/", "/status"),
    ("/status/?lang=zh", "/status?lang=zh"),
    ("/calendars/all.en.ics/", "/calendars/all.en.ics"),
    (f"/private/{TOKEN}/secretariat.en.ics/", f"/private/{TOKEN}/secretariat.en.ics"),
    (f"/private/{TOKEN}/status//", f"/private/{TOKEN}/status"),
])
def test_trailing_slashes_redirect_relative_whatever_the_host(server: Served, target: str,
                                                               location: str) -> None:
    for host in (b"evil.example", b"evil.example:443", b"127.0.0.1@evil.example"):
        answer = raw(server.port, b"GET " + target.encode() + b" HTTP/1.1\r\nHost: " + host
                     + b"\r\nX-Forwarded-Host: evil.example\r\nConnection: close\r\n\r\n")
        head = answer.split(b"\r\n\r\n")[0].decode("latin-1")
        assert head.startswith("HTTP/1.1 308"), head
        headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:])
        assert {k.lower(): v for k, v in headers.items()}["location"] == location
        assert "evil" not in head


@pytest.mark.parametrize("target", ["//evil.example/", "//evil.example/status/", "/\\evil.example/",
                                    "http://evil.example/status/", "/%2F%2Fevil.example/",
                                    "/nothing/here/", "/private/x/y/z/"])
def test_nothing_else_redirects(server: Served, target: str) -> None:
    answer = raw(server.port, b"GET " + target.encode() + b" HTTP/1.1\r\nHost: evil.example\r\n"
                 b"Connection: close\r\n\r\n")
    head = answer.split(b"\r\n\r\n")[0].decode("latin-1").lower()
    assert "location:" not in head and (" 404 " in head.split("\r\n")[0] or " 400 " in head), head


# ---------------------------------------------------------------------------------------------
# Slow, idle and trickling clients

def _closed_by_server(sock: socket.socket, limit: float) -> bool:
    sock.settimeout(limit)
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_slow_request_heads_are_cut_off_and_others_still_answered(server: Served, tally: Any) -> None:
    """300 connections that never finish their request head (and 100 that send nothing): normal
    requests are answered meanwhile, and the server closes every slow one after the deadline."""
    slow: list[socket.socket] = []
    try:
        for index in range(400):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            if index < 300:
                sock.sendall(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(sock)
        began = time.monotonic()
        answer = httpx.get(f"{server.url}/calendars/all.en.ics", timeout=10)
        assert answer.status_code == 200 and time.monotonic() - began < 5
        time.sleep(HEADER_TIMEOUT + 1.0)
        closed = sum(_closed_by_server(sock, 3.0) for sock in slow)
        assert closed == len(slow)
    finally:
        for sock in slow:
            sock.close()
    tally.add("slow connections cut off by the header deadline", len(slow))


def test_a_trickling_client_does_not_extend_the_deadline(server: Served) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        began = time.monotonic()
        request = b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
        try:
            for byte in request:
                sock.sendall(bytes([byte]))
                time.sleep(0.1)
            raise AssertionError("the server kept reading a request head for 10 s")
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert time.monotonic() - began < HEADER_TIMEOUT + 3.0


def test_idle_keep_alive_connections_are_closed(server: Served) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"GET /calendars/all.en.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        while True:  # the rest of the feed, then the idle connection is closed
            try:
                if sock.recv(65536) == b"":
                    break
            except TimeoutError as exc:
                raise AssertionError("an idle connection stayed open") from exc


# ---------------------------------------------------------------------------------------------
# Files outside the calendars folder

def _manifest(calendars: Path) -> dict[str, Any]:
    return dict(json.loads((calendars / "feeds.json").read_text("utf-8")))


def _rewrite(calendars: Path, change: Callable[[dict[str, Any]], None]) -> None:
    manifest = _manifest(calendars)
    change(manifest)
    (calendars / "feeds.json").write_text(json.dumps(manifest), "utf-8")
    time.sleep(0.05)


def test_files_outside_the_folder_are_never_served(own_server: Callable[..., Served], tmp_path: Path) -> None:
    served = own_server()
    calendars = served.calendars
    outside = tmp_path / "outside.ics"
    outside.write_bytes(b"BEGIN:VCALENDAR\r\nX-SECRET:outside\r\nEND:VCALENDAR\r\n")

    # a feed replaced by a symlink out of the folder
    (calendars / "all.en.ics").unlink()
    (calendars / "all.en.ics").symlink_to(outside)
    assert httpx.get(f"{served.url}/calendars/all.en.ics").status_code == 404
    # a symlink that stays inside is followed
    shutil.copy(calendars / "meetings.en.ics", calendars / "copy.ics")
    (calendars / "meetings.en.ics").unlink()
    (calendars / "meetings.en.ics").symlink_to(calendars / "copy.ics")
    assert httpx.get(f"{served.url}/calendars/meetings.en.ics").status_code == 200

    def point(name: str, file: str) -> Callable[[dict[str, Any]], None]:
        def change(manifest: dict[str, Any]) -> None:
            for entry in manifest["feeds"]:
                if f"{entry['name']}.{entry['lang']}" == name and not entry["private"]:
                    entry["file"] = file
        return change

    for file in ("../outside.ics", str(outside), "private/secretariat.en.ics",
                 "private/../../outside.ics", "./../outside.ics"):
        _rewrite(calendars, point("all.zh", file))
        answer = httpx.get(f"{served.url}/calendars/all.zh.ics")
        assert answer.status_code == 404 and b"X-SECRET" not in answer.content, file
    # a folder symlinked out of the calendars folder
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(calendars / "wg2020.en.ics", tmp_path / "elsewhere" / "wg2020.en.ics")
    (calendars / "linked").symlink_to(tmp_path / "elsewhere")
    _rewrite(calendars, point("wg2020.en", "linked/wg2020.en.ics"))
    assert httpx.get(f"{served.url}/calendars/wg2020.en.ics").status_code == 404
    assert httpx.get(f"{served.url}/calendars/sbstta.en.ics").status_code == 200


def test_a_calendars_folder_reached_through_a_symlink_is_served(own_server: Callable[..., Served],
                                                                tmp_path: Path) -> None:
    link = tmp_path / "published"
    link.symlink_to(tmp_path / "calendars", target_is_directory=True)
    served = own_server(calendars=link)
    assert httpx.get(f"{served.url}/calendars/all.en.ics").status_code == 200
    assert httpx.get(f"{served.url}/private/{TOKEN}/secretariat.en.ics").status_code == 200


# ---------------------------------------------------------------------------------------------
# Logs and artifacts

def test_the_access_log_names_requests_but_no_token(server: Served) -> None:
    httpx.get(f"{server.url}/private/{TOKEN}/secretariat.en.ics")
    httpx.get(f"{server.url}/private/{TOKEN}/status?lang=zh")
    httpx.get(f"{server.url}/calendars/meetings.zh.ics")
    time.sleep(0.5)
    log = server.log.read_text("utf-8")
    assert '"GET /private/…/secretariat.en.ics HTTP/1.1" 200' in log
    assert '"GET /private/…/status?lang=zh HTTP/1.1" 200' in log
    assert '"GET /calendars/meetings.zh.ics HTTP/1.1" 200' in log
    assert TOKEN not in log


def test_the_prefect_markdown_artifact_shows_user_text_as_text(bundled_plan: Plan) -> None:
    """A venue typed by a user reaches the artifact through a late input's reason: as text."""
    from markdown_it import MarkdownIt

    moved = make_fact(bundled_plan, FactKind.RESCHEDULED, "consult-review", pendulum.Date(2020, 1, 2),
                      opens_on=pendulum.Date(2020, 2, 21), closes_on=pendulum.Date(2020, 2, 22),
                      venue=EVIL, recorded_at=AT)
    markdown = check_markdown(evaluate(bundled_plan, [moved], TODAY))
    assert "onerror" in markdown  # the text is there ...
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert not re.search(r"<(img|script|a)\b", rendered)  # ... and nothing of it is markup
    assert rendered.count("<strong>") == 1  # the product's own: "As of **Monday 6 January 2020**"

