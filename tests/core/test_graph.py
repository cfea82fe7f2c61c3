"""The dependency graph on graphlib: a pinned, deterministic order; cycles as a path."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mandates.config.loader import load_plan
from mandates.core.graph import depths, find_cycle, topological_order
from mandates.core.plan import Plan

DIAMOND = """\
process:
  id: diamond
  title: {en: Diamond, zh: 菱形}
  source: CBD/WG2020/REC/1/1
  timezone: America/Toronto
bodies:
  - {id: secretariat, name: {en: Executive Secretary, zh: 执行秘书}}
meetings: []
outputs:
"""


def output(oid: str, inputs: str = "") -> str:
    extra = f", inputs: [{inputs}]" if inputs else ""
    return (f"  - {{id: {oid}, title: {{en: {oid}, zh: {oid}}}, responsible: secretariat, "
            f"mandate: decision 14/34, due: {{on: 2020-03-16}}{extra}}}\n")


@pytest.fixture()
def diamond(tmp_path: Path) -> Plan:
    """sources -> (left, right) -> merged, and a loose output, in that file order."""
    path = tmp_path / "diamond.yaml"
    path.write_text(DIAMOND + output("sources") + output("left", "sources") + output("right", "sources")
                    + output("merged", "left, right") + output("loose"), encoding="utf-8")
    return load_plan(path)


def with_input(plan: Plan, output_id: str, input_id: str) -> Plan:
    """The plan with one more input (the loader refuses a cycle, so it is added here)."""
    changed = replace(plan.outputs[output_id], inputs=(*plan.outputs[output_id].inputs, input_id))
    return replace(plan, outputs={**plan.outputs, output_id: changed})


def test_the_order_is_pinned_inputs_first_then_batch_by_batch(diamond: Plan) -> None:
    assert topological_order(diamond) == ["sources", "loose", "left", "right", "merged"]
    assert depths(diamond) == {"sources": 1, "loose": 1, "left": 2, "right": 2, "merged": 3}
    assert find_cycle(diamond) is None


def test_every_input_of_the_bundled_process_comes_first(bundled_plan: Plan) -> None:
    order = topological_order(bundled_plan)
    assert sorted(order) == sorted(bundled_plan.outputs) and order == topological_order(bundled_plan)
    place = {oid: index for index, oid in enumerate(order)}
    for oid in order:
        assert all(place[i] < place[oid] for i in bundled_plan.all_inputs(oid)), oid


def test_a_cycle_is_a_path_from_the_first_output_on_it(diamond: Plan) -> None:
    cyclic = with_input(diamond, "sources", "merged")
    assert find_cycle(cyclic) == ["sources", "merged", "left", "sources"]
    with pytest.raises(ValueError, match=r"^dependency cycle: sources -> merged -> left -> sources$"):
        topological_order(cyclic)
    assert find_cycle(with_input(diamond, "loose", "loose")) == ["loose", "loose"]
