"""The real `mandates` command in throwaway folders, and the readers a user has.

Everything here drives the product from outside, as a user would: `python -m mandates.cli` in a
subprocess with its own SQLite database (MANDATES_DATABASE_URL), its own working folder and frozen
`--as-of` dates. Nothing here imports the product, so these tests state the promises of the README
and of issue 8 whatever the code behind them looks like.
"""

from __future__ import annotations

import functools
import html.parser
import json
import os
import re
import subprocess
import sys
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar
import yaml

REPO = Path(__file__).resolve().parents[2]
BUNDLED_PROCESS = REPO / "config" / "post2020.yaml"

PLAN_AS_OF = "2020-01-06"
MOVED_AS_OF = "2020-02-10"
WAIVED_OUTPUT = "zero-draft-overview"
WAIVER_REASON = "Superseded by the zero draft itself"

# Text properties a person reads in a calendar client (RFC 5545 3.8.1, 3.8.4 and the X-WR-*
# names clients show); everything else in a feed is protocol (property names, dates, STATUS
# values, UIDs), which the Chinese-only promise does not cover.
HUMAN_TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "COMMENT", "CONTACT",
                         "RESOURCES", "NAME", "X-WR-CALNAME", "X-WR-CALDESC")


@dataclass(frozen=True)
class Result:
    """One finished command: its arguments, exit status and both output streams (UTF-8 text)."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def explain(self) -> str:
        """What to print when an assertion about this command fails."""
        return (f"$ mandates {' '.join(self.args)}\nexit {self.returncode}\n"
                f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}")


def cli_env(database: Path, cache: Path, **extra: str) -> dict[str, str]:
    """The environment of one user: own database, cache, wide terminal, no inherited MANDATES_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANDATES_")}
    env.update({
        "MANDATES_DATABASE_URL": f"sqlite:///{database}",
        "MANDATES_CACHE_DIR": str(cache),
        "COLUMNS": "400",  # long lines stay whole, so a date is never split by wrapping
        "PYTHONIOENCODING": "utf-8",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    })
    env.update(extra)
    return env


def run_cli(args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 120,
            umask: int | None = None) -> Result:
    """Run `mandates ARGS` through the real entry point and wait for it."""
    command = [sys.executable, "-m", "mandates.cli", *args]
    preexec = (lambda: os.umask(umask) and None) if umask is not None else None
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, timeout=timeout,
                          preexec_fn=preexec, check=False)
    return Result(tuple(args), done.returncode, done.stdout.decode("utf-8", "replace"),
                  done.stderr.decode("utf-8", "replace"))


FOUNDING_COMMANDS = frozenset({
    "check", "show", "history", "feeds", "brief", "whatif", "deliver", "receive", "reschedule",
    "postpone", "cancel", "waive", "note", "split", "held", "withdraw", "export", "import"})
"""Commands that take `--config` (Scenario runs them on the founding plan)."""


