"""The resolution parser against the expected structure of A/RES/71/67 (zh) and an English fixture of our own."""

from __future__ import annotations

import json
import re

import pytest

from index.corpus import shipped_documents
from index.errors import InputError
from index.parse_un import parse_resolution
from index.text import strip_all_spaces
from tests.conftest import FIXTURES

STRUCTURE = json.loads((FIXTURES / "A_RES_71_67_zh.structure.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def resolution():
    (doc,) = [d for d in shipped_documents() if d.symbol == "A/RES/71/67"]
    return doc


def test_metadata_matches_structure(resolution):
    assert resolution.symbol == STRUCTURE["symbol"]
    assert resolution.title == STRUCTURE["title"]
    assert resolution.lang == STRUCTURE["language"]
    assert resolution.adopted == STRUCTURE["adopted"]
    assert resolution.meeting == STRUCTURE["meeting"]
    assert resolution.committee_report == STRUCTURE["committee_report"]  # from the manifest: the PDF lost it


def test_meta_card_states_the_facts(resolution):
    meta = resolution.paragraph("META")
    assert meta is not None and meta.order == 0
    for fact in (
        "A/RES/71/67",
        "核裁军核查",
        "2016年12月5日",
        "第51次全体会议",
        "第一委员会",
        "A/71/450",
        "全面彻底裁军",
    ):
        assert fact in meta.text


def test_paragraph_labels_boundaries_and_footnotes(resolution):
    body = [p for p in resolution.paragraphs if p.kind in ("preambular", "operative")]
    assert [p.label for p in body] == [p["label"] for p in STRUCTURE["paragraphs"]]
    for para, expected in zip(body, STRUCTURE["paragraphs"], strict=True):
        text = strip_all_spaces(para.text).rstrip("，；。")
        assert text.startswith(strip_all_spaces(expected["starts"])), para.label
        assert text.endswith(strip_all_spaces(expected["ends"])), para.label
        assert para.footnote_numbers == expected.get("footnotes", []), para.label


def test_footnotes_and_their_cited_symbols(resolution):
    footnotes = [p for p in resolution.paragraphs if p.kind == "footnote"]
    assert [p.label for p in footnotes] == [f["label"] for f in STRUCTURE["footnotes"]]
    for para, expected in zip(footnotes, STRUCTURE["footnotes"], strict=True):
        assert para.cites == expected["cites"], para.label
        assert expected["text_contains"] in para.text


def test_paragraph_cites_come_from_its_footnotes(resolution):
    assert resolution.paragraph("PP10").cites == ["A/61/1028", "A/45/372", "A/50/377", "A/51/182/Rev.1"]
    assert resolution.paragraph("PP5").cites == ["UNTS vol. 729, No. 10485"]
    assert resolution.paragraph("OP7").cites == []


def test_text_is_clean(resolution):
    for para in resolution.paragraphs:
        assert "\n" not in para.text and "  " not in para.text
        assert not re.search(r"http|undocs|_{3,}", para.text), para.label
    # markers removed, broken lines and the spaces around numbers joined
    assert "1995年审议和延期大会以及2000年和2010年审议大会上" in resolution.paragraph("PP2").text
    assert "最多为25人的政府专家小组" in resolution.paragraph("OP7").text


def test_footnote_marker_offsets_point_after_the_annotated_words(resolution):
    pp10 = resolution.paragraph("PP10")
    offset = next(r.offset for r in pp10.footnotes if r.number == 6)
    assert pp10.text[:offset].endswith("在核查领域的作用的报告")


def test_lead_verbs(resolution):
    assert resolution.paragraph("PP1").lead == "回顾"
    assert resolution.paragraph("PP14").lead == "注意到"
    assert resolution.paragraph("OP7").lead == "请"
    assert resolution.paragraph("OP8").lead == "决定"


def test_links_outside_footnotes(resolution):
    assert resolution.links == ["A/71/450", "A/RES/62/21"]


def _english():
    return parse_resolution((FIXTURES / "en_resolution.txt").read_text(encoding="utf-8"), "en")


def test_english_layout():
    doc = _english()
    assert (doc.symbol, doc.title, doc.adopted) == ("A/RES/90/12", "Verification of test measures", "2035-12-09")
    assert (doc.meeting, doc.committee_report) == ("45th plenary meeting", "A/90/411")
    labels = [p.label for p in doc.paragraphs]
    assert labels == [
        "PP1",
        "PP2",
        "PP3",
        "PP4",
        "PP5",
        "OP1",
        "OP2",
        "OP2(a)",
        "OP2(b)",
        "OP3",
        "FN1",
        "FN2",
        "FN3",
        "FN4",
    ]
    pp1 = doc.paragraph("PP1")
    assert pp1.text == (
        "Recalling the Final Document of the Tenth Special Session of the General Assembly, "
        "in particular the paragraphs on verification,"
    )
    assert pp1.footnote_numbers == [1] and pp1.cites == ["A/RES/S-10/2"]
    assert doc.paragraph("PP3").footnote_numbers == [3, 4]
    assert doc.paragraph("PP3").cites == ["A/88/150", "A/89/207"]
    assert doc.paragraph("FN2").cites == ["UNTS vol. 729, No. 10485"]
    assert doc.paragraph("OP2").lead == "Requests"
    assert doc.paragraph("PP5").text.startswith("Welcoming")  # the paragraph after the page break


def test_english_layout_without_indentation_uses_lead_verbs():
    flat = re.sub(r"(?m)^[ \t]+", "", (FIXTURES / "en_resolution.txt").read_text(encoding="utf-8"))
    doc, reference = parse_resolution(flat, "en"), _english()
    assert [(p.label, p.text) for p in doc.paragraphs] == [(p.label, p.text) for p in reference.paragraphs]


def test_not_a_resolution_is_a_clear_error():
    with pytest.raises(InputError, match="does not look like a General Assembly resolution"):
        parse_resolution("Just some text.\nNothing numbered here.\n", "en")
