"""`--lang en|zh` on the commands that record, add to the plan, import and export (issue 10,
parts 1 and 6): confirmations and refusals in the language asked for; a refusal keeps
`file:line: field:` as it is and words only the message; in English what was always said."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., str]  # the fixtures of conftest.py
Check = Callable[..., None]

# (arguments, the English confirmation after `recorded #N: `, the Chinese after `已登记#N：`)
RECORDINGS = [
    (("deliver", "wg2020-3-framework-text", "--on", "2020-08-01", "--ref", "CBD/WG2020/3/3"),
     "wg2020-3-framework-text: 2020-08-01 delivered as CBD/WG2020/3/3",
     "wg2020-3-framework-text：2020年8月1日 交付，文号CBD/WG2020/3/3"),
    (("receive", "consult-iucn-report", "--on", "2020-06-01"),
     "consult-iucn-report: 2020-06-01 received", "consult-iucn-report：2020年6月1日 收到"),
    (("reschedule", "sbi-3", "--announced", "2020-04-01", "--opens", "2020-09-07", "--closes",
      "2020-09-11", "--venue", "Montreal", "--venue-zh", "蒙特利尔"),
     "sbi-3: 2020-04-01 rescheduled to 2020-09-07..2020-09-11 in Montreal (蒙特利尔)",
     "sbi-3：2020年4月1日 改期为2020年9月7日至11日，地点：蒙特利尔"),
    (("postpone", "sbstta-24", "--announced", "2020-04-02", "--quarter", "2021-Q1"),
     "sbstta-24: 2020-04-02 postponed", "sbstta-24：2020年4月2日 推迟（预计2021年第一季度；暂定）"),
    (("split", "cop-15", "--part", "2", "--announced", "2021-05-01", "--opens", "2022-04-25",
      "--closes", "2022-05-08", "--venue", "Kunming", "--venue-zh", "昆明"),
     "cop-15: 2021-05-01 split", "cop-15：2021年5月1日 拆分（第二阶段）为2022年4月25日至5月8日，地点：昆明"),
    (("held", "wg2020-1", "--on", "2019-08-30"),
     "wg2020-1: 2019-08-30 held", "wg2020-1：2019年8月30日 已举行"),
    (("cancel", "ws-synergies", "--announced", "2020-03-13"),
     "ws-synergies: 2020-03-13 cancelled", "ws-synergies：2020年3月13日 取消"),
    (("waive", "views-structure", "--on", "2020-01-10", "--reason", "Merged", "--written-in", "en"),
     "views-structure: 2020-01-10 waived: Merged", "views-structure：2020年1月10日 免除：（英文原文）Merged"),
    (("note", "cop-15", "会议可能改期", "--on", "2020-05-01", "--written-in", "zh"),
     "cop-15: 2020-05-01 note: 会议可能改期", "cop-15：2020年5月1日 说明：会议可能改期"),
]


@pytest.mark.parametrize("index", range(len(RECORDINGS)), ids=[r[0][0] for r in RECORDINGS])
def test_recording_confirms_in_the_language(index: int, run: Run, chinese: Check,
                                            tmp_path: Path) -> None:
    args, english, zh = RECORDINGS[index]
    assert run(*args) == f"recorded #1: {english}\n"
    said = run(*args, "--lang", "zh", env={"MANDATES_DATABASE_URL": f"sqlite:///{tmp_path / 'zh.db'}"})
    assert said == f"已登记#1：{zh}\n"
    chinese(said, ("Merged", "Montreal", "Kunming"))


def test_withdraw_history_and_export_in_chinese(run: Run, chinese: Check, tmp_path: Path) -> None:
    run("deliver", "wg2020-3-framework-text", "--on", "2020-08-01")
    said = run("withdraw", "#1", "--reason", "录入错误", "--on", "2020-08-02", "--written-in", "zh",
               "--lang", "zh")
    assert said == "已登记#2：wg2020-3-framework-text：2020年8月2日 撤回事实1：录入错误\n"
    history = run("history", "--lang", "zh")
    chinese(history)
    assert re.search(r"^#1 wg2020-3-framework-text：2020年8月1日 交付［已由事实2自2020年8月2日起撤回］"
                     r"（登记于\d{4}年\d+月\d+日 \d\d:\d\d:\d\d UTC）$", history, re.MULTILINE), history
    assert "recorded in the database: 2 facts" in run("history")
    exported = tmp_path / "facts.yaml"
    assert run("export", "-o", str(exported), "--lang", "zh") == f"已将79项事实写入{exported}\n"
    assert run("export", "-o", str(exported)) == f"wrote 79 facts to {exported}\n"
    assert run("import", str(exported), "--lang", "zh") == f"{exported}：新增0项；79项已存在\n"
    assert run("import", str(exported)) == f"{exported}: 0 added; 79 already present\n"


def test_adding_to_the_plan_confirms_in_the_language(run: Run, chinese: Check) -> None:
    said = run("add-meeting", "ws-extra", "--body", "wg2020", "--title-en", "Extra workshop",
               "--title-zh", "额外讲习班", "--type", "4", "--source", "CBD/WG2020/REC/2/1",
               "--announced", "2020-03-01", "--window", "2020-06..2020-07", "--lang", "zh")
    assert said == "已登记#1：自2020年3月1日起依据CBD/WG2020/REC/2/1将ws-extra列入计划\n"
    chinese(said, ("ws-extra",))
    english = run("add-output", "extra-report", "--title-en", "Extra report", "--title-zh", "额外报告",
                  "--responsible", "executive-secretary", "--mandate", "CBD/WG2020/REC/2/1 para 3",
                  "--source", "CBD/WG2020/REC/2/1", "--announced", "2020-03-02",
                  "--due-at", "ws-extra")
    assert english == ("recorded #2: extra-report added to the plan from 2020-03-02 by "
                       "CBD/WG2020/REC/2/1\n")


REFUSALS = [
    (("deliver", "wg2020-2-documents", "--on", "2020-01-01"),
     "error: wg2020-2-documents was already delivered on 2020-01-06 (fact "
     "2020-01-06-wg2020-2-documents-zero-draft); to correct it, name it with --corrects "
     "2020-01-06-wg2020-2-documents-zero-draft; nothing was recorded",
     "错误：wg2020-2-documents已于2020年1月6日登记交付（事实2020-01-06-wg2020-2-documents-zero-draft）；"
     "如需更正，请以--corrects 2020-01-06-wg2020-2-documents-zero-draft指明；未登记任何内容"),
    (("reschedule", "cop-15", "--announced", "2020-01-01"),
     "error: give the new dates (--opens and --closes, --window or --quarter), or a new --venue or "
     "--mode; nothing was recorded",
     "错误：请给出新日期（--opens和--closes、--window或--quarter），或新的--venue或--mode；未登记任何内容"),
    (("withdraw", "77", "--reason", "x", "--on", "2020-01-01"),
     "error: KEY: no fact has the key '77'; see `mandates history` for the keys; nothing was recorded",
     "错误：KEY：没有标识为77的事实；标识见`mandates history`；未登记任何内容"),
    (("held", "cop-15", "--on", "2020-13-01"),
     "error: --on: '2020-13-01' is not a real date (month must be in 1..12); nothing was recorded",
     "错误：--on：2020-13-01不是实际存在的日期；未登记任何内容"),
    (("add-output", "x-report", "--title-en", "X", "--title-zh", "X", "--responsible", "cop",
      "--mandate", "m", "--source", "CBD/X/1", "--announced", "2020-03-01"),
     "error: give exactly one of --due-before (with --weeks or --days), --due-at, --due-on; nothing "
     "was recorded",
     "错误：--due-before（连同--weeks或--days）、--due-at、--due-on须给出且只能给出其中一项；未登记任何内容"),
]


@pytest.mark.parametrize("index", range(len(REFUSALS)), ids=[r[0][0] for r in REFUSALS])
def test_refusals_in_the_language(index: int, run: Run, chinese: Check) -> None:
    args, english, zh = REFUSALS[index]
    assert run(*args, code=2).strip() == english
    said = run(*args, "--lang", "zh", code=2).strip()
    assert said == zh
    chinese(said, ("2020-13-01", "77", "x-report"))


def test_a_bad_facts_file_keeps_file_line_field(run: Run, chinese: Check, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text("facts:\n  - key: a\n    kind: delivered\n    subject: nosuch-report\n"
                     "    on: 2020-01-10\n", encoding="utf-8")
    english = run("import", str(facts), code=2)
    said = run("import", str(facts), "--lang", "zh", code=2)
    where = re.compile(rf"^{re.escape(str(facts))}:\d+: [\w\[\].-]+: ", re.MULTILINE)
    assert where.findall(english) and where.findall(english) == where.findall(said), (english, said)
    chinese(said, ("nosuch-report",))
    missing = run("import", str(tmp_path / "none.yaml"), "--lang", "zh", code=2)
    assert missing == (f"{tmp_path / 'none.yaml'}: 没有这个文件\n"
                       f"错误：{tmp_path / 'none.yaml'}中有1个问题；未登记任何内容\n")
    # the file is the user's, not the process configuration; its unknown subject is reported
    # with its other problem (no effective_on), not in a second round
    assert english.endswith(f"error: 3 problems in {facts}; nothing was recorded\n"), english
    assert f"{facts}:4: facts[a].subject: unknown output 'nosuch-report'" in english
