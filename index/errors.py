"""User-facing errors: every failure a user can cause or fix is one of these, with one clear sentence."""

from __future__ import annotations


class NDVError(Exception):
    """Base class; `str(err)` is the message shown to the user (CLI exit code 2, UI notice)."""


class InputError(NDVError):
    """The user's input (question, file, option) cannot be used as given."""


class IndexMissingError(NDVError):
    """No index has been built in the data directory yet."""


class IndexCorruptError(NDVError):
    """The index on disk cannot be read or does not match this version of the program."""


class IndexOutdatedError(IndexCorruptError):
    """The index was built by another version (schema, embedder, Chroma); rebuilding from the corpus fixes it."""


class IndexUnavailableError(NDVError):
    """The Chroma server that holds the vectors cannot be reached."""


class IndexBusyError(NDVError):
    """Another process is building the index right now."""


class UnknownDocumentError(NDVError):
    """A document symbol was asked for that is not in the index."""


class TimeBudgetError(NDVError):
    """An answer took longer than the per-request time budget."""


class FetchError(NDVError):
    """A document could not be fetched; the message says why and what to do."""


class StorageError(NDVError):
    """The disk refuses a write or a read (full, read-only, no permission); the message names the place."""


_DISK_FULL = ("No space left", "disk is full", "Disk quota exceeded")
_READ_ONLY = ("Read-only file system", "readonly database", "Permission denied")


def disk_problem(exc: BaseException, place: object) -> StorageError | None:
    """The user-facing form of a write that failed because of the disk at `place` (None: not a disk problem).
    Chroma reports SQLite's codes as text in its own exception types, so the message is what can be matched."""
    text = str(exc)
    if any(marker in text for marker in _DISK_FULL):
        return StorageError(f"The disk holding {place} is full; free some space and try again.")
    if any(marker in text for marker in _READ_ONLY):
        return StorageError(f"{place} is read-only or not writable; make it writable and try again.")
    return None
