"""The Bureau briefing (issue 5): golden markdown in English and Chinese, snapshots, escaping, chart."""

from __future__ import annotations

import dataclasses
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pendulum
import pytest
from founding import founding_folder

from mandates.briefing.chart import FONT, LABEL_W, LABEL_X, PLOT_X0, text_width, timeline_svg
from mandates.briefing.chartrows import wrap
from mandates.briefing.data import build_briefing, evaluation_from_snapshot, snapshot_payload
from mandates.briefing.render import render_html, render_markdown
from mandates.briefing.run import last_snapshot, make_briefing, record_snapshot
from mandates.config.processes import load_process
from mandates.core.evaluate import evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Plan, Title
from mandates.core.record import make_fact
from mandates.store.db import Store
from mandates.words.i18n import date_text, mandate_text, span_text, weekday_date, window_text

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock
SNAPSHOT_AT = pendulum.datetime(2020, 3, 1, 12, tz="UTC")  # when briefings are made: a frozen clock

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/briefing and read it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 regenerates; read it)"


@pytest.fixture(scope="module")
def founding_plan() -> Plan:
    """The bundled process as founded: the golden briefings' scenario records the move to Rome
    itself, so it runs without the history and amendment files shipped since issue 9 (as
    `mandates brief --config` on the founding file does in test_cli_brief)."""
    plan = load_process(founding_folder())
    assert plan.amendments == ()
    return plan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_golden_markdown(founding_plan: Plan, store: Store, scenario: ModuleType, lang: str) -> None:
    first, second = scenario.run(founding_plan, store)
    for briefing in (first, second):
        text = render_markdown(briefing, lang, scenario.chart_name(founding_plan, briefing, lang))
        _golden(f"{briefing.as_of.isoformat()}-{lang}.md", text)


def test_second_briefing_reports_the_move_to_rome(bundled_plan: Plan, store: Store,
                                                  scenario: ModuleType) -> None:
    _, second = scenario.run(bundled_plan, store)
    assert second.since.kind == "last" and second.since.on == scenario.FIRST
    [move] = second.meeting_moves
    assert (move.meeting, move.kind, move.announced_on) == ("wg2020-2", "rescheduled_relocated",
                                                             pendulum.Date(2020, 2, 3))
    assert [(d.output, d.shift_days, d.cause) for d in second.deadline_moves] == [
        ("wg2020-2-discussion-draft", 1, "wg2020-2")]
    assert "wg2020-2-discussion-draft" in [d.output for d in second.delivered]
    assert "wg2020-2" in second.held
    en = render_markdown(second, "en", "c.png")
    assert "24–28 February 2020, Kunming, China → 24–29 February 2020, Rome, FAO headquarters" in en
    zh = render_markdown(second, "zh", "c.png")
    # The venue was given in English only: shown as written, marked untranslated (words.usertext).
    assert "2020年2月24日至28日，中国昆明 → 2020年2月24日至29日，（英文原文）Rome, FAO headquarters" in zh


def test_reproducible_byte_for_byte(bundled_plan: Plan, tmp_path: Path, scenario: ModuleType) -> None:
    outputs = []
    for run in ("a", "b"):
        store = Store(f"sqlite:///{tmp_path / (run + '.db')}")
        first, second = scenario.run(bundled_plan, store)
        # The 1 March briefing made again, after its own snapshot was stored: still since 6 January.
        again = make_briefing(bundled_plan, store.facts("post2020"), store, scenario.SECOND, "last", 6)
        texts = [render_markdown(b, lang, "c.png") + render_html(b, lang)
                 for b in (first, second, again) for lang in ("en", "zh")]
        outputs.append(texts)
        store.dispose()
    assert outputs[0] == outputs[1]
    assert outputs[0][2:4] == outputs[0][4:6]


def test_since_a_date_and_since_none(bundled_plan: Plan, store: Store, scenario: ModuleType) -> None:
    scenario.move_to_rome(bundled_plan, store)
    facts = store.facts("post2020")
    by_date = make_briefing(bundled_plan, facts, store, scenario.SECOND, "2020-01-06", 6)
    assert by_date.since.kind == "date" and [m.meeting for m in by_date.meeting_moves] == ["wg2020-2"]
    # No briefing recorded yet: compared with the plan as adopted, everything delivered so far.
    first = make_briefing(bundled_plan, facts, store, scenario.SECOND, "last", 6)
    assert first.since.kind == "none"
    assert len(first.delivered) == first.evaluation.counts()["delivered"]
    assert "Changes to the plan as adopted" in render_markdown(first, "en", "c.png")


