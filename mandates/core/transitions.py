"""A meeting's state machine: each fact judged against the meeting as it stood on the fact's
date (docs/architecture.md, "A meeting's transitions", is the table of this module).

`replay` folds a meeting's facts, in the order they took effect, into a `Draft`: the meeting's
current dates, venue, zone and mode, postponement, cancellation, recorded holding and its parts.
`step` judges one fact against a draft: it applies the fact and returns None, or leaves the
draft as it was and returns a `Refused` saying why. `core.record` refuses such a fact before
anything is written; the evaluation skips one that reached the database anyway (an import, a
database written by an older version) and keeps it in the meeting's `ignored` facts.

Pure: dates are pendulum Dates, reasons are codes (`core.record` words them for the command line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Meeting, Mode, Precision, Provenance, Title, Window
from mandates.core.rules import Span

DATE_KINDS = frozenset({FactKind.RESCHEDULED, FactKind.RELOCATED, FactKind.POSTPONED,
                        FactKind.CANCELLED, FactKind.SPLIT, FactKind.PART, FactKind.HELD})
"""The facts that change a meeting's state (a note changes nothing; a withdrawal voids a fact
before the replay sees it)."""


class Refusal(StrEnum):
    """Why a fact cannot apply to a meeting in its state on the fact's date."""

    RETIRED = "retired"  # the meeting was retired by an amendment
    CANCELLED = "cancelled"  # cancelled is final (withdraw the cancellation first)
    HELD = "held"  # recorded held: its dates can no longer change
    PART_HELD = "part_held"  # that part was recorded held
    NEEDS_DATES = "needs_dates"  # a rescheduling without both dates
    NEEDS_CHANGE = "needs_change"  # a relocation (or a part) that changes nothing
    NEEDS_PART = "needs_part"  # a split or a part without its number
    NAME_THE_PART = "name_the_part"  # the meeting is held in parts: say which part
    UNKNOWN_PART = "unknown_part"  # no such part (yet)
    PART_GAP = "part_gap"  # part N before part N-1 is known
    CANCEL_PART = "cancel_part"  # a part is not cancelled: withdraw the fact that added it
    HELD_BEFORE_OPENING = "held_before_opening"  # held before its confirmed opening day


@dataclass(frozen=True, slots=True)
class Refused:
    """A refused fact: the code, and what it names (`on`: the date of the cancellation, the
    holding or the opening; `part`: the part; `amendment`: the amendment that retired it)."""

    code: Refusal
    on: Date | None = None
    part: int | None = None
    amendment: str | None = None


@dataclass(slots=True)
class When:
    """When and where a meeting (or one of its parts) is, as far as the facts so far say.

    A window keeps `opens`/`closes` None and its bounds in `window`. A postponement without a
    new expected time keeps the old dates for the record, but they no longer count (`span`).
    `held_on` is the date of a recorded holding; `opens_set_on` and `closes_set_on` the
    effective dates of the facts that last changed when it opens and when it closes (None: the
    plan's own): a deadline before the meeting was set when its opening was, a deadline after it
    when its close was. A fact that gives the days already known sets nothing.
    """

    opens: Date | None
    closes: Date | None
    window: Window | None
    confirmed: bool
    venue: Title | None
    zone: str
    mode: Mode
    postponed: bool = False
    held_on: Date | None = None
    opens_set_on: Date | None = None
    closes_set_on: Date | None = None
    rescheduled: bool = False

    @property
    def set_on(self) -> Date | None:
        """When its current dates were set: the later of `opens_set_on` and `closes_set_on`."""
        dates = [d for d in (self.opens_set_on, self.closes_set_on) if d is not None]
        return max(dates) if dates else None

    def moved(self, before: Span | None, day: Date) -> None:
        """Record that the dates may have changed on `day` from `before` (its span then)."""
        after = self.span()
        if _opening(before) != _opening(after):
            self.opens_set_on = day
        if _closing(before) != _closing(after):
            self.closes_set_on = day

    def copy(self) -> When:
        """A copy to change."""
        return replace(self)

    def has_days(self) -> bool:
        """Confirmed days (not a window, not tentative, not postponed): what can be presumed held."""
        return (self.opens is not None and self.closes is not None and self.window is None
                and self.confirmed and not self.postponed)

    def held_by(self, day: Date) -> bool:
        """Recorded held, or confirmed days closed by `day`."""
        return self.held_on is not None or (self.has_days() and self.closes is not None
                                            and self.closes <= day)

    def held_provenance(self, as_of: Date) -> Provenance | None:
        """RECORDED (a held fact), PRESUMED (confirmed days closed by `as_of`) or None."""
        if self.held_on is not None:
            return Provenance.RECORDED
        if self.has_days() and self.closes is not None and self.closes <= as_of:
            return Provenance.PRESUMED
        return None

    def span(self) -> Span | None:
        """The days or the window that count; None when postponed without a window or undated."""
        if self.window is not None:
            w = self.window
            return Span(w.earliest, w.latest, w.earliest, w.latest, True)
        if self.postponed or self.opens is None or self.closes is None:
            return None
        return Span(self.opens, self.opens, self.closes, self.closes, not self.confirmed)


