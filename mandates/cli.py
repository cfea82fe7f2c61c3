"""The `mandates` command (Typer): an edge that parses, calls the core, and sets exit codes.

Exit codes: 0 done; 1 with --strict when something is overdue or an input is late; 2 bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import pendulum
import typer
from pendulum import Date
from rich.console import Console

from mandates.config.loader import ConfigError
from mandates.config.processes import load_process
from mandates.core.evaluate import Evaluation, OutputStatus, evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan
from mandates.core.record import FactError, make_fact, parse_date
from mandates.report.jsondoc import evaluation_dict
from mandates.store.db import Store

app = typer.Typer(help="Mandated outputs and deadlines of intergovernmental processes.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
run_app = typer.Typer(help="Run a Prefect flow once.", no_args_is_help=True)
app.add_typer(run_app, name="run")

out = Console(soft_wrap=True)
err = Console(stderr=True)

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A process file or folder "
                                                "(default: the bundled WG2020 process).")]
ProcessOpt = Annotated[str | None, typer.Option("--process", help="Process id within --config.")]
DatabaseOpt = Annotated[str | None, typer.Option("--database", help="Database URL (default: "
                                                 "MANDATES_DATABASE_URL, else SQLite in the "
                                                 "user data folder).")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date "
                                             "(YYYY-MM-DD; default: today in the process zone).")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _plan(config: Path | None, process: str | None) -> Plan:
    try:
        return load_process(config, process)
    except ConfigError as exc:
        for issue in exc.issues:  # one plain line each, never wrapped: `file:line: field: message`
            sys.stderr.write(f"{issue}\n")
        _fail(f"{len(exc.issues)} problem(s) in the process configuration; nothing was done")


def _date(value: str | None, option: str, plan: Plan | None = None) -> Date:
    if value is None:
        zone = plan.process.timezone if plan else "America/Toronto"
        return pendulum.today(zone).date()
    try:
        return parse_date(value, option)
    except FactError as exc:
        _fail(str(exc))


def _store(database: str | None) -> Store:
    try:
        return Store(database)
    except Exception as exc:  # a database that cannot be opened is bad input, not a crash
        _fail(f"cannot open the database: {exc}")


def _evaluation(config: Path | None, process: str | None, database: str | None,
                as_of: str | None) -> tuple[Evaluation, Store]:
    plan = _plan(config, process)
    day = _date(as_of, "--as-of", plan)
    store = _store(database)
    return evaluate(plan, store.facts(plan.process.id), day), store


@app.command()
def check(
    as_of: AsOfOpt = None,
    process: ProcessOpt = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
    strict: Annotated[bool, typer.Option(help="Exit 1 when something is overdue or an input "
                                         "is late.")] = False,
    due_soon: Annotated[int | None, typer.Option("--due-soon", help="Days that count as due "
                                                 "soon (default from the process, 14).")] = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The daily deadline check: late inputs, overdue, due soon, at risk, blocked."""
    if output_format not in ("text", "json"):
        _fail(f"--format must be text or json, not {output_format!r}")
    plan = _plan(config, process)
    if due_soon is not None:
        from dataclasses import replace

        plan = replace(plan, process=replace(plan.process, due_soon_days=due_soon))
    store = _store(database)
    evaluation = evaluate(plan, store.facts(plan.process.id), _date(as_of, "--as-of", plan))
    if output_format == "json":
        sys.stdout.write(json.dumps(evaluation_dict(evaluation), ensure_ascii=False, indent=2) + "\n")
    else:
        from mandates.report.terminal import render_check

        render_check(out, evaluation)
    if strict and (evaluation.late_inputs or evaluation.in_status(OutputStatus.OVERDUE)):
        raise typer.Exit(1)


@app.command()
def validate(path: Annotated[Path | None, typer.Argument(help="Process file or folder.")] = None,
             process: ProcessOpt = None) -> None:
    """Check a process file: every problem with file:line and field; exit 2 if any."""
    plan = _plan(path, process)
    out.print(f"{plan.files[0]}: process {plan.process.id}: {len(plan.meetings)} meetings, "
              f"{len(plan.outputs)} outputs, {len(plan.bodies)} bodies — valid")


