"""Server mode: the vectors in a real Chroma server (`chroma run`, installed with chromadb) on loopback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.cli import EXIT_ERROR, EXIT_OK, main
from assistant.config import Settings, index_store
from index.corpus import shipped_documents
from index.errors import IndexCorruptError, IndexUnavailableError
from index.store import ChromaServer, IndexStore, close_client
from tests.servers import free_port, wait_until_up

QUESTIONS = [
    "政府专家小组最多由多少人组成？",
    "Where and when will the expert group meet?",
    "执行部分第5段说了什么？",
    "政府专家组关于核查的一切方面的报告的文号是什么？",
    "决议对气候变化说了什么？",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    port = free_port()
    work = tmp_path_factory.mktemp("chroma-server")
    command = [
        str(Path(sys.executable).parent / "chroma"),
        "run",
        "--path",
        str(work / "data"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with (
        open(work / "server.log", "w") as log,
        subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT) as process,
    ):
        try:
            wait_until_up(f"http://127.0.0.1:{port}/api/v2/heartbeat", process, work / "server.log")
            yield ChromaServer("127.0.0.1", port)
        finally:
            process.terminate()
            process.wait(timeout=20)


def _settings(data_dir: Path, server: ChromaServer) -> Settings:
    return Settings(data_dir=data_dir, chroma_host=server.host, chroma_port=server.port)


def _our_collections(store: IndexStore) -> list[str]:
    import chromadb

    client = chromadb.HttpClient(host=store.server.host, port=store.server.port)
    try:
        prefix = store._collection_prefix()
        return sorted(c.name for c in client.list_collections() if c.name.startswith(prefix))
    finally:
        close_client(client)


def test_server_index_answers_exactly_like_the_embedded_one(server, assistant, tmp_path: Path):
    settings = _settings(tmp_path, server)
    index_store(settings).build(shipped_documents())
    remote = Assistant.from_settings(settings)
    try:
        assert remote.index.manifest.vectors == f"chroma://127.0.0.1:{server.port}"
        for question in QUESTIONS:
            assert remote.ask(question).to_dict() == assistant.ask(question).to_dict()
    finally:
        remote.close()


def test_rebuilds_keep_two_collections_and_spare_other_deployments(server, tmp_path: Path):
    mine = index_store(_settings(tmp_path / "mine", server))
    other = index_store(_settings(tmp_path / "other", server))
    other.build(shipped_documents())
    for _ in range(3):
        mine.build(shipped_documents())
    assert len(_our_collections(mine)) == 2  # current + previous
    assert len(_our_collections(other)) == 1
    other.open().close()


def test_vectors_elsewhere_than_configured_is_a_clear_error(server, built_data_dir: Path):
    with pytest.raises(IndexCorruptError, match="vectors are in embedded.*NDV_CHROMA_HOST"):
        index_store(_settings(built_data_dir, server)).open()


def test_unreachable_server_is_a_clear_error(tmp_path: Path, capsys, monkeypatch):
    closed = ChromaServer("127.0.0.1", free_port())
    with pytest.raises(IndexUnavailableError, match="does not answer.*chroma run"):
        IndexStore(tmp_path, server=closed).build(shipped_documents())
    monkeypatch.setenv("NDV_CHROMA_HOST", closed.host)
    monkeypatch.setenv("NDV_CHROMA_PORT", str(closed.port))
    assert main(["--data-dir", str(tmp_path), "index", "build"]) == EXIT_ERROR
    assert "does not answer" in capsys.readouterr().err
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_cli_in_server_mode(server, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("NDV_CHROMA_HOST", server.host)
    monkeypatch.setenv("NDV_CHROMA_PORT", str(server.port))
    assert main(["--data-dir", str(tmp_path), "index", "build"]) == EXIT_OK
    assert main(["--data-dir", str(tmp_path), "ask", "专家小组将在哪里举行会议？"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "日内瓦" in out and "[A/RES/71/67:OP7]" in out


def test_server_requests_time_out_at_the_budget(server, tmp_path: Path):
    from index.chroma_client import http_sessions

    settings = Settings(data_dir=tmp_path, chroma_host=server.host, chroma_port=server.port, time_budget_s=3)
    index_store(settings).build(shipped_documents())
    index = index_store(settings).open()
    try:
        sessions = http_sessions(index._client)
        assert sessions and all(s.timeout.read == 3 for s in sessions)
    finally:
        index.close()