@dataclass(slots=True)
class Draft:
    """A meeting while its facts are replayed: the whole meeting, its parts (number -> When,
    empty when held in one go), cancellation, the facts applied and those refused."""

    meeting: Meeting
    whole: When
    parts: dict[int, When] = field(default_factory=dict)
    split: bool = False
    cancelled_on: Date | None = None
    retired: str | None = None
    applied: list[Fact] = field(default_factory=list)
    ignored: list[tuple[Fact, Refused]] = field(default_factory=list)

    def copy(self) -> Draft:
        """A copy to try a fact on."""
        return Draft(self.meeting, self.whole.copy(), {n: p.copy() for n, p in self.parts.items()},
                     self.split, self.cancelled_on, self.retired, list(self.applied),
                     list(self.ignored))

    def held_recorded(self) -> bool:
        """The meeting was recorded held: as a whole, or its last part."""
        if self.parts:
            return self.parts[max(self.parts)].held_on is not None
        return self.whole.held_on is not None


def start(meeting: Meeting, set_on: Date | None = None, retired: str | None = None) -> Draft:
    """The meeting as planned (`set_on`: the date of the amendment that added it, if any)."""
    return Draft(meeting, When(meeting.opens_on, meeting.closes_on, meeting.window,
                               meeting.confirmed, meeting.venue, meeting.timezone, meeting.mode,
                               opens_set_on=set_on, closes_set_on=set_on), retired=retired)


def replay(meeting: Meeting, facts: Iterable[Fact], set_on: Date | None = None,
           retired: str | None = None) -> Draft:
    """Every fact of a meeting applied in the order given (the order they took effect); refused
    facts are kept in `ignored`, with why."""
    draft = start(meeting, set_on, retired)
    for fact in facts:
        refused = step(draft, fact)
        if refused is None:
            draft.applied.append(fact)
        else:
            draft.ignored.append((fact, refused))
    return draft


def judge(draft: Draft, fact: Fact) -> Refused | None:
    """Why `fact` cannot apply to the meeting as `draft` has it, or None; the draft is unchanged."""
    return step(draft.copy(), fact)


def step(draft: Draft, fact: Fact) -> Refused | None:
    """Apply one fact to the draft, or return why it cannot apply (the draft then unchanged)."""
    kind = fact.kind
    if kind not in DATE_KINDS:
        return None
    if draft.retired is not None:
        return Refused(Refusal.RETIRED, amendment=draft.retired)
    if draft.cancelled_on is not None:
        return Refused(Refusal.CANCELLED, on=draft.cancelled_on)
    if kind is FactKind.RELOCATED and fact.opens_on is not None and fact.closes_on is not None:
        kind = FactKind.RESCHEDULED  # recorded by 0.2.0 for new days with a new venue
    if kind in (FactKind.SPLIT, FactKind.PART):
        return _part(draft, fact, kind)
    if kind is FactKind.CANCELLED:
        if fact.part is not None and not (fact.part == 1 and not draft.parts):
            return Refused(Refusal.CANCEL_PART, part=fact.part)
        if draft.held_recorded():
            return Refused(Refusal.HELD, on=_held_on(draft))
        draft.cancelled_on = fact.effective_on
        return None
    targets = _targets(draft, fact)
    if isinstance(targets, Refused):
        return targets
    if kind is FactKind.HELD:
        return _held(draft, fact, targets)
    if kind is FactKind.POSTPONED:
        return _postponed(draft, fact, targets)
    if len(targets) != 1 or (fact.part is None and draft.parts):
        return Refused(Refusal.NAME_THE_PART)
    [(number, target)] = targets
    if target.held_on is not None:
        return _held_refusal(number, target)
    if kind is FactKind.RESCHEDULED:
        if fact.opens_on is None or fact.closes_on is None:
            return Refused(Refusal.NEEDS_DATES)
        _set_dates(target, fact)
        target.rescheduled = True
    elif not (fact.venue or fact.venue_zh or fact.timezone or fact.mode):
        return Refused(Refusal.NEEDS_CHANGE)
    _set_place(target, fact)
    return None


def _targets(draft: Draft, fact: Fact) -> list[tuple[int | None, When]] | Refused:
    """What a fact names: the whole meeting, one part, or (no part named, a meeting in parts)
    every part."""
    if fact.part is None:
        if draft.parts:
            return sorted(draft.parts.items())
        return [(None, draft.whole)]
    if draft.parts:
        part = draft.parts.get(fact.part)
        if part is None:
            return Refused(Refusal.UNKNOWN_PART, part=fact.part)
        return [(fact.part, part)]
    if fact.part == 1:
        return [(None, draft.whole)]  # a meeting held in one go is its own first part
    return Refused(Refusal.UNKNOWN_PART, part=fact.part)