@app.command()
def show(item: Annotated[str, typer.Argument(help="An output or meeting id.")],
         as_of: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
         database: DatabaseOpt = None) -> None:
    """One output or meeting: mandate, rule, inputs, what it is for, history of facts."""
    from mandates.report.terminal import render_meeting, render_output

    evaluation, _ = _evaluation(config, process, database, as_of)
    if item in evaluation.outputs:
        render_output(out, evaluation, evaluation.outputs[item])
    elif item in evaluation.meetings:
        render_meeting(out, evaluation, evaluation.meetings[item])
    else:
        import difflib

        near = difflib.get_close_matches(item, [*evaluation.outputs, *evaluation.meetings], n=3)
        _fail(f"unknown id {item!r}" + (f"; did you mean {', '.join(near)}?" if near else ""))


@app.command()
def history(process: ProcessOpt = None, config: ConfigOpt = None,
            database: DatabaseOpt = None) -> None:
    """Every recorded fact, in the order recorded."""
    plan = _plan(config, process)
    facts = _store(database).facts(plan.process.id)
    if not facts:
        out.print("no facts recorded")
    for fact in facts:
        out.print(f"#{fact.id} {fact.subject}: {fact.describe()} "
                  f"(recorded {fact.recorded_at.to_iso8601_string()})", highlight=False)


def _record(config: Path | None, process: str | None, database: str | None, kind: FactKind,
            subject: str, effective: str, option: str, **fields: object) -> None:
    plan = _plan(config, process)
    try:
        day = parse_date(effective, option)
        fact = make_fact(plan, kind, subject, day, **fields)  # type: ignore[arg-type]
    except FactError as exc:
        _fail(f"{exc}; nothing was recorded")
    [saved] = _store(database).append(plan.process.id, [fact])
    out.print(f"recorded #{saved.id}: {saved.subject}: {saved.describe()}", highlight=False)