@dataclass
class Scenario:
    """A user's folder and database; commands run once and their results are remembered."""

    root: Path
    as_of: str
    cache: Path
    results: dict[tuple[str, ...], Result] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        return cli_env(self.root / "state.db", self.cache)

    def _cli(self, args: Sequence[str]) -> Result:
        """Run a command on the founding plan alone (CBD/WG2020/REC/1/1 without the history
        shipped with it: these scenarios record their own facts, written from the founding
        text; the shipped history has its own tests, tests/acceptance/test_living_*.py)."""
        from founding import founding_folder

        takes_config = args and args[0] in FOUNDING_COMMANDS and "--config" not in args
        chosen = [*args, "--config", str(founding_folder())] if takes_config else list(args)
        result = run_cli(chosen, self.env, self.root)
        return Result(tuple(args), result.returncode, result.stdout, result.stderr)

    def record(self, *args: str) -> Result:
        """Record a fact (or any command that must succeed before the others run)."""
        result = self._cli(args)
        assert result.returncode == 0, result.explain()
        return result

    def record_all(self, commands: Sequence[tuple[str, ...]]) -> None:
        """Record independent facts side by side (the database exists: the first fact made it)."""
        with ThreadPoolExecutor(max_workers=3) as pool:
            for result in pool.map(self._cli, commands):
                assert result.returncode == 0, result.explain()

    def run(self, *args: str) -> Result:
        """Run a read-only command once; later calls return the remembered result."""
        if args not in self.results:
            self.results[args] = self._cli(args)
        return self.results[args]

    def prefetch(self, commands: Iterable[tuple[str, ...]]) -> None:
        """Run several commands side by side (three at a time: much of each is waiting)."""
        todo = [c for c in commands if c not in self.results]
        with ThreadPoolExecutor(max_workers=3) as pool:
            for args, result in zip(todo, pool.map(self._cli, todo),
                                    strict=True):
                self.results[args] = result

    # The commands every test file asks about, with the paths they write.
    def check(self, lang: str = "en") -> tuple[str, ...]:
        return ("check", "--as-of", self.as_of, *(("--lang", lang) if lang != "en" else ()))

    def check_json(self) -> tuple[str, ...]:
        return ("check", "--as-of", self.as_of, "--format", "json")

    def feeds(self) -> tuple[str, ...]:
        return ("feeds", "--as-of", self.as_of, "--out", str(self.calendars))

    def brief(self, lang: str, fmt: str) -> tuple[str, ...]:
        return ("brief", "--as-of", self.as_of, "--since", "none", "--lang", lang, "--format", fmt,
                "--no-snapshot", "-o", str(self.brief_path(lang, fmt)))

    @property
    def calendars(self) -> Path:
        return self.root / "calendars"

    def brief_path(self, lang: str, fmt: str) -> Path:
        return self.root / "briefings" / f"brief-{lang}.{fmt}"

    def text_of(self, args: tuple[str, ...]) -> str:
        """stdout of a command that must exit 0."""
        result = self.run(*args)
        assert result.returncode == 0, result.explain()
        return result.stdout

    def brief_text(self, lang: str, fmt: str) -> str:
        result = self.run(*self.brief(lang, fmt))
        assert result.returncode == 0, result.explain()
        return self.brief_path(lang, fmt).read_text(encoding="utf-8")

    def feeds_written(self) -> Path:
        result = self.run(*self.feeds())
        assert result.returncode == 0, result.explain()
        return self.calendars

    def standard_commands(self) -> list[tuple[str, ...]]:
        """The slow ones first, so that the side-by-side runs finish together."""
        return [self.brief("en", "md"), self.brief("zh", "md"), self.feeds(), self.check("en"),
                self.check("zh"), self.check_json()]


# ---------------------------------------------------------------------------------------------
# Readers: what a user's tools see in each output.


def parse_ics(path: Path) -> Any:
    """A feed parsed with icalendar (parsed once while the file is unchanged)."""
    stat = path.stat()
    return _parse_ics(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _parse_ics(path: Path, mtime_ns: int, size: int) -> Any:
    return icalendar.Calendar.from_ical(path.read_bytes())


def ics_components(path: Path) -> list[Any]:
    """Every VEVENT and VTODO of a feed, parsed with icalendar."""
    return [c for c in parse_ics(path).walk() if c.name in ("VEVENT", "VTODO")]


def ics_human_texts(path: Path) -> Iterator[tuple[str, str, str]]:
    """(component UID or calendar, property name, text) for every human-readable text of a feed."""
    for component in parse_ics(path).walk():
        owner = str(component.get("UID", component.name))
        for name in HUMAN_TEXT_PROPERTIES:
            values = component.get(name)
            if values is None:
                continue
            for value in values if isinstance(values, list) else [values]:
                if hasattr(value, "cats"):  # CATEGORIES: a list of texts
                    for category in value.cats:
                        yield owner, name, str(category)
                else:
                    yield owner, name, str(value)


def uid_pattern(item_id: str) -> re.Pattern[str]:
    """Matches a UID built from the id (`deadline-ID@...`, `meeting-ID@...`), not a longer id."""
    return re.compile(rf"(^|[-:/.@]){re.escape(item_id)}($|[^a-z0-9-])")


def ics_item_text(path: Path, item_id: str) -> str:
    """All human-readable text of the components of a feed whose UID names `item_id`."""
    pattern = uid_pattern(item_id)
    texts = [text for owner, _, text in ics_human_texts(path) if pattern.search(owner)]
    return "\n".join(texts)


def ics_items(path: Path, item_id: str) -> list[Any]:
    """The components of a feed whose UID names `item_id` (an output or meeting id)."""
    pattern = uid_pattern(item_id)
    return [c for c in ics_components(path) if pattern.search(str(c.get("UID", "")))]


_BLOCKS = {"p", "li", "tr", "td", "th", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table",
           "section", "header", "footer", "ul", "ol", "dt", "dd", "caption", "figcaption", "title",
           "text", "tspan", "g"}


class _TextCollector(html.parser.HTMLParser):
    """The visible text of an HTML page, one line per block, plus alt/title/aria-label texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.script_texts: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
            self.in_script = tag == "script"
            if tag == "script":
                self.script_texts.append("")
        if tag in _BLOCKS:
            self.parts.append("\n")
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(f"\n{value}\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden = max(0, self.hidden - 1)
            self.in_script = False
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.script_texts[-1] += data
        if not self.hidden:
            self.parts.append(data)


def html_visible_text(page: str) -> str:
    """What a reader of the page sees: text nodes outside <style>/<script>, block by block."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    return "".join(collector.parts)


def html_script_elements(page: str) -> list[str]:
    """The contents of every <script> element of the page, as a browser would parse them."""
    collector = _TextCollector()
    collector.feed(page)
    collector.close()
    return collector.script_texts


def markdown_html(text: str) -> str:
    """Markdown rendered as a viewer renders it (CommonMark with tables; raw HTML passes through)."""
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable("table").render(text))


