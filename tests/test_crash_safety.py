"""SIGKILL an index build at several points of a large build: the previous index must answer exactly as before,
and the next build must succeed and leave no temporary files behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.config import Settings
from benchmarks.corpus import write_corpus
from index.corpus import shipped_documents
from index.store import IndexStore

QUESTIONS = ["政府专家小组最多由多少人组成？", "What does OP 8 say?", "决议对气候变化说了什么？", "脚注6"]


def _build_command(data_dir: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "index", "build", "--corpus", str(corpus)]


def _answers(data_dir: Path) -> list[dict]:
    assistant = Assistant.from_settings(Settings(data_dir=data_dir))
    try:
        return [assistant.ask(q).to_dict() for q in QUESTIONS]
    finally:
        assistant.close()


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """A generated corpus of ~400 paragraphs and how long a full build of it takes here."""
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, paragraphs=400)
    start = time.monotonic()
    subprocess.run(_build_command(tmp_path_factory.mktemp("timing"), corpus), check=True, capture_output=True)
    return corpus, time.monotonic() - start


def test_killed_builds_leave_the_previous_index_answering(tmp_path: Path, large_corpus):
    corpus, duration = large_corpus
    store = IndexStore(tmp_path)
    store.build(shipped_documents())
    pointer = (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8")
    before = _answers(tmp_path)

    kills = 0
    for fraction in (0.15, 0.4, 0.65, 0.9):
        process = subprocess.Popen(
            _build_command(tmp_path, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        if process.wait() != -signal.SIGKILL:  # it finished first: the new index is whole, stop here
            break
        kills += 1
        if (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8") != pointer:
            # killed after the atomic switch (while tidying up): the new index is in use, so it must be whole
            _assert_whole_large_index(store)
            break
        assert _answers(tmp_path) == before, fraction
    assert kills >= 2

    subprocess.run(_build_command(tmp_path, corpus), check=True, capture_output=True)
    assert not list((tmp_path / "index").glob(".build-*"))
    _assert_whole_large_index(store)


def _assert_whole_large_index(store: IndexStore) -> None:
    index = store.open()
    try:
        assert "A/RES/90/1:OP1" in index.paragraphs and index.vector_count() == len(index.paragraphs) >= 400
    finally:
        index.close()
