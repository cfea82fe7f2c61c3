"""Feeds of a selection (issue 10, part 1): the named selections of the settings
(`feeds.selections`), published with every other feed, and one-off feeds of the
`--body/--meeting/--responsible/--status` filters (`mandates feeds -o FILE`).

A selection chooses what `mandates check` chooses with the same filters (`core.select`: the
values of one criterion or'ed, the criteria and'ed): the chosen meetings' events (every part),
the chosen outputs' deadlines and, in a private selection, their late-input warnings (active
and resolved), internal deadlines and notes. Its events are the very events of the other feeds
(same UID, dates, SEQUENCE, DTSTAMP: the same renderings, `publish._variant`). A public
selection is `selection-<name>.<lang>.ics` beside the other public feeds; a private one
(`private: true`) is `private/selection-<name>.<lang>.ics`, served only under the token
`feeds.tokens.selection-<name>`, as the secretariat feed is under `feeds.tokens.secretariat`.

Unknown ids are refused before anything is written (`check_selections`: SettingsError, exit 2,
with the settings file, line, field and the nearest valid ids).
"""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pendulum import Date

from mandates.config.settings import FeedSelection, FeedSettings, Settings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.core.select import Selection, select, unknown_ids
from mandates.core.statuses import OutputStatus
from mandates.errors import SettingsError
from mandates.feeds.items import Item, ItemKind
from mandates.words.selections import selection_about, selection_title

if TYPE_CHECKING:  # publish imports this module when it writes
    from mandates.feeds.publish import FeedSpec
    from mandates.store.db import Store

PREFIX = "selection-"
"""A selection's feed is `selection-<name>`: never the name of a fixed or a body's feed."""

_FIELDS = {"bodies": "body", "meetings": "meeting", "responsible": "responsible"}


def selection_of(chosen: FeedSelection) -> Selection:
    """The settings' selection as `core.select` takes it."""
    return Selection(frozenset(chosen.body), frozenset(chosen.meeting), frozenset(chosen.responsible),
                     frozenset(OutputStatus(s) for s in chosen.status))


def check_selections(plan: Plan, feeds: FeedSettings) -> None:
    """Every id of every selection names a body or a meeting of the process; else SettingsError
    (exit 2) listing each unknown id as `file:line: feeds.selections.<name>.<key>: ...` with the
    nearest valid ids (as `core.select.unknown_ids` does for the command's options)."""
    problems: list[str] = []
    for name, chosen in feeds.selections.items():
        for criterion, value, valid in unknown_ids(plan, selection_of(chosen)):
            key = _FIELDS[criterion]
            written = getattr(chosen, key)
            at = feeds.where(name, key, written.index(value)) if value in written else feeds.where(name)
            near = difflib.get_close_matches(value, valid, n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else f" ({len(valid)} are defined)"
            kind = "meeting" if criterion == "meetings" else "body"
            problems.append(f"{at}: feeds.selections.{name}.{key}: no such {kind} {value!r}{hint}")
    if len(problems) == 1:
        raise SettingsError(problems[0])
    if problems:
        raise SettingsError(f"{len(problems)} problems in the settings; nothing was written",
                            tuple(problems))


def chooser(evaluation: Evaluation, selection: Selection, private: bool) -> Callable[[Item], bool]:
    """Whether an item is in the selection's feed: a meeting's event when the meeting is chosen,
    a deadline or a late-input warning when its output is; public items only unless `private`."""
    chosen = select(evaluation, selection)
    meetings, outputs = frozenset(chosen.meetings), frozenset(chosen.outputs)

    def take(item: Item) -> bool:
        if item.kind is ItemKind.MEETING:
            return item.subject in meetings
        if item.kind is ItemKind.DEADLINE:
            return item.subject in outputs and (private or item.public)
        return private and item.subject in outputs  # late-input warnings: the secretariat's

    return take


def selection_specs(evaluation: Evaluation, settings: Settings, taken: Sequence[str]) -> list[FeedSpec]:
    """The feeds of the settings' selections (`publish.FeedSpec`), after the feeds named `taken`;
    SettingsError when a selection's feed name is one of them (a body `selection-x`)."""
    specs: list[FeedSpec] = []
    for name, chosen in sorted(settings.feeds.selections.items()):
        feed = PREFIX + name
        if feed in taken:
            raise SettingsError(f"{settings.feeds.where(name)}: feeds.selections.{name}: its feed "
                                f"{feed!r} is already another feed's name; choose another name")
        specs.append(spec_of(evaluation, feed, chosen))
    return specs


def spec_of(evaluation: Evaluation, feed: str, chosen: FeedSelection) -> FeedSpec:
    """One selection's `publish.FeedSpec`, named `feed`."""
    from mandates.feeds.publish import FeedSpec

    plan = evaluation.plan
    about = selection_about(plan, chosen.body, chosen.meeting, chosen.responsible, chosen.status,
                            chosen.private)
    return FeedSpec(feed, selection_title(feed.removeprefix(PREFIX), chosen.private), about,
                    chosen.private, chooser(evaluation, selection_of(chosen), chosen.private),
                    alarms=chosen.private)


def one_feed(founding: Plan, store: Store | str | None, facts: Sequence[Fact], as_of: Date,
             settings: Settings, chosen: FeedSelection, lang: str) -> bytes:
    """The feed of one selection in one language, as a publication would write it (the same
    events, SEQUENCE and DTSTAMP), written nowhere but in a temporary folder: for a one-off
    subscription file or a mail attachment. Raises SettingsError (unknown ids) and
    FileWriteError (the temporary folder)."""
    from mandates.feeds.cache import Cache
    from mandates.feeds.publish import _write, floors

    values = [*chosen.body, *chosen.meeting, *chosen.responsible, *chosen.status]
    name = "-".join(v.replace("_", "-") for v in values) or "all"  # its title: `Selection: cop-15`
    only = settings.model_copy(update={"feeds": settings.feeds.model_copy(
        update={"selections": {name: chosen}})})
    check_selections(founding, only.feeds)
    evaluation = evaluate(founding, facts, as_of)
    spec = spec_of(evaluation, PREFIX + name, chosen)
    with tempfile.TemporaryDirectory(prefix="mandates-selection-") as folder:
        out = Path(folder)
        _write(evaluation, founding, floors(store, founding.process.id), Cache(out, None), out, only,
               only=[spec])
        return (out / spec.file(lang)).read_bytes()
