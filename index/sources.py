"""Documents a user added (`ndv index add`, `ndv fetch`): copies of their files and a manifest under
`<data dir>/sources`, so that every later `ndv index build` includes them. The shipped corpus plus these make the
indexed corpus.

Every command that writes (build, add, fetch) goes through `SourceStore.change()`: one writer at a time (a file
lock; a second writer fails fast), new files staged in a private directory, the index built from the staged
view, and only then the commit, whose single atomic step is the manifest's replacement. Anything that fails
before it (a bad file, a full disk, a busy or failed build, Ctrl-C) leaves `sources/` exactly as it was.

The lock is the index store's kind (`index.pointers.build_lock`) on this directory's own `.lock`, not on the
store's: the store takes its lock inside every build and it is not re-entrant, so holding it around the build
would make the build refuse itself. The order is always sources lock, then store lock; both fail fast, so no
two writers ever wait on each other.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.corpus import CorpusEntry, load_entry, shipped_documents
from index.documents import Document
from index.errors import IndexCorruptError, IndexMissingError, IndexOutdatedError, StorageError, disk_problem
from index.pointers import build_lock
from index.schemas import SOURCE_MANIFEST, SourceEntry, SourceManifest, parse_json
from index.symbols import check_symbol, symbol_file_stem
from index.translations import joined, separate

if TYPE_CHECKING:
    from index.store import IndexStore, LoadedIndex, Progress

_EXTENSIONS = {".pdf", ".docx", ".html", ".htm", ".txt"}


def stored_name(symbol: str, lang: str, path: Path) -> str:
    """A name no other document's file can have: the symbol's collision-free stem, the language, and part of
    the content's hash (so a replacement never overwrites the file the current manifest still lists)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    suffix = path.suffix.lower() if path.suffix.lower() in _EXTENSIONS else ".txt"
    return f"{symbol_file_stem(symbol)}_{lang}_{digest}{suffix}"


class SourceStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "sources"
        self.manifest = self.root / "manifest.json"

    def read(self) -> list[SourceEntry]:
        try:
            raw = self.manifest.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StorageError(f"{self.manifest} cannot be read ({exc.strerror}).") from None
        what = f"The list of added documents {self.manifest}"
        return parse_json(SOURCE_MANIFEST, raw, IndexCorruptError, what).documents

    def documents(self) -> list[Document]:
        return [_load(self.root / e.file, e) for e in self.read()]

    @contextlib.contextmanager
    def change(self) -> Iterator[SourceChange]:
        """The one writer of the added documents (see the module docstring); the staging directory goes
        whatever happens."""
        with contextlib.ExitStack() as stack:
            with _storage_errors(self.root):
                stack.enter_context(build_lock(self.root))
            for stale in self.root.glob(".stage-*"):  # left by a writer that was killed; we hold the lock
                shutil.rmtree(stale, ignore_errors=True)
            stage = self.root / f".stage-{uuid.uuid4().hex[:8]}"
            try:
                with _storage_errors(self.root):
                    stage.mkdir()
                yield SourceChange(self, stage)
            finally:
                shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def _storage_errors(root: Path) -> Iterator[None]:
    """A full disk or a read-only directory is one sentence, not a traceback."""
    try:
        yield
    except OSError as exc:
        raise disk_problem(exc, root) or StorageError(
            f"Cannot write to {root} ({exc.strerror or type(exc).__name__}); nothing was changed."
        ) from None


class SourceChange:
    """Additions staged beside the manifest, invisible to every reader until `commit`."""

    def __init__(self, store: SourceStore, stage: Path) -> None:
        self.store = store
        self.stage = stage
        self.before = store.read()
        self.entries = list(self.before)
        self.staged: set[str] = set()

    def add(self, path: Path, doc: Document) -> None:
        """Stage a copy of the file; it replaces the earlier document of the same symbol in the same language, in
        its place (the first language added stays the primary one), and joins the symbol's other languages."""
        symbol = check_symbol(doc.symbol)
        with _storage_errors(self.store.root):
            name = stored_name(symbol, doc.lang, path)
            shutil.copyfile(path, self.stage / name)
        self.staged.add(name)
        entry = SourceEntry.model_validate(
            {"file": name, "symbol": symbol, "lang": doc.lang, "kind": doc.kind, "source": str(path)}
        )
        same = [i for i, e in enumerate(self.entries) if (e.symbol, e.lang) == (symbol, doc.lang)]
        if same:
            self.entries[same[0]] = entry
        else:
            self.entries.append(entry)

    def documents(self) -> list[Document]:
        """The corpus as it will be once committed: the shipped documents and the user's, one per symbol with its
        languages (a user's text replaces a shipped one in the same language)."""
        added = [_load((self.stage if e.file in self.staged else self.store.root) / e.file, e) for e in self.entries]
        return _with_shipped(added)

    def commit(self) -> None:
        """Move the staged files in (unlisted, so invisible), then replace the manifest: the one atomic step.
        Files the new manifest no longer lists are removed afterwards."""
        root = self.store.root
        listed_before = {e.file for e in self.before}
        moved: list[str] = []
        try:
            with _storage_errors(root):
                for name in sorted(self.staged):
                    os.replace(self.stage / name, root / name)
                    moved.append(name)
                tmp = self.stage / "manifest.json"
                tmp.write_text(SourceManifest(documents=self.entries).model_dump_json(indent=1), encoding="utf-8")
                os.replace(tmp, self.store.manifest)
        except BaseException:
            for name in moved:
                if name not in listed_before:
                    (root / name).unlink(missing_ok=True)
            raise
        listed = {e.file for e in self.entries}
        for entry in self.before:
            if entry.file not in listed:
                with contextlib.suppress(OSError):  # a file the manifest does not list is never read
                    (root / entry.file).unlink(missing_ok=True)


def _load(path: Path, entry: SourceEntry) -> Document:
    return load_entry(CorpusEntry(path, entry.symbol, entry.lang, entry.kind, entry.source))


def _with_shipped(added: list[Document]) -> list[Document]:
    """A user's text takes the place of the shipped text of its symbol and language, so that the shipped corpus's
    language stays the primary one."""
    users = {(d.symbol, d.lang): d for d in added}
    shipped = [users.pop((d.symbol, d.lang), d) for d in separate(shipped_documents())]
    return joined(shipped + [d for d in added if (d.symbol, d.lang) in users])


def open_or_build(
    store: IndexStore, data_dir: Path, progress: Progress | None = None, on_build: Callable[[str], None] | None = None
) -> LoadedIndex:
    """The index, built from the corpus first when there is none yet or when another version built it (lossless:
    the corpus and the documents users added are kept apart from the index). `on_build` hears why ('' when
    there was none)."""
    try:
        return store.open()
    except (IndexMissingError, IndexOutdatedError) as exc:
        if on_build:
            on_build(str(exc) if isinstance(exc, IndexOutdatedError) else "")
        with SourceStore(data_dir).change() as change:  # the writers' lock, like `ndv index build`
            store.build(change.documents(), progress)
        return store.open()
