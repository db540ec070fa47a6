"""The parts of ``kg serve``.

:mod:`kg.web.sparql` reads and answers SPARQL 1.1 Protocol operations, after
:mod:`kg.web.keywords` has made sure no reading of their text would fetch a URL; :mod:`kg.web.jobs`
runs them on worker threads under a readers-writer lock with a time limit; :mod:`kg.read.facts` and
:mod:`kg.read.search` read an entity's page and search hits out of the store as plain records;
:mod:`kg.web.pages` renders those records as offline HTML; :mod:`kg.web.app` wires all of it to
Starlette; :mod:`kg.web.serve` listens with uvicorn and is the ``kg serve`` command.

Every refusal is a :class:`ProtocolError`: an HTTP status and a one-line message that says what
was wrong and what to send instead. The server turns it into a ``text/plain`` response.
"""

from __future__ import annotations

from kg.errors import KGError

__all__ = ["ProtocolError"]


class ProtocolError(KGError):
    """A request the endpoint answers with an error status.

    Attributes:
        status: The HTTP status code (400, 403, 406, 413, 415, 503, ...).
        message: One line, safe to show to the client.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
