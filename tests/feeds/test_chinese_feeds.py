"""The Chinese feeds speak Chinese: every text of every `*.zh.ics` (summaries, descriptions,
locations, categories, calendar names and descriptions) holds no English word other than ids,
document symbols, time zones, the acronyms of the Chinese recommendation, and what a user typed,
which is shown as written. Mandates in Chinese forms, categories in Chinese, statuses of
cancelled and waived deadlines in Chinese; the English feeds keep their words.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import chinese_text as chinese
import icalendar
import pendulum
import pytest

from mandates.config.settings import Settings
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact

D = pendulum.Date
RECORDED_AT = pendulum.datetime(2020, 2, 3, 9, 0, tz="UTC")
ROME = "Rome, FAO headquarters"
WAIVER = "merged into the para 4 call"
TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME", "X-WR-CALDESC")




def texts(path: Path) -> list[str]:
    """Every human-readable text of a feed, decoded: properties above and each CATEGORIES value."""
    found: list[str] = []
    for component in icalendar.Calendar.from_ical(path.read_bytes()).walk():
        found += [str(component[key]) for key in TEXT_PROPERTIES if key in component]
        categories = component.get("CATEGORIES")
        for value in categories if isinstance(categories, list) else [categories] if categories else []:
            found += [str(c) for c in value.cats]
    return found


def categories(path: Path) -> set[str]:
    found: set[str] = set()
    for component in icalendar.Calendar.from_ical(path.read_bytes()).walk():
        value = component.get("CATEGORIES")
        if value is not None:
            found |= {str(c) for v in (value if isinstance(value, list) else [value]) for c in v.cats}
    return found


@pytest.fixture()
def moved_and_waived(write: Any, bundled_plan: Plan, settings: Settings) -> Path:
    """Feeds as of 1 March 2020 after WG2020-2 moved to Rome, SBSTTA-24 was postponed, the
    workshop on review mechanisms was cancelled and the submissions on the structure were waived
    (a month before: cancelled deadlines stay in the feeds for 90 days)."""
    facts = [
        make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3),
                  opens_on=D(2020, 2, 24), closes_on=D(2020, 2, 29), venue=ROME,
                  recorded_at=RECORDED_AT),
        make_fact(bundled_plan, FactKind.POSTPONED, "sbstta-24", D(2020, 2, 20),
                  recorded_at=RECORDED_AT),
        make_fact(bundled_plan, FactKind.CANCELLED, "ws-review-mechanisms", D(2020, 1, 2),
                  recorded_at=RECORDED_AT),
        make_fact(bundled_plan, FactKind.WAIVED, "views-structure", D(2020, 2, 1), text=WAIVER,
                  recorded_at=RECORDED_AT),
    ]
    write(D(2020, 3, 1), facts=facts)
    return settings.calendars_dir


def test_every_chinese_feed_has_no_english(moved_and_waived: Path, bundled_plan: Plan,
                                           kit: SimpleNamespace) -> None:
    feeds = [p for p in kit.feed_files(moved_and_waived) if p.name.endswith(".zh.ics")]
    assert len(feeds) >= 20 and any(p.parent.name == "private" for p in feeds)
    for path in feeds:
        for text in texts(path):
            assert chinese.english_words(text, bundled_plan, [ROME, WAIVER]) == [], (path.name, text)
    everything = "\n".join(t for p in feeds for t in texts(p))
    assert ROME in everything and WAIVER in everything  # what a user typed, as written


def test_chinese_mandates_categories_and_statuses(moved_and_waived: Path, bundled_plan: Plan) -> None:
    zh = "\n".join(texts(moved_and_waived / "all.zh.ics"))
    assert "授权：CBD/WG2020/REC/1/1第4段" in zh
    assert "授权：第14/34号决定" in zh
    assert "授权：CBD/WG2020/REC/1/1附件二表1" in zh
    assert "授权：第CP-9/7号决定" in zh
    ours = zh.replace(WAIVER, "")
    assert "para " not in ours and "decision " not in ours and "annex " not in ours
    assert f"状态：已于2020年2月1日（星期六）免除：（英文原文）{WAIVER}" in zh  # typed: marked
    assert f"状态：{bundled_plan.meetings['ws-review-mechanisms'].name.zh}已取消" in zh
    assert "waived on" not in zh and "已取消或免除（" not in zh
    assert {"科学、技术和工艺咨询附属机构", "执行秘书", "工作组共同主席"} <= categories(
        moved_and_waived / "all.zh.ics")
    assert not any(c.isascii() for c in categories(moved_and_waived / "all.zh.ics"))


def test_english_feeds_keep_their_words(moved_and_waived: Path) -> None:
    en = "\n".join(texts(moved_and_waived / "all.en.ics"))
    assert "Mandate: CBD/WG2020/REC/1/1 para 4" in en and "Mandate: decision 14/34" in en
    assert f"Status: waived on Saturday 1 February 2020: {WAIVER}" in en
    assert {"SBSTTA", "Executive Secretary", "WG2020 Co-Chairs"} <= categories(
        moved_and_waived / "all.en.ics")
