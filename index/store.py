"""The index on disk: Chroma vectors + the parsed documents (for the keyword index and for display).

Layout under `<data dir>/index/`: one directory per build (`v<timestamp>-<id>`), `CURRENT` naming the one in use
and `PREVIOUS` the one before it (index/pointers.py). A build writes into a hidden temporary directory, records
checksums and a canary (index/integrity.py), is opened and queried by a child process (index/build_check.py: a
damaged store that crashes Chroma's native code kills the child, not us), renamed, and only then do the pointers
switch: an interrupted or failed build leaves the previous index answering as before.

Reading never writes into a build: each process verifies the files against their checksums while copying the
embedded store into a private working copy, and holds a lease on the build so that no rebuild removes it.
Vectors live beside the build (an embedded Chroma `PersistentClient`), or, for a shared deployment, in a Chroma
server (`HttpClient`): one collection per build, named after it, under a prefix unique to this data directory, so
that pruning never touches another deployment's collections. The parsed documents and pointers stay local.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from index.chroma_client import ChromaServer, chroma_client, close_client
from index.chunks import CHUNK_CHARS, chroma_metadata, embedding_chunks
from index.documents import Document, Paragraph, citation_id
from index.embeddings import E5Embeddings
from index.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexOutdatedError,
    NDVError,
    disk_problem,
)
from index.integrity import (
    VECTORS,
    Checksums,
    check_vectors,
    damaged,
    record_canary,
    record_checksums,
    remove_working_copy,
    sqlite_intact,
)
from index.keyword import KeywordIndex
from index.pointers import (
    LEASE,
    REBUILD_HINT,
    Lease,
    build_lock,
    clear_leftovers,
    kept_builds,
    read_pointer,
    remove_unless_leased,
    switch,
    write_text,
)
from index.registry import build_registry
from index.translations import joined, separate

__all__ = [
    "CHUNK_CHARS",
    "ChromaServer",
    "IndexStore",
    "LanguageView",
    "LoadedIndex",
    "close_client",
    "embedding_chunks",
]

SCHEMA_VERSION = 8
_BATCH = 16
Progress = Callable[[int, int], None]


@dataclass
class IndexManifest:
    """What a build was made with; checked on open so vectors of another embedder are never mixed in."""

    schema: int
    embedder: str
    dim: int
    chromadb: str
    vectors: str  # "embedded" or "chroma://host:port"
    build: str  # the build directory's name
    collection: str
    vector_count: int  # one vector per chunk: a paragraph over CHUNK_CHARS has several
    built_at: str
    documents: list[dict[str, Any]]
    canary: list[dict[str, Any]] = field(default_factory=list)  # stored vectors' neighbours at build time


@dataclass(frozen=True)
class LanguageView:
    """The index read in one language: each document and each citation id's paragraph in that language where
    its text exists, else as in the primary view."""

    documents: dict[str, Document]
    paragraphs: dict[str, Paragraph]


class LoadedIndex:
    """An opened build: documents and paragraphs by id, dense search through Chroma, keyword search in memory.

    `documents` has one document per symbol, and `paragraphs` one paragraph per citation id, in the document's
    primary language where it has the label (else in the language that has it); `versions` has every language's
    text of each id, and `in_language(lang)` the documents and paragraphs to quote in a language. Both searches
    cover every language and answer with citation ids, so a hit on a translation is a hit on its paragraph."""

    def __init__(
        self,
        client: Any,
        manifest: IndexManifest,
        documents: list[Document],
        embeddings: E5Embeddings,
        server: ChromaServer | None,
        release: Callable[[], None],
    ) -> None:
        from langchain_chroma import Chroma

        self.manifest = manifest
        self.documents = {doc.symbol: doc.read_in(doc.lang) for doc in documents}
        self.paragraphs: dict[str, Paragraph] = {p.id: p for doc in self.documents.values() for p in doc.paragraphs}
        texts = separate(documents)
        self.versions: dict[str, dict[str, Paragraph]] = {}
        for text in texts:
            for p in text.paragraphs:
                self.versions.setdefault(p.id, {})[p.lang] = p
        self._views = {lang: self._view(lang) for lang in dict.fromkeys(text.lang for text in texts)}
        self._languages = max((len(doc.languages) for doc in documents), default=1)
        self.embeddings = embeddings
        self._client = client
        self._server = server
        self._release = release
        self._vectors = Chroma(client=self._client, collection_name=manifest.collection, embedding_function=embeddings)
        # Items (OP5(a), ART3(1)) are in their parent's text: looked up by label, never searched on their own.
        searched = [p for text in texts for p in text.paragraphs if not p.parent]
        self.keyword = KeywordIndex([p.id for p in searched], [p.text for p in searched])
        self.registry = build_registry(list(self.documents.values()))

    def in_language(self, lang: str) -> LanguageView:
        """The documents and paragraphs to quote in `lang` (see `Document.read_in`)."""
        return self._views.get(lang) or LanguageView(self.documents, self.paragraphs)

    def _view(self, lang: str) -> LanguageView:
        documents = {symbol: doc.read_in(lang) for symbol, doc in self.documents.items()}
        return LanguageView(documents, {p.id: p for doc in documents.values() for p in doc.paragraphs})

    @property
    def translated(self) -> list[str]:
        """The languages some document has a translation in: where `in_language` differs from the primary view."""
        return list(dict.fromkeys(lang for doc in self.documents.values() for lang in doc.translations))

    def dense(self, query_vector: list[float], k: int, only: str | None = None) -> list[tuple[str, float]]:
        """Nearest paragraphs by cosine similarity (1 = same direction), optionally of one document only; a
        paragraph embedded in parts, or in several languages, counts once, with its best vector."""
        where = {"doc": only} if only else None
        n = 2 * k * self._languages  # enough vectors for k paragraphs
        try:
            hits = self._vectors.similarity_search_by_vector_with_relevance_scores(query_vector, k=n, filter=where)
        except Exception as exc:  # a server that times out or fails mid-request: one clear sentence
            if self._server is None:
                raise
            raise self._server.unavailable(type(exc).__name__) from exc
        best: dict[str, float] = {}
        for doc, distance in hits:
            pid = citation_id(doc.metadata.get("doc", ""), doc.metadata.get("label", ""))  # whichever language
            if pid in self.paragraphs and pid not in best:
                best[pid] = 1.0 - distance
        return list(best.items())[:k]

    def vector_count(self) -> int:
        return int(self._client.get_collection(self.manifest.collection, embedding_function=None).count())

    def close(self) -> None:
        try:
            close_client(self._client)
        finally:
            self._release()


class IndexStore:
    def __init__(
        self, data_dir: Path, embeddings: E5Embeddings | None = None, server: ChromaServer | None = None
    ) -> None:
        self.root = data_dir / "index"
        self.embeddings = embeddings or E5Embeddings()
        self.server = server

    @property
    def vectors(self) -> str:
        return str(self.server) if self.server else "embedded"

    def _collection_prefix(self) -> str:
        """Unique to this data directory, so that a shared server's other deployments are never pruned."""
        marker = self.root / "STORE_ID"
        if not marker.exists():
            self.root.mkdir(parents=True, exist_ok=True)
            write_text(marker, uuid.uuid4().hex[:8])
        return f"ndv-{marker.read_text(encoding='utf-8').strip()}-"

    # -- reading ---------------------------------------------------------------------------------------------
    def current_name(self) -> str:
        """The name of the build in use ('' when there is none): cheap to read on every request."""
        return read_pointer(self.root)

    def current_dir(self) -> Path | None:
        name = self.current_name()
        return self.root / name if name else None

    def read_manifest(self, build: str | None = None) -> IndexManifest:
        """The manifest of `build` (default: the current build), checked against this program's settings and
        against its checksum."""
        directory = self.root / build if build else self.current_dir()
        if directory is None:
            raise IndexMissingError(f"No index in {self.root}; build it with `ndv index build`.")
        try:
            raw = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexCorruptError(f"The index in {directory} cannot be read; {REBUILD_HINT}.") from exc
        expected = (SCHEMA_VERSION, self.embeddings.name, E5Embeddings.dim, version("chromadb"))
        keys = ("schema", "embedder", "dim", "chromadb")
        found = tuple(raw.get(key) for key in keys) if isinstance(raw, dict) else (None,) * 4
        if found != expected:
            raise IndexOutdatedError(
                f"The index was built with {found[1]} / chromadb {found[3]} (schema {found[0]}), "
                f"this program uses {expected[1]} / chromadb {expected[3]} (schema {expected[0]}); {REBUILD_HINT}."
            )
        Checksums(directory).read("manifest.json")
        try:
            manifest = IndexManifest(**raw)
        except TypeError as exc:
            raise IndexCorruptError(f"The index in {directory} cannot be read; {REBUILD_HINT}.") from exc
        if manifest.vectors != self.vectors:
            raise IndexCorruptError(
                f"The index's vectors are in {manifest.vectors}, but this program is set to use {self.vectors} "
                f"(NDV_CHROMA_HOST); change the setting back or {REBUILD_HINT}."
            )
        return manifest

    def open(self, build: str | None = None) -> LoadedIndex:
        """Open `build` (default: the current one) for this process; it stays readable until closed, whatever
        builds happen meanwhile."""
        lease, name = self._lease(build)
        try:
            manifest, documents, client, release = self._open_leased(name, lease, thorough=False)
        except BaseException:
            lease.release()
            raise
        try:
            return LoadedIndex(client, manifest, documents, self.embeddings, self.server, release)
        except BaseException:
            close_client(client)
            release()
            raise

    def check(self, build: str) -> None:
        """Everything `open` checks, and SQLite's structural check of the store (the build-time check)."""
        lease, name = self._lease(build)
        try:
            _, _, client, release = self._open_leased(name, lease, thorough=True)
        except BaseException:
            lease.release()
            raise
        close_client(client)
        release()

    def _lease(self, build: str | None) -> tuple[Lease, str]:
        for _ in range(3):  # the current build can be replaced and removed between reading CURRENT and leasing it
            name = build or self.current_name()
            if not name:
                raise IndexMissingError(f"No index in {self.root}; build it with `ndv index build`.")
            try:
                return Lease(self.root, name), name
            except IndexMissingError:
                if (self.root / name).is_dir():  # a build without a lease: an older version's, or damaged
                    self.read_manifest(name)
                    raise damaged(self.root / name, f"no {LEASE} file") from None
                if build:
                    raise
        raise IndexMissingError(f"The index in {self.root} keeps changing; try again when the rebuilds finish.")

    def _open_leased(
        self, name: str, lease: Lease, thorough: bool
    ) -> tuple[IndexManifest, list[Document], Any, Callable[[], None]]:
        """The verified parts of a leased build, and how to release them (the lease stays the caller's on error)."""
        directory = self.root / name
        manifest = self.read_manifest(name)
        sums = Checksums(directory)
        try:
            documents = [Document.from_dict(d) for d in json.loads(sums.read("documents.json"))]
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise damaged(directory, "documents.json unreadable") from exc
        copy = sums.working_copy() if self.server is None else None
        client = None

        def release() -> None:
            if copy is not None:
                remove_working_copy(copy)
            lease.release()

        try:
            client = chroma_client(copy or directory, self.server)
            collection = client.get_collection(manifest.collection, embedding_function=None)
            check_vectors(collection, manifest.vector_count, manifest.canary, directory)
            if copy is not None and thorough and not sqlite_intact(copy):  # damage Chroma did not notice
                raise damaged(directory, "its SQLite file fails the integrity check")
            return manifest, documents, client, release
        except BaseException as exc:
            if client is not None:
                with contextlib.suppress(Exception):
                    close_client(client)
            if copy is not None:
                remove_working_copy(copy)
            if isinstance(exc, NDVError) or not isinstance(exc, Exception):
                raise
            if self.server is not None:
                raise self.server.unavailable(type(exc).__name__) from exc
            raise damaged(directory, type(exc).__name__) from exc

    # -- writing ---------------------------------------------------------------------------------------------
    def build(self, documents: list[Document], progress: Progress | None = None) -> IndexManifest:
        """Embed and store every paragraph (of every language; the texts of one symbol are one document) in a new
        build, check it in a child process, then switch to it."""
        try:
            return self._build(joined(documents), progress)
        except Exception as exc:  # a full or read-only disk, wherever the build met it: one sentence
            if not isinstance(exc, NDVError) and (problem := disk_problem(exc, self.root)):
                raise problem from exc
            raise

    def _build(self, documents: list[Document], progress: Progress | None) -> IndexManifest:
        from index.build_check import check_in_child

        with build_lock(self.root):
            clear_leftovers(self.root)
            name = f"v{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
            tmp = self.root / f".build-{name}"
            collection = f"{self._collection_prefix()}{name}"
            try:
                tmp.mkdir(parents=True)
                manifest = self._write_build(tmp, name, collection, documents, progress)
                check_in_child(self, tmp.name)
                os.rename(tmp, self.root / name)
                switch(self.root, name)
            except BaseException:
                self._drop_collection(collection)
                raise
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            self._prune()
            return manifest

    def _write_build(
        self, directory: Path, name: str, collection: str, documents: list[Document], progress: Progress | None
    ) -> IndexManifest:
        from langchain_chroma import Chroma

        texts = [(text, text is not doc) for doc in documents for text in (doc, *doc.translations.values())]
        searched = [(p, translated) for text, translated in texts for p in text.paragraphs if not p.parent]
        # items are in their parent; a translation's vectors are told apart by its language
        chunks = [(p, cid, chunk) for p, translated in searched for cid, chunk in embedding_chunks(p, translated)]
        client = chroma_client(directory / VECTORS, self.server)
        try:
            store = Chroma(
                client=client,
                collection_name=collection,
                embedding_function=self.embeddings,
                collection_metadata={"hnsw:space": "cosine", "embedder": self.embeddings.name},
            )
            for start in range(0, len(chunks), _BATCH):
                batch = chunks[start : start + _BATCH]
                store.add_texts(
                    [text for _, _, text in batch],
                    metadatas=[chroma_metadata(p) for p, _, _ in batch],
                    ids=[cid for _, cid, _ in batch],
                )
                if progress:
                    progress(start + len(batch), len(chunks))
            stored = client.get_collection(collection, embedding_function=None)
            if stored.count() != len(chunks):
                raise IndexCorruptError("The new index did not store every paragraph; the previous index is kept.")
            canary = record_canary(stored, [cid for _, cid, _ in chunks])
        finally:
            close_client(client)  # before checksums and the rename: the embedded store lives inside the directory
        manifest = IndexManifest(
            schema=SCHEMA_VERSION,
            embedder=self.embeddings.name,
            dim=E5Embeddings.dim,
            chromadb=version("chromadb"),
            vectors=self.vectors,
            build=name,
            collection=collection,
            vector_count=len(chunks),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            documents=[
                {
                    "symbol": d.symbol,
                    "lang": d.lang,
                    "languages": d.languages,
                    "title": d.title,
                    "paragraphs": len(d.paragraphs),
                }
                for d in documents
            ],
            canary=canary,
        )
        _write_json(directory / "documents.json", [d.to_dict() for d in documents])
        _write_json(directory / "manifest.json", asdict(manifest))
        record_checksums(directory)
        (directory / LEASE).touch()
        return manifest

    def _prune(self) -> None:
        """Remove every build but the live one and the rollback one, unless a reader holds it; on a server,
        drop every collection of ours whose build is gone."""
        kept = kept_builds(self.root)
        for old in self.root.glob("v*"):
            if old.is_dir() and old.name not in kept:
                with contextlib.suppress(OSError):  # the build is done; a removal that fails is retried next time
                    remove_unless_leased(self.root, old.name)
        if self.server is None:
            return
        prefix = self._collection_prefix()
        remaining = {f"{prefix}{d.name}" for d in self.root.glob("v*") if d.is_dir()}
        client = chroma_client(self.root, self.server)
        try:
            for collection in client.list_collections():
                if collection.name.startswith(prefix) and collection.name not in remaining:
                    client.delete_collection(collection.name)
        finally:
            close_client(client)

    def _drop_collection(self, collection: str) -> None:
        """A failed build's collection on a server would outlive it; embedded ones go with their directory."""
        if self.server is None:
            return
        with contextlib.suppress(Exception):  # it may never have been created; the next prune removes leftovers
            client = chroma_client(self.root, self.server)
            try:
                client.delete_collection(collection)
            finally:
                close_client(client)


def _write_json(path: Path, data: Any) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
