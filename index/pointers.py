"""The index directory's bookkeeping: which build is live (`CURRENT`), which was live before it (`PREVIOUS`, the
rollback), who is reading a build (a lease), and one builder at a time (`.lock`).

Builds are found through the pointers only, never guessed from modification times: a build renamed into place
but never switched to (a build killed between the two steps) is an orphan, and the next build removes it. A build
is removed by first renaming it out of the `v*` namespace, so a removal killed half-way leaves no half-deleted
build that looks readable. A reader holds a shared lock on its build's `lease` file; a build is removed only when
no reader holds one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from index.errors import IndexBusyError, IndexCorruptError, IndexMissingError

CURRENT = "CURRENT"
PREVIOUS = "PREVIOUS"
LEASE = "lease"
BUILD_NAME = re.compile(r"v\d{8}T\d{6}-[0-9a-f]{6}")
REBUILD_HINT = "rebuild it with `ndv index build`"


def read_pointer(root: Path, pointer: str = CURRENT) -> str:
    """The build a pointer names ('' when there is none); a pointer that is not a build name is damage."""
    try:
        name = (root / pointer).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:  # a directory, unreadable, not text
        raise IndexCorruptError(f"The index pointer {root / pointer} is damaged; {REBUILD_HINT}.") from exc
    if not BUILD_NAME.fullmatch(name):
        raise IndexCorruptError(f"The index pointer {root / pointer} is damaged; {REBUILD_HINT}.")
    return name


def switch(root: Path, build: str) -> None:
    """Make `build` live and the live one the rollback. Killed between the two writes, both pointers name the
    old build, which stays live."""
    with contextlib.suppress(IndexCorruptError):  # a damaged CURRENT names no build worth rolling back to
        live = read_pointer(root)
        if live and live != build:
            write_text(root / PREVIOUS, live)
    write_text(root / CURRENT, build)


def kept_builds(root: Path) -> set[str]:
    """The live build and the rollback one; pointers that are damaged keep nothing."""
    kept = set()
    for pointer in (CURRENT, PREVIOUS):
        with contextlib.suppress(IndexCorruptError):
            kept.add(read_pointer(root, pointer))
    return kept - {""}


def remove_unless_leased(root: Path, build: str) -> bool:
    """Remove a build no reader holds (False: leased, kept for now). It leaves the `v*` names before deletion."""
    directory = root / build
    try:
        handle = os.open(directory / LEASE, os.O_RDONLY)
    except FileNotFoundError:  # a build of an older version, or killed before its lease existed
        handle = None
    try:
        if handle is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
        trash = root / f".trash-{build}-{uuid.uuid4().hex[:6]}"
        os.rename(directory, trash)
    finally:
        if handle is not None:
            os.close(handle)
    shutil.rmtree(trash, ignore_errors=True)
    return True


class Lease:
    """A shared lock on a build's lease file, held while a process reads the build."""

    def __init__(self, root: Path, build: str) -> None:
        directory = root / build
        try:
            self._handle: int | None = os.open(directory / LEASE, os.O_RDONLY)
        except FileNotFoundError as exc:
            raise IndexMissingError(f"The index build {build} was removed while opening it.") from exc
        except OSError as exc:
            raise IndexCorruptError(f"The index in {directory} cannot be read; {REBUILD_HINT}.") from exc
        fcntl.flock(self._handle, fcntl.LOCK_SH)  # waits out a removal that has the build locked
        if not (directory / LEASE).exists():  # removed while we waited
            self.release()
            raise IndexMissingError(f"The index build {build} was removed while opening it.")

    def release(self) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One builder at a time; the second fails fast. A `.lock` that is a directory (no one can hold it) is
    moved aside: renaming `.lock/` moves only a directory, never another builder's lock file."""
    root.mkdir(parents=True, exist_ok=True)
    lock = root / ".lock"
    if lock.is_dir():
        trash = root / f".trash-lock-{uuid.uuid4().hex[:6]}"
        with contextlib.suppress(OSError):
            os.rename(f"{lock}/", trash)
        shutil.rmtree(trash, ignore_errors=True)
    with open(lock, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(
                f"Another index build is running in {root}; wait for it to finish and try again."
            ) from exc
        yield


def clear_leftovers(root: Path) -> None:
    """Under the build lock: temporary builds and removals killed half-way, pointers that are directories."""
    for leftover in [*root.glob(".build-*"), *root.glob(".trash-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
    for pointer in (CURRENT, PREVIOUS):
        if (root / pointer).is_dir():
            shutil.rmtree(root / pointer)


def write_text(path: Path, text: str) -> None:
    """Atomically: readers see the old content or the new, never a part."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
