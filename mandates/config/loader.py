"""YAML -> Plan: collects every error with file, line and field (DESIGN: config errors)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import yaml
from pendulum import Date

from mandates.config.fields import (
    Refs,
    boolean,
    choice,
    declared,
    description_of,
    id_list,
    identifier,
    int_in,
    item_label,
    items,
    timezone,
    title_of,
)
from mandates.config.yamlnodes import (
    Collector,
    Map,
    MappingNode,
    Node,
    compose,
)
from mandates.core import graph
from mandates.core.gcpause import paused_gc
from mandates.core.plan import (
    Adjust,
    AtRule,
    Audience,
    BeforeRule,
    Body,
    Delivery,
    DueRule,
    EveryRule,
    Meeting,
    OnRule,
    Output,
    Plan,
    Process,
    Source,
    Window,
)
from mandates.core.rules import month_window, parse_iso_date
from mandates.errors import ConfigError, ConfigIssue

__all__ = ["ConfigError", "ConfigIssue", "load_plan"]


PROCESS_KEYS = ("id", "title", "source", "timezone", "last_meeting", "due_soon_days",
                "business_days", "report_lag_days")
BODY_KEYS = ("id", "name", "short")
MEETING_KEYS = ("id", "title", "short", "body", "opens", "closes", "window", "tbd", "confirmed", "venue",
                "timezone", "type", "table", "mandate", "element", "description")
OUTPUT_KEYS = ("id", "title", "short", "responsible", "mandate", "due", "for", "inputs", "audience",
               "delivery", "description")
RULE_KEYS = ("on", "before", "weeks", "days", "at", "lag_days", "every", "from", "until", "adjust")
ADJUST_CHOICES = tuple(a.value for a in Adjust)
AUDIENCE_CHOICES = tuple(a.value for a in Audience)
DELIVERY_CHOICES = tuple(d.value for d in Delivery)
_AUDIENCES = {a.value: a for a in Audience}
_DELIVERIES = {d.value: d for d in Delivery}


_AUDIENCE_PARSER = choice(AUDIENCE_CHOICES)
_DELIVERY_PARSER = choice(DELIVERY_CHOICES)
_ADJUST_PARSER = choice(ADJUST_CHOICES)
_PUBLIC, _WHEN_HELD, _RECORDED = Audience.PUBLIC, Delivery.WHEN_HELD, Delivery.RECORDED


def load_plan(path: Path | str) -> Plan:
    """Load and validate one process file (docs/config-format.md); raise ConfigError with all issues."""
    with paused_gc():
        return _load_plan(Path(path))


def _load_plan(path: Path) -> Plan:
    file = Path(path)
    label = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigIssue(label, 0, "file", "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([ConfigIssue(label, 0, "file", f"not UTF-8 text ({exc})")]) from None
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
    plan = _build(root, errors, label)
    if errors.issues or plan is None:
        raise ConfigError([ConfigIssue(*issue) for issue in errors.issues])
    return plan


def _build(root: Map, errors: Collector, label: str) -> Plan | None:
    process = _process(root, errors)
    bodies: dict[str, Body] = {}
    for index, node in items(root, "bodies"):
        fields = Map(node, item_label(node, "bodies", index), BODY_KEYS, errors)
        body_id = fields.convert("id", identifier, required=True)
        name = title_of(fields, "name")
        if body_id is None or name is None:
            continue
        if body_id in bodies:
            errors.add(node, f"{fields.field}.id", f"duplicate body id {body_id!r}")
        bodies[body_id] = Body(body_id, name, fields.scalar("short") or body_id.upper())
    seen: dict[str, str] = {}
    refs = Refs(errors, bodies, declared(root, "meetings"), declared(root, "outputs"))
    meetings = {m.id: m for m in _meetings(root, errors, label, seen, process, refs)}
    outputs = {o.id: o for o in _outputs(root, errors, label, seen, refs)}
    if process is None:
        return None
    plan = Plan(process, bodies, meetings, outputs, (label,))
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
    adjust = fields.convert("business_days", _ADJUST_PARSER)
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


def _claim(seen: dict[str, str], item_id: str, kind: str, node: Node, field: str,
           errors: Collector) -> bool:
    """Register an id; a duplicate is an error and the item stays out of the plan."""
    if item_id in seen:
        errors.add(node, field, f"duplicate id {item_id!r} (already used by {seen[item_id]})")
        return False
    seen[item_id] = f"{kind} at line {node.line}"
    return True


def _meetings(root: Map, errors: Collector, label: str, seen: dict[str, str],
              process: Process | None, refs: Refs) -> Iterator[Meeting]:
    default_zone = process.timezone if process else "America/Toronto"
    for index, node in items(root, "meetings"):
        fields = Map(node, item_label(node, "meetings", index), MEETING_KEYS, errors)
        meeting_id = fields.convert("id", identifier, required=True)
        title = title_of(fields, "title")
        short = title_of(fields, "short", required=False)
        description = description_of(fields)
        opens = fields.convert("opens", parse_iso_date)
        closes = fields.convert("closes", parse_iso_date)
        window = _window(fields)
        tbd = fields.convert("tbd", boolean) or False
        has_dates = "opens" in fields.values or "closes" in fields.values
        if has_dates and ("opens" not in fields.values or "closes" not in fields.values):
            missing = "closes" if "opens" in fields.values else "opens"
            errors.add(node, f"{fields.field}.{missing}", "opens and closes go together")
        if opens and closes and closes < opens:
            errors.add(fields.get("closes"), f"{fields.field}.closes",
                       f"closes {closes.isoformat()} before it opens {opens.isoformat()}")
        if has_dates + ("window" in fields.values) + tbd > 1:
            errors.add(node, fields.field, "give only one of opens/closes, window, or tbd: true")
        elif not has_dates and "window" not in fields.values and not tbd:
            errors.add(node, fields.field,
                       "has no dates: give opens and closes, a window, or tbd: true (to be determined)")
            if meeting_id is not None:
                refs.undated.add(meeting_id)
        meeting_type = fields.convert("type", int_in(1, 5), required=True)
        table = fields.convert("table", int_in(1, 3))
        zone = fields.convert("timezone", timezone) or default_zone
        body = fields.scalar("body", required=True)
        if body is not None:
            refs.body(body, fields.get("body"), f"{fields.field}.body")
        if meeting_id is None or title is None or body is None or meeting_type is None:
            continue
        if not _claim(seen, meeting_id, "meeting", node, f"{fields.field}.id", errors):
            continue
        yield Meeting(
            id=meeting_id, title=title, body=body, opens_on=opens, closes_on=closes,
            window=window, confirmed=fields.convert("confirmed", boolean) is not False,
            venue=title_of(fields, "venue", required=False), timezone=zone, type=meeting_type,
            table=table, mandate=fields.scalar("mandate"),
            element=title_of(fields, "element", required=False),
            source=Source(label, fields.line()), short=short, description=description,
        )


def _window(fields: Map) -> Window | None:
    node = fields.get("window")
    if node is None:
        return None
    window = Map(node, f"{fields.field}.window", ("from", "to"), fields.errors)
    start, end = window.scalar("from", required=True), window.scalar("to", required=True)
    if start is None or end is None:
        return None
    try:
        earliest, latest = month_window(start, end)
    except ValueError as exc:
        fields.errors.add(node, f"{fields.field}.window", str(exc))
        return None
    if latest < earliest:
        fields.errors.add(node, f"{fields.field}.window", f"ends ({end}) before it starts ({start})")
        return None
    return Window(earliest, latest)


def _outputs(root: Map, errors: Collector, label: str, seen: dict[str, str],
             refs: Refs) -> Iterator[Output]:
    for index, node in items(root, "outputs"):
        fields = Map(node, item_label(node, "outputs", index), OUTPUT_KEYS, errors)
        output_id = fields.convert("id", identifier, required=True)
        title = title_of(fields, "title")
        short = title_of(fields, "short", required=False)
        description = description_of(fields)
        mandate = fields.scalar("mandate", required=True)
        rule = _rule(fields)
        audience = fields.convert("audience", _AUDIENCE_PARSER)
        delivery = fields.convert("delivery", _DELIVERY_PARSER)
        field = fields.field
        responsible_ids = id_list(fields, "responsible")
        responsible = tuple(i for i, _ in responsible_ids)
        if not responsible:
            errors.add(node, f"{field}.responsible", "is required (a body id or a list)")
        for body_id, body_node in responsible_ids:
            refs.body(body_id, body_node, f"{field}.responsible")
        if rule is not None:
            refs.rule(rule, fields.get("due"), f"{field}.due")
        target = fields.scalar("for")
        if target is not None:
            refs.check(target, fields.get("for"), f"{field}.for", "meeting or output", refs.targets)
        inputs = id_list(fields, "inputs")
        for input_id, input_node in inputs:
            if input_id == output_id:
                errors.add(input_node, f"{field}.inputs", "an output cannot be its own input")
            else:
                refs.check(input_id, input_node, f"{field}.inputs", "output", refs.outputs)
        if output_id is None or title is None or mandate is None or rule is None:
            continue
        if not _claim(seen, output_id, "output", node, f"{field}.id", errors):
            continue
        yield Output(
            id=output_id, title=title, responsible=responsible, mandate=mandate, due=rule,
            for_=target, inputs=tuple(i for i, _ in inputs if i != output_id),
            audience=_AUDIENCES[audience] if audience else _PUBLIC,
            source=Source(label, fields.line()),
            delivery=_DELIVERIES[delivery] if delivery else (
                _WHEN_HELD if isinstance(rule, AtRule) else _RECORDED),
            short=short, description=description,
        )


def _rule(fields: Map) -> DueRule | None:
    node = fields.get("due")
    field = f"{fields.field}.due"
    if node is None:
        fields.errors.add(fields.node, field, "is required (on, before, at or every)")
        return None
    rule = Map(node, field, RULE_KEYS, fields.errors)
    kinds = [k for k in ("on", "before", "at", "every") if k in rule.values]
    if len(kinds) != 1:
        fields.errors.add(node, field, "give exactly one of on, before, at, every")
        return None
    adjust_text = rule.convert("adjust", _ADJUST_PARSER)
    adjust = Adjust(adjust_text) if adjust_text else None
    kind = kinds[0]
    allowed = {"on": {"on"}, "before": {"before", "weeks", "days"}, "at": {"at", "lag_days"},
               "every": {"every", "from", "until"}}[kind] | {"adjust"}
    for key in rule.values:
        if key not in allowed:
            fields.errors.add(rule.keys[key], f"{field}.{key}",
                              f"does not go with {kind!r}; valid: {', '.join(sorted(allowed))}")
    if kind == "on":
        day = rule.convert("on", parse_iso_date, required=True)
        return OnRule(day, adjust) if day else None
    if kind == "before":
        weeks = rule.convert("weeks", int_in(0, 520)) or 0
        days = rule.convert("days", int_in(0, 3650)) or 0
        if "weeks" not in rule.values and "days" not in rule.values:
            fields.errors.add(node, field, "before needs weeks or days (0 for the opening day)")
        meeting = rule.scalar("before", required=True)
        return BeforeRule(meeting, weeks * 7 + days, adjust) if meeting else None
    if kind == "at":
        meeting = rule.scalar("at", required=True)
        lag = rule.convert("lag_days", int_in(0, 3650))
        return AtRule(meeting, lag, adjust) if meeting else None
    return _every(rule, field, adjust)


def _every(rule: Map, field: str, adjust: Adjust | None) -> EveryRule | None:
    interval_node = rule.get("every")
    assert interval_node is not None
    interval = Map(interval_node, f"{field}.every", ("months", "weeks"), rule.errors)
    months = interval.convert("months", int_in(1, 120)) or 0
    weeks = interval.convert("weeks", int_in(1, 520)) or 0
    if bool(months) == bool(weeks):
        rule.errors.add(interval_node, f"{field}.every", "give months or weeks (one of them)")
    start = rule.convert("from", parse_iso_date, required=True)
    until = rule.scalar("until")
    until_date: Date | None = None
    until_meeting: str | None = None
    if until is not None:
        if until[:1].isdigit():
            until_date = rule.convert("until", parse_iso_date)
        else:
            until_meeting = until
    if start is None:
        return None
    return EveryRule(months, weeks, start, until_date, until_meeting, adjust)


def _check_plan(plan: Plan, root: Map, errors: Collector) -> None:
    """What needs the whole plan: the last meeting, and dependency cycles (always checked)."""
    last = plan.process.last_meeting
    if last and last not in plan.meetings:
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
