"""Evaluation -> calendar items: meetings, deadlines and late-input warnings (issue 4, items 2-3).

An item is language-neutral (every text is a `Title`) and knows which feeds it belongs to; the
iCalendar writing is in `icsfmt`, the feeds in `feeds`. UIDs derive from ids only (DESIGN).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import MeetingState
from mandates.core.plan import AtRule, Audience, BeforeRule, EveryRule, Plan, Title, rule_meeting
from mandates.core.rules import Due, Span, due_of, occurrences
from mandates.words.feeds import (
    LANGS,
    annex_text,
    body_title,
    date_title,
    input_phrase,
    label,
    mandate_title,
    span_title,
    window_title,
)
from mandates.words.reasons import reason_text
from mandates.words.usertext import marked


class ItemKind(StrEnum):
    """What an item is: a meeting, a deadline, or a late-input warning (staff only)."""

    MEETING = "meeting"
    DEADLINE = "deadline"
    WARNING = "late-input"


@dataclass(frozen=True, slots=True)
class Item:
    """One all-day calendar entry, in both languages, with what decides the feeds it is in."""

    key: str
    kind: ItemKind
    start: Date
    end: Date
    summary: Title
    description: Title
    location: Title | None
    status: str | None
    categories: tuple[Title, ...]
    bodies: frozenset[str]
    public: bool
    open: bool
    completed_on: Date | None = None
    notes: Title | None = None  # notes recorded on it, for the secretariat feed only

    def uid(self, process: str) -> str:
        """`meeting-wg2020-2@post2020.mandates`: from ids only, never dates or titles (DESIGN)."""
        return f"{self.key}@{process}.mandates"


def _join(lines: list[Title]) -> Title:
    return Title("\n".join(t.en for t in lines), "\n".join(t.zh for t in lines))


def _line(key: str, value: Title | str) -> Title:
    text = value if isinstance(value, Title) else Title(value, value)
    return Title(label(key, "en") + text.en, label(key, "zh") + text.zh)


def _effective(state: MeetingState, kind: FactKind) -> Date | None:
    days = [f.effective_on for f in state.facts if f.kind is kind]
    return days[-1] if days else None


def meeting_item(plan: Plan, state: MeetingState) -> Item | None:
    """A meeting as an all-day event, or None when it has no dates at all (TBD: not in feeds)."""
    m = state.meeting
    if state.opens_on is not None and state.closes_on is not None:
        start, last = state.opens_on, state.closes_on
        when = span_title(start, last)
        tentative = not state.confirmed
    elif state.window is not None:
        start, last = state.window.earliest, state.window.latest
        when = window_title(start, last)
        tentative = True
    else:
        return None
    status = "CONFIRMED"
    summary = m.title
    if state.cancelled:
        status, summary = "CANCELLED", _prefixed("cancelled", m.title)
    elif state.postponed:
        status, summary = "TENTATIVE", _prefixed("postponed", m.title)
    elif tentative:
        status = "TENTATIVE"
        summary = Title(m.title.en + label("tbc", "en"), m.title.zh + label("tbc", "zh"))
    body = plan.bodies.get(m.body)
    lines = [m.title, *([m.description] if m.description else [])]
    when_text = Title(when.en + label("tbc", "en"), when.zh + label("tbc", "zh")) if tentative else when
    lines.append(_line("when", when_text))
    venue = marked(state.venue) if state.venue is not None else None  # a venue typed in one language
    if venue is not None:
        lines.append(_line("where", venue))
    lines.append(_line("zone", state.timezone))
    if body is not None:
        lines.append(_line("convened", body.name))
    if m.mandate:
        lines.append(_line("mandate", mandate_title(m.mandate)))
    if m.element is not None:
        lines.append(_line("element", m.element))
    lines.append(_line("annex", Title(annex_text(m.type, m.table, "en"), annex_text(m.type, m.table, "zh"))))
    if state.moved:
        lines.append(_line("planned", _planned(state)))
    if state.postponed and not state.cancelled:
        lines.append(Title(label("postponed_note", "en"), label("postponed_note", "zh")))
    if state.cancelled:
        lines.append(Title(label("cancelled_note", "en"), label("cancelled_note", "zh")))
    return Item(f"meeting-{m.id}", ItemKind.MEETING, start, last.add(days=1), summary, _join(lines),
                venue, status, (body_title(plan, m.body),), frozenset({m.body}), True, False,
                notes=notes_title(state.facts))


def notes_title(facts: Iterable[Fact]) -> Title | None:
    """The notes recorded on a meeting or an output, oldest first: `Notes:` then `- 10 January
    2020: text` lines, each text as written and marked untranslated in the other language
    (`（英文原文）`); None when there are none. Notes are the secretariat's own records, so only the
    private feed shows them (`feeds.ics.event`, `notes=True`)."""
    lines = [Title(label("notes", "en"), label("notes", "zh"))]
    for fact in facts:
        text = fact.text_title() if fact.kind is FactKind.NOTE else None
        if text is not None:
            when, shown = date_title(fact.effective_on), marked(text)
            lines.append(Title(f"- {when.en}: {shown.en}", f"- {when.zh}：{shown.zh}"))
    return _join(lines) if len(lines) > 1 else None


def _prefixed(key: str, title: Title) -> Title:
    return Title(label(key, "en") + title.en, label(key, "zh") + title.zh)


def _planned(state: MeetingState) -> Title:
    m = state.meeting
    if m.opens_on is not None and m.closes_on is not None:
        when = span_title(m.opens_on, m.closes_on)
    elif m.window is not None:
        when = window_title(m.window.earliest, m.window.latest)
    else:
        when = Title("dates to be determined", "日期待定")
    if m.venue is None:
        return when
    return Title(f"{when.en}, {m.venue.en}", f"{when.zh}，{m.venue.zh}")


def cancelled_on(evaluation: Evaluation, state: OutputState) -> Date | None:
    """When an output stopped being required: its waiver or cancellation, or its meeting's."""
    days = [f.effective_on for f in state.facts if f.kind in (FactKind.WAIVED, FactKind.CANCELLED)]
    for meeting_id in (rule_meeting(state.output.due), state.output.for_):
        meeting = evaluation.meetings.get(meeting_id or "")
        if meeting is not None and meeting.cancelled:
            day = _effective(meeting, FactKind.CANCELLED)
            if day is not None:
                days.append(day)
    return min(days) if days else None


