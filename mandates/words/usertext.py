"""Text a user typed, shown as written, in the language it was written in (DESIGN: user text).

Notes, waiver reasons, delivery references and venues given by command are never translated by
the product. An output in the other language shows them as written, marked visibly so that a
reader knows the text is the original and not a translation: `（英文原文）` before English text in
a Chinese output, `(Chinese original)` before Chinese text in an English output. Text written in
the output's own language, and titles given in both languages, are shown without a mark, so
English outputs of facts recorded in English (all of version 0.1.0's) are unchanged.

The marks are plain text; escaping for a format (markdown, HTML, iCalendar) stays with the
renderer of that format.
"""

from __future__ import annotations

from mandates.core.plan import Lang, Title

UNTRANSLATED_MARK: dict[Lang, str] = {
    "zh": "（英文原文）",      # in a Chinese output, before text written in English
    "en": "(Chinese original) ",  # in an English output, before text written in Chinese
}


def untranslated_mark(written_in: Lang, shown_in: Lang) -> str:
    """The mark put before text written in `written_in` when shown in `shown_in`; `""` if the same.

    `untranslated_mark("en", "zh") == "（英文原文）"`.
    """
    return "" if written_in == shown_in else UNTRANSLATED_MARK[shown_in]


def as_written(text: str, written_in: Lang, shown_in: Lang) -> str:
    """User text for an output in `shown_in`: as written, marked when in the other language.

    `as_written("Rome", "en", "zh") == "（英文原文）Rome"`; `as_written("Rome", "en", "en") == "Rome"`.
    """
    return untranslated_mark(written_in, shown_in) + text


def shown(title: Title, shown_in: Lang) -> str:
    """A title in `shown_in`: its own text, or the text as written (marked) when only one was given."""
    if title.written_in is None:
        return title.get(shown_in)
    return as_written(title.get(shown_in), title.written_in, shown_in)


def marked(title: Title) -> Title:
    """A title with each side ready to show: a one-language title gets the mark on its other side.

    For renderers that carry both languages together (feed items): `marked(Title("Rome", "Rome",
    "en")) == Title("Rome", "（英文原文）Rome")`; a title given in both languages is returned as is.
    """
    if title.written_in is None:
        return title
    return Title(shown(title, "en"), shown(title, "zh"))
