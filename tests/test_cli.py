"""The `ndv` command in-process: output, exit codes, clear errors, and the automatic first build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, main
from index.chunks import embedding_chunks
from index.corpus import shipped_documents


def test_ask_prints_answer_and_citations(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "ask", "专家小组将在哪里举行会议？"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "日内瓦" in out and "[A/RES/71/67:OP7] A/RES/71/67 执行部分第7段" in out


def test_a_paragraph_quoted_twice_is_listed_once(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "ask", "What was the final tally on 71/67?"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "174 in favour" in out and out.count("[A/RES/71/67:VOTE]") == 1


def test_ask_json(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "ask", "What does OP 8 say?", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["found"] and data["citations"][0]["id"] == "A/RES/71/67:OP8"
    assert data["citations"][0]["display"] == "operative paragraph 8" and data["backend"] == "extractive"


def test_ask_with_history_file(built_data_dir: Path, tmp_path: Path, capsys):
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps([{"role": "user", "content": "决议提到的第62/21号决议是关于什么的？"}]), encoding="utf-8"
    )
    args = ["--data-dir", str(built_data_dir), "ask", "它是哪一天通过的？", "--history", str(history), "--json"]
    assert main(args) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["citations"][0]["id"] == "A/RES/71/67:PP10" and "2007" in data["text"]


def test_not_found_exit_code(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "ask", "决议对气候变化说了什么？"]) == EXIT_NOT_FOUND
    assert "没有回答" in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(built_data_dir: Path, tmp_path: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "ask", "  "]) == EXIT_ERROR
    assert main(["--data-dir", str(built_data_dir), "doc", "A/RES/99/1"]) == EXIT_ERROR
    assert main(["--data-dir", str(built_data_dir), "ask", "x", "--history", str(tmp_path / "none.json")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "empty" in err and "A/RES/99/1 is not in the index" in err and "History file not found" in err
    assert "Traceback" not in err


def test_doc_json(built_data_dir: Path, capsys):
    assert main(["--data-dir", str(built_data_dir), "doc", "A/RES/71/67", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "A/RES/71/67"
    fn6 = next(p for p in data["paragraphs"] if p["label"] == "FN6")
    assert fn6 == {
        "id": "A/RES/71/67:FN6",
        "label": "FN6",
        "kind": "footnote",
        "text": "见A/61/1028。",
        "footnotes": [],
        "cites": ["A/61/1028"],
    }
    pp2 = next(p for p in data["paragraphs"] if p["label"] == "PP2")
    assert pp2["footnotes"] == [2, 3, 4]


def test_first_use_builds_the_index_then_index_list(tmp_path: Path, capsys):
    data_dir = tmp_path / "fresh"
    assert main(["--data-dir", str(data_dir), "ask", "执行部分第5段说了什么？"]) == EXIT_OK
    captured = capsys.readouterr()
    chunks = sum(len(embedding_chunks(p)) for d in shipped_documents() for p in d.paragraphs if not p.parent)
    assert "building it from the shipped corpus" in captured.err and f"{chunks}/{chunks}" in captured.err
    assert "裁军谈判会议" in captured.out
    assert main(["--data-dir", str(data_dir), "index", "list"]) == EXIT_OK
    assert "A/RES/71/67" in capsys.readouterr().out


def test_damaged_index_tells_how_to_rebuild(tmp_path: Path, capsys):
    data_dir = tmp_path / "d"
    assert main(["--data-dir", str(data_dir), "index", "build"]) == EXIT_OK
    current = (data_dir / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    (data_dir / "index" / current / "documents.json").write_text("garbage", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "ask", "专家小组在哪里开会？"]) == EXIT_ERROR
    assert "ndv index build" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "index", "build"]) == EXIT_OK
    assert main(["--data-dir", str(data_dir), "ask", "专家小组在哪里开会？"]) == EXIT_OK


def test_data_dir_from_environment(built_data_dir: Path, monkeypatch, capsys):
    monkeypatch.setenv("NDV_DATA_DIR", str(built_data_dir))
    assert main(["index", "list"]) == EXIT_OK
    assert str(built_data_dir) in capsys.readouterr().out


def test_bad_setting_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("NDV_TOP_K", "many")
    assert main(["index", "list"]) == EXIT_ERROR
    assert "NDV_TOP_K must be a whole number" in capsys.readouterr().err


def test_chat_keeps_the_conversation(built_data_dir: Path, monkeypatch, capsys):
    turns = iter(["决议请秘书长设立一个什么机构？", "它最多可以有多少名成员？", "   ", "not reached"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(turns))
    assert main(["--data-dir", str(built_data_dir), "chat"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.count("[A/RES/71/67:OP7]") == 2 and "25人" in out


def test_chat_reports_bad_input_and_goes_on(built_data_dir: Path, monkeypatch, capsys):
    turns = iter(["问" * 2001, "执行部分第8段"])

    def fake_input(prompt: str = "") -> str:
        try:
            return next(turns)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["--data-dir", str(built_data_dir), "chat"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "keep it under 2000 characters" in out and "[A/RES/71/67:OP8]" in out


def test_ui_builds_a_missing_index_then_starts_streamlit_on_loopback(tmp_path: Path, monkeypatch, capsys):
    class Exec(Exception):
        """Stands for the process image being replaced by the server."""

    def fake_execv(path: str, argv: list[str]) -> None:
        raise Exec(argv)

    monkeypatch.setattr("os.execv", fake_execv)
    data_dir = tmp_path / "ui-data"
    with pytest.raises(Exec) as started:
        main(["--data-dir", str(data_dir), "ui", "--port", "8599"])
    assert (data_dir / "index" / "CURRENT").exists()
    (command,) = started.value.args
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("ui/app.py")
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8599"
    assert "http://127.0.0.1:8599" in capsys.readouterr().err


def test_an_index_from_another_version_is_rebuilt_on_first_use(tmp_path: Path, capsys):
    data_dir = tmp_path / "old"
    assert main(["--data-dir", str(data_dir), "index", "build"]) == EXIT_OK
    current = (data_dir / "index" / "CURRENT").read_text(encoding="utf-8").strip()
    manifest_path = data_dir / "index" / current / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["schema"] = 1  # as an older version wrote it
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "ask", "专家小组在哪里开会？"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "(schema 1)" in captured.err and "rebuilding it from the corpus" in captured.err
    assert "日内瓦" in captured.out


def test_the_pipeline_is_imported_with_the_collector_paused_and_left_running(monkeypatch):
    """A cold answer imports LangChain and Chroma with the cyclic garbage collector paused and freezes what they
    made; the collector runs again afterwards, also when an import fails."""
    import gc

    import index.chroma_client
    from assistant import cli

    def broken() -> None:
        assert not gc.isenabled()  # paused while importing
        raise ImportError("chromadb is broken")

    try:
        cli._import_pipeline.cache_clear()
        monkeypatch.setattr(index.chroma_client, "import_chromadb", broken)
        with pytest.raises(ImportError):
            cli._import_pipeline()
        assert gc.isenabled()
        monkeypatch.undo()
        cli._import_pipeline.cache_clear()
        gc.unfreeze()
        cli._import_pipeline()
        assert gc.isenabled() and gc.get_freeze_count() > 10_000  # the imported modules' objects, frozen
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
