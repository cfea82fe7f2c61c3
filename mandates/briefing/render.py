"""Briefing -> markdown or HTML, in English or Chinese.

The sections are made here as plain sentences and tables from the briefing's data and the phrase
tables of `i18n`; the Jinja2 templates in `mandates/briefing/templates/` only lay them out. HTML is
autoescaped (every template, whatever its name; the only Markup is the chart, whose SVG escapes
its own text); markdown escapes every value it prints (`md_escape`), so titles, venues, notes and
references cannot inject markup or raw HTML.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from mandates.briefing.data import Briefing, Consequence, InputDecision, OverdueDecision
from mandates.briefing.moves import moves_section
from mandates.briefing.sentences import (
    ChartView,
    Item,
    Part,
    Section,
    Table,
    View,
    Words,
    count_order,
)
from mandates.core.evaluate import InputFlag, OutputState, OutputStatus
from mandates.words import i18n
from mandates.words.i18n import Lang
from mandates.words.markup import markdown_text
from mandates.words.names import set_too_late


def _consequence(w: Words, c: Consequence, without: int | None) -> str:
    parts: list[str] = []
    if without is not None:
        parts.append(w.t("cons_without_one" if without == 1 else "cons_without"))
    if c.meeting is not None:
        state = w.b.evaluation.meetings[c.meeting]
        if state.held:
            parts.append(w.t("cons_meeting_past", meeting=w.meeting(c.meeting), when=w.when(state)))
        else:
            parts.append(w.t("cons_feeds_meeting", meeting=w.meeting(c.meeting),
                             when=w.where_when(c.meeting)))
    if c.needed_by:
        names = [w.output_ref(o) for o in c.needed_by[:2]]
        if len(c.needed_by) > 2:
            names.append(w.t("more", count=w.num(len(c.needed_by) - 2)))
        parts.append(w.tn("cons_needed_by", len(c.needed_by), titles=i18n.list_text(names, w.lang)))
    last = w.plan.process.last_meeting
    if c.dependents and last:
        parts.append(w.tn("cons_dependents", c.dependents, count=w.num(c.dependents),
                          meeting=w.meeting_ref(last)))
    if c.on_chain and last:
        parts.append(w.t("cons_on_chain", meeting=w.meeting_ref(last)))
    if not parts:
        parts.append(w.t("cons_none"))
    return w.sentence(parts)


def _late_line(w: Words, decision: InputDecision, index: int) -> tuple[str, str]:
    item = decision.inputs[index]
    values = {"title": w.output(item.input), "who": w.who(item.input), "mandate": w.mandate(item.input)}
    state = w.b.evaluation.outputs[item.input]
    if item.flag is InputFlag.LATE and set_too_late(state):
        text = _set_too_late(w, state, "in_set_too_late", **values)
    elif item.flag is InputFlag.LATE:
        due = state.due.on if state.due else item.expected_on
        assert due is not None
        text = w.t("in_late", due=w.date(due), days=w.days(item.days_late or 0), **values)
    elif item.flag is InputFlag.ARRIVES_AFTER_DEADLINE:
        assert item.expected_on is not None
        key = "in_arrived_after" if item.arrived else "in_expected_after"
        text = w.t(key, date=w.date(item.expected_on), days=w.days(item.days_late or 0), **values)
    elif item.meeting is not None:
        text = w.t("in_unscheduled", meeting=w.meeting(item.meeting), **values)
    else:
        text = w.t("in_unscheduled_plain", **values)
    return text, w.marks(w.new_mark() if item.new else "", w.mark(item.input))


def _set_too_late(w: Words, state: OutputState, key: str, **values: str) -> str:
    """A deadline that had passed on the day it was set, worded as such: due on D, N days before
    it was announced on A; M days since then (counted from the announcement)."""
    assert state.due is not None and state.due_set_on is not None
    before = state.due_set_on.toordinal() - state.due.on.toordinal()
    since = max(0, w.b.as_of.toordinal() - state.due_set_on.toordinal())
    return w.t(key, due=w.date(state.due.on), days=w.days(before),
               announced=w.date(state.due_set_on), late=w.days(since), **values)


def _input_actions(w: Words, decision: InputDecision) -> str:
    plan = w.plan
    actions: list[str] = []
    after = [i for i in decision.inputs if i.flag is InputFlag.ARRIVES_AFTER_DEADLINE]
    undated = [i for i in decision.inputs if i.flag is InputFlag.UNSCHEDULED]
    late = [i for i in decision.inputs if i.flag is InputFlag.LATE]
    if late:
        bodies = sorted({b for i in late for b in plan.outputs[i.input].responsible},
                        key=list(plan.bodies).index)
        actions.append(w.t("act_late", who=i18n.list_text([w.body(b) for b in bodies], w.lang),
                           n=w.num(len(late))))
    if after:
        target = decision.consequence.meeting
        if target is not None and w.b.evaluation.meetings[target].held:
            actions.append(w.cap(w.t("act_after_held", n=w.num(len(after)), meeting=w.meeting(target))))
        elif target is not None:
            actions.append(w.t("act_after", n=w.num(len(after)), meeting=w.meeting(target)))
        else:
            actions.append(w.t("act_after_plain", n=w.num(len(after))))
    if undated:
        meetings = list(dict.fromkeys(i.meeting for i in undated if i.meeting is not None))  # once each
        if meetings:
            bodies = sorted({plan.meetings[m].body for m in meetings}, key=list(plan.bodies).index)
            names = [w.meeting(m) for m in meetings]
            actions.append(w.tn("act_unscheduled", len(undated),
                                who=i18n.list_text([w.body(b) for b in bodies], w.lang),
                                meetings=i18n.list_text(names, w.lang), n=w.num(len(undated))))
        else:
            actions.append(w.t("act_unscheduled_plain", n=w.num(len(undated))))
    return ("" if w.lang == "zh" else " ").join(actions)


def _decision_item(w: Words, d: InputDecision) -> Item:
    count = len(d.inputs)
    key = "needs_input" if count == 1 else "needs_inputs"
    due = w.date(d.due) if d.due else ""
    line = w.t(key if d.due else f"{key}_undated", due=due, mandate=w.mandate(d.output),
               who=w.who(d.output), count=w.num(count))
    bullets = [_late_line(w, d, i) for i in range(count)]
    labelled = [(w.label("consequence"), _consequence(w, d.consequence, count)),
                (w.label("action"), _input_actions(w, d))]
    return Item(w.output(d.output), [line], bullets, labelled, "late")


def _overdue_item(w: Words, d: OverdueDecision) -> Item:
    values = {"who": w.who(d.output), "mandate": w.mandate(d.output), "due": w.date(d.due),
              "days": w.days(d.days_late)}
    state = w.b.evaluation.outputs[d.output]
    if d.occurrence is not None:
        line = w.t("overdue_occurrence", n=w.num(d.occurrence[0]), total=w.num(d.occurrence[1]), **values)
    elif set_too_late(state):
        line = _set_too_late(w, state, "overdue_set_too_late", who=values["who"],
                             mandate=values["mandate"])
    else:
        line = w.t("overdue_line", **values)
    labelled = [(w.label("consequence"), _consequence(w, d.consequence, None)),
                (w.label("action"), w.t("act_overdue", who=w.who(d.output)))]
    return Item(w.output(d.output), [line], [], labelled, "late",
                w.marks(w.new_mark() if d.new else "", w.mark(d.output)))


def _headline(w: Words) -> Section:
    ev = w.b.evaluation
    counts = ev.counts()
    order = count_order(counts)
    headers = [w.t("col_outputs"), *[_column(w, s) for s in order], w.cap(w.t("late_inputs_label"))]
    row = [w.num(len(ev.outputs)), *[w.num(counts[s.value]) for s in order], w.num(len(ev.late_inputs))]
    lines: list[tuple[str, str]] = []
    late = len(ev.late_inputs)
    lines.append((w.t("late_inputs_line", count=w.num(late)) if late else w.t("late_inputs_none"), ""))
    nxt = w.b.next_meeting
    if nxt is not None:
        state = ev.meetings[nxt]
        assert state.span is not None
        ahead = state.span.opens_earliest.toordinal() - ev.as_of.toordinal()
        key = "next_meeting" if ahead > 0 else "next_meeting_today"
        lines.append((w.t(key, title=w.meeting_title(nxt), when=w.when(state), venue=w.venue(state),
                          days=w.days(ahead)), ""))
    if w.b.upcoming:
        first = w.b.upcoming[0]
        ahead = first.due.on.toordinal() - ev.as_of.toordinal()
        title = w.output_ref(first.output)
        title = title[:1].upper() + title[1:]
        lines.append((w.t("next_deadline", title=title, date=w.date(first.due.on), days=w.days(ahead))
                      if ahead else w.t("next_deadline_today", title=title), ""))
    last = w.plan.process.last_meeting
    lines.extend(_last_meeting(w, last, nxt))
    chain = ev.critical_chain
    if chain and last:
        overdue = sum(1 for o in chain if ev.outputs[o].status is OutputStatus.OVERDUE)
        slacks = [ev.outputs[o].slack_days for o in chain if ev.outputs[o].slack_days is not None
                  and ev.outputs[o].status is not OutputStatus.DELIVERED]
        values = {"meeting": w.meeting_ref(last), "count": w.num(len(chain))}
        if overdue:
            text = w.t("chain_line_late", late=w.num(overdue), **values)
        elif slacks:
            tightest = min(s for s in slacks if s is not None)
            text = (w.t("chain_line", slack=w.days(tightest), **values) if tightest >= 0
                    else w.t("chain_line_behind", slack=w.days(-tightest), **values))
        else:
            text = w.t("chain_plain", **values)
        lines.append((text, ""))
    cells = ["", *[_count_tone(s, counts[s.value]) for s in order], "late" if late else ""]
    return Section("headline", w.t("h_headline"), [
        Part("table", table=Table(headers, [row], [""], [cells])), Part("bullets", bullets=lines)])


def _count_tone(status: OutputStatus, count: int) -> str:
    """Red for a count of what is wrong (overdue), amber for what needs watching (at risk,
    blocked), nothing for the rest (delivered, due soon, on track) or for zero."""
    if not count:
        return ""
    if status is OutputStatus.OVERDUE:
        return "late"
    return "warn" if status in (OutputStatus.AT_RISK, OutputStatus.BLOCKED) else ""


def _last_meeting(w: Words, last: str | None, nxt: str | None) -> list[tuple[str, str]]:
    """`Last meeting of the process: …, in N days`; the last meeting may be a part
    (`cop-15-part-2`): then that part's days and venue."""
    ev = w.b.evaluation
    if not last or last == nxt:
        return []
    if last in ev.meetings:
        state = ev.meetings[last]
        if state.span is None:
            return []
        opens, title, when, venue = (state.span.opens_earliest, w.meeting_title(last), w.when(state),
                                     w.venue(state))
    else:
        base = next((m for m in ev.meetings.values() for p in m.parts if p.id == last), None)
        part = next((p for p in base.parts if p.id == last), None) if base is not None else None
        if base is None or part is None or part.span is None:
            return []
        opens, title, when, venue = (part.span.opens_earliest, w.meeting_ref(last), w.part_when(part),
                                     w.place(part.venue, part.mode))
    ahead = opens.toordinal() - ev.as_of.toordinal()
    if ahead <= 0:
        return []
    return [(w.t("last_meeting", title=title, when=when, venue=venue, days=w.days(ahead)), "")]


