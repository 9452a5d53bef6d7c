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
