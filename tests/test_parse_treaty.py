"""The treaty layout on the real NPT text (UNTS vol. 729, No. 10485): the preamble split into its clauses although
the extraction ran them into one paragraph, articles ART1–ART11, and an article's numbered paragraphs as items."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus import SHIPPED_CORPUS, shipped_documents
from index.ingest import parse_document

NPT = "UNTS vol. 729, No. 10485"
SHARED_NPT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "NPT_en.txt"
# Each clause's lead words and the words after them, in the order of the preamble.
PREAMBLE = [
    ("Considering", "Considering the devastation that would be visited upon all mankind by a nuclear war"),
    ("Believing", "Believing that the proliferation of nuclear weapons would seriously enhance"),
    ("In conformity with", "In conformity with resolutions of the United Nations General Assembly"),
    ("Undertaking", "Undertaking to co-operate in facilitating the application"),
    ("Expressing", "Expressing their support for research, development and other efforts"),
    ("Affirming", "Affirming the principle that the benefits of peaceful applications"),
    ("Convinced", "Convinced that, in furtherance of this principle"),
    ("Declaring", "Declaring their intention to achieve at the earliest possible date"),
    ("Urging", "Urging the co-operation of all States in the attainment of this objective,"),
    ("Recalling", "Recalling the determination expressed by the Parties to the 1963 Treaty"),
    ("Desiring", "Desiring to further the easing of international tension"),
    ("Recalling", "Recalling that, in accordance with the Charter of the United Nations, States must refrain"),
]
OPENING = "The States concluding this Treaty, hereinafter referred to as the “Parties to the Treaty”, "


@pytest.fixture(scope="module")
def npt():
    (doc,) = [d for d in shipped_documents() if d.symbol == NPT]
    return doc


@pytest.mark.skipif(not SHARED_NPT.exists(), reason="the corpus lives in ../shared/corpus")
def test_ships_the_shared_text():
    assert (SHIPPED_CORPUS / "NPT_en.txt").read_bytes() == SHARED_NPT.read_bytes()


def test_document_and_its_place_in_the_corpus(npt):
    assert (npt.kind, npt.lang, npt.title) == ("treaty", "en", "Treaty on the Non-Proliferation of Nuclear Weapons")
    assert (npt.authority, npt.relation) == ("treaty_series", "cited")
    assert "statengeneraal/laws-markdown" in npt.source and "not an official source of law" in npt.provenance
    assert npt.paragraphs[0].label == "META" and "Treaty on the Non-Proliferation" in npt.paragraphs[0].text


def test_preamble_clauses_at_their_lead_words(npt):
    preamble = [p for p in npt.paragraphs if p.kind == "preambular"]
    assert [p.label for p in preamble] == [f"PP{n}" for n in range(1, len(PREAMBLE) + 1)]
    for para, (lead, words) in zip(preamble, PREAMBLE, strict=True):
        assert para.lead == lead, para.label
        text = para.text.removeprefix(OPENING) if para.label == "PP1" else para.text
        assert text.startswith(words), para.label
        assert text.endswith(","), para.label  # each clause ends where the next one begins
    # the opening words open PP1 (they are no clause); "Have agreed as follows:" is no clause either
    assert preamble[0].text.startswith(OPENING + "Considering the devastation")
    assert not any("agreed as follows" in p.text for p in npt.paragraphs)
    assert preamble[-1].text.endswith(
        "with the least diversion for armaments of the world's human and economic resources,"
    )
    # words inside a clause never start one
    assert "Parties to the Treaty, whether nuclear-weapon or non-nuclear-weapon States," in preamble[5].text


def test_articles(npt):
    articles = [p for p in npt.paragraphs if p.kind == "article"]
    assert [p.label for p in articles] == [f"ART{n}" for n in range(1, 12)]
    roman = "I II III IV V VI VII VIII IX X XI".split()
    assert [p.heading for p in articles] == [f"Article {r}" for r in roman]
    assert npt.paragraph("ART6").text == (
        "Each of the Parties to the Treaty undertakes to pursue negotiations in good faith on effective measures "
        "relating to cessation of the nuclear arms race at an early date and to nuclear disarmament, and on a treaty "
        "on general and complete disarmament under strict and effective international control."
    )
    labels = [p.label for p in npt.paragraphs]
    assert labels.index("PP12") < labels.index("ART1")


def test_numbered_paragraphs_of_an_article_are_items(npt):
    art3 = npt.paragraph("ART3")
    items = [p for p in npt.paragraphs if p.parent == "ART3"]
    assert [p.label for p in items] == ["ART3(1)", "ART3(2)", "ART3(3)", "ART3(4)"]
    assert all(p.kind == "item" and p.heading == "Article III" for p in items)
    assert art3.text.startswith("1. Each non-nuclear-weapon State Party to the Treaty undertakes to accept safeguards")
    for n, item in enumerate(items, 1):
        assert f"{n}. {item.text}" in art3.text
    assert items[1].text.startswith("Each State Party to the Treaty undertakes not to provide: (a) source or special")
    labels = [p.label for p in npt.paragraphs]
    assert labels[labels.index("ART3") : labels.index("ART4")] == ["ART3", "ART3(1)", "ART3(2)", "ART3(3)", "ART3(4)"]
    counts = {a: len([p for p in npt.paragraphs if p.parent == a]) for a in ("ART4", "ART8", "ART9", "ART10")}
    assert counts == {"ART4": 2, "ART8": 3, "ART9": 6, "ART10": 2}
    assert not [p for p in npt.paragraphs if p.parent in ("ART1", "ART2", "ART5", "ART6", "ART7", "ART11")]


def test_the_same_parse_without_the_manifest():
    doc = parse_document((SHIPPED_CORPUS / "NPT_en.txt").read_text(encoding="utf-8"), "en", NPT)
    assert [p.label for p in doc.paragraphs if p.kind == "preambular"] == [f"PP{n}" for n in range(1, 13)]
    assert doc.paragraph("ART3(4)") is not None and doc.title == "Treaty on the Non-Proliferation of Nuclear Weapons"
