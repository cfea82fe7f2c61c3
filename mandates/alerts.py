"""Digests of *new* late items through apprise, each alert sent once (issue 3, item 4).

What is alerted: late inputs (`OUTPUT<-INPUT:FLAG`), and outputs overdue, blocked or at risk
(`OUTPUT:STATUS`). One digest per channel (apprise URL) lists the items not yet sent on that
channel, grouped per responsible body, each with its mandate and reason. Every item is recorded
in `sent_alert`, keyed by (process, alert key, channel): `sent`, or `failed` with the error, so a
second run on the same day sends nothing new and a failed digest is tried again on the next run.
Plain Python: no Prefect here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import apprise
import pendulum
from sqlmodel import select

from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.plan import Plan
from mandates.store.db import SentAlertRow, Store
from mandates.words.dates import weekday_text
from mandates.words.reasons import ReasonWords

ALERT_STATUSES = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.AT_RISK)
SENT = "sent"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class AlertItem:
    """One late, overdue, blocked or at-risk item as a digest shows it (issue 3, item 4)."""

    key: str
    output: str
    bodies: tuple[str, ...]
    mandate: str
    kind: str
    subject: str
    reason: str


@dataclass(frozen=True, slots=True)
class ChannelResult:
    """One channel's outcome: items sent or failed, attempts, the last error (issue 3, item 4)."""

    channel: str
    shown_as: str
    sent: int
    failed: int
    attempts: int
    error: str | None


@dataclass(frozen=True, slots=True)
class NotifyResult:
    """The outcome of one round of alerts over every channel (issue 3, item 4)."""

    items: int
    channels: tuple[ChannelResult, ...]

    @property
    def sent(self) -> int:
        """Alert items delivered in this round, summed over channels (item 4: reported)."""
        return sum(c.sent for c in self.channels)

    @property
    def failed(self) -> int:
        """Alert items not delivered, summed over channels (item 4: never silently dropped)."""
        return sum(c.failed for c in self.channels)

    @property
    def errors(self) -> list[str]:
        """One line per failed channel: where and why (item 4: failures are reported)."""
        return [f"{c.shown_as}: {c.error}" for c in self.channels if c.error]


def alert_items(evaluation: Evaluation) -> list[AlertItem]:
    """Late inputs first, then overdue, blocked and at-risk outputs (issue 3, item 4)."""
    items: list[AlertItem] = []
    words = ReasonWords(evaluation.plan)
    for late in evaluation.late_inputs:
        consumer = evaluation.outputs[late.output].output
        flag = late.input.flag.value if late.input.flag else "late"
        items.append(AlertItem(
            key=f"{late.output}<-{late.input.id}:{flag}", output=late.output,
            bodies=consumer.responsible, mandate=consumer.mandate,
            kind=f"LATE INPUT ({flag.replace('_', ' ')})",
            subject=f"{late.output} needs {late.input.id}",
            reason=(words.text(late.input.reason, "en") if late.input.reason
                    else flag.replace("_", " "))))
    for status in ALERT_STATUSES:
        for state in evaluation.in_status(status):
            items.append(AlertItem(
                key=f"{state.id}:{status.value}", output=state.id, bodies=state.output.responsible,
                mandate=state.output.mandate, kind=status.value.replace("_", " ").upper(),
                subject=f"{state.id}: {state.output.title.en}",
                reason=words.text(state.reason, "en")))
    return items


def render_digest(plan: Plan, items: Sequence[AlertItem], as_of: pendulum.Date) -> tuple[str, str]:
    """The digest's title and plain-text body, grouped per responsible body (issue 3, item 4)."""
    count = len(items)
    plural = "s" if count != 1 else ""
    title = f"{plan.process.title.en}: {count} new late item{plural} as of {as_of.isoformat()}"
    lines = [f"{plan.process.title.en} ({plan.process.source_document})",
             f"New since the last check, as of {weekday_text(as_of, 'en')} ({plan.process.timezone}): "
             f"{count} item{plural}.", ""]
    order = {body: index for index, body in enumerate(plan.bodies)}
    groups: dict[str, list[AlertItem]] = {}
    for item in items:
        for body in item.bodies or ("(no responsible body)",):
            groups.setdefault(body, []).append(item)
    for body in sorted(groups, key=lambda b: (order.get(b, len(order)), b)):
        name = plan.bodies[body].name.en if body in plan.bodies else body
        lines += [f"== {plan.body_short(body)}: {name} ==", ""]
        for item in groups[body]:
            others = [plan.body_short(b) for b in item.bodies if b != body]
            joint = f" (with {', '.join(others)})" if others else ""
            lines += [f"{item.kind} - {item.subject}{joint}", f"Mandate: {item.mandate}",
                      f"Why: {item.reason}", ""]
    return title, "\n".join(lines).rstrip() + "\n"


