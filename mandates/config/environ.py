"""The `MANDATES_*` environment: every variable the product reads, read here and nowhere else.

`environment()` gives an `Environment`: `MANDATES_SETTINGS`, `MANDATES_DATABASE_URL`,
`MANDATES_CACHE_DIR`, `MANDATES_NO_CACHE`, `MANDATES_CHROMIUM`, `MANDATES_LANG`. Names are
matched without regard to case and an empty value means unset, as pydantic-settings read them (version 0.2.0);
`MANDATES_NO_CACHE` takes 1/0, true/false, yes/no, on/off, t/f, y/n. A bad value raises
SettingsError naming the variable (`MANDATES_NO_CACHE: Input should be a valid boolean, ...`);
`MANDATES_LANG` takes en or zh (the language of what commands print when `--lang` is not given).
A command's `--settings FILE` stands for `MANDATES_SETTINGS` while the command runs
(`choose_settings`), so that everything the command reads of the settings reads that file.

Plain Python on purpose (issue 12): every command reads the environment, and importing
pydantic-settings cost more than the work of `mandates check`. `config.settings` re-exports
these names; the settings files stay pydantic models there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from mandates.errors import SettingsError

PREFIX = "MANDATES_"
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})
_chosen: list[Path] = []  # the running command's --settings


@dataclass(frozen=True, slots=True)
class Environment:
    """Every `MANDATES_*` environment variable the product reads; None (False) when unset.

    settings: a settings file over the defaults; database_url: the state database URL;
    cache_dir: where compiled plans are cached; no_cache: bypass the compiled-plan cache;
    chromium: headless Chromium for PNG and PDF; lang: what commands print in, `en` or `zh`,
    when `--lang` is not given (over the settings' `language`).
    """

    settings: Path | None = None
    database_url: str | None = None
    cache_dir: Path | None = None
    no_cache: bool = False
    chromium: str | None = None
    lang: str | None = None

    VARIABLES: ClassVar[tuple[str, ...]] = ("MANDATES_SETTINGS", "MANDATES_DATABASE_URL",
                                            "MANDATES_CACHE_DIR", "MANDATES_NO_CACHE",
                                            "MANDATES_CHROMIUM", "MANDATES_LANG")


def _flag(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingsError(f"{name}: Input should be a valid boolean, unable to interpret input "
                        f"(given {value!r})")


def environment() -> Environment:
    """The `MANDATES_*` variables as they are now (`settings`: the command's `--settings` when it
    was given); SettingsError naming a variable with a bad value."""
    given = {key.upper(): value for key, value in os.environ.items()
             if key.upper().startswith(PREFIX) and value != ""}
    settings = str(_chosen[0]) if _chosen else given.get("MANDATES_SETTINGS")
    cache = given.get("MANDATES_CACHE_DIR")
    no_cache = given.get("MANDATES_NO_CACHE")
    return Environment(
        settings=Path(settings) if settings is not None else None,
        database_url=given.get("MANDATES_DATABASE_URL"),
        cache_dir=Path(cache) if cache is not None else None,
        no_cache=_flag("MANDATES_NO_CACHE", no_cache) if no_cache is not None else False,
        chromium=given.get("MANDATES_CHROMIUM"),
        lang=_language(given.get("MANDATES_LANG")),
    )


def choose_settings(path: Path | None) -> None:
    """The settings file the running command was given (`--settings`), over MANDATES_SETTINGS
    for `environment()`; None leaves the variable's. `cli.Commands` clears it between commands."""
    _chosen[:] = [path] if path is not None else []


def _language(value: str | None) -> str | None:
    """`MANDATES_LANG`: en or zh (case and spaces ignored); SettingsError naming the variable."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered in ("en", "zh"):
        return lowered
    raise SettingsError(f"MANDATES_LANG: Input should be 'en' or 'zh' (given {value!r})")
