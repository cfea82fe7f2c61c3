"""User text is text, everywhere: hostile notes, venues, references and reasons, end to end.

Facts are recorded through the real `mandates` command into a temporary SQLite database; then
`history`, `show`, `check` (text and JSON), `brief --format html|md`, `feeds` and the server's
/status page run on them. Each must finish, show the text as written, and stay valid: the HTML
parses with the script as text, the markdown (read by a CommonMark parser) has no live HTML and
no emphasis from the text, and every feed parses with icalendar with exactly the events the same
facts with harmless text give (an embedded `BEGIN:VEVENT` or CRLF stays inside its property).
The process is the bundled one as founded (`founding_folder`: no shipped history), so that the
facts recorded here are all there is.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from founding import founding_folder
from icalendar import Calendar
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from mandates.cli import app
from mandates.config.processes import load_process
from mandates.config.settings import Settings
from mandates.core.rules import parse_iso_date
from mandates.feeds.published import Published
from mandates.report.html import daily_check
from mandates.store.db import Store
from mandates.web import create_app

NOTE = "[/b] <script>alert(1)</script> *x* BEGIN:VEVENT"
VENUE = "[bold]Rome[/bold] <b>FAO</b>; _x_, \\ | END:VCALENDAR :smile:"
REF = "CBD/[red]x[/red]/<i>1</i>"
WAIVER = "no longer needed\r\nBEGIN:VEVENT\r\nUID:injected\r\nEND:VEVENT [/i] <img src=x onerror=alert(2)>"
HARMLESS = {"note": "a note", "venue": "Rome, FAO headquarters", "ref": "CBD/WG2020/2/1",
            "reason": "no longer needed"}
HOSTILE = {"note": NOTE, "venue": VENUE, "ref": REF, "reason": WAIVER}
AS_OF = "2020-01-20"
LIVE_TAGS = {"script", "b", "i", "img"}
runner = CliRunner()


def mandates(*args: str) -> str:
    """Run one command on the founding process; it must succeed. Returns what it printed."""
    result = runner.invoke(app, [*args, "--config", str(founding_folder())], env={"COLUMNS": "220"})
    assert result.exit_code == 0, f"mandates {' '.join(args)}:\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def record(texts: dict[str, str]) -> None:
    """A note on WG2020-2, its move to a new venue, a delivery with a reference, a waiver."""
    mandates("note", "wg2020-2", "--on", "2020-01-10", texts["note"])
    mandates("reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
             "--announced", "2020-01-11", "--venue", texts["venue"])
    mandates("deliver", "wg2020-2-documents", "--on", "2020-01-12", "--ref", texts["ref"])
    mandates("waive", "consult-capacity-building-report", "--on", "2020-01-13", "--reason", texts["reason"])


def one_line(text: str) -> str:
    """Whitespace (line breaks included) as single spaces: how one-line renderings show text."""
    return " ".join(text.split())


class Page(HTMLParser):
    """The tags and the text of an HTML page (entities decoded)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.images: list[str] = []
        self.chunks: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return one_line("".join(self.chunks))


def events(folder: Path) -> dict[str, int]:
    """Each feed file's number of VEVENTs and VTODOs, parsed by icalendar; raw lines agree."""
    counts: dict[str, int] = {}
    for path in sorted(folder.rglob("*.ics")):
        data = path.read_bytes()
        calendar = Calendar.from_ical(data)
        parsed = len(calendar.walk("VEVENT")) + len(calendar.walk("VTODO"))
        lines = data.replace(b"\r\n ", b"").split(b"\r\n")
        assert lines.count(b"BEGIN:VEVENT") + lines.count(b"BEGIN:VTODO") == parsed, path
        counts[str(path.relative_to(folder))] = parsed
    return counts


@pytest.fixture()
def baseline_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The events of the feeds for the same facts recorded with harmless text."""
    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{tmp_path / 'harmless.db'}")
    monkeypatch.chdir(tmp_path)
    record(HARMLESS)
    mandates("feeds", "--as-of", AS_OF, "--out", str(tmp_path / "harmless"))
    return events(tmp_path / "harmless")


@pytest.fixture()
def hostile(baseline_feeds: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
            ) -> Iterator[Path]:
    """The hostile facts, recorded through the CLI in a fresh database; yields the folder."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    monkeypatch.setenv("MANDATES_DATABASE_URL", f"sqlite:///{folder / 'state.db'}")
    monkeypatch.chdir(folder)
    record(HOSTILE)
    yield folder


