"""Deadlines as calendar events: one all-day, transparent event per output, one per report when
periodic (issue 4, items 2-3).

`Due: <output> (<mandate>)` on the due date, with who is responsible, what it is for, what needs
it, each input's state and its own status. A deadline that hangs on a postponed or cancelled
meeting stays on the date computed from the meeting's last dates. Cancelled, waived and retired
deadlines are `STATUS:CANCELLED`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.facts import FactKind
from mandates.core.meetings import MeetingState
from mandates.core.plan import (
    Amendment,
    AtRule,
    Audience,
    BeforeRule,
    EveryRule,
    Plan,
    Title,
    rule_meeting,
    split_ref,
)
from mandates.core.rules import Due, Span, due_of, occurrences
from mandates.feeds.items import Item, ItemKind, day_after, join, line, notes_title, prefixed
from mandates.words.feeds import body_title, date_title, input_phrase, label, mandate_title
from mandates.words.reasons import reason_text

EMPTY = Title("", "")
HORIZON_YEARS = 1
"""Periodic deadlines are listed up to this many years ahead of the evaluation date."""


@dataclass(slots=True)
class Memo:
    """What many deadlines of one evaluation share, made once (`build.build_items` keeps one for
    all its outputs): description lines by what they say (`("mandate", mandate)`,
    `("responsible", ids)`, `("for", target)`, `("due", day)`) and categories by the responsible
    bodies' ids. Titles are immutable, so sharing them changes nothing written."""

    lines: dict[tuple[str, object], Title] = field(default_factory=dict)
    categories: dict[tuple[str, ...], tuple[Title, ...]] = field(default_factory=dict)
    bodies: dict[tuple[tuple[str, ...], str | None, str | None], frozenset[str]] = field(
        default_factory=dict)
    """`_deadline_bodies` by the responsible bodies, the meeting of the due rule, the target."""

    def line(self, plan: Plan, kind: str, value: object) -> Title:
        """The line `kind` of `value`: `mandate` (a mandate's text), `responsible` (body ids),
        `for` (a meeting or output id), `due` (a day)."""
        found = self.lines.get((kind, value))
        if found is None:
            found = self.lines[kind, value] = _make_line(plan, kind, value)
        return found


def _make_line(plan: Plan, kind: str, value: object) -> Title:
    if kind == "mandate":
        return line("mandate", mandate_title(str(value)))
    if kind == "responsible":
        ids = value if isinstance(value, tuple) else ()
        names = [plan.bodies[b].name if b in plan.bodies else Title(b, b) for b in ids]
        return line("responsible", Title("; ".join(t.en for t in names), "；".join(t.zh for t in names)))
    if kind == "for":
        return line("for", _target_title(plan, str(value)))
    assert isinstance(value, Date)
    return line("due", date_title(value))


def meeting_ref(meetings: dict[str, MeetingState], ref: str) -> tuple[MeetingState, int | None] | None:
    """The meeting a rule names, and the part it names (`cop-15-part-2` -> COP-15, 2), or None."""
    meeting_id, number = split_ref(ref, meetings)
    state = meetings.get(meeting_id)
    return (state, number) if state is not None else None


def _cancelled_day(state: MeetingState, retirements: dict[str, Amendment]) -> Date | None:
    days = [f.effective_on for f in state.facts if f.kind is FactKind.CANCELLED]
    if state.id in retirements:
        days.append(retirements[state.id].effective_on)
    return days[-1] if days else None


def cancelled_on(evaluation: Evaluation, state: OutputState,
                 retirements: dict[str, Amendment]) -> Date | None:
    """When an output stopped being required: its waiver, cancellation or retirement, or its
    meeting's cancellation or retirement (`retirements`: id -> the amendment that retired it)."""
    days = [f.effective_on for f in state.facts if f.kind in (FactKind.WAIVED, FactKind.CANCELLED)]
    if state.id in retirements:
        days.append(retirements[state.id].effective_on)
    for meeting_id in (rule_meeting(state.output.due), state.output.for_):
        found = meeting_ref(evaluation.meetings, meeting_id or "")
        if found is not None and (found[0].cancelled or found[0].retired or found[0].id in retirements):
            day = _cancelled_day(found[0], retirements)
            if day is not None:
                days.append(day)
    return min(days) if days else None


