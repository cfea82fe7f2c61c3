"""User text as literal text in markdown: nothing a title, venue, note or reference holds can
become emphasis, a link, a table cell break, a heading or raw HTML.

CommonMark 0.31.2, section 2.4: any ASCII punctuation character may be backslash-escaped, and an
escaped character is literal. Escaped here: the characters that open or close an inline
construct or raw HTML (`\\ ` * _ [ ] < > & ~`), GFM's table bar `|`, and `#` (ATX headings);
line breaks become spaces so a value never starts a block of its own.
"""

from __future__ import annotations

import re

__all__ = ["markdown_text"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def markdown_text(value: str) -> str:
    """`value` escaped for markdown: `a *b* <i>` -> `a \\*b\\* \\<i\\>`, on one line."""
    return _SPECIAL.sub(r"\\\1", _LINE_BREAK.sub(" ", value))
