"""The daily_check flow (issue 3, items 2-4) run against a real Prefect server (the test harness).

Each test reads what the flow did back through the Prefect API: the task run of each output,
its state name, tags and the task runs it waited for; the artifacts; the logs. Dates are frozen
(6 January and 1 March 2020); mail goes to a real SMTP server.

The expected values were written from the founding text (CBD/WG2020/REC/1/1), and the tests
record the move of WG2020-2 to Rome themselves, so the flow runs on the founding file alone
(`founding_folder`): the history shipped with the bundled process already tells that move and
delivers the zero draft on 6 January 2020. tests/flows/test_cli_flows.py runs the bundled process
as shipped, history included.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pendulum
import pytest
from founding import founding_folder

from mandates.alerts import alert_items
from mandates.config.processes import load_process
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.report.jsondoc import evaluation_dict
from mandates.store.db import Store

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock

JAN_6 = pendulum.Date(2020, 1, 6)
MAR_1 = pendulum.Date(2020, 3, 1)
SIDE_TASKS = 7  # load-plan, load-facts, evaluate, write-check-json, write-feeds, send-alerts,
#                publish-artifacts


@dataclass
class Run:
    """One run of the flow and what the API says about it."""

    summary: dict[str, Any]
    flow_run_id: UUID
    runs: list[Any]
    folder: Path

    def outputs(self, plan: Plan) -> dict[str, Any]:
        """The task run of each output, by output id."""
        return {r.name: r for r in self.runs if r.name in plan.outputs}


@pytest.fixture(scope="module")
def founding_plan() -> Plan:
    """The bundled process as founded: `config/post2020.yaml` alone (no shipped history)."""
    return load_process(founding_folder())


def run_check(api: Any, plan: Plan, folder: Path, tasks: int | None = None, **parameters: Any) -> Run:
    """Run the flow in this process on the founding file; wait until the server has recorded
    every task run."""
    from flows.daily_check import daily_check

    state = daily_check(return_state=True, config=str(founding_folder()), **parameters)
    assert state.is_completed(), state
    summary = state.result()
    flow_run_id = state.state_details.flow_run_id
    expected = (tasks if tasks is not None else len(plan.outputs)) + SIDE_TASKS
    return Run(summary, flow_run_id, api.task_runs(flow_run_id, expected), folder)


def use_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, settings: Path) -> str:
    """Point the state database and the settings at a folder; returns the database URL."""
    url = f"sqlite:///{folder / 'state.db'}"
    monkeypatch.setenv("MANDATES_DATABASE_URL", url)
    monkeypatch.setenv("MANDATES_SETTINGS", str(settings))
    monkeypatch.chdir(folder)
    return url


@pytest.fixture(scope="module")
def jan6(prefect_api: Any, founding_plan: Plan, tmp_path_factory: pytest.TempPathFactory,
         smtp_on: Any, port_finder: Callable[[], int],
         write_settings: Callable[..., Path]) -> Iterator[tuple[Run, Any]]:
    """The check as of 6 January 2020, alerts to a real mail server, shared by the tests below."""
    folder = tmp_path_factory.mktemp("jan6")
    inbox = smtp_on(port_finder())
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_folder(monkeypatch, folder, write_settings(folder, [inbox.url]))
        yield run_check(prefect_api, founding_plan, folder, as_of="2020-01-06"), inbox


def expected_names(evaluation: Evaluation) -> dict[str, str]:
    """The state name each output's task should end in, from the core's evaluation."""
    names = {"delivered": "Delivered", "on_track": "OnTrack", "due_soon": "DueSoon",
             "at_risk": "AtRisk", "blocked": "Blocked", "overdue": "Overdue",
             "cancelled": "Cancelled"}
    return {oid: names[s.status.value] for oid, s in evaluation.outputs.items()}


def test_each_output_task_ends_in_a_state_named_after_its_status(jan6: tuple[Run, Any],
                                                                 founding_plan: Plan) -> None:
    run, _ = jan6
    outputs = run.outputs(founding_plan)
    names = {oid: r.state.name for oid, r in outputs.items()}
    assert names == expected_names(evaluate(founding_plan, [], JAN_6))
    assert names["zero-draft-overview"] == "Overdue"  # due 24 November 2019, nothing recorded
    assert names["wg2020-2-documents"] == "DueSoon"  # six weeks before WG2020-2: 13 January
    assert names["wg2020-1-outcome"] == "Delivered"
    assert names["consult-review-report"] == "AtRisk"
    assert names["sbi-3-recs-gender"] == "OnTrack"
    assert "Late" not in names.values()


# Prefect colours a run by its state type (issue 10, item 8): red, orange, green, grey.
EXPECTED_TYPES = {"Overdue": "FAILED", "Blocked": "FAILED", "AtRisk": "CRASHED", "DueSoon": "CRASHED",
                  "Delivered": "COMPLETED", "OnTrack": "COMPLETED", "Cancelled": "CANCELLED"}
HELPERS = {"load-plan", "load-facts", "evaluate", "write-check-json", "write-feeds", "send-alerts",
           "publish-artifacts"}


def test_state_types_give_each_status_its_colour(jan6: tuple[Run, Any], founding_plan: Plan) -> None:
    run, _ = jan6
    outputs = run.outputs(founding_plan)
    types = {oid: r.state.type.value for oid, r in outputs.items()}
    assert types == {oid: EXPECTED_TYPES[r.state.name] for oid, r in outputs.items()}
    assert types["zero-draft-overview"] == "FAILED"  # overdue: not drawn as a success
    assert types["consult-review-report"] == "CRASHED"  # at risk
    assert types["wg2020-2-documents"] == "CRASHED"  # due soon
    assert types["wg2020-1-outcome"] == "COMPLETED"
    assert all(r.state.message.startswith(f"{r.state.name}: ") for r in outputs.values())
    assert "(due 2019-11-24)" in outputs["zero-draft-overview"].state.message


def test_helper_tasks_have_plain_names(jan6: tuple[Run, Any], founding_plan: Plan) -> None:
    run, _ = jan6
    helpers = [r for r in run.runs if r.name not in founding_plan.outputs]
    assert {r.name for r in helpers} == HELPERS  # `evaluate`, not `evaluate-7a8`
    assert {r.state.type.value for r in helpers} == {"COMPLETED"}
    assert all(r.tags == [] for r in helpers)  # no tags: no concurrency slots asked for


def test_the_flow_run_state_is_named_with_its_summary(jan6: tuple[Run, Any],
                                                      founding_plan: Plan) -> None:
    from prefect.client.orchestration import get_client

    run, _ = jan6
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(run.flow_run_id)
    assert flow_run.state is not None
    assert flow_run.state.type.value == "COMPLETED"  # the check ran: it counts as completed
    assert flow_run.state.name == "4 overdue, 7 at risk, 6 late inputs"
    assert flow_run.state.message is not None
    assert flow_run.state.message == ("post2020 as of 2020-01-06: 13 delivered, 4 overdue, 1 due soon, "
                                      "7 at risk, 17 on track; 6 late inputs; 17 alerts sent")


def test_the_run_counts_are_said_in_words_with_plurals() -> None:
    """The flow's log line and state message: statuses in words (not `due_soon`), plural forms."""
    from flows.daily_check import counts_text

    assert counts_text({"due_soon": 1, "at_risk": 6, "on_track": 15, "overdue": 0}, 1, 1) == (
        "1 due soon, 6 at risk, 15 on track; 1 late input; 1 alert sent")
    assert counts_text({}, 0, 2) == "no outputs; 0 late inputs; 2 alerts sent"


