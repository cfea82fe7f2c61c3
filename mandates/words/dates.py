"""Every date, span, window and count the product writes, in English and Chinese: one implementation.

The patterns are CLDR's, written out here once so that no library release can change a deadline's
wording (Babel 2.19 changed the Chinese interval `2020年2月24日至28日` to `2020年2月24日 – 28日`):

| form | English (CLDR en_GB) | Chinese (CLDR zh_Hans_CN) |
|---|---|---|
| day | `d MMMM y`: 13 January 2020 | `y年M月d日`: 2020年1月13日 |
| day with weekday | `EEEE d MMMM y`: Monday 13 January 2020 | `y年M月d日（EEEE）`: 2020年1月13日（星期一） |
| span in a month | `d–d MMMM y`: 24–28 February 2020 | `y年M月d日至d日`: 2020年2月24日至28日 |
| span across months | `d MMMM – d MMMM y`: 30 October – 1 November 2019 | `y年M月d日至M月d日` |
| span across years | `d MMMM y – d MMMM y` | `y年M月d日至y年M月d日` |
| month | `MMMM y`: January 2020 | `y年M月`: 2020年1月 |
| window of two months | January or February 2020 | 2020年1月或2月 |
| longer window | December 2019 to February 2020 | 2019年12月至2020年2月 |
| quarter | first quarter of 2021 | 2021年第一季度 |
| unscheduled | dates to be determined | 日期待定 |

Chinese ranges use `至` (the form of UN Chinese documents), English ranges an en dash. Numbers
are grouped by thousands with a comma in both languages (CLDR `#,##0`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTHS_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def check_lang(value: str) -> Lang:
    """`en` or `zh`; ValueError naming the valid choices otherwise."""
    if value == "en":
        return "en"
    if value == "zh":
        return "zh"
    raise ValueError(f"language must be en or zh, not {value!r}")


def number(value: int, lang: Lang = "en") -> str:
    """An integer grouped by thousands: `1,234` in both languages (CLDR `#,##0`)."""
    return f"{value:,}"


def day_text(day: date, lang: Lang) -> str:
    """One day: `13 January 2020` / `2020年1月13日`."""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_text(day: date, lang: Lang) -> str:
    """One day with its weekday: `Monday 13 January 2020` / `2020年1月13日（星期一）`."""
    if lang == "zh":
        return f"{day_text(day, lang)}（{WEEKDAYS_ZH[day.weekday()]}）"
    return f"{WEEKDAYS[day.weekday()]} {day_text(day, lang)}"


def month_text(day: date, lang: Lang) -> str:
    """The month of a day: `January 2020` / `2020年1月`."""
    if lang == "zh":
        return f"{day.year}年{day.month}月"
    return f"{MONTHS[day.month - 1]} {day.year}"


def span_text(opens: date, closes: date, lang: Lang) -> str:
    """Meeting days, first to last (both included).

    `24 November 2019`, `21–22 February 2020`, `30 October – 1 November 2019`,
    `30 December 2019 – 2 January 2020` / `2019年11月24日`, `2020年2月21日至22日`,
    `2019年10月30日至11月1日`, `2019年12月30日至2020年1月2日`.
    """
    if opens == closes:
        return day_text(opens, lang)
    same_month = (opens.year, opens.month) == (closes.year, closes.month)
    if lang == "zh":
        if same_month:
            return f"{day_text(opens, lang)}至{closes.day}日"
        if opens.year == closes.year:
            return f"{day_text(opens, lang)}至{closes.month}月{closes.day}日"
        return f"{day_text(opens, lang)}至{day_text(closes, lang)}"
    if same_month:
        return f"{opens.day}–{closes.day} {month_text(closes, lang)}"
    if opens.year == closes.year:
        return f"{opens.day} {MONTHS[opens.month - 1]} – {day_text(closes, lang)}"
    return f"{day_text(opens, lang)} – {day_text(closes, lang)}"


def window_text(earliest: date, latest: date, lang: Lang) -> str:
    """A month window: `January 2020`, `January or February 2020`, `December 2019 to February 2020`
    / `2020年1月`, `2020年1月或2月`, `2019年12月至2020年2月`."""
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return month_text(earliest, lang)
    next_month = earliest.year == latest.year and latest.month - earliest.month == 1
    if lang == "zh":
        if next_month:
            return f"{earliest.year}年{earliest.month}月或{latest.month}月"
        return f"{month_text(earliest, lang)}至{month_text(latest, lang)}"
    if next_month:
        return f"{MONTHS[earliest.month - 1]} or {month_text(latest, lang)}"
    return f"{month_text(earliest, lang)} to {month_text(latest, lang)}"


QUARTERS = ("first", "second", "third", "fourth")
QUARTERS_ZH = ("一", "二", "三", "四")


def quarter_text(day: date, lang: Lang) -> str:
    """The quarter a day falls in: `first quarter of 2021` / `2021年第一季度`."""
    index = (day.month - 1) // 3
    if lang == "zh":
        return f"{day.year}年第{QUARTERS_ZH[index]}季度"
    return f"{QUARTERS[index]} quarter of {day.year}"


def unscheduled_text(lang: Lang) -> str:
    """A meeting or deadline with no date yet: `dates to be determined` / `日期待定`."""
    return "日期待定" if lang == "zh" else "dates to be determined"


def axis_month(day: date, lang: Lang, with_year: bool) -> str:
    """A month tick of a chart (CLDR en_GB abbreviations, `Sept`): `Jan`, `Jan 2020` / `1月`, `2020年1月`."""
    if lang == "zh":
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    name = MONTHS_ABBR[day.month - 1]
    return f"{name} {day.year}" if with_year else name


def days_text(count: int, lang: Lang) -> str:
    """A number of days: `1 day`, `40 days`, `1,200 days` / `1天`, `40天`."""
    if lang == "zh":
        return f"{number(count, lang)}天"
    return f"{number(count, lang)} day" if abs(count) == 1 else f"{number(count, lang)} days"
