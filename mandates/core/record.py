"""Facts from user input, validated before anything is written: against the plan as of the
fact's date (amendments in effect by then included) and against the state of the meeting or
output as of that date (the facts already recorded, `core.transitions`).

Refused, each with why (FactError, naming the option where there is one):
- a date outside the span of the process (`core.bounds`: ten years before to thirty years after
  the first date of its founding file, within 1990..2200; a fact dated 9999 or 1 broke every
  later computation), the message giving the bounds;
- a subject unknown as of the fact's date (a meeting added by a later amendment is not there yet);
- a meeting fact the state machine refuses (docs/architecture.md, "A meeting's transitions"):
  rescheduling a cancelled or held meeting, a part of a cancelled meeting, a rescheduling of a
  meeting in parts that names no part, a relocation that changes nothing, ...;
- `--opens` after `--closes`; a window that is not whole months or a whole quarter;
- a delivery of what a meeting adopts (due `at` it) dated before the meeting opens (as the facts
  before it have it); a meeting recorded held on a day alone when it had no dates (postponed
  without a window, to be determined: give `--opens/--closes`) or before its window opens;
- a second delivery of an output (periodic outputs excepted) unless it names the delivery it
  corrects (`voids`); a correction of something that is not a delivery of that output;
- a withdrawal of an unknown key, of a withdrawal (record the fact again instead: withdrawals
  are not undone, so the history stays readable), of a fact already withdrawn, or without why;
- a key already recorded; an AMENDED fact whose amendment does not check against the plan;
- with `require_zone`, a new venue without its time zone (the edges derive one from the known
  cities of `config/venues.yaml` and pass it as `timezone`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from pendulum import Date, DateTime

from mandates.core.amend import check_amendment, plan_as_of
from mandates.core.bounds import ANY_SPAN, FIRST_YEAR, LAST_YEAR, Span, fact_dates, outside
from mandates.core.facts import ANY_KINDS, MEETING_KINDS, OUTPUT_KINDS, Fact, FactKind, effective_by
from mandates.core.plan import Amendment, AtRule, EveryRule, Lang, Mode, Plan, Precision, split_ref
from mandates.core.progress import DELIVERIES, live_facts
from mandates.core.rules import parse_iso_date
from mandates.core.transitions import Draft, Refusal, Refused, When, judge, replay
from mandates.errors import FactError

__all__ = ["FIRST_YEAR", "LAST_YEAR", "FactError", "check_fact", "check_subject", "check_year",
           "make_fact", "parse_date"]

def parse_date(value: str, field: str) -> Date:
    """Parse a date given on the command line, naming the option when it is wrong (a date that
    is not YYYY-MM-DD, not real, or outside 1990..2200: `check_fact` then holds it to the span
    of the process)."""
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise FactError(f"{field}: {exc}") from None
    check_year(day, field)
    return day


def check_year(day: Date, field: str, span: Span = ANY_SPAN) -> None:
    """Refuse a date outside `span` (by default the years 1990..2200), naming the option or
    field and the bounds."""
    if not span.holds(day):
        raise FactError(f"{field}: {span.why(day)}")


def _choices(ids: list[str], wrong: str, noun: str = "ids") -> str:
    near = difflib.get_close_matches(wrong, ids, n=3)
    if near:
        return f"did you mean {', '.join(near)}?"
    return f"valid {noun}: {', '.join(sorted(ids)[:40])}{' ...' if len(ids) > 40 else ''}"


def check_subject(plan: Plan, kind: FactKind, subject: str) -> None:
    """Refuse a fact about an unknown id, or about the wrong kind of item, naming valid ids.
    A meeting fact may name a part (`cop-15-part-2`)."""
    if kind in MEETING_KINDS:
        if subject in plan.outputs:
            raise FactError(f"{subject!r} is an output, not a meeting")
        if split_ref(subject, plan.meetings)[0] not in plan.meetings:
            raise FactError(f"unknown meeting {subject!r}; {_choices(list(plan.meetings), subject)}")
    elif kind in OUTPUT_KINDS:
        if subject in plan.meetings:
            raise FactError(f"{subject!r} is a meeting, not an output")
        if subject not in plan.outputs:
            raise FactError(f"unknown output {subject!r}; {_choices(list(plan.outputs), subject)}")
    elif kind in ANY_KINDS and subject not in plan.outputs and \
            split_ref(subject, plan.meetings)[0] not in plan.meetings:
        every = [*plan.meetings, *plan.outputs]
        raise FactError(f"unknown meeting or output {subject!r}; {_choices(every, subject)}")


def make_fact(plan: Plan, kind: FactKind, subject: str, effective_on: Date, *, recorded_at: DateTime,
              opens_on: Date | None = None, closes_on: Date | None = None,
              venue: str | None = None, timezone: str | None = None, ref: str | None = None,
              text: str | None = None, venue_zh: str | None = None,
              written_in: Lang = "en", key: str | None = None, part: int | None = None,
              mode: Mode | None = None, precision: Precision = Precision.DAY,
              tentative: bool = False, voids: str | None = None, source: str | None = None,
              approximate: bool = False, amendment: Amendment | None = None,
              payload: str | None = None, facts: Sequence[Fact] = (),
              require_zone: bool = False) -> Fact:
    """A validated fact, recorded at `recorded_at` (the edge's clock), effective on `effective_on`
    (DESIGN: fact), judged against `facts` (those already recorded for the process; none: the
    plan alone). Raises FactError naming the option or the nearest valid ids (see the module).

    `text`, `venue` and `ref` are kept as written, in `written_in`. `venue_zh` is the Chinese
    form of a venue written in English; given alone, it is the venue, written in Chinese. New
    dates may be days, or (`precision` month or quarter) the first and last day of a window;
    `tentative` marks days not confirmed. A rescheduling to the days the meeting already has,
    with a new venue, is recorded as a relocation. For WITHDRAWN, `voids` is the key of the
    fact withdrawn (`subject` is taken from it) and `text` says why; for a delivery, `voids`
    names the delivery it corrects, and the correction keeps its `ref`, `source` and `text` unless
    given anew (`carried_over`). For AMENDED, `amendment` is what was decided (its subject
    defaults to the first id it adds). `require_zone`: refuse a venue without `timezone`.
    """
    venue, venue_zh = _blank_is_none(venue), _blank_is_none(venue_zh)
    if venue_zh is not None:
        if written_in == "zh" and venue is not None:
            raise FactError("--venue-zh is the Chinese form of a venue written in English; "
                            "with --written-in zh, --venue is already Chinese")
        if venue is None:
            venue, venue_zh, written_in = venue_zh, None, "zh"
    if kind is FactKind.WITHDRAWN and voids:
        target = _by_key(facts).get(voids)
        if target is not None:
            subject = target.subject
    if kind is FactKind.AMENDED and amendment is not None and not subject:
        added = [*(m.id for m in amendment.meetings), *(o.id for o in amendment.outputs)]
        subject = added[0] if added else amendment.id
    fact = Fact(kind, subject, effective_on, recorded_at, opens_on=opens_on, closes_on=closes_on,
                venue=venue, timezone=timezone, ref=ref, text=text, venue_zh=venue_zh,
                written_in=written_in, key=key, part=part, mode=mode, precision=precision,
                tentative=tentative, voids=voids, source=source, approximate=approximate,
                amendment=amendment, payload=payload)
    if kind in DELIVERIES and voids:
        fact = carried_over(fact, _by_key(facts).get(voids))
    return check_fact(plan, fact, facts, require_zone=require_zone)


def carried_over(fact: Fact, corrected: Fact | None) -> Fact:
    """A correction (`fact`, a delivery naming the delivery it corrects in `voids`) with what it
    does not give anew taken from the fact it corrects: the document symbol (`ref`), the source
    and the text (with its Chinese form and language). A correction says what was wrong (most
    often the date); what it leaves out was not. Unchanged when `corrected` is not a delivery of
    the same output (`check_fact` refuses that)."""
    if corrected is None or corrected.kind not in DELIVERIES or corrected.subject != fact.subject:
        return fact
    if fact.ref is None and corrected.ref:
        fact = replace(fact, ref=corrected.ref)
    if fact.source is None and corrected.source:
        fact = replace(fact, source=corrected.source)
    if fact.text is None and corrected.text:
        fact = replace(fact, text=corrected.text, text_zh=corrected.text_zh,
                       written_in=corrected.written_in)
    return fact


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    """The IANA zones installed, read once (`available_timezones` walks the whole tz database at
    each call: most of what `mandates validate` cost, issue 12)."""
    from zoneinfo import available_timezones

    return frozenset(available_timezones())


def check_fact(plan: Plan, fact: Fact, facts: Sequence[Fact] = (), *,
               require_zone: bool = False) -> Fact:
    """`fact` checked against the plan and `facts` (see `make_fact`); returns it, or the
    relocation it is when it gives the days the meeting already has. For facts read from a
    file (import), checked in file order with the earlier ones in `facts`."""
    _check_dates(fact, plan.span)
    if fact.key and fact.key in _by_key(facts):
        raise FactError(f"a fact with key {fact.key!r} is already recorded")
    before = live_facts(effective_by(facts, fact.effective_on))
    amendments = [*plan.amendments,
                  *(f.amendment for f in before if f.kind is FactKind.AMENDED and f.amendment)]
    current = plan_as_of(plan, amendments, fact.effective_on)
    kind = fact.kind
    if kind is FactKind.WITHDRAWN:
        _check_withdrawal(fact, facts, plan.span)
        return fact
    if kind is FactKind.AMENDED:
        _check_amended(current, fact)
        return fact
    check_subject(current, kind, fact.subject)
    if fact.timezone is not None and fact.timezone not in _zones():
        raise FactError(f"--timezone: unknown time zone {fact.timezone!r}")
    if require_zone and fact.venue and not fact.timezone:
        raise FactError(f"--timezone: the time zone of {fact.venue!r} is not known; give it "
                        "with --timezone (an IANA zone such as Europe/Rome)")
    if kind is FactKind.WAIVED and not (fact.text and fact.text.strip()):
        raise FactError("a waiver needs --reason")
    if kind is FactKind.NOTE and not (fact.text and fact.text.strip()):
        raise FactError("a note needs its text")
    if kind in DELIVERIES:
        _check_delivery(current, fact, facts)
        if kind is FactKind.DELIVERED:
            _check_adopted(current, fact, before)
    if kind in MEETING_KINDS or (kind is FactKind.CANCELLED
                                 and fact.subject not in current.outputs):
        return _check_meeting_fact(current, fact, before)
    return fact


def _check_dates(fact: Fact, span: Span) -> None:
    for field, day in fact_dates(fact):
        check_year(day, field, span)
    if (fact.opens_on is None) != (fact.closes_on is None):
        raise FactError("new dates need both --opens and --closes")
    if fact.opens_on is not None and fact.closes_on is not None:
        if fact.closes_on < fact.opens_on:
            raise FactError(f"--closes {fact.closes_on.isoformat()} is before "
                            f"--opens {fact.opens_on.isoformat()}")
        if fact.precision is not Precision.DAY and not _whole(fact):
            raise FactError(f"a {fact.precision.value} window runs from the first day of a "
                            f"{fact.precision.value} to the last day of one, not "
                            f"{fact.opens_on.isoformat()}..{fact.closes_on.isoformat()}")
    if fact.part is not None and fact.part < 1:
        raise FactError(f"--part: parts count from 1, not {fact.part}")


def _whole(fact: Fact) -> bool:
    opens, closes = fact.opens_on, fact.closes_on
    assert opens is not None and closes is not None
    if opens.day != 1 or closes != closes.end_of("month"):
        return False
    if fact.precision is Precision.QUARTER:
        return opens.month % 3 == 1 and closes.month % 3 == 0
    return True


def _by_key(facts: Sequence[Fact]) -> dict[str, Fact]:
    return {f.fact_key: f for f in facts if f.fact_key}


def _check_withdrawal(fact: Fact, facts: Sequence[Fact], span: Span) -> None:
    if not fact.voids:
        raise FactError("a withdrawal names the fact it withdraws (its key)")
    if not (fact.text and fact.text.strip()):
        raise FactError("a withdrawal needs --reason: why the fact was wrong")
    known = _by_key(facts)
    target = known.get(fact.voids)
    if target is None:
        raise FactError(f"no fact with key {fact.voids!r}; "
                        f"{_choices(list(known), fact.voids, 'keys')}")
    if target.kind is FactKind.WITHDRAWN:
        raise FactError(f"{fact.voids!r} is a withdrawal: a withdrawal is not withdrawn; record "
                        "the withdrawn fact again instead")
    if fact.effective_on < target.effective_on and outside(target, span) is None:
        # (a fact set aside by the evaluation, its date outside the span, is withdrawn any day)
        raise FactError(f"withdrawn on {fact.effective_on.isoformat()}, before {fact.voids!r} "
                        f"took effect on {target.effective_on.isoformat()}")
    for other in facts:
        if other.voids == fact.voids:
            raise FactError(f"{fact.voids!r} is already withdrawn or corrected by "
                            f"{other.fact_key or 'an earlier fact'!r}")


def _check_amended(plan: Plan, fact: Fact) -> None:
    amendment = fact.amendment
    if amendment is None:
        raise FactError("an amendment fact carries the amendment it records")
    if amendment.effective_on != fact.effective_on:
        raise FactError(f"the amendment takes effect on {amendment.effective_on.isoformat()}, "
                        f"not on {fact.effective_on.isoformat()}")
    if amendment.id in plan.in_effect or any(a.id == amendment.id for a in plan.amendments):
        raise FactError(f"an amendment {amendment.id!r} is already known")
    issues = check_amendment(plan, amendment)
    if issues:
        raise FactError("; ".join(f"{i.field}: {i.message}" for i in issues))


def _check_delivery(plan: Plan, fact: Fact, facts: Sequence[Fact]) -> None:
    earlier = [f for f in live_facts(facts) if f.subject == fact.subject and f.kind in DELIVERIES]
    if fact.voids:
        target = _by_key(facts).get(fact.voids)
        if target is None or target.kind not in DELIVERIES or target.subject != fact.subject:
            raise FactError(f"--corrects: {fact.voids!r} is not a delivery of {fact.subject!r}; "
                            f"its deliveries: {', '.join(f.fact_key for f in earlier) or 'none'}")
        if target not in earlier:
            raise FactError(f"--corrects: {fact.voids!r} is already withdrawn or corrected")
        return
    if earlier and not isinstance(plan.outputs[fact.subject].due, EveryRule):
        first = earlier[0]
        raise FactError(f"{fact.subject} was already {first.kind.value} on "
                        f"{first.effective_on.isoformat()} (fact {first.fact_key or '?'}); to "
                        f"correct it, name it with --corrects {first.fact_key or 'KEY'}")


def _check_meeting_fact(plan: Plan, fact: Fact, before: Sequence[Fact]) -> Fact:
    meeting_id, number = split_ref(fact.subject, plan.meetings)
    if number is not None:
        if fact.part is not None and fact.part != number:
            raise FactError(f"{fact.subject} is part {number}, not --part {fact.part}")
        fact = replace(fact, subject=meeting_id, part=number)
    mine = [f if f.subject == meeting_id else replace(f, subject=meeting_id,
                                                      part=split_ref(f.subject, plan.meetings)[1])
            for f in before if split_ref(f.subject, plan.meetings)[0] == meeting_id]
    meeting = plan.meetings[meeting_id]
    draft = replay(meeting, mine, retired=plan.retired.get(meeting_id))
    if fact.kind is FactKind.RESCHEDULED and fact.venue and fact.part is None and not draft.parts:
        whole = draft.whole
        if (fact.precision is Precision.DAY and not whole.postponed and whole.window is None
                and (fact.opens_on, fact.closes_on) == (whole.opens, whole.closes)):
            # the days it has, a new venue: a relocation (its days still count, and confirm
            # days that were not: a relocation with days is read as a rescheduling)
            fact = replace(fact, kind=FactKind.RELOCATED)
    refused = judge(draft, fact)
    if refused is not None:
        raise FactError(refusal_text(refused, fact, draft.parts))
    if fact.kind is FactKind.HELD and fact.opens_on is None and not draft.parts \
            and fact.part in (None, 1):
        _check_held_when(fact, draft.whole)
    return fact


def _opening(draft: Draft) -> Date | None:
    """The earliest day a meeting (its first part) may open, as the facts so far have it; None
    when it has no dates (postponed without a window, to be determined)."""
    spans = [w.span() for w in ([draft.parts[n] for n in sorted(draft.parts)] or [draft.whole])]
    return spans[0].opens_earliest if spans and spans[0] is not None else None


def _check_held_when(fact: Fact, whole: When) -> None:
    """A meeting recorded held on a day alone must have had dates that make it plausible: one
    with no dates (postponed without a new window, to be determined) needs the days it met
    (`--opens/--closes`); one expected in a window cannot be held before the window opens."""
    span = whole.span()
    day = fact.effective_on.isoformat()
    if span is None and whole.held_on is None:
        why = "it was postponed without new dates" if whole.postponed else "its dates are to be determined"
        raise FactError(f"{fact.subject} has no dates ({why}): say when it met with --opens and "
                        f"--closes (held on {day})")
    if span is not None and span.is_window and fact.effective_on < span.opens_earliest:
        raise FactError(f"{fact.subject} cannot be held on {day}, before its window opens on "
                        f"{span.opens_earliest.isoformat()}: give the days it met with --opens "
                        "and --closes, or reschedule it first")


def _check_adopted(plan: Plan, fact: Fact, before: Sequence[Fact]) -> None:
    """What a meeting adopts (an output due `at` it) is not delivered before that meeting opens
    (as the facts before the delivery have it): refused, naming the meeting and its opening."""
    rule = plan.outputs[fact.subject].due
    if not isinstance(rule, AtRule):
        return
    meeting_id = split_ref(rule.meeting, plan.meetings)[0]
    meeting = plan.meetings.get(meeting_id)
    if meeting is None:
        return
    mine = [f if f.subject == meeting_id else replace(f, subject=meeting_id,
                                                      part=split_ref(f.subject, plan.meetings)[1])
            for f in before if split_ref(f.subject, plan.meetings)[0] == meeting_id]
    opens = _opening(replay(meeting, mine, retired=plan.retired.get(meeting_id)))
    if opens is not None and fact.effective_on < opens:
        raise FactError(f"--on {fact.effective_on.isoformat()}: {fact.subject} is adopted at "
                        f"{meeting_id}, which opens on {opens.isoformat()}: it cannot be delivered "
                        "before it is adopted")


def refusal_text(refused: Refused, fact: Fact, parts: Mapping[int, object] | None = None) -> str:
    """Why the state machine refuses `fact`, as the command line says it."""
    m, n = fact.subject, refused.part
    on = refused.on.isoformat() if refused.on else "?"
    texts = {
        Refusal.RETIRED: f"{m} was retired by {refused.amendment}: it takes no more facts",
        Refusal.CANCELLED: f"{m} was cancelled on {on}: a cancelled meeting takes no further "
                           "facts (withdraw the cancellation first)",
        Refusal.HELD: f"{m} was recorded held on {on}: its dates can no longer change",
        Refusal.PART_HELD: f"part {n} of {m} was recorded held on {on}: its dates can no longer "
                           "change",
        Refusal.NEEDS_DATES: "a rescheduling needs new dates: --opens and --closes, --window "
                             "or --quarter",
        Refusal.NEEDS_CHANGE: "nothing to change: give a new --venue, --timezone or --mode"
                              + (" (or new dates)" if n else ""),
        Refusal.NEEDS_PART: "a split or a part needs --part N",
        Refusal.NAME_THE_PART: f"{m} is held in parts ({', '.join(map(str, sorted(parts or {})))})"
                               ": say which with --part N",
        Refusal.UNKNOWN_PART: f"{m} has no part {n} (yet): record it first with split or part",
        Refusal.PART_GAP: f"part {n} of {m} comes before part {(n or 2) - 1} is known",
        Refusal.CANCEL_PART: "a part is not cancelled: withdraw the fact that added it",
        Refusal.HELD_BEFORE_OPENING: f"{m} cannot be held on {fact.effective_on.isoformat()}, "
                                     f"before it opens on {on}: reschedule it first",
    }
    return texts[refused.code]


def _blank_is_none(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None
