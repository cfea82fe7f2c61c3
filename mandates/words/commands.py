"""What the commands themselves say, in English and Chinese: confirmations (`recorded #7: ...` /
`已登记#7：...`), the summary of `validate`, the headings of `history`, what `import`, `export`,
`export-check`, `run daily-check`, `deploy` and `nginx-config` report, counts with their nouns
(`3 outputs` / `3项成果`), and the labels of messages on standard error (`error:` / `错误：`).

Ids, document symbols, file paths, time zones and text a user typed are placed as they are; the
English is what the commands have always printed (tests compare it). The error messages
themselves are worded in `words.refusals`; facts in a history in `words.history`.
"""

from __future__ import annotations

from mandates.words.dates import Lang, number

# One entry per sentence, `{name}` placeholders filled with ids, paths and counts already worded.
PHRASES: dict[str, tuple[str, str]] = {
    # validate
    "valid": ("{file}: process {process}: {counts} — valid", "{file}：进程{process}：{counts}；有效"),
    "count_sep": (", ", "、"),
    "not_same_process": ("--config {config} and PATH {path} name different processes; give one "
                         "of them", "--config {config}与PATH {path}指向不同的进程；请只给出其中一个"),
    # show
    "unknown_id": ("unknown id {item}", "未知的编号{item}"),
    "did_you_mean": ("; did you mean {near}?", "；是否是指{near}？"),
    # history
    "shipped_heading": ("shipped with the process ({file}): {count}", "随进程提供（{file}）：{count}"),
    "recorded_heading": ("recorded in the database: {count}", "登记在数据库中：{count}"),
    "no_facts": ("no facts recorded", "数据库中尚无登记的事实"),
    # show: the facts of an item that no longer count
    "voided_heading": ("no longer counts:", "已不再计入："),
    "corrected_by": ("{fact} — corrected by {by}", "{fact}——已由{by}更正"),
    "withdrawn_by": ("{fact} — withdrawn by {by} from {day}", "{fact}——已由{by}自{day}起撤回"),
    # naming a fact (withdraw KEY, --corrects)
    "no_fact_number": ("{option}: no fact recorded in this database is {number}; see "
                       "`mandates history`",
                       "{option}：本数据库中没有登记为{number}的事实；见`mandates history`"),
    "ambiguous_fact": ("{option}: {name} is both the key of #{id} and the number of #{number}: "
                       "say #{number} or key:{name}",
                       "{option}：{name}既是#{id}的标识，又是#{number}的编号：请写#{number}或key:{name}"),
    "meeting_exists": ("ID: {item} is already in the plan: {how}", "ID：{item}已在计划中：{how}"),
    "exists_by_fact": ("added from {day} by {symbol} (fact {fact})",
                       "自{day}起依据{symbol}列入（事实{fact}）"),
    "exists_by_file": ("added from {day} by {symbol} (amendment {amendment})",
                       "自{day}起依据{symbol}列入（修正{amendment}）"),
    "exists_founding": ("it is in the founding plan ({symbol})", "它在初始计划中（{symbol}）"),
    # recording
    "recorded": ("recorded {fact}: {subject}: {what}", "已登记{fact}：{subject}：{what}"),
    "numbered_key": ("#{id} (key {fact_key})", "#{id}（标识{fact_key}）"),
    "added_to_plan": ("recorded {fact}: {item} added to the plan from {day} by {symbol}",
                      "已登记{fact}：自{day}起依据{symbol}将{item}列入计划"),
    "venue_zh_note": ("no Chinese form of the venue (--venue-zh): Chinese outputs show it as "
                      "written, marked （英文原文）",
                      "未给出地点的中文名称（--venue-zh）：中文输出按原文显示，并标注（英文原文）"),
    "venue_zh_prompt": ("Chinese form of {venue} (Enter: none, shown marked untranslated)",
                        "{venue}的中文名称（直接回车：不填，按原文显示并标注未翻译）"),
    # import, export
    "imported": ("{file}: {added} added; {again} already present",
                 "{file}：新增{added}项；{again}项已存在"),
    "wrote_facts": ("wrote {count} to {file}", "已将{count}写入{file}"),
    "wrote_check": ("wrote the check as of {day} ({format}) to {file}",
                    "已将截至{day}的检查结果（{format}）写入{file}"),
    "wrote": ("wrote {file}", "已写入{file}"),
    "wrote_also": (" (+ {file})", "（另有{file}）"),
    # brief: the steps its progress display names on a terminal
    "brief_evaluating": ("evaluating and comparing", "正在评估并比较"),
    "brief_writing": ("writing {file}", "正在写入{file}"),
    "brief_writing_chromium": ("writing {file} with Chromium", "正在用Chromium写入{file}"),
    "brief_snapshot": ("recording the snapshot", "正在记录快照"),
    "feeds_written": ("{count} as of {day} in {folder}", "截至{day}的{count}已写入{folder}"),
    "nginx_written": ("nginx configuration written to {file}", "nginx配置已写入{file}"),
    # run daily-check, deploy
    "daily_check": ("daily check of {process} as of {day}: {counts}; {late}; {tasks} ({mode}); "
                    "{alerts} sent",
                    "{process}截至{day}的每日检查：{counts}；{late}；{tasks}（{mode}）；已发送{alerts}"),
    "status_count": ("{count} {status}", "{status}{count}项"),
    "alerts_note": ("alerts: {line}", "提醒：{line}"),
    "alerts_failed": ("{count} not delivered; recorded as failed, sent again on the next run (see "
                      "the flow run's log)",
                      "{count}未能送达；已记为失败，将在下次运行时重新发送（见该流程运行的日志）"),
    "no_prefect_api": ("PREFECT_API_URL is not set: serving against a temporary server that stops "
                       "with this command (see docs/orchestration.md)",
                       "未设置PREFECT_API_URL：使用临时服务器运行，本命令停止时该服务器随之停止"
                       "（见docs/orchestration.md）"),
    "serving": ("serving {name}: '{cron}' in {zone}", "正在运行{name}：按{zone}时区的'{cron}'执行"),
    "serving_stop": ("serving {name}: '{cron}' in {zone}; Ctrl-C stops",
                     "正在运行{name}：按{zone}时区的'{cron}'执行；按Ctrl-C停止"),
    # labels of the lines on standard error
    "error": ("error:", "错误："),
    "warning": ("warning:", "警告："),
    "note": ("note:", "注意："),
}

