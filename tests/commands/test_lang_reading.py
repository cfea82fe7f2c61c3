"""`--lang en|zh` on the commands that read (issue 10, parts 1 and 6): check, show, whatif, list,
validate, history, export-check. In Chinese nothing but ids, symbols, zones, keys, options, paths
and text a user typed is in Latin letters; in English the output is what it was, and the same
as without `--lang`. As of 6 January 2020 (frozen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., str]  # the fixtures of conftest.py
Check = Callable[..., None]

AS_OF = ("--as-of", "2020-01-06")
READING = {
    "check": ("check", *AS_OF),
    "show output": ("show", "wg2020-3-framework-text", *AS_OF),
    "show meeting": ("show", "cop-15", *AS_OF),
    "whatif": ("whatif", "sbstta-24", "--opens", "2020-08-17", "--closes", "2020-08-22", *AS_OF),
    "list outputs": ("list", "outputs", *AS_OF),
    "list meetings": ("list", "meetings", *AS_OF),
    "list bodies": ("list", "bodies"),
    "validate": ("validate",),
    "history": ("history",),
}


@pytest.mark.parametrize("label", list(READING))
def test_chinese_output_has_no_english_prose(label: str, run: Run, chinese: Check) -> None:
    chinese(run(*READING[label], "--lang", "zh"))


@pytest.mark.parametrize("label", list(READING))
def test_english_is_the_default_and_unchanged(label: str, run: Run) -> None:
    assert run(*READING[label], "--lang", "en") == run(*READING[label])


def test_validate_and_history_say_what_they_always_said_in_english(run: Run) -> None:
    summary = run("validate")
    assert summary.rstrip().endswith("process post2020: 29 meetings, 45 outputs, 18 bodies, "
                                     "7 amendment files, 77 shipped facts — valid")
    history = run("history").splitlines()
    assert history[0].startswith("shipped with the process (") and history[0].endswith("): 77 facts")
    assert history[-1] == "no facts recorded"
    assert ("  2019-10-25-cp-liaison-group-held  cp-liaison-group: 2019-10-25 held (source: "
            "https://bch.cbd.int/en/portals/liaison-group, date approximate)") in history


def test_validate_and_history_in_chinese(run: Run) -> None:
    summary = run("validate", "--lang", "zh")
    assert summary.rstrip().endswith("：进程post2020：29次会议、45项成果、18个机构、7份修正文件、"
                                     "77项随附事实；有效")
    history = run("history", "--lang", "zh").splitlines()
    assert history[0].startswith("随进程提供（") and history[0].endswith("）：77项事实")
    assert history[-1] == "数据库中尚无登记的事实"
    # days through words.dates, the source and the approximate date in one bracket
    assert ("  2019-10-30-consult-restoration-rio-nov  consult-restoration：2019年10月30日 "
            "改期为2019年11月6日至8日，地点：巴西里约热内卢，现场举行（来源：") in "\n".join(history)
    assert any(line.endswith("；日期为大致日期）") for line in history)


def test_export_check_says_where_it_wrote_in_the_language(run: Run, tmp_path: Path,
                                                           chinese: Check) -> None:
    english = run("export-check", *AS_OF, "-o", str(tmp_path / "check.csv"))
    assert english == f"wrote the check as of 2020-01-06 (csv) to {tmp_path / 'check.csv'}\n"
    said = run("export-check", *AS_OF, "-o", str(tmp_path / "check.json"), "--lang", "zh")
    assert said == f"已将截至2020年1月6日的检查结果（json）写入{tmp_path / 'check.json'}\n"
    refused = run("export-check", "--format", "xlsx", "--lang", "zh", code=2)
    chinese(refused, ("xlsx",))  # the value as the user typed it
    assert refused.startswith("错误：--format xlsx")


def test_unknown_ids_and_filters_are_refused_in_chinese(run: Run, chinese: Check) -> None:
    shown = run("show", "wg2020-2-document", "--lang", "zh", code=2)
    assert shown.startswith("错误：未知的编号wg2020-2-document；是否是指wg2020-2-documents")
    chinese(shown, ("wg2020-2-document",))
    body = run("check", "--body", "sbsta", "--lang", "zh", code=2)
    assert body.strip() == "错误：--body sbsta：没有这个机构（是否是指sbstta？）"
    assert run("check", "--body", "sbsta", code=2).strip() == \
        "error: --body 'sbsta': no such body (did you mean sbstta?)"
