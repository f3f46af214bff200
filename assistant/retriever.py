"""Hybrid retrieval: dense e5 vectors (Chroma) and Dutch BM25, fused by reciprocal rank.

Filters read from the question narrow the candidates: an aanbeveling (h1–h6) keeps that
aanbeveling's passages, a sector keeps that sector's documents plus documents for all sectors.

Usage::

    retriever = HybridRetriever(store, embedder)
    hits = retriever.search("wat zegt h6 over tijd?", k=10)
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace

import numpy as np
from chromadb.errors import ChromaError

from assistant.embedder import Embedder
from assistant.models import Hit, Passage
from assistant.query import ParsedQuery, parse_query
from assistant.store import PassageStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetrievalConfig:
    candidates: int = 60  # per retriever, before fusion
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0


def allowed(p: Passage, q: ParsedQuery) -> bool:
    """Does the passage fall inside the scope the question names?"""
    if q.sector and p.sector not in (q.sector, None):
        return False
    return not (q.aanbeveling and p.aanbeveling != q.aanbeveling)


class HybridRetriever:
    """Dense + BM25 over one ``PassageStore``; reloads when another process ingests."""

    def __init__(
        self, store: PassageStore, embedder: Embedder, config: RetrievalConfig | None = None
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.config = config or RetrievalConfig()

    def search(self, question: str, k: int = 10) -> list[Hit]:
        self.store.refresh()
        query = parse_query(question)
        passages = self.store.passages
        if not passages or not query.text:
            return []
        mask = np.fromiter((allowed(p, query) for p in passages), dtype=bool, count=len(passages))
        if query.aanbeveling and mask.sum() < k:
            # The named aanbeveling has too little text here (e.g. only in other sectors): widen.
            query = replace(query, aanbeveling=None)
            mask = np.fromiter((allowed(p, query) for p in passages), dtype=bool, count=len(passages))
        if not mask.any():
            return []
        dense = self._dense(query, mask)
        lexical = self._lexical(query, mask)
        return self._fuse(dense, lexical, k)

    def _dense(self, query: ParsedQuery, mask: np.ndarray) -> list[tuple[int, float]]:
        vector = self.embedder.embed_query(query.text)
        where = _where(query)
        n = min(self.config.candidates, int(mask.sum()))
        result = None
        for attempt in range(3):
            try:
                result = self.store.collection.query(
                    query_embeddings=[vector], n_results=n, where=where, include=["distances"]
                )
                break
            except ChromaError as err:
                # Chroma's index can be mid-update while another process ingests: retry briefly,
                # then answer from BM25 alone rather than fail the question.
                log.warning("Vectorzoekopdracht mislukt (poging %d): %s", attempt + 1, err)
                time.sleep(0.05 * (attempt + 1))
        if result is None:
            return []
        ranked = []
        for pid, dist in zip(result["ids"][0], result["distances"][0], strict=True):
            row = self.store.row(pid)
            if row is not None and mask[row]:  # vectors not in the snapshot are not (yet) visible
                ranked.append((row, 1.0 - float(dist)))
        return ranked

    def _lexical(self, query: ParsedQuery, mask: np.ndarray) -> list[tuple[int, float]]:
        index = self.store.lexical
        if index is None:
            return []
        text = f"{query.text} {query.expansion}" if query.expansion else query.text
        return index.search(text, self.config.candidates, mask=mask.astype(np.float32))

    def _fuse(self, dense: list[tuple[int, float]], lexical: list[tuple[int, float]], k: int) -> list[Hit]:
        cfg = self.config
        scores: dict[int, float] = {}
        signals: dict[int, dict[str, float]] = {}
        for name, weight, ranked in (
            ("dense", cfg.dense_weight, dense),
            ("bm25", cfg.lexical_weight, lexical),
        ):
            for rank, (row, raw) in enumerate(ranked):
                scores[row] = scores.get(row, 0.0) + weight / (cfg.rrf_k + rank + 1)
                signals.setdefault(row, {})[name] = raw
                signals[row][f"{name}_rank"] = rank + 1
        best = sorted(scores, key=lambda r: scores[r], reverse=True)[:k]
        passages = self.store.passages
        return [Hit(passages[r], scores[r], signals[r]) for r in best]


def _where(query: ParsedQuery) -> dict | None:
    clauses: list[dict] = []
    if query.aanbeveling:
        clauses.append({"aanbeveling": query.aanbeveling})
    if query.sector:
        clauses.append({"sector": {"$in": [query.sector, ""]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
