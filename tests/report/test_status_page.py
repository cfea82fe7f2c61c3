"""The server's status page in English and Chinese: `/status`, `/status?lang=zh`, Accept-Language.

The real app over ASGI (httpx's transport, no socket) on a real SQLite store, as of Monday
6 January 2020 after WG2020-2 moved to Rome (venue typed in English), a waiver with an English
reason and a note: the Chinese page has no English word but ids, symbols, zones and the typed
text, which it marks untranslated; caching headers say which language a response is in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import chinese_text as chinese
import httpx
import pendulum
import pytest

from mandates.config.settings import FeedSettings, Settings
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.feeds.published import Published
from mandates.report.html import daily_check, status_html
from mandates.store.db import Store
from mandates.web import create_app, preferred_language

TOKEN = "Tk-status-page-full-view"
TODAY = pendulum.Date(2020, 1, 6)
RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")
ROME = "Rome, FAO headquarters"
WAIVER = "Superseded by the zero draft itself"
NOTE = "Host letter <b>received</b>"




class Page(HTMLParser):
    """The `<html lang>`, the links and the visible text of a page."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.lang = ""
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.chunks: list[str] = []
        self.in_style = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        if tag == "a":
            self.links.append(values.get("href") or "")
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False if tag == "style" else self.in_style

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return "\n".join(c for c in self.chunks if c.strip())


@pytest.fixture()
def recorded(store: Store, bundled_plan: Plan) -> Store:
    """WG2020-2 moved to Rome, the zero-draft overview waived, a note on WG2020-2."""
    store.append(bundled_plan.process.id, [
        make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 1, 2),
                  opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                  venue=ROME, recorded_at=RECORDED_AT),
        make_fact(bundled_plan, FactKind.WAIVED, "zero-draft-overview", pendulum.Date(2020, 1, 3),
                  text=WAIVER, recorded_at=RECORDED_AT),
        make_fact(bundled_plan, FactKind.NOTE, "wg2020-2", pendulum.Date(2020, 1, 5), text=NOTE,
                  recorded_at=RECORDED_AT),
    ])
    return store


@pytest.fixture()
def client(recorded: Store, bundled_plan: Plan, tmp_path: Path) -> Iterator[httpx.AsyncClient]:
    """An httpx client of the app (ASGI), the check as of 6 January 2020."""
    app = create_app(Settings(feeds=FeedSettings(tokens={"secretariat": TOKEN})),
                     Published(tmp_path / "calendars", {}),
                     daily_check(bundled_plan, recorded, lambda: TODAY))
    yield httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mandates.test")


def get(client: httpx.AsyncClient, path: str, **headers: str) -> httpx.Response:
    async def fetch() -> httpx.Response:
        return await client.get(path, headers=headers)
    return asyncio.run(fetch())


def test_the_chinese_page_has_no_english_words(client: httpx.AsyncClient, bundled_plan: Plan) -> None:
    answer = get(client, f"/private/{TOKEN}/status?lang=zh")  # the full view: notes, late inputs
    assert answer.status_code == 200 and answer.headers["content-language"] == "zh-Hans"
    page = Page(answer.text)
    assert page.lang == "zh-Hans" and not page.tags & {"b", "script"}
    assert "截至2020年1月6日（星期一）的检查（时区：America/Toronto）。" in page.text
    assert chinese.english_words(page.text, bundled_plan, [ROME, NOTE, WAIVER, "JSON"]) == [], page.text
    # What a user typed: as written, marked untranslated.
    assert all(f"（英文原文）{typed}" in page.text for typed in (ROME, NOTE, WAIVER))
    # 15 delivered since issue 9: the shipped history has two more by then (13 from the text alone).
    assert "合计：已交付15项" in page.text and "近期说明（2）" in page.text
    assert f"/private/{TOKEN}/status?lang=en" in page.links and f"/private/{TOKEN}/status.json" in page.links


