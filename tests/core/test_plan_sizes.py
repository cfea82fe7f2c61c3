"""How many meetings and outputs a process holds (trial finding 3): the plan as amended by a
day, as every evaluation counts it (`Evaluation.plan`), with what the amendments added. The
bundled process (24 meetings and 42 outputs in CBD/WG2020/REC/1/1) as of frozen dates."""

from __future__ import annotations

import pytest
from pendulum import Date

from mandates.core.amend import Sizes, plan_as_of, sizes
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan


@pytest.mark.parametrize(("day", "expected"), [
    # before any amendment: the founding plan
    (Date(2020, 1, 6), Sizes(24, 42, 18, 0, 0, 0)),
    # WG2020-2's recommendation (29 February 2020) adds the updated zero draft and the first draft
    (Date(2020, 3, 1), Sizes(24, 44, 18, 0, 2, 0)),
    # COP-15 in two parts adds the framework's adoption; the Bureau's meetings are added
    (Date(2026, 12, 1), Sizes(29, 45, 18, 5, 3, 0)),
])
def test_the_plan_is_counted_as_amended_by_the_day(bundled_plan: Plan, day: Date,
                                                    expected: Sizes) -> None:
    amended = plan_as_of(bundled_plan, bundled_plan.amendments, day)
    found = sizes(bundled_plan, amended)
    assert found == expected
    evaluation = evaluate(bundled_plan, [], day)  # what the check, brief and /status count
    assert (len(evaluation.meetings), len(evaluation.outputs)) == (found.meetings, found.outputs)
    assert found.outputs - found.added_outputs == len(bundled_plan.outputs) == 42