# Nouns counted by the commands: (English singular, English plural, Chinese measure word + noun).
NOUNS: dict[str, tuple[str, str, str]] = {
    "meeting": ("meeting", "meetings", "次会议"),
    "output": ("output", "outputs", "项成果"),
    "body": ("body", "bodies", "个机构"),
    "amendment file": ("amendment file", "amendment files", "份修正文件"),
    "shipped fact": ("shipped fact", "shipped facts", "项随附事实"),
    "fact": ("fact", "facts", "项事实"),
    "alert": ("alert", "alerts", "条提醒"),
    "late input": ("late input", "late inputs", "项迟到的投入"),
    "task": ("task", "tasks", "个任务"),
    "problem": ("problem", "problems", "个问题"),
    "feed": ("feed", "feeds", "个订阅日历"),
}

# What `run daily-check` counts, by status key of the flow's summary.
STATUS_WORDS: dict[str, tuple[str, str]] = {
    "delivered": ("delivered", "已交付"),
    "overdue": ("overdue", "逾期"),
    "due_soon": ("due soon", "即将到期"),
    "at_risk": ("at risk", "有风险"),
    "blocked": ("blocked", "受阻"),
    "on_track": ("on track", "按计划进行"),
    "cancelled": ("cancelled", "已取消"),
}
TASK_MODES: dict[str, tuple[str, str]] = {
    "per-output": ("per-output", "每项成果一个任务"),
    "per-body": ("per-body", "每个机构一个任务"),
}


def said(key: str, lang: Lang, **values: object) -> str:
    """A sentence of the table in `lang`, placeholders filled (KeyError for an unknown key)."""
    en, zh = PHRASES[key]
    return (zh if lang == "zh" else en).format(**values)


def counted(count: int, noun: str, lang: Lang) -> str:
    """A count and its noun: `1 meeting`, `3 bodies` / `1次会议`, `3个机构` (KeyError for a noun
    not in `NOUNS`)."""
    singular, plural, zh = NOUNS[noun]
    if lang == "zh":
        return f"{number(count, lang)}{zh}"
    return f"{count} {singular if count == 1 else plural}"


def status_count(status: str, count: int, lang: Lang) -> str:
    """`4 overdue` / `逾期4项`; a status key not in the table is shown with spaces."""
    en, zh = STATUS_WORDS.get(status, (status.replace("_", " "), status.replace("_", " ")))
    return said("status_count", lang, count=count, status=zh if lang == "zh" else en)


def task_mode(mode: str, lang: Lang) -> str:
    """How the flow ran its tasks: `per-output` / `每项成果一个任务` (other modes as given)."""
    pair = TASK_MODES.get(mode)
    return mode if pair is None else (pair[1] if lang == "zh" else pair[0])


def labelled(label: str, message: str, lang: Lang) -> str:
    """`error: message` / `错误：message` (label one of error, warning, note)."""
    return f"{said(label, lang)}{'' if lang == 'zh' else ' '}{message}"
