"""What counts as English in a Chinese output, shared by the tests of reasons, the check, feeds and
briefings (importable as `chinese_text`: `tests/support` is on pytest's pythonpath).

A Chinese output may hold Latin letters only in: ids (`wg2020-2-documents`), document symbols
(`CBD/WG2020/REC/1/1`, `CP-9/7`), IANA time zones (`America/Toronto`), letters of subparagraphs
(`第8(j)条`, `第8条(j)款`, `第7(a)段`), ISO 8601 times of recording, file names, text a user typed (removed
by the caller, after checking it is shown as written), and the names below, which the Chinese
text of CBD/WG2020/REC/1/1 itself writes in Latin letters. Any other Latin word is English that
leaked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mandates.core.plan import Plan

# Proper names written in Latin letters inside the Chinese titles of the bundled process, as the
# Chinese version of CBD/WG2020/REC/1/1 writes them: the bodies and meetings WG2020 (WG2020-2,
# WG2020-3), SBI (SBI-3), SBSTTA (SBSTTA-23, SBSTTA-24), WG8J and WG8(j).
PROPER_NAMES = frozenset({"WG2020", "WG8J", "WG8", "SBI", "SBSTTA"})
# Not a proper name, but in a Chinese title of config/post2020.yaml (owned elsewhere): the title of
# sbstta-24-guidance-targets-indicators keeps "SMART" (indicators) with a Chinese gloss, as the
# recommendation does. Listed apart so that it goes when the title changes.
IN_BUNDLED_TITLES = frozenset({"SMART"})
ALLOWED = PROPER_NAMES | IN_BUNDLED_TITLES

_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+\-]\d{2}:\d{2})?")
_ZONE = re.compile(r"\b[A-Z][a-z]+(?:/[A-Z][A-Za-z_+\-]+)+")
_SYMBOL = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()\-]+)+")
_DECISION = re.compile(r"(?<![A-Za-z0-9])(?:CP|NP)-\d+/\d+")
_SUBPARAGRAPH = re.compile(r"(?<=[\d条])\((?:[a-z]|[ivx]+)\)")  # 第8(j)条, 第8条(j)款
_FILE = re.compile(r"[\w.\-]+\.(?:png|svg|md|html|ics|json)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def english_words(text: str, plan: Plan, user_text: Iterable[str] = ()) -> list[str]:
    """The Latin words of `text` that are none of the above, in order (empty: clean Chinese)."""
    for typed in user_text:
        text = text.replace(typed, " ")
    for pattern in (_TIMESTAMP, _ZONE, _SYMBOL, _DECISION, _SUBPARAGRAPH, _FILE):
        text = pattern.sub(" ", text)
    added = [item.id for a in plan.amendments for item in (*a.meetings, *a.outputs, *a.bodies)]
    parts = [f"{m}-part-{n}" for m in (*plan.meetings, *added) for n in range(1, 5)]
    ids = sorted({*plan.outputs, *plan.meetings, *plan.bodies, plan.process.id, *added, *parts},
                 key=len,
                 reverse=True)
    text = re.sub(r"(?<![A-Za-z0-9\-])(?:" + "|".join(map(re.escape, ids)) + r")(?![A-Za-z0-9\-])",
                  " ", text)
    return [word for word in _WORD.findall(text) if word not in ALLOWED]
