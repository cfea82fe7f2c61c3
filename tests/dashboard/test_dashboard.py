"""The dashboard (issue 10, part 5) in a real browser: Playwright driving Debian's Chromium against
`mandates serve` started as a user starts it (a subprocess on a free loopback port, its own SQLite
database), the bundled process.

Navigation from the overview to a body, a meeting and an output; the as-of selector (a plain GET
form, no script); both languages; the public view leaves secretariat rows out and the token path
shows them; the strict Content-Security-Policy holds (the stylesheet applies, no violation is
reported); links name the address the server listens on. A screenshot of each page is kept in
tests/artifacts/dashboard/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ports import free_port

from mandates.briefing.run import find_chromium

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "dashboard"
TOKEN = "s3cret-token-for-tests"
MANDATES = [sys.executable, "-m", "mandates.cli"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mandates serve --port P` with a token for the secretariat view; its base URL."""
    folder = tmp_path_factory.mktemp("dashboard")
    settings = folder / "settings.yaml"
    settings.write_text(f"feeds:\n  tokens:\n    secretariat: {TOKEN}\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "MANDATES_DATABASE_URL": f"sqlite:///{folder / 'state.db'}"}
    subprocess.run([*MANDATES, "feeds", "--as-of", "2020-01-06", "--settings", str(settings),
                    "--out", str(folder / "calendars")], env=env, cwd=folder, check=True,
                   capture_output=True)
    process = subprocess.Popen([*MANDATES, "serve", "--port", str(port), "--settings", str(settings),
                                "--calendars", str(folder / "calendars"), "--no-access-log"],
                               env=env, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode() if process.stdout else "serve exited")
            try:
                httpx.get(base + "/dashboard/style.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Playwright's Chromium driver on Debian's Chromium (browser downloads are not reachable)."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("headless Chromium is not installed (Debian package `chromium`): browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=str(binary), headless=True,
                                          args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda message: violations.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.violations = violations  # type: ignore[attr-defined]
    yield tab
    context.close()


def shot(tab: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000
    return path


def test_overview_navigation_and_the_as_of_selector(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/dashboard?as_of=2020-01-06")
    expect(page.locator("h1")).to_have_text("Dashboard")
    expect(page.locator(".as-of-text")).to_contain_text("Monday 6 January 2020")
    tiles = page.locator(".tile")
    expect(tiles.filter(has_text="overdue")).to_contain_text("3")  # public: 3 of the 4
    assert "bad" in (tiles.filter(has_text="overdue").get_attribute("class") or "")
    assert "bad" not in (tiles.filter(has_text="delivered").get_attribute("class") or "")
    # the stylesheet applies (the CSP allows it, and nothing inline is needed)
    background = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
    assert background == "rgb(244, 246, 248)"
    shot(page, "overview-en-2020-01-06")

    # the as-of selector: a date typed and submitted, no script involved
    page.fill("#as_of", "2020-03-01")
    page.click("form.as-of button")
    page.wait_for_url("**/dashboard?as_of=2020-03-01")
    expect(page.locator(".as-of-text")).to_contain_text("Sunday 1 March 2020")
    shot(page, "overview-en-2020-03-01")

    # to a meeting, from there to a body, back through an output
    page.click("table.meetings a[href*='/meetings/wg2020-2?']")
    page.wait_for_url("**/dashboard/meetings/wg2020-2?as_of=2020-03-01")
    expect(page.locator("h1")).to_contain_text("wg2020-2")
    expect(page.locator("dl.facts-of")).to_contain_text("Rome")  # it moved to Rome in February 2020
    expect(page.locator("ol.facts")).to_contain_text("2020-02-03")
    shot(page, "meeting-wg2020-2")
    page.click("dl.facts-of a[href*='/bodies/']")
    expect(page.locator("h1")).to_contain_text("wg2020")
    shot(page, "body-wg2020")
    page.goto(server + "/dashboard/outputs/wg2020-2-documents?as_of=2020-03-01")
    expect(page.locator("dl.facts-of")).to_contain_text("delivered")
    expect(page.locator("table.inputs")).to_contain_text("wg2020-1-outcome")
    expect(page.locator("ol.facts")).to_contain_text("2020-01-06")
    shot(page, "output-wg2020-2-documents")
    assert page.violations == []  # type: ignore[attr-defined]


def test_both_languages(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/dashboard?as_of=2020-01-06")
    page.click("a.switch")
    page.wait_for_url("**/dashboard?as_of=2020-01-06&lang=zh")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    expect(page.locator("h1")).to_have_text("概览")
    expect(page.locator(".tiles")).to_contain_text("逾期")
    shot(page, "overview-zh-2020-01-06")
    page.click("table.outputs a[href*='/outputs/zero-draft-overview']")
    expect(page.locator("dl.facts-of")).to_contain_text("第4段")
    expect(page.locator("dl.facts-of")).to_contain_text("逾期")
    shot(page, "output-zh-zero-draft-overview")
    # the form keeps the language
    page.fill("#as_of", "2020-03-01")
    page.click("form.as-of button")
    page.wait_for_url("**/dashboard?as_of=2020-03-01&lang=zh")
    assert page.violations == []  # type: ignore[attr-defined]


def test_secretariat_view_only_under_the_token(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(server + "/dashboard?as_of=2020-01-06")
    assert page.locator("#late-inputs").count() == 0
    public = page.locator("main").inner_text()
    page.goto(server + f"/private/{TOKEN}/dashboard?as_of=2020-01-06")
    expect(page.locator("#late-inputs")).to_be_visible()
    expect(page.locator(".tiles")).to_contain_text("4 overdue")
    expect(page.locator("table.late")).to_contain_text("wg2020-3-framework-text")
    assert "Secretariat view" in page.locator(".as-of-text").inner_text()
    # links stay under the token path
    hrefs = page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    assert all(h == "/" or h.startswith(f"/private/{TOKEN}/dashboard") for h in hrefs), hrefs
    shot(page, "overview-secretariat-2020-01-06")
    assert len(page.locator("main").inner_text()) > len(public)
    assert httpx.get(server + "/private/wrong/dashboard").status_code == 404


def test_answers_over_http(server: str) -> None:
    """Headers, bad input and downloads, over real HTTP."""
    answer = httpx.get(server + "/dashboard?as_of=2020-01-06&lang=zh")
    policy = answer.headers["content-security-policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy and answer.headers["content-language"] == "zh-Hans"
    assert "<script" not in answer.text and " style=" not in answer.text
    for bad in ("9999-12-31", "2020-02-30", "yesterday"):
        refused = httpx.get(server + f"/dashboard?as_of={bad}")
        assert refused.status_code == 400 and "as_of" in refused.text
    assert httpx.get(server + "/dashboard?lang=fr").status_code == 400
    assert httpx.get(server + "/dashboard/outputs/no-such-output").status_code == 404
    workbook = httpx.get(server + "/dashboard/export.xlsx?as_of=2020-01-06")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    assert "post2020-check-2020-01-06.xlsx" in workbook.headers["content-disposition"]
    public_csv = httpx.get(server + "/dashboard/export.csv?as_of=2020-01-06").content.decode("utf-8-sig")
    full_csv = httpx.get(server + f"/private/{TOKEN}/dashboard/export.csv?as_of=2020-01-06").content
    assert "wg2020-3-framework-text" in public_csv
    assert len(full_csv.decode("utf-8-sig").splitlines()) >= len(public_csv.splitlines())
    for query in ("", "?as_of=2020-01-06", "?as_of=2020-03-01&lang=zh", "?as_of=2021-06-01"):
        public_chart = httpx.get(server + "/dashboard/chart.svg" + query)
        full_chart = httpx.get(server + f"/private/{TOKEN}/dashboard/chart.svg" + query)
        for chart in (public_chart, full_chart):
            assert chart.status_code == 200, (query, chart.text)
            assert chart.headers["content-type"] == "image/svg+xml" and "<svg" in chart.text
        # the public chart draws public outputs only: not the secretariat's quarterly reports
        assert 'data-id="bureau-progress-reports"' in full_chart.text
        assert "bureau-progress-reports" not in public_chart.text
    assert httpx.head(server + "/dashboard").status_code == 200  # as GET, without the body
    assert httpx.head(server + "/dashboard/outputs/first-draft").status_code == 200
    index = httpx.get(server + "/").text
    assert '<a href="/dashboard">' in index and "(https)" not in index  # the links are http here
    port = server.rsplit(":", 1)[1]
    assert f"127.0.0.1:{port}/" in index and "127.0.0.1:8000" not in index  # links name its own port
