"""Shipped history, `mandates import` and `mandates export` end to end on SQLite: shipped facts
count with no database write, importing twice adds nothing, an export imported into an empty
database gives the same facts (YAML and CSV), and bad files are refused with file:line."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.history import portable
from mandates.config.processes import bundled_config_dir
from mandates.core.facts import Fact
from mandates.store.db import Store

runner = CliRunner()

SHIPPED = """\
facts:
  - key: 2020-02-03-wg2020-2-rome
    kind: rescheduled
    subject: wg2020-2
    effective_on: 2020-02-03
    source: https://www.cbd.int/notifications/2020/ntf-2020-010-post2020-en.pdf
    opens: 2020-02-24
    closes: 2020-02-29
    venue: {en: "Rome, Italy (FAO headquarters)", zh: "意大利罗马（粮农组织总部）"}
  - key: 2020-03-10-sbstta-24-postponed
    kind: postponed
    subject: sbstta-24
    effective_on: 2020-03-10
    approximate: true
    source: https://www.cbd.int/notifications/2020/ntf-2020-024-en.pdf
"""

OWN_RECORDS = """\
facts:
  - key: 2020-01-10-documents
    kind: delivered
    subject: wg2020-2-documents
    effective_on: 2020-01-10
    ref: CBD/WG2020/2/3
  - kind: note
    subject: wg2020-2
    effective_on: 2020-02-04
    text: {en: "Registration open", zh: "注册已开放"}
  - key: 2020-02-03-wg2020-2-rome          # shipped already: the same fact
    kind: rescheduled
    subject: wg2020-2
    effective_on: 2020-02-03
    opens: 2020-02-24
    closes: 2020-02-29
    venue: {en: "Rome, Italy (FAO headquarters)", zh: "意大利罗马（粮农组织总部）"}
