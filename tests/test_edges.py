"""The edges: every MandatesError answered once (exit code in the CLI, HTTP status on the web),
choices as Typer enums with help text everywhere, and the clock read only at the edges."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.errors import (
    BriefingError,
    BrowserMissing,
    ConfigError,
    FactError,
    FileWriteError,
    MandatesError,
    NotFoundError,
    RunFailed,
    SettingsError,
    StoreError,
)
from mandates.feeds.published import Published
from mandates.web import create_app

REPOSITORY = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_every_domain_error_is_a_mandates_error_with_its_codes() -> None:
    expected = {ConfigError: (2, 500), SettingsError: (2, 500), FactError: (2, 400),
                NotFoundError: (2, 404), StoreError: (2, 503), FileWriteError: (2, 500),
                BriefingError: (2, 500), BrowserMissing: (2, 503), RunFailed: (1, 500)}
    for kind, codes in expected.items():
        assert issubclass(kind, MandatesError)
        assert (kind.exit_code, kind.http_status) == codes, kind.__name__


def test_the_cli_answers_each_error_once_with_its_exit_code(isolated_env: Path) -> None:
    unknown = runner.invoke(app, ["show", "wg2020-22", "--as-of", "2020-01-06"])
    assert unknown.exit_code == 2
    assert unknown.output.strip() == ("error: unknown id 'wg2020-22'; "
                                      "did you mean wg2020-2, wg2020-3, wg2020-1?")
    bad_date = runner.invoke(app, ["note", "wg2020-2", "x", "--on", "2020-02-30"])
    assert bad_date.exit_code == 2 and bad_date.output.count("error:") == 1
    assert "nothing was recorded" in bad_date.output
    database = runner.invoke(app, ["history", "--database", "nosuchdriver://x"])
    assert database.exit_code == 2 and database.output.startswith("error: cannot open the database")


def test_an_error_message_is_printed_as_text(isolated_env: Path) -> None:
    """The message quotes what the user typed: rich markup in it is shown, not interpreted."""
    result = runner.invoke(app, ["show", "[/b][red]x", "--as-of", "2020-01-06"])
    assert result.exit_code == 2 and "unknown id '[/b][red]x'" in result.output


def test_choices_are_listed_in_help_and_bad_ones_get_typers_error(isolated_env: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "yaml"], env={"COLUMNS": "200"})
    assert result.exit_code == 2 and "Invalid value for '--format'" in result.output
    shown = runner.invoke(app, ["brief", "--help"], env={"COLUMNS": "200"}).output
    assert "<md|html|pdf>" in shown and "<en|zh>" in shown


def _commands(group: TyperGroup, prefix: str = "") -> list[tuple[str, Any]]:
    """Every command of the group, each imported (the group is lazy: `mandates.cli.COMMANDS`)."""
    found: list[tuple[str, Any]] = []
    ctx = group.make_context(prefix.strip() or "mandates", [], resilient_parsing=True)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, TyperGroup):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append((f"{prefix}{name}", command))
    return found


def test_every_option_and_argument_has_help_text() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    missing = [f"{name} {param.name}" for name, command in _commands(root)
               for param in command.params
               if not getattr(param, "help", None) and param.name != "help"]
    assert missing == []
    assert len(_commands(root)) >= 17


async def get(web: Any, path: str) -> httpx.Response:
    """One request to the app in this process (ASGI: the real app, no server)."""
    transport = httpx.ASGITransport(app=web, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://mandates.test") as client:
        return await client.get(path)


def _raising(error: MandatesError) -> Callable[[], Evaluation]:
    def check() -> Evaluation:
        raise error
    return check


@pytest.mark.parametrize(("error", "status", "body"), [
    (NotFoundError("unknown id 'x'"), 404, "unknown id 'x'"),
    (StoreError("cannot open the database: secret://url"), 503, "Service Unavailable"),
    (SettingsError("settings.yaml:3: alerts.url: unknown key"), 500, "Internal Server Error"),
])
def test_the_web_answers_each_error_with_its_status(tmp_path: Path, error: MandatesError, status: int,
                                                   body: str) -> None:
    web = create_app(Settings(), Published(tmp_path, {}), _raising(error))
    for path in ("/status", "/status.json"):
        answer = asyncio.run(get(web, path))
        assert (answer.status_code, answer.text) == (status, body), path


def test_the_clock_is_read_only_at_the_edges() -> None:
    """Below cli (and its command modules), web, tasks and flows nothing asks pendulum (or
    datetime) for today or now; the command modules read it in one place (`commands.common`)."""
    found = subprocess.run(["git", "grep", "-n", "-E", r"(pendulum|datetime|date)\.(today|now|utcnow)\(",
                            "--", "mandates"], cwd=REPOSITORY, capture_output=True, text=True,
                           check=False)
    assert found.returncode in (0, 1), found.stderr
    readers = [line.split(":", 1)[0] for line in found.stdout.splitlines()]
    assert set(readers) <= {"mandates/cli.py", "mandates/commands/common.py", "mandates/web.py"}, found.stdout


# ---------------------------------------------------------------------------------------------
# The terminal (issue 11, part 5): user text never drives it, and `show` is linear in a note

def _note(isolated_env: Path, text: str, subject: str = "cop-15") -> None:
    import pendulum

    from mandates.config.processes import load_process
    from mandates.core.facts import FactKind
    from mandates.core.record import make_fact
    from mandates.store.db import Store

    plan = load_process()
    store = Store(f"sqlite:///{isolated_env / 'state.db'}")
    store.append(plan.process.id, [make_fact(plan, FactKind.NOTE, subject, pendulum.Date(2020, 1, 2),
                                             recorded_at=pendulum.datetime(2020, 1, 2, tz="UTC"),
                                             text=text)])
    store.dispose()


@pytest.mark.parametrize("unit", ["x", "中", "\x1b[2J"])
def test_show_prints_a_long_note_without_spaces_in_linear_time(isolated_env: Path, unit: str) -> None:
    """240,000 characters in one word (106 s for 120 KB when rich wrapped it: quadratic). The
    time is measured in bench/, not asserted here; this pins that the whole note is shown."""
    _note(isolated_env, unit * (240_000 // len(unit)))
    result = runner.invoke(app, ["show", "cop-15", "--as-of", "2020-01-06"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    shown = unit if unit != "\x1b[2J" else "\\x1b[2J"
    assert shown * 1000 in result.output


def test_control_characters_of_every_kind_are_shown_not_sent(isolated_env: Path) -> None:
    """C0 (BEL, BS, CR, ESC), DEL and C1 (CSI 0x9b, OSC 0x9d) in a note: each shown as `\\xNN`."""
    _note(isolated_env, "a\x07b\x08c\rd\x1b]0;title\x07e\x7ff\x9b2Jg\x9d0;t\x9ch", "wg2020-2")
    for args in (["show", "wg2020-2", "--as-of", "2020-01-06"], ["history"],
                 ["check", "--as-of", "2020-01-06"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert not any(c in result.output for c in "\x07\x08\r\x1b\x7f\x9b\x9d\x9c"), args
        assert "a\\x07b\\x08c\\x0dd\\x1b]0;title\\x07e\\x7ff\\x9b2Jg\\x9d0;t\\x9ch" in result.output, args
