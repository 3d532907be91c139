"""Progress of long work (loading a national graph, validation, synth, a large REM import, derive),
shown on a terminal with rich and silent otherwise: when standard error is not a terminal, or with
``--quiet``. The CLI switches it on; library code only says what it is doing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_enabled = False
_progress = None  # the live rich Progress while at least one step runs
_depth = 0


def enable(on: bool) -> None:
    global _enabled
    _enabled = on


def enabled() -> bool:
    return _enabled


class Step:
    """A running step: ``advance`` moves its bar when it has a total."""

    def __init__(self, progress=None, task=None) -> None:
        self._progress, self._task = progress, task

    def advance(self, amount: float = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, amount)


@contextmanager
def step(description: str, total: float | None = None) -> Iterator[Step]:
    """Show ``description`` (with a bar when ``total`` is known) while the block runs."""
    global _progress, _depth
    if not _enabled:
        yield Step()
        return
    if _progress is None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        _progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        _progress.start()
    _depth += 1
    task = _progress.add_task(description, total=total)
    try:
        yield Step(_progress, task)
    finally:
        _progress.remove_task(task)
        _depth -= 1
        if _depth == 0:
            _progress.stop()
            _progress = None
