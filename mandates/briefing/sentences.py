"""The words of a Bureau briefing: its layout model (sections, tables, items) and `Words`, which names
meetings, outputs, bodies, dates and mandates in one language (issue 5, item 4)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup
from pendulum import Date

from mandates.briefing.data import Briefing
from mandates.core.evaluate import OutputStatus
from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import Mode, Provenance, Title, split_ref
from mandates.words import i18n
from mandates.words.check import part_title, window_words
from mandates.words.en import lower_first
from mandates.words.i18n import Lang
from mandates.words.names import held_name, mode_name, part_name, provenance_name, venue_says_mode
from mandates.words.usertext import shown

PartKind = Literal["p", "h3", "table", "items", "bullets"]
SHORT_MEETING = re.compile(r"^[a-z]+[0-9a-z]*-\d+$")
COUNT_ORDER = (OutputStatus.DELIVERED, OutputStatus.OVERDUE, OutputStatus.DUE_SOON, OutputStatus.AT_RISK,
               OutputStatus.BLOCKED, OutputStatus.ON_TRACK)


def count_order(counts: dict[str, int]) -> tuple[OutputStatus, ...]:
    """The status columns of the briefing's tables: `COUNT_ORDER`, and cancelled or waived when
    any output is (so that the columns add up to the outputs counted)."""
    return (*COUNT_ORDER, OutputStatus.CANCELLED) if counts.get("cancelled") else COUNT_ORDER


@dataclass
class Table:
    """A table: headers, rows of cells, a tone per row (`late`, `new` or empty) and, where only
    some cells say something is wrong, a tone per cell (`cells[row][column]`: `late` for what is
    bad, `warn` for what needs watching, or empty)."""

    headers: list[str]
    rows: list[list[str]]
    tones: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)


@dataclass
class Item:
    """A titled block (a decision): lines, bullets, labelled sentences, a tone."""

    title: str
    lines: list[str]
    bullets: list[tuple[str, str]]
    labelled: list[tuple[str, str]]
    tone: str = ""
    badge: str = ""


@dataclass
class Part:
    """One piece of a section, in order."""

    kind: PartKind
    text: str = ""
    table: Table | None = None
    items: list[Item] = field(default_factory=list)
    bullets: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Section:
    """A section of the briefing: an anchor id, a heading and its parts."""

    id: str
    heading: str
    parts: list[Part]


@dataclass
class ChartView:
    """The timeline chart for HTML: legend, month axis, and the rows in pieces (`chart.Pieces`)."""

    legend: Markup
    axis: Markup
    rows: list[Markup]


@dataclass
class View:
    """Everything the templates print."""

    lang: Lang
    title: str
    subtitle: str
    intro: list[str]
    sections: list[Section]
    chart: ChartView
    chart_file: str
    chart_alt: str

    @property
    def open(self) -> str:
        """The bracket that opens a badge in markdown: `(` / full-width `（` in Chinese."""
        return "（" if self.lang == "zh" else "("

    @property
    def close(self) -> str:
        """The bracket that closes a badge in markdown: `)` / `）`."""
        return "）" if self.lang == "zh" else ")"


class Words:
    """Names, dates and sentences in one language, for one briefing."""

    def __init__(self, briefing: Briefing, lang: Lang) -> None:
        self.b, self.lang, self.plan = briefing, lang, briefing.plan

    def t(self, key: str, **values: str) -> str:
        """A phrase in this language."""
        return i18n.phrase(key, self.lang, **values)

    def date(self, day: Date) -> str:
        """A date (`13 January 2020` / `2020年1月13日`)."""
        return i18n.date_text(day, self.lang)

    def days(self, count: int) -> str:
        """A number of days."""
        return i18n.days(count, self.lang)

    def num(self, count: int) -> str:
        """A number."""
        return i18n.number(count, self.lang)

    def output(self, oid: str) -> str:
        """An output's title."""
        return self.plan.outputs[oid].title.get(self.lang)

    def meeting(self, mid: str) -> str:
        """A meeting's name inside a sentence: its short name (`WG2020-2`), else its title."""
        meeting = self.plan.meetings[mid]
        if meeting.short is not None:
            return meeting.short.get(self.lang)
        if SHORT_MEETING.match(mid):
            return mid.upper()
        title = meeting.title.get(self.lang)
        return title if self.lang == "zh" else "the " + lower_first(title)

    def output_ref(self, oid: str) -> str:
        """An output's name inside a sentence: its short name, else its title."""
        return self.plan.outputs[oid].name.get(self.lang)

    def meeting_ref(self, mid: str) -> str:
        """A meeting, or a part of one, inside a sentence: `COP-15`, `COP-15 (part two)` /
        `COP-15（第二阶段）`; an id the plan does not know, as it is."""
        if mid in self.plan.meetings:
            return self.meeting(mid)
        base, number = split_ref(mid, self.plan.meetings)
        if number is None:
            return mid
        state = self.b.evaluation.meetings.get(base)
        resumed = state is not None and not state.split
        return self.t("part_of", meeting=self.meeting(base),
                      part=part_name(number, resumed, self.lang))

    def meeting_title(self, mid: str) -> str:
        """A meeting's full title."""
        return self.plan.meetings[mid].title.get(self.lang)

    def body(self, body_id: str) -> str:
        """A body's name: the short name in English, the Chinese name in Chinese."""
        body = self.plan.bodies.get(body_id)
        if body is None:
            return body_id
        return body.name.zh if self.lang == "zh" and body.name.zh else body.short

    def who(self, oid: str) -> str:
        """The bodies responsible for an output."""
        return i18n.list_text([self.body(b) for b in self.plan.outputs[oid].responsible], self.lang)

    def mandate(self, oid: str) -> str:
        """An output's mandate."""
        return i18n.mandate_text(self.plan.outputs[oid].mandate, self.lang)

    def when(self, state: MeetingState) -> str:
        """When a meeting is held, as known."""
        if state.cancelled:
            return self.t("cancelled_when")
        if state.postponed:
            return self.t("postponed_when")
        note = self.t("unconfirmed" if state.held else "tbc")
        tbc = f"（{note}）" if self.lang == "zh" else f" ({note})"
        if state.opens_on is not None and state.closes_on is not None:
            text = i18n.span_text(state.opens_on, state.closes_on, self.lang)
            return text if state.confirmed else text + tbc
        if state.window is not None:
            return window_words(state.window, self.lang) + tbc
        return self.t("tbd_when")

    def part_when(self, part: PartState) -> str:
        """When a part is held, as known (days, a month window or a quarter)."""
        tbc = f"（{self.t('tbc')}）" if self.lang == "zh" else f" ({self.t('tbc')})"
        if part.opens_on is not None and part.closes_on is not None:
            text = i18n.span_text(part.opens_on, part.closes_on, self.lang)
            return text if part.confirmed else text + tbc
        if part.window is not None:
            return window_words(part.window, self.lang) + tbc
        return self.t("tbd_when")

    def place(self, venue: Title | None, mode: Mode) -> str:
        """`, Kunming, China`, `, Montreal, Canada (online)`, ` (online)` / `，中国昆明`,
        `（线上举行）`; nothing for a venue not known and held in person. A venue that already
        says the mode (`Online`, `Online (Edinburgh Process)` / `线上`) is not followed by it
        again (`words.names.venue_says_mode`)."""
        text = self.t("venue_sep", venue=shown(venue, self.lang)) if venue else ""
        if mode is not Mode.IN_PERSON and not venue_says_mode(venue, mode):
            text += self.t("mode_sep", mode=mode_name(mode, self.lang))
        return text

    def venue(self, state: MeetingState) -> str:
        """`, Kunming, China` / `，中国昆明`, with the mode when not in person; or nothing."""
        return self.place(state.venue, state.mode)

    def dates_place(self, state: MeetingState) -> str:
        """When and where a meeting is held; a meeting in parts part by part: `part one: 11–15
        October 2021, Kunming, China; part two: …` / `第一阶段：…；第二阶段：…`."""
        if not state.parts or state.postponed or state.cancelled:
            return self.when(state) + self.venue(state)
        return self.t("parts_sep").join(
            self.t("part_when", part=part_title(state, p, self.lang), when=self.part_when(p),
                   venue=self.place(p.venue, p.mode)) for p in state.parts)

    def where_when(self, mid: str) -> str:
        """`24–28 February 2020, Kunming, China`."""
        return self.dates_place(self.b.evaluation.meetings[mid])

    def held(self, state: MeetingState) -> str:
        """` (presumed held)`, ` (held, as recorded)` / `（推定已举行）`, `（已举行，有记录）`
        (no bracket inside a bracket); nothing when not said."""
        if state.held_provenance is None:
            return ""
        if state.held_provenance is Provenance.RECORDED:
            return self.t("held_mark_recorded")
        return self.t("held_mark", held=held_name(state.held_provenance, self.lang))

    def since_heading(self, since_key: str, date_key: str, plan_key: str) -> str:
        """A heading for what changed: since the last briefing (`since_key`), since the date
        asked for (`date_key`, `Moves since 6 January 2020`), or against the plan as adopted."""
        since = self.b.since
        if since.kind == "date" and since.on is not None:
            return self.t(date_key, date=self.date(since.on))
        return self.t(since_key if since.kind != "none" else plan_key)

    def new_mark(self) -> str:
        """`new since the last briefing`, or `new since 6 January 2020` with `--since DATE`."""
        since = self.b.since
        if since.kind == "date" and since.on is not None:
            return self.t("new_mark_date", date=self.date(since.on))
        return self.t("new_mark")

    def mark(self, oid: str) -> str:
        """Whether an output's status or date is presumed or assumed, as a badge: `presumed
        delivered`, `assumed quarterly (the text says 'regularly')`; `""` otherwise."""
        state = self.b.evaluation.outputs[oid]
        if state.provenance in (Provenance.PRESUMED, Provenance.ASSUMED):
            return provenance_name(state.provenance, state.assumption, self.lang)
        return ""

    def marks(self, *marks: str) -> str:
        """Badges joined: `new since the last briefing; assumed quarterly (…)`."""
        return self.t("mark_sep").join(m for m in marks if m)

    def label(self, key: str) -> str:
        """A label followed by a colon (`Consequence:` / `后果：`)."""
        return self.t(key) + ("：" if self.lang == "zh" else ":")

    def tn(self, key: str, amount: int, **values: str) -> str:
        """A phrase whose form depends on a count (`key_1` for one, when the table has it)."""
        single = f"{key}_1"
        return self.t(single if amount == 1 and single in i18n.PHRASES else key, **values)

    def cap(self, text: str) -> str:
        """First letter up in English (table headers)."""
        return text[:1].upper() + text[1:] if self.lang == "en" else text

    def sentence(self, parts: list[str]) -> str:
        """Clauses joined into one sentence, first letter up in English."""
        if self.lang == "zh":
            return "；".join(parts) + "。"
        text = "; ".join(parts) + "."
        return text[0].upper() + text[1:]
