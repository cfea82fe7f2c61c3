"""The errors of mandates: one base, `MandatesError`, and every domain error under it.

Each error class carries what the edges need to answer it: `exit_code` for the command line
(`cli.py` maps every `MandatesError` to it in one handler) and `http_status` for the web server
(`web.py`, one exception handler). Exit codes follow the CLI's contract: 0 done, 1 the work ran
and found a problem (`--strict`, a flow that did not complete), 2 bad input or an environment
that cannot be used. HTTP statuses follow RFC 9110 section 15: 4xx when the request is at fault,
5xx when the server's own configuration or environment is.

Pure Python with no imports beyond the standard library, so every layer (the core included)
may raise these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

EXIT_PROBLEM_FOUND = 1
EXIT_BAD_INPUT = 2
FILE_FIELDS = frozenset({"file", "path"})
"""The field of an issue about a whole file (line 0): shown as `file: message`."""
SHOWN_ISSUES = 20
"""Problems listed one per line; the rest are counted in one more line (one screen)."""



def _s(count: int) -> str:
    """The English plural ending for a count: "" for one, "s" otherwise (1 problem, 2 problems)."""
    return "" if count == 1 else "s"

class MandatesError(Exception):
    """The base of every error the product raises on purpose.

    `headline()` is the one-line message shown after `error:` (by default `str(error)`);
    `details()` gives lines printed before it, one each, as they are (the issues of a
    configuration file, `file:line: field: …`).
    """

    exit_code: ClassVar[int] = EXIT_BAD_INPUT
    http_status: ClassVar[int] = 400

    def headline(self) -> str:
        """The one-line message."""
        return str(self)

    def details(self) -> tuple[str, ...]:
        """Lines to print before the message, unwrapped (none by default)."""
        return ()


@dataclass(frozen=True, slots=True)
class ConfigIssue:
    """One problem in a process file, at file:line (1-based; 0 when the file is at fault), in a field."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return self.shown(self.message)

    def shown(self, message: str) -> str:
        """`file:line: field: message`; `file: message` when the file itself is at fault (line 0,
        field `file`, `FILE` or `path`: no line 0, no field), `file: field: message` for
        another field at line 0 (`--process`)."""
        if self.line > 0:
            return f"{self.file}:{self.line}: {self.field}: {message}"
        if self.field.lower() in FILE_FIELDS:
            return f"{self.file}: {message}"
        return f"{self.file}: {self.field}: {message}"


class ConfigError(MandatesError):
    """A process file is invalid; `issues` holds every problem found, sorted by file and line.

    Served, it is the server's own configuration that is broken: HTTP 500.
    """

    http_status = 500

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.field))
        super().__init__("\n".join(str(i) for i in self.issues))

    def details(self) -> tuple[str, ...]:
        """The first SHOWN_ISSUES issues as `file:line: field: message`, then a count of the
        rest when there are more (`issues` holds them all)."""
        shown = tuple(str(issue) for issue in self.issues[:SHOWN_ISSUES])
        rest = len(self.issues) - len(shown)
        return (*shown, f"... and {rest} more problem{_s(rest)}, not shown") if rest else shown

    def headline(self) -> str:
        """The one line shown after the issues."""
        count = len(self.issues)
        return f"{count} problem{_s(count)} in the process configuration; nothing was done"


class FactFileError(ConfigError):
    """A facts file given to `mandates import` is invalid (`issues` as for ConfigError): the
    user's file, not the process configuration; nothing of it is recorded. Exit 2; HTTP 400."""

    http_status = 400

    def __init__(self, issues: list[ConfigIssue], file: str) -> None:
        super().__init__(issues)
        self.file = file

    def headline(self) -> str:
        """The one line shown after the issues, naming the file."""
        count = len(self.issues)
        return f"{count} problem{_s(count)} in {self.file}; nothing was recorded"


class SettingsError(MandatesError, ValueError):
    """A settings file or a `MANDATES_*` variable that cannot be used.

    Each issue names the file and line (or the variable), the key and, for an unknown key, the
    nearest valid one. One issue is the message itself; several are the details, under a count.
    """

    http_status = 500

    def __init__(self, message: str, issues: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.issues = issues

    def details(self) -> tuple[str, ...]:
        """Every issue, when there are several."""
        return self.issues


class FactError(MandatesError, ValueError):
    """A fact that cannot be recorded: unknown id, wrong kind of subject, or a bad date."""


class NotFoundError(MandatesError, LookupError):
    """An id that names no output or meeting of the process."""

    http_status = 404


class StoreError(MandatesError):
    """The state database cannot be opened or used."""

    http_status = 503


class FileWriteError(StoreError):
    """A file could not be written; the previous file, if any, is left as it was."""

    http_status = 500


class BriefingError(MandatesError, ValueError):
    """A briefing that cannot be made: a bad option, or Chromium failing."""

    http_status = 500


class BrowserMissing(BriefingError):
    """Headless Chromium is needed (PDF, PNG) and is not installed."""

    http_status = 503


class RunFailed(MandatesError):
    """A flow ran but did not complete, or some alerts were not delivered: exit 1."""

    exit_code = EXIT_PROBLEM_FOUND
    http_status = 500
