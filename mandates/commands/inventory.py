"""`mandates list [outputs|meetings|bodies]`: what the process holds, with ids to type in other
commands, titles and dates as of a day, in English or Chinese, narrowed by the check's filters
(`--body`, `--meeting`, `--responsible`, `--status`; `core.select`)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

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
    err,
    facts_of,
    plan_of,
    say,
    selection_of,
    speak,
    waived_only,
)

if TYPE_CHECKING:
    from mandates.core.meetings import MeetingState


class What(StrEnum):
    """What `mandates list` lists."""

    OUTPUTS = "outputs"
    MEETINGS = "meetings"
    BODIES = "bodies"


def list_items(
    what: Annotated[What, typer.Argument(help="outputs (the default), meetings or bodies.")] = What.OUTPUTS,
    as_of_day: AsOfOpt = None,
    body: BodyOpt = None,
    meeting: MeetingOpt = None,
    responsible: ResponsibleOpt = None,
    status: StatusOpt = None,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = None,
) -> None:
    """List the outputs (id, due date, status, responsible, title), meetings (id, dates, venue,
    status, title) or bodies (id, short name, name; in Chinese id and name) of the process."""
    from mandates.core.evaluate import evaluate
    from mandates.core.select import select
    from mandates.words.check import meeting_status_text, meeting_when, phrase, venue_text
    from mandates.words.names import body_name, state_name

    plan = plan_of(config, process)
    language = speak(lang)
    chosen = selection_of(plan, body, meeting, responsible, status)
    day = as_of(as_of_day, plan)
    evaluation = select(evaluate(plan, facts_of(database, plan), day), chosen)
    separator = phrase("list_sep", language)
    lines: list[str] = []
    if what is What.BODIES:
        shown = {m.meeting.body for m in evaluation.meetings.values()} | {
            b for s in evaluation.outputs.values() for b in s.output.responsible}
        # the short name is English (`COP Bureau`): Chinese gives the id and the name
        lines = [f"{item.id}  {item.name.get(language)}" if language == "zh"
                 else f"{item.id}  {item.short}  {item.name.get(language)}"
                 for item in plan.bodies.values() if chosen.everything or item.id in shown]
    elif what is What.MEETINGS:
        for state in sorted(evaluation.meetings.values(), key=_meeting_order):
            venue = venue_text(state.venue, language) or "—"
            lines.append(f"{state.id}  {meeting_when(state, language)}  {venue}  "
                         f"{meeting_status_text(state, language)}  {state.meeting.title.get(language)}")
    else:
        waived = waived_only(status)
        for output in sorted(evaluation.outputs.values(),
                             key=lambda s: (s.due.on.isoformat() if s.due else "9999", s.id)):
            if waived and state_name(output, "en") != "waived":
                continue  # --status waived: the cancelled outputs that were waived
            due = output.due.on.isoformat() if output.due else phrase("no_date", language)
            who = separator.join(body_name(plan, b, language) for b in output.output.responsible)
            lines.append(f"{output.id}  {due}  {state_name(output, language)}  {who}  "
                         f"{output.output.title.get(language)}")
    for line in lines:
        say(line)
    if not lines:  # standard output stays empty; the user is told why
        from mandates.words.commands import labelled
        from mandates.words.selections import nothing_matched

        say(labelled("note", nothing_matched(day.isoformat(), language), language), err())


def _meeting_order(state: MeetingState) -> tuple[str, str]:
    """Meetings in calendar order: by the first day they may open; those without dates last."""
    first = state.span.opens_earliest if state.span is not None else state.opens_on
    return (first.isoformat() if first is not None else "9999", state.id)


COMMANDS = (("list", list_items),)
