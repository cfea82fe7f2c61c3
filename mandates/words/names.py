"""Names of what the plan and the evaluation hold, in English and Chinese: mandates (`para 4`,
`decision 14/34`, `annex II table 1`), output statuses, input flags, meeting statuses and modes,
parts of meetings (`part one` / `第一阶段`, `resumed session` / `续会`), where a status or a date
comes from (`presumed held` / `推定已举行`, `assumed quarterly (the text says 'regularly')` /
`按季度推定（案文称“定期”）`, `recorded (source: …)`, a deadline `set too late`), bodies.

Mandates follow the forms of UN Chinese documents: `CBD/WG2020/REC/1/1 para 4` ->
`CBD/WG2020/REC/1/1第4段`, `decision 14/34` -> `第14/34号决定`, `annex II table 1` -> `附件二表1`;
document symbols stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mandates.core.evaluate import InputFlag, OutputState, OutputStatus
from mandates.core.facts import FactKind
from mandates.core.meetings import MeetingState
from mandates.core.plan import (
    Assumption,
    MeetingStatus,
    Mode,
    Plan,
    Provenance,
    Title,
    rule_meeting,
)
from mandates.core.reasons import Reason, ReasonCode
from mandates.words import dates
from mandates.words.dates import Lang
from mandates.words.usertext import shown

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
    MeetingStatus.RESCHEDULED: ("rescheduled", "已改期"),
    MeetingStatus.SPLIT: ("split", "已拆分"),
    MeetingStatus.IN_PARTS: ("in parts", "分阶段举行"),
}

MODE: dict[str, tuple[str, str]] = {
    Mode.IN_PERSON: ("in person", "现场举行"),
    Mode.ONLINE: ("online", "线上举行"),
    Mode.HYBRID: ("hybrid", "线上线下混合举行"),
}

# Whether a meeting was held, by where that comes from.
HELD: dict[str, tuple[str, str]] = {
    Provenance.RECORDED: ("held (recorded)", "已举行（有记录）"),
    Provenance.PRESUMED: ("presumed held", "推定已举行"),
}

# Where an output's status or date comes from; ASSUMED is worded by `assumption_text`.
PROVENANCE: dict[str, tuple[str, str]] = {
    Provenance.RECORDED: ("recorded", "有记录"),
    Provenance.PRESUMED: ("presumed delivered", "推定已交付"),
    Provenance.ASSUMED: ("assumed by the model", "模型推定"),
}

# A rule the model assumed (`Assumption.rule`) -> what it assumed, as a phrase.
ASSUMED_RULE: dict[str, tuple[str, str]] = {
    "quarterly": ("assumed quarterly", "按季度推定"),
    "monthly": ("assumed monthly", "按月推定"),
    "yearly": ("assumed yearly", "按年推定"),
    "annual": ("assumed yearly", "按年推定"),
    "report-lag": ("assumed report lag", "报告时滞为推定"),
    "lag": ("assumed report lag", "报告时滞为推定"),
    "date": ("assumed date", "日期为推定"),
    "interval": ("assumed interval", "间隔为推定"),
    "deadline": ("assumed deadline", "截止日期为推定"),
}
_SAYS = (" (the text says '{says}')", "（案文称“{says}”）")  # full-width quotes in Chinese

# Where an output's status or date comes from, around the names above.
_PHRASES: dict[str, tuple[str, str]] = {
    "provenance": (" — {what}", "——{what}"),
    "recorded_source": ("recorded (source: {source})", "有记录（来源：{source}）"),
    "presumed_held_by": ("{meeting} presumed held", "{meeting}推定已举行"),
    "set_too_late": ("set too late: due {days} before it was announced on {announced}, "
                     "days counted from that day",
                     "设定过晚：截止日期比{announced}宣布之日早{days}，天数自宣布之日起计"),
    "sep": ("; ", "；"),
}

ORDINALS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
ORDINALS_ZH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def status_name(status: OutputStatus, lang: Lang) -> str:
    """An output status in words: `due soon` / `即将到期` (DESIGN: output statuses)."""
    en, zh = STATUS[status]
    return zh if lang == "zh" else en


def state_name(state: OutputState, lang: Lang) -> str:
    """An output's status in words, a waived output said as such (its status is `cancelled`:
    nothing more is expected of it): `waived` / `已免除`."""
    if state.status is OutputStatus.CANCELLED and state.reason.code is ReasonCode.WAIVED:
        return "已免除" if lang == "zh" else "waived"
    return status_name(state.status, lang)


def flag_name(flag: InputFlag, lang: Lang) -> str:
    """An input flag in words: `after the deadline` / `晚于截止日期` (DESIGN: input flags)."""
    en, zh = FLAG[flag]
    return zh if lang == "zh" else en


def meeting_status_name(status: MeetingStatus, lang: Lang) -> str:
    """A meeting status in words: `postponed` / `已推迟` (DESIGN: meeting)."""
    en, zh = MEETING_STATUS[status]
    return zh if lang == "zh" else en


def mode_name(mode: Mode, lang: Lang) -> str:
    """How a meeting is held: `online` / `线上举行` (DESIGN: meeting, mode)."""
    en, zh = MODE[mode]
    return zh if lang == "zh" else en


# How a venue's own text says the mode it is held in: `Online`, `Online (Edinburgh Process)` /
# `线上`, `线上（…）`; `Kunming, China (with online participation)` / `中国昆明（线上线下结合）`.
_VENUE_MODE: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    Mode.ONLINE: (re.compile(r"^\s*(online|virtual)\b", re.I), re.compile(r"^\s*线上(?!线下)")),
    Mode.HYBRID: (re.compile(r"\bonline participation\b|\bhybrid\b", re.I), re.compile(r"线上线下")),
}


def venue_says_mode(venue: Title | None, mode: Mode) -> bool:
    """Whether a venue's text already says how the meeting is held, so that the mode is not said
    a second time (`Online (online)`, `线上（线上举行）`): an online meeting whose venue begins
    `Online` / `线上`, a hybrid one whose venue mentions online participation / `线上线下`.
    Either language's text counts (a venue typed in one language has that text on both sides)."""
    if venue is None or mode not in _VENUE_MODE:
        return False
    en, zh = _VENUE_MODE[mode]
    return bool(en.search(venue.en) or zh.search(venue.zh) or en.search(venue.zh)
                or zh.search(venue.en))