@app.command()
def deliver(output: str, on: Annotated[str, typer.Option("--on", help="Delivery date.")],
            ref: Annotated[str | None, typer.Option("--ref", help="Document symbol.")] = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an output was delivered."""
    _record(config, process, database, FactKind.DELIVERED, output, on, "--on", ref=ref)


@app.command()
def receive(output: str, on: Annotated[str, typer.Option("--on", help="Date it was received.")],
            ref: Annotated[str | None, typer.Option("--ref", help="Document symbol.")] = None,
            process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an input from another body (a report, a submission) was received."""
    _record(config, process, database, FactKind.RECEIVED, output, on, "--on", ref=ref)


@app.command()
def reschedule(meeting: str,
               opens: Annotated[str, typer.Option("--opens", help="New opening date.")],
               closes: Annotated[str, typer.Option("--closes", help="New closing date.")],
               announced: Annotated[str, typer.Option("--announced", help="When the change took "
                                                      "effect.")],
               venue: Annotated[str | None, typer.Option("--venue", help="New venue.")] = None,
               timezone: Annotated[str | None, typer.Option("--timezone", help="IANA zone of the new "
                                                            "venue.")] = None,
               process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record new dates (and venue) for a meeting; every deadline on it moves."""
    try:
        opens_on, closes_on = parse_date(opens, "--opens"), parse_date(closes, "--closes")
    except FactError as exc:
        _fail(f"{exc}; nothing was recorded")
    _record(config, process, database, FactKind.RESCHEDULED, meeting, announced, "--announced",
            opens_on=opens_on, closes_on=closes_on, venue=venue, timezone=timezone)


@app.command()
def postpone(meeting: str, announced: Annotated[str, typer.Option("--announced")],
             process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that a meeting is postponed, new dates unknown."""
    _record(config, process, database, FactKind.POSTPONED, meeting, announced, "--announced")


@app.command()
def cancel(item: str, announced: Annotated[str, typer.Option("--announced")],
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that a meeting or an output is cancelled."""
    _record(config, process, database, FactKind.CANCELLED, item, announced, "--announced")


@app.command()
def waive(output: str, on: Annotated[str, typer.Option("--on")],
          reason: Annotated[str, typer.Option("--reason")],
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record that an output is no longer required."""
    _record(config, process, database, FactKind.WAIVED, output, on, "--on", text=reason)


@app.command()
def note(item: str, text: str, on: Annotated[str, typer.Option("--on")],
         process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Record a note about a meeting or an output."""
    _record(config, process, database, FactKind.NOTE, item, on, "--on", text=text)


@app.command()
def whatif(meeting: str, opens: Annotated[str, typer.Option("--opens")],
           closes: Annotated[str, typer.Option("--closes")], as_of: AsOfOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """What would move and what would become late if a meeting moved; records nothing."""
    from mandates.core.diff import diff
    from mandates.report.terminal import render_diff

    plan = _plan(config, process)
    day = _date(as_of, "--as-of", plan)
    facts = _store(database).facts(plan.process.id)
    try:
        move = make_fact(plan, FactKind.RESCHEDULED, meeting, day,
                         opens_on=parse_date(opens, "--opens"), closes_on=parse_date(closes, "--closes"))
    except FactError as exc:
        _fail(str(exc))
    hypothetical: list[Fact] = [*facts, move]
    render_diff(out, diff(evaluate(plan, facts, day), evaluate(plan, hypothetical, day)))


from mandates.config.settings import Settings, SettingsError, load_settings  # noqa: E402 - feeds, serve


def _feed_settings(settings_path: Path | None) -> Settings:
    try:
        return load_settings(settings_path)
    except SettingsError as exc:
        _fail(str(exc))


@app.command()
def feeds(as_of: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
          out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the feeds to "
                                                       "(default: calendars_dir of the settings).")] = None,
          settings_path: Annotated[Path | None, typer.Option("--settings", help="Settings file "
                                                             "(default: MANDATES_SETTINGS).")] = None,
          database: DatabaseOpt = None) -> None:
    """Write the iCalendar feeds (all, meetings, per body, deadlines, secretariat; en and zh)."""
    from mandates.feeds.publish import publish

    plan = _plan(config, process)
    day = _date(as_of, "--as-of", plan)
    settings = _feed_settings(settings_path)
    target = out_dir if out_dir is not None else settings.calendars_dir
    try:
        paths = publish(plan, _store(database), day, settings, target)
    except OSError as exc:
        _fail(f"cannot write the feeds to {target}: {exc}")
    out.print(f"{len(paths)} feeds as of {day.isoformat()} in {target}", highlight=False)
    for path in paths:
        out.print(f"  {path}", highlight=False)


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          calendars: Annotated[Path | None, typer.Option("--calendars", help="Folder of the feeds "
                                                         "(default: calendars_dir).")] = None,
          settings_path: Annotated[Path | None, typer.Option("--settings", help="Settings file "
                                                             "(default: MANDATES_SETTINGS).")] = None,
          process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None) -> None:
    """Serve the feeds, an index of them and the day's check (/status) over HTTP."""
    import uvicorn

    from mandates.feeds.published import Published
    from mandates.report.html import daily_check
    from mandates.web import create_app

    plan = _plan(config, process)
    settings = _feed_settings(settings_path)
    published = Published(calendars if calendars is not None else settings.calendars_dir,
                          settings.feeds.tokens)
    web_app = create_app(settings, published, daily_check(plan, _store(database)))
    uvicorn.run(web_app, host=host, port=port, server_header=False, access_log=False,
                proxy_headers=False)


@app.command()
def brief(
    as_of: AsOfOpt = None,
    since: Annotated[str, typer.Option("--since", help="Compare with the last briefing (last), a date "
                                       "(YYYY-MM-DD), or the plan as adopted (none).")] = "last",
    lang: Annotated[str, typer.Option("--lang", help="en or zh")] = "en",
    output_format: Annotated[str, typer.Option("--format", help="md (with a PNG chart beside it), "
                                               "html, or pdf (needs Chromium)")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: "
                                                "briefings/PROCESS-DATE-LANG.FORMAT).")] = None,
    snapshot: Annotated[bool, typer.Option("--snapshot/--no-snapshot", help="Record what this briefing "
                                           "shows, for the next briefing's `--since last`.")] = True,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The Bureau briefing: decisions needed, delivered, moves, upcoming, per body, timeline."""
    from mandates.briefing.run import (
        BriefingError,
        default_path,
        make_briefing,
        record_snapshot,
        write_briefing,
    )
    from mandates.config.settings import SettingsError, load_settings
    from mandates.words.i18n import check_lang

    try:
        language = check_lang(lang)
    except ValueError as exc:
        _fail(str(exc))
    if output_format not in ("md", "html", "pdf"):
        _fail(f"--format must be md, html or pdf, not {output_format!r}")
    plan = _plan(config, process)
    day = _date(as_of, "--as-of", plan)
    try:
        horizon = load_settings().briefing_horizon_weeks
    except SettingsError as exc:
        _fail(str(exc))
    store = _store(database)
    facts = store.facts(plan.process.id)
    path = output or default_path(plan, day, language, output_format)
    try:
        briefing = make_briefing(plan, facts, store, day, since, horizon)
        produced = write_briefing(briefing, language, output_format, path)
    except BriefingError as exc:
        _fail(str(exc))
    for warning in produced.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    if snapshot:
        record_snapshot(store, briefing.evaluation)
    extra = "".join(f" (+ {p})" for p in produced.extra)
    out.print(f"wrote {produced.path}{extra}", highlight=False)


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
}


def _prefect_offline() -> None:
    """Before Prefect is imported: no analytics, DO_NOT_TRACK, PREFECT_HOME in ./.prefect (item 5)."""
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
    day = _date(as_of, "--as-of", plan)
    _prefect_offline()
    from flows.daily_check import daily_check

    state = daily_check(process=process, as_of=day.isoformat(),
                        config=str(config.resolve()) if config else None, database=database,
                        task_threshold=task_threshold, return_state=True)
    if not state.is_completed():
        _fail(f"the daily check did not complete: {state.name}: {state.message}", 1)
    summary = state.result()
    counts = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in summary["counts"].items() if n)
    out.print(f"daily check of {summary['process']} as of {summary['as_of']}: {counts}; "
              f"{summary['late_inputs']} late inputs; {summary['tasks']} tasks ({summary['mode']}); "
              f"{summary['alerts_sent']} alerts sent", highlight=False)
    out.print(f"wrote {summary['check_json']}", highlight=False)
    if summary["alerts_failed"]:
        err.print(f"[red]error:[/red] {summary['alerts_failed']} alert(s) not delivered; recorded as "
                  "failed, sent again on the next run (see the flow run's log)", highlight=False)
        raise typer.Exit(1)


@app.command()
def deploy(
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "daily-check",
    process: ProcessOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Serve the daily check on its schedule (07:00 in the secretariat's zone) until stopped."""
    from mandates.config.settings import SettingsError as _SettingsError
    from mandates.config.settings import load_settings as _load_settings

    _plan(config, process)  # refuse to serve a process that does not load
    try:
        settings = _load_settings()
    except _SettingsError as exc:
        _fail(str(exc))
    _prefect_offline()
    from prefect.settings import PREFECT_API_URL

    from flows.daily_check import serve_daily_check

    if not PREFECT_API_URL.value():
        err.print("[yellow]note:[/yellow] PREFECT_API_URL is not set: serving against a temporary "
                  "server that stops with this command (see docs/orchestration.md)", highlight=False)
    out.print(f"serving {name}: '{settings.daily_check_cron}' in {settings.timezone}; Ctrl-C stops",
              highlight=False)
    serve_daily_check(name=name, process=process, config=str(config.resolve()) if config else None,
                      settings=settings)


def main() -> None:
    """Entry point of the `mandates` console script."""
    app()


if __name__ == "__main__":
    main()
