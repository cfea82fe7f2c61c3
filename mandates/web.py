"""The FastAPI app that serves the feeds and the status page (an edge: thin, calls the core), and
the uvicorn server it runs in.

Routes: `/` index of public feeds, `/calendars/{name}.ics`, `/private/{token}/{name}.ics`,
`/status` and `/status.json` (the public view), `/private/{token}/status` and
`/private/{token}/status.json` (the full view, with the `secretariat` feed's token). Feeds carry
ETag and Last-Modified and answer 304 to If-None-Match / If-Modified-Since; HEAD is supported.
Unknown names, wrong tokens and anything that looks like a path answer 404.

The public view (issue 11, part 4) is what the public feeds show: outputs for Parties and
observers only (no `audience: secretariat` output), no late-input rows (the secretariat feed's
warnings), no notes (the secretariat's own records; a waiver's reason stays, as in the feeds),
and the critical chain through public outputs only; its JSON has no `late_inputs` key. The full
view is the whole check. Both JSON documents say which they are (`"view": "public"` or `"full"`).

`/status` is in English, or in Chinese with `?lang=zh`; without `lang`, the Accept-Language
header decides (RFC 9110 12.5.4), English when it does not prefer Chinese. The page carries
Content-Language, an ETag of its bytes (304 to If-None-Match), `Cache-Control: no-cache` and,
when the header chose the language, `Vary: Accept-Language`. A `lang` other than en or zh: 400.

Hardening (issue 11, part 4): a feed is served only when the manifest names it *and* its file,
symlinks resolved, lies inside the calendars folder (public feeds outside `private/`); every
answer has `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and a
Content-Security-Policy with `frame-ancestors 'none'` (HTML: `default-src 'none'` and its own
inline style by hash); a path with a trailing slash is redirected with a *relative* Location
built from the request's path, never from the Host header. `run_server` closes a connection that
has not sent a complete request head within `header_timeout` seconds (uvicorn alone waits
forever) and idle keep-alive connections after `keep_alive` seconds; see docs/orchestration.md
for running behind nginx.

A MandatesError answers its own `http_status` (one handler): its message when the request is at
fault (4xx), the bare reason phrase when the server is (5xx, logged); any other error a plain
500. No answer carries a stack trace.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import os
import re
from collections.abc import Callable
from dataclasses import replace
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pendulum import Date
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.core.facts import FactKind
from mandates.core.plan import Audience
from mandates.errors import MandatesError
from mandates.feeds.published import FeedFile, Published, etag_matches, index_html, not_modified
from mandates.report.html import HTML_LANG, status_html
from mandates.report.jsondoc import evaluation_dict
from mandates.words.check import COLUMNS, phrase, pick
from mandates.words.dates import Lang

CALENDAR = "text/calendar; charset=utf-8"
STATUS_TOKEN = "secretariat"  # the private feed whose token opens the full view
HEADER_TIMEOUT_SECONDS = 10.0
KEEP_ALIVE_SECONDS = 5
BASE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
log = logging.getLogger("mandates.web")


def public_view(evaluation: Evaluation) -> Evaluation:
    """The check as the public feeds show it: public outputs only, no late inputs, no notes,
    the critical chain through public outputs only (issue 11, part 4)."""
    outputs = {oid: state for oid, state in evaluation.outputs.items()
               if state.output.audience is Audience.PUBLIC}
    return replace(evaluation, outputs=outputs, late_inputs=[],
                   critical_chain=[oid for oid in evaluation.critical_chain if oid in outputs],
                   facts=tuple(f for f in evaluation.facts if f.kind is not FactKind.NOTE))


def _without_late_inputs(page: str, lang: Lang) -> str:
    """The public page without its late-input section and total (both empty there: a page that
    said "late inputs 0" to the public would say something the secretariat knows is wrong)."""
    from html import escape

    head = "".join(f"<th>{escape(pick(c, lang))}</th>" for c in COLUMNS["late"])
    section = (f"<h2>{escape(phrase('late_inputs', lang, count=0))}</h2>\n<table><thead><tr>{head}"
               "</tr></thead><tbody></tbody></table>\n")
    total = " · " + escape(phrase("late_total", lang, count=0))
    return page.replace(section, "", 1).replace(total + "</p>", "</p>", 1)


def html_policy(page: str) -> str:
    """A strict Content-Security-Policy for a page: nothing but its own inline styles, by hash."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                     for s in re.findall(r"<style>(.*?)</style>", page, flags=re.S)})
    style = f"; style-src {' '.join(hashes)}" if hashes else ""
    return BASE_POLICY + style


