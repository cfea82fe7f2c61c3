"""Error messages and refusals in Chinese: the message of `file:line: field: message` and of
`error: ...` lines, worded from the English the product raises (`core.record`, the config
loader, the commands' own refusals).

The errors are raised in English by the layers that find them (the core holds no language);
the command line shows them in the language of the command (`--lang`) through `translated`. The
table below holds one pattern per message form; ids, keys, options (`--on`), fields, file paths,
dates and values keep their form, as a secretariat officer types them back. A message made of
parts joined by `; ` is worded part by part; a part no pattern knows is shown as it was raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from mandates.words.dates import Lang, day_text

_ID = r"'(?P<{}>[^']*)'"
_REST = "rest"


def _id(name: str) -> str:
    return _ID.format(name)


# (English pattern, matched whole; Chinese template). `{rest}`, `{first}` and `{second}` are worded
# again (a message inside a message); other groups are placed as they are.
TABLE: list[tuple[str, str]] = [
    # framing
    (r"(?P<rest>.+); nothing was recorded", "{rest}；未登记任何内容"),
    (r"(?P<n>\d+) problems? in the process configuration; nothing was done",
     "进程配置中有{n}个问题；未执行任何操作"),
    (r"(?P<n>\d+) problems? in the settings; nothing was done", "设置中有{n}个问题；未执行任何操作"),
    (r"(?P<n>\d+) problems? in (?P<file>\S+)", "{file}中有{n}个问题"),
    (r"\.\.\. and (?P<n>\d+) more problems?, not shown", "……另有{n}个问题未显示"),
    (r"(?P<rest>.+) \(did you mean (?P<near>[^()]+)\?\)", "{rest}（是否是指{near}？）"),
    # hints
    (r"did you mean (?P<near>.+)\?", "是否是指{near}？"),
    (r"valid (?:ids|keys): (?P<ids>.+)", "有效值：{ids}"),
    (r"see `mandates history` for the keys", "标识见`mandates history`"),
    (r"(?P<n>\d+) are defined", "共定义了{n}个"),
    # unknown ids
    (r"unknown id " + _id("id"), "未知的编号{id}"),
    (r"unknown meeting " + _id("id"), "未知的会议{id}"),
    (r"unknown output " + _id("id"), "未知的成果{id}"),
    (r"unknown meeting or output " + _id("id"), "未知的会议或成果{id}"),
    (r"unknown body " + _id("id"), "未知的机构{id}"),
    (r"unknown key " + _id("id"), "未知的键{id}"),
    (_id("id") + r" is an output, not a meeting", "{id}是成果，不是会议"),
    (r"(?P<opt>--[a-z-]+) " + _id("id") + r" is an? (?P<kind>output|meeting|body), not an? "
     r"(?P<wanted>meeting|body|output)", "{opt} {id}是{kind}，不是{wanted}"),
    (r"no such (?P<kind>meeting|body|output) " + _id("id"), "没有{kind}{id}"),
    (r"unknown status " + _id("id"), "未知的状态{id}"),
    (_id("id") + r" is a meeting, not an output", "{id}是会议，不是成果"),
    (_id("value") + r" is not valid", "{value}无效"),
    (r"valid choices: (?P<ids>.+)", "有效值：{ids}"),
    (r"(?P<opt>--[a-z-]+) " + _id("id") + r": no such meeting", "{opt} {id}：没有这个会议"),
    (r"(?P<opt>--[a-z-]+) " + _id("id") + r": no such meeting \((?P<n>\d+) are defined\)",
     "{opt} {id}：没有这个会议（共定义了{n}个）"),
    (r"(?P<opt>--[a-z-]+) " + _id("id") + r": no such body", "{opt} {id}：没有这个机构"),
    (r"(?P<opt>--[a-z-]+) " + _id("id") + r": no such body \((?P<n>\d+) are defined\)",
     "{opt} {id}：没有这个机构（共定义了{n}个）"),
    (r"KEY: no fact has the key " + _id("key"), "KEY：没有标识为{key}的事实"),
    (r"no fact with key " + _id("key"), "没有标识为{key}的事实"),
    (r"no fact has the key " + _id("key"), "没有标识为{key}的事实"),
    (r"a fact with key " + _id("key") + " is already recorded", "标识为{key}的事实已经登记"),
    # dates
    (_id("value") + r" is not a date in the form YYYY-MM-DD", "{value}不是YYYY-MM-DD格式的日期"),
    (_id("value") + r" is not a real date \((?P<why>.*)\)", "{value}不是实际存在的日期"),
    (r"(?P<day>\S+) is outside the years (?P<first>\d+)\.\.(?P<last>\d+)",
     "{day}不在{first}年至{last}年之内"),
    (r"(?P<day>\S+) is outside the dates of this process, (?P<span>\S+) \((?P<before>\d+) years "
     r"before to (?P<after>\d+) years after (?P<anchor>\S+), the first date of its founding file\)",
     "{day}超出本进程的日期范围{span}（其创始文件的第一个日期{anchor}之前{before}年至之后{after}年）"),
    (r"(?P<day>\d{4}-\d{2}-\d{2}) is outside (?P<first>\S+)\.\.(?P<last>\S+)",
     "{day}不在{first}至{last}之内"),
    (r"unknown language " + _id("value") + r": en or zh", "未知的语言{value}：应为en或zh"),
    (r"--closes (?P<closes>\S+) is before --opens (?P<opens>\S+)", "--closes {closes}早于--opens {opens}"),
    (r"new dates need both --opens and --closes", "新日期须同时给出--opens和--closes"),
    (r"--opens and --closes go together", "--opens和--closes须同时给出"),
    (_id("value") + r" is not a month in the form YYYY-MM", "{value}不是YYYY-MM格式的月份"),
    (_id("value") + r" is not a real month \(month (?P<n>-?\d+)\)", "{value}不是实际存在的月份（没有{n}月）"),
    (r"give YYYY-MM\.\.YYYY-MM or one month, YYYY-MM", "请给出YYYY-MM..YYYY-MM或单个月份YYYY-MM"),
    (_id("value") + r" is not a quarter in the form YYYY-Qn, such as 2021-Q1",
     "{value}不是YYYY-Qn格式的季度（如2021-Q1）"),
    (r"give the new dates: --opens and --closes, --window or --quarter",
     "请给出新日期：--opens和--closes、--window或--quarter"),
    (r"give the new dates \(--opens and --closes, --window or --quarter\), or a new --venue or "
     r"--mode", "请给出新日期（--opens和--closes、--window或--quarter），或新的--venue或--mode"),
    (r"give only one of --opens/--closes, --window, --quarter \(given: (?P<ids>.+)\)",
     "--opens/--closes、--window、--quarter只能给出其中一项（已给出{ids}）"),
    (r"(?P<opts>--\S+(?: and --\S+)*): give one of --opens/--closes, --window, --quarter",
     "{opts}：--opens/--closes、--window、--quarter只能给出其中一项"),
    (_id("value") + r" ends before it starts", "{value}的结束早于开始"),
    (r"a rescheduling needs new dates: --opens and --closes, --window or --quarter",
     "改期须给出新日期：--opens和--closes、--window或--quarter"),
    (r"--part: parts count from 1, not (?P<n>-?\d+)", "--part：阶段从1开始编号，不能是{n}"),
    # what a fact needs
    (r"a waiver needs --reason", "免除须给出--reason"),
    (r"a note needs its text", "说明须有内容"),
    (r"--reason: say why the fact is withdrawn", "--reason：请说明撤回该事实的原因"),
    (r"a withdrawal needs --reason: why the fact was wrong", "撤回须给出--reason：该事实错在何处"),
    (r"a withdrawal names the fact it withdraws \(its key\)", "撤回须指明所撤回的事实（其标识）"),
    (_id("key") + r" is a withdrawal: a withdrawal is not withdrawn; record the withdrawn fact "
     r"again instead", "{key}是一项撤回：撤回本身不能撤回；请重新登记被撤回的事实"),
    (_id("key") + r" is already withdrawn or corrected by " + _id("by"), "{key}已由{by}撤回或更正"),
    (r"withdrawn on (?P<on>\S+), before " + _id("key") + r" took effect on (?P<from>\S+)",
     "撤回日期{on}早于{key}生效的日期{from}"),
    (r"--corrects: " + _id("key") + r" is not a delivery of " + _id("id") + r"; its deliveries: "
     r"(?P<keys>.+)", "--corrects：{key}不是{id}的交付；其交付：{keys}"),
    (r"--corrects: " + _id("key") + r" is already withdrawn or corrected",
     "--corrects：{key}已被撤回或更正"),
    (r"(?P<id>\S+) was already (?:delivered|received) on (?P<on>\S+) \(fact (?P<key>[^)]*)\); to "
     r"correct it, name it with --corrects (?P<again>\S+)",
     "{id}已于{on}登记交付（事实{key}）；如需更正，请以--corrects {again}指明"),
    # meetings
    (r"(?P<id>\S+) was retired by (?P<by>\S+): it takes no more facts",
     "{id}已由{by}撤销：不再接受新的事实"),
    (r"(?P<id>\S+) was cancelled on (?P<on>\S+): a cancelled meeting takes no further facts "
     r"\(withdraw the cancellation first\)",
     "{id}已于{on}取消：已取消的会议不再接受新的事实（请先撤回取消）"),
    (r"(?P<id>\S+) was recorded held on (?P<on>\S+): its dates can no longer change",
     "{id}已登记于{on}举行：其日期不能再更改"),
    (r"part (?P<n>\d+) of (?P<id>\S+) was recorded held on (?P<on>\S+): its dates can no longer "
     r"change", "{id}第{n}阶段已登记于{on}举行：其日期不能再更改"),
    (r"nothing to change: give a new --venue, --timezone or --mode(?P<dates> \(or new dates\))?",
     "没有需要更改的内容：请给出新的--venue、--timezone或--mode（或新日期）"),
    (r"a split or a part needs --part N", "拆分或分阶段须给出--part N"),
    (r"(?P<id>\S+) is held in parts \((?P<parts>[^)]*)\): say which with --part N",
     "{id}分阶段举行（{parts}）：请以--part N指明哪一阶段"),
    (r"(?P<id>\S+) has no part (?P<n>\S+) \(yet\): record it first with split or part",
     "{id}（尚）无第{n}阶段：请先以split或part登记"),
    (r"part (?P<n>\d+) of (?P<id>\S+) comes before part (?P<m>\d+) is known",
     "{id}第{n}阶段早于已知的第{m}阶段"),
    (r"a part is not cancelled: withdraw the fact that added it", "阶段不能取消：请撤回增加该阶段的事实"),
    (r"(?P<id>\S+) cannot be held on (?P<on>\S+), before it opens on (?P<opens>\S+): reschedule "
     r"it first", "{id}不能在开幕日{opens}之前的{on}举行：请先改期"),
    (r"(?P<id>\S+) is part (?P<n>\d+), not --part (?P<m>\d+)", "{id}是第{n}阶段，不是--part {m}"),
    (r"--timezone: unknown time zone " + _id("zone"), "--timezone：未知的时区{zone}"),
    (r"--timezone: the time zone of " + _id("venue") + r" is not known; give it with --timezone "
     r"\(an IANA zone such as Europe/Rome\)",
     "--timezone：{venue}的时区未知；请以--timezone给出（IANA时区，如Europe/Rome）"),
    (r"--venue-zh is the Chinese form of a venue written in English; with --written-in zh, --venue "
     r"is already Chinese", "--venue-zh是以英文书写的地点的中文名称；使用--written-in zh时，--venue已是中文"),
    # adding to the plan
    (r"give exactly one of --due-before \(with --weeks or --days\), --due-at, --due-on",
     "--due-before（连同--weeks或--days）、--due-at、--due-on须给出且只能给出其中一项"),
    (r"--due-before needs --weeks or --days \(0 for the opening day\)",
     "--due-before须连同--weeks或--days（0表示开幕当天）"),
    (r"--weeks and --days go with --due-before", "--weeks和--days须与--due-before同用"),
    (r"--tbd: a meeting to be determined has no dates", "--tbd：日期待定的会议没有日期"),
    # files and settings
    (r"no such file", "没有这个文件"),
    (r"cannot be read as UTF-8 text \((?P<why>.*)\)", "无法作为UTF-8文本读取（{why}）"),
    (r"malformed YAML: (?P<why>.*)", "YAML格式有误：{why}"),
    (r"the file is empty", "文件为空"),
    (r"is required", "为必填项"),
    (r"is required \((?P<what>.*)\)", "为必填项（{what}）"),
    (r"expected a single value", "应为单个值"),
    (r"expected a list", "应为列表"),
    (r"expected an id", "应为编号"),
    (r"expected an id or a list of ids", "应为编号或编号列表"),
    (r"expected a mapping with keys (?P<keys>.+)", "应为含有以下键的映射：{keys}"),
    (r"key " + _id("key") + r" is given twice", "键{key}出现了两次"),
    (r"duplicate body id " + _id("id"), "机构编号{id}重复"),
    (r"duplicate id " + _id("id") + r" \(already used by (?P<kind>\w+) at (?P<where>.*?)line "
     r"(?P<n>\d+)\)", "编号{id}重复（已由{where}第{n}行的{kind}使用）"),
    (r"duplicate id " + _id("id") + r" \(already used by (?P<by>[^)]*)\)", "编号{id}重复（已由{by}使用）"),
    (r"expected a date YYYY-MM-DD", "应为YYYY-MM-DD格式的日期"),
    (r"expected a list of dates YYYY-MM-DD", "应为YYYY-MM-DD格式日期的列表"),
    (r"expected a list of (?P<what>facts|names|cities)", "应为{what}的列表"),
    (r"give a quarter, or from and to, not both", "请给出季度，或from和to，不能同时给出"),
    (r"give en, zh or both", "请给出en、zh或两者"),
    (r"give months or weeks \(one of them\)", "请给出months或weeks（其中一项）"),
    (r"give opens and closes, or a window, not both", "请给出opens和closes，或window，不能同时给出"),
    (r"give the time zone", "请给出时区"),
    (r"unknown id", "未知的编号"),
    (r"unknown time zone " + _id("zone") + r"(?P<rest>.*)", "未知的时区{zone}{rest}"),
    (r"unknown due rule " + _id("rule"), "未知的截止规则{rule}"),
    (r"cannot be read \((?P<why>.*)\)", "无法读取（{why}）"),
    (r"opens and closes go together", "opens和closes须同时给出"),
    (r"give only one of opens/closes, window, or tbd: true",
     "opens/closes、window或tbd: true只能给出其中一项"),
    (r"give exactly one of on, before, at, every", "on、before、at、every须给出且只能给出其中一项"),
    (r"before needs weeks or days \(0 for the opening day\)",
     "before须连同weeks或days（0表示开幕当天）"),
    (r"an output cannot be its own input", "成果不能是其自身的投入"),
    (r"dependency cycle: (?P<cycle>.+)", "循环依赖：{cycle}"),
    (r"points at meeting " + _id("id") + r", which has no dates", "指向尚无日期的会议{id}"),
    (r"is empty", "为空"),
    (r"Input should be 'en' or 'zh'(?P<given> \(given '[^']*'\))?", "应为'en'或'zh'{given}"),
    # the settings (pydantic's messages)
    (r"Field required", "为必填项"),
    (r"Extra inputs are not permitted", "不允许的键"),
    (r"Input should be a valid integer(?:, unable to parse string as an integer)?", "应为整数"),
    (r"Input should be a valid number(?:, unable to parse string as a number)?", "应为数字"),
    (r"Input should be a valid boolean(?:, unable to interpret input)?(?P<given> \(given '[^']*'\))?",
     "应为布尔值{given}"),
    (r"Input should be a valid list", "应为列表"),
    (r"Input should be a valid dictionary", "应为映射"),
    (r"Input should be a valid string", "应为文本"),
    (r"Input should be greater than or equal to (?P<n>-?[\d.]+)", "应大于或等于{n}"),
    (r"Input should be greater than (?P<n>-?[\d.]+)", "应大于{n}"),
    (r"Input should be less than or equal to (?P<n>-?[\d.]+)", "应小于或等于{n}"),
    (r"Input should be less than (?P<n>-?[\d.]+)", "应小于{n}"),
    # the settings (our own validators)
    (r"expected a cron of five fields \(minute hour day month weekday\), not (?P<value>'.*')",
     "应为五个字段的定时表达式（分 时 日 月 星期），而不是{value}"),
    (r"expected an http:// or https:// URL, not (?P<value>'.*')", "应为http://或https://网址，而不是{value}"),
    (r"expected a mail address \(name@example\.org\), not (?P<value>'.*')",
     "应为邮件地址（name@example.org），而不是{value}"),
    (r"expected an apprise URL \(e\.g\. mailtos://\.\.\.\), not (?P<value>'.*')",
     "应为apprise网址（如mailtos://...），而不是{value}"),
    (r"no group " + _id("value") + r" on this machine", "本机没有{value}组"),
    (r"days before must be 0 or more", "提前天数须为0或以上"),
    (r"valid: (?P<ids>.+)", "有效值：{ids}"),
    (r"(?P<path>\S+): cannot read settings: (?P<why>.*)", "{path}：无法读取设置：{why}"),
    (r"(?P<where>\S+): malformed YAML: (?P<why>.*)", "{where}: YAML格式有误：{why}"),
    (r"(?P<where>\S+:1): settings must be a mapping of keys", "{where}: 设置应为键的映射"),
    (r"--format xlsx writes a binary file: give it with -o PATH\.xlsx",
     "--format xlsx写出的是二进制文件：请以-o PATH.xlsx给出"),
    (r"a briefing is written as md, html or pdf, not (?P<value>'[^']*')",
     "简报只能写为md、html或pdf，不能是{value}"),
    (r"name the file \.md, \.html or \.pdf", "请将文件命名为.md、.html或.pdf"),
    (r"the extension (?P<value>'[^']*') does not match --format (?P<fmt>\w+)",
     "扩展名{value}与--format {fmt}不符"),
    (r"name the file \.(?P<fmt>\w+) or give --format (?P<other>\w+)",
     "请将文件命名为.{fmt}，或给出--format {other}"),
    (r"cannot open the database: (?P<rest>.*)", "无法打开数据库：{rest}"),
    (r"cannot open the database (?P<file>\S+): (?P<rest>.*)", "无法打开数据库{file}：{rest}"),
    (r"the folder (?P<folder>\S+) does not exist", "文件夹{folder}不存在"),
    (r"(?P<file>\S+) is a folder", "{file}是文件夹"),
    (r"no permission to write (?P<file>\S+)", "没有写入{file}的权限"),
    (r"unable to open database file", "无法打开数据库文件"),
    (r"(?P<scheme>'[^']*') databases are not supported; use SQLite \(sqlite:///PATH\) or "
     r"PostgreSQL \(postgresql://USER@HOST/NAME\)",
     "不支持{scheme}数据库；请使用SQLite（sqlite:///PATH）或PostgreSQL（postgresql://USER@HOST/NAME）"),
    (r"cannot record in the database: (?P<why>.*)", "无法写入数据库：{why}"),
    # the briefing (`briefing.run`): the browser, the Chinese font, the chart
    (r"headless Chromium is needed for this and was not found", "需要无头Chromium浏览器，但未找到"),
    (r"install the Debian package `(?P<pkg>[^`]+)` \(apt-get install (?P<cmd>[^)]+)\) or set "
     r"(?P<var>\S+) to the browser's path", "请安装Debian软件包`{pkg}`（apt-get install {cmd}），"
     "或将{var}设为浏览器的路径"),
    (r"install the Debian package `(?P<pkg>[^`]+)` \(apt-get install (?P<cmd>[^)]+)\)",
     "请安装Debian软件包`{pkg}`（apt-get install {cmd}）"),
    (r"install the Debian packages `(?P<pkg>[^`]+)` and `(?P<other>[^`]+)` \(apt-get install "
     r"(?P<cmd>[^)]+)\)", "请安装Debian软件包`{pkg}`和`{other}`（apt-get install {cmd}）"),
    (r"no Chinese font is installed, so Chinese would print as empty boxes",
     "未安装中文字体，中文将显示为空白方框"),
    (r"cannot check for a Chinese font: fc-list was not found", "无法检查中文字体：未找到fc-list"),
    (r"fc-list did not answer within (?P<n>\d+) s", "fc-list未在{n}秒内应答"),
    (r"fc-list failed \((?P<code>-?\d+)\): (?P<why>.*)", "fc-list运行失败（{code}）：{why}"),
    (r"the chart was written as SVG instead of PNG", "图表已改为以SVG而非PNG写出"),
    (r"the chart could not be drawn as PNG: (?P<why>.*)", "无法将图表绘制为PNG：{why}"),
    (r"the chart has no viewBox", "图表缺少viewBox"),
    (r"Chromium did not finish within (?P<n>\d+) s", "Chromium未在{n}秒内完成"),
    (r"Chromium failed \((?P<code>-?\d+)\): (?P<why>.*)", "Chromium运行失败（{code}）：{why}"),
    (r"Chromium wrote no PDF", "Chromium未写出PDF"),
    (r"use a date \(YYYY-MM-DD\), last or none", "请给出日期（YYYY-MM-DD）、last或none"),
    (r"--since (?P<since>\S+) must be before --as-of (?P<asof>\S+)", "--since {since}须早于--as-of {asof}"),
    # a prefix that stays: an option or field, or a file:line: field
    (r"(?P<where>\S+:\d+: \S+): (?P<rest>.+)", "{where}: {rest}"),  # file:line: field: as it is
    (r"(?P<where>--[a-z-]+|KEY|FILE|as_of|-o \S+): (?P<rest>.+)", "{where}：{rest}"),
]
_WORDED = {"rest", "first", "second"}
_LISTS = {"near", "ids", "keys", "parts"}  # `a, b` -> `a、b`
_NAMES = {"kind": {"output": "成果", "meeting": "会议", "body": "机构"},
          "wanted": {"output": "成果", "meeting": "会议", "body": "机构"},
          "what": {"facts": "事实", "names": "名称", "cities": "城市"}}
_DAYS = {"on", "opens", "closes", "from", "day", "anchor"}  # 2020-01-06 -> 2020年1月6日
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPILED: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.DOTALL), zh) for p, zh in TABLE]


def _word(message: str) -> str | None:
    """The Chinese of one whole message, or None when no pattern matches it."""
    for pattern, template in _COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            return template.format(**{name: _value(name, value or "")
                                      for name, value in found.groupdict().items()})
    return None


def _value(name: str, value: str) -> str:
    """A matched part as the Chinese places it: worded again, a list joined with `、`, a day
    as `2020年1月6日`, else as it is."""
    if name in _WORDED:
        return translated(value, "zh")
    if name in _LISTS:
        return value.replace(", ", "、")
    if name in _NAMES:
        return _NAMES[name].get(value, value)
    day = _ISO.fullmatch(value) if name in _DAYS else None
    if day is not None:
        try:
            return day_text(date(*map(int, day.groups())), "zh")
        except ValueError:
            return value
    return value


def translated(message: str, lang: Lang) -> str:
    """`message` (an error or refusal as raised, in English) in `lang`: as it is in English; in
    Chinese worded whole, else part by part (parts joined by `; `), a part no pattern knows left
    as raised."""
    if lang != "zh" or not message:
        return message
    whole = _word(message)
    if whole is not None:
        return whole
    parts = message.split("; ")
    if len(parts) == 1:
        return message
    return "；".join(_word(part) or part for part in parts)


def translator(lang: Lang) -> Callable[[str], str]:
    """`translated` with its language fixed."""
    return lambda message: translated(message, lang)