def channel_id(url: str) -> str:
    """A stable channel name for an apprise URL, without its secrets (issue 3, item 4)."""
    scheme = url.split("://", 1)[0] if "://" in url else "url"
    return f"{scheme}:{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}"


def _shown_as(url: str) -> str:
    """The URL with passwords and tokens masked, for messages."""
    server = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    return str(server.url(privacy=True)) if server else channel_id(url)  # type: ignore[no-untyped-call]


def send_once(url: str, title: str, body: str) -> str | None:
    """Send one digest through one apprise URL; None when it went, else the error (item 4)."""
    notifier = apprise.Apprise()
    if not notifier.add(url):
        return "not a usable apprise URL"
    with apprise.LogCapture(level=apprise.logging.WARNING) as logs:  # type: ignore[no-untyped-call]
        ok = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
        captured = logs.getvalue().strip()
    return None if ok else (captured.splitlines()[-1] if captured else "apprise reported a failure")


def _day(day: pendulum.Date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def _record(store: Store, process: str, channel: str, items: Iterable[AlertItem], as_of: pendulum.Date,
            error: str | None, attempts: int, now: pendulum.DateTime) -> None:
    """Write `sent` or `failed` for each item on a channel, keeping the attempts made so far."""
    status = SENT if error is None else FAILED
    with store.session() as session:
        rows = {row.alert_key: row for row in session.exec(
            select(SentAlertRow).where(SentAlertRow.process == process,
                                       SentAlertRow.channel == channel)).all()}
        for item in items:
            row = rows.get(item.key)
            if row is None:
                session.add(SentAlertRow(process=process, alert_key=item.key, channel=channel,
                                         as_of=_day(as_of), sent_at=now, status=status,
                                         attempts=attempts, error=error))
            else:
                row.status, row.error, row.as_of, row.sent_at = status, error, _day(as_of), now
                row.attempts += attempts
                session.add(row)
        session.commit()


def already_sent(store: Store, process: str, channel: str) -> set[str]:
    """Keys already sent on a channel; failed ones are not, so they go again (item 4)."""
    with store.session() as session:
        keys = session.exec(select(SentAlertRow.alert_key).where(
            SentAlertRow.process == process, SentAlertRow.channel == channel,
            SentAlertRow.status == SENT)).all()
    return set(keys)


def send_alerts(store: Store, evaluation: Evaluation, alerts: AlertSettings, *, now: pendulum.DateTime,
                sleep: Callable[[float], None] = time.sleep,
                sender: Callable[[str, str, str], str | None] = send_once) -> NotifyResult:
    """Send each channel a digest of the items it has not had yet, retrying, recording all (item 4).

    `now` (the edge's clock) is recorded as the time of each channel's send.
    """
    items = alert_items(evaluation)
    plan, process = evaluation.plan, evaluation.plan.process.id
    results: list[ChannelResult] = []
    for url in alerts.urls:
        channel = channel_id(url)
        done = already_sent(store, process, channel)
        pending = [item for item in items if item.key not in done]
        if not pending:
            results.append(ChannelResult(channel, _shown_as(url), 0, 0, 0, None))
            continue
        title, body = render_digest(plan, pending, evaluation.as_of)
        error: str | None = None
        attempts = 0
        for attempt in range(max(0, alerts.retries) + 1):
            if attempt:
                sleep(alerts.retry_delay_seconds)
            attempts += 1
            error = sender(url, title, body)
            if error is None:
                break
        _record(store, process, channel, pending, evaluation.as_of, error, attempts, now)
        sent, failed = (len(pending), 0) if error is None else (0, len(pending))
        results.append(ChannelResult(channel, _shown_as(url), sent, failed, attempts, error))
    return NotifyResult(len(items), tuple(results))
