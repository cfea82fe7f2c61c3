"""Evaluation -> the pages of the read-only dashboard (`mandates serve`: /dashboard), in English or
Chinese: the day's check (or the check as of any date), a page per body, per meeting and per
output (its mandate, rule, inputs, what needs it and the history of its facts), downloads.

Plain server-rendered HTML (Jinja2, autoescaped: every title, venue, note and reason is text) with
one stylesheet file, no script and no inline style, so that a strict Content-Security-Policy
holds and the pages work without JavaScript. Links are root-relative paths built by `Links`
from the view's prefix (`/dashboard`, or `/private/<token>/dashboard` for the secretariat's full
view) and the page's `as_of` and `lang`; nothing is built from a request's Host header.

`page(...)` raises NotFoundError (HTTP 404) for an id the plan does not know, naming the
nearest ids of the view (`did you mean …?`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.facts import Fact
from mandates.core.meetings import MeetingState
from mandates.core.plan import rule_meeting, split_ref
from mandates.errors import NotFoundError
from mandates.report.assumed import shown_counts
from mandates.report.html import HTML_LANG
from mandates.report.notes import recent_notes
from mandates.words.check import (
    day_count,
    fact_text,
    input_when,
    meeting_order,
    meeting_status_text,
    meeting_when,
    part_status,
    part_title,
    part_when,
    phrase,
    rule_text,
    section_heading,
    status_words,
    venue_text,
)
from mandates.words.dashboard import WORDS, word
from mandates.words.dates import Lang, weekday_text
from mandates.words.markup import terminal_text
from mandates.words.names import (
    body_name,
    flag_name,
    mandate_text,
    status_name,
    with_provenance,
)
from mandates.words.reasons import ReasonWords, meeting_name

TEMPLATES = Path(__file__).with_name("templates") / "dashboard"
STYLESHEET = TEMPLATES / "style.css"
BAD = {OutputStatus.OVERDUE, OutputStatus.BLOCKED}
WARN = {OutputStatus.DUE_SOON, OutputStatus.AT_RISK}
SECTIONS = (OutputStatus.OVERDUE, OutputStatus.DUE_SOON, OutputStatus.AT_RISK, OutputStatus.BLOCKED)


@dataclass(frozen=True)
class Links:
    """Root-relative links of one view: `prefix` is `/dashboard` or `/private/<token>/dashboard`;
    `as_of` (None: today) and `lang` are carried by every link."""

    prefix: str
    as_of: Date | None
    lang: Lang

    def _query(self, lang: Lang | None = None) -> str:
        query = {}
        if self.as_of is not None:
            query["as_of"] = self.as_of.isoformat()
        if (lang or self.lang) != "en":
            query["lang"] = lang or self.lang
        return f"?{urlencode(query)}" if query else ""

    def home(self, lang: Lang | None = None) -> str:
        """The overview; in `lang` when given (the language switch)."""
        return self.prefix + self._query(lang)

    def item(self, kind: str, item_id: str) -> str:
        """`/dashboard/outputs/<id>` and the like (kind: outputs, meetings, bodies)."""
        return f"{self.prefix}/{kind}/{quote(item_id, safe='')}{self._query()}"

    def export(self, extension: str) -> str:
        """The check of this view and date as a file: csv, xlsx or json."""
        return f"{self.prefix}/export.{extension}{self._query()}"

    def chart(self) -> str:
        """The timeline chart of this view and date (an SVG image)."""
        return f"{self.prefix}/chart.svg{self._query()}"

    def briefing(self, extension: str) -> str:
        """The Bureau briefing of this date and language: html or pdf (the secretariat's view)."""
        return f"{self.prefix}/briefing.{extension}{self._query()}"

    def stylesheet(self) -> str:
        """The one stylesheet (public: the same for every view)."""
        return "/dashboard/style.css"


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["text"] = terminal_text  # control characters shown as \xNN, as everywhere
    return env


class _Page:
    """What every template is given about one evaluation, in one language."""

    def __init__(self, evaluation: Evaluation, links: Links, full: bool) -> None:
        self.evaluation = evaluation
        self.plan = evaluation.plan
        self.links = links
        self.lang = links.lang
        self.full = full
        self.words = ReasonWords(self.plan)

    def base(self, title: str) -> dict[str, Any]:
        lang, process = self.lang, self.plan.process
        return {"lang": lang, "html_lang": HTML_LANG[lang], "title": title, "links": self.links,
                "w": {k: word(k, lang) for k in WORDS if "{" not in WORDS[k][0]},
                "process_title": process.title.get(lang), "source": process.source_document,
                "as_of_text": phrase("page_as_of", lang, date=weekday_text(self.evaluation.as_of, lang),
                                     zone=process.timezone),
                "as_of": self.evaluation.as_of.isoformat(), "full": self.full,
                "other_lang": "en" if lang == "zh" else "zh", "list_sep": phrase("list_sep", lang)}

    def output_row(self, state: OutputState) -> dict[str, Any]:
        lang = self.lang
        due = state.due
        return {"id": state.id, "title": state.output.title.get(lang), "status": state.status.value,
                "status_text": status_name(state.status, lang),
                "tone": "bad" if state.status in BAD else "warn" if state.status in WARN else "good",
                "due": due.on.isoformat() if due is not None else word("none", lang),
                "responsible": [(b, body_name(self.plan, b, lang)) for b in state.output.responsible],
                "mandate": mandate_text(state.output.mandate, lang),
                "reason": with_provenance(self.words.text(state.reason, lang), state,
                                          self.evaluation.meetings, lang)}

    def meeting_row(self, state: MeetingState) -> dict[str, Any]:
        lang = self.lang
        return {"id": state.id, "title": state.meeting.title.get(lang), "when": meeting_when(state, lang),
                "venue": venue_text(state.venue, lang) or word("none", lang),
                "status": meeting_status_text(state, lang)}

    def facts_of(self, item_id: str) -> list[dict[str, str]]:
        lang = self.lang
        mine: list[Fact] = [f for f in self.evaluation.facts
                            if f.subject == item_id or split_ref(f.subject, self.plan.meetings)[0] == item_id]
        return [{"on": f.effective_on.isoformat(), "text": fact_text(f, lang)}
                for f in sorted(mine, key=lambda f: (f.effective_on, f.id or 0))]


def _not_found(kind: str, item_id: str, known: Iterable[str]) -> NotFoundError:
    """`no output 'detailed-workplann'; did you mean 'detailed-workplan'?`: the nearest ids of
    those the view shows (difflib's ratio, at most three), or none."""
    near = difflib.get_close_matches(item_id, sorted(known), n=3, cutoff=0.6)
    hint = "; did you mean " + " or ".join(repr(n) for n in near) + "?" if near else ""
    return NotFoundError(f"no {kind} {item_id!r}{hint}")


def _render(name: str, context: Mapping[str, Any]) -> str:
    return _environment().get_template(name).render(**context)


def overview(evaluation: Evaluation, links: Links, full: bool) -> str:
    """The day's check: counts, late inputs (full view), overdue, due soon, at risk, blocked,
    the critical chain, bodies, meetings and downloads."""
    page = _Page(evaluation, links, full)
    lang = links.lang
    counts = shown_counts(evaluation, "show")
    tiles = [{"text": status_name(OutputStatus(key), lang), "count": count,
              "tone": ("bad" if OutputStatus(key) in BAD else "warn" if OutputStatus(key) in WARN
                       else "plain") if count else "plain"}
             for key, count in counts.items()]
    late = [{"output": li.output, "input": li.input.id,
             "flag": flag_name(li.input.flag, lang) if li.input.flag else "",
             "expected": li.input.expected_on.isoformat() if li.input.expected_on else word("none", lang),
             "reason": page.words.text(li.input.reason, lang) if li.input.reason else ""}
            for li in evaluation.late_inputs]
    if full:
        tiles.append({"text": word("late_inputs", lang), "count": len(late),
                      "tone": "bad" if late else "plain"})
    sections = []
    for status in SECTIONS:  # headed as the check heads them: `Overdue (4)` / `逾期（4）`
        rows = [page.output_row(s) for s in evaluation.in_status(status)]
        sections.append({"heading": phrase("section", lang, heading=section_heading(status, lang),
                                           count=len(rows)), "rows": rows})
    bodies = [{"id": b.id, "name": body_name(page.plan, b.id, lang) if lang == "en" else b.name.get(lang)}
              for b in page.plan.bodies.values()]
    notes = ([{"subject": f.subject, "kind": _subject_kind(evaluation, f.subject),
               "on": f.effective_on.isoformat(), "text": fact_text(f, lang)}
              for f in recent_notes(evaluation)] if full else [])
    last = page.plan.process.last_meeting
    context = page.base(word("dashboard", lang))
    context.update(tiles=tiles, late=late, sections=sections, bodies=bodies, notes=notes,
                   notes_heading=phrase("notes", lang, count=len(notes)),
                   meetings=[page.meeting_row(m)
                             for m in sorted(evaluation.meetings.values(), key=meeting_order)],
                   chain=evaluation.critical_chain,
                   chain_heading=word("critical_chain", lang, meeting=(
                       meeting_name(page.plan, last, lang, lower=False) if last else "")))
    return _render("overview.html", context)


def _subject_kind(evaluation: Evaluation, subject: str) -> str | None:
    """Which page a note's subject has: `outputs`, `meetings` (a part: its meeting's), or None."""
    if subject in evaluation.outputs:
        return "outputs"
    return "meetings" if split_ref(subject, evaluation.meetings)[0] in evaluation.meetings else None


def output_page(evaluation: Evaluation, links: Links, full: bool, output_id: str) -> str:
    """One output: its titles, description, mandate, rule, due date, status and reason, slack and
    slip, inputs with their state, the outputs that need it, and the history of its facts."""
    state = evaluation.outputs.get(output_id)
    if state is None:
        raise _not_found("output", output_id, evaluation.outputs)
    page = _Page(evaluation, links, full)
    lang, output = links.lang, state.output
    inputs = [{"id": i.id, "flag": flag_name(i.flag, lang) if i.flag else word("none", lang),
               "expected": input_when(evaluation, i.id, i.expected_on, lang, word("none", lang)),
               "reason": page.words.text(i.reason, lang) if i.reason else "",
               "known": i.id in evaluation.outputs} for i in state.inputs]
    needed_by = [page.output_row(s) for s in evaluation.outputs.values() if output_id in s.output.inputs]
    target = output.for_ or rule_meeting(output.due)
    context = page.base(output.title.get(lang))
    context.update(row=page.output_row(state), item_id=output_id,
                   other_title=output.title.get("en" if lang == "zh" else "zh"),
                   description=output.description.get(lang) if output.description else None,
                   rule=rule_text(page.plan, output.due, lang), target=target,
                   target_known=target is not None and target in evaluation.meetings,
                   slack=day_count(state.slack_days, lang), slip=day_count(state.slip_days, lang),
                   delivered=(word("delivered_on", lang, date=state.delivered_on.isoformat())
                              if state.delivered_on else None),
                   inputs=inputs, needed_by=needed_by, facts=page.facts_of(output_id))
    return _render("output.html", context)


def meeting_page(evaluation: Evaluation, links: Links, full: bool, meeting_id: str) -> str:
    """One meeting: when and where, its status and parts, the outputs whose deadline hangs on
    it, the outputs made for it, and the history of its facts."""
    state = evaluation.meetings.get(meeting_id)
    if state is None:
        raise _not_found("meeting", meeting_id, evaluation.meetings)
    page = _Page(evaluation, links, full)
    lang = links.lang
    parts = [{"title": part_title(state, p, lang), "when": part_when(p, lang),
              "venue": venue_text(p.venue, lang) or word("none", lang),
              "status": status_words(part_status(p), p.held_provenance, p.mode, lang)} for p in state.parts]
    due_for = [page.output_row(s) for s in evaluation.outputs.values()
               if (rule_meeting(s.output.due) or "") in (meeting_id,) or
               split_ref(rule_meeting(s.output.due) or "", page.plan.meetings)[0] == meeting_id]
    made_for = [page.output_row(s) for s in evaluation.outputs.values() if s.output.for_ == meeting_id]
    context = page.base(state.meeting.title.get(lang))
    context.update(meeting=page.meeting_row(state), item_id=meeting_id,
                   other_title=state.meeting.title.get("en" if lang == "zh" else "zh"),
                   body=(state.meeting.body, body_name(page.plan, state.meeting.body, lang)),
                   parts=parts, due_for=due_for, made_for=made_for, facts=page.facts_of(meeting_id))
    return _render("meeting.html", context)


def body_page(evaluation: Evaluation, links: Links, full: bool, body_id: str) -> str:
    """One body: the outputs it is responsible for (by status) and its meetings."""
    body = evaluation.plan.bodies.get(body_id)
    if body is None:
        raise _not_found("body", body_id, evaluation.plan.bodies)
    page = _Page(evaluation, links, full)
    lang = links.lang
    outputs = [page.output_row(s) for s in evaluation.outputs.values() if body_id in s.output.responsible]
    meetings = [page.meeting_row(m) for m in sorted(evaluation.meetings.values(), key=meeting_order)
                if m.meeting.body == body_id]
    context = page.base(body.name.get(lang))
    context.update(item_id=body_id, name=body.name.get(lang),
                   other_name=body.name.get("en" if lang == "zh" else "zh"),
                   body_outputs=outputs, meetings=meetings)
    return _render("body.html", context)
