"""A delegate who reads in Chinese never meets an English sentence.

Issue 8: "no Chinese output (feeds, briefing, `check --lang zh`, status page) contains an English
word other than ids, document symbols and proper names on an allowlist"; "Chinese outputs use
Chinese forms everywhere: `第4段`, `第14/34号决定`, `附件二`, full-width punctuation, `至` in
ranges"; "Text a user types (notes, venues, reasons) carries the language it was written in and is
shown as written"; anything not translated is marked untranslated, visibly. Titles in the bundled
process are noun phrases in both languages.

What is not an English word is defined once, in `helpers.english_words` (ids of the bundled
process, document symbols, IANA zone names, URLs, file names and a short justified allowlist).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from ports import free_port

from .helpers import (
    CJK,
    WAIVED_OUTPUT,
    WAIVER_REASON,
    Scenario,
    html_visible_text,
    ics_human_texts,
    ics_item_text,
    markdown_visible_text,
)
from .helpers import english_words as english_words_of

# User text recorded in the scenarios (conftest.py): shown as written, so not counted.
USER_TEXT = (WAIVER_REASON, "Rome, FAO headquarters", "CBD/WG2020/2/INF/1")

# How a Chinese output may say that a text is shown untranslated: 未翻译 / 未经翻译 (not
# translated), 原文 (original text), 英文 (English).
UNTRANSLATED_MARKERS = ("未翻译", "未经翻译", "原文", "英文")

# ASCII punctuation where Chinese text needs full-width punctuation: a comma, semicolon, colon, !
# or ? right after a Chinese character, or ASCII brackets around Chinese text. Legal references
# keep their half-width sub-letters, as the official Chinese texts write them: 第8(j)条.
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,;:!?]|[\u4e00-\u9fff]\((?![a-z]{1,4}\))|[\u4e00-\u9fff]\)")


def english_words(text: str) -> list[str]:
    return english_words_of(text, USER_TEXT)


def summary(words: list[str]) -> str:
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return ", ".join(f"{w}×{n}" for w, n in sorted(counts.items(), key=lambda kv: -kv[1])[:40])


@pytest.fixture(params=["plan", "moved"])
def scenario(request: pytest.FixtureRequest, plan_scenario: Scenario,
             moved_scenario: Scenario) -> Scenario:
    return plan_scenario if request.param == "plan" else moved_scenario


# --- the terminal --------------------------------------------------------------------------------


def test_check_in_chinese_has_no_english_words(scenario: Scenario) -> None:
    text = scenario.text_of(scenario.check("zh"))
    assert CJK.search(text), text[:500]
    words = english_words(text)
    assert not words, summary(words)


def test_check_in_chinese_uses_full_width_punctuation(scenario: Scenario) -> None:
    text = scenario.text_of(scenario.check("zh"))
    for user_text in USER_TEXT:
        text = text.replace(user_text, " ")
    assert not HALF_WIDTH.findall(text), [text[max(0, m.start() - 10):m.end() + 10]
                                          for m in HALF_WIDTH.finditer(text)][:20]


# --- the feeds -----------------------------------------------------------------------------------


def zh_feeds(scenario: Scenario) -> list[Path]:
    feeds = sorted(scenario.feeds_written().rglob("*.zh.ics"))
    # README: all, meetings, deadlines-public, tasks, secretariat and one per body, in each language.
    assert len(feeds) >= 10, feeds
    return feeds


def test_every_chinese_feed_has_no_english_words(scenario: Scenario) -> None:
    offenders: dict[str, list[str]] = {}
    for path in zh_feeds(scenario):
        for _, prop, text in ics_human_texts(path):
            for word in english_words(text):
                offenders.setdefault(f"{path.name} {prop}", []).append(word)
    assert not offenders, "\n".join(f"{where}: {summary(words)}" for where, words in offenders.items())


def test_every_chinese_feed_uses_full_width_punctuation(scenario: Scenario) -> None:
    found: list[str] = []
    for path in zh_feeds(scenario):
        for _, prop, text in ics_human_texts(path):
            for user_text in USER_TEXT:
                text = text.replace(user_text, " ")
            found += [f"{path.name} {prop}: {text[max(0, m.start() - 10):m.end() + 10]}"
                      for m in HALF_WIDTH.finditer(text)]
    assert not found, sorted(set(found))[:20]


# --- the briefing --------------------------------------------------------------------------------


def test_chinese_briefing_markdown_has_no_english_words(scenario: Scenario) -> None:
    text = markdown_visible_text(scenario.brief_text("zh", "md"))
    words = english_words(text)
    assert not words, summary(words)


def test_chinese_briefing_html_has_no_english_words(plan_scenario: Scenario) -> None:
    page = plan_scenario.brief_text("zh", "html")
    assert re.search(r"<html[^>]*\blang=\"zh", page), page[:300]
    words = english_words(html_visible_text(page))
    assert not words, summary(words)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_chinese_briefing_uses_full_width_punctuation(plan_scenario: Scenario, fmt: str) -> None:
    raw = plan_scenario.brief_text("zh", fmt)
    text = markdown_visible_text(raw) if fmt == "md" else html_visible_text(raw)
    for user_text in USER_TEXT:
        text = text.replace(user_text, " ")
    assert not HALF_WIDTH.findall(text), [text[max(0, m.start() - 10):m.end() + 10]
                                          for m in HALF_WIDTH.finditer(text)][:20]


# --- the status page -----------------------------------------------------------------------------


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def status_server(plan_scenario: Scenario) -> Iterator[str]:
    """`mandates serve` on a free port over the plan scenario's feeds and database."""
    port = free_port()
    log = plan_scenario.root / "serve.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mandates.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--calendars", str(plan_scenario.feeds_written())],
            env=plan_scenario.env, cwd=plan_scenario.root, stdout=log_file, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise AssertionError(f"serve exited {server.returncode}: {log.read_text()[-2000:]}")
            try:
                if _get(base + "/status.json")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"serve did not answer within 30 s: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def chinese_status_page(base: str) -> tuple[str, str]:
    """Find the status page in Chinese: linked from the index, or at a conventional address."""
    tried: list[str] = []
    _, index = _get(base + "/")
    linked = [href for href in re.findall(r'href="([^"]+)"', index)
              if "status" in href and "zh" in href and not href.endswith(".json")]
    candidates = [*linked, "/status?lang=zh", "/status.zh", "/status.zh.html", "/zh/status",
                  "/status/zh"]
    for candidate in candidates:
        url = candidate if candidate.startswith("http") else base + candidate
        code, page = _get(url)
        tried.append(f"{url} -> {code}")
        if code == 200 and re.search(r"<html[^>]*\blang=\"zh", page):
            return url, page
    code, page = _get(base + "/status", {"Accept-Language": "zh-CN,zh;q=0.9"})
    tried.append(f"/status with Accept-Language: zh-CN -> {code}")
    if code == 200 and re.search(r"<html[^>]*\blang=\"zh", page):
        return base + "/status", page
    raise AssertionError("no status page in Chinese (<html lang=\"zh…\">); tried:\n" + "\n".join(tried))


