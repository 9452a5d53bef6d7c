"""Extractive answers composed by intent, deterministic, every quote an exact span of its paragraph:
- lookup: a one-line direct answer when the asked-for fact is a typed span in the quote ("最多为25人。" /
  "Answer: up to 25."), then the quote with its label;
- yes-no: 是/否 · Yes/No first (No when the evidence negates what is asked), then the evidence;
- enumerate / count: every matching paragraph in document order, one line each, all cited (count: how often first);
- summarize: one line per paragraph of the part or range asked for (its lead verb and what follows it; in English
  framing the fixed lead verbs of GA resolutions), the Chinese clause quoted, never translated.
Wording comes from the language packs.
"""

from __future__ import annotations

import re

from assistant.citations import Answer, Citation, make_citation
from assistant.labels import display_label, document_name
from assistant.language import (
    LanguagePack,
    followed_by_asked_word,
    in_asked_unit,
    listed_names,
    listed_shape,
    number_value,
    pack,
)
from assistant.question import Question
from assistant.retrieval import Retrieval
from assistant.verdict import Verdict
from index.documents import Paragraph, items_of, split_citation_id
from index.glossary import Glossary
from index.numerals import ZH_NUMERAL, zh_number
from index.text import CLAUSE_END, YEAR, has_cjk, strip_all_spaces

BACKEND = "extractive"
_FIRST_CLAUSE = re.compile(r"[^，；。：,;:]+[，；。：,;:]?")
_EXCERPT_CHARS = 280  # a list line's quote; the paragraphs of a resolution are mostly shorter
_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ZH_SESSION = re.compile(r"第([一二三四五六七八九十百零\d]+)届")
_ZH_MEETING = re.compile(r"第([一二三四五六七八九十百零\d]+)次全体会议")
_ZH_NAME_END = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:联合王国|共和国)")
_ZH_NAME_HEAD = re.compile(r"[^\s，、；。：和与]+$")  # the name's own characters before the matched part
# types whose every occurrence is part of the answer (2018年和2019年; English, French …)
_MULTIPLE = frozenset({"year", "month", "time", "deadline", "language"})
_NUMBERED = re.compile(r"^(?:resolutions?|第)\s*|\s*号(?:决议)?$", re.IGNORECASE)  # around a resolution's number
# kinds of fact a clause states, not a value: the quote is the answer, with no line before it
_QUOTED_WHOLE = frozenset({"request", "bodies", "purpose", "definition", "outcome", "symbol"})


def _whole_state_name(quote: str, match: re.Match[str]) -> str:
    """A state named inside a longer official name ('爱尔兰' in '大不列颠及北爱尔兰联合王国', '伊朗' in
    '伊朗伊斯兰共和国'): the whole name, which runs to 联合王国 or 共和国 and back to the word before it."""
    tail = _ZH_NAME_END.match(quote, match.end())
    if tail is None and not match.group(0).endswith(("联合王国", "共和国")):
        return match.group(0)
    head = _ZH_NAME_HEAD.search(quote, max(0, match.start() - 8), match.start())
    return quote[head.start() if head else match.start() : tail.end() if tail else match.end()]


