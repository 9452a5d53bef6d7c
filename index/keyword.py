"""Keyword index: BM25 over CJK character bigrams and Latin words, so symbols and numbers ('A/61/1028',
'62/21', '25') match exactly where embeddings blur them. Rebuilt in memory from the stored paragraphs."""

from __future__ import annotations

import bm25s
import numpy as np

from index.text import keyword_tokens


class KeywordIndex:
    def __init__(self, ids: list[str], texts: list[str]) -> None:
        self.ids = ids
        self._bm25 = bm25s.BM25()
        # An empty token list would make bm25s fail; a placeholder keeps ids and rows aligned.
        self._bm25.index([keyword_tokens(t) or ["\u2205"] for t in texts], show_progress=False)

    def scores(self, query: str) -> dict[str, float]:
        """BM25 score per paragraph id (a paragraph in several languages: its best text's); empty when no query
        token occurs in the corpus."""
        tokens = keyword_tokens(query)
        if not tokens:
            return {}
        raw = np.asarray(self._bm25.get_scores(tokens))
        if not raw.any():
            return {}
        best: dict[str, float] = {}
        for pid, score in zip(self.ids, raw):
            if score > best.get(pid, 0.0):
                best[pid] = float(score)
        return best
