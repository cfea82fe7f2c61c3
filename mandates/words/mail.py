"""The words of a mailed Bureau briefing (`briefing.send`): the mail's subject, the line that
stands for the chart in the mail body, and the one line per recipient that `brief --send` and the
`bureau_briefing` flow print, in English and Chinese (the language of the briefing).
"""

from __future__ import annotations

from mandates.words.dates import Lang

# key -> (English, Chinese); `{…}` fields are filled by `mail_text`.
PHRASES: dict[str, tuple[str, str]] = {
    "subject": ("Bureau briefing: {title} (as of {day})", "主席团简报：{title}（截至{day}）"),
    "chart_in_pdf": ("The timeline chart is in the attached PDF.", "时间线图见所附PDF文件。"),
    "sent": ("sent to {who}", "已发送给{who}"),
    "already": ("already sent to {who}: nothing done", "此前已发送给{who}：未再发送"),
    "busy": ("another run is sending it to {who}: left to it", "另一次运行正在发送给{who}：交由其完成"),
    "uncertain": ("may not have reached {who}: {error}", "可能未送达{who}：{error}"),
    "failed_one": ("not sent to {who} ({attempts} try): {error}; tried again next time",
                   "未能发送给{who}（尝试{attempts}次）：{error}；下次运行时重试"),
    "failed": ("not sent to {who} ({attempts} tries): {error}; tried again next time",
               "未能发送给{who}（尝试{attempts}次）：{error}；下次运行时重试"),
    "no_channel": ("briefing not sent: no channel (set briefing.channels or alerts.urls, and "
                   "briefing.recipients for mail)",
                   "简报未发送：没有发送渠道（请设置 briefing.channels 或 alerts.urls，"
                   "邮件还需设置 briefing.recipients）"),
}


def mail_text(key: str, lang: Lang, **values: object) -> str:
    """The phrase `key` of `PHRASES` in `lang` with its fields filled; KeyError for an unknown
    key or a missing field."""
    english, chinese = PHRASES[key]
    return (chinese if lang == "zh" else english).format(**values)
