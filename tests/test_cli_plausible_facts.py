"""Facts that cannot have happened as recorded are refused, saying why, and nothing is recorded;
meetings added twice and venues' Chinese forms (the bundled process with its shipped history,
end to end on SQLite; dates frozen: `--as-of`, and today set where it matters).

A new user's trial recorded without a word: WG2020-3 held on 2 April 2020 when it had been
postponed without dates; a delivery dated 2030; sbi-3-recs-gender delivered in January 2019,
sixteen months before SBI-3 was to adopt it. Adding a meeting twice named an internal key;
`--venue Online` printed a note that it had no Chinese form (线上 is known), and that note came
before commands that then failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pendulum
import pytest
import yaml
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import bundled_config_dir
from mandates.core.facts import Fact, FactKind
from mandates.store.db import Store

runner = CliRunner()
BUREAU = ("add-meeting", "bureau-2020-05", "--body", "cop-bureau", "--title-en", "COP Bureau",
          "--title-zh", "缔约方大会主席团会议", "--type", "5", "--source", "notification 2020-040",
          "--announced", "2020-04-01", "--opens", "2020-05-05", "--closes", "2020-05-05")


class Cli:
    def __init__(self, folder: Path, url: str) -> None:
        self.folder, self.url = folder, url

    def __call__(self, *args: str, code: int = 0) -> str:
        env = {"COLUMNS": "400", "MANDATES_DATABASE_URL": self.url}
        result = runner.invoke(app, [*args, "--config", str(self.folder)], env=env)
        assert result.exit_code == code, result.output
        return result.output

    def recorded(self) -> list[Fact]:
        store = Store(self.url)
        try:
            return store.facts("post2020")
        finally:
            store.dispose()

    def refused(self, *args: str) -> str:
        before = self.recorded()
        output = self(*args, code=2)
        assert "nothing was recorded" in output or "未登记任何内容" in output, output
        assert self.recorded() == before
        return output


@pytest.fixture()
def cli(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    folder = tmp_path / "config"
    shutil.copytree(bundled_config_dir(), folder)
    monkeypatch.chdir(tmp_path)
    return Cli(folder, sqlite_url)


@pytest.fixture()
def today_2020_06_01(monkeypatch: pytest.MonkeyPatch) -> pendulum.Date:
    """Today, for the commands that record, frozen at 1 June 2020."""
    import mandates.commands.amend as amend
    import mandates.commands.record as record

    day = pendulum.Date(2020, 6, 1)
    for module in (record, amend):
        monkeypatch.setattr(module, "today", lambda plan: day)
    return day


def test_a_meeting_postponed_without_dates_is_held_only_with_the_days_it_met(cli: Cli) -> None:
    # the shipped history postpones WG2020-3 on 23 March 2020, without new dates
    refused = cli.refused("held", "wg2020-3", "--on", "2020-04-02")
    assert "wg2020-3 has no dates (it was postponed without new dates): say when it met with " \
           "--opens and --closes" in refused
    assert "wg2020-3没有日期（已推迟且未定新日期）" in cli.refused(
        "held", "wg2020-3", "--on", "2020-04-02", "--lang", "zh")
    assert "recorded #1: wg2020-3" in cli("held", "wg2020-3", "--on", "2020-04-02", "--opens",
                                          "2020-03-31", "--closes", "2020-04-02")
    held = cli.recorded()[0]
    assert (held.opens_on, held.closes_on) == (pendulum.Date(2020, 3, 31), pendulum.Date(2020, 4, 2))


def test_a_meeting_expected_in_a_window_is_not_held_before_the_window(cli: Cli) -> None:
    # shipped: SBSTTA-24 postponed on 24 August 2020 to the first quarter of 2021
    refused = cli.refused("held", "sbstta-24", "--on", "2020-09-30")
    assert "sbstta-24 cannot be held on 2020-09-30, before its window opens on 2021-01-01" in refused


def test_a_fact_dated_after_today_is_refused(cli: Cli, today_2020_06_01: pendulum.Date) -> None:
    refused = cli.refused("deliver", "mainstreaming-iag-report", "--on", "2020-07-01")
    assert "--on 2020-07-01 is after today (2020-06-01): a fact is recorded once it has happened" \
        in refused
    assert "晚于今天" in cli.refused("deliver", "mainstreaming-iag-report", "--on", "2020-07-01",
                                    "--lang", "zh")
    cli.refused("postpone", "cop-15", "--announced", "2020-06-02")
    assert "--announced 2020-06-02 is after today" in cli.refused(*BUREAU[:13], "2020-06-02",
                                                                  *BUREAU[14:])
    assert "recorded #1" in cli("deliver", "mainstreaming-iag-report", "--on", "2020-06-01")


def test_what_a_meeting_adopts_is_not_delivered_before_it_opens(cli: Cli) -> None:
    refused = cli.refused("deliver", "sbi-3-recs-gender", "--on", "2019-01-01")
    assert "--on 2019-01-01: sbi-3-recs-gender is adopted at sbi-3, which opens on 2020-05-25: " \
           "it cannot be delivered before it is adopted" in refused
    assert "不能在通过之前交付" in cli.refused("deliver", "sbi-3-recs-gender", "--on", "2019-01-01",
                                         "--lang", "zh")
    # on the day its second part closed (the facts then: held in parts since 2021)
    assert "recorded #1" in cli("deliver", "sbi-3-recs-gender", "--on", "2022-03-29")


def test_the_shipped_history_stays_valid(cli: Cli) -> None:
    assert "77 shipped facts — valid" in cli("validate")


def test_a_meeting_added_twice_says_since_when_and_by_which_fact(cli: Cli) -> None:
    first = cli(*BUREAU, "--venue", "Online")
    assert "recorded #1: bureau-2020-05 added to the plan" in first
    assert "note:" not in first  # Online is a known venue: 线上
    payload = yaml.safe_load(cli.recorded()[0].payload or "")
    assert payload["add"]["meetings"][0]["venue"] == {"en": "Online", "zh": "线上"}
    again = cli.refused(*BUREAU)
    assert "ID: bureau-2020-05 is already in the plan: added from 2020-04-01 by notification " \
           "2020-040 (fact #1)" in again
    assert "add-bureau" not in again and "already known" not in again
    founding = cli.refused(*BUREAU[:1], "wg2020-3", *BUREAU[2:])
    assert "ID: wg2020-3 is already in the plan: it is in the founding plan (CBD/WG2020/REC/1/1)" \
        in founding
    assert "已在计划中" in cli.refused(*BUREAU, "--lang", "zh")


def test_the_note_of_a_venue_without_chinese_comes_only_once_recorded(cli: Cli) -> None:
    refused = cli.refused(*BUREAU[:3], "no-such-body", *BUREAU[4:], "--venue", "Palais, Montreal")
    assert "note:" not in refused
    refused = cli.refused("reschedule", "wg2020-2", "--announced", "2020-02-03", "--opens",
                          "2020-02-24", "--closes", "2020-02-29", "--venue", "Palais, Montreal",
                          "--part", "3")
    assert "note:" not in refused
    done = cli("reschedule", "wg2020-2", "--announced", "2020-02-10", "--venue", "Palais, Montreal")
    assert done.index("recorded #1") < done.index("note: no Chinese form of the venue")
    assert "note:" not in cli("reschedule", "wg2020-2", "--announced", "2020-02-11", "--venue",
                              "Online")
    assert cli.recorded()[-1].venue_zh == "线上"
    assert cli.recorded()[-1].kind is FactKind.RELOCATED
