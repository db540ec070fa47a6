"""The build's progress display: drawn on a terminal only, quiet otherwise."""

from __future__ import annotations

import io
import logging
import sys
import time

from rich.console import Console

from kg.cli.progress import build_progress


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    sink = io.StringIO()
    return Console(file=sink, force_terminal=terminal, width=100), sink


def test_progress_is_off_when_quiet_or_not_a_terminal() -> None:
    for quiet, terminal in ((True, True), (False, False)):
        console, sink = _console(terminal)
        with build_progress(quiet=quiet, console=console) as progress:
            assert progress is None
        assert sink.getvalue() == ""


def test_progress_shows_done_total_and_rate_on_a_terminal() -> None:
    console, sink = _console(terminal=True)
    with build_progress(console=console) as progress:
        assert progress is not None
        progress(1, 4)
        time.sleep(0.01)  # two samples apart in time give a rate
        progress(3, 4)
    drawn = sink.getvalue()  # the last frame, drawn as the display stops
    assert "3/4" in drawn
    assert "articles/s" in drawn


def test_progress_prints_log_lines_above_the_display() -> None:
    """A warning during the build goes through the display (printed above the bar), not
    straight to the terminal where the next redraw would overwrite it."""
    logger = logging.getLogger("kg")
    handler = logging.StreamHandler(sys.stderr)
    logger.addHandler(handler)
    try:
        console, sink = _console(terminal=True)
        with build_progress(console=console) as progress:
            assert progress is not None
            assert handler.stream is sys.stderr is not sys.__stderr__  # rich's stand-in
            logger.warning("a file was skipped")
        assert handler.stream is sys.stderr  # the real one again
    finally:
        logger.removeHandler(handler)
    assert "a file was skipped" in sink.getvalue()
