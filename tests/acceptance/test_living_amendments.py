"""Issue 9, "Build" 1 and 7: amendment files reviewed like the founding file, and facts loaded,
dumped and restored with `mandates import` / `mandates export` (YAML and CSV).

- a bad amendment file is refused with every error as `file:line` naming the field, by `validate`,
  `check` and `feeds` alike, and nothing is written;
- an amendment is in the plan from its effective date, not before (adds a meeting, changes an
  output's due rule, retires a meeting and its output, which stay in the plan as cancelled);
- importing the same file twice adds nothing; a bad fact file is refused with file:line and field
  and imports nothing; the CSV form of a file imports to the same facts as its YAML form;
- export -> import -> export round-trips (YAML and CSV), and the check of the restored database
  is the same as the original's.

Every test uses a fresh SQLite database and a copy of the bundled config folder without the shipped
history (the founding plan), to which the test adds its own amendment files.

Assumptions (names the spec leaves open):
- amendment files are read from `post2020.amendments/` next to the process file given by `--config`;
  `mandates validate FILE` validates the process with its amendments;
- errors are printed as `FILE:LINE: field: message` (or with the path leading to the field), the
  file named by its name at least; `import FILE` prints how many facts were added and how many were
  already present (numbers in its output); `export --format yaml|csv -o PATH` writes the file;
- `export` dumps the facts of the database (this test gives no shipped history); a fact recorded
  by command is exported with a `key` (its id as text), which `import` keeps;
- commands print `#ID` for the fact they record, as today (`recorded #3: ...`); `withdraw` takes that
  id as the key;
- a retired output's `reason_code` is `retired`; a retired meeting's status is `cancelled`.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .living import readers as r
from .living.runner import DATA, User, founding_copy, sqlite_user

AMENDMENT_FILES = DATA / "amendments"
FACT_FILES = DATA / "facts"


@pytest.fixture()
def config(tmp_path: Path) -> Path:
    """A fresh copy of the founding plan, for a test to add amendment files to."""
    return founding_copy(tmp_path / "config")


def with_amendments(config: Path, *names: str) -> Path:
    folder = config.parent / "post2020.amendments"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(AMENDMENT_FILES / name, folder / name)
    return folder


def line_of(path: Path, marker: str) -> int:
    """The line (from 1) of the file that holds `marker`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


# --------------------------------------------------------------------------------------------
# Amendment files.

BAD = {"kind: recomendation": "kind", "effective_on: 2022-03-32": "effective_on",
       "mode: in-persn": "mode", "id: no-such-output": "no-such-output"}


def assert_names_every_error(output: str, path: Path, bad: dict[str, str]) -> None:
    for marker, field in bad.items():
        line = line_of(path, marker)
        located = [text for text in output.splitlines()
                   if re.search(rf"{re.escape(path.name)}:{line}\b", text)]
        assert located, f"no error at {path.name}:{line} ({marker}):\n{output}"
        assert any(field in text for text in located), f"{path.name}:{line} does not name {field}:\n{output}"


def test_a_bad_amendment_file_gives_file_line_errors_naming_the_field(
        config: Path, tmp_path: Path) -> None:
    folder = with_amendments(config, "001-bad.yaml")
    bad = folder / "001-bad.yaml"
    user = sqlite_user(tmp_path / "user")
    refused = user.refused("validate", str(config))
    assert_names_every_error(refused.output, bad, BAD)
    assert "recommendation" in refused.output  # the valid choices are named

    with_config = User(user.database_url, config)
    assert_names_every_error(with_config.refused("check", "--as-of", "2022-04-01").output, bad, BAD)
    out = tmp_path / "calendars"
    with_config.refused("feeds", "--as-of", "2022-04-01", "--out", str(out))
    assert not out.exists() or not any(out.iterdir()), "feeds were written from an invalid plan"


