"""Meetings, outputs and due rules from their YAML nodes: shared by the founding file and the
amendment files (docs/config-format.md), so both are read and checked the same way.

Each function records every problem in the `Collector` at the line of the value at fault and
returns None for an item that cannot be built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pendulum import Date

from mandates.config.fields import (
    Refs,
    boolean,
    choice,
    description_of,
    id_list,
    identifier,
    int_in,
    item_label,
    items,
    quarter_window,
    timezone,
    title_of,
)
from mandates.config.venues import Venues
from mandates.config.yamlnodes import Collector, Map, Node
from mandates.core.plan import (
    Adjust,
    Assumption,
    AtRule,
    Audience,
    BeforeRule,
    Body,
    Delivery,
    DueRule,
    EveryRule,
    Meeting,
    Mode,
    OnRule,
    Output,
    Precision,
    Source,
    Title,
    Window,
)
from mandates.core.rules import month_window, parse_iso_date

MEETING_KEYS = ("id", "title", "short", "body", "opens", "closes", "window", "tbd", "confirmed", "venue",
                "timezone", "type", "table", "mandate", "element", "description", "mode")
OUTPUT_KEYS = ("id", "title", "short", "responsible", "mandate", "due", "for", "inputs", "audience",
               "delivery", "description", "assumed")
RULE_KEYS = ("on", "before", "weeks", "days", "at", "lag_days", "every", "from", "until", "adjust")
ASSUMED_KEYS = ("rule", "says")
ADJUST_CHOICES = tuple(a.value for a in Adjust)
AUDIENCE_CHOICES = tuple(a.value for a in Audience)
DELIVERY_CHOICES = tuple(d.value for d in Delivery)
MODE_CHOICES = tuple(m.value for m in Mode)
ASSUMPTION_RULES = ("quarterly", "monthly", "yearly", "interval", "date", "deadline", "report-lag")
"""What the model may assume where the text is silent (`words.names.ASSUMED_RULE` says each):
a period ("as necessary", "regularly" read as quarterly, monthly, yearly, or another
`interval`), a due date (`date`: the text names no meeting or day), a deadline before a meeting
(`deadline`: the usual six weeks where the text gives none), a report lag."""
_AUDIENCES = {a.value: a for a in Audience}
_DELIVERIES = {d.value: d for d in Delivery}
_MODES = {m.value: m for m in Mode}
AUDIENCE_PARSER = choice(AUDIENCE_CHOICES)
DELIVERY_PARSER = choice(DELIVERY_CHOICES)
ADJUST_PARSER = choice(ADJUST_CHOICES)
MODE_PARSER = choice(MODE_CHOICES)
_RULE_PARSER = choice(ASSUMPTION_RULES)
_PUBLIC, _WHEN_HELD, _RECORDED = Audience.PUBLIC, Delivery.WHEN_HELD, Delivery.RECORDED


@dataclass
class Items:
    """What reading a list of meetings or outputs needs.

    `seen` maps every id claimed so far to where (duplicates are errors); `default_zone` is the
    zone of a meeting with neither `timezone` nor a venue in a known city; `venues` gives the
    known cities (called only when a venue has no zone); with `strict_zone` a venue whose zone
    cannot be derived is an error (amendments), otherwise the default applies (founding files,
    as in 0.2.0). `added_by` is the amendment id of the items read, None for the founding file.
    """

    errors: Collector
    label: str
    refs: Refs
    seen: dict[str, str]
    default_zone: str
    venues: Callable[[], Venues]
    strict_zone: bool = False
    added_by: str | None = None


BODY_KEYS = ("id", "name", "short")


def read_bodies(root: Map, errors: Collector, known: dict[str, Body], key: str = "bodies",
           section: str = "bodies") -> list[Body]:
    """The bodies of a `bodies:` list (founding file, or an amendment's `add.bodies`). Each one
    found is added to `known`; an id already there is a duplicate: an error, and it stays out."""
    found: list[Body] = []
    for index, node in items(root, key):
        fields = Map(node, item_label(node, section, index), BODY_KEYS, errors)
        body_id = fields.convert("id", identifier, required=True)
        name = title_of(fields, "name")
        if body_id is None or name is None:
            continue
        if body_id in known:
            errors.add(node, f"{fields.field}.id", f"duplicate body id {body_id!r}")
            continue
        body = Body(body_id, name, fields.scalar("short") or body_id.upper())
        known[body_id] = body
        found.append(body)
    return found


def claim(seen: dict[str, str], item_id: str, kind: str, node: Node, field: str,
          errors: Collector, where: str = "") -> bool:
    """Register an id; a duplicate is an error and the item stays out of the plan."""
    if item_id in seen:
        errors.add(node, field, f"duplicate id {item_id!r} (already used by {seen[item_id]})")
        return False
    seen[item_id] = f"{kind} at {where}line {node.line}"
    return True


def meetings(root: Map, ctx: Items, key: str = "meetings", section: str = "meetings") -> Iterator[Meeting]:
    """The meetings listed under `key` of `root` (labelled `section[id]` in errors)."""
    errors = ctx.errors
    for index, node in items(root, key):
        fields = Map(node, item_label(node, section, index), MEETING_KEYS, errors)
        meeting_id = fields.convert("id", identifier, required=True)
        title = title_of(fields, "title")
        short = title_of(fields, "short", required=False)
        description = description_of(fields)
        opens = fields.convert("opens", parse_iso_date)
        closes = fields.convert("closes", parse_iso_date)
        window = window_of(fields)
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
                ctx.refs.undated.add(meeting_id)
        meeting_type = fields.convert("type", int_in(1, 5), required=True)
        table = fields.convert("table", int_in(1, 3))
        venue = venue_of(fields)
        zone = fields.convert("timezone", timezone)
        if zone is None and "timezone" not in fields.values:
            zone = _zone_of_venue(fields, venue, ctx)
        mode = fields.convert("mode", MODE_PARSER)
        body = fields.scalar("body", required=True)
        if body is not None:
            ctx.refs.body(body, fields.get("body"), f"{fields.field}.body")
        if meeting_id is None or title is None or body is None or meeting_type is None:
            continue
        if not claim(ctx.seen, meeting_id, "meeting", node, f"{fields.field}.id", errors):
            continue
        yield Meeting(
            id=meeting_id, title=title, body=body, opens_on=opens, closes_on=closes,
            window=window, confirmed=fields.convert("confirmed", boolean) is not False,
            venue=venue, timezone=zone or ctx.default_zone, type=meeting_type,
            table=table, mandate=fields.scalar("mandate"),
            element=title_of(fields, "element", required=False),
            source=Source(ctx.label, fields.line()), short=short, description=description,
            mode=_MODES[mode] if mode else Mode.IN_PERSON, added_by=ctx.added_by,
        )


def venue_of(fields: Map) -> Title | None:
    """`venue: {en: ..., zh: ...}`, or in one language only (`{en: ...}`: a venue given by
    command without its other form, shown as written and marked untranslated, `core.plan.Title`)."""
    node = fields.get("venue")
    if node is None:
        return None
    venue = Map(node, f"{fields.field}.venue", ("en", "zh"), fields.errors)
    en, zh = venue.scalar("en"), venue.scalar("zh")
    if en is not None and zh is not None:
        return Title(en, zh)
    if en is None and zh is None:
        fields.errors.add(node, f"{fields.field}.venue", "give en, zh or both")
        return None
    text = en if en is not None else zh
    assert text is not None
    return Title(text, text, written_in="en" if en is not None else "zh")


def _zone_of_venue(fields: Map, venue: Title | None, ctx: Items) -> str | None:
    """The zone of a venue's known city; an error when it has none and the zone must be known."""
    if venue is None:
        return None
    try:
        return ctx.venues().zone_for(venue.en, venue.zh)
    except ValueError as exc:
        if ctx.strict_zone:
            ctx.errors.add(fields.get("venue"), f"{fields.field}.timezone", f"is required: {exc}")
        return None


def window_of(fields: Map) -> Window | None:
    """`window: {from: YYYY-MM, to: YYYY-MM}` or `window: {quarter: YYYY-Qn}`."""
    node = fields.get("window")
    if node is None:
        return None
    field = f"{fields.field}.window"
    window = Map(node, field, ("from", "to", "quarter"), fields.errors)
    if "quarter" in window.values:
        if "from" in window.values or "to" in window.values:
            fields.errors.add(node, field, "give a quarter, or from and to, not both")
            return None
        bounds = window.convert("quarter", quarter_window, required=True)
        return Window(bounds[0], bounds[1], Precision.QUARTER) if bounds else None
    start, end = window.scalar("from", required=True), window.scalar("to", required=True)
    if start is None or end is None:
        return None
    try:
        earliest, latest = month_window(start, end)
    except ValueError as exc:
        fields.errors.add(node, field, str(exc))
        return None
    if latest < earliest:
        fields.errors.add(node, field, f"ends ({end}) before it starts ({start})")
        return None
    fields.errors.date(node, field, earliest)
    fields.errors.date(node, field, latest)
    return Window(earliest, latest)


def outputs(root: Map, ctx: Items, key: str = "outputs", section: str = "outputs") -> Iterator[Output]:
    """The outputs listed under `key` of `root` (labelled `section[id]` in errors)."""
    errors, refs = ctx.errors, ctx.refs
    for index, node in items(root, key):
        fields = Map(node, item_label(node, section, index), OUTPUT_KEYS, errors)
        output_id = fields.convert("id", identifier, required=True)
        title = title_of(fields, "title")
        short = title_of(fields, "short", required=False)
        description = description_of(fields)
        mandate = fields.scalar("mandate", required=True)
        due = rule_of(fields)
        audience = fields.convert("audience", AUDIENCE_PARSER)
        delivery = fields.convert("delivery", DELIVERY_PARSER)
        field = fields.field
        responsible_ids = id_list(fields, "responsible")
        responsible = tuple(i for i, _ in responsible_ids)
        if not responsible:
            errors.add(node, f"{field}.responsible", "is required (a body id or a list)")
        for body_id, body_node in responsible_ids:
            refs.body(body_id, body_node, f"{field}.responsible")
        if due is not None:
            refs.rule(due, fields.get("due"), f"{field}.due")
        target = fields.scalar("for")
        if target is not None:
            refs.target(target, fields.get("for"), f"{field}.for")
        inputs = id_list(fields, "inputs")
        for input_id, input_node in inputs:
            if input_id == output_id:
                errors.add(input_node, f"{field}.inputs", "an output cannot be its own input")
            else:
                refs.check(input_id, input_node, f"{field}.inputs", "output", refs.outputs)
        assumed = assumption_of(fields)
        if output_id is None or title is None or mandate is None or due is None:
            continue
        if not claim(ctx.seen, output_id, "output", node, f"{field}.id", errors):
            continue
        yield Output(
            id=output_id, title=title, responsible=responsible, mandate=mandate, due=due,
            for_=target, inputs=tuple(i for i, _ in inputs if i != output_id),
            audience=_AUDIENCES[audience] if audience else _PUBLIC,
            source=Source(ctx.label, fields.line()),
            delivery=_DELIVERIES[delivery] if delivery else (
                _WHEN_HELD if isinstance(due, AtRule) else _RECORDED),
            short=short, description=description, assumed=assumed, added_by=ctx.added_by,
        )


def assumption_of(fields: Map) -> Assumption | None:
    """`assumed: {rule: quarterly, says: {en: "regularly", zh: "定期"}}` (says is optional)."""
    node = fields.get("assumed")
    if node is None:
        return None
    assumed = Map(node, f"{fields.field}.assumed", ASSUMED_KEYS, fields.errors)
    rule = assumed.convert("rule", _RULE_PARSER, required=True)
    says = title_of(assumed, "says", required=False)
    return Assumption(rule, says) if rule is not None else None


def rule_of(fields: Map, required: bool = True) -> DueRule | None:
    """The `due:` rule of an output (docs/config-format.md, "Due rules")."""
    node = fields.get("due")
    field = f"{fields.field}.due"
    if node is None:
        if required:
            fields.errors.add(fields.node, field, "is required (on, before, at or every)")
        return None
    rule = Map(node, field, RULE_KEYS, fields.errors)
    kinds = [k for k in ("on", "before", "at", "every") if k in rule.values]
    if len(kinds) != 1:
        fields.errors.add(node, field, "give exactly one of on, before, at, every")
        return None
    adjust_text = rule.convert("adjust", ADJUST_PARSER)
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
