"""Evaluation -> terminal text (rich), in English or Chinese: the daily check, `show` (with the
history of the item's facts) and `whatif`.

Every line is a `rich.text.Text` assembled from plain pieces and styles: titles, venues, notes,
mandates and reasons are printed as written, never read as console markup (`[/b]` in a note is
text, not a closing tag) nor as emoji codes, and control characters (ESC, BEL, CR) are shown as
`\\xNN` (`words.markup.terminal_text`, as the CLI's own lines) so that no text can drive the
terminal. The words are in `mandates.words` (check, reasons, names, dates).
"""

from __future__ import annotations

from collections.abc import Iterable

from pendulum import Date
from rich.console import Console
from rich.text import Text

from mandates.core.diff import EvaluationDiff
from mandates.core.evaluate import Evaluation, InputFlag, OutputState, OutputStatus
from mandates.core.facts import Fact
from mandates.core.meetings import MeetingState
from mandates.core.plan import Mode, Plan, Title, rule_meeting, split_ref
from mandates.core.reasons import Reason
from mandates.report.assumed import AssumedMode, hidden, hidden_line, shown_counts, shown_in
from mandates.report.notes import recent_notes
from mandates.words.check import (
    AUDIENCE,
    WOULD,
    day_count,
    fact_text,
    input_when,
    meeting_status_text,
    part_lines,
    phrase,
    pick,
    section_heading,
    venue_text,
)
from mandates.words.check import meeting_when as _meeting_when
from mandates.words.check import rule_text as _rule_text
from mandates.words.dates import Lang, days_text, weekday_text
from mandates.words.markup import terminal_text
from mandates.words.names import body_name, flag_name, mandate_text, status_name, with_provenance
from mandates.words.reasons import ReasonWords

SECTIONS = (
    (OutputStatus.OVERDUE, "Overdue", "bold red"),
    (OutputStatus.DUE_SOON, "Due soon", "yellow"),
    (OutputStatus.AT_RISK, "At risk", "magenta"),
    (OutputStatus.BLOCKED, "Blocked", "red"),
)
CHOSEN_SECTIONS = (
    (OutputStatus.ON_TRACK, "On track", "green"),
    (OutputStatus.DELIVERED, "Delivered", "green"),
    (OutputStatus.CANCELLED, "Cancelled or waived", "dim"),
)
"""Sections shown only when `--status` chooses them (the daily check lists what needs action)."""

Piece = str | tuple[str, str]


def _say(console: Console, *pieces: Piece) -> None:
    """One line from plain text and (text, style) pieces; nothing in them is markup."""
    line = Text.assemble(*[(terminal_text(p), "") if isinstance(p, str) else (terminal_text(p[0]), p[1])
                           for p in pieces])
    console.print(line, highlight=False, emoji=False)


def meeting_when(state: MeetingState, lang: Lang = "en") -> str:
    """`24–28 February 2020`, `January or February 2020 (to be confirmed)`, `to be determined`
    / `2020年2月24日至28日`, `2020年1月或2月（待确认）`, `日期待定`."""
    return _meeting_when(state, lang)


def _due_text(state: OutputState, lang: Lang = "en") -> str:
    if state.due is None:
        return phrase("no_date", lang)
    if state.due.is_window:
        return phrase("range", lang, earliest=state.due.earliest.isoformat(),
                      latest=state.due.latest.isoformat())
    return state.due.on.isoformat()


def _change_day(day: Date | None, window: tuple[Date, Date] | None, lang: Lang) -> str:
    """A due date of `whatif`: the day, the window's first and last day, or no date."""
    if window is not None:
        return phrase("range", lang, earliest=window[0].isoformat(), latest=window[1].isoformat())
    return day.isoformat() if day is not None else phrase("no_date", lang)


def _due_label(state: OutputState, lang: Lang) -> str:
    if state.due is None:
        return phrase("due_none", lang)
    return phrase("due", lang, date=_due_text(state, lang))


