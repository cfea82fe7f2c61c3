"""CSV facts files: rows read as the nodes the YAML form would give (`venue_en` -> `venue.en`),
so that both forms are checked by the one reader (`config.factfile`), and errors named back by
column (docs/config-format.md, "Facts files")."""

from __future__ import annotations

import csv
import io

from mandates.config.yamlnodes import MAP_TAG, STR_TAG, MappingNode, Node, ScalarNode, SequenceNode
from mandates.errors import ConfigIssue

CSV_COLUMNS = ("key", "kind", "subject", "effective_on", "approximate", "source", "opens", "closes",
               "window_from", "window_to", "quarter", "tentative", "venue_en", "venue_zh", "timezone",
               "mode", "part", "ref", "text_en", "text_zh", "written_in", "voids", "recorded_at",
               "payload")
_CSV_FIELDS = {".venue.en": ".venue_en", ".venue.zh": ".venue_zh", ".text.en": ".text_en",
               ".text.zh": ".text_zh", ".window.from": ".window_from", ".window.to": ".window_to",
               ".window.quarter": ".quarter"}


def csv_field(field: str) -> str:
    for dotted, column in _CSV_FIELDS.items():
        if field.endswith(dotted):
            return field[: -len(dotted)] + column
    return field


def _scalar(value: str, line: int) -> ScalarNode:
    return ScalarNode(STR_TAG, value, line)


def _pair(key: str, value: Node) -> tuple[Node, Node]:
    return _scalar(key, value.line), value


def csv_root(text: str, label: str, issues: list[ConfigIssue]) -> Node | None:
    """CSV rows as the nodes the YAML form would give (columns flattened: venue_en -> venue.en)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            return MappingNode(MAP_TAG, [_pair("facts", SequenceNode("", [], 1))], 1)
        header = [h.strip().lstrip("\ufeff") for h in header]
        unknown = [h for h in header if h not in CSV_COLUMNS]
        if unknown:
            columns = "column" if len(unknown) == 1 else "columns"
            issues.append(ConfigIssue(label, 1, "header", f"unknown {columns} {', '.join(unknown)}; "
                                      f"valid: {', '.join(CSV_COLUMNS)}"))
            return None
        rows: list[Node] = []
        line = reader.line_num + 1
        for row in reader:
            rows.append(_csv_row(dict(zip(header, row, strict=False)), line, len(row) > len(header),
                                 issues, label))
            line = reader.line_num + 1
    except csv.Error as exc:
        issues.append(ConfigIssue(label, reader.line_num, "csv", f"malformed CSV: {exc}"))
        return None
    return MappingNode(MAP_TAG, [_pair("facts", SequenceNode("", rows, 2))], 1)


def _csv_row(row: dict[str, str], line: int, too_long: bool, issues: list[ConfigIssue],
             label: str) -> Node:
    if too_long:
        issues.append(ConfigIssue(label, line, "row", "more cells than columns in the header"))
    pairs: list[tuple[Node, Node]] = []
    groups: dict[str, list[tuple[Node, Node]]] = {}
    nested = {"venue_en": ("venue", "en"), "venue_zh": ("venue", "zh"), "text_en": ("text", "en"),
              "text_zh": ("text", "zh"), "window_from": ("window", "from"),
              "window_to": ("window", "to"), "quarter": ("window", "quarter")}
    for column, cell in row.items():
        if cell == "":
            continue
        if column in nested:
            group, sub = nested[column]
            groups.setdefault(group, []).append(_pair(sub, _scalar(cell, line)))
        else:
            pairs.append(_pair(column, _scalar(cell, line)))
    chinese = False
    for group, members in groups.items():
        if group in ("venue", "text") and len(members) == 1:
            pairs.append(_pair(group, members[0][1]))  # one language: the text as written
            chinese = chinese or members[0][0].value == "zh"
        else:
            pairs.append(_pair(group, MappingNode(MAP_TAG, members, line)))
    if chinese and not row.get("written_in"):
        pairs.append(_pair("written_in", _scalar("zh", line)))
    return MappingNode(MAP_TAG, pairs, line)


