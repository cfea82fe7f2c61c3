"""Issue 10 part 5, the dashboard of `mandates serve` as a secretariat user meets it: a real
server on a free loopback port with its own SQLite database, read over HTTP with httpx (no
JavaScript: links followed, the as-of form submitted as a browser would) and in Debian's
Chromium with JavaScript disabled (Playwright), a screenshot of each page visited kept under
tests/artifacts/acceptance-dashboard/.

Promises checked: the day's check or any as-of date chosen on the page, with the check's own
numbers; pages per body, meeting and output (mandate, rule, inputs, history of facts);
downloads of exports and feeds; English and Chinese; links from the configured public URL or
else --host/--port, never from the request's Host header; no inline scripts or styles under a
strict Content-Security-Policy; the secretariat view only under the token path.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
import openpyxl
import pendulum
import pytest

from .helpers import REPO
from .issue10_support import Page, Server, User, serving

ARTIFACTS = REPO / "tests" / "artifacts" / "acceptance-dashboard"
STATUS_WORDS = {"delivered": "delivered", "overdue": "overdue", "due_soon": "due soon", "at_risk": "at risk",
                "blocked": "blocked", "on_track": "on track", "cancelled": "cancelled"}
CJK = re.compile(r"[\u4e00-\u9fff]")
FORGED = "forged-host.example.org"
PUBLIC_URL = "https://calendars.example.org"


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> User:
    user = User(tmp_path_factory.mktemp("dashboard-user"))
    user.ok("feeds", "--as-of", "2020-03-01", "--out", str(user.root / "calendars"))
    return user


@pytest.fixture(scope="module")
def server(user: User) -> Iterator[Server]:
    with serving(user, secrets.token_urlsafe(24)) as running:
        yield running


@pytest.fixture(scope="module")
def public_server(user: User) -> Iterator[Server]:
    with serving(user, secrets.token_urlsafe(24), public_base_url=PUBLIC_URL) as running:
        yield running


@pytest.fixture(scope="module")
def checks(user: User) -> dict[str, dict[str, Any]]:
    return {d: user.check_json(d) for d in ("2020-01-06", "2020-03-01", "2021-06-01")}


def private(server: Server, path: str = "") -> str:
    return f"/private/{server.token}/dashboard{path}"


def fetch_page(server: Server, path: str, **kwargs: Any) -> tuple[httpx.Response, Page]:
    response = server.get(path, **kwargs)
    assert response.status_code == 200, f"GET {path}: {response.status_code}\n{response.text[:500]}"
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
    return response, Page(response.text)


def same_origin_links(server: Server, from_path: str, page: Page) -> list[str]:
    """Links of a page that stay on this server, as paths with their query."""
    found = []
    for href in page.links:
        url = urlsplit(urljoin(server.base + from_path, href))
        if url.scheme in ("http", "https") and url.netloc == urlsplit(server.base).netloc:
            found.append(url.path + (f"?{url.query}" if url.query else ""))
    return list(dict.fromkeys(found))


def assert_numbers(text: str, totals: dict[str, int], where: str) -> None:
    for key, word in STATUS_WORDS.items():
        assert re.search(rf"(?<!\d){totals[key]}\s+{word}\b", text, re.IGNORECASE), (
            f"{where}: '{totals[key]} {word}' not on the page: {text[:800]}")


def find_link(server: Server, start: str, pattern: str) -> str:
    """A link matching `pattern` on the page at `start`, or on a page it links (two clicks)."""
    _, page = fetch_page(server, start)
    links = same_origin_links(server, start, page)
    for link in links:
        if re.search(pattern, link):
            return link
    for link in links:
        if not any(k in link for k in ("/bodies/", "/meetings/", "/outputs/")):
            continue
        _, sub = fetch_page(server, link)
        for found in same_origin_links(server, link, sub):
            if re.search(pattern, found):
                return found
    raise AssertionError(f"no link matching {pattern} within two clicks of {start}")


def row_text(html_text: str, needle: str) -> str:
    """The text of the table row that mentions `needle`."""
    for row in re.findall(r"<tr\b.*?</tr>", html_text, re.S):
        if needle in row:
            return Page(row).text
    raise AssertionError(f"no row mentions {needle}")


# --- the day's check and any as-of date -------------------------------------------------------


@pytest.mark.parametrize("as_of", ("2020-01-06", "2020-03-01", "2021-06-01"))
def test_dashboard_as_of_a_date_has_the_checks_numbers(
        server: Server, checks: dict[str, dict[str, Any]], as_of: str) -> None:
    _, page = fetch_page(server, private(server, f"?as_of={as_of}"))
    assert_numbers(page.text, checks[as_of]["totals"], f"dashboard as of {as_of}")
    assert pendulum.parse(as_of).format("D MMMM YYYY") in page.text


def test_dashboard_without_a_date_shows_todays_check(server: Server, user: User) -> None:
    today = user.check_json(None)
    _, page = fetch_page(server, private(server))
    assert_numbers(page.text, today["totals"], "dashboard of today")
    assert pendulum.parse(today["as_of"]).format("D MMMM YYYY") in page.text


def test_the_as_of_date_is_chosen_on_the_page_without_javascript(
        server: Server, checks: dict[str, dict[str, Any]]) -> None:
    """Submit the page's own form as a browser without JavaScript would (GET, its fields)."""
    path = private(server, "?as_of=2020-01-06")
    _, page = fetch_page(server, path)
    forms = [f for f in page.forms if f.get("method", "get").lower() == "get"]
    assert forms, "no GET form on the dashboard"
    dates = [i for i in page.inputs if i.get("type") == "date" and i.get("name")]
    assert dates, f"no date field on the dashboard: {page.inputs}"
    fields = {i["name"]: i.get("value", "") for i in page.inputs
              if i.get("name") and i.get("type") != "submit"}
    fields[dates[0]["name"]] = "2020-03-01"
    action = urljoin(server.base + path, forms[0].get("action") or path)
    response = httpx.get(action.split("?")[0] + "?" + urlencode(fields), timeout=120)
    assert response.status_code == 200, response.text[:500]
    text = Page(response.text).text
    assert "1 March 2020" in text
    # The public view counts only public outputs; the form must at least keep the chosen date
    # and give that date's numbers for the view it was on.
    if "/private/" in action:
        assert_numbers(text, checks["2020-03-01"]["totals"], "dashboard after the form")


