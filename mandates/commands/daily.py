"""The daily publication in one process (issue 12): `mandates publish` writes what a secretariat
publishes every morning, the check as JSON and the iCalendar feeds, from one plan, one reading of
the facts and one evaluation.

`mandates check --format json > FILE` then `mandates feeds` give the same files (byte for byte:
tests/commands/test_daily.py), but each process loads the plan, reads the facts and pays the
command line's start-up; on a small process start-up is most of the cost. The JSON is streamed
to a file beside its target and renamed into place (`store.files.write_stream`: a reader never
sees half of it; a file already holding exactly these bytes is left alone), readable by the
secretariat only (mode 0640, the `secretariat_group` setting's group); `-` writes it to standard
output instead. The feeds are written by `feeds.publish.publish`, as `mandates feeds` writes
them.

Nothing is evaluated when nothing changed (issue 12): the JSON's inputs (the plan's fingerprint,
the facts, the date, the group, the code that writes it: `feeds.cache.check_inputs`) and the
size, modification time, mode and group of the file written are recorded in the calendars'
cache (`check.bin`); a publication of the same inputs whose JSON is as left does not write it,
and the feeds are not evaluated for either (`feeds.publish`), so the one evaluation is made
only when one of the two needs it.

The plan, the facts and the evaluation, hundreds of thousands of objects at 100,000 outputs that
all live until the command ends, are set aside from the cyclic garbage collector once made
(`_set_aside`: `gc.freeze`), as `flows.collect` does for a flow run's imports; each is built
with the collector paused, and without this it would walk them again after each (issue 12).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from pendulum import Date

    from mandates.core.evaluate import Evaluation
    from mandates.core.facts import Fact
    from mandates.core.plan import Plan


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
    from mandates.feeds.publish import publish as publish_feeds
    from mandates.feeds.selections import check_selections
    from mandates.words.commands import counted, said
    from mandates.words.dates import day_text

    language = speak(lang, settings_path)
    plan = plan_of(config, process)
    day = as_of(as_of_day, plan)
    settings = load_settings(settings_path)
    check_selections(plan, settings.feeds)  # an unknown id in a selection: nothing written at all
    facts = facts_of(database, plan)
    _set_aside()
    evaluated: list[Evaluation] = []

    def evaluation() -> Evaluation:
        if not evaluated:
            from mandates.core.evaluate import evaluate

            evaluated.append(evaluate(plan, facts, day))
            _set_aside()
        return evaluated[0]

    target = out_dir if out_dir is not None else settings.calendars_dir
    written = None
    if str(json_path) == "-":
        from mandates.report.jsondoc import write_json

        write_json(sys.stdout, evaluation())
    else:
        written = _write_check(json_path.resolve(), target, plan, facts, day,
                               settings.secretariat_group, evaluation)
    paths = publish_feeds(plan, database, day, settings, target, now(), facts=facts,
                          evaluation=evaluation)
    if written is not None:
        _keep_check(target, settings.secretariat_group, *written)
    shown = say if str(json_path) != "-" else _to_stderr
    day_said = day_text(day, language) if language == "zh" else day.isoformat()
    if str(json_path) != "-":
        shown(said("wrote_check", language, day=day_said, format="json", file=json_path))
    shown(said("feeds_written", language, count=counted(len(paths), "feed", language),
               day=day_said, folder=target))
    for path in paths:
        shown(f"  {path}")


def _set_aside() -> None:
    """Move every object alive now into the collector's permanent generation (`gc.freeze`), which
    its collections skip: the command's plan, facts and evaluation live until it ends (see the
    module). Memory is freed as before when they are let go (reference counting); only garbage in
    cycles among them would wait for the process to end, and the one run ends soon after."""
    import gc

    gc.freeze()


def _write_check(path: Path, calendars: Path, plan: Plan, facts: list[Fact], day: Date,
                 group: str | None, evaluation: Callable[[], Evaluation]
                 ) -> tuple[Path, bytes] | None:
    """Write the check JSON to `path`, unless the last publication into `calendars` wrote it
    from the same inputs and it is as it was left (`feeds.cache.Cache.check_as_left`): then
    nothing is evaluated for it. Returns what to record once the feeds are written (None when
    nothing was written)."""
    from mandates.feeds.cache import Cache, check_inputs

    digest = check_inputs(plan.fingerprint, facts, day, group)
    if Cache(calendars, group).check_as_left(path, digest):
        return None
    from mandates.report.jsondoc import json_chunks
    from mandates.store.files import Audience, group_id, sync_folder, write_stream

    write_stream(path, json_chunks(evaluation()), Audience.SECRETARIAT,
                 group_id(group) if group else None)
    sync_folder(path.parent)
    return path, digest


def _keep_check(calendars: Path, group: str | None, path: Path, digest: bytes) -> None:
    """Record the check JSON written (in the calendars' cache, which the feeds made)."""
    from mandates.feeds.cache import Cache

    Cache(calendars, group).keep_check(path, digest)


def _to_stderr(text: str) -> None:
    """A line of the command's own on standard error (standard output holds the JSON)."""
    from mandates.commands.common import err

    say(text, err())


COMMANDS = (("publish", publish),)
