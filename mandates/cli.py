"""The `mandates` command (Typer): an edge that parses, calls the core, and sets exit codes.

Exit codes: 0 done; 1 with --strict when something is overdue or an input is late, or when a
flow did not complete; 2 bad input. Every error the product raises is a `MandatesError`
(mandates.errors) and is answered here once, by `Commands.invoke`: its details, then
`error: message`, then its exit code; bad option values get Typer's own error (exit 2).

User text (titles, venues, notes, references, reasons) is printed as text: this module's own
lines go through `say`, which never reads rich markup or emoji codes and shows control
characters as `\\xNN`. "Today" and "now" are read here, once per command, and passed down.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pendulum
import typer
from pendulum import Date, DateTime
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from mandates.config.processes import load_process
from mandates.core.evaluate import Evaluation, OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Lang, Plan
from mandates.core.record import FactError, make_fact, parse_date
from mandates.errors import MandatesError, NotFoundError, RunFailed, StoreError
from mandates.report.jsondoc import evaluation_dict
from mandates.store.db import Store
from mandates.words.dates import check_lang
from mandates.words.markup import terminal_text

out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, emoji=False)

def say(text: str, console: Console = out) -> None:
    """Print a line as it is: no rich markup, no emoji codes, no highlighting, control characters
    shown as `\\xNN` (`words.markup.terminal_text`, as `report.terminal` prints its lines)."""
    console.print(terminal_text(text), markup=False, highlight=False, emoji=False)


def _labelled(label: str, style: str, message: str) -> Text:
    """`error: message` with the label styled and the message as plain text."""
    return Text.assemble((label, style), " ", terminal_text(message))


def report_error(exc: MandatesError) -> None:
    """Print an error: its detail lines as they are (unwrapped), then `error: message`."""
    for line in exc.details():  # one plain line each, never wrapped: `file:line: field: message`
        sys.stderr.write(f"{terminal_text(line)}\n")
    err.print(_labelled("error:", "red", exc.headline()), highlight=False)


class Commands(TyperGroup):
    """The command group; its `invoke` is the one place a MandatesError becomes an exit code."""

    def invoke(self, ctx: Any) -> Any:  # Typer's (vendored) click.Context
        """Run the command; a MandatesError is reported and exits with its exit code."""
        try:
            return super().invoke(ctx)
        except MandatesError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(cls=Commands, help="Mandated outputs and deadlines of intergovernmental processes.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
run_app = typer.Typer(help="Run a Prefect flow once.", no_args_is_help=True)
app.add_typer(run_app, name="run")


def _print_version(value: bool) -> None:
    """`mandates --version`: the installed version (`mandates.__version__`), then exit 0."""
    if value:
        from mandates import __version__

        say(f"mandates {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="Print the version and exit.")] = False) -> None:
    """Mandated outputs and deadlines of intergovernmental processes."""


class CheckFormat(StrEnum):
    """What `mandates check` prints."""

    TEXT = "text"
    JSON = "json"


class BriefFormat(StrEnum):
    """The file `mandates brief` writes."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"


class Language(StrEnum):
    """A language of the product's own words (`--lang`)."""

    EN = "en"
    ZH = "zh"


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
AnnouncedOpt = Annotated[str, typer.Option("--announced", help="When the change took effect "
                                           "(YYYY-MM-DD).")]
OutputArg = Annotated[str, typer.Argument(help="An output id.")]
MeetingArg = Annotated[str, typer.Argument(help="A meeting id.")]
ItemArg = Annotated[str, typer.Argument(help="A meeting or output id.")]
WrittenInOpt = Annotated[Language, typer.Option("--written-in", help="The language the text is "
                                                "written in; shown as written, marked untranslated "
                                                "in the other language's outputs.")]
LangOpt = Annotated[Language, typer.Option("--lang", help="Language of the text: en or zh.")]


def _plan(config: Path | None, process: str | None) -> Plan:
    return load_process(config, process)


def _today(plan: Plan) -> Date:
    """Today in the process's zone: the one place a command reads the calendar."""
    return pendulum.today(plan.process.timezone).date()


