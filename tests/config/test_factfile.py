"""Facts files (shipped history, import, export): every field read, every error at file:line and
field, YAML and CSV giving the same facts, and what export writes read back unchanged."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pendulum
import pytest

from mandates.config.factfile import content_key, read_facts
from mandates.config.history import dump_csv, dump_yaml, merge
from mandates.config.loader import load_plan
from mandates.config.venues import load_venues
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Mode, Plan, Precision
from mandates.errors import ConfigError

D = pendulum.Date
NOW = pendulum.datetime(2024, 5, 6, 7, 8, 9, tz="UTC")
VENUES = partial(load_venues, None)

HISTORY = """\
facts:
  - key: 2020-02-03-wg2020-2-rome
    kind: rescheduled
    subject: wg2020-2
    effective_on: 2020-02-03
    approximate: true
    source: https://www.cbd.int/notifications/2020/ntf-2020-010-post2020-en.pdf
    opens: 2020-02-24
    closes: 2020-02-29
    venue: {en: "Rome, Italy (FAO headquarters)", zh: "意大利罗马（粮农组织总部）"}
    mode: in-person
  - key: 2020-03-10-sbstta-24-postponed
    kind: postponed
    subject: sbstta-24
    effective_on: 2020-03-10
    window: {quarter: 2021-Q1}
    tentative: true
  - key: 2020-06-01-sbi-3-ottawa
    kind: rescheduled
    subject: sbi-3
    effective_on: 2020-06-01
    window: {from: 2020-08, to: 2020-09}
    venue: 渥太华
    written_in: zh
  - key: 2021-05-03-sbstta-24-part-1
    kind: part
    subject: sbstta-24
    part: 1
    effective_on: 2021-04-01
    opens: 2021-05-03
    closes: 2021-06-09
    venue: Online
    mode: online
  - key: 2020-02-04-note
    kind: note
    subject: wg2020-2
    effective_on: 2020-02-04
    text: {en: "Venue confirmed", zh: "地点已确认"}
  - key: 2020-02-05-withdrawn
    kind: withdrawn
    effective_on: 2020-02-05
    voids: 2020-02-04-note
    text: entered twice
    recorded_at: 2020-02-05T10:11:12+01:00