def _flag_text(flag: InputFlag | None, lang: Lang) -> str:
    if flag is None:
        return ""
    return flag_name(flag, lang)


def _responsible(plan: Plan, state: OutputState, lang: Lang) -> str:
    return phrase("list_sep", lang).join(body_name(plan, b, lang) for b in state.output.responsible)


def _heading(status: OutputStatus, english: str, lang: Lang) -> str:
    return section_heading(status, lang)  # `english` is what it always said: the same words


def render_check(console: Console, evaluation: Evaluation, lang: Lang = "en",
                 assumed: AssumedMode = "show",
                 statuses: frozenset[OutputStatus] = frozenset()) -> None:
    """The daily check: late inputs first, then overdue, due soon, at risk, blocked; notes and
    waivers recorded within the due-soon window (when there are any); meetings changed (with
    their status, mode and parts) and deadlines moved; the critical chain; totals.

    Each item is a line of facts with its reason indented below it: readable at any width, in a
    terminal, a pipe or an e-mail. The reason says where it comes from when it is not the text's
    own rule: `recorded (source: …)`, `presumed delivered`, `assumed quarterly (the text says
    'regularly')`, `set too late: …` (`words.check.provenance_text`). `lang` is `en` or `zh`:
    every heading, label, status, date, mandate and reason in that language (ids, document
    symbols and time zones stay as they are). `assumed="hide"` leaves the assumed deadlines
    that have passed out of Overdue and counts them in one line below it (`report.assumed`).
    `statuses` (`--status`) adds the sections of on-track, delivered and cancelled or waived
    outputs when it names them (otherwise only counted in the totals).
    """
    plan = evaluation.plan
    words = ReasonWords(plan)
    process = plan.process
    _say(console, (process.title.get(lang), "bold"),
         phrase("as_of", lang, date=weekday_text(evaluation.as_of, lang), zone=process.timezone))
    if lang == "zh":
        _say(console, (process.source_document, "dim"))
    else:
        _say(console, (f"{process.title.zh} · {process.source_document}", "dim"))
    if evaluation.set_aside:  # facts the evaluation could not apply: said first, and why
        _say(console, "\n", (phrase("set_aside", lang, count=len(evaluation.set_aside)), "bold red"))
        for reason in evaluation.set_aside:
            _say(console, "  ", words.text(reason, lang))
    late = evaluation.late_inputs
    _say(console, "\n", (phrase("late_inputs", lang, count=len(late)), "bold red"))
    for item in late:
        days_late = phrase("days_late", lang, count=item.input.days_late) if item.input.days_late else ""
        expected = ""  # an input without a date says so in its flag and its reason
        if item.input.expected_on is not None:
            expected = ("  " + phrase("open", lang) + phrase("expected", lang,
                                                             date=item.input.expected_on.isoformat())
                        + days_late + phrase("close", lang))
        _say(console, "  ", (item.output, "bold"), f" ← {item.input.id}  ",
             (_flag_text(item.input.flag, lang), "red"), expected)
        said = _reason(words, item.input.reason, lang)
        source = evaluation.outputs.get(item.input.id)
        if said and source is not None:
            said = with_provenance(said, source, evaluation.meetings, lang, item.input.reason)
        _say(console, "      ", said)
    left_out = hidden(evaluation, assumed)
    chosen = [s for s in CHOSEN_SECTIONS if s[0] in statuses]
    for status, heading, style in (*SECTIONS, *chosen):
        rows = shown_in(evaluation, status, assumed)
        _say(console, "\n", (phrase("section", lang, heading=_heading(status, heading, lang),
                                    count=len(rows)), style))
        for state in rows:
            _say(console, "  ", (state.id, "bold"),
                 f"  {_due_label(state, lang)}  "
                 f"{_responsible(plan, state, lang)}  ",
                 (mandate_text(state.output.mandate, lang), "dim"))
            _say(console, "      ", with_provenance(words.text(state.reason, lang), state,
                                                    evaluation.meetings, lang))
        if status is OutputStatus.OVERDUE and left_out:  # apart from the section, in one line
            _say(console, "\n", (hidden_line(left_out, lang), "dim"))
    _render_notes(console, evaluation, lang)
    _render_changes(console, evaluation, lang)
    if evaluation.critical_chain:
        chain = " → ".join(evaluation.critical_chain)
        _say(console, "\n", (phrase("chain", lang), "bold"),
             phrase("chain_to", lang, meeting=process.last_meeting), chain)
    counts = shown_counts(evaluation, assumed)
    passed = counts.pop("assumed_passed", None)
    totals = [phrase("total", lang, count=count, name=_status_total(OutputStatus(key), lang))
              for key, count in counts.items()]
    totals.append(phrase("late_total", lang, count=len(late)))
    if passed is not None:
        totals.append(phrase("assumed_total", lang, count=passed))
    _say(console, phrase("totals", lang) + " · ".join(totals))


