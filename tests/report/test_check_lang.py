"""`mandates check|show|whatif --lang en|zh` through the real command, user text printed as written,
and the reason keys of the check's JSON.

The Chinese check of the bundled process, before the WG2020-2 documentation deadline and after
WG2020-2 moved to Rome, holds no English word other than ids, document symbols, time zones, the
acronyms the Chinese recommendation itself uses, and what a user typed (the Rome venue).

Since issue 9 the bundled process ships its 2019-2022 history (the WG2020-2 documents were issued
on 6 January 2020), so the tests whose expected values were written from the founding text (the
documents due in 7 days, their late inputs, the what-if of moving WG2020-2) run on the founding
file alone (`founding_folder`, `--config`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import chinese_text as chinese
import pytest
from founding import founding_folder
from typer.testing import CliRunner

from mandates.cli import app
from mandates.core.plan import Plan
from mandates.core.reasons import ReasonCode

runner = CliRunner()
ROME = "Rome, FAO headquarters"
README = Path(__file__).resolve().parents[2] / "README.md"


def founding() -> list[str]:
    """`--config` naming the founding file alone (no shipped history, no amendment files)."""
    return ["--config", str(founding_folder())]


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "220"})
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture()
def moved_to_rome(isolated_env: Path) -> Path:
    """WG2020-2 moved to Rome (24-29 February 2020), announced 3 February 2020."""
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", ROME, "--announced", "2020-02-03")
    return isolated_env


# ------------------------------------------------------------------------------- Chinese check


@pytest.mark.parametrize("as_of", ["2020-01-06", "2020-03-01"])
def test_chinese_check_has_no_english(moved_to_rome: Path, bundled_plan: Plan, as_of: str) -> None:
    text = run("check", "--as-of", as_of, "--lang", "zh")
    assert chinese.english_words(text, bundled_plan, [ROME]) == [], text
    assert "合计：" in text and "迟到的投入（" in text and "逾期（" in text and "即将到期（" in text


def test_chinese_check_before_the_documents_deadline(isolated_env: Path) -> None:
    text = run("check", "--as-of", "2020-01-06", "--lang", "zh", *founding())
    assert text.startswith("编制2020年后全球生物多样性框架——截至2020年1月6日（星期一）的检查"
                           "（时区：America/Toronto）")
    lines = text.splitlines()
    documents = lines.index(next(line for line in lines if line.startswith("  wg2020-2-documents  ")))
    assert lines[documents] == ("  wg2020-2-documents  截止2020-01-13  工作组共同主席、执行秘书  "
                                "CBD/WG2020/REC/1/1第4段")
    assert lines[documents + 1] == "      7天后到期，即2020年1月13日（星期一）；4项投入有风险"
    assert ("      审查方法和机制磋商（中国昆明，2020年2月21日至22日，待确认）的闭幕日期比"
            "工作组第二次会议文件的截止日期2020年1月13日（星期一）晚40天") in lines
    assert "晚于截止日期  （预计2020-02-22，晚40天）" in text
    assert "第14/34号决定" in text and "CBD/WG2020/REC/1/1附件二表2" in text
    assert "截止2020-01-15至2020-03-14" in text  # a window's range with 至
    assert ("合计：已交付13项 · 逾期4项 · 即将到期1项 · 有风险7项 · 受阻0项 · 按计划进行17项 · "
            "已取消0项 · 迟到的投入6项") in text


def test_chinese_check_after_the_move_to_rome(moved_to_rome: Path) -> None:
    text = run("check", "--as-of", "2020-03-01", "--lang", "zh")
    # A venue typed in English is shown as written, marked untranslated.
    assert (f"  wg2020-2：2020年2月24日至29日，（英文原文）{ROME}  "
            "（原定：2020年2月24日至28日，中国昆明）") in text
    assert "  wg2020-2-discussion-draft：2020-02-28 → 2020-02-29（+1天）" in text


def test_english_check_is_the_one_in_the_readme(isolated_env: Path) -> None:
    """Every line of the README's check (but its `...`) is printed as it is shown there."""
    block = README.read_text(encoding="utf-8").split("$ mandates check --as-of 2020-01-06\n", 1)[1]
    shown = [line for line in block.split("```", 1)[0].splitlines() if line.strip() != "..."]
    text = run("check", "--as-of", "2020-01-06").splitlines()
    assert run("check", "--as-of", "2020-01-06", "--lang", "en").splitlines() == text
    missing = [line for line in shown if line not in text]
    assert missing == []
    assert len(shown) >= 10


def test_an_unknown_language_is_bad_input(isolated_env: Path) -> None:
    said = run("check", "--lang", "fr", code=2)
    assert "'fr' is not one of 'en', 'zh'" in said


# ------------------------------------------------------------------------------ show and whatif


