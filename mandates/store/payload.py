"""An AMENDED fact's payload read back into its amendment, through the config loader (one
parser and one validation for amendment files and amendments recorded by command)."""

from __future__ import annotations

from functools import lru_cache

from mandates.config.amendments import parse_amendment
from mandates.config.venues import load_venues
from mandates.core.plan import Amendment


@lru_cache(maxsize=256)
def amendment_of(payload: str, key: str, zone: str | None) -> Amendment:
    """The amendment a stored payload holds; its source is `fact KEY` (line within the payload).

    References were checked against the plan when the fact was recorded, so they are not
    checked again. `zone` (the fact's time zone, the process's when recorded) is the zone of
    an added meeting that names none. Raises ConfigError for a payload that does not parse.
    """
    return parse_amendment(payload, f"fact {key}", process_id=None,
                           default_zone=zone or "America/Toronto", venues=load_venues, known=None)
