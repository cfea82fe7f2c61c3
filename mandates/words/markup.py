"""User text as literal text in the formats that would otherwise read it: markdown and the
terminal. Nothing a title, venue, note or reference holds can become emphasis, a link, a table
cell break, a heading or raw HTML in markdown, nor move the cursor, clear the screen or retitle
the window in a terminal.

Markdown: CommonMark 0.31.2, section 2.4: any ASCII punctuation character may be
backslash-escaped, and an escaped character is literal. Escaped here: the characters that open or
close an inline construct or raw HTML (`\\ ` * _ [ ] < > & ~`), GFM's table bar `|`, and `#`
(ATX headings); line breaks become spaces so a value never starts a block of its own.

Terminal: ECMA-48 control functions begin with a C0 control (ESC 0x1B, BEL, CR, BS, ...) or a
C1 control (0x80-0x9F, CSI 0x9B among them); each is written as `\\xNN` instead, so the text is
shown and the terminal is never driven. Line feed and tab stay (they only lay out the text).
"""

from __future__ import annotations

import re

__all__ = ["markdown_text", "terminal_text"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def markdown_text(value: str) -> str:
    """`value` escaped for markdown: `a *b* <i>` -> `a \\*b\\* \\<i\\>`, on one line."""
    return _SPECIAL.sub(r"\\\1", _LINE_BREAK.sub(" ", value))


def terminal_text(value: str) -> str:
    """`value` safe to print in a terminal: `"a\\x1b[2J b"` -> `"a\\\\x1b[2J b"` (the escape shown
    as the four characters `\\x1b`); line feeds and tabs kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
