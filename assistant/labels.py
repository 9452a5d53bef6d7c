"""Paragraph labels both ways: how a label is shown in each language (one table for CLI, UI and prompts), and
which labels a question names ("OP7", "执行部分第7段", "operative paragraph 7", "脚注6", "paragraph 31 of S-10/2")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.documents import split_citation_id
from index.numerals import from_roman, roman, zh_number, zh_numeral

_LABEL = re.compile(r"^(PP|OP|FN|P|ART|ACTION)(\d+)(?:\(([a-z])\))?$")


def display_label(label: str, lang: str) -> str:
    """执行部分第7段 / operative paragraph 7, 脚注6 / footnote 6, 第六条 / article VI, 文件信息 / document record."""
    if label == "META":
        return "文件信息" if lang == "zh" else "document record"
    match = _LABEL.match(label)
    if not match:
        return label
    kind, number, letter = match.group(1), int(match.group(2)), match.group(3)
    sub = f"({letter})" if letter else ""
    if lang == "zh":
        return {
            "PP": f"序言部分第{number}段",
            "OP": f"执行部分第{number}{sub}段",
            "FN": f"脚注{number}",
            "P": f"第{number}段",
            "ART": f"第{zh_numeral(number)}条",
            "ACTION": f"行动{number}",
        }[kind]
    return {
        "PP": f"preambular paragraph {number}",
        "OP": f"operative paragraph {number}{' ' + sub if sub else ''}",
        "FN": f"footnote {number}",
        "P": f"paragraph {number}",
        "ART": f"article {roman(number)}",
        "ACTION": f"action {number}",
    }[kind]


def display_citation(cid: str, lang: str) -> str:
    """'A/RES/71/67:OP7' -> 'A/RES/71/67 执行部分第7段' / 'A/RES/71/67 operative paragraph 7'."""
    symbol, label = split_citation_id(cid)
    return f"{symbol} {display_label(label, lang)}"


@dataclass(frozen=True)
class LabelRef:
    """A paragraph a question names. `kind` None means a bare 'paragraph N' (operative in a resolution)."""

    kind: str | None
    number: int
    letter: str = ""

    def label_in(self, doc_kind: str) -> str:
        kind = self.kind or ("OP" if doc_kind == "resolution" else "P")
        return f"{kind}{self.number}" + (f"({self.letter})" if self.letter else "")


_NUM = r"([0-9]+|[一二三四五六七八九十百两]+)"
_REF_PATTERNS: list[tuple[str | None, re.Pattern[str]]] = [
    ("PP", re.compile(rf"序言(?:部分)?\s*第\s*{_NUM}\s*段")),
    ("OP", re.compile(rf"执行(?:部分)?\s*第\s*{_NUM}\s*(?:[(（]([a-z])[)）])?\s*段")),
    ("FN", re.compile(rf"脚注\s*{_NUM}")),
    ("ART", re.compile(r"第\s*([一二三四五六七八九十百]+|[0-9]+)\s*条")),
    ("ACTION", re.compile(r"行动\s*([0-9]+)")),
    (None, re.compile(rf"第\s*{_NUM}\s*(?:[(（]([a-z])[)）])?\s*段")),
    ("PP", re.compile(r"\b(?:preambular|preamble)\s+(?:paragraph|para\.?)\s*(\d+)", re.IGNORECASE)),
    ("PP", re.compile(r"\bPP\s*(\d+)\b", re.IGNORECASE)),
    ("OP", re.compile(r"\boperative\s+(?:paragraph|para\.?)\s*(\d+)(?:\s*\(([a-z])\))?", re.IGNORECASE)),
    ("OP", re.compile(r"\bOP\s*(\d+)(?:\s*\(([a-z])\))?", re.IGNORECASE)),
    ("FN", re.compile(r"\b(?:footnote|FN)\s*(\d+)\b", re.IGNORECASE)),
    ("ART", re.compile(r"\barticle\s+([IVXLC]+|\d+)\b", re.IGNORECASE)),
    ("ACTION", re.compile(r"\baction\s+(\d+)\b", re.IGNORECASE)),
    (None, re.compile(r"\b(?:paragraph|para\.?)\s*(\d+)(?:\s*\(([a-z])\))?", re.IGNORECASE)),
]


def find_label_refs(question: str) -> list[LabelRef]:
    """Labels named in the question, in order; each span of text counts once (the most specific pattern wins)."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, LabelRef]] = []
    for kind, pattern in _REF_PATTERNS:
        for match in pattern.finditer(question):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            raw = match.group(1)
            if kind == "ART" and re.fullmatch(r"[IVXLC]+", raw, re.IGNORECASE):
                number = from_roman(raw.upper())
            else:
                number = zh_number(raw)
            letter = match.group(2) if pattern.groups >= 2 and match.group(2) else ""
            taken.append((match.start(), match.end()))
            found.append((match.start(), LabelRef(kind, number, letter)))
    refs: list[LabelRef] = []
    for _, ref in sorted(found, key=lambda item: item[0]):
        if ref not in refs:
            refs.append(ref)
    return refs
