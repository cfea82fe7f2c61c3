"""The nginx configuration of `mandates nginx-config`, run by Debian's nginx over real HTTP
(issue 12, part 4): nginx as an ordinary user on a free loopback port, `mandates serve` behind
it, both started by the test from the `mandates` command, over the feeds of 6 January 2020.

Feeds answered by nginx with the headers `mandates serve` sends (the same bytes under the same
URLs for every feed of the manifest, public and private), 304s to If-None-Match and
If-Modified-Since, private feeds only under their token, traversal and symbolic links refused,
tokens kept out of nginx's access log, and the status pages proxied to `mandates serve`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pendulum
import pytest
from ports import free_port, wait_for

from mandates.commands.nginx import render
from mandates.config.settings import FeedSettings, Settings
from mandates.core.plan import Plan
from mandates.errors import SettingsError
from mandates.feeds.publish import publish
from mandates.store.db import Store

TOKEN = "Zq8-secretariat-token-Wm3vT0yLp"
TODAY = pendulum.Date(2020, 1, 6)
AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")
MANDATES = Path(sys.executable).parent / "mandates"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
POLICY = {"default-src": "'none'", "base-uri": "'none'", "form-action": "'none'",
          "frame-ancestors": "'none'"}

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")


@dataclass
class Servers:
    """nginx in front of `mandates serve`, over one calendars folder."""

    nginx: str
    serve: str
    port: int
    calendars: Path
    prefix: Path
    config: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, bundled_plan: Plan) -> Iterator[Servers]:
    """Publish the feeds, start `mandates serve` and nginx (configured by `mandates nginx-config`)."""
    folder = tmp_path_factory.mktemp("nginx")
    calendars = folder / "calendars"
    database = f"sqlite:///{folder / 'state.db'}"
    store = Store(database)
    publish(bundled_plan, store, TODAY, Settings(calendars_dir=calendars,
                                                 feeds=FeedSettings(tokens={"secretariat": TOKEN})),
            calendars, AT)
    store.dispose()
    (folder / "outside.ics").write_text("BEGIN:VCALENDAR\r\nX-SECRET:outside the folder\r\n")
    settings = folder / "settings.yaml"
    settings.write_text(f"calendars_dir: {calendars}\nfeeds:\n  tokens:\n    secretariat: {TOKEN}\n")
    serve_port, port = free_port(), free_port()
    prefix = folder / "nginx"
    prefix.mkdir()
    subprocess.run([str(MANDATES), "nginx-config", "--settings", str(settings), "--standalone",
                    "--listen", f"127.0.0.1:{port}", "--upstream", f"127.0.0.1:{serve_port}",
                    "-o", str(prefix / "nginx.conf")], check=True, capture_output=True)
    env = {**os.environ, "MANDATES_DATABASE_URL": database, "MANDATES_SETTINGS": str(settings)}
    serve_log, nginx_log = folder / "serve.log", folder / "nginx.log"
    with open(serve_log, "wb") as out:
        serve = subprocess.Popen([str(MANDATES), "serve", "--port", str(serve_port)], env=env,
                                 stdout=out, stderr=subprocess.STDOUT)
    # As root (CI's container), nginx's workers would run as `nobody`, who cannot enter pytest's
    # 0700 folders nor read the 0640 private feeds: keep them as the user who wrote the files.
    user = " user root;" if os.geteuid() == 0 else ""
    with open(nginx_log, "wb") as out:
        nginx = subprocess.Popen(
            [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr",
             "-g", f"daemon off; error_log stderr;{user}"],  # its pid file: the prefix's
            stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{serve_port}/status", serve, serve_log)
        wait_for(f"http://127.0.0.1:{port}/calendars/all.en.ics", nginx, nginx_log)
        yield Servers(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{serve_port}", port, calendars,
                      prefix, (prefix / "nginx.conf").read_text())
    finally:
        for process in (nginx, serve):
            process.terminate()
            process.wait(timeout=30)


def raw(port: int, target: str) -> bytes:
    """GET `target` sent exactly as written (no client normalises it); the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def manifest(servers: Servers) -> list[dict[str, object]]:
    """The feeds of `feeds.json`."""
    feeds: list[dict[str, object]] = json.loads((servers.calendars / "feeds.json").read_text())["feeds"]
    return feeds


def url_of(entry: dict[str, object]) -> str:
    """The path of a feed as `mandates serve` serves it."""
    name = f"{entry['name']}.{entry['lang']}.ics"
    return f"/private/{TOKEN}/{name}" if entry["private"] else f"/calendars/{name}"


# ---------------------------------------------------------------------------------------------
# Feeds

