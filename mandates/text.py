"""English sentences about dates and spans, for the reasons the evaluation gives."""

from __future__ import annotations

from pendulum import Date


def long_date(day: Date) -> str:
    """`Monday 13 January 2020`."""
    return f"{day.format('dddd')} {day.day} {day.format('MMMM YYYY')}"


def short_date(day: Date) -> str:
    """`13 January 2020`."""
    return f"{day.day} {day.format('MMMM YYYY')}"


def span_text(opens: Date, closes: Date) -> str:
    """`21–22 February 2020`, `30 October – 1 November 2019`, `24 November 2019`."""
    if opens == closes:
        return short_date(opens)
    if (opens.year, opens.month) == (closes.year, closes.month):
        return f"{opens.day}–{closes.day} {closes.format('MMMM YYYY')}"
    if opens.year == closes.year:
        return f"{opens.day} {opens.format('MMMM')} – {short_date(closes)}"
    return f"{short_date(opens)} – {short_date(closes)}"


def window_text(earliest: Date, latest: Date) -> str:
    """`January 2020`, `January or February 2020`, `December 2019 to February 2020`."""
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return earliest.format("MMMM YYYY")
    if earliest.year == latest.year and latest.month - earliest.month == 1:
        return f"{earliest.format('MMMM')} or {latest.format('MMMM YYYY')}"
    return f"{earliest.format('MMMM YYYY')} to {latest.format('MMMM YYYY')}"


def days(count: int) -> str:
    """`1 day`, `40 days`."""
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def lower_first(title: str) -> str:
    """Lowercase a title's first letter for use inside a sentence, keeping acronyms."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title
