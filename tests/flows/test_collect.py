"""The flow process's garbage collection settings (flows/collect.py, issue 12 part 3)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from flows.collect import imports_uncollected, settle


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as the test found it, restored after (frozen objects are let go)."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_no_collection_inside_the_block_and_the_collector_left_as_found(collector: None) -> None:
    gc.enable()
    with imports_uncollected():
        assert not gc.isenabled()
        kept: list[list[int]] = [[] for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    gc.disable()
    with imports_uncollected():
        pass
    assert not gc.isenabled()


def test_settle_sets_aside_what_is_alive_now(collector: None) -> None:
    gc.unfreeze()
    before = gc.get_freeze_count()
    alive: list[dict[str, int]] = [{} for _ in range(1000)]
    settle()
    assert gc.get_freeze_count() >= before + len(alive)