def provisional_due(evaluation: Evaluation, state: OutputState) -> tuple[Due, MeetingState] | None:
    """A deadline on a postponed or cancelled meeting, from its last dates (issue 4, item 2)."""
    rule = state.output.due
    if not isinstance(rule, BeforeRule | AtRule):
        return None
    found = meeting_ref(evaluation.meetings, rule.meeting)
    if found is None or not (found[0].postponed or found[0].cancelled):
        return None
    meeting, number = found
    parts = [p for p in meeting.parts if p.number == number] if number is not None else []
    shape = parts[0] if parts else meeting
    if shape.opens_on is not None and shape.closes_on is not None:
        span = Span(shape.opens_on, shape.opens_on, shape.closes_on, shape.closes_on, True)
    elif shape.window is not None:
        span = Span(shape.window.earliest, shape.window.latest, shape.window.earliest,
                    shape.window.latest, True)
    elif meeting.meeting.opens_on is not None and meeting.meeting.closes_on is not None:
        opens, closes = meeting.meeting.opens_on, meeting.meeting.closes_on  # dates withdrawn
        span = Span(opens, opens, closes, closes, True)
    else:
        return None
    plan = evaluation.plan
    due = due_of(rule, lambda mid: span if mid == rule.meeting else None, plan.report_lag,
                 plan.process.business_days, plan.process.holidays)
    return (due, meeting) if due is not None else None


def _deadline_bodies(plan: Plan, state: OutputState) -> frozenset[str]:
    bodies = set(state.output.responsible)
    for meeting_id in (rule_meeting(state.output.due), state.output.for_):
        meeting = plan.meetings.get(split_ref(meeting_id or "", plan.meetings)[0])
        if meeting is not None:
            bodies.add(meeting.body)
    return frozenset(bodies)


@dataclass(frozen=True, slots=True)
class _Common:
    bodies: frozenset[str]
    public: bool
    categories: tuple[Title, ...]
    notes: Title | None
    subject: str

    def item(self, key: str, day: Date, summary: Title, description: Title, status: str,
             delivered: Date | None) -> Item:
        return Item(key, ItemKind.DEADLINE, day, day_after(day), summary, description, None, status,
                    self.categories, self.bodies, self.public,
                    status != "CANCELLED" and delivered is None, delivered, self.notes, self.subject)


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
    meeting_id = split_ref(target, plan.meetings)[0]
    if meeting_id in plan.meetings:
        return plan.meetings[meeting_id].title
    if target in plan.outputs:
        return plan.outputs[target].title
    return Title(target, target)


