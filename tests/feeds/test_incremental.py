"""Incremental publishing (issue 12, part 2) and what a killed publication leaves (issue 11, part 10).

The renderer that replaced icalendar writes the same lines icalendar does; a publication that
keeps renderings from the last one writes the same bytes as one that starts from nothing; only
changed events are rendered again; a publication of the same inputs writes nothing; leftover
temporary files go; the manifest is written after the feeds it names.
"""

from __future__ import annotations

import filecmp
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pendulum
import pytest

from mandates.config.history import shipped_facts
from mandates.config.processes import load_process
from mandates.config.settings import Settings
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan, Title
from mandates.core.record import make_fact
from mandates.errors import FileWriteError
from mandates.feeds import direct, ics
from mandates.feeds.build import build_items
from mandates.feeds.cache import CACHE_DIR
from mandates.feeds.items import Item, ItemKind
from mandates.feeds.publish import MANIFEST, publish
from mandates.store.db import Store

D = pendulum.Date
HOSTILE = ("back\\slash; semi, comma \\N newline\r\nCRLF\rCR\nLF \\, \\; \x07bell \x7f del "
           "\u2028 sep 😀 emoji " + "长" * 60 + " \\")


def _same_as_icalendar(item: Item, zone: str) -> None:
    for lang in ("en", "zh"):
        for alarms, notes in (((), False), ((7, 1), True), ((30, 14, 1), False)):
            expected = ics.render(ics.event(item, "p", lang, alarms, notes)).lines
            assert tuple(direct.event_lines(item, "p", lang, alarms, notes)) == expected
        assert tuple(direct.todo_lines(item, "p", lang, zone)) == ics.render(
            ics.todo(item, "p", lang, zone)).lines


def test_the_renderer_writes_what_icalendar_writes_for_every_item_of_the_bundled_process() -> None:
    """Every item of the bundled process with its history, on dates before, during and after
    the postponements, in both languages, with and without reminders and notes."""
    plan = load_process(None)
    facts = shipped_facts(plan)
    seen = 0
    for day in (D(2020, 1, 6), D(2021, 10, 16), D(2022, 12, 20)):
        for item in build_items(evaluate(plan, facts, day), 90):
            _same_as_icalendar(item, plan.process.timezone)
            seen += 1
    assert seen > 200


@pytest.mark.parametrize("status", [None, "CONFIRMED", "TENTATIVE", "CANCELLED"])
@pytest.mark.parametrize("completed", [None, D(2020, 3, 1)])
def test_the_renderer_escapes_hostile_text_as_icalendar_does(status: str | None,
                                                             completed: pendulum.Date | None) -> None:
    """Backslashes, `\\N`, separators, every kind of line end, control characters, emoji and
    long Chinese text, in every text property."""
    text = Title(HOSTILE, "中文；，" + HOSTILE)
    item = Item("deadline-x,y;z", ItemKind.DEADLINE, D(2020, 2, 29), D(2020, 3, 1), text, text,
                text, status, (text, Title("A,B", "甲，乙")), frozenset({"cop"}), True, True,
                completed_on=completed, notes=text, subject="x")
    _same_as_icalendar(item, "Asia/Shanghai")
    _same_as_icalendar(replace(item, kind=ItemKind.MEETING, location=None, categories=(),
                               notes=None, open=False), "America/Toronto")


def _moved(plan: Plan, day: pendulum.Date) -> Fact:
    """SBSTTA-24 moved to August, recorded on `day`."""
    return make_fact(plan, FactKind.RESCHEDULED, "sbstta-24", day, opens_on=D(2020, 8, 3),
                     closes_on=D(2020, 8, 8),
                     recorded_at=pendulum.datetime(day.year, day.month, day.day, 9, tz="UTC"))


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    for name in ("event_lines", "todo_lines", "event_body", "todo_body"):
        original = getattr(direct, name)

        def spy(item: Item, *args: Any, original: Any = original, **kwargs: Any) -> Any:
            rendered.append(item.key)
            return original(item, *args, **kwargs)
        monkeypatch.setattr(direct, name, spy)
    return rendered


