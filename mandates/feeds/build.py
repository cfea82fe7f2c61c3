"""Every item of every feed as of the evaluation date (issue 4, items 2-3; issue 9, part 6).

Meetings (one event per part), deadlines, active late-input warnings and, given by `history`,
the resolved warnings still shown. Cancelled and retired meetings and deadlines are kept
`keep_cancelled_days` after they were cancelled (or retired), then dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.facts import FactKind
from mandates.core.meetings import MeetingState
from mandates.core.plan import Amendment
from mandates.feeds.deadline_items import Memo, cancelled_on, deadline_items
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


def meeting_events(evaluation: Evaluation, state: MeetingState, keep_cancelled_days: int,
                   by: Amendment | None) -> list[Item]:
    """A meeting's events, none once cancelled or retired (`by`) longer than it is kept."""
    if state.cancelled or by is not None:
        days = [f.effective_on for f in state.facts if f.kind is FactKind.CANCELLED]
        days += [by.effective_on] if by is not None else []
        if days and expired(max(days), evaluation.as_of, keep_cancelled_days):
            return []
    return meeting_items(evaluation.plan, state, by)


def deadline_events(evaluation: Evaluation, state: OutputState, keep_cancelled_days: int,
                    retired: dict[str, Amendment], brief: bool = False,
                    memo: Memo | None = None) -> list[Item]:
    """An output's deadline events, none once cancelled longer than it is kept (`memo`: as
    `deadline_items`)."""
    if state.status is OutputStatus.CANCELLED and expired(
            cancelled_on(evaluation, state, retired), evaluation.as_of, keep_cancelled_days):
        return []
    return deadline_items(evaluation, state, brief, memo)


def resolved_items(evaluation: Evaluation, resolved: Iterable[Edge]) -> list[Item]:
    """The resolved warnings still shown (`history.Stamps.resolved`), `STATUS:CANCELLED`."""
    return [i for edge in resolved if (i := resolved_item(evaluation, edge))]


def build_items(evaluation: Evaluation, keep_cancelled_days: int,
                resolved: Iterable[Edge] = ()) -> list[Item]:
    """Every item of every feed; `resolved` are the warnings no longer active but still shown."""
    retired = retirements(evaluation)
    items = [i for state in evaluation.meetings.values()
             for i in meeting_events(evaluation, state, keep_cancelled_days, retired.get(state.id))]
    memo = Memo()
    items += [i for state in evaluation.outputs.values()
              for i in deadline_events(evaluation, state, keep_cancelled_days, retired, memo=memo)]
    items += [i for late in evaluation.late_inputs if (i := warning_item(evaluation, late))]
    items += resolved_items(evaluation, resolved)
    keys = [i.key for i in items]
    assert len(keys) == len(set(keys)), "item keys must be unique"
    return items
