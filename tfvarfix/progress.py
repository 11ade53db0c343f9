"""A progress bar on stderr for runs that take more than a moment, and only where a person is watching.

Never in a pipe, a CI log (`CI` set) or a dumb terminal (`TERM=dumb`), and rich is imported only once a bar is
shown, so a quick run and every non-interactive run pay nothing for it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

T = TypeVar("T")
DELAY_S = 0.5  # no bar for a run that is done by then


def interactive(stream: TextIO) -> bool:
    """Whether `stream` is a terminal a person reads: not a pipe or a file, not CI, not `TERM=dumb`."""
    if os.environ.get("CI") or os.environ.get("TERM", "") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def track(
    items: Iterable[T], total: int, stream: TextIO | None = None, delay: float = DELAY_S
) -> Iterator[T]:
    """Yield `items`; once `delay` seconds have passed on an interactive `stream`, show a transient bar."""
    out = sys.stderr if stream is None else stream
    if total < 2 or not interactive(out):
        yield from items
        return
    start = time.monotonic()
    bar: Any = None
    task: Any = None
    done = 0
    try:
        for item in items:
            done += 1
            if bar is None and time.monotonic() - start >= delay:
                bar, task = _start(out, total)
            if bar is not None:
                bar.update(task, completed=done)
            yield item
    finally:
        if bar is not None:
            bar.stop()


def _start(out: TextIO, total: int) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("tfvarfix"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=out),
        transient=True,
    )
    task = bar.add_task("check", total=total)
    bar.start()
    return bar, task
