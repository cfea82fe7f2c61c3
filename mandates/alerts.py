"""Digests of *new* late items through apprise, each alert sent once per channel, whatever runs at
the same time (issue 3, item 4; issue 11, part 1).

What is alerted: late inputs (`OUTPUT<-INPUT:FLAG`), and outputs overdue, blocked or at risk
(`OUTPUT:STATUS`). One digest per channel (apprise URL) lists the items not yet sent on that
channel, grouped per responsible body, each with its mandate and reason.

Exactly once: every item has one row in `sent_alert`, unique on (process, alert key, channel).
A run first *claims* the items it will send, in one short transaction under a lock (`BEGIN
IMMEDIATE` on SQLite, `pg_advisory_xact_lock` on PostgreSQL, the unique key as a backstop
elsewhere): a row in status `sending`, stamped with the claim time (`sent_at`) and the run's
claim token (in `error` while it is `sending`). It sends outside any transaction, then records
the outcome on the rows it still holds: `sent`; `failed` (certainly not delivered: refused,
unreachable, rejected), tried again by the next run; or `uncertain` (the receiver timed out after
the digest was handed over, so it may have arrived), not retried in the same run. A run that finds
an item claimed by another run less than `claim_timeout` ago skips it and says so. A claim older
than that was left by a run that stopped (killed, crashed) and is taken over. Items sent again
after an uncertain outcome or an abandoned claim are marked in the digest as possibly repeated.
Plain Python: no Prefect here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import apprise
import pendulum
from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from mandates.config.settings import AlertSettings
from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.plan import Plan
from mandates.errors import StoreError
from mandates.store.db import SentAlertRow, Store
from mandates.words.dates import weekday_text
from mandates.words.en import counted
from mandates.words.reasons import ReasonWords

ALERT_STATUSES = (OutputStatus.OVERDUE, OutputStatus.BLOCKED, OutputStatus.AT_RISK)
SENT, FAILED, SENDING, UNCERTAIN = "sent", "failed", "sending", "uncertain"
SEND_TIMEOUT_SECONDS = 30.0  # apprise's own: 4 s for HTTP, 15 s for mail; `?rto=`/`?cto=` win
CLAIM_TIMEOUT = dt.timedelta(minutes=15)  # at least; more when retries need longer
BUSY_TIMEOUT_MS = 30_000  # how long a SQLite claim waits for another writer
KEY_LIMIT = 500  # sent_alert.alert_key
_TABLE = SentAlertRow.__table__  # type: ignore[attr-defined]
_CHUNK = 500


class Uncertain(str):
    """A sender's error after which the digest may still have arrived (a read timeout)."""


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
    """One channel's outcome: items sent, failed, uncertain (may have arrived), skipped (claimed
    by another live run), repeated (sent again after an uncertain outcome); attempts, last error,
    and `notes`, one line each on what was uncertain, skipped or repeated (issue 11, part 1)."""

    channel: str
    shown_as: str
    sent: int
    failed: int
    attempts: int
    error: str | None
    uncertain: int = 0
    skipped: int = 0
    repeated: int = 0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NotifyResult:
    """The outcome of one round of alerts over every channel (issue 3, item 4)."""

    items: int
    channels: tuple[ChannelResult, ...]

    @property
    def sent(self) -> int:
        """Alert items delivered in this round, summed over channels."""
        return sum(c.sent for c in self.channels)

    @property
    def failed(self) -> int:
        """Alert items certainly not delivered (retried on the next run), summed over channels."""
        return sum(c.failed for c in self.channels)

    @property
    def uncertain(self) -> int:
        """Alert items whose delivery timed out: they may have arrived; sent again, marked so."""
        return sum(c.uncertain for c in self.channels)

    @property
    def skipped(self) -> int:
        """Alert items left to another run that was sending them at the same time."""
        return sum(c.skipped for c in self.channels)

    @property
    def errors(self) -> list[str]:
        """One line per channel that certainly failed: where and why."""
        return [f"{c.shown_as}: {c.error}" for c in self.channels if c.failed and c.error]

    @property
    def notes(self) -> list[str]:
        """One line per uncertain, skipped or repeated set of items, naming the channel."""
        return [f"{c.shown_as}: {note}" for c in self.channels for note in c.notes]


