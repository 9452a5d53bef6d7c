"""Chinese and Roman numerals, as UN texts number paragraphs and articles (第十五段, 第六条, Article VI)."""

from __future__ import annotations

import re

ZH_NUMERAL = re.compile(r"[一二三四五六七八九十两百]+")  # a number in Chinese numerals, within a text

_ZH_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_ROMAN = list(
    zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "M CM D CD C XC L XL X IX V IV I".split(), strict=True)
)


def zh_number(text: str) -> int:
    """'7' -> 7, '十五' -> 15, '二十一' -> 21, '七十二' -> 72."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _ZH_DIGITS[ch]
    return total + current


def zh_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def from_roman(text: str) -> int:
    values = {numeral: value for value, numeral in _ROMAN if len(numeral) == 1}
    total = 0
    for i, ch in enumerate(text):
        value = values[ch]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total
