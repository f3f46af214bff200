"""Speed figures for the bundled corpus: ingest, warm search and offline ask latency, first result, RSS.

Prints figures, asserts nothing (timings depend on the machine). Uses a fresh temporary store, so the
developer's store is never touched::

    python -m benchmarks.bench [--questions ../shared/eval/dev.jsonl] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from assistant.answer import Answerer
from assistant.embedder import E5Embedder, USEEmbedder
from assistant.models import Turn
from assistant.runtime import Core
from assistant.settings import ROOT, Settings
from assistant.store import PassageStore
from ingest.pipeline import IngestPipeline, collect_files

T = TypeVar("T")
DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK_QUESTIONS = (
    "Wat zegt h6 over tijd?",
    "Hoe borgen we de nieuwe aanpak in het mbo?",
    "Welke stappen horen bij het verdiepen en analyseren van een probleem?",
)


def load_questions(path: Path) -> list[str]:
    """The dev questions, or a few built-in ones when the shared eval set is not checked out."""
    if not path.is_file():
        return list(FALLBACK_QUESTIONS)
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def time_calls(call: Callable[[T], object], questions: Sequence[T], rounds: int) -> list[float]:
    """Per-question latencies in ms after one untimed warm-up pass."""
    for question in questions:
        call(question)
    latencies = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter()
            call(question)
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def peak_rss_mb() -> float:
    """This process's peak RSS since it started (exec), in MB.

    ``getrusage`` would also count the parent's memory: a child inherits that high-water mark when it is
    forked and keeps it across exec. Linux's VmHWM belongs to the new address space only.
    """
    status = Path("/proc/self/status")
    if status.exists():
        line = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / (1024 if sys.platform == "darwin" else 1)
    )


def store_settings(store_dir: Path) -> Settings:
    return Settings(_env_file=None, store_dir=store_dir)


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    """Left-aligned columns; the first row is the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * width for width in widths))


# `python -m assistant search`, then the child's own peak RSS on stderr.
_SEARCH_AND_REPORT_RSS = (
    "import sys\n"
    "from assistant.cli import main\n"
    "from benchmarks.bench import peak_rss_mb\n"
    "code = main(sys.argv[1:])\n"
    "print(peak_rss_mb(), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def start_to_first_result(store_dir: Path, question: str, runs: int) -> tuple[list[float], float]:
    """Wall times (s) of a new ``assistant search`` process: imports, store load, one search; its RSS (MB)."""
    env = {**os.environ, "LEIDRAAD_STORE_DIR": str(store_dir)}
    times, rss = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _SEARCH_AND_REPORT_RSS, "search", question, "--k", "5"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        times.append(time.perf_counter() - start)
        rss = max(rss, float(proc.stderr.split()[-1]))
    return times, rss


def cold_ingest_seconds(store_dir: Path) -> float:
    """The bundled corpus ingested with every passage embedded (no shipped vectors), as a school's own
    documents are: the ingest throughput a new document gets."""
    settings = store_settings(store_dir)
    start = time.perf_counter()
    store = PassageStore(settings, second_embedder=USEEmbedder())
    pipeline = IngestPipeline(settings, store=store, embedder=E5Embedder())
    results = list(pipeline.run_many(collect_files([ROOT / "corpus"])))
    if any(r.status != "ok" for r in results):
        raise RuntimeError(f"ingest failed: {results}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the questions")
    parser.add_argument("--starts", type=int, default=3, help="cold process starts to time")
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)

    with tempfile.TemporaryDirectory(prefix="leidraad-bench-") as tmp:
        store_dir = Path(tmp)
        settings = store_settings(store_dir)
        start = time.perf_counter()
        core = Core.from_settings(settings)
        pipeline = IngestPipeline(settings, store=core.store, embedder=core.embedder)
        results = list(pipeline.run_many(collect_files([ROOT / "corpus"])))  # as `python -m ingest` does
        ingest_s = time.perf_counter() - start
        failed = [r for r in results if r.status != "ok"]
        if failed:
            print(f"ingest failed: {failed}", file=sys.stderr)
            return 1
        passages = sum(r.chunks for r in results)
        cold_s = cold_ingest_seconds(Path(tmp) / "cold")

        latencies = time_calls(core.retriever.search, questions, args.rounds)
        asks = time_calls(Answerer(core.retriever).answer, questions, args.rounds)  # no LLM: offline
        # A follow-up ("En in het mbo?") after each question: resolved against the history, then searched.
        follow_ups = [[Turn("user", q), Turn("assistant", "…")] for q in questions]
        with_history = time_calls(lambda h: core.search("En in het mbo?", history=h), follow_ups, args.rounds)
        asks_with_history = time_calls(
            lambda h: core.answerer.answer("En in het mbo?", h), follow_ups, args.rounds
        )
        starts, child_rss = start_to_first_result(store_dir, questions[0], args.starts)

    print_table(
        [
            ("measure", "value", "aim"),
            (
                "corpus ingest (make run)",
                f"{ingest_s:.1f} s ({len(results)} files, {passages} passages)",
                "≤ 60 s",
            ),
            ("ingest without shipped vectors", f"{cold_s:.1f} s", "documents a school adds"),
            ("ingest throughput (without)", f"{passages / cold_s:.1f} passages/s", ""),
            ("warm search p50", f"{statistics.median(latencies):.1f} ms", "≤ 30 ms"),
            ("warm search p95", f"{percentile(latencies, 95):.1f} ms", ""),
            ("offline ask p50", f"{statistics.median(asks):.1f} ms", "≤ 150 ms"),
            ("offline ask p95", f"{percentile(asks, 95):.1f} ms", ""),
            ("follow-up search p50 (history)", f"{statistics.median(with_history):.1f} ms", ""),
            ("follow-up ask p50 (history)", f"{statistics.median(asks_with_history):.1f} ms", ""),
            ("calls timed", f"{len(latencies)} each ({len(questions)} questions × {args.rounds})", ""),
            ("start-to-first-result", f"{statistics.median(starts):.2f} s (median of {len(starts)})", ""),
            ("peak RSS (ingest+search)", f"{peak_rss_mb():.0f} MB", ""),
            ("peak RSS (cold search process)", f"{child_rss:.0f} MB", ""),
            (
                "CPUs, load average",
                f"{os.cpu_count()}, {os.getloadavg()[0]:.1f}",
                "figures need a quiet machine",
            ),
        ]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