def _same_tree(a: Path, b: Path) -> None:
    """The same feed files and manifest, byte for byte (the cache folder aside)."""
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*")
                   if p.is_file() and CACHE_DIR not in p.relative_to(a).parts)
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*")
                           if p.is_file() and CACHE_DIR not in p.relative_to(b).parts)
    assert names
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_a_publication_that_keeps_renderings_writes_what_one_from_nothing_writes(
        bundled_plan: Plan, store: Store, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Published on 6 January, then a meeting moves and the feeds are published on 10 February
    into the same folder: the same bytes as a publication on 10 February into an empty folder,
    with only the events that changed rendered again."""
    out = settings.calendars_dir
    rendered = _count_renders(monkeypatch)
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    cold = len(rendered)
    assert cold > 300
    store.append(bundled_plan.process.id, [_moved(bundled_plan, D(2020, 2, 3))])
    rendered.clear()
    publish(bundled_plan, store, D(2020, 2, 10), settings, out, pendulum.now("UTC"))
    assert 0 < len(rendered) < cold / 4, "only the changed events are rendered again"
    assert any(key.startswith("meeting-sbstta-24") for key in rendered)
    fresh = tmp_path / "fresh"
    publish(bundled_plan, store, D(2020, 2, 10), settings, fresh, pendulum.now("UTC"))
    _same_tree(out, fresh)


def test_the_same_inputs_again_write_and_render_nothing_until_a_file_changes(
        bundled_plan: Plan, store: Store, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A second publication of the same inputs renders nothing and leaves every file as it is;
    a feed changed on disk behind its back is written again."""
    out = settings.calendars_dir
    paths = publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    before = {p: p.stat().st_mtime_ns for p in [*paths, out / MANIFEST]}
    rendered = _count_renders(monkeypatch)
    again = publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    assert again == paths
    assert rendered == []
    assert {p: p.stat().st_mtime_ns for p in before} == before
    reference = (out / "all.zh.ics").read_bytes()
    (out / "all.zh.ics").write_bytes(reference[:-40])
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    assert (out / "all.zh.ics").read_bytes() == reference
    assert rendered == [], "restored from the kept renderings"


def test_a_damaged_cache_is_read_as_empty(bundled_plan: Plan, store: Store, settings: Settings,
                                          tmp_path: Path) -> None:
    """Whatever is in `.cache`, the feeds are those of a publication from nothing."""
    out = settings.calendars_dir
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    kept = sorted((out / CACHE_DIR).glob("*.bin"))
    assert len(kept) >= 6
    for number, path in enumerate(kept):
        path.write_bytes(b"" if number % 3 == 0 else b"\x00garbage" * number)
    store.append(bundled_plan.process.id, [_moved(bundled_plan, D(2020, 2, 3))])
    publish(bundled_plan, store, D(2020, 2, 10), settings, out, pendulum.now("UTC"))
    publish(bundled_plan, store, D(2020, 2, 10), settings, tmp_path / "fresh", pendulum.now("UTC"))
    _same_tree(out, tmp_path / "fresh")


def test_leftover_temporary_files_of_a_killed_publication_are_removed_at_the_next(
        bundled_plan: Plan, store: Store, settings: Settings) -> None:
    """Files a publication killed between writing aside and renaming left (issue 11, part 10),
    in the calendars folder, `private/` and the cache, go at the next publication, even one
    with nothing to write; other files stay."""
    out = settings.calendars_dir
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    leftovers = [out / ".all.en.ics.k2j4_x9q.tmp", out / ".feeds.json.a1b2c3d4.tmp",
                 out / "private" / ".secretariat.zh.ics.zz9y8x7w.tmp",
                 out / CACHE_DIR / ".render.public.en.bin.abcdefgh.tmp"]
    for path in leftovers:
        path.write_bytes(b"BEGIN:VCALENDAR\r\nhalf a feed")
    others = [out / ".well-known", out / "notes.tmp", out / ".all.en.ics.tmp",
              out / ".check-post2020.json.abcd1234.tmp"]  # another writer's, maybe at work
    for path in others:
        path.write_bytes(b"not ours")
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in others)


def test_the_manifest_is_written_after_the_feeds_it_names(bundled_plan: Plan, store: Store,
                                                         settings: Settings, kit: SimpleNamespace) -> None:
    """A publication that fails while writing a new feed leaves the manifest as it was: a reader
    never sees a manifest naming a feed that is not on disk."""
    out = settings.calendars_dir
    without = kit.make_settings(out, tasks=False)
    publish(bundled_plan, store, D(2020, 1, 6), without, out, pendulum.now("UTC"))
    listing = (out / MANIFEST).read_bytes()
    assert b"tasks.zh.ics" not in listing
    (out / "tasks.zh.ics").mkdir()  # the new feed cannot be written
    with pytest.raises(FileWriteError):
        publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    assert (out / MANIFEST).read_bytes() == listing
    (out / "tasks.zh.ics").rmdir()
    publish(bundled_plan, store, D(2020, 1, 6), settings, out, pendulum.now("UTC"))
    assert b"tasks.zh.ics" in (out / MANIFEST).read_bytes()
    assert (out / "tasks.zh.ics").is_file()


@pytest.mark.parametrize("data", [
    b"BEGIN:VEVENT\r\nSUMMARY:" + "长".encode() * 30 + b"\r\nEND:VEVENT\r\n",  # too long
    b"BEGIN:VEVENT\r\nSUMMARY:" + "长".encode() * 21 + b"\xe9\r\n \xbf\xbf\r\nEND:VEVENT\r\n",  # split
    b"BEGIN:VEVENT\r\nSUMMARY:a\nb\r\nEND:VEVENT\r\n",  # bare LF
    b"BEGIN:VEVENT\r\nSUMMARY:a\rb\r\nEND:VEVENT\r\n",  # bare CR
    b"BEGIN:VEVENT\r\nSUMMARY:\xff\r\nEND:VEVENT\r\n",  # not UTF-8
    b"BEGIN:VEVENT\r\nSUMMARY:a\r\nEND:VEVENT",  # no final CRLF
])
def test_a_component_with_an_invalid_line_is_refused(data: bytes) -> None:
    """The quick check of a rendered component sends every kind of bad line to `check_folding`."""
    assert ics.check_folding(data) is not None
    assert not ics._plainly_valid(data)


def test_the_quick_check_passes_what_the_renderer_folds() -> None:
    """Long Chinese lines, emoji and backslashes folded by `ics.fold` pass both checks."""
    lines = ["BEGIN:VEVENT", "SUMMARY:" + ics.escape(ics.clean(HOSTILE, True)),
             "DESCRIPTION:" + ics.escape(ics.clean(HOSTILE * 3)), "END:VEVENT"]
    data = ics.body(lines)
    assert ics._plainly_valid(data) and ics.check_folding(data) is None
