"""Store access for a server: many readers or one writer, each job on a worker thread with a
time limit.

rdflib's Dataset is not safe to write while another thread reads it, so every job holds
:class:`ReadWriteLock` for reading (queries, pages) or writing (updates). Jobs run on daemon
threads, at most ``max_running`` at once (the others wait their turn), so the event loop never
waits on the store and a request can stop waiting when its time is up. Neither rdflib nor
pyoxigraph can interrupt a query that is running: a job that outlives its request is told
through its ``cancel`` event (which SELECT row reading checks, see
:func:`kg.web.sparql.answer_query`) and otherwise runs to its end in the background, holding its
slot and its read lock until then. Daemon threads keep such a job from holding up the server's
exit.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.web import ProtocolError

__all__ = ["Job", "JobRunner", "ReadWriteLock", "busy"]

T = TypeVar("T")


def busy(*, write: bool) -> ProtocolError:
    """The 503 for a job that could not take :class:`ReadWriteLock` before its deadline."""
    holder = "queries (some may still run after timing out)" if write else "an update"
    return ProtocolError(503, f"the store is busy with {holder}; try again")


class ReadWriteLock:
    """Any number of readers, or one writer. Readers are not held back by a waiting writer:
    a writer that cannot get in before its deadline is refused instead (a busy store says so
    rather than stalling every page)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self, deadline: float) -> Iterator[None]:
        """Hold the lock for reading; ``deadline`` is a :func:`time.monotonic` time.

        Raises:
            ProtocolError: 503, an update held the store until the deadline.
        """
        with self._condition:
            if not self._condition.wait_for(lambda: not self._writing, _left(deadline)):
                raise busy(write=False)
            self._readers += 1
        try:
            yield
        finally:
            with self._condition:
                self._readers -= 1
                self._condition.notify_all()

    @contextmanager
    def writing(self, deadline: float) -> Iterator[None]:
        """Hold the lock alone, for an update.

        Raises:
            ProtocolError: 503, queries or another update held the store until the deadline.
        """
        with self._condition:
            free = self._condition.wait_for(lambda: not self._writing and self._readers == 0, _left(deadline))
            if not free:
                raise busy(write=True)
            self._writing = True
        try:
            yield
        finally:
            with self._condition:
                self._writing = False
                self._condition.notify_all()


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.0)


@dataclass(frozen=True, slots=True)
class Job(Generic[T]):
    """A job started on a worker thread: its future result and the flag that asks it to stop."""

    future: Future[T]
    cancel: threading.Event = field(default_factory=threading.Event)


class JobRunner:
    """Runs each job on its own daemon thread, at most ``max_running`` at a time; a job that finds
    every slot taken waits (without holding up the event loop) until one frees up or its deadline
    passes. Slots are handed over in the order the jobs asked for them.
    """

    def __init__(self, max_running: int) -> None:
        if max_running < 1:
            raise ValueError(f"max_running must be at least 1, not {max_running}")
        self.max_running = max_running
        self._running = 0
        self._lock = threading.Lock()
        self._waiting: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()

    @property
    def running(self) -> int:
        """Jobs started and not yet finished, including any still running after a timeout."""
        with self._lock:
            return self._running

    async def start(self, work: Callable[[threading.Event], T], deadline: float) -> Job[T]:
        """Start ``work(cancel_event)`` on a new thread once a slot is free.

        Args:
            work: The job.
            deadline: A :func:`time.monotonic` time; waiting for a slot ends there.

        Raises:
            ProtocolError: 503, no slot came free before the deadline.
        """
        loop = asyncio.get_running_loop()
        with self._lock:
            waiter = None
            if self._running < self.max_running and not self._waiting:
                self._running += 1
            else:
                waiter = loop.create_future()
                self._waiting.append((loop, waiter))
        if waiter is not None:
            try:
                await asyncio.wait_for(waiter, _left(deadline))
            except BaseException as exc:
                with self._lock:
                    if (loop, waiter) in self._waiting:
                        self._waiting.remove((loop, waiter))
                if waiter.done() and not waiter.cancelled():  # handed a slot just as it gave up
                    self._release()
                if isinstance(exc, TimeoutError):
                    raise ProtocolError(
                        503,
                        f"all {self.max_running} query slots stayed busy until the time limit (some may "
                        "hold queries that timed out and are still finishing); try again later",
                    ) from None
                raise
        job: Job[T] = Job(Future())

        def run() -> None:
            try:
                if job.future.set_running_or_notify_cancel():
                    try:
                        job.future.set_result(work(job.cancel))
                    except Exception as exc:  # handed to whoever awaits the future
                        job.future.set_exception(exc)
            finally:
                self._release()

        threading.Thread(target=run, name="kg-serve-job", daemon=True).start()
        return job

    def _release(self) -> None:
        """A slot is free: hand it to the first job waiting, or count it free."""
        with self._lock:
            if not self._waiting:
                self._running -= 1
                return
            loop, waiter = self._waiting.popleft()
        loop.call_soon_threadsafe(self._hand_over, waiter)

    def _hand_over(self, waiter: asyncio.Future[None]) -> None:
        if waiter.done():  # it gave up meanwhile: the slot goes to the next in line
            self._release()
        else:
            waiter.set_result(None)
