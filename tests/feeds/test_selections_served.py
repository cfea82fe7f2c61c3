"""Selections as served (issue 10, part 1): by `mandates serve` and by nginx configured by
`mandates nginx-config`, both started from the `mandates` command over the feeds of 6 January 2020.

A public selection is served beside the other public feeds and listed on the index; a private
selection only under its own token (`feeds.tokens.selection-<name>`), never under the public
path, another feed's token or a wrong one; a private selection without a token is not served
at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from ports import free_port, wait_for

MANDATES = Path(sys.executable).parent / "mandates"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
SECRETARIAT = "Zq8-secretariat-token-Wm3vT0yLp"
STAFF = "Hb2-selection-token-Qe7rK1nVx"
SETTINGS = """\
feeds:
  tokens:
    secretariat: {secretariat}
    selection-staff-wg: {staff}
  selections:
    wg: {{meeting: [wg2020-2]}}
    staff-wg: {{meeting: [wg2020-2, wg2020-3], private: true}}
    untokened: {{body: [sbstta], private: true}}
"""


@dataclass
class Servers:
    serve: str
    nginx: str | None
    calendars: Path
    config: str


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """`mandates feeds` with the selections above, then `mandates serve` and, when installed,
    nginx with the configuration `mandates nginx-config` writes."""
    folder = tmp_path_factory.mktemp("selections")
    calendars = folder / "calendars"
    settings = folder / "settings.yaml"
    settings.write_text(f"calendars_dir: {calendars}\n"
                        + SETTINGS.format(secretariat=SECRETARIAT, staff=STAFF))
    env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}",
           "MANDATES_SETTINGS": str(settings)}
    subprocess.run([str(MANDATES), "feeds", "--as-of", "2020-01-06"], env=env, check=True,
                   capture_output=True)
    serve_port, port = free_port(), free_port()
    prefix = folder / "nginx"
    prefix.mkdir()
    subprocess.run([str(MANDATES), "nginx-config", "--standalone", "--listen", f"127.0.0.1:{port}",
                    "--upstream", f"127.0.0.1:{serve_port}", "-o", str(prefix / "nginx.conf")],
                   env=env, check=True, capture_output=True)
    running: list[subprocess.Popen[bytes]] = []
    serve_log, nginx_log = folder / "serve.log", folder / "nginx.log"
    try:
        with open(serve_log, "wb") as out:
            running.append(subprocess.Popen([str(MANDATES), "serve", "--port", str(serve_port)],
                                            env=env, stdout=out, stderr=subprocess.STDOUT))
        wait_for(f"http://127.0.0.1:{serve_port}/status", running[0], serve_log)
        nginx = None
        if NGINX is not None:
            user = " user root;" if os.geteuid() == 0 else ""  # as tests/reliability/test_nginx.py
            with open(nginx_log, "wb") as out:
                running.append(subprocess.Popen(
                    [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr",
                     "-g", f"daemon off; error_log stderr;{user}"],  # pid file: the prefix's
                    stdout=out, stderr=subprocess.STDOUT))
            nginx = f"http://127.0.0.1:{port}"
            wait_for(f"{nginx}/calendars/all.en.ics", running[1], nginx_log)
        yield Servers(f"http://127.0.0.1:{serve_port}", nginx, calendars,
                      (prefix / "nginx.conf").read_text())
    finally:
        for process in reversed(running):
            process.terminate()
            process.wait(timeout=30)


def bases(servers: Servers) -> list[str]:
    return [servers.serve] + ([servers.nginx] if servers.nginx else [])


REFUSED = [
    "/calendars/selection-staff-wg.en.ics",
    "/calendars/private/selection-staff-wg.en.ics",
    f"/private/{SECRETARIAT}/selection-staff-wg.en.ics",  # another feed's token
    f"/private/{STAFF}x/selection-staff-wg.en.ics",
    f"/private/{STAFF[:-1]}/selection-staff-wg.en.ics",
    f"/private/{STAFF}/secretariat.en.ics",  # the selection's token opens nothing else
    f"/private/{STAFF}/selection-wg.en.ics",
    "/calendars/selection-untokened.en.ics",
    f"/private/{SECRETARIAT}/selection-untokened.en.ics",
    f"/private/{STAFF}/selection-untokened.en.ics",
]


def test_a_public_selection_is_served_and_listed(servers: Servers) -> None:
    for lang in ("en", "zh"):
        data = (servers.calendars / f"selection-wg.{lang}.ics").read_bytes()
        for base in bases(servers):
            answer = httpx.get(f"{base}/calendars/selection-wg.{lang}.ics")
            assert answer.status_code == 200 and answer.content == data, base
            assert answer.headers["cache-control"].startswith("public")
    index = httpx.get(f"{servers.serve}/").text
    assert "/calendars/selection-wg.en.ics" in index and "Selection: wg" in index
    assert "selection-staff-wg" not in index and "selection-untokened" not in index


def test_a_private_selection_only_under_its_own_token(servers: Servers) -> None:
    for lang in ("en", "zh"):
        data = (servers.calendars / "private" / f"selection-staff-wg.{lang}.ics").read_bytes()
        assert b"UID:late-input-" in data  # the secretariat's items: why it is private
        for base in bases(servers):
            answer = httpx.get(f"{base}/private/{STAFF}/selection-staff-wg.{lang}.ics")
            assert answer.status_code == 200 and answer.content == data, base
            assert answer.headers["cache-control"].startswith("private")
    assert (servers.calendars / "private" / "selection-untokened.en.ics").is_file()
    for base in bases(servers):
        for target in REFUSED:
            answer = httpx.get(base + target)
            assert answer.status_code == 404, (base, target)
            assert b"BEGIN:VCALENDAR" not in answer.content, (base, target)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")
def test_nginx_has_one_location_per_language_of_the_tokened_selection(servers: Servers) -> None:
    for lang in ("en", "zh"):
        assert f"location = /private/{STAFF}/selection-staff-wg.{lang}.ics {{" in servers.config
        assert f"{servers.calendars}/private/selection-staff-wg.{lang}.ics;" in servers.config
    assert "selection-untokened" not in servers.config
