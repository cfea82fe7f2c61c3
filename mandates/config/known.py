"""What a plan holds at one point of its amendments: the ids an amendment, a fact or a command may
name as of a date (the founding plan plus the amendments that apply before it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pendulum import Date

from mandates.core.plan import Amendment, Body, Plan


@dataclass
class Known:
    """What a plan holds at one point of its amendments: the ids references may name.

    `where` says, for each id, where it was defined (for duplicate-id messages); `retired`
    maps retired ids to the amendment that retired them.
    """

    bodies: dict[str, Body]
    meetings: set[str]
    outputs: set[str]
    where: dict[str, str]
    retired: dict[str, str] = field(default_factory=dict)

    @classmethod
    def founding(cls, plan: Plan) -> Known:
        """The founding plan's ids (`plan` as loaded, before any amendment)."""
        where = {m.id: f"meeting at {m.source}" for m in plan.meetings.values()}
        where.update({o.id: f"output at {o.source}" for o in plan.outputs.values()})
        return cls(dict(plan.bodies), set(plan.meetings), set(plan.outputs), where)

    def copy(self) -> Known:
        """An independent copy."""
        return Known(dict(self.bodies), set(self.meetings), set(self.outputs), dict(self.where),
                     dict(self.retired))

    def apply(self, amendment: Amendment) -> None:
        """Add what an amendment adds; mark what it retires."""
        for body in amendment.bodies:
            self.bodies[body.id] = body
        for meeting in amendment.meetings:
            self.meetings.add(meeting.id)
            self.where[meeting.id] = f"meeting added by amendment {amendment.id}"
        for output in amendment.outputs:
            self.outputs.add(output.id)
            self.where[output.id] = f"output added by amendment {amendment.id}"
        for item in amendment.retires:
            self.retired[item] = amendment.id


def order_key(amendment: Amendment) -> tuple[Date, str]:
    """The order amendments apply in: effective date, then id."""
    return amendment.effective_on, amendment.id


def known_before(plan: Plan, amendments: Iterable[Amendment], key: tuple[Date, str]) -> Known:
    """The ids of the plan with every amendment that applies before `key` (date, id)."""
    known = Known.founding(plan)
    for amendment in sorted(amendments, key=order_key):
        if order_key(amendment) < key:
            known.apply(amendment)
    return known
