"""Amendment files (`config/<process>.amendments/NNN-<id>.yaml`) and amendments recorded by
command (the payload of an AMENDED fact): one parser, one validation (docs/config-format.md).

An amendment's references are checked against the plan *as of* the amendment: the founding
file plus the amendments that come before it in the order they apply (effective date, then id),
plus its own additions. An output added on D may name a meeting added by an earlier amendment,
not by a later one. Every error carries file:line and field, all collected (ConfigError).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from pendulum import Date

from mandates.config.fields import (
    Refs,
    boolean,
    check_dates,
    choice,
    declared,
    description_of,
    id_list,
    identifier,
    int_in,
    item_label,
    items,
    title_of,
)
from mandates.config.items import (
    AUDIENCE_PARSER,
    DELIVERY_PARSER,
    Items,
    assumption_of,
    meetings,
    outputs,
    read_bodies,
    rule_of,
)
from mandates.config.known import Known, order_key
from mandates.config.venues import Venues
from mandates.config.yamlnodes import (
    MAP_TAG,
    NULL_TAG,
    Collector,
    Map,
    MappingNode,
    Node,
    compose,
    read_text,
)
from mandates.core import graph
from mandates.core.plan import (
    Amendment,
    AmendmentKind,
    Audience,
    Delivery,
    MeetingChange,
    Output,
    OutputChange,
    Plan,
    Source,
)
from mandates.core.rules import parse_iso_date
from mandates.errors import ConfigError, ConfigIssue

TOP_KEYS = ("amendment", "add", "change", "retire")
HEADER_KEYS = ("id", "process", "symbol", "kind", "title", "effective_on", "approximate", "url")
ADD_KEYS = ("bodies", "meetings", "outputs")
CHANGE_KEYS = ("outputs", "meetings", "last_meeting")
OUTPUT_CHANGE_KEYS = ("id", "due", "responsible", "for", "inputs_add", "inputs_remove", "title",
                      "description", "assumed", "delivery", "audience")
MEETING_CHANGE_KEYS = ("id", "title", "short", "body", "type", "description")
KIND_CHOICES = tuple(k.value for k in AmendmentKind)
_KIND_PARSER = choice(KIND_CHOICES)


def amendments_dir(founding: Path) -> Path:
    """The folder of a founding file's amendments: `post2020.yaml` -> `post2020.amendments/`."""
    return founding.with_name(f"{founding.stem}.amendments")


def amendment_files(founding: Path) -> list[Path]:
    """The amendment files of a founding file, in name order (the order of reading only)."""
    folder = amendments_dir(founding)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


class _Dated(Refs):
    """References checked against the plan as of the amendment; naming a retired item is an
    error too."""

    def __init__(self, errors: Collector, known: Known, meetings: set[str], outputs: set[str]) -> None:
        super().__init__(errors, known.bodies, meetings, outputs)
        self.retired = known.retired

    def _retired(self, value: str, node: Node | None, field: str) -> bool:
        if value in self.retired:
            self.errors.add(node, field, f"{value!r} was retired by amendment {self.retired[value]}")
            return True
        return False

    def check(self, value: str, node: Node | None, field: str, kind: str, valid: set[str]) -> None:
        if not self._retired(value, node, field):
            super().check(value, node, field, kind, valid)

    def target(self, value: str, node: Node | None, field: str) -> None:
        if not self._retired(value, node, field):
            super().target(value, node, field)

    def meeting(self, target: str, node: Node | None, field: str) -> None:
        if not self._retired(target, node, field):
            super().meeting(target, node, field)


class _Unchecked(Refs):
    """References taken as they are: an amendment read back from the database was checked
    against the plan when it was recorded."""

    def check(self, value: str, node: Node | None, field: str, kind: str, valid: set[str]) -> None:
        return

    def meeting(self, target: str, node: Node | None, field: str) -> None:
        return


@dataclass
class _Parsed:
    """One amendment file, composed, with its header read (first pass)."""

    label: str
    root: Map
    errors: Collector
    id: str | None
    effective_on: Date | None


def _compose(text: str, label: str, errors: list[ConfigIssue], line_offset: int = 0) -> _Parsed | None:
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark is not None else line_offset
        errors.append(ConfigIssue(label, line, "yaml", f"malformed YAML: {exc.problem}"))
        return None
    if node is None:
        errors.append(ConfigIssue(label, 1 + line_offset, "file", "the file is empty"))
        return None
    if line_offset:
        _shift(node, line_offset)
    collector = Collector(label)
    root = Map(node, "file", TOP_KEYS, collector)
    header = root.get("amendment")
    if header is None:
        collector.add(node, "amendment", "is required (id, process, symbol, kind, effective_on)")
        return _Parsed(label, root, collector, None, None)
    fields = Map(header, "amendment", HEADER_KEYS, Collector(label))  # errors reported in pass 2
    amendment_id = fields.scalar("id")
    try:
        effective = parse_iso_date(fields.scalar("effective_on") or "")
    except ValueError:
        effective = None
    return _Parsed(label, root, collector, amendment_id, effective)


