"""A lint for published iCalendar feeds: what the parsers accept but clients trip on.

Checked on the raw bytes, independently of any iCalendar library: valid UTF-8, CRLF line ends,
lines of at most 75 octets that never split a character, balanced components, calendar
properties written once, at least one component (RFC 5545 3.6), duplicate UIDs, properties
that may occur once written twice, an all-day
DTEND not after DTSTART, X-PUBLISHED-TTL and REFRESH-INTERVAL (with VALUE=DURATION) durations,
UTC DTSTAMP, valid STATUS, escaped TEXT. `python -m mandates.feeds.lint FILE...` exits 1 on problems.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field

DURATION = re.compile(r"^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$")
DATE = re.compile(r"^\d{8}$")
UTC_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z$")
NAME = re.compile(r"^[A-Za-z0-9-]+$")
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
TEXT_PROPERTIES = frozenset({"SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME",
                             "X-WR-CALDESC", "COMMENT"})
ONCE = frozenset({"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "DUE", "SUMMARY",
                  "DESCRIPTION", "LOCATION", "STATUS", "TRANSP", "SEQUENCE", "LAST-MODIFIED",
                  "CREATED", "CLASS", "URL", "RECURRENCE-ID", "COMPLETED", "PERCENT-COMPLETE",
                  "PRIORITY", "ORGANIZER", "GEO", "ACTION", "TRIGGER", "REPEAT"})
CALENDAR_COMPONENTS = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"}  # RFC 5545 3.6
STATUSES = {"VEVENT": {"TENTATIVE", "CONFIRMED", "CANCELLED"},
            "VTODO": {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"}}
LIMIT = 75


@dataclass
class _Component:
    name: str
    line: int
    properties: list[tuple[str, dict[str, str], str, int]] = field(default_factory=list)

    def values(self, prop: str) -> list[tuple[dict[str, str], str, int]]:
        return [(params, value, line) for name, params, value, line in self.properties if name == prop]


def _split(line: str) -> tuple[str, dict[str, str], str] | None:
    """`NAME;PARAM=VALUE:value` -> (NAME, params, value), quotes respected; None if malformed."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1:]
            break
    else:
        return None
    name, *raw = head.split(";")
    params = {}
    for param in raw:
        key, sep, val = param.partition("=")
        if not sep:
            return None
        params[key.upper()] = val
    return name.upper(), params, value


