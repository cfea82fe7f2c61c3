"""The daily check as a person sees it in Prefect's UI (issue 10, item 8), in Chromium.

A `prefect server start` on a free loopback port (its own PREFECT_HOME, SQLite), the bundled
process checked as of 6 January 2020 by `mandates run daily-check` in a subprocess with
PREFECT_API_URL set, then Debian's Chromium (Playwright, `executable_path`: browser downloads are
not reachable) on the flow run page, its task runs filtered by the UI's own tag filter, and both
artifacts; in Prefect's default UI (v2) and in the classic one (v1, where the run log's "View at"
link points). The tests assert on what the pages show (the state names, the badges' colours as
computed by the browser, tables no wider than their box) and on the state types through the API.
Screenshots go to tests/artifacts/prefect-ui/ (gitignored) and the pytest tmp dir.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "prefect-ui"
BIN = Path(sys.executable).parent
SUMMARY = "4 overdue, 4 at risk, 2 late inputs"  # the bundled process as shipped, 6 January 2020
HELPERS = {"load-plan", "load-facts", "evaluate", "write-check-json", "write-feeds", "send-alerts",
           "publish-artifacts"}
SERVER_ENV = {
    "DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "100",
}

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium at /usr/bin/chromium")]


@dataclass(frozen=True)
class Checked:
    """The server, the flow run of the check and what the API says about it."""

    url: str
    flow_run: dict[str, Any]
    task_runs: list[dict[str, Any]]
    artifacts: dict[str, dict[str, Any]]
    shots: list[Path]

    @property
    def api(self) -> str:
        return f"{self.url}/api"


def free_port() -> int:
    """A TCP port of 127.0.0.1 with nothing listening."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check: Any, what: str, limit: float = 180) -> Any:
    """Poll `check()` until it is truthy."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    """Start a Prefect server with its UI, run the daily check against it, read the run back."""
    home = tmp_path_factory.mktemp("prefect-ui")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **SERVER_ENV, "PREFECT_HOME": str(home / "server"),
           "PREFECT_UI_API_URL": f"{url}/api"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("wb")
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, cwd=home, stdout=log, stderr=log)

    def healthy() -> bool:
        if server.poll() is not None:
            raise AssertionError((home / "server.log").read_text(errors="replace")[-3000:])
        return httpx.get(f"{url}/api/health", timeout=2).status_code == 200

    try:
        wait_for(healthy, "the Prefect server", limit=300)
        (home / "settings.yaml").write_text(f"calendars_dir: {home / 'calendars'}\n", encoding="utf-8")
        run_env = {**os.environ, **SERVER_ENV, "PREFECT_API_URL": f"{url}/api",
                   "PREFECT_HOME": str(home / "client"), "MANDATES_SETTINGS": str(home / "settings.yaml"),
                   "MANDATES_DATABASE_URL": f"sqlite:///{home / 'state.db'}"}
        done = subprocess.run([str(BIN / "mandates"), "run", "daily-check", "--as-of", "2020-01-06"],
                              env=run_env, cwd=home, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        flow_run = httpx.post(f"{url}/api/flow_runs/filter", json={"limit": 1}, timeout=30).json()[0]
        one_run = {"flow_runs": {"id": {"any_": [flow_run["id"]]}}}
        def recorded() -> list[dict[str, Any]] | None:
            """Every task run, once the server has recorded each one's final state (the states of
            the helper tasks reach it as events, after the flow run itself has completed)."""
            runs: list[dict[str, Any]] = httpx.post(f"{url}/api/task_runs/filter",
                                                    json={**one_run, "limit": 200}, timeout=30).json()
            unfinished = {"RUNNING", "PENDING", "SCHEDULED"}
            done = len(runs) == 42 + len(HELPERS) and not any(r["state_type"] in unfinished for r in runs)
            return runs if done else None

        task_runs = wait_for(recorded, "every task run recorded in its final state")
        artifacts = {a["key"]: a for a in httpx.post(
            f"{url}/api/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [flow_run["id"]]}}},
            timeout=30).json()}
        shots: list[Path] = []
        yield Checked(url, flow_run, task_runs, artifacts, shots)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, SHOTS / shot.name)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, headless."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A page of a laptop's size, in the light theme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def shoot(page: Any, checked: Checked, tmp_path: Path, name: str) -> Path:
    """A full-page screenshot in the test's tmp dir, copied to tests/artifacts/prefect-ui/."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    checked.shots.append(path)
    return path


def rgb(page: Any, locator: Any) -> tuple[int, int, int]:
    """The background colour the browser computed for an element, as red, green, blue."""
    colour = str(locator.evaluate("e => getComputedStyle(e).backgroundColor"))
    numbers = [round(float(n)) for n in re.findall(r"[\d.]+", colour)[:3]]
    if "oklch" in colour or "lab" in colour:  # a wide-gamut colour: let the canvas convert it
        numbers = list(page.evaluate(
            """c => { const x = document.createElement('canvas').getContext('2d');
                      x.fillStyle = c; x.fillRect(0, 0, 1, 1);
                      return Array.from(x.getImageData(0, 0, 1, 1).data.slice(0, 3)); }""", colour))
    red, green, blue = numbers
    return red, green, blue


