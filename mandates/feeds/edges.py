"""Late-input warnings through time, from the outputs' own histories (issue 9, part 6).

Whether an input is flagged for the output that needs it depends on the two outputs alone: the
input's due date and delivery, the other's deadline, and the date. `flagged` states the
evaluation's input flags (`core.evaluate`: late, arriving after the deadline, no date) on
snapshots of the two outputs (`timeline.Snap`), so that a warning's history costs no evaluation
beyond the outputs' own. It is checked against the evaluation on the evaluation date for every
warning it is used for; where they differ (or an amendment touches the outputs), `history`
evaluates the outputs together instead (a warning group).
"""

from __future__ import annotations

from collections.abc import Callable

from pendulum import Date

from mandates.core.plan import Title
from mandates.feeds.items import Sig
from mandates.feeds.timeline import Snap, next_day
from mandates.feeds.warning_items import RESOLVED, Edge
from mandates.words.feeds import label

SnapAt = Callable[[str, Date], Snap | None]


def flagged(source: Snap, consumer: Snap, day: Date) -> bool:
    """Whether `source` is a late input of `consumer` on `day` (the flags of `core.evaluate`:
    delivered after the deadline, no date, late, or expected after the deadline)."""
    if source.cancelled:
        return False
    deadline = consumer.due.on if consumer.due is not None else None
    delivered = source.delivered_on
    if delivered is not None and (deadline is None or delivered <= deadline):
        return False
    due = source.due
    if (due is not None and day <= due.on and not due.tentative
            and (deadline is None or due.latest <= deadline)):
        return False
    if delivered is not None or due is None or day > due.on:
        return True
    return deadline is not None and due.latest > deadline


def _summary(head: str, source: Snap, consumer: Snap) -> Title:
    return Title(f"{label(head, 'en')}{source.title.en}{label('for_output', 'en')}{consumer.title.en}",
                 f"{label(head, 'zh')}{source.title.zh}{label('for_output', 'zh')}{consumer.title.zh}")


def sig(source: Snap, consumer: Snap, day: Date, was_active: bool) -> tuple[Sig | None, bool]:
    """The warning's significant properties on a day (None: not in the feed), and whether it is
    active then — the model of `warning_items.sig_at`."""
    if consumer.open and flagged(source, consumer, day):
        shown = consumer.due.on if consumer.due is not None else (
            source.delivered_on or (source.due.latest if source.due is not None else None))
        if shown is None:  # nowhere to show it: never published, so never resolved either
            return None, False
        return (shown, next_day(shown), None, _summary("late_input", source, consumer), None), True
    if was_active and consumer.open and consumer.due is not None and day <= consumer.due.on:
        day_shown = consumer.due.on
        return (day_shown, next_day(day_shown), None, _summary("resolved", source, consumer),
                RESOLVED), False
    return None, False


def timeline(edge: Edge, days: list[Date], snap_at: SnapAt) -> tuple[list[Sig | None], bool]:
    """The warning's sigs on each day (sorted, all before the evaluation date), and whether it
    was active on any of them."""
    sigs: list[Sig | None] = []
    was_active = False
    for day in days:
        source, consumer = snap_at(edge[1], day), snap_at(edge[0], day)
        if source is None or consumer is None:
            sigs.append(None)
            continue
        now, is_active = sig(source, consumer, day, was_active)
        sigs.append(now)
        was_active = was_active or is_active
    return sigs, was_active

