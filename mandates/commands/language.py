"""Which language a command prints in: `--lang`, else `MANDATES_LANG`, else the `language` key of
the settings (the file `--settings` or `MANDATES_SETTINGS` names, over config/settings.yaml), else
English.

Every command that prints prose takes `--lang en|zh` (`LangOpt`) and calls `speak` first; the
error handler of `cli.Commands` asks `spoken` which language to answer an error in (the option
when the command got that far, else the installation's default).

Cheap on purpose (issue 12): a settings file named by `--settings` or MANDATES_SETTINGS is checked
in full (every key, every problem reported at once) once per content, and its verdict, with its
language, read back by a hash of its bytes afterwards (`config.verdict`); the bundled defaults
alone are scanned for their top-level `language:` line, without YAML or pydantic. A value other
than en or zh is refused with file:line.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mandates.words.dates import Lang


class Language(StrEnum):
    """A language of the product's own words (`--lang`), or of text a user typed."""

    EN = "en"
    ZH = "zh"


LangOpt = Annotated[Language | None, typer.Option(
    "--lang", help="Language of what is printed: en or zh (default: MANDATES_LANG, else the "
                   "settings' language, else en).")]

_LINE = re.compile(r"^language:[ \t]*(?P<value>[^#\s]*)[ \t]*(?:#.*)?$", re.MULTILINE)
_spoken: list[Lang] = []


def read_language(path: Path) -> Lang | None:
    """The top-level `language:` of a settings file (None when it has none or cannot be read:
    the settings loader reports that file where it is loaded). SettingsError `file:line:
    language: ...` for a value other than en or zh (quotes allowed)."""
    from mandates.errors import SettingsError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    every = list(_LINE.finditer(text))
    found = every[-1] if every else None  # the last one, as YAML reads it
    if found is None:
        return None
    value = found.group("value").strip("'\"")
    if value == "":
        return None  # a key with no value keeps its default
    if value not in ("en", "zh"):
        line = text.count("\n", 0, found.start()) + 1
        raise SettingsError(f"{path}:{line}: language: Input should be 'en' or 'zh'")
    return "zh" if value == "zh" else "en"


def _bundled_language() -> Lang | None:
    """The `language` of config/settings.yaml (the bundled defaults, scanned)."""
    from mandates.config.processes import bundled_config_dir

    return read_language(bundled_config_dir() / "settings.yaml")


def _chosen(option: Language | None, env_lang: str | None) -> Lang | None:
    """`--lang`, else MANDATES_LANG; None when neither is given."""
    if option is not None:
        return "zh" if option is Language.ZH else "en"
    if env_lang is not None:
        return "zh" if env_lang == "zh" else "en"
    return None


def default_language(settings: Path | None = None) -> Lang:
    """The installation's language: MANDATES_LANG, else `language` of the settings file
    (`settings`, else `--settings` or MANDATES_SETTINGS, checked in full as `speak` checks it),
    else of config/settings.yaml, else `en`. SettingsError for bad settings."""
    from dataclasses import replace

    from mandates.config.environ import environment
    from mandates.config.verdict import named_settings

    env = environment()
    given = _chosen(None, env.lang)
    if given is not None:
        return given
    verdict = named_settings(env if settings is None else replace(env, settings=settings))
    if verdict is not None:
        return "zh" if verdict.language == "zh" else "en"
    return _bundled_language() or "en"


def speak(option: Language | None, settings: Path | None = None) -> Lang:
    """The language of this command: `--lang` when given, else `default_language`; remembered
    for `spoken` (the error handler's language).

    First the settings are checked, every key (`config.verdict.named_settings`: a full
    validation once per content of the files, then a hash): `settings` (a command's own
    `--settings`) stands for the settings variable from here on (`choose_settings`).
    SettingsError lists every problem, in `--lang` (else MANDATES_LANG, else English)."""
    from mandates.config.environ import choose_settings, environment
    from mandates.config.verdict import named_settings

    if settings is not None:
        choose_settings(settings)
    env = environment()
    given = _chosen(option, env.lang)
    _spoken[:] = [given] if given is not None else ["en"]  # the language of a settings error
    verdict = named_settings(env)
    if given is not None:
        lang = given
    elif verdict is not None:
        lang = "zh" if verdict.language == "zh" else "en"
    else:
        lang = _bundled_language() or "en"
    _spoken[:] = [lang]
    return lang


def forget() -> None:
    """Start a command with no language and no `--settings` chosen yet (`cli.Commands.invoke`;
    tests invoke many commands in one process)."""
    from mandates.config.environ import choose_settings

    _spoken.clear()
    choose_settings(None)


def spoken() -> Lang:
    """The language the running command speaks (`speak`), else the installation's default; English
    when even that cannot be read (the error being reported may be that very setting)."""
    if _spoken:
        return _spoken[0]
    from mandates.errors import MandatesError

    try:
        return default_language()
    except MandatesError:
        return "en"
