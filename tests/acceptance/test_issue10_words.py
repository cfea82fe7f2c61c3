"""Issue 10 part 6, words a person reads: `show`, `whatif` and the check in plain English
sentences (no raw keys, correct plurals, "expected" and "delivered" said as such, no "slack
None"), and help text on every option of every command.
"""

from __future__ import annotations

import re
from typing import Any

import click
import pytest

from .helpers import Result
from .issue10_support import AS_OF_DATES, User

# What must never reach an English reader.
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # due_soon, arrives_after_deadline, at_risk, ...
BAD_PLURALS = [
    re.compile(r"\(s\)"),  # "4 input(s)"
    re.compile(r"(?<![\d.,])[+\-−]?1 "
               r"(days|weeks|months|outputs|inputs|meetings|items|facts|notes|documents)\b"),
    re.compile(r"(?<![\d.,/-])(?:[02-9]|[1-9]\d{1,2}) "
               r"(day|output|input|meeting|week|fact|note|document)\b(?![-–])"),
]
NONE_WORD = re.compile(r"\bNone\b|\bnull\b")


def words_problems(text: str) -> list[str]:
    """Every line of English text output with a raw key, a wrong plural or a None."""
    problems = []
    for line in text.splitlines():
        # A file path (`defined at /…/post2020.yaml:12`) is not prose.
        prose = re.sub(r"\S*/\S*", "", line)
        for pattern in (RAW_KEY, *BAD_PLURALS, NONE_WORD):
            hit = pattern.search(prose)
            if hit:
                problems.append(f"{hit.group(0)!r} in: {line.strip()}")
    return problems


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> User:
    return User(tmp_path_factory.mktemp("words-user"))


def _assert_plain(result: Result) -> None:
    assert result.returncode == 0, result.explain()
    problems = words_problems(result.stdout)
    assert not problems, "\n".join(problems) + "\n" + result.explain()


@pytest.mark.parametrize("as_of", AS_OF_DATES)
def test_the_check_reads_as_english(user: User, as_of: str) -> None:
    _assert_plain(user.run("check", "--as-of", as_of))


SHOWN = [
    ("wg2020-3-framework-text", "2020-01-06"),  # at risk, with late inputs and a delivered input
    ("annex2-list-updates", "2020-01-06"),  # overdue, assumed
    ("wg2020-2-documents", "2020-01-06"),  # delivered that day
    ("consult-marine-report", "2020-03-01"),  # delivered, with a fact in the history
    ("wg2020-2", "2020-03-01"),  # a meeting that moved to Rome
    ("wg2020-2-discussion-draft", "2020-03-01"),  # +1 day after the move
    ("sbstta-24", "2020-04-01"),  # a meeting postponed
    ("cop-15", "2021-10-16"),  # split in parts
    ("gbf-adopted", "2022-12-20"),  # adopted at COP-15 part two
]


@pytest.mark.parametrize(("item", "as_of"), SHOWN)
def test_show_reads_as_english(user: User, item: str, as_of: str) -> None:
    result = user.run("show", item, "--as-of", as_of)
    _assert_plain(result)
    assert "slack None" not in result.stdout
    assert "expected or delivered" not in result.stdout


def test_show_says_expected_or_delivered_for_each_input(user: User) -> None:
    """An input already delivered is said to be delivered; one still to come, expected."""
    check = user.check_json("2020-01-06")
    output = next(o for o in check["outputs"] if o["id"] == "wg2020-3-framework-text")
    statuses = {o["id"]: o["status"] for o in check["outputs"]}
    result = user.run("show", "wg2020-3-framework-text", "--as-of", "2020-01-06")
    assert result.returncode == 0, result.explain()
    lines = result.stdout.splitlines()
    delivered_seen = expected_seen = False
    for item in output["inputs"]:
        iid = item["id"] if isinstance(item, dict) else item
        line = next((ln for ln in lines if re.search(rf"\b{re.escape(iid)}\b", ln) and "input" in ln), None)
        assert line is not None, f"input {iid} not listed\n{result.explain()}"
        if statuses.get(iid) == "delivered":
            delivered_seen = True
            assert "delivered" in line and "expected" not in line, line
        elif statuses.get(iid) in ("on_track", "due_soon"):
            expected_seen = True
            assert "expected" in line and "delivered" not in line, line
    assert delivered_seen and expected_seen, "the case needs both kinds of input"


