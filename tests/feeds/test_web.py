"""The server over real HTTP: uvicorn on 127.0.0.1 on a free port (issue 4, item 6)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pendulum
import pytest
import uvicorn

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.core.plan import Plan
from mandates.feeds.published import Published
from mandates.report.html import daily_check
from mandates.store.db import Store
from mandates.web import create_app

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

TODAY = pendulum.Date(2020, 1, 6)


class Server:
    """uvicorn serving an app in a thread, on a socket bound to a free port of 127.0.0.1."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        give_up = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < give_up, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join()
        self.sock.close()


def raw_get(port: int, path: str, method: str = "GET") -> tuple[int, bytes]:
    """A request whose path is sent exactly as given (no client-side normalisation)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture()
def served(write: Any, settings: Settings, bundled_plan: Plan, store: Store) -> Callable[..., Server]:
    """Feeds written as of 6 January 2020, and a factory of servers over them."""
    write(TODAY)

    def make(check: Callable[[], Evaluation] | None = None) -> Server:
        published = Published(settings.calendars_dir, settings.feeds.tokens)
        app = create_app(settings, published, check or daily_check(bundled_plan, store, lambda: TODAY))
        return Server(app)

    return make


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, bundled_plan: Plan,
           kit: SimpleNamespace) -> Iterator[tuple[Server, Settings]]:
    """One server for the tests that only read, over feeds written once as of 6 January 2020."""
    from mandates.feeds.publish import publish

    folder = tmp_path_factory.mktemp("served")
    conf = kit.make_settings(folder / "calendars")
    store = Store(f"sqlite:///{folder / 'state.db'}")
    publish(bundled_plan, store, TODAY, conf, conf.calendars_dir, kit.NOW)
    app = create_app(conf, Published(conf.calendars_dir, conf.feeds.tokens),
                     daily_check(bundled_plan, store, lambda: TODAY))
    with Server(app) as running:
        yield running, conf
    store.dispose()


@pytest.fixture()
def server(shared: tuple[Server, Settings]) -> Server:
    """The shared running server."""
    return shared[0]


def test_a_feed_with_its_content_type_and_validators(shared: tuple[Server, Settings]) -> None:
    """200 with text/calendar; charset=utf-8, the file's bytes, an ETag and Last-Modified."""
    server, settings = shared
    response = httpx.get(f"{server.url}/calendars/all.zh.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content == (settings.calendars_dir / "all.zh.ics").read_bytes()
    assert response.headers["etag"].startswith('"') and response.headers["last-modified"].endswith("GMT")
    assert int(response.headers["content-length"]) == len(response.content)


def test_conditional_gets_answer_304(server: Server) -> None:
    """If-None-Match (also in a list, weak or *) and If-Modified-Since answer 304 without a body."""
    url = f"{server.url}/calendars/meetings.en.ics"
    first = httpx.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", W/{etag}'},
                    {"If-None-Match": "*"}, {"If-Modified-Since": modified}):
        again = httpx.get(url, headers=headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again.headers["etag"] == etag
    assert httpx.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}  # If-None-Match decides
    assert httpx.get(url, headers=both).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    assert httpx.get(url, headers={"If-Modified-Since": "garbage"}).status_code == 200


def test_head_has_the_headers_and_no_body(server: Server) -> None:
    """HEAD: same status and headers as GET, no body."""
    get = httpx.get(f"{server.url}/calendars/all.en.ics")
    head = httpx.head(f"{server.url}/calendars/all.en.ics")
    assert head.status_code == 200 and head.content == b""
    for key in ("etag", "last-modified", "content-type", "content-length"):
        assert head.headers[key] == get.headers[key]
    assert httpx.head(f"{server.url}/calendars/nope.en.ics").status_code == 404


def test_unknown_names_answer_404(server: Server) -> None:
    """Unknown feeds, wrong languages, the manifest, directories: 404, never a listing."""
    for path in ("/calendars/nope.en.ics", "/calendars/all.fr.ics", "/calendars/all.ics",
                 "/calendars/feeds.json", "/calendars/", "/calendars", "/private/", "/nothing",
                 "/calendars/ALL.EN.ics", "/docs", "/openapi.json"):
        status, body = raw_get(server.port, path)
        assert status == 404, path
        assert b"BEGIN:VCALENDAR" not in body and b"<a href" not in body


@pytest.mark.parametrize("path", [
    "/calendars/../private/secretariat.en.ics",
    "/calendars/..%2Fprivate%2Fsecretariat.en.ics",
    "/calendars/..%2fprivate%2fsecretariat.en.ics",
    "/calendars/%2e%2e/private/secretariat.en.ics",
    "/calendars/%2e%2e%2fprivate%2fsecretariat.en.ics",
    "/calendars/%252e%252e%252fprivate%252fsecretariat.en.ics",
    "/calendars/..%5cprivate%5csecretariat.en.ics",
    "/calendars/private%2Fsecretariat.en.ics",
    "/calendars/secretariat.en.ics",
    "/calendars/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/calendars/%2e%2e%2f%2e%2e%2fetc%2fpasswd.ics",
    "/calendars/....//....//etc/passwd.ics",
    "/calendars/%00all.en.ics",
    "/calendars/all.en.ics%00.ics",
    "/private/../calendars/../private/secretariat.en.ics",
    "/calendars/.all.en.ics.tmp",
    "//etc/passwd",
])
def test_path_traversal_is_refused(server: Server, path: str) -> None:
    """`..`, encoded and double-encoded variants, NUL, backslashes: 404 and nothing private."""
    status, body = raw_get(server.port, path)
    assert status in (400, 404), (path, status)
    assert b"BEGIN:VCALENDAR" not in body and b"root:" not in body


