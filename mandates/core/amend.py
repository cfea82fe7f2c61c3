"""The plan as of a date: the founding plan with the amendments in effect by then applied
(DESIGN: amendment), and the checks an amendment must pass against the plan it amends.

An amendment adds bodies, meetings and outputs, changes outputs and meetings, changes the
process's last meeting and retires meetings or outputs. Amendments apply in the order
(effective_on, id); a retired item stays in the plan (its id in `Plan.retired`, mapped to the
amendment that retired it) so that feeds cancel it rather than drop it.

Pure: no I/O, no clock. `plan_as_of` returns the plan it is given, untouched, when no amendment
applies (a plan of 100,000 outputs is not copied for nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from pendulum import Date

from mandates.core.plan import (
    Amendment,
    Output,
    OutputChange,
    Plan,
    Source,
    is_part_of,
    rule_meeting,
)
from mandates.errors import ConfigIssue

_Problem = Callable[[Source, str, str], None]


def in_order(amendments: Iterable[Amendment]) -> list[Amendment]:
    """Amendments in the order they apply: by effective date, then id."""
    return sorted(amendments, key=lambda a: (a.effective_on, a.id))


def applicable(plan: Plan, amendments: Iterable[Amendment], as_of: Date) -> list[Amendment]:
    """The amendments that take effect by `as_of` and are not yet applied to `plan`, in order
    (an amendment already in `plan.in_effect` is not applied twice)."""
    done = set(plan.in_effect)
    return in_order(a for a in amendments if a.effective_on <= as_of and a.id not in done)


def plan_as_of(plan: Plan, amendments: Sequence[Amendment], as_of: Date) -> Plan:
    """The plan as of `as_of`: `plan` with every amendment effective by then applied, in the
    order (effective_on, id). Returns `plan` itself when none applies.

    `amendments` are all that are known (those of the files, `plan.amendments`, and those
    recorded by command); the result keeps the files' amendments in `amendments` plus those it
    applied, lists the applied ids in `in_effect` and the retired ids in `retired`. Pass the
    founding plan: amendments already applied to `plan` (in its `in_effect`) are skipped, but
    none is ever undone. References an amendment makes to unknown ids are applied as they are
    (`check_amendments` is where they are refused).
    """
    chosen = applicable(plan, amendments, as_of)
    if not chosen:
        return plan
    return apply_amendments(plan, chosen)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many meetings, outputs and bodies a plan holds as amended by a date, and how many of
    each the amendments added (the rest are the founding plan's). Retired items are counted:
    they stay in the plan, cancelled, as every evaluation counts them."""

    meetings: int
    outputs: int
    bodies: int
    added_meetings: int
    added_outputs: int
    added_bodies: int


def sizes(founding: Plan, amended: Plan) -> Sizes:
    """The sizes of `amended` (`plan_as_of(founding, ..., day)`), with what it adds to
    `founding`: the counts every place gives (`validate`, the check, the briefing and /status
    all count the plan as amended by their day, `Evaluation.plan`)."""
    return Sizes(len(amended.meetings), len(amended.outputs), len(amended.bodies),
                 len(amended.meetings.keys() - founding.meetings.keys()),
                 len(amended.outputs.keys() - founding.outputs.keys()),
                 len(amended.bodies.keys() - founding.bodies.keys()))


def apply_amendments(plan: Plan, amendments: Sequence[Amendment]) -> Plan:
    """`plan` with `amendments` applied in the order given (see `plan_as_of`)."""
    bodies, meetings, outputs = dict(plan.bodies), dict(plan.meetings), dict(plan.outputs)
    retired = dict(plan.retired)
    process = plan.process
    for amendment in amendments:
        bodies.update((b.id, b) for b in amendment.bodies)
        for meeting in amendment.meetings:
            meetings[meeting.id] = (meeting if meeting.added_by
                                    else replace(meeting, added_by=amendment.id))
        for output in amendment.outputs:
            outputs[output.id] = (output if output.added_by
                                  else replace(output, added_by=amendment.id))
        for change in amendment.output_changes:
            if change.id in outputs:
                outputs[change.id] = changed_output(outputs[change.id], change)
        for mchange in amendment.meeting_changes:
            found = meetings.get(mchange.id)
            if found is None:
                continue
            meeting = found
            meetings[mchange.id] = replace(
                meeting,
                title=mchange.title or meeting.title,
                short=mchange.short or meeting.short,
                body=mchange.body or meeting.body,
                type=mchange.type if mchange.type is not None else meeting.type,
                description=mchange.description or meeting.description)
        if amendment.last_meeting:
            process = replace(process, last_meeting=amendment.last_meeting)
        for item in amendment.retires:
            retired.setdefault(item, amendment.id)
    from_files = {a.id for a in plan.amendments}
    result = Plan(process, bodies, meetings, outputs, plan.files,
                  plan.amendments + tuple(a for a in amendments if a.id not in from_files),
                  retired, plan.in_effect + tuple(a.id for a in amendments))
    if not any(_changes_edges(a) for a in amendments):
        # the same edges: the indexes of inputs and consumers, made once on `plan` (and kept
        # there for the next date), are those of the result
        result.__dict__["inputs_index"] = plan.inputs_index
        result.__dict__["consumers_index"] = plan.consumers_index
    return result


