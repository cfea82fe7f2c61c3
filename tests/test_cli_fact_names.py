"""Naming facts across databases and within one, end to end through `mandates` (the bundled
process: its shipped history and amendment files), on SQLite and on PostgreSQL
(127.0.0.1:5432, db `test`; skipped without a server, a failure under CI=true).

A new user's trial found: an export imported into a colleague's database that had its own fact
#1 counted the delivery keyed '1' "already present" and lost it; after an import `history`'s #N
was not what `withdraw` took; `deliver --corrects` dropped the document symbol and source of
the delivery it corrected, and `show` hid the corrected fact; an import's refusal named the
option `--corrects` instead of the file's field `voids`. Dates are frozen (`--as-of`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import bundled_config_dir
from mandates.core.facts import Fact, FactKind, is_local_key
from mandates.store.db import Store

runner = CliRunner()
INF1 = "CBD/WG2020/2/INF/1"
INF1_SOURCE = "https://www.cbd.int/doc/c/inf-1"
AS_OF = "2020-03-01"


class Cli:
    """`mandates` against a copy of the bundled process and one database (`url`)."""

    def __init__(self, folder: Path, url: str) -> None:
        self.folder, self.url = folder, url

    def __call__(self, *args: str, code: int = 0, url: str | None = None) -> str:
        env = {"COLUMNS": "400", "MANDATES_DATABASE_URL": url or self.url}
        result = runner.invoke(app, [*args, "--config", str(self.folder)], env=env)
        assert result.exit_code == code, result.output
        return result.output

    def recorded(self, url: str | None = None) -> list[Fact]:
        store = Store(url or self.url)
        try:
            return store.facts("post2020")
        finally:
            store.dispose()

    def output(self, output_id: str, url: str | None = None) -> dict[str, Any]:
        data = json.loads(self("check", "--as-of", AS_OF, "--format", "json", url=url))
        return next(o for o in data["outputs"] if o["id"] == output_id)  # type: ignore[no-any-return]


@pytest.fixture(params=["sqlite", "postgres"])
def two_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases: a secretariat officer's and a colleague's."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'mine.db'}", f"sqlite:///{tmp_path / 'colleague.db'}"
        return
    first = request.getfixturevalue("postgres_url")
    from tests.conftest import postgres_schema

    second = postgres_schema()
    try:
        yield first, next(second)
    finally:
        next(second, None)


@pytest.fixture()
def process_folder(tmp_path: Path) -> Path:
    """A copy of the bundled process folder (founding file, amendments, shipped history)."""
    folder = tmp_path / "config"
    shutil.copytree(bundled_config_dir(), folder)
    return folder


@pytest.fixture()
def cli(process_folder: Path, two_urls: tuple[str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.chdir(tmp_path)
    return Cli(process_folder, two_urls[0])


def _the_trial(cli: Cli) -> None:
    """What the trial recorded: a delivery, SBI-3 postponed, the delivery's date corrected."""
    cli("deliver", "detailed-workplan", "--on", "2020-01-10", "--ref", INF1, "--source", INF1_SOURCE)
    cli("postpone", "sbi-3", "--announced", "2020-03-30")
    cli("deliver", "detailed-workplan", "--on", "2020-01-08", "--corrects", "#1")


def test_an_export_imported_where_fact_1_is_another_keeps_the_delivery(
        cli: Cli, two_urls: tuple[str, str], tmp_path: Path) -> None:
    _the_trial(cli)
    export = tmp_path / "one.yaml"
    cli("export", "-o", str(export))
    written = yaml.safe_load(export.read_text(encoding="utf-8"))["facts"]
    mine = [f for f in written if f["subject"] == "detailed-workplan"]
    assert len(mine) == 2 and not any(is_local_key(str(f["key"])) for f in written)
    correction = next(f for f in mine if f["effective_on"] == "2020-01-08")
    assert correction["voids"] == next(f for f in mine if f["effective_on"] == "2020-01-10")["key"]

    colleague = two_urls[1]
    cli("note", "wg2020-2", "Registration open", "--on", "2020-01-02", url=colleague)  # its own #1
    assert cli.output("detailed-workplan", colleague)["status"] == "overdue"
    added = cli("import", str(export), url=colleague)
    assert "3 added;" in added, added
    state = cli.output("detailed-workplan", colleague)
    assert state["status"] == "delivered" and state["delivered_on"] == "2020-01-08"
    assert "0 added;" in cli("import", str(export), url=colleague)  # the same facts, by key
    assert "0 added;" in cli("import", str(export))  # and where they were recorded


