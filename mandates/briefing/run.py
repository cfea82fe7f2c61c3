"""Producing a Bureau briefing: snapshots in the store, files written atomically, the chart's PNG
(resvg, `raster`), Chromium for the PDF.

The shell around the pure `data`, `render` and `chart` modules, used by `mandates brief` and by
the `bureau_briefing` flow. Briefing files list internal deadlines too, so they are secretariat
files (`store.files`: mode 0640, the `secretariat_group` setting's group).

Chinese is printed (PDF, the markdown briefing's PNG chart) only when fontconfig, which Chromium
uses to find its fonts on Linux (and `raster` to find the chart's), knows a font for Simplified
Chinese (`fc-list :lang=zh-cn`); without one Chromium prints boxes and exits 0 (issue 11, part 9).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date, DateTime

from mandates.briefing.data import (
    Briefing,
    Since,
    build_briefing,
    evaluation_from_snapshot,
    snapshot_payload,
)
from mandates.briefing.raster import FC_LIST_TIMEOUT_SECONDS  # one limit for every fc-list
from mandates.config.environ import environment
from mandates.core.evaluate import Evaluation, evaluate
from mandates.core.facts import Fact
from mandates.core.plan import Plan
from mandates.core.rules import parse_iso_date
from mandates.errors import BriefingError, BrowserMissing
from mandates.store import snapshots
from mandates.store.files import Audience, write_file
from mandates.words.i18n import Lang

if TYPE_CHECKING:
    from mandates.store.db import BriefingSnapshotRow, Store

__all__ = ["BriefingError", "BrowserMissing", "CjkFontMissing", "Database", "Produced", "default_path",
           "find_chromium", "make_briefing", "record_snapshot", "write_briefing"]

FORMATS = ("md", "html", "pdf")
CHROMIUM_PACKAGE = "chromium"
CHROMIUM_ENV = "MANDATES_CHROMIUM"
CHROMIUM_TIMEOUT_SECONDS = 180
CJK_FONT_PACKAGE = "fonts-noto-cjk"
FONTCONFIG_PACKAGE = "fontconfig"


class CjkFontMissing(BriefingError):
    """Chinese would be printed and fontconfig knows no font for it (exit 2, as a missing browser)."""


def browser_missing() -> BrowserMissing:
    """The error that names the package to install and the variable that points at a browser."""
    return BrowserMissing(f"headless Chromium is needed for this and was not found; install the "
                          f"Debian package `{CHROMIUM_PACKAGE}` (apt-get install {CHROMIUM_PACKAGE}) "
                          f"or set {CHROMIUM_ENV} to the browser's path")


@dataclass
class Produced:
    """What a briefing run wrote: the main file, files beside it, the markdown text, warnings."""

    path: Path
    extra: list[Path] = field(default_factory=list)
    markdown: str | None = None
    warnings: list[str] = field(default_factory=list)
    since: Since | None = None


# ---------------------------------------------------------------------------------------------
# Snapshots (item 3)

class Database:
    """The state database named by a URL (None: the default SQLite file), for `mandates brief`:
    snapshots are read and recorded with `sqlite3` (`store.snapshots`) when it is a SQLite file
    at the current schema; the ORM `Store` is opened, once, only when that cannot answer
    (PostgreSQL, a database to create or migrate), so a briefing imports no SQLAlchemy."""

    def __init__(self, url: str | None) -> None:
        from mandates.store.reader import default_url, normalise_url

        self.url = normalise_url(url) if url else default_url()
        self._store: Store | None = None

    def store(self) -> Store:
        """The database through the ORM, migrated to the current schema (raises StoreError)."""
        if self._store is None:
            from mandates.store.db import opened

            self._store = opened(self.url)
        return self._store


def _day(day: Date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def last_snapshot(store: Store, process: str, before: Date) -> BriefingSnapshotRow | None:
    """The latest snapshot of a briefing dated before `before` (the last briefing, for `--since last`)."""
    from sqlmodel import select

    from mandates.store.db import BriefingSnapshotRow

    with store.session() as session:
        query = (select(BriefingSnapshotRow)
                 .where(BriefingSnapshotRow.process == process)
                 .where(BriefingSnapshotRow.as_of < _day(before))
                 .order_by(BriefingSnapshotRow.as_of.desc(), BriefingSnapshotRow.id.desc())  # type: ignore[attr-defined,union-attr]
                 .limit(1))
        return session.exec(query).first()


def _last(store: Store | Database, process: str, before: Date) -> snapshots.Snapshot | None:
    """`last_snapshot`, read with sqlite3 when `store` is a Database that path can answer."""
    if isinstance(store, Database):
        found = snapshots.last_snapshot(store.url, process, _day(before))
        if found is not None:
            return found[0] if found else None
        store = store.store()
    row = last_snapshot(store, process, before)
    return None if row is None else snapshots.Snapshot(row.as_of, row.payload)


def record_snapshot(store: Store | Database, evaluation: Evaluation, now: DateTime) -> bool:
    """Store what a briefing showed, made at `now`; False when the same snapshot for that date is
    already stored. A Database that is a SQLite file at the current schema is written with
    sqlite3 (`store.snapshots`), anything else through the ORM (the same row either way)."""
    payload = snapshot_payload(evaluation)
    process = evaluation.plan.process.id
    day = _day(evaluation.as_of)
    if isinstance(store, Database):
        done = snapshots.record_snapshot(store.url, process, day, payload, now)
        if done is not None:
            return done
        store = store.store()
    from sqlmodel import select

    from mandates.store.db import BriefingSnapshotRow

    with store.session() as session:
        latest = session.exec(
            select(BriefingSnapshotRow).where(BriefingSnapshotRow.process == process)
            .where(BriefingSnapshotRow.as_of == day)
            .order_by(BriefingSnapshotRow.id.desc()).limit(1)  # type: ignore[union-attr]
        ).first()
        if latest is not None and latest.payload == payload:
            return False
        session.add(BriefingSnapshotRow(process=process, as_of=day, payload=payload,
                                        created_at=now.in_timezone("UTC")))
        session.commit()
    return True


def resolve_since(plan: Plan, facts: list[Fact], store: Store | Database, as_of: Date,
                  since: str) -> tuple[Evaluation | None, Since]:
    """The evaluation to compare with: `last` (the last briefing's snapshot), a date, or `none`."""
    if since == "none":
        return None, Since("none", asked=True)
    if since == "last":
        row = _last(store, plan.process.id, as_of)
        if row is None:
            return None, Since("none")
        day = pendulum.Date(row.as_of.year, row.as_of.month, row.as_of.day)
        return evaluation_from_snapshot(plan, facts, day, row.payload), Since("last", day)
    try:
        day = parse_iso_date(since)
    except ValueError as exc:
        raise BriefingError(f"--since: {exc}; use a date (YYYY-MM-DD), last or none") from None
    if day >= as_of:
        raise BriefingError(f"--since {day.isoformat()} must be before --as-of {as_of.isoformat()}")
    return evaluate(plan, facts, day), Since("date", day)


def make_briefing(plan: Plan, facts: list[Fact], store: Store | Database, as_of: Date, since: str,
                  horizon_weeks: int) -> Briefing:
    """The briefing as of a date, compared with what `since` names."""
    before, mode = resolve_since(plan, facts, store, as_of, since)
    return build_briefing(evaluate(plan, facts, as_of), before, mode, horizon_weeks)


# ---------------------------------------------------------------------------------------------
# Files

def default_path(plan: Plan, as_of: Date, lang: Lang, fmt: str) -> Path:
    """`briefings/post2020-2020-01-06-en.md`."""
    return Path("briefings") / f"{plan.process.id}-{as_of.isoformat()}-{lang}.{fmt}"


def find_chromium() -> str | None:
    """The headless browser: MANDATES_CHROMIUM, else `chromium` or `chromium-browser` on PATH."""
    named = environment().chromium
    if named:
        return named if Path(named).exists() else shutil.which(named)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(args: list[str]) -> None:
    binary = find_chromium()
    if binary is None:
        raise browser_missing()
    with tempfile.TemporaryDirectory(prefix="mandates-chromium-") as profile:
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--hide-scrollbars", f"--user-data-dir={profile}", *args]
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    timeout=CHROMIUM_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise BriefingError(f"Chromium did not finish within {CHROMIUM_TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        raise BriefingError(f"Chromium failed ({result.returncode}): {result.stderr.strip()[-500:]}")


PREFERRED_CJK = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN")


def cjk_font() -> str | None:
    """The family of a font for Simplified Chinese that fontconfig knows (`fc-list :lang=zh-cn`):
    the first of PREFERRED_CJK listed (the chart's own choice, `chartframe.FONT_FAMILY`), else
    the first listed; None when there is none. Fontconfig reads FONTCONFIG_FILE, as Chromium does.

    Raises CjkFontMissing when `fc-list` itself is missing or fails (nothing can be checked).
    """
    binary = shutil.which("fc-list")
    if binary is None:
        raise CjkFontMissing(f"cannot check for a Chinese font: fc-list was not found; install the "
                             f"Debian packages `{FONTCONFIG_PACKAGE}` and `{CJK_FONT_PACKAGE}` "
                             f"(apt-get install {FONTCONFIG_PACKAGE} {CJK_FONT_PACKAGE})")
    try:
        result = subprocess.run([binary, ":lang=zh-cn", "family"], capture_output=True, text=True,
                                timeout=FC_LIST_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise CjkFontMissing(f"fc-list did not answer within {FC_LIST_TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        raise CjkFontMissing(f"fc-list failed ({result.returncode}): {result.stderr.strip()[-300:]}")
    families = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    names = {name.strip() for line in families for name in line.split(",")}
    preferred = next((name for name in PREFERRED_CJK if name in names), None)
    return preferred or (families[0].split(",")[0].strip() if families else None)


def require_cjk_font() -> str:
    """Refuse to print Chinese without a font for it: raises CjkFontMissing naming the package.
    Returns the family found (`cjk_font`)."""
    family = cjk_font()
    if family is None:
        raise CjkFontMissing(f"no Chinese font is installed, so Chinese would print as empty boxes; "
                             f"install the Debian package `{CJK_FONT_PACKAGE}` "
                             f"(apt-get install {CJK_FONT_PACKAGE})")
    return family


def render_png(svg: str, target: Path, scale: float | None = None, group: str | None = None,
               cjk_family: str | None = None) -> None:
    """The chart as a PNG drawn by resvg (`raster.chart_png`: no browser) at `scale` pixels per
    SVG unit (None: `raster.SCALE`); `cjk_family` draws a Chinese chart. Raises BriefingError,
    FileWriteError."""
    from mandates.briefing.raster import SCALE, chart_png

    png = chart_png(svg, SCALE if scale is None else scale, cjk_family)
    write_file(target, png, Audience.SECRETARIAT, group=group)


def render_pdf(html: str, target: Path, group: str | None = None) -> None:
    """The HTML briefing printed to PDF by headless Chromium (A4, the page's own @page rules).

    Raises BrowserMissing without Chromium, BriefingError when it fails, FileWriteError.
    """
    with tempfile.TemporaryDirectory(prefix="mandates-pdf-") as folder:
        page = Path(folder) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        pdf = Path(folder) / "briefing.pdf"
        _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()])
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise BriefingError("Chromium wrote no PDF")
        write_file(target, pdf.read_bytes(), Audience.SECRETARIAT, group=group)


def write_briefing(briefing: Briefing, lang: Lang, fmt: str, path: Path,
                   group: str | None = None) -> Produced:
    """Write one briefing file (md with its PNG beside it, html, or pdf) atomically.

    `fmt` is one of FORMATS; the files are secretariat files, given `group` when set. Raises
    BriefingError for an unknown format or a failing Chromium (PDF), CjkFontMissing for a Chinese
    PDF without a Chinese font (nothing written), FileWriteError. The markdown's chart is drawn
    by resvg (no browser); a Chinese one without a Chinese font is written as SVG, with a warning.
    """
    from mandates.briefing.chart import timeline_svg
    from mandates.briefing.render import render_html, render_markdown

    if fmt not in FORMATS:
        raise BriefingError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    produced = Produced(path, since=briefing.since)
    if fmt == "md":
        chart = path.with_suffix(".png")
        svg = timeline_svg(briefing.evaluation, lang)
        try:
            render_png(svg, chart, group=group, cjk_family=require_cjk_font() if lang == "zh" else None)
        except CjkFontMissing as exc:
            chart = path.with_suffix(".svg")
            write_file(chart, svg, Audience.SECRETARIAT, group=group)
            produced.warnings.append(f"{exc}; the chart was written as SVG instead of PNG")
        produced.markdown = render_markdown(briefing, lang, chart.name)
        write_file(path, produced.markdown, Audience.SECRETARIAT, group=group)
        produced.extra.append(chart)
    elif fmt == "html":
        write_file(path, render_html(briefing, lang), Audience.SECRETARIAT, group=group)
    else:
        if lang == "zh":
            require_cjk_font()
        render_pdf(render_html(briefing, lang), path, group=group)
    return produced
