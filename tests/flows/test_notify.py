"""Alerts (issue 3, item 4): digests of new late items by real mail, each sent once, failures kept.

Plain core tests (no Prefect): mandates.alerts against a real SMTP server (aiosmtpd) and a real
state database (SQLite; PostgreSQL too when it runs here).
"""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from sqlmodel import select

from mandates.alerts import alert_items, channel_id, render_digest, send_alerts
from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import FactKind
from mandates.core.plan import Plan
from mandates.core.record import make_fact
from mandates.store.db import SentAlertRow, Store

RECORDED_AT = pendulum.datetime(2020, 1, 6, 9, tz="UTC")  # when facts are recorded: a frozen clock
SENT_AT = pendulum.datetime(2020, 1, 6, 12, tz="UTC")  # when alerts are sent: a frozen clock

JAN_6 = pendulum.Date(2020, 1, 6)
MAR_1 = pendulum.Date(2020, 3, 1)


def _rows(store: Store) -> list[SentAlertRow]:
    with store.session() as session:
        return list(session.exec(select(SentAlertRow).order_by(SentAlertRow.alert_key)).all())


def _evaluation(plan: Plan, store: Store, day: pendulum.Date) -> Evaluation:
    return evaluate(plan, store.facts(plan.process.id), day)


def test_alert_keys_name_the_output_and_status_or_the_late_input(bundled_plan: Plan) -> None:
    items = alert_items(evaluate(bundled_plan, [], JAN_6))
    keys = {item.key for item in items}
    assert "zero-draft-overview:overdue" in keys
    assert "wg2020-2-documents<-consult-review-report:arrives_after_deadline" in keys
    assert "ws-synergies-outcome:at_risk" in keys
    assert len(keys) == len(items)  # one alert per key
    assert not any(key.startswith("wg2020-2-documents:") for key in keys)  # due soon: no alert


def test_digest_groups_per_body_with_mandate_and_reason(bundled_plan: Plan) -> None:
    evaluation = evaluate(bundled_plan, [], JAN_6)
    title, body = render_digest(bundled_plan, alert_items(evaluation), JAN_6)
    assert title.endswith("as of 2020-01-06")
    assert "== SBI:" not in body  # nothing of the SBI is late on 6 January
    section = body.split("== WG2020 Co-Chairs: Co-Chairs of the Open-ended Working Group")[1]
    section = section.split("\n== ")[0]
    item = section.split("OVERDUE - zero-draft-overview:")[1].split("\n\n")[0]
    assert "(with Executive Secretary)" in item
    assert "\nMandate: CBD/WG2020/REC/1/1 para 4\n" in item
    assert "\nWhy: was due on Sunday 24 November 2019; 43 days overdue" in item
    assert "LATE INPUT (arrives after deadline) - wg2020-2-documents needs consult-review-report" in section


def test_digest_is_mailed_once_per_day(bundled_plan: Plan, store: Store, smtp: Any) -> None:
    alerts = AlertSettings(urls=(smtp.url,), retries=0)
    evaluation = _evaluation(bundled_plan, store, JAN_6)
    first = send_alerts(store, evaluation, alerts, now=SENT_AT)
    expected = len(alert_items(evaluation))
    assert (first.sent, first.failed, len(smtp.messages)) == (expected, 0, 1)
    assert smtp.recipients == [["secretariat@mandates.test"]]
    text = smtp.text()
    assert "OVERDUE - zero-draft-overview:" in text and "Mandate: CBD/WG2020/REC/1/1 para 4" in text
    assert "LATE INPUT (arrives after deadline) - wg2020-2-documents needs consult-review-report" in text
    second = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
    assert (second.sent, second.failed, len(smtp.messages)) == (0, 0, 1)
    rows = _rows(store)
    assert len(rows) == expected
    assert {r.status for r in rows} == {"sent"} and {r.attempts for r in rows} == {1}
    assert {r.channel for r in rows} == {channel_id(smtp.url)}