def test_every_feed_is_served_as_mandates_serve_serves_it(servers: Servers) -> None:
    feeds = manifest(servers)
    assert any(e["private"] for e in feeds) and len(feeds) > 10
    for entry in feeds:
        path = url_of(entry)
        ours, theirs = httpx.get(servers.nginx + path), httpx.get(servers.serve + path)
        assert ours.status_code == theirs.status_code == 200, path
        assert ours.content == theirs.content == (servers.calendars / str(entry["file"])).read_bytes()
        assert ours.headers["server"] == "nginx", path  # nginx answered, not the proxy
        for header in ("content-type", "last-modified", "cache-control", "x-content-type-options",
                       "referrer-policy", "x-frame-options", "content-security-policy"):
            assert ours.headers[header] == theirs.headers[header], (path, header)
        assert ours.headers["content-type"] == "text/calendar; charset=utf-8"
        assert ours.headers["cache-control"].startswith("private" if entry["private"] else "public")
        policy = dict(p.strip().split(" ", 1) for p in ours.headers["content-security-policy"].split(";"))
        assert policy == POLICY
        assert ours.headers["etag"].startswith('"')


def test_conditional_gets_answer_304(servers: Servers) -> None:
    for path in ("/calendars/all.en.ics", "/calendars/all.zh.ics", f"/private/{TOKEN}/secretariat.en.ics"):
        first = httpx.get(servers.nginx + path)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"x", W/{etag}'},
                        {"If-Modified-Since": modified},
                        {"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}):
            again = httpx.get(servers.nginx + path, headers=headers)
            assert again.status_code == 304 and again.content == b"", (path, headers)
            assert again.headers["etag"] == etag and "cache-control" in again.headers
        for headers in ({"If-None-Match": '"stale"'},
                        {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}):
            again = httpx.get(servers.nginx + path, headers=headers)
            assert again.status_code == 200 and again.content == first.content, (path, headers)
        head = httpx.head(servers.nginx + path)
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag


def test_a_private_feed_is_only_under_its_token(servers: Servers) -> None:
    secret = (servers.calendars / "private" / "secretariat.en.ics").read_bytes()
    assert httpx.get(f"{servers.nginx}/private/{TOKEN}/secretariat.en.ics").content == secret
    for target in ("/calendars/secretariat.en.ics", "/calendars/private/secretariat.en.ics",
                   "/calendars/private%2fsecretariat.en.ics", "/calendars/private%2Fsecretariat.en.ics",
                   "/private/secretariat.en.ics", "/private//secretariat.en.ics",
                   "/private/x/secretariat.en.ics", f"/private/{TOKEN[:-1]}/secretariat.en.ics",
                   f"/private/{TOKEN}x/secretariat.en.ics", f"/private/{TOKEN.upper()}/secretariat.en.ics",
                   f"/private/{TOKEN}/../secretariat.en.ics",
                   f"/calendars/../private/{TOKEN}x/secretariat.en.ics",
                   "/private/", "/calendars/private/", "/calendars/", "/feeds.json"):
        answer = raw(servers.port, target)
        assert answer.split(b" ", 2)[1] in (b"400", b"404"), target
        assert b"BEGIN:VCALENDAR" not in answer and b"Index of" not in answer, target


@pytest.mark.parametrize("target", [
    "/calendars/../private/secretariat.en.ics",
    "/calendars/%2e%2e/private/secretariat.en.ics",
    "/calendars/%2E%2E/%2e%2e/etc/passwd",
    "/calendars/..%2f..%2fetc%2fpasswd",
    "/../../../etc/passwd",
    "/calendars/%2e%2e%2f%2e%2e%2foutside.ics",
    "/calendars/..%2foutside.ics",
    "/calendars/../outside.ics",
    "/calendars/%00all.en.ics",
    "/calendars/all.en.ics%00.txt",
    "/calendars/all.en.ics/",
    "/calendars/ALL.EN.ICS",
])
def test_traversal_is_refused(servers: Servers, target: str) -> None:
    answer = raw(servers.port, target)
    status = answer.split(b" ", 2)[1]
    assert status in (b"400", b"404", b"308"), (target, answer[:200])
    assert b"root:" not in answer and b"outside the folder" not in answer
    assert b"X-WR-CALNAME:Secretariat" not in answer


def test_symbolic_links_are_not_followed(servers: Servers) -> None:
    links = {"leak.en.ics": servers.calendars.parent / "outside.ics",
             "passwd.en.ics": Path("/etc/passwd"),
             "sneak.en.ics": servers.calendars / "private" / "secretariat.en.ics"}
    for name, target in links.items():
        (servers.calendars / name).symlink_to(target)
    try:
        for name in links:
            answer = httpx.get(f"{servers.nginx}/calendars/{name}")
            assert answer.status_code == 404 and answer.text == "Not Found", name
            assert answer.headers["x-content-type-options"] == "nosniff"
    finally:
        for name in links:
            (servers.calendars / name).unlink()


def test_tokens_stay_out_of_the_access_log(servers: Servers) -> None:
    httpx.get(f"{servers.nginx}/private/{TOKEN}/secretariat.en.ics")
    httpx.get(f"{servers.nginx}/private/{TOKEN}/status?lang=zh")
    for target in (f"/calendars/../private/{TOKEN}/x", f"/private/x/../private/{TOKEN}/status",
                   f"/x/%70rivate/{TOKEN}", f"/PRIVATE/{TOKEN}"):
        raw(servers.port, target)
    httpx.get(f"{servers.nginx}/private/{TOKEN}/status?lang=zh")
    for target in (f"/calendars/../private/{TOKEN}/x", f"/private/x/../private/{TOKEN}/status",
                   f"/x/%70rivate/{TOKEN}", f"/PRIVATE/{TOKEN}", f"/private/{TOKEN}/status?{TOKEN}"):
        raw(servers.port, target)
    httpx.get(f"{servers.nginx}/private/{TOKEN}/status")
    log = servers.prefix / "access.log"
    expected = ("/private/*/secretariat.en.ics", "/private/*/status?lang=zh", "GET /private/*/status ",
                "/(not-logged:private-or-escaped)")
    deadline = time.monotonic() + 10
    while not all(line in log.read_text() for line in expected):  # written as each request ends
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.1)
    text = log.read_text()
    assert TOKEN not in text and TOKEN.lower() not in text.lower()
    assert "/calendars/all.en.ics" in text


