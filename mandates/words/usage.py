"""The command line's own usage errors (an unknown option or command, a missing argument, a value
not among the choices) in Chinese, under `--lang zh` or a Chinese installation.

These messages are raised in English by Typer's vendored Click (`typer._click`), before any
command of ours runs; `cli.Commands` words them here and prints them as the product's own errors
are printed (`错误：…`), with the usage line and where to find help. Options, commands, ids and
values keep their form, as the user typed them. A message no pattern knows is shown as raised.
"""

from __future__ import annotations

import re

# (Click's message, matched whole; Chinese template). `{msg}` is worded again.
_TABLE: list[tuple[str, str]] = [
    (r"No such option: (?P<option>\S+) \(Possible options: (?P<near>.+)\)",
     "没有选项{option}（可用的相近选项：{near}）"),
    (r"No such option: (?P<option>\S+)", "没有选项{option}"),
    (r"No such command (?P<command>'[^']*')\. Did you mean (?P<near>.+)\?",
     "没有命令{command}。是否是指{near}？"),
    (r"No such command (?P<command>'[^']*')\.", "没有命令{command}"),
    (r"Missing command\.", "缺少命令"),
    (r"Missing argument (?P<name>'[^']*')\.", "缺少参数{name}"),
    (r"Missing option (?P<name>'[^']*')\.", "缺少选项{name}"),
    (r"Missing parameter: (?P<name>\S+)", "缺少参数{name}"),
    (r"Option (?P<option>'[^']*') requires an argument\.", "选项{option}需要一个值"),
    (r"Option (?P<option>'[^']*') requires (?P<n>\d+) arguments\.", "选项{option}需要{n}个值"),
    (r"Option (?P<option>'[^']*') does not take a value\.", "选项{option}不接受值"),
    (r"Got unexpected extra argument\(s\) \((?P<extra>.*)\)", "多余的参数：{extra}"),
    (r"Invalid value for (?P<name>'[^']*'): (?P<msg>.+)", "{name}的值无效：{msg}"),
    (r"Invalid value: (?P<msg>.+)", "值无效：{msg}"),
    (r"(?:Value error, )?(?P<value>'[^']*') is not one of (?P<choices>.+?)\. Did you mean "
     r"(?P<near>.+)\?", "{value}不在可选值{choices}之中。是否是指{near}？"),
    (r"(?:Value error, )?(?P<value>'[^']*') is not one of (?P<choices>.+)\.",
     "{value}不在可选值{choices}之中"),
    (r"(?P<value>'[^']*') is not a whole number", "{value}不是整数"),
    (r"(?P<n>-?\d+) is not in the range (?P<least>-?[\d.]+)\.\.(?P<most>-?[\d.]+)",
     "{n}不在{least}至{most}的范围内"),
    (r"(?P<n>-?\d+) is less than (?P<least>-?[\d.]+)", "{n}小于{least}"),
    (r"(?P<n>-?\d+) is more than (?P<most>-?[\d.]+)", "{n}大于{most}"),
    (r"Value (?P<value>'[^']*') is not a valid (?P<kind>\w+)\.", "{value}不是有效的{kind}"),
]
_COMPILED = [(re.compile(pattern), template) for pattern, template in _TABLE]

USAGE = "用法："
HELP = "运行“{command} --help”查看帮助"


def usage_error(message: str) -> str:
    """Click's usage error `message` (as `format_message` gives it) in Chinese; as raised when no
    pattern knows it. The choices of a `not one of` list are joined with 、."""
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        parts = found.groupdict()
        if "msg" in parts:
            parts["msg"] = usage_error(parts["msg"])
        if parts.get("near"):
            parts["near"] = parts["near"].replace(" or ", "或")
        if "choices" in parts:
            parts["choices"] = "、".join(c.strip() for c in parts["choices"].split(","))
        return template.format(**parts)
    return message


def usage_line(usage: str) -> str:
    """Click's `Usage: mandates check [OPTIONS]` with its label in Chinese."""
    return USAGE + usage.removeprefix("Usage:").lstrip()


def help_hint(command_path: str) -> str:
    """Where to read a command's help, in Chinese."""
    return HELP.format(command=command_path)
