"""`mandates brief` end to end: files written, snapshots, PDF through Chromium, a clear message without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from founding import founding_folder
from sqlmodel import select
from typer.testing import CliRunner

from mandates.briefing.run import find_chromium
from mandates.cli import app
from mandates.store.db import BriefingSnapshotRow, Store

GOLDEN = Path(__file__).with_name("golden")
runner = CliRunner()
needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="headless Chromium is not installed (Debian package `chromium`)")


def _snapshots(url: str) -> int:
    store = Store(url)
    with store.session() as session:
        count = len(session.exec(select(BriefingSnapshotRow)).all())
    store.dispose()
    return count


@needs_chromium
def test_brief_writes_the_golden_markdown_and_its_png(isolated_env: Path, sqlite_url: str) -> None:
    # The golden scenario records the move to Rome itself: the founding file alone, without the
    # history shipped with the bundled process since issue 9 (which records that move too).
    founding = ["--config", str(founding_folder())]
    first = runner.invoke(app, ["brief", "--as-of", "2020-01-06", *founding])
    assert first.exit_code == 0, first.output
    moved = runner.invoke(app, ["reschedule", "wg2020-2", "--opens", "2020-02-24", "--closes", "2020-02-29",
                                "--announced", "2020-02-03", "--venue", "Rome, FAO headquarters",
                                "--timezone", "Europe/Rome", *founding])
    assert moved.exit_code == 0, moved.output
    for lang in ("en", "zh"):
        second = runner.invoke(app, ["brief", "--as-of", "2020-03-01", "--lang", lang, *founding])
        assert second.exit_code == 0, second.output
        written = isolated_env / "briefings" / f"post2020-2020-03-01-{lang}.md"
        golden = (GOLDEN / f"2020-03-01-{lang}.md").read_text(encoding="utf-8")
        assert written.read_text(encoding="utf-8") == golden
        png = written.with_suffix(".png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert (isolated_env / "briefings" / "post2020-2020-01-06-en.png").exists()
    assert _snapshots(sqlite_url) == 2, "one snapshot per briefing date"


@needs_chromium
def test_brief_pdf_and_html(isolated_env: Path) -> None:
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "pdf", "-o", "out/b.pdf",
                                 "--lang", "zh", "--no-snapshot"])
    assert result.exit_code == 0, result.output
    assert (isolated_env / "out" / "b.pdf").read_bytes().startswith(b"%PDF")
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "html", "--no-snapshot"])
    assert result.exit_code == 0, result.output
    html = (isolated_env / "briefings" / "post2020-2020-01-06-en.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<svg xmlns="http://www.w3.org/2000/svg" class="tl"' in html


def test_without_chromium_pdf_names_the_package_and_md_still_gets_its_png(
        isolated_env: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANDATES_CHROMIUM", str(isolated_env / "no-such-browser"))
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "pdf"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "Debian package `chromium`" in said and "apt-get install chromium" in said
    assert not (isolated_env / "briefings").exists() or not any((isolated_env / "briefings").iterdir())
    assert _snapshots(sqlite_url) == 0, "nothing recorded when nothing was written"
    # The markdown's chart is drawn by resvg (issue 10): no browser, no warning.
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    md = (isolated_env / "briefings" / "post2020-2020-01-06-en.md").read_text(encoding="utf-8")
    assert md.rstrip().endswith("(post2020-2020-01-06-en.png)")
    png = (isolated_env / "briefings" / "post2020-2020-01-06-en.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert not (isolated_env / "briefings" / "post2020-2020-01-06-en.svg").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "fr"], "Invalid value for '--lang': 'fr' is not one of"),  # Typer's words, not pydantic's
    (["--format", "docx"], "Invalid value for '--format': 'docx' is not one of"),
    (["--since", "2020-13-01"], "--since"),
    (["--since", "2020-02-01"], "must be before --as-of"),
])
def test_bad_options_exit_2(isolated_env: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "html", *args])
    assert result.exit_code == 2 and message in " ".join(result.output.split()), result.output


def test_no_snapshot_records_nothing(isolated_env: Path, sqlite_url: str) -> None:
    result = runner.invoke(app, ["brief", "--as-of", "2020-01-06", "--format", "html", "--no-snapshot"])
    assert result.exit_code == 0, result.output
    assert _snapshots(sqlite_url) == 0
