"""The `mandates` command (Typer): an edge that parses, calls the core, and sets exit codes.

Exit codes: 0 done; 1 with --strict when something is overdue or an input is late, or when a
flow did not complete; 2 bad input. Every error the product raises is a `MandatesError`
(mandates.errors) and is answered here once, by `Commands.invoke`: its details, then
`error: message`, then its exit code; bad option values get Typer's own error (exit 2).

User text (titles, venues, notes, references, reasons) is printed as text: the commands' own
lines go through `commands.common.say`, which never reads rich markup or emoji codes and shows
control characters as `\\xNN`. "Today" and "now" are read in `commands.common`, once per command.

The structure: every command is a function in a module of `mandates/commands/` (`reading`:
check, validate, show, history, whatif; `inventory`: list; `record`: facts; `amend`: add-meeting,
add-output; `transfer`: import, export; `publishing`: feeds, serve, brief; `daily`: publish;
`running`: run daily-check, deploy; `export`: export-check; `nginx`: nginx-config). This module
names them in `COMMANDS` (name -> module, function, the first paragraph of its help) and imports
a command's module only when that command runs (issue 12; click's "lazy group" pattern):
`mandates check` imports `reading` alone, and neither SQLModel nor Prefect, FastAPI, icalendar,
Jinja2 or apprise (tests/test_startup.py). `--help` and shell completion list every command
with its help from the table, importing none of them; tests/test_cli_lazy.py checks the table
against the functions' docstrings and the modules' own `COMMANDS`. To add a command, write it
in a module of `mandates/commands/` as the others are and add a line to `COMMANDS`.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any, ClassVar, NamedTuple

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup

from mandates.commands.common import say, warn
from mandates.commands.params import lighten, with_settings
from mandates.errors import SHOWN_ISSUES, MandatesError

# and PREFECT_OFFLINE_ENV, through __getattr__
__all__ = ["COMMANDS", "app", "main", "plain_help", "report_error", "run_app"]


def report_error(exc: MandatesError) -> None:
    """Print an error in the command's language (`commands.language.spoken`): its detail lines
    (unwrapped), then `error: message`; file, line and field stay as they are (`file: message`
    for a whole file: `errors.ConfigIssue.shown`), the message is worded in Chinese by
    `words.refusals` under `--lang zh`."""
    from mandates.commands.language import spoken
    from mandates.errors import ConfigError
    from mandates.words.commands import said
    from mandates.words.markup import terminal_text
    from mandates.words.refusals import translated

    lang = spoken()
    if isinstance(exc, ConfigError):
        shown = exc.issues[:SHOWN_ISSUES]
        lines = [i.shown(translated(i.message, lang)) for i in shown]
        lines += [translated(line, lang) for line in exc.details()[len(shown):]]
    else:
        lines = [translated(line, lang) for line in exc.details()]
    for line in lines:  # one plain line each, never wrapped: `file:line: field: message`
        sys.stderr.write(f"{terminal_text(line)}\n")
    warn(said("error", lang), "red", translated(exc.headline(), lang))


def usage_language(arguments: tuple[str, ...]) -> str:
    """The language of a usage error: the running command's (`spoken`) when it got that far,
    else `--lang` as typed on the command line, else the installation's default."""
    from mandates.commands.language import spoken

    for at, word in enumerate(arguments):
        if word in ("--lang=zh", "--lang=en"):
            return word[-2:]
        if word == "--lang" and at + 1 < len(arguments) and arguments[at + 1] in ("zh", "en"):
            return arguments[at + 1]
    return spoken()


@contextmanager
def usage_in_language(arguments: tuple[str, ...]) -> Iterator[None]:
    """Inside, a usage error of the command line (Click's, in English) is printed in Chinese when
    the command speaks Chinese (`words.usage`), as `错误：…` with the usage line and where to
    find help, and exits with 2 as Click does; in English it is left to Typer."""
    try:
        yield
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" or usage_language(arguments) != "zh":
            raise
        from mandates.words.commands import said
        from mandates.words.usage import help_hint, usage_error, usage_line

        ctx = exc.ctx
        if ctx is not None:
            sys.stderr.write(usage_line(ctx.get_usage()) + "\n")
        warn(said("error", "zh"), "red", usage_error(exc.format_message()))
        if ctx is not None:
            sys.stderr.write(help_hint(ctx.command_path) + "\n")
        raise typer.Exit(exc.exit_code) from None


def plain_help(text: str | None) -> str | None:
    """A docstring as `--help` shows it: the lines of each paragraph joined into plain sentences
    (Typer's rich help keeps a docstring's line breaks), paragraphs apart."""
    if text is None:
        return None
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


class Lazy(NamedTuple):
    """Where a command is (`mandates.commands.<module>.<function>`) and the first paragraph of
    its docstring (what `--help` lists; tests/test_cli_lazy.py keeps the two equal)."""

    module: str
    function: str
    help: str


