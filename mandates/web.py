"""The FastAPI app that serves the feeds and the status page (an edge: thin, calls the core).

Routes: `/` index of public feeds, `/calendars/{name}.ics`, `/private/{token}/{name}.ics`,
`/status` and `/status.json`. Feeds carry ETag and Last-Modified and answer 304 to
If-None-Match / If-Modified-Since; HEAD is supported. Unknown names, wrong tokens and anything
that looks like a path answer 404.

`/status` is in English, or in Chinese with `?lang=zh`; without `lang`, the Accept-Language
header decides (RFC 9110 12.5.4), English when it does not prefer Chinese. The page carries
Content-Language, an ETag of its bytes (304 to If-None-Match), `Cache-Control: no-cache` (it
changes with the day and the facts, so a cache must ask again) and, when the header chose the
language, `Vary: Accept-Language`. A `lang` other than en or zh answers 400.

A MandatesError answers its own `http_status` (one handler): its message when the request is at
fault (4xx), the bare reason phrase when the server is (5xx, logged); any other error a plain
500. No answer carries a stack trace.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from mandates.config.settings import Settings
from mandates.core.evaluate import Evaluation
from mandates.errors import MandatesError
from mandates.feeds.published import FeedFile, Published, etag_matches, index_html, not_modified
from mandates.report.html import HTML_LANG, status_html
from mandates.report.jsondoc import evaluation_dict
from mandates.words.dates import Lang

CALENDAR = "text/calendar; charset=utf-8"
log = logging.getLogger("mandates.web")


def create_app(settings: Settings, published: Published, check: Callable[[], Evaluation]) -> FastAPI:
    """The server: feeds from `published`, the check of the day `check()` returns (the caller's
    clock decides the day) on /status and /status.json."""
    app = FastAPI(title="mandates", docs_url=None, redoc_url=None, openapi_url=None)
    base_url = settings.public_base_url

    def feed_response(request: Request, feed: FeedFile | None, private: bool) -> Response:
        if feed is None:
            return PlainTextResponse("Not Found", status_code=404)
        headers = {"ETag": feed.etag, "Last-Modified": feed.http_date,
                   "Cache-Control": ("private" if private else "public") + ", max-age=3600",
                   "X-Content-Type-Options": "nosniff"}
        if private:
            headers["Referrer-Policy"] = "no-referrer"
        if not_modified(feed, request.headers.get("if-none-match"),
                        request.headers.get("if-modified-since")):
            return Response(status_code=304, headers=headers)
        headers["Content-Length"] = str(len(feed.data))
        body = b"" if request.method == "HEAD" else feed.data
        return Response(body, headers=headers, media_type=CALENDAR)

    @app.api_route("/calendars/{name}.ics", methods=["GET", "HEAD"], include_in_schema=False)
    async def public_feed(request: Request, name: str) -> Response:
        return feed_response(request, published.public(name), private=False)

    @app.api_route("/private/{token}/{name}.ics", methods=["GET", "HEAD"], include_in_schema=False)
    async def private_feed(request: Request, token: str, name: str) -> Response:
        return feed_response(request, published.private(token, name), private=True)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(index_html(published, base_url))

    @app.api_route("/status", methods=["GET", "HEAD"], include_in_schema=False)
    def status(request: Request, lang: str | None = None) -> Response:
        language: Lang = preferred_language(request.headers.get("accept-language"))
        if lang is not None:  # en, zh, or a tag of either (zh-Hans, en-GB)
            primary = lang.strip().lower().split("-")[0]
            if primary not in PAGE_LANGS:
                return PlainTextResponse(f"unknown language {lang!r}: en or zh", status_code=400)
            language = "zh" if primary == "zh" else "en"
        page = status_html(check(), language).encode("utf-8")
        headers = {"Cache-Control": "no-cache", "Content-Language": HTML_LANG[language],
                   "ETag": '"' + hashlib.sha256(page).hexdigest()[:32] + '"'}
        if lang is None:
            headers["Vary"] = "Accept-Language"
        if etag_matches(headers["ETag"], request.headers.get("if-none-match")):
            return Response(status_code=304, headers=headers)
        return HTMLResponse(page, headers=headers)

    @app.api_route("/status.json", methods=["GET", "HEAD"], include_in_schema=False)
    def status_json() -> JSONResponse:
        data: dict[str, Any] = evaluation_dict(check())
        return JSONResponse(data, headers={"Cache-Control": "no-cache"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        text = "Not Found" if exc.status_code == 404 else str(exc.detail)
        return PlainTextResponse(text, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(MandatesError)
    async def domain_error(request: Request, exc: MandatesError) -> Response:
        status = exc.http_status
        if status >= 500:
            log.error("error serving %s: %s", request.url.path, exc.headline())
            return PlainTextResponse(HTTPStatus(status).phrase, status_code=status)
        return PlainTextResponse(exc.headline(), status_code=status)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("error serving %s: %r", request.url.path, exc)
        return PlainTextResponse("Internal Server Error", status_code=500)

    return app


PAGE_LANGS = ("en", "zh")


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