def test_an_amendment_effective_later_is_not_in_the_plan_before(config: Path, tmp_path: Path) -> None:
    with_amendments(config, "010-wg2020-3-rec-3.yaml")
    user = sqlite_user(tmp_path / "user", config)
    user.ok("validate", str(config))  # the amendment file is valid, as reviewed
    before = user.check("2022-03-28")
    assert "wg2020-4" not in r.meetings(before)
    assert r.output(before, "wg2020-3-framework-text")["due"] == "2020-07-31"  # at WG2020-3, Cali

    after = user.check("2022-03-29")
    nairobi = r.meeting(after, "wg2020-4")
    assert (nairobi["opens_on"], nairobi["closes_on"]) == ("2022-06-21", "2022-06-26")
    assert "Nairobi" in r.venue_en(nairobi) and nairobi["timezone"] == "Africa/Nairobi"
    assert nairobi["mode"] == "in-person"
    assert r.output(after, "wg2020-3-framework-text")["due"] == "2022-06-26"  # now at WG2020-4
    # And a check as of the earlier date is what it was.
    assert user.check("2022-03-28") == before


def test_a_retired_meeting_stays_in_the_plan_as_cancelled(config: Path, tmp_path: Path) -> None:
    with_amendments(config, "020-retire-ws-synergies.yaml")
    user = sqlite_user(tmp_path / "user", config)
    before = user.check("2020-12-31")
    assert r.meeting_status(r.meeting(before, "ws-synergies")) == "unscheduled"
    assert r.output(before, "ws-synergies-outcome")["status"] != "cancelled"
    after = user.check("2021-01-01")
    assert r.meeting_status(r.meeting(after, "ws-synergies")) == "cancelled"
    outcome = r.output(after, "ws-synergies-outcome")
    assert outcome["status"] == "cancelled" and outcome["reason_code"] == "retired"
    assert "ws-synergies-outcome" not in {li["id"] for li in after["late_inputs"]}


# --------------------------------------------------------------------------------------------
# Import and export.


