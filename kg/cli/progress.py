"""The progress display of ``kg build`` on a terminal: articles done / total, articles/s, ETA.

Only the command line uses it, and only on a terminal: in CI, in a pipe or with ``-q`` there
is nothing to watch, and a redrawn line would only clutter the log. Log lines written while
the display runs are printed above it instead of through it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from kg.builder.build import ProgressCallback

__all__ = ["build_progress"]


class _RateColumn(ProgressColumn):
    """Articles per second over the last half minute (rich's own speed estimate)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "", style="progress.data.speed")


@contextmanager
def build_progress(quiet: bool = False, console: Console | None = None) -> Iterator[ProgressCallback | None]:
    """A callback for :func:`kg.builder.build.build`'s ``progress``, drawing on ``console`` (default:
    stderr); None when quiet or when the console is not a terminal."""
    console = console or Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    display = Progress(
        TextColumn("articles"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,  # stdout is the summary's, maybe a file
    )
    task = display.add_task("articles", total=None)

    def update(done: int, total: int | None) -> None:
        display.update(task, completed=done, total=total)

    real_stderr = sys.stderr
    with display:
        with _logging_to(real_stderr, sys.stderr):  # rich's stand-in for stderr while it draws
            yield update


@contextmanager
def _logging_to(old: object, new: object) -> Iterator[None]:
    """Point the ``kg`` log handlers that write to ``old`` at ``new`` for a while."""
    handlers = [
        h
        for h in logging.getLogger("kg").handlers
        if isinstance(h, logging.StreamHandler) and h.stream is old and new is not old
    ]
    for handler in handlers:
        handler.setStream(new)
    try:
        yield
    finally:
        for handler in handlers:
            handler.setStream(old)
