"""Facts files: the history shipped with a process (`config/<process>.history.yaml`) and the
files of `mandates import` (YAML, or CSV with the same keys flattened) -> Facts with keys.

The format is in docs/config-format.md ("Facts files"). Every problem is reported with
file:line and field (`facts[KEY].venue`), all collected (ConfigError). What is checked here is
the file's own content: keys unique and well formed, kinds, dates, windows, a venue's zone
(derived from its known city when not given), `voids` naming a fact of the file or one
`existing`, and each subject naming a meeting or output of the plan as of the fact's date
(the founding plan, the amendments in effect by then, and what AMENDED facts of the file added
by then). Whether a fact is allowed in the meeting's state is `core.record`'s to judge.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import pendulum
import yaml
from pendulum import Date, DateTime

from mandates.config.amendments import parse_amendment
from mandates.config.factcsv import csv_field, csv_root
from mandates.config.fields import boolean, choice, int_in, timezone
from mandates.config.items import MODE_PARSER, window_of
from mandates.config.known import Known, known_before
from mandates.config.venues import Venues
from mandates.config.yamlnodes import (
    MAP_TAG,
    NULL_TAG,
    Collector,
    Map,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
)
from mandates.core.facts import ANY_KINDS, MEETING_KINDS, OUTPUT_KINDS, Fact, FactKind
from mandates.core.plan import Amendment, Lang, Mode, Plan, Precision, split_ref
from mandates.core.rules import parse_iso_date
from mandates.errors import ConfigError, ConfigIssue

FACT_KEYS = ("key", "kind", "subject", "effective_on", "approximate", "source", "opens", "closes",
             "window", "tentative", "venue", "timezone", "mode", "part", "ref", "text", "written_in",
             "voids", "recorded_at", "payload")
KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")  # matched whole (fullmatch)
NO_ZONE = "none"
"""`timezone: none`: the fact gives no zone (what 0.2.0 recorded: the meeting keeps its zone)."""
_KIND_PARSER = choice(tuple(k.value for k in FactKind))
_LANG_PARSER = choice(("en", "zh"))
_VENUE_KINDS = frozenset({FactKind.RESCHEDULED, FactKind.RELOCATED, FactKind.PART, FactKind.SPLIT})


@dataclass(frozen=True, slots=True)
class FactsFile:
    """What a facts file holds: its facts in file order and where each was read (key -> line)."""

    facts: tuple[Fact, ...]
    lines: dict[str, int]
    file: str


def read_facts(text: str, label: str, plan: Plan, *, venues: Callable[[], Venues],
               recorded_at: DateTime | None = None, existing: Iterable[Fact] = (),
               keys_required: bool = True, csv_format: bool = False) -> FactsFile:
    """Parse a facts file (YAML, or CSV with `csv_format`) against `plan` (the founding plan,
    amendments in `plan.amendments`).

    `recorded_at` is given to facts that carry no `recorded_at` (None: the start of the day
    they took effect, in UTC, as for shipped history). `existing` are the facts already known
    (shipped and recorded): `voids` may name them and a subject may be a meeting their AMENDED
    facts added. Without `keys_required`, a fact without a key gets one made of its content
    (so importing the same file twice still adds nothing). Raises ConfigError.
    """
    issues: list[ConfigIssue] = []
    root = csv_root(text, label, issues) if csv_format else _yaml_root(text, label, issues)
    if root is None:
        raise ConfigError(issues)
    errors = Collector(label)
    items = _items(root, errors)
    reader = _Reader(plan, errors, label, venues, recorded_at, keys_required, list(existing))
    facts = [fact for index, node in enumerate(items) if (fact := reader.fact(index, node)) is not None]
    facts = reader.check_references(facts)  # also when other facts have problems: all at once
    issues.extend(ConfigIssue(*i) for i in errors.issues)
    if csv_format:
        issues = [ConfigIssue(i.file, i.line, csv_field(i.field), i.message) for i in issues]
    if issues:
        raise ConfigError(issues)
    return FactsFile(tuple(facts), dict(reader.lines), label)


def _yaml_root(text: str, label: str, issues: list[ConfigIssue]) -> Node | None:
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        issues.append(ConfigIssue(label, line, "yaml", f"malformed YAML: {exc.problem}"))
        return None
    if node is None:
        return MappingNode(MAP_TAG, [], 1)
    return node


def _items(root: Node, errors: Collector) -> list[Node]:
    top = Map(root, "file", ("facts",), errors)
    node = top.get("facts")
    if node is None or node.tag == NULL_TAG:
        return []
    if not isinstance(node, SequenceNode):
        errors.add(node, "facts", "expected a list of facts")
        return []
    return list(node.value)


class _Reader:
    """Builds facts one node at a time; remembers keys, lines and AMENDED facts' additions."""

    def __init__(self, plan: Plan, errors: Collector, label: str, venues: Callable[[], Venues],
                 recorded_at: DateTime | None, keys_required: bool, existing: list[Fact]) -> None:
        self.plan, self.errors, self.label, self.venues = plan, errors, label, venues
        self.recorded_at, self.keys_required = recorded_at, keys_required
        self.existing = existing
        self.lines: dict[str, int] = {}
        self.nodes: dict[str, Node] = {}
        self.added: list[Amendment] = []
        self.keys_seen: set[str] = set()  # every key written, of facts read or refused
        self.unread: list[tuple[Node, str, str, FactKind | None]] = []  # subjects of facts refused
        self.refused_adds: set[str] = set()  # what AMENDED facts refused for their payload add

    def fact(self, index: int, node: Node) -> Fact | None:
        label = _label(node, index)
        fields = Map(node, label, FACT_KEYS, self.errors)
        key = fields.scalar("key", required=self.keys_required)
        if key is not None and not KEY_PATTERN.fullmatch(key):
            self.errors.add(fields.get("key"), f"{label}.key", f"{key!r} is not a valid key: letters, "
                            "digits, '.', '_', ':', '-', at most 200 characters, starting with a "
                            "letter or digit")
            key = None
        if key is not None:
            self.keys_seen.add(key)
        kind_text = fields.convert("kind", _KIND_PARSER, required=True)
        kind = FactKind(kind_text) if kind_text else None
        subject = fields.scalar("subject", required=kind is not FactKind.WITHDRAWN)
        effective = fields.convert("effective_on", parse_iso_date, required=True)
        opens, closes, precision = self._dates(fields)
        venue, venue_zh, venue_lang = self._bilingual(fields, "venue")
        text, text_zh, text_lang = self._bilingual(fields, "text")
        written = fields.convert("written_in", _LANG_PARSER)
        langs = {lang for lang in (venue_lang, text_lang) if lang is not None}
        if written is not None and langs - {written}:
            self.errors.add(fields.get("written_in"), f"{label}.written_in",
                            f"{written!r} does not match the language the text is given in")
        if len(langs) > 1:
            self.errors.add(node, f"{label}.written_in", "the venue and the text are written in "
                            "different languages; give both in both languages ({en: ..., zh: ...})")
        lang: Lang = "zh" if (written or next(iter(langs), "en")) == "zh" else "en"
        zone = self._zone(fields, kind, venue, venue_zh)
        mode = fields.convert("mode", MODE_PARSER)
        part = fields.convert("part", int_in(1, 99))
        voids = fields.scalar("voids")
        payload = fields.scalar("payload")
        if kind is FactKind.WITHDRAWN and voids is None:
            self.errors.add(node, f"{label}.voids", "a withdrawal names the key of the fact it withdraws")
        if kind is FactKind.AMENDED and payload is None:
            self.errors.add(node, f"{label}.payload", "an AMENDED fact carries its amendment (payload)")
        recorded = fields.convert("recorded_at", _datetime)
        if kind is None or effective is None or (subject is None and kind is not FactKind.WITHDRAWN):
            if subject is not None:  # its subject is still checked, against every id of the plan
                self.unread.append((fields.get("subject") or node, label, subject, kind))
            return None
        if recorded is None:
            recorded = self.recorded_at or pendulum.datetime(effective.year, effective.month,
                                                             effective.day, tz="UTC")
        amendment = None
        if payload is not None:
            amendment = self._amendment(payload, fields, effective)
            if amendment is None and kind is FactKind.AMENDED:  # its refusal is reported
                self.refused_adds |= {subject or "", *_added_ids(payload)}
        fact = Fact(
            kind=kind, subject=subject or "", effective_on=effective, recorded_at=recorded,
            opens_on=opens, closes_on=closes, venue=venue, timezone=zone, ref=fields.scalar("ref"),
            text=text, venue_zh=venue_zh, written_in=lang, key=key, part=part,
            mode=Mode(mode) if mode else None, precision=precision,
            tentative=fields.convert("tentative", boolean) or False, voids=voids,
            source=fields.scalar("source"), approximate=fields.convert("approximate", boolean) or False,
            amendment=amendment, payload=payload, text_zh=text_zh)
        if key is None:
            fact = replace(fact, key=content_key(fact))
        final_key = fact.key or ""
        if final_key in self.lines:
            self.errors.add(fields.get("key") or node, f"{label}.key",
                            f"duplicate key {final_key!r} (already used at line {self.lines[final_key]})")
            return None
        self.lines[final_key], self.nodes[final_key] = node.line, node
        return fact

    def _dates(self, fields: Map) -> tuple[Date | None, Date | None, Precision]:
        """Exact days (`opens`, `closes`), or a `window` of months or a quarter."""
        opens = fields.convert("opens", parse_iso_date)
        closes = fields.convert("closes", parse_iso_date)
        has_days = "opens" in fields.values or "closes" in fields.values
        if "window" in fields.values:
            window = window_of(fields)
            if has_days:
                self.errors.add(fields.get("window"), f"{fields.field}.window",
                                "give opens and closes, or a window, not both")
            elif window is not None:
                return window.earliest, window.latest, window.precision
            return None, None, Precision.DAY
        if ("opens" in fields.values) != ("closes" in fields.values):
            missing = "closes" if "opens" in fields.values else "opens"
            self.errors.add(fields.node, f"{fields.field}.{missing}", "opens and closes go together")
        if opens and closes and closes < opens:
            self.errors.add(fields.get("closes"), f"{fields.field}.closes",
                            f"closes {closes.isoformat()} before it opens {opens.isoformat()}")
        return opens, closes, Precision.DAY

    def _bilingual(self, fields: Map, key: str) -> tuple[str | None, str | None, Lang | None]:
        """(as written, Chinese form, language of a one-language text) of `venue` or `text`."""
        node = fields.get(key)
        if node is None or node.tag == NULL_TAG:
            return None, None, None
        if isinstance(node, ScalarNode):
            return str(node.value), None, None
        both = Map(node, f"{fields.field}.{key}", ("en", "zh"), self.errors)
        en, zh = both.scalar("en"), both.scalar("zh")
        if en is not None and zh is not None:
            return en, zh, None
        if en is not None:
            return en, None, "en"
        if zh is not None:
            return zh, None, "zh"
        self.errors.add(node, f"{fields.field}.{key}", "give en, zh or both")
        return None, None, None

    def _zone(self, fields: Map, kind: FactKind | None, venue: str | None,
              venue_zh: str | None) -> str | None:
        node = fields.get("timezone")
        if node is not None and (node.tag == NULL_TAG or str(node.value) == NO_ZONE):
            return None
        if node is not None:
            return fields.convert("timezone", timezone)
        if venue is None or kind not in _VENUE_KINDS:
            return None
        try:
            return self.venues().zone_for(venue, venue_zh)
        except ValueError as exc:
            self.errors.add(fields.get("venue"), f"{fields.field}.timezone", f"is required: {exc}")
            return None

    def _amendment(self, payload: str, fields: Map, effective: Date) -> Amendment | None:
        node = fields.get("payload")
        offset = node.line if node is not None and "\n" in payload else 0
        known = known_before(self.plan, self._all_amendments(), (effective, "~"))
        try:
            amendment: Amendment = parse_amendment(
                payload, self.label, process_id=self.plan.process.id,
                default_zone=self.plan.process.timezone, venues=self.venues, known=known,
                line_offset=offset)
        except ConfigError as exc:
            for issue in exc.issues:
                self.errors.add(None, f"{fields.field}.payload.{issue.field}", issue.message,
                                issue.line or (node.line if node else 0))
            return None
        self.added.append(amendment)
        return amendment

    def _all_amendments(self) -> list[Amendment]:
        recorded = [f.amendment for f in self.existing if f.amendment is not None]
        return [*self.plan.amendments, *recorded, *self.added]

    def check_references(self, facts: list[Fact]) -> list[Fact]:
        """Subjects against the plan as of each fact's date; `voids` against known keys. A
        withdrawal without a subject takes the subject of the fact it withdraws."""
        subjects = {f.fact_key: f.subject for f in self.existing}
        subjects.update({f.fact_key: f.subject for f in facts})
        amendments = self._all_amendments()
        done: list[Fact] = []
        for fact in facts:
            if not fact.subject and fact.voids in subjects:
                fact = replace(fact, subject=subjects[fact.voids])
            done.append(fact)
            node = self.nodes.get(fact.key or "")
            label = _label(node, 0) if node is not None else f"facts[{fact.key}]"
            if fact.voids is not None and fact.voids not in subjects \
                    and fact.voids not in self.keys_seen:  # (a fact refused is reported itself)
                self.errors.add(_value_node(node, "voids"), f"{label}.voids",
                                f"names no known fact {fact.voids!r}")
            if fact.kind in (FactKind.WITHDRAWN, FactKind.AMENDED):
                continue
            if split_ref(fact.subject, self.refused_adds)[0] in self.refused_adds:
                continue  # what a refused amendment adds: that refusal says what to mend
            known = known_before(self.plan, amendments, (fact.effective_on, "~"))
            problem = _subject_problem(known, fact, amendments)
            if problem:
                self.errors.add(_value_node(node, "subject"), f"{label}.subject", problem)
        everything = known_before(self.plan, amendments, (Date(9999, 12, 31), "~"))
        for node, label, subject, kind in self.unread:
            if split_ref(subject, self.refused_adds)[0] in self.refused_adds:
                continue
            problem = _unknown_anywhere(everything, subject, kind)
            if problem:
                self.errors.add(node, f"{label}.subject", problem)
        return done