def test_only_what_became_late_since_is_sent_later(bundled_plan: Plan, store: Store, smtp: Any) -> None:
    alerts = AlertSettings(urls=(smtp.url,), retries=0)
    send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
    moved = make_fact(bundled_plan, FactKind.RESCHEDULED, "wg2020-2", pendulum.Date(2020, 2, 3),
                      recorded_at=RECORDED_AT,
                      opens_on=pendulum.Date(2020, 2, 24), closes_on=pendulum.Date(2020, 2, 29),
                      venue="Rome, FAO headquarters")
    store.append(bundled_plan.process.id, [moved])
    before = {r.alert_key for r in _rows(store)}
    later = _evaluation(bundled_plan, store, MAR_1)
    result = send_alerts(store, later, alerts, now=SENT_AT)
    new = [item for item in alert_items(later) if item.key not in before]
    assert new and result.sent == len(new) and len(smtp.messages) == 2
    assert "wg2020-2-documents:overdue" in {item.key for item in new}
    text = smtp.text()
    assert "OVERDUE - wg2020-2-documents:" in text
    assert "zero-draft-overview" not in text  # already sent on 6 January


def test_failed_send_is_retried_recorded_and_sent_next_run(bundled_plan: Plan, store: Store,
                                                           smtp_on: Any, unused_port: int) -> None:
    url = (f"mailto://127.0.0.1:{unused_port}?mode=insecure&from=alerts@mandates.test"
           "&to=secretariat@mandates.test")
    alerts = AlertSettings(urls=(url,), retries=2, retry_delay_seconds=0)
    evaluation = _evaluation(bundled_plan, store, JAN_6)
    down = send_alerts(store, evaluation, alerts, now=SENT_AT)
    expected = len(alert_items(evaluation))
    assert (down.sent, down.failed) == (0, expected)
    assert down.channels[0].attempts == 3 and down.errors
    assert "127.0.0.1" in down.errors[0]
    rows = _rows(store)
    assert {r.status for r in rows} == {"failed"} and {r.attempts for r in rows} == {3}
    assert all(r.error for r in rows)
    inbox = smtp_on(unused_port)  # the mail server is back
    up = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
    assert (up.sent, up.failed, len(inbox.messages)) == (expected, 0, 1)
    rows = _rows(store)
    assert {r.status for r in rows} == {"sent"} and {r.attempts for r in rows} == {4}
    assert {r.error for r in rows} == {None}
    again = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
    assert (again.sent, len(inbox.messages)) == (0, 1)


def test_each_channel_gets_its_own_digest(bundled_plan: Plan, store: Store, smtp: Any,
                                          smtp_on: Any, unused_port: int) -> None:
    other = smtp_on(unused_port)
    alerts = AlertSettings(urls=(smtp.url, other.url), retries=0)
    result = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
    assert len(smtp.messages) == len(other.messages) == 1
    assert [c.sent for c in result.channels] == [result.items, result.items]
    assert {r.channel for r in _rows(store)} == {channel_id(smtp.url), channel_id(other.url)}


def test_channel_names_keep_secrets_out_of_the_database() -> None:
    url = "mailtos://clerk:s3cret-pass@smtp.example.org?to=team@example.org"
    assert "s3cret" not in channel_id(url) and channel_id(url).startswith("mailtos:")
    assert channel_id(url) == channel_id(url) != channel_id(url.replace("s3cret", "other"))


@pytest.mark.postgres
def test_alerts_are_recorded_once_in_postgresql(bundled_plan: Plan, postgres_url: str,
                                                smtp: Any) -> None:
    store = Store(postgres_url)
    try:
        alerts = AlertSettings(urls=(smtp.url,), retries=0)
        first = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
        second = send_alerts(store, _evaluation(bundled_plan, store, JAN_6), alerts, now=SENT_AT)
        assert first.sent > 0 and second.sent == 0 and len(smtp.messages) == 1
        assert len(_rows(store)) == first.sent
    finally:
        store.dispose()
