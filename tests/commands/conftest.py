"""What the tests of `--lang` share: running a command as a user does (CliRunner, wide columns,
no MANDATES_LANG or MANDATES_SETTINGS from the environment of the test run) and finding English
prose in what was meant to be Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from chinese_text import english_words
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import load_process

CJK = re.compile(r"[\u4e00-\u9fff]")
# What a Chinese line may hold besides Chinese: URLs and file paths, `file:line: field:`, options
# and commands a user types back (--corrects, `mandates history`), fact keys (a shipped key starts
# with its date), the valid keys or ids a refusal lists, the placeholders of a usage line, and
# words of fewer than 3 letters (the brief: "no ASCII words of 3+ letters").
_URL = re.compile(r"https?://\S+?(?=[）)；，\s]|$)")
_PATH = re.compile(r"(?<![A-Za-z0-9_/.])(?:/[\w.\-]+)+/?")  # absolute paths only
_OPTION = re.compile(r"--[a-z][a-z0-9-]*")
_KEY = re.compile(r"(?<![A-Za-z0-9])\d{4}-\d{2}-\d{2}-[A-Za-z0-9-]+")
_CODE = re.compile(r"`[^`]*`")  # a command to type: `mandates history`
_WHERE = re.compile(r"^\S+:\d+: \S+: ", re.MULTILINE)  # file:line: field: stays as it is
_VALID = re.compile(r"有效值：[^；\n]*")  # the valid keys or ids of a field, as they are written
PLACEHOLDERS = frozenset({"KEY", "FILE", "PATH", "YYYY", "UTC", "UTF", "YAML", "IANA", "Ctrl",
                          "nginx", "PREFECT_API_URL"})


def english_prose(text: str, user_text: Iterable[str] = ()) -> list[str]:
    """The Latin words of 3 letters or more in `text` that are not ids, symbols, zones, keys,
    options, paths, URLs or text a user typed (`user_text`)."""
    plan = load_process(None, None)
    for pattern in (_URL, _WHERE, _CODE, _PATH, _OPTION, _KEY, _VALID):
        text = pattern.sub(" ", text)
    for typed in user_text:
        text = text.replace(typed, " ")
    return [w for w in english_words(text, plan) if len(w) >= 3 and w not in PLACEHOLDERS]


Run = Callable[..., str]


@pytest.fixture()
def run(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run(*args, code=0, env=None)`: the output (standard output and error) of `mandates ARGS`
    with a fresh database in a temporary folder; asserts the exit code."""
    monkeypatch.delenv("MANDATES_LANG", raising=False)
    monkeypatch.delenv("MANDATES_SETTINGS", raising=False)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0, env: dict[str, str] | None = None) -> str:
        result = runner.invoke(app, list(args), env={"COLUMNS": "250", **(env or {})})
        assert result.exit_code == code, (args, result.output, result.exception)
        return result.output

    return invoke


def assert_chinese(text: str, user_text: Iterable[str] = ()) -> None:
    """`text` is Chinese: it has Chinese characters and no English prose."""
    assert CJK.search(text), text
    words = english_prose(text, user_text)
    assert not words, f"{sorted(set(words))}\n{text}"


Check = Callable[..., None]


@pytest.fixture()
def chinese() -> Check:
    """`chinese(text, user_text=())`: assert_chinese, for the test modules."""
    return assert_chinese
