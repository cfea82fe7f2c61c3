"""`mandates export-check` (issue 10, part 2): the check as CSV, Excel and JSON, through the real
command, with the same numbers as `mandates check --format json`.

As of 6 January 2020 and 1 March 2020 (the dates the issues pin) on the bundled process: every
output in exactly one status sheet, each sheet as long as the check's total, each due date and
delivery date equal to the JSON's (Excel dates, not text), late inputs as the check lists them,
headings and statuses in the chosen language with titles in both; formulas never run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from mandates.cli import app
from mandates.words.export import SHEETS

runner = CliRunner()
DATES = ("2020-01-06", "2020-03-01")
STATUS_SHEETS = ("overdue", "due_soon", "at_risk", "blocked", "on_track", "delivered", "cancelled")


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output
    return result.output


def check_json(as_of: str, *extra: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("check", "--format", "json", "--as-of", as_of, *extra))
    return document


def day(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workbook_has_the_checks_numbers(isolated_env: Path, as_of: str, lang: str) -> None:
    path = isolated_env / f"check-{lang}.xlsx"
    said = run("export-check", "--as-of", as_of, "--lang", lang, "-o", str(path))
    assert str(path) in said
    document = check_json(as_of)
    book = load_workbook(path)
    names = [SHEETS[key][1 if lang == "zh" else 0] for key in
             ("late_inputs", *STATUS_SHEETS, "meetings", "totals")]
    assert book.sheetnames == names
    by_id = {o["id"]: o for o in document["outputs"]}
    seen: list[str] = []
    for key in STATUS_SHEETS:
        sheet = book[SHEETS[key][1 if lang == "zh" else 0]]
        assert sheet.freeze_panes == "A2"
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert len(rows) == document["totals"][key], key
        for row in rows:
            output = by_id[row[0]]
            seen.append(row[0])
            assert output["status"] == key
            assert (row[1], row[2]) == (output["title"]["en"], output["title"]["zh"])
            assert row[4] == day(output["due"])  # a real date, read back as a datetime
            assert row[10] == day(output["delivered_on"])
            assert row[7] == output["days_late"] and row[8] == output["slack_days"]
    assert sorted(seen) == sorted(by_id)  # every output in exactly one sheet
    late = list(book[names[0]].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in late] == [(li["output"], li["id"]) for li in document["late_inputs"]]
    assert [r[3] for r in late] == [day(li["expected_on"]) for li in document["late_inputs"]]
    meetings = list(book[names[-2]].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in meetings] == [m["id"] for m in document["meetings"]]
    totals = [r[1] for r in book[names[-1]].iter_rows(min_row=2, values_only=True)]
    assert totals == [*document["totals"].values(), len(document["late_inputs"])]


def test_headings_and_words_follow_the_language(isolated_env: Path) -> None:
    path = isolated_env / "zh.xlsx"
    run("export-check", "--as-of", "2020-01-06", "--lang", "zh", "-o", str(path))
    overdue = load_workbook(path)["逾期"]
    heading = [c.value for c in overdue[1]]
    assert heading[:5] == ["成果", "标题（英文）", "标题（中文）", "状态", "截止日期"]
    first = [c.value for c in overdue[2]]
    assert first[3] == "逾期"
    assert "第" in first[12] and "段" in first[12]  # CBD/WG2020/REC/1/1第11段
    assert "工作组共同主席" in first[11]
    assert "已逾期" in first[15]
    assert overdue[2][4].number_format == "yyyy-mm-dd"
    widths = {letter: overdue.column_dimensions[letter].width for letter in "ABCP"}
    assert all(width and width >= 8 for width in widths.values()), widths
    assert widths["C"] >= 2 * len("标题（中文）")  # wide characters counted double
    assert overdue["P2"].alignment.wrap_text  # long reasons wrap rather than widen the sheet


@pytest.mark.parametrize("as_of", DATES)
def test_the_csv_lists_every_output_once_with_its_section(isolated_env: Path, as_of: str) -> None:
    result = runner.invoke(app, ["export-check", "--as-of", as_of, "--format", "csv"])
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the Chinese titles right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    document = check_json(as_of)
    assert sorted(r["Output"] for r in rows) == sorted(o["id"] for o in document["outputs"])
    by_id = {o["id"]: o for o in document["outputs"]}
    for row in rows:
        output = by_id[row["Output"]]
        assert row["Status"] == output["status"].replace("_", " ")
        assert row["Section"].lower() == row["Status"]
        assert row["Due date"] == (output["due"] or "")
        assert row["Title (Chinese)"] == output["title"]["zh"]
    late: dict[str, list[str]] = {}
    for item in document["late_inputs"]:
        late.setdefault(item["output"], []).append(item["id"])
    assert {r["Output"]: r["Late inputs"] for r in rows if r["Late inputs"]} == {
        k: ", ".join(v) for k, v in late.items()}


def test_the_csv_written_to_a_file_equals_the_one_printed(isolated_env: Path) -> None:
    path = isolated_env / "check.csv"
    run("export-check", "--as-of", "2020-03-01", "-o", str(path))  # csv by the extension
    printed = runner.invoke(app, ["export-check", "--as-of", "2020-03-01"]).stdout_bytes
    assert path.read_bytes() == printed
    assert b"\r\n" in printed  # RFC 4180 line ends


def test_json_is_the_checks_json(isolated_env: Path) -> None:
    path = isolated_env / "check.json"
    run("export-check", "--as-of", "2020-03-01", "-o", str(path))
    assert path.read_text(encoding="utf-8") == run("check", "--format", "json", "--as-of", "2020-03-01")


def test_assumed_hide_counts_as_the_check_does(isolated_env: Path) -> None:
    path = isolated_env / "hide.xlsx"
    run("export-check", "--as-of", "2020-01-06", "--assumed", "hide", "-o", str(path))
    document = check_json("2020-01-06", "--assumed", "hide")
    book = load_workbook(path)
    assert book["Overdue"].max_row - 1 == document["totals"]["overdue"]
    totals = {r[0]: r[1] for r in book["Totals"].iter_rows(min_row=2, values_only=True)}
    assert totals["assumed deadlines passed (not in Overdue)"] == document["totals"]["assumed_passed"] > 0
    assert totals["overdue"] == document["totals"]["overdue"]


def test_text_never_runs_as_a_formula(isolated_env: Path) -> None:
    """A note or venue is user text; titles come from a process file: `=HYPERLINK(...)` in a
    cell must stay text in Excel and in the CSV (OWASP CSV injection)."""
    from mandates.report.export import csv_cell

    assert csv_cell("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")"
    assert csv_cell("+1") == "'+1" and csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(-32) == "-32" and csv_cell("plain") == "plain"
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", "=HYPERLINK(\"http://example.org\",\"Rome\")", "--timezone", "Europe/Rome",
        "--announced", "2020-02-03")
    path = isolated_env / "venue.xlsx"
    run("export-check", "--as-of", "2020-03-01", "-o", str(path))
    sheet = load_workbook(path)["Meetings"]
    cells = [row[6] for row in sheet.iter_rows(min_row=2) if row[0].value == "wg2020-2"]
    assert cells and cells[0].data_type == "s" and str(cells[0].value).startswith("=HYPERLINK")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "xlsx"], "-o PATH.xlsx"),
    (["-o", "check.txt"], "'.txt' names none of them"),
    (["-o", "a-file/check.xlsx"], "a-file"),
])
def test_refusals_are_one_line_exit_2(isolated_env: Path, args: list[str], message: str) -> None:
    (isolated_env / "a-file").write_text("not a folder")
    result = runner.invoke(app, ["export-check", "--as-of", "2020-01-06", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not list(isolated_env.glob("*.xlsx")) and not list(isolated_env.glob("check.txt"))