"""


class Cli:
    def __init__(self, folder: Path, url: str) -> None:
        self.folder, self.url = folder, url

    def __call__(self, *args: str, code: int = 0, url: str | None = None) -> str:
        result = runner.invoke(app, [*args, "--config", str(self.folder)],
                               env={"COLUMNS": "220", "MANDATES_DATABASE_URL": url or self.url})
        assert result.exit_code == code, result.output
        return result.output

    def recorded(self, url: str | None = None) -> list[Fact]:
        store = Store(url or self.url)
        try:
            return store.facts("post2020")
        finally:
            store.dispose()

    def check(self, as_of: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self("check", "--as-of", as_of, "--format", "json"))
        return data


@pytest.fixture()
def cli(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    folder = tmp_path / "config"
    folder.mkdir()
    shutil.copy(bundled_config_dir() / "post2020.yaml", folder / "post2020.yaml")
    (folder / "post2020.history.yaml").write_text(SHIPPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Cli(folder, sqlite_url)


def meeting(data: dict[str, Any], meeting_id: str) -> dict[str, Any]:
    return next(m for m in data["meetings"] if m["id"] == meeting_id)


def test_shipped_facts_count_without_a_database_write(cli: Cli) -> None:
    assert meeting(cli.check("2020-02-02"), "wg2020-2")["closes_on"] == "2020-02-28"
    rome = meeting(cli.check("2020-02-10"), "wg2020-2")
    assert (rome["closes_on"], rome["timezone"]) == ("2020-02-29", "Europe/Rome")
    assert meeting(cli.check("2020-04-01"), "sbstta-24")["status"] == "postponed"
    assert cli.recorded() == []
    history = cli("history")
    assert "shipped with the process" in history and "2 facts" in history
    assert "2020-02-03-wg2020-2-rome  wg2020-2: 2020-02-03 rescheduled" in history
    assert "source: https://www.cbd.int/notifications/2020/ntf-2020-024-en.pdf, date approximate" in history
    assert "no facts recorded" in history
    assert "2 shipped facts" in runner.invoke(app, ["validate", str(cli.folder)]).output


def test_a_bad_shipped_history_is_a_config_error(cli: Cli) -> None:
    broken = SHIPPED.replace("subject: sbstta-24", "subject: sbstta-42")
    (cli.folder / "post2020.history.yaml").write_text(broken, encoding="utf-8")
    output = cli("check", "--as-of", "2020-04-01", code=2)
    assert f"{cli.folder / 'post2020.history.yaml'}:12: facts[2020-03-10-sbstta-24-postponed].subject: " \
           "unknown meeting 'sbstta-42'; did you mean sbstta-24" in output


def test_import_twice_adds_nothing(cli: Cli, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(OWN_RECORDS, encoding="utf-8")
    first = cli("import", str(records))
    assert "2 added; 1 already present" in first
    assert [f.kind.value for f in cli.recorded()] == ["delivered", "note"]
    assert cli.recorded()[0].key == "2020-01-10-documents"
    again = cli("import", str(records))
    assert "0 added; 3 already present" in again
    assert len(cli.recorded()) == 2
    documents = next(o for o in cli.check("2020-01-12")["outputs"] if o["id"] == "wg2020-2-documents")
    assert documents["status"] == "delivered"


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_then_import_into_an_empty_database_gives_the_same_facts(cli: Cli, tmp_path: Path,
                                                                          fmt: str) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(OWN_RECORDS, encoding="utf-8")
    cli("import", str(records))
    cli("reschedule", "sbstta-24", "--quarter", "2021-Q1", "--tentative", "--venue", "Online",
        "--venue-zh", "线上", "--mode", "online", "--announced", "2020-10-09")
    cli("add-meeting", "wg2020-4", "--body", "wg2020", "--title-en", "WG2020-4",
        "--title-zh", "工作组第四次会议", "--opens", "2022-06-21", "--closes", "2022-06-26",
        "--venue", "Nairobi, Kenya", "--venue-zh", "肯尼亚内罗毕", "--type", "1",
        "--source", "CBD/WG2020/REC/3/1", "--announced", "2021-09-03")
    cli("note", "wg2020-4", "--on", "2022-01-10", "会期已确认", "--written-in", "zh")
    export = tmp_path / f"backup.{fmt}"
    assert "wrote 7 facts" in cli("export", "-o", str(export))
    assert export.stat().st_mode & 0o777 == 0o640  # the secretariat's file
    printed = cli("export", "--format", fmt)
    assert printed == export.read_text(encoding="utf-8")
    empty = f"sqlite:///{tmp_path / 'restored.db'}"
    assert "5 added; 2 already present" in cli("import", str(export), url=empty)

    def comparable(facts: list[Fact]) -> list[Fact]:
        # a fact recorded by command is keyed by its row number here, by its portable key in
        # the file and in the restored database (core.facts.portable_key)
        return [replace(f, id=None, amendment=None) for f in portable(facts)]

    assert comparable(cli.recorded(empty)) == comparable(cli.recorded())
    restored_amendment = cli.recorded(empty)[3].amendment
    assert restored_amendment is not None and restored_amendment.meetings[0].id == "wg2020-4"
    assert cli.check("2022-03-01") == json.loads(
        cli("check", "--as-of", "2022-03-01", "--format", "json", url=empty))


def test_a_bad_import_file_records_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("key,kind,subject,effective_on,venue_en\n"
                   "a,delivered,wg2020-2-documents,2020-01-10,\n"
                   "b,rescheduled,wg2020-2,2020-02-03,Atlantis\n", encoding="utf-8")
    output = cli("import", str(bad), code=2)
    assert f"{bad}:3: facts[b].timezone: is required: no known city in the venue 'Atlantis'" in output
    assert f"{bad}:3: facts[b].opens: " not in output
    assert cli.recorded() == []
    cli("import", str(tmp_path / "missing.yaml"), code=2)


def test_an_import_the_state_machine_refuses_names_file_line_and_key(cli: Cli, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text("facts:\n"
                       "  - {key: c, kind: cancelled, subject: wg2020-2, effective_on: 2020-01-20}\n"
                       "  - {key: r, kind: rescheduled, subject: wg2020-2, effective_on: 2020-02-03,\n"
                       "     opens: 2020-02-24, closes: 2020-02-29}\n", encoding="utf-8")
    output = cli("import", str(records), code=2)
    assert f"{records}:3: facts[r]: " in output and "nothing was recorded" in output
    assert cli.recorded() == []


def test_validate_judges_the_shipped_facts_with_their_lines(cli: Cli) -> None:
    broken = SHIPPED + ("  - {key: c, kind: cancelled, subject: sbstta-24, effective_on: 2020-03-01}\n"
                        "  - {key: again, kind: rescheduled, subject: sbstta-24, effective_on: 2020-04-01,\n"
                        "     opens: 2020-08-31, closes: 2020-09-04, venue: Ottawa}\n")
    history = cli.folder / "post2020.history.yaml"
    history.write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(cli.folder)])
    assert result.exit_code == 2
    assert f"{history}:{broken.count(chr(10)) - 1}: facts[again]: sbstta-24 was cancelled on 2020-03-01" \
        in result.output