# Every command, in the order `--help` lists them. `run` is a group of its own (`run_group`).
COMMANDS: dict[str, Lazy] = {
    "check": Lazy("reading", "check", "The daily deadline check: late inputs, overdue, due soon, "
                  "at risk, blocked."),
    "validate": Lazy("reading", "validate", (
        "Check a process: its file, its amendment files and the facts shipped with it (each judged\n"
        "as a command would); every problem with file:line and field; exit 2 if any. The process is\n"
        "PATH or `--config` (the same meaning, as every other command takes it); both may be given\n"
        "only when they name the same file or folder (else exit 2, nothing checked).")),
    "show": Lazy("reading", "show", "One output or meeting: mandate, rule, inputs, what it is for, "
                 "history of facts."),
    "history": Lazy("reading", "history", (
        "Every fact: those shipped with the process, then those recorded here (in the order\n"
        "recorded), each with its key and source; withdrawals name what they withdraw.")),
    "whatif": Lazy("reading", "whatif", (
        "What would move and what would become late if a meeting moved (judged against its state\n"
        "as of the date); records nothing.")),
    "list": Lazy("inventory", "list_items", (
        "List the outputs (id, due date, status, responsible, title), meetings (id, dates, venue,\n"
        "status, title) or bodies (id, short name, name; in Chinese id and name) of the process.")),
    "deliver": Lazy("record", "deliver", "Record that an output was delivered (--corrects KEY: a "
                    "delivery recorded wrongly before)."),
    "receive": Lazy("record", "receive", "Record that an input from another body (a report, a "
                    "submission) was received."),
    "reschedule": Lazy("record", "reschedule", (
        "Record new dates (days, a month window or a quarter), venue or mode for a meeting, or for\n"
        "one part of it (--part); every deadline on it moves. Without dates: a new venue or mode.")),
    "postpone": Lazy("record", "postpone", (
        "Record that a meeting is postponed; --window or --quarter says when it is now expected\n"
        "(tentative); a later rescheduling lifts the postponement.")),
    "split": Lazy("record", "split", "Record that a meeting is split: part N with its own dates, "
                  "venue and mode."),
    "held": Lazy("record", "held", "Record that a meeting (or one of its parts) was held: held by "
                 "record, not presumed."),
    "cancel": Lazy("record", "cancel", "Record that a meeting or an output is cancelled."),
    "withdraw": Lazy("record", "withdraw", "Withdraw a fact recorded by mistake: from --on, it no "
                     "longer counts (history shows both)."),
    "waive": Lazy("record", "waive", "Record that an output is no longer required."),
    "note": Lazy("record", "note", "Record a note about a meeting or an output."),
    "add-meeting": Lazy("amend", "add_meeting", "Add a meeting to the plan from --announced "
                        "(recorded as an AMENDED fact)."),
    "add-output": Lazy("amend", "add_output", "Add an output (a document requested) to the plan "
                       "from --announced (an AMENDED fact)."),
    "import": Lazy("transfer", "import_facts", "Load facts from a file; those already present "
                   "(same key) are left as they are."),
    "export": Lazy("transfer", "export_facts", "Write every fact of the process (shipped and "
                   "recorded), with keys, as YAML or CSV."),
    "feeds": Lazy("publishing", "feeds", (
        "Write the iCalendar feeds (all, meetings, per body, deadlines, secretariat, the selections\n"
        "of feeds.selections; en and zh), or, with --body/--meeting/--responsible/--status, -o or\n"
        "--private, one feed of what the filters choose (as `check` chooses) to a file or stdout.")),
    "publish": Lazy("daily", "publish", "The daily publication in one process: the check as JSON "
                    "and the iCalendar feeds."),
    "serve": Lazy("publishing", "serve", (
        "Serve the feeds, an index of them, the day's check (/status) and the dashboard\n"
        "(/dashboard: any as-of date, pages per body, meeting and output, exports) over HTTP.")),
    "brief": Lazy("publishing", "brief", "The Bureau briefing: decisions needed, delivered, moves, "
                  "upcoming, per body, timeline."),
    "deploy": Lazy("running", "deploy", "Serve the daily check on its schedule (07:00 in the "
                   "secretariat's zone) until stopped."),
    "export-check": Lazy("export", "export_check", (
        "Export the daily check as CSV, Excel or JSON, with the same numbers as `check` (and the\n"
        "same --body/--meeting/--responsible/--status filters).")),
    "nginx-config": Lazy("nginx", "nginx_config", "Write an nginx configuration that serves the "
                         "feeds and proxies the rest to `mandates serve`."),
}
RUN_HELP = "Run a Prefect flow once."
RUN_COMMANDS: dict[str, Lazy] = {
    "daily-check": Lazy("running", "run_daily_check", "Run the daily_check flow once; Prefect "
                        "starts a temporary server when none is configured."),
}


