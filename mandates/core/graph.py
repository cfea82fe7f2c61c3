"""The dependency graph of outputs: cycles (as a path of ids), order, critical chain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mandates.core.plan import Plan


def find_cycle(plan: Plan) -> list[str] | None:
    """A dependency cycle as a path `a -> b -> ... -> a` (output needs input), or None."""
    inputs = plan.inputs_index
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for root in plan.outputs:
        if state.get(root):
            continue
        path: list[str] = [root]
        iterators = [iter(inputs.get(root, ()))]
        state[root] = 1
        while iterators:
            child = next(iterators[-1], None)
            if child is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            if child not in plan.outputs:
                continue
            if state.get(child) == 1:
                start = path.index(child)
                return [*path[start:], child]
            if not state.get(child):
                state[child] = 1
                path.append(child)
                iterators.append(iter(inputs.get(child, ())))
    return None


def topological_order(plan: Plan) -> list[str]:
    """Outputs ordered so that every input comes before the outputs that need it."""
    inputs = plan.inputs_index
    remaining = {oid: len(inputs.get(oid, ())) for oid in plan.outputs}
    consumers = plan.consumers_index
    ready = [oid for oid, count in remaining.items() if count == 0]
    order: list[str] = []
    while ready:
        current = ready.pop()
        order.append(current)
        for consumer in consumers.get(current, ()):
            remaining[consumer] -= 1
            if remaining[consumer] == 0:
                ready.append(consumer)
    if len(order) != len(plan.outputs):
        cycle = find_cycle(plan) or []
        raise ValueError(f"dependency cycle: {' -> '.join(cycle)}")
    return order


def depths(plan: Plan) -> dict[str, int]:
    """For each output, the length of the longest chain of inputs that leads to it."""
    depth: dict[str, int] = {}
    inputs = plan.inputs_index
    for oid in topological_order(plan):
        depth[oid] = 1 + max((depth[i] for i in inputs.get(oid, ()) if i in depth), default=0)
    return depth


def critical_chain(
    plan: Plan,
    final_meeting: str,
    due_ordinal: Mapping[str, int | None],
    slack: Mapping[str, int | None],
) -> list[str]:
    """The chain of outputs that leads to the process's last meeting (issue 2, item 4).

    From the outputs for `final_meeting`, follow at each step the input with the longest chain
    behind it, then the least slack, then the latest due date. Returned earliest first.
    """
    depth = depths(plan)

    def key(oid: str) -> tuple[int, int, int]:
        s = slack.get(oid)
        d = due_ordinal.get(oid)
        return (-depth.get(oid, 0), s if s is not None else 10**9, -(d if d is not None else 0))

    candidates = [o.id for o in plan.outputs.values()
                  if o.for_ == final_meeting and due_ordinal.get(o.id) is not None]
    if not candidates:
        return []
    chain = [min(candidates, key=key)]
    seen = set(chain)
    while True:
        dated: Sequence[str] = [i for i in plan.all_inputs(chain[-1])
                                if due_ordinal.get(i) is not None and i not in seen]
        if not dated:
            break
        chain.append(min(dated, key=key))
        seen.add(chain[-1])
    chain.reverse()
    return chain
