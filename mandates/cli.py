"""The `mandates` command (Typer): an edge that parses, calls the core, and sets exit codes.

Exit codes: 0 done; 1 with --strict when something is overdue or an input is late, or when a
flow did not complete; 2 bad input. Every error the product raises is a `MandatesError`
(mandates.errors) and is answered here once, by `Commands.invoke`: its details, then
`error: message`, then its exit code; bad option values get Typer's own error (exit 2).

User text (titles, venues, notes, references, reasons) is printed as text: the commands' own
lines go through `commands.common.say`, which never reads rich markup or emoji codes and shows
control characters as `\\xNN`. "Today" and "now" are read in `commands.common`, once per command.

The structure: every command is a function in a module of `mandates/commands/` (`reading`:
check, validate, show, history, whatif; `record`: facts; `amend`: add-meeting, add-output;
`transfer`: import, export; `publishing`: feeds, serve, brief; `running`: run daily-check,
deploy), each module listing its commands in `COMMANDS` as (name, function); this module only
registers them. A command module imports typer and the option types at the top and everything
else inside the command (issue 12): `mandates check` imports neither SQLModel nor Prefect,
FastAPI, icalendar, Jinja2 or apprise (tests/test_startup.py). To add a command, write it in a
module of `mandates/commands/` the same way and register it below.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mandates.commands import (
    amend,
    export,
    inventory,
    nginx,
    publishing,
    reading,
    record,
    running,
    transfer,
)
from mandates.commands.common import say, warn
from mandates.commands.params import lighten
from mandates.commands.running import PREFECT_OFFLINE_ENV
from mandates.errors import SHOWN_ISSUES, MandatesError

__all__ = ["PREFECT_OFFLINE_ENV", "app", "main", "plain_help", "report_error", "run_app"]


def report_error(exc: MandatesError) -> None:
    """Print an error in the command's language (`commands.language.spoken`): its detail lines
    (unwrapped), then `error: message`; file, line and field stay as they are, the message is
    worded in Chinese by `words.refusals` under `--lang zh`."""
    from mandates.commands.language import spoken
    from mandates.errors import ConfigError
    from mandates.words.commands import said
    from mandates.words.markup import terminal_text
    from mandates.words.refusals import translated

    lang = spoken()
    if isinstance(exc, ConfigError):
        shown = exc.issues[:SHOWN_ISSUES]
        lines = [f"{i.file}:{i.line}: {i.field}: {translated(i.message, lang)}" for i in shown]
        lines += [translated(line, lang) for line in exc.details()[len(shown):]]
    else:
        lines = [translated(line, lang) for line in exc.details()]
    for line in lines:  # one plain line each, never wrapped: `file:line: field: message`
        sys.stderr.write(f"{terminal_text(line)}\n")
    warn(said("error", lang), "red", translated(exc.headline(), lang))


def plain_help(text: str | None) -> str | None:
    """A docstring as `--help` shows it: the lines of each paragraph joined into plain sentences
    (Typer's rich help keeps a docstring's line breaks), paragraphs apart."""
    if text is None:
        return None
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


class Commands(TyperGroup):
    """The command group; its `invoke` is the one place a MandatesError becomes an exit code."""

    def invoke(self, ctx: Any) -> Any:  # Typer's (vendored) click.Context
        """Run the command; a MandatesError is reported and exits with its exit code."""
        from mandates.commands.language import forget

        forget()
        try:
            return super().invoke(ctx)
        except MandatesError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """The group's own options (`--version`), read without pydantic (`commands.params`)."""
        lighten(self, ctx)
        rest: list[str] = super().parse_args(ctx, args)
        return rest

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command to run, its text, path and choice options read without pydantic
        (`commands.params`)."""
        name, command, rest = super().resolve_command(ctx, args)
        lighten(command, ctx)
        return name, command, rest


app = typer.Typer(cls=Commands, help="Mandated outputs and deadlines of intergovernmental processes.",
                  no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False)
run_app = typer.Typer(help="Run a Prefect flow once.", no_args_is_help=True)


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


# ---------------------------------------------------------------------------------------------
# Registration: (name, function) pairs of the command modules, in the order `--help` lists them.

def _register(group: typer.Typer, commands: Iterable[tuple[str, Callable[..., Any]]]) -> None:
    for name, command in commands:
        group.command(name, help=plain_help(command.__doc__))(command)


app.add_typer(run_app, name="run")
_register(run_app, running.RUN_COMMANDS)
for _module in (reading, inventory, record, amend, transfer, publishing, running):
    _register(app, _module.COMMANDS)
_register(app, ((name, command) for command, name in (*export.COMMANDS, *nginx.COMMANDS)))


def main() -> None:
    """Entry point of the `mandates` console script."""
    app()


if __name__ == "__main__":
    main()