def _now() -> DateTime:
    """Now, in UTC: the one place a command reads the clock (recording, publishing)."""
    return pendulum.now("UTC")


def _as_of(value: str | None, plan: Plan) -> Date:
    return _today(plan) if value is None else parse_date(value, "--as-of")


def _store(database: str | None) -> Store:
    try:
        return Store(database)
    except MandatesError:
        raise
    except Exception as exc:  # a database that cannot be opened is bad input, not a crash
        raise StoreError(f"cannot open the database: {exc}") from exc


def _evaluation(config: Path | None, process: str | None, database: str | None,
                as_of: str | None) -> tuple[Evaluation, Store]:
    plan = _plan(config, process)
    day = _as_of(as_of, plan)
    store = _store(database)
    return evaluate(plan, store.facts(plan.process.id), day), store


@app.command()
def check(
    as_of: AsOfOpt = None,
    process: ProcessOpt = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Terminal text, or the "
                                                       "check as JSON.")] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when something is overdue or an input "
                                         "is late.")] = False,
    due_soon: Annotated[int | None, typer.Option("--due-soon", help="Days that count as due "
                                                 "soon (default from the process, 14).")] = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = Language.EN,
) -> None:
    """The daily deadline check: late inputs, overdue, due soon, at risk, blocked."""
    plan = _plan(config, process)
    if due_soon is not None:
        from dataclasses import replace

        plan = replace(plan, process=replace(plan.process, due_soon_days=due_soon))
    day = _as_of(as_of, plan)
    store = _store(database)
    evaluation = evaluate(plan, store.facts(plan.process.id), day)
    if output_format is CheckFormat.JSON:
        sys.stdout.write(json.dumps(evaluation_dict(evaluation), ensure_ascii=False, indent=2) + "\n")
    else:
        from mandates.report.terminal import render_check

        render_check(out, evaluation, check_lang(lang.value))
    if strict and (evaluation.late_inputs or evaluation.in_status(OutputStatus.OVERDUE)):
        raise typer.Exit(1)


@app.command()
def validate(path: Annotated[Path | None, typer.Argument(help="Process file or folder.")] = None,
             process: ProcessOpt = None) -> None:
    """Check a process file: every problem with file:line and field; exit 2 if any."""
    plan = _plan(path, process)
    say(f"{plan.files[0]}: process {plan.process.id}: {len(plan.meetings)} meetings, "
        f"{len(plan.outputs)} outputs, {len(plan.bodies)} bodies — valid")


@app.command()
def show(item: Annotated[str, typer.Argument(help="An output or meeting id.")],
         as_of: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
         database: DatabaseOpt = None, lang: LangOpt = Language.EN) -> None:
    """One output or meeting: mandate, rule, inputs, what it is for, history of facts."""
    from mandates.report.terminal import render_meeting, render_output

    evaluation, _ = _evaluation(config, process, database, as_of)
    if item in evaluation.outputs:
        render_output(out, evaluation, evaluation.outputs[item], check_lang(lang.value))
    elif item in evaluation.meetings:
        render_meeting(out, evaluation, evaluation.meetings[item], check_lang(lang.value))
    else:
        import difflib

        near = difflib.get_close_matches(item, [*evaluation.outputs, *evaluation.meetings], n=3)
        raise NotFoundError(f"unknown id {item!r}" + (f"; did you mean {', '.join(near)}?" if near else ""))


@app.command()
def history(process: ProcessOpt = None, config: ConfigOpt = None,
            database: DatabaseOpt = None) -> None:
    """Every recorded fact, in the order recorded."""
    plan = _plan(config, process)
    facts = _store(database).facts(plan.process.id)
    if not facts:
        say("no facts recorded")
    for fact in facts:
        say(f"#{fact.id} {fact.subject}: {fact.describe()} "
            f"(recorded {fact.recorded_at.to_iso8601_string()})")


