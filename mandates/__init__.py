"""mandates: mandated outputs and deadlines of intergovernmental processes.

The public API, usable without the command line (imported lazily, so `import mandates` is cheap):

- `load_plan(path=None, process_id=None) -> Plan`: a process from a file or folder (default: the
  bundled CBD/WG2020/REC/1/1 process); raises `ConfigError` listing every problem with file:line.
- `evaluate(plan, facts, as_of) -> Evaluation`: the state of the process as of a date (pure).
- `Store(url=None)`: the facts database (SQLite by default, PostgreSQL by URL).
- `MandatesError`: the base of every error raised on purpose (`mandates.errors`), with its
  `exit_code` and `http_status`.

Packages by concern (docs/architecture.md): `core` (pure), `config`, `words`, `store`,
`report`, `feeds`, `briefing`, `alerts`; the edges are `cli` and `web`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["ConfigError", "Evaluation", "MandatesError", "Plan", "Store", "__version__", "evaluate",
           "load_plan"]

if TYPE_CHECKING:
    from mandates.config.processes import load_process as load_plan
    from mandates.core.evaluate import Evaluation, evaluate
    from mandates.core.plan import Plan
    from mandates.errors import ConfigError, MandatesError
    from mandates.store.db import Store

_LAZY = {
    "load_plan": ("mandates.config.processes", "load_process"),
    "ConfigError": ("mandates.errors", "ConfigError"),
    "MandatesError": ("mandates.errors", "MandatesError"),
    "evaluate": ("mandates.core.evaluate", "evaluate"),
    "Evaluation": ("mandates.core.evaluate", "Evaluation"),
    "Plan": ("mandates.core.plan", "Plan"),
    "Store": ("mandates.store.db", "Store"),
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module 'mandates' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _LAZY[name]
    return getattr(import_module(module), attribute)
