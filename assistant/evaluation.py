"""`ndv eval`: run a question set through the same path as `ndv ask` and score it.

Expected answers (`expect_any`, `expect_all`, `answer_contains`) are read only by the scoring, never by the assistant.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chain import Assistant
from index.errors import InputError, NDVError
from index.text import strip_all_spaces


@dataclass
class EvalQuestion:
    id: str
    question: str
    history: list[dict[str, Any]]
    answerable: bool
    expect_any: list[str]
    answer_contains: list[str]
    expect_all: list[str] = field(default_factory=list)


def read_questions(path: Path) -> list[EvalQuestion]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"Question file not found: {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"The question file {path} cannot be read as UTF-8 text ({exc}).") from None
    questions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                EvalQuestion(
                    id=str(raw["id"]),
                    question=raw["question"],
                    history=raw.get("history") or [],
                    answerable=bool(raw.get("answerable", True)),
                    expect_any=list(raw.get("expect_any") or []),
                    expect_all=list(raw.get("expect_all") or []),
                    answer_contains=list(raw.get("answer_contains") or []),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}, line {number}: not a question object with 'id' and 'question' ({exc})."
            ) from None
    if not questions:
        raise InputError(f"{path} holds no questions.")
    return questions


def run(assistant: Assistant, questions: list[EvalQuestion]) -> Iterator[dict[str, Any]]:
    """One result row per question, in order (the JSONL contract)."""
    for q in questions:
        start = time.perf_counter()
        try:
            answer = assistant.ask(q.question, q.history)
            row: dict[str, Any] = {
                "id": q.id,
                "found": answer.found,
                "answer": answer.text,
                "citations": [c.id for c in answer.citations],
                "retrieved": answer.retrieved,
                "backend": answer.backend,
                "dropped_citations": answer.dropped_citations,
                "warnings": answer.warnings,
                "reason": answer.reason,
            }
        except NDVError as exc:
            row = {
                "id": q.id,
                "found": False,
                "answer": "",
                "citations": [],
                "retrieved": [],
                "backend": "error",
                "error": str(exc),
            }
        row["latency_ms"] = round((time.perf_counter() - start) * 1000, 1)
        yield row


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, math.ceil(q * len(ordered)) - 1)
    return ordered[rank]


def _rate(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def summarize(questions: list[EvalQuestion], rows: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [(q, r) for q, r in zip(questions, rows) if q.answerable and q.expect_any]
    with_strings = [(q, r) for q, r in zip(questions, rows) if q.answerable and q.answer_contains]
    unanswerable = [r for q, r in zip(questions, rows) if not q.answerable]
    spanning = [(q, r) for q, r in zip(questions, rows) if q.answerable and q.expect_all]
    latencies = [r["latency_ms"] for r in rows]
    return {
        "questions": len(rows),
        "recall@1": _rate([any(i in q.expect_any for i in r["retrieved"][:1]) for q, r in answerable]),
        "recall@3": _rate([any(i in q.expect_any for i in r["retrieved"][:3]) for q, r in answerable]),
        "citation_hit": _rate([any(i in q.expect_any for i in r["citations"]) for q, r in answerable]),
        "first_citation_correct": _rate(
            [bool(r["citations"]) and r["citations"][0] in q.expect_any for q, r in answerable]
        ),
        "answer_contains": _rate(
            [
                all(strip_all_spaces(s) in strip_all_spaces(r["answer"]) for s in q.answer_contains)
                for q, r in with_strings
            ]
        ),
        # briefing questions: the share of the paragraphs a complete answer cites that this one cites
        "cover": _mean([len(set(q.expect_all) & set(r["citations"])) / len(set(q.expect_all)) for q, r in spanning]),
        "answerable_found": _rate([r["found"] for q, r in zip(questions, rows) if q.answerable]),
        "unanswerable_not_found": _rate([not r["found"] for r in unanswerable]),
        "errors": sum(1 for r in rows if "error" in r),
        # with a language model: its answers whose citations all verified, fallbacks to extractive, drops
        "llm_answers_verified": _rate([r["dropped_citations"] == 0 for r in rows if r["backend"].startswith("llm:")]),
        "llm_fallbacks": sum(1 for r in rows if any("extractive answer is shown" in w for w in r.get("warnings", []))),
        "dropped_citations": sum(r.get("dropped_citations", 0) for r in rows),
        "latency_p50_ms": _percentile(latencies, 0.50),
        "latency_p95_ms": _percentile(latencies, 0.95),
    }


def evaluate(
    assistant: Assistant, questions_path: Path, out_path: Path, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Write the result rows to `out_path` (atomically: a failed run leaves no half-written file)."""
    questions = read_questions(questions_path)
    rows: list[dict[str, Any]] = []
    for row in run(assistant, questions):
        rows.append(row)
        if progress:
            progress(len(rows), len(questions))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, out_path)
    return summarize(questions, rows)
