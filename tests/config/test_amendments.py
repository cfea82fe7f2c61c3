"""Amendment files: read with the founding file's composer and checks, every error at file:line
and field, references checked against the plan as of each amendment, the plan cache keyed on
them, `mandates validate` reporting them."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.loader import ConfigError, ConfigIssue, load_plan
from mandates.config.plancache import load_plan_cached
from mandates.core.plan import (
    AmendmentKind,
    Assumption,
    BeforeRule,
    Mode,
    Precision,
    Title,
    Window,
)

FOUNDING = """\
process:
  id: demo
  title: {en: "Demo process", zh: "演示进程"}
  source: CBD/WG2020/REC/1/1
  timezone: America/Toronto
  last_meeting: cop-15
bodies:
  - id: wg2020
    name: {en: "Working Group", zh: "工作组"}
meetings:
  - id: wg2020-2
    title: {en: "WG2020-2", zh: "工作组第二次会议"}
    body: wg2020
    opens: 2020-02-24
    closes: 2020-02-28
    venue: {en: "Kunming, China", zh: "中国昆明"}
    type: 1
  - id: cop-15
    title: {en: "COP-15", zh: "缔约方大会第十五届会议"}
    body: wg2020
    window: {quarter: 2020-Q4}
    mode: hybrid
    type: 1
outputs:
  - id: wg2020-2-documents
    title: {en: "Documents for WG2020-2", zh: "工作组第二次会议的文件"}
    responsible: wg2020
    mandate: CBD/WG2020/REC/1/1 para 4
    due: {before: wg2020-2, weeks: 6}
    for: wg2020-2
  - id: progress-reports
    title: {en: "Progress reports", zh: "进展报告"}
    responsible: wg2020
    mandate: CBD/WG2020/REC/1/1 para 12
    due: {every: {months: 3}, from: 2019-10-01, until: cop-15}
    assumed: {rule: quarterly, says: {en: "regularly", zh: "定期"}}
"""

ADDS_WG2020_4 = """\
amendment:
  id: wg2020-3-rec-1
  process: demo
  symbol: CBD/WG2020/REC/3/1
  kind: recommendation
  title: {en: "Recommendation 3/1", zh: "第3/1号建议"}
  effective_on: 2021-09-03
  url: https://www.cbd.int/doc/recommendations/wg2020-03/wg2020-03-rec-01-en.pdf
add:
  bodies:
    - id: co-chairs
      name: {en: "Co-Chairs", zh: "共同主席"}
  meetings:
    - id: wg2020-4
      title: {en: "WG2020-4", zh: "工作组第四次会议"}
      body: wg2020
      opens: 2022-06-21
      closes: 2022-06-26
      venue: {en: "Nairobi, Kenya", zh: "肯尼亚内罗毕"}
      mode: in-person
      type: 1
  outputs:
    - id: first-draft
      title: {en: "First draft", zh: "初稿"}
      responsible: co-chairs
      mandate: CBD/WG2020/REC/3/1 para 2
      due: {before: wg2020-4, weeks: 6}
      for: cop-15-part-2
change:
  outputs:
    - {id: wg2020-2-documents, inputs_add: [first-draft], for: null}
  meetings:
    - {id: cop-15, type: 1, short: {en: "COP-15", zh: "第十五届会议"}}
  last_meeting: cop-15-part-2
