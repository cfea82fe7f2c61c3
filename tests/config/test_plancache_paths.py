"""The compiled-plan cache (issue 12): the same file named another way (relative or absolute,
through a symbolic link to the file or to its folder) is one entry, read back from any working
folder; the plan names its files by their resolved paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mandates.config.history import history_file
from mandates.config.plancache import load_plan_cached


def test_one_file_named_four_ways_is_one_entry(tmp_path: Path, bundled_config: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MANDATES_CACHE_DIR", str(cache))
    monkeypatch.delenv("MANDATES_NO_CACHE", raising=False)
    folder = tmp_path / "processes"
    shutil.copytree(bundled_config, folder)
    (tmp_path / "linked").symlink_to(folder, target_is_directory=True)
    (tmp_path / "one.yaml").symlink_to(folder / "post2020.yaml")
    monkeypatch.chdir(tmp_path)
    names = [Path("processes/post2020.yaml"), folder / "post2020.yaml",
             Path("linked/post2020.yaml"), Path("one.yaml")]
    plans = [load_plan_cached(name) for name in names]
    assert len(list(cache.glob("*.pickle"))) == 1
    resolved = str((folder / "post2020.yaml").resolve())
    assert {plan.files[0] for plan in plans} == {resolved}
    assert all(plan == plans[0] for plan in plans)
    monkeypatch.chdir(folder)  # the cached plan is good from another working folder
    again = load_plan_cached(Path("post2020.yaml"))
    shipped = history_file(again)
    assert again.files[0] == resolved and shipped is not None and shipped.is_file()
    assert len(list(cache.glob("*.pickle"))) == 1
