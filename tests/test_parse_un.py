"""The resolution parser against the expected structure of A/RES/71/67 (zh), of A/RES/80/53 (en, a Markdown
extraction: footnote calls glued to the text) and an English fixture of our own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from index.corpus import SHIPPED_CORPUS, shipped_documents
from index.errors import InputError
from index.ingest import parse_document
from index.parse_un import parse_resolution
from index.text import strip_all_spaces
from tests.conftest import FIXTURES

STRUCTURE = json.loads((FIXTURES / "A_RES_71_67_zh.structure.json").read_text(encoding="utf-8"))
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# A corrigendum named after its document is cited too (the structure file lists only the documents themselves).
CORRIGENDA_71_67 = {
    "FN2": ["NPT/CONF.1995/32 (Part I)", "NPT/CONF.1995/32 (Part I)/Corr.2"],
    "FN7": ["A/45/372", "A/45/372/Corr.1", "A/50/377", "A/50/377/Corr.1"],
}


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
        assert para.cites == CORRIGENDA_71_67.get(para.label, expected["cites"]), para.label
        assert expected["text_contains"] in para.text


def test_footnotes_cite_the_corrigenda_they_name(resolution):
    assert "和Corr.2" in resolution.paragraph("FN2").text and "A/45/372和Corr.1及A/50/377和Corr.1" in strip_all_spaces(
        resolution.paragraph("FN7").text
    )
    for label, cites in CORRIGENDA_71_67.items():
        assert resolution.paragraph(label).cites == cites, label
    assert resolution.paragraph("PP2").cites[:2] == CORRIGENDA_71_67["FN2"]


def test_paragraph_cites_come_from_its_footnotes(resolution):
    assert resolution.paragraph("PP10").cites == [
        "A/61/1028",
        "A/45/372",
        "A/45/372/Corr.1",
        "A/50/377",
        "A/50/377/Corr.1",
        "A/51/182/Rev.1",
    ]
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
    assert doc.paragraph("PP3").cites == ["A/88/150", "A/88/150/Corr.1", "A/89/207"]  # "A/88/150 and Corr.1"
    assert doc.paragraph("FN2").cites == ["UNTS vol. 729, No. 10485"]
    assert doc.paragraph("OP2").lead == "Requests"
    assert doc.paragraph("PP5").text.startswith("Welcoming")  # the paragraph after the page break
    # the lettered items stay in their paragraph and are addressable on their own
    assert doc.paragraph("OP2").text.endswith(
        "and to report on: (a) The technical challenges of verification; (b) The role of international organizations;"
    )
    item = doc.paragraph("OP2(b)")
    assert (item.kind, item.parent, item.text) == ("item", "OP2", "The role of international organizations;")
    assert [p.label for p in doc.paragraphs if p.kind == "operative"] == ["OP1", "OP2", "OP3"]


def test_english_layout_without_indentation_uses_lead_verbs():
    flat = re.sub(r"(?m)^[ \t]+", "", (FIXTURES / "en_resolution.txt").read_text(encoding="utf-8"))
    doc, reference = parse_resolution(flat, "en"), _english()
    assert [(p.label, p.text) for p in doc.paragraphs] == [(p.label, p.text) for p in reference.paragraphs]


def test_not_a_resolution_is_a_clear_error():
    with pytest.raises(InputError, match="does not look like a General Assembly resolution"):
        parse_resolution("Just some text.\nNothing numbered here.\n", "en")


# -- A/RES/80/53 (en): a Markdown extraction of the official PDF ------------------------------------------------------
needs_shared = pytest.mark.skipif(not SHARED_CORPUS.exists(), reason="the structure files live in ../shared/corpus")


@pytest.fixture(scope="module")
def structure_80_53():
    return json.loads((SHARED_CORPUS / "A_RES_80_53_en.structure.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def res_80_53():
    (doc,) = [d for d in shipped_documents() if d.symbol == "A/RES/80/53"]
    return doc


@needs_shared
def test_80_53_ships_the_shared_text():
    shipped = (SHIPPED_CORPUS / "A_RES_80_53_en.txt").read_bytes()
    assert shipped == (SHARED_CORPUS / "A_RES_80_53_en.txt").read_bytes()


@needs_shared
def test_80_53_labels_starts_and_footnotes(res_80_53, structure_80_53):
    body = [p for p in res_80_53.paragraphs if p.kind in ("preambular", "operative")]
    assert [p.label for p in body] == [p["label"] for p in structure_80_53["paragraphs"]]
    assert [p.label for p in body if p.kind == "preambular"] == [f"PP{n}" for n in range(1, 26)]
    assert [p.label for p in body if p.kind == "operative"] == [f"OP{n}" for n in range(1, 13)]
    for para, expected in zip(body, structure_80_53["paragraphs"], strict=True):
        assert para.text[:40] == expected["starts"], para.label
        assert [f"FN{n}" for n in para.footnote_numbers] == expected["footnotes"], para.label


@needs_shared
def test_80_53_footnotes_and_their_cites(res_80_53, structure_80_53):
    footnotes = [p for p in res_80_53.paragraphs if p.kind == "footnote"]
    assert [p.label for p in footnotes] == [f["label"] for f in structure_80_53["footnotes"]]
    for para, expected in zip(footnotes, structure_80_53["footnotes"], strict=True):
        assert para.cites == expected["cites"], para.label
        assert expected["text_contains"] in para.text, para.label
    assert res_80_53.paragraph("FN12").text == "Ibid., action 2 of the action plan."  # cites what FN11 cites
    assert res_80_53.paragraph("FN11").text.endswith("Conclusions and recommendations for follow-on actions, para. 79.")
    assert res_80_53.paragraph("PP10").cites == ["UNTS vol. 729, No. 10485", "NPT/CONF.2010/50 (Vol. I)"]
    assert res_80_53.footnote_carrier(res_80_53.paragraph("FN10")).label == "PP10"


@needs_shared
def test_80_53_meta(res_80_53, structure_80_53):
    facts = ("title", "adopted", "meeting", "committee_report")
    assert [getattr(res_80_53, f) for f in facts] == [structure_80_53[f] for f in facts]
    assert (res_80_53.lang, res_80_53.committee) == ("en", "First Committee")
    meta = res_80_53.paragraph("META").text
    for fact in (structure_80_53["title"], "1 December 2025", "52nd plenary meeting", "First Committee", "A/80/534"):
        assert fact in meta


def test_80_53_text_has_no_footnote_calls(res_80_53):
    for para in res_80_53.paragraphs:
        if para.kind == "footnote":
            continue
        assert not re.search(r"\[\^|[A-Za-z,;:]\d|[,;:] \d{1,2}(?:\s|$)", para.text), para.label
        assert "  " not in para.text and para.text == para.text.strip(), para.label
        for ref in para.footnotes:  # each call stood right after the word it annotates
            assert not para.text[ref.offset :].lstrip()[:1].isdigit(), (para.label, ref.number)
    pp2 = res_80_53.paragraph("PP2")
    assert (
        "in the field of verification, as well as the reports of the Secretary-General of 1990 and 1995, and"
        in pp2.text
    )
    assert [pp2.text[: r.offset][-12:] for r in pp2.footnotes] == [
        "erification,",
        "eral of 1990",
        "90 and 1995,",
        "al Assembly,",
    ]
    pp10 = res_80_53.paragraph("PP10").text
    assert pp10.endswith("Non-Proliferation of Nuclear Weapons are committed under article VI thereof,")


def test_80_53_paragraphs_split_by_a_stray_blank_line_are_joined(res_80_53):
    assert "a Group of Scientific and Technical Experts on Nuclear Disarmament Verification, as well as" in (
        res_80_53.paragraph("PP3").text
    )
    assert res_80_53.paragraph("OP1").text.endswith(
        "consisting of 21 members, participating in their personal capacity and without prejudice to national "
        "positions in future negotiations;"
    )
    assert res_80_53.paragraph("OP12").text.endswith(
        "an item entitled “Group of Scientific and Technical Experts on Nuclear Disarmament Verification”."
    )


def test_80_53_items_belong_to_their_paragraph_and_are_addressable(res_80_53):
    items = [p for p in res_80_53.paragraphs if p.kind == "item"]
    assert [p.label for p in items] == [f"OP5({c})" for c in "abcd"] + [f"OP6({c})" for c in "abcdefgh"]
    labels = [p.label for p in res_80_53.paragraphs]
    assert labels[labels.index("OP5") : labels.index("OP7")] == ["OP5", *[f"OP5({c})" for c in "abcd"], "OP6"] + [
        f"OP6({c})" for c in "abcdefgh"
    ]
    op5, op5a = res_80_53.paragraph("OP5"), res_80_53.paragraph("OP5(a)")
    assert (op5a.kind, op5a.parent, op5a.lead) == ("item", "OP5", "")
    assert op5a.text == (
        "Identify and consider technical challenges in and possible approaches to nuclear disarmament verification "
        "in terms of tools, techniques, processes and procedures;"
    )
    assert "the following objectives: (a) " + op5a.text + " (b) Appraise" in op5.text
    assert op5.text.endswith(res_80_53.paragraph("OP5(d)").text)
    assert res_80_53.paragraph("OP6").text.endswith("(h) Means of delivery of nuclear weapons;")
    assert res_80_53.paragraph("OP6(h)").text == "Means of delivery of nuclear weapons;"
    assert all(p.parent == "" for p in res_80_53.paragraphs if p.kind != "item")


def test_80_53_lead_verbs(res_80_53):
    leads = {p.label: p.lead for p in res_80_53.paragraphs if p.kind in ("preambular", "operative")}
    assert (leads["PP1"], leads["PP2"], leads["PP6"], leads["PP20"], leads["PP21"]) == (
        "Recalling",
        "Recalling",
        "Welcoming",
        "Mindful",
        "Aware",
    )
    assert [leads[f"OP{n}"] for n in (1, 4, 6, 8, 12)] == ["Decides", "Decides", "Requests", "Invites", "Decides"]
    assert all(leads.values())


def test_80_53_parses_the_same_without_the_manifest():
    text = (SHIPPED_CORPUS / "A_RES_80_53_en.txt").read_text(encoding="utf-8")
    doc = parse_document(text, "en", "A/RES/80/53")
    assert [p.label for p in doc.paragraphs if p.kind == "preambular"][-1] == "PP25"
    assert len([p for p in doc.paragraphs if p.kind == "footnote"]) == 12
    assert (doc.adopted, doc.meeting, doc.committee_report) == ("2025-12-01", "52nd plenary meeting", "A/80/534")
    assert doc.title == "Establishment of the Group of Scientific and Technical Experts on"  # cut: the manifest has it
