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

import typer
from typer.core import TyperGroup

from mandates.commands import amend, export, nginx, record, transfer
from mandates.commands.common import (
    AsOfOpt,
    ClosesOpt,
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    Language,
    MeetingArg,
    OpensOpt,
    ProcessOpt,
    QuarterOpt,
    SettingsOpt,
    WindowOpt,
    as_of,
    dates,
    err,
    judge,
    labelled,
    now,
    open_store,
    out,
    plan_of,
    plan_on,
    refused,
    say,
    today,
)
from mandates.config.factfile import FactsFile
from mandates.core.evaluate import Evaluation, OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.core.record import FactError, make_fact
from mandates.errors import MandatesError, NotFoundError, RunFailed
from mandates.report.jsondoc import evaluation_dict
from mandates.store.db import Store
from mandates.words.dates import check_lang
from mandates.words.markup import terminal_text


def report_error(exc: MandatesError) -> None:
    """Print an error: its detail lines as they are (unwrapped), then `error: message`."""
    for line in exc.details():  # one plain line each, never wrapped: `file:line: field: message`
        sys.stderr.write(f"{terminal_text(line)}\n")
    err.print(labelled("error:", "red", exc.headline()), highlight=False)


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
for _command in record.COMMANDS:
    app.command()(_command)
for _named, _name in (*amend.COMMANDS, *transfer.COMMANDS, *export.COMMANDS, *nginx.COMMANDS):
    app.command(_name)(_named)


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


class Assumed(StrEnum):
    """`--assumed`: list deadlines the model assumed among the others, or apart."""

    SHOW = "show"
    HIDE = "hide"


def _evaluation(config: Path | None, process: str | None, database: str | None,
                day: str | None) -> tuple[Evaluation, Store]:
    plan = plan_of(config, process)
    store = open_store(database)
    return evaluate(plan, store.facts_of(plan), as_of(day, plan)), store


@app.command()
def check(
    as_of_day: AsOfOpt = None,
    process: ProcessOpt = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Terminal text, or the "
                                                       "check as JSON.")] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when something is overdue or an input "
                                         "is late.")] = False,
    due_soon: Annotated[int | None, typer.Option("--due-soon", help="Days that count as due "
                                                 "soon (default from the process, 14).")] = None,
    assumed: Annotated[Assumed, typer.Option("--assumed", help="show: deadlines the model assumed "
                                             "(a quarterly report where the text says 'regularly') "
                                             "are listed as any other; hide: passed ones are left "
                                             "out of Overdue and counted apart.")] = Assumed.SHOW,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = Language.EN,
) -> None:
    """The daily deadline check: late inputs, overdue, due soon, at risk, blocked."""
    plan = plan_of(config, process)
    if due_soon is not None:
        from dataclasses import replace

        plan = replace(plan, process=replace(plan.process, due_soon_days=due_soon))
    day = as_of(as_of_day, plan)
    evaluation = evaluate(plan, open_store(database).facts_of(plan), day)
    if output_format is CheckFormat.JSON:
        document = evaluation_dict(evaluation, assumed=assumed.value)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        from mandates.report.terminal import render_check

        render_check(out, evaluation, check_lang(lang.value), assumed=assumed.value)
    if strict and (evaluation.late_inputs or evaluation.in_status(OutputStatus.OVERDUE)):
        raise typer.Exit(1)


@app.command()
def validate(path: Annotated[Path | None, typer.Argument(help="Process file or folder.")] = None,
             process: ProcessOpt = None, config: ConfigOpt = None) -> None:
    """Check a process: its file, its amendment files and the facts shipped with it (each judged
    as a command would); every problem with file:line and field; exit 2 if any. The process is
    PATH or `--config` (the same meaning, as every other command takes it); both may be given
    only when they name the same file or folder (else exit 2, nothing checked)."""
    from mandates.config.history import shipped
    from mandates.errors import MandatesError

    if path is not None and config is not None and path.resolve() != config.resolve():
        raise MandatesError(f"--config {config} and PATH {path} name different processes; "
                            "give one of them")
    plan = plan_of(path if path is not None else config, process)
    history = shipped(plan)
    if history is not None:
        _judge_shipped(plan, history)
    say(f"{plan.files[0]}: process {plan.process.id}: {len(plan.meetings)} meetings, "
        f"{len(plan.outputs)} outputs, {len(plan.bodies)} bodies, {len(plan.amendments)} "
        f"amendment file(s), {len(history.facts) if history else 0} shipped fact(s) — valid")


