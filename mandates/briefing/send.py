"""Sharing the Bureau briefing: mailed once per recipient, and when a Bureau meeting is near
(issue 10, part 3).

What is sent: the briefing in one language as an HTML body (apprise derives the plain-text
alternative from it; the chart, inline SVG that mail clients do not draw, is left to the PDF) with
the PDF attached, through the apprise URLs of `briefing.channels`, or
else the alert channels (`alerts.urls`). A mail channel (`mailto://`, `mailtos://`) sends one mail
per address of `briefing.recipients` (the URL's `to=` replaced); any other channel is one
recipient itself.

Exactly once, as alerts are (`mandates.alerts`): each (briefing, recipient) is one `sent_alert`
row, keyed `briefing:PROCESS:AS-OF:LANG` on the recipient's channel id (a hash of the URL: no
address or password in the database). It is claimed before sending, its outcome recorded after;
sent ones are not sent again, failed ones go on the next run, one claimed by a live run is left
to it. No migration: the alert table's key names the briefing.

When: `bureau_briefings_due` (pure) names the Bureau meetings whose briefing is due on a day:
meetings of a Bureau body (`briefing.bureau_bodies`) opening on known days within
`briefing.days_before_bureau` days. The briefing is dated that many days before the opening, so
a daily run that was down on that day sends the same briefing (same key) on the next, once.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pendulum
from pendulum import Date

from mandates.alerts import (
    FAILED,
    SENT,
    UNCERTAIN,
    AlertItem,
    Uncertain,
    _claim,
    _finish,
    _shown_as,
    channel_id,
    claim_timeout_for,
    send_once,
)
from mandates.briefing.data import Briefing
from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.store.db import Store
from mandates.words.i18n import Lang
from mandates.words.mail import mail_text

__all__ = ["BriefingMail", "BureauMeeting", "RecipientResult", "SendReport", "briefing_key",
           "bureau_briefings_due", "mail_html", "prepare_mail", "recipient_urls", "send_briefing"]

MAIL_SCHEMES = ("mailto", "mailtos")
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
ALREADY, BUSY = "already sent", "being sent"
Sender = Callable[..., str | None]


@dataclass(frozen=True, slots=True)
class BureauMeeting:
    """A Bureau meeting whose briefing is due: the meeting, the day it opens, the briefing's date
    (`days_before` days before the opening)."""

    meeting_id: str
    title: str
    opens_on: Date
    briefing_on: Date


def bureau_briefings_due(evaluation: Evaluation, bodies: Sequence[str],
                         days_before: int) -> list[BureauMeeting]:
    """The Bureau meetings whose briefing is due as of `evaluation.as_of`, soonest first.

    A meeting counts when its body is one of `bodies`, it is neither cancelled, postponed nor
    held, and it opens on a known day (not a month window) `d` with as_of < d <= as_of +
    days_before. Pure: the evaluation is the plan as amended and the meetings as of the date.
    """
    today = evaluation.as_of
    due: list[BureauMeeting] = []
    for state in evaluation.meetings.values():
        if state.meeting.body not in bodies or state.cancelled or state.postponed or state.held:
            continue
        span = state.opening_span
        if span is None or span.is_window:
            continue
        opens = span.opens_earliest
        if today < opens <= today.add(days=days_before):
            due.append(BureauMeeting(state.id, state.meeting.title.en, opens,
                                     opens.subtract(days=days_before)))
    return sorted(due, key=lambda m: (m.opens_on, m.meeting_id))


def briefing_key(process: str, as_of: Date, lang: Lang) -> str:
    """`briefing:post2020:2020-01-06:en`, the sent_alert key of one briefing."""
    return f"briefing:{process}:{as_of.isoformat()}:{lang}"


def recipient_urls(channels: Sequence[str], recipients: Sequence[str]) -> list[str]:
    """One apprise URL per recipient: each mail channel once per address (its `to=` replaced),
    each other channel as it is; in order, without repeats."""
    urls: list[str] = []
    for url in channels:
        parts = urlsplit(url)
        if parts.scheme in MAIL_SCHEMES and recipients:
            query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "to"]
            urls += [urlunsplit(parts._replace(query=urlencode([*query, ("to", address)])))
                     for address in recipients]
        else:
            urls.append(url)
    return list(dict.fromkeys(urls))


def mail_html(html: str, lang: Lang) -> str:
    """The briefing's HTML as a mail body: the inline SVG chart (which most mail clients do not
    draw, and which would spill its labels into the plain-text part) replaced by a line saying
    that the chart is in the attached PDF."""
    line = mail_text("chart_in_pdf", lang)
    return _SVG.sub(lambda _: f"<p>{line}</p>", html)


@dataclass(frozen=True, slots=True)
class BriefingMail:
    """What one briefing mail carries: subject, HTML body, the PDF's path."""

    title: str
    html: str
    pdf: Path


