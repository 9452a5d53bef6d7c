"""The registry of documents A/RES/71/67 cites, `ndv cited`, and questions answered from it."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.cli import EXIT_OK, main
from index.corpus import shipped_documents
from index.registry import build_registry

R = "A/RES/71/67:"
L = "A/RES/80/53:"
FOOTNOTE_CITES = {
    "A/RES/S-10/2": ["FN1", "PP1"],
    "NPT/CONF.1995/32 (Part I)": ["FN2", "PP2"],
    "NPT/CONF.1995/32 (Part I)/Corr.2": ["FN2", "PP2"],  # "(NPT/CONF.1995/32 (Part I)和 Corr.2)"
    "NPT/CONF.2000/28 (Parts I and II)": ["FN3", "PP2"],
    "NPT/CONF.2010/50 (Vol. I)": ["FN4", "PP2"],
    "UNTS vol. 729, No. 10485": ["FN5", "PP5"],
    "A/61/1028": ["FN6", "PP10"],
    "A/45/372": ["FN7", "PP10"],
    "A/45/372/Corr.1": ["FN7", "PP10"],  # "A/45/372 和 Corr.1 及 A/50/377 和 Corr.1"
    "A/50/377": ["FN7", "PP10"],
    "A/50/377/Corr.1": ["FN7", "PP10"],
    "A/51/182/Rev.1": ["FN8", "PP10"],
}
# What the later resolution's footnotes cite, beyond what 71/67 cites too.
LATER_CITES = {
    "A/74/90": ["FN6", "PP3"],
    "A/78/120": ["FN6", "PP3", "FN7", "PP4"],
    "A/79/93": ["FN8", "PP5"],
    "A/80/93": ["FN9", "PP6"],
}


def test_registry_lists_every_cited_document_with_its_citing_labels():
    registry = {e.symbol: e for e in build_registry(shipped_documents())}
    for symbol, labels in FOOTNOTE_CITES.items():
        assert [c for c in registry[symbol].cited_by if c.startswith(R)] == [R + label for label in labels], symbol
    assert registry["A/RES/62/21"].cited_by == [R + "PP10"]  # linked, named in PP10 as 第62/21号决议
    assert registry["A/71/450"].cited_by == [R + "META"]  # the committee report
    assert registry["A/61/1028"].kind == "report" and registry["UNTS vol. 729, No. 10485"].kind == "treaty"
    assert registry["NPT/CONF.2010/50 (Vol. I)"].kind == "final_document"
    assert registry["A/45/372/Corr.1"].kind == "corrigendum"
    # the NPT's own text is indexed; nothing else the resolutions cite is
    assert [e.symbol for e in registry.values() if e.in_index] == ["UNTS vol. 729, No. 10485"]
    assert "Panel of Government Experts" in registry["A/61/1028"].title("en")


def test_registry_holds_what_the_later_resolution_cites():
    registry = {e.symbol: e for e in build_registry(shipped_documents())}
    for symbol, labels in LATER_CITES.items():
        assert registry[symbol].cited_by == [L + label for label in labels], symbol
    assert [c for c in registry["NPT/CONF.2010/50 (Vol. I)"].cited_by if c.startswith(L)] == [
        L + "FN11",
        L + "PP10",
        L + "FN12",  # "Ibid."
        L + "PP11",
    ]
    assert [c for c in registry["UNTS vol. 729, No. 10485"].cited_by if c.startswith(L)] == [L + "FN10", L + "PP10"]
    assert [c for c in registry["A/45/372/Corr.1"].cited_by if c.startswith(L)] == [L + "FN3", L + "PP2"]


def test_ndv_cited(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "cited", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    entries = {e["symbol"]: e for e in listed if e["relation"] == "cited"}
    assert set(FOOTNOTE_CITES) | set(LATER_CITES) <= set(entries) and len(entries) == 18
    assert entries["UNTS vol. 729, No. 10485"]["in_index"]  # the NPT's text is indexed
    related = [e for e in listed if e["relation"] != "cited"]
    assert [(e["symbol"], e["relation"]) for e in related] == [("A/RES/80/53", "later")]
    assert main(["--data-dir", str(built_data_dir), "cited"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "A/61/1028  [report, 未收录]" in out and "A/RES/71/67 脚注6; A/RES/71/67 序言部分第10段" in out
    assert "相关文件" in out and "A/RES/80/53  [resolution, 同一系列的后续决议, 2025-12-01]" in out


def test_ndv_doc_on_a_fresh_data_dir_builds_the_index_like_ndv_ask(tmp_path: Path, capsys):
    assert main(["--data-dir", str(tmp_path), "doc", "A/RES/80/53", "--json"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "No index yet" in captured.err
    doc = json.loads(captured.out)
    labels = [p["label"] for p in doc["paragraphs"] if p["kind"] == "operative"]
    assert doc["title"].endswith("on Nuclear Disarmament Verification") and labels == [f"OP{n}" for n in range(1, 13)]
    assert main(["--data-dir", str(tmp_path), "cited"]) == EXIT_OK  # the index is there now: no second build
    assert "No index yet" not in capsys.readouterr().err


def test_which_documents_does_it_cite(assistant):
    for question in ("决议引用了哪些文件？", "Which documents does the resolution cite?"):
        answer = assistant.ask(question)
        assert answer.found
        ids = [c.id for c in answer.citations]
        assert [R + f"FN{n}" for n in range(1, 9)] == ids[:8]
        for symbol in FOOTNOTE_CITES:
            assert symbol in answer.text
        for citation in answer.citations:
            assert citation.quote in assistant.index.paragraphs[citation.id].text


def test_each_resolution_lists_what_it_cites_by_its_own_labels(assistant):
    """Both resolutions cite the NPT review conferences' final documents, by footnotes of other numbers: each list
    is that resolution's, with its own labels only."""
    later = assistant.ask("What documents does 80/53 cite?")
    assert later.found and {c.id.split(":")[0] for c in later.citations} == {"A/RES/80/53"}
    for symbol in (*LATER_CITES, "NPT/CONF.2010/50 (Vol. I)", "A/RES/S-10/2", "A/61/1028"):
        assert symbol in later.text
    line = next(line for line in later.text.splitlines() if "NPT/CONF.2010/50" in line)
    assert "(footnote 11, preambular paragraph 10, footnote 12, preambular paragraph 11)" in line
    main_line = next(
        line for line in assistant.ask("71/67引用了哪些文件").text.splitlines() if "NPT/CONF.2010/50" in line
    )
    assert main_line.endswith("（脚注4、序言部分第2段）")


def test_the_cited_documents_of_a_kind_are_those_whose_titles_name_it(assistant):
    """'Review and Extension Conference' (1995) is a review conference too; the NPT itself is none."""
    answer = assistant.ask("71/67 脚注里引了哪些NPT审议大会的文件")
    assert [c.id for c in answer.citations] == [R + "FN2", R + "FN3", R + "FN4"]
    assert "A/RES/S-10/2" not in answer.text and "UNTS" not in answer.text


def test_which_report_on_verification_does_it_cite(assistant):
    answer = assistant.ask("Which report on verification does the resolution cite?")
    ids = [c.id for c in answer.citations]
    assert ids[0] == R + "PP10" and R + "FN6" in ids and "A/61/1028" in answer.text
