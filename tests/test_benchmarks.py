"""The benchmark runner's measurements run against the pipeline as it is (the runner is not in CI otherwise, and a
change of the retriever's signature once broke it unnoticed). Figures are not checked here: they belong to the
benchmark's output, not to a test."""

from __future__ import annotations

from pathlib import Path

from assistant.chain import Assistant
from benchmarks.run import cold_start, latency


def test_warm_latency_runs_every_stage_of_a_real_answer(assistant: Assistant):
    figures = latency(assistant, ["政府专家小组最多由多少人组成？", "Where does the group meet?"], repeats=1)
    stages = ("query_embedding", "retrieval", "ask")
    assert set(figures) == {f"{stage}_{p}_ms" for stage in stages for p in ("p50", "p95")}
    assert all(value > 0 for value in figures.values())


def test_cold_start_runs_the_cli_and_the_import_floor(built_data_dir: Path):
    figures = cold_start(built_data_dir, runs=1)  # a failed `ndv ask` or floor import stops the benchmark
    assert figures["cold_ask_median_s"] > 0 and figures["required_imports_median_s"] > 0