def test_an_export_of_0_3_0_keyed_by_row_numbers_is_read_as_the_other_databases(
        cli: Cli, two_urls: tuple[str, str], tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"  # as 0.3.0 exported the trial's facts: keys '1', '2', '3'
    old.write_text(f"""facts:
- key: '1'
  kind: delivered
  subject: detailed-workplan
  effective_on: '2020-01-10'
  source: {INF1_SOURCE}
  ref: {INF1}
  recorded_at: '2026-11-30T10:00:00+00:00'
- key: '2'
  kind: postponed
  subject: sbi-3
  effective_on: '2020-03-30'
  recorded_at: '2026-11-30T10:01:00+00:00'
- key: '3'
  kind: delivered
  subject: detailed-workplan
  effective_on: '2020-01-08'
  voids: '1'
  recorded_at: '2026-11-30T10:02:00+00:00'
""", encoding="utf-8")
    colleague = two_urls[1]
    cli("note", "wg2020-2", "Registration open", "--on", "2020-01-02", url=colleague)
    assert "3 added;" in cli("import", str(old), url=colleague)
    facts = cli.recorded(colleague)
    assert not any(is_local_key(f.key) for f in facts[1:])
    delivered, corrected = (next(f for f in facts if f.effective_on.isoformat() == day)
                            for day in ("2020-01-10", "2020-01-08"))
    assert corrected.voids == delivered.key and delivered.ref == INF1
    assert cli.output("detailed-workplan", colleague)["delivered_on"] == "2020-01-08"
    assert "0 added; 3 already present" in cli("import", str(old), url=colleague)


def test_a_key_that_names_a_different_fact_is_refused_with_file_line_and_field(
        cli: Cli, tmp_path: Path) -> None:
    cli("import", str(_file(tmp_path, "mine.yaml", """facts:
- key: ws-report
  kind: delivered
  subject: detailed-workplan
  effective_on: '2020-01-10'
""")))
    other = _file(tmp_path, "other.yaml", """facts:
- key: fine
  kind: note
  subject: wg2020-2
  effective_on: '2020-01-03'
  text: a note
- key: ws-report
  kind: note
  subject: sbi-3
  effective_on: '2020-01-04'
  text: another fact with the same key
""")
    before = cli.recorded()
    refused = cli("import", str(other), code=2)
    assert f"{other}:7: facts[ws-report].key: the key 'ws-report' already names a different " \
           "fact: #1 detailed-workplan: 2020-01-10 delivered" in refused
    assert "already present" not in refused and cli.recorded() == before


def test_an_import_refusal_names_the_field_voids_not_the_option(cli: Cli, tmp_path: Path) -> None:
    wrong = _file(tmp_path, "wrong.yaml", """facts:
- key: sbi-3-postponed
  kind: postponed
  subject: sbi-3
  effective_on: '2020-03-30'
- key: delivery
  kind: delivered
  subject: detailed-workplan
  effective_on: '2020-04-01'
  voids: sbi-3-postponed
""")
    refused = cli("import", str(wrong), code=2)
    assert f"{wrong}:6: facts[delivery].voids: 'sbi-3-postponed' is not a delivery of " \
           "'detailed-workplan'" in refused
    assert "--corrects" not in refused and cli.recorded() == []


def test_withdraw_and_corrects_take_the_number_history_shows(cli: Cli) -> None:
    store = Store(cli.url)  # what an import by 0.3.0 left: imported facts keyed by other numbers
    try:
        store.append("post2020", [
            _fact(FactKind.NOTE, "wg2020-2", "2020-01-02", text="own note"),  # #1, key '1'
            _fact(FactKind.DELIVERED, "detailed-workplan", "2020-01-10", key="3", ref=INF1),  # #2
            _fact(FactKind.NOTE, "wg2020-2", "2020-01-03", text="another"),  # #3, key '3.1'
            _fact(FactKind.POSTPONED, "sbi-3", "2020-03-30", key="2"),  # #4
        ])
    finally:
        store.dispose()
    history = cli("history")
    assert "#2 key 3 detailed-workplan" in history and "#4 key 2 sbi-3" in history
    ambiguous = cli("withdraw", "2", "--reason", "wrong", "--on", "2020-04-01", code=2)
    assert "KEY: 2 is both the key of #4 and the number of #2: say #2 or key:2" in ambiguous
    assert "recorded #5: sbi-3" in cli("withdraw", "#4", "--reason", "wrong", "--on", "2020-04-01")
    corrected = cli("deliver", "detailed-workplan", "--on", "2020-01-09", "--corrects", "#2")
    assert f"recorded #6: detailed-workplan: 2020-01-09 delivered as {INF1}" in corrected
    assert cli.recorded()[-1].voids == "3"
    missing = cli("withdraw", "#9", "--reason", "wrong", "--on", "2020-04-01", code=2)
    assert "no fact recorded in this database is #9" in missing
    assert "key:KEY" in cli("withdraw", "--help") and "#N" in cli("deliver", "--help")


def test_a_correction_keeps_what_it_does_not_change_and_show_lists_the_corrected(
        cli: Cli) -> None:
    _the_trial(cli)
    correction = cli.recorded()[-1]
    assert (correction.ref, correction.source, correction.voids) == (INF1, INF1_SOURCE, "1")
    shown = cli("show", "detailed-workplan", "--as-of", AS_OF)
    assert "no longer counts:" in shown
    assert f"#1 2020-01-10 delivered as {INF1} (source: {INF1_SOURCE}) — corrected by #3" in shown
    assert "已由#3更正" in cli("show", "detailed-workplan", "--as-of", AS_OF, "--lang", "zh")
    cli("deliver", "detailed-workplan", "--on", "2020-01-07", "--ref", "CBD/WG2020/2/INF/2",
        "--corrects", "#3")
    assert cli.recorded()[-1].ref == "CBD/WG2020/2/INF/2"  # given anew: the new one
    assert cli.recorded()[-1].source == INF1_SOURCE


def test_show_gives_a_delivery_only_its_own_source(cli: Cli) -> None:
    # mainstreaming-iag-report is due six weeks before SBI-3, whose dates a shipped fact with a
    # source (EnviroNews Nigeria) moved on 2020-03-23
    cli("deliver", "mainstreaming-iag-report", "--on", "2020-04-01")
    shown = cli("show", "mainstreaming-iag-report", "--as-of", "2020-05-01")
    status = next(line for line in shown.splitlines() if line.startswith("status as of"))
    assert status.endswith("— recorded"), status  # not the source of SBI-3's rescheduling
    assert "environewsnigeria" not in shown
    cli("deliver", "detailed-workplan", "--on", "2020-01-10", "--source", INF1_SOURCE)
    assert f"recorded (source: {INF1_SOURCE})" in cli("show", "detailed-workplan", "--as-of", AS_OF)


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _fact(kind: FactKind, subject: str, day: str, **fields: Any) -> Fact:
    import pendulum

    return Fact(kind, subject, pendulum.parse(day).date(),  # type: ignore[union-attr]
                pendulum.datetime(2026, 11, 30, tz="UTC"), **fields)
