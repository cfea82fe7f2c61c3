"""Commands that record what happened (facts are appended, never edited; README "Recording"):
deliver, receive, reschedule, postpone, split, held, cancel, withdraw, waive, note.

Each fact is judged by `core.record.make_fact` against the plan as of its date (the amendments
in effect by then) and the meeting's state as of its date (the facts known: shipped and
recorded). A refusal names the option and says nothing was recorded.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Any

import typer

from mandates.commands.common import (
    AnnouncedOpt,
    ClosesOpt,
    ConfigOpt,
    DatabaseOpt,
    ItemArg,
    LangOpt,
    Language,
    MeetingArg,
    OpensOpt,
    OutputArg,
    ProcessOpt,
    QuarterOpt,
    SourceOpt,
    VenueOpt,
    VenueZhOpt,
    WindowOpt,
    WrittenInOpt,
    ZoneOpt,
    dates,
    day_of,
    err,
    now,
    numbered,
    open_store,
    plan_of,
    refused,
    save,
    say,
    speak,
    spoken,
    today,
    with_options,
    written,
    zone_of,
)
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Mode

ModeOpt = Annotated[Mode | None, typer.Option("--mode", help="in-person, online or hybrid.")]
PartOpt = Annotated[int | None, typer.Option("--part", min=1, max=99, help="The part of the meeting "
                                             "(1, 2, ...): a session held in parts.")]
TentativeOpt = Annotated[bool, typer.Option("--tentative", help="The new dates are not confirmed.")]
OnOpt = Annotated[str, typer.Option("--on", help="The date (YYYY-MM-DD).")]
RefOpt = Annotated[str | None, typer.Option("--ref", help="Document symbol.")]
NAMING = ("#N (the number `mandates history` shows before a recorded fact), its key (as "
          "`history` and `export` show it), or key:KEY when a key is itself a number")
CorrectsOpt = Annotated[str | None, typer.Option("--corrects", help="The delivery this one "
                                                 f"corrects: {NAMING}. Its document symbol, "
                                                 "source and text carry over unless given anew.")]


def record(config: Path | None, process: str | None, database: str | None, kind: FactKind,
           subject: str, effective: str, option: str, *, corrects: str | None = None,
           **fields: Any) -> Fact:
    """Validate one fact against the plan and the meeting's state as of its date, and append it.

    `option` names the date's option in messages; a date after today is refused (a fact is
    recorded once it has happened). `corrects` names the delivery corrected (`fact_named`). A
    venue without a zone takes its known city's (refused, naming --timezone, when there is
    none). Notes about what was recorded (a venue without its Chinese form) are printed once
    the fact is. Raises FactError ("nothing was recorded").
    """
    from mandates.core.record import FactError, make_fact
    from mandates.words.commands import labelled, said
    from mandates.words.history import fact_what
    from mandates.words.plausible import worded

    plan = plan_of(config, process)
    day = day_of(effective, option, plan)
    lang = spoken()
    if day > today(plan):
        raise refused(worded(f"{option} {day.isoformat()} is after today "
                             f"({today(plan).isoformat()}): a fact is recorded once it has "
                             "happened", lang))
    untranslated = fields.pop("untranslated", False)
    if fields.get("venue") or fields.get("venue_zh") or fields.get("timezone"):  # a zone alone too
        fields["timezone"] = zone_of(plan, fields.get("venue"), fields.get("venue_zh"),
                                     fields.get("timezone"))
    store = open_store(database)
    facts = store.facts_of(plan)
    if corrects is not None:
        fields["voids"] = fact_named(corrects, facts, "--corrects").fact_key
    try:
        fact = make_fact(plan, kind, subject, day, recorded_at=now(), facts=facts,
                         require_zone=True, **with_options(**fields))
    except FactError as exc:
        raise refused(worded(str(exc), lang)) from None
    [saved] = save(store, plan, [fact])
    say(said("recorded", lang, fact=numbered(saved, lang), subject=saved.subject,
             what=fact_what(saved, lang)))
    if untranslated:
        say(labelled("note", said("venue_zh_note", lang), lang), err())
    return saved


def fact_named(name: str, facts: list[Fact], option: str) -> Fact:
    """The fact `name` names (withdraw's KEY, --corrects): `#N` the fact recorded here as number
    N (as `history` shows it), `key:KEY` the fact of that key, else a key (or the key an
    export gave a fact recorded here), or a number. A number that is both the key of one fact
    and the number of another is refused: say `#N` or `key:N`. Raises FactError."""
    from mandates.words.commands import said

    lang = spoken()
    text = name.strip()
    numbers = {str(f.id): f for f in facts if f.id is not None}
    keys = _keys(facts)
    if text.startswith("#"):
        found = numbers.get(text[1:])
        if found is None:
            raise refused(said("no_fact_number", lang, option=option, number=text))
        return found
    if text.startswith("key:"):
        found = keys.get(text[4:])
        if found is None:
            raise refused(_no_key(option, text[4:], keys))
        return found
    by_key, by_number = keys.get(text), numbers.get(text)
    if by_key is not None and by_number is not None and by_key is not by_number:
        raise refused(said("ambiguous_fact", lang, option=option, name=text, id=by_key.id or "?",
                           number=by_number.id))
    found = by_key or by_number
    if found is None:
        raise refused(_no_key(option, text, keys))
    return found


def _keys(facts: list[Fact]) -> dict[str, Fact]:
    """Facts by their key, and by the portable key an export gave those keyed by a number."""
    from mandates.core.facts import portable_key

    keys = {f.fact_key: f for f in facts}
    for fact in facts:
        keys.setdefault(portable_key(fact), fact)
    return keys


def _no_key(option: str, key: str, keys: dict[str, Fact]) -> str:
    near = difflib.get_close_matches(key, [k for k in keys if keys[k].fact_key == k], n=3)
    hint = f"did you mean {', '.join(near)}?" if near else "see `mandates history` for the keys"
    return f"{'KEY' if option == 'KEY' else option}: no fact has the key {key!r}; {hint}"


def deliver(output: OutputArg, on: OnOpt, ref: RefOpt = None, corrects: CorrectsOpt = None,
            source: SourceOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
            database: DatabaseOpt = None,
            lang: LangOpt = None) -> None:
    """Record that an output was delivered (--corrects KEY: a delivery recorded wrongly before).

    --corrects takes #N (as `mandates history` shows it) or a key; what the correction does not
    give anew (document symbol, source, text) carries over."""
    speak(lang)
    record(config, process, database, FactKind.DELIVERED, output, on, "--on", ref=ref,
           corrects=corrects, source=source)


def receive(output: OutputArg, on: Annotated[str, typer.Option("--on", help="Date it was received "
                                                               "(YYYY-MM-DD).")],
            ref: RefOpt = None, corrects: CorrectsOpt = None, source: SourceOpt = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
            lang: LangOpt = None) -> None:
    """Record that an input from another body (a report, a submission) was received."""
    speak(lang)
    record(config, process, database, FactKind.RECEIVED, output, on, "--on", ref=ref,
           corrects=corrects, source=source)


def _venue_fields(venue: str | None, venue_zh: str | None, timezone: str | None,
                  written_in: Language, config: Path | None = None,
                  process: str | None = None) -> dict[str, Any]:
    """Venue and its Chinese form: given, the known city's (`Online` is 线上), or asked for at a
    terminal; the note that it has none is printed once the fact is recorded (`untranslated`).
    The zone given (`record` derives it from the venue's known city when it is not)."""
    untranslated = False
    if venue and not venue_zh and written_in is Language.EN:
        venue_zh, untranslated = venue_chinese(venue, config, process)
    return {"venue": venue, "venue_zh": venue_zh, "timezone": timezone,
            "written_in": written(written_in), "untranslated": untranslated}


def venue_chinese(venue: str, config: Path | None, process: str | None) -> tuple[str | None, bool]:
    """The Chinese form of a venue written in English: the known city's when the venue is one
    (`config/venues.yaml`: `Online` -> 线上, `Montreal` -> 蒙特利尔), else asked for at a
    terminal; and whether the note "no Chinese form" is due (none found or given)."""
    import sys

    from mandates.config.venues import load_venues
    from mandates.words.commands import said

    plan = plan_of(config, process)
    folder = Path(plan.files[0]).parent if plan.files else None
    known = load_venues(folder).chinese_of(venue)
    if known is not None:
        return known, False
    if sys.stdin.isatty():
        answer: str = typer.prompt(said("venue_zh_prompt", spoken(), venue=repr(venue)),
                                   default="", show_default=False)
        if answer.strip():
            return answer.strip(), False
    return None, True


def reschedule(meeting: MeetingArg, announced: AnnouncedOpt, opens: OpensOpt = None,
               closes: ClosesOpt = None, window: WindowOpt = None, quarter: QuarterOpt = None,
               tentative: TentativeOpt = False, venue: VenueOpt = None, venue_zh: VenueZhOpt = None,
               timezone: ZoneOpt = None, mode: ModeOpt = None, part: PartOpt = None,
               source: SourceOpt = None, written_in: WrittenInOpt = Language.EN,
               process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
               lang: LangOpt = None) -> None:
    """Record new dates (days, a month window or a quarter), venue or mode for a meeting, or for
    one part of it (--part); every deadline on it moves. Without dates: a new venue or mode."""
    speak(lang)
    opens_on, closes_on, precision = dates(opens, closes, window, quarter, required=False)
    if opens_on is None and not (venue or venue_zh or mode):
        raise refused("give the new dates (--opens and --closes, --window or --quarter), "
                      "or a new --venue or --mode")
    kind = FactKind.PART if part is not None else (
        FactKind.RESCHEDULED if opens_on is not None else FactKind.RELOCATED)
    record(config, process, database, kind, meeting, announced, "--announced",
           opens_on=opens_on, closes_on=closes_on, precision=precision, tentative=tentative,
           mode=mode, part=part, source=source,
           **_venue_fields(venue, venue_zh, timezone, written_in, config, process))


def postpone(meeting: MeetingArg, announced: AnnouncedOpt, window: WindowOpt = None,
             quarter: QuarterOpt = None, source: SourceOpt = None, process: ProcessOpt = None,
             config: ConfigOpt = None, database: DatabaseOpt = None,
             lang: LangOpt = None) -> None:
    """Record that a meeting is postponed; --window or --quarter says when it is now expected
    (tentative); a later rescheduling lifts the postponement."""
    speak(lang)
    opens_on, closes_on, precision = dates(None, None, window, quarter, required=False)
    record(config, process, database, FactKind.POSTPONED, meeting, announced, "--announced",
           opens_on=opens_on, closes_on=closes_on, precision=precision,
           tentative=opens_on is not None, source=source)


def split(meeting: MeetingArg, part: Annotated[int, typer.Option("--part", min=2, max=99, help=(
              "The part the meeting is split into (2, ...); part 1 keeps the meeting's dates "
              "unless recorded too."))],
          announced: AnnouncedOpt, opens: OpensOpt = None, closes: ClosesOpt = None,
          window: WindowOpt = None, quarter: QuarterOpt = None, tentative: TentativeOpt = False,
          venue: VenueOpt = None, venue_zh: VenueZhOpt = None, timezone: ZoneOpt = None,
          mode: ModeOpt = None, source: SourceOpt = None, written_in: WrittenInOpt = Language.EN,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
          lang: LangOpt = None) -> None:
    """Record that a meeting is split: part N with its own dates, venue and mode."""
    speak(lang)
    opens_on, closes_on, precision = dates(opens, closes, window, quarter, required=True)
    record(config, process, database, FactKind.SPLIT, meeting, announced, "--announced",
           opens_on=opens_on, closes_on=closes_on, precision=precision, tentative=tentative,
           mode=mode, part=part, source=source,
           **_venue_fields(venue, venue_zh, timezone, written_in, config, process))


def held(meeting: MeetingArg, on: Annotated[str, typer.Option("--on", help="When it closed, or the "
                                                              "day it was confirmed held (YYYY-MM-DD).")],
         opens: OpensOpt = None, closes: ClosesOpt = None,
         part: PartOpt = None, source: SourceOpt = None, process: ProcessOpt = None,
         config: ConfigOpt = None, database: DatabaseOpt = None,
         lang: LangOpt = None) -> None:
    """Record that a meeting (or one of its parts) was held: held by record, not presumed.

    A meeting without dates (postponed, to be determined) needs the days it met: --opens and
    --closes."""
    speak(lang)
    opens_on, closes_on, _ = dates(opens, closes, None, None, required=False)
    record(config, process, database, FactKind.HELD, meeting, on, "--on", part=part, source=source,
           opens_on=opens_on, closes_on=closes_on)


def cancel(item: ItemArg, announced: AnnouncedOpt, source: SourceOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
           lang: LangOpt = None) -> None:
    """Record that a meeting or an output is cancelled."""
    speak(lang)
    record(config, process, database, FactKind.CANCELLED, item, announced, "--announced", source=source)


def withdraw(key: Annotated[str, typer.Argument(help=f"The fact to withdraw: {NAMING}.")],
             reason: Annotated[str, typer.Option("--reason", help="Why, as it should be shown.")],
             on: Annotated[str, typer.Option("--on", help="From when the fact no longer counts "
                                             "(YYYY-MM-DD).")],
             written_in: WrittenInOpt = Language.EN, source: SourceOpt = None,
             process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
             lang: LangOpt = None) -> None:
    """Withdraw a fact recorded by mistake: from --on, it no longer counts (history shows both).

    Name it as `mandates history` shows it: #N for a recorded fact, else its key."""
    speak(lang)
    if not reason.strip():
        raise refused("--reason: say why the fact is withdrawn")
    plan = plan_of(config, process)
    target = fact_named(key, open_store(database).facts_of(plan), "KEY")
    record(config, process, database, FactKind.WITHDRAWN, target.subject, on, "--on",
           voids=target.fact_key, text=reason, written_in=written(written_in), source=source)


def waive(output: OutputArg,
          on: Annotated[str, typer.Option("--on", help="When it stopped being required (YYYY-MM-DD).")],
          reason: Annotated[str, typer.Option("--reason", help="Why, as it should be shown.")],
          written_in: WrittenInOpt = Language.EN, source: SourceOpt = None,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
          lang: LangOpt = None) -> None:
    """Record that an output is no longer required."""
    speak(lang)
    record(config, process, database, FactKind.WAIVED, output, on, "--on", text=reason,
           written_in=written(written_in), source=source)


def note(item: ItemArg, text: Annotated[str, typer.Argument(help="The note, shown as written.")],
         on: Annotated[str, typer.Option("--on", help="The date the note is about (YYYY-MM-DD).")],
         written_in: WrittenInOpt = Language.EN, source: SourceOpt = None,
         process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
         lang: LangOpt = None) -> None:
    """Record a note about a meeting or an output."""
    speak(lang)
    record(config, process, database, FactKind.NOTE, item, on, "--on", text=text,
           written_in=written(written_in), source=source)


COMMANDS = tuple((c.__name__, c) for c in (deliver, receive, reschedule, postpone, split, held, cancel,
                                             withdraw, waive, note))