def _held(draft: Draft, fact: Fact, targets: list[tuple[int | None, When]]) -> Refused | None:
    day = fact.effective_on
    if fact.part is not None or not draft.parts:
        [(number, target)] = targets
        if target.held_on is not None:
            return _held_refusal(number, target)
        if target.has_days() and target.opens is not None and day < target.opens \
                and fact.opens_on is None:
            return Refused(Refusal.HELD_BEFORE_OPENING, on=target.opens, part=number)
        _mark_held(target, fact)
        return None
    open_parts = [t for _, t in targets if t.held_on is None]
    if not open_parts:
        return Refused(Refusal.HELD, on=_held_on(draft))
    begun = [t for t in open_parts if (span := t.span()) is not None and span.opens_earliest <= day]
    if not begun:
        return Refused(Refusal.NAME_THE_PART)
    for target in begun:  # every part not yet recorded held that had begun by then
        _mark_held(target, fact)
    return None


def _mark_held(target: When, fact: Fact) -> None:
    if fact.opens_on is not None and fact.closes_on is not None:
        _set_dates(target, replace(fact, precision=Precision.DAY, tentative=False))
    elif not target.has_days():
        before = target.span()
        day = fact.effective_on
        if not (target.opens is not None and target.closes is not None and target.window is None
                and not target.postponed and target.opens <= day):
            target.opens = target.closes = day  # held on a day its dates did not say
        target.window, target.confirmed, target.postponed = None, True, False
        target.moved(before, day)
    _set_place(target, fact)
    target.held_on = fact.effective_on


def _postponed(draft: Draft, fact: Fact, targets: list[tuple[int | None, When]]) -> Refused | None:
    day = fact.effective_on
    if fact.part is None and draft.parts:
        chosen = [t for _, t in targets if not t.held_by(day)]
        if not chosen:
            return Refused(Refusal.HELD, on=_held_on(draft))
    else:
        [(number, target)] = targets
        if target.held_on is not None:
            return _held_refusal(number, target)
        chosen = [target]
    for target in chosen:
        before = target.span()
        if fact.opens_on is not None and fact.closes_on is not None:
            _set_dates(target, fact)  # the new expected time, never confirmed
            target.confirmed = False
        target.postponed = True
        target.moved(before, day)
        _set_place(target, fact)
    return None


def _part(draft: Draft, fact: Fact, kind: FactKind) -> Refused | None:
    number = fact.part
    if number is None:
        return Refused(Refusal.NEEDS_PART)
    dated = fact.opens_on is not None and fact.closes_on is not None
    if not draft.parts:
        if number == 1:
            if draft.whole.held_on is not None:
                return _held_refusal(None, draft.whole)
            part = draft.whole.copy()
        elif number == 2:
            part = _new_part(draft.whole)
            draft.parts[1] = draft.whole.copy()
        else:
            return Refused(Refusal.PART_GAP, part=number)
    elif number in draft.parts:
        part = draft.parts[number]
        if part.held_on is not None:
            return _held_refusal(number, part)
        if not (dated or fact.venue or fact.venue_zh or fact.timezone or fact.mode):
            return Refused(Refusal.NEEDS_CHANGE, part=number)
    elif number == max(draft.parts) + 1:
        part = _new_part(draft.whole)
    else:
        return Refused(Refusal.PART_GAP, part=number)
    if dated:
        _set_dates(part, fact)
    _set_place(part, fact)
    draft.parts[number] = part
    draft.split = draft.split or kind is FactKind.SPLIT
    return None


def _new_part(whole: When) -> When:
    """A part not yet dated, at the meeting's venue, zone and mode as they were before it was
    held in parts (until the fact, or a later one, says otherwise)."""
    return When(None, None, None, False, whole.venue, whole.zone, whole.mode)


def _set_dates(target: When, fact: Fact) -> None:
    assert fact.opens_on is not None and fact.closes_on is not None
    before = target.span()
    if fact.precision is Precision.DAY:
        target.opens, target.closes, target.window = fact.opens_on, fact.closes_on, None
        target.confirmed = not fact.tentative
    else:
        target.opens = target.closes = None
        target.window = Window(fact.opens_on, fact.closes_on, fact.precision)
        target.confirmed = False
    target.postponed = False
    target.moved(before, fact.effective_on)


def _opening(span: Span | None) -> tuple[Date, Date] | None:
    return (span.opens_earliest, span.opens_latest) if span is not None else None


def _closing(span: Span | None) -> tuple[Date, Date] | None:
    return (span.closes_earliest, span.closes_latest) if span is not None else None


def _set_place(target: When, fact: Fact) -> None:
    venue = fact.venue_title()
    if venue is not None:
        target.venue = venue
    if fact.timezone:
        target.zone = fact.timezone
    if fact.mode is not None:
        target.mode = fact.mode


def _held_refusal(number: int | None, target: When) -> Refused:
    if number is None:
        return Refused(Refusal.HELD, on=target.held_on)
    return Refused(Refusal.PART_HELD, on=target.held_on, part=number)


def _held_on(draft: Draft) -> Date | None:
    if draft.parts:
        return draft.parts[max(draft.parts)].held_on
    return draft.whole.held_on
