"""The briefing's section on moves: each meeting moved in the period, once, with what the move
puts at risk (`briefing.risk`) and the slack left to the last meeting; deadlines that shifted;
inputs newly late; notes and waivers recorded. Sentences in one language from `Words`."""

from __future__ import annotations

from mandates.briefing.data import MeetingMove
from mandates.briefing.risk import AtRisk, MoveRisk, affected_meetings
from mandates.briefing.sentences import Item, Part, Section, Table, Words
from mandates.core.facts import FactKind
from mandates.core.plan import Provenance
from mandates.words import i18n
from mandates.words.names import provenance_name
from mandates.words.usertext import untranslated_mark


def _risk_line(w: Words, item: AtRisk, last: str) -> tuple[str, str]:
    """One output at risk with its slack to the last meeting, and its badge (presumed,
    assumed)."""
    values = {"title": w.output(item.output), "who": w.who(item.output), "last": last}
    if item.due is not None and item.slack_to_last is not None and item.slack_to_last < 0:
        text = w.t("risk_late", due=w.date(item.due), days=w.days(-item.slack_to_last), **values)
    elif item.due is not None and item.slack_to_last is not None:
        text = w.t("risk_slack", due=w.date(item.due), slack=w.days(item.slack_to_last), **values)
    elif item.due is not None:
        text = w.t("risk_due", due=w.date(item.due), **values)
    elif item.latest_finish is not None:
        text = w.t("risk_undated", latest=w.date(item.latest_finish), **values)
    else:
        text = w.t("risk_no_date", **values)
    state = w.b.evaluation.outputs[item.output]
    if item.set_too_late and state.due is not None and state.due_set_on is not None:
        days = state.due_set_on.toordinal() - state.due.on.toordinal()
        text += w.t("risk_set_too_late", days=w.days(days), announced=w.date(state.due_set_on))
    badge = ""
    if item.provenance in (Provenance.PRESUMED, Provenance.ASSUMED) and item.provenance is not None:
        badge = provenance_name(item.provenance, item.assumption, w.lang)
    return text, badge


def _risk_summary(w: Words, risk: MoveRisk, last: str) -> str:
    count = len(risk.outputs)
    if not count:
        return w.sentence([w.t("risk_none")])
    late = sum(1 for i in risk.outputs if i.slack_to_last is not None and i.slack_to_last < 0)
    if late:
        text = w.t("risk_count_late", count=w.num(count), late=w.num(late), last=last)
    elif risk.tightest is not None:
        text = w.t("risk_count", count=w.num(count), slack=w.days(risk.tightest), last=last)
    else:
        text = w.tn("risk_count_plain", count, count=w.num(count))
    return w.sentence([text])


def _move_item(w: Words, move: MeetingMove, risk: MoveRisk | None) -> Item:
    """A moved meeting, listed once: old -> new, when it was announced, what it puts at risk."""
    line = w.t("risk_change", old=w.dates_place(move.before), new=w.dates_place(move.after))
    if move.announced_on is not None:
        line += ("" if w.lang == "zh" else " ") + w.t("announced", date=w.date(move.announced_on))
    last_id = w.plan.process.last_meeting
    last = w.meeting_ref(last_id) if last_id else ""
    bullets = [_risk_line(w, i, last) for i in risk.outputs] if risk is not None else []
    labelled = [(w.label("risk_label"), _risk_summary(w, risk, last))] if risk is not None else []
    title = w.t("risk_title", title=w.meeting_title(move.meeting), kind=w.t(f"move_{move.kind}"))
    return Item(title, [line], bullets, labelled, "late" if bullets else "")


def moves_section(w: Words) -> Section:
    """Section 4: meetings moved (each once, with what the move puts at risk), deadlines that
    shifted, inputs newly late, notes and waivers."""
    b = w.b
    parts: list[Part] = []
    if b.meeting_moves:
        parts.append(Part("h3", w.t("h_meeting_moves")))
        risks = {r.meeting: r for r in b.risks}
        parts.append(Part("items", items=[_move_item(w, m, risks.get(m.meeting))
                                          for m in b.meeting_moves]))
        affected = affected_meetings(b.evaluation, b.risks)  # each once
        if affected:
            names = [w.t("risk_meeting", meeting=w.meeting(m), when=w.where_when(m)) for m in affected]
            parts.append(Part("p", w.t("risk_affected", meetings=i18n.list_text(names, w.lang))))
    if b.deadline_moves:
        parts.append(Part("h3", w.t("h_deadline_moves")))
        rows = []
        for d in b.deadline_moves:
            shift = w.t("none")
            if d.shift_days:
                key = "shift_later" if d.shift_days > 0 else "shift_earlier"
                shift = w.t(key, days=w.days(abs(d.shift_days)))
            rows.append([w.output(d.output), w.date(d.old_due) if d.old_due else w.t("no_date"),
                         w.date(d.new_due) if d.new_due else w.t("no_date"), shift,
                         w.t("because_meeting", meeting=w.meeting(d.cause)) if d.cause else w.t("none")])
        headers = [w.t("col_output"), w.t("col_was"), w.t("col_now"), w.t("col_shift"), w.t("col_because")]
        parts.append(Part("table", table=Table(headers, rows, [""] * len(rows))))
    if b.new_late:
        parts.append(Part("h3", w.t("h_new_late")))
        parts.append(Part("bullets", bullets=[
            (w.t("new_late_line", title=w.output(li.input.id), needed=w.output(li.output),
                 flag=i18n.flag_name(li.input.flag, w.lang) if li.input.flag else ""),
             w.mark(li.input.id))
            for li in b.new_late]))
    if b.notes:
        parts.append(Part("h3", w.t("h_notes")))
        bullets = []
        for fact in b.notes:
            subject = (w.output(fact.subject) if fact.subject in w.plan.outputs
                       else w.meeting_title(fact.subject) if fact.subject in w.plan.meetings
                       else fact.subject)
            key = "waived_line" if fact.kind is FactKind.WAIVED else "note_line"
            # as typed, its mark (if untranslated) before the quotation marks, not inside them
            mark = untranslated_mark(fact.written_in, w.lang)
            text = w.t(key, date=w.date(fact.effective_on), subject=subject, mark=mark,
                       text=fact.text or "")
            bullets.append((text, ""))
        parts.append(Part("bullets", bullets=bullets))
    if not parts:
        parts.append(Part("p", w.t("no_moves")))
    return Section("moves", w.since_heading("h_moves_since", "h_moves_date", "h_moves_plan"), parts)