WHATIFS = [
    ("wg2020-2", "--opens", "2020-02-25", "--closes", "2020-02-29", "--as-of", "2020-01-06"),  # +1 day
    ("wg2020-2", "--opens", "2020-01-20", "--closes", "2020-01-25", "--as-of", "2020-01-06"),  # earlier
    ("wg2020-2", "--opens", "2020-01-08", "--closes", "2020-01-10", "--as-of", "2020-01-06"),  # sooner
    ("sbstta-24", "--window", "2020-08..2020-09", "--as-of", "2020-03-01"),
    ("cop-15", "--quarter", "2021-Q4", "--as-of", "2021-06-01"),
]


@pytest.mark.parametrize("args", WHATIFS, ids=lambda a: "-".join(a[:1] + a[-1:]) + "-" + a[2])
def test_whatif_reads_as_english(user: User, args: tuple[str, ...]) -> None:
    result = user.run("whatif", *args)
    _assert_plain(result)


def test_whatif_late_inputs_are_a_sentence(user: User) -> None:
    """The inputs that would arrive too late are said in a sentence, not a key turned into words
    ("would become after the deadline: X for Y")."""
    result = user.run("whatif", "sbstta-24", "--window", "2020-08..2020-09", "--as-of", "2020-03-01")
    assert result.returncode == 0, result.explain()
    assert "sbstta-24-recs-wg-requests" in result.stdout
    assert "become after the deadline" not in result.stdout, result.explain()


def test_whatif_plural_of_one_day(user: User) -> None:
    result = user.run("whatif", "wg2020-2", "--opens", "2020-02-25", "--closes", "2020-02-29",
                      "--as-of", "2020-01-06")
    assert result.returncode == 0, result.explain()
    assert "(+1 day)" in result.stdout and "(+1 days)" not in result.stdout, result.explain()


def _walk(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    """The command and every subcommand under it (any group: listed through click's protocol)."""
    found = [(path, command)]
    if hasattr(command, "list_commands") and hasattr(command, "get_command"):
        ctx = click.Context(command, info_name=path.split()[-1])
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                found += _walk(sub, f"{path} {name}")
    return found


def test_every_option_of_every_command_has_help_text() -> None:
    import typer.main

    from mandates.cli import app

    root = typer.main.get_command(app)
    missing: list[str] = []
    for path, command in _walk(root, "mandates"):
        if not (command.help or command.short_help):
            missing.append(f"{path}: the command itself")
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip():
                missing.append(f"{path} {'/'.join(param.opts)}")
            helptext: Any = getattr(param, "help", None)
            if isinstance(param, click.Argument) and hasattr(param, "help") and not (helptext or "").strip():
                missing.append(f"{path} argument {param.name}")
    assert not missing, "options without help text:\n" + "\n".join(missing)
    assert len(_walk(root, "mandates")) > 20


@pytest.mark.parametrize(("item", "as_of", "input_id", "flag", "repeated_in_reason"), [
    # The reason itself says "has no date": the flag may appear there too.
    ("wg2020-3-framework-text", "2020-01-06", "ws-synergies-outcome", "no date", True),
    ("first-draft", "2020-04-01", "updated-zero-draft", "dates not confirmed", False),
])
def test_show_says_an_inputs_problem_once_in_a_sentence(
        user: User, item: str, as_of: str, input_id: str, flag: str, repeated_in_reason: bool) -> None:
    """A late input's line reads as a sentence: its flag said once and set apart from the
    reason, not run on ("no date the synergies workshop ...", "dates not confirmed the updated
    zero draft: dates not confirmed; ...")."""
    result = user.run("show", item, "--as-of", as_of)
    assert result.returncode == 0, result.explain()
    line = next((ln for ln in result.stdout.splitlines() if f"input {input_id}" in ln), None)
    assert line is not None, result.explain()
    assert flag in line, line
    if not repeated_in_reason:
        assert line.count(flag) == 1, f"the flag said twice: {line.strip()}"
    assert not re.search(rf"{flag} (the|a|an)\b", line), f"flag runs into the reason: {line.strip()}"