def test_snapshot_counts_only_the_facts_it_saw(bundled_plan: Plan, store: Store,
                                               scenario: ModuleType) -> None:
    first = make_briefing(bundled_plan, [], store, scenario.FIRST, "last", 6)
    assert record_snapshot(store, first.evaluation, SNAPSHOT_AT)
    assert not record_snapshot(store, first.evaluation, SNAPSHOT_AT), "the same snapshot is stored once"
    # Recorded after the first briefing, but effective before it: a change since that briefing.
    late = make_fact(bundled_plan, FactKind.DELIVERED, "zero-draft-overview", pendulum.Date(2019, 12, 20),
                     recorded_at=RECORDED_AT,
                     ref="CBD/WG2020/2/INF/1")
    store.append("post2020", [late])
    second = make_briefing(bundled_plan, store.facts("post2020"), store, scenario.SECOND, "last", 6)
    [delivered] = [d for d in second.delivered if d.output == "zero-draft-overview"]
    assert (delivered.delivered_on, delivered.ref, delivered.days_late) == (
        pendulum.Date(2019, 12, 20), "CBD/WG2020/2/INF/1", 26)
    row = last_snapshot(store, "post2020", scenario.SECOND)
    assert row is not None
    rebuilt = evaluation_from_snapshot(bundled_plan, store.facts("post2020"), scenario.FIRST, row.payload)
    assert snapshot_payload(rebuilt) == snapshot_payload(first.evaluation)


def test_dates_and_numbers_localised() -> None:
    day = pendulum.Date(2020, 1, 13)
    assert date_text(day, "en") == "13 January 2020" and date_text(day, "zh") == "2020年1月13日"
    assert weekday_date(day, "en") == "Monday 13 January 2020"
    assert weekday_date(day, "zh") == "2020年1月13日（星期一）"
    october, november = pendulum.Date(2019, 10, 30), pendulum.Date(2019, 11, 1)
    assert span_text(october, november, "en") == "30 October – 1 November 2019"
    assert span_text(pendulum.Date(2020, 2, 24), pendulum.Date(2020, 2, 28), "zh") == "2020年2月24日至28日"
    assert window_text(pendulum.Date(2020, 1, 1), pendulum.Date(2020, 2, 29), "zh") == "2020年1月或2月"
    assert window_text(pendulum.Date(2020, 1, 1), pendulum.Date(2020, 2, 29), "en") == (
        "January or February 2020")
    assert mandate_text("decision 14/34", "zh") == "第14/34号决定"
    assert mandate_text("CBD/WG2020/REC/1/1 annex II table 2", "zh") == "CBD/WG2020/REC/1/1附件二表2"
    assert mandate_text("CBD/WG2020/REC/1/1 para 7(a)", "zh") == "CBD/WG2020/REC/1/1第7(a)段"


ALLOWED_LATIN = {"Rome, FAO headquarters", "America/Toronto"}


@pytest.mark.parametrize("when", ["first", "second"])
def test_chinese_briefing_has_no_english_sentences(bundled_plan: Plan, store: Store, scenario: ModuleType,
                                                   when: str) -> None:
    first, second = scenario.run(bundled_plan, store)
    briefing = first if when == "first" else second
    text = render_markdown(briefing, "zh", "c.png") + render_html(briefing, "zh")
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)  # CSS is not a sentence
    text = re.sub(r"<[^>]*>", " ", text)  # nor are tags and their attributes
    for allowed in ALLOWED_LATIN:
        text = text.replace(allowed, " ")
    # Two Latin words in a row would be English prose; single symbols (CBD/WG2020/REC/1/1, COP-15) are names.
    prose = re.findall(r"\b[A-Za-z]{2,}[a-z]*(?:[ ,]+[A-Za-z]{2,}){1,}", text)
    css_or_markup = {"font", "sans", "serif", "Liberation", "Arial", "Noto", "CJK", "SC", "Sans"}
    offending = [p for p in prose if not set(re.split(r"[ ,]+", p)) <= css_or_markup]
    assert offending == []