def _record(config: Path | None, process: str | None, database: str | None, kind: FactKind,
            subject: str, effective: str, option: str, **fields: Any) -> None:
    plan = _plan(config, process)
    try:
        day = parse_date(effective, option)
        fact = make_fact(plan, kind, subject, day, recorded_at=_now(), **fields)
    except FactError as exc:
        raise FactError(f"{exc}; nothing was recorded") from None
    [saved] = _store(database).append(plan.process.id, [fact])
    say(f"recorded #{saved.id}: {saved.subject}: {saved.describe()}")


@app.command()
def deliver(output: OutputArg,
            on: Annotated[str, typer.Option("--on", help="Delivery date (YYYY-MM-DD).")],
            ref: Annotated[str | None, typer.Option("--ref", help="Document symbol.")] = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an output was delivered."""
    _record(config, process, database, FactKind.DELIVERED, output, on, "--on", ref=ref)


@app.command()
def receive(output: OutputArg,
            on: Annotated[str, typer.Option("--on", help="Date it was received (YYYY-MM-DD).")],
            ref: Annotated[str | None, typer.Option("--ref", help="Document symbol.")] = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an input from another body (a report, a submission) was received."""
    _record(config, process, database, FactKind.RECEIVED, output, on, "--on", ref=ref)


@app.command()
def reschedule(meeting: MeetingArg,
               opens: Annotated[str, typer.Option("--opens", help="New opening date (YYYY-MM-DD).")],
               closes: Annotated[str, typer.Option("--closes", help="New closing date (YYYY-MM-DD).")],
               announced: AnnouncedOpt,
               venue: Annotated[str | None, typer.Option("--venue", help="New venue, as written "
                                                         "(in the language of --written-in).")] = None,
               venue_zh: Annotated[str | None, typer.Option("--venue-zh", help="The new venue in "
                                                            "Chinese (alone: a venue written in "
                                                            "Chinese).")] = None,
               timezone: Annotated[str | None, typer.Option("--timezone", help="IANA zone of the new "
                                                            "venue.")] = None,
               written_in: WrittenInOpt = Language.EN,
               process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record new dates (and venue) for a meeting; every deadline on it moves."""
    try:
        opens_on, closes_on = parse_date(opens, "--opens"), parse_date(closes, "--closes")
    except FactError as exc:
        raise FactError(f"{exc}; nothing was recorded") from None
    if venue and not venue_zh and written_in is Language.EN:
        venue_zh = _ask_venue_zh(venue)
    _record(config, process, database, FactKind.RESCHEDULED, meeting, announced, "--announced",
            opens_on=opens_on, closes_on=closes_on, venue=venue, timezone=timezone,
            venue_zh=venue_zh, written_in=_written(written_in))


def _ask_venue_zh(venue: str) -> str | None:
    """A venue added to the plan asks for its Chinese form (at a terminal), else is marked untranslated."""
    if sys.stdin.isatty():
        answer: str = typer.prompt(f"Chinese form of {venue!r} (Enter: none, shown marked untranslated)",
                                   default="", show_default=False)
        if answer.strip():
            return answer.strip()
    say("note: no Chinese form of the venue (--venue-zh): Chinese outputs show it as written, "
        "marked （英文原文）", err)
    return None


def _written(language: Language) -> Lang:
    """The language user text was written in, as facts keep it."""
    return "zh" if language is Language.ZH else "en"


@app.command()
def postpone(meeting: MeetingArg, announced: AnnouncedOpt,
             process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that a meeting is postponed, new dates unknown."""
    _record(config, process, database, FactKind.POSTPONED, meeting, announced, "--announced")


@app.command()
def cancel(item: ItemArg, announced: AnnouncedOpt,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that a meeting or an output is cancelled."""
    _record(config, process, database, FactKind.CANCELLED, item, announced, "--announced")


@app.command()
def waive(output: OutputArg,
          on: Annotated[str, typer.Option("--on", help="When it stopped being required (YYYY-MM-DD).")],
          reason: Annotated[str, typer.Option("--reason", help="Why, as it should be shown.")],
          written_in: WrittenInOpt = Language.EN,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an output is no longer required."""
    _record(config, process, database, FactKind.WAIVED, output, on, "--on", text=reason,
            written_in=_written(written_in))


@app.command()
def note(item: ItemArg, text: Annotated[str, typer.Argument(help="The note, shown as written.")],
         on: Annotated[str, typer.Option("--on", help="The date the note is about (YYYY-MM-DD).")],
         written_in: WrittenInOpt = Language.EN,
         process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record a note about a meeting or an output."""
    _record(config, process, database, FactKind.NOTE, item, on, "--on", text=text,
            written_in=_written(written_in))


@app.command()
def whatif(meeting: MeetingArg,
           opens: Annotated[str, typer.Option("--opens", help="Opening date to try (YYYY-MM-DD).")],
           closes: Annotated[str, typer.Option("--closes", help="Closing date to try (YYYY-MM-DD).")],
           as_of: AsOfOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
           lang: LangOpt = Language.EN) -> None:
    """What would move and what would become late if a meeting moved; records nothing."""
    from mandates.core.diff import diff
    from mandates.report.terminal import render_diff

    plan = _plan(config, process)
    day = _as_of(as_of, plan)
    facts = _store(database).facts(plan.process.id)
    move = make_fact(plan, FactKind.RESCHEDULED, meeting, day, recorded_at=_now(),
                     opens_on=parse_date(opens, "--opens"), closes_on=parse_date(closes, "--closes"))
    hypothetical: list[Fact] = [*facts, move]
    render_diff(out, diff(evaluate(plan, facts, day), evaluate(plan, hypothetical, day)), plan,
                check_lang(lang.value))


@app.command()
def feeds(as_of: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
          out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the feeds to "
                                                       "(default: calendars_dir of the settings).")] = None,
          settings_path: SettingsOpt = None, database: DatabaseOpt = None) -> None:
    """Write the iCalendar feeds (all, meetings, per body, deadlines, secretariat; en and zh)."""
    from mandates.config.settings import load_settings
    from mandates.feeds.publish import publish

    plan = _plan(config, process)
    day = _as_of(as_of, plan)
    settings = load_settings(settings_path)
    target = out_dir if out_dir is not None else settings.calendars_dir
    paths = publish(plan, _store(database), day, settings, target, _now())
    say(f"{len(paths)} feeds as of {day.isoformat()} in {target}")
    for path in paths:
        say(f"  {path}")


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          calendars: Annotated[Path | None, typer.Option("--calendars", help="Folder of the feeds "
                                                         "(default: calendars_dir).")] = None,
          settings_path: SettingsOpt = None,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Serve the feeds, an index of them and the day's check (/status) over HTTP."""
    import uvicorn

    from mandates.config.settings import load_settings
    from mandates.feeds.published import Published
    from mandates.report.html import daily_check
    from mandates.web import create_app

    plan = _plan(config, process)
    settings = load_settings(settings_path)
    published = Published(calendars if calendars is not None else settings.calendars_dir,
                          settings.feeds.tokens)
    web_app = create_app(settings, published, daily_check(plan, _store(database), lambda: _today(plan)))
    uvicorn.run(web_app, host=host, port=port, server_header=False, access_log=False,
                proxy_headers=False)


@app.command()
def brief(
    as_of: AsOfOpt = None,
    since: Annotated[str, typer.Option("--since", help="Compare with the last briefing (last), a date "
                                       "(YYYY-MM-DD), or the plan as adopted (none).")] = "last",
    lang: Annotated[Language, typer.Option("--lang", help="Language of the briefing.")] = Language.EN,
    output_format: Annotated[BriefFormat, typer.Option("--format", help="md (with a PNG chart beside "
                                                       "it), html, or pdf (needs Chromium).")
                             ] = BriefFormat.MD,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: "
                                                "briefings/PROCESS-DATE-LANG.FORMAT).")] = None,
    snapshot: Annotated[bool, typer.Option("--snapshot/--no-snapshot", help="Record what this briefing "
                                           "shows, for the next briefing's `--since last`.")] = True,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The Bureau briefing: decisions needed, delivered, moves, upcoming, per body, timeline."""
    from mandates.briefing.run import default_path, make_briefing, record_snapshot, write_briefing
    from mandates.config.settings import load_settings
    from mandates.words.i18n import check_lang

    language = check_lang(lang.value)
    plan = _plan(config, process)
    day = _as_of(as_of, plan)
    settings = load_settings()
    store = _store(database)
    facts = store.facts(plan.process.id)
    path = output or default_path(plan, day, language, output_format.value)
    briefing = make_briefing(plan, facts, store, day, since, settings.briefing_horizon_weeks)
    produced = write_briefing(briefing, language, output_format.value, path,
                              group=settings.secretariat_group)
    for warning in produced.warnings:
        err.print(_labelled("warning:", "yellow", warning), highlight=False)
    if snapshot:
        record_snapshot(store, briefing.evaluation, _now())
    extra = "".join(f" (+ {p})" for p in produced.extra)
    say(f"wrote {produced.path}{extra}")


# Prefect runs offline by default (issue 3, item 5); a temporary server writes task runs and
# events in batches, which keeps SQLite from answering "database is locked" (docs/orchestration.md).
PREFECT_OFFLINE_ENV = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "1000",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "100",
    # Prefect waits 20 s for its temporary server; a busy 2-core machine needs longer (measured:
    # "Timed out while attempting to connect to ephemeral Prefect API server" at load 6).
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def _prefect_offline() -> None:
    """Before Prefect is imported: no analytics, DO_NOT_TRACK, PREFECT_HOME in ./.prefect."""
    import os

    for key, value in PREFECT_OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))


@run_app.command("daily-check")
def run_daily_check(
    as_of: AsOfOpt = None,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    task_threshold: Annotated[int | None, typer.Option(
        "--task-threshold", help="Above this many outputs, one task per responsible body "
        "(default: flow_task_threshold of the settings, 500).")] = None,
) -> None:
    """Run the daily_check flow once; Prefect starts a temporary server when none is configured."""
    plan = _plan(config, process)  # a bad config stops here, with file:line, before Prefect starts
    day = _as_of(as_of, plan)
    _prefect_offline()
    from flows.daily_check import daily_check

    state = daily_check(process=process, as_of=day.isoformat(),
                        config=str(config.resolve()) if config else None, database=database,
                        task_threshold=task_threshold, return_state=True)
    if not state.is_completed():
        raise RunFailed(f"the daily check did not complete: {state.name}: {state.message}")
    summary = state.result()
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in summary["counts"].items() if n)
    say(f"daily check of {summary['process']} as of {summary['as_of']}: {counts}; "
        f"{summary['late_inputs']} late inputs; {summary['tasks']} tasks ({summary['mode']}); "
        f"{summary['alerts_sent']} alerts sent")
    say(f"wrote {summary['check_json']}")
    if summary["alerts_failed"]:
        raise RunFailed(f"{summary['alerts_failed']} alert(s) not delivered; recorded as failed, "
                        "sent again on the next run (see the flow run's log)")


@app.command()
def deploy(
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "daily-check",
    process: ProcessOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the daily check on its schedule (07:00 in the secretariat's zone) until stopped."""
    from mandates.config.settings import load_settings

    _plan(config, process)  # refuse to serve a process that does not load
    settings = load_settings()
    _prefect_offline()
    from prefect.settings import PREFECT_API_URL

    from flows.daily_check import serve_daily_check

    if not PREFECT_API_URL.value():
        err.print(_labelled("note:", "yellow", "PREFECT_API_URL is not set: serving against a "
                            "temporary server that stops with this command (see "
                            "docs/orchestration.md)"), highlight=False)
    say(f"serving {name}: '{settings.daily_check_cron}' in {settings.timezone}; Ctrl-C stops")
    serve_daily_check(name=name, process=process, config=str(config.resolve()) if config else None,
                      settings=settings)


def main() -> None:
    """Entry point of the `mandates` console script."""
    app()


if __name__ == "__main__":
    main()
