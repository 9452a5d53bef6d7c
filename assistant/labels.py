"""Paragraph labels both ways: how a label is shown in each language (one table for CLI, UI and prompts), and
which labels a question names ("OP7", "执行部分第7段", "operative paragraph 7", "脚注6", "paragraph 31 of S-10/2")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import LANGUAGES, pack
from index.documents import split_citation_id
from index.numerals import from_roman, roman, zh_number, zh_numeral
from index.registry import short_name

_LABEL = re.compile(r"^(PP|OP|FN|P|ART|ACTION)(\d+)(?:\(([a-z]|\d+)\))?$")


def display_label(label: str, lang: str) -> str:
    """执行部分第7段 / operative paragraph 7, 脚注6 / footnote 6, 第六条 / article VI, 文件信息 / document record,
    表决记录 / recorded vote, 执行部分第5(a)段 / operative paragraph 5 (a), 第三条第1款 / article III, paragraph 1
    (an item: 'ART3(1)'): the language pack's display forms."""
    forms = pack(lang).display
    if label in forms:  # a card: META 文件信息 / document record, VOTE 表决记录 / recorded vote
        return forms[label]
    match = _LABEL.match(label)
    if not match:
        return label
    kind, number, letter = match.group(1), int(match.group(2)), match.group(3)
    sub = f"({letter})" if letter else ""
    form = forms.get(f"{kind}_item", forms[kind]) if letter and letter.isdigit() else forms[kind]
    return form.format(
        n=number,
        sub=sub,
        sub_spaced=f" {sub}" if sub else "",
        item=letter,
        zh=zh_numeral(number),
        roman=roman(number),
    )


def document_name(symbol: str, lang: str) -> str:
    """'A/RES/71/67' as itself, 'UNTS vol. 729, No. 10485' as 'NPT' / 《不扩散核武器条约》."""
    return short_name(symbol, lang)


def display_citation(cid: str, lang: str) -> str:
    """'A/RES/71/67:OP7' -> 'A/RES/71/67 执行部分第7段' / 'A/RES/71/67 operative paragraph 7'."""
    symbol, label = split_citation_id(cid)
    return f"{document_name(symbol, lang)} {display_label(label, lang)}"


@dataclass(frozen=True)
class LabelRef:
    """A paragraph a question names. `kind` None means a bare 'paragraph N' (operative in a resolution)."""

    kind: str | None
    number: int
    letter: str = ""

    def label_in(self, doc_kind: str) -> str:
        kind = self.kind or ("OP" if doc_kind == "resolution" else "P")
        return f"{kind}{self.number}" + (f"({self.letter})" if self.letter else "")


# an item after a paragraph or another item ('(b)', ' and (c)', '、(c)项')
_LISTED_ITEM = re.compile(
    r"\s*(?:[,，、&]|\band\b|\bor\b|和|及|或)?\s*[(（]([a-z])[)）]\s*(?:项|分段|款|点)?", re.IGNORECASE
)
_NUMERAL = re.compile(r"\d+|[IVXLC]+|[〇零一二三四五六七八九十百]+", re.IGNORECASE)  # as labels write numbers


def _ref_patterns() -> list[tuple[str | None, re.Pattern[str]]]:
    """Every language's label spellings, most specific first within each language."""
    return [(kind, pattern) for code in LANGUAGES for kind, pattern in pack(code).label_patterns]


