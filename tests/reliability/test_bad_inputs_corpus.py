"""The corpus of broken inputs of `test_bad_inputs.py` (issue 11, parts 2 and 3; no tests here),
generated rather than committed: broken process files (founding files, amendment files, folders) and bad
facts (command lines and facts files).

Each process case is `(name, build)`: `build(folder)` writes the files under `folder` and returns
the path to give as `--config`. Each fact case is `(name, args, files)`: the command line after
`mandates`, and the facts files it names (written under the case's folder first).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

QUIET = """process:
  id: quiet
  title: {en: "A quiet process", zh: "平静的进程"}
  source: TEST/1
  timezone: America/Toronto
  last_meeting: plenary
  due_soon_days: 14
  report_lag_days: {1: 0, 2: 14}
bodies:
  - {id: secretariat, name: {en: "Secretariat", zh: "秘书处"}}
meetings:
  - id: plenary
    title: {en: "Plenary", zh: "全体会议"}
    body: secretariat
    opens: 2020-03-02
    closes: 2020-03-06
    type: 1
  - id: workshop
    title: {en: "Workshop", zh: "讲习班"}
    body: secretariat
    window: {from: 2020-01, to: 2020-02}
    type: 4
outputs:
  - id: report
    title: {en: "Report", zh: "报告"}
    responsible: secretariat
    mandate: TEST/1 para 1
    due: {before: plenary, weeks: 6}
    for: plenary
  - id: survey
    title: {en: "Survey", zh: "调查"}
    responsible: secretariat
    mandate: TEST/1 para 2
    due: {on: 2020-01-15}
  - id: updates
    title: {en: "Updates", zh: "最新情况"}
    responsible: secretariat
    mandate: TEST/1 para 3
    due: {every: {months: 3}, from: 2020-01-31, until: 2021-12-31}
"""
"""A valid process (its dates in 2020: its span is 2010-01-01..2050-12-31)."""

AMENDMENT = """amendment:
  id: more-work
  process: quiet
  symbol: TEST/2
  kind: decision
  effective_on: 2020-02-01
add:
  meetings:
    - id: extra
      title: {en: "Extra session", zh: "特别会议"}
      body: secretariat
      opens: 2020-06-01
      closes: 2020-06-03
      type: 1