def _status_total(status: OutputStatus, lang: Lang) -> str:
    return status_name(status, lang) if lang == "zh" else status.value.replace("_", " ")


def _reason(words: ReasonWords, reason: Reason | None, lang: Lang) -> str:
    return words.text(reason, lang) if reason is not None else ""


def _render_notes(console: Console, evaluation: Evaluation, lang: Lang) -> None:
    """Notes and waivers recorded lately (`report.notes`), newest first, each as written (marked
    untranslated when in the other language); nothing when there are none."""
    notes = recent_notes(evaluation)
    if not notes:
        return
    _say(console, "\n", (phrase("notes", lang, count=len(notes)), "bold"))
    for fact in notes:
        _say(console, "  ", (fact.subject, "bold"), "  ", fact_text(fact, lang))


def changed_meetings(evaluation: Evaluation) -> list[MeetingState]:
    """Meetings that differ from the plan: moved, postponed, cancelled, in parts or split, or
    held in another mode than planned."""
    return [m for m in evaluation.meetings.values()
            if m.moved or m.postponed or m.cancelled or m.parts or m.split
            or m.mode is not m.meeting.mode]


def _render_changes(console: Console, evaluation: Evaluation, lang: Lang) -> None:
    moved = changed_meetings(evaluation)
    if moved:
        _say(console, "\n", (phrase("meetings_changed", lang, count=len(moved)), "bold"))
        for m in moved:
            planned = MeetingState(m.meeting, m.meeting.opens_on, m.meeting.closes_on,
                                   m.meeting.window, m.meeting.venue, m.meeting.timezone,
                                   m.meeting.confirmed, False, False, False, None, ())
            now_venue = venue_text(m.venue, lang)
            venue = phrase("venue", lang, venue=now_venue) if now_venue is not None else ""
            was = phrase("planned_was", lang, when=meeting_when(planned, lang),
                         venue=venue_text(m.meeting.venue, lang) or "—")
            _say(console, "  ", (m.id, "bold"),
                 phrase("meeting_line", lang, when=meeting_when(m, lang), venue=venue, was=was),
                 _status_after(m, lang))
            for line in part_lines(m, lang):
                _say(console, line)
    shifted = [s for s in evaluation.outputs.values() if s.slip_days]
    if shifted:
        _say(console, "\n", (phrase("deadlines_moved", lang, count=len(shifted)), "bold"))
        for s in shifted:
            assert s.baseline_due is not None and s.due is not None and s.slip_days is not None
            separator = "：" if lang == "zh" else ": "
            # as whatif says it: the planned day, or a window's range (`core.rules.Due.planned`)
            old = _change_day(s.baseline_due.planned, s.baseline_due.window, lang)
            new = _change_day(s.due.planned, s.due.window, lang)
            _say(console, f"  {s.id}{separator}{old} → "
                 f"{new}{phrase('shift', lang, days=signed_days(s.slip_days, lang))}")


