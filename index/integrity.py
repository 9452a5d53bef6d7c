"""What a build was when it was checked, and whether it still is.

At build time every file of the build gets a SHA-256 in `checksums.json`, and a canary (a few stored vectors
queried against the store, their nearest neighbours recorded) goes into the manifest. On open, each file is
compared with its checksum as it is read, so a flipped digit in the parsed documents or a truncated vector file
is "damaged", never a quietly different answer; the canary catches a store that answers differently than it did.

Embedded builds are read through a private working copy: Chroma writes into the directory it opens (even to
answer a query), and the live build must stay exactly as it was checked, on a full or read-only disk too.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from index.errors import IndexCorruptError, disk_problem
from index.pointers import LEASE, REBUILD_HINT

CHECKSUMS = "checksums.json"
VECTORS = "chroma"  # the embedded store's directory inside a build
CANARIES = 8
CANARY_K = 5
_COPY_PREFIX = "ndv-index-"


def damaged(directory: Path, why: str) -> IndexCorruptError:
    return IndexCorruptError(f"The index in {directory} is damaged ({why}); {REBUILD_HINT}.")


def record_checksums(directory: Path) -> None:
    """Checksum every file of a finished build (the lease is not content)."""
    sums = {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.name not in (LEASE, CHECKSUMS)
    }
    (directory / CHECKSUMS).write_text(json.dumps(sums, indent=1), encoding="utf-8")


class Checksums:
    """A build's recorded checksums; reading a file through it verifies the file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            sums = json.loads((directory / CHECKSUMS).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise damaged(directory, f"{CHECKSUMS} unreadable") from exc
        if not isinstance(sums, dict):
            raise damaged(directory, f"{CHECKSUMS} unreadable")
        self.sums: dict[str, str] = sums

    def read(self, name: str) -> bytes:
        try:
            data = (self.directory / name).read_bytes()
        except OSError as exc:
            raise damaged(self.directory, f"{name} unreadable") from exc
        if hashlib.sha256(data).hexdigest() != self.sums.get(name):
            raise damaged(self.directory, f"{name} changed since it was built")
        return data

    def working_copy(self) -> Path:
        """The embedded store's files, verified, copied into a private temporary directory."""
        _remove_copies_of_dead_processes()
        copy = Path(tempfile.mkdtemp(prefix=f"{_COPY_PREFIX}{os.getpid()}-"))
        atexit.register(shutil.rmtree, copy, True)  # a process that never closes its index still cleans up
        names = [name for name in self.sums if name.startswith(f"{VECTORS}/")]
        try:
            if not names:
                raise damaged(self.directory, "no vector files")
            for name in names:
                target = copy / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(self.read(name))
        except BaseException as exc:
            shutil.rmtree(copy, ignore_errors=True)
            if isinstance(exc, OSError) and (problem := disk_problem(exc, copy.parent)):
                raise problem from exc
            raise
        return copy / VECTORS


def remove_working_copy(vectors: Path) -> None:
    shutil.rmtree(vectors.parent, ignore_errors=True)


def _remove_copies_of_dead_processes() -> None:
    """A process that was killed leaves its copy behind; the next reader removes it."""
    for copy in Path(tempfile.gettempdir()).glob(f"{_COPY_PREFIX}*-*"):
        pid = copy.name.removeprefix(_COPY_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(copy, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- the canary ----------------------------------------------------------------------------------------------
def record_canary(collection: Any, ids: list[str]) -> list[dict[str, Any]]:
    """Query a few stored vectors, spread over the insertion order (damage to the end of a vector file shows),
    and record their nearest neighbours."""
    step = max(1, len(ids) // CANARIES)
    chosen = sorted({*ids[::step][: CANARIES - 1], ids[-1]}, key=ids.index) if ids else []
    return [{"id": cid, "top": top} for cid, top in zip(chosen, _neighbours(collection, chosen), strict=True)]


def check_vectors(collection: Any, expected_count: int, canary: list[dict[str, Any]], where: Path) -> None:
    """The store holds as many vectors as were written, and the canary queries answer as at build time."""
    if collection.count() != expected_count:
        raise damaged(where, f"{collection.count()} vectors, {expected_count} expected")
    ids = [entry["id"] for entry in canary]
    for entry, top in zip(canary, _neighbours(collection, ids), strict=True):
        if set(top) != set(entry["top"]):  # the same neighbours; order may differ among equal distances
            raise damaged(where, "the vector search answers differently than when it was built")


def _neighbours(collection: Any, ids: list[str]) -> list[list[str]]:
    if not ids:
        return []
    stored = collection.get(ids=ids, include=["embeddings"])
    vectors = dict(zip(stored["ids"], stored["embeddings"], strict=True))
    if set(vectors) != set(ids):
        return [[] for _ in ids]
    k = min(CANARY_K, collection.count())
    result = collection.query(query_embeddings=[vectors[cid] for cid in ids], n_results=k, include=[])
    return [list(top) for top in result["ids"]]


def sqlite_intact(vectors: Path) -> bool:
    """SQLite's own structural check of the embedded store (read-only; safe on any bytes)."""
    import sqlite3

    path = vectors / "chroma.sqlite3"
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError:
            return False
    return rows == [("ok",)]