def prepare_mail(briefing: Briefing, lang: Lang, folder: Path, pdf: Path | None = None) -> BriefingMail:
    """Render the briefing's HTML and print its PDF into `folder`, unless `pdf` is given (the
    file `brief --format pdf` just wrote). Raises BrowserMissing, BriefingError (Chromium)."""
    from mandates.briefing.render import render_html
    from mandates.briefing.run import render_pdf

    evaluation = briefing.evaluation
    process = evaluation.plan.process
    day = evaluation.as_of.isoformat()
    html = render_html(briefing, lang)
    if pdf is None:
        pdf = folder / f"{process.id}-{day}-{lang}.pdf"
        render_pdf(html, pdf)
    html = mail_html(html, lang)
    title = mail_text("subject", lang, title=process.title.get(lang), day=day)
    return BriefingMail(title, html, pdf)


@dataclass(frozen=True, slots=True)
class RecipientResult:
    """One recipient's outcome: sent, failed, uncertain, already sent or being sent."""

    shown_as: str
    status: str
    attempts: int = 0
    error: str | None = None

    def line(self, lang: Lang = "en") -> str:
        """One line for a person, in `lang` (`words.mail`)."""
        key = {SENT: "sent", ALREADY: "already", BUSY: "busy", UNCERTAIN: "uncertain"}.get(
            self.status, "failed_one" if self.attempts == 1 else "failed")
        return mail_text(key, lang, who=self.shown_as, error=self.error, attempts=self.attempts)


@dataclass(frozen=True, slots=True)
class SendReport:
    """Every recipient's outcome for one briefing."""

    key: str
    results: tuple[RecipientResult, ...]
    lang: Lang = "en"

    @property
    def failed(self) -> int:
        """Recipients certainly not reached (retried next run)."""
        return sum(1 for r in self.results if r.status == FAILED)

    @property
    def sent(self) -> int:
        """Recipients reached in this run."""
        return sum(1 for r in self.results if r.status == SENT)

    def lines(self) -> list[str]:
        """One line per recipient, or why nothing was sent, in the briefing's language."""
        if not self.results:
            return [mail_text("no_channel", self.lang)]
        return [r.line(self.lang) for r in self.results]


def send_briefing(store: Store, process: str, as_of: Date, lang: Lang,
                  make_mail: Callable[[], BriefingMail], settings: Settings, *,
                  now: pendulum.DateTime, sender: Sender = send_once,
                  sleep: Callable[[float], None] = time.sleep) -> SendReport:
    """Send one briefing to every recipient that has not had it yet (claim, send, record).

    `make_mail` is called once, only when some recipient is claimed (the PDF takes seconds).
    `now` stamps claims and outcomes. Raises StoreError when claims cannot be recorded, the
    errors of `make_mail` (after releasing the claims as failed).
    """
    key = briefing_key(process, as_of, lang)
    alerts = settings.alerts
    urls = recipient_urls(settings.briefing.channels or alerts.urls, settings.briefing.recipients)
    timeout = claim_timeout_for(alerts)
    moment = dt.datetime.fromtimestamp(now.timestamp(), tz=dt.UTC)
    day = dt.date(as_of.year, as_of.month, as_of.day)
    item = AlertItem(key=key, output="", bodies=(), mandate="", kind="BRIEFING", subject=key, reason="")
    mail: BriefingMail | None = None
    results: list[RecipientResult] = []
    for url in urls:
        channel, shown = channel_id(url), _shown_as(url)
        claim = _claim(store, process, channel, [item], day, moment, timeout)
        if not claim.items:
            results.append(RecipientResult(shown, BUSY if claim.busy else ALREADY))
            continue
        error: str | None = None
        attempts = 0
        try:
            mail = mail or make_mail()
        except Exception as exc:
            _finish(store, process, channel, claim, FAILED, f"not prepared: {exc}", 0, moment)
            raise
        for attempt in range(max(0, alerts.retries) + 1):
            if attempt:
                sleep(alerts.retry_delay_seconds)
            attempts += 1
            error = sender(url, mail.title, mail.html, html=True, attach=(mail.pdf,))
            if error is None or isinstance(error, Uncertain):
                break  # a retry after a timeout could deliver it twice
        status = SENT if error is None else (UNCERTAIN if isinstance(error, Uncertain) else FAILED)
        _finish(store, process, channel, claim, status, error, attempts, moment)
        results.append(RecipientResult(shown, status, attempts, error))
    return SendReport(key, tuple(results), lang)


def send_now(store: Store, briefing: Briefing, lang: Lang, settings: Settings,
             now: pendulum.DateTime, pdf: Path | None = None) -> SendReport:
    """`brief --send` and the flow: prepare the mail in a temporary folder when needed (with
    `pdf`, a PDF of this briefing already written), send it."""
    evaluation = briefing.evaluation
    with tempfile.TemporaryDirectory(prefix="mandates-briefing-mail-") as folder:
        return send_briefing(store, evaluation.plan.process.id, evaluation.as_of, lang,
                             lambda: prepare_mail(briefing, lang, Path(folder), pdf), settings, now=now)
