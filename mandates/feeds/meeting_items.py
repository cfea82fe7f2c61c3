"""Meetings as calendar events: one event per meeting, or one per part (issue 9, part 6).

A meeting held in one go is one all-day event, `meeting-<id>`. A meeting held in parts (a resumed
session, a split) is one event per dated part: part 1 keeps the meeting's own UID, so subscribers
see the meeting move rather than vanish and reappear; the other parts are `meeting-<id>-part-<n>`.
Each part has its own dates, venue, zone and mode; an online part says so in its LOCATION and its
description. Cancelled and retired meetings stay, `STATUS:CANCELLED`, as long as `build` keeps
them. Undated meetings and parts are in no feed (they appear once dated).
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date

from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import Amendment, Meeting, Mode, Plan, Title, Window
from mandates.feeds.items import Item, ItemKind, day_after, join, line, notes_title, prefixed, suffixed
from mandates.words.feeds import (
    LABELS,
    MODES,
    annex_text,
    body_title,
    date_title,
    label,
    mandate_title,
    online_location,
    part_label,
    part_title,
    span_title,
    window_title,
)
from mandates.words.usertext import marked


@dataclass(frozen=True, slots=True)
class _Shape:
    """Where and when a meeting, or one part of it, is held."""

    opens_on: Date | None
    closes_on: Date | None
    window: Window | None
    venue: Title | None
    timezone: str
    mode: Mode
    confirmed: bool

    def days(self) -> tuple[Date, Date, Title, bool] | None:
        """First and last day, the days in words, and whether they are tentative; None if undated."""
        if self.opens_on is not None and self.closes_on is not None:
            return self.opens_on, self.closes_on, span_title(self.opens_on, self.closes_on), \
                not self.confirmed
        if self.window is not None:
            earliest, latest = self.window.earliest, self.window.latest
            return earliest, latest, window_title(earliest, latest), True
        return None

    def differs_from(self, meeting: Meeting) -> bool:
        """Whether its days or venue are not those planned."""
        return (self.opens_on, self.closes_on, self.window, self.venue) != (
            meeting.opens_on, meeting.closes_on, meeting.window, meeting.venue)


def _planned_shape(meeting: Meeting) -> _Shape:
    return _Shape(meeting.opens_on, meeting.closes_on, meeting.window, meeting.venue,
                  meeting.timezone, meeting.mode, meeting.confirmed)


def _whole(state: MeetingState) -> _Shape:
    shape = _Shape(state.opens_on, state.closes_on, state.window, state.venue, state.timezone,
                   state.mode, state.confirmed)
    if shape.days() is None and (state.postponed or state.cancelled or state.retired):
        return _planned_shape(state.meeting)  # stays on its last known dates (docs/feeds.md)
    return shape


def _part(part: PartState) -> _Shape:
    return _Shape(part.opens_on, part.closes_on, part.window, part.venue, part.timezone,
                  part.mode, part.confirmed)


def meeting_items(plan: Plan, state: MeetingState, retired_by: Amendment | None = None) -> list[Item]:
    """A meeting as all-day events: one, or one per dated part; none when it has no dates (TBD).

    `retired_by` is the amendment that took the meeting out of the plan (shown cancelled).
    """
    m = state.meeting
    if not state.parts:
        item = _event(plan, state, _whole(state), f"meeting-{m.id}", m.title, [], retired_by)
        return [item] if item is not None else []
    overview = _parts_overview(state.parts)
    items = []
    for part in state.parts:
        key = f"meeting-{m.id}" if part.number == 1 else f"meeting-{part.id}"
        item = _event(plan, state, _part(part), key, part_title(m.name, part.number), overview,
                      retired_by)
        if item is not None:
            items.append(item)
    return items


def _parts_overview(parts: tuple[PartState, ...]) -> list[Title]:
    lines = [Title(label("parts", "en"), label("parts", "zh"))]
    for part in parts:
        name = part_label(part.number)
        days = _part(part).days()
        when = days[2] if days is not None else LABELS["tbd"]
        where = marked(part.venue) if part.venue is not None else None
        online = online_location(where, part.mode.value)
        place = online or where
        en = f"- {name.en}: {when.en}" + (f", {place.en}" if place else "")
        zh = f"- {name.zh}：{when.zh}" + (f"，{place.zh}" if place else "")
        lines.append(Title(en, zh))
    return lines


def _event(plan: Plan, state: MeetingState, shape: _Shape, key: str, title: Title,
           overview: list[Title], retired_by: Amendment | None) -> Item | None:
    days = shape.days()
    if days is None:
        return None
    start, last, when, tentative = days
    m = state.meeting
    cancelled = state.cancelled or state.retired or retired_by is not None
    if cancelled:
        status, summary = "CANCELLED", prefixed("cancelled", title)
    elif state.postponed:
        status, summary = "TENTATIVE", prefixed("postponed", title)
    elif tentative:
        status, summary = "TENTATIVE", suffixed(title, "tbc")
    else:
        status, summary = "CONFIRMED", title
    lines = [m.title]
    if title is not m.title:
        lines.append(title)
    if m.description:
        lines.append(m.description)
    lines.append(line("when", suffixed(when, "tbc") if tentative else when))
    venue = marked(shape.venue) if shape.venue is not None else None  # typed in one language
    if venue is not None:
        lines.append(line("where", venue))
    if shape.mode is not Mode.IN_PERSON:
        lines.append(line("mode", MODES[shape.mode.value]))
    lines.append(line("zone", shape.timezone))
    body = plan.bodies.get(m.body)
    if body is not None:
        lines.append(line("convened", body.name))
    if m.mandate:
        lines.append(line("mandate", mandate_title(m.mandate)))
    if m.element is not None:
        lines.append(line("element", m.element))
    lines.append(line("annex", Title(annex_text(m.type, m.table, "en"), annex_text(m.type, m.table, "zh"))))
    lines += overview
    if shape.differs_from(m):
        lines.append(line("planned", _planned(m)))
    if retired_by is not None:
        day = date_title(retired_by.effective_on)
        lines.append(Title(f"{label('retired', 'en')}{retired_by.symbol} ({day.en}).",
                           f"{label('retired', 'zh')}{retired_by.symbol}（{day.zh}）。"))
    elif cancelled:
        lines.append(Title(label("cancelled_note", "en"), label("cancelled_note", "zh")))
    elif state.postponed:
        lines.append(Title(label("postponed_note", "en"), label("postponed_note", "zh")))
    location = online_location(venue, shape.mode.value) or venue
    return Item(key, ItemKind.MEETING, start, day_after(last), summary, join(lines), location,
                status, (body_title(plan, m.body),), frozenset({m.body}), True, False,
                notes=notes_title(state.facts), subject=m.id)


def _planned(m: Meeting) -> Title:
    days = _planned_shape(m).days()
    when = days[2] if days is not None else LABELS["tbd"]
    if m.venue is None:
        return when
    return Title(f"{when.en}, {m.venue.en}", f"{when.zh}，{m.venue.zh}")
