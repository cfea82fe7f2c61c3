"""`mandates import FILE` and `mandates export`: facts files in YAML or CSV (docs/config-format.md,
"Facts files"), to bulk-load a secretariat's own records, back them up and restore them.

Import reads the whole file first (every problem with file:line and field), then judges each new
fact, in the order they took effect, as a command would (`core.record.make_fact`, against the
plan and the meeting's state as of its date), then writes them all in one transaction, or none.
A fact whose key is already known (shipped with the process or recorded) is already present:
importing the same file twice adds nothing; a key already known for a *different* fact (another
kind, subject, date, part, dates or document) is refused with file:line, never counted present.
Export writes every fact of the process (shipped and recorded) with its key and the time it was
recorded, so that an export imported into an empty database gives the same facts. A fact
recorded by command is keyed by its row number in its own database; a file carries its
`core.facts.portable_key` instead, and a row number in a file (an export of 0.3.0) is read as
the other database's (`config.history.portable`): imported into a database with its own fact #1,
a file's fact '1' is a new fact, not "already present".
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
    spoken,
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
    from mandates.words.plausible import worded

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
    facts, lines = _portable(parsed.facts, parsed.lines)
    named = _named(known)
    clashes = [ConfigIssue(str(file), lines.get(f.fact_key, 0), f"facts[{f.fact_key}].key",
                           worded(_clash(f, named[f.fact_key]), language))
               for f in facts if f.fact_key in named and not _same(f, named[f.fact_key])]
    if clashes:
        raise FactFileError(clashes, str(file))
    new = [_aliased(f, named) for f in facts if f.fact_key not in named]
    again = len(facts) - len(new)
    if not new:
        say(said("imported", language, file=file, added=0, again=again))
        return
    accepted = _judged(plan, known, new, lines, str(file))
    saved = save(store, plan, accepted)
    say(said("imported", language, file=file, added=len(saved), again=again))


def _portable(facts: tuple[Fact, ...], lines: dict[str, int]) -> tuple[list[Fact], dict[str, int]]:
    """The file's facts with row numbers read as another database's (`config.history.portable`),
    and the line of each under its key."""
    from mandates.config.history import portable

    read = portable(facts)
    return read, {new.fact_key: lines.get(old.fact_key, 0) for old, new in zip(facts, read, strict=True)}


def _named(known: list[Fact]) -> dict[str, Fact]:
    """The facts already known by every key that names them: their own, and the portable key
    an export gave those keyed by a row number."""
    from mandates.core.facts import portable_key

    named = {f.fact_key: f for f in known}
    for fact in known:
        named.setdefault(portable_key(fact), fact)
    return named


def _same(fact: Fact, known: Fact) -> bool:
    """Whether a fact of the file and the known fact of the same key say the same thing (kind,
    subject, date, part, dates, document): the same fact read again, not another one."""
    def said(f: Fact) -> tuple[object, ...]:
        return (f.kind, f.subject, f.effective_on, f.part, f.opens_on, f.closes_on, f.ref)
    return said(fact) == said(known)


def _clash(fact: Fact, known: Fact) -> str:
    """Why a key that names a different fact is refused (the key and what it names already)."""
    from mandates.words.history import fact_line

    owner = f"#{known.id} " if known.id is not None else ""
    return (f"the key {fact.fact_key!r} already names a different fact: {owner}"
            f"{fact_line(known, 'en')}; give this fact a key of its own")


def _aliased(fact: Fact, named: dict[str, Fact]) -> Fact:
    """A new fact whose `voids` names a known fact by its portable key, naming it by its own."""
    from dataclasses import replace

    if fact.voids and fact.voids in named and named[fact.voids].fact_key != fact.voids:
        return replace(fact, voids=named[fact.voids].fact_key)
    return fact


# A refusal of `core.record` names the option of a command; in a facts file, the field.
_FIELDS = {"--corrects": "voids", "--on": "effective_on", "--announced": "effective_on",
           "--opens": "opens", "--closes": "closes", "--part": "part", "--timezone": "timezone",
           "--reason": "text", "--venue-zh": "venue", "--window": "window"}


def _judged(plan: Plan, known: list[Fact], new: list[Fact], lines: dict[str, int],
            label: str) -> list[Fact]:
    """Each new fact judged as a command would, in the order they took effect (the facts before
    it counted; a correction after the delivery it corrects, `_in_order`); a refusal names the
    file, line, key and the field (`voids`, not the option `--corrects` a command would name),
    and nothing is recorded."""
    from mandates.core.record import FactError
    from mandates.words.plausible import worded

    facts = list(known)
    accepted: list[Fact] = []
    for fact in _in_order(new, lines):
        try:
            judged = judge(plan, fact, facts)
        except FactError as exc:
            line = lines.get(fact.fact_key, 0)
            option, colon, rest = str(exc).partition(": ")
            field = f".{_FIELDS[option]}" if colon and option in _FIELDS else ""
            message = worded(rest if field else str(exc), spoken())
            raise refused(f"{label}:{line}: facts[{fact.fact_key}]{field}: {message}") from None
        facts.append(judged)
        accepted.append(judged)
    return accepted


def _in_order(new: list[Fact], lines: dict[str, int]) -> list[Fact]:
    """The new facts in the order they took effect (then file order), except that a fact naming
    another of them (`voids`) comes right after it: a correction may be dated before the delivery
    it corrects (the delivery's date was the mistake), and is judged as a command judged it,
    once the delivery was known."""
    ordered = sorted(new, key=lambda f: (f.effective_on, lines.get(f.fact_key, 0)))
    batch = {f.fact_key for f in new}
    placed: list[Fact] = []
    done: set[str] = set()
    waiting: dict[str, list[Fact]] = {}

    def place(fact: Fact) -> None:
        placed.append(fact)
        done.add(fact.fact_key)
        for follower in waiting.pop(fact.fact_key, []):
            place(follower)

    for fact in ordered:
        if fact.voids and fact.voids in batch and fact.voids not in done:
            waiting.setdefault(fact.voids, []).append(fact)
        else:
            place(fact)
    return placed + [f for group in waiting.values() for f in group]


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
    from mandates.config.history import portable

    facts = portable(f for f in facts_of(database, plan) if f.unreadable is None)
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