def _shift(node: Node, offset: int) -> None:
    """Move a composed tree's lines (a payload embedded at a line of another file)."""
    stack = [node]
    while stack:
        current = stack.pop()
        current.line += offset
        if isinstance(current.value, list):
            for child in current.value:
                stack.extend(child if isinstance(child, tuple) else (child,))


def load_amendments(plan: Plan, files: list[Path], venues: Callable[[], Venues],
                    issues: list[ConfigIssue]) -> tuple[Amendment, ...]:
    """Every amendment file of a founding plan, checked in the order they apply; problems are
    appended to `issues` (the caller raises them together with the founding file's)."""
    parsed: list[_Parsed] = []
    for path in files:
        label = str(path)
        try:
            text = read_text(path)
        except ConfigError as exc:
            issues.extend(exc.issues)
            continue
        item = _compose(text, label, issues)
        if item is not None:
            parsed.append(item)
    parsed.sort(key=lambda p: (p.effective_on or Date(1, 1, 1), p.id or "", p.label))
    known = Known.founding(plan)
    seen_ids: dict[str, str] = {}
    result: list[Amendment] = []
    for item in parsed:
        amendment = _build(item, plan.process.id, known, plan.process.timezone, venues, seen_ids)
        check_dates(item.errors, plan.span)
        issues.extend(ConfigIssue(*issue) for issue in item.errors.issues)
        if amendment is not None:
            known.apply(amendment)
            result.append(amendment)
    if not issues and result:
        _check_cycles(plan, result, issues)
    return tuple(result)


def parse_amendment(text: str, label: str, *, process_id: str | None, default_zone: str,
                    venues: Callable[[], Venues], known: Known | None,
                    line_offset: int = 0) -> Amendment:
    """One amendment from its text (a recorded AMENDED fact's payload, or a command's).

    With `known` (the plan as of the amendment's date) every reference is checked; without it
    (reading back a payload that was checked when recorded) only the amendment's own fields
    are. Raises ConfigError with every problem at `label`:line (lines moved by `line_offset`).
    """
    issues: list[ConfigIssue] = []
    item = _compose(text, label, issues, line_offset)
    amendment = None
    if item is not None:
        amendment = _build(item, process_id, known, default_zone, venues, {})
        issues.extend(ConfigIssue(*issue) for issue in item.errors.issues)
    if issues or amendment is None:
        raise ConfigError(issues or [ConfigIssue(label, line_offset, "amendment", "is invalid")])
    return amendment


def _build(item: _Parsed, process_id: str | None, known: Known | None, default_zone: str,
           venues: Callable[[], Venues], seen_ids: dict[str, str]) -> Amendment | None:
    errors, root = item.errors, item.root
    header_node = root.get("amendment")
    if header_node is None:
        return None
    header = Map(header_node, "amendment", HEADER_KEYS, errors)
    amendment_id = header.convert("id", identifier, required=True)
    process = header.scalar("process", required=process_id is not None and known is not None)
    if process is not None and process_id is not None and process != process_id:
        errors.add(header.get("process"), "amendment.process",
                   f"{process!r} is not this process; expected {process_id!r}")
    symbol = header.scalar("symbol", required=True)
    kind = header.convert("kind", _KIND_PARSER, required=True)
    effective = header.convert("effective_on", parse_iso_date, required=True)
    approximate = header.convert("approximate", boolean) or False
    title = title_of(header, "title", required=False)
    url = header.scalar("url")
    if amendment_id is not None:
        if amendment_id in seen_ids:
            errors.add(header.get("id"), "amendment.id",
                       f"duplicate amendment id {amendment_id!r} (already used by {seen_ids[amendment_id]})")
        seen_ids[amendment_id] = f"{item.label}:{header.line()}"
    state = known.copy() if known is not None else Known({}, set(), set(), {})
    add = Map(root.get("add") or _EMPTY, "add", ADD_KEYS, errors)
    bodies = tuple(read_bodies(add, errors, state.bodies, section="add.bodies"))
    new_meetings = state.meetings | declared(add, "meetings")
    new_outputs = state.outputs | declared(add, "outputs")
    refs: Refs = (_Dated(errors, state, new_meetings, new_outputs) if known is not None
                  else _Unchecked(errors, state.bodies, new_meetings, new_outputs))
    seen = {k: v for k, v in state.where.items()}
    ctx = Items(errors, item.label, refs, seen, default_zone, venues, strict_zone=True,
                added_by=amendment_id)
    added_meetings = tuple(meetings(add, ctx, section="add.meetings"))
    added_outputs = tuple(outputs(add, ctx, section="add.outputs"))
    change = Map(root.get("change") or _EMPTY, "change", CHANGE_KEYS, errors)
    output_changes = tuple(_output_changes(change, refs))
    meeting_changes = tuple(_meeting_changes(change, refs))
    last = change.scalar("last_meeting")
    if last is not None:
        refs.meeting(last, change.get("last_meeting"), "change.last_meeting")
    retires = _retires(root, refs)
    if None in (amendment_id, symbol, kind, effective):
        return None
    assert amendment_id is not None and symbol is not None and kind is not None and effective is not None
    return Amendment(
        id=amendment_id, symbol=symbol, kind=AmendmentKind(kind), effective_on=effective,
        source=Source(item.label, header.line()), title=title, url=url, approximate=approximate,
        bodies=bodies, meetings=added_meetings, outputs=added_outputs,
        output_changes=output_changes, meeting_changes=meeting_changes, last_meeting=last,
        retires=retires,
    )


