"""A `Reason` of the evaluation as a sentence, in English or Chinese (DESIGN: words render codes).

One template per code and language (`TEMPLATES`, compiled once into literal text and getters),
with `{name}` fields filled from the reason's values: dates in the forms of `words.dates` (with
the weekday), counts of days, titles of outputs and meetings from the plan's bilingual titles,
and user text (a waiver's reason, a venue given by command) as written, marked untranslated in
the other language (`words.usertext`). The English is the sentence the evaluation wrote
before it spoke in codes, word for word (tests and the README pin it); the Chinese is written,
not translated word by word: full-width punctuation, `至` in ranges, dates as
`2020年1月13日（星期一）`.

Only what is shown is rendered: a check of 100,000 outputs pays for the sentences it prints.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from string import Formatter
from typing import Any

from pendulum import Date

from mandates.core.plan import Plan, Title, split_ref
from mandates.core.reasons import VALUES, MeetingWhen, Reason, ReasonCode
from mandates.words import dates
from mandates.words.dates import LANGS, Lang
from mandates.words.en import days as en_days
from mandates.words.en import lower_first
from mandates.words.usertext import shown

# code -> (English, Chinese). Fields: see `_FIELDS`; a reason's values are in core/reasons.py.
_TAIL = ("{days} after {consumer} {consumer_is} due on {deadline}",
         "比{consumer}的截止日期{deadline}晚{days}")
TEMPLATES: dict[ReasonCode, tuple[str, str]] = {
    ReasonCode.DUE: ("due {due}", "截止日期为{due}"),
    ReasonCode.DUE_SOON: ("due in {days}, {due}{at_risk}", "{days}后到期，即{due}{at_risk}"),
    ReasonCode.DUE_TODAY: ("due today, {due}{at_risk}", "今天到期，即{due}{at_risk}"),
    ReasonCode.OVERDUE: ("was due on {due}; {days} overdue", "原定{due}交付；已逾期{days}"),
    ReasonCode.BLOCKED: ("due {due}; waiting for overdue input{plural}: {inputs}",
                         "截止日期为{due}；正在等待逾期的投入：{inputs}"),
    ReasonCode.INPUTS_AT_RISK: ("due {due}; inputs that will arrive after the deadline or have "
                                "no date: {count}",
                                "截止日期为{due}；{count}项投入将晚于截止日期送达或尚无日期"),
    ReasonCode.LATE_FOR_OUTPUT: ("due {due}, {days} after {output} {output_is} due",
                                 "截止日期为{due}，比{output}的截止日期晚{days}"),
    ReasonCode.LATE_FOR_MEETING: ("due {due}, {days} after {meeting} opens",
                                  "截止日期为{due}，比{meeting}的开幕日期晚{days}"),
    ReasonCode.NO_DATE_NEEDED: ("no date: the meeting it hangs on is not scheduled",
                                "尚无日期：其所依赖的会议尚未安排日期"),
    ReasonCode.NO_DATE: ("no date set yet", "尚未确定日期"),
    ReasonCode.DELIVERED: ("delivered on {on}", "已于{on}交付"),
    ReasonCode.DELIVERED_ON_TIME: ("delivered on {on}, on time", "已于{on}按时交付"),
    ReasonCode.DELIVERED_LATE: ("delivered on {on}, {days} late", "已于{on}交付，迟交{days}"),
    ReasonCode.PRESUMED_DELIVERED: ("presumed delivered on {on}{timing}", "推定已于{on}{timing}"),
    ReasonCode.WAIVED: ("waived on {on}: {text}", "已于{on}免除：{text}"),
    ReasonCode.CANCELLED: ("cancelled on {on}", "已于{on}取消"),
    ReasonCode.MEETING_CANCELLED: ("{meeting_title} was cancelled", "{meeting_title}已取消"),
    ReasonCode.INPUT_CANCELLED: ("{output}: {cause}", "{output}：{cause}"),
    ReasonCode.ARRIVED_AFTER_DEADLINE: ("{output} arrived on {on}, " + _TAIL[0],
                                        "{output}于{on}送达，" + _TAIL[1]),
    ReasonCode.PRESUMED_AFTER_DEADLINE: ("{output} is presumed delivered on {on} (its meeting "
                                         "presumed held, nothing recorded), " + _TAIL[0],
                                         "{output}推定于{on}交付（其会议推定已举行，无记录），"
                                         + _TAIL[1]),
    ReasonCode.UNSCHEDULED_MEETING: ("{meeting} has no date, so {output} cannot be planned",
                                     "{meeting}尚无日期，因此无法安排{output}"),
    ReasonCode.UNSCHEDULED: ("{output} has no date, so {output} cannot be planned",
                             "{output}尚无日期，因此无法安排"),
    ReasonCode.INPUT_LATE: ("{output} {output_was} due on {due} and {output_is} {days} overdue",
                            "{output}原定{due}交付，已逾期{days}"),
    ReasonCode.AFTER_WINDOW_CLOSE: ("{meeting} may close as late as {latest}, " + _TAIL[0],
                                    "{meeting}最晚可能于{latest}闭幕，" + _TAIL[1]),
    ReasonCode.AFTER_WINDOW_LAG: ("{meeting}: {output} may come as late as {latest}, " + _TAIL[0],
                                  "{meeting}：{output}最晚可能于{latest}送达，" + _TAIL[1]),
    ReasonCode.AFTER_MEETING_CLOSE: ("{meeting} closes " + _TAIL[0], "{meeting}的闭幕日期" + _TAIL[1]),
    ReasonCode.AFTER_MEETING_LAG: ("{meeting}: {output} expected {latest}, " + _TAIL[0],
                                   "{meeting}：{output}预计于{latest}送达，" + _TAIL[1]),
    ReasonCode.AFTER_DUE: ("{output} is due on {latest}, " + _TAIL[0],
                           "{output}的截止日期为{latest}，" + _TAIL[1]),
    ReasonCode.TENTATIVE_MEETING: ("{meeting}: dates not confirmed; expected by {latest}",
                                   "{meeting}：日期尚未确认；预计不晚于{latest}"),
    ReasonCode.TENTATIVE: ("{output}: dates not confirmed; expected by {latest}",
                           "{output}：日期尚未确认；预计不晚于{latest}"),
    ReasonCode.RETIRED: ("retired by {amendment}", "已由{amendment}撤销"),
    ReasonCode.SET_TOO_LATE: ("set too late: due {due}, {days} before it was announced on "
                              "{announced}; {since_set}",
                              "设定过晚：截止日期{due}比其公布日期{announced}早{days}；{since_set}"),
    ReasonCode.PRESUMED_HELD: ("{output} presumed available on {on}: {meeting} is presumed held",
                               "推定{output}已于{on}可用：推定{meeting}已举行"),
    ReasonCode.MEETING_UNCONFIRMED: ("{meeting} was never confirmed and its possible dates have "
                                     "passed: not presumed held",
                                     "{meeting}始终未经确认，其可能的日期已过：不推定已举行"),
    ReasonCode.INPUT_UNCONFIRMED: ("{meeting} was never confirmed and its possible dates have "
                                   "passed, so {output} is not presumed available",
                                   "{meeting}始终未经确认，其可能的日期已过，因此不推定{output}已可用"),
    ReasonCode.NO_DATE_LATEST: ("no date yet; needed by {latest} at the latest",
                                "尚无日期；最迟须于{latest}完成"),
    ReasonCode.LATE_FOR_LATEST: ("due {due}, {days} after {latest}, the latest {meeting} can open "
                                 "and still make the last meeting",
                                 "截止日期为{due}，比{meeting}为赶上最后一次会议所能开幕的最晚日期"
                                 "{latest}晚{days}"),
    ReasonCode.FACT_SET_ASIDE: ("fact {key} about {subject} is set aside: its date {on} is outside "
                                "the dates of this process, {first} to {last}; withdraw it and "
                                "record it again with the right date",
                                "关于{subject}的事实{key}未予采用：其日期{on}超出本进程的日期范围"
                                "（{first}至{last}）；请撤回该事实，并以正确日期重新记录"),
    ReasonCode.FACT_UNREADABLE: ("fact {key} about {subject} is set aside: its {column} "
                                 "'{value}' cannot be read; withdraw it and record it again",
                                 "关于{subject}的事实{key}未予采用：其{column}“{value}”无法读取；"
                                 "请撤回该事实，并重新记录"),
}


def reason_text(reason: Reason, plan: Plan, lang: Lang) -> str:
    """The reason as one sentence in `lang` (`en` or `zh`), titles from `plan`; to render many
    reasons, use one `ReasonWords`."""
    return ReasonWords(plan).text(reason, lang)


def reason_texts(reason: Reason, plan: Plan) -> dict[str, str]:
    """The reason in every language: `{"en": ..., "zh": ...}` (the check's JSON `reason_text`)."""
    return ReasonWords(plan).texts(reason)


class ReasonWords:
    """Reasons of one plan in words, for one pass over an evaluation (a document, a page, a
    feed): titles and meeting phrases are worked out once each, as many reasons name the same
    outputs and meetings."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._outputs: dict[tuple[str, Lang], tuple[str, str]] = {}
        self._meetings: dict[tuple[str, Lang, bool], str] = {}
        self._phrases: dict[tuple[int, Lang], tuple[MeetingWhen, str]] = {}

    def text(self, reason: Reason, lang: Lang) -> str:
        """The reason in `lang` (see `reason_text`)."""
        values = reason.values
        return "".join([piece if isinstance(piece, str) else piece(values, self)
                        for piece in _COMPILED[lang][reason.code]])

    def texts(self, reason: Reason) -> dict[str, str]:
        """The reason in every language: `{"en": ..., "zh": ...}`."""
        return {lang: self.text(reason, lang) for lang in LANGS}

    def output(self, output_id: str, lang: Lang) -> tuple[str, str]:
        """An output's name in a sentence, and (English) `is`/`are` after it."""
        key = (output_id, lang)
        found = self._outputs.get(key)
        if found is None:
            name = output_name(self.plan, output_id, lang)
            found = self._outputs[key] = (name, is_are(name) if lang == "en" else "")
        return found

    def meeting(self, meeting_id: str, lang: Lang, lower: bool = True) -> str:
        """A meeting's name in a sentence (see `meeting_name`)."""
        key = (meeting_id, lang, lower)
        found = self._meetings.get(key)
        if found is None:
            found = self._meetings[key] = meeting_name(self.plan, meeting_id, lang, lower)
        return found

    def phrase(self, when: MeetingWhen, lang: Lang) -> str:
        """A meeting with its venue and days (see `meeting_phrase`). An evaluation makes one
        MeetingWhen per meeting, so it is remembered by identity; the cache keeps the object, so
        its id cannot pass to another one."""
        key = (id(when), lang)
        found = self._phrases.get(key)
        if found is None or found[0] is not when:
            found = self._phrases[key] = (when, _phrase(self, when, lang))
        return found[1]


# ----------------------------------------------------------------------------- values in words


@lru_cache(maxsize=8192)
def long_date(day: Date, lang: Lang) -> str:
    """`Monday 13 January 2020` / `2020年1月13日（星期一）`."""
    return dates.weekday_text(day, lang)


def days_text(count: int, lang: Lang) -> str:
    """`1 day`, `40 days` (as the evaluation always wrote them) / `1天`, `40天`."""
    return dates.days_text(count, lang) if lang == "zh" else en_days(count)


def is_are(name: str) -> str:
    """`are` after a plural title ("the WG2020-2 documents"), else `is`."""
    head = name.split(" (")[0]
    for joint in (" of ", " for ", " on ", " to ", " from ", " by "):
        head = head.split(joint)[0]
    last = head.rstrip().split(" ")[-1].lower()
    singular = last.endswith(("ss", "sis", "us", "ics"))
    return "are" if last.endswith("s") and not singular else "is"


def output_name(plan: Plan, output_id: str, lang: Lang) -> str:
    """An output inside a sentence: its short title (else title), lowercased first in English."""
    output = plan.outputs.get(output_id)
    if output is None:
        return output_id
    return output.name.get(lang) if lang == "zh" else lower_first(output.name.en)


def meeting_name(plan: Plan, meeting_id: str, lang: Lang, lower: bool = True) -> str:
    """A meeting inside a sentence: its short title (else title); a part of a meeting
    (`cop-15-part-2`) as the meeting's name and the part: `COP-15, part 2` / `COP-15第二阶段会议`."""
    meeting = plan.meetings.get(meeting_id)
    if meeting is None:
        base, number = split_ref(meeting_id, plan.meetings)
        if number is None:
            return meeting_id
        name = meeting_name(plan, base, lang, lower)
        return f"{name}第{_zh_number(number)}阶段会议" if lang == "zh" else f"{name}, part {number}"
    if lang == "zh":
        return meeting.name.get(lang)
    return lower_first(meeting.name.en) if lower else meeting.name.en


def _zh_number(number: int) -> str:
    """1..99 in Chinese numerals (一, 十二, 二十), else the digits."""
    digits = "零一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return digits[units]
    return f"{'' if tens == 1 else digits[tens]}十{digits[units] if units else ''}"


def amendment_name(plan: Plan, amendment_id: str) -> str:
    """An amendment by its document symbol (`CBD/WG2020/REC/2/1`), else its id."""
    for amendment in plan.amendments:
        if amendment.id == amendment_id:
            return amendment.symbol or amendment_id
    return amendment_id


def meeting_phrase(plan: Plan, when: MeetingWhen, lang: Lang) -> str:
    """`the review consultation (Kunming, China, 21–22 February 2020, to be confirmed)` /
    `审查磋商（中国昆明，2020年2月21日至22日，待确认）`."""
    return ReasonWords(plan).phrase(when, lang)


def _phrase(words: ReasonWords, when: MeetingWhen, lang: Lang) -> str:
    title = words.meeting(when.meeting, lang)
    zh = lang == "zh"
    if when.postponed and (when.opens is None or when.closes is None):
        return f"{title}（已推迟，新日期尚未确定）" if zh else f"{title} (postponed, new dates not yet known)"
    if when.opens is None or when.closes is None:
        return f"{title}（日期待定）" if zh else f"{title} (dates to be determined)"
    parts = [shown(when.venue, lang)] if when.venue is not None else []  # typed: marked
    if when.window:
        parts.append(dates.window_text(when.opens, when.closes, lang))
    else:
        parts.append(dates.span_text(when.opens, when.closes, lang))
    if when.postponed:  # postponed to a time it is now expected in
        parts.insert(0, "已推迟" if zh else "postponed")
    if when.tentative:
        parts.append("待确认" if zh else "to be confirmed")
    return f"{title}（{'，'.join(parts)}）" if zh else f"{title} ({', '.join(parts)})"


# A template compiled for one code and language: its literal text, and for each field a getter
# that writes it from the reason's values (a tuple, in the order VALUES[code] names them). Built
# once at import, so that rendering is a join: a check of 100,000 outputs renders 230,000 reasons.
Values = tuple[Any, ...]
Getter = Callable[[Values, ReasonWords], str]
Piece = str | Getter
FieldMaker = Callable[[tuple[str, ...], Lang], Getter]


def _date(key: str) -> FieldMaker:
    def make(names: tuple[str, ...], lang: Lang) -> Getter:
        at = names.index(key)
        return lambda values, words: long_date(values[at], lang)
    return make


def _output(key: str, part: int) -> FieldMaker:
    """The name of the output under `key` (part 0), or `is`/`are` after it (part 1)."""
    def make(names: tuple[str, ...], lang: Lang) -> Getter:
        at = names.index(key)
        return lambda values, words: words.output(values[at], lang)[part]
    return make


def _was(key: str) -> FieldMaker:
    """`was`, or `were` after a plural title ("the WG2020-2 documents were due")."""
    def make(names: tuple[str, ...], lang: Lang) -> Getter:
        at = names.index(key)
        return lambda values, words: "were" if words.output(values[at], lang)[1] == "are" else "was"
    return make


def _days(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("days")
    return lambda values, words: days_text(values[at], lang)


def _since_set(names: tuple[str, ...], lang: Lang) -> Getter:
    """Days late counted from the day a deadline was set too late (`late`): `late from that
    day` on that day, then `5 days late, counted from that day` / `自公布之日起逾期`,
    `自公布之日起计已逾期5天`."""
    at = names.index("late")
    zh = lang == "zh"

    def write(values: Values, words: ReasonWords) -> str:
        late = values[at]
        if not late:
            return "自公布之日起逾期" if zh else "late from that day"
        count = days_text(late, lang)
        return f"自公布之日起计已逾期{count}" if zh else f"{count} late, counted from that day"
    return write


def _count(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("count")
    return lambda values, words: str(values[at])


def _at_risk(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("at_risk")
    zh = lang == "zh"

    def write(values: Values, words: ReasonWords) -> str:
        count = values[at]
        if not count:
            return ""
        return f"；{count}项投入有风险" if zh else f"; {count} input{'' if count == 1 else 's'} at risk"
    return write


def _inputs(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("inputs")
    separator = "、" if lang == "zh" else ", "
    return lambda values, words: separator.join(values[at])


def _plural(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("inputs")
    return lambda values, words: "s" if len(values[at]) > 1 else ""


def _meeting(names: tuple[str, ...], lang: Lang) -> Getter:
    """A meeting's name, or with its days and venue when the value is a MeetingWhen."""
    at = names.index("meeting")

    def write(values: Values, words: ReasonWords) -> str:
        value = values[at]
        if isinstance(value, MeetingWhen):
            return words.phrase(value, lang)
        return words.meeting(value, lang)
    return write


def _meeting_title(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("meeting")
    return lambda values, words: words.meeting(values[at], lang, lower=False)


def _timing(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("days")
    zh = lang == "zh"

    def write(values: Values, words: ReasonWords) -> str:
        late = values[at]
        if late is None:
            return "交付" if zh else ""
        if late == 0:
            return "按时交付" if zh else ", on time"
        return f"交付，迟交{days_text(late, lang)}" if zh else f", {days_text(late, lang)} late"
    return write


def _text(names: tuple[str, ...], lang: Lang) -> Getter:
    """What the user typed, as written: marked untranslated when written in the other language
    (a Title with `written_in`, `words.usertext.shown`); a plain string as it is."""
    at = names.index("text")
    missing = "未说明理由" if lang == "zh" else "no reason given"

    def write(values: Values, words: ReasonWords) -> str:
        value = values[at]
        if isinstance(value, Title):
            return shown(value, lang)
        return value or missing
    return write


def _amendment(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("amendment")
    return lambda values, words: amendment_name(words.plan, values[at])


def _plain(key: str) -> FieldMaker:
    """A value written as it is (a key or an id, as stored)."""
    def make(names: tuple[str, ...], lang: Lang) -> Getter:
        at = names.index(key)
        return lambda values, words: str(values[at])
    return make


_COLUMNS_ZH = {"kind": "类别", "mode": "方式", "precision": "精度", "payload": "修正内容"}


def _column(names: tuple[str, ...], lang: Lang) -> Getter:
    """A column of the fact table: as named in English, in words in Chinese."""
    at = names.index("column")
    if lang == "zh":
        return lambda values, words: _COLUMNS_ZH.get(values[at], str(values[at]))
    return lambda values, words: str(values[at])


def _cause(names: tuple[str, ...], lang: Lang) -> Getter:
    at = names.index("cause")
    return lambda values, words: words.text(values[at], lang)


# field name -> how it is written from the reason's values
_FIELDS: dict[str, FieldMaker] = {
    "due": _date("due"),
    "on": _date("on"),
    "latest": _date("latest"),
    "deadline": _date("deadline"),
    "announced": _date("announced"),
    "amendment": _amendment,
    "days": _days,
    "since_set": _since_set,
    "count": _count,
    "at_risk": _at_risk,
    "plural": _plural,
    "inputs": _inputs,
    "output": _output("output", 0),
    "output_is": _output("output", 1),
    "output_was": _was("output"),
    "consumer": _output("consumer", 0),
    "consumer_is": _output("consumer", 1),
    "meeting": _meeting,
    "meeting_title": _meeting_title,
    "timing": _timing,
    "text": _text,
    "cause": _cause,
    "key": _plain("key"),
    "subject": _plain("subject"),
    "column": _column,
    "value": _plain("value"),
    "first": _date("first"),
    "last": _date("last"),
}


def _compile(code: ReasonCode, lang: Lang) -> tuple[Piece, ...]:
    """The template of `code` in `lang` as literal text and getters; ValueError when it names a
    value the code does not have."""
    names = VALUES[code]
    pieces: list[Piece] = []
    for literal, field, _, _ in Formatter().parse(TEMPLATES[code][1 if lang == "zh" else 0]):
        if literal:
            pieces.append(literal)
        if field:
            pieces.append(_FIELDS[field](names, lang))
    return tuple(pieces)


_COMPILED: dict[Lang, dict[ReasonCode, tuple[Piece, ...]]] = {
    lang: {code: _compile(code, lang) for code in ReasonCode} for lang in LANGS}
