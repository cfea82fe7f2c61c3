"""The command line's own usage errors in the command's language (issue 10, part 1): an unknown
option or command, a missing argument, a value not among the choices, an extra argument. They are
raised by Typer's Click before any command runs; under `--lang zh` (or MANDATES_LANG=zh) they read
as the product's own errors do, `错误：…`, with the usage line and where to find help, exit code 2;
in English they stay Typer's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.words.usage import usage_error

Run = Callable[..., str]
Check = Callable[..., None]  # the fixture of conftest.py


@pytest.fixture()
def run(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run(*args, code=2, env=None)`: what `mandates ARGS` prints (standard output and error),
    named `mandates` as on a terminal; asserts the exit code."""
    monkeypatch.delenv("MANDATES_LANG", raising=False)
    monkeypatch.delenv("MANDATES_SETTINGS", raising=False)

    def invoke(*args: str, code: int = 2, env: dict[str, str] | None = None) -> str:
        result = CliRunner().invoke(app, list(args), prog_name="mandates",
                                    env={"COLUMNS": "250", **(env or {})})
        assert result.exit_code == code, (args, result.output, result.exception)
        return result.output

    return invoke


@pytest.mark.parametrize(("args", "said"), [
    (("check", "--foo", "--lang", "zh"), "错误：没有选项--foo（可用的相近选项：--format）"),
    (("chek", "--lang", "zh"), "错误：没有命令'chek'。是否是指'check'？"),
    (("show", "--lang=zh"), "错误：缺少参数'item'"),
    (("check", "--lang", "zh", "extra"), "错误：多余的参数：extra"),
    (("check", "--lang", "zh", "--as-of"), "错误：选项'--as-of'需要一个值"),
])
def test_usage_errors_in_chinese(run: Run, chinese: Check, args: tuple[str, ...], said: str) -> None:
    output = run(*args, code=2)
    lines = output.splitlines()
    assert said in lines, output
    if lines[0] != said:  # Click's parser gives no usage line for an option without its value
        assert lines[0].startswith("用法：mandates"), output
        assert lines[-1].startswith("运行“mandates") and lines[-1].endswith(" --help”查看帮助")
    typed = ("mandates", "check", "item", *args)  # the program, a command, an argument's name
    chinese(output.replace("[OPTIONS]", "").replace("COMMAND [ARGS]...", ""), typed)


def test_the_installation_language_words_a_bad_choice(run: Run) -> None:
    output = run("check", "--lang", "fr", code=2, env={"MANDATES_LANG": "zh"})
    assert "错误：'--lang'的值无效：'fr'不在可选值'en'、'zh'之中" in output.splitlines(), output


def test_english_usage_errors_stay_typers(run: Run) -> None:
    output = run("check", "--foo", code=2)
    assert "No such option: --foo" in output and "Usage: mandates check" in output
    assert "错误" not in output
    output = run("check", "--foo", "--lang", "en", code=2, env={"MANDATES_LANG": "zh"})
    assert "No such option: --foo" in output


def test_a_message_no_pattern_knows_is_shown_as_raised() -> None:
    assert usage_error("Something Click may say one day.") == "Something Click may say one day."
    assert usage_error("Option '-n' requires 2 arguments.") == "选项'-n'需要2个值"
    assert usage_error("Invalid value for 'DAYS': Value '7x' is not a valid int.") \
        == "'DAYS'的值无效：'7x'不是有效的int"
