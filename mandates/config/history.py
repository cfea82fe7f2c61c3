"""The facts shipped with a process, and facts written out as a facts file (`mandates export`).

`shipped_facts(plan)` reads `<process>.history.yaml` beside the founding file (none: no facts);
the store merges them with the database's by key (`Store.facts_of`). `dump_yaml` and
`dump_csv` write facts in the format `config.factfile` reads, so that an export imported into
an empty database gives the same facts (docs/config-format.md, "Facts files"); `portable`
gives the keys a file carries (a row number is no key outside its database).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from mandates.config.factcsv import CSV_COLUMNS
from mandates.config.factfile import NO_ZONE, FactsFile, read_facts
from mandates.config.fields import quarter_of
from mandates.config.venues import load_venues
from mandates.core.facts import Fact, is_local_key, portable_key
from mandates.core.plan import Plan, Precision
from mandates.errors import ConfigError, ConfigIssue

HISTORY_SUFFIX = ".history.yaml"
_CACHE: dict[tuple[str, str], tuple[Plan, FactsFile]] = {}


def history_file(plan: Plan) -> Path | None:
    """`post2020.history.yaml` beside the founding file `post2020.yaml`, when the plan has one."""
    if not plan.files:
        return None
    founding = Path(plan.files[0])
    path = founding.with_name(founding.stem + HISTORY_SUFFIX)
    return path if path.is_file() else None


def shipped(plan: Plan) -> FactsFile | None:
    """The history file shipped with a process, read (None: the process ships none).

    Read once per file content and plan. Raises ConfigError (file:line, field) for a bad file.
    """
    path = history_file(plan)
    if path is None:
        return None
    data = path.read_bytes()
    cache_key = (str(path), hashlib.sha256(data).hexdigest())
    cached = _CACHE.get(cache_key)
    if cached is not None and cached[0] is plan:
        return cached[1]
    venues = partial(load_venues, path.parent)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([ConfigIssue(str(path), 0, "file", f"not UTF-8 text ({exc})")]) from None
    found = read_facts(text, str(path), plan, venues=venues)
    _CACHE.clear()
    _CACHE[cache_key] = (plan, found)
    return found


def shipped_facts(plan: Plan) -> tuple[Fact, ...]:
    """The facts shipped with a process, in file order, each with its key (none: no file).
    Raises ConfigError for a bad file."""
    found = shipped(plan)
    return found.facts if found is not None else ()


def merge(shipped: Iterable[Fact], recorded: Iterable[Fact]) -> list[Fact]:
    """Shipped facts, then the recorded ones whose key is not shipped (the same key is the same
    fact: the shipped form counts)."""
    first = list(shipped)
    keys = {f.fact_key for f in first}
    return [*first, *(f for f in recorded if f.fact_key not in keys)]


def portable(facts: Iterable[Fact]) -> list[Fact]:
    """Facts as a file carries them: a fact keyed by its database row number (`"3"`, recorded
    by command) takes its `portable_key`, and a `voids` naming such a fact of `facts` names it
    by that key too; every other key is kept. Order kept.

    Used both ways: `export` writes these keys, and `import` reads the row numbers of a file
    written before (by 0.3.0, keys `'1'`, `'2'`) the same way, so that a fact keeps one key in
    every database and a row number of another database never meets this one's.
    """
    chosen = list(facts)
    keys = {f.fact_key: portable_key(f) for f in chosen if is_local_key(f.fact_key)}
    if not keys:
        return chosen
    return [replace(f, key=keys.get(f.fact_key, f.fact_key),
                    voids=keys.get(f.voids, f.voids) if f.voids else f.voids) for f in chosen]


def _record(fact: Fact) -> dict[str, Any]:
    """A fact as the mapping of a facts file (keys in the order of the format)."""
    item: dict[str, Any] = {"key": fact.fact_key, "kind": fact.kind.value}
    if fact.subject:
        item["subject"] = fact.subject
    item["effective_on"] = fact.effective_on.isoformat()
    if fact.approximate:
        item["approximate"] = True
    if fact.source:
        item["source"] = fact.source
    if fact.opens_on is not None and fact.closes_on is not None:
        if fact.precision is Precision.QUARTER:
            item["window"] = {"quarter": quarter_of(fact.opens_on)}
        elif fact.precision is Precision.MONTH:
            item["window"] = {"from": fact.opens_on.format("YYYY-MM"),
                              "to": fact.closes_on.format("YYYY-MM")}
        else:
            item["opens"], item["closes"] = fact.opens_on.isoformat(), fact.closes_on.isoformat()
    if fact.tentative:
        item["tentative"] = True
    if fact.venue:
        item["venue"] = {"en": fact.venue, "zh": fact.venue_zh} if fact.venue_zh else fact.venue
        item["timezone"] = fact.timezone or NO_ZONE
    elif fact.timezone:
        item["timezone"] = fact.timezone
    for name in ("mode", "part", "ref"):
        value = getattr(fact, name)
        if value is not None:
            item[name] = value.value if name == "mode" else value
    if fact.text:
        item["text"] = {"en": fact.text, "zh": fact.text_zh} if fact.text_zh else fact.text
    if fact.written_in != "en":
        item["written_in"] = fact.written_in
    if fact.voids:
        item["voids"] = fact.voids
    item["recorded_at"] = fact.recorded_at.in_timezone("UTC").isoformat()
    if fact.payload:
        item["payload"] = fact.payload
    return item


class _Dumper(yaml.SafeDumper):
    """Block style for text over several lines (an amendment's payload stays readable)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and value == value.rstrip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(facts: Iterable[Fact], comment: str = "") -> str:
    """Facts as a YAML facts file (`facts:` list), UTF-8 text, Chinese as written."""
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    body = yaml.dump({"facts": [_record(f) for f in facts]}, Dumper=_Dumper, allow_unicode=True,
                     sort_keys=False, width=100, default_flow_style=False)
    return header + body


def dump_csv(facts: Iterable[Fact]) -> str:
    """Facts as CSV: a header row, then one row per fact (the YAML keys flattened)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fact in facts:
        item = _record(fact)
        row = {k: v for k, v in item.items() if not isinstance(v, dict)}
        for group, columns in (("venue", ("venue_en", "venue_zh")), ("text", ("text_en", "text_zh"))):
            value = item.pop(group, None)
            row.pop(group, None)
            if isinstance(value, dict):
                row[columns[0]], row[columns[1]] = value["en"], value["zh"]
            elif value is not None:
                row[columns[1] if fact.written_in == "zh" else columns[0]] = value
        window = item.get("window")
        if isinstance(window, dict):
            row["window_from"], row["window_to"] = window.get("from", ""), window.get("to", "")
            row["quarter"] = window.get("quarter", "")
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
