"""The one atomic file writer: every feed, manifest, check JSON, briefing and cached plan goes here.

A file is written aside in its own folder, flushed and fsynced, given its mode (and group), renamed
over the old one (POSIX rename(2) is atomic within a file system) and the folder is fsynced so
that the rename itself survives a crash (`write_files` writes a set of files, such as the feeds,
and fsyncs each of their folders once, after the last rename). A reader sees the old file or the
new one, never half of either; a write that fails at any step leaves the old file as it was and
no temporary file behind.

The mode says who may read the file (DESIGN: audience):

- `Audience.PUBLIC` (0644): world-readable; feeds anyone may subscribe to, the feeds manifest.
- `Audience.SECRETARIAT` (0640): the owner and one group; private feeds, the check's JSON,
  briefings, cached plans. With `group` set (the `secretariat_group` setting), the file is
  given that group, so a web server that is a member of it can serve the file and nobody else
  can read it.
"""

from __future__ import annotations

import errno
import grp
import os
import re
import tempfile
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from mandates.errors import FileWriteError

__all__ = [
    "TEMPORARY",
    "Audience",
    "clean_leftovers",
    "group_id",
    "keep_policy",
    "sync_folder",
    "write_file",
    "write_files",
    "write_stream",
]


class Audience(StrEnum):
    """Who may read a file; `mode` is its permission bits."""

    PUBLIC = "public"
    SECRETARIAT = "secretariat"

    @property
    def mode(self) -> int:
        """0o644 for public files, 0o640 for secretariat files."""
        return 0o644 if self is Audience.PUBLIC else 0o640


def group_id(name: str) -> int:
    """The numeric id of a group name (or of a number given as text); KeyError if unknown."""
    if name.isdigit():
        return int(name)
    return grp.getgrnam(name).gr_gid


def _has_policy(path: Path, mode: int, gid: int | None) -> bool:
    info = path.stat()
    return (info.st_mode & 0o7777) == mode and (gid is None or info.st_gid == gid)


def _apply_policy(fd_or_path: int | Path, mode: int, gid: int | None) -> None:
    if isinstance(fd_or_path, int):
        os.fchmod(fd_or_path, mode)
        if gid is not None:
            os.fchown(fd_or_path, -1, gid)
    else:
        os.chmod(fd_or_path, mode)
        if gid is not None:
            os.chown(fd_or_path, -1, gid)


def _fsync_folder(folder: Path) -> None:
    """fsync(2) a directory, so that a rename in it is durable (a no-op where unsupported)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot fsync a directory; the rename is done
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""The name of a file being written aside (`tempfile.mkstemp(prefix=".<name>.", suffix=".tmp")`)."""


def clean_leftovers(folders: Iterable[Path], written: re.Pattern[str]) -> list[Path]:
    """Remove the temporary files a killed writer left in these folders (issue 11, part 10);
    return them. Only names `_write_one` and `write_stream` give (`TEMPORARY`) to files whose
    own name matches `written` are touched: the caller makes sure no other writer of those files
    is at work in the folders (`feeds.cache.Lock`); other writers' files are left alone."""
    removed = []
    for folder in folders:
        try:
            names = [entry for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise FileWriteError(f"cannot list {folder}: {exc.strerror or exc}") from exc
        for entry in names:
            if TEMPORARY.match(entry.name) and written.fullmatch(entry.name[1:-13]):
                Path(entry.path).unlink(missing_ok=True)
                removed.append(Path(entry.path))
    return removed


def keep_policy(path: Path, audience: Audience, gid: int | None) -> None:
    """Give a file left as it is the audience's mode (and `gid`, for secretariat files)."""
    own = gid if audience is Audience.SECRETARIAT else None
    try:
        if not _has_policy(path, audience.mode, own):
            _apply_policy(path, audience.mode, own)
    except OSError as exc:
        raise FileWriteError(f"cannot set the mode of {path}: {exc.strerror or exc}") from exc


def write_stream(path: Path, chunks: Iterable[bytes], audience: Audience, gid: int | None) -> bool:
    """Write a file from chunks, as `write_file` does with `only_if_changed` (aside, fsynced,
    renamed; left alone when it already holds exactly these bytes), without holding it in memory.
    The caller fsyncs the folder (`sync_folder`). Returns whether the file was written; raises
    FileWriteError as `write_file` does."""
    tmp: str | None = None
    own = gid if audience is Audience.SECRETARIAT else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if _same(Path(tmp), path):
                keep_policy(path, audience, gid)
                return False
            os.fsync(handle.fileno())
            _apply_policy(handle.fileno(), audience.mode, own)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return True


def _same(new: Path, old: Path) -> bool:
    """Whether `old` is a file holding exactly the bytes of `new`."""
    try:
        if not old.is_file() or old.stat().st_size != new.stat().st_size:
            return False
        with new.open("rb") as a, old.open("rb") as b:
            while True:
                x, y = a.read(1 << 20), b.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except FileNotFoundError:
        return False


def sync_folder(folder: Path) -> None:
    """fsync a folder after renames in it (`write_stream`); raises FileWriteError."""
    try:
        _fsync_folder(folder)
    except OSError as exc:
        raise FileWriteError(f"cannot sync {folder}: {exc.strerror or exc}") from exc


def _write_one(path: Path, payload: bytes, mode: int, gid: int | None, only_if_changed: bool) -> bool:
    """Write aside, fsync, set mode and group, rename; the caller fsyncs the folder."""
    tmp: str | None = None
    try:
        if only_if_changed and path.is_file() and path.read_bytes() == payload:
            if not _has_policy(path, mode, gid):
                _apply_policy(path, mode, gid)
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            _apply_policy(handle.fileno(), mode, gid)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise FileWriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return True


def write_files(files: Iterable[tuple[Path, bytes | str, Audience]], *, group: str | None = None,
                only_if_changed: bool = False) -> list[bool]:
    """Write several files, each as `write_file` does, fsyncing each folder once at the end.

    Every file is atomic on its own; when this returns, every rename is durable. Returns, per
    file, whether it was written. Raises FileWriteError at the first file that fails (the files
    before it are written, that one and those after it are as they were).
    """
    try:
        gid = group_id(group) if group else None
    except KeyError:
        raise FileWriteError(f"unknown group {group!r}: no file was written") from None
    written: list[bool] = []
    folders: dict[Path, None] = {}
    try:
        for path, data, audience in files:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            own_gid = gid if audience is Audience.SECRETARIAT else None
            written.append(_write_one(path, payload, audience.mode, own_gid, only_if_changed))
            if written[-1]:
                folders[path.parent] = None
    finally:
        for folder in folders:
            try:
                _fsync_folder(folder)
            except OSError as exc:
                raise FileWriteError(f"cannot sync {folder}: {exc.strerror or exc}") from exc
    return written


def write_file(path: Path, data: bytes | str, audience: Audience, *, group: str | None = None,
               only_if_changed: bool = False) -> bool:
    """Write `data` (text is written as UTF-8) to `path` atomically, with the audience's mode.

    `group` (a group name or number) is given to secretariat files; public files keep the
    writer's group. With `only_if_changed`, a file that already holds exactly `data` is left
    alone (its modification time too, which HTTP Last-Modified reads), only its mode and group
    corrected. Returns True when the file was written, False when it was left alone.

    Raises FileWriteError (the OSError as its cause) when the folder cannot be made, the group
    is unknown or cannot be given, or any step of the write fails; the old file is then intact.
    """
    [written] = write_files([(path, data, audience)], group=group, only_if_changed=only_if_changed)
    return written
