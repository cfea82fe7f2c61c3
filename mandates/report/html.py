"""Evaluation -> the day's check as an HTML page, in English or Chinese, for the server's /status.

The English page and the Chinese page (`<html lang="zh-Hans">`) show the same tables: late
inputs, overdue, due soon, at risk, blocked, recent notes (when there are any), meetings changed,
totals. Every word of the Chinese page is Chinese (`words.check`, `words.names`,
`words.reasons`); ids, document symbols and time zones stay as they are, and text a user typed is
shown as written, marked untranslated in the other language. Each page links the other one.

Every value is escaped with `html.escape` (ids, titles, venues, reasons quoting user text), its
control characters shown as `\\xNN`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus, evaluate
from mandates.core.plan import Plan
from mandates.report.notes import recent_notes
from mandates.report.terminal import SECTIONS
from mandates.store.db import Store
from mandates.words.check import (
    COLUMNS,
    fact_kind,
    fact_note,
    meeting_when,
    phrase,
    pick,
    venue_text,
)
from mandates.words.dates import Lang, weekday_text
from mandates.words.markup import terminal_text
from mandates.words.names import body_name, flag_name, mandate_text, status_name
from mandates.words.reasons import ReasonWords

HTML_LANG: dict[Lang, str] = {"en": "en", "zh": "zh-Hans"}  # BCP 47, as <html lang> and Content-Language


def _cell(value: str) -> str:
    """A value as HTML text: escaped, and control characters (no HTML text may hold them) shown
    as `\\xNN`, as the terminal shows them."""
    return escape(terminal_text(value))


def _table(columns: Sequence[tuple[str, str]], lang: Lang, rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(pick(c, lang))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _output_row(plan: Plan, words: ReasonWords, state: OutputState, lang: Lang) -> list[str]:
    if lang == "zh":
        responsible = phrase("list_sep", lang).join(body_name(plan, b, lang)
                                                    for b in state.output.responsible)
    else:
        responsible = ", ".join(plan.body_short(b) for b in state.output.responsible)
    return [state.id, state.due.on.isoformat() if state.due else phrase("no_date", lang), responsible,
            mandate_text(state.output.mandate, lang), words.text(state.reason, lang)]


def status_html(evaluation: Evaluation, lang: Lang = "en") -> str:
    """The page: late inputs first, then overdue, due soon, at risk, blocked, recent notes,
    meetings changed and totals; `lang` is `en` (the default) or `zh`."""
    plan = evaluation.plan
    process = plan.process
    words = ReasonWords(plan)
    zh = lang == "zh"
    other: Lang = "en" if zh else "zh"
    # The link to the other language is written in Chinese on both pages (中文, 英文版).
    switch = (f"<p><a href=\"/status?lang={other}\" hreflang=\"{HTML_LANG[other]}\" "
              f"lang=\"{HTML_LANG['zh']}\">{escape(phrase('page_other', lang))}</a></p>")
    if zh:
        parts = [f"<h1>{escape(process.title.zh)}</h1>", f"<p>{escape(process.source_document)}</p>"]
    else:
        parts = [f"<h1>{escape(process.title.en)}</h1>",
                 f"<p lang=\"zh\">{escape(process.title.zh)} · {escape(process.source_document)}</p>"]
    parts.append("<p>" + escape(phrase("page_as_of", lang, date=weekday_text(evaluation.as_of, lang),
                                       zone=process.timezone)) + "</p>")
    parts.append(switch)
    late = evaluation.late_inputs
    parts.append(f"<h2>{escape(phrase('late_inputs', lang, count=len(late)))}</h2>")
    parts.append(_table(COLUMNS["late"], lang, [
        [i.output, i.input.id,
         (flag_name(i.input.flag, lang) if zh else i.input.flag.value) if i.input.flag else "",
         i.input.expected_on.isoformat() if i.input.expected_on else "—",
         words.text(i.input.reason, lang) if i.input.reason is not None else ""]
        for i in late]))
    for status, heading, _ in SECTIONS:  # the terminal's sections and English headings
        rows = evaluation.in_status(status)
        name = status_name(status, lang) if zh else heading
        parts.append(f"<h2>{escape(phrase('section', lang, heading=name, count=len(rows)))}</h2>")
        parts.append(_table(COLUMNS["outputs"], lang,
                            [_output_row(plan, words, s, lang) for s in rows]))
    notes = recent_notes(evaluation)
    if notes:
        parts.append(f"<h2>{escape(phrase('notes', lang, count=len(notes)))}</h2>")
        parts.append(_table(COLUMNS["notes"], lang, [
            [f.subject, f.effective_on.isoformat(), fact_kind(f, lang), fact_note(f, lang)]
            for f in notes]))
    changed = [m for m in evaluation.meetings.values() if m.moved or m.postponed or m.cancelled]
    parts.append(f"<h2>{escape(phrase('meetings_changed', lang, count=len(changed)))}</h2>")
    parts.append(_table(COLUMNS["meetings"], lang, [
        [m.id, meeting_when(m, lang), venue_text(m.venue, lang) or "—"] for m in changed]))
    parts.append(f"<p>{escape(_totals(evaluation, lang))}</p>")
    delivered = len(evaluation.in_status(OutputStatus.DELIVERED))
    feeds = escape(phrase("page_feeds", lang))
    parts.append("<p>" + escape(phrase("page_delivered", lang, delivered=delivered,
                                       count=len(evaluation.outputs)))
                 + f"<a href=\"/status.json\">JSON</a> · <a href=\"/\">{feeds}</a></p>")
    title = phrase("page_title", lang, title=process.title.get(lang))
    return (f"<!doctype html>\n<html lang=\"{HTML_LANG[lang]}\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title>"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}"
            "</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def _totals(evaluation: Evaluation, lang: Lang) -> str:
    """`Totals: delivered 13 · … · late inputs 6` / `合计：已交付13项 · … · 迟到的投入6项`."""
    late = len(evaluation.late_inputs)
    if lang == "zh":
        totals = [phrase("total", lang, count=count, name=status_name(OutputStatus(key), lang))
                  for key, count in evaluation.counts().items()]
        return phrase("totals", lang) + " · ".join([*totals, phrase("late_total", lang, count=late)])
    return ("Totals: " + " · ".join(f"{k.replace('_', ' ')} {v}" for k, v in evaluation.counts().items())
            + f" · late inputs {late}")


def daily_check(plan: Plan, store: Store, today: Callable[[], Date]) -> Callable[[], Evaluation]:
    """The check as of `today()` (the edge's clock: the server asks it at every request),
    recomputed only when the day or the facts change."""
    cache: dict[tuple[Date, int, int | None], Evaluation] = {}

    def current() -> Evaluation:
        day = today()
        facts = store.facts_of(plan)
        key = (day, len(facts), facts[-1].id if facts else None)
        if key not in cache:
            cache.clear()
            cache[key] = evaluate(plan, facts, day)
        return cache[key]

    return current
