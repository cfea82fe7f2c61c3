"""User text is shown as written; in the other language's outputs it is marked untranslated."""

from __future__ import annotations

from mandates.core.plan import Title
from mandates.words.usertext import as_written, marked, shown, untranslated_mark


def test_text_in_the_outputs_language_is_shown_without_a_mark() -> None:
    assert as_written("Rome", "en", "en") == "Rome"
    assert as_written("罗马", "zh", "zh") == "罗马"
    assert untranslated_mark("en", "en") == untranslated_mark("zh", "zh") == ""


def test_text_in_the_other_language_is_marked_before_it() -> None:
    assert as_written("Rome, FAO headquarters", "en", "zh") == "（英文原文）Rome, FAO headquarters"
    assert as_written("议程已发布", "zh", "en") == "(Chinese original) 议程已发布"


def test_titles_given_in_both_languages_are_never_marked() -> None:
    kunming = Title("Kunming, China", "中国昆明")
    assert (shown(kunming, "en"), shown(kunming, "zh")) == ("Kunming, China", "中国昆明")
    assert marked(kunming) is kunming


def test_a_title_typed_in_one_language_is_marked_on_its_other_side() -> None:
    rome = Title("Rome", "Rome", written_in="en")
    assert (shown(rome, "en"), shown(rome, "zh")) == ("Rome", "（英文原文）Rome")
    assert marked(rome) == Title("Rome", "（英文原文）Rome")
    assert marked(Title("罗马", "罗马", written_in="zh")) == Title("(Chinese original) 罗马", "罗马")
    assert marked(marked(rome)) == marked(rome)  # marking twice adds nothing