def _physical_lines(data: bytes, problems: list[str]) -> list[tuple[int, str]]:
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    result = []
    for number, raw in enumerate(lines, start=1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: a bare CR or LF (lines must end with CRLF)")
        if len(raw) > LIMIT:
            problems.append(f"line {number}: {len(raw)} octets, more than {LIMIT}")
        try:
            result.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            problems.append(f"line {number}: not valid UTF-8 on its own (a character split by folding?)")
            result.append((number, raw.decode("utf-8", "replace")))
    return result


def _unfold(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    logical: list[tuple[int, str]] = []
    for number, text in lines:
        if text[:1] in (" ", "\t") and logical:
            start, previous = logical[-1]
            logical[-1] = (start, previous + text[1:])
        else:
            logical.append((number, text))
    return logical


def _components(lines: list[tuple[int, str]], problems: list[str]) -> list[_Component]:
    stack: list[_Component] = []
    done: list[_Component] = []
    for number, text in lines:
        parts = _split(text)
        if parts is None or not NAME.match(parts[0]):
            problems.append(f"line {number}: not a content line: {text[:40]!r}")
            continue
        name, params, value = parts
        if name == "BEGIN":
            stack.append(_Component(value.upper(), number))
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                problems.append(f"line {number}: END:{value} does not close "
                                f"{stack[-1].name if stack else 'anything'}")
                continue
            done.append(stack.pop())
        elif not stack:
            problems.append(f"line {number}: {name} outside any component")
        else:
            stack[-1].properties.append((name, params, value, number))
    for open_component in stack:
        problems.append(f"line {open_component.line}: BEGIN:{open_component.name} is never closed")
    return done


def _check_calendar(cal: _Component, problems: list[str]) -> None:
    _check_values(cal, problems)
    counts = Counter(name for name, *_ in cal.properties)
    for name, count in sorted(counts.items()):
        if count > 1:
            problems.append(f"calendar property {name} written {count} times")
    for required in ("VERSION", "PRODID"):
        if not counts[required]:
            problems.append(f"calendar has no {required}")
    for _, value, line in cal.values("X-PUBLISHED-TTL"):
        if not DURATION.match(value):
            problems.append(f"line {line}: X-PUBLISHED-TTL {value!r} is not a duration")
    for params, value, line in cal.values("REFRESH-INTERVAL"):
        if params.get("VALUE", "").upper() != "DURATION":
            problems.append(f"line {line}: REFRESH-INTERVAL without VALUE=DURATION")
        if not DURATION.match(value):
            problems.append(f"line {line}: REFRESH-INTERVAL {value!r} is not a duration")


def _text_problem(value: str) -> str | None:
    """A TEXT value's escaping (RFC 5545 3.3.11): `\\ \\; \\, \\n` only; `;` and `,` escaped."""
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            if value[index + 1:index + 2] not in ("\\", ";", ",", "n", "N"):
                return "a backslash that escapes nothing"
            index += 2
            continue
        if char in ";,":
            return "an unescaped comma or semicolon"
        index += 1
    return None


def _check_item(item: _Component, problems: list[str]) -> None:
    counts = Counter(name for name, *_ in item.properties)
    where = f"{item.name} at line {item.line}"
    for name in sorted(ONCE & set(counts)):
        if counts[name] > 1:
            problems.append(f"{where}: {name} written {counts[name]} times")
    if item.name in STATUSES:
        if counts["UID"] != 1:
            problems.append(f"{where}: needs exactly one UID")
        if counts["DTSTAMP"] != 1:
            problems.append(f"{where}: needs exactly one DTSTAMP")
        for _, value, line in item.values("STATUS"):
            if value not in STATUSES[item.name]:
                problems.append(f"line {line}: STATUS {value!r} is not valid in {item.name}")
    for _, value, line in item.values("DTSTAMP") + item.values("LAST-MODIFIED"):
        if not UTC_DATE_TIME.match(value):
            problems.append(f"line {line}: {value!r} is not a UTC date-time")
    for _, value, line in item.values("SEQUENCE"):
        if not value.isdigit():
            problems.append(f"line {line}: SEQUENCE {value!r} is not a non-negative integer")
    if counts["DTEND"] and counts["DURATION"]:
        problems.append(f"{where}: both DTEND and DURATION")
    starts, ends = item.values("DTSTART"), item.values("DTEND")
    if starts and ends:
        (start_params, start, _), (end_params, end, line) = starts[0], ends[0]
        start_date = start_params.get("VALUE", "").upper() == "DATE"
        end_date = end_params.get("VALUE", "").upper() == "DATE"
        if start_date != end_date:
            problems.append(f"line {line}: DTSTART and DTEND are not both dates")
        elif start_date and DATE.match(start) and DATE.match(end) and end <= start:
            problems.append(f"line {line}: all-day DTEND {end} is not after DTSTART {start} "
                            "(DTEND is exclusive)")
    _check_values(item, problems)


def _check_values(component: _Component, problems: list[str]) -> None:
    for name, _, value, line in component.properties:
        if CONTROL.search(value):
            problems.append(f"line {line}: {name} holds a control character")
        if name in TEXT_PROPERTIES:
            problem = _text_problem(value)
            if problem:
                problems.append(f"line {line}: {name} has {problem}")


def lint(data: bytes) -> list[str]:
    """Problems of one iCalendar file that parsers let through."""
    problems: list[str] = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:  # valid once unfolded: folding split a character, reported line by line below
            data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8")
        except UnicodeDecodeError:
            return [f"not valid UTF-8: {exc}"]
    components = _components(_unfold(_physical_lines(data, problems)), problems)
    calendars = [c for c in components if c.name == "VCALENDAR"]
    if len(calendars) != 1:
        problems.append(f"{len(calendars)} VCALENDAR components, expected one")
    for cal in calendars:
        _check_calendar(cal, problems)
    if calendars and not any(c.name in CALENDAR_COMPONENTS for c in components):
        problems.append("a VCALENDAR with no component (RFC 5545 3.6 requires at least one; "
                        "Outlook shows such a subscription as having no events)")
    uids: Counter[tuple[str, str]] = Counter()
    for component in components:
        if component.name == "VCALENDAR":
            continue
        _check_item(component, problems)
        if component.name in STATUSES:
            for _, uid, _line in component.values("UID"):
                recurrence = component.values("RECURRENCE-ID")
                uids[(uid, recurrence[0][1] if recurrence else "")] += 1
    for (uid, _), count in sorted(uids.items()):
        if count > 1:
            problems.append(f"UID {uid} used by {count} components")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Lint the files named on the command line; exit 1 when any has a problem."""
    failed = False
    for path in argv if argv is not None else sys.argv[1:]:
        with open(path, "rb") as handle:
            for problem in lint(handle.read()):
                failed = True
                print(f"{path}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
