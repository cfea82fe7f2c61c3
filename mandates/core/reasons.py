"""Why an output has its status and an input its flag, as a code with values (DESIGN: evaluation).

The evaluation never writes a sentence: it gives a `Reason`, a `ReasonCode` and the values that
sentence needs (ids of outputs and meetings, dates, counts of days, and text a user typed, such as
a waiver's reason). `mandates.words.reasons` renders a Reason in English or Chinese.

Which values each code has, and in which order, is `VALUES`: `Reason.of` checks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from pendulum import Date

from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import Title
from mandates.core.rules import Span


class ReasonCode(StrEnum):
    """One code per kind of explanation the evaluation gives (DESIGN: evaluation, reason code)."""

    # Output statuses
    DUE = "due"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    BLOCKED = "blocked"
    INPUTS_AT_RISK = "inputs_at_risk"
    LATE_FOR_OUTPUT = "late_for_output"
    LATE_FOR_MEETING = "late_for_meeting"
    NO_DATE_NEEDED = "no_date_needed"
    NO_DATE = "no_date"
    DELIVERED = "delivered"
    DELIVERED_ON_TIME = "delivered_on_time"
    DELIVERED_LATE = "delivered_late"
    PRESUMED_DELIVERED = "presumed_delivered"
    WAIVED = "waived"
    CANCELLED = "cancelled"
    MEETING_CANCELLED = "meeting_cancelled"
    # Input flags
    INPUT_CANCELLED = "input_cancelled"
    ARRIVED_AFTER_DEADLINE = "arrived_after_deadline"
    PRESUMED_AFTER_DEADLINE = "presumed_after_deadline"  # its meeting presumed held, not recorded
    UNSCHEDULED_MEETING = "unscheduled_meeting"
    UNSCHEDULED = "unscheduled"
    INPUT_LATE = "input_late"
    AFTER_WINDOW_CLOSE = "after_window_close"
    AFTER_WINDOW_LAG = "after_window_lag"
    AFTER_MEETING_CLOSE = "after_meeting_close"
    AFTER_MEETING_LAG = "after_meeting_lag"
    AFTER_DUE = "after_due"
    TENTATIVE_MEETING = "tentative_meeting"
    TENTATIVE = "tentative"
    # The living plan (issue 9)
    RETIRED = "retired"
    SET_TOO_LATE = "set_too_late"
    PRESUMED_HELD = "presumed_held"
    MEETING_UNCONFIRMED = "meeting_unconfirmed"
    INPUT_UNCONFIRMED = "input_unconfirmed"
    NO_DATE_LATEST = "no_date_latest"
    LATE_FOR_LATEST = "late_for_latest"
    # A fact the evaluation cannot apply (issue 11): recorded by an older release or by hand
    FACT_SET_ASIDE = "fact_set_aside"
    FACT_UNREADABLE = "fact_unreadable"


@dataclass(frozen=True, slots=True)
class MeetingWhen:
    """A meeting as a reason saw it: id, days (or the bounds of its window), venue, certainty.

    `opens`/`closes` are None when it has no dates (postponed, or to be determined); with
    `window` they are the first and last possible day of a month window (or a quarter). A
    postponed meeting may carry the window it is now expected in. `meeting` may be the id of a
    part (`cop-15-part-2`, `meetings.part_id`).
    """

    meeting: str
    opens: Date | None
    closes: Date | None
    venue: Title | None
    window: bool
    tentative: bool
    postponed: bool

    @classmethod
    def of(cls, state: MeetingState) -> MeetingWhen:
        """What a reason records of a meeting as of the evaluation date."""
        return cls._made(state.id, state.span, state.venue, state.postponed)

    @classmethod
    def of_part(cls, part: PartState) -> MeetingWhen:
        """What a reason records of one part of a meeting (its id is the part's)."""
        return cls._made(part.id, part.span, part.venue, part.postponed)

    @classmethod
    def _made(cls, meeting: str, span: Span | None, venue: Title | None,
              postponed: bool) -> MeetingWhen:
        if span is None:
            return cls(meeting, None, None, venue, False, False, postponed)
        if span.is_window:
            return cls(meeting, span.opens_earliest, span.closes_latest, venue, True, True,
                       postponed)
        if postponed:  # postponed to days not confirmed: shown as the time it is expected in
            return cls(meeting, span.opens_earliest, span.closes_latest, venue, False, True, True)
        return cls(meeting, span.opens_earliest, span.closes_latest, venue, False, span.tentative,
                   False)


ReasonValue: TypeAlias = "str | int | Date | Title | MeetingWhen | tuple[str, ...] | Reason | None"

_AFTER = ("meeting", "output", "latest", "days", "consumer", "deadline")

# The values of each code, in order. Dates: `due`, `on` (delivered, waived, cancelled, arrived),
# `latest` (the latest day it may come), `deadline` (of the output that needs it); `days`: days
# left, late or overdue; `output`, `consumer` (the output that needs it), `inputs`: output ids;
# `meeting`: a meeting id, or a MeetingWhen where the sentence shows its days and venue;
# `text`: what a user typed (a waiver's reason: a Title carrying the language it was written in,
# `Fact.text_title`) or None; `cause`: why an input was cancelled.
VALUES: dict[ReasonCode, tuple[str, ...]] = {
    ReasonCode.DUE: ("due",),
    ReasonCode.DUE_SOON: ("due", "days", "at_risk"),  # at_risk: inputs at risk, 0 for none
    ReasonCode.DUE_TODAY: ("due", "days", "at_risk"),
    ReasonCode.OVERDUE: ("due", "days"),
    ReasonCode.BLOCKED: ("due", "inputs"),  # the overdue inputs
    ReasonCode.INPUTS_AT_RISK: ("due", "count"),
    ReasonCode.LATE_FOR_OUTPUT: ("due", "days", "output"),  # the output that needs it
    ReasonCode.LATE_FOR_MEETING: ("due", "days", "meeting"),  # the meeting it is for: its opening
    ReasonCode.NO_DATE_NEEDED: (),
    ReasonCode.NO_DATE: (),
    ReasonCode.DELIVERED: ("on",),  # no due date to compare with
    ReasonCode.DELIVERED_ON_TIME: ("on",),
    ReasonCode.DELIVERED_LATE: ("on", "days"),
    ReasonCode.PRESUMED_DELIVERED: ("on", "days"),  # days late, 0 on time, None with no due date
    ReasonCode.WAIVED: ("on", "text"),
    ReasonCode.CANCELLED: ("on",),
    ReasonCode.MEETING_CANCELLED: ("meeting",),
    ReasonCode.INPUT_CANCELLED: ("output", "cause"),  # cause: waived, cancelled, meeting_cancelled
    ReasonCode.ARRIVED_AFTER_DEADLINE: ("output", "on", "days", "consumer", "deadline"),
    ReasonCode.PRESUMED_AFTER_DEADLINE: ("output", "on", "days", "consumer", "deadline"),
    ReasonCode.UNSCHEDULED_MEETING: ("output", "meeting"),
    ReasonCode.UNSCHEDULED: ("output",),
    ReasonCode.INPUT_LATE: ("output", "due", "days"),
    ReasonCode.AFTER_WINDOW_CLOSE: _AFTER,
    ReasonCode.AFTER_WINDOW_LAG: _AFTER,
    ReasonCode.AFTER_MEETING_CLOSE: _AFTER,
    ReasonCode.AFTER_MEETING_LAG: _AFTER,
    ReasonCode.AFTER_DUE: ("output", "latest", "days", "consumer", "deadline"),
    ReasonCode.TENTATIVE_MEETING: ("output", "meeting", "latest"),
    ReasonCode.TENTATIVE: ("output", "latest"),
    # `amendment`: the id of the amendment that retired the output (its symbol is in the plan)
    ReasonCode.RETIRED: ("amendment",),
    # `announced`: when the rule or the dates that set the due date took effect, `days` after it;
    # `late`: days late as of the evaluation, counted from `announced` (0 on that day)
    ReasonCode.SET_TOO_LATE: ("due", "days", "announced", "late"),
    # an input taken as available because the meeting that produces it is presumed held
    ReasonCode.PRESUMED_HELD: ("output", "meeting", "on"),
    # a tentative meeting whose possible dates have passed: not presumed held
    ReasonCode.MEETING_UNCONFIRMED: ("meeting",),
    ReasonCode.INPUT_UNCONFIRMED: ("output", "meeting"),
    # `latest`: the latest date it can have and still make the process's last meeting
    ReasonCode.NO_DATE_LATEST: ("latest",),
    # late for the latest opening of an undated `meeting` that still makes the last meeting
    ReasonCode.LATE_FOR_LATEST: ("due", "days", "latest", "meeting"),
    # a fact with a date outside the span of the process (`core.bounds`), left out of the
    # evaluation: `key` the fact's key, `subject` the id it names (as stored, maybe unknown),
    # `on` the date at fault, `first`..`last` the span
    ReasonCode.FACT_SET_ASIDE: ("key", "subject", "on", "first", "last"),
    # a stored row that cannot be read as a fact (`Fact.unreadable`): `column` and `value` as stored
    ReasonCode.FACT_UNREADABLE: ("key", "subject", "column", "value"),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """A code and its values, in the order `VALUES[code]` names them; never prose."""

    code: ReasonCode
    values: tuple[ReasonValue, ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, **values: ReasonValue) -> Reason:
        """`Reason.of(ReasonCode.DUE, due=day)`; KeyError naming the code and the value when a
        value of `VALUES[code]` is missing, ValueError when one is not among them."""
        names = VALUES[code]
        if len(values) != len(names):
            extra = sorted(set(values) - set(names))
            if extra:
                raise ValueError(f"reason {code.value} has no value {extra[0]!r}")
        try:
            return cls(code, tuple([values[name] for name in names]))
        except KeyError as missing:
            raise KeyError(f"reason {code.value} needs a value {missing.args[0]!r}") from None

    def get(self, key: str) -> ReasonValue:
        """The value named `key`; KeyError naming the code when it has none."""
        names = VALUES[self.code]
        if key not in names:
            raise KeyError(f"reason {self.code.value} has no value {key!r}")
        return self.values[names.index(key)]

    def as_dict(self) -> dict[str, ReasonValue]:
        """The values by name."""
        return dict(zip(VALUES[self.code], self.values, strict=True))
