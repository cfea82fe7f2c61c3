"""Which language a command prints in: `--lang`, else `MANDATES_LANG`, else the `language` key of
the settings (the file `--settings` or `MANDATES_SETTINGS` names, over config/settings.yaml), else
English.

Every command that prints prose takes `--lang en|zh` (`LangOpt`) and calls `speak` first; the
error handler of `cli.Commands` asks `spoken` which language to answer an error in (the option
when the command got that far, else the installation's default).

Cheap on purpose (issue 12): the settings files are scanned for their top-level `language:` line
only, without YAML or pydantic; `config.settings.Settings` validates the same key with every other
when a command loads the settings. A value other than en or zh is refused with file:line.
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


def default_language(settings: Path | None = None) -> Lang:
    """The installation's language: MANDATES_LANG, else `language` of the settings file
    (`settings`, else MANDATES_SETTINGS), else of config/settings.yaml, else `en`.
    SettingsError for a bad value."""
    from mandates.config.environ import environment
    from mandates.config.processes import bundled_config_dir

    env = environment()
    if env.lang is not None:
        return "zh" if env.lang == "zh" else "en"
    override = settings if settings is not None else env.settings
    for path in (override, bundled_config_dir() / "settings.yaml"):
        if path is not None:
            found = read_language(path)
            if found is not None:
                return found
    return "en"


def speak(option: Language | None, settings: Path | None = None) -> Lang:
    """The language of this command: `--lang` when given, else `default_language`; remembered
    for `spoken` (the error handler's language)."""
    lang: Lang = ("zh" if option is Language.ZH else "en") if option is not None \
        else default_language(settings)
    _spoken[:] = [lang]
    return lang


def forget() -> None:
    """Start a command with no language chosen yet (`cli.Commands.invoke`; tests invoke many
    commands in one process)."""
    _spoken.clear()


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