def test_each_task_waited_for_exactly_the_tasks_of_its_inputs(jan6: tuple[Run, Any],
                                                              founding_plan: Plan) -> None:
    run, _ = jan6
    names = {r.id: r.name for r in run.runs}
    outputs = run.outputs(founding_plan)
    assert set(outputs) == set(founding_plan.outputs)
    for oid, task_run in outputs.items():
        waited = sorted(names[i.id] for i in task_run.task_inputs.get("wait_for", []))
        assert waited == sorted(founding_plan.all_inputs(oid)), oid
        parameters = {k: v for k, v in task_run.task_inputs.items() if k != "wait_for"}
        assert not any(parameters.values()), oid  # plain values: no other upstream
    assert len(outputs["wg2020-2-documents"].task_inputs["wait_for"]) >= 5


def test_each_task_is_tagged_with_status_bodies_mandate_and_due_date(jan6: tuple[Run, Any],
                                                              founding_plan: Plan) -> None:
    run, _ = jan6
    outputs = run.outputs(founding_plan)
    assert set(outputs["zero-draft-overview"].tags) == {
        "status:Overdue", "body:wg2020-co-chairs", "body:executive-secretary",
        "mandate:CBD/WG2020/REC/1/1 para 4", "due:2019-11-24"}
    assert "due:none" in outputs["ws-area-based-report"].tags  # its workshop has no date
    for oid, task_run in outputs.items():
        output = founding_plan.outputs[oid]
        assert {f"body:{b}" for b in output.responsible} <= set(task_run.tags)
        assert f"mandate:{output.mandate}" in task_run.tags
        assert f"status:{task_run.state.name}" in task_run.tags  # the UI's tag filter finds it


