"""English and Chinese of the check in a terminal (`check`, `show`, `whatif`) and on the status
page (headings, labels, columns, meeting dates, windows and quarters, parts and modes, due rules,
recorded facts and their sources); reasons come from `words.reasons`,
names of statuses, flags, modes, parts and mandates from `words.names`, dates from `words.dates`.

The English is what the terminal and the status page printed before they had a Chinese side,
word for word.
"""

from __future__ import annotations

from pendulum import Date

from mandates.core.evaluate import Evaluation, OutputStatus
from mandates.core.facts import Fact, FactKind
from mandates.core.meetings import MeetingState, PartState
from mandates.core.plan import (
    Audience,
    BeforeRule,
    DueRule,
    EveryRule,
    MeetingStatus,
    Mode,
    OnRule,
    Plan,
    Precision,
    Provenance,
    Title,
    Window,
)
from mandates.words import dates
from mandates.words.dates import Lang
from mandates.words.names import (
    held_name,
    meeting_status_name,
    mode_name,
    part_name,
    status_name,
)
from mandates.words.usertext import shown

# key -> (English, Chinese); `{name}` fields are filled with text already in the language.
PHRASES: dict[str, tuple[str, str]] = {
    "as_of": (" — check as of {date} ({zone})", "——截至{date}的检查（时区：{zone}）"),
    "late_inputs": ("Late inputs ({count})", "迟到的投入（{count}）"),
    "set_aside": ("Facts set aside ({count})", "未予采用的事实（{count}）"),
    "expected": ("expected {date}", "预计{date}"),
    "no_date": ("no date", "尚无日期"),
    "days_late": (", {count} days", "，晚{count}天"),
    "open": ("(", "（"),
    "close": (")", "）"),
    "due": ("due {date}", "截止{date}"),
    "due_none": ("due no date", "尚无截止日期"),
    "range": ("{earliest}..{latest}", "{earliest}至{latest}"),
    "section": ("{heading} ({count})", "{heading}（{count}）"),
    "notes": ("Notes ({count})", "近期说明（{count}）"),
    "meetings_changed": ("Meetings changed ({count})", "会议变动（{count}）"),
    "meeting_line": (": {when}{venue}  (planned: {was})", "：{when}{venue}  （原定：{was}）"),
    "venue": (", {venue}", "，{venue}"),
    "deadlines_moved": ("Deadlines moved ({count})", "截止日期变动（{count}）"),
    "chain": ("Critical chain", "关键路径"),
    "chain_to": (" to {meeting}: ", "（至{meeting}）："),
    "totals": ("Totals: ", "合计："),
    "total": ("{name} {count}", "{name}{count}项"),
    "late_total": ("late inputs {count}", "迟到的投入{count}项"),
    # where a status or a date comes from (`--assumed show|hide`)
    "assumed_hidden": ("{count} assumed deadlines passed (not shown: --assumed show): {ids}",
                       "{count}项推定的截止日期已过（未列入逾期：--assumed show）：{ids}"),
    "assumed_total": ("assumed deadlines passed {count}", "已过的推定截止日期{count}项"),
    # meetings: status, mode, parts
    "status_sep": ("; ", "；"),
    "part_line": ("    {part}: {when}{venue}; {status}", "    {part}：{when}{venue}；{status}"),
    "list_sep": (", ", "、"),
    # show
    "output_head": ("mandate: {mandate}   responsible: {responsible}   audience: {audience}   "
                    "defined at {source}",
                    "授权：{mandate}   负责：{responsible}   对象：{audience}   定义于{source}"),
    "rule_line": ("rule: {rule}   for: {target}", "规则：{rule}   用于：{target}"),
    "due_line": ("due: {due} (baseline {baseline}, slip {slip}, slack {slack})",
                 "截止：{due}（原定{baseline}，推迟{slip}，余量{slack}）"),
    "day_count": ("{count}", "{count}天"),
    "status_line": ("status as of {date}: ", "截至{date}的状态："),
    "dash": (" — ", "——"),
    "input": ("  input {id}: ", "  投入{id}："),
    "input_open": ("  input {id} (", "  投入{id}（"),
    "input_close": ("): ", "）："),
    "input_delivered": ("delivered {date}", "已于{date}交付"),
    "input_expected": ("expected {date}", "预计{date}"),
    "needed_by": ("needed by: {ids}", "需要它的成果：{ids}"),
    "meeting_when": ("when: {when}   where: {venue} ({zone})   status: {status}",
                     "时间：{when}   地点：{venue}（时区：{zone}）   状态：{status}"),
    "meeting_annex": ("Annex II type {type}, table {table}; mandate: {mandate}; element: {element}; "
                      "defined at {source}",
                      "附件二类型{type}，表{table}；授权：{mandate}；框架要素：{element}；定义于{source}"),
    "hanging": ("deadlines that hang on it: {ids}", "取决于该会议的截止日期：{ids}"),
    "made_for": ("outputs for it, due by another rule: {ids}", "为该会议编制、按其他规则截止的成果：{ids}"),
    "no_facts": ("history: no facts recorded", "记录：尚无登记的事实"),
    "history": ("history:", "记录："),
    "fact_line": ("  #{id} {fact} (recorded {at})", "  #{id} {fact}（登记于{at}）"),
    "shipped_fact_line": ("  {name} {fact} (shipped with the process)", "  {name} {fact}（随进程提供）"),
    # whatif
    "diff_meeting": ("meeting {id}: {before} → {after}", "会议{id}：{before} → {after}"),
    "no_move": ("no deadline would move", "没有截止日期会变动"),
    "shift": (" ({days})", "（{days}）"),
    "diff_status": ("; {old} → {new}", "；{old} → {new}"),
    "due_unchanged": ("{due} (unchanged)", "{due}（不变）"),
    "cancelled_section": ("Cancelled or waived", "已取消或免除"),
    "diff_late_for": ("; would come after what needs it: ", "；将晚于需要它的会议或成果："),
    "diff_in_time": ("; would no longer come after what needs it",
                     "；将不再晚于需要它的会议或成果"),
    "would_line": ("  {input}, needed by {output}, would {verb}: ", "  {output}所需的{input}将{verb}："),
    # the status page (report.html)
    "page_title": ("Deadline check: {title}", "截止日期检查：{title}"),
    "page_as_of": ("Check as of {date} ({zone}).", "截至{date}的检查（时区：{zone}）。"),
    "page_other": ("中文", "英文版"),  # the link to the page in the other language
    "page_delivered": ("{delivered} of {count} outputs delivered. ",
                       "{count}项成果中已交付{delivered}项。"),
    "page_feeds": ("calendar feeds", "日历订阅"),
    # meeting dates
    "cancelled": ("cancelled", "已取消"),
    "postponed_was": ("postponed (was {when})", "已推迟（原定{when}）"),
    "tbc": ("{when} (to be confirmed)", "{when}（待确认）"),
    "postponed_tbd": ("postponed, dates to be determined", "已推迟，日期待定"),
    "tbd": ("to be determined", "日期待定"),
    "part_tbd": ("dates not known yet", "日期尚不明确"),
    "planned_was": ("{when}, {venue}", "{when}，{venue}"),
    # due rules
    "rule_on": ("on {date}", "于{date}"),
    "rule_before": ("{amount} before {meeting} opens", "{meeting}开幕前{amount}"),
    "rule_opening": ("on the day {meeting} opens", "{meeting}开幕当天"),
    "weeks": ("{count} weeks", "{count}周"),
    "days": ("{count} days", "{count}天"),
    "months": ("{count} months", "{count}个月"),
    "rule_every": ("every {every} from {start} until {until}", "自{start}起每{every}一次，直至{until}"),
    "open_ended": ("open-ended", "无截止"),
    "rule_at": ("at {meeting} (available when it closes, +{lag} days)",
                "由{meeting}产生（闭幕后{lag}天可用）"),
}

