"""Garbage collection in a flow run's process: none over the imports, none of them at exit (issue 12).

A flow run's process imports Prefect and the flow (about 170,000 objects, nearly all of them
kept until the process ends) and then runs for a few seconds. Python's cyclic collector walks
those objects again and again: full collections during the imports, and one more when the
interpreter shuts down. Measured on the bundled daily check against a running server (Prefect
3.8.8, CPU time of the whole process, `os.wait4`): about 0.3 s of collections during the run and
0.45 s at exit, a fifth of the run's CPU. So:

- `imports_uncollected()` holds the collector off while the flow's modules are imported
  (`mandates run`), then moves every object alive into the permanent generation
  (`gc.freeze`), which collections skip;
- `settle()`, at the end of a flow module's imports (also when Prefect's runner or worker
  imports it in the run's subprocess), freezes what the imports made, and registers one more
  freeze at exit, so that the shutdown's collection walks only what the run left.

The run's own objects are collected as before: only what exists at those points is set aside,
the modules' objects, which live until the process ends anyway, and the little garbage the
imports left in cycles, which then stays until the process ends. No I/O, no Prefect.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_at_exit = False


def settle() -> None:
    """Freeze every object alive now (`gc.freeze`) and, once per process, again at exit (the
    exit handler runs after those registered later, such as Prefect's event flushing)."""
    global _at_exit
    gc.freeze()
    if not _at_exit:
        atexit.register(gc.freeze)
        _at_exit = True


@contextmanager
def imports_uncollected() -> Iterator[None]:
    """No cyclic collection inside the block (imports), then `settle`; the collector is left as
    it was found (enabled or not)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        settle()
        if enabled:
            gc.enable()