retire: [progress-reports]
"""


def write_process(tmp_path: Path, *amendments: tuple[str, str]) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(FOUNDING, encoding="utf-8")
    if amendments:
        folder = tmp_path / "demo.amendments"
        folder.mkdir(exist_ok=True)
        for name, text in amendments:
            (folder / name).write_text(text, encoding="utf-8")
    return path


def issues_of(path: Path) -> list[ConfigIssue]:
    with pytest.raises(ConfigError) as caught:
        load_plan(path)
    return caught.value.issues


def line_of(text: str, needle: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def test_founding_file_modes_quarters_and_assumptions(tmp_path: Path) -> None:
    plan = load_plan(write_process(tmp_path))
    cop = plan.meetings["cop-15"]
    assert cop.mode is Mode.HYBRID and plan.meetings["wg2020-2"].mode is Mode.IN_PERSON
    assert cop.window == Window(pendulum.Date(2020, 10, 1), pendulum.Date(2020, 12, 31), Precision.QUARTER)
    assert plan.outputs["progress-reports"].assumed == Assumption("quarterly", Title("regularly", "定期"))
    # a venue without a zone in a known city: its city's zone (Kunming)
    assert plan.meetings["wg2020-2"].timezone == "Asia/Shanghai"
    assert plan.amendments == () and plan.files == (str(tmp_path / "demo.yaml"),)


def test_an_amendment_file_loads_into_plan_amendments(tmp_path: Path) -> None:
    path = write_process(tmp_path, ("001-wg2020-3-rec-1.yaml", ADDS_WG2020_4))
    plan = load_plan(path)
    [amendment] = plan.amendments
    assert (amendment.id, amendment.symbol, amendment.kind, amendment.effective_on) == (
        "wg2020-3-rec-1", "CBD/WG2020/REC/3/1", AmendmentKind.RECOMMENDATION, pendulum.Date(2021, 9, 3))
    assert amendment.url and amendment.title == Title("Recommendation 3/1", "第3/1号建议")
    assert amendment.source.file.endswith("001-wg2020-3-rec-1.yaml") and amendment.source.line == 2
    [meeting] = amendment.meetings
    assert (meeting.id, meeting.timezone, meeting.mode, meeting.added_by) == (
        "wg2020-4", "Africa/Nairobi", Mode.IN_PERSON, "wg2020-3-rec-1")
    [output] = amendment.outputs
    assert output.due == BeforeRule("wg2020-4", 42) and output.added_by == "wg2020-3-rec-1"
    assert [b.id for b in amendment.bodies] == ["co-chairs"]
    [change] = amendment.output_changes
    assert (change.id, change.add_inputs, change.clear_for, change.for_) == (
        "wg2020-2-documents", ("first-draft",), True, None)
    assert amendment.meeting_changes[0].short == Title("COP-15", "第十五届会议")
    assert (amendment.last_meeting, amendment.retires) == ("cop-15-part-2", ("progress-reports",))
    assert "wg2020-4" not in plan.meetings  # the founding plan: amendments apply as of a date
    assert plan.files[1].endswith("001-wg2020-3-rec-1.yaml")


LATER_OUTPUT = """\
amendment:
  id: wg2020-4-rec-1
  process: demo
  symbol: CBD/WG2020/REC/4/1
  kind: recommendation
  effective_on: {day}
add:
  outputs:
    - id: second-draft
      title: {{en: "Second draft", zh: "第二稿"}}
      responsible: co-chairs
      mandate: CBD/WG2020/REC/4/1 para 1
      due: {{at: wg2020-4}}
