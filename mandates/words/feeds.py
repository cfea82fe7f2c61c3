"""Words of the iCalendar feeds in English and Chinese: dates, labels, states.

Every phrase here depends on dates and facts only, never on the evaluation date, so that an
event whose content has not changed is written byte for byte as before (DESIGN: feeds).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from pendulum import Date

from mandates.core.plan import Plan, Title
from mandates.words import dates
from mandates.words.en import with_article
from mandates.words.names import mandate_text

LANGS = ("en", "zh")


@functools.lru_cache(maxsize=8192)
def date_title(day: Date) -> Title:
    """One day in both languages: `13 January 2020` / `2020年1月13日` (few distinct days: kept
    once written)."""
    return Title(dates.day_text(day, "en"), dates.day_text(day, "zh"))


def span_title(opens: Date, closes: Date) -> Title:
    """Meeting days in both languages: `24–29 February 2020` / `2020年2月24日至29日`."""
    return Title(dates.span_text(opens, closes, "en"), dates.span_text(opens, closes, "zh"))


def window_title(earliest: Date, latest: Date) -> Title:
    """A month window in both languages: `January or February 2020` / `2020年1月或2月`."""
    return Title(dates.window_text(earliest, latest, "en"), dates.window_text(earliest, latest, "zh"))


def days_title(count: int) -> Title:
    """`1 day` / `40 days` and `1天` / `40天`."""
    return Title(f"{count} day" if count == 1 else f"{count} days", f"{count}天")


@functools.lru_cache(maxsize=8192)
def mandate_title(mandate: str) -> Title:
    """A mandate in both languages: `decision 14/34` and `第14/34号决定` (kept once written)."""
    return Title(mandate, mandate_text(mandate, "zh"))


def body_title(plan: Plan, body_id: str) -> Title:
    """A body as a category: its short name (`SBSTTA`) and its Chinese name (`科学、技术和工艺咨询
    附属机构`); its id when the plan does not know it."""
    body = plan.bodies.get(body_id)
    if body is None:
        return Title(body_id, body_id)
    return Title(body.short, body.name.zh or body.short)


def body_feed_about(plan: Plan, body_id: str) -> Title:
    """What a body's feed holds, for its calendar description and the index: `Meetings of, and
    public deadlines for, the Subsidiary Body on Scientific, Technical and Technological Advice.`
    / `科学、技术和工艺咨询附属机构的会议和相关公开截止日期。` (the body's title with its article,
    `words.en.with_article`); the id when the plan does not know the body."""
    body = plan.bodies.get(body_id)
    en, zh = (body.name.en, body.name.zh or body.name.en) if body is not None else (body_id, body_id)
    return Title(f"Meetings of, and public deadlines for, {with_article(en)}.",
                 f"{zh}的会议和相关公开截止日期。")


def index_as_of(manifest: Mapping[str, object]) -> str:
    """The date the feeds were made as of, for the index page, from the manifest's `as_of`
    (YYYY-MM-DD): `These feeds show the process as of 1 April 2020. 截至2020年4月1日。`; `""`
    for a manifest that does not say (written before it did) or says something else."""
    value = manifest.get("as_of")
    try:
        day = Date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        return ""
    return (f"These feeds show the process as of {dates.day_text(day, 'en')}. "
            f"截至{dates.day_text(day, 'zh')}。")


# Labels of description lines and summaries: key -> (English, Chinese).
LABELS: dict[str, Title] = {
    "due": Title("Due: ", "截止："),
    "postponed": Title("Postponed: ", "已推迟："),
    "cancelled": Title("Cancelled: ", "已取消："),
    "late_input": Title("Late input: ", "投入延误："),
    "tbc": Title(" (to be confirmed)", "（待确认）"),
    "when": Title("When: ", "时间："),
    "where": Title("Where: ", "地点："),
    "zone": Title("Local time zone: ", "当地时区："),
    "convened": Title("Convened by: ", "召集机构："),
    "mandate": Title("Mandate: ", "授权："),
    "element": Title("Element of the framework: ", "框架要素："),
    "annex": Title("Annex II: ", "附件二："),
    "planned": Title("Originally planned: ", "原定："),
    "responsible": Title("Responsible: ", "负责："),
    "for": Title("For: ", "用于："),
    "inputs": Title("Inputs:", "投入："),
    "status": Title("Status: ", "状态："),
    "window": Title("Depends on dates not yet fixed: between ", "取决于尚未确定的日期：介于"),
    "and": Title(" and ", "和"),
    "needed_by": Title("Needed by: ", "需要它的成果："),
    "expected": Title("Expected: ", "预计："),
    "occurrence": Title("Report no. ", "第"),
    "occurrence_tail": Title("", "次报告"),
    "postponed_note": Title("Postponed; new dates are not yet known. Shown on its last dates.",
                            "已推迟，新日期尚未确定。暂按原日期显示。"),
    "cancelled_note": Title("This meeting is cancelled.", "本次会议已取消。"),
    "hangs_postponed": Title(" is postponed: this date follows its last dates and will move "
                             "when new dates are set.",
                             "已推迟：此日期按其原日期推算，新日期确定后将随之变动。"),
    "source": Title("Source: ", "来源："),
    "tbd": Title("dates to be determined", "日期待定"),
    "notes": Title("Notes:", "说明："),
    "mode": Title("Held: ", "形式："),
    "parts": Title("Held in parts:", "分阶段举行："),
    "retired": Title("No longer in the plan: retired by ", "已不在计划中，撤销依据："),
    "resolved": Title("No longer late: ", "投入已不再延误："),
    "resolved_note": Title("This input is no longer late. The warning stays until the output that "
                           "needs it is delivered or its deadline has passed.",
                           "该投入已不再延误。本提醒将保留至需要它的成果交付或其截止日期过去为止。"),
    "not_scheduled": Title("Not yet scheduled", "尚未安排日期"),
    "for_output": Title(" — for ", "——用于"),
    "nothing_dated": Title("No dated meetings or deadlines yet", "暂无已定日期的会议或截止日期"),
    "nothing_dated_note": Title(
        "Everything this calendar covers still has its dates to be determined. Keep the "
        "subscription: meetings and deadlines appear here as soon as their dates are set.",
        "本日历所涵盖的会议和截止日期目前日期均待定。请保留订阅：日期确定后，相关会议和截止日期将自动列入。"),
}

MODES: dict[str, Title] = {
    "in-person": Title("in person", "现场会议"),
    "online": Title("online", "线上会议"),
    "hybrid": Title("in person and online (hybrid)", "线上线下结合"),
}

_EN_ORDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ZH_DIGITS = "〇一二三四五六七八九"


def zh_number(number: int) -> str:
    """A whole number from 1 to 99 in Chinese numerals: `一`, `十`, `十二`, `二十三`; larger
    numbers in digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return _ZH_DIGITS[units]
    head = "十" if tens == 1 else _ZH_DIGITS[tens] + "十"
    return head + (_ZH_DIGITS[units] if units else "")


def part_label(number: int) -> Title:
    """A part of a meeting: `part one` / `第一阶段会议` (after the tenth, digits in English)."""
    word = _EN_ORDINALS[number - 1] if 0 < number <= len(_EN_ORDINALS) else str(number)
    return Title(f"part {word}", f"第{zh_number(number)}阶段会议")


def part_title(name: Title, number: int) -> Title:
    """A part of a meeting as an event title: `COP-15, part one` / `缔约方大会第十五届会议第一阶段会议`
    (`name` is the meeting's short name)."""
    part = part_label(number)
    return Title(f"{name.en}, {part.en}", f"{name.zh}{part.zh}")


def online_location(venue: Title | None, mode: str) -> Title | None:
    """LOCATION of a meeting or part held online or hybrid: `Online` / `线上`, or the venue (already
    marked, `usertext.marked`) and `online`; None means "use the venue" (in person)."""
    if mode == "online":
        return Title("Online", "线上")
    if mode == "hybrid":
        if venue is None:
            return Title("Online and in person", "线上及现场")
        return Title(f"{venue.en} and online", f"{venue.zh}及线上")
    return None

ANNEX_TYPES: dict[int, Title] = {
    1: Title("type 1, intergovernmental meeting or meeting of a subsidiary body of the Convention",
             "类型1，政府间会议或公约附属机构会议"),  # REC/1/1 annex II, footnote 28
    2: Title("type 2, committee under the Convention or its Protocols", "类型2，公约或其议定书下的委员会"),
    3: Title("type 3, thematic consultation held back-to-back with a main meeting",
             "类型3，与主要会议连续举行的专题磋商"),
    4: Title("type 4, thematic workshop of experts nominated by Parties and observers",
             "类型4，由缔约方和观察员提名专家参加的专题讲习班"),
    5: Title("type 5, partner meeting", "类型5，伙伴会议"),
}


def label(key: str, lang: str) -> str:
    """A label in `lang`."""
    return LABELS[key].get(lang)


def annex_text(meeting_type: int, table: int | None, lang: str) -> str:
    """`type 1, ..., table 1` in `lang`."""
    kind = ANNEX_TYPES.get(meeting_type, Title(f"type {meeting_type}", f"类型{meeting_type}")).get(lang)
    if table is None:
        return kind
    return f"{kind}, table {table}" if lang == "en" else f"{kind}，表{table}"


def input_phrase(flag: str | None, delivered_on: Date | None, presumed: bool, cancelled: bool,
                 expected_on: Date | None, days_late: int | None) -> Title:
    """An input's state in words that change only when its state changes (issue 4, item 3)."""
    if cancelled:
        return Title("cancelled or waived", "已取消或免除")
    late = days_title(days_late) if days_late else None
    if delivered_on is not None:
        day = date_title(delivered_on)
        how = Title("presumed delivered on ", "推定已于") if presumed else Title(
            "delivered on ", "已于")
        done = Title(f"{how.en}{day.en}", f"{how.zh}{day.zh}交付")
        if flag == "arrives_after_deadline" and late is not None:
            return Title(f"{done.en}, {late.en} after this deadline", f"{done.zh}，晚于本截止日期{late.zh}")
        return done
    if flag == "unscheduled" or expected_on is None:
        return Title("no date yet", "尚无日期")
    day = date_title(expected_on)
    if flag == "late":
        return Title(f"late: was due on {day.en}", f"逾期：原定{day.zh}")
    if flag == "arrives_after_deadline" and late is not None:
        return Title(f"expected on {day.en}, {late.en} after this deadline",
                     f"预计{day.zh}，晚于本截止日期{late.zh}")
    if flag == "tentative":
        return Title(f"expected by {day.en} (dates to be confirmed)", f"预计不晚于{day.zh}（日期待确认）")
    return Title(f"expected on {day.en}", f"预计{day.zh}")
