"""Every date form in English and Chinese, pinned: a fresh install must write exactly these strings.

These are the forms of CLDR (en_GB, zh_Hans_CN) written out in `mandates.words.dates`; no library
release can change them. The terminal, the feeds and the briefing use this one implementation,
which the last tests check through each of them.
"""

from __future__ import annotations

import pendulum
import pytest

from mandates.words import dates, feeds, i18n

D = pendulum.Date

FORMS = [
    # (name, function, arguments, English, Chinese)
    ("day", dates.day_text, (D(2020, 1, 13),), "13 January 2020", "2020年1月13日"),
    ("weekday", dates.weekday_text, (D(2020, 1, 13),), "Monday 13 January 2020",
     "2020年1月13日（星期一）"),
    ("weekday sunday", dates.weekday_text, (D(2020, 3, 1),), "Sunday 1 March 2020",
     "2020年3月1日（星期日）"),
    ("one-day span", dates.span_text, (D(2019, 11, 24), D(2019, 11, 24)), "24 November 2019",
     "2019年11月24日"),
    ("span within a month", dates.span_text, (D(2020, 2, 24), D(2020, 2, 29)),
     "24–29 February 2020", "2020年2月24日至29日"),
    ("span across months", dates.span_text, (D(2019, 10, 30), D(2019, 11, 1)),
     "30 October – 1 November 2019", "2019年10月30日至11月1日"),
    ("span across years", dates.span_text, (D(2021, 12, 30), D(2022, 1, 2)),
     "30 December 2021 – 2 January 2022", "2021年12月30日至2022年1月2日"),
    ("month", dates.month_text, (D(2021, 5, 3),), "May 2021", "2021年5月"),
    ("window of one month", dates.window_text, (D(2020, 1, 1), D(2020, 1, 31)), "January 2020",
     "2020年1月"),
    ("window of two months", dates.window_text, (D(2020, 1, 1), D(2020, 2, 29)),
     "January or February 2020", "2020年1月或2月"),
    ("window of a quarter", dates.window_text, (D(2021, 1, 1), D(2021, 3, 31)),
     "January 2021 to March 2021", "2021年1月至2021年3月"),
    ("window across years", dates.window_text, (D(2019, 12, 1), D(2020, 2, 29)),
     "December 2019 to February 2020", "2019年12月至2020年2月"),
    ("axis month", lambda day, lang: dates.axis_month(day, lang, with_year=False), (D(2020, 9, 1),),
     "Sept", "9月"),
    ("axis month with year", lambda day, lang: dates.axis_month(day, lang, with_year=True),
     (D(2021, 1, 1),), "Jan 2021", "2021年1月"),
    ("days", dates.days_text, (1,), "1 day", "1天"),
    ("many days", dates.days_text, (1200,), "1,200 days", "1,200天"),
]


@pytest.mark.parametrize(("name", "function", "args", "english", "chinese"), FORMS,
                         ids=[form[0] for form in FORMS])
def test_every_date_form_in_both_languages(name: str, function, args, english: str,
                                           chinese: str) -> None:
    assert function(*args, "en") == english
    assert function(*args, "zh") == chinese


def test_unscheduled_in_both_languages() -> None:
    assert dates.unscheduled_text("en") == "dates to be determined"
    assert dates.unscheduled_text("zh") == "日期待定"


def test_every_day_of_four_years_has_one_form_everywhere() -> None:
    """The terminal's, the feeds' and the briefing's words agree on every day, span and window."""
    start = D(2019, 1, 1)
    for offset in range(0, 4 * 366, 5):
        day = start.add(days=offset)
        assert feeds.date_title(day).en == i18n.date_text(day, "en") == dates.day_text(day, "en")
        assert feeds.date_title(day).zh == i18n.date_text(day, "zh")
        for length in (0, 1, 6, 25, 40, 400):
            closes = day.add(days=length)
            assert feeds.span_title(day, closes).en == i18n.span_text(day, closes, "en")
            assert feeds.span_title(day, closes).zh == i18n.span_text(day, closes, "zh")
            assert "至" in i18n.span_text(day, closes, "zh") or length == 0
        later = day.add(months=2)
        assert feeds.window_title(day, later).zh == i18n.window_text(day, later, "zh")
        assert feeds.window_title(day, later).en == i18n.window_text(day, later, "en")


def test_language_is_checked() -> None:
    assert dates.check_lang("zh") == "zh"
    with pytest.raises(ValueError, match="en or zh"):
        dates.check_lang("fr")