def provisional_due(evaluation: Evaluation, state: OutputState) -> tuple[Due, MeetingState] | None:
    """A deadline on a postponed or cancelled meeting, from its last dates (issue 4, item 2)."""
    rule = state.output.due
    if not isinstance(rule, BeforeRule | AtRule):
        return None
    meeting = evaluation.meetings.get(rule.meeting)
    if meeting is None or not (meeting.postponed or meeting.cancelled):
        return None
    if meeting.opens_on is not None and meeting.closes_on is not None:
        span = Span(meeting.opens_on, meeting.opens_on, meeting.closes_on, meeting.closes_on, True)
    elif meeting.window is not None:
        span = Span(meeting.window.earliest, meeting.window.latest, meeting.window.earliest,
                    meeting.window.latest, True)
    else:
        return None
    plan = evaluation.plan
    due = due_of(rule, lambda mid: span if mid == rule.meeting else None, plan.report_lag,
                 plan.process.business_days)
    return (due, meeting) if due is not None else None


def _deadline_bodies(plan: Plan, state: OutputState) -> frozenset[str]:
    bodies = set(state.output.responsible)
    for meeting_id in (rule_meeting(state.output.due), state.output.for_):
        meeting = plan.meetings.get(meeting_id or "")
        if meeting is not None:
            bodies.add(meeting.body)
    return frozenset(bodies)


@dataclass(frozen=True, slots=True)
class _Common:
    bodies: frozenset[str]
    public: bool
    categories: tuple[Title, ...]
    notes: Title | None

    def item(self, key: str, day: Date, summary: Title, description: Title, status: str,
             delivered: Date | None) -> Item:
        return Item(key, ItemKind.DEADLINE, day, day.add(days=1), summary, description, None, status,
                    self.categories, self.bodies, self.public,
                    status != "CANCELLED" and delivered is None, delivered, self.notes)


