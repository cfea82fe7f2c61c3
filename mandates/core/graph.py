"""The dependency graph of outputs: cycles (as a path of ids), order, chain depths (the critical
chain, bounded by the last meeting and open outputs only, is `core.slack.critical_chain`).

Cycles and order come from the standard library's `graphlib.TopologicalSorter`, fed in plan
order (outputs in file order, each output's inputs in the order listed, then its `for` edges),
so both are deterministic: the same plan always gives the same cycle path and the same order.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from mandates.core.plan import Plan


def _sorter(plan: Plan, inputs_first: bool) -> TopologicalSorter[str]:
    """A sorter over the outputs; with `inputs_first` an input precedes the outputs that need
    it, else the reverse (an output precedes its inputs, so a cycle reads `needs -> input`)."""
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for oid in plan.outputs:  # every node first, in plan order: the order graphlib walks them
        sorter.add(oid)
    for oid, inputs in plan.inputs_index.items():
        for input_id in inputs:
            if input_id in plan.outputs:
                if inputs_first:
                    sorter.add(oid, input_id)
                else:
                    sorter.add(input_id, oid)
    return sorter


def find_cycle(plan: Plan) -> list[str] | None:
    """A dependency cycle as a path `a -> b -> ... -> a` (each output needs the next), or None.

    The first cycle met by a depth-first walk from the outputs in plan order, following each
    output's inputs in order, starting at the first output of the cycle on that walk.
    """
    try:
        _sorter(plan, inputs_first=False).prepare()
    except CycleError as exc:
        return [str(oid) for oid in exc.args[1]]
    return None


def topological_order(plan: Plan) -> list[str]:
    """Outputs ordered so that every input comes before the outputs that need it.

    graphlib's static order: outputs with no inputs in plan order, then, batch by batch, those
    whose inputs are all placed. Raises ValueError naming the cycle as a path if there is one.
    """
    try:
        return list(_sorter(plan, inputs_first=True).static_order())
    except CycleError:
        cycle = find_cycle(plan) or []
        raise ValueError(f"dependency cycle: {' -> '.join(cycle)}") from None


def depths(plan: Plan) -> dict[str, int]:
    """For each output, the number of outputs on the longest chain of inputs ending at it (1 for
    an output with no inputs). Raises ValueError on a cycle."""
    depth: dict[str, int] = {}
    inputs = plan.inputs_index
    for oid in topological_order(plan):
        depth[oid] = 1 + max((depth[i] for i in inputs.get(oid, ()) if i in depth), default=0)
    return depth
