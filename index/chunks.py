"""What is embedded for a paragraph: the paragraph itself, or sentence-aligned parts of a long one, and the
metadata stored with each vector."""

from __future__ import annotations

import re
from typing import Any

from index.documents import Paragraph

CHUNK_CHARS = 1200  # e5 reads 512 tokens; a longer paragraph is embedded in parts that keep its id


def embedding_chunks(paragraph: Paragraph, translated: bool = False) -> list[tuple[str, str]]:
    """(vector id, text) parts of a paragraph: itself when short, else sentence-aligned parts `ID#1`, `ID#2`…;
    a translation's ids carry its language (`ID@en`), since the citation id is the same in every language."""
    key = f"{paragraph.id}@{paragraph.lang}" if translated else paragraph.id
    if len(paragraph.text) <= CHUNK_CHARS:
        return [(key, paragraph.text)]
    parts: list[str] = [""]
    for sentence in re.findall(r"[^。；;.!?！？]+[。；;.!?！？]?\s*", paragraph.text):
        while len(sentence) > CHUNK_CHARS:  # one sentence longer than a part: cut it
            parts += [sentence[:CHUNK_CHARS], ""]
            sentence = sentence[CHUNK_CHARS:]
        if len(parts[-1]) + len(sentence) > CHUNK_CHARS:
            parts.append("")
        parts[-1] += sentence
    return [(f"{key}#{i}", part) for i, part in enumerate((p for p in parts if p.strip()), 1)]


def chroma_metadata(p: Paragraph) -> dict[str, Any]:
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
