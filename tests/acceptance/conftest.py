"""Acceptance fixtures: two recorded histories shared by the whole folder, each built once.

- `plan_scenario`: the bundled process as of Monday 6 January 2020 with one fact: the zero-draft
  overview waived on 3 January 2020 with an English reason (user text).
- `moved_scenario`: as of Monday 10 February 2020, after the README's reschedule of WG2020-2 to
  Rome (24-29 February 2020, announced 3 February), the review consultation moved across a month
  end (28 February - 2 March 2020), COP-15 moved across a year end (30 December 2020 - 2 January
  2021), and a few other facts so that every kind of status occurs.

Everything drives the product from outside (see helpers.py); nothing here imports `mandates`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import MOVED_AS_OF, PLAN_AS_OF, WAIVED_OUTPUT, WAIVER_REASON, Scenario


@pytest.fixture(scope="session")
def plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-plan cache for the session (the daily case reads it warm)."""
    return tmp_path_factory.mktemp("plan-cache")


@pytest.fixture(scope="session")
def plan_scenario(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> Scenario:
    """As of 6 January 2020; the zero-draft overview waived with an English reason."""
    scenario = Scenario(tmp_path_factory.mktemp("plan"), PLAN_AS_OF, plan_cache)
    scenario.record("waive", WAIVED_OUTPUT, "--on", "2020-01-03", "--reason", WAIVER_REASON)
    scenario.prefetch(scenario.standard_commands())
    return scenario


@pytest.fixture(scope="session")
def moved_scenario(tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> Scenario:
    """As of 10 February 2020, after three meetings moved and a few other facts."""
    scenario = Scenario(tmp_path_factory.mktemp("moved"), MOVED_AS_OF, plan_cache)
    # The README's example, word for word.
    scenario.record("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                    "--venue", "Rome, FAO headquarters", "--announced", "2020-02-03")
    scenario.record_all([
        # A span across a month end, and one across a year end.
        ("reschedule", "consult-review", "--opens", "2020-02-28", "--closes", "2020-03-02",
         "--announced", "2020-01-02"),
        ("reschedule", "cop-15", "--opens", "2020-12-30", "--closes", "2021-01-02",
         "--announced", "2020-01-02"),
        # Other kinds of facts, so that the evaluation has every kind of reason to give.
        ("deliver", "detailed-workplan", "--on", "2020-01-20", "--ref", "CBD/WG2020/2/INF/1"),
        ("postpone", "sbstta-24", "--announced", "2020-01-20"),
        ("cancel", "ws-synergies", "--announced", "2020-01-20"),
    ])
    scenario.prefetch(scenario.standard_commands())
    return scenario
