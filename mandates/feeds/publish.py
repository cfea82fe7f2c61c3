"""Evaluation -> subscribable iCalendar feeds in calendars/ (DESIGN.md: rules that matter).

Feeds, each in English and Chinese (`all.en.ics`, `all.zh.ics`, ...): `all` (meetings and public
deadlines), `meetings`, one per body, `deadlines-public`, `tasks` (VTODO, optional) and the private
`secretariat` feed (everything, with late-input warnings and reminders), written under `private/`.
UIDs derive from ids; SEQUENCE, DTSTAMP and LAST-MODIFIED derive from (plan, facts, as_of)
(`feeds.history`), so a feed regenerated with nothing changed is byte-identical and feeds for any
date are the same whatever order they are written in. A feed with nothing dated holds one event
saying so (RFC 5545 3.6); no calendar carries a calendar-level UID (issue 11).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date, DateTime

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact
from mandates.core.gcpause import paused_gc
from mandates.core.plan import Plan, Title
from mandates.feeds import ics as icsfmt
from mandates.feeds.assemble import CACHE_FOLDERS, PUBLISHED, Feed, Renderer, assemble
from mandates.feeds.build import build_items, resolved_items
from mandates.feeds.cache import Cache, Lock, files_now, inputs
from mandates.feeds.history import plan_epoch, stamps
from mandates.feeds.items import Item, ItemKind
from mandates.store.files import Audience, clean_leftovers, write_files
from mandates.words.feeds import LABELS, LANGS, body_feed_about

if TYPE_CHECKING:
    import datetime as dt

    from mandates.store.db import Store


PRIVATE_DIR = "private"
MANIFEST = "feeds.json"
FIXED = ("all", "meetings", "deadlines-public", "secretariat", "tasks")
UNDATED = Title(
    " Meetings whose dates are still to be determined (TBD), and deadlines that hang on them, "
    "appear once dates are set; dates not yet confirmed are marked tentative.",
    "日期待定的会议及取决于这些会议的截止日期，在日期确定后才会列入；尚未确认的日期标为暂定。")


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its name, what it contains, who may read it and which items it selects."""

    name: str
    title: Title
    about: Title
    private: bool
    select: Callable[[Item], bool]
    tasks: bool = False
    alarms: bool = False
    body: str | None = None
    """A body's feed: `select` is `_of_body(body)` (items picked from the public ones at once)."""

    def file(self, lang: str) -> str:
        """Where the feed is written, relative to the calendars folder."""
        name = f"{self.name}.{lang}.ics"
        return f"{PRIVATE_DIR}/{name}" if self.private else name


def _public(item: Item) -> bool:
    return item.kind is ItemKind.MEETING or (item.kind is ItemKind.DEADLINE and item.public)


def _public_deadline(item: Item) -> bool:
    return item.kind is ItemKind.DEADLINE and item.public


def _of_body(body: str) -> Callable[[Item], bool]:
    return lambda item: _public(item) and body in item.bodies


def feed_specs(plan: Plan, settings: Settings) -> list[FeedSpec]:
    """The feeds of a process: fixed ones, then one per body with meetings or public outputs."""
    specs = [
        FeedSpec("all", Title("All meetings and deadlines", "全部会议和截止日期"),
                 Title("Every meeting and every public deadline.", "全部会议和全部公开截止日期。"),
                 False, _public),
        FeedSpec("meetings", Title("Meetings", "会议"),
                 Title("Every meeting, consultation and workshop.", "全部会议、磋商和讲习班。"),
                 False, lambda item: item.kind is ItemKind.MEETING),
        FeedSpec("deadlines-public", Title("Public deadlines", "公开截止日期"),
                 Title("What Parties, observers and the bodies of the process must deliver, and when.",
                       "缔约方、观察员和进程各机构须提交的产出及其截止日期。"),
                 False, _public_deadline),
        FeedSpec("secretariat", Title("Secretariat (private)", "秘书处（内部）"),
                 Title("Every meeting and every deadline, internal ones included, with late-input "
                       "warnings.", "全部会议和全部截止日期（包括内部截止日期），以及投入延误提醒。"),
                 True, lambda item: True, alarms=True),
    ]
    if settings.feeds.tasks_feed:
        specs.append(FeedSpec("tasks", Title("Deadlines as tasks", "截止日期（任务）"),
                              Title("Public deadlines as to-dos, for clients that show tasks.",
                                    "以待办事项形式列出的公开截止日期，供可显示任务的日历客户端使用。"),
                              False, _public_deadline, tasks=True))
    used = set()
    for meeting in plan.meetings.values():
        used.add(meeting.body)
    for output in plan.outputs.values():
        if output.audience.value == "public":
            used.update(output.responsible)
    for body_id in sorted(used):
        body = plan.bodies.get(body_id)
        if body is None:
            continue
        name = f"body-{body_id}" if body_id in FIXED else body_id
        specs.append(FeedSpec(name, Title(body.short, body.name.zh), body_feed_about(plan, body_id),
                              False, _of_body(body_id), body=body_id))
    return specs


