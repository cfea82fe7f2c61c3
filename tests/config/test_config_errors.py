"""Bad process files: every error with file:line and field, all collected, none written.

Each test breaks one thing in a small valid process file (`BASE`, written to tmp_path) and checks
the issues ConfigError reports; line numbers are found from the text, so they are exact. The CLI
tests run `mandates validate` and `mandates check --config` on a bad file against a temporary
SQLite database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.loader import ConfigError, ConfigIssue, load_plan
from mandates.core.facts import FactKind
from mandates.core.plan import BeforeRule
from mandates.store.db import Store

BASE = """\
process:
  id: demo
  title: {en: "Demo process", zh: "演示进程"}
  source: CBD/WG2020/REC/1/1
  timezone: America/Toronto
  last_meeting: cop-15
bodies:
  - id: wg2020
    name: {en: "Working Group", zh: "工作组"}
  - id: executive-secretary
    name: {en: "Executive Secretary", zh: "执行秘书"}
meetings:
  - id: wg2020-2
    title: {en: "WG2020-2", zh: "工作组第二次会议"}
    body: wg2020
    opens: 2020-02-24
    closes: 2020-02-28
    timezone: Asia/Shanghai
    type: 1
  - id: cop-15
    title: {en: "COP-15", zh: "缔约方大会第十五届会议"}
    body: wg2020
    opens: 2020-10-15
    closes: 2020-10-28
    type: 1
outputs:
  - id: views-structure
    title: {en: "Views on the structure", zh: "关于结构的意见"}
    responsible: executive-secretary
    mandate: CBD/WG2020/REC/1/1 para 3
    due: {on: 2019-09-15}
    for: wg2020-2-documents
  - id: wg2020-2-documents
    title: {en: "Documents for WG2020-2", zh: "工作组第二次会议的文件"}
    responsible: [wg2020, executive-secretary]
    mandate: CBD/WG2020/REC/1/1 para 4
    due: {before: wg2020-2, weeks: 6}
    for: wg2020-2
  - id: wg2020-2-report
    title: {en: "Report of WG2020-2", zh: "工作组第二次会议的报告"}
    responsible: wg2020
    mandate: CBD/WG2020/REC/1/1 para 1
    due: {at: wg2020-2}
    for: cop-15
    inputs: [wg2020-2-documents]
"""


def lines_of(text: str, needle: str) -> list[int]:
    """The 1-based lines that contain `needle`."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line that contains `needle`."""
    found = lines_of(text, needle)
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


def broken(*edits: tuple[str, str]) -> str:
    """BASE with each (old, new) edit applied once; every `old` must be in the file."""
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} is not unique in the process file"
        text = text.replace(old, new)
    return text


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(tmp_path: Path, text: str) -> list[ConfigIssue]:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_plan(path)
    issues = caught.value.issues
    assert all(issue.file == str(path) for issue in issues)
    return issues


def triples(issues: list[ConfigIssue]) -> list[tuple[int, str, str]]:
    return [(i.line, i.field, i.message) for i in issues]


def test_the_base_process_is_valid(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, BASE))
    assert sorted(plan.meetings) == ["cop-15", "wg2020-2"]
    assert plan.outputs["wg2020-2-documents"].due == BeforeRule("wg2020-2", 42)
    assert plan.all_inputs("wg2020-2-documents") == ("views-structure",)


def test_issue_text_is_file_line_field_message() -> None:
    issue = ConfigIssue("config/demo.yaml", 16, "meetings[wg2020-2].opens", "is required")
    assert str(issue) == "config/demo.yaml:16: meetings[wg2020-2].opens: is required"


# ---------------------------------------------------------------------------- malformed YAML


def test_malformed_yaml_reports_the_line(tmp_path: Path) -> None:
    text = broken(("    body: wg2020\n    opens: 2020-02-24",
                   "    body: wg2020: plenary\n    opens: 2020-02-24"))
    issues = issues_of(tmp_path, text)
    assert triples(issues) == [(line_of(text, "wg2020: plenary"), "yaml",
                                "malformed YAML: mapping values are not allowed in this context")]


