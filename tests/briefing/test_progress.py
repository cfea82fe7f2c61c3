"""Progress of `mandates brief`: the step under way on a terminal, nothing in scripts."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from mandates.briefing.progress import briefing_progress
from mandates.cli import app


def test_a_terminal_sees_the_step_under_way() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    with briefing_progress(console) as step:
        step("writing briefings/b.pdf with Chromium")
    assert "writing briefings/b.pdf with Chromium" in screen.getvalue()


def test_a_script_sees_nothing() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False)
    with briefing_progress(console) as step:
        step("evaluating and comparing")
    assert out.getvalue() == ""


def test_brief_in_a_script_prints_only_what_it_wrote(isolated_env: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "html",
                                      "--no-snapshot"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == ["wrote briefings/post2020-2020-01-06-en.html"]