def _inputs_lines(evaluation: Evaluation, state: OutputState) -> list[Title]:
    if not state.inputs:
        return []
    lines = [Title(label("inputs", "en"), label("inputs", "zh"))]
    for item in state.inputs:
        source = evaluation.outputs[item.id]
        phrase = input_phrase(item.flag.value if item.flag else None, source.delivered_on,
                              source.presumed, source.status is OutputStatus.CANCELLED,
                              item.expected_on, item.days_late)
        title = source.output.title
        lines.append(Title(f"- {title.en}: {phrase.en}", f"- {title.zh}：{phrase.zh}"))
    return lines


def _target_title(plan: Plan, target: str) -> Title:
    if target in plan.meetings:
        return plan.meetings[target].title
    if target in plan.outputs:
        return plan.outputs[target].title
    return Title(target, target)


def deadline_items(evaluation: Evaluation, state: OutputState) -> list[Item]:
    """An output's deadline(s) as all-day transparent events; one per occurrence if periodic."""
    plan = evaluation.plan
    o = state.output
    responsible = [plan.bodies[b].name if b in plan.bodies else Title(b, b) for b in o.responsible]
    mandate = mandate_title(o.mandate)
    head = [o.title, *([o.description] if o.description else []), _line("mandate", mandate),
            _line("responsible", Title("; ".join(t.en for t in responsible),
                                       "；".join(t.zh for t in responsible)))]
    if o.for_:
        head.append(_line("for", _target_title(plan, o.for_)))
    needed = plan.consumers_index.get(o.id, ())
    if needed:
        names = [plan.outputs[c].title for c in needed]
        head.append(_line("needed_by", Title("; ".join(t.en for t in names), "；".join(t.zh for t in names))))
    inputs = _inputs_lines(evaluation, state)
    cancelled = state.status is OutputStatus.CANCELLED
    common = _Common(_deadline_bodies(plan, state), o.audience is Audience.PUBLIC,
                     tuple(body_title(plan, b) for b in o.responsible), notes_title(state.facts))
    if isinstance(o.due, EveryRule):
        return _periodic_items(evaluation, state, head, inputs, cancelled, common, mandate)
    due, note = state.due, None
    if due is None:
        provisional = provisional_due(evaluation, state)
        if provisional is None:
            return []
        due, meeting = provisional
        if not meeting.cancelled:
            note = Title(meeting.meeting.title.en + label("hangs_postponed", "en"),
                         meeting.meeting.title.zh + label("hangs_postponed", "zh"))
    lines = [*head, _line("due", date_title(due.on))]
    if due.is_window:
        lines.append(Title(label("window", "en") + date_title(due.earliest).en + label("and", "en")
                           + date_title(due.latest).en,
                           label("window", "zh") + date_title(due.earliest).zh + label("and", "zh")
                           + date_title(due.latest).zh + "之间"))
    if note is not None:
        lines.append(note)
    lines += inputs
    lines.append(_line("status", _status_title(plan, state)))
    delivered = state.delivered_on if state.status is OutputStatus.DELIVERED else None
    status = "CANCELLED" if cancelled else ("TENTATIVE" if due.tentative else "CONFIRMED")
    summary = _prefixed("cancelled" if cancelled else "due", Title(f"{o.title.en} ({mandate.en})",
                                                                  f"{o.title.zh}（{mandate.zh}）"))
    return [common.item(f"deadline-{o.id}", due.on, summary, _join(lines), status, delivered)]


def _status_title(plan: Plan, state: OutputState) -> Title:
    if state.status is OutputStatus.CANCELLED:
        return Title(reason_text(state.reason, plan, "en"), reason_text(state.reason, plan, "zh"))
    if state.status is OutputStatus.DELIVERED and state.delivered_on is not None:
        day = date_title(state.delivered_on)
        if state.presumed:
            return Title(f"presumed delivered on {day.en}", f"推定已于{day.zh}交付")
        return Title(f"delivered on {day.en}", f"已于{day.zh}交付")
    return Title("not yet delivered", "尚未交付")


