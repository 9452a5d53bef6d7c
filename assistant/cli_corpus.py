"""`ndv` commands about the corpus and the index: build, add, list, fetch, cited, doc."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings, index_store
from assistant.terminal import echo
from index.errors import IndexCorruptError, InputError, NDVError, UnknownDocumentError

if TYPE_CHECKING:
    from index.documents import Document
    from index.store import LoadedIndex

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


def announce_build(settings: Settings, reason: str = "") -> None:
    """Say why the index is being built before the progress bar starts."""
    if reason:
        echo(f"{reason.split(';')[0]}; rebuilding it from the corpus.", err=True)
    else:
        echo(f"No index yet in {settings.data_dir}; building it from the shipped corpus.", err=True)


def open_index(settings: Settings) -> LoadedIndex:
    """The index, built first when there is none yet, as `ndv ask` does."""
    from index.sources import open_or_build

    return open_or_build(
        index_store(settings),
        settings.data_dir,
        progress_bar("Building the index"),
        lambda r: announce_build(settings, r),
    )


def _build(settings: Settings, documents: list[Document]) -> int:
    store = index_store(settings)
    total = sum(len(text.paragraphs) for d in documents for text in (d, *d.translations.values()))
    echo(f"Indexing {len(documents)} document(s), {total} paragraphs, into {store.root} ({store.vectors}).", err=True)
    manifest = store.build(documents, progress_bar("Embedding"))
    echo(f"Index built: {', '.join(d['symbol'] for d in manifest.documents)} ({total} paragraphs).")
    return EXIT_OK


def cmd_index_build(args: argparse.Namespace, settings: Settings) -> int:
    """Under the writers' lock, so that no `index add` changes the documents while they are read."""
    from index.corpus import corpus_documents
    from index.sources import SourceStore

    with SourceStore(settings.data_dir).change() as change:
        return _build(settings, corpus_documents(Path(args.corpus)) if args.corpus else change.documents())


def cmd_index_add(args: argparse.Namespace, settings: Settings) -> int:
    """Parse first (a bad file changes nothing), stage the file, build from the staged corpus, and only then
    commit the file to the list of added documents: any failure leaves the data directory as it was."""
    from index.ingest import load_document
    from index.sources import SourceStore

    doc = load_document(Path(args.file), args.symbol, args.lang, settings.limits())
    echo(f"{args.file}: {doc.symbol} ({doc.kind}, {doc.lang}), {len(doc.paragraphs)} paragraphs.", err=True)
    with SourceStore(settings.data_dir).change() as change:
        change.add(Path(args.file), doc)
        documents = change.documents()
        _build(settings, documents)
        change.commit()
    _report_languages(documents, [doc.symbol])
    return EXIT_OK


def _report_languages(documents: list[Document], symbols: list[str]) -> None:
    """For each symbol indexed in several languages: its languages, and which labels have no counterpart."""
    from index.translations import unaligned

    for doc in documents:
        if doc.symbol in symbols and doc.translations:
            notes = unaligned(doc)
            aligned = "." if notes else ", aligned by label."
            echo(f"{doc.symbol} is indexed in {', '.join(doc.languages)}{aligned}", err=True)
            for note in notes:
                echo(f"Note: {note}", err=True)


def cmd_fetch(args: argparse.Namespace, settings: Settings) -> int:
    """Fetch each symbol in every language asked for that it is published in, index what arrived (a symbol's
    languages as one document), report each failure."""
    from index.fetch import Fetcher, language
    from index.ingest import load_document
    from index.sources import SourceStore

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
    found: list[tuple[Path, Document]] = []
    failed = 0
    for symbol in dict.fromkeys(symbols):
        problems = []
        arrived = 0
        for lang in langs:
            try:
                fetched = fetcher.fetch(symbol, lang)
                doc = load_document(fetched.path, symbol, lang, settings.limits())
            except NDVError as exc:
                problems.append(str(exc))
                continue
            found.append((fetched.path, doc))
            arrived += 1
            echo(f"{symbol} ({lang}): {len(doc.paragraphs)} paragraphs, from {fetched.url}", err=True)
        if not arrived:
            failed += 1
        for problem in problems:  # a language missing beside one that arrived is worth knowing, not a failure
            echo(f"ndv: {problem}" if not arrived else problem, err=True)
    if found:  # downloads done: the writers' lock is held only while the documents change
        with SourceStore(settings.data_dir).change() as change:
            for path, doc in found:
                change.add(path, doc)
            documents = change.documents()
            _build(settings, documents)
            change.commit()
        _report_languages(documents, [doc.symbol for _, doc in found])
    return EXIT_ERROR if failed else EXIT_OK


