"""Field parsers and reference checks of the process loader (docs/config-format.md)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pendulum
from pendulum import Date

from mandates.config.yamlnodes import Collector, Map, MappingNode, Node, ScalarNode, SequenceNode
from mandates.core.bounds import Span
from mandates.core.plan import Body, DueRule, Title, is_part_of, rule_meeting

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""An id: lowercase letters, digits and single hyphens; matched whole (`fullmatch`: a trailing
newline is not an id)."""
MAX_ID_LENGTH = 100
"""Characters in an id: it fits every column that holds one (`store.limits`: a process in 100,
a subject in 200 with `-part-N`) and every file name made from one (`BODY.zh.ics`)."""
_QUARTER = re.compile(r"^([0-9]{4})-[Qq]([1-4])$")


def quarter_window(text: str) -> tuple[Date, Date]:
    """A quarter `YYYY-Qn` ("2021-Q1"): its first and last day. ValueError when malformed."""
    match = _QUARTER.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a quarter in the form YYYY-Qn, such as 2021-Q1")
    year, quarter = int(match.group(1)), int(match.group(2))
    first = pendulum.Date(year, 3 * quarter - 2, 1)
    return first, pendulum.Date(year, 3 * quarter, 1).end_of("month")


def quarter_of(day: Date) -> str:
    """The quarter a day falls in, as `YYYY-Qn`."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def check_dates(errors: Collector, span: Span) -> None:
    """An issue for every date `errors` read outside `span` (`core.bounds`), giving the bounds."""
    for day, line, field in errors.dates:
        if not span.holds(day):
            errors.add(None, field, span.why(day), line)


def int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not re.fullmatch(r"-?\d+", text.strip()):
            raise ValueError(f"{text!r} is not a whole number")
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range; valid: {low} to {high}")
        return value

    return parse


def choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            import difflib

            near = difflib.get_close_matches(text, choices, n=1, cutoff=0.75)
            if near:
                raise ValueError(f"{text!r} is not valid; did you mean {near[0]!r}?")
            raise ValueError(f"{text!r} is not valid; valid choices: {', '.join(choices)}")
        return text

    return parse


def boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "yes"):
        return True
    if lowered in ("false", "no"):
        return False
    raise ValueError(f"{text!r} is not true or false")


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _known_zone(text: str) -> bool:
    """Whether `text` is one of `zoneinfo.available_timezones()`, without listing them all (a
    walk of the whole zone folder, 30–60 ms at every start-up): the zone loads, and it is not in
    what that listing leaves out (the `posix/` and `right/` copies, `posixrules`)."""
    if text == "posixrules" or text.startswith(("posix/", "right/")):
        return False
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def timezone(text: str) -> str:
    if not _known_zone(text):
        near = difflib.get_close_matches(text, sorted(_zones()), n=3)
        hint = f"; did you mean {', '.join(near)}?" if near else " (an IANA name such as Africa/Nairobi)"
        raise ValueError(f"unknown time zone {text!r}{hint}")
    return text


def identifier(text: str) -> str:
    """`text` when it is an id (ID_PATTERN, at most MAX_ID_LENGTH characters); ValueError
    saying why (a long value is shown by its start and length)."""
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"{text[:40]!r}... is {len(text)} characters long; an id has at most "
                         f"{MAX_ID_LENGTH}")
    if not ID_PATTERN.fullmatch(text):
        raise ValueError(f"{text!r} is not a valid id: lowercase letters, digits and hyphens")
    return text


def title_of(parent: Map, key: str, required: bool = True) -> Title | None:
    node = parent.get(key)
    if node is None:
        if required:
            parent.errors.add(parent.node, f"{parent.field}.{key}", "is required ({en: ..., zh: ...})")
        return None
    fields = Map(node, f"{parent.field}.{key}", ("en", "zh"), parent.errors)
    en, zh = fields.scalar("en", required=True), fields.scalar("zh", required=True)
    return Title(en, zh) if en is not None and zh is not None else None


def description_of(parent: Map) -> Title | None:
    """The optional `description: {en, zh}`: what the document says of the item, in sentences.

    Both languages are required when it is given, and neither may be blank (error at its line).
    """
    description = title_of(parent, "description", required=False)
    node = parent.get("description")
    if description is None or not isinstance(node, MappingNode):
        return description
    blank = [(lang, v) for k, v in node.value if (lang := str(k.value)) in ("en", "zh")
             and not str(v.value).strip()]
    for lang, value_node in blank:
        parent.errors.add(value_node, f"{parent.field}.description.{lang}", "is empty")
    return None if blank else description


def id_list(parent: Map, key: str) -> tuple[tuple[str, Node], ...]:
    node = parent.get(key)
    if node is None:
        return ()
    if isinstance(node, ScalarNode):
        return ((str(node.value), node),)
    if not isinstance(node, SequenceNode):
        parent.errors.add(node, f"{parent.field}.{key}", "expected an id or a list of ids")
        return ()
    items = []
    for item in node.value:
        if isinstance(item, ScalarNode):
            items.append((str(item.value), item))
        else:
            parent.errors.add(item, f"{parent.field}.{key}", "expected an id")
    return tuple(items)


def items(root: Map, key: str) -> Iterator[tuple[int, Node]]:
    node = root.get(key)
    if node is None:
        return
    if not isinstance(node, SequenceNode):
        root.errors.add(node, key, "expected a list")
        return
    yield from enumerate(node.value)


def item_label(node: Node, section: str, index: int) -> str:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, ScalarNode):
                return f"{section}[{value.value}]"
    return f"{section}[{index}]"


def declared(root: Map, section: str) -> set[str]:
    """Every id a section declares, even on items that are invalid otherwise.

    References are checked against these, so one bad field in an item does not turn every
    reference to it into a second, misleading "unknown id" error.
    """
    ids: set[str] = set()
    node = root.get(section)
    if isinstance(node, SequenceNode):
        for item in node.value:
            if isinstance(item, MappingNode):
                for key, value in item.value:
                    if key.value == "id" and isinstance(value, ScalarNode):
                        ids.add(str(value.value))
    return ids


class Refs:
    """Checks references at the line of the value that makes them."""

    def __init__(self, errors: Collector, bodies: dict[str, Body], meetings: set[str],
                 outputs: set[str]) -> None:
        self.errors, self.bodies, self.meetings, self.outputs = errors, bodies, meetings, outputs
        self.body_ids = set(bodies)
        self.targets = meetings | outputs  # what `for:` may name
        self.undated: set[str] = set()

    def check(self, value: str, node: Node | None, field: str, kind: str, valid: set[str]) -> None:
        if value in valid:
            return
        near = difflib.get_close_matches(value, sorted(valid), n=3)
        hint = f"did you mean {', '.join(near)}?" if near else f"{len(valid)} {kind}s are defined"
        self.errors.add(node, field, f"unknown {kind} {value!r}; {hint}")

    def body(self, value: str, node: Node | None, field: str) -> None:
        self.check(value, node, field, "body", self.body_ids)

    def rule(self, rule: DueRule, node: Node | None, field: str) -> None:
        target = rule_meeting(rule)
        if target is None:
            return
        if target in self.undated:
            self.errors.add(node, field, f"points at meeting {target!r}, which has no dates")
        else:
            self.meeting(target, node, field)

    def target(self, value: str, node: Node | None, field: str) -> None:
        """What `for:` names: a meeting, a part of one, or an output."""
        if value in self.targets or is_part_of(value, self.meetings):
            return
        self.check(value, node, field, "meeting or output", self.targets)

    def meeting(self, target: str, node: Node | None, field: str) -> None:
        """A meeting, or a part of one (`cop-15-part-2`: part 2 of a known meeting)."""
        if target in self.meetings or is_part_of(target, self.meetings):
            return
        self.check(target, node, field, "meeting", self.meetings)