def _periodic_items(evaluation: Evaluation, state: OutputState, head: list[Title],
                    inputs: list[Title], cancelled: bool, common: _Common,
                    mandate: Title) -> list[Item]:
    plan = evaluation.plan
    rule = state.output.due
    assert isinstance(rule, EveryRule)

    def span_of(meeting_id: str) -> Span | None:
        meeting = evaluation.meetings.get(meeting_id)
        return meeting.span if meeting is not None else None

    dues = list(occurrences(rule, span_of, evaluation.as_of.add(years=1), plan.process.business_days))
    deliveries = [f.effective_on for f in state.facts
                  if f.kind in (FactKind.DELIVERED, FactKind.RECEIVED)]
    o = state.output
    items = []
    for index, due in enumerate(dues, start=1):
        delivered = deliveries[index - 1] if index <= len(deliveries) else None
        number = Title(f"{label('occurrence', 'en')}{index}",
                       f"{label('occurrence', 'zh')}{index}{label('occurrence_tail', 'zh')}")
        done = (Title(f"delivered on {date_title(delivered).en}", f"已于{date_title(delivered).zh}交付")
                if delivered is not None else Title("not yet delivered", "尚未交付"))
        lines = [*head, number, _line("due", date_title(due.on)), *inputs,
                 _line("status", _status_title(plan, state) if cancelled else done)]
        status = "CANCELLED" if cancelled else ("TENTATIVE" if due.tentative else "CONFIRMED")
        summary = _prefixed("cancelled" if cancelled else "due", Title(
            f"{o.title.en} ({number.en}; {mandate.en})", f"{o.title.zh}（{number.zh}；{mandate.zh}）"))
        items.append(common.item(f"deadline-{o.id}.{index}", due.on, summary, _join(lines), status,
                                 delivered))
    return items


def warning_items(evaluation: Evaluation) -> list[Item]:
    """Late-input warnings for the staff feed, on the day the output that needs the input is due."""
    plan = evaluation.plan
    items = []
    for late in evaluation.late_inputs:
        consumer = evaluation.outputs[late.output]
        day = consumer.due.on if consumer.due is not None else late.input.expected_on
        if day is None:
            continue
        source = evaluation.outputs[late.input.id]
        phrase = input_phrase(late.input.flag.value if late.input.flag else None, source.delivered_on,
                              source.presumed, False, late.input.expected_on, late.input.days_late)
        needed, late_title = consumer.output.title, source.output.title
        summary = Title(f"{label('late_input', 'en')}{late_title.en} — for {needed.en}",
                        f"{label('late_input', 'zh')}{late_title.zh}——用于{needed.zh}")
        due_line = (_line("due", date_title(consumer.due.on)) if consumer.due is not None
                    else Title("Not yet scheduled", "尚未安排日期"))
        lines = [Title(f"{late_title.en}: {phrase.en}", f"{late_title.zh}：{phrase.zh}"),
                 _line("needed_by", needed), due_line,
                 _line("responsible", Title(
                     ", ".join(body_title(plan, b).en for b in source.output.responsible),
                     "、".join(body_title(plan, b).zh for b in source.output.responsible))),
                 _line("mandate", mandate_title(source.output.mandate))]
        items.append(Item(f"late-input-{late.output}.{late.input.id}", ItemKind.WARNING, day,
                          day.add(days=1), summary, _join(lines), None, None, (),
                          frozenset(), False, False))
    return items


def build_items(evaluation: Evaluation, keep_cancelled_days: int) -> list[Item]:
    """Every item of every feed, cancelled ones dropped `keep_cancelled_days` after cancellation."""
    items: list[Item] = []
    for state in evaluation.meetings.values():
        item = meeting_item(evaluation.plan, state)
        if item is None:
            continue
        if state.cancelled and _expired(_effective(state, FactKind.CANCELLED), evaluation.as_of,
                                        keep_cancelled_days):
            continue
        items.append(item)
    for output_state in evaluation.outputs.values():
        if output_state.status is OutputStatus.CANCELLED and _expired(
                cancelled_on(evaluation, output_state), evaluation.as_of, keep_cancelled_days):
            continue
        items.extend(deadline_items(evaluation, output_state))
    items.extend(warning_items(evaluation))
    keys = [i.key for i in items]
    assert len(keys) == len(set(keys)), "item keys must be unique"
    assert all(lang in ("en", "zh") for lang in LANGS)
    return items


def _expired(day: Date | None, as_of: Date, keep_days: int) -> bool:
    return day is not None and as_of.toordinal() - day.toordinal() > keep_days