def test_status_page_is_offered_in_chinese_without_english_words(status_server: str) -> None:
    url, page = chinese_status_page(status_server)
    text = html_visible_text(page)
    assert CJK.search(text), url
    words = english_words(text)
    assert not words, f"{url}: {summary(words)}"


# --- mandate references --------------------------------------------------------------------------

# Where each Chinese form of a mandate reference appears in the bundled process.
REFERENCES = [
    ("wg2020-2-documents", "第4段", "para 4"),  # CBD/WG2020/REC/1/1 para 4
    ("wg2020-3-framework-text", "第14/34号决定", "decision 14/34"),
    ("consult-resource-mobilization-report", "附件二", "annex II"),  # annex II table 2
]


@pytest.mark.parametrize(("item", "chinese", "english"), REFERENCES, ids=[r[0] for r in REFERENCES])
@pytest.mark.parametrize("surface", ["terminal", "feed", "briefing-md", "briefing-html"])
def test_mandate_references_in_chinese_form(plan_scenario: Scenario, item: str, chinese: str,
                                            english: str, surface: str) -> None:
    if surface == "terminal":
        text = plan_scenario.text_of(plan_scenario.check("zh"))
    elif surface == "feed":
        text = ics_item_text(plan_scenario.feeds_written() / "all.zh.ics", item)
        assert text, f"no event for {item} in all.zh.ics"
    elif surface == "briefing-md":
        text = markdown_visible_text(plan_scenario.brief_text("zh", "md"))
    else:
        text = html_visible_text(plan_scenario.brief_text("zh", "html"))
    assert chinese in text, f"{chinese!r} ({item}) not in the Chinese {surface}"
    assert english not in text, f"{english!r} is still in the Chinese {surface}"


# --- user text: shown as written, marked untranslated ------------------------------------------


def _chunks_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def _assert_marked(chunks: list[str], where: str) -> None:
    unmarked = [c for c in chunks if not any(m in c for m in UNTRANSLATED_MARKERS)]
    assert not unmarked, (f"{where}: the English reason is shown without a visible mark that it is "
                          f"untranslated (one of {UNTRANSLATED_MARKERS}): {unmarked}")


def test_waiver_reason_in_chinese_feeds_is_as_written_and_marked(plan_scenario: Scenario) -> None:
    calendars = plan_scenario.feeds_written()
    text = ics_item_text(calendars / "all.zh.ics", WAIVED_OUTPUT)
    text += "\n" + ics_item_text(calendars / "private" / "secretariat.zh.ics", WAIVED_OUTPUT)
    chunks = _chunks_with(text, WAIVER_REASON)
    assert chunks, f"the waiver reason {WAIVER_REASON!r} is not shown as written in the zh feeds"
    _assert_marked(chunks, "zh feeds")
    assert not english_words(text), summary(english_words(text))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_waiver_reason_in_chinese_briefing_is_as_written_and_marked(plan_scenario: Scenario,
                                                                    fmt: str) -> None:
    raw = plan_scenario.brief_text("zh", fmt)
    text = markdown_visible_text(raw) if fmt == "md" else html_visible_text(raw)
    chunks = _chunks_with(text, WAIVER_REASON)
    assert chunks, f"the waiver reason {WAIVER_REASON!r} is not shown as written in the zh briefing"
    _assert_marked(chunks, f"zh briefing ({fmt})")


def test_waiver_reason_in_chinese_check_is_marked_where_shown(plan_scenario: Scenario) -> None:
    text = plan_scenario.text_of(plan_scenario.check("zh"))
    _assert_marked(_chunks_with(text, WAIVER_REASON), "check --lang zh")


# --- titles ----------------------------------------------------------------------------------------


def test_titles_are_noun_phrases_in_both_languages(plan_scenario: Scenario) -> None:
    """Not sentences from Annex II's role column ("待定。…", "讲习班将…", "….")."""
    data = json.loads(plan_scenario.text_of(plan_scenario.check_json()))
    sentences = []
    for item in data["meetings"] + data["outputs"]:
        zh, en = item["title"]["zh"], item["title"]["en"]
        if "。" in zh or zh.startswith("待定") or re.match(r"^\S{0,12}?将", zh) or en.rstrip().endswith("."):
            sentences.append(f"{item['id']}: {zh} / {en}")
    assert not sentences, "\n".join(sentences)
