"""The sentences the evaluation gives for input flags (issue 2, item 4: a sentence a person can read)."""

from __future__ import annotations

from pendulum import Date

from mandates.core.meetings import MeetingState
from mandates.core.plan import AtRule, Plan
from mandates.core.rules import Due
from mandates.words.en import days, long_date, lower_first, span_text, window_text


def meeting_phrase(state: MeetingState) -> str:
    """`the review consultation (Kunming, China, 21–22 February 2020, to be confirmed)`."""
    title = lower_first(state.meeting.name.en)
    if state.postponed:
        return f"{title} (postponed, new dates not yet known)"
    if state.span is None:
        return f"{title} (dates to be determined)"
    venue = f"{state.venue.en}, " if state.venue else ""
    if state.span.is_window:
        window = window_text(state.span.opens_earliest, state.span.closes_latest)
        return f"{title} ({venue}{window}, to be confirmed)"
    assert state.opens_on is not None and state.closes_on is not None
    confirm = ", to be confirmed" if state.span.tentative else ""
    return f"{title} ({venue}{span_text(state.opens_on, state.closes_on)}{confirm})"


def are(name: str) -> str:
    """`are` after a plural title ("the WG2020-2 documents"), else `is`."""
    head = name.split(" (")[0]
    for joint in (" of ", " for ", " on ", " to ", " from ", " by "):
        head = head.split(joint)[0]
    last = head.rstrip().split(" ")[-1].lower()
    singular = last.endswith(("ss", "sis", "us", "ics"))
    return "are" if last.endswith("s") and not singular else "is"


def after_deadline_reason(plan: Plan, input_id: str, due: Due,
                           meetings: dict[str, MeetingState], source: str | None, late: int,
                           consumer_name: str, deadline: Date) -> str:
    tail = f"{days(late)} after {consumer_name} {are(consumer_name)} due on {long_date(deadline)}"
    output = plan.outputs[input_id]
    if source in meetings and isinstance(output.due, AtRule):
        state = meetings[source]
        lag = due.latest.toordinal() - (state.span.closes_latest.toordinal()
                                          if state.span else due.latest.toordinal())
        phrase = meeting_phrase(state)
        if state.span is not None and state.span.is_window:
            if lag == 0:
                return f"{phrase} may close as late as {long_date(due.latest)}, {tail}"
            return (f"{phrase}: {lower_first(output.name.en)} may come as late as "
                    f"{long_date(due.latest)}, {tail}")
        if lag == 0:
            return f"{phrase} closes {tail}"
        return f"{phrase}: {lower_first(output.name.en)} expected {long_date(due.latest)}, {tail}"
    return f"{lower_first(output.name.en)} is due on {long_date(due.latest)}, {tail}"


