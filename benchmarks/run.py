"""Benchmarks: latency, cold start, build throughput against the raw embedder, concurrent throughput.

    python -m benchmarks.run [--paragraphs 5000] [--questions FILE] [--out benchmarks/results.json]

Everything runs on this machine against real components; nothing here is a pass/fail test. Figures are medians
and percentiles over repeated runs; quote them with the machine they came from.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistant.chain import Assistant
from assistant.config import Settings
from assistant.evaluation import read_questions
from benchmarks.corpus import write_corpus
from index.corpus import corpus_documents, shipped_documents
from index.embeddings import E5Embeddings
from index.store import IndexStore

HERE = Path(__file__).resolve().parent


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _timed_ms(fn: Any, *args: Any) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def _run_measured(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one child process, from the kernel's accounting of that process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(command)}")
    return wall, usage.ru_maxrss / 1024


def latency(assistant: Assistant, questions: list[str], repeats: int) -> dict[str, float]:
    embed, retrieve, ask = [], [], []
    for q in questions:  # warm-up: model, segmenter and caches loaded
        assistant.ask(q)
    read = {q: assistant.reader.read(q, []) for q in questions}  # retrieval is timed on the question as read
    for _ in range(repeats):
        for q in questions:
            embed.append(_timed_ms(assistant.index.embeddings.embed_query, q))
            retrieve.append(_timed_ms(assistant.retriever.retrieve, read[q]))
            ask.append(_timed_ms(assistant.ask, q))
    return {
        "query_embedding_p50_ms": statistics.median(embed),
        "query_embedding_p95_ms": _percentile(embed, 0.95),
        "retrieval_p50_ms": statistics.median(retrieve),
        "retrieval_p95_ms": _percentile(retrieve, 0.95),
        "ask_p50_ms": statistics.median(ask),
        "ask_p95_ms": _percentile(ask, 0.95),
    }


def cold_start(data_dir: Path, runs: int) -> dict[str, float]:
    """A cold `ndv ask`, and beside it a process that only imports the libraries every answer runs through (Chroma
    and LangChain's runnables, as the project imports them: the garbage collector paused): the floor no change to
    the project's other code can go below on the machine."""
    command = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "ask", "政府专家小组最多由多少人组成？"]
    imports = (
        "import gc; gc.disable(); from index.chroma_client import import_chromadb; import_chromadb(); "
        "import langchain_core.runnables.base"
    )
    floor = [sys.executable, "-c", imports]
    walls, floors = [], []
    for _ in range(runs):  # interleaved, so a slower spell of the machine weighs on both alike
        walls.append(_run_measured(command)[0])
        floors.append(_run_measured(floor)[0])
    return {
        "cold_ask_median_s": statistics.median(walls),
        "cold_ask_max_s": max(walls),
        "required_imports_median_s": statistics.median(floors),
    }


def build_throughput(work: Path, paragraphs: int) -> dict[str, float]:
    corpus = work / "corpus"
    write_corpus(corpus, paragraphs)
    documents = corpus_documents(corpus)
    texts = [p.text for d in documents for p in d.paragraphs]
    command = [
        sys.executable,
        "-m",
        "assistant",
        "--data-dir",
        str(work / "data"),
        "index",
        "build",
        "--corpus",
        str(corpus),
    ]
    wall, peak = _run_measured(command)
    embedder = E5Embeddings()
    embedder.embed_query("warm-up")
    start = time.perf_counter()
    for i in range(0, len(texts), 16):  # the batch size the index build uses
        embedder.embed_documents(texts[i : i + 16])
    raw = time.perf_counter() - start
    build_rate, raw_rate = len(texts) / wall, len(texts) / raw
    return {
        "paragraphs": len(texts),
        "build_s": wall,
        "build_paragraphs_per_s": build_rate,
        "build_peak_rss_mib": peak,
        "raw_embedder_paragraphs_per_s": raw_rate,
        "build_to_raw_ratio": build_rate / raw_rate,
    }


def large_retrieval(work: Path, questions: list[str], repeats: int) -> dict[str, float]:
    assistant = Assistant.from_settings(Settings(data_dir=work / "data"))
    try:
        timings = latency(assistant, questions, repeats)
        return {
            "paragraphs": len(assistant.index.paragraphs),
            "retrieval_p50_ms": timings["retrieval_p50_ms"],
            "retrieval_p95_ms": timings["retrieval_p95_ms"],
        }
    finally:
        assistant.close()


def concurrent(assistant: Assistant, questions: list[str], threads: int, per_thread: int) -> dict[str, float]:
    expected = {q: assistant.ask(q).to_dict() for q in questions}
    work = [questions[i % len(questions)] for i in range(per_thread)]

    def session(_: int) -> tuple[int, int]:
        differences = errors = 0
        for q in work:
            try:
                differences += assistant.ask(q).to_dict() != expected[q]
            except Exception:  # counted: the figure to report is how many there were
                errors += 1
        return differences, errors

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        outcomes = list(pool.map(session, range(threads)))
    elapsed = time.perf_counter() - start
    return {
        "threads": threads,
        "queries": threads * per_thread,
        "queries_per_s": threads * per_thread / elapsed,
        "answer_differences": sum(d for d, _ in outcomes),
        "errors": sum(e for _, e in outcomes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", default=str(HERE / "calibration.jsonl"))
    parser.add_argument("--paragraphs", type=int, default=5000, help="size of the generated corpus")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    questions = [q.question for q in read_questions(Path(args.questions))]

    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    with tempfile.TemporaryDirectory(prefix="ndv-bench-") as tmp:
        work = Path(tmp)
        shipped = work / "shipped"
        IndexStore(shipped).build(shipped_documents())
        assistant = Assistant.from_settings(Settings(data_dir=shipped))
        print("warm latency …", file=sys.stderr)
        results["warm_latency"] = latency(assistant, questions, args.repeats)
        print("8 concurrent threads …", file=sys.stderr)
        results["concurrency"] = concurrent(assistant, questions, threads=8, per_thread=50)
        assistant.close()
        print("cold start …", file=sys.stderr)
        results["cold_start"] = cold_start(shipped, runs=5)
        print(f"index build of {args.paragraphs} generated paragraphs …", file=sys.stderr)
        results["build"] = build_throughput(work / "large", args.paragraphs)
        print("retrieval on the large index …", file=sys.stderr)
        results["large_retrieval"] = large_retrieval(work / "large", questions, repeats=2)

    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    for section, figures in results.items():
        if isinstance(figures, dict):
            print(f"\n{section}")
            for key, value in figures.items():
                print(f"  {key:<34} {value:.3f}" if isinstance(value, float) else f"  {key:<34} {value}")
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
