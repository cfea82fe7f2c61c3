"""The living plan's commands end to end through the real `mandates` command on SQLite: new
dates as windows, quarters, tentative; modes, parts, splits, holding, withdrawals, corrections;
meetings and outputs added by command; every refusal naming its option and recording nothing.

The process is a copy of the bundled founding file (no shipped history, no amendment files), so
that what each test records is all there is; tests/test_cli_transfer.py covers shipped history,
import and export.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pendulum
import pytest
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import bundled_config_dir
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Mode, Precision
from mandates.store.db import Store

runner = CliRunner()
D = pendulum.Date
NO_CONFIG = {"--help", "--version", "validate"}


class Cli:
    """`mandates` against one process folder and one SQLite database."""

    def __init__(self, folder: Path, url: str) -> None:
        self.folder, self.url = folder, url

    def __call__(self, *args: str, code: int = 0) -> str:
        extra = [] if args[0] in NO_CONFIG else ["--config", str(self.folder)]
        env = {"COLUMNS": "220", "MANDATES_DATABASE_URL": self.url}
        result = runner.invoke(app, [*args, *extra], env=env)
        assert result.exit_code == code, result.output
        return result.output

    def facts(self) -> list[Fact]:
        store = Store(self.url)
        try:
            return store.facts("post2020")
        finally:
            store.dispose()

    def check(self, as_of: str, *extra: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self("check", "--as-of", as_of, "--format", "json", *extra))
        return data

    def meeting(self, as_of: str, meeting_id: str) -> dict[str, Any]:
        return next(m for m in self.check(as_of)["meetings"] if m["id"] == meeting_id)

    def refused(self, *args: str, option: str) -> str:
        """A command refused: exit 2, the option named, nothing recorded."""
        before = self.facts()
        output = self(*args, code=2)
        assert option in output and "nothing was recorded" in output, output
        assert "Traceback" not in output
        assert self.facts() == before
        return output


@pytest.fixture()
def cli(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    folder = tmp_path / "config"
    folder.mkdir()
    shutil.copy(bundled_config_dir() / "post2020.yaml", folder / "post2020.yaml")
    monkeypatch.chdir(tmp_path)
    return Cli(folder, sqlite_url)


# ---------------------------------------------------------------------------- reschedule


def test_reschedule_to_a_known_city_takes_its_zone_and_source(cli: Cli) -> None:
    out = cli("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
              "--venue", "Rome, FAO headquarters", "--venue-zh", "意大利罗马（粮农组织总部）",
              "--announced", "2020-02-03", "--source", "https://www.cbd.int/notifications/2020/ntf-2020-010")
    [fact] = cli.facts()
    assert out.startswith(f"recorded #{fact.id}: wg2020-2: ")
    assert (fact.kind, fact.timezone, fact.key, fact.source) == (
        FactKind.RESCHEDULED, "Europe/Rome", str(fact.id), "https://www.cbd.int/notifications/2020/ntf-2020-010")
    wg2 = cli.meeting("2020-02-10", "wg2020-2")
    assert (wg2["opens_on"], wg2["closes_on"], wg2["timezone"]) == ("2020-02-24", "2020-02-29", "Europe/Rome")
    assert cli.meeting("2020-02-02", "wg2020-2")["timezone"] == "Asia/Shanghai"  # as it stood then
    history = cli("history")
    assert f"#{fact.id} wg2020-2: 2020-02-03 rescheduled" in history
    assert "source: https://www.cbd.int/notifications/2020/ntf-2020-010" in history


def test_a_second_reschedule_applies_its_new_dates(cli: Cli) -> None:
    """The relocation bug: a reschedule after an earlier one, with a venue, is a rescheduling."""
    cli("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
        "--venue", "Rome", "--venue-zh", "罗马", "--announced", "2020-02-03")
    cli("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-28",
        "--venue", "Rome, FAO headquarters", "--venue-zh", "罗马粮农组织总部", "--announced", "2020-02-05")
    wg2 = cli.meeting("2020-02-10", "wg2020-2")
    assert (wg2["closes_on"], wg2["venue"]["en"]) == ("2020-02-28", "Rome, FAO headquarters")


def test_an_unknown_city_needs_its_zone(cli: Cli) -> None:
    out = cli.refused("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                      "--venue", "Atlantis", "--venue-zh", "亚特兰蒂斯", "--announced", "2020-02-03",
                      option="--timezone")
    assert "Montreal" in out and "Rome" in out  # the known cities
    cli("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29", "--venue", "Atlantis",
        "--venue-zh", "亚特兰蒂斯", "--timezone", "Atlantic/Azores", "--announced", "2020-02-03")
    assert cli.facts()[0].timezone == "Atlantic/Azores"


def test_postponed_to_a_quarter_then_rescheduled(cli: Cli) -> None:
    cli("postpone", "sbstta-24", "--announced", "2020-03-10", "--quarter", "2021-Q1")
    [fact] = cli.facts()
    assert (fact.opens_on, fact.closes_on, fact.precision, fact.tentative) == (
        D(2021, 1, 1), D(2021, 3, 31), Precision.QUARTER, True)
    assert cli.meeting("2020-04-01", "sbstta-24")["status"] == "postponed"
    cli("reschedule", "sbstta-24", "--window", "2020-08..2020-09", "--tentative", "--venue", "Ottawa",
        "--venue-zh", "渥太华", "--announced", "2020-05-01")
    moved = cli.facts()[-1]
    assert (moved.opens_on, moved.closes_on, moved.precision, moved.timezone) == (
        D(2020, 8, 1), D(2020, 9, 30), Precision.MONTH, "America/Toronto")
    after = cli.meeting("2020-05-02", "sbstta-24")
    assert after["status"] != "postponed"  # a rescheduling lifts the postponement
    assert after["window"] == {"earliest": "2020-08-01", "latest": "2020-09-30"}
    history = cli("history")  # windows and quarters as dates
    assert "rescheduled to August or September 2020 in Ottawa (tentative)" in history
    assert "postponed (expected in the first quarter of 2021; tentative)" in history


def test_online_in_parts_split_and_held(cli: Cli) -> None:
    cli("reschedule", "ahteg-dsi-meeting", "--mode", "online", "--announced", "2020-03-01")
    relocated = cli.facts()[-1]
    assert (relocated.kind, relocated.mode) == (FactKind.RELOCATED, Mode.ONLINE)
    cli("reschedule", "sbstta-24", "--part", "1", "--opens", "2021-05-03", "--closes", "2021-06-09",
        "--venue", "Online", "--venue-zh", "线上", "--mode", "online", "--announced", "2021-04-01")
    cli("reschedule", "sbstta-24", "--part", "2", "--opens", "2022-03-14", "--closes", "2022-03-29",
        "--venue", "Geneva", "--venue-zh", "日内瓦", "--mode", "in-person", "--announced", "2021-12-10")
    cli("split", "cop-15", "--part", "2", "--quarter", "2022-Q2", "--venue", "Kunming", "--venue-zh", "昆明",
        "--announced", "2021-08-18")
    cli("held", "sbstta-24", "--part", "1", "--on", "2021-06-09")
    part1, part2, split, held = cli.facts()[-4:]
    assert (part1.kind, part1.part, part1.mode, part1.timezone) == (FactKind.PART, 1, Mode.ONLINE,
                                                                    "America/Toronto")
    assert (part2.part, part2.timezone) == (2, "Europe/Zurich")
    assert (split.kind, split.part, split.precision, split.timezone) == (
        FactKind.SPLIT, 2, Precision.QUARTER, "Asia/Shanghai")
    assert (held.kind, held.part, held.effective_on) == (FactKind.HELD, 1, D(2021, 6, 9))
    history = cli("history")
    assert "part 2" in history and "online" in history


def test_refusals_name_the_option(cli: Cli) -> None:
    cli.refused("reschedule", "wg2020-2", "--announced", "2020-02-03", option="--opens")
    cli.refused("reschedule", "wg2020-2", "--opens", "2020-02-24", "--window", "2020-02..2020-03",
                "--announced", "2020-02-03", option="--window")
    cli.refused("reschedule", "wg2020-2", "--quarter", "2020-Q5", "--announced", "2020-02-03",
                option="--quarter")
    cli.refused("reschedule", "wg2020-2", "--window", "2020-13", "--announced", "2020-02-03",
                option="--window")
    cli.refused("reschedule", "wg2020-2", "--opens", "2020-02-24", "--announced", "2020-02-03",
                option="--opens and --closes")
    cli.refused("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                "--announced", "2020-02-30", option="--announced")
    cli.refused("withdraw", "no-such-key", "--reason", "typo", "--on", "2020-02-04", option="KEY")
    cli.refused("withdraw", "1", "--reason", " ", "--on", "2020-02-04", option="--reason")


# ------------------------------------------------------------------ withdrawals, corrections


def test_withdraw_a_mistake_and_correct_a_delivery(cli: Cli) -> None:
    cli("postpone", "sbstta-24", "--announced", "2020-03-10")
    postponed = cli.facts()[-1]
    cli("withdraw", postponed.fact_key, "--reason", "recorded for the wrong meeting", "--on", "2020-03-12")
    withdrawal = cli.facts()[-1]
    assert (withdrawal.kind, withdrawal.voids, withdrawal.subject, withdrawal.text) == (
        FactKind.WITHDRAWN, postponed.fact_key, "sbstta-24", "recorded for the wrong meeting")
    assert cli.meeting("2020-03-11", "sbstta-24")["status"] == "postponed"
    assert cli.meeting("2020-03-12", "sbstta-24")["status"] != "postponed"
    history = cli("history")
    assert f"[withdrawn by {withdrawal.fact_key} from 2020-03-12]" in history
    assert f"withdraws {postponed.fact_key}: recorded for the wrong meeting" in history

    cli("deliver", "wg2020-2-documents", "--on", "2020-01-10", "--ref", "CBD/WG2020/2/3")
    first = cli.facts()[-1]
    cli.refused("deliver", "wg2020-2-documents", "--on", "2020-01-12", option="--corrects")
    cli("deliver", "wg2020-2-documents", "--on", "2020-01-12", "--ref", "CBD/WG2020/2/3/Rev.1",
        "--corrects", f"#{first.fact_key}")
    assert cli.facts()[-1].voids == first.fact_key
    assert f"corrects {first.fact_key}" in cli("history")


# ------------------------------------------------------------- amendments by command


def test_add_a_meeting_then_reschedule_it_and_add_an_output_on_it(cli: Cli) -> None:
    cli.refused("reschedule", "wg2020-4", "--opens", "2022-06-21", "--closes", "2022-06-26",
                "--announced", "2022-03-01", option="wg2020-4")
    cli("add-meeting", "wg2020-4", "--body", "wg2020", "--title-en", "Fourth meeting of the Working Group",
        "--title-zh", "工作组第四次会议", "--quarter", "2022-Q2", "--venue", "Nairobi, Kenya",
        "--venue-zh", "肯尼亚内罗毕", "--type", "1", "--source", "CBD/WG2020/REC/3/1",
        "--announced", "2021-09-03")
    amended = cli.facts()[-1]
    assert (amended.kind, amended.subject, amended.source) == (
        FactKind.AMENDED, "wg2020-4", "CBD/WG2020/REC/3/1")
    assert amended.amendment is not None and amended.payload is not None
    [meeting] = amended.amendment.meetings
    assert (meeting.id, meeting.timezone, meeting.window is not None) == ("wg2020-4", "Africa/Nairobi", True)
    assert "wg2020-4" not in {m["id"] for m in cli.check("2021-09-02")["meetings"]}
    assert "wg2020-4" in {m["id"] for m in cli.check("2021-09-03")["meetings"]}
    # a date fact before the meeting exists is refused; after, judged against its state
    cli.refused("reschedule", "wg2020-4", "--opens", "2022-06-21", "--closes", "2022-06-26",
                "--announced", "2021-09-01", option="wg2020-4")
    cli("reschedule", "wg2020-4", "--opens", "2022-06-21", "--closes", "2022-06-26",
        "--announced", "2022-03-01")
    assert cli.meeting("2022-03-02", "wg2020-4")["opens_on"] == "2022-06-21"
    cli.refused("add-output", "wg2020-4-documents", "--title-en", "Documents for WG2020-4", "--title-zh",
                "工作组第四次会议文件", "--responsible", "executive-secretary", "--mandate",
                "CBD/WG2020/REC/3/1 para 3", "--due-before", "wg2020-4", "--weeks", "6",
                "--source", "CBD/WG2020/REC/3/1", "--announced", "2021-01-10",
                option="--due-before/--due-at/--due-on")
    cli("add-output", "wg2020-4-documents", "--title-en", "Documents for WG2020-4", "--title-zh",
        "工作组第四次会议文件", "--responsible", "executive-secretary", "--mandate",
        "CBD/WG2020/REC/3/1 para 3", "--due-before", "wg2020-4", "--weeks", "6", "--for", "wg2020-4",
        "--source", "CBD/WG2020/REC/3/1", "--announced", "2021-09-03")
    documents = next(o for o in cli.check("2022-03-02")["outputs"] if o["id"] == "wg2020-4-documents")
    assert documents["due"] == "2022-05-10"  # six weeks before 21 June 2022
    cli("deliver", "wg2020-4-documents", "--on", "2022-05-09")
    history = cli("history")
    assert "adds wg2020-4 (CBD/WG2020/REC/3/1)" in history and "adds wg2020-4-documents" in history


def test_amendment_refusals_name_the_option(cli: Cli) -> None:
    common = ("--title-en", "X", "--title-zh", "某", "--type", "1", "--source", "S",
              "--announced", "2021-01-01")
    cli.refused("add-meeting", "new-meeting", "--body", "wg2021", "--tbd", *common, option="--body")
    cli.refused("add-meeting", "New Meeting", "--body", "wg2020", "--tbd", *common, option="ID")
    cli.refused("add-meeting", "wg2020-2", "--body", "wg2020", "--tbd", *common, option="ID")
    cli.refused("add-meeting", "new-meeting", "--body", "wg2020", *common, option="--opens")
    cli.refused("add-meeting", "new-meeting", "--body", "wg2020", "--tbd", "--venue", "Atlantis",
                "--venue-zh", "亚特兰蒂斯", *common, option="--timezone")
    output = ("--title-en", "X", "--title-zh", "某", "--responsible", "wg2020", "--mandate", "M",
              "--source", "S", "--announced", "2021-01-01")
    cli.refused("add-output", "new-output", *output, option="--due-before")
    cli.refused("add-output", "new-output", "--due-at", "cop-16", *output, option="--due-")
    cli.refused("add-output", "new-output", "--due-before", "cop-15", *output, option="--weeks")
    cli.refused("add-output", "new-output", "--due-on", "2021-02-30", *output, option="--due-on")
    cli.refused("add-output", "new-output", "--due-at", "cop-15", "--inputs", "nothing-like-it", *output,
                option="--inputs")


# ------------------------------------------------------------------------------ check --assumed


def test_check_assumed_hide_leaves_assumed_deadlines_out_of_overdue(cli: Cli) -> None:
    shown = cli("check", "--as-of", "2020-01-06")
    hidden = cli("check", "--as-of", "2020-01-06", "--assumed", "hide")
    assert "bureau-progress-reports" in shown.split("Due soon")[0]
    assert "bureau-progress-reports" not in hidden.split("Due soon")[0].split("Overdue")[1].split("\n\n")[0]
    cli("check", "--as-of", "2020-01-06", "--assumed", "maybe", code=2)


def test_a_venue_written_in_chinese_takes_its_city_zone(cli: Cli) -> None:
    cli("reschedule", "consult-capacity-building", "--opens", "2020-03-01", "--closes", "2020-03-02",
        "--venue", "意大利罗马", "--written-in", "zh", "--announced", "2020-02-03")
    [fact] = cli.facts()
    assert (fact.venue, fact.written_in, fact.timezone) == ("意大利罗马", "zh", "Europe/Rome")


def test_whatif_is_judged_against_the_state_as_of_the_date(cli: Cli) -> None:
    cli("cancel", "consult-review", "--announced", "2020-01-20")
    moved = cli("whatif", "consult-review", "--quarter", "2020-Q2", "--as-of", "2020-01-10")
    assert "consult-review-report" in moved  # before the cancellation: what would move
    said = cli("whatif", "consult-review", "--opens", "2020-04-01", "--closes", "2020-04-02",
               "--as-of", "2020-01-21", code=2)
    assert "cancelled" in said and "nothing was recorded" not in said  # whatif records nothing
    assert len(cli.facts()) == 1


def test_a_meeting_moved_before_an_output_for_it_puts_that_output_at_risk(cli: Cli) -> None:
    """COP-15 brought forward to July 2020: the framework text, due when WG2020-3 closes (31 July)
    and for COP-15, would come 30 days after COP-15 opens. Its due date does not move, so whatif
    says why it is listed; once recorded, the check gives that reason before its inputs at risk."""
    moved = cli("whatif", "cop-15", "--opens", "2020-07-01", "--closes", "2020-07-10",
                "--as-of", "2020-03-01")
    line = next(x for x in moved.splitlines() if "wg2020-3-framework-text" in x)
    assert line.strip() == ("wg2020-3-framework-text: 2020-07-31 (unchanged); would come after "
                            "what needs it: due Friday 31 July 2020, 30 days after COP-15 opens")
    assert "no deadline would move" not in moved
    back = cli("whatif", "cop-15", "--opens", "2020-10-19", "--closes", "2020-10-30",
               "--as-of", "2020-03-01")
    assert "would come after" not in back  # a later COP-15 puts nothing new at risk
    cli("reschedule", "cop-15", "--opens", "2020-07-01", "--closes", "2020-07-10",
        "--announced", "2020-02-20")
    [text] = [o for o in cli.check("2020-03-01")["outputs"] if o["id"] == "wg2020-3-framework-text"]
    assert (text["status"], text["reason_code"]) == ("at_risk", "late_for_meeting")
    assert text["slack_days"] == -30
    # moved back to its October dates, whatif says it would no longer come after COP-15
    again = cli("whatif", "cop-15", "--opens", "2020-10-15", "--closes", "2020-10-28",
                "--as-of", "2020-03-01")
    assert "wg2020-3-framework-text: 2020-07-31 (unchanged); would no longer come after what " \
           "needs it" in again


def test_a_meeting_added_with_its_venue_in_one_language(cli: Cli) -> None:
    cli("add-meeting", "wg2020-4", "--body", "wg2020", "--title-en", "WG2020-4",
        "--title-zh", "工作组第四次会议", "--window", "2022-06..2022-06", "--venue", "Nairobi, Kenya",
        "--type", "1",
        "--source", "CBD/WG2020/REC/3/3", "--announced", "2022-03-29")
    amendment = cli.facts()[-1].amendment
    assert amendment is not None
    [meeting] = amendment.meetings
    assert meeting.venue is not None
    assert (meeting.venue.en, meeting.venue.written_in) == ("Nairobi, Kenya", "en")
    assert meeting.timezone == "Africa/Nairobi"
    venue = next(m for m in cli.check("2022-04-01")["meetings"] if m["id"] == "wg2020-4")["venue"]
    assert venue == {"en": "Nairobi, Kenya", "zh": "Nairobi, Kenya", "written_in": "en"}


def test_a_meeting_named_where_an_output_is_expected_and_the_other_way(cli: Cli) -> None:
    """Naming an output to whatif (a meeting command) or a meeting to deliver says which it is,
    instead of listing every id; whatif, which records nothing, does not say "nothing was
    recorded"."""
    said = cli("whatif", "wg2020-2-documents", "--opens", "2020-01-01", "--closes", "2020-01-02",
               code=2)
    assert said.strip() == "error: 'wg2020-2-documents' is an output, not a meeting"
    said = cli("whatif", "cop-15", "--opens", "2020-01-02", "--closes", "2020-01-01", code=2)
    assert said.strip() == "error: --closes 2020-01-01 is before --opens 2020-01-02"
    said = cli("deliver", "sbi-3", "--on", "2020-01-01", code=2)
    assert "'sbi-3' is a meeting, not an output; nothing was recorded" in said
    assert cli.facts() == []


def test_whatif_shows_a_due_window_as_a_window(cli: Cli) -> None:
    """SBSTTA-24 moved to 'September or October 2020': what hangs on it is due within a window,
    shown as its first and last day, and the reason counts from the window's last day, as the
    late-input lines below it do."""
    moved = cli("whatif", "sbstta-24", "--window", "2020-09..2020-10", "--as-of", "2020-03-01")
    line = next(x for x in moved.splitlines() if x.strip().startswith("sbstta-24-recs-wg-requests:"))
    assert "2020-05-23 → 2020-09-01..2020-10-31" in line, line
    assert "due Saturday 31 October 2020, 96 days after WG2020-3 opens" in line, line  # 27 July
    assert "may close as late as Saturday 31 October 2020" in moved
