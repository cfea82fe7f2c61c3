"""What every command shares: consoles and `say`, option types, today and now (read here, once
per command), the plan, the store, the facts of a process, and recording a fact.

Cheap to import (issue 12): at the top only typer and the standard library, so that registering
every command costs nothing; each helper imports what it uses (rich, the config loader, the
store) when it is called. Command modules keep to the same rule: options at the top, the work's
imports inside the command.

Every refusal is a MandatesError whose message names the option at fault and ends with
"nothing was recorded" (`refused`); `cli.Commands.invoke` prints it and sets the exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mandates.commands.language import LangOpt, Language, speak, spoken

if TYPE_CHECKING:
    from pendulum import Date, DateTime
    from rich.console import Console
    from rich.text import Text

    from mandates.core.facts import Fact
    from mandates.core.plan import Amendment, Lang, Plan, Precision
    from mandates.core.record import FactError
    from mandates.core.select import Selection
    from mandates.store.db import Store

__all__ = ["LangOpt", "Language", "speak", "spoken"]  # re-exported: every command's --lang
NOTHING = "nothing was recorded"


@lru_cache(maxsize=1)
def out() -> Console:
    """The console of standard output (rich, imported on first use)."""
    from rich.console import Console

    return Console(soft_wrap=True, emoji=False)


@lru_cache(maxsize=1)
def err() -> Console:
    """The console of standard error."""
    from rich.console import Console

    return Console(stderr=True, emoji=False, soft_wrap=True)


def say(text: str, console: Console | None = None) -> None:
    """Print a line as it is: no rich markup, no emoji codes, no highlighting, control characters
    shown as `\\xNN` (`words.markup.terminal_text`, as `report.terminal` prints its lines);
    on standard output unless `console` is given."""
    from mandates.words.markup import terminal_text

    (console or out()).print(terminal_text(text), markup=False, highlight=False, emoji=False)


def labelled(label: str, style: str, message: str) -> Text:
    """`error: message` with the label styled and the message as plain text."""
    from rich.text import Text

    from mandates.words.markup import terminal_text

    space = "" if label.endswith("：") else " "  # `错误：message`
    return Text.assemble((label, style), space, terminal_text(message))


def warn(label: str, style: str, message: str) -> None:
    """`note: message` (or `warning:`, `error:`) on standard error, the label styled."""
    err().print(labelled(label, style, message), highlight=False)


def refused(message: str) -> FactError:
    """A refusal: the message (naming the option), then that nothing was recorded. A closing
    question (`; did you mean x?`) is put in brackets first: `unknown output 'y' (did you mean
    x?); nothing was recorded`, never `x?; nothing`."""
    import re

    from mandates.core.record import FactError

    if message.endswith(NOTHING):
        return FactError(message)
    bracketed = re.sub(r"; (did you mean [^;]+[?])$", r" (\1)", message)
    return FactError(f"{bracketed}; {NOTHING}")


ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A process file or folder "
                                                "(default: the bundled WG2020 process).")]
ProcessOpt = Annotated[str | None, typer.Option("--process", help="Process id within --config.")]
DatabaseOpt = Annotated[str | None, typer.Option("--database", help="Database URL (default: "
                                                 "MANDATES_DATABASE_URL, else SQLite in the "
                                                 "user data folder).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date "
                                             "(YYYY-MM-DD; default: today in the process zone).")]
SettingsOpt = Annotated[Path | None, typer.Option("--settings", help="Settings file over the "
                                                  "bundled defaults (default: MANDATES_SETTINGS).")]
AnnouncedOpt = Annotated[str, typer.Option("--announced", help="When the change was announced "
                                           "and took effect (YYYY-MM-DD).")]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Where it was read: a URL or a "
                                               "document symbol.")]
OutputArg = Annotated[str, typer.Argument(help="An output id.")]
MeetingArg = Annotated[str, typer.Argument(help="A meeting id.")]
ItemArg = Annotated[str, typer.Argument(help="A meeting or output id.")]
WrittenInOpt = Annotated[Language, typer.Option("--written-in", help="The language the text is "
                                                "written in; shown as written, marked untranslated "
                                                "in the other language's outputs.")]
OpensOpt = Annotated[str | None, typer.Option("--opens", help="Opening day (YYYY-MM-DD).")]
ClosesOpt = Annotated[str | None, typer.Option("--closes", help="Closing day (YYYY-MM-DD).")]
WindowOpt = Annotated[str | None, typer.Option("--window", help="A month window, YYYY-MM..YYYY-MM "
                                               "(or one month, YYYY-MM).")]
QuarterOpt = Annotated[str | None, typer.Option("--quarter", help="A quarter, YYYY-Qn (such as "
                                                 "2021-Q1).")]
VenueOpt = Annotated[str | None, typer.Option("--venue", help="Venue, as written (in the language "
                                              "of --written-in).")]
VenueZhOpt = Annotated[str | None, typer.Option("--venue-zh", help="The venue in Chinese (alone: a "
                                                "venue written in Chinese).")]
ZoneOpt = Annotated[str | None, typer.Option("--timezone", help="IANA zone of the venue (default: "
                                             "its known city's, config/venues.yaml).")]


class StatusChoice(StrEnum):
    """An output status as `--status` takes it (DESIGN.md, output statuses)."""

    DELIVERED = "delivered"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    AT_RISK = "at-risk"
    BLOCKED = "blocked"
    ON_TRACK = "on-track"
    CANCELLED = "cancelled"
    WAIVED = "waived"


WAIVED_ONLY = "waived"
"""`--status waived`: the cancelled outputs that were waived (`list` shows them as waived);
the check's other views (check, feeds, export-check) count them with the cancelled."""

