"""`mandates export-check`: the daily check as a spreadsheet (CSV or Excel) or as JSON, for the
Bureau and for scripts. The tables are `report.export`'s; the numbers are the check's."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mandates.commands.common import (
    AsOfOpt,
    BodyOpt,
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    MeetingOpt,
    ProcessOpt,
    ResponsibleOpt,
    StatusOpt,
    as_of,
    open_store,
    plan_of,
    say,
    selection_of,
    speak,
)
from mandates.core.evaluate import evaluate
from mandates.errors import MandatesError
from mandates.report.assumed import check_assumed
from mandates.store.files import Audience, write_file
from mandates.words.dates import day_text


class ExportFormat(StrEnum):
    """What `export-check` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


class ExportAssumed(StrEnum):
    """`--assumed`, as in `mandates check`."""

    SHOW = "show"
    HIDE = "hide"


def _format_of(output: Path | None, given: ExportFormat | None) -> ExportFormat:
    """--format, else the extension of -o (.csv, .xlsx, .json), else CSV."""
    if given is not None:
        return given
    if output is not None:
        for chosen in ExportFormat:
            if output.suffix.lower() == f".{chosen.value}":
                return chosen
        raise MandatesError(f"-o {output}: say --format csv, xlsx or json (the extension "
                            f"{output.suffix or '(none)'!r} names none of them)")
    return ExportFormat.CSV


def export_check(
    output_format: Annotated[ExportFormat | None, typer.Option(
        "--format", help="csv (every output, one row each), xlsx (one sheet per section) or json "
                         "(as check --format json); default: by the extension of -o, else csv.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: "
                                                "standard output; needed for xlsx).")] = None,
    as_of_day: AsOfOpt = None,
    assumed: Annotated[ExportAssumed, typer.Option("--assumed", help="show: assumed deadlines "
                                                   "listed as any other; hide: passed ones left "
                                                   "out of Overdue and counted apart.")] = ExportAssumed.SHOW,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = None,
    body: BodyOpt = None,
    meeting: MeetingOpt = None,
    responsible: ResponsibleOpt = None,
    status: StatusOpt = None,
) -> None:
    """Export the daily check as CSV, Excel or JSON, with the same numbers as `check` (and the
    same --body/--meeting/--responsible/--status filters)."""
    from mandates.core.select import select
    from mandates.report.export import spreadsheet
    from mandates.report.jsondoc import evaluation_dict

    language = speak(lang)
    chosen = _format_of(output, output_format)
    if chosen is ExportFormat.XLSX and output is None:
        raise MandatesError("--format xlsx writes a binary file: give it with -o PATH.xlsx")
    plan = plan_of(config, process)
    narrowed = selection_of(plan, body, meeting, responsible, status)
    evaluation = select(evaluate(plan, open_store(database).facts_of(plan), as_of(as_of_day, plan)),
                        narrowed)
    mode = check_assumed(assumed.value)
    if chosen is ExportFormat.JSON:
        data = (json.dumps(evaluation_dict(evaluation, assumed=mode), ensure_ascii=False, indent=2)
                + "\n").encode("utf-8")
    else:
        data = spreadsheet(evaluation, chosen.value, language, mode)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(output, data, Audience.SECRETARIAT)
    from mandates.words.commands import said

    day = evaluation.as_of.isoformat() if language == "en" else day_text(evaluation.as_of, language)
    say(said("wrote_check", language, day=day, format=chosen.value, file=output))


COMMANDS = ((export_check, "export-check"),)