def held_name(provenance: Provenance | None, lang: Lang) -> str:
    """A meeting held, as known: `presumed held` / `推定已举行`; `held (recorded)` / `已举行（有记录）`;
    plain `held` / `已举行` when it is not said where that comes from."""
    if provenance is None or provenance not in HELD:
        return meeting_status_name(MeetingStatus.HELD, lang)
    en, zh = HELD[provenance]
    return zh if lang == "zh" else en


def part_name(number: int, resumed: bool, lang: Lang) -> str:
    """A part of a meeting: `part one`, `part two` / `第一阶段`, `第二阶段`; the later parts of a
    meeting held in parts (not split) are its resumed session: `resumed session` / `续会`
    (a third part: `resumed session (part three)` / `续会（第三阶段）`)."""
    if lang == "zh":
        ordinal = ORDINALS_ZH[number - 1] if 0 < number <= len(ORDINALS_ZH) else str(number)
        part = f"第{ordinal}阶段"
        if resumed and number > 1:
            return "续会" if number == 2 else f"续会（{part}）"
        return part
    ordinal = ORDINALS[number - 1] if 0 < number <= len(ORDINALS) else str(number)
    part = f"part {ordinal}"
    if resumed and number > 1:
        return "resumed session" if number == 2 else f"resumed session ({part})"
    return part


def assumption_text(assumption: Assumption, lang: Lang) -> str:
    """What the model assumed and what the text says: `assumed quarterly (the text says
    'regularly')` / `按季度推定（案文称“定期”）`; a rule without a phrase of its own reads `assumed by
    the model` / `模型推定`. What the text says is quoted from `Assumption.says` in `lang`."""
    en, zh = ASSUMED_RULE.get(assumption.rule, PROVENANCE[Provenance.ASSUMED])
    text = zh if lang == "zh" else en
    if assumption.says is not None:
        says = (_SAYS[1] if lang == "zh" else _SAYS[0]).format(says=shown(assumption.says, lang))
        text += says
    return text


def provenance_name(provenance: Provenance, assumption: Assumption | None, lang: Lang) -> str:
    """Where an output's status or date comes from, in words: `recorded` / `有记录`, `presumed
    delivered` / `推定已交付`, or what was assumed (`assumption_text`)."""
    if provenance is Provenance.ASSUMED and assumption is not None:
        return assumption_text(assumption, lang)
    en, zh = PROVENANCE[provenance]
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


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "zh" else pair[0]