# Column headings of the status page's tables: (English, Chinese) per column.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "late": (("needed by", "需要它的成果"), ("input", "投入"), ("flag", "标记"),
             ("expected", "预计"), ("reason", "原因")),
    "outputs": (("output", "成果"), ("due", "截止"), ("responsible", "负责"), ("mandate", "授权"),
                ("reason", "原因")),
    "notes": (("subject", "对象"), ("date", "日期"), ("kind", "类别"), ("text", "内容")),
    "meetings": (("meeting", "会议"), ("now", "现定"), ("venue", "地点"), ("status", "状态")),
}

AUDIENCE: dict[str, tuple[str, str]] = {
    Audience.PUBLIC: ("public", "公开"),
    Audience.SECRETARIAT: ("secretariat", "仅秘书处"),
}

# Recorded facts in a history: kind -> (English, Chinese) with `{ref}`, `{dates}`, `{venue}`,
# `{text}` filled in (English: `Fact.describe`).
FACT_PHRASES: dict[FactKind, tuple[str, str]] = {
    FactKind.DELIVERED: ("delivered{ref}", "交付{ref}"),
    FactKind.RECEIVED: ("received{ref}", "收到{ref}"),
    FactKind.RESCHEDULED: ("rescheduled{dates}{venue}", "改期{dates}{venue}"),
    FactKind.RELOCATED: ("relocated{dates}{venue}", "改变地点{dates}{venue}"),
    FactKind.POSTPONED: ("postponed", "推迟"),
    FactKind.CANCELLED: ("cancelled{text}", "取消{text}"),
    FactKind.WAIVED: ("waived{text}", "免除{text}"),
    FactKind.NOTE: ("note{text}", "说明{text}"),
    FactKind.SPLIT: ("split{part}{dates}{venue}", "拆分{part}{dates}{venue}"),
    FactKind.PART: ("{part}{dates}{venue}", "{part}{dates}{venue}"),
    FactKind.HELD: ("held{part}", "已举行{part}"),
    FactKind.WITHDRAWN: ("withdrawn{voids}{text}", "撤回{voids}{text}"),
    FactKind.AMENDED: ("amended{ref}", "修正{ref}"),
}
_FACT_PARTS: dict[str, tuple[str, str]] = {
    "ref": (" as {value}", "，文号{value}"),
    "amendment": (" by {value}", "，依据{value}"),
    "dates": (" to {opens}..{closes}", "为{opens}至{closes}"),
    "quarter": (" to {value}", "为{value}"),
    "tentative": (" (tentative)", "（暂定）"),
    "venue": (" in {value}", "，地点：{value}"),
    "mode": (", {value}", "，{value}"),
    "mode_alone": (" {value}", "，{value}"),
    "part": (" ({value})", "（{value}）"),
    "voids": (" {value}", "事实{value}"),
    "text": (": {value}", "：{value}"),
    "source": (" (source: {value})", "（来源：{value}）"),
}
DATED_KINDS = frozenset({FactKind.RESCHEDULED, FactKind.RELOCATED, FactKind.SPLIT, FactKind.PART})