def test_the_terminal_prints_user_text_as_written(hostile: Path) -> None:
    said = mandates("history")
    for text in (NOTE, VENUE, REF):
        assert text in said
    assert "no longer needed" in said and "END:VEVENT [/i] <img src=x onerror=alert(2)>" in said
    shown = mandates("show", "wg2020-2", "--as-of", AS_OF)
    assert NOTE in shown and VENUE in shown
    assert REF in mandates("show", "wg2020-2-documents", "--as-of", AS_OF)
    assert VENUE in mandates("check", "--as-of", AS_OF)
    data = json.loads(mandates("check", "--as-of", AS_OF, "--format", "json"))
    waived = next(o for o in data["outputs"] if o["id"] == "consult-capacity-building-report")
    assert WAIVER in waived["reason"]


def test_briefing_html_and_markdown_show_user_text_as_text(hostile: Path) -> None:
    mandates("brief", "--as-of", AS_OF, "--format", "html", "--no-snapshot", "-o", "b.html")
    page = Page((hostile / "b.html").read_text(encoding="utf-8"))
    assert not page.tags & LIVE_TAGS, page.tags & LIVE_TAGS
    for text in (NOTE, VENUE, REF, WAIVER):
        assert one_line(text) in page.text

    mandates("brief", "--as-of", AS_OF, "--format", "md", "--no-snapshot", "-o", "b.md")
    markdown = (hostile / "b.md").read_text(encoding="utf-8")
    parser = MarkdownIt("commonmark").enable("table")
    tokens = [t for block in parser.parse(markdown) for t in [block, *(block.children or [])]]
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    rendered = Page(parser.render(markdown))  # asterisks and brackets kept: no emphasis, no link
    assert not rendered.tags & (LIVE_TAGS - {"img"})
    assert rendered.images in (["b.png"], ["b.svg"]), "the only image is the chart"
    for text in (NOTE, VENUE, REF, WAIVER):
        assert one_line(text) in rendered.text, text


def test_feeds_keep_user_text_inside_one_property(hostile: Path, baseline_feeds: dict[str, int]) -> None:
    mandates("feeds", "--as-of", AS_OF, "--out", "calendars")
    assert events(hostile / "calendars") == baseline_feeds
    calendar = Calendar.from_ical((hostile / "calendars" / "all.en.ics").read_bytes())
    meeting = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-wg2020-2@"))
    assert str(meeting["LOCATION"]) == VENUE
    private = Calendar.from_ical((hostile / "calendars" / "private" / "secretariat.en.ics").read_bytes())
    waived = next(e for e in private.walk("VEVENT")
                  if str(e["UID"]).startswith("deadline-consult-capacity-building-report"))
    assert WAIVER.replace("\r\n", "\n") in str(waived["DESCRIPTION"])
    assert not [e for e in private.walk("VEVENT") if str(e["UID"]) == "injected"]


async def status(web: Any) -> tuple[httpx.Response, httpx.Response]:
    """/status and /status.json from the app in this process (ASGI: the real app, no server)."""
    transport = httpx.ASGITransport(app=web)
    async with httpx.AsyncClient(transport=transport, base_url="http://mandates.test") as client:
        return await client.get("/status"), await client.get("/status.json")


def test_the_status_page_shows_user_text_as_text(hostile: Path) -> None:
    plan = load_process(founding_folder())
    store = Store(None)  # MANDATES_DATABASE_URL: the hostile database
    try:
        check = daily_check(plan, store, lambda: parse_iso_date(AS_OF))
        web = create_app(Settings(), Published(hostile / "calendars", {}), check)
        answer, data = asyncio.run(status(web))
        assert answer.status_code == 200
        page = Page(answer.text)
        assert not page.tags & LIVE_TAGS
        assert VENUE in page.text
        outputs = data.json()["outputs"]
        assert WAIVER in next(o for o in outputs if o["id"] == "consult-capacity-building-report")["reason"]
    finally:
        store.dispose()