def _decisions(w: Words) -> Section:
    parts: list[Part] = []
    if w.b.input_decisions:
        parts.append(Part("h3", w.t("h_late_inputs")))
        parts.append(Part("items", items=[_decision_item(w, d) for d in w.b.input_decisions]))
    if w.b.overdue:
        parts.append(Part("h3", w.t("h_overdue")))
        parts.append(Part("items", items=[_overdue_item(w, d) for d in w.b.overdue]))
    if not parts:
        parts.append(Part("p", w.t("no_decisions")))
    return Section("decisions", w.t("h_decisions"), parts)


def _delivered(w: Words) -> Section:
    parts: list[Part] = []
    rows, tones, cells = [], [], []
    for d in w.b.delivered:
        timing = w.t("on_time") if d.days_late == 0 else w.t("days_late", days=w.days(d.days_late))
        if d.presumed:
            rule = w.plan.outputs[d.output].due
            meeting = getattr(rule, "meeting", None)
            reason = (w.t("presumed_held", meeting=w.meeting(meeting)) if meeting
                      else w.t("presumed_deadline"))
            timing += ("；" if w.lang == "zh" else "; ") + w.t("presumed", reason=reason)
        day = w.date(d.delivered_on) + (w.t("with_ref", ref=w.t("as_ref", ref=d.ref)) if d.ref else "")
        rows.append([w.output(d.output), w.who(d.output), day, timing])
        tones.append("")
        cells.append(["", "", "", "warn" if d.days_late else ""])
    if rows:
        headers = [w.t("col_output"), w.t("col_responsible"), w.t("col_delivered_on"), w.t("col_timing")]
        parts.append(Part("table", table=Table(headers, rows, tones, cells)))
    else:
        parts.append(Part("p", w.t("nothing_delivered")))
    if w.b.held:
        parts.append(Part("h3", w.t("h_held")))
        parts.append(Part("bullets", bullets=[
            (_held_line(w, m), "") for m in w.b.held]))
    heading = w.since_heading("h_delivered_since", "h_delivered_date", "h_delivered_all")
    return Section("delivered", heading, parts)


