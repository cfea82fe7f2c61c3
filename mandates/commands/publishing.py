"""The commands that publish: feeds (the iCalendar files), serve (them over HTTP), brief (the
Bureau briefing). Each imports its renderer (icalendar, FastAPI, Jinja2, ...) when it runs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pendulum import Date

    from mandates.config.settings import Settings
    from mandates.core.plan import Plan
    from mandates.core.select import Selection
    from mandates.words.dates import Lang

from mandates.commands.common import (
    AsOfOpt,
    BodyOpt,
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    Language,
    MeetingOpt,
    ProcessOpt,
    ResponsibleOpt,
    SettingsOpt,
    StatusOpt,
    as_of,
    facts_of,
    now,
    open_store,
    plan_of,
    say,
    selection_of,
    speak,
    today,
    warn,
)


class BriefFormat(StrEnum):
    """The file `mandates brief` writes."""

    MD = "md"
    HTML = "html"
    PDF = "pdf"


def feeds(as_of_day: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
          out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the feeds to "
                                                       "(default: calendars_dir of the settings).")] = None,
          settings_path: SettingsOpt = None, database: DatabaseOpt = None,
          body: BodyOpt = None, meeting: MeetingOpt = None, responsible: ResponsibleOpt = None,
          status: StatusOpt = None,
          output: Annotated[Path | None, typer.Option("-o", "--output", help="With the filters: "
                                                      "write one feed of what they choose to this "
                                                      "file (default: print it); the published "
                                                      "feeds are left alone.")] = None,
          lang: Annotated[Language | None, typer.Option("--lang", help="Language of what is "
                                                        "printed, and with the filters of that "
                                                        "feed (default: MANDATES_LANG, else the "
                                                        "settings' language, else en).")] = None,
          private: Annotated[bool, typer.Option("--private", help="With the filters: the "
                                                "secretariat's items too (internal deadlines, "
                                                "late inputs, notes); the file is 0640.")] = False,
          ) -> None:
    """Write the iCalendar feeds (all, meetings, per body, deadlines, secretariat, the selections
    of feeds.selections; en and zh), or, with --body/--meeting/--responsible/--status, -o or
    --private, one feed of what the filters choose (as `check` chooses) to a file or stdout."""
    from mandates.config.settings import load_settings
    from mandates.words.commands import counted, said
    from mandates.words.dates import day_text

    language = speak(lang, settings_path)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    settings = load_settings(settings_path)
    one_off = body or meeting or responsible or status or output is not None or private
    if one_off:
        _one_feed(plan, day, settings, database, selection_of(plan, body, meeting, responsible, status),
                  output, out_dir, language, private)
        return
    from mandates.feeds.publish import publish

    target = out_dir if out_dir is not None else settings.calendars_dir
    paths = publish(plan, database, day, settings, target, now(), facts=facts_of(database, plan))
    say(said("feeds_written", language, count=counted(len(paths), "feed", language),
             day=day_text(day, language) if language == "zh" else day.isoformat(),
             folder=target))
    for path in paths:
        say(f"  {path}")


def _one_feed(plan: Plan, day: Date, settings: Settings, database: str | None, chosen: Selection,
              output: Path | None, out_dir: Path | None, lang: Lang, private: bool) -> None:
    """`mandates feeds --body ...`: one feed of a selection, to `output` or standard output."""
    import sys

    from mandates.config.settings import FeedSelection
    from mandates.errors import MandatesError
    from mandates.feeds.selections import one_feed
    from mandates.store.files import Audience, write_file

    if out_dir is not None:
        raise MandatesError("--out publishes every feed into a folder; with the filters, give "
                            "-o FILE (or nothing: standard output); nothing was written")
    selection = FeedSelection(body=tuple(sorted(chosen.bodies)), meeting=tuple(sorted(chosen.meetings)),
                              responsible=tuple(sorted(chosen.responsible)),
                              status=tuple(sorted(s.value for s in chosen.statuses)), private=private)
    data = one_feed(plan, database, facts_of(database, plan), day, settings, selection, lang)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_file(output, data, Audience.SECRETARIAT if private else Audience.PUBLIC,
               group=settings.secretariat_group)
    from mandates.words.commands import said

    say(said("wrote", lang, file=output))


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
    store = open_store(database)
    checks = check_on(plan, store, lambda: today(plan))

    def briefing(day: Date | None, lang: Lang, fmt: str) -> bytes:
        """The briefing of `day` (None: today) as `mandates brief --no-snapshot` writes it."""
        import tempfile

        from mandates.briefing.run import make_briefing, write_briefing

        when = today(plan) if day is None else day
        made = make_briefing(plan, store.facts_of(plan), store, when, "last", settings.briefing_horizon_weeks)
        with tempfile.TemporaryDirectory(prefix="mandates-briefing-") as folder:
            produced = write_briefing(made, lang, fmt, Path(folder) / f"briefing.{fmt}")
            return Path(produced.path).read_bytes()

    web_app = create_app(settings, published, lambda: checks(None), checks, briefing)
    run_server(web_app, host=host, port=port, access_log=access_log)


def brief(
    as_of_day: AsOfOpt = None,
    since: Annotated[str, typer.Option("--since", help="Compare with the last briefing (last), a date "
                                       "(YYYY-MM-DD), or the plan as adopted (none).")] = "last",
    lang: LangOpt = None,
    output_format: Annotated[BriefFormat | None, typer.Option("--format", help="md (with a PNG chart "
                                                              "beside it), html, or pdf (needs "
                                                              "Chromium); default: by the extension "
                                                              "of -o, else md.")] = None,
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
    from mandates.briefing.options import briefing_options
    from mandates.briefing.progress import briefing_progress
    from mandates.briefing.run import Database, default_path, make_briefing, record_snapshot, write_briefing
    from mandates.words.commands import said

    language = speak(lang)
    output_format = brief_format(output, output_format)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    options = briefing_options()  # the two settings it needs, without pydantic when unchanged
    facts = facts_of(database, plan)  # without the ORM when the database is current (store.reader)
    store = Database(database)  # snapshots through sqlite3 when it can (store.snapshots)
    path = output or default_path(plan, day, language, output_format.value)
    with briefing_progress() as step:  # a spinner on a terminal, nothing in scripts
        step(said("brief_evaluating", language))
        briefing = make_briefing(plan, facts, store, day, since, options.horizon_weeks)
        step(said("brief_writing_chromium" if output_format is BriefFormat.PDF else "brief_writing",
                  language, file=path))  # md's chart is drawn by resvg, without a browser
        produced = write_briefing(briefing, language, output_format.value, path,
                                  group=options.secretariat_group)
        if snapshot:
            step(said("brief_snapshot", language))
            record_snapshot(store, briefing.evaluation, now())
    for warning in produced.warnings:  # raised in English, worded in the command's language
        from mandates.words.refusals import translated

        warn(said("warning", language), "yellow", translated(warning, language))
    extra = "".join(said("wrote_also", language, file=p) for p in produced.extra)
    say(said("wrote", language, file=produced.path) + extra)
    if send:
        from mandates.briefing.send import send_now
        from mandates.config.settings import load_settings

        report = send_now(store.store(), briefing, language, load_settings(), now(),
                          pdf=produced.path if output_format is BriefFormat.PDF else None)
        for line in report.lines():
            say(line)
        if report.failed:
            raise typer.Exit(1)


_SUFFIXES = {".md": BriefFormat.MD, ".markdown": BriefFormat.MD, ".html": BriefFormat.HTML,
             ".htm": BriefFormat.HTML, ".pdf": BriefFormat.PDF}


def brief_format(output: Path | None, given: BriefFormat | None) -> BriefFormat:
    """What `brief` writes: `--format`, else the format `-o`'s extension names (.md, .markdown,
    .html, .htm, .pdf), else md. MandatesError (exit 2, before any work) for an extension that
    names no briefing format (`-o x.docx`), or another format than `--format` gives."""
    from mandates.errors import MandatesError

    if output is None:
        return given or BriefFormat.MD
    suffix = output.suffix.lower()
    named = _SUFFIXES.get(suffix)
    if named is None:
        raise MandatesError(f"-o {output}: a briefing is written as md, html or pdf, not "
                            f"{suffix or '(no extension)'!r}; name the file .md, .html or .pdf")
    if given is not None and given is not named:
        raise MandatesError(f"-o {output}: the extension {suffix!r} does not match --format "
                            f"{given.value}; name the file .{given.value} or give --format "
                            f"{named.value}")
    return named


COMMANDS = (("feeds", feeds), ("serve", serve), ("brief", brief))
