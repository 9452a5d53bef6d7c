"""What one paragraph states: the checks the verdict asks of a paragraph (a year near the topic, a count of the
thing asked, a list of instances, a request made of someone). They read text and say what is there; the verdict
alone decides whether the documents answer a question."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.labels import without_label_refs
from assistant.language import in_asked_unit, listed_names, number_value, pack, spelled_ordinal
from assistant.question import Question
from index.documents import Paragraph, items_of
from index.glossary import Glossary, stem
from index.meta import days_of_month, months_named
from index.text import CLAUSE_END, CLAUSE_SPAN, YEAR, has_cjk, strip_all_spaces, uses_words

BODY_KINDS = frozenset({"preambular", "operative", "numbered", "article", "action"})  # the text, not its notes
# "time": when, in whatever form (a year, a session); "deadline": by when ('within 180 days', 'not later than')
DATE_TYPES = ("year", "day", "month", "time", "deadline")
# states a paragraph names are the topic's only in a sentence on it (the NPT's depositaries are no nuclear-weapon
# States, though its next sentence defines those)
_NAMED_IN_SENTENCE = ("states",)
# values that are one number each ('84th session', 第51次; '1968', 'one thousand nine hundred and sixty-eight')
_ONE_NUMBER_TYPES = ("session", "meeting", "year")
# kinds of fact one of several has its own of
_DISCRETE_TYPES = frozenset({"place", "year", "time", "day", "month", "deadline"})
_INSTANCE = re.compile(YEAR.pattern + r"|\b\d+/\d+\b|\([a-z]\)")  # a year, a symbol, an item
CLAUSE = re.compile(r"(?<=[，；。：,;:])|(?<=\.)(?=\s)")  # a sentence of English ends at a point and a space
_PLACE_FRAME = re.compile(r"\b(?:in|at|and)\b|^在|举行$|召开$|开会$|[和及与、]")  # the words around a place's name
# the rest of a row of names joined to the one before ('和大不列颠及北爱尔兰联合王国', '-Norway')
_JOINED_NAME = re.compile(r"(?:[和及与、]|-)(?:[\u4e00-\u9fff]{2,16}?(?:联合王国|共和国|国)|[A-Z][a-z]+)")
_SENTENCE = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def _same_head(one: str, other: str) -> bool:
    """Whether two things numbered by an ordinal are of one kind: their heads agree on their first three characters
    ('届会议报' of '第71届会议报告', '届会议提' of '第七十二届会议提出报告'; 'session', 'session')."""
    n = min(3, len(one), len(other))
    return one[:n].lower() == other[:n].lower()


def _next_word(text: str) -> str:
    """The first word of the text ('' when none)."""
    return next(iter(text.split()), "").lower()


def _word_stem(name: str) -> str:
    """An English word without its regular ending ('negotiating' -> 'negotiat'); a name of several words, or of
    another script, as it is."""
    return stem(name) if name.isascii() and name.isalpha() else name


def _counting_words(question: Question) -> str:
    """The words that say what a question counts: its own, or a follow-up's earlier question's when it names no
    unit ('how big was the 71/67 group' … 'and the 2025 one?'; 'what are the sessions' … 'how many in Vienna')."""
    units = pack(question.lang).units.values()
    if question.follow_up and not any(unit.search(question.text) for unit in units):
        return question.search
    return question.text


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """Text lower-cased without spaces, as English names are looked up in it."""
    return strip_all_spaces(text).lower()


def _lists_instances(text: str) -> bool:
    """Whether a paragraph lists several things by name or number ('1995年…以及2000年和2010年', '白俄罗斯、中国')."""
    return "、" in text or len(set(_INSTANCE.findall(text))) >= 2


class ParagraphFacts:
    """The paragraphs of the index, read for the facts they state (names in either language through the glossary)."""

    def __init__(self, paragraphs: dict[str, Paragraph], glossary: Glossary) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary

    def touching(self, ids: list[str], topic: list[str]) -> list[str]:
        """The paragraphs of the text proper (no record, no data card) that use a word of the topic or the
        documents' name for it."""
        return [
            pid
            for pid in ids
            if self.paragraphs[pid].kind in BODY_KINDS | {"footnote"}
            and any(
                self.has(self.paragraphs[pid].text, name)
                for names in self.forms(topic, self.paragraphs[pid].lang)
                for name in names
            )
        ]

    def defines(self, pid: str, terms: tuple[str, ...]) -> bool:
        """Whether the paragraph defines one of the terms: names it right after 'designated the', '以下简称'."""
        paragraph = self.paragraphs[pid]
        defines = pack(paragraph.lang).defines
        forms = [form for forms in self.forms(list(terms), paragraph.lang) for form in forms]
        return defines is not None and any(
            defines.search(paragraph.text[: m.start()])
            for form in forms
            for m in re.finditer(re.escape(form), paragraph.text, re.IGNORECASE if form.isascii() else 0)
        )

    def states_aspect(self, pid: str, kind: str, asked: str, lang: str) -> bool:
        """The paragraph states a fact of this kind, a number in the unit the asked words count in ('size': 21
        members, not four sessions)."""
        if kind != "number" or not any(words.search(asked) for words in pack(lang).units.values()):
            return self.states(pid, kind)
        return bool(self.stated_counts(asked, lang, pid))

    def names_thing(self, pid: str, thing: str) -> bool:
        """The paragraph uses a word of the thing named ('briefings': 'a briefing'; 'reporting': 'to report'), or
        another of its glossary names ('meetings': 'sessions')."""
        paragraph = self.paragraphs[pid]
        words = [_word_stem(w) for w in re.findall(r"[A-Za-z]{4,}", thing)] + re.findall(r"[\u4e00-\u9fff]{2,}", thing)
        forms = [f for w in words for t in (w, *self.glossary.official_terms(w)) for f in self.glossary.forms(t)]
        return any(self.has(paragraph.text, f) for f in forms)

    def lists_items(self, pid: str, forms: list[str]) -> bool:
        """The paragraph names the thing and lists instances ('不可逆、可核查和透明原则', 'irreversibility,
        verifiability and transparency', lettered items), not only refers to them ('outlining general principles')."""
        paragraph = self.paragraphs[pid]
        if not any(self.has(paragraph.text, form) for form in forms):
            return False
        listing = pack(paragraph.lang).lists_instances
        return bool(items_of(self.paragraphs, pid)) or bool(listing and listing.search(paragraph.text))

    def tells_more(self, question: Question, pid: str) -> bool:
        """For 'how many of the 21 experts must be women': the paragraph states a number the question does not
        already give (its '21 members' is what the asker knows, not what they ask)."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("number")
        given = {
            number_value(m.group(0), question.lang) for m in re.finditer(r"(?<![\d/])\d+(?![\d/])", question.focus)
        }
        stated = (
            [number_value(m.group(0), paragraph.lang) for m in shape.shape.finditer(paragraph.text)] if shape else []
        )
        return not given or self.counts_by_items(question, pid) or any(n not in given for n in stated)

    def gives_only_the_asked_ones(self, question: Question, pid: str, kind: str) -> bool:
        """Every value of a kind the paragraph states is one the question names itself ('when does the 81st session
        open?': its 'eighty-first session' is the session asked about, not when it opens)."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type(kind)
        values = [m.group(0).lower() for m in shape.shape.finditer(paragraph.text)] if shape else []
        named = [int(n) for n in re.findall(r"(?<![\d/])\d{1,4}(?![\d/])", without_label_refs(question.focus))]
        forms = [form for n in named for form in (str(n), *spelled_ordinal(n, paragraph.lang))]
        return bool(values and forms) and all(any(form in value for form in forms) for value in values)

    def values_for_all(self, question: Question, pid: str) -> str:
        """For a question on one of several ('the first session', '第一届会议') that the paragraph does not name
        itself: the values of the kind asked for it gives for them all ('Geneva and Vienna', '2018年、2019年'), when
        it gives more than one; else ''."""
        paragraph = self.paragraphs[pid]
        one = pack(question.lang).one_of_several
        named = one.search(question.focus) if one else None
        stated = pack(paragraph.lang).answer_type(question.answer_type or "")
        if (
            question.answer_type not in _DISCRETE_TYPES
            or named is None
            or stated is None
            or strip_all_spaces(named.group(0)) in strip_all_spaces(paragraph.text)
        ):
            return ""
        values = [m.group(0) for m in stated.shape.finditer(paragraph.text)]
        each = {v.strip() for value in values for v in re.split(r"\band\b|[和、]", value) if v.strip()}
        return ("、" if paragraph.lang == "zh" else " / ").join(values) if len(each) > 1 else ""

    def one_count_for_several(self, question: Question, pid: str) -> bool:
        """The question asks one count of each of several things ('2018年开几届、2019年开几届', 'how many in Geneva
        and how many in Vienna') and the paragraph states fewer counts in the unit asked than it asks for."""
        asks = pack(question.lang).answer_type("number")
        focus = question.focus
        # each asking word with what it counts: the next character ('几届'), or the next English word, which after
        # a second 'how many' may be a preposition standing for the same noun ('and how many in Vienna')
        said = [
            (
                m.group(0).lower(),
                focus[m.end() : m.end() + 1] if question.lang == "zh" else _next_word(focus[m.end() :]),
            )
            for m in (asks.asks.finditer(focus) if asks else iter(()))
        ]
        same = len({word for word, _ in said}) == 1 and (
            len({unit for _, unit in said}) == 1 or all(unit in ("in", "at", "for") for _, unit in said[1:])
        )
        if len(said) < 2 or not same:
            return False
        return len(self.stated_counts(question.text, question.lang, pid)) < len(said)

    def stated_counts(self, asked: str, lang: str, pid: str) -> set[str]:
        """The numbers the paragraph states in the unit the asked words (in `lang`) count in: 'four' sessions for
        '开几届', '21 members' for 'size'."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("number")
        return {
            m.group(0)
            for m in (shape.shape.finditer(paragraph.text) if shape else iter(()))
            if in_asked_unit(asked, lang, paragraph.text, m, paragraph.lang)
        }

    def one_count_for_each(self, question: Question, pid: str, places: list[str]) -> bool:
        """'日内瓦和维也纳各开几届', 'how many in Vienna vs Geneva': a count asked for each of the places named, and
        the paragraph states fewer counts in the unit asked than places (four sessions, in Geneva and Vienna)."""
        each = pack(question.lang).each_asks
        paragraph = self.paragraphs[pid]
        # the places named, in the glossary's words or as the text writes its places ('in Geneva and Vienna')
        where = pack(paragraph.lang).answer_type("place")
        written = {w for m in (where.shape.finditer(paragraph.text) if where else ()) for w in m.group(0).split()}
        named = {*places, *(w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", question.focus) if w in written)}
        if each is None or not each.search(question.focus) or len(named) < 2:
            return False
        return len(self.stated_counts(question.text, question.lang, pid)) < len(named)

    def no_count_per_kind(self, question: Question, pid: str) -> bool:
        """'每个区域几个', 'how are the seats split among the regional groups': a count asked for each thing of a kind
        the paragraph never names, where it states one count for all (21 members, no regions)."""
        per = pack(question.lang).per_kind
        asked = per.search(question.text) if per else None
        if asked is None:
            return False
        kind = next(g for g in asked.groups() if g)
        paragraph = self.paragraphs[pid]
        forms = [form for forms in self.forms([kind], paragraph.lang) for form in forms] or [kind]
        if any(self.has(paragraph.text, form) for form in forms):
            return False
        return len(self.stated_counts(question.text, question.lang, pid)) <= 1

    def one_share_counted(self, question: Question, pid: str) -> str:
        """'how many of them in Vienna', '2018年开了几届': a count asked for one of the values a clause of the
        paragraph names together ('in Geneva and Vienna', '2018年和2019年') while it states one count for all of
        them ('four 2-week sessions'): the value named, whose own share the text does not give; else ''."""
        paragraph = self.paragraphs[pid]
        together, number = pack(paragraph.lang).coordinated_values, pack(paragraph.lang).answer_type("number")
        if together is None or number is None or question.answer_type != "number":
            return ""
        asked = _counting_words(question)
        for clause in CLAUSE_SPAN.finditer(paragraph.text):
            counts = [
                m
                for m in number.shape.finditer(paragraph.text, clause.start(), clause.end())
                if in_asked_unit(asked, question.lang, paragraph.text, m, paragraph.lang)
            ]
            if len(counts) != 1:
                continue
            for named_together in together.finditer(paragraph.text, clause.start(), clause.end()):
                values = [v for v in named_together.groups() if v]
                named = [v for v in values if any(self.has(question.focus, f) for f in self.glossary.forms(v))]
                if 0 < len(named) < len(values):
                    return named[0]
        return ""

    def another_value(self, question: Question, pid: str) -> str:
        """For a yes-no question naming a value ('第七十一届', '21 members'): the value of that kind the paragraph
        gives instead, when it gives none the question names; else ''. Values in words are compared within one
        language only ('72nd session' is 第七十二届)."""
        paragraph = self.paragraphs[pid]
        # '12月5日' against '1 December 2025', '1月' against 'January': as days and months of the year, in any language
        if question.answer_type in ("day", "month"):
            named = days_of_month if question.answer_type == "day" else months_named
            asked_dates, given_dates = named(question.focus), named(paragraph.text)
            differ = asked_dates and given_dates and not asked_dates.keys() & given_dates.keys()
            return next(iter(given_dates.values()), "") if differ else ""
        asked = pack(question.lang).answer_type(question.answer_type or "")
        stated = pack(paragraph.lang).answer_type(question.answer_type or "")
        if asked is None or stated is None:
            return ""
        values = [m.group(0).strip() for m in asked.shape.finditer(question.focus)]
        given = [m.group(0).strip() for m in stated.shape.finditer(paragraph.text)]
        # 'four times' against 三届, '25 years' against 'Twenty-five years', '84th session' against 'eighty-fourth
        # session': as numbers
        numbers = {number_value(v, question.lang) for v in values} - {None}
        same_number = bool(numbers & {number_value(g, paragraph.lang) for g in given})
        if question.answer_type == "number":
            return given[0] if numbers and given and not same_number else ""
        if question.answer_type in _ONE_NUMBER_TYPES and same_number:
            return ""
        if paragraph.lang != question.lang:
            values = [v for v in values if v.isdigit()]
        if not values or not given or any(v in paragraph.text for v in values):
            return ""
        return given[0]

    def ordinals_given(self, question: Question, pid: str) -> list[tuple[bool, str]]:
        """For each thing a question names by its ordinal ('第二委员会', 'its 84th session') that the paragraph
        numbers too: whether the paragraph gives that ordinal (in any form: 'eighty-fourth session'), and the
        first one it gives (第一委员会)."""
        paragraph = self.paragraphs[pid]
        asking, stating = pack(question.lang).ordinal_name, pack(paragraph.lang).ordinal_name
        if asking is None or stating is None:
            return []
        given = list(stating.finditer(paragraph.text))
        out = []
        for asked in asking.finditer(question.focus):
            number = number_value(asked.group("n"), question.lang)
            numbered = [
                g for g in given if self._same_kind(asked.group("head"), question.lang, g.group("head"), paragraph.lang)
            ]
            if numbered:
                same = any(number_value(g.group("n"), paragraph.lang) == number for g in numbered)
                first, head = numbered[0].group(0), numbered[0].group("head")
                out.append((same, first[: len(first) - len(head) + 3] if has_cjk(head) else first))  # 第七十二届会议
        return out

    def _same_kind(self, asked: str, asked_lang: str, given: str, given_lang: str) -> bool:
        """Whether two heads of ordinals name one kind of thing; across languages, by the glossary's names of the
        asked one ('session' -> 会议, in '届会议提' of '第七十二届会议提出报告'; 会议 -> 'session')."""
        if asked_lang == given_lang:
            return _same_head(asked, given)
        names = [n for n in self.glossary.renderings(asked, given_lang) if len(n) >= 2]
        if given_lang == "zh":
            return any(n in given for n in names)
        return stem(given.lower()) in {stem(n.lower()) for n in names}

    def forms(self, topic: list[str], lang: str) -> list[list[str]]:
        """The words a text in `lang` uses for each topic word: as written, or the glossary's forms of it; in a
        text of the other language, the other names of the word's own glossary group ('生效' -> 'entry into force';
        not those of the shorter terms inside it: '小组' is no rendering of '政府专家小组'; words the glossary does not
        know cannot be checked and are left out)."""
        own_script = lang == "en"
        forms = [
            # (in a text of its own language, the phrases of its glossary group too: 'gender', 'women and men'; not
            # its single words, which name other things as well: 'end' for 'objective')
            list(
                dict.fromkeys(
                    [
                        w,
                        *self.glossary.official_terms(w),
                        *(f for f in self.glossary.forms(w) if f.isascii() == own_script and " " in f),
                    ]
                )
            )
            if w.isascii() == own_script
            else [
                *self.glossary.official_terms(w),
                *(f for f in self.glossary.forms(w) if f.isascii() == own_script),
            ]
            for w in topic
        ]
        return [f for f in forms if f]

    @staticmethod
    def has(text: str, name: str) -> bool:
        """Whether the text uses the name; English in any case and across a broken line ('capacity- building')."""
        return folded(name) in folded(text) if name.isascii() else name in text

    def on_topic(self, pid: str, topic: list[str], specifics: list[str]) -> bool:
        """Most of the question's topic words (or the documents' names for them) and all its numbers and symbols
        are in the paragraph."""
        paragraph = self.paragraphs[pid]
        if any(s not in paragraph.text for s in specifics):
            return False
        forms = self.forms(topic, paragraph.lang)
        if not forms:
            return True
        held = sum(1 for names in forms if any(self.has(paragraph.text, name) for name in names))
        return held * 2 > len(forms)

    def counts_phrase(self, pid: str, phrase: str) -> bool:
        """A number in the paragraph right before the phrase, as written ('three informal in-person meetings')."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("number")
        if not phrase.strip() or shape is None:
            return False
        return any(
            folded(paragraph.text[m.end() :]).startswith(folded(phrase)) for m in shape.shape.finditer(paragraph.text)
        )

    def names_each(self, pid: str, words: list[str]) -> bool:
        """Every one of the words (by any of the documents' names for it) is in the paragraph, as far as its
        language lets that be checked."""
        text = self.paragraphs[pid].text
        return all(
            any(self.has(text, name) for name in names) for names in self.forms(words, self.paragraphs[pid].lang)
        )

    def counts_named(self, question: Question) -> list[tuple[int, list[str]]]:
        """The counts a question names its topic by, each with the glossary's terms for the thing counted ('the
        three informal meetings': 3, 会议), not the number it asks about or checks."""
        language = pack(question.lang)
        if not language.count_named or question.intent == "yes_no" or question.answer_type in ("number", "duration"):
            return []
        focus = without_label_refs(question.focus)
        named = []
        for match in language.count_named.finditer(focus):
            after = focus[match.end() :]
            # the noun phrase right after the count
            phrase = (
                re.split(r"[是在的了和与，、？。]", after)[0][:8]
                if question.lang == "zh"
                else " ".join(after.split()[:2])
            )
            terms = [t for t in self.glossary.terms() if uses_words(phrase, t)]
            if (n := number_value(match.group("n"), question.lang)) and n > 1 and terms:
                named.append((n, terms))
        return named

    def counts_otherwise(self, pid: str, n: int, terms: list[str]) -> bool:
        """The paragraph counts the thing the terms name by another number than n ('four 2-week sessions' for the
        three meetings asked about): it is on other things of that name."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("number")
        forms = {f for t in terms for f in (t, *self.glossary.forms(t)) if f.isascii() == (paragraph.lang == "en")}
        for match in shape.shape.finditer(paragraph.text) if shape else ():
            after = paragraph.text[match.start() : match.end() + 30]
            after = after[:12] if paragraph.lang == "zh" else " ".join(after.split()[:5])
            if number_value(match.group(0), paragraph.lang) != n and any(self.has(after, f) for f in forms):
                return True
        return False

    def states(self, pid: str, answer_type: str) -> bool:
        """The paragraph states a fact of this kind; a document's symbol also through the footnotes it carries
        ('Ibid., action 2': the footnote cites the document its 'ibid.' stands for)."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type(answer_type)
        if answer_type == "symbol" and (paragraph.cites or any(self.footnote_cites(paragraph))):
            return True
        return bool(shape and shape.shape.search(paragraph.text))

    def counts_sessions(self, pid: str) -> bool:
        """The paragraph counts the sessions held over its period: how often they meet."""
        paragraph = self.paragraphs[pid]
        counted = pack(paragraph.lang).sessions_counted
        return bool(counted and counted.search(paragraph.text))

    def footnote_cites(self, paragraph: Paragraph) -> list[str]:
        footnotes = [self.paragraphs.get(f"{paragraph.doc_symbol}:FN{n}") for n in paragraph.footnote_numbers]
        return [cited for footnote in footnotes if footnote is not None for cited in footnote.cites]

    def in_record(self, symbol: str, term: str) -> bool:
        """Whether the document's record names the term in any of its languages' names: its title, its author,
        its committee ('the General Assembly … on nuclear disarmament verification') name the document, not a topic
        within it."""
        record = self.paragraphs.get(f"{symbol}:META")
        return record is not None and any(
            self.has(record.text, f) for f in [term, *self.glossary.renderings(term, record.lang)]
        )

    def names_in_full(self, paragraph: Paragraph, topic: list[str]) -> bool:
        """The paragraph gives the full name of a thing asked for by its kind ('那个国际伙伴关系叫什么名字': PP14's
        核裁军核查国际伙伴关系): a glossary term it uses that is longer than a topic word and ends with it (a word of
        three characters or more: '报告' heads too many names to be one)."""
        return any(
            term.endswith(word) and term != word and self.has(paragraph.text, term)
            for word in topic
            for term in self.glossary.terms()
            if len(word) >= 3
        )

    def states_near(self, pid: str, answer_type: str, topic: list[str], specifics: list[str]) -> bool:
        """A fact of the asked type in the paragraph; a date only in a clause on the topic (or next to one): dates
        in resolutions date what their clause names (PP10's '2007年' dates resolution 62/21, not the special
        session the same paragraph names two clauses later); so does a title of a thing the question numbers."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type(answer_type)
        if answer_type == "title" and self.names_in_full(paragraph, topic):
            return True
        # a title of the thing the question numbers ('秘书长1990年那份报告的标题'): one in the clause with its number
        numbered_title = answer_type == "title" and bool(specifics)
        if answer_type == "symbol" and shape is not None and topic and paragraph.kind != "footnote":
            # a symbol in a sentence on the topic: the record's 'A/71/450' is its First Committee report's, not the
            # number of the agenda item another sentence names by its title (a footnote is on its paragraph's topic)
            # (its words in any form: 'welcomes', Welcoming)
            near = [_word_stem(n) for forms in self.forms(topic, paragraph.lang) for n in forms]
            return any(
                shape.shape.search(sentence) and (not near or any(self.has(sentence, n) for n in near))
                for sentence in _SENTENCE.split(paragraph.text)
            )
        if shape is None or answer_type not in (*DATE_TYPES, *_NAMED_IN_SENTENCE) and not numbered_title:
            return shape is not None and self.states(pid, answer_type)
        names = (
            specifics
            if numbered_title
            else [n for forms in self.forms(topic, paragraph.lang) for n in forms] + specifics
        )
        if answer_type in _NAMED_IN_SENTENCE:  # states named in a sentence on the topic, not in another thing's name
            return any(
                any(self._named_as_such(sentence, match, names) for match in shape.shape.finditer(sentence))
                and (not names or any(self.has(sentence, name) for name in names))
                for sentence in _SENTENCE.split(paragraph.text)
            )
        before, refers_back = "", pack(paragraph.lang).refers_back
        counted_from = pack(paragraph.lang).counted_from
        for sentence in _SENTENCE.split(paragraph.text):  # the window reaches into no other sentence …
            # … but the one before a sentence that refers back to it ('Negotiation of such agreements shall commence
            # within 180 days'): that one names what 'such' stands for
            earlier, before = (before if refers_back and refers_back.search(sentence) else ""), sentence
            # clause boundaries by offset: a date may hold a comma itself ('January 1, 1967')
            ends = [m.end() for m in CLAUSE_END.finditer(sentence)] + [len(sentence)]
            for match in shape.shape.finditer(sentence):
                event = counted_from.search(match.group(0)) if counted_from else None
                if event and any(self.has(event.group("event"), name) for name in names):
                    continue  # 'when did it enter into force': not a time counted from its entry into force
                if self._dates_another_document(paragraph.lang, sentence, match, specifics):
                    continue  # 'resolution 79/240 of 24 December 2024': the date of 79/240, not of the topic
                first = next(i for i, end in enumerate(ends) if match.start() < end)
                last = next(i for i, end in enumerate(ends) if match.end() <= end)
                window = sentence[ends[first - 2] if first >= 2 else 0 : ends[min(last + 1, len(ends) - 1)]]
                # (an English word in any of its forms: 'negotiating' where the text says 'Negotiation')
                if not names or any(self.has(earlier + window, _word_stem(name)) for name in names):
                    return True
                if self._named_before_by_head(paragraph.lang, sentence[: sentence.find(window)], window, names):
                    return True
        return False

    def _named_before_by_head(self, lang: str, before: str, window: str, names: list[str]) -> bool:
        """The window names a thing by the head of its name ('该小组2018年…', 'the Group will hold…') that the
        sentence named in full before it ('…的政府专家小组，'): the date is that thing's."""
        short_name = pack(lang).short_name
        heads = {m.group("head") for m in short_name.finditer(window)} if short_name else set()
        return any(
            self.has(before, name) and (name.endswith(head) if lang == "zh" else head in name.split())
            for name in names
            for head in heads
        )

    @staticmethod
    def _dates_another_document(lang: str, sentence: str, match: re.Match[str], specifics: list[str]) -> bool:
        """The date matched dates a document named beside it that the question does not name by its symbol."""
        language = pack(lang)
        before, after = language.dates_symbol_before, language.dates_symbol_after
        named = (before.search(sentence[: match.start()]) if before else None) or (
            after.search(sentence[match.end() :]) if after else None
        )
        return named is not None and not any(s in named.group(0) for s in specifics)

    def _named_as_such(self, sentence: str, match: re.Match[str], names: list[str]) -> bool:
        """The value matched is named for itself, not as part of the name of a thing it qualifies ('挪威和…联合王国
        倡议', 'the United Kingdom-Norway Initiative': the initiative's), unless that thing is the topic."""
        after = sentence[match.end() :]
        joined = _JOINED_NAME.match(after)  # '和大不列颠及北爱尔兰联合王国倡议': the name the row of states ends
        if joined:
            after = after[joined.end() :]
        head = re.match(r"[\u4e00-\u9fff]{1,4}|-?\s*(?:[A-Z][\w-]*\s*){1,3}", after)
        if head is None or re.match(r"[和及与等的或以并]", head.group(0)):
            return True
        return any(self.has(head.group(0), name) or self.has(name, head.group(0).strip("- ")) for name in names)

    def states_beyond(self, pid: str, places: list[str]) -> bool:
        """A place the question does not already name: '在日内瓦的哪个会议场所' is not answered by the text's
        '在日内瓦举行', which is all the text says of where."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("place")
        if shape is None:
            return False
        names = [name for forms in self.forms(places, paragraph.lang) for name in forms]
        return any(not any(self.has(m.group(0), name) for name in names) for m in shape.shape.finditer(paragraph.text))

    def places_given(self, pid: str) -> list[str]:
        """The names of the places the paragraph gives as where something is ('in Geneva and Vienna': Geneva,
        Vienna; 'in Geneva, Switzerland': both)."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("place")
        said = [m.group(0) for m in shape.shape.finditer(paragraph.text)] if shape else []
        return list(
            dict.fromkeys(
                name
                for place in said
                for name in re.findall(r"\b[A-Z][a-z]+\b|[\u4e00-\u9fff]{2,}", _PLACE_FRAME.sub(" ", place))
            )
        )

    def place_besides(self, pid: str, places: list[str]) -> str:
        """Another place the paragraph gives where it gives one of `places` ('in Geneva and Vienna': Vienna), else
        ''."""
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type("place")
        names = [name for forms in self.forms(places, paragraph.lang) for name in forms]
        for match in shape.shape.finditer(paragraph.text) if shape else iter(()):
            if not any(self.has(match.group(0), name) for name in names):
                continue
            rest = match.group(0)
            for name in sorted(names, key=len, reverse=True):
                rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
            if others := re.findall(r"\b[A-Z][a-z]+\b|[\u4e00-\u9fff]{2,}", _PLACE_FRAME.sub(" ", rest)):
                return others[0]
        return ""

    def counts_what_is_asked(self, question: Question, pid: str, *, or_names: bool = False) -> bool:
        """For 'how many member States …': a number in the paragraph that counts that thing (the word, or the text's
        name for it, right after the number), or with `or_names` the thing named in a paragraph that lists
        instances (the conferences of 1995, 2000 and 2010 it recalls can be counted; the member States OP6 asks for
        views cannot). True when the question names no such thing, counts in a unit
        ('how many experts': 25人). A thing the paragraph's language has no name for is counted only in a paragraph
        the question names ('how many women': the Chinese text cannot be shown to count them)."""
        paragraph = self.paragraphs[pid]
        forms = self.counted_forms(question, paragraph.lang)
        if forms is None:
            return True
        if not forms:  # a paragraph the question names may list the things ('OP6 列了几个领域': (a)-(h))
            return or_names
        if or_names and _lists_instances(paragraph.text) and any(self.has(paragraph.text, form) for form in forms):
            return True
        if self.counts_by_items(question, pid):
            return True
        shape = pack(paragraph.lang).answer_type("number")
        numbers = shape.shape.finditer(paragraph.text) if shape else iter(())
        # right after the number, or after 'or more of the' ('one-third or more of the Parties'); in English a few
        # words on, within the phrase ('three informal in-person meetings')
        after = [
            re.split(r"[,;:.()，；：。（）]", re.sub(r"^\s*or (?:more|fewer|less)\b", "", paragraph.text[m.end() :]))[0]
            for m in numbers
        ]
        after = [text[:16] if paragraph.lang == "zh" else " ".join(text.split()[:4]) for text in after]
        if any(self.has(text, form) for text in after for form in forms):
            return True
        # an act counted by those who do it, in the clause before: 'its ratification by the States … and forty
        # other States' counts the ratifications ('how many ratifications does the NPT need')
        by = pack(paragraph.lang).acted_by
        numbers = shape.shape.finditer(paragraph.text) if shape else iter(())
        return by is not None and any(
            re.search(rf"{re.escape(form)}\w*{by.pattern}[^.;:]{{0,160}}$", paragraph.text[: m.start()], by.flags)
            for m in numbers
            for form in forms
        )

    def counted_forms(self, question: Question, text_lang: str) -> list[str] | None:
        """The forms, in a text of `text_lang`, of the thing a 'how many' question counts; None when it counts in a
        unit or names no thing."""
        language = pack(question.lang)
        match = language.counted.search(question.focus) if language.counted else None
        if match is None:
            return None
        words = next(g for g in match.groups() if g).split()  # '几个领域', or '领域一共几个' (the thing first)
        while words and words[-1].lower() in language.vocabulary.asking:
            words.pop()  # 'how many states have': the thing, not the asking words after it
        if not words or any(unit.search(" ".join(words)) for unit in language.units.values()):
            return None
        if text_lang == question.lang:
            return [stem(words[-1])]
        if text_lang == "zh":
            return self.glossary.official_terms(" ".join(words)) + sorted(self.glossary.chinese_for_word(words[-1]))
        # a Chinese question on an English text: the English names of the glossary's words it counts ('领域')
        phrase = "".join(words)
        return sorted({f for t in self.glossary.terms() if t in phrase for f in self.glossary.forms(t) if f.isascii()})

    def counts_by_items(self, question: Question, pid: str) -> bool:
        """For 'how many objectives': the paragraph names them right before its lettered items ('the following
        objectives: (a) …'), which count them."""
        paragraph = self.paragraphs[pid]
        forms = self.counted_forms(question, paragraph.lang) or []
        return bool(items_of(self.paragraphs, pid)) and any(
            self.introduces_items(paragraph.text, form) for form in forms
        )

    def counts_its_items(self, question: Question, pid: str) -> bool:
        """For 'how many subparas does OP6 have', 'OP6有几个子段': the paragraph's lettered items are what is
        counted, whatever they are items of."""
        asked = pack(question.lang).items_counted
        return bool(asked and asked.search(question.focus)) and bool(items_of(self.paragraphs, pid))

    def addressed_to(self, pid: str, names: list[str]) -> bool:
        """Whether the paragraph opens with a request ('Requests', 'Also requests', '请', '又请') made of one of
        `names`: named between the verb and what it is asked to do ('Requests the Group … to report'; not 'Requests
        the Secretary-General to bring the report of the Group')."""
        paragraph = self.paragraphs[pid]
        request = pack(paragraph.lang).answer_type("request")
        opening = request.shape.match(re.sub(r"^(?:Also|Further|又|还|并)\s*", "", paragraph.text)) if request else None
        if opening is None:
            return False
        rest = paragraph.text[paragraph.text.index(opening.group(0)) + len(opening.group(0)) :]
        if paragraph.lang == "en" and (re.match(r"\s*that\b", rest) or not re.search(r"\bto\b", rest)):
            return False  # 'Decides that the Group …': a decision about it, not a request made of it
        addressee = re.split(r"\bto\b|[,，;；]", rest, maxsplit=1)[0][:60] if paragraph.lang == "en" else rest[:10]
        return any(self.has(addressee, form) for forms in self.forms(names, paragraph.lang) for form in forms)

    def listing(self, pid: str, topic: list[str]) -> list[str]:
        """What a paragraph lists the counted thing by: years, or names in a row right before its name ('the
        English, Russian, French, Spanish and Chinese texts'); else []."""
        if years := self.years_listing(pid, topic):
            return years
        paragraph = self.paragraphs[pid]
        names = [n for forms in self.forms(topic, paragraph.lang) for n in forms]
        rows = pack(paragraph.lang).names_list
        for match in rows.finditer(paragraph.text) if rows else ():
            row = listed_names(match.group(0), paragraph.lang)[0]
            after = re.sub(r"^\W*(?:the\s+)?", "", paragraph.text[match.end() : match.end() + 24])  # where the row ends
            if len(row) >= 3 and any(self.has(after[: len(n) + 2], n) for n in names):
                return row
        return []

    def years_listing(self, pid: str, topic: list[str]) -> list[str]:
        """For 'how many review conferences does it recall': the years a clause lists the thing by, when there are
        several and the thing's name follows the last ('1995年…以及2000年和2010年审议大会', '1990年和1995年的报告') or,
        in English, comes before the first ('the reports of the Secretary-General of 1990 and 1995'); else []."""
        paragraph = self.paragraphs[pid]
        names = [n for forms in self.forms(topic, paragraph.lang) for n in forms]
        for clause in CLAUSE.split(paragraph.text):
            found = list(YEAR.finditer(clause))
            years = list(dict.fromkeys(m.group(0) for m in found))
            if len(years) < 2 or not names:
                continue
            after = re.sub(r"^[年的\s]+", "", clause[found[-1].end() : found[-1].end() + 17])
            before = clause[max(0, found[0].start() - 40) : found[0].start()] if paragraph.lang == "en" else ""
            if any(self.has(after[: len(n) + 2], n) for n in names) or any(
                re.search(rf"{re.escape(n)}\s+of\s*$", before, re.IGNORECASE) for n in names
            ):
                return years
        return []

    @staticmethod
    def introduces_items(text: str, form: str) -> bool:
        """The paragraph names the thing right before its first item ('the following objectives: (a)')."""
        return any(
            re.match(r"[^()。;；]{0,6}?[:：]\s*\(?(?:a|1)\)", text[m.end() :])
            for m in re.finditer(re.escape(form), text, re.IGNORECASE if form.isascii() else 0)
        )

    def in_asked_unit(self, question: Question, pid: str) -> bool:
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type(question.answer_type or "")
        matches = shape.shape.finditer(paragraph.text) if shape else iter(())
        asked = _counting_words(question)
        return any(in_asked_unit(asked, question.lang, paragraph.text, m, paragraph.lang) for m in matches)

    def holds(self, paragraph: Paragraph, terms: list[str], topic: list[str]) -> bool:
        if terms:  # as written, or by the term's name in the paragraph's language (秘书长: 'Secretary-General')
            english = paragraph.lang == "en"
            names = [f for t in terms for f in self.glossary.forms(t) if f.isascii() == english and len(f) >= 4]
            held = any(
                uses_words(paragraph.text, t) if t.isascii() else t in strip_all_spaces(paragraph.text) for t in terms
            )
            return held or any(self.has(paragraph.text, name) for name in names)
        forms = self.forms(topic, paragraph.lang)
        return bool(forms) and all(any(self.has(paragraph.text, name) for name in names) for names in forms)
