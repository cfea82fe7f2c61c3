"""As-of evaluation: statuses, input flags, slip, slack, replay, periodic outputs, critical chain.

Each scenario is a small process file written to tmp_path by a helper named for what it models
(`chain_process`, `window_process`, ...). Facts are built with fixed dates; every evaluation is
made as of a frozen date, never the wall clock.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pendulum
import pytest
from pendulum import Date

from mandates.config.loader import load_plan
from mandates.core.diff import diff
from mandates.core.evaluate import Evaluation, InputFlag, InputState, OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import MeetingStatus, Plan
from mandates.core.reasons import Reason
from mandates.core.record import make_fact
from mandates.words.reasons import reason_text

RECORDED_AT = pendulum.datetime(2019, 8, 1, tz="UTC")


def d(text: str) -> Date:
    return pendulum.Date.fromisoformat(text)


def fact(kind: FactKind, subject: str, effective_on: str, **fields: object) -> Fact:
    """A fact with a fixed recording time (the evaluation only counts `effective_on`)."""
    return Fact(kind, subject, d(effective_on), RECORDED_AT, **fields)  # type: ignore[arg-type]


def delivered(subject: str, on: str) -> Fact:
    return fact(FactKind.DELIVERED, subject, on)


def rescheduled(meeting: str, opens: str, closes: str, announced: str) -> Fact:
    return fact(FactKind.RESCHEDULED, meeting, announced, opens_on=d(opens), closes_on=d(closes))


def run(plan: Plan, as_of: str, facts: Iterable[Fact] = ()) -> Evaluation:
    return evaluate(plan, list(facts), d(as_of))


# ------------------------------------------------------------------------ process file helpers


def meeting(mid: str, title: str, dates: str, meeting_type: int = 1) -> str:
    return (f'  - {{id: {mid}, title: {{en: "{title}", zh: "{title}"}}, body: wg, {dates}, '
            f"type: {meeting_type}}}\n")


def output(oid: str, title: str, due: str, *, for_: str | None = None, inputs: Iterable[str] = (),
           delivery: str | None = None) -> str:
    parts = [f"id: {oid}", f'title: {{en: "{title}", zh: "{title}"}}', "responsible: secretariat",
             "mandate: CBD/WG2020/REC/1/1 para 4", f"due: {due}"]
    if for_:
        parts.append(f"for: {for_}")
    if inputs:
        parts.append(f"inputs: [{', '.join(inputs)}]")
    if delivery:
        parts.append(f"delivery: {delivery}")
    return "  - {" + ", ".join(parts) + "}\n"


def write_process(tmp_path: Path, name: str, meetings: Iterable[str], outputs: Iterable[str], *,
                  due_soon_days: int | None = 14, last_meeting: str | None = None) -> Plan:
    """Write a process file named `name` and load it (a real load through mandates.config.loader)."""
    header = [
        "process:",
        f"  id: {name}",
        f'  title: {{en: "{name}", zh: "{name}"}}',
        "  source: CBD/WG2020/REC/1/1",
        "  timezone: America/Toronto",
    ]
    if last_meeting:
        header.append(f"  last_meeting: {last_meeting}")
    if due_soon_days is not None:
        header.append(f"  due_soon_days: {due_soon_days}")
    header += [
        "bodies:",
        '  - {id: wg, name: {en: "Working Group", zh: "工作组"}, short: WG}',
        '  - {id: secretariat, name: {en: "Executive Secretary", zh: "执行秘书"}}',
        "meetings:" if meetings else "meetings: []",
    ]
    text = "\n".join(header) + "\n" + "".join(meetings)
    outputs = list(outputs)
    text += "outputs:\n" + "".join(outputs) if outputs else "outputs: []\n"
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def deadline_process(tmp_path: Path, due_soon_days: int | None = 7) -> Plan:
    """One brief due on a fixed day, Monday 16 March 2020; nothing depends on it."""
    return write_process(tmp_path, "deadline", [], [
        output("brief", "Brief to the Bureau", "{on: 2020-03-16}"),
    ], due_soon_days=due_soon_days)


def adoption_process(tmp_path: Path) -> Plan:
    """A committee (Annex II type 2, 14-day report lag) and what it and a call produce."""
    return write_process(tmp_path, "adoption", [
        meeting("committee", "Compliance committee", "opens: 2020-03-02, closes: 2020-03-06", 2),
        meeting("plenary", "Plenary", "opens: 2020-06-01, closes: 2020-06-05"),
    ], [
        output("committee-report", "Report of the committee", "{at: committee}", for_="plenary"),
        output("committee-minutes", "Minutes of the committee", "{at: committee}",
               delivery="recorded"),
        output("submissions", "Submissions of views", "{on: 2020-02-01}", delivery="at-deadline"),
        output("survey", "Survey of national targets", "{on: 2020-02-01}"),
    ])


def chain_process(tmp_path: Path) -> Plan:
    """WG-1 -> documents for WG-2 -> WG-2 report -> COP documents, ending at the COP."""
    return write_process(tmp_path, "chain", [
        meeting("wg-1", "First meeting of the Working Group", "opens: 2019-08-27, closes: 2019-08-30"),
        meeting("wg-2", "Second meeting of the Working Group", "opens: 2020-02-24, closes: 2020-02-28"),
        meeting("cop", "Conference of the Parties", "opens: 2020-10-15, closes: 2020-10-28"),
    ], [
        output("wg1-outcome", "Outcome of WG-1", "{at: wg-1}"),
        output("views", "Views on the structure", "{on: 2019-09-15}", for_="documents",
               delivery="at-deadline"),
        output("documents", "Documents for WG-2", "{before: wg-2, weeks: 6}", for_="wg-2",
               inputs=["wg1-outcome"]),
        output("wg2-report", "Report of WG-2", "{at: wg-2}", for_="cop-documents",
               inputs=["documents"]),
        output("cop-documents", "Documents for the COP", "{before: cop, weeks: 6}", for_="cop"),
        output("host-agreement", "Host country agreement", "{on: 2020-06-01}", for_="cop"),
        output("venue-agreement", "Venue agreement for WG-2", "{on: 2019-11-30}", for_="wg-2"),
    ], last_meeting="cop")


SYNTHESIS_INPUTS = {
    "survey": output("survey", "Survey of national targets", "{on: 2020-03-01}"),
    "workshop-report": output("workshop-report", "Report of the workshop", "{at: workshop}"),
    "expert-report": output("expert-report", "Report of the expert meeting", "{at: expert-meeting}"),
    "area-report": output("area-report", "Report of the area-based workshop", "{at: area-workshop}"),
    "consult-report": output("consult-report", "Report of the consultation", "{at: consultation}"),
    "dialogue-report": output("dialogue-report", "Report of the dialogue", "{at: dialogue}"),
    "briefing-note": output("briefing-note", "Briefing note", "{on: 2020-03-20}"),
}
SYNTHESIS_MEETINGS = [
    meeting("workshop", "Thematic workshop", "opens: 2020-04-20, closes: 2020-04-21", 4),
    meeting("expert-meeting", "Expert meeting", "opens: 2020-04-27, closes: 2020-04-28", 4),
    meeting("area-workshop", "Workshop on area-based measures", "tbd: true", 4),
    meeting("consultation", "Consultation on restoration", "window: {from: 2020-03, to: 2020-03}", 3),
    meeting("dialogue", "Global dialogue", "opens: 2020-03-23, closes: 2020-03-24, confirmed: false", 3),
]


def synthesis_process(tmp_path: Path, name: str, inputs: list[str]) -> Plan:
    """A synthesis report due Wednesday 15 April 2020 that needs the given inputs.

    survey: due 1 March (overdue from 2 March); workshop-report: 5 May (type 4 lag: 20 days after
    the synthesis); expert-report: 12 May (27 days after); area-report: its workshop is TBD;
    consult-report: March 2020 window (tentative, fits); dialogue-report: unconfirmed 24 March
    (tentative, fits); briefing-note: 20 March (fits).
    """
    return write_process(tmp_path, name, SYNTHESIS_MEETINGS, [
        *(SYNTHESIS_INPUTS[i] for i in inputs),
        output("synthesis", "Synthesis report", "{on: 2020-04-15}", inputs=inputs),
    ])


def blocked_synthesis_process(tmp_path: Path) -> Plan:
    return synthesis_process(tmp_path, "blocked", ["survey"])


def late_workshop_process(tmp_path: Path) -> Plan:
    return synthesis_process(tmp_path, "late-workshop", ["workshop-report"])


def undated_workshop_process(tmp_path: Path) -> Plan:
    return synthesis_process(tmp_path, "undated-workshop", ["area-report"])


def tentative_inputs_process(tmp_path: Path) -> Plan:
    return synthesis_process(tmp_path, "tentative", ["consult-report", "dialogue-report",
                                                     "briefing-note"])


def mixed_inputs_process(tmp_path: Path) -> Plan:
    return synthesis_process(tmp_path, "mixed", list(SYNTHESIS_INPUTS))


def window_process(tmp_path: Path) -> Plan:
    """A consultation in "January or February 2020 (to be confirmed)" and what hangs on it."""
    return write_process(tmp_path, "window", [
        meeting("consult-rm", "Consultation on resource mobilization",
                "window: {from: 2020-01, to: 2020-02}, confirmed: false", 4),
    ], [
        output("rm-invitation", "Invitation to the consultation", "{before: consult-rm, weeks: 2}"),
        output("rm-report", "Report of the consultation on resource mobilization", "{at: consult-rm}"),
        output("documents", "Documents for WG-2", "{on: 2020-01-13}", inputs=["rm-report"]),
        output("framework-draft", "Draft framework", "{on: 2020-04-30}", inputs=["rm-report"]),
    ])


def misaligned_process(tmp_path: Path) -> Plan:
    """A paper for WG-3 due a week after WG-3 opens, and one that has no date nobody needs."""
    return write_process(tmp_path, "misaligned", [
        meeting("wg-3", "Third meeting of the Working Group", "opens: 2020-06-01, closes: 2020-06-05"),
        meeting("side-event", "Side event", "tbd: true", 5),
    ], [
        output("late-paper", "Information paper", "{on: 2020-06-08}", for_="wg-3"),
        output("eve-paper", "Paper issued on the eve", "{on: 2020-06-02}", for_="wg-3"),
        output("opening-paper", "Paper issued at the opening", "{on: 2020-06-01}", for_="wg-3"),
        output("side-event-summary", "Summary of the side event", "{at: side-event}"),
    ])


def reporting_process(tmp_path: Path) -> Plan:
    """Progress reports to the Bureau every three months, 1 October 2019 to 1 October 2020."""
    return write_process(tmp_path, "reporting", [], [
        output("bureau-reports", "Progress report to the Bureau",
               "{every: {months: 3}, from: 2019-10-01, until: 2020-10-01}"),
    ])


def flags(evaluation: Evaluation, oid: str) -> dict[str, tuple[InputFlag | None, Date | None, int | None]]:
    return {i.id: (i.flag, i.expected_on, i.days_late) for i in evaluation.outputs[oid].inputs}


def input_of(evaluation: Evaluation, oid: str, input_id: str) -> InputState:
    [state] = [i for i in evaluation.outputs[oid].inputs if i.id == input_id]
    return state


def said(evaluation: Evaluation, reason: Reason | None) -> str | None:
    """A reason code with its values, in the English sentence the check prints."""
    return reason_text(reason, evaluation.plan, "en") if reason is not None else None


# -------------------------------------------------------------- on track, due soon, overdue


def test_on_track_outside_the_due_soon_window(tmp_path: Path) -> None:
    evaluation = run(deadline_process(tmp_path), "2020-03-08")
    state = evaluation.outputs["brief"]
    assert state.status is OutputStatus.ON_TRACK
    assert state.due is not None and state.due.on == d("2020-03-16")
    assert said(evaluation, state.reason) == "due Monday 16 March 2020"
    assert (state.delivered_on, state.days_late, state.presumed, state.slack_days) == (
        None, None, False, None)
    assert state.slip_days == 0


@pytest.mark.parametrize(("as_of", "reason"), [
    ("2020-03-09", "due in 7 days, Monday 16 March 2020"),   # N = due_soon_days = 7
    ("2020-03-15", "due in 1 day, Monday 16 March 2020"),
    ("2020-03-16", "due today, Monday 16 March 2020"),       # 0
])
def test_due_soon_boundaries(tmp_path: Path, as_of: str, reason: str) -> None:
    evaluation = run(deadline_process(tmp_path), as_of)
    state = evaluation.outputs["brief"]
    assert (state.status, said(evaluation, state.reason)) == (OutputStatus.DUE_SOON, reason)


def test_due_soon_days_comes_from_the_process(tmp_path: Path) -> None:
    plan = deadline_process(tmp_path)
    assert plan.process.due_soon_days == 7
    assert run(plan, "2020-03-08").outputs["brief"].status is OutputStatus.ON_TRACK  # 8 days
    assert run(plan, "2020-03-02").outputs["brief"].status is OutputStatus.ON_TRACK  # 14 days


def test_due_soon_days_defaults_to_14(tmp_path: Path) -> None:
    plan = deadline_process(tmp_path, due_soon_days=None)
    assert plan.process.due_soon_days == 14
    assert run(plan, "2020-03-02").outputs["brief"].status is OutputStatus.DUE_SOON  # 14 days
    assert run(plan, "2020-03-01").outputs["brief"].status is OutputStatus.ON_TRACK  # 15 days


@pytest.mark.parametrize(("as_of", "late", "reason"), [
    ("2020-03-17", 1, "was due on Monday 16 March 2020; 1 day overdue"),
    ("2020-04-15", 30, "was due on Monday 16 March 2020; 30 days overdue"),
])
def test_overdue(tmp_path: Path, as_of: str, late: int, reason: str) -> None:
    evaluation = run(deadline_process(tmp_path), as_of)
    state = evaluation.outputs["brief"]
    assert (state.status, state.days_late, said(evaluation, state.reason)) == (
        OutputStatus.OVERDUE, late, reason)


# --------------------------------------------------------------------------------- delivered


@pytest.mark.parametrize(("on", "late", "reason"), [
    ("2020-03-16", 0, "delivered on Monday 16 March 2020, on time"),
    ("2020-03-10", 0, "delivered on Tuesday 10 March 2020, on time"),
    ("2020-03-20", 4, "delivered on Friday 20 March 2020, 4 days late"),
])
def test_delivered_on_time_or_late(tmp_path: Path, on: str, late: int, reason: str) -> None:
    evaluation = run(deadline_process(tmp_path), "2020-03-25", [delivered("brief", on)])
    state = evaluation.outputs["brief"]
    assert state.status is OutputStatus.DELIVERED
    assert (state.delivered_on, state.days_late, state.presumed, said(evaluation, state.reason)) == (
        d(on), late, False, reason)


def test_a_received_fact_counts_as_delivery(tmp_path: Path) -> None:
    received = fact(FactKind.RECEIVED, "brief", "2020-03-17", ref="CBD/WG2020/2/INF/1")
    state = run(deadline_process(tmp_path), "2020-03-25", [received]).outputs["brief"]
    assert (state.status, state.delivered_on, state.days_late) == (OutputStatus.DELIVERED, d("2020-03-17"), 1)


def test_make_fact_delivery_is_counted(tmp_path: Path) -> None:
    plan = deadline_process(tmp_path)
    recorded = make_fact(plan, FactKind.DELIVERED, "brief", d("2020-03-13"),
                         recorded_at=RECORDED_AT, ref="BUREAU/2020/1")
    state = run(plan, "2020-03-20", [recorded]).outputs["brief"]
    assert (state.status, state.delivered_on, state.days_late) == (OutputStatus.DELIVERED, d("2020-03-13"), 0)


def test_a_delivery_effective_after_as_of_is_ignored(tmp_path: Path) -> None:
    plan = deadline_process(tmp_path)
    late_delivery = [delivered("brief", "2020-03-20")]
    before = run(plan, "2020-03-19", late_delivery).outputs["brief"]
    assert (before.status, before.days_late, before.delivered_on) == (OutputStatus.OVERDUE, 3, None)
    after = run(plan, "2020-03-20", late_delivery).outputs["brief"]
    assert (after.status, after.days_late) == (OutputStatus.DELIVERED, 4)


# -------------------------------------------------------------------------- presumed delivery


def test_when_held_is_the_default_for_at_rules(tmp_path: Path) -> None:
    plan = adoption_process(tmp_path)
    assert plan.outputs["committee-report"].delivery.value == "when-held"
    assert plan.outputs["committee-minutes"].delivery.value == "recorded"
    assert plan.outputs["submissions"].delivery.value == "at-deadline"
    assert plan.outputs["survey"].delivery.value == "recorded"


def test_when_held_waits_for_the_report_lag(tmp_path: Path) -> None:
    plan = adoption_process(tmp_path)
    evaluation = run(plan, "2020-03-19")  # the committee closed on 6 March; lag 14 days -> 20 March
    assert evaluation.meetings["committee"].status is MeetingStatus.HELD
    state = evaluation.outputs["committee-report"]
    assert (state.status, state.delivered_on, state.presumed) == (OutputStatus.DUE_SOON, None, False)
    assert state.due is not None and state.due.on == d("2020-03-20")


def test_when_held_presumes_delivery_once_held_and_the_lag_has_passed(tmp_path: Path) -> None:
    evaluation = run(adoption_process(tmp_path), "2020-03-20")
    state = evaluation.outputs["committee-report"]
    assert state.status is OutputStatus.DELIVERED
    assert (state.delivered_on, state.days_late, state.presumed) == (d("2020-03-20"), 0, True)
    assert said(evaluation, state.reason) == "presumed delivered on Friday 20 March 2020, on time"
    minutes = evaluation.outputs["committee-minutes"]  # delivery: recorded -> only a fact counts
    assert (minutes.status, minutes.presumed, said(evaluation, minutes.reason)) == (
        OutputStatus.DUE_SOON, False, "due today, Friday 20 March 2020")
    assert run(adoption_process(tmp_path), "2020-03-21").outputs["committee-minutes"].status is (
        OutputStatus.OVERDUE)


def weekend_close_process(tmp_path: Path) -> Plan:
    """A meeting closing on Saturday 29 February 2020; its report is due the Friday before."""
    return write_process(tmp_path, "weekend", [
        meeting("retreat", "Co-chairs' retreat", "opens: 2020-02-27, closes: 2020-02-29"),
    ], [
        output("retreat-summary", "Summary of the retreat", "{at: retreat, adjust: preceding}"),
    ])


def test_when_held_is_not_presumed_before_the_meeting_has_closed(tmp_path: Path) -> None:
    plan = weekend_close_process(tmp_path)
    friday = run(plan, "2020-02-28")
    state = friday.outputs["retreat-summary"]
    assert state.due is not None and state.due.on == d("2020-02-28")
    assert friday.meetings["retreat"].status is MeetingStatus.SCHEDULED
    assert (state.status, state.delivered_on, state.presumed) == (OutputStatus.DUE_SOON, None, False)
    saturday = run(plan, "2020-02-29").outputs["retreat-summary"]
    assert (saturday.status, saturday.delivered_on, saturday.presumed) == (
        OutputStatus.DELIVERED, d("2020-02-28"), True)


def test_a_recorded_delivery_wins_over_the_presumption(tmp_path: Path) -> None:
    state = run(adoption_process(tmp_path), "2020-03-30",
                [delivered("committee-report", "2020-03-25")]).outputs["committee-report"]
    assert (state.status, state.delivered_on, state.days_late, state.presumed) == (
        OutputStatus.DELIVERED, d("2020-03-25"), 5, False)


def test_postponing_the_meeting_undoes_the_presumed_delivery(tmp_path: Path) -> None:
    postponed = fact(FactKind.POSTPONED, "committee", "2020-03-25")
    evaluation = run(adoption_process(tmp_path), "2020-03-30", [postponed])
    state = evaluation.outputs["committee-report"]
    assert evaluation.meetings["committee"].status is MeetingStatus.POSTPONED
    assert (state.due, state.delivered_on, state.presumed) == (None, None, False)
    assert state.status is OutputStatus.AT_RISK  # it is for the plenary: needed, and has no date


def test_at_deadline_presumes_delivery_on_the_deadline(tmp_path: Path) -> None:
    plan = adoption_process(tmp_path)
    before = run(plan, "2020-01-31").outputs["submissions"]
    assert (before.status, before.delivered_on, before.presumed) == (OutputStatus.DUE_SOON, None, False)
    on = run(plan, "2020-02-01").outputs["submissions"]
    assert (on.status, on.delivered_on, on.days_late, on.presumed) == (
        OutputStatus.DELIVERED, d("2020-02-01"), 0, True)
    survey = run(plan, "2020-02-02").outputs["survey"]  # same date, delivery: recorded
    assert (survey.status, survey.days_late) == (OutputStatus.OVERDUE, 1)


# ------------------------------------------------------------------------------------ blocked


def test_blocked_by_an_overdue_input(tmp_path: Path) -> None:
    evaluation = run(blocked_synthesis_process(tmp_path), "2020-03-10")
    state = evaluation.outputs["synthesis"]
    assert state.status is OutputStatus.BLOCKED
    assert said(evaluation, state.reason) == (
        "due Wednesday 15 April 2020; waiting for overdue input: survey")
    assert flags(evaluation, "synthesis") == {"survey": (InputFlag.LATE, d("2020-03-01"), 9)}
    assert said(evaluation, input_of(evaluation, "synthesis", "survey").reason) == (
        "survey of national targets was due on Sunday 1 March 2020 and is 9 days overdue")
    assert evaluation.outputs["survey"].status is OutputStatus.OVERDUE


def test_an_input_that_is_not_yet_due_does_not_block(tmp_path: Path) -> None:
    evaluation = run(blocked_synthesis_process(tmp_path), "2020-03-01")
    assert flags(evaluation, "synthesis") == {"survey": (None, d("2020-03-01"), None)}
    assert evaluation.outputs["synthesis"].status is OutputStatus.ON_TRACK
    assert evaluation.late_inputs == []


def test_an_input_delivered_in_time_clears_the_block(tmp_path: Path) -> None:
    evaluation = run(blocked_synthesis_process(tmp_path), "2020-03-10", [delivered("survey", "2020-03-05")])
    assert flags(evaluation, "synthesis") == {"survey": (None, d("2020-03-05"), None)}
    assert evaluation.outputs["synthesis"].status is OutputStatus.ON_TRACK


# ------------------------------------------------------------------------------------ at risk


def test_at_risk_when_an_input_arrives_after_the_deadline(tmp_path: Path) -> None:
    evaluation = run(late_workshop_process(tmp_path), "2020-03-10")
    state = evaluation.outputs["synthesis"]
    assert state.status is OutputStatus.AT_RISK
    assert said(evaluation, state.reason) == (
        "due Wednesday 15 April 2020; inputs that will arrive after the deadline or have no date: 1")
    assert flags(evaluation, "synthesis") == {
        "workshop-report": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-05-05"), 20)}
    reason = said(evaluation, input_of(evaluation, "synthesis", "workshop-report").reason)
    assert reason is not None and "20 days after" in reason and "Wednesday 15 April 2020" in reason


def test_at_risk_by_negative_slack(tmp_path: Path) -> None:
    # The workshop report itself is due 20 days after the synthesis that needs it.
    evaluation = run(late_workshop_process(tmp_path), "2020-03-10")
    state = evaluation.outputs["workshop-report"]
    assert state.slack_days == -20
    assert state.status is OutputStatus.AT_RISK
    assert said(evaluation, state.reason) == "due Tuesday 5 May 2020, 20 days after synthesis report is due"


def test_at_risk_by_negative_slack_towards_the_meeting_it_is_for(tmp_path: Path) -> None:
    evaluation = run(misaligned_process(tmp_path), "2020-03-01")
    outputs = evaluation.outputs
    assert {oid: (outputs[oid].slack_days, outputs[oid].status) for oid in
            ("late-paper", "eve-paper", "opening-paper")} == {
        "late-paper": (-7, OutputStatus.AT_RISK),
        "eve-paper": (-1, OutputStatus.AT_RISK),
        "opening-paper": (0, OutputStatus.ON_TRACK),
    }
    # the reason names what the output is late for: here the opening of its meeting
    assert said(evaluation, outputs["late-paper"].reason) == (
        "due Monday 8 June 2020, 7 days after third meeting of the Working Group opens")


def test_at_risk_when_an_input_has_no_date(tmp_path: Path) -> None:
    evaluation = run(undated_workshop_process(tmp_path), "2020-03-10")
    assert evaluation.outputs["synthesis"].status is OutputStatus.AT_RISK
    assert flags(evaluation, "synthesis") == {"area-report": (InputFlag.UNSCHEDULED, None, None)}
    assert said(evaluation, input_of(evaluation, "synthesis", "area-report").reason) == (
        "workshop on area-based measures (dates to be determined) has no date, so report of the "
        "area-based workshop cannot be planned")


def test_an_output_without_a_date_that_something_needs_is_at_risk(tmp_path: Path) -> None:
    evaluation = run(undated_workshop_process(tmp_path), "2020-03-10")
    state = evaluation.outputs["area-report"]
    assert evaluation.meetings["area-workshop"].status is MeetingStatus.UNSCHEDULED
    assert (state.due, state.status, state.slack_days) == (None, OutputStatus.AT_RISK, None)
    # the synthesis that needs it is due on 15 April: the latest it can come
    assert state.latest_finish == d("2020-04-15")
    assert said(evaluation, state.reason) == (
        "no date yet; needed by Wednesday 15 April 2020 at the latest")


def test_an_output_without_a_date_that_nothing_needs_is_on_track(tmp_path: Path) -> None:
    evaluation = run(misaligned_process(tmp_path), "2020-03-01")
    state = evaluation.outputs["side-event-summary"]
    assert (state.due, state.status, said(evaluation, state.reason)) == (
        None, OutputStatus.ON_TRACK, "no date set yet")


def test_due_soon_takes_precedence_over_at_risk(tmp_path: Path) -> None:
    evaluation = run(late_workshop_process(tmp_path), "2020-04-05")
    state = evaluation.outputs["synthesis"]
    assert state.status is OutputStatus.DUE_SOON
    assert said(evaluation, state.reason) == "due in 10 days, Wednesday 15 April 2020; 1 input at risk"


# ---------------------------------------------------------------------------------- tentative


def test_tentative_inputs_that_fit_are_flagged_but_not_late(tmp_path: Path) -> None:
    evaluation = run(tentative_inputs_process(tmp_path), "2020-03-01")
    assert flags(evaluation, "synthesis") == {
        "consult-report": (InputFlag.TENTATIVE, d("2020-03-31"), None),
        "dialogue-report": (InputFlag.TENTATIVE, d("2020-03-24"), None),
        "briefing-note": (None, d("2020-03-20"), None),
    }
    assert said(evaluation, input_of(evaluation, "synthesis", "consult-report").reason) == (
        "consultation on restoration (March 2020, to be confirmed): dates not confirmed; "
        "expected by Tuesday 31 March 2020")
    assert evaluation.outputs["synthesis"].status is OutputStatus.ON_TRACK
    assert evaluation.late_inputs == []
    assert evaluation.meetings["consultation"].status is MeetingStatus.TENTATIVE
    assert evaluation.meetings["dialogue"].status is MeetingStatus.TENTATIVE


def test_confirming_the_dates_removes_the_tentative_flag(tmp_path: Path) -> None:
    confirm = rescheduled("dialogue", "2020-03-23", "2020-03-24", "2020-02-15")
    evaluation = run(tentative_inputs_process(tmp_path), "2020-03-01", [confirm])
    assert evaluation.meetings["dialogue"].status is MeetingStatus.SCHEDULED
    assert flags(evaluation, "synthesis")["dialogue-report"] == (None, d("2020-03-24"), None)


# -------------------------------------------------------------------------------- month windows


def test_window_rules_give_earliest_and_latest(tmp_path: Path) -> None:
    evaluation = run(window_process(tmp_path), "2019-12-01")
    invitation, report = evaluation.outputs["rm-invitation"], evaluation.outputs["rm-report"]
    assert invitation.due is not None and report.due is not None
    assert (invitation.due.on, invitation.due.earliest, invitation.due.latest, invitation.due.tentative) == (
        d("2019-12-18"), d("2019-12-18"), d("2020-02-15"), True)
    assert (report.due.on, report.due.earliest, report.due.latest, report.due.tentative) == (
        d("2020-03-14"), d("2020-01-15"), d("2020-03-14"), True)
    assert evaluation.meetings["consult-rm"].status is MeetingStatus.TENTATIVE
    assert invitation.status is OutputStatus.ON_TRACK  # 17 days to its earliest deadline
    assert run(window_process(tmp_path), "2019-12-10").outputs["rm-invitation"].status is (
        OutputStatus.DUE_SOON)


def test_window_input_that_may_come_too_late(tmp_path: Path) -> None:
    evaluation = run(window_process(tmp_path), "2019-12-01")
    assert flags(evaluation, "documents") == {
        "rm-report": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-03-14"), 61)}
    assert flags(evaluation, "framework-draft") == {
        "rm-report": (InputFlag.TENTATIVE, d("2020-03-14"), None)}
    reason = said(evaluation, input_of(evaluation, "documents", "rm-report").reason)
    assert reason is not None
    assert "January or February 2020, to be confirmed" in reason
    assert "may come as late as Saturday 14 March 2020, 61 days after" in reason


def test_fixing_the_window_to_days_moves_the_deadlines(tmp_path: Path) -> None:
    fixed = rescheduled("consult-rm", "2020-01-27", "2020-01-28", "2019-12-05")
    evaluation = run(window_process(tmp_path), "2019-12-06", [fixed])
    invitation, report = evaluation.outputs["rm-invitation"], evaluation.outputs["rm-report"]
    assert invitation.due is not None and report.due is not None
    assert (invitation.due.on, invitation.due.latest, invitation.due.tentative) == (
        d("2020-01-13"), d("2020-01-13"), False)
    assert (invitation.baseline_due and invitation.baseline_due.on, invitation.slip_days) == (
        d("2019-12-18"), 26)
    assert (report.due.on, report.due.is_window) == (d("2020-02-11"), False)
    assert flags(evaluation, "documents") == {
        "rm-report": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-02-11"), 29)}
    assert flags(evaluation, "framework-draft") == {"rm-report": (None, d("2020-02-11"), None)}


# ---------------------------------------------------------------- input delivered too late


def test_an_input_delivered_after_the_consumers_deadline(tmp_path: Path) -> None:
    evaluation = run(blocked_synthesis_process(tmp_path), "2020-04-25", [delivered("survey", "2020-04-20")])
    assert flags(evaluation, "synthesis") == {
        "survey": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-04-20"), 5)}
    reason = said(evaluation, input_of(evaluation, "synthesis", "survey").reason)
    assert reason is not None and reason.startswith(
        "survey of national targets arrived on Monday 20 April 2020, 5 days after synthesis report")
    assert evaluation.outputs["synthesis"].status is OutputStatus.OVERDUE
    assert evaluation.outputs["survey"].days_late == 50


# ------------------------------------------------------------------------------------ cancelled


def test_a_cancelled_output(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    evaluation = run(plan, "2020-05-01", [fact(FactKind.CANCELLED, "host-agreement", "2020-04-01")])
    state = evaluation.outputs["host-agreement"]
    assert (state.status, said(evaluation, state.reason)) == (
        OutputStatus.CANCELLED, "cancelled on Wednesday 1 April 2020")
    assert state.slack_days is None


def test_a_waived_output(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    waiver = make_fact(plan, FactKind.WAIVED, "host-agreement", d("2020-04-01"), recorded_at=RECORDED_AT,
                       text="the host withdrew its offer")
    evaluation = run(plan, "2020-07-01", [waiver])
    state = evaluation.outputs["host-agreement"]
    assert (state.status, said(evaluation, state.reason)) == (
        OutputStatus.CANCELLED, "waived on Wednesday 1 April 2020: the host withdrew its offer")


def test_cancelling_the_meeting_cancels_what_hangs_on_it(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    evaluation = run(plan, "2020-01-06", [fact(FactKind.CANCELLED, "wg-2", "2020-01-02")])
    assert evaluation.meetings["wg-2"].status is MeetingStatus.CANCELLED
    statuses = {oid: s.status for oid, s in evaluation.outputs.items()}
    assert statuses["documents"] is OutputStatus.CANCELLED       # before: wg-2
    assert statuses["wg2-report"] is OutputStatus.CANCELLED      # at: wg-2
    assert statuses["venue-agreement"] is OutputStatus.CANCELLED  # on a date, for: wg-2
    assert said(evaluation, evaluation.outputs["documents"].reason) == (
        "Second meeting of the Working Group was cancelled")
    # A cancelled input is not a late input of what needed it.
    assert flags(evaluation, "cop-documents")["wg2-report"] == (None, None, None)
    assert statuses["cop-documents"] is OutputStatus.ON_TRACK
    assert statuses["host-agreement"] is OutputStatus.ON_TRACK


def test_a_cancelled_consumer_lists_no_late_inputs(tmp_path: Path) -> None:
    plan = blocked_synthesis_process(tmp_path)
    evaluation = run(plan, "2020-03-10", [fact(FactKind.CANCELLED, "synthesis", "2020-03-05")])
    assert evaluation.outputs["synthesis"].status is OutputStatus.CANCELLED
    assert evaluation.late_inputs == []


def test_a_delivered_consumer_lists_no_late_inputs(tmp_path: Path) -> None:
    plan = blocked_synthesis_process(tmp_path)
    evaluation = run(plan, "2020-03-10", [delivered("synthesis", "2020-03-09")])
    assert evaluation.outputs["synthesis"].status is OutputStatus.DELIVERED
    assert flags(evaluation, "synthesis")["survey"][0] is InputFlag.LATE
    assert evaluation.late_inputs == []


# ------------------------------------------------------------------------------ slack and slip


def test_slack_towards_consumers_and_meetings(tmp_path: Path) -> None:
    evaluation = run(chain_process(tmp_path), "2019-12-01")
    assert {oid: s.slack_days for oid, s in evaluation.outputs.items()} == {
        "wg1-outcome": None,     # presumed delivered (WG-1 was held)
        "views": None,           # presumed delivered at its deadline
        "documents": 42,         # 13 January -> WG-2 opens 24 February
        "wg2-report": 188,       # 28 February -> COP documents due 3 September
        "cop-documents": 42,     # 3 September -> COP opens 15 October
        "host-agreement": 136,   # 1 June -> 15 October
        "venue-agreement": 86,   # 30 November -> 24 February
    }


def test_slip_after_a_reschedule(tmp_path: Path) -> None:
    moved = rescheduled("wg-2", "2020-03-09", "2020-03-13", "2019-12-10")
    evaluation = run(chain_process(tmp_path), "2019-12-15", [moved])
    documents = evaluation.outputs["documents"]
    assert documents.due is not None and documents.baseline_due is not None
    assert (documents.due.on, documents.baseline_due.on, documents.slip_days) == (
        d("2020-01-27"), d("2020-01-13"), 14)
    assert {oid: s.slip_days for oid, s in evaluation.outputs.items()} == {
        "wg1-outcome": 0, "views": 0, "documents": 14, "wg2-report": 14, "cop-documents": 0,
        "host-agreement": 0, "venue-agreement": 0}
    assert evaluation.meetings["wg-2"].moved
    assert (evaluation.meetings["wg-2"].opens_on, evaluation.meetings["wg-2"].closes_on) == (
        d("2020-03-09"), d("2020-03-13"))


def test_postponed_meeting_loses_its_dates_and_a_reschedule_restores_them(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    facts = [fact(FactKind.POSTPONED, "wg-2", "2020-01-02"),
             rescheduled("wg-2", "2020-05-04", "2020-05-08", "2020-02-10")]
    postponed = run(plan, "2020-01-06", facts)
    assert postponed.meetings["wg-2"].status is MeetingStatus.POSTPONED
    documents = postponed.outputs["documents"]
    assert (documents.due, documents.slip_days, documents.status) == (None, None, OutputStatus.AT_RISK)
    assert postponed.outputs["wg2-report"].due is None
    assert flags(postponed, "cop-documents") == {"wg2-report": (InputFlag.UNSCHEDULED, None, None)}
    reason = said(postponed, input_of(postponed, "cop-documents", "wg2-report").reason)
    assert reason is not None and "postponed, new dates not yet known" in reason
    assert postponed.outputs["cop-documents"].status is OutputStatus.AT_RISK
    # The day before the new dates are announced, nothing has changed yet.
    assert run(plan, "2020-02-09", facts).outputs["documents"].due is None
    restored = run(plan, "2020-02-15", facts)
    assert restored.meetings["wg-2"].status is MeetingStatus.SCHEDULED
    documents = restored.outputs["documents"]
    assert documents.due is not None
    assert (documents.due.on, documents.slip_days, documents.status) == (
        d("2020-03-23"), 70, OutputStatus.ON_TRACK)
    assert flags(restored, "cop-documents") == {"wg2-report": (None, d("2020-05-08"), None)}


def test_a_delivered_output_stays_delivered_when_its_meeting_is_postponed(tmp_path: Path) -> None:
    # SBSTTA-24's documents were issued, then the meeting was postponed: they remain issued.
    plan = chain_process(tmp_path)
    facts = [delivered("documents", "2020-01-13"), fact(FactKind.POSTPONED, "wg-2", "2020-01-20")]
    state = run(plan, "2020-01-25", facts).outputs["documents"]
    assert (state.status, state.delivered_on) == (OutputStatus.DELIVERED, d("2020-01-13"))


# ------------------------------------------------------------------------------------- replay


def test_replay_ignores_facts_effective_after_as_of(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    facts = [rescheduled("wg-2", "2020-03-09", "2020-03-13", "2020-01-20")]
    as_it_stood = run(plan, "2020-01-19", facts)
    documents = as_it_stood.outputs["documents"]
    assert documents.due is not None and documents.due.on == d("2020-01-13")
    assert (documents.status, documents.days_late, documents.slip_days) == (OutputStatus.OVERDUE, 6, 0)
    assert as_it_stood.facts == ()
    assert not as_it_stood.meetings["wg-2"].moved
    announced = run(plan, "2020-01-20", facts)
    documents = announced.outputs["documents"]
    assert documents.due is not None and documents.due.on == d("2020-01-27")
    assert (documents.status, documents.slip_days) == (OutputStatus.DUE_SOON, 14)
    assert announced.facts == tuple(facts)


def test_evaluation_is_deterministic(tmp_path: Path) -> None:
    plan = mixed_inputs_process(tmp_path)
    facts = [delivered("briefing-note", "2020-03-18")]
    first, second = run(plan, "2020-03-20", facts), run(plan, "2020-03-20", facts)
    assert first.outputs == second.outputs
    assert first.late_inputs == second.late_inputs


# ----------------------------------------------------------------------------------- periodic


def test_periodic_current_occurrence(tmp_path: Path) -> None:
    state = run(reporting_process(tmp_path), "2019-09-01").outputs["bureau-reports"]
    assert state.occurrence == (1, 5)
    assert state.due is not None and state.due.on == d("2019-10-01")
    assert state.status is OutputStatus.ON_TRACK


def test_periodic_overdue_occurrence_waits_for_its_delivery(tmp_path: Path) -> None:
    state = run(reporting_process(tmp_path), "2020-01-10").outputs["bureau-reports"]
    assert state.occurrence == (1, 5)
    assert (state.status, state.days_late) == (OutputStatus.OVERDUE, 101)


@pytest.mark.parametrize(("deliveries", "occurrence", "due", "status", "late"), [
    (["2019-10-01"], (2, 5), "2020-01-01", OutputStatus.OVERDUE, 9),
    (["2019-10-01", "2020-01-08"], (3, 5), "2020-04-01", OutputStatus.ON_TRACK, None),
    (["2019-10-03", "2019-12-20", "2020-01-09"], (4, 5), "2020-07-01", OutputStatus.ON_TRACK, None),
])
def test_periodic_deliveries_consume_occurrences_in_order(
        tmp_path: Path, deliveries: list[str], occurrence: tuple[int, int], due: str,
        status: OutputStatus, late: int | None) -> None:
    facts = [delivered("bureau-reports", on) for on in deliveries]
    state = run(reporting_process(tmp_path), "2020-01-10", facts).outputs["bureau-reports"]
    assert state.occurrence == occurrence
    assert state.due is not None and state.due.on == d(due)
    assert (state.status, state.days_late, state.delivered_on) == (status, late, None)


def test_periodic_all_occurrences_delivered(tmp_path: Path) -> None:
    facts = [delivered("bureau-reports", on) for on in
             ["2019-10-01", "2020-01-02", "2020-04-01", "2020-07-01", "2020-10-05"]]
    state = run(reporting_process(tmp_path), "2020-10-10", facts).outputs["bureau-reports"]
    assert state.occurrence == (5, 5)
    assert (state.status, state.delivered_on, state.days_late) == (
        OutputStatus.DELIVERED, d("2020-10-05"), 4)


def test_periodic_delivery_after_as_of_is_not_consumed(tmp_path: Path) -> None:
    facts = [delivered("bureau-reports", "2019-10-01"), delivered("bureau-reports", "2020-01-08")]
    state = run(reporting_process(tmp_path), "2020-01-07", facts).outputs["bureau-reports"]
    assert state.occurrence == (2, 5)
    assert (state.status, state.days_late) == (OutputStatus.OVERDUE, 6)


# -------------------------------------------------------------------------------- late inputs


def test_late_inputs_are_ordered_late_first(tmp_path: Path) -> None:
    evaluation = run(mixed_inputs_process(tmp_path), "2020-03-10")
    assert [(li.output, li.input.id, li.input.flag, li.input.days_late)
            for li in evaluation.late_inputs] == [
        ("synthesis", "survey", InputFlag.LATE, 9),
        ("synthesis", "expert-report", InputFlag.ARRIVES_AFTER_DEADLINE, 27),
        ("synthesis", "workshop-report", InputFlag.ARRIVES_AFTER_DEADLINE, 20),
        ("synthesis", "area-report", InputFlag.UNSCHEDULED, None),
    ]
    assert flags(evaluation, "synthesis") == {
        "survey": (InputFlag.LATE, d("2020-03-01"), 9),
        "workshop-report": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-05-05"), 20),
        "expert-report": (InputFlag.ARRIVES_AFTER_DEADLINE, d("2020-05-12"), 27),
        "area-report": (InputFlag.UNSCHEDULED, None, None),
        "consult-report": (InputFlag.TENTATIVE, d("2020-03-31"), None),
        "dialogue-report": (InputFlag.TENTATIVE, d("2020-03-24"), None),
        "briefing-note": (None, d("2020-03-20"), None),
    }
    assert evaluation.outputs["synthesis"].status is OutputStatus.BLOCKED
    # survey overdue; workshop/expert reports (negative slack) and area report (no date) at risk;
    # dialogue report (24 March) and briefing note (20 March) due soon; consultation on track.
    assert evaluation.counts() == {"delivered": 0, "overdue": 1, "due_soon": 2, "at_risk": 3,
                                   "blocked": 1, "on_track": 1, "cancelled": 0}


# ----------------------------------------------------------------------------- critical chain


def test_critical_chain_ends_at_the_last_meeting_output_and_follows_inputs(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    evaluation = run(plan, "2019-12-01")
    # the views are presumed delivered (a call closed on 15 September): the chain starts after them
    assert evaluation.critical_chain == ["documents", "wg2-report", "cop-documents"]
    chain = evaluation.critical_chain
    assert plan.outputs[chain[-1]].for_ == "cop"
    for earlier, later in itertools.pairwise(chain):
        assert earlier in plan.all_inputs(later)


def test_no_critical_chain_without_a_last_meeting(tmp_path: Path) -> None:
    assert run(mixed_inputs_process(tmp_path), "2020-03-10").critical_chain == []


# -------------------------------------------------------------------------------------- diff


def test_diff_reports_moved_meetings_and_shifted_deadlines(tmp_path: Path) -> None:
    plan = chain_process(tmp_path)
    moved = rescheduled("wg-2", "2020-03-09", "2020-03-13", "2019-12-15")
    before, after = run(plan, "2019-12-15"), run(plan, "2019-12-15", [moved])
    changes = diff(before, after)
    assert [m.id for m in changes.meetings] == ["wg-2"]
    assert (changes.meetings[0].before.opens_on, changes.meetings[0].after.opens_on) == (
        d("2020-02-24"), d("2020-03-09"))
    assert [(c.id, c.old_due, c.new_due, c.shift_days) for c in changes.deadlines] == [
        ("documents", d("2020-01-13"), d("2020-01-27"), 14),
        ("wg2-report", d("2020-02-28"), d("2020-03-13"), 14),
    ]
    assert changes.new_late_inputs == []
    assert changes.delivered == []


def test_diff_reports_new_late_inputs_and_deliveries(tmp_path: Path) -> None:
    plan = blocked_synthesis_process(tmp_path)
    before = run(plan, "2020-02-28")
    after = run(plan, "2020-03-02", [delivered("synthesis", "2020-03-02")])
    changes = diff(before, after)
    assert changes.delivered == ["synthesis"]
    assert [(c.id, c.old_status, c.new_status, c.shift_days) for c in changes.deadlines] == [
        ("survey", OutputStatus.DUE_SOON, OutputStatus.OVERDUE, 0),
        ("synthesis", OutputStatus.ON_TRACK, OutputStatus.DELIVERED, 0),
    ]
    assert changes.meetings == []
    newly_late = diff(before, run(plan, "2020-03-02"))
    assert [(li.output, li.input.id, li.input.flag) for li in newly_late.new_late_inputs] == [
        ("synthesis", "survey", InputFlag.LATE)]


# ------------------------------------------------------------------ the bundled WG2020 process

BEFORE_DOCUMENTS_DEADLINE = pendulum.Date(2020, 1, 6)


def test_bundled_documents_due_13_january_and_due_soon(bundled_plan: Plan) -> None:
    state = evaluate(bundled_plan, [], BEFORE_DOCUMENTS_DEADLINE).outputs["wg2020-2-documents"]
    assert state.due is not None and state.due.on == pendulum.Date(2020, 1, 13)
    assert state.status is OutputStatus.DUE_SOON


def test_bundled_consultations_arrive_after_the_documents_deadline(bundled_plan: Plan) -> None:
    evaluation = evaluate(bundled_plan, [], BEFORE_DOCUMENTS_DEADLINE)
    review = input_of(evaluation, "wg2020-2-documents", "consult-review-report")
    mobilization = input_of(evaluation, "wg2020-2-documents", "consult-resource-mobilization-report")
    assert review.flag is InputFlag.ARRIVES_AFTER_DEADLINE
    assert mobilization.flag is InputFlag.ARRIVES_AFTER_DEADLINE
    assert review.days_late == 40
    reason = said(evaluation, review.reason)
    assert reason is not None
    assert "closes 40 days after" in reason
    assert "13 January 2020" in reason
    late = {(li.output, li.input.id): li.input.flag for li in evaluation.late_inputs}
    assert late[("wg2020-2-documents", "consult-review-report")] is InputFlag.ARRIVES_AFTER_DEADLINE
    assert late[("wg2020-2-documents", "consult-resource-mobilization-report")] is (
        InputFlag.ARRIVES_AFTER_DEADLINE)


def test_bundled_area_based_workshop_report_is_unscheduled(bundled_plan: Plan) -> None:
    evaluation = evaluate(bundled_plan, [], BEFORE_DOCUMENTS_DEADLINE)
    area = input_of(evaluation, "wg2020-2-documents", "ws-area-based-report")
    assert (area.flag, area.expected_on, area.days_late) == (InputFlag.UNSCHEDULED, None, None)
    assert evaluation.outputs["ws-area-based-report"].due is None
    assert evaluation.meetings["ws-area-based"].status is MeetingStatus.UNSCHEDULED
