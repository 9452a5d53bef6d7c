"""Staff feedback: appended safely as JSON lines, exported as an `ndv eval` question file."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.evaluation import read_questions
from assistant.feedback import Feedback, FeedbackStore, feedback_path, to_questions

ANSWER = {
    "text": "最多为25人。",
    "citations": [{"id": "A/RES/71/67:OP7", "label": "OP7", "display": "执行部分第7段", "quote": "最多为25人的"}],
    "found": True,
    "retrieved": ["A/RES/71/67:OP7", "A/RES/71/67:PP15"],
    "backend": "extractive",
    "lang": "zh",
    "warnings": [],
    "reason": "the topic is in the documents",
}
HISTORY = [{"role": "user", "content": "决议请秘书长设立什么？"}, {"role": "assistant", "content": "政府专家小组。"}]


def _record(kind: str, answer_id: str = "a1", citation: str = "", question: str = "它最多几人？") -> Feedback:
    return Feedback.about(kind, answer_id, question, HISTORY, ANSWER, "v1-build", citation)


def _write_many(path: str, writer: int) -> None:
    store = FeedbackStore(Path(path))
    for i in range(50):
        store.append(_record("up", f"w{writer}-{i}", question="长" * 3000))  # lines far longer than PIPE_BUF


def test_a_record_holds_what_a_reviewer_needs(tmp_path: Path):
    store = FeedbackStore.in_data_dir(tmp_path)
    store.append(_record("wrong_citation", citation="A/RES/71/67:OP7"))
    line = feedback_path(tmp_path).read_text(encoding="utf-8")
    assert line.endswith("\n") and line.count("\n") == 1
    data = json.loads(line)
    assert data["question"] == "它最多几人？" and data["history"] == HISTORY and data["build"] == "v1-build"
    assert data["answer"] == {
        "text": "最多为25人。",
        "found": True,
        "reason": "the topic is in the documents",
        "lang": "zh",
        "backend": "extractive",
    }
    assert data["citations"] == [{"id": "A/RES/71/67:OP7", "quote": "最多为25人的"}]
    assert data["citation"] == "A/RES/71/67:OP7" and data["time"].endswith("+00:00")


def test_concurrent_writers_never_interleave(tmp_path: Path):
    path = tmp_path / "feedback.jsonl"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_many, args=(str(path), n)) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    records, skipped = FeedbackStore(path).read()
    assert skipped == 0 and len(records) == 200
    assert len({r.answer_id for r in records}) == 200


def test_a_line_cut_by_a_crash_is_skipped_and_the_next_line_is_whole(tmp_path: Path):
    path = tmp_path / "feedback.jsonl"
    store = FeedbackStore(path)
    store.append(_record("up", "a1"))
    with open(path, "ab") as handle:
        handle.write(b'{"kind": "down", "answer_id": "a2", "quest')  # the writer died here
    store.append(_record("down", "a3"))
    records, skipped = store.read()
    assert [r.answer_id for r in records] == ["a1", "a3"] and skipped == 1


def test_a_failed_write_leaves_no_half_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from index.errors import StorageError

    path = tmp_path / "feedback.jsonl"
    store = FeedbackStore(path)
    store.append(_record("up", "a1"))
    before = path.read_bytes()
    real_write = os.write

    def disk_full_after_ten_bytes(fd: int, data) -> int:
        if len(data) > 10:
            real_write(fd, bytes(data[:10]))
            return 10
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full_after_ten_bytes)
    with pytest.raises(StorageError, match="Feedback cannot be saved in .*No space left on device"):
        store.append(_record("down", "a2"))
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_export_rules():
    records = [
        _record("up", "a1"),  # 👍 keeps the cited ids
        _record("up", "a2"),
        _record("down", "a2"),  # changed to 👎: needs review
        _record("wrong_citation", "a3", "A/RES/71/67:OP7"),
        _record("wrong_citation", "a3", "A/RES/71/67:OP7"),  # reported twice: once
        _record("down", "a4"),
        _record("cleared", "a4"),  # withdrawn: nothing
    ]
    q1, q2, q3 = to_questions(records)
    assert q1["id"] == "fb-a1" and q1["expect_any"] == ["A/RES/71/67:OP7"] and q1["answerable"] is True
    assert q1["history"] == HISTORY and q1["question"] == "它最多几人？" and "👍" in q1["note"]
    assert q2["expect_any"] == [] and "👎" in q2["note"] and "expect_any is left empty" in q2["note"]
    assert q3["expect_any"] == [] and "wrong citation A/RES/71/67:OP7" in q3["note"]
    assert "(not A/RES/71/67:OP7)" in q3["note"] and q3["note"].count("A/RES/71/67:OP7,") == 0


def test_a_thumbs_up_on_a_refusal_is_a_not_answerable_question():
    refusal = dict(ANSWER, found=False, citations=[], text="没有回答。")
    (question,) = to_questions([Feedback.about("up", "r1", "气候变化？", [], refusal, "b")])
    assert question["answerable"] is False and question["expect_any"] == []


def test_cli_export_writes_an_eval_question_file(tmp_path: Path, capsys):
    store = FeedbackStore.in_data_dir(tmp_path)
    store.append(_record("up", "a1", question="line\u2028separator"))
    store.append(_record("wrong_citation", "a2", "A/RES/71/67:OP7"))
    out = tmp_path / "questions.jsonl"
    assert main(["--data-dir", str(tmp_path), "feedback", "export", "--out", str(out)]) == 0
    assert "Wrote 2 questions" in capsys.readouterr().out
    questions = read_questions(out)  # what `ndv eval` reads
    assert [q.id for q in questions] == ["fb-a1", "fb-a2"]
    assert questions[0].question == "line\u2028separator" and questions[0].expect_any == ["A/RES/71/67:OP7"]
    assert questions[1].expect_any == []


@pytest.mark.parametrize("case", ["no feedback yet", "output directory missing", "output is a directory"])
def test_cli_export_errors_are_one_sentence_exit_2(tmp_path: Path, capsys, case: str):
    if case != "no feedback yet":
        FeedbackStore.in_data_dir(tmp_path).append(_record("up"))
    out = {
        "no feedback yet": tmp_path / "q.jsonl",
        "output directory missing": tmp_path / "missing" / "q.jsonl",
        "output is a directory": tmp_path,
    }[case]
    assert main(["--data-dir", str(tmp_path), "feedback", "export", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ndv: ") and err.count("\n") == 1 and "Traceback" not in err
    expected = "No feedback has been recorded yet" if case == "no feedback yet" else "Cannot write the question file"
    assert expected in err