def _with_hostile_titles(plan: Plan) -> Plan:
    hostile = "<script>alert('x')</script> & <b>bold</b>"
    outputs = dict(plan.outputs)
    outputs["wg2020-2-documents"] = dataclasses.replace(
        outputs["wg2020-2-documents"], title=Title(hostile, hostile), short=Title(hostile, hostile))
    meetings = dict(plan.meetings)
    meetings["wg2020-2"] = dataclasses.replace(meetings["wg2020-2"], title=Title(hostile, hostile),
                                               short=Title(hostile, hostile))
    process = dataclasses.replace(plan.process, title=Title(hostile, hostile))
    return dataclasses.replace(plan, process=process, outputs=outputs, meetings=meetings)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_titles_and_notes_are_escaped(bundled_plan: Plan, store: Store, scenario: ModuleType,
                                      lang: str) -> None:
    plan = _with_hostile_titles(bundled_plan)
    store.append("post2020", [
        make_fact(plan, FactKind.NOTE, "wg2020-2-documents", pendulum.Date(2020, 1, 2),
                  recorded_at=RECORDED_AT,
                  text="<script>alert('note')</script> <img src=x onerror=alert(1)>"),
        make_fact(plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 1, 3), recorded_at=RECORDED_AT,
                  opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                  venue="<script>alert('venue')</script>"),
    ])
    briefing = make_briefing(plan, store.facts("post2020"), store, scenario.FIRST, "none", 6)
    html = render_html(briefing, lang)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;venue&#39;)&lt;/script&gt;" in html
    markdown = render_markdown(briefing, lang, "c.png")
    assert re.search(r"(?<!\\)<", markdown) is None, "every < of a title or note is escaped"
    assert r"\<script\>alert('note')\</script\>" in markdown
    ET.fromstring(timeline_svg(briefing.evaluation, lang))  # still well-formed XML


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_rows_labels_and_colours(bundled_plan: Plan, lang: str) -> None:
    evaluation = evaluate(bundled_plan, [], pendulum.Date(2020, 1, 6))
    svg = timeline_svg(evaluation, lang)
    assert svg == timeline_svg(evaluation, lang), "byte-stable"
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    labelled = {t.get("data-id") for t in root.iter(f"{ns}text") if t.get("data-id")}
    assert labelled == set(bundled_plan.meetings) | set(bundled_plan.outputs), "one row per item"
    for text in root.iter(f"{ns}text"):
        if text.get("data-id"):
            bold = "mlabel" in (text.get("class") or "") or "chain" in (text.get("class") or "")
            for line in text.iter(f"{ns}tspan"):
                right = float(line.get("x") or 0) + text_width(line.text or "", FONT, bold)
                assert right <= LABEL_X + LABEL_W < PLOT_X0, line.text
    late = {p.get("data-id") for p in root.iter(f"{ns}path") if p.get("class") == "tl-late"}
    assert {"zero-draft-overview", "detailed-workplan", "consult-review-report"} <= late
    chain_paths = sum(1 for p in root.iter(f"{ns}path") if p.get("class") == "tl-chain")
    edges = len(evaluation.critical_chain) - 1
    assert chain_paths == edges + 1 + 1, "edges of the chain, the last one into COP-15, the legend"
    assert any(p.get("class") == "tl-asof" for p in root.iter(f"{ns}path"))


def test_wrap_keeps_every_word() -> None:
    long = "Recommendations of SBI-3 on the long-term strategic approach to mainstreaming and more"
    lines = wrap(long, 200, 12)
    assert len(lines) > 1 and " ".join(lines) == long
    assert all(text_width(line, 12) <= 200 for line in lines)
    chinese = "执行问题附属机构第三次会议关于长期战略办法的建议"
    lines = wrap(chinese, 120, 12)
    assert len(lines) > 1 and "".join(lines) == chinese
    assert wrap("短标题", 200, 12) == ["短标题"]
    assert wrap("Supercalifragilisticexpialidocious", 60, 12)[0] != "Supercalifragilisticexpialidocious"


def test_build_briefing_without_before_compares_with_the_plan(bundled_plan: Plan) -> None:
    from mandates.briefing.data import Since

    evaluation = evaluate(bundled_plan, [], pendulum.Date(2020, 1, 6))
    briefing = build_briefing(evaluation, None, Since("none"), 6)
    assert briefing.meeting_moves == [] and briefing.deadline_moves == []
    assert [u.output for u in briefing.upcoming] == ["wg2020-2-documents", "ws-review-mechanisms-options"]
    assert {d.output for d in briefing.input_decisions} == {"wg2020-2-documents", "wg2020-3-framework-text"}
    assert [d.output for d in briefing.overdue] == ["annex2-list-updates", "bureau-progress-reports",
                                                    "detailed-workplan", "zero-draft-overview"]
