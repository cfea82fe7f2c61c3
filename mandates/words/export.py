"""The words of an exported check (`mandates export-check`): sheet names and column headings, in
English and Chinese. The values come from `words.names` (statuses, flags, bodies, mandates) and
the check's reasons; this module names the columns only.
"""

from __future__ import annotations

from mandates.words.dates import Lang

# key -> (English, Chinese); a sheet name has at most 31 characters and none of []:*?/\ (Excel).
SHEETS: dict[str, tuple[str, str]] = {
    "late_inputs": ("Late inputs", "迟到的投入"),
    "overdue": ("Overdue", "逾期"),
    "due_soon": ("Due soon", "即将到期"),
    "at_risk": ("At risk", "有风险"),
    "blocked": ("Blocked", "受阻"),
    "on_track": ("On track", "按计划进行"),
    "delivered": ("Delivered", "已交付"),
    "cancelled": ("Cancelled", "已取消"),
    "meetings": ("Meetings", "会议"),
    "totals": ("Totals", "合计"),
}

COLUMNS: dict[str, tuple[str, str]] = {
    "section": ("Section", "部分"),
    "output": ("Output", "成果"),
    "title_en": ("Title (English)", "标题（英文）"),
    "title_zh": ("Title (Chinese)", "标题（中文）"),
    "status": ("Status", "状态"),
    "due": ("Due date", "截止日期"),
    "due_window": ("Due window", "截止窗口"),
    "tentative": ("Tentative", "暂定"),
    "days_late": ("Days late", "逾期天数"),
    "slack_days": ("Slack (days)", "余量（天）"),
    "slip_days": ("Slip (days)", "推迟（天）"),
    "delivered_on": ("Delivered on", "交付日期"),
    "responsible": ("Responsible", "负责方"),
    "mandate": ("Mandate", "授权"),
    "for": ("For (meeting or output)", "用于（会议或成果）"),
    "late_inputs": ("Late inputs", "迟到的投入"),
    "reason": ("Reason", "原因"),
    "provenance": ("Where it comes from", "依据"),
    "input": ("Input", "投入"),
    "flag": ("Flag", "问题"),
    "expected_on": ("Expected on", "预计日期"),
    "meeting": ("Meeting", "会议"),
    "opens_on": ("Opens", "开幕"),
    "closes_on": ("Closes", "闭幕"),
    "venue": ("Venue", "地点"),
    "timezone": ("Time zone", "时区"),
    "mode": ("Mode", "形式"),
    "what": ("What", "项目"),
    "count": ("Count", "数量"),
    "as_of": ("As of", "截至"),
    "process": ("Process", "进程"),
}

TOTALS: dict[str, tuple[str, str]] = {
    "late_inputs": ("late inputs", "迟到的投入"),
    "assumed_passed": ("assumed deadlines passed (not in Overdue)", "已过的推定截止日期（未列入逾期）"),
}

YES_NO = (("yes", "是"), ("no", "否"))


def sheet_name(key: str, lang: Lang) -> str:
    """A sheet's name: `Overdue` / `逾期`. KeyError for a key not in SHEETS."""
    en, zh = SHEETS[key]
    return zh if lang == "zh" else en


def column_name(key: str, lang: Lang) -> str:
    """A column heading: `Due date` / `截止日期`. KeyError for a key not in COLUMNS."""
    en, zh = COLUMNS[key]
    return zh if lang == "zh" else en


def total_name(key: str, lang: Lang) -> str:
    """A line of the totals sheet that is not an output status. KeyError for an unknown key."""
    en, zh = TOTALS[key]
    return zh if lang == "zh" else en


def yes_no(value: bool, lang: Lang) -> str:
    """`yes` / `是`, `no` / `否`."""
    en, zh = YES_NO[0] if value else YES_NO[1]
    return zh if lang == "zh" else en