def test_private_feeds_need_their_token(shared: tuple[Server, Settings], kit: SimpleNamespace) -> None:
    """The secretariat feed only under /private/<token>/; wrong, empty or public-name paths: 404."""
    server, settings = shared
    good = httpx.get(f"{server.url}/private/{kit.TOKEN}/secretariat.en.ics")
    assert good.status_code == 200
    assert good.content == (settings.calendars_dir / "private" / "secretariat.en.ics").read_bytes()
    assert good.headers["cache-control"].startswith("private")
    etag = good.headers["etag"]
    assert httpx.get(f"{server.url}/private/{kit.TOKEN}/secretariat.en.ics",
                     headers={"If-None-Match": etag}).status_code == 304
    for token in ("wrong", kit.TOKEN[:-1], kit.TOKEN + "x", kit.TOKEN.upper(), "%00"):
        assert httpx.get(f"{server.url}/private/{token}/secretariat.en.ics").status_code == 404
    assert httpx.get(f"{server.url}/private/{kit.TOKEN}/all.en.ics").status_code == 404
    assert httpx.get(f"{server.url}/calendars/secretariat.en.ics").status_code == 404


def test_the_index_lists_public_feeds_with_https_and_webcal_links(server: Server) -> None:
    """Every public feed with both links and what it contains; private feeds and tokens never."""
    page = httpx.get(f"{server.url}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    for name in ("all.en", "all.zh", "meetings.en", "deadlines-public.zh", "sbstta.en", "tasks.en"):
        assert f"https://calendars.example.org/calendars/{name}.ics" in text
        assert f"webcal://calendars.example.org/calendars/{name}.ics" in text
    assert "Every meeting and every public deadline." in text
    assert "secretariat.en" not in text and "private" not in text.lower().replace("private feeds", "")


def test_status_pages(server: Server, kit: SimpleNamespace) -> None:
    """/private/<token>/status is the day's full check as HTML; status.json the same as JSON
    (the public /status has no late inputs: tests/reliability/test_server.py)."""
    page = httpx.get(f"{server.url}/private/{kit.TOKEN}/status")
    assert page.status_code == 200 and "Late inputs" in page.text
    assert "Monday 6 January 2020" in page.text
    data = httpx.get(f"{server.url}/private/{kit.TOKEN}/status.json").json()
    assert data["as_of"] == "2020-01-06" and data["process"] == "post2020"
    assert any(i["output"] == "wg2020-2-documents" for i in data["late_inputs"])


def test_errors_never_leak_a_stack_trace(served: Callable[..., Server]) -> None:
    """An error in the core answers a plain 500 without the exception or a traceback."""
    def broken() -> Evaluation:
        raise RuntimeError("secret detail /etc/mandates/settings.yaml")

    with served(check=broken) as running:
        for path in ("/status", "/status.json"):
            response = httpx.get(f"{running.url}{path}")
            assert response.status_code == 500
            assert response.text == "Internal Server Error"
        assert httpx.get(f"{running.url}/calendars/all.en.ics").status_code == 200


def test_etags_are_stable_across_restarts(served: Callable[..., Server]) -> None:
    """A new server process over the same files gives the same ETag and Last-Modified, and 304."""
    with served() as first:
        before = httpx.get(f"{first.url}/calendars/wg2020.zh.ics").headers
    with served() as second:
        after = httpx.get(f"{second.url}/calendars/wg2020.zh.ics")
        assert (after.headers["etag"], after.headers["last-modified"]) == (
            before["etag"], before["last-modified"])
        assert httpx.get(f"{second.url}/calendars/wg2020.zh.ics",
                         headers={"If-None-Match": before["etag"]}).status_code == 304


def test_a_changed_feed_gets_a_new_etag(served: Callable[..., Server], write: Any,
                                        bundled_plan: Plan) -> None:
    """Rewritten with new content, the feed is served fresh: new ETag, 200 to the old one."""
    from mandates.core.facts import FactKind
    from mandates.core.record import make_fact

    with served() as running:
        url = f"{running.url}/calendars/meetings.en.ics"
        old = httpx.get(url).headers["etag"]
        fact = make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", TODAY, recorded_at=RECORDED_AT,
                         opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                         venue="Rome, Italy")
        write(TODAY, facts=[fact])
        fresh = httpx.get(url, headers={"If-None-Match": old})
        assert fresh.status_code == 200 and fresh.headers["etag"] != old
        assert b"Rome" in fresh.content


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_mandates_serve_over_a_restart(write: Any, settings: Settings, tmp_path: Path,
                                       sqlite_url: str) -> None:
    """`mandates serve` in a subprocess, restarted: same ETag; 304 to the first server's ETag."""
    write(TODAY)
    env = {**os.environ, "MANDATES_DATABASE_URL": sqlite_url}

    def run() -> tuple[str, str]:
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "mandates.cli", "serve", "--port", str(port), "--calendars",
             str(settings.calendars_dir)], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)
        try:
            give_up = time.monotonic() + 60
            while True:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/calendars/all.en.ics")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < give_up, "mandates serve did not start"
                    time.sleep(0.1)
            assert response.status_code == 200
            assert httpx.get(f"http://127.0.0.1:{port}/status.json").status_code == 200
            return response.headers["etag"], response.headers["last-modified"]
        finally:
            process.terminate()
            process.wait(timeout=30)

    assert run() == run()
