"""English date and count helpers of the terminal, the check's artifacts and alerts; the forms
themselves are in `words.dates` (reasons: `words.reasons`)."""

from __future__ import annotations

from datetime import date

from mandates.words.dates import MONTHS, WEEKDAYS, day_text, month_text, weekday_text
from mandates.words.dates import span_text as _span
from mandates.words.dates import window_text as _window

__all__ = ["MONTHS", "WEEKDAYS", "days", "long_date", "lower_first", "month_year", "short_date",
           "span_text", "window_text"]


def long_date(day: date) -> str:
    """`Monday 13 January 2020`."""
    return weekday_text(day, "en")


def short_date(day: date) -> str:
    """`13 January 2020`."""
    return day_text(day, "en")


def month_year(day: date) -> str:
    """`January 2020`."""
    return month_text(day, "en")


def span_text(opens: date, closes: date) -> str:
    """`21–22 February 2020`, `30 October – 1 November 2019`, `24 November 2019`."""
    return _span(opens, closes, "en")


def window_text(earliest: date, latest: date) -> str:
    """`January 2020`, `January or February 2020`, `December 2019 to February 2020`."""
    return _window(earliest, latest, "en")


def days(count: int) -> str:
    """`1 day`, `40 days`."""
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def lower_first(title: str) -> str:
    """Lowercase a title's first letter for use inside a sentence, keeping acronyms."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title
