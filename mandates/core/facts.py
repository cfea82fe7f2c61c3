"""Facts: what happened, with the date it took effect (DESIGN: fact). Appended, never edited."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date, DateTime

from mandates.core.plan import Amendment, Lang, Mode, Precision, Title


class FactKind(StrEnum):
    """The kinds of fact (DESIGN.md)."""

    DELIVERED = "delivered"
    RECEIVED = "received"
    RESCHEDULED = "rescheduled"
    RELOCATED = "relocated"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    WAIVED = "waived"
    NOTE = "note"
    SPLIT = "split"
    PART = "part"
    HELD = "held"
    WITHDRAWN = "withdrawn"
    AMENDED = "amended"


MEETING_KINDS = frozenset({FactKind.RESCHEDULED, FactKind.RELOCATED, FactKind.POSTPONED,
                           FactKind.SPLIT, FactKind.PART, FactKind.HELD})
OUTPUT_KINDS = frozenset({FactKind.DELIVERED, FactKind.RECEIVED, FactKind.WAIVED})
ANY_KINDS = frozenset({FactKind.CANCELLED, FactKind.NOTE})
"""Facts about a meeting, about an output, about either. WITHDRAWN names a fact (`voids`), not
an item; AMENDED carries an `amendment` whose additions it names as its subject."""


@dataclass(frozen=True, slots=True)
class Fact:
    """Something that happened to a meeting or an output, effective on a date.

    What a user typed (`text` of a note or waiver, `venue` of a rescheduling, `ref` of a
    delivery) is kept as written, in the language `written_in` (English for facts recorded
    before languages were kept). `venue_zh` is the Chinese form of a venue written in English,
    when the user gave one.

    Since 0.3.0 (issue "the living plan"):
    - `key`: the fact's stable id, unique within the process; facts shipped with a process or
      imported from a file carry their own (`2020-02-03-wg2020-2-rome`), facts recorded by a
      command get `str(id)` (see `fact_key`), a row number that names them in their own
      database only: an export writes `portable_key` instead. Withdrawals and corrections name
      facts by key.
    - `part`: the part of a meeting a fact is about (1, 2, ...); None means the whole meeting.
      A PART fact sets the dates/venue/mode of that part (a resumed session, an online part);
      a SPLIT fact does the same and says the meeting was split.
    - `mode`: in-person, online or hybrid, when the fact sets it.
    - `precision` and `tentative`: new dates as exact days (`opens_on`..`closes_on`), or a
      window (`opens_on` the first, `closes_on` the last possible day) of months or a quarter;
      `tentative` for dates not confirmed.
    - `voids`: for WITHDRAWN, the key of the fact it withdraws (`text` says why); for a
      DELIVERED/RECEIVED that corrects an earlier one, the key of the delivery it corrects.
    - `source`: where the fact was read (a URL or a document symbol); `approximate`: the record
      gives no exact date and `effective_on` is the nearest it gives.
    - `amendment`: for AMENDED, the amendment recorded by command (a meeting announced by
      notification, a document requested); `payload` is its text as stored.
    - `text_zh`: the Chinese form of a text written in English (a shipped or imported fact's
      `text: {en, zh}`), as `venue_zh` is for a venue.
    - `unreadable`: a stored row that cannot be read as a fact (a value no release writes: a
      manual edit), as (column, value as stored); such a fact is a placeholder NOTE, set aside
      by the evaluation and said in the check (`ReasonCode.FACT_UNREADABLE`).
    """

    kind: FactKind
    subject: str
    effective_on: Date
    recorded_at: DateTime
    opens_on: Date | None = None
    closes_on: Date | None = None
    venue: str | None = None
    timezone: str | None = None
    ref: str | None = None
    text: str | None = None
    id: int | None = None
    venue_zh: str | None = None
    written_in: Lang = "en"
    key: str | None = None
    part: int | None = None
    mode: Mode | None = None
    precision: Precision = Precision.DAY
    tentative: bool = False
    voids: str | None = None
    source: str | None = None
    approximate: bool = False
    amendment: Amendment | None = None
    payload: str | None = None
    text_zh: str | None = None
    unreadable: tuple[str, str] | None = None

    @property
    def fact_key(self) -> str:
        """The stable key: the one given, else the database id as text ("" before it is saved)."""
        if self.key:
            return self.key
        return str(self.id) if self.id is not None else ""

    def venue_title(self) -> Title | None:
        """The new venue in both languages: given in both, or as written and marked so."""
        if not self.venue:
            return None
        if self.venue_zh:
            return Title(self.venue, self.venue_zh)
        return Title(self.venue, self.venue, written_in=self.written_in)

    def text_title(self) -> Title | None:
        """A note's or a reason's text: in both languages when a Chinese form was given, else as
        written, with the language it was written in (the same text on both sides, `written_in`
        set: see `Title`); None when there is no text."""
        if not self.text:
            return None
        if self.text_zh:
            return Title(self.text, self.text_zh)
        return Title(self.text, self.text, written_in=self.written_in)

    def describe(self) -> str:
        """A one-line account of the fact, for history listings."""
        day = self.effective_on.isoformat()
        match self.kind:
            case FactKind.DELIVERED | FactKind.RECEIVED:
                ref = f" as {self.ref}" if self.ref else ""
                return f"{day} {self.kind.value}{ref}"
            case FactKind.RESCHEDULED | FactKind.RELOCATED:
                dates = (f" to {self.opens_on.isoformat()}..{self.closes_on.isoformat()}"
                         if self.opens_on and self.closes_on else "")
                venue = f" in {self.venue}" if self.venue else ""
                venue += f" ({self.venue_zh})" if self.venue_zh else ""
                return f"{day} {self.kind.value}{dates}{venue}"
            case FactKind.WAIVED | FactKind.NOTE | FactKind.CANCELLED:
                text = f": {self.text}" if self.text else ""
                return f"{day} {self.kind.value}{text}"
            case _:
                return f"{day} {self.kind.value}"


def effective_by(facts: Iterable[Fact], as_of: Date) -> list[Fact]:
    """Facts that took effect on or before `as_of`, in the order they took effect (DESIGN)."""
    chosen = [f for f in facts if f.effective_on <= as_of]
    chosen.sort(key=lambda f: (f.effective_on, f.recorded_at, f.id or 0))
    return chosen


_LOCAL_KEY = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def is_local_key(key: str | None) -> bool:
    """A key that is a database row number (`"7"`, or `"7.1"` when an imported fact held `"7"`):
    what a command gives the facts it records. Such a key names a fact in one database only;
    in a facts file it is read as the row number of the database that wrote it."""
    return bool(key) and _LOCAL_KEY.fullmatch(key or "") is not None


def portable_key(fact: Fact) -> str:
    """The key that names `fact` in any database: its own key, unless that is a row number
    (`is_local_key`), then `DATE-SUBJECT-KIND-HASH` (HASH: 12 hex digits of SHA-256 over the
    fact's content as stored, including when it was recorded, to the microsecond, in UTC).

    Deterministic: the same stored fact gives the same key at every export, and a database that
    recorded it recognises it in a file by that key (`mandates import`). Two facts recorded at
    different times never share one, so a fact withdrawn and recorded again stays two facts.
    """
    if not is_local_key(fact.fact_key):
        return fact.fact_key
    at = fact.recorded_at.in_timezone("UTC")
    parts = [fact.kind.value, fact.subject, fact.effective_on.isoformat(), str(fact.opens_on),
             str(fact.closes_on), fact.precision.value, str(fact.tentative), fact.venue or "",
             fact.venue_zh or "", fact.timezone or "", fact.mode.value if fact.mode else "",
             str(fact.part), fact.ref or "", fact.text or "", fact.text_zh or "",
             fact.voids or "", fact.source or "", str(fact.approximate), fact.written_in,
             fact.payload or "", at.format("YYYY-MM-DDTHH:mm:ss.SSSSSS")]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9.-]+", "-",
                  f"{fact.effective_on.isoformat()}-{fact.subject}-{fact.kind.value}")
    return f"{stem[:180]}-{digest}"
