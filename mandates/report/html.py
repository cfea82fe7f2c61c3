"""Evaluation -> the day's check as an HTML page, in English or Chinese, for the server's /status.

The English page and the Chinese page (`<html lang="zh-Hans">`) show the same tables: late
inputs, overdue, due soon, at risk, blocked, recent notes (when there are any), meetings changed
(with their status and mode, and a row per part), totals. Each reason says where it comes from
when it is not the text's own rule (recorded with its source, presumed, assumed, set too late),
and `assumed="hide"` counts the assumed deadlines that have passed apart (`report.assumed`).
Every word of the Chinese page is Chinese (`words.check`, `words.names`,
`words.reasons`); ids, document symbols and time zones stay as they are, and text a user typed is
shown as written, marked untranslated in the other language. Each page links the other one.

Every value is escaped with `html.escape` (ids, titles, venues, reasons quoting user text), its
control characters shown as `\\xNN`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from pendulum import Date

from mandates.core.evaluate import Evaluation, LateInput, OutputState, OutputStatus, evaluate
from mandates.core.plan import Plan
from mandates.report.assumed import AssumedMode, hidden, hidden_line, shown_counts, shown_in
from mandates.report.notes import recent_notes
from mandates.report.terminal import SECTIONS, changed_meetings
from mandates.store.db import Store
from mandates.words.check import (
    COLUMNS,
    fact_kind,
    fact_note,
    meeting_status_text,
    meeting_when,
    part_status,
    part_title,
    part_when,
    phrase,
    pick,
    status_words,
    venue_text,
)
from mandates.words.dates import Lang, weekday_text
from mandates.words.markup import terminal_text
from mandates.words.names import body_name, flag_name, mandate_text, status_name, with_provenance
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


def _output_row(evaluation: Evaluation, words: ReasonWords, state: OutputState,
                lang: Lang) -> list[str]:
    plan = evaluation.plan
    if lang == "zh":
        responsible = phrase("list_sep", lang).join(body_name(plan, b, lang)
                                                    for b in state.output.responsible)
    else:
        responsible = ", ".join(plan.body_short(b) for b in state.output.responsible)
    return [state.id, state.due.on.isoformat() if state.due else phrase("no_date", lang), responsible,
            mandate_text(state.output.mandate, lang),
            with_provenance(words.text(state.reason, lang), state, evaluation.meetings, lang)]


def _late_reason(evaluation: Evaluation, words: ReasonWords, item: LateInput, lang: Lang) -> str:
    if item.input.reason is None:
        return ""
    said = words.text(item.input.reason, lang)
    source = evaluation.outputs.get(item.input.id)
    return (said if source is None
            else with_provenance(said, source, evaluation.meetings, lang, item.input.reason))


def _meeting_rows(evaluation: Evaluation, lang: Lang) -> list[list[str]]:
    """A row per meeting changed, and below it a row per part (`cop-15-part-2`)."""
    rows = []
    for m in changed_meetings(evaluation):
        rows.append([m.id, meeting_when(m, lang), venue_text(m.venue, lang) or "—",
                     meeting_status_text(m, lang)])
        for part in m.parts:
            # The part's id in English (`cop-15-part-2`, as commands name it); in Chinese the
            # meeting's id and the part's name (`cop-15（第二阶段）`).
            rows.append([f"{part.id} ({part_title(m, part, lang)})" if lang == "en"
                         else f"{m.id}（{part_title(m, part, lang)}）",
                         part_when(part, lang), venue_text(part.venue, lang) or "—",
                         status_words(part_status(part), part.held_provenance, part.mode, lang)])
    return rows


def status_html(evaluation: Evaluation, lang: Lang = "en", assumed: AssumedMode = "show") -> str:
    """The page: late inputs first, then overdue, due soon, at risk, blocked, recent notes,
    meetings changed and totals; `lang` is `en` (the default) or `zh`; `assumed` as
    `mandates check --assumed` (`show`, the default, or `hide`)."""
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
         _late_reason(evaluation, words, i, lang)]
        for i in late]))
    left_out = hidden(evaluation, assumed)
    for status, heading, _ in SECTIONS:  # the terminal's sections and English headings
        rows = shown_in(evaluation, status, assumed)
        name = status_name(status, lang) if zh else heading
        parts.append(f"<h2>{escape(phrase('section', lang, heading=name, count=len(rows)))}</h2>")
        parts.append(_table(COLUMNS["outputs"], lang,
                            [_output_row(evaluation, words, s, lang) for s in rows]))
        if status is OutputStatus.OVERDUE and left_out:
            parts.append(f"<p>{_cell(hidden_line(left_out, lang))}</p>")
    notes = recent_notes(evaluation)
    if notes:
        parts.append(f"<h2>{escape(phrase('notes', lang, count=len(notes)))}</h2>")
        parts.append(_table(COLUMNS["notes"], lang, [
            [f.subject, f.effective_on.isoformat(), fact_kind(f, lang), fact_note(f, lang)]
            for f in notes]))
    changed = changed_meetings(evaluation)
    parts.append(f"<h2>{escape(phrase('meetings_changed', lang, count=len(changed)))}</h2>")
    parts.append(_table(COLUMNS["meetings"], lang, _meeting_rows(evaluation, lang)))
    parts.append(f"<p>{escape(_totals(evaluation, lang, assumed))}</p>")
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


def _totals(evaluation: Evaluation, lang: Lang, assumed: AssumedMode) -> str:
    """`Totals: delivered 13 · … · late inputs 6` / `合计：已交付13项 · … · 迟到的投入6项`; with
    `hide`, `· assumed deadlines passed 2` / `· 已过的推定截止日期2项` at the end."""
    late = len(evaluation.late_inputs)
    counts = shown_counts(evaluation, assumed)
    passed = counts.pop("assumed_passed", None)
    tail = [phrase("assumed_total", lang, count=passed)] if passed is not None else []
    if lang == "zh":
        totals = [phrase("total", lang, count=count, name=status_name(OutputStatus(key), lang))
                  for key, count in counts.items()]
        return phrase("totals", lang) + " · ".join([*totals, phrase("late_total", lang, count=late),
                                                    *tail])
    return ("Totals: " + " · ".join([*(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()),
                                     f"late inputs {late}", *tail]))


def daily_check(plan: Plan, store: Store, today: Callable[[], Date]) -> Callable[[], Evaluation]:
    """The check as of `today()` (the edge's clock: the server asks it at every request),
    recomputed only when the day or the facts change."""
    on = check_on(plan, store, today)
    return lambda: on(None)


def check_on(plan: Plan, store: Store, today: Callable[[], Date],
             keep: int = 8) -> Callable[[Date | None], Evaluation]:
    """The check as of a day (None: `today()`, the edge's clock, asked at every request); the
    last `keep` evaluations are kept while the facts stay the same (a dashboard user moving
    between a few dates costs one evaluation each)."""
    cache: dict[tuple[Date, int, int | None], Evaluation] = {}

    def on(day: Date | None) -> Evaluation:
        when = today() if day is None else day
        facts = store.facts_of(plan)
        key = (when, len(facts), facts[-1].id if facts else None)
        found = cache.get(key)
        if found is None:
            if any(k[1:] != key[1:] for k in cache) or len(cache) >= keep:
                cache.clear()
            found = cache[key] = evaluate(plan, facts, when)
        return found

    return on
