"""The META card: a document's facts (symbol, title, adoption, committee report) as one citable paragraph."""

from __future__ import annotations

import re

from index.documents import Document, Paragraph

MONTHS = "January February March April May June July August September October November December".split()
_MONTH = "|".join([*MONTHS, *(m[:3] for m in MONTHS), "Sept"])  # 'December', 'Dec', 'Dec.'
_MONTH_OF = {name.lower(): n for n, m in enumerate(MONTHS, 1) for name in (m, m[:3])} | {"sept": 9}
# a day of a month as date_text writes it in either language, the year left out or not, and as people shorten it
_DAY_OF_MONTH = re.compile(
    rf"(?P<zm>\d{{1,2}})\s*月\s*(?P<zd>\d{{1,2}})\s*[日号]"
    rf"|\b(?P<d>\d{{1,2}}) (?P<m>{_MONTH})\b\.?(?!\w)|\b(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})\b"
)


_MONTH_NAMED = re.compile(rf"(?<!\d)(?P<zm>\d{{1,2}})\s*月|\b(?P<m>{_MONTH})\b")


def months_named(text: str) -> dict[int, str]:
    """The months a text names, number -> as written ('5月', 'January', 'Sept'): compared across languages."""
    months: dict[int, str] = {}
    for m in _MONTH_NAMED.finditer(text):
        month = int(m.group("zm")) if m.group("zm") else _MONTH_OF[m.group("m").lower()]
        if 1 <= month <= 12:
            months.setdefault(month, m.group(0))
    return months


def days_of_month(text: str) -> dict[tuple[int, int], str]:
    """The days of the year a text names, (month, day) -> as written ('12月5日', '5 December 2025', 'Dec 5'):
    dates compared across languages and forms."""
    days: dict[tuple[int, int], str] = {}
    for m in _DAY_OF_MONTH.finditer(text):
        if m.group("zm"):
            month, day = int(m.group("zm")), int(m.group("zd"))
        else:
            month = _MONTH_OF[(m.group("m") or m.group("m2")).lower()]
            day = int(m.group("d") or m.group("d2"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            days.setdefault((month, day), m.group(0))
    return days


def date_text(iso: str, lang: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    if lang == "zh":
        return f"{year}年{month}月{day}日"
    return f"{day} {MONTHS[month - 1]} {year}"


def meta_text(doc: Document) -> str:
    """One sentence per fact, in the document's language, only for the facts that are known."""
    zh = doc.lang == "zh"
    if doc.kind != "resolution":
        return f"文件{doc.symbol}《{doc.title}》。" if zh else f"Document {doc.symbol}, “{doc.title}”."
    parts = [f"{doc.symbol}号决议《{doc.title}》。" if zh else f"Resolution {doc.symbol}, “{doc.title}”."]
    if doc.adopted:
        when = date_text(doc.adopted, doc.lang)
        where = f"{doc.meeting}" if doc.meeting else ""
        parts.append(
            f"大会于{when}{where}通过。"
            if zh
            else f"Adopted by the General Assembly on {when}{' at its ' + where if where else ''}."
        )
    if doc.committee_report:
        committee = doc.committee or ("主要委员会" if zh else "Main Committee")
        parts.append(
            f"根据{committee}的报告（{doc.committee_report}）通过。"
            if zh
            else f"Adopted on the report of the {committee} ({doc.committee_report})."
        )
    if doc.agenda_item:
        parts.append(f"议程项目：“{doc.agenda_item}”。" if zh else f"Agenda item: “{doc.agenda_item}”.")
    return "".join(parts) if zh else " ".join(parts)


def with_meta_card(doc: Document) -> Document:
    """Put the META card first (order 0), replacing any earlier one."""
    doc.paragraphs = [p for p in doc.paragraphs if p.label != "META"]
    doc.paragraphs.insert(0, Paragraph(doc.symbol, doc.lang, "META", "meta", 0, meta_text(doc)))
    return doc
