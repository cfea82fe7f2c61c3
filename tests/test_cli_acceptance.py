"""The daily check through the real `mandates` command, as the issue's "done when" states it.

The expected values were written from the founding text (CBD/WG2020/REC/1/1), so the commands run
on the founding file alone (`founding_folder`, no shipped history); the last tests run the
bundled process as shipped, history included, on an empty database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from founding import founding_folder
from typer.testing import CliRunner

from mandates.cli import app
from mandates.store.db import Store

runner = CliRunner()


def run(*args: str, code: int = 0, bundled: bool = False) -> str:
    config = [] if bundled or "--help" in args or "--config" in args or args[0] == "validate" else [
        "--config", str(founding_folder())]
    result = runner.invoke(app, [*args, *config], env={"COLUMNS": "220"})
    assert result.exit_code == code, result.output
    return result.output


def check_json(as_of: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run("check", "--as-of", as_of, "--format", "json"))
    return data


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


@pytest.fixture()
def moved_to_rome(isolated_env: Path) -> Path:
    """WG2020-2 moved to Rome (24-29 February 2020), announced 3 February 2020."""
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", "Rome, FAO headquarters", "--announced", "2020-02-03")
    return isolated_env


def test_check_as_of_6_january_2020(isolated_env: Path) -> None:
    data = check_json("2020-01-06")
    assert (data["process"], data["as_of"], data["timezone"]) == ("post2020", "2020-01-06",
                                                                  "America/Toronto")
    documents = by_id(data["outputs"])["wg2020-2-documents"]
    assert documents["due"] == "2020-01-13"  # Monday, six weeks before 24 February 2020
    assert documents["status"] == "due_soon"
    assert documents["mandate"] == "CBD/WG2020/REC/1/1 para 4"
    late = {(li["output"], li["id"]): li for li in data["late_inputs"]}
    review = late[("wg2020-2-documents", "consult-review-report")]
    assert (review["flag"], review["expected_on"], review["days_late"]) == (
        "arrives_after_deadline", "2020-02-22", 40)
    assert "closes 40 days after" in review["reason"] and "13 January 2020" in review["reason"]
    assert "Kunming" in review["reason"] and "21–22 February 2020" in review["reason"]
    mobilization = late[("wg2020-2-documents", "consult-resource-mobilization-report")]
    assert mobilization["flag"] == "arrives_after_deadline"
    assert "January or February 2020" in mobilization["reason"]
    area_based = late[("wg2020-2-documents", "ws-area-based-report")]
    assert (area_based["flag"], area_based["expected_on"]) == ("unscheduled", None)
    meetings = by_id(data["meetings"])
    assert meetings["consult-resource-mobilization"]["window"] == {"earliest": "2020-01-01",
                                                                   "latest": "2020-02-29"}
    assert meetings["ws-area-based"]["status"] == "unscheduled"
    assert meetings["wg2020-2"]["title"]["zh"]


def test_check_json_has_every_documented_key(isolated_env: Path) -> None:
    data = check_json("2020-01-06")
    assert {"process", "as_of", "timezone", "meetings", "outputs", "late_inputs"} <= set(data)
    meeting_keys = {"id", "title", "opens_on", "closes_on", "window", "venue", "status"}
    assert all(meeting_keys <= set(m) for m in data["meetings"])
    output_keys = {"id", "title", "responsible", "mandate", "for", "due", "baseline_due", "slip_days",
                   "slack_days", "status", "delivered_on", "days_late", "inputs"}
    assert all(output_keys <= set(o) for o in data["outputs"])
    input_keys = {"id", "flag", "expected_on", "days_late", "reason"}
    assert all(input_keys <= set(i) for o in data["outputs"] for i in o["inputs"])


def test_text_check_lists_late_inputs_first(isolated_env: Path) -> None:
    text = run("check", "--as-of", "2020-01-06")
    assert text.index("Late inputs") < text.index("Overdue") < text.index("Due soon")
    assert text.index("Due soon") < text.index("At risk") < text.index("Blocked")
    assert "wg2020-2-documents" in text and "2020-01-13" in text and "Totals:" in text


def test_reschedule_moves_every_deadline_that_hangs_on_the_meeting(moved_to_rome: Path) -> None:
    after = check_json("2020-02-10")
    wg2 = by_id(after["meetings"])["wg2020-2"]
    assert (wg2["opens_on"], wg2["closes_on"]) == ("2020-02-24", "2020-02-29")
    assert wg2["venue"]["en"] == "Rome, FAO headquarters" and wg2["moved"] is True
    outputs = by_id(after["outputs"])
    draft = outputs["wg2020-2-discussion-draft"]  # produced at WG2020-2, available when it closes
    assert (draft["baseline_due"], draft["due"], draft["slip_days"]) == ("2020-02-28", "2020-02-29", 1)
    assert outputs["wg2020-2-documents"]["due"] == "2020-01-13"  # the opening did not move
    text = run("check", "--as-of", "2020-02-10")
    assert "Rome, FAO headquarters" in text and "24–29 February 2020" in text


def test_replay_before_the_announcement_shows_the_plan_as_it_stood(moved_to_rome: Path) -> None:
    before = check_json("2020-01-31")
    wg2 = by_id(before["meetings"])["wg2020-2"]
    assert (wg2["closes_on"], wg2["venue"]["en"], wg2["moved"]) == ("2020-02-28", "Kunming, China",
                                                                    False)
    draft = by_id(before["outputs"])["wg2020-2-discussion-draft"]
    assert (draft["due"], draft["slip_days"]) == ("2020-02-28", 0)


def test_strict_exits_1_when_inputs_are_late(isolated_env: Path) -> None:
    run("check", "--as-of", "2020-01-06", "--strict", code=1)
    run("check", "--as-of", "2019-08-01", "--strict", "--config",
        str(Path(__file__).parent / "data" / "quiet_process.yaml"))


def test_whatif_records_nothing(isolated_env: Path) -> None:
    text = run("whatif", "wg2020-2", "--opens", "2020-04-20", "--closes", "2020-04-24",
               "--as-of", "2020-01-06")
    assert "wg2020-2-documents: 2020-01-13 → 2020-03-09" in text
    assert "no facts recorded" in run("history")


def test_record_deliver_then_show_and_history(isolated_env: Path) -> None:
    run("deliver", "wg2020-2-documents", "--on", "2020-01-10", "--ref", "CBD/WG2020/2/3")
    shown = run("show", "wg2020-2-documents", "--as-of", "2020-01-12")
    assert "delivered" in shown and "CBD/WG2020/2/3" in shown and "para 4" in shown
    assert "wg2020-2-documents: 2020-01-10 delivered as CBD/WG2020/2/3" in run("history")
    data = check_json("2020-01-12")
    documents = by_id(data["outputs"])["wg2020-2-documents"]
    assert (documents["status"], documents["delivered_on"], documents["days_late"]) == (
        "delivered", "2020-01-10", 0)


def test_a_received_input_no_longer_holds_up_what_needs_it(isolated_env: Path) -> None:
    run("receive", "consult-review-report", "--on", "2020-01-10", "--ref", "CBD/WG2020/2/INF/1")
    late = {(li["output"], li["id"]) for li in check_json("2020-01-12")["late_inputs"]}
    assert ("wg2020-2-documents", "consult-review-report") not in late
    assert ("wg2020-2-documents", "consult-resource-mobilization-report") in late
    assert "received as CBD/WG2020/2/INF/1" in run("history")


def test_postpone_cancel_waive_note(isolated_env: Path) -> None:
    run("postpone", "sbstta-24", "--announced", "2020-03-10")
    run("cancel", "consult-capacity-building", "--announced", "2020-02-20")
    run("waive", "views-structure", "--on", "2019-09-01", "--reason", "merged into para 4 call")
    run("note", "wg2020-2", "--on", "2020-02-01", "Venue under review")
    data = check_json("2020-03-15")
    meetings, outputs = by_id(data["meetings"]), by_id(data["outputs"])
    assert meetings["sbstta-24"]["status"] == "postponed"
    assert outputs["sbstta-24-recs-scientific-technical"]["due"] is None
    assert meetings["consult-capacity-building"]["status"] == "cancelled"
    assert outputs["consult-capacity-building-report"]["status"] == "cancelled"
    assert outputs["views-structure"]["status"] == "cancelled"
    shown = run("show", "wg2020-2")
    assert "Venue under review" in shown
    hanging = shown.split("deadlines that hang on it:")[1].split("\n")[0]
    # a deadline before it opens, what it produces; what goes to it but is due by another
    # meeting's date is listed apart (issue 10: not under "deadlines that hang on it")
    assert {"wg2020-2-documents", "wg2020-2-discussion-draft"} == {
        item.strip() for item in hanging.split(",")}
    made_for = shown.split("outputs for it, due by another rule:")[1].split("\n")[0]
    assert "consult-review-report" in {item.strip() for item in made_for.split(",")}


@pytest.mark.parametrize("args", [
    ("deliver", "wg2020-2-documnts", "--on", "2020-01-10"),
    ("deliver", "wg2020-2-documents", "--on", "2020-02-30"),
    ("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-20",
     "--announced", "2020-02-03"),
    ("reschedule", "wg2020-2-documents", "--opens", "2020-02-24", "--closes", "2020-02-28",
     "--announced", "2020-02-03"),
    ("postpone", "sbstta-99", "--announced", "2020-03-10"),
    ("waive", "views-structure", "--on", "2019-09-01", "--reason", " "),
])
def test_bad_facts_are_refused_and_nothing_is_written(isolated_env: Path, args: tuple[str, ...]) -> None:
    output = run(*args, code=2)
    assert "nothing was recorded" in output
    assert "no facts recorded" in run("history")


def test_unknown_id_names_the_valid_choices(isolated_env: Path) -> None:
    output = run("deliver", "wg2020-2-documnts", "--on", "2020-01-10", code=2)
    assert "did you mean wg2020-2-documents" in output


def test_help_on_every_command() -> None:
    for command in ("check", "validate", "show", "history", "deliver", "receive", "reschedule", "postpone",
                    "cancel", "waive", "note", "whatif"):
        assert "Usage" in run(command, "--help")


def test_the_readme_first_command_on_an_empty_database_counts_the_shipped_history(
        isolated_env: Path, sqlite_url: str) -> None:
    """`mandates check --as-of 2020-01-06` on the bundled process: the facts shipped with it
    count without any database write."""
    text = run("check", "--as-of", "2020-01-06", bundled=True)
    assert "check as of Monday 6 January 2020" in text and "Totals:" in text
    history = run("history", bundled=True)
    assert "shipped with the process" in history and "no facts recorded" in history
    store = Store(sqlite_url)
    try:
        assert store.facts("post2020") == []
    finally:
        store.dispose()
