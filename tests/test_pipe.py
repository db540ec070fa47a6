"""A file another writer writes, streamed through a named pipe (kg query --format csv from the
figures table, where DuckDB writes the CSV): every byte arrives, and a failure on either side
ends both without a hang."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from kg.read.pipe import through_pipe

T = TypeVar("T")


def _within(seconds: float, run: Callable[[], T]) -> T:
    """What ``run()`` returns or raises, failing the test where it has not ended in ``seconds``."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = run()
        except BaseException as exc:  # handed to the test
            outcome["raised"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s: the pipe's two ends wait for each other"
    if "raised" in outcome:
        raise outcome["raised"]
    value: T = outcome["value"]
    return value


def test_pipe_copies_every_byte_and_returns_what_the_writer_returns() -> None:
    data = bytes(range(256)) * 40_000  # 10 MB, many times the pipe's buffer

    def write(path: Path) -> int:
        with path.open("wb") as out:
            for start in range(0, len(data), 65_536):
                out.write(data[start : start + 65_536])
        return 7

    out = io.BytesIO()
    assert _within(30, lambda: through_pipe(write, out)) == 7
    assert out.getvalue() == data


def test_pipe_writer_that_fails_before_opening_the_path_ends_the_copy() -> None:
    def write(path: Path) -> int:
        raise ValueError("bad parameter")

    out = io.BytesIO()
    with pytest.raises(ValueError, match="bad parameter"):
        _within(30, lambda: through_pipe(write, out))
    assert out.getvalue() == b""


def test_pipe_reader_gone_stops_a_writer_that_would_write_forever() -> None:
    class Closed(io.BytesIO):
        def write(self, data: object) -> int:
            raise BrokenPipeError("the reader went away")

    def write(path: Path) -> int:
        with path.open("wb") as out:
            while True:  # ends only when its write fails
                out.write(b"x" * 65_536)

    with pytest.raises(BrokenPipeError):
        _within(30, lambda: through_pipe(write, Closed()))


@pytest.mark.slow
def test_kg_query_csv_from_the_table_appends_to_a_redirected_file(seed_store: Path, tmp_path: Path) -> None:
    """DuckDB writes the CSV into a pipe, not to /dev/stdout: a file the shell opened for
    appending (>>) keeps what it held, and the answer follows it whole."""
    command = [sys.executable, "-m", "kg", "query", "--name", "claims", "--format", "csv"]
    command += ["--store", str(seed_store)]
    answer = subprocess.run(command, capture_output=True, check=True).stdout
    assert answer.startswith(b"date,claimants,") and answer.count(b"\r\n") > 20
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"earlier lines\n")
    with kept.open("ab") as appended:
        subprocess.run(command, stdout=appended, check=True)
    assert kept.read_bytes() == b"earlier lines\n" + answer
    head = subprocess.run(f"{' '.join(command)} | head -c 10", shell=True, capture_output=True, check=True)
    assert head.stdout == answer[:10] and b"Traceback" not in head.stderr