"""
"""A valid amendment file of QUIET."""

Build = Callable[[Path], Path]


def _founding(text: str) -> Build:
    def build(folder: Path) -> Path:
        path = folder / "quiet.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return build


def _raw(data: bytes) -> Build:
    def build(folder: Path) -> Path:
        path = folder / "quiet.yaml"
        path.write_bytes(data)
        return path
    return build


def _amended(text: str, founding: str = QUIET) -> Build:
    def build(folder: Path) -> Path:
        path = folder / "quiet.yaml"
        path.write_text(founding, encoding="utf-8")
        (folder / "quiet.amendments").mkdir()
        (folder / "quiet.amendments" / "001.yaml").write_text(text, encoding="utf-8")
        return path
    return build


def _folder(*texts: str, names: tuple[str, ...] = ()) -> Build:
    def build(folder: Path) -> Path:
        for index, text in enumerate(texts):
            name = names[index] if index < len(names) else f"p{index}.yaml"
            (folder / name).write_text(text, encoding="utf-8")
        return folder
    return build


def _huge(folder: Path) -> Path:
    """A process file of 33 MiB (over the 32 MiB limit): valid YAML, refused before it is read."""
    path = folder / "quiet.yaml"
    item = ("  - {id: o%d, title: {en: a, zh: b}, responsible: secretariat, mandate: x, "
            "due: {before: plenary, weeks: 1}}\n")
    with path.open("w", encoding="utf-8") as out:
        out.write(QUIET)
        index = 0
        while out.tell() < 33 * 1024 * 1024:
            out.write("".join(item % n for n in range(index, index + 10_000)))
            index += 10_000
    return path


def process_cases() -> list[tuple[str, Build]]:
    """At least 100 broken processes, by kind."""
    cases: list[tuple[str, Build]] = []
    # control characters (C0, DEL, C1), in a title, an id, a comment, an amendment file
    controls = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x80, 0x84, 0x86, 0x9F]
    for code in controls:
        cases.append((f"control U+{code:04X} in a title",
                      _founding(QUIET.replace("A quiet process", f"A quiet{chr(code)} process"))))
    cases.append(("NUL in an id", _founding(QUIET.replace("id: plenary", "id: plen\x00ary"))))
    cases.append(("ESC sequence in a comment", _founding("# \x1b[2J\n" + QUIET)))
    cases.append(("DEL in an amendment", _amended(AMENDMENT.replace("TEST/2", "TEST\x7f/2"))))
    cases.append(("not UTF-8", _raw(QUIET.replace("平静的进程", "X").encode("utf-8")
                                    + "  # caf\xe9\n".encode("latin-1"))))
    # ids: the pattern matched whole, and a length every column and file name respects
    for where in ("id: quiet", "id: plenary", "id: report", "id: secretariat"):
        name = where.split()[1]
        for bad, label in ((f'"{name}\\n"', "a trailing newline"), (f'" {name}"', "a leading space"),
                           (name.upper(), "capitals"), (f"{name}_x", "an underscore"),
                           (f"{name}--x", "a double hyphen"), (f"-{name}", "a leading hyphen"),
                           (f"{name}é", "an accent"), ("x" * 101, "101 characters"),
                           ("x" * 201, "201 characters"), ("b" * 329, "329 characters")):
            cases.append((f"{where.split(':')[0]} of {name} with {label}",
                          _founding(QUIET.replace(where, f"id: {bad}", 1))))
    cases.append(("amendment id with a newline",
                  _amended(AMENDMENT.replace("id: more-work", 'id: "more-work\\n"'))))
    cases.append(("amendment id of 300 characters",
                  _amended(AMENDMENT.replace("id: more-work", "id: " + "m" * 300))))
    # the same process id in two files of one folder
    cases.append(("duplicate process ids", _folder(QUIET, QUIET.replace("A quiet", "Another"))))
    cases.append(("duplicate process ids, .yml", _folder(QUIET, QUIET, names=("a.yaml", "b.yml"))))
    cases.append(("duplicate process ids among three", _folder(
        QUIET, QUIET.replace("id: quiet", "id: other"), QUIET)))
    # a second YAML document
    cases.append(("second document", _founding(QUIET + "---\nprocess: {id: other}\n")))
    cases.append(("second document after an end marker", _founding(QUIET + "...\n---\nx: 1\n")))
    cases.append(("second document in the middle", _founding(
        QUIET.replace("bodies:", "---\nbodies:"))))
    cases.append(("second document in an amendment", _amended(AMENDMENT + "---\nadd: {}\n")))
    # dates outside the years 1990..2200, and outside the span of the process (2010..2050)
    # (a founding file's earliest date sets the span: an early one moves it, a late one is out)
    for bad in ("0001-01-01", "1900-03-02", "1989-12-31", "2051-01-01", "2199-12-31",
                "2201-01-01", "9999-12-31"):
        cases.append((f"meeting opens {bad}", _founding(
            QUIET.replace("opens: 2020-03-02", f"opens: {bad}").replace(
                "closes: 2020-03-06", f"closes: {bad}"))))
        cases.append((f"due on {bad}", _founding(QUIET.replace("on: 2020-01-15", f"on: {bad}"))))
    for bad in ("0001", "9999", "2070"):
        cases.append((f"window in {bad}", _founding(
            QUIET.replace("{from: 2020-01, to: 2020-02}", f"{{from: {bad}-01, to: {bad}-02}}"))))
        cases.append((f"quarter in {bad}", _founding(
            QUIET.replace("{from: 2020-01, to: 2020-02}", f"{{quarter: {bad}-Q1}}"))))
        cases.append((f"every until {bad}", _founding(
            QUIET.replace("until: 2021-12-31", f"until: {bad}-12-31"))))
    for bad in ("1900-01-01", "2009-12-31", "2099-01-01", "9999-12-31"):
        cases.append((f"amendment effective {bad}", _amended(
            AMENDMENT.replace("effective_on: 2020-02-01", f"effective_on: {bad}"))))
        cases.append((f"amendment meeting on {bad}", _amended(
            AMENDMENT.replace("opens: 2020-06-01", f"opens: {bad}").replace(
                "closes: 2020-06-03", f"closes: {bad}"))))
    # bad numbers
    for bad in ("-5", "366", "100000000000000000000", "abc", "1.5"):
        cases.append((f"due_soon_days {bad}", _founding(
            QUIET.replace("due_soon_days: 14", f"due_soon_days: {bad}"))))
    for bad in ("-1", "99999"):
        cases.append((f"report lag {bad}", _founding(QUIET.replace("2: 14}", f"2: {bad}}}"))))
    for field, bad in (("weeks", "-1"), ("weeks", "521"), ("weeks", "1e9")):
        cases.append((f"{field} {bad}", _founding(QUIET.replace("weeks: 6", f"{field}: {bad}"))))
    cases.append(("days 3651", _founding(QUIET.replace("weeks: 6", "days: 3651"))))
    for bad in ("0", "121", "-3"):
        cases.append((f"every months {bad}", _founding(QUIET.replace("months: 3", f"months: {bad}"))))
    for bad in ("0", "6", "-1"):
        cases.append((f"meeting type {bad}", _founding(QUIET.replace("type: 1", f"type: {bad}", 1))))
    # size and many errors
    cases.append(("33 MiB file", _huge))
    many = QUIET + "".join(f"  - {{id: o{i}, title: {{en: a, zh: b}}, responsible: nobody, "
                           "mandate: x, due: {before: plenary, weeks: 1}}\n" for i in range(2000))
    cases.append(("2000 errors", _founding(many)))
    cases.append(("malformed YAML", _founding(QUIET.replace("bodies:", "bodies: [", 1))))
    cases.append(("empty file", _founding("")))
    return cases


def fact_cases(folder: Path) -> list[tuple[str, list[str]]]:
    """At least 50 bad facts, against the bundled process (its span: 2009-01-01..2049-12-31):
    command lines, and import files written under `folder`. The database holds the facts of
    `seed_facts` first (cop-15 cancelled on 2020-03-01)."""
    cases: list[tuple[str, list[str]]] = []
    for bad in ("9999-12-31", "0001-01-01", "1900-01-01", "2008-12-31", "2050-01-01", "2199-01-01",
                "2021-02-30", "2021-1-5", "yesterday", "", "２０２１-01-01"):
        cases.append((f"deliver on {bad!r}", ["deliver", "wg2020-1-outcome", "--on", bad]))
    cases += [
        ("deliver unknown output", ["deliver", "no-such-output", "--on", "2021-01-01"]),
        ("deliver id with newline", ["deliver", "wg2020-1-outcome\n", "--on", "2021-01-01"]),
        ("deliver id of 300 characters", ["deliver", "x" * 300, "--on", "2021-01-01"]),
        ("deliver corrects unknown key", ["deliver", "wg2020-1-outcome", "--on", "2021-01-01",
                                          "--corrects", "nope"]),
        ("deliver ref of 5000 characters", ["deliver", "sbi-3-recs-mainstreaming", "--on",
                                            "2021-01-01", "--ref", "r" * 5000]),
        ("receive on 9999", ["receive", "mainstreaming-iag-report", "--on", "9999-01-01"]),
        ("reschedule to 9999", ["reschedule", "wg2020-3", "--opens", "9999-12-30", "--closes",
                                "9999-12-31", "--announced", "2020-01-02"]),
        ("reschedule to year 1", ["reschedule", "wg2020-3", "--opens", "0001-01-01", "--closes",
                                  "0001-01-02", "--announced", "2020-01-02"]),
        ("reschedule to 2060", ["reschedule", "wg2020-3", "--opens", "2060-01-01", "--closes",
                                "2060-01-02", "--announced", "2020-01-02"]),
        ("reschedule announced 2100", ["reschedule", "wg2020-3", "--opens", "2021-01-01",
                                       "--closes", "2021-01-02", "--announced", "2100-01-02"]),
        ("reschedule closes before opens", ["reschedule", "wg2020-3", "--opens", "2021-01-05",
                                            "--closes", "2021-01-01", "--announced", "2020-01-02"]),
        ("reschedule opens alone", ["reschedule", "wg2020-3", "--opens", "2021-01-05",
                                    "--announced", "2020-01-02"]),
        ("reschedule window month 13", ["reschedule", "wg2020-3", "--window", "2021-13",
                                        "--announced", "2020-01-02"]),
        ("reschedule window in 9999", ["reschedule", "wg2020-3", "--window", "9999-01..9999-02",
                                       "--announced", "2020-01-02"]),
        ("reschedule quarter 5", ["reschedule", "wg2020-3", "--quarter", "2021-Q5",
                                  "--announced", "2020-01-02"]),
        ("reschedule window and quarter", ["reschedule", "wg2020-3", "--quarter", "2021-Q1",
                                           "--window", "2021-01", "--announced", "2020-01-02"]),
        ("reschedule unknown zone", ["reschedule", "wg2020-3", "--venue", "Olympus Mons",
                                     "--timezone", "Mars/Olympus", "--announced", "2020-01-02"]),
        ("reschedule part 0", ["reschedule", "wg2020-3", "--part", "0", "--opens", "2021-01-01",
                               "--closes", "2021-01-02", "--announced", "2020-01-02"]),
        ("reschedule part 100", ["reschedule", "wg2020-3", "--part", "100", "--opens",
                                 "2021-01-01", "--closes", "2021-01-02", "--announced", "2020-01-02"]),
        ("reschedule part -1", ["reschedule", "wg2020-3", "--part", "-1", "--opens", "2021-01-01",
                                "--closes", "2021-01-02", "--announced", "2020-01-02"]),
        ("reschedule of a cancelled meeting", ["reschedule", "cop-15", "--opens", "2021-05-01",
                                               "--closes", "2021-05-10", "--announced", "2020-03-05"]),
        ("reschedule unknown meeting", ["reschedule", "cop-99", "--opens", "2021-05-01",
                                        "--closes", "2021-05-10", "--announced", "2020-03-05"]),
        ("postpone of a cancelled meeting", ["postpone", "cop-15", "--announced", "2020-03-05"]),
        ("postpone window backwards", ["postpone", "wg2020-3", "--window", "2021-05..2021-01",
                                       "--announced", "2020-03-05"]),
        ("postpone on 9999", ["postpone", "wg2020-3", "--announced", "9999-03-05"]),
        ("split without a part", ["split", "wg2020-3", "--opens", "2021-05-01", "--closes",
                                  "2021-05-10", "--announced", "2020-03-05"]),
        ("split in 9999", ["split", "wg2020-3", "--part", "2", "--opens", "9999-05-01", "--closes",
                           "9999-05-10", "--announced", "2020-03-05"]),
        ("held before it opens", ["held", "wg2020-3", "--on", "2019-09-01"]),
        ("held on 9999", ["held", "wg2020-3", "--on", "9999-09-01"]),
        ("cancel a cancelled meeting", ["cancel", "cop-15", "--announced", "2020-03-05"]),
        ("cancel unknown", ["cancel", "nothing-here", "--announced", "2020-03-05"]),
        ("cancel on 1900", ["cancel", "wg2020-3", "--announced", "1900-03-05"]),
        ("withdraw unknown key", ["withdraw", "no-such-key", "--on", "2020-03-05", "--reason", "x"]),
        ("waive without reason", ["waive", "wg2020-1-outcome", "--on", "2020-03-05"]),
        ("note without text", ["note", "wg2020-3", "   ", "--on", "2020-03-05"]),
        ("add-meeting with a bad id", ["add-meeting", "Bad Id", "--body", "cop", "--title-en",
                                       "x", "--title-zh", "x", "--type", "1", "--source", "X",
                                       "--announced", "2020-03-05", "--tbd"]),
        ("add-meeting id of 300", ["add-meeting", "m" * 300, "--body", "cop", "--title-en", "x",
                                   "--title-zh", "x", "--type", "1", "--source", "X",
                                   "--announced", "2020-03-05", "--tbd"]),
        ("add-meeting id with newline", ["add-meeting", "new-one\n", "--body", "cop", "--title-en",
                                         "x", "--title-zh", "x", "--type", "1", "--source", "X",
                                         "--announced", "2020-03-05", "--tbd"]),
        ("add-meeting in 2099", ["add-meeting", "late-one", "--body", "cop", "--title-en", "x",
                                 "--title-zh", "x", "--type", "1", "--source", "X",
                                 "--announced", "2020-03-05", "--opens", "2099-01-01",
                                 "--closes", "2099-01-02"]),
        ("add-meeting type 9", ["add-meeting", "typed", "--body", "cop", "--title-en", "x",
                                "--title-zh", "x", "--type", "9", "--source", "X",
                                "--announced", "2020-03-05", "--tbd"]),
        ("add-output weeks -1", ["add-output", "new-doc", "--title-en", "x", "--title-zh", "x",
                                 "--responsible", "cop", "--mandate", "m", "--source", "X",
                                 "--announced", "2020-03-05", "--due-before", "cop-15",
                                 "--weeks", "-1"]),
        ("add-output days 99999", ["add-output", "new-doc", "--title-en", "x", "--title-zh", "x",
                                   "--responsible", "cop", "--mandate", "m", "--source", "X",
                                   "--announced", "2020-03-05", "--due-before", "cop-15",
                                   "--days", "99999"]),
        ("add-output due on 9999", ["add-output", "new-doc", "--title-en", "x", "--title-zh", "x",
                                    "--responsible", "cop", "--mandate", "m", "--source", "X",
                                    "--announced", "2020-03-05", "--due-on", "9999-01-01"]),
        ("check due soon -5", ["check", "--due-soon", "-5", "--as-of", "2021-01-01"]),
        ("check due soon huge", ["check", "--due-soon", "1000000000000", "--as-of", "2021-01-01"]),
        ("check as of 9999", ["check", "--as-of", "9999-01-01"]),
        ("check as of year 1", ["check", "--as-of", "0001-01-01"]),
        ("check as of nonsense", ["check", "--as-of", "soon"]),
    ]
    files = {
        "dated 9999": "facts:\n  - {key: k1, kind: delivered, subject: wg2020-1-outcome, "
                      "effective_on: 9999-01-01}\n",
        "dated 2060": "facts:\n  - {key: k1, kind: delivered, subject: wg2020-1-outcome, "
                      "effective_on: 2060-01-01}\n",
        "rescheduled to year 1": "facts:\n  - {key: k1, kind: rescheduled, subject: wg2020-3, "
                                 "effective_on: 2020-01-01, opens: 0001-01-01, closes: 0001-01-02}\n",
        "unknown subject": "facts:\n  - {key: k1, kind: delivered, subject: nothing, "
                           "effective_on: 2020-01-01}\n",
        "unknown kind": "facts:\n  - {key: k1, kind: exploded, subject: wg2020-3, "
                        "effective_on: 2020-01-01}\n",
        "key of 300": "facts:\n  - {key: " + "k" * 300 + ", kind: delivered, "
                      "subject: wg2020-1-outcome, effective_on: 2020-01-01}\n",
        "control character": "facts:\n  - {key: k1, kind: note, subject: wg2020-3, "
                             "effective_on: 2020-01-01, text: \"a\x1b[2Jb\"}\n".replace('"', ""),
        "key with a newline": "facts:\n  - {key: \"k1\\n\", kind: delivered, "
                              "subject: wg2020-1-outcome, effective_on: 2020-01-01}\n",
        "second document": "facts: []\n---\nfacts:\n  - {key: k1, kind: delivered, "
                           "subject: wg2020-1-outcome, effective_on: 2020-01-01}\n",
        "rescheduling a cancelled meeting": "facts:\n  - {key: k1, kind: rescheduled, "
                                            "subject: cop-15, effective_on: 2020-04-01, "
                                            "opens: 2021-01-01, closes: 2021-01-02}\n",
        "2000 bad facts": "facts:\n" + "".join(
            f"  - {{key: k{i}, kind: delivered, subject: nothing-{i}, effective_on: 2020-01-01}}\n"
            for i in range(2000)),
    }
    for name, text in files.items():
        path = folder / f"{name.replace(' ', '-')}.yaml"
        path.write_text(text, encoding="utf-8")
        cases.append((f"import: {name}", ["import", str(path)]))
    csv = folder / "bad.csv"
    csv.write_text("key,kind,subject,effective_on\nk1,delivered,wg2020-1-outcome,9999-01-01\n",
                   encoding="utf-8")
    cases.append(("import: csv dated 9999", ["import", str(csv)]))
    return cases
