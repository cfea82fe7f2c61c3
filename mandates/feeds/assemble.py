"""Feeds assembled from kept renderings and streamed to disk (issue 12, part 2).

A publication goes variant by variant (`publish._variant`: the public rendering of an event in a
language, the secretariat's, the to-do's): it loads the variant's kept renderings
(`feeds.cache`), renders again only the events whose digest changed (`direct.event_body`,
`direct.todo_body`), stamps each with its SEQUENCE and DTSTAMP (`ics.stamp`) and writes
each feed of the variant as its head, its components and `END:VCALENDAR`, streamed to a file
aside (`store.files.write_stream`). A feed whose digest (head, and each component's key, digest
and stamps) and file are what the last publication recorded is not assembled at all. Only one
variant's renderings are in memory at a time.

The bytes are those `ics.calendar` gives for the same components (the tests compare them), so a
publication is byte for byte what it would be without anything kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mandates.errors import FileWriteError
from mandates.feeds import direct
from mandates.feeds import ics as icsfmt
from mandates.feeds.cache import VERSION, Cache, Entries, FeedState, code_digest, digest
from mandates.feeds.items import Item
from mandates.store.files import Audience, group_id, keep_policy, sync_folder, write_stream

CACHE_FOLDERS = ("", "private", ".cache")
PUBLISHED = re.compile(r"[a-z0-9-]+\.(?:en|zh)\.ics|feeds\.json"
                       r"|(?:render\.[a-z.]+|feeds|publication|check)\.bin")
"""The files a publication writes (and no other writer does): their leftovers are its own."""


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed file: where, its head (`ics.head`), its items in order, who may read it, and
    the stamped component it holds when it has no item (`publish.undated_item`)."""

    file: str
    head: bytes
    items: list[Item]
    audience: Audience
    empty: bytes | None


@dataclass(frozen=True, slots=True)
class Renderer:
    """How an event is rendered and stamped in a variant (`<public|secretariat|tasks>.<lang>`)."""

    process: str
    zone: str
    alarms: tuple[int, ...]
    stamp: Callable[[str, Item], tuple[int, bytes]]
    """An item's SEQUENCE and its DTSTAMP as written (`ics.stamp_text`) in a variant."""
    texts: direct.Texts = field(default_factory=direct.Texts)
    """TEXT values written in the language being rendered (`assemble` clears them)."""

    def params(self, variant: str) -> str:
        """Everything besides the item that its rendering in the variant depends on (the code
        that renders it included)."""
        alarms = self.alarms if variant.startswith("secretariat.") else ()
        return repr((VERSION, code_digest(), variant, self.process, self.zone, alarms))

    def maker(self, variant: str) -> Callable[[Item], bytes]:
        """`body` of the variant, as a function of the item alone."""
        kind, lang = variant.rsplit(".", 1)
        process, zone, texts = self.process, self.zone, self.texts
        if kind == "tasks":
            return lambda item: direct.todo_body(item, process, lang, zone, texts)
        private = kind == "secretariat"
        alarms = self.alarms if private else ()
        return lambda item: direct.event_body(item, process, lang, alarms, private, texts)

    def body(self, variant: str, item: Item) -> bytes:
        """The item's folded bytes in the variant, unstamped (`direct.event_body`, `direct.todo_body`)."""
        kind, lang = variant.rsplit(".", 1)
        if kind == "tasks":
            return direct.todo_body(item, self.process, lang, self.zone, self.texts)
        private = kind == "secretariat"
        return direct.event_body(item, self.process, lang, self.alarms if private else (), private,
                                 self.texts)