BodyOpt = Annotated[list[str] | None, typer.Option(
    "--body", help="Only what concerns the meetings of this body (its id, e.g. sbstta); "
                   "repeat for several.")]
MeetingOpt = Annotated[list[str] | None, typer.Option(
    "--meeting", help="Only what concerns this meeting: the deadlines that hang on it and the "
                      "outputs for it; repeat for several.")]
ResponsibleOpt = Annotated[list[str] | None, typer.Option(
    "--responsible", help="Only the outputs this body is responsible for; repeat for several.")]
StatusOpt = Annotated[list[StatusChoice] | None, typer.Option(
    "--status", help="Only the outputs in this status (due-soon or due_soon alike); repeat for "
                     "several. waived: cancelled outputs that were waived.")]


def selection_of(plan: Plan, body: list[str] | None, meeting: list[str] | None,
                 responsible: list[str] | None, status: list[StatusChoice] | None) -> Selection:
    """The `--body/--meeting/--responsible/--status` filters as a `core.select.Selection`
    (`waived` selects the cancelled); MandatesError (exit 2) naming each unknown id: what it is
    when it names another kind of thing (an output given to --meeting), with the nearest valid
    ids, every problem at once."""
    from mandates.core.select import Selection, unknown_ids
    from mandates.core.statuses import OutputStatus
    from mandates.errors import MandatesError

    statuses = frozenset(OutputStatus.CANCELLED if s is StatusChoice.WAIVED
                         else OutputStatus(s.value.replace("-", "_")) for s in status or ())
    selection = Selection(frozenset(body or ()), frozenset(meeting or ()), frozenset(responsible or ()),
                          statuses)
    options = {"bodies": "--body", "meetings": "--meeting", "responsible": "--responsible"}
    problems = [_not_found(plan, options[criterion], value, valid,
                           "meeting" if criterion == "meetings" else "body")
                for criterion, value, valid in unknown_ids(plan, selection)]
    if problems:
        raise MandatesError("; ".join(problems))
    return selection


def _not_found(plan: Plan, option: str, value: str, valid: Sequence[str], wanted: str) -> str:
    """`--meeting 'x' is an output, not a meeting (did you mean sbstta-24?)` or `--meeting 'x':
    no such meeting (did you mean …?)`, else `(24 are defined)`. The near ids: those close in
    spelling, and those `value` begins with (`sbstta-24` for `sbstta-24-recs`)."""
    import difflib

    kinds = (("output", plan.outputs), ("meeting", plan.meetings), ("body", plan.bodies))
    other = next((kind for kind, ids in kinds if kind != wanted and value in ids), None)
    near = difflib.get_close_matches(value, valid, n=3)
    near += sorted((v for v in valid if value.startswith(f"{v}-") and v not in near),
                   key=len, reverse=True)[:3 - len(near)]
    head = f"{option} {value!r} is {'an' if other == 'output' else 'a'} {other}, not a {wanted}" \
        if other is not None else f"{option} {value!r}: no such {wanted}"
    return f"{head} (did you mean {', '.join(near)}?)" if near else f"{head} ({len(valid)} are defined)"


