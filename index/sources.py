"""Documents a user added (`ndv index add`): copies of their files and a manifest under `<data dir>/sources`, so
that every later `ndv index build` includes them. The shipped corpus plus these make the indexed corpus."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from index.corpus import corpus_documents, shipped_documents
from index.documents import Document


class SourceStore:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "sources"
        self.manifest = self.root / "manifest.json"

    def read(self) -> list[dict[str, Any]]:
        if not self.manifest.exists():
            return []
        return list(json.loads(self.manifest.read_text(encoding="utf-8"))["documents"])

    def write(self, entries: list[dict[str, Any]]) -> None:
        """Atomically: a failure leaves the previous manifest."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest.with_name("manifest.json.tmp")
        tmp.write_text(json.dumps({"documents": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.manifest)

    def add(self, path: Path, doc: Document) -> list[dict[str, Any]]:
        """Keep a copy of the file and list it, replacing any earlier entry of the same symbol; returns the
        previous entries, for `write` to restore if the build that follows fails."""
        previous = self.read()
        self.root.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9.]+", "_", doc.symbol).strip("_") + f"_{doc.lang}{path.suffix.lower() or '.txt'}"
        shutil.copyfile(path, self.root / name)
        entry = {"file": name, "symbol": doc.symbol, "lang": doc.lang, "kind": doc.kind, "source": str(path)}
        self.write([e for e in previous if e["symbol"] != doc.symbol] + [entry])
        return previous

    def documents(self) -> list[Document]:
        return corpus_documents(self.root) if self.read() else []


def indexed_corpus(data_dir: Path) -> list[Document]:
    """The shipped documents and the user's, one per symbol (a user's document replaces a shipped one)."""
    added = SourceStore(data_dir).documents()
    symbols = {d.symbol for d in added}
    return [d for d in shipped_documents() if d.symbol not in symbols] + added
