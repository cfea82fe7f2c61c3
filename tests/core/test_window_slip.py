"""One rule for how far a deadline moved (trial finding 1): a secretariat plans to the earliest
day a deadline can fall on, the latest safe day (`Due.planned`), so the check's `slip_days` and
`whatif`'s shift are both measured between planned days, whether the rule is `before` a meeting
in a window or `at` it. The living plan's WG-2 (24-28 February 2020) moved to "April or May
2020" (announced 6 January, not confirmed), evaluated as of 6 January 2020 (frozen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from living import d, moved, run, states_plan

from mandates.core.diff import diff
from mandates.core.evaluate import Evaluation
from mandates.core.plan import Precision
from mandates.core.rules import Due, exact_due, slip

AS_OF = "2020-01-06"


@pytest.fixture
def april_or_may(tmp_path: Path) -> tuple[Evaluation, Evaluation]:
    """(as planned, WG-2 moved to the window April-May 2020), both as of 6 January 2020."""
    plan = states_plan(tmp_path)
    window = moved("wg-2", "2020-04-01", "2020-05-31", AS_OF, precision=Precision.MONTH,
                   tentative=True)
    return run(plan, (), AS_OF), run(plan, [window], AS_OF)


def test_slip_is_measured_to_the_first_day_of_a_window_before_and_at_a_meeting(
        april_or_may: tuple[Evaluation, Evaluation]) -> None:
    _, after = april_or_may
    documents, report = after.outputs["documents"], after.outputs["wg2-report"]
    assert documents.due is not None and report.due is not None
    # six weeks before an opening between 1 April and 31 May; what WG-2 adopts, at its close
    assert (documents.due.earliest, documents.due.latest) == (d("2020-02-19"), d("2020-04-19"))
    assert (report.due.earliest, report.due.latest) == (d("2020-04-01"), d("2020-05-31"))
    # 13 January -> 19 February; 28 February -> 1 April: each to the window's first day
    assert (documents.slip_days, report.slip_days) == (37, 33)
    # the day that counts for the status is unchanged: what a meeting adopts exists at its close
    assert (documents.due.on, report.due.on) == (d("2020-02-19"), d("2020-05-31"))


def test_whatif_says_what_the_check_says(april_or_may: tuple[Evaluation, Evaluation]) -> None:
    before, after = april_or_may
    changes = {c.id: c for c in diff(before, after).deadlines}
    for oid in ("documents", "wg2-report"):
        change, state = changes[oid], after.outputs[oid]
        assert state.due is not None and state.baseline_due is not None
        assert change.shift_days == state.slip_days
        assert (change.old_due, change.new_due) == (state.baseline_due.planned, state.due.planned)
        assert change.new_window == (state.due.earliest, state.due.latest)
    assert (changes["wg2-report"].old_due, changes["wg2-report"].new_due,
            changes["wg2-report"].shift_days) == (d("2020-02-28"), d("2020-04-01"), 33)


def test_a_window_that_only_widens_is_a_change(april_or_may: tuple[Evaluation, Evaluation],
                                               tmp_path: Path) -> None:
    """April only -> April or May: the first day stays, the last moves; whatif lists it, +0."""
    _, may = april_or_may
    plan = may.plan
    april = moved("wg-2", "2020-04-01", "2020-04-30", AS_OF, precision=Precision.MONTH,
                  tentative=True)
    changes = {c.id: c for c in diff(run(plan, [april], AS_OF), may).deadlines}
    assert changes["wg2-report"].shift_days == 0
    assert changes["wg2-report"].old_window == (d("2020-04-01"), d("2020-04-30"))
    assert changes["wg2-report"].new_window == (d("2020-04-01"), d("2020-05-31"))


def test_slip_between_due_dates() -> None:
    day = exact_due(d("2020-02-28"))
    window = Due(d("2020-05-31"), d("2020-04-01"), d("2020-05-31"), True)
    assert (slip(day, window), slip(window, day), slip(day, None), slip(None, window)) == (
        33, -33, None, None)
    assert (window.planned, window.window, day.window) == (
        d("2020-04-01"), (d("2020-04-01"), d("2020-05-31")), None)
