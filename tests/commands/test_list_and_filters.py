"""`mandates list` and the --body/--meeting/--responsible/--status filters of check, export-check
and list, through the real command (issue 10, part 1); as of 6 January 2020 (frozen)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from mandates.cli import app

runner = CliRunner()
AS_OF = ("--as-of", "2020-01-06")


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == code, result.output
    return result.output


def check(*filters: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("check", "--format", "json", *AS_OF, *filters))
    return document


def test_filters_narrow_the_check_and_its_totals(isolated_env: Path) -> None:
    whole = check()
    overdue = check("--status", "overdue")
    assert [o["id"] for o in overdue["outputs"]] == [o["id"] for o in whole["outputs"]
                                                     if o["status"] == "overdue"]
    assert overdue["totals"]["overdue"] == whole["totals"]["overdue"] and overdue["totals"]["on_track"] == 0
    two = check("--status", "overdue", "--status", "at-risk")
    assert len(two["outputs"]) == whole["totals"]["overdue"] + whole["totals"]["at_risk"]
    iucn = check("--responsible", "iucn")
    assert iucn["outputs"] and all("iucn" in o["responsible"] for o in iucn["outputs"])
    sbstta = check("--body", "sbstta")
    assert {m["id"] for m in sbstta["meetings"]} == {"sbstta-23", "sbstta-24"}
    assert "wg2020-2-documents" not in {o["id"] for o in sbstta["outputs"]}
    meeting = check("--meeting", "wg2020-2")
    assert {"wg2020-2-documents", "consult-review-report"} <= {o["id"] for o in meeting["outputs"]}
    assert all(li["output"] in {o["id"] for o in meeting["outputs"]} for li in meeting["late_inputs"])
    text = run("check", *AS_OF, "--status", "overdue")
    assert "Overdue (4)" in text and "At risk (0)" in text


def test_unknown_ids_are_refused_with_the_nearest(isolated_env: Path) -> None:
    said = run("check", *AS_OF, "--body", "sbsta", code=2)
    assert "--body 'sbsta': no such body (did you mean sbstta?)" in said and "Traceback" not in said
    said = run("list", "--meeting", "wg2020-9", code=2)
    assert "--meeting 'wg2020-9': no such meeting (did you mean" in said
    assert "invalid value" in run("check", "--status", "late", code=2).lower()


def test_list_outputs_meetings_and_bodies(isolated_env: Path) -> None:
    outputs = run("list", *AS_OF).splitlines()
    assert len(outputs) == len(check()["outputs"])
    assert any(line.startswith("wg2020-2-documents  2020-01-13  delivered  ") for line in outputs)
    meetings = run("list", "meetings", *AS_OF, "--body", "sbstta").splitlines()
    assert [line.split()[0] for line in meetings] == ["sbstta-23", "sbstta-24"]
    assert "Montreal" in meetings[0]
    bodies = run("list", "bodies").splitlines()
    assert any(line.startswith("sbstta  SBSTTA  ") for line in bodies)
    chinese = run("list", "meetings", *AS_OF, "--meeting", "wg2020-2", "--lang", "zh")
    assert "2020年2月24日至28日" in chinese and "中国昆明" in chinese
    overdue = run("list", *AS_OF, "--status", "overdue", "--responsible", "executive-secretary")
    assert overdue.count("overdue") == len(overdue.splitlines()) > 0


def test_export_check_takes_the_same_filters(isolated_env: Path) -> None:
    path = isolated_env / "sbstta.xlsx"
    run("export-check", *AS_OF, "--body", "sbstta", "-o", str(path))
    book = load_workbook(path)
    ids = {row[0] for sheet in book.worksheets[1:8] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids == {o["id"] for o in check("--body", "sbstta")["outputs"]}


def test_shell_completion_is_offered() -> None:
    assert "--install-completion" in run("--help")


def test_a_status_the_check_only_counts_is_listed_when_chosen(isolated_env: Path) -> None:
    """On track, delivered, cancelled or waived have no section in the daily check (it lists what
    needs action) but one when `--status` names them; a waived output is said to be waived."""
    run("waive", "annex2-list-updates", "--reason", "published on the web page", "--on", "2020-01-02")
    chosen = run("check", *AS_OF, "--status", "cancelled")
    assert "Cancelled or waived (1)" in chosen
    section = chosen.split("Cancelled or waived (1)")[1].split("\n\n")[0]
    assert "annex2-list-updates" in section and "waived on Thursday 2 January 2020" in section
    assert "Cancelled or waived" not in run("check", *AS_OF)  # the daily check: counted only
    assert "已取消或免除（1）" in run("check", *AS_OF, "--status", "cancelled", "--lang", "zh")
    on_track = run("check", *AS_OF, "--status", "on-track")
    count = check("--status", "on-track")["totals"]["on_track"]
    assert count > 0 and f"On track ({count})" in on_track
    [line] = [x for x in run("list", *AS_OF).splitlines() if x.startswith("annex2-list-updates ")]
    assert "  waived  " in line
    [line] = [x for x in run("list", *AS_OF, "--lang", "zh").splitlines()
              if x.startswith("annex2-list-updates ")]
    assert "  已免除  " in line


def test_meetings_are_listed_in_calendar_order(isolated_env: Path) -> None:
    lines = run("list", "meetings", *AS_OF).splitlines()
    dated = [m for m in check()["meetings"] if m["opens_on"]]
    order = [line.split()[0] for line in lines]
    assert order[:3] == ["wg2020-1", "unu-landscapes", "cp-liaison-group"]
    firsts = [next(m["opens_on"] for m in dated if m["id"] == mid) for mid in order if
              any(m["id"] == mid for m in dated)]
    assert firsts == sorted(firsts)
