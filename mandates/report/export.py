"""The daily check as tables for a spreadsheet (`mandates export-check --format csv|xlsx`).

`check_tables(evaluation, lang, assumed)` gives the check's sections in its order, each a
`Table` of plain cells (text, int, `datetime.date` or None): Late inputs; Overdue, Due soon, At
risk, Blocked (as the check prints them), then On track, Delivered and Cancelled, so that every
output of the process is in exactly one sheet; Meetings; Totals (the check's totals, the same
numbers as `mandates check --format json`'s `totals`, plus the late inputs). Rows are in the
check's order (`Evaluation.in_status`: by due date, then id). Titles are given in both languages;
headings, statuses, bodies, mandates and reasons in `lang`.

Encoders (bytes; the edge writes them with the one atomic writer): `csv_bytes` (one table, one
row per output, its section first and its late inputs in one cell; UTF-8 with a byte-order mark
so that Excel reads the Chinese right) and `xlsx_bytes` (openpyxl: one sheet per section, frozen
header row, dates as real dates `yyyy-mm-dd`, column widths from the content, East Asian
characters counted double, long text wrapped). Text is never a formula: in Excel every text
cell is typed as a string, in CSV text that would start a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pendulum import Date

from mandates.core.evaluate import Evaluation, InputState, OutputState, OutputStatus
from mandates.core.meetings import MeetingState
from mandates.report.assumed import AssumedMode, shown_counts, shown_in
from mandates.words.check import meeting_status_text, phrase, venue_text
from mandates.words.dates import Lang
from mandates.words.export import column_name, sheet_name, total_name, yes_no
from mandates.words.names import body_name, flag_name, mandate_text, mode_name, status_name, with_provenance
from mandates.words.reasons import ReasonWords

Cell = str | int | dt.date | None

SECTION_ORDER = (OutputStatus.OVERDUE, OutputStatus.DUE_SOON, OutputStatus.AT_RISK, OutputStatus.BLOCKED,
                 OutputStatus.ON_TRACK, OutputStatus.DELIVERED, OutputStatus.CANCELLED)
OUTPUT_COLUMNS = ("output", "title_en", "title_zh", "status", "due", "due_window", "tentative",
                  "days_late", "slack_days", "slip_days", "delivered_on", "responsible", "mandate",
                  "for", "late_inputs", "reason")
LATE_INPUT_COLUMNS = ("output", "input", "flag", "expected_on", "days_late", "reason")
MEETING_COLUMNS = ("meeting", "title_en", "title_zh", "status", "opens_on", "closes_on", "venue",
                   "timezone", "mode")
TOTAL_COLUMNS = ("what", "count")
MAX_WIDTH = 60  # characters; longer text wraps in its cell


@dataclass(frozen=True)
class Table:
    """One section of the check: `key` (a `words.export.SHEETS` key), its name and headings in
    the export's language, and its rows (each as long as `columns`)."""

    key: str
    name: str
    columns: tuple[str, ...]
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _day(day: Date | None) -> dt.date | None:
    return dt.date(day.year, day.month, day.day) if day is not None else None


class _Rows:
    """Cells of outputs, late inputs and meetings in one language."""

    def __init__(self, evaluation: Evaluation, lang: Lang) -> None:
        self.evaluation = evaluation
        self.lang = lang
        self.words = ReasonWords(evaluation.plan)
        self.late_by_output: dict[str, list[str]] = {}
        for late in evaluation.late_inputs:
            self.late_by_output.setdefault(late.output, []).append(late.input.id)

    def output(self, state: OutputState) -> tuple[Cell, ...]:
        lang, plan, due = self.lang, self.evaluation.plan, state.due
        reason = with_provenance(self.words.text(state.reason, lang), state, self.evaluation.meetings, lang)
        return (
            state.id, state.output.title.en, state.output.title.zh, status_name(state.status, lang),
            _day(due.on if due is not None else None),
            (phrase("range", lang, earliest=due.earliest.isoformat(), latest=due.latest.isoformat())
             if due is not None and due.is_window else None),
            yes_no(bool(due and due.tentative), lang),
            state.days_late, state.slack_days, state.slip_days, _day(state.delivered_on),
            phrase("list_sep", lang).join(body_name(plan, b, lang) for b in state.output.responsible),
            mandate_text(state.output.mandate, lang), state.output.for_,
            phrase("list_sep", lang).join(self.late_by_output.get(state.id, ())), reason,
        )

    def late_input(self, output: str, state: InputState) -> tuple[Cell, ...]:
        lang = self.lang
        said = self.words.text(state.reason, lang) if state.reason is not None else ""
        source = self.evaluation.outputs.get(state.id)
        if said and source is not None:
            said = with_provenance(said, source, self.evaluation.meetings, lang, state.reason)
        return (output, state.id, flag_name(state.flag, lang) if state.flag else None,
                _day(state.expected_on), state.days_late, said)

    def meeting(self, state: MeetingState) -> tuple[Cell, ...]:
        lang = self.lang
        meeting = state.meeting
        return (state.id, meeting.title.en, meeting.title.zh, meeting_status_text(state, lang),
                _day(state.opens_on), _day(state.closes_on), venue_text(state.venue, lang),
                state.timezone, mode_name(state.mode, lang))


