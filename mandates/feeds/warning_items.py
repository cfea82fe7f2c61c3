"""Late-input warnings for the secretariat's feed, and what becomes of them (issue 9, part 6).

A warning `late-input-<output>.<input>` sits on the day the output that needs the input is due
(or, while that output has no date, on the day the input is expected). Its life:

- **active** while the evaluation flags the input (late, arriving after the deadline, no date)
  and the output that needs it is neither delivered nor cancelled;
- **resolved** once the input is no longer flagged (delivered, moved earlier, waived, no longer
  an input): published once more with `STATUS:CANCELLED` and `No longer late:` in its title, so
  that clients remove it rather than keep a stale warning. It stays so while the output that
  needs it is open and its deadline has not passed (`as_of <= due`);
- **dropped** after that, or at once when the output that needs it is delivered or cancelled.

Whether a warning was ever active comes from `history` (the dates its inputs changed).
"""

from __future__ import annotations

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputState, LateInput, OutputState, OutputStatus
from mandates.core.plan import Plan, Title
from mandates.feeds.items import Item, ItemKind, Sig, day_after, join, line
from mandates.words.feeds import LABELS, body_title, date_title, input_phrase, label, mandate_title

Edge = tuple[str, str]
"""A warning's subject: (the output that needs the input, the input)."""

RESOLVED = "CANCELLED"


def edge_key(edge: Edge) -> str:
    """The item key (UID without the process): `late-input-<output>.<input>`."""
    return f"late-input-{edge[0]}.{edge[1]}"


def active(evaluation: Evaluation) -> dict[Edge, LateInput]:
    """The inputs flagged late as of the evaluation date, by edge."""
    return {(late.output, late.input.id): late for late in evaluation.late_inputs}


def _open(state: OutputState) -> bool:
    return state.status not in (OutputStatus.DELIVERED, OutputStatus.CANCELLED)


def _summary(plan: Plan, edge: Edge, resolved: bool) -> Title | None:
    consumer, source = plan.outputs.get(edge[0]), plan.outputs.get(edge[1])
    if consumer is None or source is None:
        return None
    head = "resolved" if resolved else "late_input"
    return Title(f"{label(head, 'en')}{source.title.en}{label('for_output', 'en')}{consumer.title.en}",
                 f"{label(head, 'zh')}{source.title.zh}{label('for_output', 'zh')}{consumer.title.zh}")


def _active_day(evaluation: Evaluation, late: LateInput) -> Date | None:
    consumer = evaluation.outputs[late.output]
    return consumer.due.on if consumer.due is not None else late.input.expected_on


def resolvable(evaluation: Evaluation, edge: Edge) -> Date | None:
    """The day a resolved warning would be shown on as of the evaluation date (the deadline of the
    output that needs the input), or None when it would be dropped: that output delivered,
    cancelled, without a date or past its deadline."""
    consumer = evaluation.outputs.get(edge[0])
    if consumer is None or not _open(consumer) or consumer.due is None:
        return None
    return consumer.due.on if evaluation.as_of <= consumer.due.on else None


def sig_at(evaluation: Evaluation, edge: Edge, late: LateInput | None, was_active: bool) -> Sig | None:
    """The warning's significant properties as of the evaluation date, given whether it is flagged
    (`late`) and whether it was active on an earlier date; None when it is not in the feed."""
    if late is not None:
        day = _active_day(evaluation, late)
        summary = _summary(evaluation.plan, edge, resolved=False)
        return (day, day_after(day), None, summary, None) if day and summary else None
    day = resolvable(evaluation, edge) if was_active else None
    summary = _summary(evaluation.plan, edge, resolved=True) if day is not None else None
    return (day, day_after(day), None, summary, RESOLVED) if day and summary else None


def _source_lines(evaluation: Evaluation, edge: Edge, phrase: Title) -> list[Title]:
    plan = evaluation.plan
    consumer, source = evaluation.outputs[edge[0]], evaluation.outputs[edge[1]]
    needed, late_title = consumer.output.title, source.output.title
    due_line = (line("due", date_title(consumer.due.on)) if consumer.due is not None
                else LABELS["not_scheduled"])
    responsible = source.output.responsible
    return [Title(f"{late_title.en}: {phrase.en}", f"{late_title.zh}：{phrase.zh}"),
            line("needed_by", needed), due_line,
            line("responsible", Title(", ".join(body_title(plan, b).en for b in responsible),
                                      "、".join(body_title(plan, b).zh for b in responsible))),
            line("mandate", mandate_title(source.output.mandate))]


def warning_item(evaluation: Evaluation, late: LateInput) -> Item | None:
    """An active warning, or None when it has no day to sit on."""
    edge = (late.output, late.input.id)
    sig = sig_at(evaluation, edge, late, was_active=True)
    if sig is None:
        return None
    source = evaluation.outputs[late.input.id]
    phrase = input_phrase(late.input.flag.value if late.input.flag else None, source.delivered_on,
                          source.presumed, False, late.input.expected_on, late.input.days_late)
    return Item(edge_key(edge), ItemKind.WARNING, sig[0], sig[1], sig[3],
                join(_source_lines(evaluation, edge, phrase)), None, None, (), frozenset(), False,
                False, subject=late.output)


def resolved_item(evaluation: Evaluation, edge: Edge) -> Item | None:
    """A resolved warning (`STATUS:CANCELLED`), or None when it is dropped (see the module)."""
    sig = sig_at(evaluation, edge, None, was_active=True)
    if sig is None or edge[1] not in evaluation.outputs:
        return None
    consumer, source = evaluation.outputs[edge[0]], evaluation.outputs[edge[1]]
    now: InputState | None = next((i for i in consumer.inputs if i.id == edge[1]), None)
    expected = now.expected_on if now is not None else (source.due.latest if source.due else None)
    phrase = input_phrase(now.flag.value if now is not None and now.flag else None,
                          source.delivered_on, source.presumed,
                          source.status is OutputStatus.CANCELLED, expected,
                          now.days_late if now is not None else None)
    lines = [*_source_lines(evaluation, edge, phrase), LABELS["resolved_note"]]
    return Item(edge_key(edge), ItemKind.WARNING, sig[0], sig[1], sig[3], join(lines), None, RESOLVED,
                (), frozenset(), False, False, subject=edge[0])