def test_the_english_page_is_the_default_and_links_the_chinese_one(client: httpx.AsyncClient) -> None:
    answer = get(client, f"/private/{TOKEN}/status")
    page = Page(answer.text)
    assert (page.lang, answer.headers["content-language"]) == ("en", "en")
    assert "Check as of Monday 6 January 2020 (America/Toronto)." in page.text
    assert "Notes (2)" in page.text and NOTE in page.text and f"（英文原文）{NOTE}" not in page.text
    assert f"/private/{TOKEN}/status?lang=zh" in page.links
    assert get(client, f"/private/{TOKEN}/status?lang=en").text == answer.text


@pytest.mark.parametrize(("header", "lang"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"),
    ("zh-Hans", "zh-Hans"),
    ("en-US,en;q=0.9,zh;q=0.8", "en"),
    ("fr-FR,fr;q=0.9", "en"),
])
def test_accept_language_chooses_when_no_lang_is_given(client: httpx.AsyncClient, header: str,
                                                       lang: str) -> None:
    answer = get(client, "/status", **{"Accept-Language": header})
    assert Page(answer.text).lang == lang
    assert answer.headers["vary"] == "Accept-Language"
    # `lang` in the address wins over the header, and the address alone decides: no Vary.
    chosen = get(client, "/status?lang=en", **{"Accept-Language": header})
    assert Page(chosen.text).lang == "en" and "vary" not in chosen.headers


def test_each_page_has_its_own_etag_and_answers_304(client: httpx.AsyncClient) -> None:
    english, chinese_page = get(client, "/status"), get(client, "/status?lang=zh")
    assert english.headers["etag"] != chinese_page.headers["etag"]
    assert english.headers["cache-control"] == "no-cache"
    again = get(client, "/status?lang=zh", **{"If-None-Match": chinese_page.headers["etag"]})
    assert (again.status_code, again.content) == (304, b"")
    assert get(client, "/status", **{"If-None-Match": chinese_page.headers["etag"]}).status_code == 200


def test_an_unknown_language_answers_400(client: httpx.AsyncClient) -> None:
    answer = get(client, "/status?lang=fr")
    assert (answer.status_code, answer.text) == (400, "unknown language 'fr': en or zh")


def test_the_index_links_the_status_page_in_both_languages(client: httpx.AsyncClient) -> None:
    links = Page(get(client, "/").text).links
    assert "/status" in links and "/status?lang=zh" in links


@pytest.mark.parametrize(("header", "lang"), [
    (None, "en"), ("", "en"), ("*", "en"), ("zh", "zh"), ("zh;q=0", "en"), ("zh, en", "zh"),
    ("en, zh", "en"), ("fr, zh;q=0.5", "zh"), ("en;q=0.5, zh-TW;q=0.6", "zh"),
    ("zh;q=bad, en;q=0.1", "en"),
])
def test_preferred_language(header: str | None, lang: str) -> None:
    """RFC 9110 12.5.4 weights; equal weights go to the range listed first; English by default."""
    assert preferred_language(header) == lang


def test_the_english_page_is_unchanged_without_notes(store: Store, bundled_plan: Plan) -> None:
    """With no notes there is no Notes section: the English page is the one 0.1.0 served, plus
    the link to the Chinese page."""
    page = status_html(daily_check(bundled_plan, store, lambda: TODAY)(), "en")
    assert "Notes (" not in page
    assert page.count("<h2>") == 6  # late inputs, four statuses, meetings changed
    assert "<title>Deadline check: Preparation of the post-2020 global biodiversity framework</title>" in page


def test_control_characters_are_shown_not_sent(store: Store, bundled_plan: Plan) -> None:
    """No HTML text may hold ESC or CR: a note's are shown as `\\xNN`, as in the terminal."""
    store.append(bundled_plan.process.id, [make_fact(
        bundled_plan, FactKind.NOTE, "wg2020-2", TODAY, text="a\x1b[2J\rb", recorded_at=RECORDED_AT)])
    page = status_html(daily_check(bundled_plan, store, lambda: TODAY)(), "zh")
    assert "\x1b" not in page and "\r" not in page
    assert "（英文原文）a\\x1b[2J\\x0db" in Page(page).text