def _held_line(w: Words, mid: str) -> str:
    """`Title: days, venue.` and whether it is presumed held or recorded, when that is known."""
    state = w.b.evaluation.meetings[mid]
    text = w.t("held_line", title=w.meeting_title(mid), when=w.dates_place(state), venue="")
    held = w.held(state)
    if not held:
        return text
    return text[:-1] + held + text[-1]  # before the full stop


def _upcoming(w: Words) -> Section:
    b = w.b
    parts: list[Part] = []
    rows: list[list[str]] = []
    tones: list[str] = []
    cells: list[list[str]] = []
    for u in b.upcoming:
        ahead = u.due.on.toordinal() - b.as_of.toordinal()
        when = w.t("today") if ahead == 0 else w.t("in_days", days=w.days(ahead))
        day = w.t("due_when", date=w.date(u.due.on), when=when)
        if u.due.is_window:
            span = i18n.span_text(u.due.earliest, u.due.latest, w.lang)
            day = w.t("window_due", date=w.date(u.due.on), when=when, span=span)
        title = w.output(u.output)
        if u.occurrence is not None:
            title += w.t("badge", badge=w.t("occurrence", n=w.num(u.occurrence[0]),
                                             total=w.num(u.occurrence[1])))
        rows.append([day, title, w.who(u.output),
                     w.marks(i18n.status_name(u.status, w.lang), w.mark(u.output))])
        tones.append("")
        cells.append(["", "", "", _count_tone(u.status, 1)])
    if rows:
        headers = [w.t("col_due"), w.t("col_output"), w.t("col_responsible"), w.t("col_status")]
        parts.append(Part("table", table=Table(headers, rows, tones, cells)))
    else:
        parts.append(Part("p", w.t("nothing_upcoming")))
    if b.upcoming_meetings:
        parts.append(Part("h3", w.t("h_upcoming_meetings")))
        parts.append(Part("bullets", bullets=[
            (w.t("meeting_line", when=w.when(b.evaluation.meetings[m]), title=w.meeting_title(m),
                 venue=w.venue(b.evaluation.meetings[m])), "") for m in b.upcoming_meetings]))
    heading = w.t("h_upcoming", weeks=w.num(b.horizon_weeks), date=w.date(b.until))
    return Section("upcoming", heading, parts)


