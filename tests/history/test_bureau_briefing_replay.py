"""The Bureau briefing trigger replayed over the public history of the bundled process.

`bureau_briefings_due` (mandates.briefing.send, pure) is asked, for every day from 2019-08-30 to
2022-12-31, which Bureau meetings' briefing is due, with the bundled process as installed
(founding file, shipped amendments, shipped facts) and the bundled settings
(`briefing.bureau_bodies: [cop-bureau]`, `briefing.days_before_bureau: 7`); no server, no
database, no clock: the as-of date is the only "now".

The COP Bureau meetings of 2019-2022 that the public record dates (amendments 005-007, written by
hand from the record, with their sources):

    meeting                  opens        first public record
    cop-bureau-2021-07-14    2021-07-14   2021-08-18 (announcement of COP-15's two parts)
    cop-15-bureau-1          2021-10-11   2021-10-11 (ministry release of the meeting day)
    cop-bureau-2021-12-02    2021-12-02   2021-12-02 (ministry release, republished 3 December)

None was announced in public before it was held, so on the public record the briefing is never
due (`test_on_the_public_record_*`). A secretariat that convenes its Bureau knows of the meeting
ahead: `test_had_each_meeting_been_recorded_a_month_ahead_*` replays the same files with only the
three amendments' effective dates moved 30 days before each meeting (a hypothesis of the test,
not shipped data) and finds the briefing due on exactly the seven days before each one.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pendulum import Date

from mandates.briefing.send import bureau_briefings_due
from mandates.config.history import shipped_facts
from mandates.config.processes import bundled_config_dir, load_process
from mandates.config.settings import load_settings
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan

FIRST, LAST = Date(2019, 8, 30), Date(2022, 12, 31)
BUREAU_MEETINGS = {  # id -> (opens, file, first public record)
    "cop-bureau-2021-07-14": (Date(2021, 7, 14), "005-cop-bureau-2021-07-14.yaml", Date(2021, 8, 18)),
    "cop-15-bureau-1": (Date(2021, 10, 11), "006-cop-15-bureau-1.yaml", Date(2021, 10, 11)),
    "cop-bureau-2021-12-02": (Date(2021, 12, 2), "007-cop-bureau-2021-12-02.yaml", Date(2021, 12, 2)),
}
LEAD_DAYS = 30  # the hypothesis of the second test: each meeting recorded a month ahead


def _settings() -> tuple[tuple[str, ...], int]:
    settings = load_settings(bundled_config_dir() / "settings.yaml")
    return tuple(settings.briefing.bureau_bodies), settings.briefing.days_before_bureau


def _replay(plan: Plan) -> dict[str, list[Date]]:
    """Each Bureau meeting -> the days its briefing is due, over FIRST..LAST."""
    bodies, days_before = _settings()
    facts = shipped_facts(plan)
    fired: dict[str, list[Date]] = {}
    day = FIRST
    while day <= LAST:
        for meeting in bureau_briefings_due(evaluate(plan, facts, day), bodies, days_before):
            assert meeting.briefing_on == meeting.opens_on.subtract(days=days_before)
            fired.setdefault(meeting.meeting_id, []).append(day)
        day = day.add(days=1)
    return fired


def _expected(known_from: dict[str, Date]) -> dict[str, list[Date]]:
    """The days D with `known_from` <= D and D < opens <= D + days_before, per meeting."""
    _, days_before = _settings()
    expected: dict[str, list[Date]] = {}
    for mid, (opens, _, _) in BUREAU_MEETINGS.items():
        days = [opens.subtract(days=n) for n in range(days_before, 0, -1)]
        days = [d for d in days if d >= known_from[mid]]
        if days:
            expected[mid] = days
    return expected


def test_the_bundled_settings_name_the_cop_bureau_and_seven_days() -> None:
    assert _settings() == (("cop-bureau",), 7)


def test_on_the_public_record_the_bureau_meetings_are_in_the_plan_from_their_first_record() -> None:
    plan = load_process()
    facts = shipped_facts(plan)
    for mid, (opens, _, recorded) in BUREAU_MEETINGS.items():
        before = evaluate(plan, facts, recorded.subtract(days=1)).meetings
        after = evaluate(plan, facts, recorded).meetings
        assert mid not in before
        state = after[mid]
        assert state.meeting.body == "cop-bureau"
        assert state.opening_span is not None and state.opening_span.opens_earliest == opens
    at_end = evaluate(plan, facts, LAST).meetings
    assert {mid for mid, s in at_end.items() if s.meeting.body == "cop-bureau"} == set(BUREAU_MEETINGS)
    assert all(at_end[mid].held for mid in BUREAU_MEETINGS)  # recorded (006, 007) or presumed (005)


def test_on_the_public_record_the_briefing_is_never_due() -> None:
    """No Bureau meeting of 2019-2022 was in the public record before it opened."""
    known = {mid: recorded for mid, (_, _, recorded) in BUREAU_MEETINGS.items()}
    assert _expected(known) == {}
    assert _replay(load_process()) == {}


@pytest.fixture
def recorded_ahead(tmp_path: Path) -> Path:
    """The bundled process folder with amendments 005-007 effective LEAD_DAYS before each meeting."""
    folder = tmp_path / "config"
    shutil.copytree(bundled_config_dir(), folder)
    for opens, name, _ in BUREAU_MEETINGS.values():
        path = folder / "post2020.amendments" / name
        text = path.read_text(encoding="utf-8")
        moved = opens.subtract(days=LEAD_DAYS).isoformat()
        text, count = re.subn(r"(?m)^  effective_on: \d{4}-\d{2}-\d{2}$", f"  effective_on: {moved}", text)
        assert count == 1, name
        path.write_text(text, encoding="utf-8")
    return folder


def test_had_each_meeting_been_recorded_a_month_ahead_the_briefing_is_due_the_seven_days_before(
        recorded_ahead: Path) -> None:
    plan = load_process(recorded_ahead)
    known = {mid: opens.subtract(days=LEAD_DAYS) for mid, (opens, _, _) in BUREAU_MEETINGS.items()}
    expected = _expected(known)
    assert expected == {  # written out: 7 days before each opening, the opening day excluded
        "cop-bureau-2021-07-14": [Date(2021, 7, d) for d in range(7, 14)],
        "cop-15-bureau-1": [Date(2021, 10, d) for d in range(4, 11)],
        "cop-bureau-2021-12-02": [Date(2021, 11, d) for d in range(25, 31)] + [Date(2021, 12, 1)],
    }
    assert _replay(plan) == expected

