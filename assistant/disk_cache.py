"""Values computed once and kept as JSON in the cache directory, for what every cold start would otherwise
recompute (the glossary words' frequencies in the lexicon, the names of places in two languages)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def write_atomically(path: Path, content: bytes) -> None:
    """Written to a temporary name and then renamed, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(content)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_json(path: Path, valid: Callable[[Any], bool]) -> Any | None:
    """The value kept at `path`, or None when there is none or it is not `valid` (damaged, or of another version)."""
    with contextlib.suppress(OSError, ValueError):
        saved = json.loads(path.read_text(encoding="utf-8"))
        if valid(saved):
            return saved
    return None


def keep_json(path: Path, value: Any) -> None:
    """`value` kept at `path` for the next start. A disk that cannot take it (full, read-only) costs the
    computation on every start, never an answer."""
    with contextlib.suppress(OSError):
        write_atomically(path, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def cached_json(path: Path, compute: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """The value kept at `path` when it is there and `valid`, else `compute()`, kept there for the next start."""
    saved = read_json(path, valid)
    if saved is not None:
        return saved
    value = compute()
    keep_json(path, value)
    return value