def _unit_after(question: Question, quote: str, end: int, source_lang: str) -> str:
    """The word right after a number of an English text when it is the unit the question asks in (' months' of
    'three months in advance' for 几个月); ''."""
    word = re.match(r"[\s-]+([A-Za-z]+)", quote[end:])
    asked, written = pack(question.lang).units, pack(source_lang).units
    return (
        word.group(0)
        if word
        and any(asked[u].search(question.text) and u in written and written[u].fullmatch(word.group(1)) for u in asked)
        else ""
    )


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Composer:
    def __init__(self, paragraphs: dict[str, Paragraph], glossary: Glossary) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary

    # -- the direct answer -----------------------------------------------------------------------------------
    def direct(self, question: Question, quote: str, source_lang: str, lang: str) -> str:
        """The asked-for fact as one line, when the quote states it as a typed span; else ''."""
        if not question.answer_type:
            return ""
        answer_type = pack(source_lang).answer_type(question.answer_type)
        if answer_type is None or question.answer_type in _QUOTED_WHOLE:
            return ""
        # a value counted in the unit the question asks about ('how many sessions' -> 三届, not 25人), then one in
        # figures before one in words, then in reading order
        # … and one followed by a word of the question ('forty other States' for 'how many States'); a value the
        # question names itself is what it knows, not what it asks ('除了挪威，另一个国家': not 挪威)
        cardinals = pack(source_lang).cardinals
        matches = sorted(
            answer_type.shape.finditer(quote),
            key=lambda m: (
                m.group(0).strip() in question.text,
                # a value with a number in it before a word that only names the kind ('180 days', not 'period')
                not re.search(r"[\d一二三四五六七八九十百千两]", m.group(0))
                and not any(w in cardinals for w in m.group(0).lower().split()),
                not in_asked_unit(question.text, question.lang, quote, m, source_lang),
                not followed_by_asked_word(question.focus, quote, m),
                not re.search(r"\d", m.group(0)),
            ),
        )
        if not matches:
            return ""
        source = pack(source_lang)
        # states asked for several ('哪两个国家'), where each is named whole (a Chinese text:
        # 大不列颠及北爱尔兰联合王国, not its 爱尔兰), in the text's order
        several_asked = pack(question.lang).several_asked
        several = question.answer_type == "states" and bool(several_asked and several_asked.search(question.focus))
        if several and source_lang != "zh":
            # an English name holds others' ('the United Kingdom of Great Britain and Northern Ireland'), and the
            # shapes cannot tell where one ends: the quote names them all, and no line names some
            return ""
        if several:
            matches.sort(key=lambda m: m.start())
        values: list[str] = []
        for match in matches if question.answer_type in _MULTIPLE or several else matches[:1]:
            before = source.qualifiers.search(quote[max(0, match.start() - 6) : match.start()])
            value = (before.group(0) if before else "") + match.group(0).strip()
            if question.answer_type == "number" and source_lang != question.lang:
                # (a Chinese question on an English text: 'three months' for 几个月, whose unit is not the answer's)
                value += _unit_after(question, quote, match.end(), source_lang)
            if question.answer_type == "states" and source_lang == "zh":
                value = _whole_state_name(quote, match)
            if value not in values:
                values.append(value)
        values = [v for v in values if not any(v != other and v in other for other in values)]
        if source_lang == lang:
            value = pack(lang).templates["list_sep"].join(values)
        else:
            rendered = [self._from_zh(v, pack(lang)) for v in values]
            if any(not r or has_cjk(r) for r in rendered):
                return ""
            value = pack(lang).templates["list_sep"].join(rendered)
        return pack(lang).t("direct", value=value)

    def total(self, question: Question, quote: str, source_lang: str, lang: str) -> str:
        """For 'how many days in all' (总共几天): the count times the length of each that the quote states, in the
        unit asked ('三届会议，每届为期5天' -> 15天, 'four 2-week sessions' -> 8 weeks), with those words; else ''."""
        if not question.asks_total:
            return ""
        source, language = pack(source_lang), pack(lang)
        for stated in (m for pattern in source.products for m in pattern.finditer(quote)):
            unit = next((u for u, words in source.units.items() if words.search(stated.group("unit"))), None)
            if unit is None or unit not in language.units or not language.units[unit].search(question.text):
                continue
            count, each = number_value(stated.group("n"), source_lang), number_value(stated.group("m"), source_lang)
            if count and each:
                shown = language.templates[f"unit_{unit}"]
                return language.t("direct_total", total=count * each, unit=shown, stated=stated.group(0))
        return ""

    def item_count(self, question: Question, pid: str, lang: str) -> str:
        """For 'how many objectives' answered by a paragraph that lists them as items: how many, first to last."""
        items = items_of(self.paragraphs, pid) if question.answer_type == "number" else []
        if not items:
            return ""
        first, last = (split_citation_id(i)[1].removeprefix(self.paragraphs[pid].label) for i in (items[0], items[-1]))
        if not re.fullmatch(r"\([a-z]\)", first):
            return ""  # an article's numbered paragraphs ('(1)' … '(6)') are its parts, not things it lists
        return pack(lang).t("direct_items", count=len(items), first=first, last=last)

    def listed_count(self, question: Question, quote: str, source_lang: str, lang: str) -> str:
        """For 'how many review conferences does it recall' answered by a clause that lists them by year, or 'how
        many equally authentic texts' by one that lists them by name: how many, and which."""
        if question.answer_type != "number":
            return ""
        language = pack(lang)
        years = list(dict.fromkeys(YEAR.findall(quote)))
        if len(years) >= 2:
            named = language.templates["list_sep"].join(language.t("year", year=y) for y in years)
            return language.t("direct_years", count=len(years), years=named)
        rows = [row for row in listed_names(quote, source_lang) if len(row) >= 3]
        if not rows:
            return ""
        return language.t("direct_listed", count=len(rows[0]), values=language.templates["list_sep"].join(rows[0]))

    def _from_zh(self, value: str, language: LanguagePack) -> str:
        """A Chinese value (最多为25人, 2016年12月5日, 第七十二届会议, 在日内瓦举行) in `language`'s words, or ''."""
        if date := _ZH_DATE.search(value):
            year, month, day = (int(g) for g in date.groups())
            return f"{day} {language.months[month - 1]} {year}" if language.months else ""
        if session := _ZH_SESSION.search(value):
            return f"the {ordinal(zh_number(session.group(1)))} session"
        if meeting := _ZH_MEETING.search(value):
            return f"the {ordinal(zh_number(meeting.group(1)))} plenary meeting"
        for zh, english in self.glossary.english_names(value):
            value = value.replace(zh, english)
        value = ZH_NUMERAL.sub(lambda m: str(zh_number(m.group(0))), value)
        for zh in sorted(language.from_zh, key=len, reverse=True):
            value = value.replace(zh, language.from_zh[zh])
        return " ".join(value.split())

    # -- yes / no --------------------------------------------------------------------------------------------
    def yes_no(self, question: Question, verdict: Verdict, quote: str, source_lang: str) -> str:
        """No when the evidence lacks the question's figure, asks less than the question says it must ('必须协商一致'
        against 'should seek to achieve consensus'; '固定25人' against 最多为25人), or negates what the question does
        not (or the other way round); else Yes."""
        language, source = pack(question.lang), pack(source_lang)
        asked = language.intents["yes_no"].sub(" ", question.text)  # '是不是' asks; it does not negate
        strict = bool(language.strict_asks and language.strict_asks.search(asked))
        if verdict.contradicted or strict and source.soft_evidence and source.soft_evidence.search(quote):
            return language.templates["no"]
        evidence_negates = bool(source.negations.search(quote))
        question_negates = bool(language.negations.search(asked))
        return language.templates["no" if evidence_negates != question_negates else "yes"]

    # -- lists -----------------------------------------------------------------------------------------------
    def listing(self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer:
        """Enumerate, count or summarize: one line per paragraph of the evidence, in document order."""
        language = pack(lang)
        ids = sorted(verdict.evidence, key=lambda pid: self.paragraphs[pid].order)
        citations: list[Citation] = []
        lines: list[str] = []
        symbol = document_name(split_citation_id(ids[0])[0] if ids else (question.scope or ""), lang)  # 'NPT'
        terms = [t for t in question.terms or verdict.words if any(t in self.paragraphs[pid].text for pid in ids)]
        for n, pid in enumerate(ids, 1):
            paragraph = self.paragraphs[pid]
            # a summary of a part reads each paragraph from its lead verb; of a topic, from its words
            quote = self._excerpt(paragraph, terms if question.intent != "summarize" or not question.part else [])
            citations.append(make_citation(paragraph, quote, lang))
            source = display_label(paragraph.label, lang)
            if values := self._listed_values(question, paragraph):
                # '序言部分第3段（71/67、74/50）': the values a list is of, each paragraph's, whatever its quote shows
                source = language.t("item_values", source=source, values=language.templates["list_sep"].join(values))
            lead = self._lead(paragraph, lang)
            shown = ("" if paragraph.text.startswith(quote) else "…") + quote
            shown += "" if paragraph.text.endswith(quote) else "…"
            lines.append(language.t("item", n=n, source=source, quote=shown, lead=f" — {lead}" if lead else ""))
        part = language.templates.get(f"part_{question.part or 'ALL'}", "")
        if len(ids) > 1 and items_of(self.paragraphs, ids[0]) == ids[1:]:  # a paragraph and each item it lists
            source = display_label(self.paragraphs[ids[0]].label, lang)
            head = language.t("items_head", source=source[:1].upper() + source[1:], symbol=symbol, count=len(ids) - 1)
        elif question.opens:
            head = language.t("opening_head", symbol=symbol, count=len(ids), word=question.opens)
        elif question.intent == "summarize":
            head = (
                language.t("summary_head", symbol=symbol, part=part)
                if question.part
                else language.t("summary_head_whole", symbol=symbol)
            )
        elif question.intent == "count" and question.listed:  # '序言援引了几个大会决议': its numbers, counted
            values = list(dict.fromkeys(v for pid in ids for v in self._listed_values(question, self.paragraphs[pid])))
            head = language.t("direct_listed", count=len(values), values=language.templates["list_sep"].join(values))
        elif question.intent == "count" and not terms and question.part:
            head = language.t(
                f"count_part_{question.part}" if f"count_part_{question.part}" in language.templates else "count_part",
                symbol=symbol,
                part=part,
                count=len(ids),
                first=display_label(self.paragraphs[ids[0]].label, lang),
                last=display_label(self.paragraphs[ids[-1]].label, lang),
            )
            # the count rests on every paragraph counted: each is cited, by its opening clause
            counted = [self.paragraphs[pid] for pid in ids]
            cited = [make_citation(p, self._clause(p, []), lang) for p in counted]
            return Answer(head, cited, True, retrieval.ids, BACKEND, lang)
        elif question.intent == "count" and terms:
            times = sum(strip_all_spaces(self.paragraphs[pid].text).count(strip_all_spaces(terms[0])) for pid in ids)
            head = language.t("count_head", term=terms[0], symbol=symbol, times=times, count=len(ids))
        elif terms:
            named = f"”{language.templates['list_sep']}“".join(terms)  # 'women”, “men' between the head's quotes
            head = language.t("enumerate_head", symbol=symbol, count=len(ids), term=named)
        else:
            head = language.t("enumerate_head_topic", symbol=symbol, count=len(ids))
        return Answer("\n".join([head, *lines]), citations, True, retrieval.ids, BACKEND, lang)

    @staticmethod
    def _listed_values(question: Question, paragraph: Paragraph) -> list[str]:
        """The values of the kind a list is of that the paragraph writes, once each ('resolution 74/50' -> 74/50)."""
        shape = listed_shape(paragraph.lang, question.listed) if question.listed else None
        found = (m.group(0) for m in shape.finditer(paragraph.text)) if shape else ()
        return list(dict.fromkeys(_NUMBERED.sub("", value).strip() for value in found))

    def _clause(self, paragraph: Paragraph, terms: list[str]) -> str:
        """The clause holding the first of `terms`, else the paragraph's first clause (its lead verb and object)."""
        text = paragraph.text
        for term in terms:
            if (at := text.find(term)) >= 0:
                start = max((m.end() for m in CLAUSE_END.finditer(text[:at])), default=0)
                end = next((m.end() for m in CLAUSE_END.finditer(text[at + len(term) :])), None)
                return text[start : at + len(term) + end] if end is not None else text[start:]
        first = _FIRST_CLAUSE.match(text)
        return first.group(0) if first and len(first.group(0)) >= 6 else text[:200]

    @staticmethod
    def _excerpt(paragraph: Paragraph, terms: list[str]) -> str:
        """A list line's quote: the paragraph whole when short (a briefing needs its '21 members', not only its lead
        verb), else whole clauses up to the budget from the clause holding most of `terms` (or the start)."""
        text = paragraph.text
        if len(text) <= _EXCERPT_CHARS:
            return text
        # ('…and of the need to avoid any possible duplication of efforts so that any further work …')
        starts = [0, *(m.end() for m in CLAUSE_END.finditer(text))]
        held = [len([t for t in terms if t in text[a:b]]) for a, b in zip(starts, [*starts[1:], len(text)])]
        most = max(held)
        start = starts[held.index(most)] if most else 0
        ends = [m.end() for m in CLAUSE_END.finditer(text, start) if m.end() - start <= _EXCERPT_CHARS]
        return text[start : max(ends, default=start + _EXCERPT_CHARS)].strip()

    def _lead(self, paragraph: Paragraph, lang: str) -> str:
        """The GA lead verb in `lang` for a paragraph in another language ('又请' -> 'Also requests')."""
        if paragraph.lang == lang:
            return ""
        kind = {"operative": "OP", "preambular": "PP"}.get(paragraph.kind, "")
        verbs = pack(lang).lead_verbs.get(kind, {})
        return next((verbs[v] for v in sorted(verbs, key=len, reverse=True) if paragraph.text.startswith(v)), "")

    def not_found(self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer:
        language = pack(lang)
        if question.missing:
            symbol = split_citation_id(question.missing[0])[0]
            labels = language.templates["list_sep"].join(
                display_label(split_citation_id(cid)[1], lang) for cid in question.missing
            )
            text = language.t("missing_label", symbol=symbol, labels=labels)
        else:
            closest = [
                f"{self.paragraphs[pid].doc_symbol} {display_label(self.paragraphs[pid].label, lang)}"
                for pid in retrieval.ids[:3]
            ]
            text = language.templates["not_found"]
            if closest:
                text += language.t("closest", labels=language.templates["list_sep"].join(closest))
        return Answer(text, [], False, retrieval.ids, BACKEND, lang, reason=verdict.reason)
