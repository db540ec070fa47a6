"""A file written by another writer (DuckDB's ``COPY ... TO``) streamed into a Python byte stream
as it is written, through a named pipe: an answer of gigabytes reaches standard output at the
speed of DuckDB's own CSV writer, with no file on disk and no row passing through Python.

DuckDB writes only to paths; ``/dev/stdout`` would do for a terminal or a pipe but not for a
redirected file, which DuckDB would reopen and truncate (``>>`` included). A named pipe in a
private temporary folder is a path that leads here instead.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, TypeVar

__all__ = ["through_pipe"]

T = TypeVar("T")

#: Bytes read from the pipe at a time.
_CHUNK = 1 << 20


def through_pipe(write: Callable[[Path], T], out: BinaryIO) -> T:
    """Run ``write(path)`` on a thread of its own, ``path`` being a named pipe, and copy what it
    writes there to ``out`` as it comes; what ``write`` returns.

    Both ends are open before ``write`` starts, and this side's spare writing end is closed when
    ``write`` ends, however it ends, so neither side waits for the other forever: a ``write``
    that fails before opening the path ends the copy; an ``out`` that fails (a closed pipe
    downstream) closes the reading end, and the writer's next write fails.

    Raises:
        Exception: what ``write`` raised, or what writing to ``out`` raised.
    """
    with tempfile.TemporaryDirectory(prefix="kg-pipe-") as folder:
        path = Path(folder) / "answer"
        os.mkfifo(path, 0o600)
        reading = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opens without waiting for a writer
        spare = os.open(path, os.O_WRONLY)  # no end of file before the writer is done
        os.set_blocking(reading, True)

        def run() -> T:
            try:
                return write(path)
            finally:
                os.close(spare)

        with ThreadPoolExecutor(max_workers=1) as pool:
            written = pool.submit(run)
            try:
                while chunk := os.read(reading, _CHUNK):
                    out.write(chunk)
            finally:
                os.close(reading)
            return written.result()
