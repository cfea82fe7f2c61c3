"""The lazy command group (`mandates.cli`, issue 12): the table names every command of the
command modules, with the help its docstring gives; `--help`, completion and "did you mean"
read the table and say what the commands themselves would say."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import typer
from typer.testing import CliRunner

import mandates.commands
from mandates.cli import COMMANDS, RUN_COMMANDS, Commands, app, function_of

runner = CliRunner()


def first_paragraph(function: object) -> str:
    return (inspect.getdoc(function) or "").split("\n\n")[0]


def test_the_table_gives_each_function_and_its_help() -> None:
    for name, entry in {**COMMANDS, **RUN_COMMANDS}.items():
        assert first_paragraph(function_of(entry)) == entry.help, name


def test_every_command_of_the_modules_is_in_the_table() -> None:
    """Each module's own `COMMANDS` ((name, function), or (function, name)) and `RUN_COMMANDS`."""
    listed = {name: function_of(entry) for name, entry in COMMANDS.items()}
    run = {name: function_of(entry) for name, entry in RUN_COMMANDS.items()}
    found = 0
    for module_info in pkgutil.iter_modules(mandates.commands.__path__):
        module = importlib.import_module(f"mandates.commands.{module_info.name}")
        for attribute, table in (("COMMANDS", listed), ("RUN_COMMANDS", run)):
            for pair in getattr(module, attribute, ()):
                name, function = pair if isinstance(pair[0], str) else pair[::-1]
                assert table.get(name) is function, (module_info.name, name)
                found += 1
    assert found == len(listed) + len(run)


def help_of(group: Commands) -> str:
    with group.make_context("mandates", ["--help"], resilient_parsing=True) as ctx:
        return group.get_help(ctx)


def test_help_lists_what_the_commands_say_of_themselves() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, Commands)
    listed = help_of(group)
    assert group.commands == {}  # nothing imported to list them
    with group.make_context("mandates", ["--help"], resilient_parsing=True) as ctx:
        for name in group.list_commands(ctx):
            assert group.get_command(ctx, name) is not None
    assert set(group.commands) == {*COMMANDS, "run"}
    assert help_of(group) == listed
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).output
    for name, entry in COMMANDS.items():
        assert f" {name} " in shown and entry.help.split("\n")[0] in shown


def test_run_and_its_flows_are_listed() -> None:
    shown = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "daily-check" in shown.output


def test_a_mistyped_command_is_answered_with_the_nearest() -> None:
    done = runner.invoke(app, ["chek"])
    assert done.exit_code == 2 and "Did you mean 'check'?" in done.output
    assert "Did you mean 'daily-check'?" in runner.invoke(app, ["run", "daily"]).output


def test_completion_of_command_names_and_options() -> None:
    names = runner.invoke(app, [], prog_name="mandates", env={
        "_MANDATES_COMPLETE": "complete_bash", "COMP_WORDS": "mandates ch", "COMP_CWORD": "1"})
    assert names.output.split() == ["check"]
    options = runner.invoke(app, [], prog_name="mandates", env={
        "_MANDATES_COMPLETE": "complete_bash", "COMP_WORDS": "mandates check --fo", "COMP_CWORD": "2"})
    assert options.output.split() == ["--format"]


def test_version() -> None:
    done = runner.invoke(app, ["--version"])
    assert done.exit_code == 0 and done.output.startswith("mandates ")