def test_a_bad_as_of_date_is_a_clear_400(server: Server) -> None:
    response = server.get(private(server, "?as_of=2020-02-30"))
    assert response.status_code == 400, response.status_code
    assert "Traceback" not in response.text


# --- pages per body, meeting and output -------------------------------------------------------


def test_every_link_of_the_dashboard_answers(server: Server) -> None:
    path = private(server, "?as_of=2020-03-01")
    _, page = fetch_page(server, path)
    links = same_origin_links(server, path, page)
    kinds = {k: [u for u in links if k in u] for k in ("bodies", "meetings", "outputs")}
    counts = {k: len(v) for k, v in kinds.items()}
    assert all(kinds.values()), f"the dashboard links no page of some kind: {counts}"
    for link in links:
        response = server.get(link)
        assert response.status_code == 200, f"GET {link}: {response.status_code}"


def test_output_page_has_mandate_rule_inputs_and_what_is_delivered(
        server: Server, user: User, checks: dict[str, dict[str, Any]]) -> None:
    check = checks["2020-01-06"]
    output = next(o for o in check["outputs"] if o["id"] == "wg2020-3-framework-text")
    shown = user.ok("show", "wg2020-3-framework-text", "--as-of", "2020-01-06").stdout
    rule = re.search(r"rule: (.+?)(?:\s{2,}|$)", shown, re.M)
    assert rule, shown
    path = private(server, "?as_of=2020-01-06")
    _, dashboard = fetch_page(server, path)
    link = next((u for u in same_origin_links(server, path, dashboard)
                 if "wg2020-3-framework-text" in u), None)
    assert link, "the dashboard does not link the framework text"
    response, page = fetch_page(server, link)
    assert output["mandate"] in page.text
    assert rule.group(1).strip() in page.text, f"rule {rule.group(1)!r} not on the page"
    assert output["title"]["en"] in page.text and output["title"]["zh"] in page.text
    statuses = {o["id"]: o["status"] for o in check["outputs"]}
    for item in output["inputs"]:
        iid = item["id"] if isinstance(item, dict) else item
        assert iid in page.text, f"input {iid} not on the page"
    # An input already delivered is said to be delivered, not "expected".
    delivered = [(i["id"] if isinstance(i, dict) else i) for i in output["inputs"]]
    delivered = [i for i in delivered if statuses.get(i) == "delivered"]
    assert delivered, "the case needs a delivered input"
    for iid in delivered:
        row = row_text(response.text, f">{iid}<")
        assert re.search(r"\bdelivered\b", row, re.I), f"delivered input {iid} shown as: {row!r}"


