"""Names of what the plan and the evaluation hold, in English and Chinese: mandates (`para 4`,
`decision 14/34`, `annex II table 1`), output statuses, input flags, meeting statuses, bodies.

Mandates follow the forms of UN Chinese documents: `CBD/WG2020/REC/1/1 para 4` ->
`CBD/WG2020/REC/1/1第4段`, `decision 14/34` -> `第14/34号决定`, `annex II table 1` -> `附件二表1`;
document symbols stay as they are.
"""

from __future__ import annotations

import re

from mandates.core.evaluate import InputFlag, OutputStatus
from mandates.core.plan import MeetingStatus, Plan
from mandates.words.dates import Lang

STATUS: dict[str, tuple[str, str]] = {
    OutputStatus.DELIVERED: ("delivered", "已交付"),
    OutputStatus.OVERDUE: ("overdue", "逾期"),
    OutputStatus.DUE_SOON: ("due soon", "即将到期"),
    OutputStatus.AT_RISK: ("at risk", "有风险"),
    OutputStatus.BLOCKED: ("blocked", "受阻"),
    OutputStatus.ON_TRACK: ("on track", "按计划进行"),
    OutputStatus.CANCELLED: ("cancelled", "已取消"),
}

FLAG: dict[str, tuple[str, str]] = {
    InputFlag.LATE: ("overdue", "逾期"),
    InputFlag.ARRIVES_AFTER_DEADLINE: ("after the deadline", "晚于截止日期"),
    InputFlag.UNSCHEDULED: ("no date", "未定日期"),
    InputFlag.TENTATIVE: ("dates not confirmed", "日期待确认"),
}

MEETING_STATUS: dict[str, tuple[str, str]] = {
    MeetingStatus.SCHEDULED: ("scheduled", "已排定"),
    MeetingStatus.TENTATIVE: ("tentative", "暂定"),
    MeetingStatus.UNSCHEDULED: ("unscheduled", "未排定"),
    MeetingStatus.POSTPONED: ("postponed", "已推迟"),
    MeetingStatus.CANCELLED: ("cancelled", "已取消"),
    MeetingStatus.HELD: ("held", "已举行"),
}


def status_name(status: OutputStatus, lang: Lang) -> str:
    """An output status in words: `due soon` / `即将到期` (DESIGN: output statuses)."""
    en, zh = STATUS[status]
    return zh if lang == "zh" else en


def flag_name(flag: InputFlag, lang: Lang) -> str:
    """An input flag in words: `after the deadline` / `晚于截止日期` (DESIGN: input flags)."""
    en, zh = FLAG[flag]
    return zh if lang == "zh" else en


def meeting_status_name(status: MeetingStatus, lang: Lang) -> str:
    """A meeting status in words: `postponed` / `已推迟` (DESIGN: meeting)."""
    en, zh = MEETING_STATUS[status]
    return zh if lang == "zh" else en


def body_name(plan: Plan, body_id: str, lang: Lang) -> str:
    """A body in a list of who is responsible: its short name (`WG2020 Co-Chairs`) in English,
    its Chinese name (`工作组共同主席`) in Chinese; its id if the plan does not know it."""
    body = plan.bodies.get(body_id)
    if body is None:
        return body_id
    return body.name.get(lang) if lang == "zh" else body.short


_ROMAN = {"I": "一", "II": "二", "III": "三", "IV": "四", "V": "五"}
_MANDATE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^decision (\S+)$"), "第{0}号决定"),
    (re.compile(r"^(\S+) para (\S+)$"), "{0}第{1}段"),
    (re.compile(r"^(\S+) annex (I|II|III|IV|V) table (\d+)$"), "{0}附件{R1}表{2}"),
    (re.compile(r"^(\S+) annex (I|II|III|IV|V)$"), "{0}附件{R1}"),
)


def mandate_text(mandate: str, lang: Lang) -> str:
    """A mandate in the reader's language: `decision 14/34` -> `第14/34号决定`,
    `CBD/WG2020/REC/1/1 annex II table 1` -> `CBD/WG2020/REC/1/1附件二表1`; symbols stay, and a
    form not listed here is shown as written."""
    if lang == "en":
        return mandate
    for pattern, template in _MANDATE_RULES:
        match = pattern.match(mandate.strip())
        if match:
            groups = match.groups()
            roman = _ROMAN.get(groups[1], groups[1]) if len(groups) > 1 else ""
            return template.format(*groups, R1=roman)
    return mandate
