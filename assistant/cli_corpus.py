"""`ndv` commands about the corpus and the index: build, add, list, fetch, cited, doc."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings, index_store
from index.errors import InputError, NDVError, UnknownDocumentError

if TYPE_CHECKING:
    from index.documents import Document

EXIT_OK, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2  # done, the documents do not answer, error


def progress_bar(label: str) -> Callable[[int, int], None]:
    """A bar on stderr for a terminal; a start and an end line otherwise (logs stay readable)."""
    interactive = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        if interactive:
            filled = int(30 * done / max(total, 1))
            print(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="", file=sys.stderr)
            if done >= total:
                print(file=sys.stderr)
        elif done >= total:
            print(f"{label}: {done}/{total} done.", file=sys.stderr)

    return update


def _build(settings: Settings, documents: list[Document]) -> int:
    store = index_store(settings)
    total = sum(len(d.paragraphs) for d in documents)
    print(
        f"Indexing {len(documents)} document(s), {total} paragraphs, into {store.root} ({store.vectors}).",
        file=sys.stderr,
    )
    manifest = store.build(documents, progress_bar("Embedding"))
    print(f"Index built: {', '.join(d['symbol'] for d in manifest.documents)} ({total} paragraphs).")
    return EXIT_OK


def cmd_index_build(args: argparse.Namespace, settings: Settings) -> int:
    from index.corpus import corpus_documents
    from index.sources import indexed_corpus

    return _build(settings, corpus_documents(Path(args.corpus)) if args.corpus else indexed_corpus(settings.data_dir))


def cmd_index_add(args: argparse.Namespace, settings: Settings) -> int:
    """Parse first (a bad file changes nothing), then keep the file and rebuild; a failed build restores the list."""
    from index.ingest import load_document
    from index.sources import SourceStore, indexed_corpus

    doc = load_document(Path(args.file), args.symbol, args.lang, settings.limits())
    print(f"{args.file}: {doc.symbol} ({doc.kind}, {doc.lang}), {len(doc.paragraphs)} paragraphs.", file=sys.stderr)
    sources = SourceStore(settings.data_dir)
    previous = sources.add(Path(args.file), doc)
    try:
        return _build(settings, indexed_corpus(settings.data_dir))
    except BaseException:
        sources.write(previous)
        raise


def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    """Fetch each symbol in the first language it is published in, index what arrived, report each failure."""
    from index.fetch import Fetcher, language
    from index.ingest import load_document
    from index.sources import SourceStore, indexed_corpus

    langs = [language(code) for code in args.lang.split(",") if code.strip()]
    symbols = list(args.symbols)
    if args.cited:
        index = index_store(settings).open()
        try:  # a treaty's UNTS reference is no document symbol: it cannot be fetched from the document system
            symbols += [e.symbol for e in index.registry if not e.in_index and not e.symbol.startswith("UNTS")]
        finally:
            index.close()
    if not symbols:
        raise InputError("Name at least one document symbol, or use --cited.")
    fetcher = Fetcher(
        settings.data_dir / "fetched",
        settings.fetch_base_url,
        settings.fetch_timeout_s,
        settings.max_file_mb * 1024 * 1024,
    )
    sources = SourceStore(settings.data_dir)
    previous, added, failed = sources.read(), 0, 0
    for symbol in dict.fromkeys(symbols):
        problems = []
        for lang in langs:
            try:
                fetched = fetcher.fetch(symbol, lang)
                doc = load_document(fetched.path, symbol, lang, settings.limits())
            except NDVError as exc:
                problems.append(str(exc))
                continue
            sources.add(fetched.path, doc)
            added += 1
            print(f"{symbol} ({lang}): {len(doc.paragraphs)} paragraphs, from {fetched.url}", file=sys.stderr)
            break
        else:
            failed += 1
            for problem in problems:
                print(f"ndv: {problem}", file=sys.stderr)
    if added:
        try:
            _build(settings, indexed_corpus(settings.data_dir))
        except BaseException:
            sources.write(previous)
            raise
    return EXIT_ERROR if failed else EXIT_OK


def cmd_index_list(args: argparse.Namespace, settings: Settings) -> int:
    store = index_store(settings)
    manifest = store.read_manifest()
    print(
        f"Index in {store.current_dir()} (built {manifest.built_at}, embedder {manifest.embedder}, "
        f"vectors {manifest.vectors})"
    )
    for doc in manifest.documents:
        print(f"  {doc['symbol']:<16} {doc['lang']}  {doc['paragraphs']:>4} paragraphs  {doc['title']}")
    return EXIT_OK


def cmd_doc(args: argparse.Namespace, settings: Settings) -> int:
    index = index_store(settings).open()
    try:
        doc = index.documents.get(args.symbol)
        if doc is None:
            known = ", ".join(index.documents) or "none"
            raise UnknownDocumentError(f"{args.symbol} is not in the index (indexed: {known}).")
        if args.json:
            data = {k: v for k, v in doc.to_dict().items() if k != "paragraphs"}
            data["paragraphs"] = [
                {
                    "id": p.id,
                    "label": p.label,
                    "kind": p.kind,
                    "text": p.text,
                    "footnotes": p.footnote_numbers,
                    "cites": p.cites,
                }
                for p in doc.paragraphs
            ]
            print(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            from assistant.labels import display_label

            print(f"{doc.symbol}  {doc.title}")
            for p in doc.paragraphs:
                print(f"\n[{p.label}] {display_label(p.label, doc.lang)}\n{p.text}")
        return EXIT_OK
    finally:
        index.close()


def cmd_cited(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from assistant.labels import display_citation

    index = index_store(settings).open()
    try:
        registry = index.registry
    finally:
        index.close()
    if args.json:
        print(json.dumps([asdict(entry) for entry in registry], ensure_ascii=False, indent=1))
        return EXIT_OK
    lang = args.lang
    for entry in registry:
        state = (
            ("已收录" if lang == "zh" else "indexed")
            if entry.in_index
            else ("未收录" if lang == "zh" else "not indexed")
        )
        print(f"{entry.symbol}  [{entry.kind}, {state}]  {entry.title(lang)}")
        print("    " + "; ".join(display_citation(cid, lang) for cid in entry.cited_by))
    return EXIT_OK
