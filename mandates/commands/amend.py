"""Amending the plan by command: `add-meeting` (a meeting announced by notification) and
`add-output` (a document requested), each recorded as an AMENDED fact.

The command writes the amendment as the text of an amendment file (docs/config-format.md) and
reads it back through the config loader, which checks it against the plan as of its date (the
amendment files and AMENDED facts in effect by then): one format and one validation for both
ways of amending a process. The fact's payload is that text; `Store.facts` reads it back into
`fact.amendment`. Problems are reported by option, and nothing is recorded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mandates.commands.common import (
    AnnouncedOpt,
    ClosesOpt,
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    Language,
    OpensOpt,
    ProcessOpt,
    QuarterOpt,
    VenueOpt,
    VenueZhOpt,
    WindowOpt,
    WrittenInOpt,
    ZoneOpt,
    amendments_on,
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
    zone_of,
)
from mandates.commands.record import ModeOpt, venue_chinese
from mandates.core.plan import AmendmentKind
from mandates.words.dates import day_text

if TYPE_CHECKING:
    from pendulum import Date

    from mandates.core.plan import Plan

IdArg = Annotated[str, typer.Argument(help="The new id: lowercase letters, digits and hyphens.")]
TitleEnOpt = Annotated[str, typer.Option("--title-en", help="Title in English (a noun phrase).")]
TitleZhOpt = Annotated[str, typer.Option("--title-zh", help="Title in Chinese (a noun phrase).")]
SymbolOpt = Annotated[str, typer.Option("--source", help="The symbol of the document that amends "
                                        "the process (CBD/WG2020/REC/2/1, a notification).")]
KindOpt = Annotated[AmendmentKind, typer.Option("--kind", help="What the document is.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="Where the document was read.")]

# The field of an amendment file -> the option that gave it (for messages).
_OPTIONS = {"id": "ID", "title": "--title-en/--title-zh", "short": "--title-en/--title-zh",
            "body": "--body", "opens": "--opens", "closes": "--closes", "window": "--window/--quarter",
            "tbd": "--tbd", "venue": "--venue/--venue-zh", "timezone": "--timezone", "type": "--type",
            "mode": "--mode", "confirmed": "--tentative", "responsible": "--responsible",
            "mandate": "--mandate", "due": "--due-before/--due-at/--due-on", "for": "--for",
            "inputs": "--inputs", "audience": "--audience", "symbol": "--source", "url": "--url",
            "effective_on": "--announced", "kind": "--kind"}


def _option_of(field: str) -> str:
    for part in reversed(re.split(r"\.(?![^\[]*\])", field)):
        name = part.split("[")[0]
        if name in _OPTIONS:
            return _OPTIONS[name]
    return field


def _record(config: Path | None, process: str | None, database: str | None, item_id: str,
            section: str, item: dict[str, Any], symbol: str, kind: AmendmentKind,
            url: str | None, announced: str, untranslated: bool = False) -> None:
    import yaml

    from mandates.core.facts import FactKind
    from mandates.core.record import FactError, make_fact
    from mandates.words.plausible import worded

    plan = plan_of(config, process)
    day = day_of(announced, "--announced", plan)
    if day > today(plan):
        raise refused(worded(f"--announced {day.isoformat()} is after today "
                             f"({today(plan).isoformat()}): a fact is recorded once it has "
                             "happened", spoken()))
    store = open_store(database)
    facts = store.facts_of(plan)
    _not_known(plan, facts, item_id)
    amendment_id = f"add-{item_id}"
    header: dict[str, Any] = {"id": amendment_id, "process": plan.process.id, "symbol": symbol,
                              "kind": kind.value, "effective_on": day.isoformat()}
    if url:
        header["url"] = url
    payload = yaml.safe_dump({"amendment": header, "add": {section: [item]}}, allow_unicode=True,
                             sort_keys=False, width=1000)
    amendment = _checked(plan, facts, payload, day, amendment_id)
    try:
        fact = make_fact(plan, FactKind.AMENDED, item_id, day,
                         recorded_at=now(), amendment=amendment, payload=payload, source=symbol,
                         timezone=plan.process.timezone, facts=facts)
    except FactError as exc:
        raise refused(str(exc)) from None
    [saved] = save(store, plan, [fact])
    from mandates.words.commands import said

    lang = spoken()
    when = day.isoformat() if lang == "en" else day_text(day, lang)
    say(said("added_to_plan", lang, fact=numbered(saved, lang), item=item_id, day=when, symbol=symbol))
    if untranslated:
        from mandates.words.commands import labelled

        say(labelled("note", said("venue_zh_note", lang), lang), err())


def _not_known(plan: Plan, facts: list[Any], item_id: str) -> None:
    """Refuse an id the plan already has (whatever the day): say since when and by what (the
    founding document, an amendment file, or the fact that added it), not the internal
    amendment key."""
    from mandates.core.facts import FactKind
    from mandates.words.commands import said

    lang = spoken()
    voided = {f.voids for f in facts if f.voids}
    how = None
    if item_id in plan.meetings or item_id in plan.outputs:
        how = said("exists_founding", lang, symbol=plan.process.source_document)
    for amendment in plan.amendments:
        if how is None and item_id in _added(amendment):
            how = said("exists_by_file", lang, day=_day(amendment.effective_on, lang),
                       symbol=amendment.symbol, amendment=amendment.id)
    for fact in facts:
        if how is None and fact.kind is FactKind.AMENDED and fact.amendment is not None \
                and fact.fact_key not in voided and item_id in _added(fact.amendment):
            name = numbered(fact, lang) if fact.id is not None else fact.fact_key
            how = said("exists_by_fact", lang, day=_day(fact.effective_on, lang),
                       symbol=fact.amendment.symbol, fact=name)
    if how is not None:
        raise refused(said("meeting_exists", lang, item=item_id, how=how))


def _added(amendment: Any) -> set[str]:
    return {m.id for m in amendment.meetings} | {o.id for o in amendment.outputs}


def _day(day: Date, lang: str) -> str:
    return day.isoformat() if lang == "en" else day_text(day, "zh")


def _checked(plan: Plan, facts: list[Any], payload: str, day: Date, amendment_id: str) -> Any:
    """The amendment read back by the config loader, checked as of its date."""
    from mandates.config.amendments import parse_amendment
    from mandates.config.known import known_before
    from mandates.config.venues import load_venues
    from mandates.errors import ConfigError

    known = known_before(plan, amendments_on(plan, facts, day), (day, amendment_id))
    folder = Path(plan.files[0]).parent if plan.files else None
    try:
        return parse_amendment(payload, "the command", process_id=plan.process.id,
                               default_zone=plan.process.timezone,
                               venues=lambda: load_venues(folder), known=known)
    except ConfigError as exc:
        problems = "; ".join(f"{_option_of(i.field)}: {i.message}" for i in exc.issues)
        raise refused(problems) from None


def _dated(item: dict[str, Any], opens: str | None, closes: str | None, window: str | None,
           quarter: str | None, tbd: bool) -> None:
    from mandates.config.fields import quarter_of
    from mandates.core.plan import Precision

    if tbd:
        if opens or closes or window or quarter:
            raise refused("--tbd: a meeting to be determined has no dates")
        item["tbd"] = True
        return
    first, last, precision = dates(opens, closes, window, quarter, required=True)
    assert first is not None and last is not None
    if precision is Precision.QUARTER:
        item["window"] = {"quarter": quarter_of(first)}
    elif precision is Precision.MONTH:
        item["window"] = {"from": first.format("YYYY-MM"), "to": last.format("YYYY-MM")}
    else:
        item["opens"], item["closes"] = first.isoformat(), last.isoformat()


def add_meeting(meeting_id: IdArg, body: Annotated[str, typer.Option("--body", help="The body that "
                                                                   "meets or convenes (a body id).")],
                title_en: TitleEnOpt, title_zh: TitleZhOpt,
                meeting_type: Annotated[int, typer.Option("--type", help="Annex II type, 1..5.")],
                source: SymbolOpt, announced: AnnouncedOpt,
                opens: OpensOpt = None, closes: ClosesOpt = None, window: WindowOpt = None,
                quarter: QuarterOpt = None,
                tbd: Annotated[bool, typer.Option("--tbd", help="Dates to be determined.")] = False,
                tentative: Annotated[bool, typer.Option("--tentative", help="The dates are not "
                                                        "confirmed.")] = False,
                venue: VenueOpt = None, venue_zh: VenueZhOpt = None, timezone: ZoneOpt = None,
                mode: ModeOpt = None, written_in: WrittenInOpt = Language.EN,
                kind: KindOpt = AmendmentKind.NOTIFICATION, url: UrlOpt = None,
                process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
                lang: LangOpt = None) -> None:
    """Add a meeting to the plan from --announced (recorded as an AMENDED fact)."""
    speak(lang)
    item: dict[str, Any] = {"id": meeting_id, "title": {"en": title_en, "zh": title_zh}, "body": body}
    _dated(item, opens, closes, window, quarter, tbd)
    if tentative:
        item["confirmed"] = False
    untranslated = False
    if venue and not venue_zh and written_in is Language.EN:
        venue_zh, untranslated = venue_chinese(venue, config, process)
    if venue and venue_zh:
        item["venue"] = {"en": venue, "zh": venue_zh}
    elif venue or venue_zh:  # one language: shown as written, marked untranslated in the other
        item["venue"] = {"zh": venue or venue_zh} if written_in is Language.ZH or not venue else {
            "en": venue}
    zone = zone_of(plan_of(config, process), venue, venue_zh, timezone)
    if zone:
        item["timezone"] = zone
    if mode:
        item["mode"] = mode.value
    item["type"] = meeting_type
    _record(config, process, database, meeting_id, "meetings", item, source, kind, url, announced,
            untranslated)


def add_output(output_id: IdArg, title_en: TitleEnOpt, title_zh: TitleZhOpt,
               responsible: Annotated[str, typer.Option("--responsible", help="Body id(s), "
                                                        "comma-separated.")],
               mandate: Annotated[str, typer.Option("--mandate", help="Document and paragraph.")],
               source: SymbolOpt, announced: AnnouncedOpt,
               due_before: Annotated[str | None, typer.Option("--due-before", help="Due before this "
                                                              "meeting opens (with --weeks/--days).")] = None,
               weeks: Annotated[int | None, typer.Option("--weeks", min=0, max=520, help=(
                   "Weeks before the meeting opens (with --due-before)."))] = None,
               days: Annotated[int | None, typer.Option("--days", min=0, max=3650, help=(
                   "Days before the meeting opens (with --due-before)."))] = None,
               due_at: Annotated[str | None, typer.Option("--due-at", help="Produced by this "
                                                          "meeting.")] = None,
               due_on: Annotated[str | None, typer.Option("--due-on", help="Due on this day "
                                                          "(YYYY-MM-DD).")] = None,
               for_: Annotated[str | None, typer.Option("--for", help="The meeting or output it is "
                                                        "for.")] = None,
               inputs: Annotated[str | None, typer.Option("--inputs", help="Output ids it needs, "
                                                          "comma-separated.")] = None,
               kind: KindOpt = AmendmentKind.DECISION, url: UrlOpt = None,
               process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
                lang: LangOpt = None) -> None:
    """Add an output (a document requested) to the plan from --announced (an AMENDED fact)."""
    speak(lang)
    rules = [name for name, value in (("--due-before", due_before), ("--due-at", due_at),
                                      ("--due-on", due_on)) if value]
    if len(rules) != 1:
        raise refused("give exactly one of --due-before (with --weeks or --days), --due-at, --due-on")
    due: dict[str, Any]
    if due_before:
        if weeks is None and days is None:
            raise refused("--due-before needs --weeks or --days (0 for the opening day)")
        due = {"before": due_before, **({"weeks": weeks} if weeks is not None else {}),
               **({"days": days} if days is not None else {})}
    elif weeks is not None or days is not None:
        raise refused("--weeks and --days go with --due-before")
    elif due_at:
        due = {"at": due_at}
    else:
        due = {"on": day_of(due_on or "", "--due-on").isoformat()}
    item: dict[str, Any] = {"id": output_id, "title": {"en": title_en, "zh": title_zh},
                            "responsible": _ids(responsible), "mandate": mandate, "due": due}
    if for_:
        item["for"] = for_
    if inputs:
        item["inputs"] = _ids(inputs)
    _record(config, process, database, output_id, "outputs", item, source, kind, url, announced)


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


COMMANDS = (("add-meeting", add_meeting), ("add-output", add_output))
