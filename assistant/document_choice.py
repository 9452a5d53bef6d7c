"""Which document a question is about: the one it names (by symbol, name, the year it was adopted, a group it
sets up, a symbol only it cites, words only it uses), the others it asks about besides, and a treaty reached
through a paragraph's citation ('the article of the NPT that PP5 refers to'). The reader asks; this module only
reads the names and texts of the indexed documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, KeysView

from assistant.labels import find_label_refs, without_label_refs
from assistant.language import asks_only, number_value, pack, question_language
from assistant.named_paragraphs import named_labels
from index.documents import Document, Paragraph, citation_id
from index.glossary import Glossary
from index.registry import aliases, known_documents, short_forms
from index.text import YEAR, has_cjk

_NAMES_YEAR = re.compile(r"(?<!\d)(?:19|20)?\d\d\s*年|\b(?:19|20)\d\d\b")  # '1995年', '95年', 'the 2000 conference'
# a resolution's number or a document's symbol ('78/22', 'A/79/93'), not a date nor a ratio
# ASCII bounds: a Chinese character may touch a symbol ('79/240要的那份报告')
_CITED_SYMBOL = re.compile(r"(?<![A-Za-z0-9_/])(?:[A-Z]+/)*\d{2,}/\d+(?:/[A-Za-z0-9_.]+)*(?![A-Za-z0-9_/])")
_LATIN_PHRASE = re.compile(r"[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)+")  # two words or more
_EN_NAME_WORDS = frozenset({"of", "and", "the", "for", "in"})


class DocumentChoice:
    """The indexed documents, read for the names and words that choose one."""

    def __init__(
        self, documents: dict[str, Document], glossary: Glossary, terms_of: Callable[[str], tuple[str, ...]]
    ) -> None:
        self.documents = documents
        self.glossary = glossary
        self._terms_of = terms_of  # the exact terms a question uses (the reader's)
        self.main = self._main()
        self.written = {symbol: "".join(p.text for p in d.paragraphs) for symbol, d in documents.items()}
        self._main_text = self.written[self.main.symbol] if self.main else ""
        self._counts = {symbol: _counts(d) for symbol, d in documents.items()}
        self._folded = {symbol: text.lower() for symbol, text in self.written.items()}
        self._places = " ".join(  # where the texts say things happen ('in Geneva and Vienna', '在日内瓦举行')
            m.group(0)
            for d in documents.values()
            for p in d.paragraphs
            if (place := pack(d.lang).answer_type("place"))
            for m in place.shape.finditer(p.text)
        ).lower()
        # a document's subject by the glossary's other names for one of its own ('GSTE' for 80/53's 'Group of
        # Scientific and Technical Experts'): it names the document, and stays the topic
        self._subjects = {
            symbol: sorted({f for name in aliases(symbol) for f in glossary.forms(name)} - set(aliases(symbol)))
            for symbol in documents
        }
        # the same subjects by a part of their names ('the scientific group', 科技专家组)
        self._shortened = {
            symbol: pattern
            for symbol in documents
            if (pattern := _shortened([*aliases(symbol), *self._subjects[symbol]], glossary.terms()))
        }

    def document(
        self, text: str, only: str | None, lang: str, mentions: bool = False
    ) -> tuple[Document | None, list[str], bool]:
        """The document the question is about, the words that named it, and whether it was named. In order: the one
        asked for; one it names by symbol ('80/53'); by a name that says resolution ('the 2025 resolution');
        the document adopted in a year it names that the main text never mentions ('2025年那份决议', 'decided in
        2025'); the main resolution when it says 'the resolution' / 决议; by another name ('NPT', '不扩散条约');
        the one document naming a symbol it gives ('78/22': 80/53 recalls it); the treaty when it names an article.
        Else the main resolution, unnamed: the other documents may answer too."""
        docs, main = self.documents, self.main
        if only:
            return docs.get(only), [only], True
        named = [symbol for symbol in docs if _by_symbol(text, symbol)]
        if by_year := self._dated(text, lang):
            at, symbol, year = by_year
            if not named or at < min(text.find(form) for s in named for form in short_forms(s) if form in text):
                return docs[symbol], [year], True  # 'the 2016 GGE', '2025那份', 'does the 2025 resolution recall 71/67'
        if named:  # several: the main resolution first, the others are answered after it
            symbol = main.symbol if main and main.symbol in named else max(named, key=len)
            return docs[symbol], [form for form in short_forms(symbol) if form in text], True
        says_main = pack(lang).main_document
        # the longest name used wins: 'NPT conferences' are the review conferences the resolution cites, not the NPT
        called = sorted(
            ((symbol, name) for symbol in known_documents() for name in aliases(symbol) if _names(text, name)),
            key=lambda item: -len(item[1]),
        )
        for symbol, name in called:
            if says_main and says_main.search(name) and symbol in docs:
                return docs[symbol], [name], True
        # the resolution adopted in a year it names that the main text never mentions ('2025年那份决议')
        years = [y for y in YEAR.findall(text) if y not in self._main_text]
        dated = [d for d in docs.values() if d.adopted[:4] in years]
        if len(dated) == 1 and not called:
            return dated[0], [dated[0].adopted[:4]], True
        main_said = says_main.search(text) if says_main else None
        # (not '79/240是哪天的决议': 决议 after a symbol only another document names is that resolution; '决议提到
        # 78/22了吗' asks of the main one)
        cited = _CITED_SYMBOL.search(text)
        named_before = cited is not None and main_said is not None and cited.start() < main_said.start()
        if main_said and main and not (named_before and self._only_citing(text, main) is not None):
            return main, [main_said.group(0)], True
        treaties = [d for d in docs.values() if d.kind == "treaty"]
        the_treaty = pack(lang).the_treaty
        if len(treaties) == 1 and the_treaty and (said := the_treaty.search(text)):
            return treaties[0], [said.group(0)], True  # 'where in the treaty is … mentioned': the one indexed
        names_article = any(ref.kind == "ART" for ref in find_label_refs(text))
        article_word = pack(lang).article_word
        asks_articles = names_article or bool(article_word and article_word.search(text))  # 'which NPT articles'
        treaties_called = [symbol for symbol, _ in called if symbol in docs and docs[symbol].kind == "treaty"]
        if asks_articles and treaties_called and called[0][0] not in docs:
            called = [(s, n) for s, n in called if s == treaties_called[0]]  # 'the NPT articles on review conferences'
        unindexed = [n for s, n in called if s not in docs]
        apart = [(s, n) for s, n in called if s in docs and not any(n in other for other in unindexed)]
        if called and called[0][0] not in docs and apart and not _NAMES_YEAR.search(text):
            # 'NPT生效后几年开审议大会': the treaty named on its own, not inside a conference's name ('NPT conference');
            # a conference named by its year is what is asked about ('1995年审议和延期大会…延长NPT')
            called = [item for item in called if item[0] == apart[0][0]]
        if called and called[0][0] in docs:
            symbol = called[0][0]
            speaks = pack(lang).document_speaks
            said_by = any(
                re.search(speaks.replace("{name}", re.escape(name)), text, re.IGNORECASE)
                for other, name in called
                if speaks and other == symbol
            )  # 'where does the NPT mention the IAEA': the NPT's own text
            if (
                mentions
                and main
                and symbol != main.symbol
                and not asks_articles
                and not said_by
                and not _place_of_mention(text, [name for other, name in called if other == symbol], lang)
                and self._mentioned(main, symbol)
            ):
                return main, [], False  # 'which paragraphs mention the NPT': where the resolution names it
            return docs[symbol], [name for other, name in called if other == symbol], True
        if set_up := [s for s, names in self._subjects.items() if any(_names(text, name) for name in names)]:
            return docs[set_up[0]], [], True  # 'when does the GSTE report': 80/53's group, still the topic
        if shortened := [s for s, pattern in self._shortened.items() if pattern.search(text)]:
            return docs[shortened[0]], [], True  # 'the scientific group', 科技专家组: 80/53's group by part of its name
        newer = pack(lang).newer_body
        if newer and newer.search(text) and (latest := self._latest_with_subject()):
            return latest, [], True  # 'the new experts group': the group the latest resolution sets up
        if (holding := self._only_citing(text, main)) is not None:
            return holding, [], False  # '78/22 是啥时候通过的': 80/53 recalls 78/22, 71/67 never names it
        if counting := self.naming_counts(text, main, lang):
            return counting[0][0], [], False  # '21名专家谈不拢的话，报告怎么处理': 80/53 has 21 members, 71/67 25
        if called:
            return main, [], False  # a document the main resolution cites, not indexed: what the resolution says of it
        if len(treaties) == 1 and names_article:
            return treaties[0], [], True
        only = self.only_in(text, main)[0] if main and not find_label_refs(text) else ""
        if only in docs:
            return docs[only], [], False  # '修正案会议要多少缔约国请求': 'amendment' is the NPT's word, not 71/67's
        return main, [], False

    def by_labelled_text(self, text: str, doc: Document, lang: str) -> Document:
        """A question naming paragraphs of no document ('how many objectives does OP5 give the group'): the
        document whose paragraphs of those labels use the more of the question's terms (in any of their names),
        when that is another than `doc`; else `doc`."""
        terms = self.glossary.official_terms(text)

        def used(candidate: Document) -> int:
            ids = named_labels(text, candidate, lang)[0]
            written = " ".join(p.text for p in candidate.paragraphs if citation_id(candidate.symbol, p.label) in ids)
            folded = written.lower()
            return sum(any(f.lower() in folded for f in self.glossary.forms(t)) for t in terms) if written else -1

        uses = {symbol: used(d) for symbol, d in self.documents.items()}
        best = max(uses.values(), default=0)
        winners = [symbol for symbol, n in uses.items() if n == best]
        return self.documents[winners[0]] if len(winners) == 1 and best > uses[doc.symbol] else doc

    def own_body(self, symbol: str, lang: str, in_full: bool = False) -> str | None:
        """The name, in a language, of the body a document sets up: in full, or the head of the name its text calls
        it by ('Group' of 80/53's 'Group of Scientific and Technical Experts', 专家组 of 科学和技术专家组); None for a
        document that sets up none of its own."""
        if not self._subjects.get(symbol):
            return None
        terms = self.glossary.terms()
        name = next((a for a in aliases(symbol) if a in terms and has_cjk(a) == (lang == "zh")), "")
        if in_full or not name:
            return name or None
        if lang == "zh":
            return _chinese_head(name, terms) or None
        return name.split()[0]

    def _dated(self, text: str, lang: str) -> tuple[int, str, str] | None:
        """The first document named by the year it was adopted in, before a word for a document or what it sets up
        ('the 2016 GGE', 'the 2025 one', '2025年那份'): where, which, and the year's words; None when there is none."""
        return next(self._all_dated(text, lang), None)

    def _all_dated(self, text: str, lang: str) -> Iterator[tuple[int, str, str]]:
        """Every document named by the year it was adopted in ('2016年决议设的专家组和2025年新设的专家组')."""
        dated = pack(lang).dated_document
        if dated is None:
            return
        for match in YEAR.finditer(text):
            adopted = [d for d in self.documents.values() if d.adopted[:4] == match.group(0)]
            if len(adopted) == 1 and (said := dated.match(text, match.end())):
                yield match.start(), adopted[0].symbol, text[match.start() : said.end(1)]

    def _latest_with_subject(self) -> Document | None:
        """The latest adopted document that sets up a subject of its own (a group whose names it is known by)."""
        setting_up = [self.documents[s] for s, names in self._subjects.items() if names]
        return max(setting_up, key=lambda d: d.adopted) if setting_up else None

    def _only_citing(self, text: str, main: Document | None) -> Document | None:
        """The one document whose text holds what the question copies from it when the main resolution's text does
        not: a resolution or document symbol ('78/22', 'A/79/93'), or, in a Chinese question, English words
        ('哪段说要避免 duplication of efforts'); None otherwise."""
        copied = [s.lower() for s in _CITED_SYMBOL.findall(text)]
        if has_cjk(text) and not find_label_refs(text):  # ('PP8 里的 "not an end in itself" 中文是？': a rendering)
            copied += [phrase.lower() for phrase in _LATIN_PHRASE.findall(text)]
        if not copied or main is not None and any(c in self._folded[main.symbol] for c in copied):
            return None
        holders = {symbol for symbol, folded in self._folded.items() if any(c in folded for c in copied)}
        return self.documents[holders.pop()] if len(holders) == 1 else None

    def naming_counts(self, text: str, main: Document | None, lang: str) -> list[tuple[Document, str]]:
        """The counts in the question that only one document's text counts by ('21名专家': 80/53's 'consisting of 21
        members'; 'forty other States': the NPT), each with that document: they name it, like a symbol only it
        cites. Footnotes and records are not counts of anything ('action 2', '174 in favour'); nor is a count a
        yes-no question checks ('专家组要开四届会议，对吗': the main resolution's group, whose three say no)."""
        language = pack(lang)
        counted, checks = language.count_named, language.intents.get("yes_no")
        if counted is None or main is None or checks and checks.search(text):
            return []
        named = []
        for match in counted.finditer(_CITED_SYMBOL.sub(" ", without_label_refs(text))):  # ('62/21 as described')
            n = number_value(match.group("n"), lang)
            holders = [d for d in self.documents.values() if n and n > 1 and n in self._counts[d.symbol]]
            if len(holders) == 1 and holders[0] is not main:
                named.append((holders[0], match.group(0)))
        return named

    def unindexed(self, text: str) -> list[str]:
        """The documents the text names by symbol that the index does not hold ('A/51/182/Rev.1那份报告')."""
        return [s for s in _CITED_SYMBOL.findall(text) if not any(_by_symbol(s, symbol) for symbol in self.documents)]

    def citing(self, unindexed: tuple[str, ...]) -> set[str] | None:
        """The indexed documents that cite every one of these unindexed documents ('A/51/182/Rev.1': 71/67 and
        80/53, not the NPT): only they can say anything of them. None when there are none."""
        if not unindexed:
            return None
        copied = [s.lower() for s in unindexed]
        return {symbol for symbol, folded in self._folded.items() if all(c in folded for c in copied)}

    def only_in(self, text: str, main: Document) -> tuple[str, tuple[str, ...]]:
        """The one document that uses the terms of a question the main resolution does not use ('修正案': the
        NPT's 'amendment'), and those terms; ('', ()) when there is no such one."""
        holding: set[str] = set()
        lacking: list[str] = []
        heads = pack(question_language(text)).document_head
        for term in self._terms_of(text):
            if (
                term not in self.glossary.terms()
                or heads
                and re.search(rf"{re.escape(term)}[\w\s-]{{0,6}}?(?:{heads})", text)
            ):
                continue  # the user's quoted words; a term inside another treaty's name ('全面禁止核试验条约')
            forms = [form.lower() for form in self.glossary.forms(term)]
            if any(form in self._places for form in forms):
                continue  # a place is a value asked about ('日内瓦还是维也纳'), not a topic only one text has
            holders = {symbol for symbol, folded in self._folded.items() if any(form in folded for form in forms)}
            if main.symbol not in holders:
                holding |= holders
                lacking.append(term)
        return (holding.pop(), tuple(lacking)) if len(holding) == 1 else ("", ())

    def about(self, text: str, doc: Document | None) -> str | None:
        """The other document a question asks where this one mentions ('which paragraphs rest on the NPT'): the
        longest name it uses of a document that is not the one it is about."""
        called = sorted(
            (
                (symbol, name)
                for symbol in known_documents()
                for name in aliases(symbol)
                if _names(text, name) and (doc is None or symbol != doc.symbol)
            ),
            key=lambda item: -len(item[1]),
        )
        return called[0][0] if called else None

    def also(
        self, text: str, doc: Document | None, only: str | None, lang: str
    ) -> tuple[Document | None, tuple[str, ...], list[str]]:
        """The other documents a question asks about besides `doc`, and the words that named them: those it names
        by symbol ('71/67和80/53的专家组有什么不同'), or every resolution when it says 'both resolutions' / 两项决议
        (the main one first, and the years they were adopted in name them), every document for 'which of the
        documents'."""
        if only or doc is None:
            return doc, (), []
        named = [s for s in self.documents if s != doc.symbol and any(form in text for form in short_forms(s))]
        if named:
            return doc, tuple(named), [form for s in named for form in short_forms(s) if form in text]
        # by the year each was adopted in ('2016年决议设的专家组和2025年新设的专家组有什么不同')
        dated = {symbol: year for _, symbol, year in self._all_dated(text, lang) if symbol != doc.symbol}
        if dated:
            return doc, tuple(dated), list(dated.values())
        every = pack(lang).every_document
        said = every.search(text) if every else None
        if said is None:
            return doc, (), []
        if self.main and said.group("resolutions"):
            doc = self.main
            wanted = [s for s, d in self.documents.items() if s != doc.symbol and d.kind == doc.kind]
        else:
            wanted = [s for s in self.documents if s != doc.symbol]
        # the years they were adopted in name them too ('2016年和2025年两份决议')
        adopted = {self.documents[s].adopted[:4] for s in (doc.symbol, *wanted)}
        years = [
            m.group(0) for m in _NAMES_YEAR.finditer(text) if YEAR.search(m.group(0)) and m.group(0)[:4] in adopted
        ]
        return doc, tuple(wanted), [said.group(0), *years]

    def named(self, text: str) -> list[str]:
        """The indexed documents the text names by symbol or name, wherever ('the first NPT review conference')."""
        return [
            symbol
            for symbol in self.documents
            if _by_symbol(text, symbol) or any(_names(text, n) for n in aliases(symbol))
        ]

    def _mentioned(self, doc: Document, symbol: str) -> bool:
        """Whether the document's text names the other one, by any of its names or their official forms."""
        text = self.written[doc.symbol]
        names = aliases(symbol) + [t for name in aliases(symbol) for t in self.glossary.official_terms(name)]
        return any(name in text for name in names)

    def _main(self) -> Document | None:
        """The main resolution: the one the corpus says is main, else the first resolution, else any document."""
        docs = list(self.documents.values())
        return next(
            (d for d in docs if d.relation == "main"), next((d for d in docs if d.kind == "resolution"), None)
        ) or next(iter(docs), None)

    def chained(
        self, text: str, doc: Document | None, lang: str
    ) -> tuple[Document, list[str], list[str], list[str], bool] | None:
        """A question across a citation: 'the article of the NPT that PP5 refers to',
        '脚注5引用的那个条约，第三条第一款'.
        A paragraph of the main resolution (or of the document read) it names rests on an indexed treaty (its
        footnotes cite it); the question asks for an article of it: the articles it names, else those the
        paragraph names (PP5's '第六条' -> ART6). The treaty's articles first, then the paragraph they rest on."""
        article_word = pack(lang).article_word
        if not article_word or not article_word.search(text):
            return None
        refs = find_label_refs(text)
        articles = [ref for ref in refs if ref.kind == "ART"]
        sources = [d for d in (self.main, doc) if d is not None]
        for source in [d for i, d in enumerate(sources) if d not in sources[:i]]:
            for ref in refs:
                if ref.kind not in ("PP", "OP", "FN"):
                    continue
                paragraph = source.paragraph(ref.label_in(source.kind))
                if paragraph is None:
                    continue
                for treaty in self._rests_on(source, paragraph):
                    wanted = articles or [r for r in find_label_refs(paragraph.text) if r.kind == "ART"]
                    labels = [
                        citation_id(treaty.symbol, r.label_in(treaty.kind))
                        for r in wanted
                        if treaty.paragraph(r.label_in(treaty.kind))
                    ]
                    if labels:
                        return treaty, [], [*labels, paragraph.id], [], True
        return None

    def _rests_on(self, doc: Document, paragraph: Paragraph) -> list[Document]:
        """The indexed treaties a paragraph cites, itself or through its footnotes."""
        cites = list(paragraph.cites)
        for number in paragraph.footnote_numbers:
            if footnote := doc.paragraph(f"FN{number}"):
                cites += footnote.cites
        return [
            self.documents[s]
            for s in dict.fromkeys(cites)
            if s in self.documents and self.documents[s].kind == "treaty"
        ]


def _counts(doc: Document) -> set[int]:
    """The numbers a document's own paragraphs count things by ('21 members', '三届会议', 'forty other States')."""
    shape = pack(doc.lang).answer_type("number")
    return {
        n
        for p in doc.paragraphs
        if shape and p.kind not in ("footnote", "meta", "vote")
        for m in shape.shape.finditer(p.text)
        if (n := number_value(m.group(0), doc.lang)) is not None
    }


def _by_symbol(text: str, symbol: str) -> bool:
    """Whether the text names the document by its symbol or a short form of it ('80/53', 'A/RES/80/53')."""
    return any(form in text for form in short_forms(symbol))


def _names(text: str, name: str) -> bool:
    """Whether the text uses this name of a document as a word ('NPT', not 'NPT/CONF.2010/50')."""
    # (the substring test first: a pattern per name is compiled only for a name the text holds)
    return name.lower() in text.lower() and bool(
        re.search(rf"(?<![A-Za-z0-9/]){re.escape(name)}s?(?![A-Za-z0-9/])", text, re.IGNORECASE)
    )


def _chinese_head(name: str, terms: KeysView[str]) -> str:
    """The longest end of a Chinese name that is a term of its own: its head noun (专家组 of 科学和技术专家组); ''
    when none is."""
    return next((name[i:] for i in range(1, len(name) - 1) if name[i:] in terms), "")


def _shortened(names: list[str], terms: KeysView[str]) -> re.Pattern[str] | None:
    """How users shorten a body's names: its head noun after a part of its qualifiers ('Group of Scientific and
    Technical Experts' -> 'the scientific group', 'technical experts'), and in Chinese the first character of each
    qualifier before the head (科学和技术专家组 -> 科技专家组). None when no name has qualifiers."""
    forms: list[str] = []
    for name in names:
        if name.isascii():
            words = re.split(r"\s+(?:on|for)\s+", name)[0].split()  # 'on Nuclear Disarmament Verification' qualifies
            heads = {words[-1], *(words[i - 1] for i, w in enumerate(words) if w.lower() == "of" and i > 0)}
            qualifiers = [w for w in words[:-1] if w not in heads and w.lower() not in _EN_NAME_WORDS]
            if len(words) >= 3 and qualifiers and all(w.isalpha() for w in qualifiers):
                some = "|".join(re.escape(w) for w in qualifiers)
                head = "|".join(re.escape(h.rstrip("s")) for h in heads)
                forms.append(rf"\b(?i:(?:{some})(?:\s+and\s+(?:{some}))*\s+(?:[a-z]+\s+)?(?:{head})s?)\b")
        elif head := _chinese_head(name, terms):
            qualifiers = re.split("[和与及、]", name[: -len(head)])
            if len(qualifiers) > 1 and all(len(q) >= 2 for q in qualifiers):
                forms.append(re.escape("".join(q[0] for q in qualifiers) + head))
    return re.compile("|".join(forms)) if forms else None


def _place_of_mention(text: str, names: list[str], lang: str) -> bool:
    """The document is named before 'mention' and something else after it: where to look, not what is looked for
    ('NPT preamble — which paras mention the IAEA?'; not 'where is the NPT mentioned', '哪些段落提到了NPT')."""
    mentions = pack(lang).mentions
    said = mentions.search(text) if mentions else None
    if said is None or any(name in text[said.end() :] for name in names):
        return False
    return any(name in text[: said.start()] for name in names) and not asks_only(text[said.end() :], lang)