# What a what-if says an input would do, by its flag (after "would" / "将").
WOULD: dict[str, tuple[str, str]] = {
    "late": ("be overdue", "逾期"),
    "arrives_after_deadline": ("arrive after the deadline", "晚于截止日期送达"),
    "unscheduled": ("have no date", "没有日期"),
    "tentative": ("have unconfirmed dates", "日期待确认"),
}


def phrase(key: str, lang: Lang, **values: object) -> str:
    """A phrase of the table in `lang`, fields filled (KeyError for an unknown key or field)."""
    en, zh = PHRASES[key]
    return (zh if lang == "zh" else en).format(**values)


def pick(pair: tuple[str, str], lang: Lang) -> str:
    """The English or the Chinese of a pair."""
    return pair[1] if lang == "zh" else pair[0]


def meeting_when(state: MeetingState, lang: Lang = "en") -> str:
    """`24–28 February 2020`, `January or February 2020 (to be confirmed)`, `to be determined`
    / `2020年2月24日至28日`, `2020年1月或2月（待确认）`, `日期待定`."""
    if state.cancelled:
        return phrase("cancelled", lang)
    if state.opens_on is not None and state.closes_on is not None:
        text = dates.span_text(state.opens_on, state.closes_on, lang)
        if state.postponed:
            return phrase("postponed_was", lang, when=text)
        return text if state.confirmed else phrase("tbc", lang, when=text)
    if state.window is not None:
        return phrase("tbc", lang, when=window_words(state.window, lang))
    return phrase("postponed_tbd" if state.postponed else "tbd", lang)