def _column(w: Words, status: OutputStatus) -> str:
    """A status column's heading; cancelled ones include the waived."""
    if status is OutputStatus.CANCELLED:
        return w.t("col_cancelled")
    return w.cap(i18n.status_name(status, w.lang))


def _bodies(w: Words) -> Section:
    order = count_order(w.b.evaluation.counts())
    headers = [w.t("col_body"), *[_column(w, s) for s in order], w.t("col_next")]
    rows, tones, cells = [], [], []
    for line in w.b.bodies:
        rows.append([w.body(line.body), *[w.num(line.counts.get(s.value, 0)) for s in order],
                     w.date(line.next_due) if line.next_due else w.t("none")])
        tones.append("")
        cells.append(["", *[_count_tone(s, line.counts.get(s.value, 0)) for s in order], "d"])
    return Section("bodies", w.t("h_bodies"), [Part("table", table=Table(headers, rows, tones, cells)),
                                               Part("p", w.t("bodies_note"))])


def build_view(briefing: Briefing, lang: Lang, chart_file: str = "") -> View:
    """The briefing's sections as sentences and tables in one language."""
    w = Words(briefing, lang)
    plan = briefing.plan
    since = briefing.since
    intro = []
    if since.kind == "last" and since.on is not None:
        intro.append(w.t("since_last", date=w.date(since.on)))
    elif since.kind == "date" and since.on is not None:
        intro.append(w.t("since_date", date=w.date(since.on)))
    elif since.asked:
        intro.append(w.t("since_plan"))  # `--since none`: whatever briefings are recorded
    else:
        intro.append(w.t("since_none"))
    intro.append(w.t("source", symbol=plan.process.source_document, zone=plan.process.timezone))
    intro.append(w.t("next_briefing", date=w.date(briefing.until)))
    last = plan.process.last_meeting
    timeline = Section("timeline", w.t("h_timeline"), [
        Part("p", w.t("timeline_intro", meeting=w.meeting_ref(last) if last else ""))])
    sections = [_headline(w), _decisions(w), _delivered(w), moves_section(w), _upcoming(w), _bodies(w),
                timeline]
    return View(lang, w.t("doc_heading", title=plan.process.title.get(lang)),
                w.t("as_of", date=i18n.weekday_date(briefing.as_of, lang)), intro, sections,
                _chart(briefing, lang), chart_file,
                w.t("timeline_alt", date=w.date(briefing.as_of)))


