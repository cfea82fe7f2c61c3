"""Named fixtures of the living plan's core tests (issue 9): a small process with a meeting in
each starting state, facts built with fixed dates, and amendments built as the loader builds
them. Imported by the tests of tests/core (on pytest's pythonpath through `conftest.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pendulum
from pendulum import Date

from mandates.config.loader import load_plan
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import (
    Amendment,
    AmendmentKind,
    AtRule,
    Audience,
    Delivery,
    DueRule,
    Output,
    Plan,
    Source,
    Title,
)

RECORDED_AT = pendulum.datetime(2019, 8, 1, tz="UTC")
AS_OF = Date(2020, 4, 1)  # the frozen "as of" of these tests, unless a test says otherwise

# A process with one meeting in each starting state (DESIGN: meeting):
#   wg-2      scheduled: confirmed days, 24-28 February 2020, Kunming (Asia/Shanghai)
#   consult   tentative: a month window, January or February 2020
#   workshop  tentative: days not confirmed, 2-4 March 2020
#   area      unscheduled (tbd)
#   sbstta    scheduled, 18-23 May 2020
#   cop       scheduled, 15-28 October 2020, the last meeting
STATES = """\
process:
  id: states
  title: {en: "States", zh: "状态"}
  source: CBD/WG2020/REC/1/1
  timezone: America/Toronto
  last_meeting: cop
  due_soon_days: 14
bodies:
  - {id: wg, name: {en: "Working Group", zh: "工作组"}, short: WG}
  - {id: secretariat, name: {en: "Executive Secretary", zh: "执行秘书"}}
meetings:
  - {id: wg-2, title: {en: "Second meeting of the Working Group", zh: "工作组第二次会议"}, body: wg,
     opens: 2020-02-24, closes: 2020-02-28, venue: {en: "Kunming, China", zh: "中国昆明"},
     timezone: Asia/Shanghai, type: 1}
  - {id: consult, title: {en: "Consultation", zh: "磋商"}, body: wg,
     window: {from: 2020-01, to: 2020-02}, type: 3}
  - {id: workshop, title: {en: "Workshop", zh: "讲习班"}, body: wg,
     opens: 2020-03-02, closes: 2020-03-04, confirmed: false, type: 3}
  - {id: area, title: {en: "Area workshop", zh: "区域讲习班"}, body: wg, tbd: true, type: 3}
  - {id: sbstta, title: {en: "SBSTTA", zh: "科咨机构"}, body: wg, opens: 2020-05-18,
     closes: 2020-05-23, type: 1}
  - {id: cop, title: {en: "COP", zh: "缔约方大会"}, body: wg, opens: 2020-10-15,
     closes: 2020-10-28, type: 1}
outputs:
  - {id: documents, title: {en: "WG-2 documents", zh: "第二次会议文件"}, responsible: secretariat,
     mandate: CBD/WG2020/REC/1/1 para 4, due: {before: wg-2, weeks: 6}, for: wg-2}
  - {id: wg2-report, title: {en: "WG-2 report", zh: "第二次会议报告"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 4, due: {at: wg-2}, for: sbstta-docs}
  - {id: consult-report, title: {en: "Consultation report", zh: "磋商报告"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 5, due: {at: consult}, for: sbstta-docs}
  - {id: workshop-report, title: {en: "Workshop report", zh: "讲习班报告"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 5, due: {at: workshop}, for: sbstta-docs}
  - {id: area-report, title: {en: "Area report", zh: "区域报告"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 5, due: {at: area}, for: sbstta-docs}
  - {id: sbstta-docs, title: {en: "SBSTTA documents", zh: "科咨机构文件"}, responsible: secretariat,
     mandate: CBD/WG2020/REC/1/1 para 7, due: {before: sbstta, weeks: 6}, for: sbstta}
  - {id: sbstta-recs, title: {en: "SBSTTA recommendations", zh: "科咨机构建议"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 7, due: {at: sbstta}, for: cop-docs}
  - {id: cop-docs, title: {en: "COP documents", zh: "缔约方大会文件"}, responsible: secretariat,
     mandate: CBD/WG2020/REC/1/1 para 9, due: {before: cop, weeks: 6}, for: cop}
  - {id: framework, title: {en: "Framework", zh: "框架"}, responsible: wg,
     mandate: CBD/WG2020/REC/1/1 para 9, due: {at: cop}}
"""


def d(text: str) -> Date:
    """A date from its ISO form."""
    return Date.fromisoformat(text)


def states_plan(tmp_path: Path) -> Plan:
    """The process above, written and loaded by the real loader."""
    path = tmp_path / "states.yaml"
    path.write_text(STATES, encoding="utf-8")
    return load_plan(path)


def fact(kind: FactKind, subject: str, effective_on: str, *, key: str | None = None,
         **fields: Any) -> Fact:
    """A fact with a fixed recording time; `key` defaults to `{date}-{subject}-{kind}`."""
    return Fact(kind, subject, d(effective_on), RECORDED_AT,
                key=key or f"{effective_on}-{subject}-{kind.value}", **fields)


def moved(meeting: str, opens: str, closes: str, announced: str, **fields: Any) -> Fact:
    """A rescheduling to new days."""
    return fact(FactKind.RESCHEDULED, meeting, announced, opens_on=d(opens), closes_on=d(closes),
                **fields)


def run(plan: Plan, facts: Iterable[Fact] = (), as_of: str | Date = AS_OF) -> Evaluation:
    """The evaluation as of a frozen date."""
    return evaluate(plan, list(facts), as_of if isinstance(as_of, Date) else d(as_of))


def output(oid: str, due: DueRule, *, for_: str | None = None, inputs: tuple[str, ...] = (),
           line: int = 10) -> Output:
    """An output as an amendment adds it (titles in both languages, from its id; what a meeting
    adopts exists once it is held, as the loader's default)."""
    delivery = Delivery.WHEN_HELD if isinstance(due, AtRule) else Delivery.RECORDED
    return Output(oid, Title(oid, oid), ("secretariat",), "CBD/WG2020/REC/2/1", due, for_, inputs,
                  Audience.PUBLIC, Source("states.amendments/001.yaml", line), delivery)


def amendment(aid: str, effective_on: str, **fields: Any) -> Amendment:
    """An amendment as the loader reads it from `states.amendments/NNN-{aid}.yaml`."""
    return Amendment(aid, f"CBD/WG2020/REC/{aid}", AmendmentKind.RECOMMENDATION, d(effective_on),
                     Source(f"states.amendments/001-{aid}.yaml", 2), **fields)
