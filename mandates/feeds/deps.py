"""What each event depends on, and small plans to evaluate it alone at past dates (issue 9, part 6).

An event's calendar fields depend on few things: a meeting's event on that meeting's facts and
the amendments that touch it; a deadline on its output, the meetings its due rule and its target
name, and their facts; a late-input warning on the output, the input and their meetings. `Deps`
indexes, once per publication, the facts (effective by the evaluation date) and the amendments
in effect by subject id, and what each output hangs on in any version of the plan (founding,
amended). `Request` names a few outputs and meetings; `Deps.subplan` makes the founding plan
restricted to them, with the amendments and facts restricted likewise, so that
`core.evaluate(subplan, facts, day)` gives their state on a past day without evaluating the
whole plan (100,000 outputs, 10,000 facts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pendulum import Date

from mandates.core.facts import Fact, FactKind
from mandates.core.plan import (
    Amendment,
    EveryRule,
    Output,
    OutputChange,
    Plan,
    is_part_of,
    rule_meeting,
    split_ref,
)


@dataclass
class Request:
    """Outputs (each with the inputs to keep) and meetings to evaluate together on one day."""

    outputs: dict[str, set[str]] = field(default_factory=dict)
    meetings: set[str] = field(default_factory=set)

    def add(self, other: Request) -> None:
        """Merge another request into this one (inputs kept: the union)."""
        for oid, inputs in other.outputs.items():
            self.outputs.setdefault(oid, set()).update(inputs)
        self.meetings |= other.meetings

    def has(self, ref: str | None) -> bool:
        """Whether an output, a meeting or a part of one is in the request."""
        if ref is None:
            return False
        return ref in self.outputs or ref in self.meetings or is_part_of(ref, self.meetings)


def _touched(amendment: Amendment) -> set[str]:
    """Ids an amendment defines: meetings and outputs it adds, changes or retires."""
    ids = {m.id for m in amendment.meetings} | {o.id for o in amendment.outputs}
    ids |= {c.id for c in amendment.output_changes} | {c.id for c in amendment.meeting_changes}
    return ids | set(amendment.retires)


class Deps:
    """Facts and amendments by subject, and each output's meetings, inputs and consumers in any
    version of the plan, as of one evaluation date.

    `founding` is the plan before amendments; `current` the plan as of the date (`Evaluation.plan`);
    `facts` the facts in effect by the date. Raises nothing: unknown subjects are simply indexed.
    """

    def __init__(self, founding: Plan, current: Plan, facts: Iterable[Fact], as_of: Date) -> None:
        self.founding, self.current, self.as_of = founding, current, as_of
        facts = [f for f in facts if f.effective_on <= as_of]
        self.amendments = [a for a in founding.amendments if a.effective_on <= as_of]
        self.amended_facts = [f for f in facts if f.amendment is not None]
        every = self.amendments + [f.amendment for f in self.amended_facts if f.amendment]
        self.meeting_ids = set(founding.meetings) | set(current.meetings)
        self.meeting_ids.update(m.id for a in every for m in a.meetings)
        self.facts: dict[str, list[Fact]] = {}
        self.dates: dict[str, list[Date]] = {}
        self.notes: dict[str, list[Date]] = {}
        self.amend: dict[str, list[Date]] = {}
        self.cancel: dict[str, list[Date]] = {}
        by_key = {f.fact_key: f for f in facts if f.fact_key}
        self.order = {id(f): n for n, f in enumerate(facts)}  # recorded order, kept in subplans
        for fact in facts:
            subjects = {self.base(fact.subject)}
            if fact.kind is FactKind.WITHDRAWN and fact.voids and fact.voids in by_key:
                subjects.add(self.base(by_key[fact.voids].subject))
            if fact.amendment is not None:
                subjects |= _touched(fact.amendment)
                for subject in _touched(fact.amendment):
                    self.amend.setdefault(subject, []).append(fact.effective_on)
                    self.cancel.setdefault(subject, []).append(fact.effective_on)
            voided = by_key.get(fact.voids or "") if fact.kind is FactKind.WITHDRAWN else None
            cancels = fact.kind is FactKind.CANCELLED or (voided is not None and
                                                          voided.kind is FactKind.CANCELLED)
            for subject in subjects:
                self.facts.setdefault(subject, []).append(fact)
                index = self.notes if fact.kind is FactKind.NOTE else self.dates
                index.setdefault(subject, []).append(fact.effective_on)
                if cancels:
                    self.cancel.setdefault(subject, []).append(fact.effective_on)
        for amendment in self.amendments:
            for subject in _touched(amendment):
                for index in (self.dates, self.amend, self.cancel):
                    index.setdefault(subject, []).append(amendment.effective_on)
        for index in (self.dates, self.notes, self.amend, self.cancel):
            for days in index.values():
                days.sort()
        self._versions(every)

    @property
    def dated(self) -> bool:
        """Whether anything took effect that `changed` or `last` could find in the `dates` or
        `cancel` indexes (a fact other than a note, or an amendment): without, an output's
        meetings need not be looked up to know that nothing about them changed."""
        return bool(self.dates or self.cancel)

    def base(self, ref: str) -> str:
        """The meeting a part id names (`cop-15-part-2` -> `cop-15`); any other id as it is."""
        return split_ref(ref, self.meeting_ids)[0]

    def _versions(self, amendments: list[Amendment]) -> None:
        """Outputs as amendments add or change them: by id, and the reverse of their edges."""
        self.amended: dict[str, list[Output | OutputChange]] = {}
        self.amended_consumers: dict[str, set[str]] = {}
        self.amended_inputs: dict[str, set[str]] = {}
        for amendment in amendments:
            versions: list[Output | OutputChange] = [*amendment.outputs, *amendment.output_changes]
            for version in versions:
                self.amended.setdefault(version.id, []).append(version)
                edges = [(i, version.id) for i in (
                    version.inputs if isinstance(version, Output) else version.add_inputs)]
                if version.for_ is not None and self.base(version.for_) not in self.meeting_ids:
                    edges.append((version.id, version.for_))
                for input_id, consumer in edges:
                    self.amended_consumers.setdefault(input_id, set()).add(consumer)
                    self.amended_inputs.setdefault(consumer, set()).add(input_id)
        self._plans = [self.founding] if self.founding is self.current else [self.founding, self.current]
        self._meetings: dict[tuple[str, bool], frozenset[str]] = {}
        self._inputs: dict[str, frozenset[str]] = {}

    def _all(self, oid: str) -> list[Output | OutputChange]:
        found: list[Output | OutputChange] = [p.outputs[oid] for p in self._plans if oid in p.outputs]
        return found + self.amended.get(oid, [])

    def meetings_of(self, oid: str, targets: bool = True) -> frozenset[str]:
        """The meetings an output's due rule names in any version (parts as meetings), and, with
        `targets`, the meetings it is for (which matter only when cancelled or retired)."""
        found = self._meetings.get((oid, targets))
        if found is None:
            found = self._meetings[(oid, targets)] = self._meetings_of(oid, targets)
        return found

    def _meetings_of(self, oid: str, targets: bool) -> frozenset[str]:
        meetings: set[str] = set()
        for version in self._all(oid):
            rule = version.due
            if rule is not None:
                refs = [rule_meeting(rule)] + ([rule.until_meeting] if isinstance(rule, EveryRule) else [])
                meetings.update(self.base(r) for r in refs if r)
            if targets and version.for_ is not None and self.base(version.for_) in self.meeting_ids:
                meetings.add(self.base(version.for_))
        return frozenset(meetings)

    def targets_of(self, oid: str) -> frozenset[str]:
        """The meetings an output is for, in any version, that its due rule does not name."""
        return self.meetings_of(oid) - self.meetings_of(oid, targets=False)

    def inputs_of(self, oid: str) -> frozenset[str]:
        """An output's inputs in any version (listed, added, or outputs `for` it)."""
        found = self._inputs.get(oid)
        if found is None:
            found = frozenset({i for p in self._plans for i in p.all_inputs(oid)}
                              | self.amended_inputs.get(oid, set()))
            self._inputs[oid] = found
        return found

    def consumers_of(self, oid: str) -> set[str]:
        """The outputs that need an output as an input, in any version."""
        found = {c for p in self._plans for c in p.consumers_index.get(oid, ())}
        return found | self.amended_consumers.get(oid, set())

    def changed(self, subjects: Iterable[str], cancelled: Iterable[str] = ()) -> list[Date]:
        """The days facts or amendments about `subjects` took effect (notes aside), and those on
        which `cancelled` were cancelled, retired or amended, sorted, up to the evaluation date."""
        days: set[Date] = set()
        for subject in subjects:
            days.update(self.dates.get(subject, ()))
        for subject in cancelled:
            days.update(self.cancel.get(subject, ()))
        return sorted(days)

    def last(self, subjects: Iterable[str], index: str = "dates") -> Date | None:
        """The last day something about these subjects took effect, or None: a fact (notes aside)
        or an amendment (`dates`), a note (`notes`), an amendment only (`amend`), a cancellation,
        its withdrawal, a retirement or an amendment (`cancel`)."""
        found = {"dates": self.dates, "notes": self.notes, "amend": self.amend,
                 "cancel": self.cancel}[index]
        if not found:
            return None
        if not isinstance(subjects, set | frozenset) or len(subjects) < len(found):
            days = [d[-1] for s in subjects if (d := found.get(s))]
        else:
            days = [d[-1] for s, d in found.items() if s in subjects]
        return max(days) if days else None

    def subplan(self, request: Request) -> tuple[Plan, list[Fact]]:
        """The founding plan restricted to a request, its amendments and facts restricted alike."""
        plan = self.founding
        outputs = {oid: self._trim(plan.outputs[oid], request) for oid in request.outputs
                   if oid in plan.outputs}
        meetings = {mid: plan.meetings[mid] for mid in request.meetings if mid in plan.meetings}
        amendments = tuple(self._restrict(a, request) for a in self.amendments)
        sub = Plan(replace(plan.process, last_meeting=None), plan.bodies, meetings, outputs,
                   plan.files, amendments)
        facts: dict[int, Fact] = {}
        for subject in (*request.outputs, *request.meetings):
            for fact in self.facts.get(subject, ()):
                if id(fact) not in facts:
                    facts[id(fact)] = fact if fact.amendment is None else replace(
                        fact, amendment=self._restrict(fact.amendment, request))
        return sub, [facts[k] for k in sorted(facts, key=self.order.__getitem__)]

    def _trim(self, output: Output, request: Request) -> Output:
        keep = request.outputs.get(output.id, set())
        inputs = tuple(i for i in output.inputs if i in keep)
        target = output.for_ if output.for_ is None or request.has(output.for_) else None
        if inputs == output.inputs and target == output.for_:
            return output
        return replace(output, inputs=inputs, for_=target)

    def _restrict(self, amendment: Amendment, request: Request) -> Amendment:
        changes = []
        for change in amendment.output_changes:
            if change.id not in request.outputs:
                continue
            keep = request.outputs[change.id]
            change = replace(change, add_inputs=tuple(i for i in change.add_inputs if i in keep),
                             remove_inputs=tuple(i for i in change.remove_inputs if i in keep))
            if change.for_ is not None and not request.has(change.for_):
                change = replace(change, for_=None, clear_for=True)
            changes.append(change)
        return replace(
            amendment,
            meetings=tuple(m for m in amendment.meetings if m.id in request.meetings),
            outputs=tuple(self._trim(o, request) for o in amendment.outputs if o.id in request.outputs),
            output_changes=tuple(changes),
            meeting_changes=tuple(c for c in amendment.meeting_changes if c.id in request.meetings),
            last_meeting=None,
            retires=tuple(i for i in amendment.retires if i in request.outputs or i in request.meetings))