def waived_only(status: list[StatusChoice] | None) -> bool:
    """Whether `--status` asked for waived outputs and not for the cancelled as a whole."""
    chosen = set(status or ())
    return StatusChoice.WAIVED in chosen and StatusChoice.CANCELLED not in chosen


def plan_of(config: Path | None, process: str | None) -> Plan:
    """The process (founding plan with its amendment files); ConfigError when it is invalid."""
    from mandates.config.processes import load_process

    return load_process(config, process)


def today(plan: Plan) -> Date:
    """Today in the process's zone: the one place a command reads the calendar."""
    import pendulum

    return pendulum.today(plan.process.timezone).date()


def now() -> DateTime:
    """Now, in UTC: the one place a command reads the clock (recording, publishing)."""
    import pendulum

    return pendulum.now("UTC")


def as_of(value: str | None, plan: Plan) -> Date:
    """`--as-of`, or today."""
    from mandates.core.record import parse_date

    return today(plan) if value is None else parse_date(value, "--as-of")


def open_store(database: str | None) -> Store:
    """The state database, migrated to the current schema (SQLModel: what every command that
    writes uses); a database that cannot be opened is bad input, not a crash."""
    from mandates.store.db import opened

    return opened(database)


def recorded(database: str | None, plan: Plan) -> list[Fact]:
    """The facts recorded for the process, in the order recorded: read without the ORM when the
    database is already at the current schema (`store.reader`), else through `open_store`
    (which creates or migrates it first)."""
    from mandates.store.reader import default_url, normalise_url, recorded_facts

    url = normalise_url(database) if database else default_url()
    found = recorded_facts(url, plan.process.id)
    return found if found is not None else open_store(database).facts(plan.process.id)


def facts_of(database: str | None, plan: Plan) -> list[Fact]:
    """What a read-only command evaluates: the facts shipped with the process, then those
    recorded whose key is not shipped (as `Store.facts_of`, read as `recorded` reads)."""
    from mandates.config.history import merge, shipped_facts

    return merge(shipped_facts(plan), recorded(database, plan))


def amendments_on(plan: Plan, facts: Sequence[Fact], day: Date) -> list[Amendment]:
    """The amendments known on `day`: those of the files, and those recorded as AMENDED facts
    in effect by then and not withdrawn (whether each applies yet is `plan_as_of`'s to say)."""
    counted = [f for f in facts if f.effective_on <= day]
    voided = {f.voids for f in counted if f.voids}
    recorded = [f.amendment for f in counted if f.amendment is not None and f.fact_key not in voided]
    return [*plan.amendments, *recorded]


def plan_on(plan: Plan, facts: Sequence[Fact], day: Date) -> Plan:
    """The plan as of `day`: the amendments of the files and of the facts in effect by then."""
    from mandates.core.amend import plan_as_of

    return plan_as_of(plan, amendments_on(plan, facts, day), day)


def day_of(value: str, option: str, plan: Plan | None = None) -> Date:
    """A date option, refused with its name: outside 1990..2200, or outside the span of `plan`
    when one is given (`core.bounds`), the message giving the bounds."""
    from mandates.core.record import FactError, check_year, parse_date

    try:
        day = parse_date(value, option)
        if plan is not None:
            check_year(day, option, plan.span)
    except FactError as exc:
        raise refused(str(exc)) from None
    return day


