"""Adding UN documents: every format and layout, encodings, replace-not-duplicate, and bad input that leaves the
index exactly as it was. Fixtures are written here (PDFs with fpdf2, a DOCX with python-docx)."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from assistant.cli import EXIT_ERROR, EXIT_OK, main
from index.errors import InputError
from index.ingest import load_document
from index.loaders import Limits, load_text
from tests.conftest import FIXTURES

NUMBERED_EN = [
    "A/99/456",
    "Report of the Group of Experts on Verification",
    "I. Introduction",
    "1. The Group met three times in Vienna in 2030 and 2031.",
    "2. The Group consisted of 20 experts appointed on the basis of equitable geographical distribution.",
    "II. Recommendations",
    "3. The Group recommends that Member States strengthen multilateral verification capacity.",
]


def _pdf(path: Path, lines: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _docx(path: Path, lines: list[str]) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.name != ".lock" and "cache" not in p.parts
    }


# -- layouts -----------------------------------------------------------------------------------------------------
def test_numbered_document_keeps_headings_as_context():
    doc = load_document(FIXTURES / "numbered_zh.txt")
    assert (doc.symbol, doc.kind, doc.lang, doc.title) == ("A/99/123", "document", "zh", "核查问题专家组的报告")
    assert [p.label for p in doc.paragraphs] == ["META", "P1", "P2", "P3", "P4"]
    assert doc.paragraph("P2").text == "专家组由25名专家组成，根据公平地域分配原则任命。"
    assert doc.paragraph("P1").heading == "一.导言" and doc.paragraph("P3").heading == "二.结论和建议"


def test_treaty_articles():
    doc = load_document(FIXTURES / "treaty_en.txt", symbol="TREATY/99/1")
    assert doc.kind == "treaty" and doc.lang == "en"
    assert [p.label for p in doc.paragraphs] == ["META", "ART1", "ART2", "ART2(1)", "ART2(2)", "ART6"]
    assert doc.paragraph("ART6").text.startswith("Each of the Parties to the Treaty undertakes")
    assert (
        doc.paragraph("ART2").text
        == "1. Each State Party shall report annually to the Depositary. 2. Reports shall be made public."
    )
    assert (doc.paragraph("ART2(2)").parent, doc.paragraph("ART2(2)").text) == ("ART2", "Reports shall be made public.")
    # no preamble: "Treaty on Test Verification" is the title
    assert not [p for p in doc.paragraphs if p.kind == "preambular"]
    assert doc.title == "Treaty on Test Verification"


def test_a_users_document_has_no_authority_and_the_relation_user():
    from index.corpus import CorpusEntry, load_entry

    doc = load_entry(CorpusEntry(FIXTURES / "treaty_en.txt", "TREATY/99/1", "en", "treaty"))
    assert (doc.authority, doc.relation, doc.provenance) == ("", "user", "")


def test_action_plan():
    doc = load_document(FIXTURES / "action_plan_zh.txt")
    assert (doc.symbol, doc.kind) == ("NPT/CONF.2099/1", "action_plan")
    assert [p.label for p in doc.paragraphs] == ["META", "ACTION1", "ACTION2", "ACTION3"]


def test_resolution_layout_is_still_a_resolution(tmp_path: Path):
    doc = load_document(FIXTURES / "en_resolution.txt")
    assert doc.kind == "resolution" and doc.symbol == "A/RES/90/12" and doc.paragraph("OP2(a)") is not None


# -- formats and encodings -----------------------------------------------------------------------------------------
def test_pdf_docx_and_html_give_the_same_paragraphs(tmp_path: Path):
    html = tmp_path / "report.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>x</title><script>var x = 1;</script></head><body>"
        + "".join(f"<p>{line}</p>" for line in NUMBERED_EN)
        + "</body></html>",
        encoding="utf-8",
    )
    docs = [
        load_document(_pdf(tmp_path / "report.pdf", NUMBERED_EN)),
        load_document(_docx(tmp_path / "report.docx", NUMBERED_EN)),
        load_document(html),
    ]
    for doc in docs:
        assert doc.symbol == "A/99/456" and doc.lang == "en"
        assert [p.label for p in doc.paragraphs] == ["META", "P1", "P2", "P3"]
        assert doc.paragraph("P2").text.startswith("The Group consisted of 20 experts")
        assert doc.paragraph("P3").heading == "II. Recommendations"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_text_encodings(tmp_path: Path, encoding: str):
    path = tmp_path / f"numbered.{encoding}.txt"
    path.write_bytes((FIXTURES / "numbered_zh.txt").read_text(encoding="utf-8").encode(encoding))
    assert load_document(path).paragraph("P2").text == "专家组由25名专家组成，根据公平地域分配原则任命。"


def test_format_comes_from_the_bytes_not_the_name(tmp_path: Path):
    disguised = _pdf(tmp_path / "report.txt", NUMBERED_EN)
    assert load_text(disguised).format == "pdf"


# -- ndv index add -------------------------------------------------------------------------------------------------
def test_add_then_ask_cites_the_new_document(tmp_path: Path, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "index", "add", str(FIXTURES / "numbered_zh.txt")]) == EXIT_OK
    capsys.readouterr()
    assert main([*data, "ask", "专家组由多少名专家组成？", "--json"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    # an unnamed question: the main resolution's answer first, the added document's grouped after it
    cited = [c["id"] for c in answer["citations"]]
    assert cited[0] == "A/RES/71/67:OP7" and "A/99/123:P2" in cited and "25名专家" in answer["text"]
    assert main([*data, "ask", "A/99/123第4段说了什么？", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["citations"][0]["id"] == "A/99/123:P4"
    # the resolution is still there, and a later full build keeps the added document
    assert main([*data, "index", "build"]) == EXIT_OK
    capsys.readouterr()
    assert main([*data, "ask", "专家组由多少名专家组成？", "--doc", "A/RES/71/67", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["citations"][0]["id"].startswith("A/RES/71/67:")


def test_treaty_article_lookup_in_its_own_document(tmp_path: Path, capsys):
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "index", "add", str(FIXTURES / "treaty_en.txt"), "--symbol", "TREATY/99/1"]) == EXIT_OK
    capsys.readouterr()
    assert main([*data, "ask", "What does article VI of TREATY/99/1 say?", "--json"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert answer["citations"][0]["id"] == "TREATY/99/1:ART6"
    assert answer["citations"][0]["display"] == "article VI"


def test_adding_again_replaces_never_duplicates(tmp_path: Path, capsys):
    data = ["--data-dir", str(tmp_path)]
    first = tmp_path / "v1.txt"
    first.write_text((FIXTURES / "numbered_zh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main([*data, "index", "add", str(first)]) == EXIT_OK
    second = tmp_path / "v2.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("25名专家", "30名专家"), encoding="utf-8")
    assert main([*data, "index", "add", str(second)]) == EXIT_OK
    capsys.readouterr()
    assert main([*data, "doc", "A/99/123", "--json"]) == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert [p["label"] for p in doc["paragraphs"]].count("P2") == 1
    assert "30名专家" in next(p["text"] for p in doc["paragraphs"] if p["label"] == "P2")
    manifest = json.loads((tmp_path / "sources" / "manifest.json").read_text(encoding="utf-8"))
    assert [e["symbol"] for e in manifest["documents"]] == ["A/99/123"]


# -- bad input: one clear error, nothing changed --------------------------------------------------------------------
def _corrupt_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4000))
    return path


def _encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = _pdf(path.with_name("plain.pdf"), NUMBERED_EN)
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def _blank_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(path))
    return path


def _zip_bomb(path: Path) -> Path:
    """Well-formed Word XML (a parser reads on) whose one paragraph unpacks to 20 MB from ~20 KB."""
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml + b"a" * (20 * 1024 * 1024))
    return path


def _not_a_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def _huge(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    return path


def _junk(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _no_paragraphs(path: Path) -> Path:
    path.write_text("Just a note.\nNothing numbered, no articles, no resolution.\n", encoding="utf-8")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


BAD_INPUTS = [
    ("corrupt.pdf", _corrupt_pdf, "damaged"),
    ("locked.pdf", _encrypted_pdf, "encrypted"),
    ("scanned.pdf", _blank_pdf, "no text layer"),
    ("bomb.docx", _zip_bomb, "zip bomb"),
    ("archive.docx", _not_a_docx, "not a Word"),
    ("huge.txt", _huge, "200 MB; the limit is 50 MB"),
    ("junk.txt", _junk, "not a text document"),
    ("note.txt", _no_paragraphs, "No recognisable paragraphs"),
    ("empty.txt", _empty, "is empty"),
]


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory whose index holds an added document (built once; each case works on its own copy)."""
    data_dir = tmp_path_factory.mktemp("populated") / "data"
    assert main(["--data-dir", str(data_dir), "index", "add", str(FIXTURES / "numbered_zh.txt")]) == EXIT_OK
    return data_dir


@pytest.mark.parametrize(("name", "make", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_clear_error_and_changes_nothing(tmp_path: Path, capsys, populated, name, make, message):
    data_dir = tmp_path / "data"
    shutil.copytree(populated, data_dir)
    before = _snapshot(data_dir)
    capsys.readouterr()
    bad = make(tmp_path / name)
    assert main(["--data-dir", str(data_dir), "index", "add", str(bad)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _snapshot(data_dir) == before


def test_missing_file_and_bad_symbol():
    with pytest.raises(InputError, match="File not found"):
        load_document(FIXTURES / "nope.txt")
    with pytest.raises(InputError, match="not a UN document symbol"):
        load_document(FIXTURES / "numbered_zh.txt", symbol="bad symbol; rm -rf /")


def test_page_limit_is_a_setting(tmp_path: Path):
    from fpdf import FPDF

    pdf = FPDF()
    for line in NUMBERED_EN[:2]:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 6, line)
    pdf.output(str(tmp_path / "two.pdf"))
    with pytest.raises(InputError, match="has 2 pages; the limit is 1"):
        load_text(tmp_path / "two.pdf", Limits(max_pages=1))
