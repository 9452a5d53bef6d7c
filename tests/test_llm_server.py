"""A real OpenAI-compatible server (llama-cpp-python's, on 127.0.0.1) serving Qwen2.5-Coder-0.5B from PyPI chunk
packages. It proves the plumbing and the gate: whatever this small model writes, every citation that reaches the
user is verified, and anything else falls back with a notice. Not a test of answer quality."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import EXIT_OK, main
from assistant.local_model import QWEN_CODER_05B, assemble
from index.corpus import shipped_documents
from tests.servers import free_port, wait_until_up

try:
    import llama_cpp  # noqa: F401
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip("llama-cpp-python is not installed (the dev extra builds it)", allow_module_level=True)

PARAGRAPHS = {p.id: p.text for d in shipped_documents() for p in d.paragraphs}


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return assemble(QWEN_CODER_05B, tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def llm_server(model_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("llm")
    model = model_file
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "4096",
        "--n_threads",
        "2",
    ]
    url = f"http://127.0.0.1:{port}/v1"
    with open(work / "server.log", "w") as log, subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT) as proc:
        try:
            wait_until_up(f"{url}/models", proc, work / "server.log", seconds=120)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture
def llm_env(llm_server: str, built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("NDV_LLM_BASE_URL", llm_server)
    monkeypatch.setenv("NDV_LLM_TIMEOUT", "120")
    return ["--data-dir", str(built_data_dir)]


def _assert_gate(answer: dict) -> None:
    """Every citation shown is verified; a fallback says so."""
    for citation in answer["citations"]:
        assert citation["id"] in answer["retrieved"] or citation["id"].split(":")[1].startswith("FN")
        assert "".join(citation["quote"].split()) in "".join(PARAGRAPHS[citation["id"]].split())
    if answer["backend"] == "extractive" and answer["found"]:
        assert answer["warnings"] and "extractive answer is shown" in answer["warnings"][0]


@pytest.mark.parametrize("question", ["政府专家小组最多由多少人组成？", "Where will the expert group meet?"])
def test_answers_from_a_real_server_pass_the_gate(llm_env, capsys, question: str):
    assert main([*llm_env, "ask", question, "--llm", "openai:qwen2.5-coder-0.5b", "--json"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] and answer["backend"] in ("llm:openai:qwen2.5-coder-0.5b", "extractive")
    _assert_gate(answer)


def test_eval_with_the_server_reports_verification(llm_env, tmp_path: Path, capsys):
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "question": "专家小组将在哪里举行会议？", "answerable": True, "expect_any": ["A/RES/71/67:OP7"]},
        {
            "id": "b",
            "question": "决议鼓励哪些机构处理核裁军核查问题？",
            "answerable": True,
            "expect_any": ["A/RES/71/67:OP5"],
        },
        {"id": "c", "question": "决议对气候变化说了什么？", "answerable": False},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([*llm_env, "eval", str(questions), "--out", str(out), "--llm", "openai:qwen2.5-coder-0.5b"]) == 0
    printed = capsys.readouterr().out
    for key in ("llm_answers_verified", "llm_fallbacks", "dropped_citations"):
        assert key in printed
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c"] and not results[2]["found"]
    for result in results:
        assert "error" not in result
        _assert_gate({**result, "citations": [{"id": c, "quote": ""} for c in result["citations"]]})


def test_ask_streams_the_draft_to_stderr_and_prints_the_verified_answer(llm_env, capsys):
    assert main([*llm_env, "ask", "专家小组将在哪里举行会议？", "--llm", "openai:qwen2.5-coder-0.5b"]) == EXIT_OK
    captured = capsys.readouterr()
    assert "[A/RES/71/67:" in captured.out  # the citations block of the verified answer
    assert "Traceback" not in captured.err


def test_the_same_model_in_process(model_file: Path, built_data_dir: Path, capsys):
    args = ["--data-dir", str(built_data_dir), "ask", "专家小组将在哪里举行会议？", "--json"]
    assert main([*args, "--llm", f"llamacpp:{model_file}"]) == EXIT_OK
    answer = json.loads(capsys.readouterr().out)
    assert answer["found"] and answer["backend"] in (f"llm:llamacpp:{model_file}", "extractive")
    _assert_gate(answer)


def test_a_missing_model_file_is_a_clear_error(built_data_dir: Path, capsys):
    args = ["--data-dir", str(built_data_dir), "ask", "专家小组在哪里开会？", "--llm", "llamacpp:/nonexistent.gguf"]
    assert main(args) == 2
    assert "No model file at /nonexistent.gguf" in capsys.readouterr().err
