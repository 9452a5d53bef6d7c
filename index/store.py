"""The index on disk: Chroma vectors + the parsed documents (for the keyword index and for display).

Layout under `<data dir>/index/`: one directory per build (`v<timestamp>-<id>`), a `CURRENT` file naming the one in
use, and a `.lock` that admits one builder at a time. A build writes into a hidden temporary directory, is checked,
renamed, and only then does `CURRENT` switch (atomically): an interrupted or failed build leaves the previous index
answering as before. The previous build is kept for rollback; older ones are removed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from index.documents import Document, Paragraph
from index.embeddings import E5Embeddings
from index.errors import IndexBusyError, IndexCorruptError, IndexMissingError
from index.keyword import KeywordIndex

SCHEMA_VERSION = 1
_BATCH = 16
Progress = Callable[[int, int], None]
REBUILD_HINT = "rebuild it with `ndv index build`"


@dataclass
class IndexManifest:
    """What a build was made with; checked on open so vectors of another embedder are never mixed in."""

    schema: int
    embedder: str
    dim: int
    chromadb: str
    collection: str
    built_at: str
    documents: list[dict[str, Any]]


def _chroma_client(path: Path):  # type: ignore[no-untyped-def]
    import chromadb
    from chromadb.config import Settings

    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


def _collection_name(embedder: str) -> str:
    slug = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in embedder)
    return f"ndv-s{SCHEMA_VERSION}-{slug}"[:512]


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


class LoadedIndex:
    """An opened build: documents and paragraphs by id, dense search through Chroma, keyword search in memory."""

    def __init__(
        self, directory: Path, manifest: IndexManifest, documents: list[Document], embeddings: E5Embeddings
    ) -> None:
        from langchain_chroma import Chroma

        self.directory = directory
        self.manifest = manifest
        self.documents = {doc.symbol: doc for doc in documents}
        self.paragraphs: dict[str, Paragraph] = {p.id: p for doc in documents for p in doc.paragraphs}
        self.embeddings = embeddings
        self._client = _chroma_client(directory / "chroma")
        self._vectors = Chroma(client=self._client, collection_name=manifest.collection, embedding_function=embeddings)
        ids = list(self.paragraphs)
        self.keyword = KeywordIndex(ids, [self.paragraphs[i].text for i in ids])

    def dense(self, query_vector: list[float], k: int) -> list[tuple[str, float]]:
        """Nearest paragraphs by cosine similarity (1 = same direction)."""
        hits = self._vectors.similarity_search_by_vector_with_relevance_scores(query_vector, k=k)
        return [(doc.id or "", 1.0 - distance) for doc, distance in hits if doc.id in self.paragraphs]

    def vector_count(self) -> int:
        return _count(self._client, self.manifest.collection)

    def close(self) -> None:
        self._client.close()


class IndexStore:
    def __init__(self, data_dir: Path, embeddings: E5Embeddings | None = None) -> None:
        self.root = data_dir / "index"
        self.embeddings = embeddings or E5Embeddings()

    # -- reading ---------------------------------------------------------------------------------------------
    def current_dir(self) -> Path | None:
        pointer = self.root / "CURRENT"
        if not pointer.exists():
            return None
        name = pointer.read_text(encoding="utf-8").strip()
        return self.root / name if name else None

    def exists(self) -> bool:
        return self.current_dir() is not None

    def read_manifest(self) -> IndexManifest:
        directory = self.current_dir()
        if directory is None:
            raise IndexMissingError(f"No index in {self.root}; build it with `ndv index build`.")
        try:
            manifest = IndexManifest(**json.loads((directory / "manifest.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise IndexCorruptError(f"The index in {directory} cannot be read; {REBUILD_HINT}.") from exc
        expected = (SCHEMA_VERSION, self.embeddings.name, E5Embeddings.dim, version("chromadb"))
        found = (manifest.schema, manifest.embedder, manifest.dim, manifest.chromadb)
        if found != expected:
            raise IndexCorruptError(
                f"The index was built with {found[1]} / chromadb {found[3]} (schema {found[0]}), "
                f"this program uses {expected[1]} / chromadb {expected[3]} (schema {expected[0]}); {REBUILD_HINT}."
            )
        return manifest

    def open(self) -> LoadedIndex:
        manifest = self.read_manifest()
        directory = self.current_dir()
        assert directory is not None
        try:
            raw = json.loads((directory / "documents.json").read_text(encoding="utf-8"))
            documents = [Document.from_dict(d) for d in raw]
            index = LoadedIndex(directory, manifest, documents, self.embeddings)
            count = index.vector_count()
        except Exception as exc:  # Chroma raises many types on damaged files; all mean the same to a user
            raise IndexCorruptError(
                f"The index in {directory} is damaged ({type(exc).__name__}); {REBUILD_HINT}."
            ) from exc
        if count != len(index.paragraphs):
            index.close()
            raise IndexCorruptError(f"The index in {directory} is incomplete; {REBUILD_HINT}.")
        return index

    # -- writing ---------------------------------------------------------------------------------------------
    @contextmanager
    def _build_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IndexBusyError(
                    f"Another index build is running in {self.root}; wait for it to finish and try again."
                ) from exc
            yield

    def build(self, documents: list[Document], progress: Progress | None = None) -> IndexManifest:
        """Embed and store every paragraph in a new build directory, check it, then switch to it."""
        with self._build_lock():
            for stale in self.root.glob(".build-*"):  # left by a build that was killed; we hold the lock
                shutil.rmtree(stale, ignore_errors=True)
            tmp = self.root / f".build-{uuid.uuid4().hex[:8]}"
            try:
                manifest = self._write_build(tmp, documents, progress)
                final = self.root / f"v{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
                os.rename(tmp, final)
                pointer = self.root / "CURRENT.tmp"
                pointer.write_text(final.name, encoding="utf-8")
                os.replace(pointer, self.root / "CURRENT")
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            self._prune(keep=2)
            return manifest

    def _write_build(self, directory: Path, documents: list[Document], progress: Progress | None) -> IndexManifest:
        from langchain_chroma import Chroma

        directory.mkdir(parents=True)
        paragraphs = [p for doc in documents for p in doc.paragraphs]
        manifest = IndexManifest(
            schema=SCHEMA_VERSION,
            embedder=self.embeddings.name,
            dim=E5Embeddings.dim,
            chromadb=version("chromadb"),
            collection=_collection_name(self.embeddings.name),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            documents=[
                {"symbol": d.symbol, "lang": d.lang, "title": d.title, "paragraphs": len(d.paragraphs)}
                for d in documents
            ],
        )
        client = _chroma_client(directory / "chroma")
        try:
            store = Chroma(
                client=client,
                collection_name=manifest.collection,
                embedding_function=self.embeddings,
                collection_metadata={"hnsw:space": "cosine", "embedder": manifest.embedder},
            )
            for start in range(0, len(paragraphs), _BATCH):
                batch = paragraphs[start : start + _BATCH]
                store.add_texts(
                    [p.text for p in batch], metadatas=[_chroma_metadata(p) for p in batch], ids=[p.id for p in batch]
                )
                if progress:
                    progress(start + len(batch), len(paragraphs))
            if _count(client, manifest.collection) != len(paragraphs):
                raise IndexCorruptError("The new index did not store every paragraph; the previous index is kept.")
        finally:
            client.close()
        _write_json(directory / "documents.json", [d.to_dict() for d in documents])
        _write_json(directory / "manifest.json", asdict(manifest))
        return manifest

    def _prune(self, keep: int) -> None:
        current = self.current_dir()
        builds = sorted((d for d in self.root.glob("v*") if d.is_dir()), key=lambda d: d.stat().st_mtime)
        for old in builds[:-keep]:
            if old != current:
                shutil.rmtree(old, ignore_errors=True)


def _count(client: Any, collection: str) -> int:
    return int(client.get_collection(collection, embedding_function=None).count())


def _chroma_metadata(p: Paragraph) -> dict[str, Any]:
    return {
        "doc": p.doc_symbol,
        "lang": p.lang,
        "label": p.label,
        "kind": p.kind,
        "order": p.order,
        "lead": p.lead,
        "footnotes": ",".join(str(n) for n in p.footnote_numbers),
        "cites": "; ".join(p.cites),
    }