def _variant(spec: FeedSpec, lang: str) -> str:
    """Which rendering of an event a feed carries: one for every public feed, one for the
    private feed (reminders, notes), one for the to-dos."""
    kind = "tasks" if spec.tasks else "secretariat" if spec.private else "public"
    return f"{kind}.{lang}"


@dataclass(frozen=True, slots=True)
class Floor:
    """The SEQUENCE 0.2.0 last published for a UID, and when (`feed_event`)."""

    sequence: int
    published: DateTime


def floors(store: Store | str | None, process: str) -> dict[str, Floor]:
    """What 0.2.0 published for each UID of a process (`feed_event`, no longer written since
    0.3.0; the highest number among the renderings, and the latest time it was published).
    `store`: an open Store, or a database URL (None: the default file), read with `sqlite3`
    when it is a SQLite file at the current schema, else opened (and migrated) as a Store.
    Raises StoreError when the database cannot be opened."""
    if store is None or isinstance(store, str):
        from mandates.store.reader import default_url, feed_floors, normalise_url

        url = normalise_url(store) if store else default_url()
        rows = feed_floors(url, process)
        if rows is None:
            from mandates.store.db import opened

            rows = _orm_floors(opened(url), process)
    else:
        rows = _orm_floors(store, process)
    found: dict[str, Floor] = {}
    for feed, uid, top, when in rows:
        # the to-do feeds stored the event's UID; the VTODO published carried it as `task-UID`
        key = f"task-{uid}" if feed.startswith("tasks.") and not uid.startswith("task-") else uid
        moment = pendulum.instance(when if when.tzinfo else when.replace(tzinfo=pendulum.UTC))
        floor = Floor(int(top), moment.in_timezone("UTC"))
        old = found.get(key)
        found[key] = floor if old is None else Floor(max(old.sequence, floor.sequence),
                                                     max(old.published, floor.published))
    return found


def _orm_floors(store: Store, process: str) -> list[tuple[str, str, int, dt.datetime]]:
    """`feed_event`'s floors through the ORM (PostgreSQL, or a SQLite file to migrate first)."""
    from sqlalchemy import func
    from sqlmodel import select

    from mandates.store.db import FeedEventRow

    with store.session() as session:
        rows = session.exec(select(FeedEventRow.feed, FeedEventRow.uid,
                                   func.max(FeedEventRow.sequence),
                                   func.max(FeedEventRow.changed_at))
                            .where(FeedEventRow.process == process)
                            .group_by(FeedEventRow.feed, FeedEventRow.uid))
        return [(str(feed), str(uid), int(top), when) for feed, uid, top, when in rows]


def _floor_key(uid: str, process: str) -> str:
    """The key `history` counts a UID's changes under (`task:<key>` for a to-do)."""
    key = uid.removesuffix(f"@{process}.mandates")
    return "task:" + key.removeprefix("task-") if key.startswith("task-") else key


def sequence(changes: int, floor: Floor | None, counted_by: int | None, as_of: Date, zone: str) -> int:
    """The SEQUENCE to publish: the changes counted, or, for a UID 0.2.0 published, its number
    then plus the changes since (never below it): `floor + max(0, changes - counted_by)`, where
    `counted_by` are the changes counted up to the day it was published (for an earlier
    evaluation date, the floor itself)."""
    if floor is None:
        return changes
    if as_of < floor.published.in_timezone(zone).date():
        return floor.sequence
    return floor.sequence + max(0, changes - (counted_by or 0))


@functools.lru_cache(maxsize=4096)
def _moment(day: Date, zone: str) -> DateTime:
    """The start of a day in the process's time zone: when what took effect that day did
    (cached: few distinct days, and pendulum loads the zone for each call)."""
    return pendulum.datetime(day.year, day.month, day.day, tz=_zone(zone)).in_timezone("UTC")


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> pendulum.Timezone:
    """A time zone, loaded once (pendulum reads its file again for each `datetime(tz=name)`)."""
    return pendulum.timezone(name)


