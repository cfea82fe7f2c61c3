"""English helpers of the evaluation's sentences: a count of days as the check has always written
it, a count of anything with its noun in the right number, a title inside a
sentence. Every date form comes from `words.dates`."""

from __future__ import annotations


def days(count: int) -> str:
    """`1 day`, `40 days` (no thousands separator, as the check's reasons always wrote it)."""
    return f"{count} day" if abs(count) == 1 else f"{count} days"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """A count and its noun in the right number: `1 item`, `3 items`, `0 items`; `plural` for
    nouns that do not take an s (`1 body`, `2 bodies`)."""
    return f"{count} {singular}" if count == 1 else f"{count} {plural or singular + 's'}"


def lower_first(title: str) -> str:
    """Lowercase a title's first letter for use inside a sentence, keeping acronyms."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title


# Titles that are plural nouns or collectives and take no article (`Parties, other Governments
# …`, `Partners convening …`); every other body's title is a singular name that takes `the`.
_NO_ARTICLE_FIRST = ("Parties", "Partners", "Governments", "Members", "States")


def with_article(title: str) -> str:
    """A body's title inside a sentence, with its article: `the Subsidiary Body on
    Implementation`, `the Government of Switzerland`; none for a title that has one already or
    begins with a plural (`Parties, other Governments, …`, `Partners hosting …`)."""
    first = title.split(" ", 1)[0].rstrip(",")
    if first.lower() in ("the", "a", "an") or first in _NO_ARTICLE_FIRST:
        return title
    return "the " + title
