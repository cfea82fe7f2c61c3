"""Issue 10, part 4 and "Done when": the PDF briefing of 2020-01-06 and 2020-03-01 fits in at
most 4 A4 pages in each language, with no text smaller than 8 pt (read from the PDF) and no
truncated label.

Each briefing is made as a user makes it, `mandates brief --format pdf --as-of D --lang L -o FILE`,
on the bundled process with its shipped history (no --config), in a fresh folder and database,
through Debian's Chromium. The PDF is read with pdfminer.six (the test extras): the page count,
each page's size, and the size of every printed character (pdfminer's LTChar.size: the font size
times the text matrix's scale, i.e. the size on the printed page). The PDFs are kept in
tests/artifacts/acceptance-print/ for a person to look at (not in git).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import CJK, REPO, Result, cli_env, run_cli

DATES = ("2020-01-06", "2020-03-01")
LANGS = ("en", "zh")
CASES = [(d, lang) for d in DATES for lang in LANGS]

A4 = (595.28, 841.89)  # points
A4_TOLERANCE = 2.0
MAX_PAGES = 4
MIN_POINTS = 8.0
ARTIFACTS = REPO / "tests" / "artifacts" / "acceptance-print"

pdfminer = pytest.importorskip("pdfminer", reason="pdfminer.six is in the test extras")
from pdfminer.high_level import extract_pages  # noqa: E402
from pdfminer.layout import LTChar, LTPage  # noqa: E402

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Printed:
    """One PDF briefing as written, with what pdfminer read from it."""

    path: Path
    result: Result
    pages: list[LTPage]

    def characters(self) -> Iterator[tuple[int, LTChar]]:
        def walk(node: object) -> Iterator[LTChar]:
            if isinstance(node, LTChar):
                yield node
            elif hasattr(node, "__iter__"):
                for child in node:
                    yield from walk(child)

        for number, page in enumerate(self.pages, start=1):
            for char in walk(page):
                if char.get_text().strip():
                    yield number, char

    @property
    def text(self) -> str:
        return "".join(c.get_text() for _, c in self.characters())


def make(root: Path, as_of: str, lang: str) -> Printed:
    folder = root / f"{as_of}-{lang}"
    folder.mkdir()
    pdf = folder / f"briefing-{as_of}-{lang}.pdf"
    result = run_cli(["brief", "--format", "pdf", "--as-of", as_of, "--lang", lang, "-o", str(pdf)],
                     cli_env(folder / "state.db", folder / "cache"), folder, timeout=600)
    pages = list(extract_pages(str(pdf))) if result.returncode == 0 and pdf.is_file() else []
    if pdf.is_file():
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, ARTIFACTS / pdf.name)
    return Printed(pdf, result, pages)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Printed]:
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    root = tmp_path_factory.mktemp("print")
    with ThreadPoolExecutor(max_workers=2) as pool:  # two Chromiums at a time on 2 shared cores
        done = list(pool.map(lambda case: make(root, *case), CASES))
    return dict(zip(CASES, done, strict=True))


def written(printed: dict[tuple[str, str], Printed], as_of: str, lang: str) -> Printed:
    pdf = printed[(as_of, lang)]
    assert pdf.result.returncode == 0, pdf.result.explain()
    assert pdf.path.is_file() and pdf.pages, f"no PDF read from {pdf.path}"
    return pdf


@pytest.mark.parametrize("as_of,lang", CASES)
def test_at_most_four_a4_pages(printed: dict[tuple[str, str], Printed], as_of: str,
                               lang: str) -> None:
    pdf = written(printed, as_of, lang)
    sizes = [(round(p.width, 1), round(p.height, 1)) for p in pdf.pages]
    for width, height in sizes:
        assert abs(width - A4[0]) <= A4_TOLERANCE and abs(height - A4[1]) <= A4_TOLERANCE, (
            f"a page of {width} x {height} pt is not A4 portrait: {sizes}")
    assert len(pdf.pages) <= MAX_PAGES, f"{len(pdf.pages)} pages (at most {MAX_PAGES}): {pdf.path}"


@pytest.mark.parametrize("as_of,lang", CASES)
def test_no_text_smaller_than_8_pt(printed: dict[tuple[str, str], Printed], as_of: str,
                                   lang: str) -> None:
    pdf = written(printed, as_of, lang)
    chars = list(pdf.characters())
    assert len(chars) > 500, f"hardly any text in the PDF ({len(chars)} characters): {pdf.path}"
    small = [(page, round(c.size, 2), c.get_text()) for page, c in chars if c.size < MIN_POINTS - 0.01]
    assert not small, (f"{len(small)} characters under {MIN_POINTS} pt, e.g. "
                       f"{small[:12]} (page, size, character): {pdf.path}")


@pytest.mark.parametrize("as_of,lang", CASES)
def test_no_truncated_label(printed: dict[tuple[str, str], Printed], as_of: str,
                            lang: str) -> None:
    """Labels are wrapped, never cut with an ellipsis (the chart's labels were cut with "…")."""
    pdf = written(printed, as_of, lang)
    text = pdf.text
    assert "…" not in text and "⋯" not in text, (
        f"an ellipsis in the printed briefing: ...{text[max(0, text.find('…') - 60):][:120]}...")


@pytest.mark.parametrize("as_of", DATES)
def test_language_is_the_one_asked(printed: dict[tuple[str, str], Printed], as_of: str) -> None:
    """The Chinese briefing is in Chinese and the English one is not (so the two runs differ)."""
    chinese = written(printed, as_of, "zh").text
    english = written(printed, as_of, "en").text
    assert len(CJK.findall(chinese)) > 300
    assert "Briefing" in english or "briefing" in english, english[:300]
    assert len(CJK.findall(english)) < len(CJK.findall(chinese)) / 5
