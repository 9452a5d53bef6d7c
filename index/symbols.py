"""UN document symbols: find the documents a footnote or link cites, in the normal English form of the symbol."""

from __future__ import annotations

import re
from urllib.parse import unquote

from index.errors import InputError

# A/61/1028, A/RES/62/21, NPT/CONF.2010/50, A/51/182/Rev.1, S/RES/1540 (2004) ...
_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/.])((?:A|S|E|NPT|CD|DC|ST|UNODA|CCW|BWC|APLC)(?:/[A-Za-z0-9.\-]+)+)"
    r"(\s*\((?:Parts?|Vol\.|Volume)\s*[^()]*\))?"
)
# "S-10/2 号决议", "第62/21号决议", "resolution 62/21", "resolutions S-10/2"
_RESOLUTION_NUMBER = re.compile(r"(?:[Rr]esolutions?\s+(S-\d+/\d+|\d{1,2}/\d+))|(?:(S-\d+/\d+|\d{1,2}/\d+)\s*号决议)")
# 联合国，《条约汇编》，第729卷，第10485号 / United Nations, Treaty Series, vol. 729, No. 10485
_UNTS_ZH = re.compile(r"《条约汇编》，?\s*第\s*(\d+)\s*卷，?\s*第\s*(\d+)\s*号")
_UNTS_EN = re.compile(r"Treaty Series,\s*vol\.\s*(\d+),\s*No\.\s*(\d+)", re.IGNORECASE)
# A corrigendum or addendum named after the document it belongs to: 'A/45/372 和 Corr.1', 'and Corr.1 and Corr.2'.
_PART = re.compile(r"\s*(?:和|及|and|,)\s*((?:Corr|Add)\.\d+)(?!\d)")
_UNDOCS_LINK = re.compile(r"undocs\.org/(?:(?:ch|zh|en|fr|es|ru|ar)/)?([A-Za-z0-9./\-]+?)/?$")
# The UN symbol grammar: a body (A, S, E/CN.4, NPT/CONF.2010 ...) and at least one more element, separated by '/';
# an element is letters and digits joined by '.' or '-' (S-10, Rev.1, L.1); an optional qualifier in brackets.
_ELEMENT = r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*"
_SYMBOL_GRAMMAR = re.compile(rf"(?=[A-Z]){_ELEMENT}(?:/{_ELEMENT})+(?: \([A-Za-z0-9][A-Za-z0-9 .,\-]*\))?")
_NAME_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")


def _normalize_qualifier(qualifier: str) -> str:
    inner = qualifier.strip()[1:-1]
    inner = re.sub(r"\s*和\s*", " and ", inner)
    inner = re.sub(r"\b(Vol\.)\s*", r"\1 ", inner)
    inner = re.sub(r"\s+", " ", inner).strip()
    return f" ({inner})"


def resolution_symbol(number: str) -> str:
    """'71/67' -> 'A/RES/71/67'; 'S-10/2' -> 'A/RES/S-10/2'."""
    return f"A/RES/{number}"


def cited_symbols(text: str) -> list[str]:
    """Every document the text cites, in order of appearance, without duplicates.

    A corrigendum or addendum named after its document ('A/45/372 和 Corr.1', 'NPT/CONF.1995/32 (Part I) and
    Corr.2') is cited too, under its full symbol: 'A/45/372/Corr.1', 'NPT/CONF.1995/32 (Part I)/Corr.2'.
    """
    found: list[tuple[int, str]] = []
    for match in _SYMBOL.finditer(text):
        symbol = match.group(1).rstrip(".")
        symbol += _normalize_qualifier(match.group(2)) if match.group(2) else ""
        found.append((match.start(), symbol))
        end = match.end()
        while part := _PART.match(text, end):
            found.append((part.start(1), f"{symbol}/{part.group(1)}"))
            end = part.end()
    for match in _RESOLUTION_NUMBER.finditer(text):
        found.append((match.start(), resolution_symbol(match.group(1) or match.group(2))))
    for pattern in (_UNTS_ZH, _UNTS_EN):
        for match in pattern.finditer(text):
            found.append((match.start(), f"UNTS vol. {match.group(1)}, No. {match.group(2)}"))
    ordered: list[str] = []
    for _, symbol in sorted(found):
        if symbol not in ordered:
            ordered.append(symbol)
    return ordered


def symbol_from_link(url: str) -> str | None:
    """The symbol an undocs.org link points to (2016 Chinese documents write 'undocs.org/ch/SYMBOL')."""
    match = _UNDOCS_LINK.search(url.strip())
    return match.group(1) if match else None


def document_symbol_in(line: str) -> str | None:
    """The document symbol a header line gives ('A/61/1028', 'NPT/CONF.2010/50 (Vol. I)'), if any."""
    match = _SYMBOL.search(line)
    if match:
        return match.group(1).rstrip(".") + (_normalize_qualifier(match.group(2)) if match.group(2) else "")
    special = re.search(r"(?<![\w/])S-\d+/\d+\b", line)
    return resolution_symbol(special.group()) if special else None


def check_symbol(symbol: str) -> str:
    """The symbol, stripped, if it follows the UN symbol grammar; InputError otherwise."""
    symbol = symbol.strip()
    if len(symbol) > 80 or not _SYMBOL_GRAMMAR.fullmatch(symbol):
        raise InputError(f"{symbol!r} is not a UN document symbol (for example A/61/1028 or S-10/2).")
    return symbol


def symbol_file_stem(symbol: str) -> str:
    """A file-name stem only this symbol has: every byte but letters, digits, '.' and '-' percent-encoded, so
    'A/71/1' and 'A/71-1' never share a file, '_' is free to separate the parts of a name, and
    `symbol_from_file_stem` gives the symbol back."""
    return "".join(chr(byte) if chr(byte) in _NAME_SAFE else f"%{byte:02X}" for byte in symbol.encode("utf-8"))


def symbol_from_file_stem(stem: str) -> str:
    return unquote(stem, errors="strict")
