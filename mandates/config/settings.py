"""Installation settings: config/settings.yaml, overridden by the file MANDATES_SETTINGS names."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mandates.config.processes import bundled_config_dir

SETTINGS_ENV = "MANDATES_SETTINGS"


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class AlertSettings:
    """Where digests of newly late items go (apprise URLs) and how hard to try."""

    urls: tuple[str, ...] = ()
    retries: int = 3
    retry_delay_seconds: float = 2.0


@dataclass(frozen=True)
class FeedSettings:
    """Private feed tokens, staff reminders, the tasks feed, how long cancelled events stay."""

    tokens: dict[str, str] = field(default_factory=dict)
    alarms_days_before: tuple[int, ...] = ()
    tasks_feed: bool = True
    keep_cancelled_days: int = 90


@dataclass(frozen=True)
class Settings:
    """Everything an installation can set (config/settings.yaml)."""

    timezone: str = "America/Toronto"
    calendars_dir: Path = Path("calendars")
    public_base_url: str = "http://127.0.0.1:8000"
    daily_check_cron: str = "0 7 * * *"
    flow_task_threshold: int = 500
    alerts: AlertSettings = field(default_factory=AlertSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    briefing_horizon_weeks: int = 6


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}:1: settings must be a mapping of keys")
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


TOP_KEYS = {"timezone", "calendars_dir", "public_base_url", "daily_check_cron",
            "flow_task_threshold", "alerts", "feeds", "briefing"}


def load_settings(path: Path | None = None) -> Settings:
    """The bundled defaults, overridden by `path` or by the file MANDATES_SETTINGS names."""
    bundled = bundled_config_dir() / "settings.yaml"
    data = _read(bundled) if bundled.exists() else {}
    override = path or (Path(os.environ[SETTINGS_ENV]) if os.environ.get(SETTINGS_ENV) else None)
    if override is not None:
        extra = _read(override)
        unknown = sorted(set(extra) - TOP_KEYS)
        if unknown:
            raise SettingsError(f"{override}: unknown key(s) {', '.join(unknown)}; "
                                f"valid: {', '.join(sorted(TOP_KEYS))}")
        data = _merge(data, extra)
    alerts = data.get("alerts") or {}
    feeds = data.get("feeds") or {}
    try:
        return Settings(
            timezone=str(data.get("timezone", "America/Toronto")),
            calendars_dir=Path(str(data.get("calendars_dir", "calendars"))),
            public_base_url=str(data.get("public_base_url", "http://127.0.0.1:8000")).rstrip("/"),
            daily_check_cron=str(data.get("daily_check_cron", "0 7 * * *")),
            flow_task_threshold=int(data.get("flow_task_threshold", 500)),
            alerts=AlertSettings(tuple(alerts.get("urls") or ()), int(alerts.get("retries", 3)),
                                 float(alerts.get("retry_delay_seconds", 2))),
            feeds=FeedSettings({str(k): str(v) for k, v in (feeds.get("tokens") or {}).items()},
                               tuple(int(d) for d in feeds.get("alarms_days_before") or ()),
                               bool(feeds.get("tasks_feed", True)),
                               int(feeds.get("keep_cancelled_days", 90))),
            briefing_horizon_weeks=int((data.get("briefing") or {}).get("horizon_weeks", 6)),
        )
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"{override or 'config/settings.yaml'}: invalid value: {exc}") from None
