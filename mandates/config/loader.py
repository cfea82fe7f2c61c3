"""YAML -> Plan: the founding file and its amendment files, every error with file, line and
field, all collected (DESIGN: config errors; docs/config-format.md).

A process is its founding file (`post2020.yaml`) and the amendment files beside it
(`post2020.amendments/*.yaml`, read by `config.amendments`); the plan returned is the founding
plan with every amendment in `Plan.amendments` (`core.amend.plan_as_of` applies those in effect
on a date) and the files read in `Plan.files` (founding first).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from mandates.config.amendments import amendment_files, load_amendments
from mandates.config.fields import (
    Refs,
    check_dates,
    declared,
    identifier,
    int_in,
    timezone,
    title_of,
)
from mandates.config.holidaycal import with_holidays
from mandates.config.items import ADJUST_PARSER, Items, meetings, outputs, read_bodies
from mandates.config.venues import Venues, load_venues
from mandates.config.yamlnodes import (
    Collector,
    Map,
    MappingNode,
    compose,
    read_text,
)
from mandates.core import graph
from mandates.core.bounds import ANY_SPAN
from mandates.core.gcpause import paused_gc
from mandates.core.plan import Adjust, Body, Plan, Process, is_part_of
from mandates.errors import ConfigError, ConfigIssue

__all__ = ["ConfigError", "ConfigIssue", "load_plan"]


PROCESS_KEYS = ("id", "title", "source", "timezone", "last_meeting", "due_soon_days",
                "business_days", "report_lag_days", "holidays")


def load_plan(path: Path | str) -> Plan:
    """Load and validate one process: its founding file and its amendment files
    (docs/config-format.md). Raises ConfigError with every issue of every file."""
    with paused_gc():
        return _load_plan(Path(path))


def _load_plan(path: Path) -> Plan:
    file = Path(path)
    label = str(file)
    text = read_text(file)
    try:
        root_node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise ConfigError([ConfigIssue(label, line, "yaml", f"malformed YAML: {exc.problem}")]) from None
    errors = Collector(label)
    if root_node is None:
        raise ConfigError([ConfigIssue(label, 1, "file", "the file is empty")])
    root = Map(root_node, "file", ("process", "bodies", "meetings", "outputs"), errors)
    venues = partial(load_venues, file.parent)
    plan = _build(root, errors, label, venues)
    check_dates(errors, plan.span if plan is not None else ANY_SPAN)
    issues = [ConfigIssue(*issue) for issue in errors.issues]
    files = amendment_files(file)
    if plan is not None and files:
        amendments = load_amendments(plan, files, venues, issues)
        plan = Plan(plan.process, plan.bodies, plan.meetings, plan.outputs,
                    (label, *(str(f) for f in files)), amendments)
    if issues or plan is None:
        raise ConfigError(issues)
    return plan


def _build(root: Map, errors: Collector, label: str, venues: Callable[[], Venues]) -> Plan | None:
    process = _process(root, errors)
    bodies: dict[str, Body] = {}
    read_bodies(root, errors, bodies)
    refs = Refs(errors, bodies, declared(root, "meetings"), declared(root, "outputs"))
    ctx = Items(errors, label, refs, {}, process.timezone if process else "America/Toronto", venues)
    found_meetings = {m.id: m for m in meetings(root, ctx)}
    found_outputs = {o.id: o for o in outputs(root, ctx)}
    if process is None:
        return None
    plan = with_holidays(Plan(process, bodies, found_meetings, found_outputs, (label,)),
                         root.get("process"), errors)
    _check_plan(plan, root, errors)
    return plan


def _process(root: Map, errors: Collector) -> Process | None:
    node = root.get("process")
    if node is None:
        errors.add(root.node, "process", "is required")
        return None
    fields = Map(node, "process", PROCESS_KEYS, errors)
    process_id = fields.convert("id", identifier, required=True)
    title = title_of(fields, "title")
    zone = fields.convert("timezone", timezone) or "America/Toronto"
    due_soon = fields.convert("due_soon_days", int_in(0, 365))
    adjust = fields.convert("business_days", ADJUST_PARSER)
    lags = {1: 0, 2: 14, 3: 0, 4: 14, 5: 30}
    lag_node = fields.get("report_lag_days")
    if lag_node is not None:
        lag_map = Map(lag_node, "process.report_lag_days", tuple(str(t) for t in range(1, 6)), errors)
        for key in lag_map.values:
            value = lag_map.convert(key, int_in(0, 365))
            if value is not None:
                lags[int(key)] = value
    if process_id is None or title is None:
        return None
    return Process(
        id=process_id, title=title, source_document=fields.scalar("source") or "",
        timezone=zone, last_meeting=fields.scalar("last_meeting"),
        due_soon_days=due_soon if due_soon is not None else 14,
        business_days=Adjust(adjust) if adjust else Adjust.NONE, report_lag_days=lags,
    )


def _check_plan(plan: Plan, root: Map, errors: Collector) -> None:
    """What needs the whole plan: the last meeting, and dependency cycles (always checked)."""
    last = plan.process.last_meeting
    if last and last not in plan.meetings and not _is_part_of(last, plan):
        process_node = root.get("process")
        node = process_node
        if isinstance(process_node, MappingNode):
            node = next((v for k, v in process_node.value if k.value == "last_meeting"), node)
        near = difflib.get_close_matches(last, sorted(plan.meetings), n=3)
        hint = f"did you mean {', '.join(near)}?" if near else "no such meeting is defined"
        errors.add(node, "process.last_meeting", f"unknown meeting {last!r}; {hint}")
    cycle = graph.find_cycle(plan)
    if cycle:
        first = plan.outputs[cycle[0]]
        errors.add(None, f"outputs[{first.id}].inputs", f"dependency cycle: {' -> '.join(cycle)}",
                   first.source.line)


def _is_part_of(meeting_id: str, plan: Plan) -> bool:
    """`cop-15-part-2`: a part of a meeting of the plan."""
    return is_part_of(meeting_id, plan.meetings)