def window_words(window: Window, lang: Lang) -> str:
    """A window as the text gave it: months (`January or February 2020` / `2020年1月或2月`) or a
    quarter (`first quarter of 2021` / `2021年第一季度`)."""
    if window.precision is Precision.QUARTER:
        first, last = dates.quarter_text(window.earliest, lang), dates.quarter_text(window.latest, lang)
        if first == last:
            return first
    return dates.window_text(window.earliest, window.latest, lang)


def section_heading(status: OutputStatus, lang: Lang) -> str:
    """The check's heading of a status section, the same in the terminal and on the dashboard:
    `Overdue`, `Due soon`, `At risk`, `Blocked`, `Cancelled or waived` / `逾期`, `即将到期`, …"""
    if status is OutputStatus.CANCELLED:  # the waived are cancelled too
        return phrase("cancelled_section", lang)
    name = status_name(status, lang)
    return name if lang == "zh" else name[:1].upper() + name[1:]


def meeting_order(state: MeetingState) -> tuple[str, str]:
    """Meetings in calendar order (as `list meetings` gives them): by the first day they may
    open; those without dates last, by id."""
    first = state.span.opens_earliest if state.span is not None else state.opens_on
    return (first.isoformat() if first is not None else "9999", state.id)


def meeting_phase(state: MeetingState) -> MeetingStatus:
    """A meeting's full state (rescheduled, split and in parts as well as the six statuses of
    `MeetingState.status`): the core's `MeetingState.phase` where it gives one, else `status`."""
    phase = getattr(state, "phase", None)
    return phase if isinstance(phase, MeetingStatus) else state.status


def part_status(part: PartState) -> MeetingStatus:
    """A part's status as its state says: held, postponed (when the core says so),
    unscheduled (dates not known), tentative (a window, or days not confirmed) or scheduled."""
    if part.held:
        return MeetingStatus.HELD
    if getattr(part, "postponed", False) is True:
        return MeetingStatus.POSTPONED
    if part.opens_on is None and part.window is None:
        return MeetingStatus.UNSCHEDULED
    if part.window is not None or not part.confirmed:
        return MeetingStatus.TENTATIVE
    return MeetingStatus.SCHEDULED


def part_when(part: PartState, lang: Lang) -> str:
    """A part's days, window or quarter (`3 May – 9 June 2021`, `first quarter of 2022 (to be
    confirmed)`), or `dates not known yet` / `日期尚不明确`."""
    if part.opens_on is not None and part.closes_on is not None:
        text = dates.span_text(part.opens_on, part.closes_on, lang)
        return text if part.confirmed else phrase("tbc", lang, when=text)
    if part.window is not None:
        return phrase("tbc", lang, when=window_words(part.window, lang))
    return phrase("part_tbd", lang)


def status_words(status: MeetingStatus, held: Provenance | None, mode: Mode, lang: Lang) -> str:
    """A meeting's (or a part's) status with how it is held: `presumed held; online`,
    `postponed` / `推定已举行；线上举行`; in person is not said."""
    text = held_name(held, lang) if status is MeetingStatus.HELD else meeting_status_name(status, lang)
    if mode is not Mode.IN_PERSON:
        text += phrase("status_sep", lang) + mode_name(mode, lang)
    return text


def meeting_status_text(state: MeetingState, lang: Lang) -> str:
    """`status_words` of a meeting as known on the evaluation date (its `meeting_phase`)."""
    return status_words(meeting_phase(state), state.held_provenance, state.mode, lang)


