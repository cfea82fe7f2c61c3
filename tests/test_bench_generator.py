"""The benchmark's synthetic processes are valid processes in the bundled format."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pendulum
import pytest

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate

GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def _generate(outputs: int, seed: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(outputs, seed)
    return text


@pytest.mark.parametrize(("outputs", "seed"), [(50, 1), (800, 2020)])
def test_generated_process_loads_and_evaluates(tmp_path: Path, outputs: int, seed: int) -> None:
    path = tmp_path / "synthetic.yaml"
    path.write_text(_generate(outputs, seed), encoding="utf-8")
    plan = load_plan(path)
    assert len(plan.outputs) == outputs
    assert len(plan.meetings) == max(5, outputs // 20)
    fan_in = max(len(plan.all_inputs(o)) for o in plan.outputs)
    assert fan_in >= 2  # inputs are drawn: chains and fan-in
    evaluation = evaluate(plan, [], pendulum.Date(2021, 6, 1))
    assert sum(evaluation.counts().values()) == outputs
    assert evaluation.critical_chain  # a chain reaches the last meeting


def test_generation_is_deterministic() -> None:
    assert _generate(200, 7) == _generate(200, 7)
    assert _generate(200, 7) != _generate(200, 8)