def undated_item(spec: FeedSpec, epoch: Date) -> Item:
    """The one event of a feed whose items all lack dates (RFC 5545 3.6: a calendar has at least
    one component): on the founding plan's first day, saying that dates are still to come."""
    return Item(f"no-dates-{spec.name}", ItemKind.WARNING, epoch, epoch.add(days=1),
                LABELS["nothing_dated"], LABELS["nothing_dated_note"], None, None, (), frozenset(),
                not spec.private, False)


def manifest(plan: Plan, specs: list[FeedSpec], as_of: Date) -> bytes:
    """`feeds.json`: the day the feeds are as of (`as_of`, YYYY-MM-DD) and every feed file with
    its title and contents, for the server's index (`words.feeds.index_as_of` says the day)."""
    feeds = [{"name": spec.name, "lang": lang, "file": spec.file(lang), "private": spec.private,
              "tasks": spec.tasks, "title": spec.title.get(lang), "about": spec.about.get(lang)}
             for spec in specs for lang in LANGS]
    data = {"process": plan.process.id, "title": {"en": plan.process.title.en,
                                                  "zh": plan.process.title.zh},
            "as_of": as_of.isoformat(), "feeds": feeds}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_feeds(evaluation: Evaluation, store: Store | str | None, out_dir: Path, settings: Settings,
                now: DateTime, *, founding: Plan) -> list[Path]:
    """Write every feed of the evaluation atomically; return their paths (DESIGN: feeds).

    `founding` is the plan `evaluate` was given (with every amendment file; `evaluation.plan` is
    the plan as of the date), so that SEQUENCE counts the amendments as well as the facts.
    SEQUENCE, DTSTAMP and LAST-MODIFIED derive from (plan, facts, as_of) (`feeds.history`), plus
    the numbers 0.2.0 published (`floors`); `now` is not written into any feed. A feed whose
    bytes did not change is not rewritten; only events whose content changed are rendered again,
    and a publication of the same inputs as the last one, whose files are as it left them, writes
    nothing (`feeds.cache`, `feeds.assemble`). Public feeds and the manifest are world-readable;
    private feeds are secretariat files (mode 0640, the `secretariat_group` setting's group).
    Raises FileWriteError when a file cannot be written (the previous files stay as they were).
    """
    del now  # since 0.3.0 every stamp is a function of what took effect, not of the run
    return _publish(founding, evaluation.facts, evaluation.as_of, lambda: evaluation, store,
                    out_dir, settings)


def _publish(founding: Plan, facts: Sequence[Fact], as_of: Date, evaluation: Callable[[], Evaluation],
             store: Store | str | None, out_dir: Path, settings: Settings) -> list[Path]:
    """Under the folder's lock, with what a killed publication left removed (issue 11, part 10):
    nothing when the inputs and the files are as the last publication left them, else `_write`."""
    from mandates.feeds.selections import check_selections

    check_selections(founding, settings.feeds)  # unknown ids: refused before anything is written
    floor = floors(store, founding.process.id)
    with Lock(out_dir):
        clean_leftovers((out_dir / folder for folder in CACHE_FOLDERS), PUBLISHED)
        cache = Cache(out_dir, settings.secretariat_group)
        digest = inputs(founding.fingerprint, facts, as_of, settings.feeds, settings.secretariat_group,
                        sorted(floor.items()))
        last = cache.publication()
        if last is not None and last[0] == digest and files_now(out_dir, last[1]) == last[1]:
            return [out_dir / name for name in last[1] if name != MANIFEST]
        cache.forget_publication()
        with paused_gc():  # many objects that all stay alive: nothing for it to collect
            names = _write(evaluation(), founding, floor, cache, out_dir, settings)
        left = files_now(out_dir, [*names, MANIFEST])
        if left is not None:
            cache.keep_publication(digest, left)
    return [out_dir / name for name in names]


