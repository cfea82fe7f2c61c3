"""What makes a large publication cheap keeps its bytes (issue 12, "speed at every size").

A plan pickled for the plan cache reads back equal, with the fingerprint the feeds compare
(`Plan.fingerprint`, computed once when the cache entry is written); a changed plan has another
fingerprint and publishes again; a folder published day after day, with facts recorded between,
holds byte for byte what a publication into an empty folder writes on each day.
"""

from __future__ import annotations

import filecmp
import pickle
from dataclasses import replace
from pathlib import Path

import pendulum
import pytest

from mandates.config.plancache import load_plan_cached
from mandates.config.settings import Settings
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan, Title
from mandates.core.record import make_fact
from mandates.feeds.cache import CACHE_DIR
from mandates.feeds.publish import publish
from mandates.store.db import Store

D = pendulum.Date
NOW = pendulum.datetime(2020, 1, 6, 7, tz="UTC")
BUNDLED = Path(__file__).resolve().parents[2] / "config" / "post2020.yaml"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and CACHE_DIR not in p.relative_to(folder).parts}


def test_a_pickled_plan_reads_back_equal_with_its_fingerprint(bundled_plan: Plan) -> None:
    back = pickle.loads(pickle.dumps(bundled_plan, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == bundled_plan
    assert repr(back) == repr(bundled_plan)
    assert back.fingerprint == bundled_plan.fingerprint
    assert len(bundled_plan.fingerprint) == 32
    some = next(iter(bundled_plan.outputs.values()))
    retitled = replace(bundled_plan, outputs={**bundled_plan.outputs,
                                              some.id: replace(some, title=Title("x", "x"))})
    assert retitled.fingerprint != bundled_plan.fingerprint


def test_the_plan_cache_keeps_the_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    monkeypatch.setenv("MANDATES_CACHE_DIR", str(tmp_path / "plans"))
    first = load_plan_cached(BUNDLED)  # a miss: compiled, then kept
    second = load_plan_cached(BUNDLED)  # a hit: read back
    assert "fingerprint" in vars(second), "read back from the entry, not computed again"
    assert second == first
    assert second.fingerprint == first.fingerprint
    monkeypatch.setenv("MANDATES_NO_CACHE", "1")
    assert load_plan_cached(BUNDLED).fingerprint == first.fingerprint


def test_a_changed_plan_is_published_again(bundled_plan: Plan, store: Store, settings: Settings
                                           ) -> None:
    out = settings.calendars_dir
    publish(bundled_plan, store, D(2021, 6, 1), settings, out, NOW)
    before = _files(out)
    meeting = bundled_plan.meetings["sbstta-24"]
    renamed = replace(bundled_plan, meetings={**bundled_plan.meetings, meeting.id: replace(
        meeting, title=Title(meeting.title.en + " (renamed)", meeting.title.zh))})
    publish(renamed, store, D(2021, 6, 1), settings, out, NOW)
    after = _files(out)
    assert after != before
    assert any(b"(renamed)" in data for data in after.values())


def test_day_after_day_into_one_folder_is_byte_for_byte_a_publication_from_nothing(
        bundled_plan: Plan, store: Store, settings: Settings, tmp_path: Path) -> None:
    """Five days (a new day with nothing recorded, then a delivery, then a meeting that moves,
    then the same day again), each compared with a publication into an empty folder."""
    out = settings.calendars_dir
    output = "detailed-workplan"  # not adopted by a meeting: deliverable any day
    def at(day: pendulum.Date) -> pendulum.DateTime:
        return pendulum.datetime(day.year, day.month, day.day, 9, tz="UTC")

    delivered = make_fact(bundled_plan, FactKind.DELIVERED, output, D(2020, 1, 20),
                          recorded_at=at(D(2020, 2, 1)))
    moved = make_fact(bundled_plan, FactKind.RESCHEDULED, "sbstta-24", D(2020, 2, 2),
                      opens_on=D(2020, 8, 3), closes_on=D(2020, 8, 8),
                      recorded_at=at(D(2020, 2, 2)), facts=[delivered])
    days: list[tuple[pendulum.Date, list[Fact]]] = [
        (D(2020, 1, 6), []), (D(2020, 1, 7), []), (D(2020, 2, 1), [delivered]),
        (D(2020, 2, 2), [moved]), (D(2020, 2, 2), [])]
    for index, (day, facts) in enumerate(days):
        if facts:
            store.append(bundled_plan.process.id, facts)
        publish(bundled_plan, store, day, settings, out, NOW)
        fresh = tmp_path / f"fresh{index}"
        publish(bundled_plan, store, day, settings, fresh, NOW)
        kept, new = _files(out), _files(fresh)
        assert sorted(kept) == sorted(new)
        assert [name for name in kept if kept[name] != new[name]] == []
        _, mismatch, errors = filecmp.cmpfiles(out, fresh, sorted(new), shallow=False)
        assert (mismatch, errors) == ([], [])