def function_of(entry: Lazy) -> Any:
    """The command's function, its module imported now."""
    return getattr(importlib.import_module(f"mandates.commands.{entry.module}"), entry.function)


def command_of(name: str, entry: Lazy) -> Any:
    """The click command Typer builds for the function (as `Typer.command` registers it), with
    `--settings` (`with_settings`)."""
    single = typer.Typer(add_completion=False)
    function = with_settings(function_of(entry))
    single.command(name, help=plain_help(function.__doc__))(function)
    return typer.main.get_command(single)


class LazyGroup(TyperGroup):
    """A command group whose commands are imported when one of them is resolved (to run it, or
    for its own `--help` and completion); listing them (`--help`, completing a command's name)
    takes each one's name and help from the table and imports nothing."""

    table: ClassVar[Mapping[str, Lazy]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        """The table's names in its order, then any command added to the group directly."""
        return [*self.table, *(name for name in self.commands if name not in self.table)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command `cmd_name` (its module imported on first use), or while listing a stand-in
        with its name and help; None for an unknown name."""
        found = self.commands.get(cmd_name)
        entry = self.table.get(cmd_name)
        if found is not None or entry is None:
            return found
        if self.listing:
            return TyperCommand(name=cmd_name, help=plain_help(entry.help),
                                rich_markup_mode=self.rich_markup_mode)
        command = self.load(cmd_name, entry)
        self.commands[cmd_name] = command
        return command

    def load(self, name: str, entry: Lazy) -> Any:
        """Import and build one command."""
        return command_of(name, entry)

    @contextmanager
    def listed(self) -> Iterator[None]:
        """While inside, `get_command` gives stand-ins (names and help only)."""
        self.listing = True
        try:
            yield
        finally:
            self.listing = False

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Typer's, with its "Did you mean" drawn from every command of the table (Typer looks
        only among the commands already imported)."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            if args and "?" not in exc.message:
                matches = difflib.get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    exc.message = (f"{exc.message.rstrip('.')}. Did you mean "
                                   f"{', '.join(repr(m) for m in matches)}?")
            raise

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """This group's help; its commands listed from the table."""
        with self.listed():
            super().format_help(ctx, formatter)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Completing a command's name (from the table); a command's own options are completed
        by the command itself, imported then."""
        with self.listed():
            return list(super().shell_complete(ctx, incomplete))


class RunGroup(LazyGroup):
    """`mandates run`: the flows, each imported when run."""

    table: ClassVar[Mapping[str, Lazy]] = RUN_COMMANDS


class Commands(LazyGroup):
    """The command group; its `invoke` is the one place a MandatesError becomes an exit code."""

    # `run` is no function of a module: `load` builds it from `run_app`, below.
    table: ClassVar[Mapping[str, Lazy]] = {**COMMANDS, "run": Lazy("", "", RUN_HELP)}
    arguments: tuple[str, ...] = ()  # the command line of this run (`main`)

    def load(self, name: str, entry: Lazy) -> Any:
        """`run` is the group of flows; every other name a command of `mandates.commands`."""
        if name == "run":
            group = typer.main.get_group(run_app)
            group.name = "run"
            return group
        return command_of(name, entry)

    def invoke(self, ctx: Any) -> Any:  # Typer's (vendored) click.Context
        """Run the command; a MandatesError is reported and exits with its exit code."""
        from mandates.commands.language import forget
        from mandates.config.environ import choose_settings

        forget()
        try:
            with usage_in_language(self.arguments):
                return super().invoke(ctx)
        except MandatesError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        finally:
            choose_settings(None)  # `--settings` holds for this command only

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """Typer's, with the command line kept for the language of a usage error."""
        self.arguments = tuple(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **options)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """The group's own options (`--version`), read without pydantic (`commands.params`)."""
        lighten(self, ctx)
        with usage_in_language(self.arguments):
            rest: list[str] = super().parse_args(ctx, args)
        return rest

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command to run (its module imported now), its text, path and choice options read
        without pydantic (`commands.params`)."""
        with usage_in_language(self.arguments):
            name, command, rest = super().resolve_command(ctx, args)
        lighten(command, ctx)
        return name, command, rest


app = typer.Typer(cls=Commands, help="Mandated outputs and deadlines of intergovernmental processes.",
                  no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False)
run_app = typer.Typer(cls=RunGroup, help=RUN_HELP, no_args_is_help=True)


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


@run_app.callback()
def _run() -> None:
    """Run a Prefect flow once."""


def __getattr__(name: str) -> Any:
    """`PREFECT_OFFLINE_ENV` (of `commands.running`), imported when asked for."""
    if name == "PREFECT_OFFLINE_ENV":
        from mandates.commands.running import PREFECT_OFFLINE_ENV

        return PREFECT_OFFLINE_ENV
    raise AttributeError(name)


def main() -> None:
    """Entry point of the `mandates` console script."""
    app()


if __name__ == "__main__":
    main()
