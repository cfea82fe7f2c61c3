"""The check's JSON: scripts read it, so every key of 0.1.0 stays; codes and both languages are added.

Issue 8: "The JSON of the check keeps its keys (scripts read it): `reason` stays, `reason_code` and
`schema_version` are added"; "JSON (the reason in both languages under a new key, beside the
existing `reason` and the code)"; "A test renders every reason code in both languages".

The name of the new key is the builders' choice; these tests find it as the one key, beside a
`reason`, that 0.1.0 did not have and whose value is a mapping with `en` and `zh`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from .helpers import CJK, REPO, Scenario, english_words

# The keys of `mandates check --format json` in version 0.1.0 (README: "The JSON of the check
# keeps its keys"), per kind of object.
KEYS_010 = {
    "top": {"process", "title", "as_of", "timezone", "meetings", "outputs", "late_inputs",
            "critical_chain", "totals"},
    "meeting": {"id", "title", "body", "opens_on", "closes_on", "window", "venue", "timezone",
                "status", "type", "table", "mandate", "element", "moved"},
    "output": {"id", "title", "responsible", "mandate", "for", "due", "due_window", "tentative",
               "baseline_due", "slip_days", "slack_days", "status", "reason", "delivered_on",
               "presumed", "days_late", "audience", "occurrence", "inputs"},
    "input": {"id", "flag", "expected_on", "days_late", "reason"},
    "late_input": {"output", "id", "flag", "expected_on", "days_late", "reason"},
    "totals": {"delivered", "overdue", "due_soon", "at_risk", "blocked", "on_track", "cancelled"},
}
STATUSES = ("delivered", "overdue", "due_soon", "at_risk", "blocked", "on_track", "cancelled")
# User text recorded in the scenarios; it may appear, as written, inside a Chinese reason.
USER_TEXT = ("Superseded by the zero draft itself", "Rome, FAO headquarters", "CBD/WG2020/2/INF/1")


@pytest.fixture(params=["plan", "moved"])
def check(request: pytest.FixtureRequest, plan_scenario: Scenario,
          moved_scenario: Scenario) -> dict[str, Any]:
    scenario = plan_scenario if request.param == "plan" else moved_scenario
    data: dict[str, Any] = json.loads(scenario.text_of(scenario.check_json()))
    return data


@pytest.fixture()
def both_checks(plan_scenario: Scenario, moved_scenario: Scenario) -> list[dict[str, Any]]:
    return [json.loads(s.text_of(s.check_json())) for s in (plan_scenario, moved_scenario)]


def objects(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind, object) for every object of a check that 0.1.0 documented."""
    yield "top", data
    yield "totals", data["totals"]
    for meeting in data["meetings"]:
        yield "meeting", meeting
    for output in data["outputs"]:
        yield "output", output
        for item in output["inputs"]:
            yield "input", item
    for late in data["late_inputs"]:
        yield "late_input", late


def with_reason(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    return ((kind, obj) for kind, obj in objects(data) if "reason" in obj)


def bilingual_keys(kind: str, obj: dict[str, Any]) -> set[str]:
    """Keys new since 0.1.0 whose value is a mapping with `en` and `zh`."""
    return {key for key, value in obj.items()
            if key not in KEYS_010[kind] and isinstance(value, dict) and {"en", "zh"} <= set(value)}


def the_bilingual_key(data: dict[str, Any]) -> str:
    """The new key whose `en` is the `reason`, wherever there is a reason."""
    reasoned = [(kind, obj) for kind, obj in with_reason(data) if obj["reason"]]
    assert reasoned, "no object of the check has a reason"
    candidates = set.union(*(bilingual_keys(kind, obj) for kind, obj in reasoned))
    matching = sorted(key for key in candidates
                      if all(isinstance(obj.get(key), dict) and obj[key].get("en") == obj["reason"]
                             for _, obj in reasoned))
    assert matching, (
        "expected a new key beside every `reason` holding {'en': <the reason>, 'zh': …}; "
        f"new bilingual keys found: {sorted(candidates)}")
    return matching[0]


def test_every_key_of_010_is_kept(check: dict[str, Any]) -> None:
    missing = {f"{kind}.{key}" for kind, obj in objects(check) for key in KEYS_010[kind] - set(obj)}
    assert not missing, sorted(missing)


def test_schema_version_is_added(check: dict[str, Any]) -> None:
    assert "schema_version" in check, sorted(check)
    version = check["schema_version"]
    assert isinstance(version, int | str) and str(version).strip(), version


def test_every_reason_has_a_reason_code(check: dict[str, Any]) -> None:
    problems = []
    for kind, obj in with_reason(check):
        where = f"{kind} {obj.get('output', '')}{obj.get('id', '')}"
        if "reason_code" not in obj:
            problems.append(f"{where}: no reason_code")
        elif obj["reason"] and not (isinstance(obj["reason_code"], str)
                                    and re.fullmatch(r"\S+", obj["reason_code"])):
            problems.append(f"{where}: reason_code {obj['reason_code']!r} for {obj['reason']!r}")
    assert not problems, "\n".join(problems[:30])


def test_reason_in_both_languages_beside_reason(check: dict[str, Any]) -> None:
    key = the_bilingual_key(check)
    problems = []
    for kind, obj in with_reason(check):
        if not obj["reason"]:
            continue
        where = f"{kind} {obj.get('output', '')} {obj.get('id', '')}"
        both = obj.get(key)
        if not isinstance(both, dict):
            problems.append(f"{where}: no {key}")
            continue
        if both.get("en") != obj["reason"]:
            problems.append(f"{where}: {key}.en {both.get('en')!r} differs from reason {obj['reason']!r}")
        zh = both.get("zh") or ""
        if not CJK.search(zh) or english_words(zh, USER_TEXT):
            problems.append(f"{where}: {key}.zh {zh!r}")
    assert not problems, "\n".join(problems[:30])


def test_new_keys_are_documented_in_the_readme(plan_scenario: Scenario) -> None:
    key = the_bilingual_key(json.loads(plan_scenario.text_of(plan_scenario.check_json())))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("reason_code", "schema_version", key):
        assert f"`{name}`" in readme, f"README does not document the check's JSON key `{name}`"


def test_every_reason_code_has_english_and_chinese_text(both_checks: list[dict[str, Any]]) -> None:
    """Across a plain and an eventful history (every status occurs), each code reads in both."""
    seen_statuses = {status for data in both_checks for status in STATUSES if data["totals"][status]}
    assert seen_statuses == set(STATUSES), f"the scenarios miss {set(STATUSES) - seen_statuses}"
    texts: dict[str, list[tuple[str, str]]] = {}
    for data in both_checks:
        key = the_bilingual_key(data)
        for _, obj in with_reason(data):
            if obj.get("reason_code"):
                both = obj.get(key) or {}
                texts.setdefault(obj["reason_code"], []).append((both.get("en", ""), both.get("zh", "")))
    assert len(texts) >= len(STATUSES), f"only {len(texts)} reason codes: {sorted(texts)}"
    empty = {code: pairs[0] for code, pairs in texts.items()
             if any(not en.strip() or not zh.strip() or not CJK.search(zh) for en, zh in pairs)}
    assert not empty, empty
