"""Files written whole or not at all, and what a failed write means for the user.

Exports, tables, the HTML view and the store's journal go through :func:`write_whole`: each new
file is written under a temporary name beside the old one and reaches the disk before any old
file is replaced, by one rename each. A process killed on the way, or a disk that fills up,
leaves the old files or the new ones, never half a file. A temporary name carries the writer's
process id (``.graph.trig.1234.tmp``), so concurrent writers never share one, and what a killed
writer left behind is removed by the next write of the same file.

:func:`explain` turns an ``OSError`` into its reason and what to do about it, for one-line error
messages; it also reads Oxigraph's I/O errors, which carry their reason only in their text.

:func:`ontology_dir` finds the data files that ship with the package (ontology, shapes, JSON-LD
context, gazetteer, canned queries) and :func:`read_json` reads one; they live here, at the
bottom, because the extractor's gazetteer needs them and must not import the RDF layer.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kg.errors import ExportError, OntologyError

__all__ = ["Writer", "check_writable", "explain", "ontology_dir", "read_json", "write_files", "write_whole"]

#: Fills the temporary file it is given with the new content.
Writer = Callable[[Path], object]

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
# Oxigraph (RocksDB) reports no errno, only strerror's text inside its message.
_FULL_TEXT = ("no space left on device", "disk quota exceeded", "file too large")
_READ_ONLY_TEXT = ("read-only file system", "permission denied", "operation not permitted")


def write_whole(writers: Mapping[Path, Writer]) -> None:
    """Write every file with its writer; the old files are replaced only once all new ones are on disk.

    Raises:
        OSError: a file cannot be written; ``filename`` names the file meant, not its temporary
            name. No file has changed then (unless the failure came while renaming, once every
            new file was on disk), and no temporary file is left.
    """
    temporary: dict[Path, Path] = {}
    current = Path()
    try:
        for current, write in writers.items():
            current.parent.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(current)
            temporary[current] = current.with_name(f".{current.name}.{os.getpid()}.tmp")
            write(temporary[current])
            _fsync(temporary[current])
        for current, tmp in temporary.items():
            os.replace(tmp, current)
        for current in sorted({path.parent for path in temporary}):
            _fsync(current)  # the renames themselves reach the disk
    except BaseException as exc:
        for tmp in temporary.values():
            with contextlib.suppress(OSError):  # a read-only folder refuses even this (EROFS)
                tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror or str(exc), str(current)) from exc
        raise


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and make sure it takes files: a check before long work.

    Raises:
        OSError: it does not (read-only, no permission, not a folder).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


def explain(exc: Exception) -> str:
    """The reason ``exc`` gives, followed by what to do where a full disk or a read-only folder
    is the cause."""
    reason = getattr(exc, "strerror", None) or str(exc)
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    if code in _FULL or any(words in text for words in _FULL_TEXT):
        return f"{reason}; free some disk space or write to another folder"
    if code in _READ_ONLY or any(words in text for words in _READ_ONLY_TEXT):
        return f"{reason}; make the folder writable or write to another folder"
    return reason


def _remove_leftovers(path: Path) -> None:
    """Remove the temporary files of ``path`` whose writers are gone (killed on the way)."""
    name = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.tmp")
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        found = name.fullmatch(leftover.name)
        if found and not _alive(int(found[1])):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def ontology_dir() -> Path:
    """The folder holding ckg.ttl, shapes.ttl, context.jsonld and the gazetteer.

    An installed wheel carries it as ``kg/_ontology``; a source checkout has it beside ``kg/``.
    """
    packaged = Path(__file__).parent / "_ontology"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "ontology"


def read_json(path: Path | str) -> Any:
    """Parse a JSON file of ontology/; every failure is an OntologyError naming the file."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as exc:
        raise OntologyError(
            f"{path}: no such file; it ships in the ontology folder, reinstall ConflictKG"
        ) from exc
    except json.JSONDecodeError as exc:
        raise OntologyError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise OntologyError(f"{path}: cannot read: {exc}") from exc


def write_files(writers: Mapping[Path, Writer]) -> None:
    """Write the files whole, all or none (see :func:`kg.files.write_whole`).

    Raises:
        ExportError: a file cannot be written; the message names it, the reason and the remedy.
    """
    try:
        write_whole(writers)
    except OSError as exc:
        raise ExportError(f"cannot write {exc.filename}: {explain(exc)}") from exc