# ---------------------------------------------------------------------------------------------
# Proxied to `mandates serve`

def test_status_pages_are_proxied_to_mandates_serve(servers: Servers) -> None:
    public = httpx.get(f"{servers.nginx}/status")
    assert public.status_code == 200 and public.headers["content-type"].startswith("text/html")
    assert "server" not in {k.lower() for k in httpx.get(f"{servers.serve}/status").headers}
    assert public.text == httpx.get(f"{servers.serve}/status").text
    assert public.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in public.headers["content-security-policy"]
    assert httpx.get(f"{servers.nginx}/status.json").json()["view"] == "public"
    full = httpx.get(f"{servers.nginx}/private/{TOKEN}/status.json")
    assert full.status_code == 200 and full.json()["view"] == "full"
    assert httpx.get(f"{servers.nginx}/private/{TOKEN}/status").status_code == 200
    assert httpx.get(f"{servers.nginx}/private/wrong/status").status_code == 404
    index = httpx.get(f"{servers.nginx}/")
    assert index.status_code == 200 and "/calendars/all.en.ics" in index.text
    redirect = httpx.get(f"{servers.nginx}/status/", headers={"Host": "evil.example"})
    assert redirect.status_code == 308 and redirect.headers["location"] == "/status"


def test_the_configuration_has_the_timeouts_and_no_listing(servers: Servers) -> None:
    for line in ("client_header_timeout 10s;", "keepalive_timeout 5s;", "autoindex off;",
                 f"disable_symlinks on from={servers.calendars};", "server_tokens off;"):
        assert line in servers.config, line
    # standalone, its pid file is in nginx's prefix: an ordinary user can run it
    pid = servers.prefix / "nginx.pid"
    assert pid.is_file() and int(pid.read_text()) > 0


@pytest.mark.parametrize("option", [{"calendars": Path("/srv/cal endars")}, {"calendars": Path("/srv/$uri")},
                                    {"calendars": Path('/srv/a";b')}, {"upstream": "127.0.0.1:80; evil"},
                                    {"upstream": "example.org"}, {"listen": "80;"},
                                    {"server_name": "a b"}, {"access_log": "/x y"},
                                    {"tokens": {"secretariat": "a}b"}}, {"tokens": {"../x": "abc"}}])
def test_a_value_nginx_would_read_as_syntax_is_refused(option: dict[str, Any]) -> None:
    given: dict[str, Any] = {"calendars": Path("/srv/calendars"), "tokens": {"secretariat": TOKEN},
                             **option}
    with pytest.raises(SettingsError, match="cannot be written into an nginx configuration"):
        render(given.pop("calendars"), given.pop("tokens"), **given)
    assert "location = /private/" in render(Path("/srv/calendars"), {"secretariat": TOKEN})


@pytest.mark.parametrize("token", ['a"b', "a;b b", "$uri", "a/b", "ü"])
def test_a_token_nginx_would_read_as_syntax_is_refused(tmp_path: Path, token: str) -> None:
    settings = tmp_path / "settings.yaml"
    settings.write_text(json.dumps({"feeds": {"tokens": {"secretariat": token}}}))
    done = subprocess.run([str(MANDATES), "nginx-config", "--settings", str(settings)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "feeds.tokens.secretariat" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
