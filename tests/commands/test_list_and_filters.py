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
    assert "--body 'sbsta': no such body; did you mean sbstta?" in said and "Traceback" not in said
    said = run("list", "--meeting", "wg2020-9", code=2)
    assert "--meeting 'wg2020-9': no such meeting; did you mean" in said
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
