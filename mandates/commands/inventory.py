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
    facts_of,
    plan_of,
    say,
    selection_of,
    speak,
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
    evaluation = select(evaluate(plan, facts_of(database, plan), as_of(as_of_day, plan)), chosen)
    separator = phrase("list_sep", language)
    if what is What.BODIES:
        shown = {m.meeting.body for m in evaluation.meetings.values()} | {
            b for s in evaluation.outputs.values() for b in s.output.responsible}
        for item in plan.bodies.values():
            if chosen.everything or item.id in shown:
                # the short name is English (`COP Bureau`): Chinese gives the id and the name
                say(f"{item.id}  {item.name.get(language)}" if language == "zh"
                    else f"{item.id}  {item.short}  {item.name.get(language)}")
        return
    if what is What.MEETINGS:
        for state in sorted(evaluation.meetings.values(), key=_meeting_order):
            venue = venue_text(state.venue, language) or "—"
            say(f"{state.id}  {meeting_when(state, language)}  {venue}  "
                f"{meeting_status_text(state, language)}  {state.meeting.title.get(language)}")
        return
    for output in sorted(evaluation.outputs.values(),
                         key=lambda s: (s.due.on.isoformat() if s.due else "9999", s.id)):
        due = output.due.on.isoformat() if output.due else phrase("no_date", language)
        who = separator.join(body_name(plan, b, language) for b in output.output.responsible)
        say(f"{output.id}  {due}  {state_name(output, language)}  {who}  "
            f"{output.output.title.get(language)}")


def _meeting_order(state: MeetingState) -> tuple[str, str]:
    """Meetings in calendar order: by the first day they may open; those without dates last."""
    first = state.span.opens_earliest if state.span is not None else state.opens_on
    return (first.isoformat() if first is not None else "9999", state.id)


COMMANDS = (("list", list_items),)
