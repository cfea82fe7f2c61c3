"""English sentences about dates and spans, for the reasons the evaluation gives."""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: date) -> str:
    """`Monday 13 January 2020`."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """`13 January 2020`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """`January 2020`."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def span_text(opens: date, closes: date) -> str:
    """`21–22 February 2020`, `30 October – 1 November 2019`, `24 November 2019`."""
    if opens == closes:
        return short_date(opens)
    if (opens.year, opens.month) == (closes.year, closes.month):
        return f"{opens.day}–{closes.day} {month_year(closes)}"
    if opens.year == closes.year:
        return f"{opens.day} {MONTHS[opens.month - 1]} – {short_date(closes)}"
    return f"{short_date(opens)} – {short_date(closes)}"


def window_text(earliest: date, latest: date) -> str:
    """`January 2020`, `January or February 2020`, `December 2019 to February 2020`."""
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return month_year(earliest)
    if earliest.year == latest.year and latest.month - earliest.month == 1:
        return f"{MONTHS[earliest.month - 1]} or {month_year(latest)}"
    return f"{month_year(earliest)} to {month_year(latest)}"


def days(count: int) -> str:
    """`1 day`, `40 days`."""
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def lower_first(title: str) -> str:
    """Lowercase a title's first letter for use inside a sentence, keeping acronyms."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title
