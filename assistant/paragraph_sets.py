"""Sets of paragraphs a question asks for as a whole: a part of a document, every paragraph naming a term or
opening with a lead verb, the paragraph stating each kind of fact a comparison lists. They say which paragraphs;
the verdict alone decides whether those answer the question."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import product

from assistant.language import LANGUAGES, listed_shape, pack
from assistant.paragraph_facts import BODY_KINDS, DATE_TYPES, ParagraphFacts, folded
from assistant.question import Question
from assistant.relevance import RelevanceJudge
from assistant.retrieval import Retrieval
from index.documents import DATA_CARD_KINDS, Paragraph, split_citation_id
from index.glossary import Glossary, stem
from index.registry import aliases, defined_as, family
from index.text import strip_all_spaces, uses_words

ASPECT_DEPTH = 5  # search hits that may each hold one of several kinds of fact asked about one subject
# a brief longer than this, of the paragraphs naming a term, is narrowed by the question's other words
FEW_PARAGRAPHS = 3
_QUALIFIERS = ("also", "further")  # words before a lead verb ('Also requests', 'Further requests')
_SLASHED = re.compile(r"([^\W\d_]+)/([^\W\d_]+)")  # 'A/B', words either way (not a symbol's '71/67')
_KIND_FAMILY = {"time": (*DATE_TYPES, "session")}  # the kinds of fact a time of one is given as
_JOINED = re.compile(r"\s*(?:或者?|和|与|、|及|/|,|\bor\b|\band\b)\s*")  # verbs asked about together


class ParagraphSets:
    """The paragraphs of the index, gathered by part, term, lead verb or kind of fact stated."""

    def __init__(self, paragraphs: dict[str, Paragraph], glossary: Glossary, facts: ParagraphFacts) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary
        self.facts = facts

    def beside_terms(self, ids: list[str], terms: tuple[str, ...], subject: str, words: list[str]) -> list[str]:
        """Of paragraphs listed for naming a term most of them name (the Group, in 80/53), those that name another
        term asked about or use another word of the question ('experts' outside 'Group of Scientific and
        Technical Experts'; 'report', 'members' for 'composition')."""
        names = {t: sorted({folded(f) for f in (t, *self.glossary.forms(t))}, key=len, reverse=True) for t in terms}
        broad = [
            t
            for t in terms
            if sum(any(n in folded(self.paragraphs[p].text) for n in names[t]) for p in ids) > FEW_PARAGRAPHS
        ]
        asking = pack("en").vocabulary.asking
        english = [w for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", subject) if w.lower() not in asking]
        forms = {
            folded(f)
            for w in [*words, *english]
            for f in (w, *self.glossary.forms(w), *self.glossary.official_terms(w))
        }
        forms |= {n for t in terms if t not in broad for n in names[t]}
        beside = []
        for pid in ids:
            text = folded(self.paragraphs[pid].text)
            for name in (n for t in broad for n in names[t]):
                text = text.replace(name, " ")
            if any(form in text for form in forms if len(form) > 1):
                beside.append(pid)
        return beside

    def covering(self, question: Question, retrieval: Retrieval) -> list[str]:
        """For each kind of fact a question lists, the best-ranked paragraph of its document that states one, in
        document order; [] when some kind has none."""
        found: list[str] = []
        ranked = [pid for pid in retrieval.ids[:ASPECT_DEPTH] if split_citation_id(pid)[0] == question.scope]
        adoption = pack(question.lang).adoption
        if adoption and adoption.search(question.search):
            # '通过情况简报：日期、会议、表决结果': the record and the cards of the adoption first
            records = [pid for pid in self._records(question.scope) if pid not in ranked]
            ranked = [*records, *ranked]
        # then, in the text's order, its paragraphs naming the subject: the question's terms, or the group the
        # document sets up by any of its names ('consisting of 21 members' for the size of 80/53's group)
        names = [f for t in (*question.terms, *aliases(question.scope or "")) for f in self.glossary.forms(t)]
        naming = [
            pid
            for pid, paragraph in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if paragraph.doc_symbol == question.scope and any(self.facts.has(paragraph.text, n) for n in names)
        ]
        # one kind asked of several things ('the timeline: sessions, briefings, reporting'): each thing's paragraph
        one_kind = len({kind for kind, _ in question.aspects}) == 1
        # (a thing of no kind, 'selection' of the group's experts, may be in a paragraph that does not name it)
        rest = [pid for pid in self.part(replace(question, part="ALL")) if pid not in ranked and pid not in naming]

        def states(pid: str, kind: str, asked: str) -> bool:
            if not kind:  # a thing of no kind of fact: by its words, or the card stating it ('表决结果': the vote)
                card = next((a.card for a in pack(question.lang).answer_types if a.card and a.asks.search(asked)), "")
                return self.facts.names_thing(pid, asked) or bool(card) and split_citation_id(pid)[1] == card
            stated = self.facts.states_aspect(pid, kind, asked, question.lang)
            return stated and (not one_kind or self.facts.names_thing(pid, asked))

        for kind, asked in question.aspects:
            candidates = [*ranked, *naming, *(rest if not kind else [])]
            stating = next((pid for pid in candidates if states(pid, kind, asked)), None)
            if stating is None:
                return []
            if stating not in found:
                found.append(stating)
        return sorted(found, key=lambda pid: self.paragraphs[pid].order)

    def _records(self, symbol: str | None) -> list[str]:
        """The document's record and data cards (its adoption, its vote)."""
        kinds = ("meta", *DATA_CARD_KINDS)
        held = [p for p in self.paragraphs.values() if p.doc_symbol == symbol and p.kind in kinds]
        return [p.id for p in sorted(held, key=lambda p: kinds.index(p.kind))]

    def stating_kind_briefed(self, question: Question) -> list[str]:
        """A brief on one kind of fact a document states ('80/53 的时间线给我捋一下'): its operative paragraphs
        stating one (a time: a date, a session, a deadline), in order; [] when the question names no one kind."""
        kinds = [kind for kind, words in pack(question.lang).aspects.items() if words.search(question.focus)]
        if len(kinds) != 1:
            return []
        family = _KIND_FAMILY.get(kinds[0], (kinds[0],))
        part = self.part(replace(question, part="OP")) or self.part(replace(question, part="ALL"))
        return [pid for pid in part if any(self.facts.states(pid, kind) for kind in family)]

    def opening(self, question: Question) -> list[str]:
        """The paragraphs of the document that open with the verb asked about ("how many paragraphs start with
        'Underlining'"), in document order, whatever their topic."""
        return self._opening(question, self._verb_forms(question.opens), clause=False)

    def opening_with(self, question: Question, subject: str, judge: RelevanceJudge) -> list[str]:
        """The paragraphs of the document with a clause that opens with the verb asked about ('Decides', 决定;
        '…，并重申核武器国家明确承诺' too), in document order; those on the question's topic when it names one. None
        when no such paragraph is on the topic."""
        forms = {f for verb in _JOINED.split(question.lead) if verb for f in self._verb_forms(verb)}  # '回顾或欢迎'
        stems = {stem(form) for form in forms if form.isascii()}
        opening = self._opening(question, forms, clause=True)
        # the official names the document's own record uses (its title, its author: 'the General Assembly … on
        # nuclear disarmament verification') name the document, not a topic within it
        named = [
            term
            for term in self.glossary.official_terms(subject, vocabulary=False)
            if not self.facts.in_record(question.scope or "", term)
        ]
        words = judge.vocabulary(subject).words + named
        topic = [w for w in words if w not in forms and stem(w) not in stems]
        specifics = judge.known_specifics(question.focus)
        on_topic = [pid for pid in opening if self.facts.on_topic(pid, topic, specifics)]
        return on_topic if topic or specifics else opening

    def _verb_forms(self, verb: str) -> set[str]:
        """A lead verb in both languages ('Stressing', 强调): the glossary's renderings and the packs' lead verbs,
        with the verbs of one English head ('Calls for' 呼吁, 'Calls upon' 促请: the calls it makes)."""
        forms = {verb, *self.glossary.renderings(verb, "en"), *self.glossary.renderings(verb, "zh")}
        # 'Also requests': the verb is the word after its qualifier
        leads = [
            (source, next((w for w in target.split() if w.lower() not in _QUALIFIERS), target))
            for code in LANGUAGES
            for verbs in pack(code).lead_verbs.values()
            for source, target in verbs.items()
        ]
        heads = {stem(head) for source, head in leads if verb == source or stem(verb) == stem(head)}
        for source, head in leads:
            if stem(head) in heads:
                forms |= {source, head}
        return forms

    def _opening(self, question: Question, forms: set[str], *, clause: bool) -> list[str]:
        """The paragraphs of the document (of the part asked about, if any), in order, that open with one of
        `forms` after 'Also'/又 — or, with `clause`, have a clause that does ('…，并重申核武器国家明确承诺')."""
        english = "|".join(re.escape(s) for s in sorted({stem(f) for f in forms if f.isascii()}, key=len, reverse=True))
        chinese = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if not f.isascii())
        en_start, zh_start = (r"(?:^|[,;]\s*(?:and\s+)?)", "(?:^|[，；,;])") if clause else ("^", "^")
        patterns = {
            "en": re.compile(rf"{en_start}(?:also\s+|further\s+)?(?:{english})[a-z]*\b", re.IGNORECASE)
            if english
            else None,
            "zh": re.compile(rf"{zh_start}(?:又|还|并|再次|另)?(?:{chinese})") if chinese else None,
        }
        kinds = {"OP": ("operative",), "PP": ("preambular",)}.get(question.part or "", ("preambular", "operative"))
        return [
            pid
            for pid, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if p.doc_symbol == question.scope
            and p.kind in kinds
            and (pattern := patterns.get(p.lang))
            and pattern.search(p.text)
        ]

    def part(self, question: Question) -> list[str]:
        """The paragraphs of the part (operative, preambular, whole body) of the document asked about."""
        kinds = {
            "OP": ("operative",),
            "PP": ("preambular",),
            "FN": ("footnote",),
            "ART": ("article",),
            "ALL": ("preambular", "operative"),
        }
        wanted = kinds.get(question.part or "ALL", ())
        return [pid for pid, p in self.paragraphs.items() if p.doc_symbol == question.scope and p.kind in wanted]

    def giving(self, question: Question) -> list[str]:
        """The paragraphs of the part asked about (else of the body) that write a value of the kind listed."""
        shapes = {code: listed_shape(code, question.listed or "") for code in LANGUAGES}
        body = self.part(question) + (self.part(replace(question, part="FN")) if not question.part else [])
        giving = [
            pid
            for pid in sorted(body, key=lambda pid: self.paragraphs[pid].order)
            if (shape := shapes.get(self.paragraphs[pid].lang)) and shape.search(self.paragraphs[pid].text)
        ]
        # those holding the terms it names ('NPT 审议大会最后文件的文号'); the body that adopted the document (its
        # record names it) is none: every paragraph is its ('GA resolutions', '大会决议')
        record = self.paragraphs.get(f"{question.scope}:META")
        terms = [t if t.isascii() else strip_all_spaces(t) for t in question.terms]
        terms = [t for t in terms if record is None or not self.facts.holds(record, [t], [])]
        return [pid for pid in giving if self.facts.holds(self.paragraphs[pid], terms, [])] if terms else giving

    def mentions(self, question: Question, topic: list[str] | None = None) -> list[str]:
        """Every paragraph of the document (footnotes only when asked for) holding one of the question's exact
        terms, in document order; operative paragraphs only for 'what does it request'. A question that names no
        term ('提到能力建设的地方有哪些') lists the paragraphs holding all its `topic` words."""
        terms = [t if t.isascii() else strip_all_spaces(t) for t in question.terms]
        if not terms and not topic:
            return []
        kinds = {"operative"} if question.answer_type == "request" else set(BODY_KINDS)
        if question.part == "FN":
            kinds = {"footnote"}
        elif question.part in ("OP", "PP"):
            kinds = {"operative" if question.part == "OP" else "preambular"}
        ordered = [p for _, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)]
        cited = self._citing(question, ordered) if question.about else set()
        return [
            p.id
            for p in ordered
            if p.doc_symbol == question.scope
            and (p.kind in kinds and self.facts.holds(p, terms, topic or []) or p.id in cited)
            and (not question.part or p.kind in kinds)  # '哪些序言段落提到…': the part's own, not its footnotes
        ]

    def mentions_either(self, question: Question, subject: str, words: list[str]) -> list[str]:
        """As `mentions`, with words joined by a slash read as either one ('建立/增进信任': a paragraph holding 信任 and
        建立 or 增进; 'trust/confidence-building')."""
        pairs = [
            (left, right)
            for m in _SLASHED.finditer(subject)
            if (left := next((w for w in words if m.group(1).endswith(w)), None))
            and (right := next((w for w in words if m.group(2).startswith(w)), None))
        ]
        if not pairs:
            return self.mentions(question, words)
        held: set[str] = set()
        for choice in product(*pairs):
            dropped = {w for pair in pairs for w in pair} - set(choice)
            held.update(self.mentions(question, [w for w in words if w not in dropped]))
        return sorted(held, key=lambda pid: self.paragraphs[pid].order)

    def on_each(self, question: Question, subject: str, words: list[str]) -> list[str]:
        """A brief on several topics joined ('gender + geographic balance', '性别和地域分配'): the paragraphs on any of
        them, each holding one's terms or all its words, in document order; [] when it names one topic."""
        joiner = pack(question.lang).topic_joiner
        if question.intent != "summarize" or joiner is None:
            return []
        # each part by its terms ('capacity-building', in any of their names) or else by its words
        named = [*question.terms, *(t for t in self.glossary.terms() if t.isascii() and uses_words(subject, t))]
        parts = [
            (tuple(t for t in named if any(self.facts.has(part, f) for f in self.glossary.forms(t))), part)
            for part in joiner.split(subject)
        ]
        groups = [(terms, [] if terms else [w for w in words if w in part]) for terms, part in parts]
        groups = [(terms, group) for terms, group in groups if terms or group]
        if len(groups) < 2:
            return []
        held = {pid for terms, group in groups for pid in self.mentions(replace(question, terms=terms), group)}
        return sorted(held, key=lambda pid: self.paragraphs[pid].order)

    def _citing(self, question: Question, ordered: list[Paragraph]) -> set[str]:
        """The paragraphs of the document that rest on the other document asked about: the footnotes citing it
        (or a document filed under its name: an NPT review conference's final document) and the paragraphs that
        carry them, and the paragraphs that use the short title it was given after being named in full (《条约》)."""
        assert question.about
        own = [p for p in ordered if p.doc_symbol == question.scope]
        symbols = set(family(question.about, list({c for p in own for c in p.cites})))
        footnotes = {p.label for p in own if p.kind == "footnote" and symbols & set(p.cites)}
        out = {p.id for p in own if symbols & set(p.cites)}
        out |= {p.id for p in own if any(f"FN{n}" in footnotes for n in p.footnote_numbers)}
        names = [
            strip_all_spaces(n)
            for n in aliases(question.about) + self.glossary.official_terms(" ".join(aliases(question.about)))
        ]
        short = [strip_all_spaces(s) for s in defined_as(question.about)]
        named = False
        for p in own:
            text = strip_all_spaces(p.text)
            if named and any(s in text for s in short):
                out.add(p.id)
            named = named or any(n in text for n in names)
        return out
