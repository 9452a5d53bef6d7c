"""One Assistant serves many sessions at once; a rebuild in another process never disturbs the answers."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.chain import Assistant
from assistant.config import Settings
from index.corpus import shipped_documents
from index.store import IndexStore

FOLLOW_UP = [{"role": "user", "content": "决议请秘书长设立一个什么机构？"}]
QUESTIONS: list[tuple[str, list[dict[str, str]]]] = [
    ("政府专家小组最多由多少人组成？", []),
    ("专家小组将在哪里举行会议？", []),
    ("Where and when will the expert group meet?", []),
    ("执行部分第5段说了什么？", []),
    ("What does OP 8 say?", []),
    ("它最多可以有多少名成员？", FOLLOW_UP),
    ("决议对气候变化说了什么？", []),
    ("政府专家组关于核查的一切方面的报告的文号是什么？", []),
    ("Which countries voted against the resolution?", []),
    ("核查本身是目的吗？", []),
]
MIX = [QUESTIONS[i % len(QUESTIONS)] for i in range(50)]


def _answers(assistant: Assistant) -> list[dict]:
    return [assistant.ask(q, h).to_dict() for q, h in MIX]


def test_eight_threads_give_the_sequential_answers(assistant):
    expected = _answers(assistant)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: _answers(assistant), range(8)))
    assert all(result == expected for result in results)


def test_queries_keep_answering_while_another_process_rebuilds(tmp_path: Path):
    IndexStore(tmp_path).build(shipped_documents())
    assistant = Assistant.from_settings(Settings(data_dir=tmp_path))
    expected = _answers(assistant)
    first_build = (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8")
    failures: list[BaseException] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                assert _answers(assistant)[:10] == expected[:10]
            except BaseException as exc:  # collected and reported by the test
                failures.append(exc)
                return

    threads = [threading.Thread(target=keep_asking) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        build = subprocess.run(
            [sys.executable, "-m", "assistant", "--data-dir", str(tmp_path), "index", "build"],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assistant.close()
    assert build.returncode == 0, build.stderr
    assert not failures, failures[0]
    assert (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8") != first_build
    reopened = Assistant.from_settings(Settings(data_dir=tmp_path))
    try:
        assert _answers(reopened) == expected
    finally:
        reopened.close()


def test_a_second_build_process_fails_fast_with_a_clear_message(tmp_path: Path):
    import fcntl

    store = IndexStore(tmp_path)
    store.build(shipped_documents())
    before = (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8")
    with open(store.root / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        second = subprocess.run(
            [sys.executable, "-m", "assistant", "--data-dir", str(tmp_path), "index", "build"],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert second.returncode == 2
    assert "Another index build is running" in second.stderr and "Traceback" not in second.stderr
    assert (tmp_path / "index" / "CURRENT").read_text(encoding="utf-8") == before