def test_output_page_lists_the_history_of_its_facts_as_of_the_date(server: Server) -> None:
    # consult-marine-report: delivered on 7 February 2020 (shipped history, CBD/POST2020/WS/2019/10/2).
    path = private(server, "?as_of=2020-03-01")
    target = find_link(server, path, r"consult-marine-report(?![\w-])")
    _, page = fetch_page(server, target)
    assert "CBD/POST2020/WS/2019/10/2" in page.text
    assert re.search(r"7 February 2020|2020-02-07", page.text)
    _, before = fetch_page(server, target.replace("2020-03-01", "2020-01-06"))
    assert "CBD/POST2020/WS/2019/10/2" not in before.text, "a fact shown before it took effect"


def test_meeting_page_shows_where_and_when_as_of_the_date(
        server: Server, checks: dict[str, dict[str, Any]]) -> None:
    for as_of in ("2020-01-06", "2020-03-01"):
        meeting = next(m for m in checks[as_of]["meetings"] if m["id"] == "wg2020-2")
        path = private(server, f"?as_of={as_of}")
        _, dashboard = fetch_page(server, path)
        link = next((u for u in same_origin_links(server, path, dashboard)
                     if re.search(r"wg2020-2(?![\w-])", u)), None)
        assert link, "the dashboard does not link wg2020-2"
        _, page = fetch_page(server, link)
        city = meeting["venue"]["en"].split(",")[0]
        assert city in page.text, f"{as_of}: {city} not on wg2020-2's page"
    assert "Rome" in page.text


def test_body_page_lists_the_bodys_outputs(server: Server, checks: dict[str, dict[str, Any]]) -> None:
    check = checks["2020-03-01"]
    path = private(server, "?as_of=2020-03-01")
    _, dashboard = fetch_page(server, path)
    link = next((u for u in same_origin_links(server, path, dashboard)
                 if re.search(r"bodies/sbstta(?![\w-])", u)), None)
    assert link, "the dashboard does not link SBSTTA's page"
    _, page = fetch_page(server, link)
    theirs = [o["id"] for o in check["outputs"] if "sbstta" in o["responsible"]]
    assert theirs
    for oid in theirs:
        assert oid in page.text, f"{oid} (SBSTTA's) not on SBSTTA's page"


# --- downloads --------------------------------------------------------------------------------


def test_downloads_of_the_exports_have_the_checks_numbers(
        server: Server, checks: dict[str, dict[str, Any]]) -> None:
    check = checks["2020-03-01"]
    path = private(server, "?as_of=2020-03-01")
    _, page = fetch_page(server, path)
    kinds: set[str] = set()
    for link in same_origin_links(server, path, page):
        if any(k in link for k in ("/bodies/", "/meetings/", "/outputs/")):
            continue
        response = server.get(link)
        kind = response.headers.get("content-type", "")
        if "spreadsheetml" in kind:
            kinds.add("xlsx")
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            assert len(book.worksheets) >= 10
        elif kind.startswith("application/json"):
            kinds.add("json")
            document = json.loads(response.content)
            # The download may add keys (it says which view it is); every key of the check is equal.
            assert {k: document.get(k) for k in check} == check, "the JSON download differs from the check"
        elif kind.startswith("text/csv"):
            kinds.add("csv")
            rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
            assert {r["Output"] for r in rows} == {o["id"] for o in check["outputs"]}
    assert kinds == {"xlsx", "json", "csv"}, f"downloads found: {kinds}"


