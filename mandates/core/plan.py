"""Typed plan objects: what a process mandates (DESIGN.md, "The words")."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from pendulum import Date

if TYPE_CHECKING:
    from mandates.core.bounds import Span


class MeetingStatus(StrEnum):
    """A meeting's status (DESIGN.md: scheduled, tentative, unscheduled, ...)."""

    SCHEDULED = "scheduled"
    TENTATIVE = "tentative"
    UNSCHEDULED = "unscheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    HELD = "held"
    RESCHEDULED = "rescheduled"
    SPLIT = "split"
    IN_PARTS = "in_parts"


class Mode(StrEnum):
    """How a meeting (or one of its parts) is held: as data, never read from the venue text."""

    IN_PERSON = "in-person"
    ONLINE = "online"
    HYBRID = "hybrid"


class Precision(StrEnum):
    """How exactly a meeting's dates are known: days, a month window, or a quarter."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"


class Provenance(StrEnum):
    """Where a status or a date comes from (DESIGN: provenance).

    `recorded`: a fact says so; `presumed`: a confirmed meeting whose dates have passed is taken
    as held (and what it adopts as delivered); `assumed`: a rule the model adds that the text
    does not state (a quarterly report where the text says "regularly").
    """

    RECORDED = "recorded"
    PRESUMED = "presumed"
    ASSUMED = "assumed"


class Audience(StrEnum):
    """Who an output concerns: Parties and observers, or the secretariat only."""

    PUBLIC = "public"
    SECRETARIAT = "secretariat"


class Delivery(StrEnum):
    """How an output counts as delivered.

    `recorded`: only by a recorded fact; `when-held`: what a meeting adopts exists once the
    meeting has been held and its report lag has passed; `at-deadline`: a call for submissions
    closes on its deadline. A recorded delivery always takes precedence.
    """

    RECORDED = "recorded"
    WHEN_HELD = "when-held"
    AT_DEADLINE = "at-deadline"


class Adjust(StrEnum):
    """Business-day adjustment of a deadline that falls on a weekend or holiday."""

    NONE = "none"
    PRECEDING = "preceding"
    FOLLOWING = "following"


Lang = Literal["en", "zh"]
"""A language the product writes and reads: English or Chinese (simplified); as in `words.dates`."""


class Record:
    """Base of the plan's frozen, slotted records: pickled as the class and its field values,
    rebuilt by the generated `__init__` (the plan cache, `config.plancache`, loads ~4 records
    per output; the dataclass default, `__setstate__` over `fields()`, is twice as slow)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        names = self.__dataclass_fields__  # type: ignore[attr-defined]
        return type(self), tuple([getattr(self, name) for name in names])


@dataclass(frozen=True, slots=True)
class Title(Record):
    """A text in English and in Chinese.

    `written_in` is None for a text given in both languages (every title of a process file).
    Text a user typed in one language only (a new venue given by command) has the same text on
    both sides and `written_in` naming the language it was written in, so that an output in the
    other language can show it as written and mark it untranslated (`mandates.words.usertext`).
    """

    en: str
    zh: str
    written_in: Lang | None = None

    def get(self, lang: str) -> str:
        """The text in `lang` (en or zh), falling back to English."""
        return self.zh if lang == "zh" and self.zh else self.en


@dataclass(frozen=True, slots=True)
class Window(Record):
    """A month window such as "January or February 2020" (or a quarter, "first quarter of
    2021"): earliest and latest day; `precision` says which the text gave."""

    earliest: Date
    latest: Date
    precision: Precision = Precision.MONTH


@dataclass(frozen=True, slots=True)
class Assumption(Record):
    """A modelled rule the text does not state (DESIGN: provenance, assumed).

    `rule` is a code naming what the model assumed (`quarterly`, `report-lag`, `date`, ...);
    `says` quotes what the text does say ("as necessary", "regularly"), in both languages,
    when it says something.
    """

    rule: str
    says: Title | None = None


