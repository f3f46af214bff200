"""How ingest and search cost grow with the corpus: 1×, 10×, 100× synthetic copies of the bundled passages.

Every copy after the first varies the passages (about a fifth of the words replaced by other corpus
words, a copy-specific title), so BM25 statistics and dense neighbours really change. To keep 100×
within minutes, each distinct base passage is embedded once with the real e5 model; copies get that
vector plus small Gaussian noise. Everything after embedding is the real path: each copy is one
document written through the store's write batches, as ``python -m ingest`` writes files (Chroma
upsert; BM25 build and snapshot commit once per batch), and searches run through ``HybridRetriever``
with real e5 query embeddings. Making the copies (word swaps, noise) is not counted as ingest time.

Each size runs in its own process so peak RSS is per size::

    python -m benchmarks.scale [--sizes 1 10 100]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from assistant.embedder import E5Embedder, USEEmbedder
from assistant.models import Passage
from assistant.retriever import HybridRetriever
from assistant.runtime import one_blas_thread
from assistant.store import DocumentRecord, PassageStore, WriteBatch, embedding_text
from benchmarks.bench import (
    DEV_QUESTIONS,
    load_questions,
    peak_rss_mb,
    percentile,
    print_table,
    store_settings,
    time_calls,
)
from ingest.loaders import load_document
from ingest.pipeline import build_passages, collect_files

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VARIED_SHARE = 0.2  # of the words in each copied passage
VECTOR_NOISE = 0.02  # standard deviation per dimension, before re-normalising


def prepare_base(folder: Path) -> None:
    """Chunk the corpus and embed every passage once with both dense models; children read
    ``base.json``, ``base.npy`` (e5) and ``base-second.npy`` (USE)."""
    settings = store_settings(folder / "unused-store")
    passages = [p for path in collect_files([CORPUS]) for p in build_passages(load_document(path), settings)]
    texts = [embedding_text(p) for p in passages]
    (folder / "base.json").write_text(json.dumps([asdict(p) for p in passages], ensure_ascii=False))
    np.save(folder / "base.npy", np.asarray(E5Embedder()(texts), dtype=np.float32))
    np.save(folder / "base-second.npy", np.asarray(USEEmbedder()(texts), dtype=np.float32))


class KnownSecond:
    """The second dense model for copies: passage vectors looked up, questions embedded for real."""

    name = USEEmbedder.name

    def __init__(self, model: USEEmbedder) -> None:
        self.known: dict[str, np.ndarray] = {}
        self._model = model

    def __call__(self, texts: list[str]) -> list[np.ndarray]:
        return [self.known[t] for t in texts]

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.embed_query(text)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._model.embed_queries(texts)


def noisy_copy(vectors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The vectors with small Gaussian noise, re-normalised."""
    noisy = vectors + rng.normal(0, VECTOR_NOISE, vectors.shape).astype(np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def vary(passage: Passage, copy: int, vocabulary: list[str]) -> Passage:
    """Copy ``copy`` of a passage: another id and title, and about a fifth of its words swapped."""
    if copy == 0:
        return passage
    rng = random.Random(f"{copy}|{passage.id}")
    words = passage.text.split(" ")
    for i in rng.sample(range(len(words)), k=int(len(words) * VARIED_SHARE)):
        words[i] = rng.choice(vocabulary)
    return replace(
        passage,
        id=f"c{copy:03d}-{passage.id}",
        text=" ".join(words),
        title=f"{passage.title} (kopie {copy})",
    )


def known_vectors(known: dict[str, np.ndarray]) -> Callable[[list[str]], list[np.ndarray]]:
    """An embed function that looks the precomputed vectors up instead of running the model."""
    return lambda texts: [known[t] for t in texts]


def ingest_copies(
    store: PassageStore, base: list[Passage], vectors: np.ndarray, second: np.ndarray, size: int
) -> tuple[float, int]:
    """Write ``size`` varied copies of the corpus, one document per copy; ingest seconds and commits."""
    rng = np.random.default_rng(size)
    vocabulary = sorted({w for p in base for w in p.text.split() if len(w) >= 4 and w.isalpha()})
    making, commits, last = 0.0, 0, None

    def write(batch: WriteBatch, copy: int) -> None:
        nonlocal making, commits, last
        start = time.perf_counter()
        passages = [vary(p, copy, vocabulary) for p in base]
        noisy, noisy_second = (noisy_copy(v, rng) if copy else v for v in (vectors, second))
        texts = [embedding_text(p) for p in passages]
        known = dict(zip(texts, noisy, strict=True))
        if isinstance(store.second_embedder, KnownSecond):
            store.second_embedder.known.update(zip(texts, noisy_second, strict=True))
        doc = f"kopie-{copy:03d}"
        record = DocumentRecord(doc, f"{copy:064d}", passages[0].title, None, len(passages), "synthetic")
        making += time.perf_counter() - start
        batch.replace_document(record, [replace(p, doc=doc) for p in passages], known_vectors(known))
        if batch is not last:  # one batch, one commit
            commits, last = commits + 1, batch

    start = time.perf_counter()
    for _ in store.write_batches(range(size), write):
        pass
    return time.perf_counter() - start - making, commits


def run_size(size: int, base_dir: Path, questions: list[str], rounds: int) -> dict[str, float]:
    base = [Passage(**p) for p in json.loads((base_dir / "base.json").read_text())]
    vectors, second = np.load(base_dir / "base.npy"), np.load(base_dir / "base-second.npy")
    one_blas_thread()  # as the app does (Core.from_settings)
    settings = store_settings(base_dir / f"store-{size}")
    use = USEEmbedder()
    writer = PassageStore(settings, second_embedder=KnownSecond(use))
    ingest_s, commits = ingest_copies(writer, base, vectors, second, size)
    start = time.perf_counter()
    store = PassageStore(settings, second_embedder=use)  # a fresh process's view of the committed store
    load_s = time.perf_counter() - start
    latencies = time_calls(HybridRetriever(store, E5Embedder()).search, questions, rounds)
    return {
        "size": size,
        "passages": len(store.passages),
        "ingest_s": ingest_s,
        "passages_per_s": len(store.passages) / ingest_s,
        "commits": commits,
        "load_s": load_s,
        "p50_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 95),
        "rss_mb": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--questions", type=Path, default=DEV_QUESTIONS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # one size, in its own process
    parser.add_argument("--base", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)
    if args.child:
        print(json.dumps(run_size(args.child, args.base, questions, args.rounds)))
        return 0

    print(
        "Embedding each base passage once (e5, USE); copies reuse its vectors plus small noise.", flush=True
    )
    rows = [
        (
            "size",
            "passages",
            "ingest s",
            "passages/s",
            "commits",
            "store load s",
            "p50 ms",
            "p95 ms",
            "peak RSS MB",
        )
    ]
    with tempfile.TemporaryDirectory(prefix="leidraad-scale-") as tmp:
        prepare_base(Path(tmp))
        for size in args.sizes:
            child = [sys.executable, "-m", "benchmarks.scale", "--child", str(size), "--base", tmp]
            child += ["--questions", str(args.questions), "--rounds", str(args.rounds)]
            r = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
            rows.append(
                (
                    f"{size}×",
                    str(r["passages"]),
                    f"{r['ingest_s']:.1f}",
                    f"{r['passages_per_s']:.0f}",
                    str(r["commits"]),
                    f"{r['load_s']:.2f}",
                    f"{r['p50_ms']:.1f}",
                    f"{r['p95_ms']:.1f}",
                    f"{r['rss_mb']:.0f}",
                )
            )
            print(f"{size}× done", flush=True)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