def test_chinese_show_and_whatif_have_no_english(moved_to_rome: Path, bundled_plan: Plan) -> None:
    run("waive", "views-structure", "--on", "2019-09-01", "--reason", "merged into para 4 call")
    # The shipped history has the documents issued on 6 January 2020: this delivery corrects it.
    run("deliver", "wg2020-2-documents", "--on", "2020-01-10", "--ref", "CBD/WG2020/2/3",
        "--corrects", "2020-01-06-wg2020-2-documents-zero-draft")
    typed = [ROME, "merged into para 4 call"]
    for item in ("wg2020-2-documents", "views-structure", "wg2020-2", "wg2020-3-framework-text"):
        text = run("show", item, "--as-of", "2020-03-01", "--lang", "zh")
        text = re.sub(r"定义于\S+", "", text)  # where the item is defined: a file path and line
        text = re.sub(r"（来源：[^）]*）", "", text)  # where a fact was read: an address
        text = re.sub(r"^  \d{4}-\d\d-\d\d-\S+ ", "  ", text, flags=re.M)  # a shipped fact's key
        assert chinese.english_words(text, bundled_plan, typed) == [], text
    held = run("show", "wg2020-2", "--as-of", "2020-03-01", "--lang", "zh")
    assert ("  2020-02-29-wg2020-2-held 2020-02-29 已举行（来源：https://enb.iisd.org/vol09/"
            "enb09751e.html）（随进程提供）") in held  # shipped with the process: by its key
    assert re.search(r"  #1 2020-02-03 .*（英文原文）Rome, FAO headquarters（登记于", held)
    shown = run("show", "views-structure", "--as-of", "2020-03-01", "--lang", "zh")
    assert ("截至2020-03-01的状态：已取消——已于2019年9月1日（星期日）免除："
            "（英文原文）merged into para 4 call") in shown
    # Before the documents were issued (the founding text alone, no shipped history).
    whatif = run("whatif", "wg2020-2", "--opens", "2020-04-20", "--closes", "2020-04-24",
                 "--as-of", "2020-01-06", "--lang", "zh", *founding())
    assert "  wg2020-2-documents：2020-01-13 → 2020-03-09（+56天）；即将到期 → 有风险" in whatif
    assert chinese.english_words(whatif, bundled_plan) == []


# --------------------------------------------------------------------- user text is text


MARKUP = "see [/b] <script>alert(1)</script> *x* [bold]y[/bold] :smile: BEGIN:VEVENT"


def test_user_text_is_printed_as_written(isolated_env: Path) -> None:
    """Console markup in a note, a waiver and a venue is text: every command prints it as typed."""
    assert MARKUP in run("note", "wg2020-2", "--on", "2020-01-10", MARKUP)
    run("waive", "views-structure", "--on", "2019-09-01", "--reason", MARKUP)
    run("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", MARKUP, "--timezone", "Europe/Rome", "--announced", "2020-02-03")  # no known city
    assert run("history").count(MARKUP) == 3
    for lang in ("en", "zh"):
        assert run("show", "wg2020-2", "--as-of", "2020-03-01", "--lang", lang).count(MARKUP) == 3
        assert MARKUP in run("show", "views-structure", "--as-of", "2020-03-01", "--lang", lang)
        assert MARKUP in run("check", "--as-of", "2020-03-01", "--lang", lang)


# ----------------------------------------------------------------------------------- JSON


def test_json_has_reason_codes_and_both_languages(isolated_env: Path) -> None:
    data: dict[str, Any] = json.loads(run("check", "--as-of", "2020-01-06", "--format", "json",
                                          *founding()))
    assert data["schema_version"] == "1.3"
    codes = {code.value for code in ReasonCode}
    inputs = [i for o in data["outputs"] for i in o["inputs"]]
    for item in [*data["outputs"], *inputs, *data["late_inputs"]]:
        assert {"reason", "reason_code", "reason_text"} <= set(item)
        if item["reason"] is None:
            assert (item["reason_code"], item["reason_text"]) == (None, None)
            continue
        assert item["reason_code"] in codes
        assert item["reason_text"]["en"] == item["reason"]
        assert re.search(r"[\u4e00-\u9fff]", item["reason_text"]["zh"])
    documents = next(o for o in data["outputs"] if o["id"] == "wg2020-2-documents")
    assert documents["reason_code"] == "due_soon"
    assert documents["reason_text"] == {
        "en": "due in 7 days, Monday 13 January 2020; 4 inputs at risk",
        "zh": "7天后到期，即2020年1月13日（星期一）；4项投入有风险"}
    review = next(li for li in data["late_inputs"] if li["id"] == "consult-review-report")
    assert review["reason_code"] == "after_meeting_close"
    assert review["reason_text"]["zh"].endswith(
        "的闭幕日期比工作组第二次会议文件的截止日期2020年1月13日（星期一）晚40天")