_EMPTY = MappingNode(MAP_TAG, [], 0)  # an absent `add:` or `change:` reads as an empty one


def _output_changes(change: Map, refs: Refs) -> list[OutputChange]:
    found: list[OutputChange] = []
    for index, node in items(change, "outputs"):
        fields = Map(node, item_label(node, "change.outputs", index), OUTPUT_CHANGE_KEYS, refs.errors)
        output_id = fields.scalar("id", required=True)
        field = fields.field
        if output_id is not None:
            refs.check(output_id, fields.get("id"), f"{field}.id", "output", refs.outputs)
        due = rule_of(fields, required=False)
        if due is not None:
            refs.rule(due, fields.get("due"), f"{field}.due")
        responsible: tuple[str, ...] | None = None
        if "responsible" in fields.values:
            pairs = id_list(fields, "responsible")
            for body_id, body_node in pairs:
                refs.body(body_id, body_node, f"{field}.responsible")
            responsible = tuple(i for i, _ in pairs) or None
        for_node = fields.get("for")
        clear_for = for_node is not None and for_node.tag == NULL_TAG
        target = fields.scalar("for")
        if target is not None:
            refs.target(target, for_node, f"{field}.for")
        adds, removes = id_list(fields, "inputs_add"), id_list(fields, "inputs_remove")
        for input_id, input_node in (*adds, *removes):
            if input_id == output_id:
                refs.errors.add(input_node, f"{field}.inputs", "an output cannot be its own input")
            else:
                refs.check(input_id, input_node, f"{field}.inputs", "output", refs.outputs)
        delivery = fields.convert("delivery", DELIVERY_PARSER)
        audience = fields.convert("audience", AUDIENCE_PARSER)
        if output_id is None:
            continue
        found.append(OutputChange(
            id=output_id, due=due, responsible=responsible, for_=target, clear_for=clear_for,
            add_inputs=tuple(i for i, _ in adds), remove_inputs=tuple(i for i, _ in removes),
            title=title_of(fields, "title", required=False), description=description_of(fields),
            assumed=assumption_of(fields), delivery=Delivery(delivery) if delivery else None,
            audience=Audience(audience) if audience else None))
    return found


def _meeting_changes(change: Map, refs: Refs) -> list[MeetingChange]:
    found: list[MeetingChange] = []
    for index, node in items(change, "meetings"):
        fields = Map(node, item_label(node, "change.meetings", index), MEETING_CHANGE_KEYS, refs.errors)
        meeting_id = fields.scalar("id", required=True)
        if meeting_id is not None:
            refs.check(meeting_id, fields.get("id"), f"{fields.field}.id", "meeting", refs.meetings)
        body = fields.scalar("body")
        if body is not None:
            refs.body(body, fields.get("body"), f"{fields.field}.body")
        meeting_type = fields.convert("type", int_in(1, 5))
        if meeting_id is None:
            continue
        found.append(MeetingChange(
            id=meeting_id, title=title_of(fields, "title", required=False),
            short=title_of(fields, "short", required=False), body=body, type=meeting_type,
            description=description_of(fields)))
    return found


def _retires(root: Map, refs: Refs) -> tuple[str, ...]:
    node = root.get("retire")
    if node is None:
        return ()
    pairs = id_list(root, "retire")
    for item_id, item_node in pairs:
        refs.check(item_id, item_node, "retire", "meeting or output", refs.targets)
    return tuple(i for i, _ in pairs)


def _check_cycles(plan: Plan, amendments: list[Amendment], issues: list[ConfigIssue]) -> None:
    """A dependency cycle in the plan once every amendment applies (inputs and `for` edges)."""
    found: dict[str, Output] = dict(plan.outputs)
    for amendment in sorted(amendments, key=order_key):
        for output in amendment.outputs:
            found[output.id] = output
        for change in amendment.output_changes:
            old = found.get(change.id)
            if old is None:
                continue
            inputs = tuple(i for i in (*old.inputs, *change.add_inputs) if i not in change.remove_inputs)
            target = None if change.clear_for else (change.for_ or old.for_)
            found[change.id] = replace(old, inputs=tuple(dict.fromkeys(inputs)), for_=target)
    cycle = graph.find_cycle(replace(plan, outputs=found))
    if cycle:
        first = found[cycle[0]]
        issues.append(ConfigIssue(first.source.file, first.source.line, f"outputs[{first.id}].inputs",
                                  f"dependency cycle once the amendments apply: {' -> '.join(cycle)}"))
