"""The living-plan check (loaded by path by `conftest.py`, not imported): the bundled process as
of Sunday 1 March 2020 with what issue 9 adds to an evaluation set on it, as the core gives it
(provenance, assumptions, due_set_on, latest_finish, meetings held by record or presumed, in
parts, split, online, in a quarter).

The core's logic for these fields lands separately; the renderers are tested here on an
Evaluation whose states carry them, built from the real evaluation of the bundled plan (only the
new fields are set; statuses, dates and reasons are the core's).

What it holds (a named data fixture, partly hypothetical where marked):
- paragraphs 11 and 12 (`annex2-list-updates`, `bureau-progress-reports`): quarterly reports the
  model assumed; the text says "as necessary" / "视需要" and "regularly" / "定期"; both overdue;
- WG2020-2 moved to Rome (announced 3 February 2020, with its source), presumed held;
- hypothetical: SBI-3 brought forward to 23-28 March 2020 by a fact effective 20 February 2020
  (with a source), so that the IAG mainstreaming report, due six weeks before, was due on
  10 February: set too late, 10 days before it was announced;
- the WG2020-2 documents delivered on 15 January 2020 as CBD/WG2020/2/3, with a source;
- meetings drawn as they really went (later than 1 March 2020, for their words only): the DSI
  expert group online; SBSTTA-24 in the first quarter of 2021, to be confirmed; WG2020-3 in
  parts (part one online, held by record; a resumed session in Geneva); COP-15 split (part one
  in Kunming, hybrid; part two in Montreal); the framework text's latest finish 15 October 2020.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pendulum
from pendulum import Date

from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import Assumption, Mode, Plan, Precision, Provenance, Title, Window
from mandates.core.rules import Span

AS_OF = Date(2020, 3, 1)
RECORDED_AT = pendulum.datetime(2020, 3, 1, 9, tz="UTC")
ROME_SOURCE = "https://www.cbd.int/notifications/2020/ntf-2020-010-post2020-en.pdf"
SBI_SOURCE = "https://www.cbd.int/notifications/2020/ntf-2020-099-sbi-en.pdf"  # hypothetical
DOCUMENTS_SOURCE = "https://www.cbd.int/doc/c/wg2020-02-03-en.pdf"
SOURCES = (ROME_SOURCE, SBI_SOURCE, DOCUMENTS_SOURCE)
ROME = Title("Rome, Italy (FAO headquarters)", "意大利罗马（粮农组织总部）")
GENEVA = Title("Geneva, Switzerland", "瑞士日内瓦")
KUNMING = Title("Kunming, China", "中国昆明")
MONTREAL = Title("Montreal, Canada", "加拿大蒙特利尔")
REGULARLY = Assumption("quarterly", Title("regularly", "定期"))
AS_NECESSARY = Assumption("quarterly", Title("as necessary", "视需要"))


@dataclass(frozen=True)
class Living:
    """The fixture: the plan with its assumptions, the facts, and the evaluation as of 1 March."""

    plan: Plan
    facts: list[Fact]
    evaluation: Evaluation


def _assumed(plan: Plan) -> Plan:
    outputs = dict(plan.outputs)
    outputs["bureau-progress-reports"] = dataclasses.replace(outputs["bureau-progress-reports"],
                                                             assumed=REGULARLY)
    outputs["annex2-list-updates"] = dataclasses.replace(outputs["annex2-list-updates"],
                                                         assumed=AS_NECESSARY)
    return dataclasses.replace(plan, outputs=outputs)


def _facts() -> list[Fact]:
    return [
        Fact(FactKind.RESCHEDULED, "wg2020-2", Date(2020, 2, 3), RECORDED_AT, id=1,
             opens_on=Date(2020, 2, 24), closes_on=Date(2020, 2, 29), venue=ROME.en,
             venue_zh=ROME.zh, timezone="Europe/Rome", key="2020-02-03-wg2020-2-rome",
             source=ROME_SOURCE),
        Fact(FactKind.RESCHEDULED, "sbi-3", Date(2020, 2, 20), RECORDED_AT, id=2,
             opens_on=Date(2020, 3, 23), closes_on=Date(2020, 3, 28), source=SBI_SOURCE),
        Fact(FactKind.DELIVERED, "wg2020-2-documents", Date(2020, 1, 15), RECORDED_AT, id=3,
             ref="CBD/WG2020/2/3", source=DOCUMENTS_SOURCE),
    ]


def _part(meeting: str, number: int, opens: Date, closes: Date, venue: Title | None, zone: str,
          mode: Mode, held: Provenance | None = None) -> PartState:
    return PartState(meeting, number, opens, closes, None, venue, zone, mode, True, held is not None,
                     held, Span(opens, opens, closes, closes, False), None)


def _meetings(states: dict[str, MeetingState]) -> dict[str, MeetingState]:
    meetings = dict(states)
    meetings["wg2020-2"] = dataclasses.replace(meetings["wg2020-2"],
                                               held_provenance=Provenance.PRESUMED)
    meetings["ahteg-dsi-meeting"] = dataclasses.replace(meetings["ahteg-dsi-meeting"], mode=Mode.ONLINE)
    q1 = Window(Date(2021, 1, 1), Date(2021, 3, 31), Precision.QUARTER)
    meetings["sbstta-24"] = dataclasses.replace(
        meetings["sbstta-24"], opens_on=None, closes_on=None, window=q1, confirmed=False,
        span=Span(q1.earliest, q1.latest, q1.earliest, q1.latest, True), rescheduled=True)
    meetings["wg2020-3"] = dataclasses.replace(
        meetings["wg2020-3"], opens_on=Date(2021, 8, 23), closes_on=Date(2022, 3, 29), parts=(
            _part("wg2020-3", 1, Date(2021, 8, 23), Date(2021, 9, 3), None, "America/Toronto",
                  Mode.ONLINE, Provenance.RECORDED),
            _part("wg2020-3", 2, Date(2022, 3, 14), Date(2022, 3, 29), GENEVA, "Europe/Zurich",
                  Mode.IN_PERSON)))
    cop = meetings["cop-15"]
    meetings["cop-15"] = dataclasses.replace(cop, split=True, parts=(
        _part("cop-15", 1, Date(2021, 10, 11), Date(2021, 10, 15), KUNMING, "Asia/Shanghai",
              Mode.HYBRID),
        _part("cop-15", 2, Date(2022, 12, 7), Date(2022, 12, 19), MONTREAL, "America/Toronto",
              Mode.IN_PERSON)))
    return meetings


def living_evaluation(plan: Plan, facts: list[Fact], as_of: Date = AS_OF) -> Evaluation:
    """The core's evaluation with the living plan's fields set as described above."""
    evaluation = evaluate(plan, facts, as_of)
    outputs = dict(evaluation.outputs)

    def put(oid: str, **fields: object) -> None:
        outputs[oid] = dataclasses.replace(outputs[oid], **fields)

    put("bureau-progress-reports", provenance=Provenance.ASSUMED)
    put("annex2-list-updates", provenance=Provenance.ASSUMED)
    put("mainstreaming-iag-report", provenance=Provenance.RECORDED, due_set_on=Date(2020, 2, 20))
    put("wg2020-2-documents", provenance=Provenance.RECORDED)
    put("wg2020-2-discussion-draft", provenance=Provenance.PRESUMED)
    put("wg2020-3-framework-text", latest_finish=Date(2020, 10, 15))
    return dataclasses.replace(evaluation, outputs=outputs, meetings=_meetings(evaluation.meetings))


def living(bundled_plan: Plan) -> Living:
    """The living-plan check as of 1 March 2020 (see the module)."""
    plan = _assumed(bundled_plan)
    facts = _facts()
    return Living(plan, facts, living_evaluation(plan, facts))
