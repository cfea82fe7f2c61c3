"""Every item of every feed as of the evaluation date (issue 4, items 2-3; issue 9, part 6).

Meetings (one event per part), deadlines, active late-input warnings and, given by `history`,
the resolved warnings still shown. Cancelled and retired meetings and deadlines are kept
`keep_cancelled_days` after they were cancelled (or retired), then dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.facts import FactKind
from mandates.core.plan import Amendment
from mandates.feeds.deadline_items import cancelled_on, deadline_items
from mandates.feeds.items import Item, expired
from mandates.feeds.meeting_items import meeting_items
from mandates.feeds.warning_items import Edge, resolved_item, warning_item


def retirements(evaluation: Evaluation) -> dict[str, Amendment]:
    """The amendment that retired each retired meeting or output (`Plan.retired`), by id."""
    plan = evaluation.plan
    if not plan.retired:
        return {}
    known = {a.id: a for a in plan.amendments}
    known.update({f.amendment.id: f.amendment for f in evaluation.facts if f.amendment is not None})
    return {item: known[by] for item, by in plan.retired.items() if by in known}


def meeting_part(evaluation: Evaluation, keep_cancelled_days: int,
                 retired: dict[str, Amendment]) -> list[Item]:
    """The meetings' events, cancelled and retired ones while they are kept."""
    items: list[Item] = []
    for state in evaluation.meetings.values():
        by = retired.get(state.id)
        if state.cancelled or by is not None:
            days = [f.effective_on for f in state.facts if f.kind is FactKind.CANCELLED]
            days += [by.effective_on] if by is not None else []
            if days and expired(max(days), evaluation.as_of, keep_cancelled_days):
                continue
        items += meeting_items(evaluation.plan, state, by)
    return items


def deadline_part(evaluation: Evaluation, keep_cancelled_days: int,
                  retired: dict[str, Amendment]) -> list[Item]:
    """The deadlines' events, cancelled ones while they are kept."""
    items: list[Item] = []
    for state in evaluation.outputs.values():
        if state.status is OutputStatus.CANCELLED and expired(
                cancelled_on(evaluation, state, retired), evaluation.as_of, keep_cancelled_days):
            continue
        items += deadline_items(evaluation, state)
    return items


def build_items(evaluation: Evaluation, keep_cancelled_days: int,
                resolved: Iterable[Edge] = ()) -> list[Item]:
    """Every item of every feed; `resolved` are the warnings no longer active but still shown."""
    retired = retirements(evaluation)
    items = meeting_part(evaluation, keep_cancelled_days, retired)
    items += deadline_part(evaluation, keep_cancelled_days, retired)
    items += [i for late in evaluation.late_inputs if (i := warning_item(evaluation, late))]
    items += [i for edge in resolved if (i := resolved_item(evaluation, edge))]
    keys = [i.key for i in items]
    assert len(keys) == len(set(keys)), "item keys must be unique"
    return items