def test_bad_indentation_reports_the_line(tmp_path: Path) -> None:
    text = broken(("  - id: cop-15\n", "   - id: cop-15\n"))
    [issue] = issues_of(tmp_path, text)
    assert (issue.line, issue.field) == (line_of(text, "- id: cop-15"), "yaml")
    assert issue.message.startswith("malformed YAML: ")


def test_an_empty_file(tmp_path: Path) -> None:
    assert triples(issues_of(tmp_path, "# nothing here\n")) == [(1, "file", "the file is empty")]


# ------------------------------------------------------------------------------ unknown keys


def test_unknown_key_suggests_the_nearest_valid_key(tmp_path: Path) -> None:
    text = broken(("    opens: 2020-02-24", "    opnes: 2020-02-24"))
    issues = issues_of(tmp_path, text)
    assert (line_of(text, "opnes:"), "meetings[wg2020-2].opnes",
            "unknown key 'opnes'; did you mean 'opens'?") in triples(issues)


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("  timezone: America/Toronto", "  timezon: America/Toronto", "process.timezon",
     "unknown key 'timezon'; did you mean 'timezone'?"),
    ("    name: {en: \"Working Group\"", "    nmae: {en: \"Working Group\"", "bodies[wg2020].nmae",
     "unknown key 'nmae'; did you mean 'name'?"),
    ("    inputs: [wg2020-2-documents]", "    inptus: [wg2020-2-documents]",
     "outputs[wg2020-2-report].inptus", "unknown key 'inptus'; did you mean 'inputs'?"),
    ("    due: {before: wg2020-2, weeks: 6}", "    due: {before: wg2020-2, weeks: 6, ajust: following}",
     "outputs[wg2020-2-documents].due.ajust", "unknown key 'ajust'; did you mean 'adjust'?"),
    ("    responsible: wg2020\n", "    responsable: wg2020\n", "outputs[wg2020-2-report].responsable",
     "unknown key 'responsable'; did you mean 'responsible'?"),
])
def test_unknown_keys_everywhere(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    text = broken((old, new))
    bad_key = field.rsplit(".", 1)[1]
    assert (line_of(text, f"{bad_key}:"), field, message) in triples(issues_of(tmp_path, text))


def test_a_key_given_twice(tmp_path: Path) -> None:
    text = broken(("    type: 1\n  - id: cop-15", "    type: 1\n    type: 2\n  - id: cop-15"))
    assert (line_of(text, "type: 2"), "meetings[wg2020-2].type", "key 'type' is given twice") in (
        triples(issues_of(tmp_path, text)))


# ------------------------------------------------------------------------------- unknown ids


def id_lines(text: str, item_id: str) -> list[int]:
    """The lines where an item with this exact id starts (`- id: ITEM`)."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == f"- id: {item_id}"]


def output_line(text: str, item_id: str) -> int:
    """The line where the only item with this id starts."""
    [line] = id_lines(text, item_id)
    return line


def due_line(text: str, item_id: str) -> int:
    """The line of the `due:` rule of an item: errors about a rule point at the rule itself."""
    start = output_line(text, item_id)
    lines = text.splitlines()
    return next(n for n in range(start, len(lines) + 1) if lines[n - 1].strip().startswith("due:"))


def test_unknown_body_of_a_meeting(tmp_path: Path) -> None:
    text = broken(("    body: wg2020\n    opens: 2020-02-24", "    body: wg2021\n    opens: 2020-02-24"))
    [issue] = issues_of(tmp_path, text)
    assert issue.field == "meetings[wg2020-2].body"
    assert issue.message == "unknown body 'wg2021'; did you mean wg2020?"
    assert issue.line in (output_line(text, "wg2020-2"), line_of(text, "body: wg2021"))


@pytest.mark.parametrize(("old", "new", "oid", "field", "message"), [
    ("    responsible: wg2020\n", "    responsible: [wg2020, executive-secretariat]\n",
     "wg2020-2-report", "outputs[wg2020-2-report].responsible",
     "unknown body 'executive-secretariat'; did you mean executive-secretary?"),
    ("    due: {at: wg2020-2}", "    due: {at: wg2020-3}", "wg2020-2-report",
     "outputs[wg2020-2-report].due", "unknown meeting 'wg2020-3'; did you mean wg2020-2?"),
    ("    due: {before: wg2020-2, weeks: 6}", "    due: {before: cop15, weeks: 6}", "wg2020-2-documents",
     "outputs[wg2020-2-documents].due", "unknown meeting 'cop15'; did you mean cop-15?"),
    ("    for: cop-15", "    for: cop-16", "wg2020-2-report", "outputs[wg2020-2-report].for",
     "unknown meeting or output 'cop-16'; did you mean cop-15?"),
    ("    inputs: [wg2020-2-documents]", "    inputs: [wg2020-2-document]", "wg2020-2-report",
     "outputs[wg2020-2-report].inputs",
     "unknown output 'wg2020-2-document'; did you mean wg2020-2-documents, wg2020-2-report?"),
])
def test_unknown_ids_suggest_the_nearest(tmp_path: Path, old: str, new: str, oid: str, field: str,
                                         message: str) -> None:
    text = broken((old, new))
    [issue] = issues_of(tmp_path, text)
    assert (issue.field, issue.message) == (field, message)
    value_line = line_of(text, new.strip().split("\n")[0])
    assert issue.line in (output_line(text, oid), value_line)


def test_unknown_id_without_a_near_match_says_how_many_exist(tmp_path: Path) -> None:
    text = broken(("    due: {at: wg2020-2}", "    due: {at: sbstta-23}"))
    [issue] = issues_of(tmp_path, text)
    assert issue.message == "unknown meeting 'sbstta-23'; 2 meetings are defined"


def test_unknown_last_meeting(tmp_path: Path) -> None:
    text = broken(("  last_meeting: cop-15", "  last_meeting: cop-51"))
    [issue] = issues_of(tmp_path, text)
    assert (issue.field, issue.message) == ("process.last_meeting",
                                            "unknown meeting 'cop-51'; did you mean cop-15?")
    # The process block (its first line) or the value's own line.
    assert issue.line in (line_of(text, "  id: demo"), line_of(text, "last_meeting"))


def test_an_invalid_output_is_not_also_reported_as_unknown(tmp_path: Path) -> None:
    # wg2020-2-documents is defined (with a bad rule): the report that needs it must not be told
    # that no such output exists.
    text = broken(("    due: {before: wg2020-2, weeks: 6}", "    due: {before: wg2020-2, on: 2020-01-13}"))
    issues = issues_of(tmp_path, text)
    assert triples(issues) == [(line_of(text, "before: wg2020-2, on:"), "outputs[wg2020-2-documents].due",
                                "give exactly one of on, before, at, every")]


# ------------------------------------------------------------------------------- duplicate ids


def test_duplicate_meeting_ids(tmp_path: Path) -> None:
    text = broken(("  - id: cop-15\n", "  - id: wg2020-2\n"))
    first, second = id_lines(text, "wg2020-2")
    dup = [i for i in issues_of(tmp_path, text) if i.message.startswith("duplicate")]
    assert triples(dup) == [(second, "meetings[wg2020-2].id",
                             f"duplicate id 'wg2020-2' (already used by meeting at line {first})")]


def test_an_output_cannot_reuse_a_meeting_id(tmp_path: Path) -> None:
    text = broken(("  - id: views-structure\n", "  - id: wg2020-2\n"))
    meeting, output = id_lines(text, "wg2020-2")
    assert triples(issues_of(tmp_path, text)) == [(
        output, "outputs[wg2020-2].id",
        f"duplicate id 'wg2020-2' (already used by meeting at line {meeting})")]


def test_duplicate_output_ids(tmp_path: Path) -> None:
    text = broken(("  - id: wg2020-2-report\n", "  - id: wg2020-2-documents\n"),
                  ("    inputs: [wg2020-2-documents]", "    inputs: [views-structure]"))
    issues = issues_of(tmp_path, text)
    first, second = id_lines(text, "wg2020-2-documents")
    assert triples(issues) == [(
        second, "outputs[wg2020-2-documents].id",
        f"duplicate id 'wg2020-2-documents' (already used by output at line {first})")]


def test_duplicate_body_ids(tmp_path: Path) -> None:
    text = broken(("  - id: executive-secretary\n", "  - id: wg2020\n"),
                  ("    responsible: [wg2020, executive-secretary]", "    responsible: [wg2020]"),
                  ("    responsible: executive-secretary\n", "    responsible: wg2020\n"))
    issues = issues_of(tmp_path, text)
    second = id_lines(text, "wg2020")[1]
    assert triples(issues) == [(second, "bodies[wg2020].id", "duplicate body id 'wg2020'")]


# ---------------------------------------------------------------------------------- cycles


def test_a_dependency_cycle_is_reported_as_a_path(tmp_path: Path) -> None:
    text = broken(("    inputs: [wg2020-2-documents]", "    inputs: [wg2020-2-documents]"),
                  ("    for: wg2020-2\n", "    for: wg2020-2\n    inputs: [wg2020-2-report]\n"))
    issues = issues_of(tmp_path, text)
    assert triples(issues) == [(
        output_line(text, "wg2020-2-documents"), "outputs[wg2020-2-documents].inputs",
        "dependency cycle: wg2020-2-documents -> wg2020-2-report -> wg2020-2-documents")]


def test_a_longer_cycle_through_a_for_edge(tmp_path: Path) -> None:
    text = broken(("  - id: views-structure\n",
                   "  - id: views-structure\n    inputs: [wg2020-2-report]\n"))
    [issue] = issues_of(tmp_path, text)
    assert (issue.line, issue.field) == (output_line(text, "views-structure"),
                                         "outputs[views-structure].inputs")
    assert issue.message == ("dependency cycle: views-structure -> wg2020-2-report -> "
                             "wg2020-2-documents -> views-structure")


def test_an_output_cannot_be_its_own_input(tmp_path: Path) -> None:
    text = broken(("    inputs: [wg2020-2-documents]", "    inputs: [wg2020-2-documents, wg2020-2-report]"))
    [issue] = issues_of(tmp_path, text)
    assert (issue.field, issue.message) == ("outputs[wg2020-2-report].inputs",
                                            "an output cannot be its own input")


def test_a_cycle_is_reported_with_the_other_errors(tmp_path: Path) -> None:
    text = broken(("    for: wg2020-2\n", "    for: wg2020-2\n    inputs: [wg2020-2-report]\n"),
                  ("  source: CBD/WG2020/REC/1/1", "  sorce: CBD/WG2020/REC/1/1"))
    assert triples(issues_of(tmp_path, text)) == [
        (line_of(text, "sorce:"), "process.sorce", "unknown key 'sorce'; did you mean 'source'?"),
        (output_line(text, "wg2020-2-documents"), "outputs[wg2020-2-documents].inputs",
         "dependency cycle: wg2020-2-documents -> wg2020-2-report -> wg2020-2-documents"),
    ]


# --------------------------------------------------------------------------- dates and zones


def test_closes_before_opens(tmp_path: Path) -> None:
    text = broken(("    closes: 2020-02-28", "    closes: 2020-02-20"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, "closes: 2020-02-20"), "meetings[wg2020-2].closes",
        "closes 2020-02-20 before it opens 2020-02-24")]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("    opens: 2020-02-24", "    opens: 2020-02-30", "meetings[wg2020-2].opens"),
    ("    due: {on: 2019-09-15}", "    due: {on: 2020-02-30}", "outputs[views-structure].due.on"),
])
def test_30_february_is_refused(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = broken((old, new))
    issues = issues_of(tmp_path, text)
    [issue] = [i for i in issues if i.field == field]
    assert issue.line == line_of(text, "2020-02-30")
    assert issue.message.startswith("'2020-02-30' is not a real date")


def test_a_malformed_date(tmp_path: Path) -> None:
    text = broken(("    opens: 2020-02-24", "    opens: 24/02/2020"))
    issues = issues_of(tmp_path, text)
    assert (line_of(text, "24/02/2020"), "meetings[wg2020-2].opens",
            "'24/02/2020' is not a date in the form YYYY-MM-DD") in triples(issues)


@pytest.mark.parametrize(("old", "new", "field", "suggestion"), [
    ("    timezone: Asia/Shanghai", "    timezone: Asia/Shangai", "meetings[wg2020-2].timezone",
     "Asia/Shanghai"),
    ("  timezone: America/Toronto", "  timezone: America/Torono", "process.timezone", "America/Toronto"),
])
def test_unknown_time_zone_suggests_one(tmp_path: Path, old: str, new: str, field: str,
                                        suggestion: str) -> None:
    text = broken((old, new))
    [issue] = issues_of(tmp_path, text)
    wrong = new.split(": ")[1]
    assert (issue.line, issue.field) == (line_of(text, wrong), field)
    assert issue.message.startswith(f"unknown time zone {wrong!r}; did you mean ")
    assert suggestion in issue.message


def test_a_rule_on_a_meeting_without_dates(tmp_path: Path) -> None:
    text = broken(("    opens: 2020-02-24\n    closes: 2020-02-28\n", ""))
    issues = issues_of(tmp_path, text)
    assert triples(issues) == [
        (output_line(text, "wg2020-2"), "meetings[wg2020-2]",
         "has no dates: give opens and closes, a window, or tbd: true (to be determined)"),
        (due_line(text, "wg2020-2-documents"), "outputs[wg2020-2-documents].due",
         "points at meeting 'wg2020-2', which has no dates"),
        (due_line(text, "wg2020-2-report"), "outputs[wg2020-2-report].due",
         "points at meeting 'wg2020-2', which has no dates"),
    ]


def test_tbd_meeting_is_valid_and_tbd_with_dates_is_not(tmp_path: Path) -> None:
    tbd = broken(("    opens: 2020-02-24\n    closes: 2020-02-28\n", "    tbd: true\n"))
    plan = load_plan(write(tmp_path, tbd))
    assert plan.meetings["wg2020-2"].opens_on is None
    both = broken(("    opens: 2020-02-24\n", "    opens: 2020-02-24\n    tbd: true\n"))
    assert triples(issues_of(tmp_path, both)) == [(
        output_line(both, "wg2020-2"), "meetings[wg2020-2]",
        "give only one of opens/closes, window, or tbd: true")]


def test_opens_without_closes(tmp_path: Path) -> None:
    text = broken(("    closes: 2020-02-28\n", ""))
    assert triples(issues_of(tmp_path, text)) == [(
        output_line(text, "wg2020-2"), "meetings[wg2020-2].closes", "opens and closes go together")]


# ------------------------------------------------------------------------------ type and rules


@pytest.mark.parametrize(("value", "message"), [
    ("6", "6 is out of range; valid: 1 to 5"),
    ("0", "0 is out of range; valid: 1 to 5"),
    ("one", "'one' is not a whole number"),
])
def test_meeting_type_out_of_range(tmp_path: Path, value: str, message: str) -> None:
    text = broken(("    type: 1\n  - id: cop-15", f"    type: {value}\n  - id: cop-15"))
    issues = issues_of(tmp_path, text)
    assert (line_of(text, f"type: {value}"), "meetings[wg2020-2].type", message) in triples(issues)


def test_before_without_weeks_or_days(tmp_path: Path) -> None:
    text = broken(("    due: {before: wg2020-2, weeks: 6}", "    due: {before: wg2020-2}"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, "due: {before: wg2020-2}"), "outputs[wg2020-2-documents].due",
        "before needs weeks or days (0 for the opening day)")]


@pytest.mark.parametrize(("new", "field", "message"), [
    ("{on: 2020-01-13, before: wg2020-2, weeks: 6}", "outputs[wg2020-2-documents].due",
     "give exactly one of on, before, at, every"),
    ("{before: wg2020-2, weeks: 6, lag_days: 3}", "outputs[wg2020-2-documents].due.lag_days",
     "does not go with 'before'; valid: adjust, before, days, weeks"),
    ("{before: wg2020-2, weeks: 6, from: 2019-09-01}", "outputs[wg2020-2-documents].due.from",
     "does not go with 'before'; valid: adjust, before, days, weeks"),
    ("{weeks: 6}", "outputs[wg2020-2-documents].due", "give exactly one of on, before, at, every"),
])
def test_mixing_rule_keys(tmp_path: Path, new: str, field: str, message: str) -> None:
    text = broken(("    due: {before: wg2020-2, weeks: 6}", f"    due: {new}"))
    assert (line_of(text, f"due: {new}"), field, message) in triples(issues_of(tmp_path, text))


def test_at_rule_with_weeks(tmp_path: Path) -> None:
    text = broken(("    due: {at: wg2020-2}", "    due: {at: wg2020-2, weeks: 2}"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, "due: {at: wg2020-2, weeks: 2}"), "outputs[wg2020-2-report].due.weeks",
        "does not go with 'at'; valid: adjust, at, lag_days")]


def test_every_needs_months_or_weeks_not_both(tmp_path: Path) -> None:
    rule = "{every: {months: 1, weeks: 2}, from: 2019-09-01, until: cop-15}"
    text = broken(("    due: {on: 2019-09-15}", f"    due: {rule}"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, rule), "outputs[views-structure].due.every", "give months or weeks (one of them)")]


def test_bad_adjust_lists_the_choices(tmp_path: Path) -> None:
    text = broken(("    due: {on: 2019-09-15}", "    due: {on: 2019-09-15, adjust: nearest}"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, "adjust: nearest"), "outputs[views-structure].due.adjust",
        "'nearest' is not valid; valid choices: none, preceding, following")]


# ------------------------------------------------------------------------- all errors together


BROKEN_EVERYWHERE = [
    ("  timezone: America/Toronto", "  timezone: America/Torono"),
    ("    body: wg2020\n    opens: 2020-02-24", "    body: wg2021\n    opens: 2020-02-24"),
    ("    closes: 2020-02-28", "    closes: 2020-02-20"),
    ("    type: 1\n  - id: cop-15", "    type: 7\n  - id: cop-15"),
    ("    opens: 2020-10-15", "    opnes: 2020-10-15"),
    ("    due: {on: 2019-09-15}", "    due: {on: 2019-09-31}"),
    ("    due: {before: wg2020-2, weeks: 6}", "    due: {before: wg2020-2}"),
    ("    inputs: [wg2020-2-documents]", "    inputs: [wg2020-2-document]"),
]


def test_all_errors_in_a_file_are_reported_together_sorted_by_line(tmp_path: Path) -> None:
    text = broken(*BROKEN_EVERYWHERE)
    issues = issues_of(tmp_path, text)
    lines = [i.line for i in issues]
    assert lines == sorted(lines)
    assert all(i.line > 0 for i in issues)
    with pytest.raises(ConfigError) as caught:
        load_plan(write(tmp_path, text))
    assert str(caught.value) == "\n".join(str(i) for i in issues)
    fields = {i.field for i in issues}
    assert {
        "process.timezone",
        "meetings[wg2020-2].body",
        "meetings[wg2020-2].closes",
        "meetings[wg2020-2].type",
        "meetings[cop-15].opnes",
        "outputs[views-structure].due.on",
        "outputs[wg2020-2-documents].due",
        "outputs[wg2020-2-report].inputs",
    } <= fields


def test_issues_are_sorted_by_line(tmp_path: Path) -> None:
    # The unknown body (line 15) is found after the bad date (line 31) but is listed first.
    text = broken(("    body: wg2020\n    opens: 2020-02-24", "    body: wg2021\n    opens: 2020-02-24"),
                  ("    due: {on: 2019-09-15}", "    due: {on: 2019-09-31}"))
    issues = issues_of(tmp_path, text)
    assert [i.field for i in issues] == ["meetings[wg2020-2].body", "outputs[views-structure].due.on"]
    assert [i.line for i in issues] == sorted(i.line for i in issues)


def test_an_invalid_meeting_is_not_also_reported_as_unknown(tmp_path: Path) -> None:
    # wg2020-2 is defined (with a bad type): what hangs on it must not be told it does not exist.
    text = broken(("    type: 1\n  - id: cop-15", "    type: 9\n  - id: cop-15"))
    assert triples(issues_of(tmp_path, text)) == [(
        line_of(text, "type: 9"), "meetings[wg2020-2].type", "9 is out of range; valid: 1 to 5")]


# ------------------------------------------------------------------------------------- the CLI


@pytest.fixture()
def cli_env(tmp_path: Path) -> dict[str, str]:
    return {"MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'state.db'}", "MANDATES_NO_CACHE": "1"}


def expected_issue_lines(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_plan(path)
    return [str(i) for i in caught.value.issues]


@pytest.mark.parametrize("command", [["validate", "{path}"], ["check", "--config", "{path}"]])
def test_cli_exits_2_on_a_bad_process_file(tmp_path: Path, cli_env: dict[str, str],
                                           command: list[str]) -> None:
    path = write(tmp_path, broken(*BROKEN_EVERYWHERE))
    args = [a.format(path=path) for a in command]
    result = CliRunner().invoke(app, [*args, "--as-of", "2020-01-06"] if command[0] == "check" else args,
                                env=cli_env)
    assert result.exit_code == 2, result.output
    count = len(expected_issue_lines(path))
    problems = f"{count} problem" + ("" if count == 1 else "s")
    assert f"{problems} in the process configuration; nothing was done" in result.stderr
    assert not (tmp_path / "state.db").exists()


@pytest.mark.parametrize("command", [["validate", "{path}"], ["check", "--config", "{path}"]])
def test_cli_prints_every_issue_as_file_line_field_message(tmp_path: Path, cli_env: dict[str, str],
                                                           command: list[str]) -> None:
    path = write(tmp_path, broken(*BROKEN_EVERYWHERE))
    result = CliRunner().invoke(app, [a.format(path=path) for a in command], env=cli_env)
    assert result.exit_code == 2
    printed = result.stderr.splitlines()
    expected = expected_issue_lines(path)
    assert len(expected) >= 8
    for line in expected:
        assert line in printed, f"not printed on one line: {line}"


def test_cli_validate_accepts_a_good_file(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = write(tmp_path, BASE)
    result = CliRunner().invoke(app, ["validate", str(path)], env=cli_env)
    assert result.exit_code == 0, result.output
    assert "process demo: 2 meetings, 3 outputs, 2 bodies" in result.stdout


def test_nothing_is_written_when_the_config_is_invalid(tmp_path: Path, cli_env: dict[str, str]) -> None:
    good, bad = write(tmp_path, BASE, "good.yaml"), write(tmp_path, broken(*BROKEN_EVERYWHERE), "bad.yaml")
    runner = CliRunner()
    recorded = runner.invoke(app, ["deliver", "views-structure", "--on", "2019-09-15",
                                   "--config", str(good)], env=cli_env)
    assert recorded.exit_code == 0, recorded.output
    store = Store(cli_env["MANDATES_DATABASE_URL"])
    try:
        assert [(f.kind, f.subject) for f in store.facts("demo")] == [
            (FactKind.DELIVERED, "views-structure")]
        for args in (["deliver", "wg2020-2-documents", "--on", "2020-01-13"],
                     ["postpone", "wg2020-2", "--announced", "2020-01-02"],
                     ["check", "--as-of", "2020-01-06"]):
            result = runner.invoke(app, [*args, "--config", str(bad)], env=cli_env)
            assert result.exit_code == 2, (args, result.output)
            assert "nothing was done" in result.stderr
        assert [(f.kind, f.subject) for f in store.facts("demo")] == [
            (FactKind.DELIVERED, "views-structure")]
    finally:
        store.dispose()
