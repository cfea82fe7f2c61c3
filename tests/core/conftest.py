"""tests/core: the named fixtures of the living plan (`living.py`) are importable by its tests."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)  # pytest runs with --import-mode=importlib: helpers are not on the path