def cmd_index_list(args: argparse.Namespace, settings: Settings) -> int:
    from index.schemas import INDEXED_DOCUMENTS, validate

    store = index_store(settings)
    manifest = store.read_manifest()
    what = f"The index manifest in {store.current_dir()}"
    documents = validate(INDEXED_DOCUMENTS, manifest.documents, IndexCorruptError, what)
    echo(
        f"Index in {store.current_dir()} (built {manifest.built_at}, embedder {manifest.embedder}, "
        f"vectors {manifest.vectors})"
    )
    for doc in documents:
        languages = ",".join(doc.languages or [doc.lang])
        echo(f"  {doc.symbol:<16} {languages:<5}  {doc.paragraphs:>4} paragraphs  {doc.title}")
    return EXIT_OK


def cmd_doc(args: argparse.Namespace, settings: Settings) -> int:
    """The document as written in one language (default: its primary one)."""
    index = open_index(settings)
    try:
        indexed = index.documents.get(args.symbol)
        if indexed is None:
            known = ", ".join(index.documents) or "none"
            raise UnknownDocumentError(f"{args.symbol} is not in the index (indexed: {known}).")
        doc = indexed.text_in(args.lang or indexed.lang)
        if doc is None:
            languages = ", ".join(indexed.languages)
            raise UnknownDocumentError(f"{args.symbol} is not indexed in {args.lang} (only in {languages}).")
        if args.json:
            data = {k: v for k, v in doc.to_dict().items() if k not in ("paragraphs", "translations")}
            data["languages"] = indexed.languages
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
            echo(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            from assistant.labels import display_label

            others = [lang for lang in indexed.languages if lang != doc.lang]
            echo(f"{doc.symbol}  {doc.title}  [{doc.lang}{'; also ' + ', '.join(others) if others else ''}]")
            for p in doc.paragraphs:
                echo(f"\n[{p.label}] {display_label(p.label, doc.lang)}\n{p.text}")
        return EXIT_OK
    finally:
        index.close()


def cmd_cited(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from assistant.labels import display_citation

    index = open_index(settings)
    try:
        registry = index.registry
        cited = {entry.symbol for entry in registry}
        related = [d for d in index.documents.values() if d.symbol not in cited and d.relation not in ("main", "")]
    finally:
        index.close()
    if args.json:
        entries = [{**asdict(entry), "relation": "cited"} for entry in registry]
        entries += [
            {
                "symbol": d.symbol,
                "kind": d.kind,
                "title": d.title,
                "adopted": d.adopted,
                "relation": d.relation,
                "in_index": True,
                "cited_by": [],
            }
            for d in related
        ]
        echo(json.dumps(entries, ensure_ascii=False, indent=1))
        return EXIT_OK
    lang = args.lang
    zh = lang == "zh"
    for entry in registry:
        state = ("已收录" if zh else "indexed") if entry.in_index else ("未收录" if zh else "not indexed")
        echo(f"{entry.symbol}  [{entry.kind}, {state}]  {entry.title(lang)}")
        echo("    " + "; ".join(display_citation(cid, lang) for cid in entry.cited_by))
    if related:
        echo("\n相关文件（已收录，未被引用）：" if zh else "\nRelated documents (indexed, not cited):")
        for doc in related:
            relation = _RELATIONS.get(doc.relation, (doc.relation, doc.relation))[0 if zh else 1]
            echo(f"{doc.symbol}  [{doc.kind}, {relation}, {doc.adopted or '—'}]  {doc.title}")
    return EXIT_OK


_RELATIONS = {
    "later": ("同一系列的后续决议", "later resolution of the same line"),
    "user": ("用户添加", "added by a user"),
}
