"""What `mandates brief` reads of the settings (`briefing.horizon_weeks`, `secretariat_group`),
without importing pydantic while the settings files stay the same (issue 10: md under 1 s).

Loading the settings validates every key with pydantic-settings: about 0.3 s of CPU, most of it
importing, a fifth of a markdown briefing. The two values are read from the verdict kept for the
current settings files (`config.verdict.valid_settings`: keyed by the SHA-256 of their bytes and
of `config/settings.py`, loaded in full once per content); a bad file is reported as
`load_settings` reports it (SettingsError).
"""

from __future__ import annotations

from dataclasses import dataclass

from mandates.config.environ import environment

__all__ = ["BriefingOptions", "briefing_options"]


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """horizon_weeks: upcoming deadlines until the next briefing (>= 1); secretariat_group: the
    group given the briefing files, or None."""

    horizon_weeks: int
    secretariat_group: str | None


def briefing_options() -> BriefingOptions:
    """The briefing's settings, from the verdict on the current settings files. Raises
    SettingsError for bad settings, as `config.settings.load_settings`."""
    from mandates.config.verdict import valid_settings

    verdict = valid_settings(environment())
    return BriefingOptions(verdict.horizon_weeks, verdict.secretariat_group)