"""


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(Path(__file__).parents[2] / "config" / "post2020.yaml")


def read(text: str, plan: Plan, **options: object) -> list[Fact]:
    return list(read_facts(text, "history.yaml", plan, venues=VENUES, **options).facts)  # type: ignore[arg-type]


def issues(text: str, plan: Plan, **options: object) -> list[tuple[int, str, str]]:
    with pytest.raises(ConfigError) as caught:
        read(text, plan, **options)
    assert all(i.file == "history.yaml" for i in caught.value.issues)
    return [(i.line, i.field, i.message) for i in caught.value.issues]


def line_of(text: str, needle: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def test_every_field_is_read(plan: Plan) -> None:
    rome, postponed, ottawa, part, note, withdrawn = read(HISTORY, plan)
    assert (rome.key, rome.kind, rome.subject, rome.effective_on) == (
        "2020-02-03-wg2020-2-rome", FactKind.RESCHEDULED, "wg2020-2", D(2020, 2, 3))
    assert (rome.opens_on, rome.closes_on, rome.precision) == (D(2020, 2, 24), D(2020, 2, 29), Precision.DAY)
    assert (rome.venue, rome.venue_zh, rome.timezone, rome.mode) == (
        "Rome, Italy (FAO headquarters)", "意大利罗马（粮农组织总部）", "Europe/Rome", Mode.IN_PERSON)
    assert rome.approximate and rome.source and rome.source.startswith("https://www.cbd.int/")
    assert rome.recorded_at == pendulum.datetime(2020, 2, 3, tz="UTC")  # shipped: the day it took effect
    assert (postponed.opens_on, postponed.closes_on, postponed.precision, postponed.tentative) == (
        D(2021, 1, 1), D(2021, 3, 31), Precision.QUARTER, True)
    assert (ottawa.opens_on, ottawa.closes_on, ottawa.precision) == (
        D(2020, 8, 1), D(2020, 9, 30), Precision.MONTH)
    assert (ottawa.venue, ottawa.venue_zh, ottawa.written_in, ottawa.timezone) == (
        "渥太华", None, "zh", "America/Toronto")
    assert (part.kind, part.part, part.mode, part.timezone) == (
        FactKind.PART, 1, Mode.ONLINE, "America/Toronto")
    assert (note.text, note.text_zh) == ("Venue confirmed", "地点已确认")
    title = note.text_title()
    assert title is not None
    assert (title.en, title.zh, title.written_in) == ("Venue confirmed", "地点已确认", None)
    assert (withdrawn.voids, withdrawn.subject, withdrawn.text) == (
        "2020-02-04-note", "wg2020-2", "entered twice")
    assert withdrawn.recorded_at == pendulum.datetime(2020, 2, 5, 9, 11, 12, tz="UTC")


def test_errors_have_file_line_and_field(plan: Plan) -> None:
    bad = (HISTORY.replace("kind: postponed", "kind: delayed")
           .replace("subject: sbi-3", "subject: sbi-33")
           .replace('venue: {en: "Rome, Italy (FAO headquarters)", zh: "意大利罗马（粮农组织总部）"}',
                    'venue: {en: "FAO headquarters", zh: "粮农组织总部"}')
           .replace("voids: 2020-02-04-note", "voids: 2020-02-04-nothing")
           .replace("key: 2020-02-04-note", "key: 2020-02-03-wg2020-2-rome")
           .replace("recorded_at: 2020-02-05T10:11:12+01:00", "recorded_at: 2020-02-05")
           .replace("    mode: online", "    mode: virtual"))
    found = {(line, field): message for line, field, message in issues(bad, plan)}
    assert found[(line_of(bad, "kind: delayed"), "facts[2020-03-10-sbstta-24-postponed].kind")].startswith(
        "'delayed' is not valid; valid choices: delivered, received, rescheduled")
    assert found[(line_of(bad, "FAO headquarters"), "facts[2020-02-03-wg2020-2-rome].timezone")].startswith(
        "is required: no known city in the venue 'FAO headquarters' / '粮农组织总部'")
    assert (line_of(bad, "mode: virtual"), "facts[2021-05-03-sbstta-24-part-1].mode") in found
    assert found[(line_of(bad, "recorded_at: 2020-02-05"), "facts[2020-02-05-withdrawn].recorded_at")]
    assert any(message.startswith("duplicate key '2020-02-03-wg2020-2-rome' (already used at line 2)")
               for message in found.values())


def test_references_are_checked_at_their_own_lines(plan: Plan) -> None:
    bad = HISTORY.replace("subject: sbi-3", "subject: sbi-33").replace(
        "voids: 2020-02-04-note", "voids: 2020-02-04-nothing")
    found = issues(bad, plan)
    assert (line_of(bad, "subject: sbi-33"), "facts[2020-06-01-sbi-3-ottawa].subject",
            "unknown meeting 'sbi-33'; did you mean sbi-3?") in found
    assert (line_of(bad, "voids: 2020-02-04-nothing"), "facts[2020-02-05-withdrawn].voids",
            "names no known fact '2020-02-04-nothing'") in found


def test_every_problem_at_once_references_included(plan: Plan) -> None:
    """An unknown subject is reported with the file's other problems, not in a second round:
    beside another fact's bad kind, and in a fact that has a problem of its own (no date)."""
    bad = HISTORY.replace("subject: sbi-3", "subject: sbi-33").replace(
        "kind: rescheduled", "kind: reschedulled", 1)
    second = bad.index("subject: sbi-33")
    date_line = bad.index("effective_on:", second)
    bad = bad[:date_line] + "effective_at:" + bad[date_line + len("effective_on:"):]
    found = issues(bad, plan)
    fields = {(line, field) for line, field, _ in found}
    assert (line_of(bad, "kind: reschedulled"), "facts[2020-02-03-wg2020-2-rome].kind") in fields
    assert (line_of(bad, "subject: sbi-33"), "facts[2020-06-01-sbi-3-ottawa].subject") in fields
    assert (line_of(bad, "effective_at:"), "facts[2020-06-01-sbi-3-ottawa].effective_at") in fields
    messages = {message for _, _, message in found}
    assert "'reschedulled' is not valid; did you mean 'rescheduled'?" in messages
    assert "unknown meeting 'sbi-33'; did you mean sbi-3?" in messages


ADDS_WG2020_4 = """\
amendment: {id: wg2020-3-rec-1, process: post2020, symbol: CBD/WG2020/REC/3/1, kind: recommendation,
            effective_on: 2021-09-03}
add:
  meetings:
    - id: wg2020-4
      title: {en: "WG2020-4", zh: "工作组第四次会议"}
      body: wg2020
      opens: 2022-06-21
      closes: 2022-06-26
      venue: {en: "Nairobi, Kenya", zh: "肯尼亚内罗毕"}
      type: 1
"""