def test_summary_json_beside_the_feeds_and_artifacts(jan6: tuple[Run, Any],
                                                     founding_plan: Plan) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        ArtifactFilterKey,
    )

    run, _ = jan6
    evaluation = evaluate(founding_plan, [], JAN_6)
    assert run.summary == {
        "process": "post2020", "as_of": "2020-01-06", "counts": evaluation.counts(),
        "late_inputs": 6, "alerts_sent": len(alert_items(evaluation)), "alerts_failed": 0,
        "alerts_uncertain": 0, "alerts_skipped": 0, "alerts_notes": [], "mode": "per-output", "tasks": 42,
        "check_json": str(run.folder / "calendars" / "check-post2020.json"), "feeds": 44}
    written = json.loads((run.folder / "calendars" / "check-post2020.json").read_text("utf-8"))
    assert written == json.loads(json.dumps(evaluation_dict(evaluation)))
    # the check's JSON sits beside the feeds the same run published (issue 4, item 5)
    published = sorted(p.name for p in (run.folder / "calendars").iterdir())
    assert {"check-post2020.json", "all.en.ics", "all.zh.ics", "wg2020.en.ics", "feeds.json",
            "private"} <= set(published)
    private = {p.name for p in (run.folder / "calendars" / "private").iterdir()}
    assert private == {"secretariat.en.ics", "secretariat.zh.ics"}
    with get_client(sync_client=True) as client:
        found = {a.key: a for a in client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["daily-check-post2020", "late-inputs-post2020"]),
            # this run's: other tests' runs (the bundled process) publish under the same keys
            flow_run_id=ArtifactFilterFlowRunId(any_=[run.flow_run_id])))}
    assert "## Late inputs (6)" in found["daily-check-post2020"].data
    markdown = found["daily-check-post2020"].data
    assert "| zero-draft-overview | 2019-11-24 | WG2020 Co-Chairs +1 |" in markdown
    # the reasons below the table, with the mandate and every responsible body
    assert ("- zero-draft-overview (CBD/WG2020/REC/1/1 para 4; WG2020 Co-Chairs, Executive "
            "Secretary): was due on Sunday 24 November 2019; 43 days overdue") in markdown
    table = found["late-inputs-post2020"].data
    rows = json.loads(table) if isinstance(table, str) else table
    assert len(rows) == 6 and rows[0]["needed_by"] == evaluation.late_inputs[0].output
    assert set(rows[0]) == {"input", "needed_by", "flag", "days_late"}  # short columns


def test_alerts_go_once_a_day(jan6: tuple[Run, Any], founding_plan: Plan, prefect_api: Any,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    run, inbox = jan6
    assert len(inbox.messages) == 1
    text = inbox.text()
    assert "OVERDUE - zero-draft-overview:" in text and "Mandate: CBD/WG2020/REC/1/1 para 4" in text
    use_folder(monkeypatch, run.folder, run.folder / "settings.yaml")
    again = run_check(prefect_api, founding_plan, run.folder, as_of="2020-01-06")
    assert (again.summary["alerts_sent"], again.summary["alerts_failed"]) == (0, 0)
    assert len(inbox.messages) == 1


def test_states_after_wg2020_2_moved_to_rome(prefect_api: Any, founding_plan: Plan, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             write_settings: Callable[..., Path]) -> None:
    url = use_folder(monkeypatch, tmp_path, write_settings(tmp_path, []))
    moved = make_fact(founding_plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3),
                      recorded_at=RECORDED_AT,
                      opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                      venue="Rome, FAO headquarters")
    store = Store(url)
    facts = store.append(founding_plan.process.id, [moved])
    store.dispose()
    run = run_check(prefect_api, founding_plan, tmp_path, as_of="2020-03-01")
    names = {oid: r.state.name for oid, r in run.outputs(founding_plan).items()}
    assert names == expected_names(evaluate(founding_plan, facts, MAR_1))
    assert names["wg2020-2-documents"] == "Overdue"
    assert names["wg2020-2-discussion-draft"] == "Delivered"  # WG2020-2 closed on 29 February
    assert names["consult-resource-mobilization-report"] == "DueSoon"
    assert names["wg2020-3-framework-text"] == "AtRisk"
    written = json.loads((tmp_path / "calendars" / "check-post2020.json").read_text("utf-8"))
    meeting = next(m for m in written["meetings"] if m["id"] == "wg2020-2")
    assert (meeting["closes_on"], meeting["venue"]["en"]) == ("2020-02-29", "Rome, FAO headquarters")
    assert run.summary["alerts_sent"] == 0  # no alert URL configured


def test_above_the_threshold_one_coarse_task_per_body(prefect_api: Any, founding_plan: Plan,
                                                       tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       write_settings: Callable[..., Path]) -> None:
    use_folder(monkeypatch, tmp_path, write_settings(tmp_path, [], threshold=20))
    bodies = {o.responsible[0] for o in founding_plan.outputs.values()}
    run = run_check(prefect_api, founding_plan, tmp_path, tasks=len(bodies), as_of="2020-01-06")
    assert (run.summary["mode"], run.summary["tasks"]) == ("per-body", len(bodies))
    states = {r.name: r.state.name for r in run.runs if r.name in bodies}
    assert set(states) == bodies
    assert states["wg2020-co-chairs"] == "Overdue"  # its most pressing output
    assert states["unu"] == "Delivered"
    coarse = {r.name: r for r in run.runs if r.name in bodies}
    assert coarse["wg2020-co-chairs"].state.type.value == "FAILED"
    assert set(coarse["wg2020-co-chairs"].tags) == {"status:Overdue", "body:wg2020-co-chairs"}
    written = json.loads((tmp_path / "calendars" / "check-post2020.json").read_text("utf-8"))
    assert len(written["outputs"]) == len(founding_plan.outputs)  # our record has every output
    logs = prefect_api.flow_logs(run.flow_run_id, "above the task threshold")
    assert any("42 outputs is above the task threshold of 20" in m for m in logs)