def deadline_items(evaluation: Evaluation, state: OutputState, brief: bool = False,
                   memo: Memo | None = None) -> list[Item]:
    """An output's deadline(s) as all-day transparent events; one per occurrence if periodic.

    `brief` leaves the description (and what only it needs) empty: for `history`, which needs
    the significant properties alone (`Item.sig`). `memo`: lines made for other outputs of the
    same evaluation (`Memo`; None: none).
    """
    plan = evaluation.plan
    memo = memo if memo is not None else Memo()
    o = state.output
    mandate = mandate_title(o.mandate)
    cancelled = state.status is OutputStatus.CANCELLED
    public = o.audience is Audience.PUBLIC
    if brief:
        head: list[Title] = []
        inputs: list[Title] = []
        common = _Common(frozenset(), public, (), None, o.id)
    else:
        head, inputs = _head(plan, state, memo), _inputs_lines(evaluation, state)
        categories = memo.categories.get(o.responsible)
        if categories is None:
            categories = memo.categories[o.responsible] = tuple(body_title(plan, b) for b in o.responsible)
        where = (o.responsible, rule_meeting(o.due), o.for_)
        bodies = memo.bodies.get(where)
        if bodies is None:
            bodies = memo.bodies[where] = _deadline_bodies(plan, state)
        common = _Common(bodies, public, categories, notes_title(state.facts), o.id)
    if isinstance(o.due, EveryRule):
        return _periodic_items(evaluation, state, head, inputs, cancelled, common, mandate, brief)
    due, note = state.due, None
    if due is None:
        provisional = provisional_due(evaluation, state)
        if provisional is None:
            return []
        due, meeting = provisional
        if not meeting.cancelled:
            note = Title(meeting.meeting.title.en + label("hangs_postponed", "en"),
                         meeting.meeting.title.zh + label("hangs_postponed", "zh"))
    delivered = state.delivered_on if state.status is OutputStatus.DELIVERED else None
    status = "CANCELLED" if cancelled else ("TENTATIVE" if due.tentative else "CONFIRMED")
    summary = prefixed("cancelled" if cancelled else "due", Title(f"{o.title.en} ({mandate.en})",
                                                                  f"{o.title.zh}（{mandate.zh}）"))
    if brief:
        return [common.item(f"deadline-{o.id}", due.on, summary, EMPTY, status, delivered)]
    lines = [*head, memo.line(plan, "due", due.on)]
    if due.is_window:
        lines.append(Title(label("window", "en") + date_title(due.earliest).en + label("and", "en")
                           + date_title(due.latest).en,
                           label("window", "zh") + date_title(due.earliest).zh + label("and", "zh")
                           + date_title(due.latest).zh + "之间"))
    if note is not None:
        lines.append(note)
    lines += inputs
    lines.append(line("status", _status_title(plan, state)))
    return [common.item(f"deadline-{o.id}", due.on, summary, join(lines), status, delivered)]


def _head(plan: Plan, state: OutputState, memo: Memo) -> list[Title]:
    o = state.output
    head = [o.title, *([o.description] if o.description else []),
            memo.line(plan, "mandate", o.mandate), memo.line(plan, "responsible", o.responsible)]
    if o.for_:
        head.append(memo.line(plan, "for", o.for_))
    needed = plan.consumers_index.get(o.id, ())
    if needed:
        names = [plan.outputs[c].title for c in needed]
        head.append(line("needed_by", Title("; ".join(t.en for t in names), "；".join(t.zh for t in names))))
    return head


def _status_title(plan: Plan, state: OutputState) -> Title:
    if state.status is OutputStatus.CANCELLED:
        return Title(reason_text(state.reason, plan, "en"), reason_text(state.reason, plan, "zh"))
    if state.status is OutputStatus.DELIVERED and state.delivered_on is not None:
        day = date_title(state.delivered_on)
        if state.presumed:
            return Title(f"presumed delivered on {day.en}", f"推定已于{day.zh}交付")
        return Title(f"delivered on {day.en}", f"已于{day.zh}交付")
    return NOT_DELIVERED


NOT_DELIVERED = Title("not yet delivered", "尚未交付")


def _periodic_items(evaluation: Evaluation, state: OutputState, head: list[Title],
                    inputs: list[Title], cancelled: bool, common: _Common,
                    mandate: Title, brief: bool) -> list[Item]:
    plan = evaluation.plan
    rule = state.output.due
    assert isinstance(rule, EveryRule)

    def span_of(meeting_id: str) -> Span | None:
        found = meeting_ref(evaluation.meetings, meeting_id)
        if found is None:
            return None
        meeting, number = found
        parts = [p for p in meeting.parts if p.number == number] if number is not None else []
        return parts[0].span if parts else meeting.span

    horizon = evaluation.as_of.add(years=HORIZON_YEARS)
    dues = list(occurrences(rule, span_of, horizon, plan.process.business_days,
                            plan.process.holidays))
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
        lines = [] if brief else [*head, number, line("due", date_title(due.on)), *inputs,
                                  line("status", _status_title(plan, state) if cancelled else done)]
        status = "CANCELLED" if cancelled else ("TENTATIVE" if due.tentative else "CONFIRMED")
        summary = prefixed("cancelled" if cancelled else "due", Title(
            f"{o.title.en} ({number.en}; {mandate.en})", f"{o.title.zh}（{number.zh}；{mandate.zh}）"))
        items.append(common.item(f"deadline-{o.id}.{index}", due.on, summary,
                                 join(lines) if lines else EMPTY, status, delivered))
    return items
