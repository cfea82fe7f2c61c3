"""Evaluation -> the day's check as an HTML page, for the server's /status (issue 4, item 6).

Every value is escaped with `html.escape` (ids, titles, venues, reasons quoting user text).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputStatus, evaluate
from mandates.core.plan import Plan
from mandates.report.terminal import SECTIONS, meeting_when
from mandates.store.db import Store
from mandates.words.en import long_date
from mandates.words.reasons import ReasonWords


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def status_html(evaluation: Evaluation) -> str:
    """Late inputs first, then overdue, due soon, at risk, blocked, moved meetings and totals."""
    plan = evaluation.plan
    words = ReasonWords(plan)
    parts = [f"<h1>{escape(plan.process.title.en)}</h1>",
             f"<p lang=\"zh\">{escape(plan.process.title.zh)} · {escape(plan.process.source_document)}</p>",
             f"<p>Check as of {escape(long_date(evaluation.as_of))} ({escape(plan.process.timezone)}).</p>"]
    late = evaluation.late_inputs
    parts.append(f"<h2>Late inputs ({len(late)})</h2>")
    parts.append(_table(["needed by", "input", "flag", "expected", "reason"], [
        [i.output, i.input.id, i.input.flag.value if i.input.flag else "",
         i.input.expected_on.isoformat() if i.input.expected_on else "—",
         words.text(i.input.reason, "en") if i.input.reason is not None else ""]
        for i in late]))
    for status, heading, _ in SECTIONS:
        rows = evaluation.in_status(status)
        parts.append(f"<h2>{escape(heading)} ({len(rows)})</h2>")
        parts.append(_table(["output", "due", "responsible", "mandate", "reason"], [
            [s.id, s.due.on.isoformat() if s.due else "no date",
             ", ".join(plan.body_short(b) for b in s.output.responsible), s.output.mandate,
             words.text(s.reason, "en")]
            for s in rows]))
    changed = [m for m in evaluation.meetings.values() if m.moved or m.postponed or m.cancelled]
    parts.append(f"<h2>Meetings changed ({len(changed)})</h2>")
    parts.append(_table(["meeting", "now", "venue"], [
        [m.id, meeting_when(m), m.venue.en if m.venue else "—"] for m in changed]))
    totals = evaluation.counts()
    parts.append("<p>Totals: " + escape(" · ".join(f"{k.replace('_', ' ')} {v}"
                                                   for k, v in totals.items()))
                 + f" · late inputs {len(late)}</p>")
    delivered = len(evaluation.in_status(OutputStatus.DELIVERED))
    parts.append(f"<p>{delivered} of {len(evaluation.outputs)} outputs delivered. "
                 "<a href=\"/status.json\">JSON</a> · <a href=\"/\">calendar feeds</a></p>")
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Deadline check: {escape(plan.process.title.en)}</title>"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}"
            "</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def daily_check(plan: Plan, store: Store, today: Callable[[], Date]) -> Callable[[], Evaluation]:
    """The check as of `today()` (the edge's clock: the server asks it at every request),
    recomputed only when the day or the facts change."""
    cache: dict[tuple[Date, int, int | None], Evaluation] = {}

    def current() -> Evaluation:
        day = today()
        facts = store.facts(plan.process.id)
        key = (day, len(facts), facts[-1].id if facts else None)
        if key not in cache:
            cache.clear()
            cache[key] = evaluate(plan, facts, day)
        return cache[key]

    return current