def exported(user: User, tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"export-{len(list(tmp_path.glob('export-*')))}.{fmt}"
    user.ok("export", "--format", fmt, "-o", str(path))
    assert path.exists(), f"export --format {fmt} -o {path} wrote nothing"
    return path


def yaml_facts(path: Path) -> list[dict[str, Any]]:
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"] or []
    return sorted(facts, key=lambda fact: str(fact["key"]))


def csv_rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return sorted(rows, key=lambda row: row["key"])


DATES = ("2020-02-10", "2020-04-01", "2020-12-01", "2021-07-01")


def checks(user: User) -> list[dict[str, Any]]:
    return [user.check(as_of) for as_of in DATES]


def test_importing_the_same_file_twice_adds_nothing(config: Path, tmp_path: Path) -> None:
    user = sqlite_user(tmp_path / "user", config)
    source = FACT_FILES / "facts-2020.yaml"
    first = user.ok("import", str(source))
    assert re.search(r"\b6\b", first.output) and "added" in first.output, first.output
    once = checks(user)
    facts_once = yaml_facts(exported(user, tmp_path, "yaml"))
    assert len(facts_once) == 6
    assert {f["key"] for f in facts_once} == {f["key"] for f in yaml_facts(source)}

    second = user.ok("import", str(source))
    assert re.search(r"\b0\b", second.output) and "already" in second.output, second.output
    assert yaml_facts(exported(user, tmp_path, "yaml")) == facts_once
    assert checks(user) == once
    # What the file says is what the check shows.
    rome = r.meeting(once[0], "wg2020-2")
    assert "Rome" in r.venue_en(rome) and rome["venue"]["zh"] == "意大利罗马（粮农组织总部）"
    assert rome["timezone"] == "Europe/Rome" and rome["closes_on"] == "2020-02-29"
    sbstta = r.meeting(once[2], "sbstta-24")
    assert (sbstta["window"]["earliest"], sbstta["window"]["latest"]) == ("2021-01-01", "2021-03-31")


def test_the_csv_form_of_a_file_imports_the_same_facts(config: Path, tmp_path: Path) -> None:
    from_yaml = sqlite_user(tmp_path / "yaml", config)
    from_yaml.ok("import", str(FACT_FILES / "facts-2020.yaml"))
    from_csv = sqlite_user(tmp_path / "csv", config)
    from_csv.ok("import", str(FACT_FILES / "facts-2020.csv"))
    assert checks(from_csv) == checks(from_yaml)
    # Each import stamps `recorded_at` with its own clock (the files give none): every other field
    # of every fact is the same, and each fact has its stamp.
    csv_facts = yaml_facts(exported(from_csv, tmp_path, "yaml"))
    yaml_twin = yaml_facts(exported(from_yaml, tmp_path, "yaml"))
    assert all(fact.get("recorded_at") for fact in (*csv_facts, *yaml_twin))
    assert without_clock(csv_facts) == without_clock(yaml_twin)


def without_clock(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts without `recorded_at`, the time of the import that stored them."""
    return [{key: value for key, value in fact.items() if key != "recorded_at"} for fact in facts]


def test_a_bad_fact_file_names_file_line_and_field_and_imports_nothing(
        config: Path, tmp_path: Path) -> None:
    user = sqlite_user(tmp_path / "user", config)
    empty = checks(user)
    bad = FACT_FILES / "bad-facts.yaml"
    refused = user.refused("import", str(bad))
    assert_names_every_error(refused.output, bad,
                             {"kind: resheduled": "kind", "effective_on: 2020-13-24": "effective_on"})
    assert checks(user) == empty  # not even the good fact of the file
    assert yaml_facts(exported(user, tmp_path, "yaml")) == []


def record_a_history(user: User) -> None:
    """Facts of every kind the commands record, in both languages, plus an imported file."""
    user.ok("import", str(FACT_FILES / "facts-2020.yaml"))
    user.ok("reschedule", "consult-capacity-building", "--opens", "2020-03-01", "--closes",
            "2020-03-02", "--venue", "Rome, Italy (FAO headquarters)",
            "--venue-zh", "意大利罗马（粮农组织总部）", "--announced", "2020-02-03")
    user.ok("waive", "zero-draft-overview", "--on", "2020-01-03", "--reason",
            "由预稿本身取代", "--written-in", "zh")
    mistaken = user.ok("deliver", "detailed-workplan", "--on", "2020-01-20", "--ref", "CBD/WG2020/2/INF/1")
    key = re.search(r"#(\d+)", mistaken.output)
    assert key, mistaken.output
    user.ok("withdraw", key.group(1), "--reason", "Recorded against the wrong output",
            "--on", "2020-01-25")
    user.ok("held", "wg2020-2", "--on", "2020-02-29")
    user.ok("postpone", "wg2020-3", "--announced", "2020-03-23")
    user.ok("reschedule", "wg2020-3", "--part", "1", "--opens", "2021-08-23", "--closes",
            "2021-09-03", "--mode", "online", "--announced", "2021-06-01")
    user.ok("reschedule", "cop-15", "--opens", "2021-10-11", "--closes", "2021-10-24",
            "--announced", "2021-03-19")
    user.ok("split", "cop-15", "--part", "2", "--opens", "2022-04-25", "--closes", "2022-05-08",
            "--venue", "Kunming, China", "--announced", "2021-08-18")
    user.ok("note", "cop-15", "--on", "2021-08-18", "Part one online and in Kunming.")


def test_export_then_import_round_trips_in_yaml(config: Path, tmp_path: Path) -> None:
    original = sqlite_user(tmp_path / "original", config)
    record_a_history(original)
    dump = exported(original, tmp_path, "yaml")
    restored = sqlite_user(tmp_path / "restored", config)
    restored.ok("import", str(dump))
    assert yaml_facts(exported(restored, tmp_path, "yaml")) == yaml_facts(dump)
    assert checks(restored) == checks(original)
    assert restored.check("2021-10-16") == original.check("2021-10-16")


def test_export_then_import_round_trips_in_csv(config: Path, tmp_path: Path) -> None:
    original = sqlite_user(tmp_path / "original", config)
    record_a_history(original)
    dump = exported(original, tmp_path, "csv")
    header = dump.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"key", "kind", "subject", "effective_on", "venue_en", "venue_zh", "text_en",
            "text_zh"} <= set(header), header
    restored = sqlite_user(tmp_path / "restored", config)
    restored.ok("import", str(dump))
    assert csv_rows(exported(restored, tmp_path, "csv")) == csv_rows(dump)
    assert checks(restored) == checks(original)
