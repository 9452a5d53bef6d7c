"""One symbol in two languages: a resolution a user added in Chinese and then in English (tests/fixtures/
bilingual_zh.txt and bilingual_en.txt, the same PP/OP/FN labels) is one document, searched, answered, verified and
shown in both, through the CLI as a user runs it, on the real parser, embedder and Chroma store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.citations import Citation, verify
from assistant.cli import EXIT_OK, main
from assistant.config import Settings
from index.chunks import embedding_chunks
from index.ingest import load_document
from index.sources import SourceStore
from index.store import IndexStore
from tests.conftest import FIXTURES

SYMBOL = "A/RES/91/67"
OP3 = f"{SYMBOL}:OP3"
ZH_OP3 = "又请秘书长根据公平地域分配原则设立一个最多为25人的政府专家小组"
EN_OP3 = "Also requests the Secretary-General to establish a group of governmental experts of up to 25 members"


@pytest.fixture
def own_copy(bilingual_data_dir: Path, tmp_path: Path) -> list[str]:
    """A copy of the bilingual data dir, for tests that add to it."""
    copy = tmp_path / "data"
    shutil.copytree(bilingual_data_dir, copy)
    return ["--data-dir", str(copy)]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _ask(capsys: pytest.CaptureFixture[str], data: list[str], question: str) -> dict:
    code, out, _ = _run(capsys, *data, "ask", question, "--doc", SYMBOL, "--json")
    assert code == EXIT_OK
    return json.loads(out)


# -- one document, two languages -----------------------------------------------------------------------------------
def test_both_texts_are_one_document_listed_and_shown_in_each_language(bilingual_data_dir: Path, capsys):
    data = ["--data-dir", str(bilingual_data_dir)]
    code, out, _ = _run(capsys, *data, "index", "list")
    assert code == EXIT_OK
    (line,) = [ln for ln in out.splitlines() if SYMBOL in ln]
    assert line.split()[1] == "zh,en"

    code, out, _ = _run(capsys, *data, "doc", SYMBOL)
    assert code == EXIT_OK and "[zh; also en]" in out.splitlines()[0]
    assert ZH_OP3 in out and EN_OP3 not in out

    code, out, _ = _run(capsys, *data, "doc", SYMBOL, "--lang", "en", "--json")
    english = json.loads(out)
    assert (english["lang"], english["languages"]) == ("en", ["zh", "en"])
    assert english["title"] == "Nuclear disarmament verification"
    code, out, _ = _run(capsys, *data, "doc", SYMBOL, "--json")
    chinese = json.loads(out)
    assert [p["id"] for p in english["paragraphs"]] == [p["id"] for p in chinese["paragraphs"]]  # aligned by label
    assert next(p["text"] for p in english["paragraphs"] if p["id"] == OP3).startswith(EN_OP3)
    assert next(p["text"] for p in chinese["paragraphs"] if p["id"] == OP3).startswith(ZH_OP3)

    manifest = json.loads((bilingual_data_dir / "sources" / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["symbol"], e["lang"]) for e in manifest["documents"]] == [(SYMBOL, "zh"), (SYMBOL, "en")]


def test_ndv_doc_in_a_language_the_document_lacks_is_one_sentence(bilingual_data_dir: Path, capsys):
    code, _, err = _run(capsys, "--data-dir", str(bilingual_data_dir), "doc", "A/RES/80/53", "--lang", "zh")
    assert code == 2 and "A/RES/80/53 is not indexed in zh (only in en)." in err and "Traceback" not in err


def test_the_translation_is_embedded_and_keyword_indexed_under_the_same_citation_ids(bilingual_data_dir: Path):
    index = IndexStore(bilingual_data_dir).open()
    try:
        doc = index.documents[SYMBOL]
        assert doc.lang == "zh" and list(doc.translations) == ["en"]
        # every text is embedded, the translation's too
        texts = [text for d in index.documents.values() for text in (d.text_in(d.lang), *d.translations.values())]
        searched = [p for text in texts for p in text.paragraphs if not p.parent]
        assert index.vector_count() == sum(len(embedding_chunks(p)) for p in searched)
        # the English text's own vector is found (similarity 1), and answers under the paragraph's one id
        (english,) = index.embeddings.embed_documents([index.versions[OP3]["en"].text])
        hits = index.dense(english, k=5, only=SYMBOL)
        assert hits[0][0] == OP3 and hits[0][1] > 0.99
        assert len({pid for pid, _ in hits}) == len(hits)
        assert OP3 in index.keyword.scores("Geneva")  # the Chinese text says 日内瓦
    finally:
        index.close()


# -- answers -------------------------------------------------------------------------------------------------------
def test_an_english_question_quotes_the_english_paragraph_a_chinese_one_the_chinese(bilingual_data_dir, capsys):
    data = ["--data-dir", str(bilingual_data_dir)]
    english = _ask(capsys, data, "Where will the group of governmental experts meet?")
    chinese = _ask(capsys, data, "政府专家小组将在哪里举行会议？")
    assert english["citations"][0]["id"] == chinese["citations"][0]["id"] == OP3
    assert english["citations"][0]["quote_lang"] == "en" and "Geneva" in english["citations"][0]["quote"]
    assert chinese["citations"][0]["quote_lang"] == "zh" and "日内瓦" in chinese["citations"][0]["quote"]
    assert english["citations"][0]["quote"] in english["text"]
    assert english["text"].startswith("Answer: in Geneva.\n")  # the place read from the English text
    for answer in (english, chinese):
        assert len(set(answer["retrieved"])) == len(answer["retrieved"])  # a hit in either language is one id


def test_a_paragraph_named_in_english_is_quoted_in_english(bilingual_data_dir, capsys):
    answer = _ask(capsys, ["--data-dir", str(bilingual_data_dir)], "What does operative paragraph 1 say?")
    (citation,) = answer["citations"]
    assert citation["id"] == f"{SYMBOL}:OP1" and citation["quote_lang"] == "en"
    assert citation["quote"].startswith("Encourages the Conference on Disarmament")


def test_verification_accepts_a_quote_in_either_language_and_nothing_else(bilingual_data_dir: Path):
    assistant = Assistant.from_settings(Settings(data_dir=bilingual_data_dir))
    try:
        index = assistant.index
        english = Citation(OP3, "OP3", "operative paragraph 3", "which will meet in Geneva in 2037 and 2038", "zh")
        chinese = Citation(OP3, "OP3", "执行部分第3段", "该小组2037年和2038年将在日内瓦举行", "zh")
        neither = Citation(OP3, "OP3", "operative paragraph 3", "which will meet in Vienna in 2037", "en")
        kept, problems = verify([english, chinese, neither], index.paragraphs, index.versions)
        assert [(c.quote, c.quote_lang) for c in kept] == [(english.quote, "en"), (chinese.quote, "zh")]
        assert problems == [f"dropped {OP3}: the quoted text is not in that paragraph"]
    finally:
        assistant.close()


# -- adding translations -------------------------------------------------------------------------------------------
def test_a_misaligned_translation_is_added_and_its_unmatched_labels_named(own_copy, tmp_path: Path, capsys):
    text = (FIXTURES / "bilingual_en.txt").read_text(encoding="utf-8")
    # without its third preambular paragraph, with a fifth operative one
    pp3 = " Noting also the contributions of civil society representatives from the\n"
    pp3 += "non-governmental, academic and research communities,\n\n"
    op5 = " 5. Decides to remain seized of the matter.\n\n 51st plenary"
    assert pp3 in text
    misaligned = tmp_path / "misaligned_en.txt"
    misaligned.write_text(text.replace(pp3, "").replace(" 51st plenary", op5), encoding="utf-8")
    code, _, err = _run(capsys, *own_copy, "index", "add", str(misaligned))
    assert code == EXIT_OK and "Traceback" not in err
    (note,) = [line for line in err.splitlines() if line.startswith("Note:")]
    assert "only in en: OP5" in note and "only in zh: PP3" in note
    # each label is answered from the one language that has it, whatever the question's language
    op5 = _ask(capsys, own_copy, "执行部分第5段说了什么？")["citations"][0]
    assert (op5["id"], op5["quote_lang"]) == (f"{SYMBOL}:OP5", "en")
    assert op5["quote"] == "Decides to remain seized of the matter."
    pp3 = _ask(capsys, own_copy, "What does preambular paragraph 3 say?")["citations"][0]
    assert (pp3["id"], pp3["quote_lang"]) == (f"{SYMBOL}:PP3", "zh") and pp3["quote"].startswith("又注意到")


def test_adding_the_same_symbol_and_language_again_replaces_that_text(own_copy, tmp_path: Path, capsys):
    revised = tmp_path / "revised_en.txt"
    text = (FIXTURES / "bilingual_en.txt").read_text(encoding="utf-8")
    revised.write_text(text.replace("up to 25 members", "up to 30 members"), encoding="utf-8")
    code, _, err = _run(capsys, *own_copy, "index", "add", str(revised))
    assert code == EXIT_OK and f"{SYMBOL} is indexed in zh, en, aligned by label." in err
    data_dir = Path(own_copy[1])
    manifest = json.loads((data_dir / "sources" / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["symbol"], e["lang"]) for e in manifest["documents"]] == [(SYMBOL, "zh"), (SYMBOL, "en")]
    assert len(list((data_dir / "sources").glob("*.txt"))) == 2
    _, out, _ = _run(capsys, *own_copy, "doc", SYMBOL, "--lang", "en", "--json")
    assert "up to 30 members" in next(p["text"] for p in json.loads(out)["paragraphs"] if p["id"] == OP3)
    _, out, _ = _run(capsys, *own_copy, "doc", SYMBOL, "--json")
    chinese = json.loads(out)
    assert chinese["lang"] == "zh" and "最多为25人" in next(p["text"] for p in chinese["paragraphs"] if p["id"] == OP3)


def test_a_translation_of_a_shipped_document_keeps_the_shipped_language_primary(tmp_path: Path):
    english = tmp_path / "a_res_71_67_en.txt"
    english.write_text(
        "71/67. Nuclear disarmament verification\n\nThe General Assembly,\n\n"
        " Reaffirming the common commitment to advance nuclear disarmament and non-proliferation,\n\n"
        " 1. Calls for further efforts to reduce and eliminate all types of nuclear weapons;\n",
        encoding="utf-8",
    )
    with SourceStore(tmp_path).change() as change:
        change.add(english, load_document(english))
        documents = {d.symbol: d for d in change.documents()}
    resolution = documents["A/RES/71/67"]
    assert resolution.languages == ["zh", "en"] and resolution.relation == "main"
    assert resolution.paragraph("OP7") is not None  # the shipped Chinese text, whole
    assert resolution.translations["en"].paragraph("OP1").text.startswith("Calls for further efforts")
