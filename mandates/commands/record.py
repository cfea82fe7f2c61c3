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
    ask_venue_zh,
    dates,
    day_of,
    now,
    numbered,
    open_store,
    plan_of,
    refused,
    save,
    say,
    speak,
    spoken,
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
CorrectsOpt = Annotated[str | None, typer.Option("--corrects", help="The key of the delivery this "
                                                 "one corrects (see `mandates history`).")]


def record(config: Path | None, process: str | None, database: str | None, kind: FactKind,
           subject: str, effective: str, option: str, **fields: Any) -> Fact:
    """Validate one fact against the plan and the meeting's state as of its date, and append it.

    `option` names the date's option in messages. A venue without a zone takes its known
    city's (refused, naming --timezone, when there is none). Raises FactError ("nothing was
    recorded").
    """
    from mandates.core.record import FactError, make_fact
    from mandates.words.commands import said
    from mandates.words.history import fact_what

    plan = plan_of(config, process)
    day = day_of(effective, option, plan)
    if fields.get("venue") or fields.get("venue_zh"):
        fields["timezone"] = zone_of(plan, fields.get("venue"), fields.get("venue_zh"),
                                     fields.get("timezone"))
    store = open_store(database)
    facts = store.facts_of(plan)
    try:
        fact = make_fact(plan, kind, subject, day, recorded_at=now(), facts=facts,
                         require_zone=True, **with_options(**fields))
    except FactError as exc:
        raise refused(str(exc)) from None
    [saved] = save(store, plan, [fact])
    lang = spoken()
    say(said("recorded", lang, fact=numbered(saved, lang), subject=saved.subject,
             what=fact_what(saved, lang)))
    return saved


def deliver(output: OutputArg, on: OnOpt, ref: RefOpt = None, corrects: CorrectsOpt = None,
            source: SourceOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
            database: DatabaseOpt = None,
            lang: LangOpt = None) -> None:
    """Record that an output was delivered (--corrects KEY: a delivery recorded wrongly before)."""
    speak(lang)
    record(config, process, database, FactKind.DELIVERED, output, on, "--on", ref=ref,
           voids=corrects.removeprefix("#") if corrects else None, source=source)


def receive(output: OutputArg, on: Annotated[str, typer.Option("--on", help="Date it was received "
                                                               "(YYYY-MM-DD).")],
            ref: RefOpt = None, corrects: CorrectsOpt = None, source: SourceOpt = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
            lang: LangOpt = None) -> None:
    """Record that an input from another body (a report, a submission) was received."""
    speak(lang)
    record(config, process, database, FactKind.RECEIVED, output, on, "--on", ref=ref,
           voids=corrects.removeprefix("#") if corrects else None, source=source)


def _venue_fields(venue: str | None, venue_zh: str | None, timezone: str | None,
                  written_in: Language) -> dict[str, Any]:
    """Venue and its Chinese form (asked for at a terminal), and the zone given (`record`
    derives it from the venue's known city when it is not)."""
    if venue and not venue_zh and written_in is Language.EN:
        venue_zh = ask_venue_zh(venue)
    return {"venue": venue, "venue_zh": venue_zh, "timezone": timezone, "written_in": written(written_in)}


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
           **_venue_fields(venue, venue_zh, timezone, written_in))


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
           **_venue_fields(venue, venue_zh, timezone, written_in))


def held(meeting: MeetingArg, on: Annotated[str, typer.Option("--on", help="When it closed, or the "
                                                              "day it was confirmed held (YYYY-MM-DD).")],
         part: PartOpt = None, source: SourceOpt = None, process: ProcessOpt = None,
         config: ConfigOpt = None, database: DatabaseOpt = None,
         lang: LangOpt = None) -> None:
    """Record that a meeting (or one of its parts) was held: held by record, not presumed."""
    speak(lang)
    record(config, process, database, FactKind.HELD, meeting, on, "--on", part=part, source=source)


def cancel(item: ItemArg, announced: AnnouncedOpt, source: SourceOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
           lang: LangOpt = None) -> None:
    """Record that a meeting or an output is cancelled."""
    speak(lang)
    record(config, process, database, FactKind.CANCELLED, item, announced, "--announced", source=source)


def withdraw(key: Annotated[str, typer.Argument(help="The key of the fact to withdraw "
                                                "(see `mandates history`).")],
             reason: Annotated[str, typer.Option("--reason", help="Why, as it should be shown.")],
             on: Annotated[str, typer.Option("--on", help="From when the fact no longer counts "
                                             "(YYYY-MM-DD).")],
             written_in: WrittenInOpt = Language.EN, source: SourceOpt = None,
             process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
             lang: LangOpt = None) -> None:
    """Withdraw a fact recorded by mistake: from --on, it no longer counts (history shows both)."""
    speak(lang)
    if not reason.strip():
        raise refused("--reason: say why the fact is withdrawn")
    plan = plan_of(config, process)
    facts = open_store(database).facts_of(plan)
    by_key = {f.fact_key: f for f in facts}
    key = key.removeprefix("#")  # `mandates history` shows recorded facts as #ID
    if key not in by_key:
        near = difflib.get_close_matches(key, list(by_key), n=3)
        hint = f"did you mean {', '.join(near)}?" if near else "see `mandates history` for the keys"
        raise refused(f"KEY: no fact has the key {key!r}; {hint}")
    record(config, process, database, FactKind.WITHDRAWN, by_key[key].subject, on, "--on",
           voids=key, text=reason, written_in=written(written_in), source=source)


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
