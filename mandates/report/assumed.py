"""What the check shows of the deadlines the model assumed (`mandates check --assumed show|hide`).

An output whose due rule the model assumed (`Output.assumed`: a quarterly report where the text
says "regularly") has provenance ASSUMED. With `hide`, those whose deadline has passed (status
overdue) leave the Overdue section of every rendering of the check (terminal, status page,
markdown artifact, JSON totals) and are listed apart, counted, in one line (`hidden_line`);
with `show` (the default)
they are listed like any other, their line saying what was assumed. The evaluation is not
changed: statuses stay the core's, the JSON keeps every output.
"""

from __future__ import annotations

from typing import Literal

from mandates.core.evaluate import Evaluation, OutputState, OutputStatus
from mandates.core.plan import Provenance
from mandates.words.check import phrase
from mandates.words.dates import Lang

AssumedMode = Literal["show", "hide"]
ASSUMED_MODES: tuple[AssumedMode, ...] = ("show", "hide")


def check_assumed(value: str) -> AssumedMode:
    """`show` or `hide`; ValueError naming the valid choices otherwise."""
    if value == "show":
        return "show"
    if value == "hide":
        return "hide"
    raise ValueError(f"--assumed must be show or hide, not {value!r}")


def passed_assumed(evaluation: Evaluation) -> list[OutputState]:
    """The overdue outputs whose deadline the model assumed, by due date then id."""
    return [s for s in evaluation.in_status(OutputStatus.OVERDUE)
            if s.provenance is Provenance.ASSUMED]


def hidden(evaluation: Evaluation, assumed: AssumedMode) -> list[OutputState]:
    """What `assumed` leaves out of Overdue: `passed_assumed` with `hide`, nothing with `show`."""
    return passed_assumed(evaluation) if assumed == "hide" else []


def shown_in(evaluation: Evaluation, status: OutputStatus, assumed: AssumedMode) -> list[OutputState]:
    """The outputs of a section (`Evaluation.in_status`), less the hidden assumed deadlines."""
    rows = evaluation.in_status(status)
    if assumed == "show" or status is not OutputStatus.OVERDUE:
        return rows
    return [s for s in rows if s.provenance is not Provenance.ASSUMED]


def shown_counts(evaluation: Evaluation, assumed: AssumedMode) -> dict[str, int]:
    """`Evaluation.counts()`; with `hide`, `overdue` less the hidden ones, which are counted
    under `assumed_passed` (so that the counts still add up to the number of outputs)."""
    counts = evaluation.counts()
    if assumed == "hide":
        count = len(passed_assumed(evaluation))
        counts[OutputStatus.OVERDUE.value] -= count
        counts["assumed_passed"] = count
    return counts


def hidden_line(states: list[OutputState], lang: Lang) -> str:
    """`2 assumed deadlines passed (not shown: --assumed show): annex2-list-updates,
    bureau-progress-reports` / `2项推定的截止日期已过（未列入逾期：--assumed show）：…、…`."""
    return phrase("assumed_hidden", lang, count=len(states),
                  ids=phrase("list_sep", lang).join(s.id for s in states))

