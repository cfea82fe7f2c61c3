"""Issue 10 part 2, as the Bureau's spreadsheet user meets it: `mandates export-check
--format csv|xlsx|json [-o PATH]` gives the check's own numbers (totals, ids per status, due
dates, late inputs) in a workbook that opens with openpyxl (one sheet per section, frozen
heading row, real dates, column widths, titles in English and Chinese), a CSV the csv module
reads, and JSON equal to `mandates check --format json`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .issue10_support import AS_OF_DATES, User

STATUSES = ("delivered", "overdue", "due_soon", "at_risk", "blocked", "on_track", "cancelled")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> User:
    return User(tmp_path_factory.mktemp("export-user"))


@pytest.fixture(scope="module")
def checks(user: User) -> dict[str, dict[str, Any]]:
    """`mandates check --format json` as of each frozen date."""
    return {as_of: user.check_json(as_of) for as_of in AS_OF_DATES}


def _key(text: object) -> str:
    """'At risk' / 'at risk' / 'at_risk' -> 'at_risk'."""
    return re.sub(r"[\s_-]+", "_", str(text).strip().lower())


def _date(value: object) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _rows(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v not in (None, "") for v in r)]


def _ids_by_status(check: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {s: set() for s in STATUSES}
    for output in check["outputs"]:
        found[output["status"]].add(output["id"])
    return found


@pytest.mark.parametrize("as_of", AS_OF_DATES)
def test_excel_has_the_checks_numbers_and_is_laid_out_for_people(
        user: User, checks: dict[str, dict[str, Any]], as_of: str) -> None:
    check = checks[as_of]
    path = user.root / f"check-{as_of}.xlsx"
    user.ok("export-check", "--format", "xlsx", "-o", str(path), "--as-of", as_of)
    book = openpyxl.load_workbook(path)
    sheets = {_key(s.title): s for s in book.worksheets}

    # One sheet per section: late inputs, each status, meetings, totals.
    for section in ("late_inputs", *STATUSES, "meetings", "totals"):
        assert section in sheets, f"no sheet for {section}: {book.sheetnames}"

    for sheet in book.worksheets:
        # The heading row stays in view when scrolling.
        assert sheet.freeze_panes == "A2", f"{sheet.title}: freeze_panes {sheet.freeze_panes}"
        # Every column in use has a width set by the exporter (not the default).
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))
        for index, name in enumerate(header, start=1):
            if name is None:
                continue
            # Only the widths written in the file (reading a missing key would invent a default).
            widths = [d.width for d in list(sheet.column_dimensions.values())
                      if d.min is not None and d.max is not None and d.min <= index <= d.max and d.width]
            assert widths, f"{sheet.title}: column {index} ({name}) has no width set"

    # The same ids per status, with the same due dates, as real dates.
    expected = _ids_by_status(check)
    due = {o["id"]: o["due"] for o in check["outputs"]}
    titles = {o["id"]: o["title"] for o in check["outputs"]}
    for status in STATUSES:
        rows = _rows(sheets[status])
        ids = {r["Output"] for r in rows}
        assert ids == expected[status], (
            f"{as_of} {status}: sheet {sorted(ids)} check {sorted(expected[status])}")
        for row in rows:
            date_cells = {k: v for k, v in row.items()
                          if k and "due" in k.lower() and "window" not in k.lower()}
            assert date_cells, f"no due date column in {sheets[status].title}: {list(row)}"
            (value,) = date_cells.values()
            if due[row["Output"]] is not None:
                assert isinstance(value, (dt.date, dt.datetime)), (
                    f"{status} {row['Output']}: due {value!r} is not a date cell")
            assert _date(value) == due[row["Output"]], f"{row['Output']}: {value!r} vs {due[row['Output']]}"
            # Titles in both languages.
            cells = [str(v) for v in row.values() if v is not None]
            assert titles[row["Output"]]["en"] in cells, f"{row['Output']}: no English title"
            assert titles[row["Output"]]["zh"] in cells, f"{row['Output']}: no Chinese title"

    # Totals.
    pairs = (tuple(r.values())[:2] for r in _rows(sheets["totals"]))
    totals = {_key(what): count for what, count in pairs}
    for status in STATUSES:
        assert totals.get(status) == check["totals"][status], (
            f"{as_of} totals {status}: {totals} vs {check['totals']}")

    # Late inputs: the same (output, input) pairs.
    late = {(r["Output"], r["Input"]) for r in _rows(sheets["late_inputs"])}
    assert late == {(li["output"], li["id"]) for li in check["late_inputs"]}

    # Meetings: the same ids, the dates as dates.
    meetings = _rows(sheets["meetings"])
    assert {next(iter(r.values())) for r in meetings} == {m["id"] for m in check["meetings"]}
    opens = {m["id"]: m["opens_on"] for m in check["meetings"]}
    for row in meetings:
        value = row.get("Opens")
        assert _date(value) == opens[next(iter(row.values()))]
        if value is not None:
            assert isinstance(value, (dt.date, dt.datetime))


@pytest.mark.parametrize("as_of", ("2020-01-06", "2021-06-01"))
def test_csv_lists_the_same_outputs_as_the_check(
        user: User, checks: dict[str, dict[str, Any]], as_of: str) -> None:
    check = checks[as_of]
    path = user.root / f"check-{as_of}.csv"
    user.ok("export-check", "--format", "csv", "-o", str(path), "--as-of", as_of)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_id = {r["Output"]: r for r in rows}
    assert len(by_id) == len(rows), "an output listed twice"
    assert set(by_id) == {o["id"] for o in check["outputs"]}
    for output in check["outputs"]:
        row = by_id[output["id"]]
        assert _key(row["Status"]) == output["status"], (
            f"{output['id']}: {row['Status']} vs {output['status']}")
        assert (row["Due date"] or None) == output["due"], (
            f"{output['id']}: {row['Due date']} vs {output['due']}")
        assert output["title"]["en"] in row.values() and output["title"]["zh"] in row.values()
    counted: dict[str, int] = {}
    for row in rows:
        counted[_key(row["Status"])] = counted.get(_key(row["Status"]), 0) + 1
    assert {s: counted.get(s, 0) for s in STATUSES} == {s: check["totals"][s] for s in STATUSES}


def test_csv_to_standard_output_reads_the_same(user: User, checks: dict[str, dict[str, Any]]) -> None:
    result = user.ok("export-check", "--format", "csv", "--as-of", "2020-03-01")
    rows = list(csv.DictReader(result.stdout.lstrip("\ufeff").splitlines()))
    assert {r["Output"] for r in rows} == {o["id"] for o in checks["2020-03-01"]["outputs"]}


@pytest.mark.parametrize("as_of", ("2020-01-06", "2022-12-20"))
def test_json_equals_the_checks_json(user: User, checks: dict[str, dict[str, Any]], as_of: str) -> None:
    path = user.root / f"check-{as_of}.json"
    user.ok("export-check", "--format", "json", "-o", str(path), "--as-of", as_of)
    assert json.loads(path.read_text(encoding="utf-8")) == checks[as_of]
    printed = user.ok("export-check", "--format", "json", "--as-of", as_of)
    assert json.loads(printed.stdout) == checks[as_of]


def test_the_format_follows_the_extension(user: User, checks: dict[str, dict[str, Any]]) -> None:
    xlsx = user.root / "by-extension.xlsx"
    user.ok("export-check", "-o", str(xlsx), "--as-of", "2020-01-06")
    assert len(openpyxl.load_workbook(xlsx).worksheets) >= 10
    js = user.root / "by-extension.json"
    user.ok("export-check", "-o", str(js), "--as-of", "2020-01-06")
    assert json.loads(js.read_text(encoding="utf-8")) == checks["2020-01-06"]


def test_chinese_workbook_keeps_the_numbers_and_speaks_chinese(
        user: User, checks: dict[str, dict[str, Any]]) -> None:
    path = user.root / "check-zh.xlsx"
    user.ok("export-check", "--format", "xlsx", "--lang", "zh", "-o", str(path), "--as-of", "2020-03-01")
    book = openpyxl.load_workbook(path)
    assert all(CJK.search(s.title) for s in book.worksheets), book.sheetnames
    every_id = {o["id"] for o in checks["2020-03-01"]["outputs"]}
    listed: set[str] = set()
    for sheet in book.worksheets:
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))
        assert all(CJK.search(str(h)) for h in header if h), f"{sheet.title}: {header}"
        for row in sheet.iter_rows(min_row=2, max_col=1, values_only=True):
            if row[0] in every_id:
                listed.add(str(row[0]))
    assert listed == every_id


def test_bad_format_is_refused_with_exit_2(user: User, tmp_path: Path) -> None:
    result = user.run("export-check", "--format", "pdf", "-o", str(tmp_path / "x.pdf"),
                      "--as-of", "2020-01-06")
    assert result.returncode == 2, result.explain()
    assert not (tmp_path / "x.pdf").exists()
