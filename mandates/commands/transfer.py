"""`mandates import FILE` and `mandates export`: facts files in YAML or CSV (docs/config-format.md,
"Facts files"), to bulk-load a secretariat's own records, back them up and restore them.

Import reads the whole file first (every problem with file:line and field), then judges each new
fact, in the order they took effect, as a command would (`core.record.make_fact`, against the
plan and the meeting's state as of its date), then writes them all in one transaction, or none.
A fact whose key is already known (shipped with the process or recorded) is already present:
importing the same file twice adds nothing. Export writes every fact of the process (shipped and
recorded) with its key and the time it was recorded, so that an export imported into an empty
database gives the same facts.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mandates.commands.common import (
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    ProcessOpt,
    facts_of,
    judge,
    now,
    open_store,
    plan_of,
    refused,
    save,
    say,
    speak,
)
from mandates.words.commands import counted, said

if TYPE_CHECKING:
    from mandates.core.facts import Fact
    from mandates.core.plan import Plan


class FileFormat(StrEnum):
    """A facts file's format."""

    YAML = "yaml"
    CSV = "csv"


def _format_of(path: Path, given: FileFormat | None) -> FileFormat:
    if given is not None:
        return given
    return FileFormat.CSV if path.suffix.lower() == ".csv" else FileFormat.YAML


def import_facts(file: Annotated[Path, typer.Argument(help="A facts file: .yaml/.yml or .csv.")],
                 file_format: Annotated[FileFormat | None, typer.Option(
                     "--format", help="yaml or csv (default: by the file's extension).")] = None,
                 process: ProcessOpt = None, config: ConfigOpt = None,
                 database: DatabaseOpt = None, lang: LangOpt = None) -> None:
    """Load facts from a file; those already present (same key) are left as they are."""
    language = speak(lang)
    from mandates.config.factfile import read_facts
    from mandates.config.venues import load_venues
    from mandates.errors import ConfigError, ConfigIssue, FactFileError

    plan = plan_of(config, process)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactFileError([ConfigIssue(str(file), 0, "FILE", "no such file")], str(file)) from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise FactFileError([ConfigIssue(str(file), 0, "FILE",
                                         f"cannot be read as UTF-8 text ({exc})")], str(file)) from None
    store = open_store(database)
    known = store.facts_of(plan)
    folder = Path(plan.files[0]).parent if plan.files else None
    try:
        parsed = read_facts(text, str(file), plan, venues=partial(load_venues, folder),
                            recorded_at=now(), existing=known, keys_required=False,
                            csv_format=_format_of(file, file_format) is FileFormat.CSV)
    except ConfigError as exc:  # the file's own problems (a venue file of the process stays)
        if exc.issues and all(i.file == str(file) for i in exc.issues):
            raise FactFileError(exc.issues, str(file)) from None
        raise
    present = {f.fact_key for f in known}
    new = [f for f in parsed.facts if f.fact_key not in present]
    again = len(parsed.facts) - len(new)
    if not new:
        say(said("imported", language, file=file, added=0, again=again))
        return
    accepted = _judged(plan, known, new, parsed.lines, str(file))
    saved = save(store, plan, accepted)
    say(said("imported", language, file=file, added=len(saved), again=again))


def _judged(plan: Plan, known: list[Fact], new: list[Fact], lines: dict[str, int],
            label: str) -> list[Fact]:
    """Each new fact judged as a command would, in the order they took effect (the facts before
    it counted); a refusal names the file, line and key, and nothing is recorded."""
    from mandates.core.record import FactError

    facts = list(known)
    accepted: list[Fact] = []
    for fact in sorted(new, key=lambda f: (f.effective_on, lines.get(f.fact_key, 0))):
        try:
            judged = judge(plan, fact, facts)
        except FactError as exc:
            line = lines.get(fact.fact_key, 0)
            raise refused(f"{label}:{line}: facts[{fact.fact_key}]: {exc}") from None
        facts.append(judged)
        accepted.append(judged)
    return accepted


def export_facts(file_format: Annotated[FileFormat | None, typer.Option(
                     "--format", help="yaml or csv (default: by the extension of -o, else yaml).")] = None,
                 output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write "
                                                             "(default: standard output).")] = None,
                 process: ProcessOpt = None, config: ConfigOpt = None,
                 database: DatabaseOpt = None, lang: LangOpt = None) -> None:
    """Write every fact of the process (shipped and recorded), with keys, as YAML or CSV."""
    language = speak(lang)
    from mandates.config.history import dump_csv, dump_yaml
    from mandates.store.files import Audience, write_file

    plan = plan_of(config, process)
    facts = [f for f in facts_of(database, plan) if f.unreadable is None]
    chosen = _format_of(output, file_format) if output is not None else (file_format or FileFormat.YAML)
    text = (dump_csv(facts) if chosen is FileFormat.CSV
            else dump_yaml(facts, f"Facts of the process {plan.process.id} "
                                  "(mandates export; `mandates import` reads it back)."))
    if output is None:
        sys.stdout.write(text)
        return
    write_file(output, text.encode("utf-8"), Audience.SECRETARIAT)
    say(said("wrote_facts", language, count=counted(len(facts), "fact", language), file=output))


COMMANDS = (("import", import_facts), ("export", export_facts))
