"""Evaluation -> terminal text (rich): the daily check, `show`, `history` and `whatif`."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape as _e  # user and process text is text, never console markup

from mandates.core.diff import EvaluationDiff
from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.facts import Fact
from mandates.core.meetings import MeetingState
from mandates.core.plan import BeforeRule, EveryRule, OnRule, Plan, rule_meeting
from mandates.words.en import long_date, span_text, window_text

SECTIONS = (
    (OutputStatus.OVERDUE, "Overdue", "bold red"),
    (OutputStatus.DUE_SOON, "Due soon", "yellow"),
    (OutputStatus.AT_RISK, "At risk", "magenta"),
    (OutputStatus.BLOCKED, "Blocked", "red"),
)


def meeting_when(state: MeetingState) -> str:
    """`24–28 February 2020`, `January or February 2020 (to be confirmed)`, `to be determined`."""
    if state.cancelled:
        return "cancelled"
    if state.opens_on is not None and state.closes_on is not None:
        text = span_text(state.opens_on, state.closes_on)
        if state.postponed:
            return f"postponed (was {text})"
        return text if state.confirmed else f"{text} (to be confirmed)"
    if state.window is not None:
        return f"{window_text(state.window.earliest, state.window.latest)} (to be confirmed)"
    return "postponed, dates to be determined" if state.postponed else "to be determined"


def _due_text(state: OutputState) -> str:
    if state.due is None:
        return "no date"
    if state.due.is_window:
        return f"{state.due.earliest.isoformat()}..{state.due.latest.isoformat()}"
    return state.due.on.isoformat()


def render_check(console: Console, evaluation: Evaluation) -> None:
    """The daily check: late inputs first, then overdue, due soon, at risk, blocked; totals.

    Each item is a line of facts with its reason indented below it: readable at any width, in a
    terminal, a pipe or an e-mail.
    """
    plan = evaluation.plan
    console.print(f"[bold]{_e(plan.process.title.en)}[/bold] — check as of "
                  f"{long_date(evaluation.as_of)} ({plan.process.timezone})")
    console.print(f"[dim]{_e(plan.process.title.zh)} · {_e(plan.process.source_document)}[/dim]")
    late = evaluation.late_inputs
    console.print(f"\n[bold red]Late inputs ({len(late)})[/bold red]")
    for item in late:
        flag = item.input.flag.value if item.input.flag else ""
        expected = (f"expected {item.input.expected_on.isoformat()}" if item.input.expected_on
                     else "no date")
        days_late = f", {item.input.days_late} days" if item.input.days_late else ""
        console.print(f"  [bold]{_e(item.output)}[/bold] ← {_e(item.input.id)}  [red]{flag}[/red]  "
                      f"({expected}{days_late})", highlight=False)
        console.print(f"      {item.input.reason}", highlight=False, markup=False)
    for status, heading, style in SECTIONS:
        rows = evaluation.in_status(status)
        console.print(f"\n[{style}]{heading} ({len(rows)})[/{style}]")
        for state in rows:
            responsible = ", ".join(plan.body_short(b) for b in state.output.responsible)
            console.print(f"  [bold]{_e(state.id)}[/bold]  due {_due_text(state)}  {_e(responsible)}  "
                          f"[dim]{_e(state.output.mandate)}[/dim]", highlight=False)
            console.print(f"      {state.reason}", highlight=False, markup=False)
    moved = [m for m in evaluation.meetings.values() if m.moved or m.postponed or m.cancelled]
    if moved:
        console.print(f"\n[bold]Meetings changed ({len(moved)})[/bold]")
        for m in moved:
            planned = MeetingState(m.meeting, m.meeting.opens_on, m.meeting.closes_on,
                                   m.meeting.window, m.meeting.venue, m.meeting.timezone,
                                   m.meeting.confirmed, False, False, False, None, ())
            venue = f", {m.venue.en}" if m.venue else ""
            was = f"{meeting_when(planned)}, {m.meeting.venue.en if m.meeting.venue else '—'}"
            console.print(f"  [bold]{_e(m.id)}[/bold]: {meeting_when(m)}{_e(venue)}  (planned: {_e(was)})",
                          highlight=False)
    shifted = [s for s in evaluation.outputs.values() if s.slip_days]
    if shifted:
        console.print(f"\n[bold]Deadlines moved ({len(shifted)})[/bold]")
        for s in shifted:
            assert s.baseline_due is not None and s.due is not None
            console.print(f"  {s.id}: {s.baseline_due.on.isoformat()} → {s.due.on.isoformat()} "
                          f"({s.slip_days:+d} days)", highlight=False)
    if evaluation.critical_chain:
        console.print(f"\n[bold]Critical chain[/bold] to {plan.process.last_meeting}: "
                      + " → ".join(evaluation.critical_chain), highlight=False)
    totals = evaluation.counts()
    console.print("Totals: " + " · ".join(f"{k.replace('_', ' ')} {v}" for k, v in totals.items())
                  + f" · late inputs {len(late)}", highlight=False)


def rule_text(plan: Plan, state: OutputState) -> str:
    """The due rule in words, e.g. `6 weeks before wg2020-2 opens`."""
    rule = state.output.due
    if isinstance(rule, OnRule):
        return f"on {rule.on.isoformat()}"
    if isinstance(rule, BeforeRule):
        amount = f"{rule.days // 7} weeks" if rule.days % 7 == 0 and rule.days else f"{rule.days} days"
        return f"{amount} before {rule.meeting} opens" if rule.days else f"on the day {rule.meeting} opens"
    if isinstance(rule, EveryRule):
        every = f"{rule.months} months" if rule.months else f"{rule.weeks} weeks"
        until = rule.until_meeting or (rule.until_date.isoformat() if rule.until_date else "open-ended")
        return f"every {every} from {rule.start.isoformat()} until {until}"
    lag = rule.lag_days if rule.lag_days is not None else plan.report_lag(rule.meeting)
    return f"at {rule.meeting} (available when it closes, +{lag} days)"


def render_output(console: Console, evaluation: Evaluation, state: OutputState) -> None:
    """`mandates show OUTPUT`: mandate, rule, due, status, inputs, what it is for, facts."""
    o = state.output
    plan = evaluation.plan
    console.print(f"[bold]{_e(o.id)}[/bold] — {_e(o.title.en)}\n{_e(o.title.zh)}")
    if o.description is not None:
        console.print(f"{o.description.en}\n{o.description.zh}", markup=False, highlight=False)
    console.print(f"mandate: {o.mandate}   responsible: {', '.join(o.responsible)}   "
                  f"audience: {o.audience.value}   defined at {o.source}", markup=False)
    console.print(f"rule: {rule_text(plan, state)}   for: {o.for_ or '—'}")
    baseline = state.baseline_due.on.isoformat() if state.baseline_due else "—"
    console.print(f"due: {_due_text(state)} (baseline {baseline}, slip {state.slip_days}, "
                  f"slack {state.slack_days})")
    console.print(f"status as of {evaluation.as_of.isoformat()}: [bold]{state.status.value}[/bold] — "
                  f"{_e(state.reason)}")
    for item in state.inputs:
        flag = f"[red]{item.flag.value}[/red] " if item.flag else ""
        when = item.expected_on.isoformat() if item.expected_on else "no date"
        console.print(f"  input {_e(item.id)}: {flag}{_e(item.reason or f'expected or delivered {when}')}")
    needed_by = plan.consumers_index.get(o.id, ())
    if needed_by:
        console.print(f"needed by: {', '.join(needed_by)}")
    render_facts(console, state.facts)


def render_meeting(console: Console, evaluation: Evaluation, state: MeetingState) -> None:
    """`mandates show MEETING`: dates, venue, status, mandate, what hangs on it, facts."""
    m = state.meeting
    console.print(f"[bold]{_e(m.id)}[/bold] — {_e(m.title.en)}\n{_e(m.title.zh)}")
    if m.description is not None:
        console.print(f"{m.description.en}\n{m.description.zh}", markup=False, highlight=False)
    console.print(f"when: {meeting_when(state)}   where: {state.venue.en if state.venue else '—'} "
                  f"({state.timezone})   status: {state.status.value}", markup=False)
    console.print(f"Annex II type {m.type}, table {m.table or '—'}; mandate: {m.mandate or '—'}; "
                  f"element: {m.element.en if m.element else '—'}; defined at {m.source}", markup=False)
    hanging = [s.id for s in evaluation.outputs.values()
               if m.id in (s.output.for_, rule_meeting(s.output.due))]
    console.print(f"deadlines that hang on it: {', '.join(hanging) or '—'}")
    render_facts(console, state.facts)


def render_facts(console: Console, facts: tuple[Fact, ...] | list[Fact]) -> None:
    """The history of facts of one item."""
    if not facts:
        console.print("history: no facts recorded")
        return
    console.print("history:")
    for fact in facts:
        console.print(f"  #{fact.id} {fact.describe()} (recorded {fact.recorded_at.to_iso8601_string()})",
                      markup=False, highlight=False)


def render_diff(console: Console, change: EvaluationDiff) -> None:
    """`mandates whatif`: what would move and what would become late."""
    for m in change.meetings:
        console.print(f"meeting {m.id}: {meeting_when(m.before)} → {meeting_when(m.after)}")
    if not change.deadlines:
        console.print("no deadline would move")
    for d in change.deadlines:
        old = d.old_due.isoformat() if d.old_due else "no date"
        new = d.new_due.isoformat() if d.new_due else "no date"
        shift = f" ({d.shift_days:+d} days)" if d.shift_days else ""
        status = (f"; {d.old_status.value} → {d.new_status.value}"
                  if d.old_status is not d.new_status else "")
        console.print(f"  {d.id}: {old} → {new}{shift}{status}")
    for item in change.new_late_inputs:
        flag = item.input.flag.value if item.input.flag else ""
        console.print(f"[red]would become {flag}[/red]: {_e(item.input.id)} for {_e(item.output)} — "
                      f"{_e(item.input.reason or '')}")
