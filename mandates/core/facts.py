"""Facts: what happened, with the date it took effect (DESIGN: fact). Appended, never edited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date, DateTime

from mandates.core.plan import Lang, Title


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


MEETING_KINDS = frozenset({FactKind.RESCHEDULED, FactKind.RELOCATED, FactKind.POSTPONED})
OUTPUT_KINDS = frozenset({FactKind.DELIVERED, FactKind.RECEIVED, FactKind.WAIVED})
ANY_KINDS = frozenset({FactKind.CANCELLED, FactKind.NOTE})


@dataclass(frozen=True, slots=True)
class Fact:
    """Something that happened to a meeting or an output, effective on a date.

    What a user typed (`text` of a note or waiver, `venue` of a rescheduling, `ref` of a
    delivery) is kept as written, in the language `written_in` (English for facts recorded
    before languages were kept). `venue_zh` is the Chinese form of a venue written in English,
    when the user gave one.
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

    def venue_title(self) -> Title | None:
        """The new venue in both languages: given in both, or as written and marked so."""
        if not self.venue:
            return None
        if self.venue_zh:
            return Title(self.venue, self.venue_zh)
        return Title(self.venue, self.venue, written_in=self.written_in)

    def text_title(self) -> Title | None:
        """A note's or a reason's text as written, with the language it was written in (the same
        text on both sides, `written_in` set: see `Title`); None when there is no text."""
        if not self.text:
            return None
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