def part_title(state: MeetingState, part: PartState, lang: Lang) -> str:
    """`part one`, `resumed session` (a meeting held in parts) / `第一阶段`, `续会`."""
    return part_name(part.number, not state.split, lang)


def part_lines(state: MeetingState, lang: Lang) -> list[str]:
    """One line per part of a meeting: `    part one: 3 May – 9 June 2021; held (recorded);
    online`; none for a meeting held in one go. Venues as `venue_text` shows them."""
    lines = []
    for part in state.parts:
        venue = venue_text(part.venue, lang)
        lines.append(phrase("part_line", lang, part=part_title(state, part, lang),
                            when=part_when(part, lang),
                            venue=phrase("venue", lang, venue=venue) if venue else "",
                            status=status_words(part_status(part), part.held_provenance, part.mode,
                                                lang)))
    return lines


def venue_text(venue: Title | None, lang: Lang) -> str | None:
    """A venue in `lang`; a venue a user typed in one language is shown as written, marked
    untranslated in the other (`（英文原文）Rome` in Chinese, `words.usertext.shown`)."""
    return shown(venue, lang) if venue is not None else None


def rule_text(plan: Plan, rule: DueRule, lang: Lang) -> str:
    """A due rule in words: `6 weeks before wg2020-2 opens` / `wg2020-2开幕前6周`."""
    if isinstance(rule, OnRule):
        return phrase("rule_on", lang, date=rule.on.isoformat())
    if isinstance(rule, BeforeRule):
        if not rule.days:
            return phrase("rule_opening", lang, meeting=rule.meeting)
        weeks = rule.days % 7 == 0
        amount = phrase("weeks" if weeks else "days", lang,
                        count=rule.days // 7 if weeks else rule.days)
        return phrase("rule_before", lang, amount=amount, meeting=rule.meeting)
    if isinstance(rule, EveryRule):
        every = (phrase("months", lang, count=rule.months) if rule.months
                 else phrase("weeks", lang, count=rule.weeks))
        until = rule.until_meeting or (rule.until_date.isoformat() if rule.until_date
                                       else phrase("open_ended", lang))
        return phrase("rule_every", lang, every=every, start=rule.start.isoformat(), until=until)
    lag = rule.lag_days if rule.lag_days is not None else plan.report_lag(rule.meeting)
    return phrase("rule_at", lang, meeting=rule.meeting, lag=lag)


def fact_kind(fact: Fact, lang: Lang) -> str:
    """The kind of a fact in one word or two: `note`, `waived` / `说明`, `免除`."""
    return pick(FACT_PHRASES[fact.kind], lang).format(ref="", dates="", venue="", text="", part="",
                                                      voids="")


def fact_note(fact: Fact, lang: Lang) -> str:
    """The text of a note or waiver as written, marked untranslated when shown in the other
    language: `（英文原文）Superseded by the zero draft` in Chinese; `""` when it has none."""
    text = fact.text_title()
    return shown(text, lang) if text is not None else ""


def fact_text(fact: Fact, lang: Lang, long_dates: bool = False) -> str:
    """A recorded fact in one line: `2020-01-10 delivered as CBD/WG2020/2/3` / `2020-01-10 交付，
    文号CBD/WG2020/2/3`; text a user typed is shown as written, marked untranslated in the other
    language (a document symbol is no language's: never marked). New dates as days, a month
    window or a quarter (`to 2021-Q1`), tentative, the mode, the part, the fact a withdrawal
    voids, and where the fact was read (`(source: https://…)` / `（来源：…）`) when it says.
    `long_dates`: new days in Chinese as `为2020年2月24日至29日` (`words.dates.span_text`)."""
    parts: dict[str, str] = {"ref": "", "dates": "", "venue": "", "text": "", "part": "",
                             "voids": ""}
    if fact.ref and fact.kind in (FactKind.DELIVERED, FactKind.RECEIVED):
        parts["ref"] = pick(_FACT_PARTS["ref"], lang).format(value=fact.ref)
    if fact.kind is FactKind.AMENDED:
        symbol = fact.amendment.symbol if fact.amendment is not None else fact.ref
        if symbol:
            parts["ref"] = pick(_FACT_PARTS["amendment"], lang).format(value=symbol)
    if fact.part is not None and fact.kind in (*DATED_KINDS, FactKind.HELD):
        name = part_name(fact.part, fact.kind is FactKind.PART, lang)
        parts["part"] = (name if fact.kind is FactKind.PART
                         else pick(_FACT_PARTS["part"], lang).format(value=name))
    if fact.kind in DATED_KINDS:
        parts["dates"] = _fact_dates(fact, lang, long_dates)
        venue = fact.venue_title()
        # "Online" as the venue of a meeting held online: its mode says it, once
        only_mode = venue is not None and venue.en.strip().lower() == "online" \
            and fact.mode is not None
        if venue is not None and not only_mode:
            parts["venue"] = pick(_FACT_PARTS["venue"], lang).format(value=shown(venue, lang))
        if fact.mode is not None:
            template = _FACT_PARTS["mode_alone" if only_mode else "mode"]
            parts["venue"] += pick(template, lang).format(value=mode_name(fact.mode, lang))
    if fact.kind is FactKind.WITHDRAWN and fact.voids:
        parts["voids"] = pick(_FACT_PARTS["voids"], lang).format(value=fact.voids)
    if fact.text and fact.kind in (FactKind.WAIVED, FactKind.NOTE, FactKind.CANCELLED,
                                   FactKind.WITHDRAWN):
        parts["text"] = pick(_FACT_PARTS["text"], lang).format(value=fact_note(fact, lang))
    source = pick(_FACT_PARTS["source"], lang).format(value=fact.source) if fact.source else ""
    return (f"{fact.effective_on.isoformat()} "
            f"{pick(FACT_PHRASES[fact.kind], lang).format(**parts)}{source}")


def _fact_dates(fact: Fact, lang: Lang, long_dates: bool = False) -> str:
    """` to 2020-02-24..2020-02-29`, ` to 2021-Q1` / `为2021年第一季度`, with ` (tentative)`;
    `""` without dates; `long_dates` in Chinese: `为2020年2月24日至29日`, `为2020年1月或2月`."""
    if fact.opens_on is None or fact.closes_on is None:
        return ""
    if fact.precision is Precision.QUARTER:
        quarter = (fact.opens_on.month - 1) // 3 + 1
        value = (dates.quarter_text(fact.opens_on, lang) if lang == "zh"
                 else f"{fact.opens_on.year}-Q{quarter}")
        text = pick(_FACT_PARTS["quarter"], lang).format(value=value)
    elif long_dates and lang == "zh":
        span = (dates.window_text(fact.opens_on, fact.closes_on, lang)
                if fact.precision is Precision.MONTH
                else dates.span_text(fact.opens_on, fact.closes_on, lang))
        text = pick(_FACT_PARTS["quarter"], lang).format(value=span)
    else:
        text = pick(_FACT_PARTS["dates"], lang).format(opens=fact.opens_on.isoformat(),
                                                        closes=fact.closes_on.isoformat())
    return text + (pick(_FACT_PARTS["tentative"], lang) if fact.tentative else "")


def input_when(evaluation: Evaluation, input_id: str, expected_on: Date | None, lang: Lang,
               missing: str | None = None) -> str:
    """An input with nothing wrong, as `show` and the dashboard say it: `delivered 2019-08-30`
    when the output it is was delivered, else `expected 2019-09-15`, else `missing` (default
    `no date` / `尚无日期`)."""
    source = evaluation.outputs.get(input_id)
    if source is not None and source.delivered_on is not None:
        return phrase("input_delivered", lang, date=source.delivered_on.isoformat())
    if expected_on is None:
        return phrase("no_date", lang) if missing is None else missing
    return phrase("input_expected", lang, date=expected_on.isoformat())


def day_count(count: int | None, lang: Lang) -> str:
    """A slip or slack: `0 days`, `1 day`, `-12 days` / `3天`; `—` when there is none (an
    output delivered, or without a date)."""
    return "—" if count is None else dates.days_text(count, lang)