def dates(opens: str | None, closes: str | None, window: str | None, quarter: str | None,
          *, required: bool) -> tuple[Date | None, Date | None, Precision]:
    """New dates from `--opens/--closes`, `--window` or `--quarter` (one of them).

    A window gives its first and last possible days with precision MONTH, a quarter QUARTER.
    """
    from mandates.config.fields import quarter_window
    from mandates.core.plan import Precision
    from mandates.core.rules import month_window

    given = [name for name, value in (("--opens/--closes", opens or closes), ("--window", window),
                                      ("--quarter", quarter)) if value]
    if len(given) > 1:
        raise refused(f"give only one of --opens/--closes, --window, --quarter (given: "
                      f"{', '.join(given)})")
    if not given:
        if required:
            raise refused("give the new dates: --opens and --closes, --window or --quarter")
        return None, None, Precision.DAY
    if window:
        start, _, end = window.partition("..")
        try:
            first, last = month_window(start, end or start)
        except ValueError as exc:
            raise refused(f"--window: {exc}; give YYYY-MM..YYYY-MM or one month, YYYY-MM") from None
        if last < first:
            raise refused(f"--window: {window!r} ends before it starts")
        return first, last, Precision.MONTH
    if quarter:
        try:
            first, last = quarter_window(quarter)
        except ValueError as exc:
            raise refused(f"--quarter: {exc}") from None
        return first, last, Precision.QUARTER
    if not (opens and closes):
        raise refused("--opens and --closes go together")
    opens_on, closes_on = day_of(opens, "--opens"), day_of(closes, "--closes")
    if closes_on < opens_on:
        raise refused(f"--closes {closes_on.isoformat()} is before --opens {opens_on.isoformat()}")
    return opens_on, closes_on, Precision.DAY


def zone_of(plan: Plan, venue: str | None, venue_zh: str | None, zone: str | None) -> str | None:
    """`--timezone` (an IANA zone: refused with the nearest zones when it is not one, as the
    process files are), else the zone of the venue's known city (config/venues.yaml); None
    without a venue. Refused naming --timezone and the known cities when the city is not known."""
    if zone is not None:
        from mandates.config.fields import timezone

        try:
            return timezone(zone)
        except ValueError as exc:
            raise refused(f"--timezone: {exc}") from None
    if not (venue or venue_zh):
        return zone
    from mandates.config.venues import load_venues

    folder = Path(plan.files[0]).parent if plan.files else None
    try:
        return load_venues(folder).zone_for(venue, venue_zh)
    except ValueError as exc:
        raise refused(f"--timezone: {exc}") from None


def ask_venue_zh(venue: str) -> str | None:
    """A venue added to the plan asks for its Chinese form (at a terminal), else is marked untranslated."""
    from mandates.words.commands import labelled as label
    from mandates.words.commands import said

    lang = spoken()
    if sys.stdin.isatty():
        answer: str = typer.prompt(said("venue_zh_prompt", lang, venue=repr(venue)),
                                   default="", show_default=False)
        if answer.strip():
            return answer.strip()
    say(label("note", said("venue_zh_note", lang), lang), err())
    return None


def written(language: Language) -> Lang:
    """The language user text was written in, as facts keep it."""
    return "zh" if language is Language.ZH else "en"


def save(store: Store, plan: Plan, facts: list[Fact]) -> list[Fact]:
    """Append validated facts; a refusal by the store, or a database that cannot be written
    (StoreError, exit 2), says nothing was recorded."""
    from sqlalchemy.exc import SQLAlchemyError

    from mandates.core.record import FactError
    from mandates.errors import StoreError

    try:
        return store.append(plan.process.id, facts)
    except FactError as exc:
        raise refused(str(exc)) from None
    except SQLAlchemyError as exc:  # a read-only file, a full disk, a lost connection
        cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot record in the database: {cause}; {NOTHING}") from None


def numbered(fact: Fact, lang: Lang = "en") -> str:
    """How a recorded fact is named: `#7` (its key is its number), or `#7 (key K)` / `#7（标识K）`
    when it was given a key of its own."""
    from mandates.words.commands import said

    if fact.fact_key == str(fact.id):
        return f"#{fact.id}"
    return said("numbered_key", lang, id=fact.id, fact_key=fact.fact_key)


def with_options(**fields: Any) -> dict[str, Any]:
    """The keyword arguments that were given (None and empty values left out)."""
    return {k: v for k, v in fields.items() if v is not None}


def judge(plan: Plan, fact: Fact, facts: Sequence[Fact]) -> Fact:
    """A fact read from a file (shipped or imported) judged as a command would
    (`core.record.check_fact`): against the plan and the meeting's state as of its date, `facts`
    (those before it) counted. Raises FactError."""
    from mandates.core.record import check_fact

    return check_fact(plan, fact, facts)
