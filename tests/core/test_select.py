"""core.select (issue 10, part 1): the part of the check an officer narrows it to, on the bundled
process as of 6 January 2020 (frozen), by meeting, body, responsible body and status."""

from __future__ import annotations

import pendulum
import pytest

from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.plan import Plan, rule_meeting, split_ref
from mandates.core.select import Selection, select, unknown_ids
from mandates.core.statuses import OutputStatus

AS_OF = pendulum.Date(2020, 1, 6)


@pytest.fixture(scope="module")
def checked(bundled_plan: Plan) -> Evaluation:
    return evaluate(bundled_plan, [], AS_OF)


def test_nothing_narrowed_is_the_evaluation_itself(checked: Evaluation) -> None:
    assert select(checked, Selection()) is checked


def test_a_meeting_keeps_what_hangs_on_it_and_what_is_for_it(checked: Evaluation) -> None:
    part = select(checked, Selection(meetings=frozenset({"wg2020-2"})))
    assert {"wg2020-2-documents", "wg2020-2-discussion-draft"} <= set(part.outputs)  # hang on it
    assert "consult-review-report" in part.outputs  # for it, due by the consultation's date
    assert "sbstta-24-recs-wg-requests" not in part.outputs
    assert set(part.meetings) == {"wg2020-2"}
    assert all(li.output in part.outputs for li in part.late_inputs)


def test_a_body_keeps_its_meetings_and_what_concerns_them(checked: Evaluation) -> None:
    part = select(checked, Selection(bodies=frozenset({"sbstta"})))
    assert "sbstta-24-recs-wg-requests" in part.outputs and "wg2020-2-documents" not in part.outputs
    assert set(part.meetings) == {"sbstta-23", "sbstta-24"}
    for state in part.outputs.values():
        hung = rule_meeting(state.output.due)
        about = {state.output.for_, split_ref(hung, checked.plan.meetings)[0] if hung else None}
        assert about & {"sbstta-23", "sbstta-24"}, state.id


def test_responsible_and_status_combine_with_and(checked: Evaluation) -> None:
    iucn = select(checked, Selection(responsible=frozenset({"iucn"})))
    assert set(iucn.outputs) == {s.id for s in checked.outputs.values() if "iucn" in s.output.responsible}
    # the meetings of its work: the consultation it convenes and reports from, WG2020-3 it is for
    assert iucn.outputs and set(iucn.meetings) == {"consult-iucn", "wg2020-3"}
    overdue = select(checked, Selection(statuses=frozenset({OutputStatus.OVERDUE})))
    assert overdue.counts()["overdue"] == checked.counts()["overdue"] == len(overdue.outputs) > 0
    both = select(checked, Selection(responsible=frozenset({"iucn"}),
                                     statuses=frozenset({OutputStatus.OVERDUE})))
    assert both.outputs == {}
    either = select(checked, Selection(statuses=frozenset({OutputStatus.OVERDUE, OutputStatus.AT_RISK})))
    assert len(either.outputs) == checked.counts()["overdue"] + checked.counts()["at_risk"]


def test_the_critical_chain_keeps_its_order(checked: Evaluation) -> None:
    part = select(checked, Selection(statuses=frozenset({OutputStatus.AT_RISK, OutputStatus.ON_TRACK})))
    assert part.critical_chain == [o for o in checked.critical_chain if o in part.outputs]


def test_unknown_ids_are_named(bundled_plan: Plan) -> None:
    wrong = unknown_ids(bundled_plan, Selection(bodies=frozenset({"sbsta", "sbstta"}),
                                                meetings=frozenset({"wg2020-9"})))
    assert [(c, v) for c, v, _ in wrong] == [("bodies", "sbsta"), ("meetings", "wg2020-9")]
    assert "sbstta" in wrong[0][2]


def test_responsible_narrows_every_section_to_the_meetings_of_its_work(checked: Evaluation) -> None:
    """`--responsible iucn --responsible switzerland` as of 6 January 2020: the meetings changed
    by then (consult-restoration, moved; ws-area-based, dated) are neither convened by them nor
    about their outputs, so no section names them; `--body` gives the same answer."""
    chosen = Selection(responsible=frozenset({"iucn", "switzerland"}))
    part = select(checked, chosen)
    assert {"consult-restoration", "ws-area-based"} <= set(checked.meetings)
    assert set(part.meetings) == {"consult-iucn", "ws-synergies", "wg2020-3"}
    about = {m for s in part.outputs.values()
             for m in (s.output.for_, split_ref(rule_meeting(s.output.due) or "",
                                                checked.plan.meetings)[0])}
    assert set(part.meetings) <= about | {m.id for m in part.meetings.values()
                                          if m.meeting.body in chosen.responsible}
    assert all(li.output in part.outputs for li in part.late_inputs)
    assert all(oid in part.outputs for oid in part.critical_chain)
    by_body = select(checked, Selection(bodies=frozenset({"sbstta"})))
    assert not {"consult-restoration", "ws-area-based"} & set(by_body.meetings)


def test_responsible_keeps_a_meeting_it_convenes_without_outputs(checked: Evaluation) -> None:
    """A body that convenes a meeting watches it even when none of its outputs hangs on it:
    SBSTTA convenes SBSTTA-23 and SBSTTA-24."""
    part = select(checked, Selection(responsible=frozenset({"sbstta"})))
    assert {"sbstta-23", "sbstta-24"} <= set(part.meetings)
    assert all(m.meeting.body == "sbstta" or m.id in {
        mid for s in part.outputs.values()
        for mid in (s.output.for_, split_ref(rule_meeting(s.output.due) or "",
                                             checked.plan.meetings)[0])}
        for m in part.meetings.values())