class SecurityHeaders:
    """ASGI middleware: nosniff, no referrer, no framing and a default CSP on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in ((b"x-content-type-options", b"nosniff"),
                                    (b"referrer-policy", b"no-referrer"),
                                    (b"x-frame-options", b"DENY"),
                                    (b"content-security-policy", BASE_POLICY.encode())):
                    if name not in present:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def confined(published: Published, name: str, private: bool) -> bool:
    """Whether the manifest's file for feed `name` resolves (symlinks followed) to a file inside
    the calendars folder, and, for a public feed, outside its `private/` folder."""
    try:
        root = published.root.resolve(strict=True)
        for entry in published.manifest().get("feeds", []):
            if f"{entry['name']}.{entry['lang']}" == name and bool(entry["private"]) is private:
                target = (root / str(entry["file"])).resolve(strict=True)
                inside = target.is_relative_to(root) and target.is_file()
                return inside and (private or not target.is_relative_to(root / "private"))
    except (OSError, RuntimeError, KeyError, TypeError, ValueError):
        return False
    return False


class Confinement:
    """`confined`, remembered per feed while the manifest and what the feed's path leads to (its
    `stat`, symlinks followed: a swapped link or folder leads elsewhere) stay the same; one
    `stat` per request instead of resolving every component."""

    def __init__(self, published: Published) -> None:
        self.published = published
        self.known: dict[tuple[str, bool], tuple[object, tuple[int, int, int], bool]] = {}

    def __call__(self, name: str, private: bool) -> bool:
        """Whether feed `name` may be served (see `confined`)."""
        manifest = self.published.manifest()
        file = next((str(e.get("file")) for e in manifest.get("feeds", [])
                     if f"{e.get('name')}.{e.get('lang')}" == name and bool(e.get("private")) is private),
                    None)
        if file is None:
            return False
        try:
            info = os.stat(self.published.root / file)
        except (OSError, ValueError):
            return False
        seen = (info.st_dev, info.st_ino, info.st_mtime_ns)
        known = self.known.get((name, private))
        if known is not None and known[0] is manifest and known[1] == seen:
            return known[2]
        verdict = confined(self.published, name, private)
        self.known[(name, private)] = (manifest, seen, verdict)
        return verdict


def create_app(settings: Settings, published: Published, check: Callable[[], Evaluation],
               check_on: Callable[[Date | None], Evaluation] | None = None,
               brief: Callable[[Date | None, Lang, str], bytes] | None = None) -> FastAPI:
    """The server: feeds from `published`, the check of the day `check()` returns (the caller's
    clock decides the day) on /status and /status.json (public view) and under the secretariat
    token (full view); with `check_on` (the check as of a day, None: today), the dashboard
    (`webpages.add_dashboard`) under /dashboard and /private/{token}/dashboard, with `brief`
    (the Bureau briefing of a day, in a language and a format) its briefing downloads."""
    app = FastAPI(title="mandates", docs_url=None, redoc_url=None, openapi_url=None,
                  redirect_slashes=False)
    app.add_middleware(SecurityHeaders)
    base_url = settings.public_base_url
    status_token = settings.feeds.tokens.get(STATUS_TOKEN) or None
    last: list[tuple[Evaluation, Evaluation]] = []
    allowed = Confinement(published)

    def view(full: bool) -> Evaluation:
        evaluation = check()
        if full:
            return evaluation
        if not last or last[0][0] is not evaluation:
            last[:] = [(evaluation, public_view(evaluation))]
        return last[0][1]

    def token_ok(token: str) -> bool:
        return status_token is not None and hmac.compare_digest(token.encode("utf-8"),
                                                                status_token.encode("utf-8"))

    def feed_response(request: Request, feed: FeedFile | None, private: bool) -> Response:
        if feed is None:
            return PlainTextResponse("Not Found", status_code=404)
        headers = {"ETag": feed.etag, "Last-Modified": feed.http_date,
                   "Cache-Control": ("private" if private else "public") + ", max-age=3600"}
        if not_modified(feed, request.headers.get("if-none-match"),
                        request.headers.get("if-modified-since")):
            return Response(status_code=304, headers=headers)
        headers["Content-Length"] = str(len(feed.data))
        body = b"" if request.method == "HEAD" else feed.data
        return Response(body, headers=headers, media_type=CALENDAR)

    @app.api_route("/calendars/{name}.ics", methods=["GET", "HEAD"], include_in_schema=False)
    async def public_feed(request: Request, name: str) -> Response:
        feed = published.public(name) if allowed(name, False) else None
        return feed_response(request, feed, private=False)

    @app.api_route("/private/{token}/{name}.ics", methods=["GET", "HEAD"], include_in_schema=False)
    async def private_feed(request: Request, token: str, name: str) -> Response:
        feed = published.private(token, name) if allowed(name, True) else None
        return feed_response(request, feed, private=True)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> HTMLResponse:
        page = index_html(published, base_url)
        return HTMLResponse(page, headers={"Content-Security-Policy": html_policy(page)})

    def status_page(request: Request, lang: str | None, prefix: str) -> Response:
        language: Lang = preferred_language(request.headers.get("accept-language"))
        if lang is not None:  # en, zh, or a tag of either (zh-Hans, en-GB)
            primary = lang.strip().lower().split("-")[0]
            if primary not in PAGE_LANGS:
                return PlainTextResponse(f"unknown language {lang!r}: en or zh", status_code=400)
            language = "zh" if primary == "zh" else "en"
        text = status_html(view(bool(prefix)), language)
        if prefix:  # the full view's links stay under its token
            text = text.replace('href="/status', f'href="{prefix}/status')
        else:
            text = _without_late_inputs(text, language)
        page = text.encode("utf-8")
        headers = {"Cache-Control": "private, no-cache" if prefix else "no-cache",
                   "Content-Language": HTML_LANG[language],
                   "ETag": '"' + hashlib.sha256(page).hexdigest()[:32] + '"',
                   "Content-Security-Policy": html_policy(text)}
        if lang is None:
            headers["Vary"] = "Accept-Language"
        if etag_matches(headers["ETag"], request.headers.get("if-none-match")):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(page, headers=headers)

    def status_document(full: bool) -> JSONResponse:
        data: dict[str, Any] = evaluation_dict(view(full))
        if not full:  # no late-input rows at all, rather than an empty list that says "none"
            del data["late_inputs"]
        data["view"] = "full" if full else "public"
        return JSONResponse(data, headers={"Cache-Control": "private, no-cache" if full else "no-cache"})

    @app.api_route("/status", methods=["GET", "HEAD"], include_in_schema=False)
    def status(request: Request, lang: str | None = None) -> Response:
        return status_page(request, lang, "")

    @app.api_route("/status.json", methods=["GET", "HEAD"], include_in_schema=False)
    def status_json() -> JSONResponse:
        return status_document(False)

    @app.api_route("/private/{token}/status", methods=["GET", "HEAD"], include_in_schema=False)
    def full_status(request: Request, token: str, lang: str | None = None) -> Response:
        if not token_ok(token):
            return PlainTextResponse("Not Found", status_code=404)
        return status_page(request, lang, "/private/" + quote(token, safe=""))

    @app.api_route("/private/{token}/status.json", methods=["GET", "HEAD"], include_in_schema=False)
    def full_status_json(token: str) -> Response:
        if not token_ok(token):
            return PlainTextResponse("Not Found", status_code=404)
        return status_document(True)

    if check_on is not None:
        from mandates.webpages import add_dashboard

        add_dashboard(app, check_on, public_view, token_ok, preferred_language, brief)

    @app.api_route("/{path:path}/", methods=["GET", "HEAD"], include_in_schema=False)
    async def trailing_slash(request: Request, path: str) -> Response:
        """`/status/` -> `/status`: Location is the request's own path, relative, never a host."""
        target = request.scope.get("raw_path", b"").decode("latin-1").rstrip("/")
        routes = [r for r in app.router.routes if getattr(r, "name", "") != "trailing_slash"]
        scope = {**request.scope, "path": request.scope["path"].rstrip("/")}
        if (target.startswith("/") and not target.startswith(("//", "/\\"))
                and any(r.matches(scope)[0] is Match.FULL for r in routes)):
            query = request.scope.get("query_string", b"").decode("latin-1")
            return Response(status_code=308, headers={"Location": target + (f"?{query}" if query else "")})
        return PlainTextResponse("Not Found", status_code=404)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        text = "Not Found" if exc.status_code == 404 else str(exc.detail)
        return PlainTextResponse(text, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(MandatesError)
    async def domain_error(request: Request, exc: MandatesError) -> Response:
        status = exc.http_status
        if status >= 500:
            log.error("error serving %s: %s", _redacted(request.url.path), exc.headline())
            return PlainTextResponse(HTTPStatus(status).phrase, status_code=status)
        language = request_language(request.query_params.get("lang"),
                                    request.headers.get("accept-language"))
        from mandates.words.refusals import translated

        return PlainTextResponse(translated(exc.headline(), language), status_code=status,
                                 headers={"Content-Language": HTML_LANG[language],
                                          "Vary": "Accept-Language"})

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("error serving %s: %r", _redacted(request.url.path), exc)
        return PlainTextResponse("Internal Server Error", status_code=500)

    return app


PAGE_LANGS = ("en", "zh")


def request_language(lang: str | None, accept_language: str | None) -> Lang:
    """The language of an answer to a request: its `lang` (en, zh or a tag of either) when it is
    one of them, else its Accept-Language (`preferred_language`). A refusal of a bad `as_of`
    on `?lang=zh` is Chinese (`words.refusals`)."""
    primary = (lang or "").strip().lower().split("-")[0]
    if primary in ("en", "zh"):
        return "zh" if primary == "zh" else "en"
    return preferred_language(accept_language)


def preferred_language(accept_language: str | None) -> Lang:
    """The language of a page from an Accept-Language header (RFC 9110 12.5.4): `zh` when a
    Chinese range (`zh`, `zh-CN`, `zh-Hans`, ...) weighs more than every English one, or as much
    and comes first; else `en`, the default (no header, neither language, `*`, a bad header).

    `preferred_language("zh-CN,zh;q=0.9,en;q=0.8") == "zh"`;
    `preferred_language("en-US,en;q=0.9,zh;q=0.8") == "en"`.
    """
    best: dict[str, tuple[float, int]] = {}
    for position, part in enumerate((accept_language or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        primary = fields[0].lower().split("-")[0]
        if primary not in PAGE_LANGS:
            continue
        weight = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0 and (primary not in best or weight > best[primary][0]):
            best[primary] = (weight, -position)
    if "zh" in best and ("en" not in best or best["zh"] > best["en"]):
        return "zh"
    return "en"


# ---------------------------------------------------------------------------------------------
# The server

_TOKEN_PATH = re.compile(r"/private/[^/\s\"]+/")


def _redacted(text: str) -> str:
    """A path or log line with the token of every private path replaced by `…`."""
    return _TOKEN_PATH.sub("/private/…/", text)


class _RedactTokens(logging.Filter):
    """Keeps private tokens out of the access log (a log is not a place for passwords)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(_redacted(a) if isinstance(a, str) else a for a in record.args)
        record.msg = _redacted(str(record.msg))
        return True


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for reading a request: a connection that has not
    sent a complete request head `header_timeout` seconds after it opened (or after it started
    its next request) is closed. uvicorn alone waits forever (issue 11, part 4)."""

    header_timeout: float = HEADER_TIMEOUT_SECONDS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the deadline as the connection opens."""
        self._read_deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Keep the deadline while the request head is incomplete; drop it once the app runs."""
        super().data_received(data)
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # a request is being answered: the app's time is its own
        else:
            self._arm()  # a request head (or a body nobody reads) still coming: the deadline holds

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the deadline with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._read_deadline is None and not self.transport.is_closing():
            self._read_deadline = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _expired(self) -> None:
        self._read_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def run_server(app: FastAPI, host: str = "127.0.0.1", port: int = 8000, *, access_log: bool = True,
               header_timeout: float = HEADER_TIMEOUT_SECONDS,
               keep_alive: int = KEEP_ALIVE_SECONDS) -> None:
    """Serve `app` with uvicorn until stopped: h11 with a request-head deadline, idle keep-alive
    connections closed after `keep_alive` s, no Server header, no proxy headers trusted, and an
    access log (tokens of private paths redacted) unless `access_log` is False."""
    import uvicorn

    protocol = type("Protocol", (HeaderTimeoutProtocol,), {"header_timeout": header_timeout})
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _RedactTokens) for f in access.filters):
        access.addFilter(_RedactTokens())
    uvicorn.run(app, host=host, port=port, http=protocol, server_header=False, access_log=access_log,
                proxy_headers=False, timeout_keep_alive=keep_alive)
