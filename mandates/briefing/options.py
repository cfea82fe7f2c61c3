"""What `mandates brief` reads of the settings (`briefing.horizon_weeks`, `secretariat_group`),
without importing pydantic while the settings files stay the same (issue 10: md under 1 s).

Loading the settings validates every key with pydantic-settings: about 0.3 s of CPU, most of it
importing, a fifth of a markdown briefing. The two values a briefing needs are kept, after a full
`load_settings`, in a small JSON entry in the compiled-plan cache's folder
(`config.plancache.cache_dir`; MANDATES_NO_CACHE bypasses it), named by the SHA-256 of the
settings files' bytes (the bundled `config/settings.yaml`, the file MANDATES_SETTINGS names) and
of `config/settings.py` (a change of validation makes a new name). Settings are made of those
files only (`Settings`: the environment names the file, it does not override single keys), so an
entry gives what `load_settings` would. The group is looked up again on the machine (`grp`), as
validation does; no entry, a damaged one or a group gone loads the settings in full, which reports
a bad file as before (SettingsError).
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from mandates.config.environ import Environment, environment

__all__ = ["BriefingOptions", "briefing_options"]

ENTRY_PREFIX = "briefing-settings-"


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """horizon_weeks: upcoming deadlines until the next briefing (>= 1); secretariat_group: the
    group given the briefing files, or None."""

    horizon_weeks: int
    secretariat_group: str | None


def _key(env: Environment) -> str | None:
    """The SHA-256 naming the entry, or None when a settings file cannot be read (load in full)."""
    import mandates.config as config_package
    from mandates.config.processes import bundled_config_dir

    digest = hashlib.sha256()
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


def _read(entry: Path) -> BriefingOptions | None:
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    horizon, group = data.get("horizon_weeks"), data.get("secretariat_group")
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 1:
        return None
    if group is not None and (not isinstance(group, str) or not _group_exists(group)):
        return None
    return BriefingOptions(horizon, group)


def briefing_options() -> BriefingOptions:
    """The briefing's settings, from the cache entry of the current settings files, else loaded
    in full (and kept). Raises SettingsError for bad settings, as `config.settings.load_settings`."""
    env = environment()
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
    options = BriefingOptions(settings.briefing.horizon_weeks, settings.secretariat_group)
    if entry is not None:
        from mandates.errors import FileWriteError
        from mandates.store.files import Audience, write_file

        text = json.dumps({"horizon_weeks": options.horizon_weeks,
                           "secretariat_group": options.secretariat_group}, sort_keys=True)
        with suppress(FileWriteError):  # a read-only cache folder only costs speed
            write_file(entry, text + "\n", Audience.SECRETARIAT)
    return options
