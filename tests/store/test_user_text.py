"""Text a user types carries the language it was written in, and is shown as written.

Notes, waiver reasons and venues are recorded with `--written-in en|zh` (English by default); a
new venue can be given in Chinese too (`--venue-zh`). The language is stored with the fact
(revision 0002), and outputs in the other language show the text as written, marked
untranslated (`mandates.words.usertext`): the Chinese briefing's notes and venues, the Chinese
feeds' LOCATION and "where" line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import icalendar
import pendulum
import pytest
from founding import founding_folder
from sqlalchemy import text
from typer.testing import CliRunner

from mandates.briefing.render import render_markdown
from mandates.briefing.run import make_briefing
from mandates.cli import app
from mandates.config.settings import Settings
from mandates.core.evaluate import evaluate
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Plan, Title
from mandates.core.record import FactError, make_fact
from mandates.feeds.publish import publish
from mandates.store.db import Store

D = pendulum.Date
ANNOUNCED = D(2020, 2, 3)
NOW = pendulum.datetime(2020, 3, 1, 12, tz="UTC")  # when the tests record their facts
AS_OF = D(2020, 3, 1)
runner = CliRunner()


def _move(plan: Plan, meeting: str = "wg2020-2", closes: pendulum.Date = D(2020, 2, 29),
          **venue: Any) -> Fact:
    """A rescheduling announced on 3 February 2020, opening as planned (24 or 21 February)."""
    opens = plan.meetings[meeting].opens_on
    assert opens is not None
    return make_fact(plan, FactKind.RESCHEDULED, meeting, ANNOUNCED, recorded_at=NOW, opens_on=opens,
                     closes_on=closes, **venue)


def _note(plan: Plan, subject: str, day: pendulum.Date, text: str, **lang: Any) -> Fact:
    return make_fact(plan, FactKind.NOTE, subject, day, recorded_at=NOW, text=text, **lang)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Store:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    store = Store(url)
    request.addfinalizer(store.dispose)
    return store


def test_a_venue_in_english_in_chinese_or_in_both(bundled_plan: Plan) -> None:
    english = _move(bundled_plan, venue="Rome, FAO headquarters")
    assert (english.venue, english.venue_zh, english.written_in) == ("Rome, FAO headquarters", None, "en")
    assert english.venue_title() == Title("Rome, FAO headquarters", "Rome, FAO headquarters", "en")
    both = _move(bundled_plan, venue="Rome", venue_zh="意大利罗马")
    assert both.venue_title() == Title("Rome", "意大利罗马")
    chinese = _move(bundled_plan, venue_zh="意大利罗马")
    assert (chinese.venue, chinese.venue_zh, chinese.written_in) == ("意大利罗马", None, "zh")
    assert chinese.venue_title() == Title("意大利罗马", "意大利罗马", "zh")
    same_dates = _move(bundled_plan, closes=D(2020, 2, 28), venue_zh="意大利罗马")
    assert same_dates.kind is FactKind.RELOCATED
    with pytest.raises(FactError, match="--venue is already Chinese"):
        _move(bundled_plan, venue="罗马", venue_zh="意大利罗马", written_in="zh")


def test_the_language_is_stored_and_old_rows_read_as_english(any_store: Store, bundled_plan: Plan) -> None:
    any_store.append("post2020", [
        _note(bundled_plan, "wg2020-2", D(2020, 1, 10), "注册截止日期为2月10日", written_in="zh"),
        _move(bundled_plan, venue="Rome", venue_zh="意大利罗马"),
    ])
    with any_store.engine.begin() as connection:  # a row as version 0.1.0 wrote it: no language
        connection.execute(text(
            "INSERT INTO fact (process, kind, subject, effective_on, recorded_at, text) VALUES "
            "('post2020', 'note', 'sbi-3', '2020-01-11', '2020-01-11 12:00:00+00', 'Agenda out')"))
    note, move, old = any_store.facts("post2020")
    assert (note.text, note.written_in) == ("注册截止日期为2月10日", "zh")
    assert (move.venue, move.venue_zh, move.written_in) == ("Rome", "意大利罗马", "en")
    assert (old.text, old.written_in, old.venue_zh) == ("Agenda out", "en", None)


def test_the_command_line_takes_the_language(isolated_env: Path, sqlite_url: str, bundled_plan: Plan) -> None:
    def invoke(args: list[str]) -> Any:  # on the plan as founded: no shipped facts
        return runner.invoke(app, [*args, "--config", str(founding_folder())])

    noted = invoke(["note", "wg2020-2", "会议文件已上传", "--on", "2020-01-10",
                                "--written-in", "zh"])
    assert noted.exit_code == 0, noted.output
    waived = invoke(["waive", "ws-synergies-outcome", "--on", "2020-01-15", "--reason",
                                 "瑞士撤回了提议", "--written-in", "zh"])
    assert waived.exit_code == 0, waived.output
    moved = invoke(["reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                                "--announced", "2020-02-03", "--venue", "Rome, FAO headquarters",
                                "--venue-zh", "意大利罗马，粮农组织总部"])
    assert moved.exit_code == 0, moved.output
    assert "in Rome, FAO headquarters (意大利罗马，粮农组织总部)" in moved.stdout
    english_only = invoke(["reschedule", "consult-review", "--opens", "2020-02-21",
                                       "--closes", "2020-02-22", "--announced", "2020-02-03",
                                       "--venue", "Rome, Italy"])
    assert english_only.exit_code == 0, english_only.output
    assert "no Chinese form of the venue" in english_only.stderr  # not at a terminal: no prompt
    wrong = invoke(["note", "wg2020-2", "x", "--on", "2020-01-10", "--written-in", "fr"])
    assert wrong.exit_code == 2
    store = Store(sqlite_url)
    facts = store.facts("post2020")
    store.dispose()
    kinds = [(f.kind, f.written_in) for f in facts]
    assert kinds == [(FactKind.NOTE, "zh"), (FactKind.WAIVED, "zh"), (FactKind.RESCHEDULED, "en"),
                     (FactKind.RELOCATED, "en")]
    assert (facts[2].venue_zh, facts[3].venue_zh) == ("意大利罗马，粮农组织总部", None)


def test_the_chinese_briefing_marks_english_text_and_the_english_one_chinese_text(
        store: Store, bundled_plan: Plan) -> None:
    store.append("post2020", [
        _note(bundled_plan, "wg2020-2", D(2020, 1, 10), "Registration closes on 10 February"),
        _note(bundled_plan, "sbi-3", D(2020, 1, 12), "议程已发布", written_in="zh"),
        _move(bundled_plan, venue="Rome, FAO headquarters"),
    ])
    briefing = make_briefing(bundled_plan, store.facts("post2020"), store, AS_OF, "none", 6)
    zh, en = render_markdown(briefing, "zh", "c.png"), render_markdown(briefing, "en", "c.png")
    assert "（英文原文）“Registration closes on 10 February”" in zh
    assert "“议程已发布”" in zh
    assert "（英文原文）Rome, FAO headquarters" in zh
    assert "“Registration closes on 10 February”" in en  # English text in English: as before
    assert "(Chinese original) “议程已发布”" in en
    assert "Rome, FAO headquarters" in en and "(Chinese original) Rome" not in en


def test_the_chinese_feeds_mark_a_venue_given_in_english_only(tmp_path: Path, store: Store,
                                                              bundled_plan: Plan) -> None:
    store.append("post2020", [
        _move(bundled_plan, venue="Rome, FAO headquarters"),
        _move(bundled_plan, "consult-review", D(2020, 2, 22), venue="Rome", venue_zh="意大利罗马"),
    ])
    settings = Settings(calendars_dir=tmp_path / "calendars")
    publish(bundled_plan, store, AS_OF, settings, settings.calendars_dir,
            pendulum.datetime(2020, 3, 1, tz="UTC"))

    def event(feed: str, uid: str) -> icalendar.Event:
        calendar = icalendar.Calendar.from_ical((settings.calendars_dir / feed).read_bytes())
        return next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"meeting-{uid}@post2020.mandates")

    moved_zh = event("meetings.zh.ics", "wg2020-2")
    assert str(moved_zh["LOCATION"]) == "（英文原文）Rome, FAO headquarters"
    assert "（英文原文）Rome, FAO headquarters" in str(moved_zh["DESCRIPTION"])
    assert str(event("meetings.en.ics", "wg2020-2")["LOCATION"]) == "Rome, FAO headquarters"
    assert str(event("meetings.zh.ics", "consult-review")["LOCATION"]) == "意大利罗马"
    assert str(event("meetings.en.ics", "consult-review")["LOCATION"]) == "Rome"
    state = evaluate(bundled_plan, store.facts("post2020"), AS_OF).meetings["consult-review"]
    assert state.venue == Title("Rome", "意大利罗马")