def _status_after(state: MeetingState, lang: Lang) -> str:
    """`; presumed held`, `; scheduled; online`, `; postponed` after a changed meeting's line;
    nothing for a meeting postponed or cancelled in person when its dates already say so
    (`cancelled`, `postponed (was …)`, `postponed, new dates to be determined`); a meeting
    postponed to a window (`July 2020 to September 2020 (to be confirmed)`) says `postponed`."""
    said = state.cancelled or (state.postponed and (state.opens_on is not None or state.window is None))
    if said and state.mode is Mode.IN_PERSON:
        return ""
    return phrase("status_sep", lang) + meeting_status_text(state, lang)


def rule_text(plan: Plan, state: OutputState, lang: Lang = "en") -> str:
    """The due rule in words, e.g. `6 weeks before wg2020-2 opens` / `wg2020-2开幕前6周`."""
    return _rule_text(plan, state.output.due, lang)


def render_output(console: Console, evaluation: Evaluation, state: OutputState,
                  lang: Lang = "en") -> None:
    """`mandates show OUTPUT`: mandate, rule, due, status, inputs, what it is for, facts."""
    o = state.output
    plan = evaluation.plan
    words = ReasonWords(plan)
    _say_title(console, o.id, o.title, lang)
    if o.description is not None:
        _say_description(console, o.description, lang)
    responsible = phrase("list_sep", lang).join(
        body_name(plan, b, lang) if lang == "zh" else b for b in o.responsible)
    _say(console, phrase("output_head", lang, mandate=mandate_text(o.mandate, lang),
                         responsible=responsible, audience=pick(AUDIENCE[o.audience], lang),
                         source=str(o.source)))
    _say(console, phrase("rule_line", lang, rule=rule_text(plan, state, lang), target=o.for_ or "—"))
    baseline = state.baseline_due.on.isoformat() if state.baseline_due else "—"
    _say(console, phrase("due_line", lang, due=_due_text(state, lang), baseline=baseline,
                         slip=day_count(state.slip_days, lang),
                         slack=day_count(state.slack_days, lang)))
    status = status_name(state.status, lang)
    _say(console, phrase("status_line", lang, date=evaluation.as_of.isoformat()),
         (status, "bold"), phrase("dash", lang),
         with_provenance(words.text(state.reason, lang), state, evaluation.meetings, lang))
    for item in state.inputs:
        said = _reason(words, item.reason, lang) or input_when(evaluation, item.id, item.expected_on, lang)
        flag = _flag_text(item.flag, lang)
        if flag and flag not in said:  # the flag set apart, once: "input X (no date): ..."
            _say(console, phrase("input_open", lang, id=item.id), (flag, "red"),
                 phrase("input_close", lang), said)
        else:
            _say(console, phrase("input", lang, id=item.id), said)
    needed_by = plan.consumers_index.get(o.id, ())
    if needed_by:
        _say(console, phrase("needed_by", lang, ids=phrase("list_sep", lang).join(needed_by)))
    render_facts(console, state.facts, lang)


def _say_title(console: Console, item_id: str, title: Title, lang: Lang) -> None:
    """`id — English title` and the Chinese title below it; in Chinese, `id——中文标题` alone."""
    if lang == "zh":
        _say(console, (item_id, "bold"), phrase("dash", lang), title.get(lang))
        return
    _say(console, (item_id, "bold"), f" — {title.en}")
    _say(console, title.zh)


def _say_description(console: Console, description: Title, lang: Lang) -> None:
    """An item's description (the document's sentence), as written: both languages in English
    mode, as the title is shown; Chinese alone in Chinese."""
    if lang == "zh":
        _say(console, description.zh)
        return
    _say(console, description.en)
    _say(console, description.zh)


def signed_days(count: int, lang: Lang) -> str:
    """A shift of a deadline: `+1 day`, `-12 days` / `+1天`."""
    return ("+" if count > 0 else "-" if count < 0 else "") + days_text(abs(count), lang)


