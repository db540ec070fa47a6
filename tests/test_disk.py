"""A full disk or a read-only folder: one line naming the path, exit 1, and nothing lost.

These need real write failures. Without root, chmod makes a folder read-only; as root, where
chmod stops nothing, a read-only bind mount of the folder does. A full disk is a small tmpfs
filled to its last byte (root only); in its place, the export tests also run `kg` in a child
process whose RLIMIT_FSIZE is below the size of an export, which fails with EFBIG, a write
failure too. Each test skips, saying why, where its way is not available.

The command tests start from a copy of the seed build (store and exports) and check afterwards
that the store's sorted N-Quads and the exports' bytes are what they were. The first tests
check the file writer itself, with a writer that fails.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest

from kg.cli import main
from kg.files import write_whole
from kg.store.oxigraph import BULK_FILES, JOURNAL, WAS_EMPTY

FIRST = "000_495f311b93d16d41.txt"
#: Below the size of graph.nq of the seeds (about 1.1 MB), above any file the store writes when
#: it is opened (its LOG, about 140 kB).
FILE_SIZE_LIMIT = 400_000

#: `kg` with RLIMIT_FSIZE set (argv[1]); a write past it fails with EFBIG instead of a signal.
_LIMITED_KG = """
import resource, signal, sys
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
from kg.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_disk_write_whole_replaces_all_files_or_none(tmp_path: Path) -> None:
    old = {tmp_path / "a.txt": b"old a", tmp_path / "b.txt": b"old b"}
    for path, content in old.items():
        path.write_bytes(content)

    def fail(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left") as failed:
        write_whole({tmp_path / "a.txt": lambda tmp: tmp.write_bytes(b"new a"), tmp_path / "b.txt": fail})
    assert failed.value.filename == str(tmp_path / "b.txt")  # the file meant, not its temporary name
    assert {path: path.read_bytes() for path in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    write_whole({path: lambda tmp: tmp.write_bytes(b"new") for path in old})
    assert {path.read_bytes() for path in old} == {b"new"}


def test_disk_write_whole_removes_what_dead_writers_left(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", "pass"]) as dead:
        dead.wait()
    left_by_dead = tmp_path / f".graph.nq.{dead.pid}.tmp"
    being_written = tmp_path / f".graph.nq.{os.getppid()}.tmp"  # a live process's
    other_file = tmp_path / f".graph.ttl.{dead.pid}.tmp"
    for path in (left_by_dead, being_written, other_file):
        path.write_bytes(b"half")
    write_whole({tmp_path / "graph.nq": lambda tmp: tmp.write_bytes(b"whole")})
    assert not left_by_dead.exists() and being_written.exists() and other_file.exists()
    assert (tmp_path / "graph.nq").read_bytes() == b"whole"


class _Tmpfs:
    """A small tmpfs: ``fill`` takes its last free byte, ``free`` gives the space back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._filler = path / ".filler"

    def fill(self) -> None:
        descriptor = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for size in (1 << 20, 1 << 16, 1 << 12, 1):
                while True:
                    try:
                        os.write(descriptor, bytes(size))
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC, exc
                        break
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self._filler.unlink()


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[_Tmpfs]:
    if os.geteuid() != 0:
        pytest.skip("a full disk here is a small tmpfs, and only root can mount one")
    mount_point = tmp_path / "tmpfs"
    mount_point.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount_point)):
        pytest.skip("running as root, but mounting a tmpfs is not permitted here")
    yield _Tmpfs(mount_point)
    subprocess.run(["umount", str(mount_point)], check=True)


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """``folder`` refuses writes: chmod without root, a read-only bind mount as root."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            if os.access(folder, os.W_OK):
                pytest.skip("chmod does not stop this user's writes")
            yield
        finally:
            folder.chmod(mode)
        return
    if not _mount("--bind", str(folder), str(folder)):
        pytest.skip("running as root, where chmod does not stop writes, and bind mounts are not permitted")
    try:
        if not _mount("-o", "remount,bind,ro", str(folder)):
            pytest.skip("running as root, where chmod does not stop writes, and remounting read-only fails")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def copy_of_seed_build(seed_build: tuple) -> Callable[[Path], Path]:  # type: ignore[type-arg]
    """``(folder) -> folder``: the seed build's store and exports, copied there."""
    _, built = seed_build
    return lambda folder: Path(shutil.copytree(built, folder, ignore=shutil.ignore_patterns(".*")))


@pytest.fixture
def new_article(tmp_path: Path, seeds_dir: Path) -> Path:
    """The seeds (already in the store) and one article that is not: a build has one batch to write."""
    folder = Path(shutil.copytree(seeds_dir, tmp_path / "in"))
    (folder / "003_extra.txt").write_text("Ukrainian forces shelled positions near Kursk, officials said.\n")
    return folder


def _fill_after(monkeypatch: pytest.MonkeyPatch, module: str, name: str, disk: _Tmpfs) -> None:
    """The disk is full once ``module.name`` has run, the store's opening or its journal's writing."""
    where = import_module(module)
    done = getattr(where, name)

    def then_fill(*args: object, **kwargs: object) -> object:
        result = done(*args, **kwargs)
        disk.fill()
        return result

    monkeypatch.setattr(where, name, then_fill)


def _exports(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("graph.*"))}


def _assert_one_line(err: str, *parts: str) -> None:
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for part in parts:
        assert part in err, err


def _assert_no_leftovers(*folders: Path) -> None:
    for folder in folders:
        left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.match(BULK_FILES)]
        assert not left and not (folder / JOURNAL).exists() and not (folder / WAS_EMPTY).exists(), left


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "name"),
    [("kg.builder.build", "open_store"), ("kg.store.oxigraph", "write_whole")],
    ids=["before the journal", "after the journal"],
)
def test_disk_full_store_write_in_build_loses_nothing(  # type: ignore[no-untyped-def]
    tmpfs: _Tmpfs,
    copy_of_seed_build,
    new_article: Path,
    monkeypatch,
    capsys,
    store_nquads,
    module: str,
    name: str,
) -> None:
    out = copy_of_seed_build(tmpfs.path / "out")
    store_before, exports_before = store_nquads(out / "store"), _exports(out)
    _fill_after(monkeypatch, module, name, tmpfs)
    assert main(["build", str(new_article), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    _assert_one_line(
        err, f"writing to the Oxigraph store at {out / 'store'} failed", "No space left on device"
    )
    assert err.endswith(
        ("; the store is as it was\n", "; the part written is undone when the store is next opened\n")
    )
    tmpfs.free()
    assert store_nquads(out / "store") == store_before  # opened: a write left half done is undone
    assert _exports(out) == exports_before
    _assert_no_leftovers(out, out / "store")


@pytest.mark.slow
def test_disk_full_store_write_in_remove_loses_nothing(  # type: ignore[no-untyped-def]
    tmpfs: _Tmpfs, copy_of_seed_build, monkeypatch, capsys, store_nquads
) -> None:
    out = copy_of_seed_build(tmpfs.path / "out")
    store_before, exports_before = store_nquads(out / "store"), _exports(out)
    _fill_after(monkeypatch, "kg.store", "open_store", tmpfs)
    assert main(["remove", FIRST, "--out", str(out)]) == 1
    _assert_one_line(
        capsys.readouterr().err,
        f"writing to the Oxigraph store at {out / 'store'} failed",
        "No space left on device",
        "the store is as it was",
    )
    tmpfs.free()
    assert store_nquads(out / "store") == store_before
    assert _exports(out) == exports_before
    _assert_no_leftovers(out, out / "store")


@dataclass(frozen=True, slots=True)
class _FullDisk:
    """An output folder, and ``run(kg arguments) -> (exit status, stderr)`` where that folder
    cannot take a file the size of an export."""

    out: Path
    run: Callable[[list[str]], tuple[int, str]]


@pytest.fixture(params=["tmpfs", "file-size-limit"])
def full_disk(request: pytest.FixtureRequest, tmp_path: Path) -> _FullDisk:
    if request.param == "tmpfs":
        disk: _Tmpfs = request.getfixturevalue("tmpfs")
        capsys: pytest.CaptureFixture[str] = request.getfixturevalue("capsys")

        def on_full_tmpfs(args: list[str]) -> tuple[int, str]:
            disk.fill()
            try:
                return main(args), capsys.readouterr().err
            finally:
                disk.free()

        return _FullDisk(disk.path / "out", on_full_tmpfs)

    def with_file_size_limit(args: list[str]) -> tuple[int, str]:
        command = [sys.executable, "-c", _LIMITED_KG, str(FILE_SIZE_LIMIT), *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.returncode, done.stderr

    return _FullDisk(tmp_path / "out", with_file_size_limit)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "export"])
def test_disk_full_exports_keep_the_old_files_whole(  # type: ignore[no-untyped-def]
    full_disk: _FullDisk, copy_of_seed_build, tmp_path: Path, seeds_dir: Path, command: str, store_nquads
) -> None:
    built = copy_of_seed_build(tmp_path / "built")
    store, out = built / "store", full_disk.out
    out.mkdir()
    for name, content in _exports(built).items():
        (out / name).write_bytes(content)
    store_before, exports_before = store_nquads(store), _exports(out)
    args = {
        "build": ["build", str(seeds_dir), "--out", str(out), "--store", str(store)],
        "export": ["export", "--format", "nquads", "--store", str(store), "--out", str(out)],
    }[command]
    status, err = full_disk.run(args)
    assert status == 1
    _assert_one_line(err, f"error: cannot write {out}{os.sep}graph.", "; free some disk space")
    assert store_nquads(store) == store_before
    assert _exports(out) == exports_before
    _assert_no_leftovers(out)


@pytest.mark.slow
def test_disk_read_only_out_folder_stops_build_and_remove_before_the_store(  # type: ignore[no-untyped-def]
    copy_of_seed_build, tmp_path: Path, new_article: Path, capsys, store_nquads
) -> None:
    out = copy_of_seed_build(tmp_path / "out")
    store = copy_of_seed_build(tmp_path / "elsewhere") / "store"
    stores_before = store_nquads(out / "store"), store_nquads(store)
    exports_before = _exports(out)
    with _read_only(out):
        assert main(["build", str(new_article), "--out", str(out)]) == 1
        _assert_one_line(capsys.readouterr().err, f"cannot write to the output folder {out}: ", "writable")
        assert main(["remove", FIRST, "--out", str(out), "--store", str(store)]) == 1
        _assert_one_line(capsys.readouterr().err, f"cannot write to the output folder {out}: ", "writable")
    assert (store_nquads(out / "store"), store_nquads(store)) == stores_before
    assert _exports(out) == exports_before


@pytest.mark.slow
def test_disk_figures_csv_into_a_read_only_folder_is_one_line(  # type: ignore[no-untyped-def]
    copy_of_seed_build, tmp_path: Path, capsys
) -> None:
    """DuckDB writes the CSV of kg figures itself (from the store's figures table): its refusal
    is one line naming the file, and the old file stays."""
    store = copy_of_seed_build(tmp_path / "built") / "store"
    out = tmp_path / "out"
    out.mkdir()
    (out / "figures.csv").write_text("old\n")
    with _read_only(out):
        assert main(["figures", "--store", str(store), "--csv", str(out / "figures.csv")]) == 1
        _assert_one_line(capsys.readouterr().err, f"cannot write {out / 'figures.csv'}: ", "writable")
    assert (out / "figures.csv").read_text() == "old\n"
    assert main(["figures", "--store", str(store), "--csv", str(out / "figures.csv")]) == 0
    assert (out / "figures.csv").read_text().startswith("id,group,measure,date,")
    _assert_no_leftovers(out)


@pytest.mark.slow
def test_disk_read_only_store_folder_is_one_line_for_build_and_remove(  # type: ignore[no-untyped-def]
    copy_of_seed_build, tmp_path: Path, new_article: Path, capsys, store_nquads
) -> None:
    store = copy_of_seed_build(tmp_path / "built") / "store"
    out = tmp_path / "out"
    before = store_nquads(store)
    with _read_only(store):
        for args in (
            ["build", str(new_article), "--out", str(out), "--store", str(store)],
            ["remove", FIRST, "--out", str(out), "--store", str(store)],
        ):
            assert main(args) == 1
            _assert_one_line(
                capsys.readouterr().err,
                f"cannot open the Oxigraph store at {store}: ",
                "make the folder writable",
            )
    assert store_nquads(store) == before