def markdown_visible_text(text: str) -> str:
    """Markdown as a reader sees it once rendered, as visible text."""
    return html_visible_text(markdown_html(text))


# ---------------------------------------------------------------------------------------------
# What counts as an English word in a Chinese output.


@functools.cache
def bundled_ids() -> frozenset[str]:
    """Every id of the bundled process (bodies, meetings, outputs, the process itself)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "id" and isinstance(value, str):
                    found.add(value.lower())
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(BUNDLED_PROCESS.read_text(encoding="utf-8")))
    return frozenset(found)


# Proper names and acronyms a Chinese UN text keeps in Latin letters. Each is justified:
PROPER_NAMES = frozenset({
    "SMART",  # "SMART" targets: the bundled Chinese text of CBD/WG2020/REC/1/1 quotes it as is
    "IPBES",  # the Intergovernmental Science-Policy Platform: Chinese CBD documents keep the acronym
    "GBO",    # Global Biodiversity Outlook, as in "GBO-5": Chinese CBD documents keep the acronym
    "CBD",    # the Convention's acronym, the first part of every document symbol
    "FAO", "UN", "UNEP",  # United Nations organisations, by their acronyms
    "PDF", "SVG", "PNG", "HTML", "JSON", "URL", "UTC",  # names of formats and standards, not prose
})

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
# CBD/WG2020/REC/1/1, CBD/COP/DEC/14/34, and decision symbols inside Chinese text: 第CP-9/7号决定.
# Not `\b`: in a Unicode pattern a Chinese character is a word character, so `第CP` has no boundary.
_SYMBOL = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+")
_URL = re.compile(r"(?:https?|webcal|mailto|file)://\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
_PATH = re.compile(r"[\w./-]+\.(?:ics|json|png|svg|pdf|md|html|csv|xlsx|db)\b")


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def english_words(text: str, allowed_text: Iterable[str] = ()) -> list[str]:
    """The English words of a text meant to be Chinese.

    Not English: ids of the bundled process (any case: wg2020-2, WG2020-2, SBSTTA-23), document
    symbols (CBD/WG2020/REC/1/1), IANA zone names (America/Toronto), URLs, file names, the
    `PROPER_NAMES` above, and user text given in `allowed_text` (shown as written).
    """
    for allowed in allowed_text:
        text = text.replace(allowed, " ")
    text = _URL.sub(" ", text)
    text = _PATH.sub(" ", text)
    zones = _zones()
    text = re.sub(r"\b[A-Z][A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+",
                  lambda m: " " if m.group(0) in zones else m.group(0), text)
    text = _SYMBOL.sub(" ", text)
    # Legal references keep their Latin sub-letters in Chinese: 第8(j)条, 第7(a)段, WG8(j), and the
    # Convention's own Chinese text for Article 8(j): 第8条(j)款.
    text = re.sub(r"[A-Za-z]*\d+条?\([a-z]{1,4}\)", " ", text)
    ids = bundled_ids()
    # Abbreviations the ids are made of, in capitals: SBSTTA, WG2020, COP, IUCN, AHTEG, DSI, IAG.
    abbreviations = {part for i in ids for part in i.split("-")}
    words = []
    for match in _LATIN.finditer(text):
        token = match.group(0)
        if token.lower() in ids or token in PROPER_NAMES:
            continue
        numbered = re.fullmatch(r"([A-Z]+)-\d+", token)  # GBO-5
        if numbered and numbered.group(1) in PROPER_NAMES:
            continue
        # A part the product adds to a meeting id (cop-15-part-2).
        if re.sub(r"-part-\d+$", "", token.lower()) in ids:
            continue
        if token.isupper() and token.lower() in abbreviations:
            continue
        words.append(token)
    return words


CJK = re.compile(r"[\u4e00-\u9fff]")


def load_json(text: str) -> Any:
    return json.loads(text)
