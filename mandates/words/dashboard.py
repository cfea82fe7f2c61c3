"""The words of the read-only dashboard (`mandates serve`, /dashboard): headings, labels and
buttons in English and Chinese. Statuses, flags, bodies, mandates, dates and reasons come from
`words.names`, `words.check`, `words.dates` and `words.reasons`; this module names the page's
own parts.
"""

from __future__ import annotations

from mandates.words.dates import Lang

# key -> (English, Chinese)
WORDS: dict[str, tuple[str, str]] = {
    "dashboard": ("Dashboard", "概览"),
    "as_of": ("As of", "截至"),
    "show": ("Show", "显示"),
    "today": ("today", "今天"),
    "language": ("Language", "语言"),
    "other_language": ("中文", "English"),
    "summary": ("Summary", "概况"),
    "late_inputs": ("Late inputs", "迟到的投入"),
    "bodies": ("Bodies", "机构"),
    "meetings": ("Meetings", "会议"),
    "outputs": ("Outputs", "成果"),
    "downloads": ("Downloads", "下载"),
    "feeds": ("Calendar feeds", "日历订阅"),
    "export_xlsx": ("The check as Excel", "检查结果（Excel）"),
    "export_csv": ("The check as CSV", "检查结果（CSV）"),
    "export_json": ("The check as JSON", "检查结果（JSON）"),
    "output": ("Output", "成果"),
    "input": ("Input", "投入"),
    "flag": ("Problem", "问题"),
    "expected": ("Expected", "预计"),
    "due": ("Due", "截止"),
    "status": ("Status", "状态"),
    "reason": ("Reason", "原因"),
    "responsible": ("Responsible", "负责方"),
    "mandate": ("Mandate", "授权"),
    "rule": ("Rule", "规则"),
    "for": ("For", "用于"),
    "slack": ("Slack", "余量"),
    "slip": ("Slip", "推迟"),
    "none": ("—", "—"),
    "inputs": ("Inputs", "投入"),
    "needed_by": ("Needed by", "用于以下成果"),
    "history": ("History of facts", "事实记录"),
    "no_facts": ("No fact recorded.", "尚无记录的事实。"),
    "when": ("When", "时间"),
    "venue": ("Venue", "地点"),
    "meeting": ("Meeting", "会议"),
    "body": ("Body", "机构"),
    "parts": ("Parts", "阶段"),
    "due_for": ("Outputs due before or at it", "以其为截止依据的成果"),
    "made_for": ("Outputs for it", "为其编制的成果"),
    "responsible_for": ("Outputs it is responsible for", "其负责的成果"),
    "its_meetings": ("Its meetings", "其会议"),
    "nothing": ("None.", "无。"),
    "delivered_on": ("delivered {date}", "已于{date}交付"),
    "timeline": ("Timeline", "时间线"),
    "timeline_alt": ("Timeline of the meetings and the deadlines that hang on them",
                     "会议及其相关截止日期的时间线"),
    "briefings": ("Bureau briefing", "主席团简报"),
    "briefing_html": ("Briefing for this date (HTML)", "本日期的简报（HTML）"),
    "briefing_pdf": ("Briefing for this date (PDF, A4)", "本日期的简报（PDF，A4）"),
    "full_view": ("Secretariat view (every output, late inputs, notes)",
                  "秘书处视图（全部成果、迟到的投入、说明）"),
    "public_view": ("Public view (what the public feeds show)", "公开视图（与公开日历一致）"),
    "critical_chain": ("Critical chain to {meeting}", "至{meeting}的关键路径"),
    "subject": ("Subject", "对象"),
    "note": ("Note", "说明"),
}


def word(key: str, lang: Lang, **values: object) -> str:
    """A word of the dashboard in `lang`, its `{fields}` filled. KeyError for an unknown key."""
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**values)

