"""Facts as lines of `mandates history`: key, subject, what happened, its source; a withdrawn fact
says which fact withdrew it and when, a withdrawal which fact it withdraws and why."""

from __future__ import annotations

from collections.abc import Iterable

from mandates.config.fields import quarter_of
from mandates.core.facts import Fact, FactKind
from mandates.core.plan import Precision


def details(fact: Fact) -> str:
    """What `Fact.describe` leaves out: window, tentative, part, mode, correction, source."""
    extra: list[str] = []
    if fact.opens_on and fact.closes_on and fact.precision is not Precision.DAY:
        if fact.precision is Precision.QUARTER:
            extra.append(f"in {quarter_of(fact.opens_on)}")
        else:
            extra.append(f"in {fact.opens_on.format('YYYY-MM')}..{fact.closes_on.format('YYYY-MM')}")
    elif fact.opens_on and fact.closes_on and fact.kind in (FactKind.PART, FactKind.SPLIT,
                                                              FactKind.POSTPONED):
        extra.append(f"{fact.opens_on.isoformat()}..{fact.closes_on.isoformat()}")
    if fact.venue and fact.kind in (FactKind.PART, FactKind.SPLIT):
        extra.append(f"in {fact.venue}" + (f" ({fact.venue_zh})" if fact.venue_zh else ""))
    if fact.tentative:
        extra.append("tentative")
    if fact.part is not None:
        extra.append(f"part {fact.part}")
    if fact.mode is not None:
        extra.append(fact.mode.value)
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


def fact_lines(shown: Iterable[Fact], every: Iterable[Fact], recorded: bool = False) -> list[str]:
    """One line per fact of `shown`; `every` (shipped and recorded) tells which are withdrawn.

    A shipped fact starts with its key; a recorded one with `#ID` (its key, unless it was
    imported with a key of its own, shown after it) and ends with when it was recorded.
    """
    withdrawn_by = {f.voids: f for f in every if f.kind is FactKind.WITHDRAWN and f.voids}
    lines: list[str] = []
    for fact in shown:
        if recorded:
            own = f" key {fact.fact_key}" if fact.fact_key != str(fact.id) else ""
            text = f"#{fact.id}{own} {fact.subject}: {fact.describe()}"
        else:
            text = f"{fact.fact_key}  {fact.subject}: {fact.describe()}"
        extra = details(fact)
        if extra:
            text += f" ({extra})"
        withdrawal = withdrawn_by.get(fact.fact_key)
        if withdrawal is not None:
            text += (f" [withdrawn by {withdrawal.fact_key} from "
                     f"{withdrawal.effective_on.isoformat()}]")
        if recorded:
            text += f" (recorded {fact.recorded_at.to_iso8601_string()})"
        lines.append(text)
    return lines
