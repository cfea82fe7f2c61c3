"""Where processes live: the bundled WG2020 process, or a file or folder given by the user."""

from __future__ import annotations

from pathlib import Path

from mandates.config.plancache import load_plan_cached as load_plan
from mandates.core.plan import Plan
from mandates.errors import ConfigError, ConfigIssue

DEFAULT_PROCESS = "post2020"
SETTINGS_STEM = "settings"  # config/settings.yaml holds installation settings, not a process
VENUES_STEM = "venues"      # config/venues.yaml: known cities and their zones
HISTORY_SUFFIX = ".history"  # config/<process>.history.yaml: facts shipped with a process


def bundled_config_dir() -> Path:
    """The bundled `config/` folder: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundled_config"
    return installed if installed.is_dir() else package.parent / "config"


def process_files(path: Path) -> list[Path]:
    """The founding files of a folder (every *.yaml / *.yml but settings, venues and shipped
    histories; amendments are in sub-folders), or the file itself."""
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file()
                      and p.stem not in (SETTINGS_STEM, VENUES_STEM)
                      and not p.stem.endswith(HISTORY_SUFFIX))
    return [path]


def load_process(config: Path | None = None, process_id: str | None = None) -> Plan:
    """Load one process: by id from a folder (default: the bundled one), or the file given."""
    path = config if config is not None else bundled_config_dir()
    if not path.exists():
        raise ConfigError([ConfigIssue(str(path), 0, "path", "no such file or folder")])
    files = process_files(path)
    if not files:
        raise ConfigError([ConfigIssue(str(path), 0, "path", "no process files (*.yaml) here")])
    if len(files) == 1:
        plan = load_plan(files[0])
        if process_id is not None and plan.process.id != process_id:
            raise ConfigError([ConfigIssue(str(files[0]), 1, "process.id",
                                           f"no process {process_id!r} here; found {plan.process.id!r}")])
        return plan
    plans: dict[str, Plan] = {}
    where: dict[str, Path] = {}
    for file in files:
        plan = load_plan(file)
        if plan.process.id in plans:  # the second would silently win
            raise ConfigError([ConfigIssue(str(file), 1, "process.id",
                                           f"process {plan.process.id!r} is already defined in "
                                           f"{where[plan.process.id]}; one id, one file")])
        plans[plan.process.id], where[plan.process.id] = plan, file
    wanted = process_id or (DEFAULT_PROCESS if DEFAULT_PROCESS in plans else None)
    if wanted is None or wanted not in plans:
        valid = ", ".join(sorted(plans))
        raise ConfigError([ConfigIssue(str(path), 0, "--process",
                                       f"choose a process with --process; valid: {valid}")])
    return plans[wanted]
