"""A moved meeting's "Announced on" in the briefing is the day the move was announced (the fact
that rescheduled, relocated, postponed or split it), not the day the meeting was held: the
shipped history records WG2020-2's move to Rome on 3 February 2020 and the meeting as held on
29 February; the briefing of 1 March 2020 says "announced on 3 February" (docs/briefing.md)."""

from __future__ import annotations

import pendulum
import pytest

from mandates.briefing.data import Since, build_briefing
from mandates.config.history import shipped_facts
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan

# meeting -> (the day its move was announced, the day a `held` fact recorded it), shipped history
ANNOUNCED = {
    "wg2020-2": ("2020-02-03", "2020-02-29"),
    "consult-restoration": ("2019-10-30", "2019-11-08"),
    "ws-area-based": ("2019-12-01", "2019-12-03"),
}


@pytest.mark.parametrize("as_of", ["2020-03-01", "2020-04-01"])
def test_announced_on_is_the_day_of_the_move_not_of_the_meeting(bundled_plan: Plan,
                                                                 as_of: str) -> None:
    facts = shipped_facts(bundled_plan)
    day = pendulum.parse(as_of).date()  # type: ignore[union-attr]
    briefing = build_briefing(evaluate(bundled_plan, facts, day), None, Since("none", None), 6)
    moves = {m.meeting: m for m in briefing.meeting_moves}
    for meeting, (announced, held) in ANNOUNCED.items():
        recorded = {f.effective_on.isoformat() for f in facts if f.subject == meeting}
        assert {announced, held} <= recorded, (meeting, sorted(recorded))  # the data tested
        assert moves[meeting].announced_on is not None
        assert moves[meeting].announced_on.isoformat() == announced, meeting
