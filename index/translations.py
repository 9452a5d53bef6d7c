"""One symbol in several languages is one document: its texts are joined by symbol, and their labels compared so
that a user hears which paragraphs have no counterpart in the other language."""

from __future__ import annotations

from dataclasses import replace

from index.documents import DATA_CARD_KINDS, Document


def joined(documents: list[Document]) -> list[Document]:
    """One document per symbol, in order of first appearance: the first text of a symbol is its primary language,
    the later ones in other languages its translations (a later text in a language already there replaces it)."""
    by_symbol: dict[str, Document] = {}
    for doc in separate(documents):
        first = by_symbol.setdefault(doc.symbol, doc)
        if first is doc:
            continue
        if doc.lang == first.lang:
            by_symbol[doc.symbol] = replace(doc, translations=first.translations)
        else:
            by_symbol[doc.symbol] = replace(first, translations={**first.translations, doc.lang: doc})
    return list(by_symbol.values())


def separate(documents: list[Document]) -> list[Document]:
    """Every text on its own, primary languages before their translations."""
    return [text for doc in documents for text in (replace(doc, translations={}), *doc.translations.values())]


def unaligned(doc: Document) -> list[str]:
    """One sentence for each translation whose labels do not match the primary text's (data cards aside: they
    are data about the document, not its text)."""

    def labels(text: Document) -> list[str]:
        return [p.label for p in text.paragraphs if p.kind not in DATA_CARD_KINDS]

    primary = labels(doc)
    notes = []
    for lang, translation in doc.translations.items():
        theirs = labels(translation)
        only_theirs = [label for label in theirs if label not in primary]
        only_ours = [label for label in primary if label not in theirs]
        if only_theirs or only_ours:
            missing = [
                f"only in {language}: {', '.join(only)}"
                for language, only in ((lang, only_theirs), (doc.lang, only_ours))
                if only
            ]
            notes.append(
                f"{doc.symbol} in {doc.lang} and {lang} does not align by label ({'; '.join(missing)}); "
                "those paragraphs are answered in the one language they have."
            )
    return notes