def _table(key: str, lang: Lang, columns: tuple[str, ...], rows: Sequence[tuple[Cell, ...]]) -> Table:
    return Table(key, sheet_name(key, lang), columns, tuple(column_name(c, lang) for c in columns),
                 tuple(rows))


def check_tables(evaluation: Evaluation, lang: Lang = "en", assumed: AssumedMode = "show") -> list[Table]:
    """The check's sections as tables (see the module's docstring); `assumed="hide"` leaves the
    assumed deadlines that have passed out of Overdue and counts them in Totals, as the check."""
    cells = _Rows(evaluation, lang)
    tables = [_table("late_inputs", lang, LATE_INPUT_COLUMNS,
                     [cells.late_input(li.output, li.input) for li in evaluation.late_inputs])]
    for status in SECTION_ORDER:
        tables.append(_table(status.value, lang, OUTPUT_COLUMNS,
                             [cells.output(s) for s in shown_in(evaluation, status, assumed)]))
    tables.append(_table("meetings", lang, MEETING_COLUMNS,
                         [cells.meeting(m) for m in evaluation.meetings.values()]))
    counts = shown_counts(evaluation, assumed)
    passed = counts.pop("assumed_passed", None)
    totals: list[tuple[Cell, ...]] = [(status_name(OutputStatus(key), lang), count)
                                      for key, count in counts.items()]
    totals.append((total_name("late_inputs", lang), len(evaluation.late_inputs)))
    if passed is not None:
        totals.append((total_name("assumed_passed", lang), passed))
    tables.append(_table("totals", lang, TOTAL_COLUMNS, totals))
    return tables


def output_table(tables: Sequence[Table], lang: Lang) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """Every output in one table, its section's name first: the CSV export's headings and rows."""
    headings = (column_name("section", lang), *tables[1].headings)
    rows = [(table.name, *row) for table in tables if table.columns == OUTPUT_COLUMNS for row in table.rows]
    return headings, rows


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell.isoformat() if isinstance(cell, dt.date) else str(cell)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(cell: Cell) -> str:
    """A cell as CSV text; text a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+1`,
    `-2+3`, `@SUM`: OWASP's CSV injection) starts with an apostrophe, which Excel and LibreOffice
    hide; numbers and dates are written as they are."""
    text = _text(cell)
    return "'" + text if isinstance(cell, str) and text.startswith(FORMULA_START) else text


def csv_bytes(tables: Sequence[Table], lang: Lang) -> bytes:
    """The outputs as one CSV table (RFC 4180, CRLF line ends, dates YYYY-MM-DD), encoded as
    UTF-8 with a byte-order mark so that Excel opens the Chinese right."""
    headings, rows = output_table(tables, lang)
    stream = io.StringIO(newline="")
    writer = csv.writer(stream)
    writer.writerow(headings)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return stream.getvalue().encode("utf-8-sig")


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def xlsx_bytes(tables: Sequence[Table], title: str) -> bytes:
    """An Excel workbook (.xlsx), one sheet per table in order; `title` is the workbook's title
    property. Dates are Excel dates (number format `yyyy-mm-dd`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.title = title
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.append(list(table.headings))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: "=..." in a title is not a formula
        widths = [display_width(h) for h in table.headings]
        for row in table.rows:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], display_width(_text(value)))
        for index, width in enumerate(widths, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = min(width, MAX_WIDTH) + 2
            for cell in sheet[letter][1:]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                elif width > MAX_WIDTH:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def spreadsheet(evaluation: Evaluation, extension: str, lang: Lang = "en", assumed: AssumedMode = "show",
                without: tuple[str, ...] = ()) -> bytes:
    """The check as `xlsx` or `csv` bytes (`check_tables`, less the tables whose key is in
    `without`: the public view leaves out `late_inputs`); the workbook titled with the
    process and the date. ValueError for another extension."""
    tables = [t for t in check_tables(evaluation, lang, assumed) if t.key not in without]
    if extension == "csv":
        return csv_bytes(tables, lang)
    if extension != "xlsx":
        raise ValueError(f"a spreadsheet is csv or xlsx, not {extension!r}")
    title = f"{evaluation.plan.process.title.get(lang)} ({evaluation.as_of.isoformat()})"
    return xlsx_bytes(tables, title)
