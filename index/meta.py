"""The META card: a document's facts (symbol, title, adoption, committee report) as one citable paragraph."""

from __future__ import annotations

from index.documents import Document, Paragraph

MONTHS = "January February March April May June July August September October November December".split()


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
