"""The benchmark's synthetic processes are valid processes in the bundled format, and the
side-by-side process gives TaskJuggler the due dates it gives mandates."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pendulum
import pytest

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate

GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def _bench_module(name: str) -> ModuleType:
    """bench/NAME.py, imported as bench_NAME (registered: its dataclasses need their module)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", GENERATOR.parent / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _generate(outputs: int, seed: int) -> str:
    text: str = _bench_module("generate").generate(outputs, seed)
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


# The side-by-side process (bench/tj3_bench.py): the same process for mandates and TaskJuggler.

SIDE_BY_SIDE_OUTPUTS = 400  # 20 meetings over three years: deadlines on both sides of DST changes


@pytest.fixture(scope="module")
def tjp_module() -> ModuleType:
    """bench/tjp.py (which imports bench/generate.py as `generate`)."""
    return _bench_module("tjp")


def test_side_by_side_process_has_the_generated_due_dates(tmp_path: Path, tjp_module: ModuleType) -> None:
    process = tjp_module.side_by_side(SIDE_BY_SIDE_OUTPUTS)
    path = tmp_path / "side.yaml"
    path.write_text(sys.modules["generate"].side_by_side_yaml(process), encoding="utf-8")
    plan = load_plan(path)
    assert len(plan.outputs) == SIDE_BY_SIDE_OUTPUTS
    assert len(plan.meetings) == SIDE_BY_SIDE_OUTPUTS // 20
    with_input = [o for o in plan.outputs if plan.all_inputs(o)]
    assert 0.6 < len(with_input) / SIDE_BY_SIDE_OUTPUTS < 0.8
    assert all(len(plan.all_inputs(o)) == 1 for o in with_input)
    evaluation = evaluate(plan, [], pendulum.Date(2021, 6, 1))
    ours = {key: state.due.on for key, state in evaluation.outputs.items() if state.due is not None}
    expected = {o.id: o.due for o in process.outputs}
    assert ours == expected
    meeting_opens = {m.id: m.opens for m in process.meetings}
    assert all(o.due == meeting_opens[o.meeting.id].subtract(days=42) for o in process.outputs)
    due = {o.id: o.due for o in process.outputs}
    assert all(due[o.input] <= o.due for o in process.outputs if o.input)  # precedes holds as written


def test_tjp_writes_the_variant_both_tools_agree_on(tjp_module: ModuleType) -> None:
    process = tjp_module.side_by_side(SIDE_BY_SIDE_OUTPUTS)
    text = tjp_module.tjp(process, "2021-06-01")
    assert '  timezone "UTC"\n' in text
    assert "depends" not in text
    outputs = [line for line in text.splitlines() if line.startswith("task o")]
    assert len(outputs) == SIDE_BY_SIDE_OUTPUTS
    for output, line in zip(process.outputs, outputs, strict=True):
        assert line.startswith(f'task {output.id} "Output ')
        assert "milestone scheduling alap" in line
        assert f"precedes {output.meeting.id} {{ gapduration 42d }}" in line
    links = sum(line.count(" precedes o") for line in outputs)
    assert links == sum(o.input is not None for o in process.outputs)
    first = process.outputs[1] if process.outputs[1].input else process.outputs[2]
    assert f"precedes {first.id} " in outputs[int(first.input[1:])] + " "
    assert sum(line.startswith("task m") for line in text.splitlines()) == len(process.meetings)


def test_taskjuggler_gives_the_due_dates_mandates_gives(tmp_path: Path, tjp_module: ModuleType) -> None:
    """tj3 (Debian package tj3, installed by .ci/run) schedules the .tjp: every due date equal."""
    tj3 = shutil.which("tj3")
    if tj3 is None:
        pytest.skip("tj3 (TaskJuggler) is not installed: apt-get install tj3")
    process = tjp_module.side_by_side(SIDE_BY_SIDE_OUTPUTS)
    (tmp_path / "side.tjp").write_text(tjp_module.tjp(process, "2021-06-01"), encoding="utf-8")
    command = [tj3, "--silent", "--no-color", "--output-dir", str(tmp_path), str(tmp_path / "side.tjp")]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    with (tmp_path / f"{tjp_module.CSV_REPORT}.csv").open(encoding="utf-8", newline="") as handle:
        theirs = {row["Id"]: row["End"] for row in csv.DictReader(handle, delimiter=";")}
    path = tmp_path / "side.yaml"
    path.write_text(sys.modules["generate"].side_by_side_yaml(process), encoding="utf-8")
    evaluation = evaluate(load_plan(path), [], pendulum.Date(2021, 6, 1))
    ours = {key: state.due.on.isoformat() for key, state in evaluation.outputs.items()
            if state.due is not None and not state.due.is_window}
    assert len(ours) == SIDE_BY_SIDE_OUTPUTS
    assert {k: theirs.get(k) for k in ours} == ours
    ical = (tmp_path / f"{tjp_module.ICAL_REPORT}.ics").read_text(encoding="utf-8")
    assert ical.count("BEGIN:VTODO") == SIDE_BY_SIDE_OUTPUTS + len(process.meetings)
