"""The read-only commands: check, validate, show, history, whatif.

They record nothing and open the database without the ORM when its schema is current
(`common.facts_of`, `store.reader`); each imports what it uses when it runs (issue 12: a
command pays for its own work, not for every command's imports).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mandates.commands.common import (
    NOTHING,
    AsOfOpt,
    BodyOpt,
    ClosesOpt,
    ConfigOpt,
    DatabaseOpt,
    LangOpt,
    MeetingArg,
    MeetingOpt,
    OpensOpt,
    ProcessOpt,
    QuarterOpt,
    ResponsibleOpt,
    StatusOpt,
    WindowOpt,
    as_of,
    dates,
    facts_of,
    judge,
    now,
    out,
    plan_of,
    plan_on,
    say,
    selection_of,
    speak,
)

if TYPE_CHECKING:
    from mandates.config.factfile import FactsFile
    from mandates.core.plan import Plan


class CheckFormat(StrEnum):
    """What `mandates check` prints."""

    TEXT = "text"
    JSON = "json"


class Assumed(StrEnum):
    """`--assumed`: list deadlines the model assumed among the others, or apart."""

    SHOW = "show"
    HIDE = "hide"


def check(
    as_of_day: AsOfOpt = None,
    process: ProcessOpt = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Terminal text, or the "
                                                       "check as JSON.")] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Exit 1 when something is overdue or an input "
                                         "is late.")] = False,
    due_soon: Annotated[int | None, typer.Option("--due-soon", min=0, max=365, help="Days that count as due "
                                                 "soon (default from the process, 14).")] = None,
    assumed: Annotated[Assumed, typer.Option("--assumed", help="show: deadlines the model assumed "
                                             "(a quarterly report where the text says 'regularly') "
                                             "are listed as any other; hide: passed ones are left "
                                             "out of Overdue and counted apart.")] = Assumed.SHOW,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = None,
    body: BodyOpt = None,
    meeting: MeetingOpt = None,
    responsible: ResponsibleOpt = None,
    status: StatusOpt = None,
) -> None:
    """The daily deadline check: late inputs, overdue, due soon, at risk, blocked."""
    from mandates.core.evaluate import OutputStatus, evaluate
    from mandates.core.select import select

    language = speak(lang)
    plan = plan_of(config, process)
    if due_soon is not None:
        from dataclasses import replace

        plan = replace(plan, process=replace(plan.process, due_soon_days=due_soon))
    day = as_of(as_of_day, plan)
    chosen = selection_of(plan, body, meeting, responsible, status)
    evaluation = select(evaluate(plan, facts_of(database, plan), day), chosen)
    if output_format is CheckFormat.JSON:
        from mandates.report.jsondoc import write_json

        write_json(sys.stdout, evaluation, assumed=assumed.value)
    else:
        from mandates.report.terminal import render_check

        render_check(out(), evaluation, language, assumed=assumed.value, statuses=chosen.statuses)
    if strict and (evaluation.late_inputs or evaluation.in_status(OutputStatus.OVERDUE)):
        raise typer.Exit(1)


def validate(path: Annotated[Path | None, typer.Argument(help="Process file or folder.")] = None,
             process: ProcessOpt = None, config: ConfigOpt = None, lang: LangOpt = None) -> None:
    """Check a process: its file, its amendment files and the facts shipped with it (each judged
    as a command would); every problem with file:line and field; exit 2 if any. The process is
    PATH or `--config` (the same meaning, as every other command takes it); both may be given
    only when they name the same file or folder (else exit 2, nothing checked)."""
    from mandates.config.history import shipped
    from mandates.core.amend import plan_as_of, sizes
    from mandates.errors import MandatesError
    from mandates.words.commands import counted, said

    language = speak(lang)
    if path is not None and config is not None and path.resolve() != config.resolve():
        raise MandatesError(said("not_same_process", "en", config=config, path=path))
    plan = plan_of(path if path is not None else config, process)
    history = shipped(plan)
    if history is not None:
        _judge_shipped(plan, history)
    # the plan as amended today, as the check, the brief and /status count it
    size = sizes(plan, plan_as_of(plan, plan.amendments, as_of(None, plan)))
    counts = [counted(size.meetings, "meeting", language),
              counted(size.outputs, "output", language),
              counted(size.bodies, "body", language),
              counted(len(plan.amendments), "amendment file", language),
              counted(len(history.facts) if history else 0, "shipped fact", language)]
    say(said("valid", language, file=plan.files[0], process=plan.process.id,
             counts=said("count_sep", language).join(counts)))


def _judge_shipped(plan: Plan, history: FactsFile) -> None:
    """Each shipped fact judged against the state as of its date, the facts before it counted;
    every refusal reported with the file and line of the fact."""
    from mandates.core.facts import Fact
    from mandates.core.record import FactError
    from mandates.errors import ConfigError, ConfigIssue

    done: list[Fact] = []
    issues = []
    for fact in sorted(history.facts, key=lambda f: f.effective_on):
        try:
            judge(plan, fact, done)
        except FactError as exc:
            issues.append(ConfigIssue(history.file, history.lines.get(fact.fact_key, 0),
                                      f"facts[{fact.fact_key}]", str(exc)))
        done.append(fact)
    if issues:
        raise ConfigError(issues)


def show(item: Annotated[str, typer.Argument(help="An output or meeting id.")],
         as_of_day: AsOfOpt = None, process: ProcessOpt = None, config: ConfigOpt = None,
         database: DatabaseOpt = None, lang: LangOpt = None) -> None:
    """One output or meeting: mandate, rule, inputs, what it is for, history of facts.

    Then the facts about it that no longer count (corrected or withdrawn), each with the fact
    that corrected or withdrew it."""
    from mandates.core.evaluate import evaluate
    from mandates.core.plan import split_ref
    from mandates.errors import NotFoundError
    from mandates.report.terminal import render_meeting, render_output
    from mandates.words.commands import said
    from mandates.words.history import voided_lines

    language = speak(lang)
    plan = plan_of(config, process)
    facts = facts_of(database, plan)
    evaluation = evaluate(plan, facts, as_of(as_of_day, plan))
    if item in evaluation.outputs:
        render_output(out(), evaluation, evaluation.outputs[item], language)
    elif item in evaluation.meetings:
        render_meeting(out(), evaluation, evaluation.meetings[item], language)
    else:
        import difflib

        near = difflib.get_close_matches(item, [*evaluation.outputs, *evaluation.meetings], n=3)
        raise NotFoundError(f"unknown id {item!r}" + (f"; did you mean {', '.join(near)}?" if near else ""))
    counted = [f for f in facts if f.effective_on <= evaluation.as_of]
    voided = voided_lines(item, counted, language,
                          lambda subject: split_ref(subject, evaluation.plan.meetings)[0])
    if voided:
        say(said("voided_heading", language))
        for line in voided:
            say(f"  {line}")


def history(process: ProcessOpt = None, config: ConfigOpt = None,
            database: DatabaseOpt = None, lang: LangOpt = None) -> None:
    """Every fact: those shipped with the process, then those recorded here (in the order
    recorded), each with its key and source; withdrawals name what they withdraw.

    A recorded fact is shown as #N (what `withdraw` and `--corrects` take), with its key when it
    has one of its own (`key:KEY` names it too)."""
    from mandates.commands.common import recorded as recorded_facts
    from mandates.config.history import history_file, shipped_facts
    from mandates.words.commands import counted, said
    from mandates.words.history import fact_lines

    language = speak(lang)
    plan = plan_of(config, process)
    shipped = list(shipped_facts(plan))
    recorded = recorded_facts(database, plan)
    keys = {f.fact_key for f in shipped}
    everything = [*shipped, *(f for f in recorded if f.fact_key not in keys)]
    if shipped:
        say(said("shipped_heading", language, file=history_file(plan),
                 count=counted(len(shipped), "fact", language)))
        for line in fact_lines(shipped, everything, language):
            say(f"  {line}")
    mine = [f for f in recorded if f.fact_key not in keys]
    if not mine:
        say(said("no_facts", language))
        return
    say(said("recorded_heading", language, count=counted(len(mine), "fact", language)))
    for line in fact_lines(mine, everything, language, recorded=True):
        say(line)


def whatif(meeting: MeetingArg, opens: OpensOpt = None, closes: ClosesOpt = None,
           window: WindowOpt = None, quarter: QuarterOpt = None,
           as_of_day: AsOfOpt = None,
           process: ProcessOpt = None, config: ConfigOpt = None, database: DatabaseOpt = None,
           lang: LangOpt = None) -> None:
    """What would move and what would become late if a meeting moved (judged against its state
    as of the date); records nothing."""
    from mandates.core.diff import diff
    from mandates.core.evaluate import evaluate
    from mandates.core.facts import Fact, FactKind
    from mandates.core.record import FactError, make_fact
    from mandates.report.terminal import render_diff

    language = speak(lang)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    facts = facts_of(database, plan)
    try:
        opens_on, closes_on, precision = dates(opens, closes, window, quarter, required=True)
        move = make_fact(plan, FactKind.RESCHEDULED, meeting, day,
                         recorded_at=now(), opens_on=opens_on, closes_on=closes_on,
                         precision=precision, facts=facts)
    except FactError as exc:  # whatif records nothing, refused or not: it does not say so
        raise FactError(str(exc).removesuffix(f"; {NOTHING}")) from None
    hypothetical: list[Fact] = [*facts, move]
    render_diff(out(), diff(evaluate(plan, facts, day), evaluate(plan, hypothetical, day)),
                plan_on(plan, facts, day), language)


COMMANDS = (("check", check), ("validate", validate), ("show", show), ("history", history),
            ("whatif", whatif))