def _changes_edges(amendment: Amendment) -> bool:
    """True when an amendment adds outputs or changes what an output needs or is for."""
    return bool(amendment.outputs) or any(
        c.add_inputs or c.remove_inputs or c.for_ is not None or c.clear_for
        for c in amendment.output_changes)


def changed_output(output: Output, change: OutputChange) -> Output:
    """An output with an amendment's changes made (None leaves a field as it was)."""
    inputs = [i for i in output.inputs if i not in change.remove_inputs]
    inputs += [i for i in change.add_inputs if i not in inputs]
    return replace(
        output,
        due=change.due or output.due,
        responsible=change.responsible if change.responsible is not None else output.responsible,
        for_=None if change.clear_for else (change.for_ or output.for_),
        inputs=tuple(inputs),
        title=change.title or output.title,
        description=change.description or output.description,
        assumed=change.assumed or output.assumed,
        delivery=change.delivery or output.delivery,
        audience=change.audience or output.audience)


def due_changes(amendments: Iterable[Amendment]) -> dict[str, Date]:
    """For each output, the effective date of the last of `amendments` (in the order given)
    that added it or changed its due rule: when its current rule was set."""
    set_on: dict[str, Date] = {}
    for amendment in amendments:
        for output in amendment.outputs:
            set_on[output.id] = amendment.effective_on
        for change in amendment.output_changes:
            if change.due is not None:
                set_on[change.id] = amendment.effective_on
    return set_on


# ------------------------------------------------------------------------------------ checks


def meeting_ref_known(plan: Plan, ref: str) -> bool:
    """True when `ref` names a meeting of `plan`, or a part of one (`cop-15-part-2`)."""
    return ref in plan.meetings or is_part_of(ref, plan.meetings)


def check_amendments(plan: Plan, amendments: Sequence[Amendment]) -> list[ConfigIssue]:
    """Every problem of `amendments`, each checked against `plan` as of its own date (the
    founding plan with the earlier amendments applied), in the order they apply. An empty list
    means they are all sound.

    Problems: two amendments with one id; an id added twice (or added when it exists);
    references to ids unknown as of the amendment's date (bodies, meetings or their parts,
    outputs, the last meeting); changing or retiring an item already retired; a dependency
    cycle made by the amendment. Each issue names the amendment's file:line (an added item's
    own line when it has one) and the field.
    """
    issues: list[ConfigIssue] = []
    seen: dict[str, Source] = {}
    current = plan
    sound: list[Amendment] = []
    for amendment in in_order(amendments):
        if amendment.id in seen:
            issues.append(_issue(amendment.source, "amendment.id",
                                 f"amendment {amendment.id!r} is also defined at "
                                 f"{seen[amendment.id]}"))
            continue
        seen[amendment.id] = amendment.source
        found = check_amendment(current, amendment, cycles=False)
        issues += found
        if not found:
            current = apply_amendments(current, [amendment])
            sound.append(amendment)
    if any(_changes_edges(a) for a in sound):
        issues += _cycles(plan, sound, current)
    return issues


def _cycles(plan: Plan, amendments: list[Amendment], final: Plan) -> list[ConfigIssue]:
    """A dependency cycle made by the amendments: one graph walk on the plan with all of them
    applied (a process of 100,000 outputs is walked once, not once per amendment); when there
    is a cycle, the first amendment that makes one is named."""
    from mandates.core.graph import find_cycle

    if find_cycle(final) is None:
        return []
    current = plan
    for amendment in amendments:
        current = apply_amendments(current, [amendment])
        if _changes_edges(amendment):
            cycle = find_cycle(current)
            if cycle:
                return [_issue(amendment.source, "inputs",
                               f"dependency cycle: {' -> '.join(cycle)}")]
    return []