def _chart(briefing: Briefing, lang: Lang) -> ChartView:
    from mandates.briefing.chart import timeline_pieces

    pieces = timeline_pieces(briefing.evaluation, lang)
    return ChartView(Markup(pieces.legend), Markup(pieces.axis), [Markup(p) for p in pieces.rows])


def md_escape(value: object) -> object:
    """Escape markdown and raw HTML in a printed value (`words.markup.markdown_text`): every
    sentence, title, note and table cell; only the product's own Markup (the chart link) passes."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return markdown_text(value)


_NUMBER = re.compile(r"^[0-9][0-9,]*$")


def _number_like(value: object) -> bool:
    return isinstance(value, str) and bool(_NUMBER.match(value))


def _environment(html: bool) -> Environment:
    _TEMPLATES = PackageLoader("mandates.briefing", "templates")
    if html:
        env = Environment(loader=_TEMPLATES, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)
    else:
        env = Environment(loader=_TEMPLATES, autoescape=False, finalize=md_escape,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.tests["number_like"] = _number_like
    return env


_BLANK_LINES = re.compile(r"\n{3,}")


def render_markdown(briefing: Briefing, lang: Lang, chart_file: str) -> str:
    """The briefing as markdown, the chart as the PNG `chart_file` beside it."""
    view = build_view(briefing, lang, chart_file)
    template = _environment(False).get_template("briefing.md.j2")
    text = template.render(v=view, link=Markup(_md_link(chart_file)))
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def _md_link(target: str) -> str:
    """A relative link target (a file name the user may choose), percent-encoded (RFC 3986 2.1)
    but for `/`: no space, parenthesis, bracket or angle bracket can end or escape the link."""
    return quote(target, safe="/")


def render_html(briefing: Briefing, lang: Lang) -> str:
    """The briefing as one self-contained HTML page with the SVG chart inline."""
    view = build_view(briefing, lang)
    return _environment(True).get_template("briefing.html.j2").render(v=view)