_ID_FIELD = re.compile(r"""\bid:\s*['"]?([a-z0-9][a-z0-9-]*)""")


def _added_ids(payload: str) -> set[str]:
    """The ids of the meetings and outputs an amendment's text adds (`add: meetings/outputs`);
    when its YAML cannot be read, every `id:` value of the text (the amendment's own among them)."""
    try:
        document = yaml.load(payload, Loader=yaml.BaseLoader)  # strings only: no date is read
    except yaml.YAMLError:
        return set(_ID_FIELD.findall(payload))
    added = document.get("add") if isinstance(document, dict) else None
    if not isinstance(added, dict):
        return set()
    return {str(item["id"]) for group in ("meetings", "outputs")
            for item in (added.get(group) or []) if isinstance(item, dict) and "id" in item}


def _subject_problem(known: Known, fact: Fact, amendments: list[Amendment]) -> str | None:
    kinds = _valid_subjects(known, fact.kind)
    subject = split_ref(fact.subject, known.meetings)[0]
    if kinds is None or subject in kinds[0]:
        return None
    valid, what = kinds
    later = [a for a in amendments
             if subject in {m.id for m in a.meetings} | {o.id for o in a.outputs}]
    if later:
        first = min(later, key=lambda a: a.effective_on)
        return (f"{what} {subject!r} is added by amendment {first.id} on "
                f"{first.effective_on.isoformat()}, after this fact ({fact.effective_on.isoformat()})")
    return _unknown(subject, valid, what)


