"""English and Chinese for the Bureau briefing: the phrase table; dates and numbers from
`words.dates`; statuses, flags and mandates from `words.names` (re-exported here).

Sentences are built here from structured data (dates, days, flags), never translated from the
English reasons of the evaluation, so the Chinese briefing holds no English sentence (issue 5).
"""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import Date

from mandates.words import dates
from mandates.words.dates import LANGS, Lang, check_lang
from mandates.words.names import FLAG, STATUS, flag_name, mandate_text, status_name

# re-exported for the briefing and the CLI
__all__ = ["FLAG", "LANGS", "STATUS", "Lang", "check_lang", "flag_name", "mandate_text",
           "status_name"]


def date_text(day: Date, lang: Lang) -> str:
    """`13 January 2020` / `2020年1月13日`."""
    return dates.day_text(day, lang)


def weekday_date(day: Date, lang: Lang) -> str:
    """`Monday 13 January 2020` / `2020年1月13日（星期一）`."""
    return dates.weekday_text(day, lang)


def span_text(opens: Date, closes: Date, lang: Lang) -> str:
    """`24–28 February 2020`, `30 October – 1 November 2019` / `2020年2月24日至28日`."""
    return dates.span_text(opens, closes, lang)


def month_text(day: Date, lang: Lang) -> str:
    """`January 2020` / `2020年1月`."""
    return dates.month_text(day, lang)


def window_text(earliest: Date, latest: Date, lang: Lang) -> str:
    """`January or February 2020` / `2020年1月或2月`; a longer window `… to …` / `…至…`."""
    return dates.window_text(earliest, latest, lang)


def axis_month(day: Date, lang: Lang, with_year: bool) -> str:
    """A month tick of the chart: `Jan`, `Jan 2020` / `1月`, `2020年1月`."""
    return dates.axis_month(day, lang, with_year)


def number(value: int, lang: Lang) -> str:
    """An integer grouped by thousands (CLDR `#,##0`, the same in both languages)."""
    return dates.number(value, lang)


def days(count: int, lang: Lang) -> str:
    """`1 day`, `40 days` / `1天`, `40天`."""
    return dates.days_text(count, lang)