def assemble(out_dir: Path, variants: dict[str, list[Feed]], renderer: Renderer, cache: Cache
             ) -> None:
    """Write every feed of every variant into `out_dir` (see the module); the caller holds the
    folder's lock (`cache.Lock`). Raises FileWriteError."""
    group = cache.group
    try:
        gid = group_id(group) if group else None
    except KeyError:
        raise FileWriteError(f"unknown group {group!r}: no file was written") from None
    before = cache.feeds()
    state: FeedState = {}
    digests: dict[str, bytes] = {}
    folders: set[Path] = set()
    language = None
    try:
        # language by language (public, secretariat, to-dos of each): a text is written once
        for variant, feeds in sorted(variants.items(), key=lambda pair: pair[0].rsplit(".", 1)[1]):
            if variant.rsplit(".", 1)[1] != language:
                renderer.texts.clear()
                language = variant.rsplit(".", 1)[1]
            folders |= _variant(out_dir, variant, feeds, renderer, cache, before, state, digests, gid)
        renderer.texts.clear()
    finally:
        for folder in sorted(folders):
            sync_folder(folder)
        cache.keep_feeds({**before, **state})


def _variant(out_dir: Path, variant: str, feeds: list[Feed], renderer: Renderer, cache: Cache,
             before: FeedState, state: FeedState, digests: dict[str, bytes], gid: int | None
             ) -> set[Path]:
    """Render what changed in one variant and write its feeds; the folders written to."""
    params = renderer.params(variant)
    kept = cache.renderings(variant, params)
    entries: Entries = {}
    stamps: dict[str, bytes] = {}
    records: dict[str, bytes] = {}
    lines: dict[tuple[int, bytes], bytes] = {}
    render, stamp = renderer.maker(variant), renderer.stamp
    for feed in feeds:
        for item in feed.items:
            key = item.key
            if key in entries:
                continue
            found = digests.get(key)
            if found is None:
                found = digests[key] = digest(item)
            old = kept.get(key)
            entries[key] = old if old is not None and old[0] == found else (found, render(item))
            number, written = stamp(variant, item)
            line = lines.get((number, written))
            if line is None:
                line = lines[number, written] = STAMP % (number, written, written)
            stamps[key] = line
            records[key] = b"%s\0%s\0%d\0%s\0" % (key.encode("utf-8"), found, number, written)
    folders: set[Path] = set()
    for feed in feeds:
        path = out_dir / feed.file
        summary = _summary(feed, records)
        recorded = before.get(feed.file)
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        if info is not None and recorded == (summary, info.st_size, info.st_mtime_ns):
            keep_policy(path, feed.audience, gid)
            continue
        if write_stream(path, _chunks(feed, entries, stamps), feed.audience, gid):
            folders.add(path.parent)
        info = path.stat()
        state[feed.file] = (summary, info.st_size, info.st_mtime_ns)
    if entries != kept:
        cache.keep_renderings(variant, params, entries)
    return folders


STAMP = b"SEQUENCE:%d\r\nDTSTAMP:%s\r\nLAST-MODIFIED:%s\r\n"
"""What `ics.stamp_with` puts after a component's BEGIN line (few distinct ones in a variant:
each is written once and shared)."""


def _summary(feed: Feed, records: dict[str, bytes]) -> bytes:
    """The digest of everything a feed's bytes are made from: its head, its empty component and
    each item's key, digest, SEQUENCE and DTSTAMP (`records`, made once per variant)."""
    hashed = hashlib.blake2b(feed.head, digest_size=16)
    hashed.update(feed.empty or b"")
    hashed.update(b"".join([records[item.key] for item in feed.items]))
    return hashed.digest()


def _chunks(feed: Feed, entries: Entries, stamps: dict[str, bytes]) -> Iterator[bytes]:
    """A feed's bytes, a batch of components at a time: each component stamped as
    `ics.stamp_with` does (its stamp lines right after its BEGIN line), without a copy of it."""
    yield feed.head
    if feed.empty is not None:
        yield feed.empty
    batch: list[bytes | memoryview] = []
    add = batch.append
    for count, item in enumerate(feed.items, start=1):
        key = item.key
        body = entries[key][1]
        cut = body.index(b"\n") + 1
        add(body[:cut])
        add(stamps[key])
        add(memoryview(body)[cut:])
        if count % 1024 == 0:
            yield b"".join(batch)
            batch.clear()
    batch.append(icsfmt.FOOTER)
    yield b"".join(batch)
