"""The question reader: a question is read once, here, into a typed `Question`; nothing downstream parses its text.

What it reads: the language (Traditional Chinese converted to Simplified first, with OpenCC); a follow-up resolved
against the history; the document it is about ("the resolution"/决议 unqualified = the main resolution); the
paragraphs it names (labels, ordinals "the third preambular paragraph", "the last operative paragraph", ranges
"OP1–OP3" / 第6至8段); the intent (lookup, enumerate, summarize, count, yes-no, locate, cited documents); the kind
of fact asked for (answer type); the exact terms an enumeration or count matches (quoted words, official names).
Every language-specific pattern comes from the language packs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from assistant.document_choice import DocumentChoice
from assistant.followup import Condensed, condense, last_question
from assistant.labels import without_label_refs
from assistant.language import (
    FACTS_LISTED,
    LANGUAGES,
    SPECIFIC_TYPES,
    LanguagePack,
    number_value,
    only_asking,
    pack,
    question_language,
)
from assistant.named_paragraphs import asked_part, named_labels
from assistant.question_kind import (
    FIGURE,
    asked_category,
    asks_all,
    asks_total,
    at_a_later_session,
    authors_act,
    listed_aspects,
    names_only_part,
    qualifying_kind,
    text_language,
)
from assistant.question_text import (
    as_written,
    asking_sentence,
    in_full,
    in_years,
    instructions,
    last_clause,
    quoted_words,
    simplified,
    slips_read,
    unframed,
    without_names,
)
from assistant.spelling import Speller
from index.documents import Document
from index.glossary import Glossary, longest_terms
from index.meta import days_of_month, months_named
from index.registry import short_forms
from index.text import has_cjk, strip_all_spaces

INTENTS = ("opinion", "cited_documents", "count", "summarize", "enumerate", "locate", "yes_no")  # tried in order
_LIST_INTENTS = ("summarize", "enumerate")  # the answers an instruction beside the question can ask for
_SET_PHRASE_ONE = re.compile(r"一|one\b", re.IGNORECASE)  # '一次性', 'the one that': no value checked
# values a list of paragraphs can be of: each paragraph writes its own ('resolution': a resolution's number)
_LISTED_KINDS = frozenset({"symbol", "year", "resolution"})
_CITATION_ID = re.compile(r"((?:[A-Z]+/)+\d+/\d+):[A-Z]+\d+")  # 'A/RES/71/67:OP7': a paragraph of that document
# a resolution's number or a document's symbol as a sentence writes it, in either language ('第62/21号决议',
# 'resolution 74/50,')
_SYMBOL_IN_TEXT = re.compile(r"(?<![\dA-Za-z/])(?:[A-Z]+/)*\d{2,}/\d+(?![\d/])")


@dataclass(frozen=True)
class Question:
    text: str  # as asked (Simplified script)
    search: str  # what retrieval looks for: a follow-up carries the earlier question it depends on
    focus: str  # the sentence that asks ('我们代表团打算弃权。想确认一下：…？' -> the last one): its topic is judged
    lang: str  # the question's language
    scope: str | None  # the document it is about
    scope_named: bool = False  # the question says which (else: the main resolution, and the others may answer too)
    scope_terms: tuple[str, ...] = ()  # the terms that chose the document when none was named ('修正案': the NPT)
    also: tuple[str, ...] = ()  # other documents it asks about too ('71/67 和 80/53', 'both resolutions'): grouped
    # other indexed documents it names, if only inside another name ('the first NPT review conference': the NPT)
    mentioned: tuple[str, ...] = ()
    unindexed: tuple[str, ...] = ()  # documents it names by symbol that the index does not hold ('A/61/1028')
    intent: str = "lookup"
    answer_type: str | None = None
    also_types: tuple[str, ...] = ()  # the other kinds of fact it asks for ('where and when': the time too)
    labels: tuple[str, ...] = ()  # citation ids of the paragraphs it names, in order
    missing: tuple[str, ...] = ()  # ids it names that do not exist
    part: str | None = None  # "OP" / "PP" / "ALL": the part a summary or count is about
    terms: tuple[str, ...] = ()  # exact words an enumeration or count matches
    listed: str | None = None  # the kind of value a list is of ('which numbered resolutions': symbols)
    about: str | None = None  # a document whose mentions in this one are asked for ('which rest on the NPT')
    asks_reason: bool = False  # 'why did Russia abstain': a reason, which no data card (the vote) holds
    asks_later: bool = False  # 'how many parties today', '后来有没有设立…': after the document, which it cannot tell
    asks_next: bool = False  # 'when is the next review conference': an event after the ones a text dates
    asks_total: bool = False  # 'how many days in all', 总共几天: what the text counts, added up
    # the things listed after a colon ('size, venue, sessions'), each with the kind of fact it asks: a paragraph each
    aspects: tuple[tuple[str, str], ...] = ()
    asks_event: bool = False  # whether, or what, someone other than the document's author did or said after it
    lead: str = ""  # the verb asked about ('what did it decide' -> 'decide'): every paragraph opening with it
    opens: str = ""  # the word asked about as an opening ("that start with 'Underlining'", 以“强调”开头)
    text_language: str = ""  # the language of the official text asked for ('71/67的英文原文': en), '' if none
    follow_up: bool = False
    previous_citations: tuple[str, ...] = field(default_factory=tuple)
    # the paragraphs the last answer gave, when a follow-up asks for another than those ('anyone else?'): the
    # answer is elsewhere
    answered: tuple[str, ...] = field(default_factory=tuple)


class QuestionReader:
    def __init__(self, documents: dict[str, Document], glossary: Glossary, today: date | None = None) -> None:
        self.documents = documents
        self.glossary = glossary
        self._today = today  # the day 'last year' is counted from (None: the day the question is asked)
        self._corpus_text = "\n".join(p.text for d in documents.values() for p in d.paragraphs)
        self.choice = DocumentChoice(documents, glossary, self._terms)
        self._speller = Speller(
            self.choice.written.values(),
            [*glossary.terms(), *(w for code in LANGUAGES for w in pack(code).vocabulary.asking)],
        )

    def read(self, text: str, history: list[dict[str, Any]], only: str | None = None) -> Question:
        text = re.sub(r"(?<=\w) & (?=\w)", " and ", self._speller.corrected(simplified(text)))  # 'scientific & …'
        lang = question_language(text)
        language = pack(lang)
        text = in_years(
            slips_read(in_full(text, language.abbreviations), language), language, self._today or date.today()
        )
        text = self.glossary.unabbreviated(text) if lang == "zh" else text
        text = self._by_place_named(text, history, language)
        condensed = condense(text, history)
        if condensed.context and (answered := self._answered_symbols(history, condensed.context)):
            condensed.context = f"{condensed.context} {' '.join(answered)}"
        # a question for the paragraphs that mention a document is about the one that mentions it ('哪些段落提到了
        # 《不扩散核武器条约》？全部列出'): whichever sentence asks for them
        mentions = any(language.intents[name].search(text) for name in ("enumerate", "count", "locate")) and bool(
            language.mentions is None or language.mentions.search(text)
        )
        doc, names, scope_named = self.choice.document(condensed.question, only, lang, mentions)
        # 'this resolution' / 这个决议 in a follow-up is the one the conversation is about
        says_main = language.main_document
        generic = bool(says_main and names and all(says_main.fullmatch(n) for n in names))
        # a follow-up stays with the conversation's document, and so does a question naming none ('什么时候开始开会'
        # after one on 80/53's group)
        before = condensed.context or last_question(history)
        own_document = scope_named and not generic
        carried = False  # the conversation's document, and the others it asked about with it
        if (not scope_named or generic) and before:
            earlier, earlier_names, earlier_named = self.choice.document(before, only, lang, mentions)
            if earlier_named and (not generic or doc is not None and earlier is not None and earlier.kind == doc.kind):
                doc, names, scope_named, carried = earlier, earlier_names, True, True
            elif not scope_named and (quoted := self._answer_document(history)):
                # "what's (g) exactly" after an answer from 80/53 to a question that named no document
                doc, scope_named, carried = quoted, True, True
        read, also, also_names = self.choice.also(condensed.question, doc, only, lang)
        if carried and not also:  # 'which one meets in Vienna' after a comparison of two resolutions' groups
            also = self.choice.also(before, doc, only, lang)[1]
        names = also_names if read is not doc else names + also_names  # 'both resolutions … NPT parties': not the NPT
        doc = read
        labels, missing = named_labels(condensed.question, doc, lang)
        # 'how many objectives does OP5 give the group': 80/53's OP5 sets its objectives, 71/67's none
        labelled = doc
        if doc is not None and labels and not scope_named and not also:
            labelled = self.choice.by_labelled_text(condensed.question, doc, lang)
        if labelled is not doc:
            doc, scope_named = labelled, True
            labels, missing = named_labels(condensed.question, doc, lang)
        chained = self.choice.chained(condensed.question, doc, lang)
        article_word = language.article_word
        if (
            not chained
            and condensed.context
            and not labels
            and article_word
            and article_word.search(condensed.question)
            and language.follow_up["marker"].search(condensed.question)
        ):
            # 'ok what does that article actually say' after a question on PP5: the article PP5 rests on
            chained = self.choice.chained(f"{condensed.question} {condensed.context}", doc, lang)
        if chained:
            doc, names, labels, missing, scope_named = chained
        asked_text = text  # as asked: another document it names reads its generic names as that one's own
        if doc is not None:
            text = self._as_own_body(text, doc.symbol, lang)
            condensed.question = self._as_own_body(condensed.question, doc.symbol, lang)
            condensed.context = self._as_own_body(condensed.context, doc.symbol, lang)
        focus = asking_sentence(text)
        if not labels and condensed.context and not own_document and only_asking(focus, lang):
            # 'give me the exact wording' after 'What does OP5 of 71/67 say?': of the paragraphs asked about before
            # (not 'which paragraph of 71/67 refers to it?' after a question on Article VI of the NPT)
            labels = named_labels(condensed.context, doc, lang)[0]
        # the words that named the document: a scope, not a topic ('the group set up under 71/67')
        named = sorted(
            (n for n in names if n != only and not (says_main and says_main.fullmatch(n))), key=len, reverse=True
        )
        this_document = language.templates["this_document"]
        focus = without_names(focus, named, this_document)
        context = condensed.context
        if own_document and context:
            # '那80/53是第几次？' after '71/67 是在第几次全会通过的？': the earlier question's document is not
            # this one's topic
            context = without_names(context, self.choice.document(context, only, lang)[1], this_document)
        search = without_names(f"{context} {unframed(condensed.question)}", named, this_document).strip()
        if not scope_named and doc is not None:
            # a count that chose the document names it, it is not what is asked ('21名专家谈不拢的话'): not searched for
            for _, count in self.choice.naming_counts(condensed.question, self.choice.main, lang):
                search = search.replace(count, " ")
        terms = self._terms(without_names(text, named, this_document))  # not the name of the document read
        asking, asking_language = "", language  # the words that say what kind of answer is wanted
        elliptical = language.elliptical
        asked_again = ""  # an elliptical follow-up's earlier question, asked again
        if (
            condensed.context
            and elliptical
            and elliptical.search(text)
            and not any(a.asks.search(focus) for a in language.answer_types)  # '这两份报告的文号呢': its own question
            and not any(language.intents[name].search(focus) for name in INTENTS)
        ):
            # 'and the Office for Disarmament Affairs?', '那2025年那个新的呢？': the earlier question asked again, of
            # the term this one names, or in the earlier words of the document it names
            before = asking_sentence(condensed.context)
            if (now := self._cited_symbols(condensed.question)) and len(then := self._cited_symbols(before)) == 1:
                before = before.replace(then[0], now[0])  # 'and 79/240?' after 'what did 78/239 do'
            asking = asked_again = without_names(before, self.choice.document(before, only, lang)[1], this_document)
            asking_language = pack(question_language(before))
            focus = focus if terms else asking
            search = without_names(condensed.question, named, this_document) if terms else asking
        if doc is not None and lang == "zh":
            written = self.choice.written[doc.symbol]
            focus, search = as_written(focus, written), as_written(search, written)
        asking = asking or focus
        # an instruction beside the question says what kind of answer it wants ('Which articles …? list them all',
        # '给我做个简报：80/53 关于…')
        instruction = instructions(text)
        instructed = next((name for name in _LIST_INTENTS if language.intents[name].search(instruction)), "lookup")
        intent = next((name for name in INTENTS if asking_language.intents[name].search(asking)), instructed)
        if intent == "locate" and instructed == "enumerate":
            intent = "enumerate"  # 'Where does 71/67 mention partnerships? list all the paras': every place
        asked = [(a.name, m.span()) for a in asking_language.answer_types if (m := a.asks.search(asking))]
        answer_type = asked[0][0] if asked else None
        # another kind asked in words of its own ('where and when'; not the 在哪 of '在哪次全体会议')
        first = asked[0][1] if asked else (0, 0)
        asked_types = [name for name, (start, end) in asked[1:] if end <= first[0] or start >= first[1]]
        which = asking_language.asks_which.search(asking) if asking_language.asks_which else None
        whether = asking_language.intents["yes_no"].search(asking)
        if intent == "yes_no" and which and whether and which.start() < whether.start():
            intent = "lookup"  # '生效几年后开会决定是否延长': 几年 is asked; the 'whether' after it is the text's
        summary = asking_language.intents["summarize"].search(asking.lstrip())
        # ('71/67序言里关于核查的几个核心判断总结下': the instruction closes the sentence, it is on all that precedes)
        closing = bool(
            summary
            and asking_language.instruction_end
            and asking_language.instruction_end.match(asking.lstrip()[summary.end() :])
        )
        if (
            intent == "summarize"
            and answer_type in SPECIFIC_TYPES
            and not closing
            and (summary.start() > 0 if summary else not asked_types)
        ):
            # '那份概述核查原则的报告文号': the verb describes the report; its symbol is asked, as one fact is beside an
            # instruction ('the budget? need the figure for a brief'); 'Summarize who … and when', the verb first, and
            # several facts beside one ('brief一下…：交给谁、什么时候交') ask for a summary
            intent = "lookup"
        article_asked = answer_type == "article" and doc is not None and doc.kind == "treaty" and intent == "lookup"
        if article_asked and (qualifier := qualifying_kind(asking, asked)):
            # 'which NPT article defines a nuclear-weapon State': the definition, in the one clause asking
            answer_type, asked_types, article_asked = qualifier, [k for k in asked_types if k != qualifier], False
        elif article_asked:
            intent, answer_type = "locate", None  # 'which article of the NPT covers withdrawal': where in it
        card = next((a.card for a in language.answer_types if a.name == answer_type), None)
        if card and doc is not None and doc.kind == "treaty":
            # 'NPT amendments: whose votes count?': a treaty has no recorded vote; it says what it says of votes in
            # its text
            answer_type, card = (asked_types[0] if asked_types else None), None
        # a list of values of a kind across the text: 'list the numbered resolutions', '提到了哪些编号的决议', 'which
        # years does it mention'
        several = bool(
            language.mentions
            and language.mentions.search(focus)
            and language.plural_asks
            and language.plural_asks.search(focus)
        )
        cites = intent == "cited_documents"
        counts = intent == "count" or intent == "lookup" and answer_type == "number"
        said = asking_language.intents[intent].search(asking) if cites or intent == "count" else None
        asking_at = said.start() if said else next((span[0] for name, span in asked if name == "number"), 0)
        resolutions = asking_language.resolutions_asked
        resolutions_named = resolutions.search(asking, asking_at) if resolutions else None
        # a list of them asked by a qualified name ('earlier GA resolutions', '以往大会决议'; the pack's named groups),
        # not 'the resolution'
        plural = bool(asking_language.plural_asks and asking_language.plural_asks.search(asking))  # '哪些以往决议'
        # … or, asked for by their plural ('which resolutions does 80/53 recall', 'its 哪些决议'), of a document it
        # names: those its text names
        qualified = (
            (intent == "enumerate" or intent == "lookup" and plural)
            and resolutions_named is not None
            and (
                any(resolutions_named.groupdict().values())
                or own_document
                and _asked_as_plural(resolutions_named, asking, asking_language)
            )
        )
        if (cites or counts) and resolutions_named or qualified:  # not '决议引用了哪些文件'
            # the resolutions a text cites are named in its paragraphs ('Recalling its resolution 74/50'), not in the
            # footnotes the registry of cited documents is read from; a count of them counts their numbers
            intent, answer_type = "count" if counts else "enumerate", "resolution"
        listing = intent == "enumerate" or intent == "lookup" and several or answer_type == "resolution"
        listed = answer_type if listing and answer_type in _LISTED_KINDS else None
        facts_listed = intent in ("enumerate", "summarize") and answer_type in FACTS_LISTED
        if (
            intent in ("locate", "enumerate", "count", "summarize")
            and answer_type != "request"
            and not facts_listed
            and not card
        ):
            # what is asked for is paragraphs ('where is it mentioned', 'how many times'); a card's fact is a fact
            # ('list the abstainers', 'how many states abstained')
            answer_type = None
        if intent == "lookup" and answer_type is None and condensed.context:
            # a follow-up on a data card's fact stays with it ('who else did that?' after a question on the vote); one
            # that only asks, naming no more than its document ('那80/53是第几次？' after '71/67 是在第几次全会通过
            # 的？'), asks for the same kind of fact as the question before
            asked_before, bare = asking_sentence(condensed.context), only_asking(focus, lang)
            answer_type = next(
                (a.name for a in language.answer_types if (a.card or bare) and a.asks.search(asked_before)), None
            )
        if intent == "yes_no" and answer_type is None and days_of_month(focus):
            answer_type = "day"  # '都是12月5日通过的吗？', 'adopted 5 Dec 2025 right?' (not the number 5)
        if intent == "yes_no" and answer_type is None and months_named(focus):
            answer_type = "month"  # '是不是在2018年5月开会': the month is checked, not only the year
        if intent == "yes_no" and answer_type is None and doc is not None:
            # '是向第七十一届会议报告吗？', 'does it meet four times?', '是不是开两个礼拜': the value it names says
            # what kind of fact is checked (a session in the text's own language; a length too where both write it
            # with a Chinese unit, '5天', where an English text spells what a question writes in figures; a number in
            # any: values are compared as numbers) ('同一天', '一次性', 'the one that': one in a set phrase is no value)
            answer_type = next(
                (
                    a.name
                    for a in language.answer_types
                    if (a.name in ("number", "session", "duration") and (a.name == "number" or doc.lang == lang))
                    and any(
                        not _SET_PHRASE_ONE.match(m.group(0)) and (a.name != "duration" or has_cjk(m.group(0)))
                        for m in a.shape.finditer(focus)
                    )
                ),
                None,
            )
        if intent == "yes_no" and answer_type is None and (figure := FIGURE.search(without_label_refs(focus))):
            answer_type = "year" if len(figure.group(0)) == 4 else "number"  # 'does it meet in 2020?'
        if intent in ("enumerate", "count", "locate") and (either := self._alternatives(focus, doc, lang)):
            terms = either  # 'mentions civil society, women or developing countries': a paragraph with any of them
        if intent == "lookup" and answer_type is None and terms and (category := asked_category(focus, lang)):
            # 'which arrangements for the 72nd session' (a word the text does not use: a kind of thing, not a
            # thing it lists): several things, each where the named term is
            intent = "enumerate" if category not in self._corpus_text else intent
        if intent == "lookup" and answer_type is None and not labels and not terms and names_only_part(focus, lang):
            intent = "summarize"  # '71/67 的序言部分讲了什么？', 'what does the operative part say': all of that part
        elif intent == "lookup" and answer_type is None and not labels and scope_named and only_asking(focus, lang):
            answer_type = "title"  # 'What is 71/67 about?', '80/53是关于什么的': what its title says
        if (
            intent == "lookup"
            and answer_type is None
            and not labels
            and language.says_about
            and language.says_about.search(focus)
        ):
            intent = "summarize"  # 'what does 80/53 say about training?', '关于妇女有什么规定': each paragraph on it
        if intent == "lookup" and answer_type is None and also and self._compares_by_name(focus, terms, language):
            intent = "enumerate"  # '71/67 vs 80/53 秘书长的角色比较一下': each document's paragraphs naming it
        if intent == "lookup" and answer_type == "request" and terms and not labels and asks_all(focus, lang):
            intent = "enumerate"  # 'what is the SG asked to do': every request made of the one it names
        about = self.choice.about(condensed.question, doc) if mentions else None
        lead = ""
        if (
            intent in ("lookup", "enumerate")
            and answer_type is None
            and language.lead_asks
            and (said := language.lead_asks.search(focus))
        ):
            # 'what did it decide', '提了哪些呼吁': its decisions, its calls, if it opens paragraphs with that verb
            lead = next(g for g in said.groups() if g)
        opening = language.opens_with.search(focus) if language.opens_with else None
        opens = next((g for g in opening.groups() if g), "") if opening else ""  # ('用decides的段落': its own group)
        if opens and intent in ("lookup", "locate", "summarize"):
            intent = "enumerate"  # "which paragraphs start with 'Recognizing'": every one that does
        aspects = listed_aspects(text, language) if not labels else ()
        generic_body = language.generic_body
        if (
            not aspects
            and also
            and not labels
            and answer_type is None
            and language.compares
            and language.compares.search(focus)
            and generic_body
            and generic_body.search(asked_text)
        ):
            # '对比一下71/67和80/53设的专家组': the groups compared on what sets one up, as if listed (its size, and
            # where it meets: the paragraph saying so says when too)
            aspects = language.body_brief
        kinds_listed = len({kind for kind, _ in aspects if kind})
        if aspects and (intent in ("lookup", "summarize", "enumerate") or intent == "count" and kinds_listed >= 2):
            # 'brief me on the 2025 group: size, venue, when it meets': a paragraph for each kind of fact ('…：几次、
            # 每次多长、在哪': a count among the kinds listed)
            intent, answer_type, asked_types = "summarize", None, []
        else:
            aspects = ()
        if intent == "lookup" and answer_type is None and not labels and self._lists_names(text, language):
            intent = "enumerate"  # '80/53 who does what: SG, ODA, UNIDIR': the paragraphs naming each one
        part_asked = "enumerate" if listed else intent
        # '2025那份呢？' after '71/67执行部分有几段？': the part the earlier question named, unless it names one
        part = asked_part(text, focus, lang, part_asked) or (
            asked_part(asked_again, asking, asking_language.code, part_asked) if asked_again else None
        )
        part = None if aspects and part == "ALL" else part  # 'brief me on the group: size, venue': not all of it
        part = "ART" if article_asked else part  # the unit a place in the text is asked in
        main = self.choice.main
        unnamed_other = doc is not None and main is not None and doc is not main and not scope_named
        scope_terms = self.choice.only_in(condensed.question, main)[1] if unnamed_other and main else ()
        previous = self._previous(condensed, history, doc, lang)
        # 'anyone else giving technical help?': not the paragraphs just given
        asks_other = bool(language.asks_other and language.asks_other.search(focus))
        return Question(
            text=asked_text,
            search=search,
            focus=focus,
            lang=lang,
            scope=doc.symbol if doc else None,
            scope_named=scope_named,
            scope_terms=scope_terms,
            also=also,
            mentioned=tuple(s for s in self.choice.named(condensed.question) if not doc or s != doc.symbol),
            unindexed=tuple(self.choice.unindexed(asked_text)),
            intent=intent,
            answer_type=answer_type,
            also_types=tuple(t for t in asked_types if t != answer_type),
            listed=listed,
            labels=tuple(labels),
            missing=tuple(missing),
            part=part,
            terms=terms,
            about=about,
            asks_reason=bool(language.asks_reason and language.asks_reason.search(focus)),
            # ('by when does the group have to wrap up': the time limit the text sets, not what happened later)
            asks_later=bool(language.asks_later and language.asks_later.search(focus)) and answer_type != "deadline",
            asks_next=bool(language.asks_next and language.asks_next.search(focus)),
            aspects=aspects,
            asks_total=asks_total(focus, language, intent, [t for t in (answer_type, *asked_types) if t]),
            asks_event=any(language.asks_event and language.asks_event.search(c) for c in (focus, last_clause(focus)))
            and not authors_act(focus)
            or at_a_later_session(focus, doc, language),
            lead=lead,
            opens=opens,
            text_language=text_language(focus),
            follow_up=bool(condensed.context or condensed.previous_citations),
            previous_citations=() if asks_other else previous,
            answered=previous if asks_other else (),
        )

    @staticmethod
    def _previous(
        condensed: Condensed, history: list[dict[str, Any]], doc: Document | None, lang: str
    ) -> tuple[str, ...]:
        """The paragraphs the last answer gave: its citations, else the labels its text names ('Geneva and Vienna
        (A/RES/80/53:OP3)'), else those the question before named."""
        if condensed.previous_citations or not condensed.context:
            return tuple(condensed.previous_citations)
        answer = next((str(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
        if doc is not None:  # ('… (A/RES/71/67:OP7)' is no paragraph of 80/53, which the follow-up may be about)
            answer = _CITATION_ID.sub(lambda m: m.group(0) if m.group(1) == doc.symbol else " ", answer)
        return tuple(named_labels(answer, doc, lang)[0] or named_labels(condensed.context, doc, lang)[0])

    def _by_place_named(self, text: str, history: list[dict[str, Any]], language: LanguagePack) -> str:
        """The text with a document it points to by its place among those the last answer names ('what date was the
        second one adopted' after 'It recalls resolutions 71/67 and 74/50') written as that document (74/50); the
        document the answer quotes is not one of them (its full symbol heads each quote: '根据A/RES/80/53序言部分第3段',
        'A/RES/80/53:PP3')."""
        said = language.one_named_before.search(text) if language.one_named_before else None
        answer = next((str(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
        if said is None or not answer:
            return text
        found = list(_SYMBOL_IN_TEXT.finditer(answer))
        quoted = {
            form
            for m in found
            if answer[m.end() : m.end() + 1] == ":" or m.group(0) in self.documents
            for form in short_forms(m.group(0))
        }
        named = list(dict.fromkeys(m.group(0) for m in found if m.group(0) not in quoted))
        if said.group("first"):
            place: int | None = 1
        elif said.group("last"):
            place = -1
        else:
            place = language.ordinals.get(said.group("n").lower()) or number_value(said.group("n"), language.code)
        if len(named) < 2 or place is None or not -len(named) <= place <= len(named) or place == 0:
            return text
        return text[: said.start()] + named[place - 1 if place > 0 else place] + text[said.end() :]

    def _answer_document(self, history: list[dict[str, Any]]) -> Document | None:
        """The one indexed document the last answer quotes, by its symbol; None when it quotes none or several."""
        answer = next((str(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
        quoted = [d for symbol, d in self.documents.items() if symbol in answer]
        return quoted[0] if len(quoted) == 1 else None

    def _answered_symbols(self, history: list[dict[str, Any]], context: str) -> list[str]:
        """The documents the last answer named when the earlier question named none ('序言部分第10段回顾了哪项
        决议？' … '第62/21号决议'): what a follow-up pointing back ('那个决议是哪天通过的？') is about. An earlier
        question naming one is about that one ('62/21号决议注意到了哪些报告？' … '这两份秘书长报告的文号呢'), and the
        indexed documents' own symbols, which every answer's citations name, are no referent."""
        if self._cited_symbols(context):
            return []
        answer = next((str(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
        return list(dict.fromkeys(self._cited_symbols(answer)))

    def _cited_symbols(self, text: str) -> list[str]:
        """The symbols a text gives of documents that are not indexed ('79/240', 'A/74/90')."""
        indexed = {form for symbol in self.documents for form in short_forms(symbol)}
        return [s for s in _SYMBOL_IN_TEXT.findall(text) if s not in indexed and not s.startswith("A/RES/")]

    def of_own_body(self, question: Question, history: list[dict[str, Any]]) -> Question:
        """The question as asked of its scope, when that is not the document it was read for (one of the documents
        a comparison names, another that answers too): a group of experts it names generically is that document's
        own ('compare the expert groups of 71/67 and 80/53': 80/53's part is on its Group of Scientific and
        Technical Experts)."""
        # named in full in English: its 'expert group' stands for the other document's group too, and only the
        # full name tells the search which paragraphs are this one's (a Chinese question's 专家组 has no English
        # rendering to mislead it)
        in_full = question.lang == "en"
        own = (
            self._as_own_body(question.text, question.scope, question.lang, in_full)
            if question.scope
            else question.text
        )
        if own == question.text:
            return question
        again = self.read(own, history)
        return replace(question, search=again.search, focus=again.focus, terms=again.terms)

    def _as_own_body(self, text: str, symbol: str, lang: str, in_full: bool = False) -> str:
        """The text with a group of experts named generically ('the expert group', 专家组) called by the word the
        document's text calls the body it sets up by, when it sets up one of its own ('the Group': 80/53's Group of
        Scientific and Technical Experts). The glossary reads the generic names as 71/67's group of governmental
        experts; the document's full name would weigh the search towards every paragraph that names its body. A
        generic name inside a longer one the glossary knows (政府专家组) is that one."""
        generic = pack(lang).generic_body
        body = self.choice.own_body(symbol, lang, in_full) if generic and text else None
        if generic is None or body is None:
            return text
        folded = text.lower()

        def inside_longer(match: re.Match[str]) -> bool:
            said = match.group(0).lower()
            return any(
                at <= match.start() and match.end() <= at + len(term)
                for term in self.glossary.terms()
                if len(term) > len(said) and said in (low := term.lower())
                for at in (m.start() for m in re.finditer(re.escape(low), folded))
            )

        return generic.sub(lambda m: m.group(0) if inside_longer(m) else body, text)

    @property
    def main_symbol(self) -> str | None:
        """The main resolution's symbol (what a question naming no document is about)."""
        return self.choice.main.symbol if self.choice.main else None

    def _compares_by_name(self, focus: str, terms: tuple[str, ...], language: LanguagePack) -> bool:
        """A comparison of documents on official names only (not '专家组', a kind of thing, which retrieval answers
        better than a list of every paragraph using the word)."""
        official = bool(terms) and all(self.glossary.is_official(t) for t in terms)
        return official and bool(language.compares and language.compares.search(focus))

    def _lists_names(self, text: str, language: LanguagePack) -> bool:
        """Two or more names listed after a colon, a dash or in closing brackets ('who does what: SG, ODA, UNIDIR';
        not '(80/53)')."""
        said = language.aspect_list.search(text) if language.aspect_list else None
        return said is not None and len(self._terms(next(g for g in said.groups() if g))) >= 2

    def _alternatives(self, focus: str, doc: Document | None, lang: str) -> tuple[str, ...]:
        """The things a question lists paragraphs by, named one or another after 'mentions' / 提到 ('civil society,
        women or developing countries', '妇女或发展中国家'), when the document uses each as written; else ()."""
        mentions = pack(lang).mentions
        said = mentions.search(focus) if mentions else None
        if said is None or doc is None:
            return ()
        phrase = re.split(r"[?？。!！;；]", focus[said.end() :])[0]
        parts = [
            re.sub(r"^(?:the|a|an)\s+", "", p.strip(" \"'“”《》"), flags=re.IGNORECASE) for p in _EITHER.split(phrase)
        ]
        parts = [p for p in parts if p]
        written = strip_all_spaces(self.choice.written[doc.symbol]).lower()
        if len(parts) < 2 or not all(strip_all_spaces(p).lower() in written for p in parts):
            return ()
        return tuple(parts)

    def _terms(self, text: str) -> tuple[str, ...]:
        """Quoted words ('“信任”出现了几次') and the official names the question uses or translates ('NPT' ->
        不扩散核武器条约): what must literally occur in a paragraph for an enumeration to list it."""
        quoted = quoted_words(text)
        if question_language(text) != "zh":  # Chinese words in an English question quote the text
            quoted += re.findall(r"[\u4e00-\u9fff]{2,}", text)
        if quoted:  # the user's own exact words
            return tuple(dict.fromkeys(quoted))
        named = [*self.glossary.official_terms(text, vocabulary=False)]
        # a term spelled out as the documents spell it (无核武器国家; 'Depositary Governments' of the NPT)
        named += [
            t
            for t in self.glossary.terms()
            if t in text and (len(t) >= 3 and has_cjk(t) or not has_cjk(t) and self.glossary.is_official(t))
        ]
        return tuple(longest_terms(named))


def _asked_as_plural(named: re.Match[str], asking: str, language: LanguagePack) -> bool:
    """The word matched is asked for as several: written in its plural ('resolutions'), or right after a plural
    asking word in a language with no plural ('哪些决议', '哪几项决议')."""
    if language.plural_asks is None:
        return named.group(0).endswith("s")
    return any(0 <= named.start() - m.end() <= 2 for m in language.plural_asks.finditer(asking))


_EITHER = re.compile(r",\s*(?:or\s+)?|\s+or\s+|或者|或|、")  # 'X, Y or Z', 'X或Y', 'X、Y'
