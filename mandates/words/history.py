"""Facts as lines of `mandates history`, in English and Chinese: key, subject, what happened, its
source; a withdrawn fact says which fact withdrew it and when, a withdrawal which fact it
withdraws and why; a recorded fact ends with when it was recorded.

English: the fact as `Fact.describe` says it, but new dates as dates (`rescheduled to 17–20 March
2020`, `to August or September 2020`, `to first quarter of 2021`) and a new venue in English only,
not said when it only says how the meeting is held (`Online`: the mode says it); then the details
(tentative, part, mode, correction, source); when it was recorded as `1 December 2026 06:12:47
UTC`, as in Chinese. Chinese: the fact as `words.check.fact_text`
says it (the form of `show`), its day as `2020年1月6日`, and the same details in Chinese. Ids,
keys, document symbols and text a user typed stay as they are (typed text marked untranslated
when shown in the other language, `words.usertext`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Precision
from mandates.words import dates
from mandates.words.check import DATED_KINDS, fact_text
from mandates.words.commands import said
from mandates.words.dates import Lang
from mandates.words.names import mode_name, part_name, venue_says_mode


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _new_dates(fact: Fact) -> str:
    """The new dates of a rescheduling, as dates: `17–20 March 2020`, `August or September
    2020`, `first quarter of 2021`."""
    assert fact.opens_on is not None and fact.closes_on is not None
    if fact.precision is Precision.QUARTER:
        return dates.quarter_text(fact.opens_on, "en")
    if fact.precision is Precision.MONTH:
        return dates.window_text(fact.opens_on, fact.closes_on, "en")
    return dates.span_text(fact.opens_on, fact.closes_on, "en")


def describe(fact: Fact) -> str:
    """`Fact.describe` in English words: a rescheduling or relocation says its new dates as
    dates and its new venue in English (`2020-03-13 rescheduled to 17–20 March 2020`; a venue
    `Online` of an online meeting is left to the mode, said in the details); the rest as
    `Fact.describe` says it."""
    if fact.kind not in (FactKind.RESCHEDULED, FactKind.RELOCATED):
        return fact.describe()
    text = f"{fact.effective_on.isoformat()} {fact.kind.value}"
    if fact.opens_on and fact.closes_on:
        text += f" to {'the ' if fact.precision is Precision.QUARTER else ''}{_new_dates(fact)}"
    if fact.venue and not (fact.mode is not None and venue_says_mode(fact.venue_title(), fact.mode)):
        text += f" in {fact.venue}"
    return text


def details(fact: Fact, dated: bool = False) -> str:
    """What `Fact.describe` leaves out, in English: window, tentative, part, mode, correction,
    what a withdrawal withdraws, what an amendment adds, source. `dated`: the new dates and
    venue of a rescheduling are said already (`describe`), not again."""
    extra: list[str] = []
    if dated and fact.kind in (FactKind.RESCHEDULED, FactKind.RELOCATED):
        pass
    elif fact.opens_on and fact.closes_on and fact.precision is not Precision.DAY:
        if not dated:
            extra.append(f"in {_quarter(fact.opens_on)}" if fact.precision is Precision.QUARTER
                         else f"in {fact.opens_on.format('YYYY-MM')}..{fact.closes_on.format('YYYY-MM')}")
        else:  # as dates: `expected in the first quarter of 2021`, `expected July to September 2020`
            window = _new_dates(fact)
            extra.append(f"expected in the {window}" if fact.precision is Precision.QUARTER
                         else f"expected {window}")
    elif fact.opens_on and fact.closes_on and fact.kind in (FactKind.PART, FactKind.SPLIT,
                                                              FactKind.POSTPONED):
        extra.append(dates.span_text(fact.opens_on, fact.closes_on, "en") if dated
                     else f"{fact.opens_on.isoformat()}..{fact.closes_on.isoformat()}")
    if fact.venue and fact.kind in (FactKind.PART, FactKind.SPLIT) \
            and not (fact.venue.strip().lower() == "online" and fact.mode is not None):
        extra.append(f"in {fact.venue}" + (f" ({fact.venue_zh})" if fact.venue_zh else ""))
    if fact.tentative:
        extra.append("tentative")
    if fact.part is not None:
        extra.append(f"part {fact.part}")
    if fact.mode is not None:
        extra.append(mode_name(fact.mode, "en") if dated else fact.mode.value)
    if fact.voids and fact.kind is not FactKind.WITHDRAWN:
        extra.append(f"corrects {fact.voids}")
    if fact.kind is FactKind.WITHDRAWN:
        extra.append(f"withdraws {fact.voids}" + (f": {fact.text}" if fact.text else ""))
    if fact.kind is FactKind.AMENDED and fact.amendment is not None:
        added = [m.id for m in fact.amendment.meetings] + [o.id for o in fact.amendment.outputs]
        extra.append(f"adds {', '.join(added)} ({fact.amendment.symbol})")
    if fact.source:
        extra.append(f"source: {fact.source}" + (", date approximate" if fact.approximate else ""))
    elif fact.approximate:
        extra.append("date approximate")
    return "; ".join(extra)


def details_zh(fact: Fact) -> str:
    """What `fact_text` leaves out, in Chinese: the dates of a postponement (`预计2021年第一季度`),
    tentative, part and mode of facts other than new dates, a correction (`更正K`), what an
    amendment adds (`新增ids`), the source (`来源：…`), an approximate date (`日期为大致日期`)."""
    extra: list[str] = []
    dated = fact.kind in DATED_KINDS
    if fact.opens_on and fact.closes_on and not dated:
        if fact.precision is Precision.QUARTER:
            extra.append(f"预计{dates.quarter_text(fact.opens_on, 'zh')}")
        elif fact.precision is Precision.MONTH:
            extra.append(f"预计{dates.window_text(fact.opens_on, fact.closes_on, 'zh')}")
        else:
            extra.append(dates.span_text(fact.opens_on, fact.closes_on, "zh"))
    if fact.tentative and not dated:
        extra.append("暂定")
    if fact.part is not None and not (dated or fact.kind is FactKind.HELD):
        extra.append(part_name(fact.part, False, "zh"))
    if fact.mode is not None and not dated:
        extra.append(mode_name(fact.mode, "zh"))
    if fact.voids and fact.kind is not FactKind.WITHDRAWN:
        extra.append(f"更正事实{fact.voids}")
    if fact.kind is FactKind.AMENDED and fact.amendment is not None:
        added = [m.id for m in fact.amendment.meetings] + [o.id for o in fact.amendment.outputs]
        extra.append(f"新增{'、'.join(added)}")
    if fact.source:
        extra.append(f"来源：{fact.source}")
    if fact.approximate:
        extra.append("日期为大致日期")
    return "；".join(extra)


def fact_what(fact: Fact, lang: Lang) -> str:
    """What happened, as a confirmation says it: `2020-01-06 delivered as X` (`Fact.describe`) /
    `2020年1月6日 交付，文号X`, with the Chinese details."""
    if lang == "zh":
        sourceless = replace(fact, source=None)  # the source goes with the details
        what = fact_text(sourceless, "zh", long_dates=True)[len(fact.effective_on.isoformat()) + 1:]
        extra = details_zh(fact)
        return f"{dates.day_text(fact.effective_on, 'zh')} {what}" + (f"（{extra}）" if extra else "")
    return fact.describe()


def fact_line(fact: Fact, lang: Lang) -> str:
    """`SUBJECT: WHAT` of one fact: `cop-15: 2020-01-06 rescheduled to ... (details)` /
    `cop-15：2020年1月6日 改期为…（details）`."""
    if lang == "zh":
        return f"{fact.subject}：{fact_what(fact, lang)}"
    extra = details(fact, dated=True)
    return f"{fact.subject}: {describe(fact)}" + (f" ({extra})" if extra else "")


def fact_lines(shown: Iterable[Fact], every: Iterable[Fact], lang: Lang = "en",
               recorded: bool = False) -> list[str]:
    """One line per fact of `shown`; `every` (shipped and recorded) tells which are withdrawn.

    A shipped fact starts with its key; a recorded one with `#ID` (its key, unless it was
    imported with a key of its own, shown after it) and ends with when it was recorded.
    """
    withdrawn_by = {f.voids: f for f in every if f.kind is FactKind.WITHDRAWN and f.voids}
    zh = lang == "zh"
    lines: list[str] = []
    for fact in shown:
        if recorded:
            own = ((f"（标识{fact.fact_key}）" if zh else f" key {fact.fact_key}")
                   if fact.fact_key != str(fact.id) else "")
            text = f"#{fact.id}{own} {fact_line(fact, lang)}"
        else:
            text = f"{fact.fact_key}  {fact_line(fact, lang)}"
        withdrawal = withdrawn_by.get(fact.fact_key)
        if withdrawal is not None:
            text += (f"［已由事实{withdrawal.fact_key}自"
                     f"{dates.day_text(withdrawal.effective_on, 'zh')}起撤回］" if zh else
                     f" [withdrawn by {withdrawal.fact_key} from "
                     f"{withdrawal.effective_on.isoformat()}]")
        if recorded:
            at = fact.recorded_at
            when = f"{dates.day_text(at, lang)} {at.format('HH:mm:ss')} {at.timezone_name}"
            text += f"（登记于{when}）" if zh else f" (recorded {when})"
        lines.append(text)
    return lines


def voided_lines(item: str, every: Iterable[Fact], lang: Lang,
                 subject_of: Callable[[str], str] = lambda s: s) -> list[str]:
    """The facts about `item` that no longer count, for `show`: each named as `show` names a
    fact (`#ID`, or a shipped fact's key) with what it said, then what voided it: `— corrected
    by #3` / `——已由#3更正`, `— withdrawn by #5 from 2020-02-01` / `——已由#5自2020年2月1日起撤回`.
    `subject_of` gives the item a subject names (a meeting's part, `cop-15-part-2`, is the
    meeting). In the order recorded; empty when none."""
    facts = list(every)
    voided_by = {f.voids: f for f in facts if f.voids}
    lines: list[str] = []
    for fact in facts:
        by = voided_by.get(fact.fact_key)
        if by is None or subject_of(fact.subject) != item:
            continue
        shown = f"{_name(fact)} {fact_text(fact, lang)}"
        if by.kind is FactKind.WITHDRAWN:
            day = dates.day_text(by.effective_on, "zh") if lang == "zh" else by.effective_on.isoformat()
            lines.append(said("withdrawn_by", lang, fact=shown, by=_name(by), day=day))
        else:
            lines.append(said("corrected_by", lang, fact=shown, by=_name(by)))
    return lines


def _name(fact: Fact) -> str:
    """A fact as `show` and `history` name it: `#ID` when recorded here, else its key."""
    return f"#{fact.id}" if fact.id is not None else fact.fact_key