def test_a_subject_is_known_from_the_amendment_that_adds_it(tmp_path: Path) -> None:
    founding = tmp_path / "post2020.yaml"
    founding.write_text((Path(__file__).parents[2] / "config" / "post2020.yaml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    (tmp_path / "post2020.amendments").mkdir()
    (tmp_path / "post2020.amendments" / "001.yaml").write_text(ADDS_WG2020_4, encoding="utf-8")
    amended = load_plan(founding)
    fact = ("facts:\n  - {key: k, kind: note, subject: wg2020-4, effective_on: DAY, text: x}\n")
    assert read(fact.replace("DAY", "2021-09-03"), amended)[0].subject == "wg2020-4"
    assert issues(fact.replace("DAY", "2021-09-02"), amended) == [
        (2, "facts[k].subject", "meeting or output 'wg2020-4' is added by amendment wg2020-3-rec-1 on "
                                "2021-09-03, after this fact (2021-09-02)")]


def amended_fact(payload: str) -> str:
    """A facts file: an AMENDED fact carrying `payload`, then a note and a part of what it adds."""
    indented = "".join(f"      {line}\n" for line in payload.splitlines())
    return ("facts:\n  - key: adds\n    kind: amended\n    subject: wg2020-4\n"
            "    effective_on: 2021-09-03\n    payload: |\n" + indented +
            "  - {key: n, kind: note, subject: wg2020-4, effective_on: 2021-10-01, text: x}\n"
            "  - {key: p, kind: note, subject: wg2020-4-part-1, effective_on: 2021-10-01, text: x}\n"
            "  - {key: d, kind: delivered, subject: wg2020-4-documents, effective_on: 2022-05-01}\n")


ADDS_WG2020_4_AND_DOCUMENTS = ADDS_WG2020_4 + """\
  outputs:
    - id: wg2020-4-documents
      title: {en: "Documents for WG2020-4", zh: "工作组第四次会议文件"}
      responsible: executive-secretary
      mandate: "CBD/WG2020/REC/3/1 para 3"
      due: {before: wg2020-4, weeks: 6}
"""


@pytest.mark.parametrize(("good", "bad", "field"), [
    ("opens: 2022-06-21", "opens: 2022-06-31", "facts[adds].payload.add.meetings[wg2020-4].opens"),
    ("add:", "add: [", "facts[adds].payload.yaml"),  # YAML that cannot be read at all
])
def test_what_a_refused_amendment_adds_is_not_reported_unknown_too(plan: Plan, good: str, bad: str,
                                                                   field: str) -> None:
    """One mistake, one error: the facts about the meetings and outputs a refused amendment would
    add (a meeting, a part of it, an output) are not also refused as naming nothing known."""
    facts = read(amended_fact(ADDS_WG2020_4_AND_DOCUMENTS), plan)
    assert [f.subject for f in facts] == ["wg2020-4", "wg2020-4", "wg2020-4-part-1", "wg2020-4-documents"]
    found = issues(amended_fact(ADDS_WG2020_4_AND_DOCUMENTS.replace(good, bad)), plan)
    assert [f for _, f, _ in found] == [field], found


def test_content_keys_make_a_second_import_add_nothing(plan: Plan) -> None:
    keyless = "  - kind: note\n    subject: cop-15\n    effective_on: 2020-01-01\n    text: keyless\n"
    text = HISTORY.replace("  - key: 2020-02-03-wg2020-2-rome\n",
                           keyless + "  - key: 2020-02-03-wg2020-2-rome\n")
    with pytest.raises(ConfigError):
        read(text, plan)  # shipped history needs keys
    first = read(text, plan, keys_required=False, recorded_at=NOW)
    again = read(text, plan, keys_required=False, recorded_at=NOW.add(days=1))
    assert first[0].key == again[0].key == content_key(first[0])
    assert first[0].key and first[0].key.startswith("2020-01-01-cop-15-note-")
    assert first[0].recorded_at == NOW


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_reads_back_as_the_same_facts(plan: Plan, fmt: str) -> None:
    facts = read(HISTORY, plan)
    recorded = Fact(FactKind.DELIVERED, "wg2020-2-documents", D(2020, 1, 10), NOW, ref="CBD/WG2020/2/3",
                    id=7, key="7", voids="2020-02-03-wg2020-2-rome")
    legacy = Fact(FactKind.RELOCATED, "consult-review", D(2020, 2, 1), NOW, venue="Somewhere unknown",
                  id=8)  # recorded by 0.2.0: no key of its own, no zone
    everything = [*facts, recorded, legacy]
    text = dump_csv(everything) if fmt == "csv" else dump_yaml(everything, "a comment\nover two lines")
    back = read(text, plan, csv_format=fmt == "csv")
    expected = [replace_id(f) for f in everything]
    assert back == expected


def replace_id(fact: Fact) -> Fact:
    from dataclasses import replace

    return replace(fact, id=None, key=fact.fact_key)


def test_csv_errors_name_the_column(plan: Plan) -> None:
    text = ("key,kind,subject,effective_on,venue_en,venue_zh\n"
            "k1,rescheduled,wg2020-2,2020-02-03,Atlantis,\n"
            "k2,delivered,wg2020-2-documents,2020-02-30,,\n")
    found = issues(text, plan, csv_format=True)
    assert [(line, field) for line, field, _ in found] == [
        (2, "facts[k1].timezone"), (3, "facts[k2].effective_on")]
    header = issues("key,kind,colour\n", plan, csv_format=True)
    assert header == [(1, "header", "unknown column colour; valid: key, kind, subject, effective_on, "
                       "approximate, source, opens, closes, window_from, window_to, quarter, tentative, "
                       "venue_en, venue_zh, timezone, mode, part, ref, text_en, text_zh, written_in, "
                       "voids, recorded_at, payload")]


def test_merge_by_key_the_shipped_form_counts() -> None:
    shipped = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 1), NOW, text="shipped", key="k")
    same = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 1), NOW, text="imported", key="k", id=1)
    other = Fact(FactKind.NOTE, "wg2020-2", D(2020, 2, 2), NOW, text="mine", id=2)
    assert merge([shipped], [same, other]) == [shipped, other]
