"""`mandates --help` in plain sentences (issue 10, part 6): no docstring's line break in the middle
of a sentence, for every command; and `--lang` on the commands that run flows or write
configurations (run daily-check, deploy, nginx-config), whose refusals come before Prefect starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from mandates.cli import app
from mandates.words.commands import counted, said, status_count, task_mode

Run = Callable[..., str]  # the fixtures of conftest.py
Check = Callable[..., None]


def commands() -> dict[str, Any]:
    """Every command of `mandates`, by its path (`run daily-check`)."""
    group = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(prefix: str, command: Any) -> None:
        if not hasattr(command, "list_commands"):
            return
        for name in command.list_commands(None):  # the lazy group: each imported here
            sub = command.get_command(None, name)
            path = f"{prefix} {name}".strip()
            if hasattr(sub, "list_commands"):
                walk(path, sub)
            else:
                found[path] = sub

    walk("", group)
    return found


def test_every_command_has_help_in_plain_sentences() -> None:
    every = commands()
    assert {"check", "validate", "history", "run daily-check", "deploy", "nginx-config"} <= set(every)
    for path, command in every.items():
        assert command.help, path
        for paragraph in command.help.split("\n\n"):
            assert "\n" not in paragraph, f"{path}: {paragraph!r}"
            assert "  " not in paragraph, f"{path}: {paragraph!r}"


def test_validate_help_reads_as_one_sentence() -> None:
    result = CliRunner().invoke(app, ["validate", "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "(each judged as a command would)" in result.output
    assert "every problem with file:line and field; exit 2 if any." in result.output


def test_every_command_that_prints_prose_takes_lang() -> None:
    quiet = {"serve", "feeds"}  # serve prints the server's log; feeds is another part's
    for path, command in commands().items():
        if path in quiet:
            continue
        options = {o for p in command.params for o in getattr(p, "opts", ())}
        assert "--lang" in options, path


def test_run_and_deploy_refuse_in_chinese_before_prefect(run: Run, chinese: Check,
                                                         tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("process:\n  id: x\n", encoding="utf-8")
    for args in (("run", "daily-check"), ("deploy",)):
        said_zh = run(*args, "--config", str(bad), "--lang", "zh", code=2)
        chinese(said_zh)
        assert said_zh.splitlines()[-1].startswith("错误：进程配置中有")
        assert run(*args, "--config", str(bad), code=2).splitlines()[-1].startswith("error: ")


def test_nginx_config_says_where_it_wrote(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "site.conf"
    assert run("nginx-config", "-o", str(target), "--lang", "zh") == f"nginx配置已写入{target}\n"
    assert run("nginx-config", "-o", str(target)) == f"nginx configuration written to {target}\n"


def test_the_daily_check_summary_in_both_languages() -> None:
    counts = [status_count("overdue", 4, "zh"), status_count("at_risk", 6, "zh")]
    line = said("daily_check", "zh", process="post2020", day="2020年1月6日",
                counts=said("count_sep", "zh").join(counts), late=counted(2, "late input", "zh"),
                tasks=counted(42, "task", "zh"), mode=task_mode("per-output", "zh"),
                alerts=counted(0, "alert", "zh"))
    assert line == ("post2020截至2020年1月6日的每日检查：逾期4项、有风险6项；2项迟到的投入；42个任务"
                    "（每项成果一个任务）；已发送0条提醒")
    english = said("daily_check", "en", process="post2020", day="2020-01-06",
                   counts=", ".join([status_count("overdue", 4, "en"), status_count("at_risk", 6, "en")]),
                   late=counted(1, "late input", "en"), tasks=counted(42, "task", "en"),
                   mode=task_mode("per-output", "en"), alerts=counted(0, "alert", "en"))
    assert english == ("daily check of post2020 as of 2020-01-06: 4 overdue, 6 at risk; 1 late input; "
                       "42 tasks (per-output); 0 alerts sent")
    assert counted(1, "alert", "en") == "1 alert" and counted(3, "alert", "zh") == "3条提醒"


def test_settings_problems_keep_file_line_key_in_chinese(run: Run, chinese: Check,
                                                         tmp_path: Path) -> None:
    bad = tmp_path / "settings.yaml"
    bad.write_text("flow_task_threshold: -1\nalerts:\n  urlz: []\n  retries: many\n", encoding="utf-8")
    english = run("nginx-config", "--settings", str(bad), code=2).splitlines()
    zh = run("nginx-config", "--settings", str(bad), "--lang", "zh", code=2).splitlines()
    assert english == [f"{bad}:1: flow_task_threshold: Input should be greater than or equal to 0",
                       f"{bad}:3: alerts.urlz: unknown key 'urlz'; did you mean 'urls'?",
                       f"{bad}:4: alerts.retries: Input should be a valid integer, unable to parse "
                       "string as an integer",
                       "error: 3 problems in the settings; nothing was done"]
    assert zh == [f"{bad}:1: flow_task_threshold: 应大于或等于0",
                  f"{bad}:3: alerts.urlz: 未知的键urlz；是否是指'urls'？",
                  f"{bad}:4: alerts.retries: 应为整数",
                  "错误：设置中有3个问题；未执行任何操作"]
    chinese("\n".join(zh), ("urlz", "urls"))