def _key(text_: str) -> str:
    """An alert key within the column's limit: long keys keep a prefix and their hash."""
    if len(text_) <= KEY_LIMIT:
        return text_
    return text_[:KEY_LIMIT - 66] + "#" + hashlib.sha256(text_.encode("utf-8")).hexdigest()


def alert_items(evaluation: Evaluation) -> list[AlertItem]:
    """Late inputs first, then overdue, blocked and at-risk outputs (issue 3, item 4)."""
    items: list[AlertItem] = []
    words = ReasonWords(evaluation.plan)
    for late in evaluation.late_inputs:
        consumer = evaluation.outputs[late.output].output
        flag = late.input.flag.value if late.input.flag else "late"
        items.append(AlertItem(
            key=_key(f"{late.output}<-{late.input.id}:{flag}"), output=late.output,
            bodies=consumer.responsible, mandate=consumer.mandate,
            kind=f"LATE INPUT ({flag.replace('_', ' ')})",
            subject=f"{late.output} needs {late.input.id}",
            reason=(words.text(late.input.reason, "en") if late.input.reason
                    else flag.replace("_", " "))))
    for status in ALERT_STATUSES:
        for state in evaluation.in_status(status):
            items.append(AlertItem(
                key=_key(f"{state.id}:{status.value}"), output=state.id,
                bodies=state.output.responsible, mandate=state.output.mandate,
                kind=status.value.replace("_", " ").upper(),
                subject=f"{state.id}: {state.output.title.en}", reason=words.text(state.reason, "en")))
    return items