def list_text(items: Sequence[str], lang: Lang) -> str:
    """`A, B and C` / `A、B和C`."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


# The phrase table: one entry per sentence or label, `{name}` placeholders filled with
# already formatted dates, numbers and titles. Chinese is written, not machine-translated.
PHRASES: dict[str, tuple[str, str]] = {
    "doc_title": ("Bureau briefing", "主席团简报"),
    "as_of": ("Situation as of {date}", "截至{date}的情况"),
    "since_last": ("Changes are counted since the last briefing, dated {date}.",
                   "变化自上次简报（{date}）起计算。"),
    "since_date": ("Changes since {date}.", "变化自{date}起计算。"),
    "since_none": ("No earlier briefing is recorded: changes are shown against the plan as adopted.",
                   "此前没有简报记录：变化以通过时的计划为准。"),
    "since_plan": ("Changes are shown against the plan as adopted.", "变化以通过时的计划为准。"),
    "source": ("Mandates: {symbol}. Deadlines are dates in the secretariat's time zone ({zone}).",
               "任务授权来源：{symbol}。截止日期以秘书处所在时区（{zone}）的日期为准。"),
    "doc_heading": ("Bureau briefing: {title}", "主席团简报：{title}"),
    "next_briefing": ("Next briefing expected by {date}.", "下一次简报预计不晚于{date}。"),
    # Section headings
    "h_headline": ("Where the process stands", "进程现状"),
    "h_decisions": ("Decisions needed", "需要作出的决定"),
    "h_delivered_since": ("Delivered since the last briefing", "上次简报以来交付的成果"),
    "h_delivered_all": ("Delivered so far", "迄今已交付的成果"),
    "h_delivered_date": ("Delivered since {date}", "{date}以来交付的成果"),
    "h_moves_since": ("Moves since the last briefing", "上次简报以来的变动"),
    "h_moves_plan": ("Changes to the plan as adopted", "相对于原定计划的变动"),
    "h_moves_date": ("Moves since {date}", "{date}以来的变动"),
    "h_upcoming": ("Due before the next briefing ({weeks} weeks, until {date})",
                   "下一次简报前到期的事项（{weeks}周内，至{date}）"),
    "h_bodies": ("Status per body", "各机构的情况"),
    "h_timeline": ("Timeline", "时间线"),
    # Headline
    "col_outputs": ("Mandated outputs", "授权成果"),
    "col_cancelled": ("Cancelled or waived", "已取消或免除"),
    "late_inputs_line": ("{count} late inputs call for a decision.", "{count}项迟到的投入需要作出决定。"),
    "late_inputs_line_1": ("1 late input calls for a decision.", "1项迟到的投入需要作出决定。"),
    "late_inputs_none": ("No input is late.", "没有迟到的投入。"),
    "late_inputs_label": ("late inputs", "迟到的投入"),
    "next_meeting": ("Next meeting: {title}, {when}{venue} — in {days}.",
                     "下一次会议：{title}，{when}{venue}，{days}后举行。"),
    "next_meeting_today": ("In session: {title}, {when}{venue}.",
                           "正在举行的会议：{title}，{when}{venue}。"),
    "last_meeting": ("Last meeting of the process: {title}, {when}{venue} — in {days}.",
                     "进程的最后一次会议：{title}，{when}{venue}，{days}后举行。"),
    "chain_line": ("Critical chain to {meeting}: {count} outputs; the tightest has {slack} of slack.",
                   "通往{meeting}的关键路径：{count}项成果；最紧的一项余量为{slack}。"),
    "chain_line_1": ("Critical chain to {meeting}: 1 output, with {slack} of slack.",
                     "通往{meeting}的关键路径：1项成果，余量为{slack}。"),
    "chain_line_behind": ("Critical chain to {meeting}: {count} outputs; the tightest is {slack} "
                          "behind.",
                          "通往{meeting}的关键路径：{count}项成果；最紧的一项已落后{slack}。"),
    "chain_line_behind_1": ("Critical chain to {meeting}: 1 output, {slack} behind.",
                            "通往{meeting}的关键路径：1项成果，已落后{slack}。"),
    "chain_line_late": ("Critical chain to {meeting}: {count} outputs; {late} of them overdue.",
                        "通往{meeting}的关键路径：{count}项成果，其中{late}项逾期。"),
    "chain_line_late_1": ("Critical chain to {meeting}: 1 output, overdue.",
                          "通往{meeting}的关键路径：1项成果，已逾期。"),
    "next_deadline": ("Next deadline: {title}, {date} — in {days}.",
                      "下一个截止日期：{title}，{date}，{days}后。"),
    "next_deadline_today": ("Due today: {title}.", "今天到期：{title}。"),
    "chain_plain": ("Critical chain to {meeting}: {count} outputs.",
                    "通往{meeting}的关键路径：{count}项成果。"),
    "chain_plain_1": ("Critical chain to {meeting}: 1 output.", "通往{meeting}的关键路径：1项成果。"),
    "venue_sep": (", {venue}", "，{venue}"),
    # Decisions
    "no_decisions": ("No decision is needed: no input is late and nothing is overdue.",
                     "无需作出决定：没有迟到的投入，也没有逾期的成果。"),
    "h_late_inputs": ("Late inputs", "迟到的投入"),
    "h_overdue": ("Overdue outputs", "逾期的成果"),
    "needs_inputs": ("{who}; {mandate}. Due on {due}; {count} of its inputs are late:",
                     "{who}；{mandate}。截止日期为{due}；其中{count}项投入迟到："),
    "needs_input": ("{who}; {mandate}. Due on {due}; 1 of its inputs is late:",
                    "{who}；{mandate}。截止日期为{due}；其中1项投入迟到："),
    "needs_inputs_undated": ("{who}; {mandate}. No due date yet; {count} of its inputs are late:",
                             "{who}；{mandate}。尚无截止日期；其中{count}项投入迟到："),
    "needs_input_undated": ("{who}; {mandate}. No due date yet; 1 of its inputs is late:",
                            "{who}；{mandate}。尚无截止日期；其中1项投入迟到："),
    "in_late": ("{title} ({who}; {mandate}): was due on {due}, {days} overdue.",
                "{title}（{who}；{mandate}）：原定{due}交付，已逾期{days}。"),
    "in_arrived_after": ("{title} ({who}; {mandate}): arrived on {date}, {days} after the deadline.",
                         "{title}（{who}；{mandate}）：于{date}送达，比截止日期晚{days}。"),
    "in_expected_after": ("{title} ({who}; {mandate}): expected as late as {date}, "
                          "{days} after the deadline.",
                          "{title}（{who}；{mandate}）：最晚可能于{date}送达，比截止日期晚{days}。"),
    "in_unscheduled": ("{title} ({who}; {mandate}): no date, because {meeting} has no dates yet.",
                       "{title}（{who}；{mandate}）：尚无日期，因为{meeting}的日期尚未确定。"),
    "in_unscheduled_plain": ("{title} ({who}; {mandate}): no date yet.",
                             "{title}（{who}；{mandate}）：尚无日期。"),
    "new_mark": ("new since the last briefing", "上次简报以来新出现"),
    "new_mark_date": ("new since {date}", "{date}以来新出现"),
    "consequence": ("Consequence", "后果"),
    "action": ("Suggested action", "建议的行动"),
    "cons_feeds_meeting": ("it is prepared for {meeting} ({when})", "该成果是为{meeting}（{when}）准备的"),
    "cons_needed_by": ("{titles} need it", "{titles}需要该成果"),
    "cons_needed_by_1": ("{titles} needs it", "{titles}需要该成果"),
    "cons_dependents": ("{count} later outputs depend on it, up to {meeting}",
                        "其后有{count}项成果依赖于它，直至{meeting}"),
    "cons_dependents_1": ("1 later output depends on it", "其后有1项成果依赖于它"),
    "cons_on_chain": ("it is on the critical chain to {meeting}", "它位于通往{meeting}的关键路径上"),
    "cons_none": ("nothing else in the plan depends on it", "计划中没有其他成果依赖于它"),
    "cons_without": ("it would be issued without these inputs", "该成果将在缺少这些投入的情况下印发"),
    "cons_without_one": ("it would be issued without this input", "该成果将在缺少这项投入的情况下印发"),
    "more": ("{count} more", "另外{count}项"),
    "act_after": ("Decide whether the {n} inputs that come after the deadline go directly to {meeting} as "
                  "information documents, or whether the deadline is extended.",
                  "决定晚于截止日期的{n}项投入是否作为资料文件直接提交{meeting}，或是否延长截止日期。"),
    "act_after_plain": ("Decide whether the {n} inputs that come after the deadline are circulated "
                        "separately "
                        "once available, or whether the deadline is extended.",
                        "决定晚于截止日期的{n}项投入是否在完成后单独分发，或是否延长截止日期。"),
    "act_unscheduled": ("Ask {who} to set dates for {meetings}, or agree to proceed without the {n} "
                        "undated inputs.",
                        "请{who}确定{meetings}的日期，或同意在缺少这{n}项未定日期的投入的情况下继续推进。"),
    "act_unscheduled_1": ("Ask {who} to set dates for {meetings}, or agree to proceed without the "
                          "undated input.",
                          "请{who}确定{meetings}的日期，或同意在缺少这项未定日期的投入的情况下继续推进。"),
    "act_after_held": ("{meeting} has been held: record which of the {n} late inputs reached it.",
                       "{meeting}已经举行：请登记这{n}项迟到的投入中哪些已提交该会议。"),
    "act_unscheduled_plain": ("Set a date for the {n} undated inputs, or agree to proceed without them.",
                              "为这{n}项未定日期的投入确定日期，或同意在缺少这些投入的情况下继续推进。"),
    "act_late": ("Ask {who} for a firm delivery date of the {n} overdue inputs, and decide whether to wait "
                 "for them.",
                 "请{who}确定这{n}项逾期投入的交付日期，并决定是否等待这些投入。"),
    "overdue_line": ("{who}; {mandate}. Was due on {due}: {days} overdue.",
                     "{who}；{mandate}。原定{due}交付：已逾期{days}。"),
    "overdue_occurrence": ("{who}; {mandate}. Instalment {n} of {total} was due on {due}: {days} overdue.",
                           "{who}；{mandate}。第{n}期（共{total}期）原定{due}交付：已逾期{days}。"),
    "act_overdue": ("If it has been issued, record the delivery; if not, agree a new date with {who}.",
                    "如已印发，请登记交付；如尚未印发，请与{who}商定新的日期。"),
    "cons_meeting_past": ("it was prepared for {meeting}, held {when}",
                          "该成果是为{meeting}准备的，该会议已于{when}举行"),
    # Delivered
    "nothing_delivered": ("Nothing was delivered in this period.", "本期间没有交付任何成果。"),
    "col_output": ("Output", "成果"),
    "col_responsible": ("Responsible", "负责方"),
    "col_delivered_on": ("Delivered on", "交付日期"),
    "col_timing": ("Timing", "是否按时"),
    "on_time": ("on time", "按时"),
    "days_late": ("{days} late", "迟交{days}"),
    "presumed": ("presumed delivered when {reason}", "推定于{reason}时交付"),
    "presumed_held": ("{meeting} closed", "{meeting}闭幕"),
    "presumed_deadline": ("the call for submissions closed", "征集意见截止"),
    "as_ref": ("as {ref}", "文号{ref}"),
    "with_ref": (" ({ref})", "（{ref}）"),
    "h_held": ("Meetings held", "已举行的会议"),
    "held_line": ("{title}: {when}{venue}.", "{title}：{when}{venue}。"),
    # Moves
    "no_moves": ("No meeting moved and no deadline shifted.", "没有会议变动，也没有截止日期调整。"),
    "h_meeting_moves": ("Meetings", "会议"),
    "h_deadline_moves": ("Deadlines", "截止日期"),
    "move_rescheduled": ("rescheduled", "改期"),
    "move_relocated": ("moved to another venue", "改变地点"),
    "move_rescheduled_relocated": ("rescheduled and moved to another venue", "改期并改变地点"),
    "move_postponed": ("postponed", "推迟"),
    "move_cancelled": ("cancelled", "取消"),
    "move_window": ("dates confirmed", "日期已确认"),
    "move_split": ("split", "拆分举行"),
    "move_in_parts": ("to be held in parts", "改为分阶段举行"),
    "move_mode": ("held in another mode", "改变举行方式"),
    "announced": ("Announced on {date}.", "于{date}宣布。"),
    "postponed_when": ("postponed, new dates not yet known", "已推迟，新日期尚未确定"),
    "cancelled_when": ("cancelled", "已取消"),
    "tbd_when": ("dates to be determined", "日期待定"),
    "tbc": ("to be confirmed", "待确认"),
    "unconfirmed": ("dates not confirmed", "日期未经确认"),
    "col_was": ("Was", "原定"),
    "col_now": ("Now", "现定"),
    "col_shift": ("Shift", "变动"),
    "col_because": ("Because", "原因"),
    "no_date": ("no date", "尚无日期"),
    "shift_later": ("{days} later", "推迟{days}"),
    "shift_earlier": ("{days} earlier", "提前{days}"),
    "because_meeting": ("{meeting} moved", "{meeting}变动"),
    "h_notes": ("Notes and waivers recorded", "登记的说明和免除"),
    "note_line": ("{date} — {subject}: {mark}“{text}”", "{date}，{subject}：{mark}“{text}”"),
    "mode_sep": (" ({mode})", "（{mode}）"),
    "part_when": ("{part}: {when}{venue}", "{part}：{when}{venue}"),
    "parts_sep": ("; ", "；"),
    "held_mark": (" ({held})", "（{held}）"),
    "held_mark_recorded": (" (held, as recorded)", "（已举行，有记录）"),
    "badge": (" ({badge})", "（{badge}）"),
    "mark_sep": ("; ", "；"),
    "part_of": ("{meeting} ({part})", "{meeting}（{part}）"),
    # What a move puts at risk
    "risk_title": ("{title} — {kind}", "{title}：{kind}"),
    "risk_change": ("{old} → {new}.", "{old} → {new}。"),
    "risk_label": ("Puts at risk", "带来的风险"),
    "risk_none": ("nothing: no output that hangs on it is put at risk",
                  "无：取决于该会议的成果均未因此面临风险"),
    "risk_count": ("{count} outputs; the tightest has {slack} of slack left to {last}",
                   "{count}项成果；最紧的一项距{last}还有{slack}余量"),
    "risk_count_late": ("{count} outputs; {late} of them no longer make {last}",
                        "{count}项成果，其中{late}项已赶不上{last}"),
    "risk_count_1": ("1 output, with {slack} of slack left to {last}", "1项成果，距{last}还有{slack}余量"),
    "risk_count_late_1": ("1 output, which no longer makes {last}", "1项成果，已赶不上{last}"),
    "risk_count_plain": ("{count} outputs", "{count}项成果"),
    "risk_count_plain_1": ("1 output", "1项成果"),
    "risk_affected": ("Meetings these moves put at risk: {meetings}.",
                      "这些变动给以下会议带来风险：{meetings}。"),
    "risk_meeting": ("{meeting} ({when})", "{meeting}（{when}）"),
    "risk_slack": ("{title} ({who}): due on {due}; {slack} of slack left to {last}.",
                   "{title}（{who}）：截止日期为{due}；距{last}还有{slack}余量。"),
    "risk_late": ("{title} ({who}): due on {due}, {days} too late for {last}.",
                  "{title}（{who}）：截止日期为{due}，比赶上{last}所需的日期晚{days}。"),
    "risk_undated": ("{title} ({who}): no date; to make {last} it must come by {latest}.",
                     "{title}（{who}）：尚无日期；须不晚于{latest}才能赶上{last}。"),
    "risk_due": ("{title} ({who}): due on {due}.", "{title}（{who}）：截止日期为{due}。"),
    "risk_no_date": ("{title} ({who}): no date.", "{title}（{who}）：尚无日期。"),
    "risk_set_too_late": (" Set too late: due {days} before it was announced on {announced}.",
                          "设定过晚：截止日期比{announced}宣布之日早{days}。"),
    "in_set_too_late": ("{title} ({who}; {mandate}): set too late — due on {due}, {days} before it "
                        "was announced on {announced}; {late} since then.",
                        "{title}（{who}；{mandate}）：设定过晚——截止日期{due}比{announced}宣布之日早{days}；"
                        "自宣布以来已过{late}。"),
    "overdue_set_too_late": ("{who}; {mandate}. Set too late: due on {due}, {days} before it was "
                             "announced on {announced}; {late} since then.",
                             "{who}；{mandate}。设定过晚：截止日期{due}比{announced}宣布之日早{days}；"
                             "自宣布以来已过{late}。"),
    "waived_line": ("{date} — {subject}: no longer required; reason given: {mark}“{text}”",
                    "{date}，{subject}：不再需要；所述理由：{mark}“{text}”"),
    "h_new_late": ("Newly late inputs", "新出现的迟到投入"),
    "new_late_line": ("{title}, needed by {needed}: {flag}.", "{title}（{needed}需要）：{flag}。"),
    # Upcoming
    "nothing_upcoming": ("No deadline falls in this period.", "本期间没有到期的事项。"),
    "col_due": ("Due", "截止日期"),
    "col_status": ("Status", "状态"),
    "in_days": ("in {days}", "{days}后"),
    "today": ("today", "今天"),
    "due_when": ("{date} ({when})", "{date}（{when}）"),
    "window_due": ("{date} ({when}; window {span})", "{date}（{when}；区间为{span}）"),
    "occurrence": ("instalment {n} of {total}", "第{n}期，共{total}期"),
    "h_upcoming_meetings": ("Meetings in this period", "本期间的会议"),
    "meeting_line": ("{when}: {title}{venue}.", "{when}：{title}{venue}。"),
    # Bodies
    "col_body": ("Body", "机构"),
    "col_next": ("Next deadline", "下一个截止日期"),
    "bodies_note": ("Outputs are counted for each body responsible for them, alone or jointly.",
                    "成果计入负责该成果的每一个机构（单独或共同负责）。"),
    "none": ("—", "—"),
    # Timeline
    "timeline_intro": ("Meetings are bars, deadlines are diamonds, arrows lead from each input to what needs "
                       "it; late items are red and the critical chain to {meeting} is highlighted.",
                       "会议以横条表示，截止日期以菱形表示，箭头从投入指向需要它的成果；迟到或逾期的事项为红色，"
                       "通往{meeting}的关键路径以粗线突出显示。"),
    "timeline_alt": ("Timeline of the process as of {date}", "截至{date}的进程时间线"),
    "legend_meeting": ("meeting", "会议"),
    "legend_tentative": ("dates not confirmed", "日期待确认"),
    "legend_due": ("deadline", "截止日期"),
    "legend_delivered": ("delivered", "已交付"),
    "legend_late": ("overdue or late", "逾期或迟到"),
    "legend_input": ("input", "投入"),
    "legend_chain": ("critical chain", "关键路径"),
    "legend_moved": ("planned dates", "原定日期"),
    "chart_tbd": ("dates to be determined", "日期待定"),
    "chart_no_date": ("no date", "尚无日期"),
}


def phrase(key: str, lang: Lang, **values: str) -> str:
    """A sentence from the phrase table, placeholders filled (issue 5, item 4); when `count` is
    one and the table has the phrase's `_1` form, that form ("1 output", not "1 outputs")."""
    if values.get("count") == "1" and f"{key}_1" in PHRASES:
        key = f"{key}_1"
    en, zh = PHRASES[key]
    return (zh if lang == "zh" else en).format(**values)
