"""`core.record` and `core.facts` on the trial's findings, pure (the bundled plan and its shipped
history; no database, no clock): a correction carries over what it does not change; a meeting
with no dates is not held on a bare day, nor before its window; what a meeting adopts is not
delivered before it opens; a fact keyed by a row number has one portable key, the same at every
reading, different for a fact recorded again."""

from __future__ import annotations

from dataclasses import replace

import pendulum
import pytest

from mandates.config.history import portable, shipped_facts
from mandates.core.facts import Fact, FactKind, is_local_key, portable_key
from mandates.core.plan import Plan
from mandates.core.record import FactError, make_fact

D = pendulum.Date
AT = pendulum.datetime(2026, 11, 30, 10, tz="UTC")


@pytest.fixture(scope="module")
def shipped(bundled_plan: Plan) -> list[Fact]:
    return list(shipped_facts(bundled_plan))


def test_a_correction_carries_over_ref_source_and_text(bundled_plan: Plan,
                                                        shipped: list[Fact]) -> None:
    first = replace(make_fact(bundled_plan, FactKind.DELIVERED, "detailed-workplan", D(2020, 1, 10),
                              recorded_at=AT, ref="CBD/WG2020/2/INF/1", source="https://x.org/1",
                              facts=shipped), id=1)
    known = [*shipped, first]
    fixed = make_fact(bundled_plan, FactKind.DELIVERED, "detailed-workplan", D(2020, 1, 8),
                      recorded_at=AT, voids="1", facts=known)
    assert (fixed.ref, fixed.source, fixed.voids) == ("CBD/WG2020/2/INF/1", "https://x.org/1", "1")
    anew = make_fact(bundled_plan, FactKind.DELIVERED, "detailed-workplan", D(2020, 1, 8),
                     recorded_at=AT, voids="1", ref="CBD/WG2020/2/INF/2", facts=known)
    assert (anew.ref, anew.source) == ("CBD/WG2020/2/INF/2", "https://x.org/1")


def test_held_without_dates_needs_them(bundled_plan: Plan, shipped: list[Fact]) -> None:
    with pytest.raises(FactError, match="wg2020-3 has no dates"):
        make_fact(bundled_plan, FactKind.HELD, "wg2020-3", D(2020, 4, 2), recorded_at=AT,
                  facts=shipped)
    held = make_fact(bundled_plan, FactKind.HELD, "wg2020-3", D(2020, 4, 2), recorded_at=AT,
                     opens_on=D(2020, 3, 31), closes_on=D(2020, 4, 2), facts=shipped)
    assert held.opens_on == D(2020, 3, 31)
    with pytest.raises(FactError, match="before its window opens on 2021-01-01"):
        make_fact(bundled_plan, FactKind.HELD, "sbi-3", D(2020, 9, 30), recorded_at=AT,
                  facts=shipped)


def test_no_delivery_before_the_meeting_that_adopts_it(bundled_plan: Plan,
                                                       shipped: list[Fact]) -> None:
    with pytest.raises(FactError, match="adopted at sbi-3, which opens on 2020-05-25"):
        make_fact(bundled_plan, FactKind.DELIVERED, "sbi-3-recs-gender", D(2019, 1, 1),
                  recorded_at=AT, facts=shipped)
    with pytest.raises(FactError, match="adopted at sbi-3, which opens on 2021-05-16"):
        make_fact(bundled_plan, FactKind.DELIVERED, "sbi-3-recs-gender", D(2021, 4, 30),
                  recorded_at=AT, facts=shipped)  # as the facts had it then: online, in parts
    make_fact(bundled_plan, FactKind.DELIVERED, "sbi-3-recs-gender", D(2022, 3, 29),
              recorded_at=AT, facts=shipped)


def test_portable_keys() -> None:
    note = Fact(FactKind.NOTE, "wg2020-2", D(2020, 1, 2), AT, text="a", id=1, key="1")
    again = replace(note, id=5, key="5", recorded_at=AT.add(seconds=1))
    assert is_local_key("1") and is_local_key("7.1") and not is_local_key("2020-01-02-x")
    assert not is_local_key(None) and not is_local_key("")
    key = portable_key(note)
    assert key.startswith("2020-01-02-wg2020-2-note-") and not is_local_key(key)
    assert portable_key(replace(note, id=9)) == key  # the same stored fact, wherever read
    assert portable_key(again) != key  # recorded again: another fact
    named = Fact(FactKind.NOTE, "wg2020-2", D(2020, 1, 2), AT, text="a", key="my-note")
    assert portable_key(named) == "my-note"
    fix = Fact(FactKind.WITHDRAWN, "wg2020-2", D(2020, 1, 3), AT, text="no", id=2, voids="1")
    assert [f.voids for f in portable([note, fix])] == [None, key]