def test_feeds_are_downloadable_from_the_dashboard(server: Server) -> None:
    """A calendar feed is at most two clicks away from the dashboard, and downloads."""
    start = "/dashboard?as_of=2020-03-01"
    _, page = fetch_page(server, start)
    frontier = same_origin_links(server, start, page)
    candidates = [u for u in frontier if u.endswith(".ics")]
    for link in frontier:
        if candidates:
            break
        if "/dashboard" in link:
            continue
        response = server.get(link)
        if response.headers.get("content-type", "").startswith("text/html"):
            sub = Page(response.text)
            candidates += [urlsplit(urljoin(server.base + link, h)).path for h in sub.links
                           if h.endswith(".ics") and not h.startswith("webcal:")]
    assert candidates, "no calendar feed reachable from the dashboard"
    response = server.get(candidates[0])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")


def test_timeline_chart(server: Server) -> None:
    """Issue 10 part 5 also names "the timeline chart": the dashboard shows it (an image or
    inline SVG)."""
    start = private(server, "?as_of=2020-03-01")
    response, page = fetch_page(server, start)
    charts = [r for r in page.resources if not r.endswith(".css")]
    assert charts or "<svg" in response.text, "no timeline chart on the dashboard"


def test_briefing_downloads(server: Server) -> None:
    """Issue 10 part 5: "downloads of briefings" from the dashboard."""
    start = private(server, "?as_of=2020-03-01")
    _, page = fetch_page(server, start)
    briefings = []
    for link in same_origin_links(server, start, page):
        if any(k in link for k in ("/bodies/", "/meetings/", "/outputs/", "export")):
            continue
        answer = server.get(link)
        kind = answer.headers.get("content-type", "")
        disposition = answer.headers.get("content-disposition", "")
        if answer.status_code == 200 and ("brief" in link.lower() or "brief" in disposition.lower()) and (
                kind.startswith(("application/pdf", "text/markdown", "text/html"))):
            briefings.append(link)
    assert briefings, "no briefing to download from the dashboard"


# --- both languages ---------------------------------------------------------------------------