def _write(evaluation: Evaluation, founding: Plan, floor: dict[str, Floor], cache: Cache,
           out_dir: Path, settings: Settings, only: list[FeedSpec] | None = None) -> list[str]:
    """Write the feeds (those of the process and of `feeds.selections`) and the manifest; the
    feed files, relative to `out_dir`. `only`: those feeds alone, and no manifest (a one-off
    feed of a selection, `feeds.selections.one_feed`)."""
    from mandates.feeds.selections import selection_specs

    plan = evaluation.plan
    process = plan.process
    specs = only if only is not None else feed_specs(plan, settings)
    if only is None:
        specs += selection_specs(evaluation, settings, [spec.name for spec in specs])
    items = build_items(evaluation, settings.feeds.keep_cancelled_days)
    cutoffs = {_floor_key(uid, process.id): f.published.in_timezone(process.timezone).date()
               for uid, f in floor.items()}
    found = stamps(founding, evaluation, items, settings.feeds.keep_cancelled_days, cutoffs=cutoffs)
    items += resolved_items(evaluation, found.resolved)
    items.sort(key=lambda i: (i.start, i.key))
    epoch = plan_epoch(founding)
    zone = process.timezone

    made: dict[str, dict[str, tuple[int, bytes]]] = {"public": {}, "secretariat": {}, "tasks": {}}
    written: dict[Date, bytes] = {}  # DTSTAMP of what took effect on a day (few distinct days)

    def stamp(variant: str, item: Item) -> tuple[int, bytes]:
        # the same in both languages: made once per item and kind of rendering
        kind, key = variant[:variant.index(".")], item.key
        of_kind = made[kind]
        done = of_kind.get(key)
        if done is not None:
            return done
        if kind == "tasks":
            counted, changes = f"task:{key}", found.task_sequence.get(key, 0)
        else:
            counted, changes = key, found.sequence.get(key, 0)
        day = (found.private_on if kind == "secretariat" else found.public_on).get(key, epoch)
        old = None
        if floor:  # what 0.2.0 published, by UID
            uid = item.uid(process.id)
            old = floor.get(f"task-{uid}" if kind == "tasks" else uid)
        if old is None:
            moment = written.get(day)
            if moment is None:
                moment = written[day] = icsfmt.stamp_text(_moment(day, zone))
            done = of_kind[key] = changes, moment  # `sequence` of no floor: the changes counted
            return done
        number = sequence(changes, old, found.counted_by.get(counted), evaluation.as_of, zone)
        done = of_kind[key] = number, icsfmt.stamp_text(max(_moment(day, zone), old.published))
        return done

    variants: dict[str, list[Feed]] = {}
    public = [i for i in items if _public(i)]
    for spec in specs:
        body = spec.body
        if body is not None:
            selected = [i for i in public if body in i.bodies]
        else:
            selected = list(public) if spec.select is _public else [i for i in items if spec.select(i)]
        for lang in LANGS:
            name = f"{spec.title.get(lang)} — {process.title.get(lang)}"
            about = (spec.about.get(lang) + (" " if lang == "en" else "") + _source(plan, lang)
                     + UNDATED.get(lang))
            empty = None if selected else icsfmt.stamped(icsfmt.render(icsfmt.event(
                undated_item(spec, epoch), process.id, lang)), 0, _moment(epoch, zone))
            audience = Audience.SECRETARIAT if spec.private else Audience.PUBLIC
            variants.setdefault(_variant(spec, lang), []).append(
                Feed(spec.file(lang), icsfmt.head(name, about), selected, audience, empty))
    renderer = Renderer(process.id, zone, settings.feeds.alarms_days_before, stamp)
    assemble(out_dir, variants, renderer, cache)
    if only is not None:
        return [spec.file(lang) for spec in specs for lang in LANGS]
    write_files([(out_dir / MANIFEST, manifest(plan, specs, evaluation.as_of), Audience.PUBLIC)],
                group=settings.secretariat_group, only_if_changed=True)
    return [spec.file(lang) for spec in specs for lang in LANGS]


def _source(plan: Plan, lang: str) -> str:
    if lang == "zh":
        return f"来源：{plan.process.source_document}（{plan.process.title.zh}）。"
    return f"Source: {plan.process.source_document} ({plan.process.title.en})."


def publish(plan: Plan, store: Store | str | None, as_of: Date, settings: Settings,
            out_dir: Path | None, now: DateTime, *, facts: Sequence[Fact] | None = None,
            evaluation: Callable[[], Evaluation] | None = None) -> list[Path]:
    """Evaluate as of a date and write the feeds at `now`: what `mandates feeds` runs (the
    evaluation only when the inputs differ from the last publication's: `write_feeds`).

    `store`: a Store, or a database URL (None: the default file) with `facts` read from it
    already (ValueError without them). `out_dir` None means the settings' calendars_dir.
    `evaluation`: gives `evaluate(plan, facts, as_of)` (called only when needed; `mandates
    publish` shares one with the check JSON). Raises FileWriteError (see write_feeds), StoreError.
    """
    del now
    if facts is None:
        if store is None or isinstance(store, str):
            raise ValueError("publish: a database URL needs the facts read from it")
        facts = store.facts_of(plan)
    target = out_dir if out_dir is not None else settings.calendars_dir
    given = facts
    return _publish(plan, facts, as_of, evaluation or (lambda: evaluate(plan, given, as_of)), store,
                    target, settings)
