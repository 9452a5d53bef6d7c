"""The index on disk: Chroma vectors + the parsed documents (for the keyword index and for display).

Layout under `<data dir>/index/`: one directory per build (`v<timestamp>-<id>`), a `CURRENT` file naming the one in
use, and a `.lock` that admits one builder at a time. A build writes into a hidden temporary directory, is checked,
renamed, and only then does `CURRENT` switch (atomically): an interrupted or failed build leaves the previous index
answering as before. The previous build is kept for rollback; older ones are removed.

Vectors live beside the build (an embedded Chroma `PersistentClient`), or, for a shared deployment, in a Chroma
server (`HttpClient`): one collection per build, named after it, under a prefix unique to this data directory, so
that pruning never touches another deployment's collections. The parsed documents and `CURRENT` stay local.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from index.documents import Document, Paragraph
from index.embeddings import E5Embeddings
from index.errors import (
    IndexBusyError,
    IndexCorruptError,
    IndexMissingError,
    IndexOutdatedError,
    IndexUnavailableError,
)
from index.keyword import KeywordIndex
from index.registry import build_registry

SCHEMA_VERSION = 4
_BATCH = 16
CHUNK_CHARS = 1200  # e5 reads 512 tokens; a longer paragraph is embedded in parts that keep its id
Progress = Callable[[int, int], None]
REBUILD_HINT = "rebuild it with `ndv index build`"


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


@dataclass(frozen=True)
class ChromaServer:
    host: str
    port: int
    timeout_s: float = 10.0  # per request: a server that stops answering must not hang a user's question

    def __str__(self) -> str:
        return f"chroma://{self.host}:{self.port}"


def _chroma_client(build_dir: Path, server: ChromaServer | None) -> Any:
    import chromadb
    import httpx
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if server is None:
        return chromadb.PersistentClient(path=str(build_dir / "chroma"), settings=settings)
    try:
        client = chromadb.HttpClient(host=server.host, port=server.port, settings=settings)
    except Exception as exc:  # connection refused, DNS, HTTP errors: all mean the server cannot be used
        raise IndexUnavailableError(
            f"The Chroma server at {server.host}:{server.port} does not answer ({type(exc).__name__}); start it "
            f"(`chroma run --path DIR --host {server.host} --port {server.port}`) or unset NDV_CHROMA_HOST."
        ) from exc
    for session in _http_sessions(client):  # chromadb creates them without any timeout
        session.timeout = httpx.Timeout(server.timeout_s)
    return client


def close_client(client: Any) -> None:
    """Close a Chroma client. The synchronous HTTP client's `close()` leaves its httpx connection pools open
    (chroma-core/chroma#2702, fix pending in #7533), so those are closed here too."""
    client.close()
    for session in _http_sessions(client):
        session.close()


def _http_sessions(client: Any) -> list[Any]:
    """The httpx sessions of a chromadb HTTP client and of its internal admin client (none when embedded)."""
    owners = (client, getattr(client, "_admin_client", None))
    sessions = [getattr(getattr(owner, "_server", None), "_session", None) for owner in owners]
    return [session for session in sessions if session is not None]


def _write_json(path: Path, data: Any) -> None:
    _write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


class LoadedIndex:
    """An opened build: documents and paragraphs by id, dense search through Chroma, keyword search in memory."""

    def __init__(
        self, client: Any, manifest: IndexManifest, documents: list[Document], embeddings: E5Embeddings
    ) -> None:
        from langchain_chroma import Chroma

        self.manifest = manifest
        self.documents = {doc.symbol: doc for doc in documents}
        self.paragraphs: dict[str, Paragraph] = {p.id: p for doc in documents for p in doc.paragraphs}
        self.embeddings = embeddings
        self._client = client
        self._vectors = Chroma(client=self._client, collection_name=manifest.collection, embedding_function=embeddings)
        ids = list(self.paragraphs)
        self.keyword = KeywordIndex(ids, [self.paragraphs[i].text for i in ids])
        self.registry = build_registry(documents)

    def dense(self, query_vector: list[float], k: int, only: str | None = None) -> list[tuple[str, float]]:
        """Nearest paragraphs by cosine similarity (1 = same direction), optionally of one document only; a
        paragraph embedded in parts counts once, with its best part."""
        where = {"doc": only} if only else None
        hits = self._vectors.similarity_search_by_vector_with_relevance_scores(query_vector, k=2 * k, filter=where)
        best: dict[str, float] = {}
        for doc, distance in hits:
            pid = (doc.id or "").split("#")[0]
            if pid in self.paragraphs and pid not in best:
                best[pid] = 1.0 - distance
        return list(best.items())[:k]

    def vector_count(self) -> int:
        return _count(self._client, self.manifest.collection)

    def close(self) -> None:
        close_client(self._client)


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
            _write_text(marker, uuid.uuid4().hex[:8])
        return f"ndv-{marker.read_text(encoding='utf-8').strip()}-"

    # -- reading ---------------------------------------------------------------------------------------------
    def current_name(self) -> str:
        """The name of the build in use ('' when there is none): cheap to read on every request."""
        try:
            return (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    def current_dir(self) -> Path | None:
        name = self.current_name()
        return self.root / name if name else None

    def exists(self) -> bool:
        return self.current_dir() is not None

    def read_manifest(self, build: str | None = None) -> IndexManifest:
        """The manifest of `build` (default: the current build), checked against this program's settings."""
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
        """Open `build` (default: the current one); a build stays readable until two newer builds replace it."""
        build = build or self.current_name()
        manifest = self.read_manifest(build)
        directory = self.root / build
        try:
            raw = json.loads((directory / "documents.json").read_text(encoding="utf-8"))
            documents = [Document.from_dict(d) for d in raw]
            index = LoadedIndex(_chroma_client(directory, self.server), manifest, documents, self.embeddings)
            count = index.vector_count()
        except IndexUnavailableError:
            raise
        except Exception as exc:  # Chroma raises many types on damaged files; all mean the same to a user
            raise IndexCorruptError(
                f"The index in {directory} is damaged ({type(exc).__name__}); {REBUILD_HINT}."
            ) from exc
        if count != manifest.vector_count:
            index.close()
            raise IndexCorruptError(f"The index in {directory} is incomplete; {REBUILD_HINT}.")
        return index

    # -- writing ---------------------------------------------------------------------------------------------
    @contextlib.contextmanager
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
        """Embed and store every paragraph in a new build, check it, then switch to it."""
        with self._build_lock():
            for stale in self.root.glob(".build-*"):  # left by a build that was killed; we hold the lock
                shutil.rmtree(stale, ignore_errors=True)
            name = f"v{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
            tmp = self.root / f".build-{name}"
            tmp.mkdir(parents=True)
            collection = f"{self._collection_prefix()}{name}"
            try:
                client = _chroma_client(tmp, self.server)
                try:
                    manifest = self._write_build(client, tmp, collection, documents, progress)
                except BaseException:
                    _drop_collection(client, collection, self.server)
                    raise
                finally:
                    close_client(client)  # before the rename: the embedded store lives inside the directory
                os.rename(tmp, self.root / name)
                _write_text(self.root / "CURRENT", name)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            self._prune(keep=2)
            return manifest

    def _write_build(
        self, client: Any, directory: Path, collection: str, documents: list[Document], progress: Progress | None
    ) -> IndexManifest:
        from langchain_chroma import Chroma

        chunks = [(p, cid, text) for doc in documents for p in doc.paragraphs for cid, text in embedding_chunks(p)]
        manifest = IndexManifest(
            schema=SCHEMA_VERSION,
            embedder=self.embeddings.name,
            dim=E5Embeddings.dim,
            chromadb=version("chromadb"),
            vectors=self.vectors,
            build=directory.name.removeprefix(".build-"),
            collection=collection,
            vector_count=len(chunks),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            documents=[
                {"symbol": d.symbol, "lang": d.lang, "title": d.title, "paragraphs": len(d.paragraphs)}
                for d in documents
            ],
        )
        store = Chroma(
            client=client,
            collection_name=collection,
            embedding_function=self.embeddings,
            collection_metadata={"hnsw:space": "cosine", "embedder": manifest.embedder},
        )
        for start in range(0, len(chunks), _BATCH):
            batch = chunks[start : start + _BATCH]
            store.add_texts(
                [text for _, _, text in batch],
                metadatas=[_chroma_metadata(p) for p, _, _ in batch],
                ids=[cid for _, cid, _ in batch],
            )
            if progress:
                progress(start + len(batch), len(chunks))
        if _count(client, collection) != len(chunks):
            raise IndexCorruptError("The new index did not store every paragraph; the previous index is kept.")
        _write_json(directory / "documents.json", [d.to_dict() for d in documents])
        _write_json(directory / "manifest.json", asdict(manifest))
        return manifest

    def _prune(self, keep: int) -> None:
        """Keep the current build and the one before it; on a server, drop every other collection of ours."""
        current = self.current_dir()
        builds = sorted((d for d in self.root.glob("v*") if d.is_dir()), key=lambda d: d.stat().st_mtime)
        for old in builds[:-keep]:
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
        if self.server is None:
            return
        kept = {f"{self._collection_prefix()}{d.name}" for d in self.root.glob("v*") if d.is_dir()}
        client = _chroma_client(self.root, self.server)
        try:
            for collection in client.list_collections():
                if collection.name.startswith(self._collection_prefix()) and collection.name not in kept:
                    client.delete_collection(collection.name)
        finally:
            close_client(client)


def _drop_collection(client: Any, collection: str, server: ChromaServer | None) -> None:
    """A failed build's collection on a server would outlive it; embedded ones go with their directory."""
    if server is None:
        return
    with contextlib.suppress(Exception):  # it may never have been created; the next prune removes leftovers
        client.delete_collection(collection)


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def embedding_chunks(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(vector id, text) parts of a paragraph: itself when short, else sentence-aligned parts `ID#1`, `ID#2`…"""
    if len(paragraph.text) <= CHUNK_CHARS:
        return [(paragraph.id, paragraph.text)]
    parts: list[str] = [""]
    for sentence in re.findall(r"[^。；;.!?！？]+[。；;.!?！？]?\s*", paragraph.text):
        while len(sentence) > CHUNK_CHARS:  # one sentence longer than a part: cut it
            parts += [sentence[:CHUNK_CHARS], ""]
            sentence = sentence[CHUNK_CHARS:]
        if len(parts[-1]) + len(sentence) > CHUNK_CHARS:
            parts.append("")
        parts[-1] += sentence
    return [(f"{paragraph.id}#{i}", part) for i, part in enumerate((p for p in parts if p.strip()), 1)]


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
