"""The daily publication in one process (issue 12): `mandates publish` writes what a secretariat
publishes every morning, the check as JSON and the iCalendar feeds, from one plan, one reading of
the facts and one evaluation.

`mandates check --format json > FILE` then `mandates feeds` give the same files (byte for byte:
tests/commands/test_daily.py), but each process loads the plan, reads the facts and pays the
command line's start-up; on a small process start-up is most of the cost. The JSON is streamed
to a file beside its target and renamed into place (`store.files.write_stream`: a reader never
sees half of it; a file already holding exactly these bytes is left alone), readable by the
secretariat only (mode 0640, the `secretariat_group` setting's group); `-` writes it to standard
output instead. The feeds are written by `feeds.publish.write_feeds`, as `mandates feeds` writes
them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mandates.commands.common import (
    AsOfOpt,
    ConfigOpt,
    DatabaseOpt,
    ProcessOpt,
    SettingsOpt,
    as_of,
    facts_of,
    now,
    plan_of,
    say,
)
from mandates.commands.language import LangOpt, speak


def publish(
    json_path: Annotated[Path, typer.Option("--json", help="File to write the check to, as "
                                            "`check --format json` prints it (`-`: standard "
                                            "output).")],
    as_of_day: AsOfOpt = None,
    process: ProcessOpt = None,
    config: ConfigOpt = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write the feeds to "
                                                 "(default: calendars_dir of the settings).")] = None,
    settings_path: SettingsOpt = None,
    database: DatabaseOpt = None,
    lang: LangOpt = None,
) -> None:
    """The daily publication in one process: the check as JSON and the iCalendar feeds.

    The same files as `mandates check --format json > FILE` and `mandates feeds`, from one
    evaluation. Exit 2 on bad input, nothing written.
    """
    from mandates.config.settings import load_settings
    from mandates.core.evaluate import evaluate
    from mandates.feeds.publish import write_feeds
    from mandates.feeds.selections import check_selections
    from mandates.report.jsondoc import json_chunks, write_json
    from mandates.store.files import Audience, write_stream
    from mandates.words.commands import counted, said
    from mandates.words.dates import day_text

    language = speak(lang, settings_path)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    settings = load_settings(settings_path)
    check_selections(plan, settings.feeds)  # an unknown id in a selection: nothing written at all
    evaluation = evaluate(plan, facts_of(database, plan), day)
    if str(json_path) == "-":
        write_json(sys.stdout, evaluation)
    else:
        from mandates.store.files import group_id, sync_folder

        group = settings.secretariat_group
        write_stream(json_path, json_chunks(evaluation), Audience.SECRETARIAT,
                     group_id(group) if group else None)
        sync_folder(json_path.parent)
    target = out_dir if out_dir is not None else settings.calendars_dir
    paths = write_feeds(evaluation, database, target, settings, now(), founding=plan)
    shown = say if str(json_path) != "-" else _to_stderr
    day_said = day_text(day, language) if language == "zh" else day.isoformat()
    if str(json_path) != "-":
        shown(said("wrote_check", language, day=day_said, format="json", file=json_path))
    shown(said("feeds_written", language, count=counted(len(paths), "feed", language),
               day=day_said, folder=target))
    for path in paths:
        shown(f"  {path}")


def _to_stderr(text: str) -> None:
    """A line of the command's own on standard error (standard output holds the JSON)."""
    from mandates.commands.common import err

    say(text, err())


COMMANDS = (("publish", publish),)
