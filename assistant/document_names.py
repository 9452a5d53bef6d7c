"""The names a question uses that a document never uses by any of its names (a treaty, a body, an English proper
name, a place): a question about something the document does not name is not answered from it."""

from __future__ import annotations

import re

from assistant.labels import without_label_refs
from assistant.language import pack
from assistant.paragraph_facts import ParagraphFacts
from assistant.question import Question
from assistant.relevance import TITLE, RelevanceJudge, Vocabulary
from index.documents import DATA_CARD_KINDS, Paragraph
from index.glossary import Glossary, longest_terms
from index.text import has_cjk, strip_all_spaces

# a name of two or more capitalized words ('Holy See', 'Treaty on the Prohibition of Nuclear Weapons')
_PROPER_NAME = re.compile(
    r"\b[A-Z][\w-]+(?:\s+(?:of|on|the|for|and|in)){0,2}\s+[A-Z][\w-]+(?:(?:\s+(?:of|on|the|for|and|in)){0,2}\s+[A-Z][\w-]+)*"
)
_ACRONYM = re.compile(r"(?<![A-Za-z-])[A-Z]{3,}(?![A-Za-z-])")
_ROMAN = re.compile(r"[IVXLC]+")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z.'’-]*(?:\s+[A-Za-z][A-Za-z.'’-]*)*")


class DocumentNames:
    """The names each document of the index uses, in either language through the glossary."""

    def __init__(self, paragraphs: dict[str, Paragraph], glossary: Glossary, facts: ParagraphFacts) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary
        self.facts = facts
        self._english_texts: dict[str, str] = {}  # an English document's text, folded for name lookups
        self._citing_texts: dict[str, str] = {}  # the footnotes citing a document, joined
        # the acronyms in the indexed documents' own symbols ('UNTS vol. 729, No. 10485'): names of a document
        self._symbol_acronyms = {a for p in paragraphs.values() for a in _ACRONYM.findall(p.doc_symbol)}

    def never_named(self, question: Question, subject: str, judge: RelevanceJudge) -> list[str]:
        """The names in a question's subject that the document asked about never uses: a body, treaty or office
        named in Latin script (known by the glossary only: 'when is the GSTE due to report'), an English proper
        name, a Chinese official name an English document never uses in English, an acronym neither the documents
        nor the glossary know ('the CTBT', 'New START')."""
        latin = " ".join(_LATIN_RUN.findall(subject))
        spelled = [t for t in self.glossary.terms() if t.isascii() and self.glossary.is_official(t) and t in latin]
        latin_terms = self.glossary.official_terms(latin, vocabulary=False) + spelled  # 'GSTE'; 'Vienna' as such
        unnamed = [t for t in latin_terms if not judge.names_term(t)]
        unnamed += self._english_names_not_in(question.scope or "", subject, question.focus)
        unnamed += self._chinese_names_not_in(question.scope or "", subject, judge)
        return unnamed + self._unknown_acronyms(subject, judge)

    def other_documents_named(self, question: Question, subject: str, judge: RelevanceJudge) -> list[str]:
        """The names of documents a question naming paragraphs gives that the document read never uses: a 《title》,
        an English proper name or an unknown acronym."""
        subject = without_label_refs(subject)
        placeholder = pack(question.lang).templates["this_document"]
        titles = [t for t in TITLE.findall(subject) if t[1:-1].strip() != placeholder and not judge.names_term(t[1:-1])]
        return (
            titles
            + self._english_names_not_in(question.scope or "", subject, question.focus)
            + self._unknown_acronyms(subject, judge)  # 'TPNW Article 4', 'TPNW第四条'
        )

    def _unknown_acronyms(self, subject: str, judge: RelevanceJudge) -> list[str]:
        """The acronyms neither the documents (their texts or symbols) nor the glossary know ('the CTBT', 'New
        START')."""
        return [
            a
            for a in _ACRONYM.findall(subject)
            if a not in self.glossary.terms()
            and a not in self._symbol_acronyms
            and not judge.names_term(a)
            and not _ROMAN.fullmatch(a)
        ]

    def _english_names_not_in(self, symbol: str, subject: str, asked: str) -> list[str]:
        """The proper names of an English question ('the Treaty on the Prohibition of Nuclear Weapons') that an
        English document never uses (a Chinese text is checked by the glossary's names only). A name is the
        question's own words as `asked`: taking the asking words out of it joins no others into one ('Through
        [which part] of the Secretariat')."""
        text = self._english_text(symbol)
        if not text:
            return []
        asking = pack("en").vocabulary.asking
        names = []
        for found in _PROPER_NAME.findall(subject):
            words = found.split()
            while words and words[0].lower() in asking:  # 'What UNTS volume': the question's own first word
                words.pop(0)
            name = " ".join(words)
            if _PROPER_NAME.fullmatch(name) and name in asked and strip_all_spaces(name).lower() not in text:
                names += [] if self.glossary.official_terms(name, vocabulary=False) else [name]
        return names

    def _chinese_names_not_in(self, symbol: str, subject: str, judge: RelevanceJudge) -> list[str]:
        """The official Chinese names a question uses ('安理会') that an English document never uses by any of their
        English names ('Security Council'), nor the footnotes citing it ('《条约汇编》', where the NPT is published)."""
        if not self._english_text(symbol):
            return []
        if symbol not in self._citing_texts:
            footnotes = [p.text for p in self.paragraphs.values() if p.kind == "footnote" and symbol in p.cites]
            self._citing_texts[symbol] = "".join(footnotes)
        citing = self._citing_texts[symbol]
        spelled = [
            t
            for t in self.glossary.terms()
            if has_cjk(t) and t in subject and any(self.glossary.is_official(f) for f in self.glossary.forms(t))
        ]
        return [
            t
            for t in longest_terms(spelled)
            if (english := [f for f in self.glossary.forms(t) if f.isascii()])
            and not any(judge.names_term(f) for f in english)
            and not any(self.facts.has(citing, f) for f in self.glossary.forms(t))
        ]

    def _english_text(self, symbol: str) -> str:
        """The document's own text without spaces, lower-cased, when it is English (once per document); else ''."""
        if symbol not in self._english_texts:
            own = [p for p in self.paragraphs.values() if p.doc_symbol == symbol and p.kind not in DATA_CARD_KINDS]
            english = bool(own) and all(p.lang == "en" for p in own)
            self._english_texts[symbol] = strip_all_spaces(" ".join(p.text for p in own)).lower() if english else ""
        return self._english_texts[symbol]

    @staticmethod
    def other_place(question: Question, vocabulary: Vocabulary) -> str:
        """The place an English question names ('in New York') when the documents use none of its words."""
        words = DocumentNames.place_named(question).split()
        return " ".join(words) if words and all(w in vocabulary.absent for w in words) else ""

    @staticmethod
    def place_named(question: Question) -> str:
        """The place an English question names as where something is ('in New York', 'in Vienna'), or ''."""
        shape = pack("en").answer_type("place") if question.lang == "en" else None
        match = shape.shape.search(question.focus) if shape else None
        return " ".join(match.group(0).split()[1:]) if match else ""  # without 'in' / 'at'