def test_chinese_by_parameter_and_by_browser_language(server: Server) -> None:
    _, page = fetch_page(server, private(server, "?as_of=2020-03-01&lang=zh"))
    assert (page.lang or "").startswith("zh"), page.lang
    assert len(CJK.findall(page.text)) > 100
    for word in ("delivered", "overdue", "on track", "at risk", "As of"):
        assert word not in page.text, f"English {word!r} on the Chinese page"
    _, chosen = fetch_page(server, private(server, "?as_of=2020-03-01"),
                           headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert (chosen.lang or "").startswith("zh"), chosen.lang
    _, english = fetch_page(server, private(server, "?as_of=2020-03-01"), headers={"Accept-Language": "en"})
    assert (english.lang or "").startswith("en")


def test_following_a_link_on_a_chinese_page_stays_chinese(server: Server) -> None:
    path = private(server, "?as_of=2020-03-01&lang=zh")
    _, page = fetch_page(server, path)
    links = [u for u in same_origin_links(server, path, page) if "/outputs/" in u or "/meetings/" in u]
    assert links
    for link in links[:3]:
        _, sub = fetch_page(server, link, headers={"Accept-Language": "en"})
        assert (sub.lang or "").startswith("zh"), f"{link}: lang {sub.lang}"
        assert "2020-03-01" in link or "as_of=2020-03-01" in link, f"{link} lost the as-of date"


# --- links: public URL, else --host/--port, never the Host header ------------------------------


def test_a_forged_host_header_names_no_link(server: Server) -> None:
    paths = ["/", "/dashboard", "/dashboard?as_of=2020-03-01", "/dashboard?as_of=2020-03-01&lang=zh",
             private(server, "?as_of=2020-03-01"), "/status"]
    _, page = fetch_page(server, "/dashboard?as_of=2020-03-01")
    outputs = [u for u in same_origin_links(server, "/dashboard?as_of=2020-03-01", page) if "/outputs/" in u]
    paths += outputs[:2]
    for path in paths:
        response = httpx.get(server.base + path, headers={"Host": FORGED}, timeout=120,
                             follow_redirects=False)
        assert FORGED not in response.text, f"GET {path} with Host {FORGED}: the page names it"
        assert all(FORGED not in v for v in response.headers.values()), f"GET {path}: a header names {FORGED}"


def test_links_name_the_port_it_was_started_with(server: Server) -> None:
    for path in ("/", "/dashboard?as_of=2020-03-01", private(server, "?as_of=2020-03-01")):
        _, page = fetch_page(server, path)
        for href in page.links:
            url = urlsplit(href)
            if url.scheme in ("http", "https", "webcal") and url.hostname in ("127.0.0.1", "localhost"):
                assert url.port == server.port, f"{path}: {href} (served on port {server.port})"


def test_links_name_the_configured_public_url(public_server: Server) -> None:
    public = urlsplit(PUBLIC_URL)
    absolute = 0
    for path in ("/", "/dashboard?as_of=2020-03-01"):
        _, page = fetch_page(public_server, path, headers={"Host": FORGED})
        for href in page.links:
            url = urlsplit(href)
            if url.scheme in ("http", "https", "webcal"):
                if url.hostname in ("127.0.0.1", "localhost", FORGED):
                    raise AssertionError(f"{path}: {href} though public_base_url is {PUBLIC_URL}")
                if url.hostname == public.hostname:
                    absolute += 1
    assert absolute, "no link names the public URL"


# --- no inline code, a strict CSP -------------------------------------------------------------


def assert_strict(path: str, response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    assert policy, f"{path}: no Content-Security-Policy"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, f"{path}: {policy}"
    assert "default-src 'none'" in policy or "default-src 'self'" in policy, f"{path}: {policy}"
    page = Page(response.text)
    assert not page.inline, f"{path}: inline code {page.inline[:5]}"


def test_dashboard_pages_have_no_inline_code_under_a_strict_policy(server: Server) -> None:
    start = private(server, "?as_of=2020-03-01")
    response, page = fetch_page(server, start)
    assert_strict(start, response)
    seen = {"bodies": 0, "meetings": 0, "outputs": 0}
    for link in same_origin_links(server, start, page):
        kind = next((k for k in seen if f"/{k}/" in link), None)
        if kind is None or seen[kind] >= 3:
            continue
        seen[kind] += 1
        sub, _ = fetch_page(server, link)
        assert_strict(link, sub)
    for resource in page.resources:
        css = server.get(urljoin(start, resource))
        assert css.status_code == 200, resource


def test_pages_the_dashboard_links_to_hold_the_same_policy(server: Server) -> None:
    """What a reader reaches from the dashboard (the feeds index, the status page) holds a strict
    policy too: no inline script or style unless the policy pins its exact hash."""
    start = "/dashboard?as_of=2020-03-01"
    _, page = fetch_page(server, start)
    others = [u for u in same_origin_links(server, start, page) if "/dashboard" not in u]
    assert others, "the dashboard links nothing outside itself"
    for link in others:
        response = server.get(link)
        if response.headers.get("content-type", "").startswith("text/html"):
            assert_hash_pinned(link, response)


def assert_hash_pinned(path: str, response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    assert policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy, f"{path}: {policy!r}"
    assert "default-src 'none'" in policy or "default-src 'self'" in policy, f"{path}: {policy}"
    for tag in ("style", "script"):
        for body in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", response.text, re.S | re.I):
            if not body.strip() and tag == "script":
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy, f"{path}: an inline <{tag}> the policy does not pin"
    assert not re.search(r"<[^>]+\s(style|on\w+)\s*=", response.text, re.I), f"{path}: an inline attribute"


# --- the secretariat view only under the token -----------------------------------------------


def test_secretariat_view_only_under_the_token(server: Server, checks: dict[str, dict[str, Any]]) -> None:
    check = checks["2020-01-06"]
    restricted = [o["id"] for o in check["outputs"] if o.get("audience") not in (None, "public")]
    assert restricted, "the case needs a secretariat-only output"
    late = [li["id"] for li in check["late_inputs"]]
    _, private_page = fetch_page(server, private(server, "?as_of=2020-01-06"))
    for oid in restricted:
        assert oid in private_page.text, f"{oid} missing from the secretariat view"
    public_response, public_page = fetch_page(server, "/dashboard?as_of=2020-01-06")
    for oid in restricted:
        assert oid not in public_response.text, f"secretariat-only {oid} on the public dashboard"
    assert server.token not in public_response.text
    assert not any("/private/" in h for h in public_page.links)
    # The public view's downloads hold only what the public view shows.
    for link in same_origin_links(server, "/dashboard?as_of=2020-01-06", public_page):
        if any(k in link for k in ("/bodies/", "/meetings/", "/outputs/")) or "/dashboard" not in link:
            continue
        answer = server.get(link)
        if answer.headers.get("content-type", "").startswith(("application/json", "text/csv")):
            body = answer.content.decode("utf-8-sig")
            for oid in restricted:
                assert not re.search(rf"\b{re.escape(oid)}\b", body), f"{oid} in the public {link}"
    for wrong in (secrets.token_urlsafe(24), server.token[:-1], server.token.upper()):
        response = server.get(f"/private/{wrong}/dashboard?as_of=2020-01-06")
        assert response.status_code == 404, f"wrong token answered {response.status_code}"
        assert not any(oid in response.text for oid in restricted + late)


# --- a real browser, JavaScript off -----------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        instance = driver.chromium.launch(executable_path=str(chromium), headless=True,
                                          args=["--no-sandbox"])
        yield instance
        instance.close()


def test_in_chromium_without_javascript(
        server: Server, browser: Any, checks: dict[str, dict[str, Any]]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    refused: list[str] = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    shots: list[str] = []

    def shot(name: str) -> None:
        target = ARTIFACTS / f"{len(shots) + 1:02d}-{name}.png"
        tab.screenshot(path=str(target), full_page=True)
        shots.append(target.name)

    base = server.base
    tab.goto(base + private(server, "?as_of=2020-01-06"))
    shot("dashboard-2020-01-06")
    assert_numbers(tab.inner_text("body"), checks["2020-01-06"]["totals"], "Chromium, 2020-01-06")

    # The as-of selector: type a date into the page's date field, press its button.
    date_field = tab.locator("input[type=date]").first
    date_field.fill("2020-03-01")
    tab.locator("form button, form input[type=submit]").first.click()
    tab.wait_for_load_state()
    assert "as_of=2020-03-01" in tab.url
    assert "1 March 2020" in tab.inner_text("body")
    assert_numbers(tab.inner_text("body"), checks["2020-03-01"]["totals"], "Chromium, after the selector")
    shot("dashboard-2020-03-01")

    dashboard_url = tab.url
    for kind, name in (("bodies", "body"), ("meetings", "meeting"), ("outputs", "output")):
        tab.goto(dashboard_url)
        tab.locator(f"a[href*='/{kind}/']").first.click()
        tab.wait_for_load_state()
        assert f"/{kind}/" in tab.url
        assert "2020-03-01" in tab.url, f"{tab.url} lost the as-of date"
        shot(name)

    # The other language, by the page's own link.
    tab.goto(dashboard_url)
    tab.locator("a[hreflang^=zh], a[lang^=zh]").first.click()
    tab.wait_for_load_state()
    assert (tab.locator("html").get_attribute("lang") or "").startswith("zh")
    assert len(CJK.findall(tab.inner_text("body"))) > 100
    shot("dashboard-zh")
    tab.locator("a[href*='/outputs/']").first.click()
    tab.wait_for_load_state()
    assert (tab.locator("html").get_attribute("lang") or "").startswith("zh")
    shot("output-zh")

    # The public view and the pages it links outside itself (the feeds index).
    tab.goto(base + "/dashboard?as_of=2020-03-01")
    shot("public-dashboard")
    tab.goto(base + "/")
    shot("feeds-index")
    context.close()
    assert not refused, "the browser refused content under the page's policy:\n" + "\n".join(refused)
    assert len(shots) >= 8