def _unknown_anywhere(known: Known, subject: str, kind: FactKind | None) -> str | None:
    """The subject of a fact refused for another problem (no date, a bad kind), checked against
    every meeting and output the plan ever holds (`known`); None when it names one. A kind that
    could not be read is taken as a meeting or an output."""
    kinds = _valid_subjects(known, kind if kind is not None else FactKind.NOTE)
    subject = split_ref(subject, known.meetings)[0]
    if kinds is None or subject in kinds[0]:
        return None
    return _unknown(subject, *kinds)


def _valid_subjects(known: Known, kind: FactKind) -> tuple[set[str], str] | None:
    """The ids a fact of `kind` may name and what they are; None for a kind with no subject of
    its own (a withdrawal, an amendment)."""
    if kind in MEETING_KINDS:
        return known.meetings, "meeting"
    if kind in OUTPUT_KINDS:
        return known.outputs, "output"
    if kind in ANY_KINDS:
        return known.meetings | known.outputs, "meeting or output"
    return None


def _unknown(subject: str, valid: set[str], what: str) -> str:
    import difflib

    near = difflib.get_close_matches(subject, sorted(valid), n=3)
    return f"unknown {what} {subject!r}" + (f"; did you mean {', '.join(near)}?" if near else "")


def _value_node(node: Node | None, name: str) -> Node | None:
    """The value of `name` in a fact's mapping (for its line), else the fact itself."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == name:
                return value  # type: ignore[no-any-return]
    return node


def _label(node: Node | None, index: int) -> str:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "key" and isinstance(value, ScalarNode):
                if KEY_PATTERN.fullmatch(str(value.value)):
                    return f"facts[{value.value}]"
                break  # (a bad key is named in its own message; the label stays one short line)
    return f"facts[{index}]"


def _datetime(text: str) -> DateTime:
    """An ISO 8601 time with its offset (`2020-02-03T09:00:00+00:00`), kept in UTC."""
    try:
        parsed = pendulum.parse(text.strip(), exact=True)
    except (ValueError, pendulum.parsing.exceptions.ParserError) as exc:
        raise ValueError(f"{text!r} is not a date and time (YYYY-MM-DDTHH:MM:SS+00:00): {exc}") from None
    if not isinstance(parsed, DateTime) or parsed.tzinfo is None or "T" not in text:
        raise ValueError(f"{text!r} is not a date and time with its offset (YYYY-MM-DDTHH:MM:SS+00:00)")
    return parsed.in_timezone("UTC")


def content_key(fact: Fact) -> str:
    """A key made of a fact's content, for files that give none: `DATE-SUBJECT-KIND-HASH`."""
    parts = [fact.kind.value, fact.subject, fact.effective_on.isoformat(), str(fact.opens_on),
             str(fact.closes_on), fact.precision.value, str(fact.tentative), fact.venue or "",
             fact.venue_zh or "", fact.timezone or "", fact.mode or "", str(fact.part), fact.ref or "",
             fact.text or "", fact.text_zh or "", fact.voids or "", fact.source or "", fact.payload or ""]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]
    stem = re.sub(r"[^A-Za-z0-9.-]+", "-",
                  f"{fact.effective_on.isoformat()}-{fact.subject}-{fact.kind.value}")
    return f"{stem[:180]}-{digest}"

