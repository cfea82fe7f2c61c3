"""Words of the feeds of a selection (settings `feeds.selections`, `mandates feeds --body ...`):
their title and what they contain, in English and Chinese (issue 10, part 1).

`Selection: sbstta-watch` / `筛选日历：sbstta-watch`; the contents name the bodies (short name and
Chinese name), the meetings (their titles) and the statuses (`words.names.STATUS`), in the order
written in the settings.
"""

from __future__ import annotations

from collections.abc import Sequence

from mandates.core.plan import Plan, Title
from mandates.words.dates import Lang
from mandates.words.names import STATUS


def selection_title(name: str, private: bool) -> Title:
    """`Selection: <name>` / `筛选日历：<name>`, marked private / 内部 when it is."""
    if private:
        return Title(f"Selection: {name} (private)", f"筛选日历：{name}（内部）")
    return Title(f"Selection: {name}", f"筛选日历：{name}")


def _bodies(plan: Plan, ids: Sequence[str]) -> Title:
    found = [plan.bodies[i] for i in ids if i in plan.bodies]
    return Title(", ".join(b.short for b in found), "、".join(b.name.zh for b in found))


def _meetings(plan: Plan, ids: Sequence[str]) -> Title:
    found = [plan.meetings[i] for i in ids if i in plan.meetings]
    return Title("; ".join(m.title.en for m in found), "；".join(m.title.zh for m in found))


def _statuses(statuses: Sequence[str]) -> Title:
    names = [STATUS[s] for s in statuses if s in STATUS]
    en, zh = [n[0] for n in names], [n[1] for n in names]
    if len(names) < 2:
        return Title("".join(en), "".join(zh))
    return Title(", ".join(en[:-1]) + " or " + en[-1], "、".join(zh[:-1]) + "或" + zh[-1])


def selection_about(plan: Plan, bodies: Sequence[str], meetings: Sequence[str],
                    responsible: Sequence[str], statuses: Sequence[str], private: bool) -> Title:
    """What a selection's feed contains: the criteria (all of them hold; any value of one),
    e.g. `Meetings and deadlines of: meetings of SBSTTA; outputs overdue, due soon or at risk.`"""
    parts: list[Title] = []
    if bodies:
        names = _bodies(plan, bodies)
        parts.append(Title(f"the meetings of {names.en} and what they need",
                           f"{names.zh}的会议及其所需产出"))
    if meetings:
        names = _meetings(plan, meetings)
        parts.append(Title(f"{names.en} and what it needs", f"{names.zh}及其所需产出"))
    if responsible:
        names = _bodies(plan, responsible)
        parts.append(Title(f"outputs {names.en} is responsible for", f"由{names.zh}负责的产出"))
    if statuses:
        names = _statuses(statuses)
        parts.append(Title(f"outputs that are {names.en}", f"状态为{names.zh}的产出"))
    what = (Title("Meetings and deadlines (internal ones, late-input warnings and notes included)",
                  "会议和截止日期（包括内部截止日期、投入延误提醒和说明）") if private
            else Title("Meetings and public deadlines", "会议和公开截止日期"))
    if not parts:
        return Title(f"{what.en}: all of them.", f"{what.zh}：全部。")
    return Title(f"{what.en}, only: " + "; ".join(p.en for p in parts) + ".",
                 f"{what.zh}，仅限：" + "；".join(p.zh for p in parts) + "。")


def nothing_matched(day: str, lang: Lang) -> str:
    """What `mandates list` says (on standard error) when its filters choose nothing as of `day`
    (an ISO date, kept as typed): `nothing matches these filters as of 2020-01-06` /
    `截至2020-01-06，没有符合这些筛选条件的内容`."""
    if lang == "zh":
        return f"截至{day}，没有符合这些筛选条件的内容"
    return f"nothing matches these filters as of {day}"