def badges(page: Any, text: str) -> Any:
    """The state badges (elements of class bg-state-*) showing exactly `text`."""
    return page.locator("[class*='bg-state-']").filter(has_text=re.compile(f"^{re.escape(text)}$"))


def badge(page: Any, text: str) -> Any:
    """The first state badge showing exactly `text`."""
    return badges(page, text).first


def test_the_api_records_a_colour_per_status_and_a_completed_run(checked: Checked) -> None:
    state = checked.flow_run["state"]
    assert (state["type"], state["name"]) == ("COMPLETED", SUMMARY)
    by_name = {r["name"]: r for r in checked.task_runs}
    assert set(by_name) >= HELPERS
    assert {by_name[h]["state_type"] for h in HELPERS} == {"COMPLETED"}
    types = {r["state_name"]: r["state_type"] for r in checked.task_runs if r["name"] not in HELPERS}
    assert types == {"Overdue": "FAILED", "AtRisk": "CRASHED", "OnTrack": "COMPLETED",
                     "Delivered": "COMPLETED"}


def test_the_flow_run_page_says_what_is_wrong(checked: Checked, page: Any, tmp_path: Path) -> None:
    page.goto(f"{checked.url}/v2/runs/flow-run/{checked.flow_run['id']}")
    summary = badge(page, SUMMARY)
    summary.wait_for()
    red, green, _ = rgb(page, summary)
    assert green > red  # a completed run: green, whatever it found
    shoot(page, checked, tmp_path, "v2-flow-run")
    page.goto(f"{checked.url}/runs/flow-run/{checked.flow_run['id']}")  # the classic UI
    page.get_by_text(SUMMARY).first.wait_for()
    shoot(page, checked, tmp_path, "v1-flow-run")


def test_task_runs_read_by_colour_and_filter_by_status_and_body(checked: Checked, page: Any,
                                                                tmp_path: Path) -> None:
    page.goto(f"{checked.url}/v2/runs/flow-run/{checked.flow_run['id']}?tab=TaskRuns")
    badge(page, "Overdue").wait_for()
    text = page.locator("main").text_content() or ""
    assert not re.search(r"\b(evaluate|load-plan|write-feeds)-[0-9a-f]{3}\b", text)  # plain names
    assert "publish-artifacts" in text
    shoot(page, checked, tmp_path, "v2-task-runs")
    tags = page.get_by_placeholder("All tags").first
    tags.fill("status:Overdue")
    tags.press("Enter")
    page.get_by_text("(4 Overdue)").wait_for()  # the UI's own count of what the filter shows
    overdue = badges(page, "Overdue")
    assert overdue.count() == 4
    for i in range(4):
        red, green, _ = rgb(page, overdue.nth(i))
        assert red > green  # red: not drawn as a success
    listed = page.locator("main").text_content() or ""
    assert "zero-draft-overview" in listed and "wg2020-1-outcome" not in listed
    shoot(page, checked, tmp_path, "v2-task-runs-overdue")
    page.goto(f"{checked.url}/v2/runs/flow-run/{checked.flow_run['id']}?tab=TaskRuns")
    badge(page, "Overdue").wait_for()
    tags = page.get_by_placeholder("All tags").first
    tags.fill("body:sbi")
    tags.press("Enter")
    sbi = Counter(r["state_name"] for r in checked.task_runs if "body:sbi" in r["tags"])
    assert sbi == {"OnTrack": 8}  # SBI-3's eight recommendations
    page.get_by_text("(8 OnTrack)").wait_for()
    assert badges(page, "OnTrack").count() == 8
    shoot(page, checked, tmp_path, "v2-task-runs-sbi")
    red, green, _ = rgb(page, badge(page, "OnTrack"))
    assert green > red


def table_widths(page: Any) -> list[tuple[int, int]]:
    """Each table's width and the width of the box it sits in, in CSS pixels."""
    return [(int(w), int(b)) for w, b in page.evaluate(
        """() => Array.from(document.querySelectorAll('table'))
                 .map(t => [t.scrollWidth, t.parentElement.clientWidth])""")]


@pytest.mark.parametrize("ui", ["v2", "v1"])
def test_artifacts_fit_the_page(checked: Checked, page: Any, tmp_path: Path, ui: str) -> None:
    base = f"{checked.url}/v2" if ui == "v2" else checked.url
    markdown = checked.artifacts["daily-check-post2020"]
    page.goto(f"{base}/artifacts/artifact/{markdown['id']}")
    page.get_by_text("Late inputs (2)").first.wait_for()
    page.get_by_text("zero-draft-overview (CBD/WG2020/REC/1/1 para 4").first.wait_for()  # a reason
    shoot(page, checked, tmp_path, f"{ui}-artifact-daily-check")
    widths = table_widths(page)
    assert len(widths) >= 4  # totals, late inputs, overdue, at risk
    assert all(width <= min(box, 1000) for width, box in widths), widths
    table = checked.artifacts["late-inputs-post2020"]
    page.goto(f"{base}/artifacts/artifact/{table['id']}")
    page.get_by_text("ws-synergies-outcome").first.wait_for()
    shoot(page, checked, tmp_path, f"{ui}-artifact-late-inputs")
    widths = table_widths(page)
    assert widths and all(width <= min(box, 1000) for width, box in widths), widths
