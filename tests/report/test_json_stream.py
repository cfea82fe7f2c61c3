"""`mandates check --format json` is written item by item (issue 12): the same bytes as
`json.dumps(evaluation_dict(...), ensure_ascii=False, indent=2)` and a newline, for the bundled
process on days across its history (both `--assumed` modes, Chinese text, empty lists) and for a
synthetic process longer than one batch of items."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pendulum
import pytest

from mandates.config.loader import load_plan
from mandates.core.evaluate import evaluate
from mandates.core.plan import Plan
from mandates.report.jsondoc import evaluation_dict, json_chunks, write_json

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def generate(outputs: int) -> str:
    """A synthetic process (bench/generate.py) of `outputs` outputs."""
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    text: str = module.generate(outputs)
    return text


def expected(plan: Plan, day: str, assumed: str) -> bytes:
    evaluation = evaluate(plan, [], pendulum.parse(day).date())  # type: ignore[union-attr]
    text = json.dumps(evaluation_dict(evaluation, assumed), ensure_ascii=False, indent=2) + "\n"  # type: ignore[arg-type]
    return text.encode("utf-8")


@pytest.mark.parametrize("day", ["2019-06-01", "2020-01-06", "2021-10-16", "2023-01-01"])
@pytest.mark.parametrize("assumed", ["show", "hide"])
def test_the_streamed_check_is_the_document_byte_for_byte(bundled_plan: Plan, day: str,
                                                           assumed: str) -> None:
    evaluation = evaluate(bundled_plan, [], pendulum.parse(day).date())  # type: ignore[union-attr]
    assert b"".join(json_chunks(evaluation, assumed)) == expected(bundled_plan, day, assumed)  # type: ignore[arg-type]


def test_a_long_process_streams_in_batches(tmp_path: Path) -> None:
    file = tmp_path / "p1100.yaml"
    file.write_text(generate(1100), encoding="utf-8")
    plan = load_plan(file)
    evaluation = evaluate(plan, [], pendulum.Date(2021, 3, 1))
    chunks = list(json_chunks(evaluation))
    assert b"".join(chunks) == expected(plan, "2021-03-01", "show")
    assert max(len(c) for c in chunks) < len(b"".join(chunks)) / 2  # never the whole document


def test_a_text_stream_without_a_buffer_gets_the_same_text(bundled_plan: Plan) -> None:
    evaluation = evaluate(bundled_plan, [], pendulum.Date(2021, 10, 16))
    stream = io.StringIO()
    write_json(stream, evaluation)
    assert stream.getvalue().encode("utf-8") == expected(bundled_plan, "2021-10-16", "show")
