"""The refusals of facts that cannot have happened as recorded, and of fact names and keys, in
Chinese: a fact dated after today, a meeting held without dates or before its window, a delivery
before the meeting that adopts it, a file's key that names a different fact.

`words.refusals` words the other refusals (its table is the place for these patterns too; they
are kept here until that table takes them, and `worded` is applied where they are raised, so
that the command line's `translated` finds them already in Chinese). Ids, keys, options and
dates keep their form.
"""

from __future__ import annotations

import re

from mandates.words.dates import Lang

_ID = r"(?P<{}>\S+)"

TABLE: list[tuple[str, str]] = [
    (r"(?P<opt>--[a-z-]+) (?P<on>\S+) is after today \((?P<today>\S+)\): a fact is recorded once "
     r"it has happened", "{opt} {on}晚于今天（{today}）：事实须在发生之后登记"),
    (_ID.format("id") + r" has no dates \(it was postponed without new dates\): say when it met "
     r"with --opens and --closes \(held on (?P<on>\S+)\)",
     "{id}没有日期（已推迟且未定新日期）：请以--opens和--closes给出会议举行的日期（举行于{on}）"),
    (_ID.format("id") + r" has no dates \(its dates are to be determined\): say when it met with "
     r"--opens and --closes \(held on (?P<on>\S+)\)",
     "{id}没有日期（日期待定）：请以--opens和--closes给出会议举行的日期（举行于{on}）"),
    (_ID.format("id") + r" cannot be held on (?P<on>\S+), before its window opens on "
     r"(?P<opens>\S+): give the days it met with --opens and --closes, or reschedule it first",
     "{id}不能在其时间窗口开始之日{opens}之前的{on}举行：请以--opens和--closes给出会议举行的日期，"
     "或先改期"),
    (r"--on (?P<on>\S+): " + _ID.format("id") + r" is adopted at " + _ID.format("meeting")
     + r", which opens on (?P<opens>\S+): it cannot be delivered before it is adopted",
     "--on {on}：{id}由{meeting}通过，该会议于{opens}开幕：不能在通过之前交付"),
    (r"the key '(?P<key>[^']*)' already names a different fact: (?P<what>.+); give this fact a "
     r"key of its own", "标识{key}已属于另一项事实：{what}；请为该事实另给标识"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in TABLE]


def worded(message: str, lang: Lang) -> str:
    """`message` (as raised, in English) in `lang`: in Chinese, each part (parts joined by `; `)
    that a pattern above knows is worded; the others are left as raised (for
    `words.refusals.translated`). English: as it is."""
    if lang != "zh":
        return message
    parts = message.split("; ")
    worded_parts = [_word(part) for part in parts]
    if all(w is None for w in worded_parts):
        whole = _word(message)
        return whole if whole is not None else message
    return "; ".join(w if w is not None else p for w, p in zip(worded_parts, parts, strict=True))


def _word(message: str) -> str | None:
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            return template.format(**found.groupdict())
    return None
