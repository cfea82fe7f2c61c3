"""Calendar items: what one all-day event (or to-do) says, in both languages (issue 4, items 2-3).

An item is language-neutral (every text is a `Title`) and knows which feeds it belongs to; the
items are made by `meeting_items`, `deadline_items` and `warning_items`, gathered by `build`, and
written by `ics`. UIDs derive from ids only (DESIGN). `Item.sig` is what SEQUENCE counts
(`history`): the significant properties of RFC 5546 (dates, location, summary, status).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Title
from mandates.words.feeds import LABELS, date_title, label
from mandates.words.usertext import marked


class ItemKind(StrEnum):
    """What an item is: a meeting (or a part of one), a deadline, or a late-input warning (staff)."""

    MEETING = "meeting"
    DEADLINE = "deadline"
    WARNING = "late-input"


Sig = tuple[Date, Date, Title | None, Title, str | None]
"""An event's significant properties: DTSTART, DTEND, LOCATION, SUMMARY, STATUS."""

TaskSig = tuple[Date, Title, str]
"""A to-do's significant properties: DUE, SUMMARY, STATUS."""


@dataclass(frozen=True, slots=True)
class Item:
    """One all-day calendar entry, in both languages, with what decides the feeds it is in.

    `key` is the UID without the process (`meeting-cop-15-part-2`); `subject` the id of the
    meeting or output it shows (notes are those recorded on it); `start`..`end` the days, `end`
    exclusive; `open` an undelivered, uncancelled deadline (reminders); `completed_on` the day a
    deadline was delivered (the to-do's COMPLETED).
    """

    key: str
    kind: ItemKind
    start: Date
    end: Date
    summary: Title
    description: Title
    location: Title | None
    status: str | None
    categories: tuple[Title, ...]
    bodies: frozenset[str]
    public: bool
    open: bool
    completed_on: Date | None = None
    notes: Title | None = None  # notes recorded on it, for the secretariat feed only
    subject: str = ""

    def uid(self, process: str) -> str:
        """`meeting-wg2020-2@post2020.mandates`: from ids only, never dates or titles (DESIGN)."""
        return f"{self.key}@{process}.mandates"

    @property
    def sig(self) -> Sig:
        """What a change of raises SEQUENCE (RFC 5546 2.1.4): dates, location, summary, status."""
        return (self.start, self.end, self.location, self.summary, self.status)

    @property
    def task_status(self) -> str:
        """The to-do's STATUS: CANCELLED, COMPLETED (delivered) or NEEDS-ACTION."""
        if self.status == "CANCELLED":
            return "CANCELLED"
        return "COMPLETED" if self.completed_on is not None else "NEEDS-ACTION"

    @property
    def task_sig(self) -> TaskSig:
        """What a change of raises the to-do's SEQUENCE: due date, summary, status."""
        return (self.start, self.summary, self.task_status)


def join(lines: list[Title]) -> Title:
    """Lines of text, one per line, in both languages."""
    return Title("\n".join(t.en for t in lines), "\n".join(t.zh for t in lines))


def line(key: str, value: Title | str) -> Title:
    """`Label: value` in both languages (`words.feeds.LABELS`)."""
    text = value if isinstance(value, Title) else Title(value, value)
    tag = LABELS[key]
    return Title(tag.en + text.en, (tag.zh or tag.en) + text.zh)


_AFTER: dict[Date, Date] = {}


def day_after(day: Date) -> Date:
    """The next day (an all-day event's exclusive end): `day.add(days=1)`, by ordinal and kept
    once made (few distinct days; pendulum's `add` costs ~8 µs, once per item)."""
    found = _AFTER.get(day)
    if found is None:
        found = _AFTER[day] = Date.fromordinal(day.toordinal() + 1)
    return found


def prefixed(key: str, title: Title) -> Title:
    """A title behind a label: `Cancelled: ...` / `已取消：...`."""
    return Title(label(key, "en") + title.en, label(key, "zh") + title.zh)


def suffixed(title: Title, key: str) -> Title:
    """A title followed by a label: `... (to be confirmed)` / `...（待确认）`."""
    return Title(title.en + label(key, "en"), title.zh + label(key, "zh"))


def notes_title(facts: Sequence[Fact]) -> Title | None:
    """The notes recorded on a meeting or an output, oldest first: `Notes:` then `- 10 January
    2020: text` lines, each text as written and marked untranslated in the other language
    (`（英文原文）`); None when there are none. Notes are the secretariat's own records, so only the
    private feed shows them (`feeds.ics.event`, `notes=True`)."""
    if not facts:  # most meetings and outputs: nothing recorded
        return None
    lines = [Title(label("notes", "en"), label("notes", "zh"))]
    for fact in facts:
        text = fact.text_title() if fact.kind is FactKind.NOTE else None
        if text is not None:
            when, shown = date_title(fact.effective_on), marked(text)
            lines.append(Title(f"- {when.en}: {shown.en}", f"- {when.zh}：{shown.zh}"))
    return join(lines) if len(lines) > 1 else None


def expired(day: Date | None, as_of: Date, keep_days: int) -> bool:
    """Whether something cancelled on `day` has been kept `keep_days` already as of `as_of`."""
    return day is not None and as_of.toordinal() - day.toordinal() > keep_days