def _label_matches(question: str) -> list[tuple[int, int, LabelRef]]:
    """Each label named in the question with its span; each span of text counts once (the most specific pattern
    wins)."""
    found: list[tuple[int, int, LabelRef]] = []
    for kind, pattern in (item for code in LANGUAGES for item in pack(code).label_lists):
        for match in pattern.finditer(question):  # 'articles I, II and VI': each number, on the list's span
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            numbers = _NUMERAL.findall(match.group(1))  # whatever joins them is the pack's ('and', '、', '和')
            found += [(match.start(), match.end(), LabelRef(kind, _label_number(kind, n))) for n in numbers]
    for kind, pattern in _ref_patterns():
        for match in pattern.finditer(question):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            letter = match.group(2) if pattern.groups >= 2 and match.group(2) else ""
            letter = str(zh_number(letter)) if re.fullmatch(r"[0-9一二三四五六七八九十]+", letter) else letter  # 第三款
            found.append((match.start(), match.end(), LabelRef(kind, _label_number(kind, match.group(1)), letter)))
    found = [expanded for match in found for expanded in _with_listed_items(question, match)]
    # '执行部分第6段(d)项', 'item (d) of OP6': the letter belongs to the paragraph it is 'of', else the one before it
    for start, end, letter in named_items(question):
        paragraphs = [i for i, (_, _, ref) in enumerate(found) if ref.kind in ("OP", None) and not ref.letter]
        of = [i for i in paragraphs if re.fullmatch(r"\s*(?:of|in)\s+(?:the\s+)?", question[end : found[i][0]])]
        before = [i for i in paragraphs if found[i][1] <= start]
        if chosen := (of or before[-1:] or paragraphs[:1]):
            first, last, ref = found[chosen[0]]
            found[chosen[0]] = (first, last, LabelRef(ref.kind, ref.number, letter))
    return sorted(found, key=lambda item: item[0])


def _with_listed_items(question: str, match: tuple[int, int, LabelRef]) -> list[tuple[int, int, LabelRef]]:
    """A paragraph followed by lettered items ('OP6 (b) and (c)', '第6段(b)和(c)项', 'OP5 (a), (b) and (d)'): each
    item; else the paragraph as named."""
    start, end, ref = match
    letters = [ref.letter] if ref.letter else []
    if ref.kind in ("OP", None):
        while item := _LISTED_ITEM.match(question, end):
            letters.append(item.group(1).lower())
            end = item.end()
    if not letters or letters == [ref.letter]:
        return [match]
    return [(start, end, LabelRef(ref.kind, ref.number, letter)) for letter in dict.fromkeys(letters)]


def _label_number(kind: str | None, raw: str) -> int:
    """An article's Roman numeral, or a number in figures or Chinese numerals."""
    if kind == "ART" and re.fullmatch(r"[IVXLC]+", raw, re.IGNORECASE):
        return from_roman(raw.upper())
    return zh_number(raw)


def named_items(question: str) -> list[tuple[int, int, str]]:
    """The lettered items a question names apart from a paragraph ('其中(d)项', 'item (d)'): span and letter."""
    items: list[tuple[int, int, str]] = []
    for code in LANGUAGES:
        if pattern := pack(code).item_pattern:
            items += [
                (m.start(), m.end(), next(g for g in m.groups() if g).lower()) for m in pattern.finditer(question)
            ]
    return items


def find_label_refs(question: str) -> list[LabelRef]:
    """Labels named in the question, in order."""
    return list(dict.fromkeys(ref for _, _, ref in _label_matches(question)))


def label_ranges(question: str) -> list[LabelRef]:
    """'OP1到OP4', 'PP3 through PP6': two labels of one kind joined by a range word, as every label from the first
    to the last."""
    matches = _label_matches(question)
    joiners = [joiner for code in LANGUAGES if (joiner := pack(code).range_joiner)]
    for (_, end, low), (start, _, high) in zip(matches, matches[1:]):
        joined = any(joiner.fullmatch(question[end:start].strip()) for joiner in joiners)
        same_kind = low.kind == high.kind and not low.letter and not high.letter
        if joined and same_kind and low.number < high.number <= low.number + 50:
            return [LabelRef(low.kind, n) for n in range(low.number, high.number + 1)]
    return []


def without_label_refs(question: str) -> str:
    """The question with the labels it names blanked ('Summarize Article 5 of New START': 'New START' is left)."""
    for start, end in sorted({(start, end) for start, end, _ in _label_matches(question)}, reverse=True):
        question = f"{question[:start]} {question[end:]}"
    return question