@dataclass(frozen=True, slots=True)
class Source(Record):
    """Where an item was defined: file and line, for error messages."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Body(Record):
    """Who acts or meets: COP, SBSTTA, the co-chairs, Parties and observers, partners."""

    id: str
    name: Title
    short: str


@dataclass(frozen=True, slots=True)
class Meeting(Record):
    """A dated gathering as planned (Annex II rows, WG2020-1, COP-15).

    `title` and `short` are noun phrases; `description` holds what the document says of the
    meeting in a sentence (Annex II's role column), when there is one.
    """

    id: str
    title: Title
    body: str
    opens_on: Date | None
    closes_on: Date | None
    window: Window | None
    confirmed: bool
    venue: Title | None
    timezone: str
    type: int
    table: int | None
    mandate: str | None
    element: Title | None
    source: Source
    short: Title | None = None
    description: Title | None = None
    mode: Mode = Mode.IN_PERSON
    added_by: str | None = None

    @property
    def name(self) -> Title:
        """The name used inside sentences: the short title, else the title."""
        return self.short or self.title

    @property
    def planned_status(self) -> MeetingStatus:
        """Scheduled with confirmed day dates, tentative with a window or unconfirmed dates."""
        if self.opens_on is None and self.window is None:
            return MeetingStatus.UNSCHEDULED
        if self.window is not None or not self.confirmed:
            return MeetingStatus.TENTATIVE
        return MeetingStatus.SCHEDULED


@dataclass(frozen=True, slots=True)
class OnRule(Record):
    """Due on a fixed date."""

    on: Date
    adjust: Adjust | None = None


@dataclass(frozen=True, slots=True)
class BeforeRule(Record):
    """Due `days` before a meeting opens (weeks are stored as days).

    `meeting` may name a part (`cop-15-part-2`); a meeting in parts opens when its first part
    opens.
    """

    meeting: str
    days: int
    adjust: Adjust | None = None


@dataclass(frozen=True, slots=True)
class AtRule(Record):
    """Produced by a meeting: available when the part that adopts it closes (by default the
    last; `meeting` may name a part, `cop-15-part-1`) plus a report lag."""

    meeting: str
    lag_days: int | None = None
    adjust: Adjust | None = None


@dataclass(frozen=True, slots=True)
class EveryRule(Record):
    """Periodic: every `months` or `weeks` from a date until a date or a meeting's opening."""

    months: int
    weeks: int
    start: Date
    until_date: Date | None
    until_meeting: str | None
    adjust: Adjust | None = None


DueRule = OnRule | BeforeRule | AtRule | EveryRule


_PART_ID = re.compile(r"(.+)-part-([1-9][0-9]*)")


def split_ref(ref: str, meetings: Container[str]) -> tuple[str, int | None]:
    """A meeting reference as (meeting id, part number or None): `cop-15-part-2` ->
    (`cop-15`, 2) when `cop-15` is one of `meetings` and `cop-15-part-2` is not; any other id
    as (id, None). The one reading of part ids (DESIGN: parts add a suffix, `-part-N`, N >= 1).
    """
    if ref in meetings:
        return ref, None
    match = _PART_ID.fullmatch(ref)
    if match is not None and match.group(1) in meetings:
        return match.group(1), int(match.group(2))
    return ref, None


def is_part_of(ref: str, meetings: Container[str]) -> bool:
    """True when `ref` names a part of one of `meetings` (`cop-15-part-2`), not a meeting."""
    return split_ref(ref, meetings)[1] is not None


def rule_meeting(rule: DueRule) -> str | None:
    """The meeting a due rule hangs on, if any."""
    if isinstance(rule, BeforeRule | AtRule):
        return rule.meeting
    if isinstance(rule, EveryRule):
        return rule.until_meeting
    return None


@dataclass(frozen=True, slots=True)
class Output(Record):
    """A mandated deliverable: who, under which mandate, due when, for what, from which inputs.

    `title` and `short` are noun phrases; `description` holds the document's own sentence about
    the output (Annex II's role column, or the operative paragraph), when there is one.
    """

    id: str
    title: Title
    responsible: tuple[str, ...]
    mandate: str
    due: DueRule
    for_: str | None
    inputs: tuple[str, ...]
    audience: Audience
    source: Source
    delivery: Delivery = Delivery.RECORDED
    short: Title | None = None
    description: Title | None = None
    assumed: Assumption | None = None
    added_by: str | None = None

    @property
    def name(self) -> Title:
        """The name used inside sentences: the short title, else the title."""
        return self.short or self.title


@dataclass(frozen=True, slots=True)
class Process(Record):
    """The process header: id, titles, source document and the secretariat's settings."""

    id: str
    title: Title
    source_document: str
    timezone: str
    last_meeting: str | None
    due_soon_days: int = 14
    business_days: Adjust = Adjust.NONE
    report_lag_days: dict[int, int] = field(
        default_factory=lambda: {1: 0, 2: 14, 3: 0, 4: 14, 5: 30}
    )
    holidays: frozenset[Date] = frozenset()
    """The days the secretariat observes besides weekends, for the years the process spans (the
    process file's calendar, computed by `config.holidaycal`); business-day adjustment skips them."""


class AmendmentKind(StrEnum):
    """What kind of document amends a process."""

    RECOMMENDATION = "recommendation"
    DECISION = "decision"
    NOTIFICATION = "notification"
    BUREAU_DECISION = "bureau-decision"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class OutputChange(Record):
    """What an amendment changes in an existing output; None leaves a field as it was.

    `for_` uses `clear_for` to remove the target (None alone means unchanged). `add_inputs`
    and `remove_inputs` edit the inputs list.
    """

    id: str
    due: DueRule | None = None
    responsible: tuple[str, ...] | None = None
    for_: str | None = None
    clear_for: bool = False
    add_inputs: tuple[str, ...] = ()
    remove_inputs: tuple[str, ...] = ()
    title: Title | None = None
    description: Title | None = None
    assumed: Assumption | None = None
    delivery: Delivery | None = None
    audience: Audience | None = None


@dataclass(frozen=True, slots=True)
class MeetingChange(Record):
    """What an amendment changes in an existing meeting's definition (title, body, type).

    Dates, venue and mode of a meeting change by facts (rescheduled, relocated, part), not by
    amendments; an amendment that sets them gives a new *planned* baseline only for meetings
    it adds.
    """

    id: str
    title: Title | None = None
    short: Title | None = None
    body: str | None = None
    type: int | None = None
    description: Title | None = None


@dataclass(frozen=True, slots=True)
class Amendment(Record):
    """A later document that amends a process, in effect from `effective_on` (DESIGN: amendment).

    `id` is stable and unique within the process (`wg2020-2-rec-1`); `symbol` is the document's
    symbol (CBD/WG2020/REC/2/1, notification 2020-012); `url` the public address it was read
    from; `approximate` says the record gives no exact date and `effective_on` is the nearest
    date it does give. It adds bodies, meetings and outputs, changes outputs and meetings,
    changes the process's last meeting, and retires meetings or outputs (kept in the plan,
    marked retired, so that feeds cancel them rather than drop them).
    """

    id: str
    symbol: str
    kind: AmendmentKind
    effective_on: Date
    source: Source
    title: Title | None = None
    url: str | None = None
    approximate: bool = False
    bodies: tuple[Body, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    outputs: tuple[Output, ...] = ()
    output_changes: tuple[OutputChange, ...] = ()
    meeting_changes: tuple[MeetingChange, ...] = ()
    last_meeting: str | None = None
    retires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What was mandated: one process, its bodies, meetings and outputs.

    `amendments` are every amendment known from files (the founding plan keeps them all);
    `core.amend.plan_as_of` gives the plan as of a date: the amendments in effect by then
    applied, their ids in `in_effect`, and the ids of retired meetings and outputs in `retired`
    (id -> amendment id; retired items stay in the plan so that feeds cancel them).
    """

    process: Process
    bodies: dict[str, Body]
    meetings: dict[str, Meeting]
    outputs: dict[str, Output]
    files: tuple[str, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    retired: dict[str, str] = field(default_factory=dict)
    in_effect: tuple[str, ...] = ()

    def all_inputs(self, output_id: str) -> tuple[str, ...]:
        """Inputs of an output: those listed, plus outputs whose `for` names it (DESIGN: input)."""
        return self.inputs_index.get(output_id, ())

    @cached_property
    def fingerprint(self) -> str:
        """A digest (32 hex digits, BLAKE2b) of the plan's `repr`: every field, amendments
        included; equal plans give equal fingerprints in every process. Kept with the plan in
        the plan cache, so that comparing a plan with a previous one's (the feeds' inputs,
        `feeds.cache.inputs`) does not write out the whole plan each time."""
        return hashlib.blake2b(repr(self).encode("utf-8"), digest_size=16).hexdigest()

    @cached_property
    def span(self) -> Span:
        """The dates the process may speak of (`core.bounds.span_of`; read on the founding plan)."""
        from mandates.core.bounds import span_of

        return span_of(self)

    @cached_property
    def inputs_index(self) -> dict[str, tuple[str, ...]]:
        """Every output's inputs, `for: OUTPUT` edges included."""
        index: dict[str, list[str]] = {oid: list(o.inputs) for oid, o in self.outputs.items()}
        for output in self.outputs.values():
            target = output.for_
            if target is not None and target in index and output.id not in index[target]:
                index[target].append(output.id)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def consumers_index(self) -> dict[str, tuple[str, ...]]:
        """For each output, the outputs that need it as an input."""
        consumers: dict[str, list[str]] = {oid: [] for oid in self.outputs}
        for oid, inputs in self.inputs_index.items():
            for input_id in inputs:
                if input_id in consumers:
                    consumers[input_id].append(oid)
        return {k: tuple(v) for k, v in consumers.items()}

    def report_lag(self, meeting_id: str) -> int:
        """Days from a meeting's close to what it produces, by its Annex II type (rule `at`);
        a part (`cop-15-part-2`) has its meeting's type."""
        meeting = self.meetings.get(split_ref(meeting_id, self.meetings)[0])
        return self.process.report_lag_days.get(meeting.type, 0) if meeting is not None else 0

    def body_short(self, body_id: str) -> str:
        """A body's short name, or its id."""
        body = self.bodies.get(body_id)
        return body.short if body else body_id
