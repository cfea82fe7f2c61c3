"""The sizes of the fact table's bounded columns, checked before anything is written.

A database refuses a value over its column's size in its own way (PostgreSQL raises, SQLite
keeps it); either way the user would see a driver's message. `check_lengths` refuses such a
fact first, naming the field, its length and the limit.
"""

from __future__ import annotations

from mandates.core.facts import Fact
from mandates.errors import FactError

FACT_LIMITS: dict[str, int] = {
    "process": 100, "kind": 20, "subject": 200, "venue": 500, "timezone": 100, "ref": 200,
    "written_in": 8, "venue_zh": 500, "key": 200, "mode": 20, "precision": 10, "voids": 200,
    "source": 500,
}
"""Characters per column (`store.db.FactRow`, migrations 0001-0003)."""


def check_lengths(process: str, fact: Fact) -> None:
    """Raise FactError when a value of `fact` (or the process id) is longer than its column."""
    values = {"process": process, "kind": fact.kind.value, "subject": fact.subject,
              "venue": fact.venue, "timezone": fact.timezone, "ref": fact.ref,
              "written_in": fact.written_in, "venue_zh": fact.venue_zh, "key": fact.key,
              "mode": fact.mode.value if fact.mode else None, "precision": fact.precision.value,
              "voids": fact.voids, "source": fact.source}
    for name, value in values.items():
        limit = FACT_LIMITS[name]
        if value is not None and len(value) > limit:
            which = (f"fact {fact.key!r}" if fact.key
                     else f"the {fact.kind.value} fact about {fact.subject[:40]!r}")
            raise FactError(f"{name} of {which} is {len(value)} characters long; at most {limit} "
                            "fit; nothing was recorded")
