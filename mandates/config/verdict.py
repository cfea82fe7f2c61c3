"""The settings, validated in full once per content: the verdict kept, keyed by the files' bytes.

Every command checks the settings it runs with (README: every key is checked, an unknown key or
a bad value is an error with file:line), but `mandates check` must start without importing
pydantic (issue 12). So a full `config.settings.load_settings` runs once for given settings
files, and a valid result is remembered in a small JSON entry in the compiled-plan cache's folder
(`config.plancache.cache_dir`; MANDATES_NO_CACHE bypasses it) named by the SHA-256 of:
`config/settings.py` (a change of validation gives a new name), the bundled
`config/settings.yaml` and the file `--settings` or MANDATES_SETTINGS names. An unchanged valid
file costs reading and hashing those files; a changed, bad or unreadable one is loaded in full,
which raises SettingsError with every problem at once (file:line: key: message). Only valid
settings are kept; the entry holds what cheap commands read of them (`Verdict`). The group named
by `secretariat_group` is looked up again on the machine (`grp`), as validation does; a group gone
loads the settings in full.

`named_settings` is what every command calls (through `commands.language.speak`): with no settings
file named, the bundled defaults alone are in force (shipped with the product, tested, and
loaded in full by every command that uses more than the language), and nothing is read.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from mandates.config.environ import Environment, environment

__all__ = ["ENTRY_PREFIX", "Verdict", "named_settings", "valid_settings"]

ENTRY_PREFIX = "settings-"
_FORMAT = b"verdict 1"  # the entry's fields; a change gives new names


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a command reads of valid settings without loading them: language (`en`/`zh`, the
    `language` key), horizon_weeks (`briefing.horizon_weeks`, >= 1), secretariat_group (a group
    name or number, or None)."""

    language: str
    horizon_weeks: int
    secretariat_group: str | None


def _key(env: Environment) -> str | None:
    """The SHA-256 naming the entry; None when a named settings file cannot be read (then the
    settings are loaded in full, which reports it)."""
    import mandates.config as config_package
    from mandates.config.processes import bundled_config_dir

    digest = hashlib.sha256(_FORMAT)
    files = [Path(config_package.__file__).with_name("settings.py"), bundled_config_dir() / "settings.yaml"]
    if env.settings is not None:
        files.append(env.settings)
    try:
        for index, file in enumerate(files):
            data = file.read_bytes() if file.exists() or index != 1 else b"(none)"
            digest.update(f"{index}:{len(data)}:".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def _group_exists(name: str) -> bool:
    import grp

    try:
        grp.getgrgid(int(name)) if name.isdigit() else grp.getgrnam(name)
    except KeyError:
        return False
    return True


def _read(entry: Path) -> Verdict | None:
    """The verdict of an entry; None when it is missing, damaged or its group is gone."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    language, horizon, group = data.get("language"), data.get("horizon_weeks"), data.get("secretariat_group")
    if language not in ("en", "zh"):
        return None
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 1:
        return None
    if group is not None and (not isinstance(group, str) or not _group_exists(group)):
        return None
    return Verdict(str(language), horizon, group)


def valid_settings(env: Environment | None = None) -> Verdict:
    """The verdict on the current settings files (the bundled ones, and the file `env.settings`
    names): from the entry of their bytes, else loaded in full and kept. Raises SettingsError
    listing every problem, as `config.settings.load_settings` does."""
    env = env or environment()
    key = None if env.no_cache else _key(env)
    entry = None
    if key is not None:
        from mandates.config.plancache import cache_dir

        entry = cache_dir(env) / f"{ENTRY_PREFIX}{key}.json"
        found = _read(entry)
        if found is not None:
            return found
    from mandates.config.settings import load_settings

    settings = load_settings(env=env)
    verdict = Verdict(settings.language, settings.briefing.horizon_weeks, settings.secretariat_group)
    if entry is not None:
        from mandates.errors import FileWriteError
        from mandates.store.files import Audience, write_file

        text = json.dumps(asdict(verdict), sort_keys=True)
        with suppress(FileWriteError):  # a read-only cache folder only costs speed
            write_file(entry, text + "\n", Audience.SECRETARIAT)
    return verdict


def named_settings(env: Environment | None = None) -> Verdict | None:
    """The verdict on the settings file `--settings` or MANDATES_SETTINGS names (over the bundled
    defaults), None when none is named. Raises SettingsError for a bad or unreadable file."""
    env = env or environment()
    return valid_settings(env) if env.settings is not None else None
