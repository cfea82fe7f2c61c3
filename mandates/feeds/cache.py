"""What a publication keeps for the next one, in `<calendars>/.cache/` (issue 12, part 2).

- `render.<variant>.bin`: each event's folded bytes before stamping (`ics.body`) with the digest
  of what they were rendered from (`digest`: the item's data model; the variant, language,
  reminders, process and render version are in the file's `params`), so that only events whose
  digest changed are rendered again; marshalled in batches, written and read as a stream.
- `feeds.bin`: for each feed file written, the digest of what it was assembled from (its head,
  and each component's key, digest, SEQUENCE and DTSTAMP) and the size and modification time the
  file had when written, so that a feed whose digest and file are unchanged costs a `stat`.
- `publication.bin`: the digest of everything the last publication was made from (`inputs`:
  the founding plan's fingerprint, the facts, the date, the settings, the 0.2.0 floors, the code and the
  libraries that write the bytes) and the size, modification time, mode and group of every file
  it left: a publication of the same inputs whose files are all as left does nothing more.
- `check.bin`: for each check JSON that `mandates publish --json FILE` wrote (by resolved path),
  the digest of what it was made from (`check_inputs`: plan, facts, date, group, the code that
  writes it) and the size, modification time, mode and group it was left with: a publication of
  the same inputs whose JSON and feeds are as left evaluates nothing (`commands.daily`).
- `lock`: held (flock) while a publication writes the folder, so that two publications into one
  folder take turns and the leftovers of a killed one (temporary files, issue 11 part 10) can be
  removed without touching a live writer's.

The cache is only ever an optimisation: a file that cannot be read, is of another format or
version, or is missing, counts as empty (everything is rendered, every feed compared byte for
byte with its file). Files are written atomically (`store.files`), secretariat-only (0640, the
folder 0750): private events are among them. `marshal` holds only bytes, strings, ints and tuples.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from types import TracebackType

from mandates.core.plan import Title
from mandates.errors import FileWriteError
from mandates.feeds.items import Item
from mandates.store.files import Audience, group_id, sync_folder, write_file, write_stream

CACHE_DIR = ".cache"
VERSION = 2  # raise when rendering changes: every kept rendering is then made again
Entries = dict[str, tuple[bytes, bytes]]
"""Kept renderings of one variant: item key -> (digest, folded bytes before stamping)."""
FeedState = dict[str, tuple[bytes, int, int]]
"""Feed file (relative to the calendars folder) -> (digest, size, mtime_ns) when written."""


def digest(item: Item) -> bytes:
    """What an item's renderings are made from, in 16 bytes (every field that any rendering
    reads, as plain strings and numbers: dates as ordinals, each text as its English, its Chinese
    and the language it was written in; not the feeds it is in), serialised by `marshal` version
    0 (no references or interning flags: the same bytes for equal values in every process; twice
    as fast as their `repr`)."""
    location, notes, completed = item.location, item.notes, item.completed_on
    data = (item.key, item.kind.value, item.start.toordinal(), item.end.toordinal(),
            *_text(item.summary), *_text(item.description),
            _text(location) if location is not None else None, item.status,
            tuple([_text(c) for c in item.categories]), item.open,
            completed.toordinal() if completed is not None else None,
            _text(notes) if notes is not None else None)
    return hashlib.blake2b(marshal.dumps(data, 0), digest_size=16).digest()


def _text(title: Title) -> tuple[str, str, str | None]:
    return title.en, title.zh, title.written_in


class Cache:
    """The `.cache` folder of a calendars folder."""

    def __init__(self, calendars: Path, group: str | None) -> None:
        self.folder, self.group = calendars / CACHE_DIR, group

    def _read(self, name: str) -> object:
        try:
            found = marshal.loads((self.folder / name).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return found[1] if isinstance(found, tuple) and len(found) == 2 and found[0] == VERSION else None

    def _write(self, name: str, data: object) -> None:
        # a cache that cannot be kept only makes the next publication slower
        with contextlib.suppress(FileWriteError):
            write_file(self.folder / name, marshal.dumps((VERSION, data)),  # type: ignore[arg-type]
                       Audience.SECRETARIAT, group=self.group)

    def renderings(self, variant: str, params: str) -> Entries:
        """The kept renderings of a variant, if they were made with the same `params`: read
        batch by batch (`keep_renderings`), so the file's bytes are never all in memory beside
        the entries."""
        entries: Entries = {}
        try:
            with (self.folder / f"render.{variant}.bin").open("rb") as handle:
                head = marshal.load(handle)
                if not (isinstance(head, tuple) and head[:2] == (VERSION, params) and len(head) == 3
                        and isinstance(head[2], int)):
                    return {}
                while len(entries) < head[2]:
                    batch = marshal.load(handle)
                    if not isinstance(batch, tuple) or not batch:
                        return {}
                    for key, found, folded in batch:
                        entries[key] = (found, folded)
                if handle.read(1):
                    return {}
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries

    def keep_renderings(self, variant: str, params: str, entries: Entries) -> None:
        """Keep a variant's renderings for the next publication: a head `(VERSION, params,
        count)` then batches of `(key, digest, folded)`, each marshalled on its own and streamed
        to the file (at 100,000 outputs a variant's renderings are ~100 MB: never held twice)."""
        def chunks() -> Iterator[bytes]:
            yield marshal.dumps((VERSION, params, len(entries)))
            batch: list[tuple[str, bytes, bytes]] = []
            for key, (found, folded) in entries.items():
                batch.append((key, found, folded))
                if len(batch) >= 4096:
                    yield marshal.dumps(tuple(batch))
                    batch = []
            if batch:
                yield marshal.dumps(tuple(batch))

        with contextlib.suppress(FileWriteError, KeyError):  # only the next publication is slower
            gid = group_id(self.group) if self.group else None
            write_stream(self.folder / f"render.{variant}.bin", chunks(), Audience.SECRETARIAT, gid)
            sync_folder(self.folder)

    def publication(self) -> tuple[bytes, Files] | None:
        """The inputs digest of the last publication and the files it left."""
        found = self._read("publication.bin")
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], dict):
            return found[0], found[1]
        return None

    def keep_publication(self, digest: bytes, files: Files) -> None:
        """Record a publication that completed."""
        self._write("publication.bin", (digest, files))

    def forget_publication(self) -> None:
        """Forget the last publication (before writing another)."""
        with contextlib.suppress(OSError):
            (self.folder / "publication.bin").unlink()

    def checks(self) -> dict[str, tuple[bytes, tuple[int, int, int, int]]]:
        """The check JSON files a publication wrote: resolved path -> (inputs digest, the file's
        size, mtime_ns, mode and group when written)."""
        found = self._read("check.bin")
        return found if isinstance(found, dict) else {}

    def keep_check(self, path: Path, digest: bytes) -> None:
        """Record the check JSON just written at `path` from inputs of `digest`."""
        left = files_now(path.parent, [path.name])
        kept = {key: value for key, value in self.checks().items() if key != str(path)}
        if left is not None:
            kept[str(path)] = (digest, left[path.name])
        self._write("check.bin", kept)

    def check_as_left(self, path: Path, digest: bytes) -> bool:
        """Whether the check JSON at `path` was written from inputs of `digest` and is as left."""
        found = self.checks().get(str(path))
        if found is None or found[0] != digest:
            return False
        now = files_now(path.parent, [path.name])
        return now is not None and now[path.name] == found[1]

    def feeds(self) -> FeedState:
        """What was recorded of each feed file when it was last written."""
        found = self._read("feeds.bin")
        return found if isinstance(found, dict) else {}

    def keep_feeds(self, state: FeedState) -> None:
        """Record the feed files as written now."""
        self._write("feeds.bin", state)


Files = dict[str, tuple[int, int, int, int]]
"""File (relative to the calendars folder) -> (size, mtime_ns, mode, gid) as a publication left it."""


def files_now(calendars: Path, names: Iterable[str]) -> Files | None:
    """The size, modification time, mode and group of each file; None if one is missing."""
    found: Files = {}
    for name in names:
        try:
            info = (calendars / name).stat()
        except OSError:
            return None
        found[name] = (info.st_size, info.st_mtime_ns, info.st_mode, info.st_gid)
    return found


def code_digest() -> str:
    """The code and libraries a feed's bytes depend on: every module of `mandates.core`,
    `mandates.feeds` and `mandates.words`, and the versions of icalendar, pendulum and tzdata."""
    return _code_digest(("core", "feeds", "words"))


def check_inputs(*parts: object) -> bytes:
    """`inputs` for the check JSON: the code it depends on is `mandates.core`, `mandates.report`
    and `mandates.words` (with pendulum and tzdata, and Python's version for its `json`)."""
    hashed = hashlib.blake2b(_code_digest(("core", "report", "words")).encode(), digest_size=16)
    hashed.update(sys.version.encode())
    for part in parts:
        hashed.update(b"\0" + repr(part).encode("utf-8"))
    return hashed.digest()


@functools.lru_cache(maxsize=4)
def _code_digest(folders: tuple[str, ...]) -> str:
    """Every module of the `mandates` sub-packages named, and the versions of the libraries
    that write the bytes."""
    hashed = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for folder in folders:
        for module in sorted((package / folder).rglob("*.py")):
            hashed.update(module.relative_to(package).as_posix().encode() + b"\0")
            hashed.update(module.read_bytes())
    for library in ("icalendar", "pendulum", "tzdata"):
        try:
            hashed.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            hashed.update(f"{library}=none".encode())
    return hashed.hexdigest()


def inputs(*parts: object) -> bytes:
    """The digest of a publication's inputs (`repr` of each: dataclasses of plain values, whose
    `repr` is complete and the same in every process), with the code's (`code_digest`)."""
    hashed = hashlib.blake2b(code_digest().encode(), digest_size=16)
    for part in parts:
        hashed.update(b"\0" + repr(part).encode("utf-8"))
    return hashed.digest()


class Lock:
    """An exclusive lock on a calendars folder for one publication (`fcntl.flock` on
    `.cache/lock`, released when the process ends, even killed); waits for another holder."""

    def __init__(self, calendars: Path) -> None:
        self.path = calendars / CACHE_DIR / "lock"
        self.fd: int | None = None

    def __enter__(self) -> Lock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o640)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError as exc:
            raise FileWriteError(f"cannot lock {self.path}: {exc.strerror or exc}") from exc
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
