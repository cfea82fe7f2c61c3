"""Sharing the briefing (issue 10, part 3): `brief --send` mails it once per recipient to a real
SMTP server (aiosmtpd on 127.0.0.1), HTML body plus the PDF attached; a failed send goes on the
next run; the Bureau-meeting trigger picks the right days."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from mailserver import Inbox, smtp_servers
from ports import free_port
from sqlmodel import select
from typer.testing import CliRunner

from mandates.briefing.run import find_chromium
from mandates.briefing.send import bureau_briefings_due, recipient_urls
from mandates.cli import app
from mandates.config.processes import load_process
from mandates.config.settings import BriefingSettings, SettingsError, load_settings
from mandates.core.evaluate import evaluate
from mandates.store.db import SentAlertRow, Store

runner = CliRunner()
needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="headless Chromium is not installed (Debian package `chromium`)")
KEY = "briefing:post2020:2020-01-06:en"


def briefing_inbox(port: int) -> Inbox:
    """Where a briefing channel sends (no `to`: the briefing's recipients are the envelope's)."""
    return Inbox(port, "briefing@mandates.test", None)


@pytest.fixture()
def smtp_on() -> Iterator[Callable[[int], Inbox]]:
    """Start a real SMTP server on a given port; all stop after the test."""
    with smtp_servers("briefing@mandates.test", None) as start:
        yield start


def _settings(folder: Path, url: str, recipients: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = folder / "send-settings.yaml"
    lines = ["alerts:", "  retries: 1", "  retry_delay_seconds: 0", "briefing:",
             f"  channels: [{url!r}]", "  recipients:"] + [f"    - {r}" for r in recipients]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("MANDATES_SETTINGS", str(path))


def _rows(url: str) -> list[SentAlertRow]:
    store = Store(url)
    with store.session() as session:
        rows = list(session.exec(select(SentAlertRow)).all())
    store.dispose()
    return rows


def _brief_send(fmt: str = "html") -> Any:
    return runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", fmt, "--send"])


@needs_chromium
def test_brief_send_mails_html_and_pdf_once(isolated_env: Path, sqlite_url: str, smtp_on: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = smtp_on(free_port())
    _settings(isolated_env, inbox.url, ["bureau@mandates.test"], monkeypatch)
    first = _brief_send()
    assert first.exit_code == 0, first.output
    assert "sent to" in first.output
    assert len(inbox.messages) == 1 and inbox.recipients == [["bureau@mandates.test"]]
    message = inbox.messages[0]
    assert "Bureau briefing" in str(message["Subject"]) and "2020-01-06" in str(message["Subject"])
    html = message.get_body(preferencelist=("html",))
    plain = message.get_body(preferencelist=("plain",))
    assert html is not None and plain is not None
    assert "<html" in str(html.get_content()).lower()
    assert "<svg" not in str(html.get_content()), "mail clients do not draw inline SVG"
    assert "Bureau briefing" in str(plain.get_content())
    assert "The timeline chart is in the attached PDF." in str(plain.get_content())
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf"]
    assert attachments[0].get_filename() == "post2020-2020-01-06-en.pdf"
    pdf = attachments[0].get_content()
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    second = _brief_send()
    assert second.exit_code == 0, second.output
    assert "already sent to" in second.output and "nothing done" in second.output
    assert len(inbox.messages) == 1, "the same briefing went twice to the same recipient"
    rows = _rows(sqlite_url)
    assert [(r.alert_key, r.status, r.attempts) for r in rows] == [(KEY, "sent", 1)]
    assert "bureau@" not in rows[0].channel, "the address stays out of the database"
    # Another language is another briefing: sent too.
    zh = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "html", "--lang", "zh", "--send"])
    assert zh.exit_code == 0, zh.output
    assert len(inbox.messages) == 2 and "主席团简报" in str(inbox.messages[1]["Subject"])
    assert "已发送给" in zh.output, "what was done is said in the briefing's language"
    plain_zh = inbox.messages[1].get_body(preferencelist=("plain",))
    assert plain_zh is not None and "时间线图见所附PDF文件。" in str(plain_zh.get_content())


@needs_chromium
def test_two_recipients_get_one_each(isolated_env: Path, sqlite_url: str, smtp_on: Any,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = smtp_on(free_port())
    _settings(isolated_env, inbox.url, ["a@mandates.test", "b@mandates.test"], monkeypatch)
    assert _brief_send("pdf").exit_code == 0  # the PDF just written is the attachment
    assert _brief_send().exit_code == 0
    assert sorted(inbox.recipients) == [["a@mandates.test"], ["b@mandates.test"]]
    assert all(len(list(m.iter_attachments())) == 1 for m in inbox.messages)
    assert sorted(r.status for r in _rows(sqlite_url)) == ["sent", "sent"]


@needs_chromium
def test_a_failed_send_goes_on_the_next_run(isolated_env: Path, sqlite_url: str, smtp_on: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nothing listens there yet: the mail server is down
    _settings(isolated_env, briefing_inbox(port).url, ["bureau@mandates.test"], monkeypatch)
    down = _brief_send()
    assert down.exit_code == 1, down.output
    assert "not sent to" in down.output and "tried again next time" in down.output
    assert [(r.status, r.attempts) for r in _rows(sqlite_url)] == [("failed", 2)]
    inbox = smtp_on(port)  # the server is back
    up = _brief_send()
    assert up.exit_code == 0, up.output
    assert len(inbox.messages) == 1 and len(list(inbox.messages[0].iter_attachments())) == 1
    assert [(r.status, r.attempts) for r in _rows(sqlite_url)] == [("sent", 3)]
    assert _brief_send().exit_code == 0 and len(inbox.messages) == 1


def test_send_without_a_channel_says_so(isolated_env: Path, sqlite_url: str) -> None:
    result = _brief_send()
    assert result.exit_code == 0, result.output
    assert "briefing not sent: no channel" in result.output
    assert _rows(sqlite_url) == []


def test_recipients_replace_the_mail_channels_to() -> None:
    mail = "mailtos://u:p@smtp.example.org?from=s@example.org&to=team@example.org"
    urls = recipient_urls([mail, "json://hooks.example.org/x"], ["a@example.org", "b@example.org"])
    assert urls == ["mailtos://u:p@smtp.example.org?from=s%40example.org&to=a%40example.org",
                    "mailtos://u:p@smtp.example.org?from=s%40example.org&to=b%40example.org",
                    "json://hooks.example.org/x"]
    assert recipient_urls([mail], []) == [mail]


def test_briefing_settings_are_strict(tmp_path: Path) -> None:
    assert BriefingSettings().days_before_bureau == 7
    path = tmp_path / "s.yaml"
    path.write_text("briefing:\n  recipients: [not-an-address]\n  day_before_bureau: 3\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    text = "\n".join(caught.value.details())
    assert f"{path}:2: briefing.recipients: expected a mail address" in text
    assert f"{path}:3: briefing.day_before_bureau: unknown key" in text
    assert "did you mean 'days_before_bureau'?" in text


# The COP Bureau met on 14 July 2021 (the meeting that decided COP-15's two parts,
# config/post2020.amendments/002-cop-15-two-parts.yaml). It is not in the founding plan: it
# arrives as an amendment, like any meeting added later. When it was announced is this test's
# assumption (1 June 2021).
BUREAU = ["add-meeting", "cop-bureau-2021-07", "--body", "cop-bureau", "--type", "2",
          "--title-en", "Meeting of the COP Bureau", "--title-zh", "缔约方大会主席团会议",
          "--opens", "2021-07-14", "--closes", "2021-07-14", "--source", "COP Bureau",
          "--announced", "2021-06-01", "--kind", "bureau-decision", "--mode", "online"]


def test_the_bureau_trigger_picks_the_days_before_a_real_bureau_meeting(isolated_env: Path,
                                                                       sqlite_url: str) -> None:
    added = runner.invoke(app, BUREAU)
    assert added.exit_code == 0, added.output
    plan = load_process()
    store = Store(sqlite_url)
    facts = store.facts_of(plan)
    store.dispose()
    picked: dict[str, list[str]] = {}
    for offset in range(-3, 12):  # 2021-07-02 .. 2021-07-16
        day = pendulum.Date(2021, 7, 2).add(days=offset + 3)
        due = bureau_briefings_due(evaluate(plan, facts, day), ("cop-bureau",), 7)
        for meeting in due:
            assert (meeting.opens_on, meeting.briefing_on) == (pendulum.Date(2021, 7, 14),
                                                               pendulum.Date(2021, 7, 7))
            picked.setdefault(meeting.meeting_id, []).append(day.isoformat())
    assert picked == {"cop-bureau-2021-07": [f"2021-07-{d:02d}" for d in range(7, 14)]}
    # Other bodies' meetings never trigger; no Bureau meeting in the founding plan of 2020.
    assert bureau_briefings_due(evaluate(plan, facts, pendulum.Date(2021, 7, 7)), ("sbstta",), 7) == []
    assert bureau_briefings_due(evaluate(plan, [], pendulum.Date(2020, 1, 6)), ("cop-bureau",), 400) == []


def test_prefect_yaml_runs_the_bureau_briefing_check_daily_like_the_check() -> None:
    import yaml

    root = Path(__file__).resolve().parents[2]
    deployments = {d["name"]: d for d in yaml.safe_load((root / "prefect.yaml").read_text("utf-8"))
                   ["deployments"]}
    briefing = deployments["bureau-briefing-check"]
    path, function = briefing["entrypoint"].split(":")
    assert f"def {function}(" in (root / path).read_text("utf-8")
    assert briefing["schedules"] == deployments["daily-check"]["schedules"]
    assert briefing["concurrency_limit"] == 1


def test_the_served_deployment_runs_daily_at_the_check_time() -> None:
    from flows.bureau_briefing import briefing_check_deployment

    settings = load_settings()
    deployment = briefing_check_deployment(process="post2020", settings=settings)
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (settings.daily_check_cron,
                                                                    settings.timezone)
    assert deployment.name == "bureau-briefing-check" and deployment.parameters == {"process": "post2020"}
    assert deployment.entrypoint == "flows.bureau_briefing.bureau_briefing_check"


@pytest.mark.slow
@needs_chromium
def test_the_flow_sends_once_before_the_bureau_meeting(isolated_env: Path, sqlite_url: str,
                                                       smtp_on: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.bureau_briefing import bureau_briefing_check
    from mandates.errors import RunFailed

    assert runner.invoke(app, BUREAU).exit_code == 0
    port = free_port()  # the mail server is down at first
    _settings(isolated_env, briefing_inbox(port).url, ["bureau@mandates.test"], monkeypatch)
    with prefect_test_harness(server_startup_timeout=120):
        assert bureau_briefing_check(as_of="2021-07-06", database=sqlite_url) == []
        with pytest.raises(RunFailed, match="did not reach 1 recipient"):
            bureau_briefing_check(as_of="2021-07-07", database=sqlite_url)
        inbox = smtp_on(port)
        # The next day's run sends the briefing of 7 July (7 days before the meeting), once.
        sent = bureau_briefing_check(as_of="2021-07-08", database=sqlite_url)
        assert len(sent) == 1, sent
        assert sent[0].startswith(f"cop-bureau-2021-07 (2021-07-14): sent to mailto://127.0.0.1:{port}")
        assert len(inbox.messages) == 1 and "2021-07-07" in str(inbox.messages[0]["Subject"])
        again = bureau_briefing_check(as_of="2021-07-13", database=sqlite_url)
        assert len(again) == 1 and "already sent" in again[0]
        assert bureau_briefing_check(as_of="2021-07-14", database=sqlite_url) == []
    assert len(inbox.messages) == 1