"""


def test_an_amendment_may_name_what_an_earlier_one_added(tmp_path: Path) -> None:
    path = write_process(tmp_path, ("001.yaml", ADDS_WG2020_4),
                         ("002.yaml", LATER_OUTPUT.format(day="2022-06-26")))
    assert [a.id for a in load_plan(path).amendments] == ["wg2020-3-rec-1", "wg2020-4-rec-1"]


def test_an_amendment_may_not_name_what_a_later_one_adds(tmp_path: Path) -> None:
    # file order does not matter: the second file takes effect first, before wg2020-4 exists
    text = LATER_OUTPUT.format(day="2021-01-10")
    path = write_process(tmp_path, ("001.yaml", ADDS_WG2020_4), ("002.yaml", text))
    issues = issues_of(path)
    label = str(tmp_path / "demo.amendments" / "002.yaml")
    assert [(i.file, i.line, i.field) for i in issues] == [
        (label, line_of(text, "responsible: co-chairs"), "add.outputs[second-draft].responsible"),
        (label, line_of(text, "due: {at: wg2020-4}"), "add.outputs[second-draft].due"),
    ]
    assert issues[1].message.startswith("unknown meeting 'wg2020-4'")


def test_every_error_of_every_file_with_line_and_field(tmp_path: Path) -> None:
    bad = (ADDS_WG2020_4.replace("kind: recommendation", "kind: resolution")
           .replace("      mode: in-person", "      mode: on-line")
           .replace("due: {before: wg2020-4, weeks: 6}", "due: {before: wg2020-4, weks: 6}")
           .replace("retire: [progress-reports]", "retire: [progress-report]")
           .replace("  url:", "  uri:"))
    path = write_process(tmp_path, ("001.yaml", bad))
    label = str(tmp_path / "demo.amendments" / "001.yaml")
    found = {(i.line, i.field): i.message for i in issues_of(path)}
    assert all(issue.file == label for issue in issues_of(path))
    assert found[(line_of(bad, "kind: resolution"), "amendment.kind")].startswith(
        "'resolution' is not valid; valid choices: recommendation, decision, notification")
    assert found[(line_of(bad, "uri:"), "amendment.uri")] == "unknown key 'uri'; did you mean 'url'?"
    assert found[(line_of(bad, "mode: on-line"), "add.meetings[wg2020-4].mode")] \
        == "'on-line' is not valid; did you mean 'online'?"
    assert found[(line_of(bad, "weks: 6"), "add.outputs[first-draft].due.weks")].startswith(
        "unknown key 'weks'")
    assert found[(line_of(bad, "retire: [progress-report]"), "retire")].startswith(
        "unknown meeting or output 'progress-report'; did you mean progress-reports")


def test_a_duplicate_id_and_a_venue_without_a_known_city(tmp_path: Path) -> None:
    bad = ADDS_WG2020_4.replace("id: wg2020-4\n", "id: wg2020-2\n").replace(
        'venue: {en: "Nairobi, Kenya", zh: "肯尼亚内罗毕"}', 'venue: {en: "Atlantis", zh: "亚特兰蒂斯"}')
    bad = bad.replace("before: wg2020-4", "before: wg2020-2")
    path = write_process(tmp_path, ("001.yaml", bad))
    found = {(i.line, i.field): i.message for i in issues_of(path)}
    assert found[(line_of(bad, "- id: wg2020-2"), "add.meetings[wg2020-2].id")].startswith(
        "duplicate id 'wg2020-2' (already used by meeting at ")
    zone = found[(line_of(bad, "Atlantis"), "add.meetings[wg2020-2].timezone")]
    assert zone.startswith("is required: no known city in the venue 'Atlantis'")
    assert "Montreal" in zone and "Rome" in zone  # the known cities


def test_a_retired_item_cannot_be_named_later(tmp_path: Path) -> None:
    later = LATER_OUTPUT.format(day="2022-07-01").replace("due: {at: wg2020-4}",
                                                          "due: {at: wg2020-4}\n      for: progress-reports")
    path = write_process(tmp_path, ("001.yaml", ADDS_WG2020_4), ("002.yaml", later))
    [issue] = issues_of(path)
    assert (issue.line, issue.field, issue.message) == (
        line_of(later, "for: progress-reports"), "add.outputs[second-draft].for",
        "'progress-reports' was retired by amendment wg2020-3-rec-1")


def test_a_cycle_made_by_an_amendment(tmp_path: Path) -> None:
    cyclic = ADDS_WG2020_4.replace("      for: cop-15-part-2", "      inputs: [wg2020-2-documents]")
    [issue] = issues_of(write_process(tmp_path, ("001.yaml", cyclic)))
    assert issue.message.startswith("dependency cycle once the amendments apply: ")


def test_missing_header_and_malformed_yaml(tmp_path: Path) -> None:
    path = write_process(tmp_path, ("001.yaml", "add:\n  meetings: []\n"), ("002.yaml", "amendment: [\n"))
    found = sorted((Path(i.file).name, i.field) for i in issues_of(path))
    assert found == [("001.yaml", "amendment"), ("002.yaml", "yaml")]


def test_the_plan_cache_keys_on_amendment_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANDATES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MANDATES_NO_CACHE", raising=False)
    path = write_process(tmp_path)
    assert load_plan_cached(path).amendments == ()
    write_process(tmp_path, ("001.yaml", ADDS_WG2020_4))
    assert [a.id for a in load_plan_cached(path).amendments] == ["wg2020-3-rec-1"]
    (tmp_path / "demo.amendments" / "001.yaml").write_text(
        ADDS_WG2020_4.replace("2021-09-03", "2021-09-04"), encoding="utf-8")
    assert load_plan_cached(path).amendments[0].effective_on == pendulum.Date(2021, 9, 4)
    (tmp_path / "demo.amendments" / "001.yaml").write_text("amendment: [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_plan_cached(path)


def test_validate_reports_amendment_files(tmp_path: Path) -> None:
    runner = CliRunner()
    path = write_process(tmp_path, ("001.yaml", ADDS_WG2020_4))
    result = runner.invoke(app, ["validate", str(path)], env={"MANDATES_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    assert "1 amendment file," in result.output and "valid" in result.output
    (tmp_path / "demo.amendments" / "001.yaml").write_text(
        ADDS_WG2020_4.replace("kind: recommendation", "kind: resolution"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)], env={"MANDATES_NO_CACHE": "1"})
    assert result.exit_code == 2
    assert f"{tmp_path / 'demo.amendments' / '001.yaml'}:5: amendment.kind: 'resolution'" in result.output


def test_a_folder_of_processes_skips_histories_and_venues(tmp_path: Path) -> None:
    write_process(tmp_path, ("001.yaml", ADDS_WG2020_4))
    (tmp_path / "demo.history.yaml").write_text("facts: []\n", encoding="utf-8")
    (tmp_path / "venues.yaml").write_text((Path(__file__).parents[2] / "config" / "venues.yaml")
                                          .read_text(encoding="utf-8"), encoding="utf-8")
    from mandates.config.processes import load_process

    assert load_process(tmp_path).process.id == "demo"
