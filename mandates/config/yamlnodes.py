"""A fast YAML composer that keeps line numbers, and checked access to mapping nodes.

PyYAML's composer resolves an implicit tag for every scalar in Python, which dominates the load of
a large process; every scalar here is parsed by the config loader itself, so this composer builds
nodes straight from the C parser's events and only tells nulls from strings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pendulum import Date

T = TypeVar("T")
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_Parser = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class Node:
    """A composed YAML node: its value and the line (1-based) it starts on."""

    __slots__ = ("line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int) -> None:
        self.tag, self.value, self.line = tag, value, line


class ScalarNode(Node):
    """A single value (always text; nulls carry NULL_TAG)."""

    __slots__ = ()


class SequenceNode(Node):
    """A list of nodes."""

    __slots__ = ()


class MappingNode(Node):
    """A list of (key node, value node) pairs, in file order."""

    __slots__ = ()


MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest process, amendment or facts file read (32 MiB; a process of 100,000 outputs is
about 18 MB). A larger one is refused before it is read, rather than parsed for a minute."""


def read_text(path: Path) -> str:
    """The text of a configuration file; ConfigError (`file:0: file: ...`) when it is missing,
    unreadable, larger than MAX_FILE_BYTES or not UTF-8."""
    from mandates.errors import ConfigError, ConfigIssue

    def refuse(message: str) -> ConfigError:
        return ConfigError([ConfigIssue(str(path), 0, "file", message)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(f"the file is {size / 1e6:.1f} MB; a file read by mandates is at most "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise refuse("no such file") from None
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8 text ({exc})") from None
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror or exc})") from None


_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD"
                            "\U00010000-\U0010FFFF]")
"""What YAML 1.1 refuses in a stream (PyYAML's reader): NUL, ESC, DEL, other C0/C1 controls."""


def compose(text: str) -> Node | None:
    """Compose the one document of `text` into nodes with lines.

    Raises yaml.MarkedYAMLError (with the line in `problem_mark`) for malformed YAML, for a
    character YAML does not allow (named by its code point: NUL, ESC, DEL ...), and for a second
    document (`---`): a file holds one document, and one that is ignored is a mistake hidden.
    """
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        at = bad.start()
        line = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1)
        raise yaml.MarkedYAMLError(
            problem=f"the character U+{ord(bad.group()):04X} is not allowed (a control character;"
                    " write it out, or remove it)",
            problem_mark=yaml.Mark("<text>", at, line, column, None, 0))
    parser = _Parser(text)
    try:
        root = _compose(parser)
        if root is not None and parser.check_event(yaml.DocumentStartEvent):
            event = parser.get_event()
            raise yaml.MarkedYAMLError(
                problem="a second YAML document ('---'): a file holds one document",
                problem_mark=event.start_mark)
        return root
    finally:
        parser.dispose()


def _compose(parser: Any) -> Node | None:
    anchors: dict[str, Node] = {}
    stack: list[tuple[Node, list[Any]]] = []
    root: Node | None = None
    get, check = parser.get_event, parser.check_event
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    while check():
        event = get()
        node: Node | None = None
        kind = type(event)
        if kind is scalar_event:
            tag = NULL_TAG if not event.style and event.value in _NULLS else STR_TAG
            node = ScalarNode(tag, event.value, event.start_mark.line + 1)
            if event.anchor:
                anchors[event.anchor] = node
        elif kind in start_events:
            items: list[Any] = []
            mapping = kind is yaml.MappingStartEvent
            container: Node = (MappingNode(MAP_TAG, items, event.start_mark.line + 1) if mapping
                               else SequenceNode(SEQ_TAG, items, event.start_mark.line + 1))
            if event.anchor:
                anchors[event.anchor] = container
            stack.append((container, items))
            continue
        elif kind in end_events:
            node, items = stack.pop()
            if isinstance(node, MappingNode):
                node.value = list(zip(items[::2], items[1::2], strict=True))
        elif kind is alias_event:
            if event.anchor not in anchors:
                raise yaml.composer.ComposerError(None, None, f"unknown alias {event.anchor!r}",
                                                  event.start_mark)
            node = anchors[event.anchor]
        elif kind is yaml.DocumentEndEvent and root is not None:
            break
        if node is None:
            continue
        if stack:
            stack[-1][1].append(node)
        else:
            root = node
    return root


class Collector:
    """Collects problems of one file, each at a line and in a field."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[tuple[str, int, str, str]] = []
        self.dates: list[tuple[Date, int, str]] = []
        """Every date read (`Map.convert`, `Collector.date`): the day, its line, its field; the
        loaders hold them to the span of the process (`config.fields.check_dates`)."""

    def date(self, node: Node | None, field: str, day: Date) -> None:
        """Remember a date read at the node's line, to be checked against the process's span."""
        self.dates.append((day, node.line if node is not None else 0, field))

    def add(self, node: Node | None, field: str, message: str, line: int = 0) -> None:
        """Record a problem at the node's line (or `line` when there is no node)."""
        at = node.line if node is not None else line
        self.issues.append((self.file, at, field, message))


class Map:
    """A mapping node whose keys are checked against the valid ones (nearest key suggested)."""

    def __init__(self, node: Node, field: str, valid: tuple[str, ...], errors: Collector) -> None:
        self.node, self.field, self.errors = node, field, errors
        self.values: dict[str, Node] = {}
        self.keys: dict[str, Node] = {}
        if not isinstance(node, MappingNode):
            errors.add(node, field, f"expected a mapping with keys {', '.join(valid)}")
            return
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in valid:
                near = difflib.get_close_matches(key, valid, n=1)
                hint = f"did you mean {near[0]!r}?" if near else f"valid keys: {', '.join(valid)}"
                errors.add(key_node, f"{field}.{key}", f"unknown key {key!r}; {hint}")
            elif key in self.values:
                errors.add(key_node, f"{field}.{key}", f"key {key!r} is given twice")
            else:
                self.values[key], self.keys[key] = value_node, key_node

    def line(self) -> int:
        """The line the mapping starts on."""
        return self.node.line

    def get(self, key: str) -> Node | None:
        """The node of a key, if given."""
        return self.values.get(key)

    def scalar(self, key: str, required: bool = False) -> str | None:
        """A single value as text; None (and an error if required) when absent or null."""
        node = self.values.get(key)
        if node is None or node.tag == NULL_TAG:
            if required:
                self.errors.add(node or self.node, f"{self.field}.{key}", "is required")
            return None
        if not isinstance(node, ScalarNode):
            self.errors.add(node, f"{self.field}.{key}", "expected a single value")
            return None
        return str(node.value)

    def convert(self, key: str, parse: Callable[[str], T], required: bool = False) -> T | None:
        """A single value parsed by `parse`; a ValueError becomes an error at the value's line."""
        text = self.scalar(key, required)
        if text is None:
            return None
        try:
            value = parse(text)
        except ValueError as exc:
            self.errors.add(self.values[key], f"{self.field}.{key}", str(exc))
            return None
        if isinstance(value, Date):
            self.errors.date(self.values[key], f"{self.field}.{key}", value)
        elif isinstance(value, tuple):
            for part in value:
                if isinstance(part, Date):
                    self.errors.date(self.values[key], f"{self.field}.{key}", part)
        return value