def _judge_shipped(plan: Plan, history: FactsFile) -> None:
    """Each shipped fact judged against the state as of its date, the facts before it counted;
    every refusal reported with the file and line of the fact."""
    from mandates.errors import ConfigError, ConfigIssue

    done: list[Fact] = []
    issues = []
    for fact in sorted(history.facts, key=lambda f: f.effective_on):
        try:
            judge(plan, fact, done)
        except FactError as exc:
            issues.append(ConfigIssue(history.file, history.lines.get(fact.fact_key, 0),
                                      f"facts[{fact.fact_key}]", str(exc)))
        done.append(fact)
    if issues:
        raise ConfigError(issues)


@app.command()
def show(item: Annotated[str, typer.Argument(help="An output or meeting id.")],
         as_of_day: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
         database: DatabaseOpt = None, lang: LangOpt = Language.EN) -> None:
    """One output or meeting: mandate, rule, inputs, what it is for, history of facts."""
    from mandates.report.terminal import render_meeting, render_output

    evaluation, _ = _evaluation(config, process, database, as_of_day)
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
    """Every fact: those shipped with the process, then those recorded here (in the order
    recorded), each with its key and source; withdrawals name what they withdraw."""
    from mandates.commands.listing import fact_lines
    from mandates.config.history import history_file, shipped_facts

    plan = plan_of(config, process)
    shipped = list(shipped_facts(plan))
    recorded = open_store(database).facts(plan.process.id)
    keys = {f.fact_key for f in shipped}
    everything = [*shipped, *(f for f in recorded if f.fact_key not in keys)]
    if shipped:
        say(f"shipped with the process ({history_file(plan)}): {len(shipped)} fact(s)")
        for line in fact_lines(shipped, everything):
            say(f"  {line}")
    mine = [f for f in recorded if f.fact_key not in keys]
    if not mine:
        say("no facts recorded")
        return
    say(f"recorded in the database: {len(mine)} fact(s)")
    for line in fact_lines(mine, everything, recorded=True):
        say(line)


@app.command()
def whatif(meeting: MeetingArg, opens: OpensOpt = None, closes: ClosesOpt = None,
           window: WindowOpt = None, quarter: QuarterOpt = None,
           as_of_day: AsOfOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
           lang: LangOpt = Language.EN) -> None:
    """What would move and what would become late if a meeting moved (judged against its state
    as of the date); records nothing."""
    from mandates.core.diff import diff
    from mandates.report.terminal import render_diff

    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    facts = open_store(database).facts_of(plan)
    opens_on, closes_on, precision = dates(opens, closes, window, quarter, required=True)
    try:
        move = make_fact(plan, FactKind.RESCHEDULED, meeting, day,
                         recorded_at=now(), opens_on=opens_on, closes_on=closes_on,
                         precision=precision, facts=facts)
    except FactError as exc:
        raise refused(str(exc)) from None
    hypothetical: list[Fact] = [*facts, move]
    render_diff(out, diff(evaluate(plan, facts, day), evaluate(plan, hypothetical, day)),
                plan_on(plan, facts, day), check_lang(lang.value))


@app.command()
def feeds(as_of_day: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
          out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the feeds to "
                                                       "(default: calendars_dir of the settings).")] = None,
          settings_path: SettingsOpt = None, database: DatabaseOpt = None) -> None:
    """Write the iCalendar feeds (all, meetings, per body, deadlines, secretariat; en and zh)."""
    from mandates.config.settings import load_settings
    from mandates.feeds.publish import publish

    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    settings = load_settings(settings_path)
    target = out_dir if out_dir is not None else settings.calendars_dir
    paths = publish(plan, open_store(database), day, settings, target, now())
    say(f"{len(paths)} feeds as of {day.isoformat()} in {target}")
    for path in paths:
        say(f"  {path}")


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          calendars: Annotated[Path | None, typer.Option("--calendars", help="Folder of the feeds "
                                                         "(default: calendars_dir).")] = None,
          settings_path: SettingsOpt = None,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
          access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log each "
                                                   "request (private tokens hidden).")] = True) -> None:
    """Serve the feeds, an index of them, the day's check (/status) and the dashboard
    (/dashboard: any as-of date, pages per body, meeting and output, exports) over HTTP."""
    from mandates.config.settings import load_settings
    from mandates.feeds.published import Published
    from mandates.report.html import check_on
    from mandates.web import create_app, run_server

    plan = plan_of(config, process)
    settings = load_settings(settings_path)
    if "public_base_url" not in settings.model_fields_set:  # links name the address it listens on
        settings = settings.model_copy(update={"public_base_url": f"http://{host}:{port}"})
    published = Published(calendars if calendars is not None else settings.calendars_dir,
                          settings.feeds.tokens)
    checks = check_on(plan, open_store(database), lambda: today(plan))
    web_app = create_app(settings, published, lambda: checks(None), checks)
    run_server(web_app, host=host, port=port, access_log=access_log)


