"""Lines of bytes sorted in bounded memory: an external merge sort for the N-Quads export.

A :class:`LineSorter` is a binary file to write into (pyoxigraph's ``Store.dump`` writes its
N-Quads into one as it reads the store). It keeps at most :data:`RUN_BYTES` of text in memory:
past that, the whole lines it holds are sorted and spilled as a run to an unnamed temporary
file in the folder it was given, and :meth:`LineSorter.lines` merges the runs. Memory follows
the run size, not the store; a process killed on the way leaves no file behind (the runs have
no name on disk).

Lines compare as bytes, which for UTF-8 is code point order: the order ``sorted()`` gives the
same lines as ``str``. They are split on ``\\n`` only: N-Quads escapes line feeds and carriage
returns inside literals but keeps U+2028 and U+0085 raw, which ``splitlines`` would split on.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

__all__ = ["RUN_BYTES", "LineSorter"]

#: Text held in memory before a sorted run is spilled to disk: about three times as much
#: memory once split into lines and sorted.
RUN_BYTES = 32 * 1024 * 1024


class LineSorter:
    """Collects newline-terminated lines, written in pieces of any size, and gives them back sorted.

    Args:
        spill_dir: Where runs go once the text outgrows ``run_bytes``: the folder being written to.
        run_bytes: Text held in memory before a run is spilled (default :data:`RUN_BYTES`).
        transform: Applied to each block of whole lines before it is split (a rewrite that
            cannot change where lines end).
    """

    def __init__(
        self,
        spill_dir: Path,
        run_bytes: int | None = None,
        transform: Callable[[bytes], bytes] | None = None,
    ) -> None:
        self._spill_dir = spill_dir
        self._run_bytes = RUN_BYTES if run_bytes is None else run_bytes
        self._transform = transform
        self._pending: list[bytes] = []
        self._size = 0
        self._runs: list[IO[bytes]] = []
        self._open_line = False

    def write(self, data: bytes) -> int:
        """Take a piece of text; a file's ``write``, so a serializer can write into the sorter."""
        piece = bytes(data)
        if piece:
            self._pending.append(piece)
            self._size += len(piece)
            self._open_line = not piece.endswith(b"\n")
        if self._size >= self._run_bytes:
            self._spill()
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: a file's ``flush``, for serializers that call it."""

    def lines(self, *, unique: bool = False) -> Iterator[bytes]:
        """Every line written, sorted, each ending in ``\\n``; ``unique`` drops repeats. Once only:
        the runs are closed (and so gone) when the iteration ends."""
        if self._open_line:
            self.write(b"\n")  # a last line without its newline is still a line
        try:
            if not self._runs:
                yield from _deduplicated((line + b"\n" for line in self._sorted_block()), unique)
                return
            self._spill()
            yield from _deduplicated(heapq.merge(*self._runs), unique)
        finally:
            self.close()

    def blocks(self, *, unique: bool = False, block_lines: int = 4096) -> Iterator[bytes]:
        """:meth:`lines`, joined in blocks of ``block_lines``: fewer, larger writes."""
        batch: list[bytes] = []
        for line in self.lines(unique=unique):
            batch.append(line)
            if len(batch) == block_lines:
                yield b"".join(batch)
                batch = []
        if batch:
            yield b"".join(batch)

    def close(self) -> None:
        """Drop the runs (their files vanish as they close)."""
        for run in self._runs:
            run.close()
        self._runs = []

    def _sorted_block(self) -> list[bytes]:
        """The whole lines held, sorted; a trailing piece without its newline stays pending."""
        text = b"".join(self._pending)
        end = text.rfind(b"\n") + 1
        self._pending = [text[end:]] if end < len(text) else []
        self._size = len(text) - end
        block = text[:end] if end < len(text) else text
        del text  # one copy of the run at a time
        if self._transform is not None:
            block = self._transform(block)
        lines = block.split(b"\n")
        lines.pop()  # the empty piece after the last newline
        lines.sort()
        return lines

    def _spill(self) -> None:
        lines = self._sorted_block()
        if not lines:
            return
        run = tempfile.TemporaryFile(dir=self._spill_dir)
        run.write(b"\n".join(lines))
        run.write(b"\n")
        run.seek(0)
        self._runs.append(run)


def _deduplicated(lines: Iterable[bytes], unique: bool) -> Iterator[bytes]:
    if not unique:
        yield from lines
        return
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line