def render_meeting(console: Console, evaluation: Evaluation, state: MeetingState,
                   lang: Lang = "en") -> None:
    """`mandates show MEETING`: dates, venue, status, mandate, what hangs on it, facts."""
    m = state.meeting
    _say_title(console, m.id, m.title, lang)
    if m.description is not None:
        _say_description(console, m.description, lang)
    _say(console, phrase("meeting_when", lang, when=meeting_when(state, lang),
                         venue=venue_text(state.venue, lang) or "—", zone=state.timezone,
                         status=meeting_status_text(state, lang)))
    for line in part_lines(state, lang):
        _say(console, line)
    _say(console, phrase("meeting_annex", lang, type=m.type, table=m.table or "—",
                         mandate=mandate_text(m.mandate, lang) if m.mandate else "—",
                         element=m.element.get(lang) if m.element else "—", source=str(m.source)))
    on_it = [s.id for s in evaluation.outputs.values()
             if m.id in (rule_meeting(s.output.due), split_ref(rule_meeting(s.output.due) or "",
                                                               evaluation.plan.meetings)[0])]
    made_for = [s.id for s in evaluation.outputs.values()
                if s.output.for_ == m.id and s.id not in on_it]
    _say(console, phrase("hanging", lang, ids=phrase("list_sep", lang).join(on_it) or "—"))
    if made_for:  # made for it, but due by another meeting's date or a date of its own
        _say(console, phrase("made_for", lang, ids=phrase("list_sep", lang).join(made_for)))
    render_facts(console, state.facts, lang)


def render_facts(console: Console, facts: Iterable[Fact], lang: Lang = "en") -> None:
    """The history of facts of one item; what a user typed is printed as written. A recorded fact
    is named `#ID` with when it was recorded; a fact shipped with the process (no id) by its key."""
    facts = list(facts)
    if not facts:
        _say(console, phrase("no_facts", lang))
        return
    _say(console, phrase("history", lang))
    for fact in facts:
        if fact.id is None:
            _say(console, phrase("shipped_fact_line", lang, name=fact.fact_key,
                                 fact=fact_text(fact, lang)))
            continue
        _say(console, phrase("fact_line", lang, id=fact.id, fact=fact_text(fact, lang),
                             at=fact.recorded_at.to_iso8601_string()))


def render_diff(console: Console, change: EvaluationDiff, plan: Plan, lang: Lang = "en") -> None:
    """`mandates whatif`: what would move and what would become late (`plan` names the outputs
    and meetings in the reasons)."""
    words = ReasonWords(plan)
    for m in change.meetings:
        _say(console, phrase("diff_meeting", lang, id=m.id, before=meeting_when(m.before, lang),
                             after=meeting_when(m.after, lang)))
    if not change.deadlines:
        _say(console, phrase("no_move", lang))
    for d in change.deadlines:
        old = _change_day(d.old_due, d.old_window, lang)
        new = _change_day(d.new_due, d.new_window, lang)
        shift = phrase("shift", lang, days=signed_days(d.shift_days, lang)) if d.shift_days else ""
        dates = f"{old} → {new}{shift}" if (d.old_due, d.old_window) != (d.new_due, d.new_window) \
            else phrase("due_unchanged", lang, due=old)
        status = ""
        if d.old_status is not d.new_status:
            status = phrase("diff_status", lang, old=status_name(d.old_status, lang),
                            new=status_name(d.new_status, lang))
        separator = "：" if lang == "zh" else ": "
        if d.late_for is not None:
            _say(console, f"  {d.id}{separator}{dates}{status}{phrase('diff_late_for', lang)}",
                 (_reason(words, d.late_for, lang), "red"))
            continue
        if d.no_longer_late_for:
            status += phrase("diff_in_time", lang)
        _say(console, f"  {d.id}{separator}{dates}{status}")
    for item in change.new_late_inputs:
        verb = pick(WOULD[item.input.flag.value], lang) if item.input.flag else ""
        _say(console, (phrase("would_line", lang, input=item.input.id, output=item.output, verb=verb), "red"),
             _reason(words, item.input.reason, lang))

