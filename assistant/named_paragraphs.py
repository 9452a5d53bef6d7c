"""The paragraphs a question names: labels ('OP7', '执行部分第7段'), ranges ('OP1–OP3', '第6至8段'), ordinals
('the third preambular paragraph', '最后一段'), checked against the document; and the part of it a summary or
count is of."""

from __future__ import annotations

import re

from assistant.labels import LabelRef, find_label_refs, label_ranges
from assistant.language import asks_only, pack
from index.documents import Document, citation_id
from index.numerals import from_roman, zh_number


def named_labels(text: str, doc: Document | None, lang: str) -> tuple[list[str], list[str]]:
    """The citation ids of the paragraphs `text` names that `doc` has, and of those it names that do not exist."""
    if doc is None:
        return [], []
    refs = _ranges(text, lang) or find_label_refs(text)
    refs += [ref for ref in _ordinals(text, doc, lang) if ref not in refs]
    found, missing = [], []
    for ref in refs:
        label = ref.label_in(doc.kind)
        if ref.kind is None and doc.paragraph(label) is None and doc.paragraph(f"PP{ref.number}") is not None:
            label = f"PP{ref.number}"  # '第十段' of a resolution with eight operative paragraphs: the preamble's
        cid = citation_id(doc.symbol, label)
        if doc.paragraph(label) is not None:
            found.append(cid)
        elif _is_structural(ref, doc):
            missing.append(cid)
    return found, missing


def _ranges(text: str, lang: str) -> list[LabelRef]:
    """'OP1–OP3', '第6至8段', 'operative paragraphs 1 to 3', 'articles I to VI', '第一条至第六条', 'OP1到OP4':
    every paragraph (or article) in the range."""
    article_word = pack(lang).article_word
    for pattern in pack(lang).ranges:
        if match := pattern.search(text):
            low, high = _range_number(match.group(1)), _range_number(match.group(2))
            if 0 < low < high <= low + 50:
                articles = article_word is not None and article_word.search(match.group(0))
                kind = "ART" if articles else part_kind(match.group(0), lang)
                return [LabelRef(kind, n) for n in range(low, high + 1)]
    return label_ranges(text)


def _ordinals(text: str, doc: Document, lang: str) -> list[LabelRef]:
    """'the third preambular paragraph' -> PP3; 'the last operative paragraph' / '最后一段' -> the last one,
    'the penultimate preambular paragraph' -> the one before it."""
    kind = part_kind(text, lang) or ("OP" if doc.kind == "resolution" else "P")
    if not re.search(r"paragraph|para\b|clause|段|footnote|脚注", text, re.IGNORECASE):
        return []
    # a clause of the preamble is one of its paragraphs ('the very first clause of the NPT preamble')
    noun = r"footnote" if kind == "FN" else r"(?:paragraph|para\b|clause)" if kind == "PP" else r"(?:paragraph|para\b)"
    numbers = sorted(int(p.label[len(kind) :]) for p in doc.paragraphs if re.fullmatch(rf"{kind}\d+", p.label))
    refs = []
    if lang == "en":
        # one in figures ('the 25th preambular paragraph') or of two words ('the twenty-fifth preambular paragraph')
        language = pack(lang)
        tens = {w: n for w, n in language.cardinals.items() if n in range(20, 100, 10)}
        units = {w: n for w, n in language.ordinals.items() if w.isalpha() and 0 < n < 10}
        spelled = rf"(?:{'|'.join(tens)})[-\s](?:{'|'.join(units)})"
        pattern = rf"\b(\d+(?:st|nd|rd|th)|{spelled})\s+(?:\w+\s+)?{noun}"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            said = re.split(r"[-\s]", match.group(1).lower())
            number = int(said[0][:-2]) if said[0][0].isdigit() else tens[said[0]] + units[said[1]]
            if (ref := LabelRef(kind, number)) not in refs:
                refs.append(ref)
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    for word, number in sorted(pack(lang).ordinals.items(), key=lambda item: -len(item[0])):
        # the ordinal qualifies the paragraph ('the third preambular paragraph'), not another word
        pattern = rf"\b{re.escape(word)}\s+(?:\w+\s+)?{noun}" if lang == "en" else re.escape(word)
        if re.search(pattern, text, re.IGNORECASE) and numbers:
            ref = LabelRef(kind, number if number > 0 else numbers[max(0, len(numbers) + number)])
            if ref not in refs:
                refs.append(ref)
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)  # 'second to last' is not also 'last'
    return refs


def _range_number(text: str) -> int:
    """A number as a range writes it: in figures, Roman numerals (articles) or Chinese numerals."""
    return from_roman(text) if re.fullmatch(r"[IVX]+", text) else zh_number(text)


def part_kind(text: str, lang: str) -> str | None:
    """Which part of a resolution the text names (operative, preambular, footnotes), if any."""
    for kind, pattern in pack(lang).parts.items():
        if pattern.search(text):
            return kind
    return None


def _is_structural(ref: LabelRef, doc: Document) -> bool:
    """A missing PP/OP/FN/paragraph reference is a real miss; 'article 6' in a resolution names another text."""
    return ref.kind in (None, "PP", "OP", "FN") if doc.kind == "resolution" else ref.kind in (None, "P", "ART")


def asked_part(text: str, focus: str, lang: str, intent: str) -> str | None:
    """The part a summary, count or list is of ("PP", "OP", "FN", "ART" or "ALL"), or the part a place is asked in;
    None when the question names none."""
    if intent == "locate":
        return part_kind(text, lang)  # '序言部分哪一段提到…': where in the preamble
    if intent not in ("summarize", "count", "enumerate"):
        return None
    named = [kind for kind, pattern in pack(lang).parts.items() if pattern.search(text)]
    # all of it, unless a summary of all that it says on a topic ('关于GSTE开会安排的全部内容')
    whole = pack(lang).whole_document.search(text) and (intent != "summarize" or asks_only(focus, lang))
    if whole and intent == "count" and len(named) == 1:  # 'NPT正文一共几条': the text's articles, counted
        return named[0]
    # '序言加执行'; 'Summarize 80/53', '概括一下71/67': a summary naming no topic is of the whole text
    if whole or {"PP", "OP"} <= set(named) or intent == "summarize" and not named and asks_only(focus, lang):
        return "ALL"
    if kind := part_kind(text, lang):
        return kind
    # '80/53 一共有多少段': a count of the paragraphs of the whole text
    counted = pack(lang).intents["count"].search(text) if intent == "count" else None
    return "ALL" if counted and pack(lang).counted_paragraphs.search(counted.group(0)) else None
