"""The dashboard's routes on the server's FastAPI app (an edge: parses `as_of` and `lang`, asks
for the check, renders `report.dashboard`'s pages and `report.export`'s files).

Routes, each under `/dashboard` (the public view: what the public feeds show) and under
`/private/{token}/dashboard` (the secretariat's full view, with the `secretariat` feed's token):
the overview, `/bodies/{id}`, `/meetings/{id}`, `/outputs/{id}`, and `/export.csv`,
`/export.xlsx`, `/export.json`, and `/chart.svg` (the briefing's timeline chart, as an image);
under the token path only, `/briefing.html` and `/briefing.pdf` (the Bureau briefing of the
date, as `mandates brief` writes it, compared with the last briefing recorded; nothing is
recorded); `/dashboard/style.css` is the one stylesheet. Every page and file
takes `?as_of=YYYY-MM-DD` (default: today, the caller's clock) and `?lang=en|zh` (default:
Accept-Language, RFC 9110 12.5.4). A bad date or language answers 400 with a one-line message;
an unknown id or token 404.

Pages carry `Content-Security-Policy: default-src 'none'; style-src 'self'; form-action 'self'`
(no script, no inline style: the as-of selector is a plain GET form) and `frame-ancestors
'none'`; private pages and files `Cache-Control: private, no-cache`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pendulum import Date

from mandates.core.evaluate import Evaluation
from mandates.core.rules import parse_iso_date
from mandates.report.dashboard import STYLESHEET, Links, body_page, meeting_page, output_page, overview
from mandates.report.html import HTML_LANG
from mandates.words.dates import Lang

PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
CHECK_BOUNDS = (Date(1990, 1, 1), Date(2200, 12, 31))  # as facts (core.record): no crash on year 9999
# The chart is an image: its own <style> applies, nothing runs (an SVG as <img> runs no script).
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
BRIEFING_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


class BadQuery(ValueError):
    """A query parameter the dashboard cannot read; its message is the 400 answer."""


def parse_as_of(value: str | None) -> Date | None:
    """`?as_of=`: None (today) when absent or empty; BadQuery for anything but YYYY-MM-DD
    between 1990 and 2200."""
    if value is None or not value.strip():
        return None
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise BadQuery(f"as_of: {exc}") from None
    if not CHECK_BOUNDS[0] <= day <= CHECK_BOUNDS[1]:
        raise BadQuery(f"as_of: {day.isoformat()} is outside 1990-01-01..2200-12-31")
    return day


def refusal(request: Request, message: str, language_of: Callable[[str | None], Lang]) -> Response:
    """A 400 answer in the request's language: `?lang=` when it is en or zh, else its
    Accept-Language (`language_of`); the message worded by `words.refusals` (`as_of: '2021-02-30'
    is not a real date` / `as_of：2021-02-30不是实际存在的日期`), plain text."""
    from mandates.words.refusals import translated

    asked = request.query_params.get("lang")
    lang: Lang = ("zh" if asked == "zh" else "en") if asked in ("en", "zh") else language_of(
        request.headers.get("accept-language"))
    headers = {"Content-Language": HTML_LANG[lang]}
    if asked not in ("en", "zh"):
        headers["Vary"] = "Accept-Language"
    return PlainTextResponse(translated(message, lang), status_code=400, headers=headers)


def add_dashboard(app: FastAPI, check_on: Callable[[Date | None], Evaluation],
                  public: Callable[[Evaluation], Evaluation], token_ok: Callable[[str], bool],
                  language_of: Callable[[str | None], Lang],
                  brief: Callable[[Date | None, Lang, str], bytes] | None = None) -> None:
    """Add the dashboard's routes to `app`. `check_on(day)` is the check as of `day` (None:
    today); `public` narrows it to the public view; `token_ok` checks a secretariat token in
    constant time; `language_of` reads an Accept-Language header; `brief(day, lang, format)`
    writes the Bureau briefing of a day (`html` or `pdf`), offered in the secretariat's view."""

    def answer(request: Request, token: str | None,
               render: Callable[[Evaluation, Links, bool], str]) -> Response:
        full = token is not None
        if full and not token_ok(token or ""):
            return PlainTextResponse("Not Found", status_code=404)
        lang_param = request.query_params.get("lang")
        if lang_param is not None and lang_param not in ("en", "zh"):
            return refusal(request, f"unknown language {lang_param!r}: en or zh", language_of)
        try:
            day = parse_as_of(request.query_params.get("as_of"))
        except BadQuery as exc:
            return refusal(request, str(exc), language_of)
        lang: Lang = ("zh" if lang_param == "zh" else "en") if lang_param else language_of(
            request.headers.get("accept-language"))
        evaluation = check_on(day)
        prefix = f"/private/{token}/dashboard" if full else "/dashboard"
        page = render(evaluation if full else public(evaluation), Links(prefix, day, lang), full)
        headers = {"Content-Security-Policy": PAGE_POLICY, "Content-Language": HTML_LANG[lang],
                   "Cache-Control": "private, no-cache" if full else "no-cache"}
        if lang_param is None:
            headers["Vary"] = "Accept-Language"
        return HTMLResponse(page, headers=headers)

    def export(request: Request, token: str | None, extension: str) -> Response:
        import json

        from mandates.report.export import spreadsheet
        from mandates.report.jsondoc import evaluation_dict

        full = token is not None
        if full and not token_ok(token or ""):
            return PlainTextResponse("Not Found", status_code=404)
        if extension not in EXPORT_TYPES:
            return PlainTextResponse("Not Found", status_code=404)
        lang_param = request.query_params.get("lang", "en")
        if lang_param not in ("en", "zh"):
            return refusal(request, f"unknown language {lang_param!r}: en or zh", language_of)
        lang: Lang = "zh" if lang_param == "zh" else "en"
        try:
            day = parse_as_of(request.query_params.get("as_of"))
        except BadQuery as exc:
            return refusal(request, str(exc), language_of)
        evaluation = check_on(day)
        if not full:
            evaluation = public(evaluation)
        if extension == "json":
            document = evaluation_dict(evaluation)
            if not full:
                del document["late_inputs"]
            document["view"] = "full" if full else "public"
            data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
        else:
            data = spreadsheet(evaluation, extension, lang, without=() if full else ("late_inputs",))
        name = f"{evaluation.plan.process.id}-check-{evaluation.as_of.isoformat()}.{extension}"
        return Response(data, media_type=EXPORT_TYPES[extension], headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-cache" if full else "no-cache"})

    def chart(request: Request, token: str | None) -> Response:
        from mandates.briefing.chart import timeline_svg

        full = token is not None
        if full and not token_ok(token or ""):
            return PlainTextResponse("Not Found", status_code=404)
        try:
            day = parse_as_of(request.query_params.get("as_of"))
        except BadQuery as exc:
            return refusal(request, str(exc), language_of)
        lang: Lang = "zh" if request.query_params.get("lang") == "zh" else "en"
        evaluation = check_on(day)
        svg = timeline_svg(evaluation if full else public(evaluation), lang)
        return Response(svg.encode("utf-8"), media_type="image/svg+xml", headers={
            "Content-Security-Policy": CHART_POLICY,
            "Cache-Control": "private, no-cache" if full else "no-cache"})

    def briefing(request: Request, token: str, extension: str) -> Response:
        if brief is None or not token_ok(token) or extension not in BRIEFING_TYPES:
            return PlainTextResponse("Not Found", status_code=404)
        try:
            day = parse_as_of(request.query_params.get("as_of"))
        except BadQuery as exc:
            return refusal(request, str(exc), language_of)
        lang: Lang = "zh" if request.query_params.get("lang") == "zh" else "en"
        data = brief(day, lang, extension)
        name = f"briefing-{day.isoformat() if day else 'today'}-{lang}.{extension}"
        return Response(data, media_type=BRIEFING_TYPES[extension], headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Security-Policy": CHART_POLICY + "; img-src data:; sandbox",
            "Cache-Control": "private, no-cache"})

    @app.get("/dashboard/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(STYLESHEET.read_bytes(), media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})

    def pages(prefix: str, with_token: bool) -> None:
        def token_of(request: Request) -> str | None:
            return request.path_params["token"] if with_token else None

        @app.api_route(prefix, methods=["GET", "HEAD"], include_in_schema=False,
                       name=f"dashboard{prefix}")
        def home(request: Request) -> Response:
            return answer(request, token_of(request), overview)

        @app.get(prefix + "/export.{extension}", include_in_schema=False, name=f"export{prefix}")
        def export_file(request: Request, extension: str) -> Response:
            return export(request, token_of(request), extension)

        @app.get(prefix + "/chart.svg", include_in_schema=False, name=f"chart{prefix}")
        def chart_file(request: Request) -> Response:
            return chart(request, token_of(request))

        for kind, render in (("outputs", output_page), ("meetings", meeting_page), ("bodies", body_page)):
            def route(request: Request, item_id: str,
                      render: Callable[[Evaluation, Links, bool, str], str] = render) -> Response:
                return answer(request, token_of(request),
                              lambda e, links, full: render(e, links, full, item_id))

            app.add_api_route(f"{prefix}/{kind}/{{item_id}}", route, methods=["GET", "HEAD"],
                              include_in_schema=False, name=f"{kind}{prefix}")

    pages("/dashboard", False)
    pages("/private/{token}/dashboard", True)

    @app.get("/private/{token}/dashboard/briefing.{extension}", include_in_schema=False)
    def briefing_file(request: Request, token: str, extension: str) -> Response:
        return briefing(request, token, extension)

