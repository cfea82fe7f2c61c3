"""The one atomic file writer: modes by audience, the secretariat's group, unchanged files left
alone, and a write that fails half-way leaving the previous file as it was."""

from __future__ import annotations

import grp
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mandates.errors import FileWriteError, MandatesError
from mandates.store.files import Audience, write_file, write_files

PREVIOUS = b"BEGIN:VCALENDAR\r\nthe previous feed\r\nEND:VCALENDAR\r\n"


def other_group() -> str:
    """A group this process may give its files: another one it belongs to (any, as root)."""
    mine = os.getegid()
    if os.geteuid() == 0:
        return next((g.gr_name for g in grp.getgrall() if g.gr_gid != mine), grp.getgrgid(mine).gr_name)
    others = [g for g in os.getgroups() if g != mine]
    return grp.getgrgid(others[0] if others else mine).gr_name


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_public_files_are_world_readable_secretariat_files_are_not(tmp_path: Path) -> None:
    public, private = tmp_path / "all.en.ics", tmp_path / "private" / "secretariat.en.ics"
    assert write_file(public, PREVIOUS, Audience.PUBLIC)
    assert write_file(private, "秘书处", Audience.SECRETARIAT)  # text is written as UTF-8
    assert (mode(public), mode(private)) == (0o644, 0o640)
    assert private.read_text(encoding="utf-8") == "秘书处"
    assert leftovers(tmp_path) == [] and leftovers(private.parent) == []


def test_secretariat_files_get_the_configured_group(tmp_path: Path) -> None:
    group = other_group()
    target = tmp_path / "check-post2020.json"
    write_file(target, b"{}", Audience.SECRETARIAT, group=group)
    assert target.stat().st_gid == grp.getgrnam(group).gr_gid and mode(target) == 0o640
    public = tmp_path / "feeds.json"
    write_file(public, b"{}", Audience.PUBLIC, group=group)  # public files keep the writer's group
    assert public.stat().st_gid == os.getegid() and mode(public) == 0o644


def test_a_set_of_feeds_is_written_with_one_mode_each(tmp_path: Path) -> None:
    group = other_group()
    feeds = [(tmp_path / "all.en.ics", PREVIOUS, Audience.PUBLIC),
             (tmp_path / "private" / "secretariat.en.ics", PREVIOUS, Audience.SECRETARIAT)]
    assert write_files(feeds, group=group, only_if_changed=True) == [True, True]
    assert write_files(feeds, group=group, only_if_changed=True) == [False, False]
    public, private = (path for path, _, _ in feeds)
    assert (mode(public), public.stat().st_gid) == (0o644, os.getegid())
    assert (mode(private), private.stat().st_gid) == (0o640, grp.getgrnam(group).gr_gid)


def test_an_unknown_group_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    with pytest.raises(FileWriteError, match="unknown group 'no-such-group-here'") as caught:
        write_file(target, b"x", Audience.SECRETARIAT, group="no-such-group-here")
    assert isinstance(caught.value, MandatesError) and not target.exists()


def test_unchanged_bytes_are_not_rewritten_but_a_wrong_mode_is_corrected(tmp_path: Path) -> None:
    target = tmp_path / "secretariat.en.ics"
    write_file(target, PREVIOUS, Audience.PUBLIC)
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert not write_file(target, PREVIOUS, Audience.SECRETARIAT, only_if_changed=True)
    assert target.stat().st_mtime_ns == 1_000_000_000, "Last-Modified of an unchanged feed stays"
    assert mode(target) == 0o640, "a file written 0644 by an older version is closed"
    assert write_file(target, PREVIOUS + b"more", Audience.SECRETARIAT, only_if_changed=True)
    assert target.stat().st_mtime_ns != 1_000_000_000


def test_a_write_that_fails_half_way_leaves_the_previous_file(tmp_path: Path) -> None:
    """A real failure mid-write: the process may write at most 4 KiB per file (RLIMIT_FSIZE), so
    the kernel refuses the rest of a 100 KiB feed with EFBIG after the first blocks are written."""
    target = tmp_path / "all.en.ics"
    write_file(target, PREVIOUS, Audience.PUBLIC)
    script = textwrap.dedent("""
        import resource, signal, sys
        from pathlib import Path
        from mandates.errors import FileWriteError
        from mandates.store.files import Audience, write_file, write_files
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            write_file(Path(sys.argv[1]), b"X" * 100_000, Audience.PUBLIC)
        except FileWriteError as exc:
            print(exc)
            sys.exit(3)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith(f"cannot write {target}: File too large")
    assert target.read_bytes() == PREVIOUS and mode(target) == 0o644
    assert leftovers(tmp_path) == [], "the half-written temporary file is removed"


def test_a_folder_that_cannot_be_made_is_a_file_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "calendars"
    blocker.write_bytes(b"a file where the folder should be")
    with pytest.raises(FileWriteError, match=f"cannot write {blocker / 'all.en.ics'}"):
        write_file(blocker / "all.en.ics", PREVIOUS, Audience.PUBLIC)
    assert blocker.read_bytes() == b"a file where the folder should be"
