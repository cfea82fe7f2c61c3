"""Part ids (DESIGN: parts add a suffix, `cop-15-part-2`): the one reader, `core.plan.split_ref`,
used by the core, the config loader, the feeds and the briefing."""

from __future__ import annotations

import pytest

from mandates.core.plan import is_part_of, split_ref

MEETINGS = {"cop-15", "wg2020-3", "sbstta-24"}


@pytest.mark.parametrize(("ref", "expected"), [
    ("cop-15", ("cop-15", None)),             # a meeting is itself
    ("cop-15-part-2", ("cop-15", 2)),
    ("wg2020-3-part-1", ("wg2020-3", 1)),
    ("sbstta-24-part-12", ("sbstta-24", 12)),
    ("cop-15-part-0", ("cop-15-part-0", None)),  # parts count from 1
    ("cop-16-part-1", ("cop-16-part-1", None)),  # not a part of a known meeting
    ("cop-15-part-", ("cop-15-part-", None)),
    ("cop-15-part-2x", ("cop-15-part-2x", None)),
    ("zero-draft", ("zero-draft", None)),
])
def test_split_ref(ref: str, expected: tuple[str, int | None]) -> None:
    assert split_ref(ref, MEETINGS) == expected
    assert is_part_of(ref, MEETINGS) is (expected[1] is not None)


def test_a_meeting_whose_id_looks_like_a_part_is_a_meeting() -> None:
    assert split_ref("x-part-2", {"x", "x-part-2"}) == ("x-part-2", None)
