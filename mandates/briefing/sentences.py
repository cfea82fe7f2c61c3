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
from mandates.core.meetings import MeetingState
from mandates.words import i18n
from mandates.words.en import lower_first
from mandates.words.i18n import Lang
from mandates.words.usertext import shown

PartKind = Literal["p", "h3", "table", "items", "bullets"]
SHORT_MEETING = re.compile(r"^[a-z]+[0-9a-z]*-\d+$")
COUNT_ORDER = (OutputStatus.DELIVERED, OutputStatus.OVERDUE, OutputStatus.DUE_SOON, OutputStatus.AT_RISK,
               OutputStatus.BLOCKED, OutputStatus.ON_TRACK)


@dataclass
class Table:
    """A table: headers, rows of cells, a tone per row (`late`, `new` or empty)."""

    headers: list[str]
    rows: list[list[str]]
    tones: list[str] = field(default_factory=list)


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
class View:
    """Everything the templates print."""

    lang: Lang
    title: str
    subtitle: str
    intro: list[str]
    sections: list[Section]
    chart_svg: Markup
    chart_file: str
    chart_alt: str


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
            return i18n.window_text(state.window.earliest, state.window.latest, self.lang) + tbc
        return self.t("tbd_when")

    def venue(self, state: MeetingState) -> str:
        """`, Kunming, China` / `，中国昆明`, or nothing."""
        return self.t("venue_sep", venue=shown(state.venue, self.lang)) if state.venue else ""

    def where_when(self, mid: str) -> str:
        """`24–28 February 2020, Kunming, China`."""
        state = self.b.evaluation.meetings[mid]
        return self.when(state) + self.venue(state)

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
