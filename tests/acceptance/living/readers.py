"""What the tests read in the check's JSON, its terminal text and the feeds.

The spec (tools/issue9-spec.md) names the types and the commands but leaves some JSON keys open;
each guess is made once, here, and listed at the top of the test files:

- a meeting's `mode` ("in-person" | "online" | "hybrid"); its `parts`, a list of objects with
  `number` (or an `id` ending in `-part-N`), `opens_on`, `closes_on`, `window`, `venue`,
  `timezone`, `mode` and `status` (or a boolean `held`);
- whether a meeting is held on confirmed or unconfirmed dates: status "tentative", or a key
  `tentative: true`, or `confirmed: false`, or status "postponed" with a `window` (expected dates);
- a meeting's full state is its `phase` (schema 1.3; `status` keeps the six old values), read by
  `meeting_status`; an item's reason is read with its `provenance_text` (`reason_en`/`reason_zh`);
- where a held meeting's status comes from: `provenance` or `held_provenance`
  ("recorded" | "presumed");
- an output's `provenance` ("recorded" | "presumed" | "assumed" | null) and `latest_finish`
  (YYYY-MM-DD or null); `reason_code` is the ReasonCode's name in lower case (`set_too_late`,
  `meeting_unconfirmed`, `retired`, ...), as the existing codes are (`due_soon`, `waived`).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import icalendar

Json = dict[str, Any]


def by_id(items: list[Json]) -> dict[str, Json]:
    return {item["id"]: item for item in items}


def meetings(data: Json) -> dict[str, Json]:
    return by_id(data["meetings"])


def outputs(data: Json) -> dict[str, Json]:
    return by_id(data["outputs"])


def meeting(data: Json, meeting_id: str) -> Json:
    found = meetings(data)
    assert meeting_id in found, f"{meeting_id} is not among the meetings as of {data['as_of']}"
    return found[meeting_id]


def output(data: Json, output_id: str) -> Json:
    found = outputs(data)
    assert output_id in found, f"{output_id} is not among the outputs as of {data['as_of']}"
    return found[output_id]


def parts(item: Json) -> list[Json]:
    value = item.get("parts")
    return list(value) if isinstance(value, list) else []


def part_number(part: Json, index: int) -> int:
    if isinstance(part.get("number"), int):
        return int(part["number"])
    match = re.search(r"-part-(\d+)$", str(part.get("id", "")))
    return int(match.group(1)) if match else index + 1


def part(item: Json, number: int) -> Json:
    """Part `number` (from 1) of a meeting, by its number or id; fails when there is none."""
    for index, candidate in enumerate(parts(item)):
        if part_number(candidate, index) == number:
            return candidate
    raise AssertionError(f"{item['id']} has no part {number}: parts={item.get('parts')!r}")


def meeting_status(item: Json) -> str | None:
    """A meeting's full state: its `phase` (schema 1.3: `status`'s six values, or `rescheduled`,
    `split`, `in_parts`) when the JSON has one, else its `status` (also a part's)."""
    value = item.get("phase") or item.get("status")
    return value if isinstance(value, str) else None


def is_tentative(item: Json) -> bool:
    """Not on confirmed dates: status (or phase) `tentative`, `tentative: true`, `confirmed:
    false`, or postponed with a window (the quarter or month it is expected in: a postponed
    meeting has no confirmed dates, its window is an expectation)."""
    return (meeting_status(item) == "tentative" or item.get("status") == "tentative"
            or item.get("tentative") is True or item.get("confirmed") is False
            or (item.get("status") == "postponed" and bool(item.get("window"))))


def is_held(item: Json) -> bool:
    return item.get("status") == "held" or item.get("held") is True


def held_provenance(item: Json) -> str | None:
    value = item.get("held_provenance", item.get("provenance"))
    return value if isinstance(value, str) else None


def venue_en(item: Json) -> str:
    venue = item.get("venue")
    return str(venue.get("en", "")) if isinstance(venue, dict) else ""


def is_delivered(item: Json) -> bool:
    return item.get("status") == "delivered"


def is_presumed(item: Json) -> bool:
    return item.get("presumed") is True or item.get("provenance") == "presumed"


def _with_provenance(reason: str, item: Json, lang: str) -> str:
    """The reason followed by where the status and date come from (`provenance_text`, schema
    1.3: "presumed ...", "assumed quarterly ..."), as the check prints them together."""
    provenance = item.get("provenance_text")
    extra = str(provenance.get(lang) or "") if isinstance(provenance, dict) else ""
    return " ".join(part for part in (reason, extra) if part)


def reason_en(item: Json) -> str:
    """The English reason together with the English `provenance_text`, if any."""
    text = item.get("reason_text")
    reason = str(text.get("en") or "") if isinstance(text, dict) else str(item.get("reason") or "")
    return _with_provenance(reason, item, "en")


def reason_zh(item: Json) -> str:
    """The Chinese reason together with the Chinese `provenance_text`, if any."""
    text = item.get("reason_text")
    reason = str(text.get("zh") or "") if isinstance(text, dict) else ""
    return _with_provenance(reason, item, "zh")


def section(text: str, heading: str) -> list[str]:
    """The lines of a section of the terminal check (`Overdue (5)` and its indented lines);
    empty when the check has no such section."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if re.match(rf"{re.escape(heading)} \(\d+\)\s*$", line.strip()) and not line.startswith(" "):
            body = []
            for following in lines[start + 1:]:
                if following.strip() and not following.startswith(" "):
                    break
                body.append(following)
            return body
    return []


def section_count(text: str, heading: str) -> int:
    match = re.search(rf"^{re.escape(heading)} \((\d+)\)\s*$", text, re.M)
    return int(match.group(1)) if match else 0


def section_ids(lines: list[str]) -> list[str]:
    """The ids that start the item lines of a section (two spaces, then the id)."""
    return [m.group(1) for m in (re.match(r"^  ([a-z0-9][a-z0-9-]*)\s", line) for line in lines) if m]


def chain_defects(data: Json) -> list[str]:
    """What is wrong with the critical chain of a check: an end that is delivered or cancelled
    (the chain never starts or ends at one), a link that is not an input edge, an unknown id."""
    chain = list(data.get("critical_chain") or [])
    found = outputs(data)
    defects = [f"{item} is not an output" for item in chain if item not in found]
    if defects or not chain:
        return defects
    for end in {chain[0], chain[-1]}:
        if found[end]["status"] in ("delivered", "cancelled"):
            defects.append(f"the chain {chain} starts or ends at {end}, {found[end]['status']}")
    for before, after in itertools.pairwise(chain):
        if before not in {item["id"] for item in found[after]["inputs"]}:
            defects.append(f"{before} is not an input of {after}")
    return defects


# --- feeds ---------------------------------------------------------------------------------------


def feed_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ics"))


def events(path: Path) -> dict[str, Any]:
    """Every VEVENT/VTODO of a feed by UID (parsed with icalendar)."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(c["UID"]): c for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}


def uid_of(kind: str, item_id: str, uids: list[str] | set[str]) -> str | None:
    """The UID of `kind-ITEM@...` (meeting-cop-15@..., deadline-first-draft@...), if present."""
    prefix = f"{kind}-{item_id}@"
    return next((u for u in uids if u.startswith(prefix)), None)


def significant(component: Any) -> tuple[str, str, str, str, str]:
    """The fields whose change raises SEQUENCE (issue 9, part 6; RFC 5546)."""

    def text(name: str) -> str:
        value = component.get(name)
        if value is None:
            return ""
        if hasattr(value, "to_ical"):
            return bytes(value.to_ical()).decode("utf-8")
        return str(value)

    return (text("DTSTART"), text("DTEND") or text("DUE"), text("LOCATION"), text("SUMMARY"),
            text("STATUS"))


def sequence(component: Any) -> int:
    return int(component.get("SEQUENCE", 0))
