"""A new build is opened and queried by a child process before it goes live.

Chroma's native code aborts the whole process on some damaged files (a Rust panic, exit 134); the check runs the
reader's own open path (checksums, working copy, SQLite's integrity check, vector count, canary) in a child, so
a build that would crash a reader is refused with one sentence and the previous index stays live. Readers then
trust a build whose files still match the checksums recorded with it: the check is paid once per build.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from index.chroma_client import ChromaServer
from index.errors import IndexCorruptError, NDVError

if TYPE_CHECKING:
    from index.store import IndexStore

CHECK_TIMEOUT_S = 300  # generous: the child imports Chroma and copies the store; a hang is a failure


def check_in_child(store: IndexStore, build: str) -> None:
    """Open `build` (a directory name under the store's root) in a child process; raise if it fails or dies."""
    server = store.server
    command = [sys.executable, "-m", "index.build_check", str(store.root.parent), build]
    if server is not None:
        command += [server.host, str(server.port), str(server.timeout_s)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        reason = f"its check did not finish within {CHECK_TIMEOUT_S} s"
    else:
        if done.returncode == 0:
            return
        lines = done.stdout.strip().splitlines()
        reason = lines[-1] if done.returncode == 1 and lines else f"its check died (exit {done.returncode})"
    raise IndexCorruptError(f"The new index failed its check: {reason} The previous index is kept.")


def main(argv: list[str]) -> int:
    from index.store import IndexStore

    data_dir, build = Path(argv[0]), argv[1]
    server = ChromaServer(argv[2], int(argv[3]), float(argv[4])) if len(argv) > 2 else None
    try:
        IndexStore(data_dir, server=server).check(build)
    except NDVError as exc:
        print(exc)
        return 1
    except Exception as exc:  # anything else the store raised is damage too; say what it was
        print(f"{type(exc).__name__}: {exc}".splitlines()[0])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