def set_too_late(state: OutputState) -> bool:
    """An open output whose current due date was already past on the day it was set
    (`due_set_on`, DESIGN: set too late)."""
    return (state.due is not None and state.due_set_on is not None and state.delivered_on is None
            and state.due.on < state.due_set_on)


def set_too_late_text(state: OutputState, lang: Lang) -> str:
    """`set too late: due 7 days before it was announced on 10 March 2020` / `设定过晚：…`;
    `""` when it was not (`set_too_late`)."""
    if not set_too_late(state) or state.due is None or state.due_set_on is None:
        return ""
    days = state.due_set_on.toordinal() - state.due.on.toordinal()
    return _pick(_PHRASES["set_too_late"], lang).format(
        days=dates.days_text(days, lang), announced=dates.day_text(state.due_set_on, lang))


_DECIDING = frozenset({FactKind.DELIVERED, FactKind.RECEIVED, FactKind.WAIVED, FactKind.CANCELLED})


def source_of(state: OutputState, meetings: Mapping[str, MeetingState]) -> str | None:
    """Where a recorded status or date was read, when the fact says (`Fact.source`): the fact
    that decides the output's status (its latest delivery, receipt, waiver or cancellation),
    whether or not that fact gives a source (a delivery recorded without one has none: the
    source of another fact is not its source); else, with no such fact, the fact that set the
    dates of the meeting its rule hangs on (effective on `due_set_on`)."""
    deciding = [f for f in state.facts if f.kind in _DECIDING]
    if deciding:
        return deciding[-1].source
    meeting = meetings.get(rule_meeting(state.output.due) or "")
    if meeting is not None and state.due_set_on is not None:
        for fact in reversed(meeting.facts):
            if fact.source and fact.effective_on == state.due_set_on:
                return fact.source
    return None


_SAID = frozenset({"presumed_delivered", "presumed_held"})  # reasons that say "presumed" already


def provenance_text(state: OutputState, meetings: Mapping[str, MeetingState], lang: Lang,
                    said: Reason | None = None) -> str:
    """Where an output's status and date come from, in words, or `""` (the text's own rule):
    `recorded (source: https://…)`, `presumed delivered`, `wg2020-2 presumed held`,
    `assumed quarterly (the text says 'regularly')` / `有记录（来源：…）`, `推定已交付`,
    `按季度推定（案文称“定期”）`; `set too late: …` joined to it when the due date was set too late.
    What the reason printed beside it (`said`: the output's own by default, an input's reason in
    a list of late inputs) says already, "presumed" or "set too late", is not repeated."""
    code = (said if said is not None else state.reason).code.value
    parts: list[str] = []
    provenance = state.provenance
    if provenance is Provenance.RECORDED:
        source = source_of(state, meetings)
        parts.append(_pick(_PHRASES["recorded_source"], lang).format(source=source) if source
                     else provenance_name(provenance, None, lang))
    elif provenance is Provenance.PRESUMED and code not in _SAID:
        meeting = rule_meeting(state.output.due)
        held = meetings.get(meeting or "")
        if not state.presumed and held is not None and held.held_provenance is Provenance.PRESUMED:
            parts.append(_pick(_PHRASES["presumed_held_by"], lang).format(meeting=held.id))
        else:
            parts.append(provenance_name(provenance, None, lang))
    elif provenance is Provenance.ASSUMED:
        parts.append(provenance_name(provenance, state.assumption, lang))
    late = set_too_late_text(state, lang)
    if late and code != "set_too_late":
        parts.append(late)
    return _pick(_PHRASES["sep"], lang).join(parts)


def with_provenance(reason: str, state: OutputState, meetings: Mapping[str, MeetingState],
                    lang: Lang, said: Reason | None = None) -> str:
    """A reason followed by where it comes from: `was due on …; 152 days overdue — assumed
    quarterly (the text says 'regularly')` / `…——按季度推定（案文称“定期”）`. `reason` is the text
    of `said` (default: the output's own reason)."""
    what = provenance_text(state, meetings, lang, said)
    return reason + _pick(_PHRASES["provenance"], lang).format(what=what) if what else reason
