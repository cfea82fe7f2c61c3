"""Progress of `mandates brief` while it works (evaluating, comparing, writing): a rich
spinner with the current step on a terminal, nothing at all when the output is not a terminal
(scripts, cron, CI, pipes), so that a script's output stays what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

Step = Callable[[str], None]


@contextmanager
def briefing_progress(console: Console | None = None) -> Iterator[Step]:
    """A function that names the step now under way, shown on `console` (default: standard
    error) only when it is a terminal; the display is removed when the block ends."""
    shown = console or Console(stderr=True)
    if not shown.is_terminal:
        yield lambda _label: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn  # a terminal only

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=shown, transient=True) as progress:
        task = progress.add_task("", total=None)

        def step(label: str) -> None:
            progress.update(task, description=label)

        yield step