@app.command()
def brief(
    as_of_day: AsOfOpt = None,
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
    send: Annotated[bool, typer.Option("--send", help="Also mail it (HTML, PDF attached) to "
                                       "briefing.recipients, once per recipient.")] = False,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The Bureau briefing: decisions needed, delivered, moves, upcoming, per body, timeline."""
    from mandates.briefing.run import default_path, make_briefing, record_snapshot, write_briefing
    from mandates.config.settings import load_settings
    from mandates.words.i18n import check_lang

    language = check_lang(lang.value)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    settings = load_settings()
    store = open_store(database)
    facts = store.facts_of(plan)
    path = output or default_path(plan, day, language, output_format.value)
    briefing = make_briefing(plan, facts, store, day, since, settings.briefing_horizon_weeks)
    produced = write_briefing(briefing, language, output_format.value, path,
                              group=settings.secretariat_group)
    for warning in produced.warnings:
        err.print(labelled("warning:", "yellow", warning), highlight=False)
    if snapshot:
        record_snapshot(store, briefing.evaluation, now())
    extra = "".join(f" (+ {p})" for p in produced.extra)
    say(f"wrote {produced.path}{extra}")
    if send:
        from mandates.briefing.send import send_now

        report = send_now(store, briefing, language, settings, now(),
                          pdf=produced.path if output_format is BriefFormat.PDF else None)
        for line in report.lines():
            say(line)
        if report.failed:
            raise typer.Exit(1)


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
    as_of_day: AsOfOpt = None,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    task_threshold: Annotated[int | None, typer.Option(
        "--task-threshold", help="Above this many outputs, one task per responsible body "
        "(default: flow_task_threshold of the settings, 500).")] = None,
) -> None:
    """Run the daily_check flow once; Prefect starts a temporary server when none is configured."""
    plan = plan_of(config, process)  # a bad config stops here, with file:line, before Prefect starts
    day = as_of(as_of_day, plan)
    _prefect_offline()
    from flows.daily_check import run_once

    summary = run_once(plan.process.id, process=process, as_of=day.isoformat(),
                       config=str(config.resolve()) if config else None, database=database,
                       task_threshold=task_threshold,
                       on_wait=lambda message: err.print(labelled("note:", "yellow", message),
                                                         highlight=False))
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in summary["counts"].items() if n)
    say(f"daily check of {summary['process']} as of {summary['as_of']}: {counts}; "
        f"{summary['late_inputs']} late inputs; {summary['tasks']} tasks ({summary['mode']}); "
        f"{summary['alerts_sent']} alerts sent")
    for line in summary.get("alerts_notes", []):  # uncertain, skipped, sent again
        err.print(labelled("note:", "yellow", f"alerts: {line}"), highlight=False)
    say(f"wrote {summary['check_json']}")
    if summary["alerts_failed"]:
        raise RunFailed(f"{summary['alerts_failed']} alert(s) not delivered; recorded as failed, "
                        "sent again on the next run (see the flow run's log)")


@app.command()
def deploy(
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "daily-check",
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    bureau_briefing: Annotated[bool, typer.Option("--bureau-briefing", help="Serve the daily check "
                                                  "that mails the briefing before Bureau meetings "
                                                  "instead (a second process).")] = False,
) -> None:
    """Serve the daily check on its schedule (07:00 in the secretariat's zone) until stopped."""
    from mandates.config.settings import load_settings

    plan_of(config, process)  # refuse to serve a process that does not load
    settings = load_settings()
    _prefect_offline()
    from prefect.settings import PREFECT_API_URL

    from flows.daily_check import serve_daily_check

    if not PREFECT_API_URL.value():
        err.print(labelled("note:", "yellow", "PREFECT_API_URL is not set: serving against a "
                            "temporary server that stops with this command (see "
                            "docs/orchestration.md)"), highlight=False)
    if bureau_briefing:
        from flows.bureau_briefing import BRIEFING_CHECK_DEPLOYMENT, serve_bureau_briefing_check

        say(f"serving {BRIEFING_CHECK_DEPLOYMENT}: '{settings.daily_check_cron}' in {settings.timezone}")
        serve_bureau_briefing_check(process=process, settings=settings,
                                    config=str(config.resolve()) if config else None)
        return
    say(f"serving {name}: '{settings.daily_check_cron}' in {settings.timezone}; Ctrl-C stops")
    serve_daily_check(name=name, process=process, config=str(config.resolve()) if config else None,
                      settings=settings)


def main() -> None:
    """Entry point of the `mandates` console script."""
    app()


if __name__ == "__main__":
    main()