def check_amendment(plan: Plan, amendment: Amendment, *, cycles: bool = True) -> list[ConfigIssue]:
    """The problems of one amendment against `plan`, the plan as of the amendment's date (see
    `check_amendments`); empty when it is sound. `cycles`: also walk the graph for a cycle."""
    issues: list[ConfigIssue] = []
    here = amendment.source

    def problem(source: Source, field: str, message: str) -> None:
        issues.append(_issue(source, field, message))

    when = f"as of {amendment.effective_on.isoformat()}"
    bodies = set(plan.bodies) | {b.id for b in amendment.bodies}
    meetings = set(plan.meetings) | {m.id for m in amendment.meetings}
    outputs = set(plan.outputs) | {o.id for o in amendment.outputs}
    added: set[str] = set()
    for kind, items in (("bodies", [(b.id, here) for b in amendment.bodies]),
                        ("meetings", [(m.id, m.source) for m in amendment.meetings]),
                        ("outputs", [(o.id, o.source) for o in amendment.outputs])):
        for item_id, source in items:
            if item_id in added or item_id in plan.bodies or item_id in plan.meetings \
                    or item_id in plan.outputs:
                problem(source, f"add.{kind}.id", f"{item_id!r} is already in the plan {when}")
            added.add(item_id)
    probe = replace(plan, meetings={**plan.meetings, **{m.id: m for m in amendment.meetings}})

    def meeting_ref(source: Source, field: str, ref: str | None) -> None:
        if ref is not None and not meeting_ref_known(probe, ref):
            problem(source, field, f"unknown meeting {ref!r} {when}")

    def retired(source: Source, field: str, item_id: str, doing: str) -> None:
        if item_id in plan.retired:
            problem(source, field, f"cannot {doing} {item_id!r}: retired by "
                                   f"{plan.retired[item_id]!r}")

    for meeting in amendment.meetings:
        if meeting.body not in bodies:
            problem(meeting.source, "add.meetings.body", f"unknown body {meeting.body!r} {when}")
    for output in amendment.outputs:
        _check_output_refs(output.source, "add.outputs", output.responsible, output.for_,
                           output.inputs, bodies, meetings | outputs, outputs, problem, when)
        meeting_ref(output.source, "add.outputs.due", rule_meeting(output.due))
    for change in amendment.output_changes:
        if change.id not in plan.outputs:
            problem(here, "change.outputs.id", f"unknown output {change.id!r} {when}")
            continue
        retired(here, "change.outputs.id", change.id, "change")
        _check_output_refs(here, "change.outputs", change.responsible or (), change.for_,
                           change.add_inputs, bodies, meetings | outputs, outputs, problem, when)
        if change.due is not None:
            meeting_ref(here, "change.outputs.due", rule_meeting(change.due))
    for mchange in amendment.meeting_changes:
        if mchange.id not in plan.meetings:
            problem(here, "change.meetings.id", f"unknown meeting {mchange.id!r} {when}")
            continue
        retired(here, "change.meetings.id", mchange.id, "change")
        if mchange.body is not None and mchange.body not in bodies:
            problem(here, "change.meetings.body", f"unknown body {mchange.body!r} {when}")
    meeting_ref(here, "change.last_meeting", amendment.last_meeting)
    for item in amendment.retires:
        if item not in plan.meetings and item not in plan.outputs:
            problem(here, "retire", f"unknown meeting or output {item!r} {when}")
        else:
            retired(here, "retire", item, "retire")
    if cycles and not issues and _changes_edges(amendment):
        from mandates.core.graph import find_cycle

        cycle = find_cycle(apply_amendments(plan, [amendment]))
        if cycle:
            problem(here, "inputs", f"dependency cycle: {' -> '.join(cycle)}")
    return issues


def _check_output_refs(source: Source, field: str, responsible: Iterable[str], for_: str | None,
                       inputs: Iterable[str], bodies: set[str], targets: set[str],
                       outputs: set[str], problem: _Problem, when: str) -> None:
    for body in responsible:
        if body not in bodies:
            problem(source, f"{field}.responsible", f"unknown body {body!r} {when}")
    if for_ is not None and for_ not in targets and not is_part_of(for_, targets):
        problem(source, f"{field}.for", f"unknown meeting or output {for_!r} {when}")
    for input_id in inputs:
        if input_id not in outputs:
            problem(source, f"{field}.inputs", f"unknown output {input_id!r} {when}")


def _issue(source: Source, field: str, message: str) -> ConfigIssue:
    return ConfigIssue(source.file, source.line, field, message)
