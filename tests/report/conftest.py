"""Fixtures of the report tests: the living-plan check (`living.py`, loaded by path)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from mandates.core.plan import Plan


@pytest.fixture(scope="session")
def lp() -> ModuleType:
    """tests/report/living.py: the living-plan check's data and constants."""
    path = Path(__file__).with_name("living.py")
    spec = importlib.util.spec_from_file_location("report_living", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def living(lp: ModuleType, bundled_plan: Plan) -> Any:
    """The living-plan check as of 1 March 2020 (`living.Living`)."""
    return lp.living(bundled_plan)