def render_digest(plan: Plan, items: Sequence[AlertItem], as_of: pendulum.Date,
                  repeats: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The digest's title and plain-text body, grouped per responsible body (issue 3, item 4).

    `repeats` maps the keys of items sent again to why (an earlier delivery not confirmed): the
    digest says so at the top and marks each such item `(sent again)`.
    """
    repeats = repeats or {}
    count = len(items)
    plural = "s" if count != 1 else ""
    title = f"{plan.process.title.en}: {count} new late item{plural} as of {as_of.isoformat()}"
    lines = [f"{plan.process.title.en} ({plan.process.source_document})",
             f"New since the last check, as of {weekday_text(as_of, 'en')} ({plan.process.timezone}): "
             f"{count} item{plural}.", ""]
    again = [item for item in items if item.key in repeats]
    if again:
        lines += [f"Sent again: {counted(len(again), 'item')} whose earlier delivery was not confirmed; "
                  "you may have received them already:"]
        lines += [f"- {why}" for why in sorted({repeats[item.key] for item in again})] + [""]
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
            mark = "(sent again) " if item.key in repeats else ""
            lines += [f"{mark}{item.kind} - {item.subject}{joint}", f"Mandate: {item.mandate}",
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


def send_once(url: str, title: str, body: str, *, html: bool = False,
              attach: Sequence[Path] = ()) -> str | None:
    """Send one digest through one apprise URL: None when it went; else the error, as
    `Uncertain` when the receiver timed out after the digest was handed over (it may have
    arrived). Timeouts are raised to SEND_TIMEOUT_SECONDS unless the URL sets `rto`/`cto`.
    `html`: the body is HTML (mail gets a plain-text alternative made by apprise); `attach`:
    files attached where the channel supports it (the Bureau briefing's PDF, issue 10 part 3)."""
    notifier = apprise.Apprise()
    if not notifier.add(url):
        return "not a usable apprise URL"
    parts = urlsplit(url)
    given = parse_qs(parts.query)
    for server in notifier:
        if "rto" not in given:
            server.socket_read_timeout = max(server.socket_read_timeout, SEND_TIMEOUT_SECONDS)
        if "cto" not in given and parts.scheme in ("mailto", "mailtos"):  # smtplib: one timeout
            server.socket_connect_timeout = max(server.socket_connect_timeout, SEND_TIMEOUT_SECONDS)
    with apprise.LogCapture(level=apprise.logging.DEBUG) as logs:  # type: ignore[no-untyped-call]
        ok = notifier.notify(
            title=title, body=body,
            body_format=apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT,
            attach=apprise.AppriseAttachment([str(p) for p in attach]) if attach else None)
        captured = logs.getvalue()
    if ok:
        return None
    lines = captured.splitlines()
    warnings = [line.split(" - ", 2)[-1] for line in lines
                if " - WARNING - " in line or " - ERROR - " in line]
    error = warnings[-1] if warnings else "apprise reported a failure"
    lowered = captured.lower()
    if "timed out" in lowered and "connect timeout" not in lowered:
        return Uncertain(f"{error} (timed out: the receiver may have got it)")
    return error


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # SQLite: UTC, no offset


@contextmanager
def _locked(store: Store, process: str, channel: str) -> Iterator[Connection]:
    """One transaction holding the channel's claim lock; committed on success."""
    try:
        with store.engine.connect() as connection:
            dialect = connection.dialect.name
            if dialect == "sqlite":
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            elif dialect == "postgresql":
                digest = hashlib.sha256(f"mandates.alerts\0{process}\0{channel}".encode()).digest()
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": int.from_bytes(digest[:8], "big", signed=True)})
            yield connection
            connection.commit()
    except OperationalError as exc:
        raise StoreError(f"cannot record alerts in the state database: {exc.orig}") from exc


@dataclass
class _Claim:
    token: str
    items: list[AlertItem] = field(default_factory=list)
    repeats: dict[str, str] = field(default_factory=dict)
    busy: list[tuple[str, dt.datetime]] = field(default_factory=list)


def _claim(store: Store, process: str, channel: str, items: Sequence[AlertItem], as_of: dt.date,
           now: dt.datetime, timeout: dt.timedelta) -> _Claim:
    """Claim the items not yet sent nor held by a live run; note the ones sent again and why."""
    for _ in range(3):  # the unique key is the backstop where no lock is available
        claim = _Claim(f"claimed by {socket.gethostname()} pid {os.getpid()} run {uuid.uuid4().hex}")
        try:
            with _locked(store, process, channel) as connection:
                rows = {r.alert_key: r for r in connection.execute(select(_TABLE).where(
                    _TABLE.c.process == process, _TABLE.c.channel == channel)).all()}
                fresh: list[dict[str, object]] = []
                for item in items:
                    row = rows.get(item.key)
                    if row is None:
                        fresh.append({"process": process, "alert_key": item.key, "channel": channel,
                                      "as_of": as_of, "sent_at": now, "status": SENDING,
                                      "attempts": 0, "error": claim.token})
                    elif row.status == SENT:
                        continue
                    elif row.status == SENDING and now - _aware(row.sent_at) < timeout:
                        claim.busy.append((item.key, _aware(row.sent_at)))
                        continue
                    else:
                        day = _aware(row.sent_at).date().isoformat()
                        if row.status == UNCERTAIN:
                            claim.repeats[item.key] = f"the digest of {day} timed out: {row.error}"
                        elif row.status == SENDING:
                            claim.repeats[item.key] = (f"a run that began sending on {day} stopped "
                                                       "before recording the outcome")
                        connection.execute(update(_TABLE).where(_TABLE.c.id == row.id).values(
                            status=SENDING, sent_at=now, as_of=as_of, error=claim.token))
                    claim.items.append(item)
                if fresh:
                    connection.execute(insert(_TABLE), fresh)
            return claim
        except IntegrityError:
            continue
    raise StoreError(f"could not claim the alerts of {process} on {channel}: another run keeps "
                     "claiming them")


def _finish(store: Store, process: str, channel: str, claim: _Claim, status: str, error: str | None,
            attempts: int, now: dt.datetime) -> int:
    """Record the outcome on the rows this run still holds; the number it no longer held."""
    held = 0
    keys = [item.key for item in claim.items]
    with _locked(store, process, channel) as connection:
        for start in range(0, len(keys), _CHUNK):
            result = connection.execute(update(_TABLE).where(
                _TABLE.c.process == process, _TABLE.c.channel == channel,
                _TABLE.c.alert_key.in_(keys[start:start + _CHUNK]), _TABLE.c.status == SENDING,
                _TABLE.c.error == claim.token).values(
                status=status, error=error, sent_at=now, attempts=_TABLE.c.attempts + attempts))
            held += result.rowcount
    return len(keys) - held


def already_sent(store: Store, process: str, channel: str) -> set[str]:
    """Keys already sent on a channel; failed and uncertain ones are not, so they go again."""
    with store.engine.connect() as connection:
        return {str(key) for key in connection.execute(select(_TABLE.c.alert_key).where(
            _TABLE.c.process == process, _TABLE.c.channel == channel,
            _TABLE.c.status == SENT)).scalars()}


def claim_timeout_for(alerts: AlertSettings) -> dt.timedelta:
    """How old a `sending` claim must be to count as abandoned: CLAIM_TIMEOUT, or three times the
    longest a run can take over one channel (every try timing out, with the delays), if longer."""
    tries = max(0, alerts.retries) + 1
    budget = tries * (2 * SEND_TIMEOUT_SECONDS) + (tries - 1) * alerts.retry_delay_seconds
    return max(CLAIM_TIMEOUT, dt.timedelta(seconds=3 * budget))


def send_alerts(store: Store, evaluation: Evaluation, alerts: AlertSettings, *, now: pendulum.DateTime,
                sleep: Callable[[float], None] = time.sleep,
                sender: Callable[[str, str, str], str | None] = send_once,
                claim_timeout: dt.timedelta | None = None) -> NotifyResult:
    """Send each channel a digest of the items it has not had yet, each item once whatever runs
    at the same time: claim, send (retrying certain failures), record (issue 11, part 1).

    `now` (the edge's clock, read just before) stamps claims and outcomes and decides whether
    another run's claim is still live (younger than `claim_timeout`, by default
    `claim_timeout_for(alerts)`). Raises StoreError when the database cannot record claims.
    """
    items = alert_items(evaluation)
    plan, process = evaluation.plan, evaluation.plan.process.id
    timeout = claim_timeout if claim_timeout is not None else claim_timeout_for(alerts)
    moment = dt.datetime.fromtimestamp(now.timestamp(), tz=dt.UTC)
    day = dt.date(evaluation.as_of.year, evaluation.as_of.month, evaluation.as_of.day)
    results: list[ChannelResult] = []
    for url in alerts.urls:
        channel = channel_id(url)
        claim = _claim(store, process, channel, items, day, moment, timeout)
        notes: list[str] = []
        if claim.busy:
            since = min(at for _, at in claim.busy).strftime("%Y-%m-%d %H:%M:%S UTC")
            notes.append(f"{counted(len(claim.busy), 'item')} skipped: another run claimed them at {since} "
                         "and is sending them")
        if not claim.items:
            results.append(ChannelResult(channel, _shown_as(url), 0, 0, 0, None,
                                         skipped=len(claim.busy), notes=tuple(notes)))
            continue
        title, body = render_digest(plan, claim.items, evaluation.as_of, claim.repeats)
        error: str | None = None
        attempts = 0
        for attempt in range(max(0, alerts.retries) + 1):
            if attempt:
                sleep(alerts.retry_delay_seconds)
            attempts += 1
            error = sender(url, title, body)
            if error is None or isinstance(error, Uncertain):
                break  # a retry after a timeout could deliver the digest twice
        status = SENT if error is None else (UNCERTAIN if isinstance(error, Uncertain) else FAILED)
        lost = _finish(store, process, channel, claim, status, error, attempts, moment)
        count = len(claim.items)
        if claim.repeats:
            notes.append(f"{counted(len(claim.repeats), 'item')} sent again, marked so in the digest: their "
                         "earlier delivery was not confirmed")
        if status == UNCERTAIN:
            notes.append(f"{counted(count, 'item')} uncertain: {error}; sent again, marked so, "
                         "on the next run")
        if lost:
            notes.append(f"{counted(lost, 'item')} taken over by another run after the claim timeout "
                         f"({timeout}): they may arrive twice")
        results.append(ChannelResult(
            channel, _shown_as(url), count if status == SENT else 0, count if status == FAILED else 0,
            attempts, error, uncertain=count if status == UNCERTAIN else 0, skipped=len(claim.busy),
            repeated=len(claim.repeats), notes=tuple(notes)))
    return NotifyResult(len(items), tuple(results))
