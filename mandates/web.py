"""The FastAPI app that serves the feeds and the status page (an edge: thin, calls the core).

Routes: `/` index of public feeds, `/calendars/{name}.ics`, `/private/{token}/{name}.ics`,
`/status` and `/status.json`. Feeds carry ETag and Last-Modified and answer 304 to
If-None-Match / If-Modified-Since; HEAD is supported. Unknown names, wrong tokens and anything
that looks like a path answer 404. A MandatesError answers its own `http_status` (one handler):
its message when the request is at fault (4xx), the bare reason phrase when the server is (5xx,
logged); any other error a plain 500. No answer carries a stack trace.
"""

from __future__ import annotations

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
from mandates.feeds.published import FeedFile, Published, index_html, not_modified
from mandates.report.html import status_html
from mandates.report.jsondoc import evaluation_dict

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
    def status() -> HTMLResponse:
        return HTMLResponse(status_html(check()), headers={"Cache-Control": "no-cache"})

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
