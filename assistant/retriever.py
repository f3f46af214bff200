"""Hybrid retrieval: dense e5 vectors (Chroma) and Dutch BM25.

The two candidate lists are fused by a weighted sum of standardised scores (``fusion.py``); then
the kind of passage moves it: the document's definition of a term the question asks about goes
up, a passage of questions or literature references the question did not ask for goes down.
Filters read from the question narrow the candidates: an aanbeveling (h1–h6) keeps that
aanbeveling's passages, a sector keeps that sector's documents plus documents for all sectors.

Usage::

    retriever = HybridRetriever(store, embedder)
    hits = retriever.search("wat zegt h6 over tijd?", k=10)
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, replace

import numpy as np
from chromadb.errors import ChromaError

from assistant.definitions import defines
from assistant.embedder import Embedder
from assistant.fusion import convex_fusion
from assistant.models import Hit, Passage, Scope
from assistant.query import ParsedQuery, parse_query
from assistant.sentences import unasked_kind
from assistant.store import PassageStore, Snapshot

log = logging.getLogger(__name__)
UNFILTERED_MAX = 1000  # longest unfiltered dense top list before Chroma filters by metadata instead


@dataclass(frozen=True)
class RetrievalConfig:
    candidates: int = 60  # per retriever, before fusion
    dense_weight: float = 0.6  # the middle of the 0.5–0.8 plateau measured on dev; BM25 gets the rest
    # Added (in standard deviations of the fused score) to the document's own definition of a term
    # the question asks the meaning of ("wat is kennisbenutting?").
    definition_bonus: float = 1.0
    # Taken off a passage made of questions or literature references when the question asked for
    # neither: a practitioner's question box or a reference list does not answer it.
    unasked_kind_penalty: float = 1.0

    def __post_init__(self) -> None:
        if self.candidates < 1:
            raise ValueError("candidates moet minstens 1 zijn.")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError("dense_weight moet tussen 0 en 1 liggen.")


class HybridRetriever:
    """Dense + BM25 over one ``PassageStore``; reloads when another process ingests."""

    def __init__(
        self, store: PassageStore, embedder: Embedder, config: RetrievalConfig | None = None
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.config = config or RetrievalConfig()

    def search(self, question: str, k: int = 10, scope: Scope | None = None) -> list[Hit]:
        """The ``k`` best passages; ``scope`` (sidebar, API, a resolved follow-up) overrides the
        sector and aanbeveling the question text names."""
        # One snapshot for the whole search, whatever other threads publish meanwhile; the store
        # keeps the vectors it names for a grace period after they are superseded.
        snapshot = self.store.snapshot()
        query = parse_query(question, scope)
        if not snapshot.passages or not query.text:
            return []
        mask = snapshot.mask(query.sector, query.aanbeveling)
        if query.aanbeveling and mask.sum() < k:
            # The named aanbeveling has too little text here (e.g. only in other sectors): widen.
            query = replace(query, aanbeveling=None)
            mask = snapshot.mask(query.sector, None)
        if not mask.any():
            return []
        vector = self.embedder.embed_query(query.text)
        dense = self._dense(snapshot, query, vector, mask)
        lexical = self._lexical(snapshot, query, mask)
        return self._fuse(snapshot, query, vector, dense, lexical, k)

    def _dense(
        self, snapshot: Snapshot, query: ParsedQuery, vector: np.ndarray, mask: np.ndarray
    ) -> dict[int, float]:
        n = min(self.config.candidates, int(mask.sum()))
        # Chroma's metadata filter first lists every matching id (20–100 ms at 35,000 passages); an
        # unfiltered top list, masked with the snapshot's scope here, costs a few ms unless it is long.
        asked = math.ceil(n / mask.mean())
        where = None
        if asked > UNFILTERED_MAX:
            where, asked = _where(query), n
        while True:
            result = self._query(snapshot, vector, asked, where)
            if result is None:
                return {}
            ids = result["ids"][0]
            ranked: dict[int, float] = {}
            for pid, dist in zip(ids, result["distances"][0], strict=True):
                row = snapshot.row(pid)
                if row is not None and mask[row]:  # vectors not in the snapshot are not (yet) visible
                    ranked[row] = 1.0 - float(dist)
            if len(ranked) >= n or len(ids) < asked:
                return dict(list(ranked.items())[:n])
            # Vectors the snapshot does not name (a write in progress, superseded ones not yet deleted)
            # took places in Chroma's top list: ask for more.
            asked *= 2

    def _query(self, snapshot: Snapshot, vector: np.ndarray, n: int, where: dict | None) -> dict | None:
        for attempt in range(3):
            try:
                return snapshot.collection.query(
                    query_embeddings=[vector], n_results=n, where=where, include=["distances"]
                )
            except ChromaError as err:
                # Chroma's index can be mid-update while another process ingests: retry briefly,
                # then answer from BM25 alone rather than fail the question.
                log.warning("Vectorzoekopdracht mislukt (poging %d): %s", attempt + 1, err)
                time.sleep(0.05 * (attempt + 1))
        return None

    def _lexical(self, snapshot: Snapshot, query: ParsedQuery, mask: np.ndarray) -> np.ndarray:
        """BM25 score of every row, zero outside the question's scope."""
        index = snapshot.lexical
        if index is None:
            return np.zeros(len(mask), dtype=np.float32)
        # The scope words ("mbo", "h2") already chose the rows; as terms they would favour passages
        # that merely name the sector, such as a poster's title block. An English question is matched
        # on its Dutch terms: its English words would find English titles and reference lists.
        text = query.expansion or query.topic
        return np.where(mask, index.scores(text), 0.0)

    def _adjust(
        self, query: ParsedQuery, fused: list[tuple[int, float]], passages: tuple[Passage, ...]
    ) -> list[tuple[int, float]]:
        """Re-rank by what kind of passage each is: a definition the question asks for goes up, a
        passage of questions or references the question did not ask for goes down."""
        cfg = self.config
        terms = query.terms() if "meaning" in query.wants else set()

        def adjustment(text: str) -> float:
            bonus = cfg.definition_bonus if terms and defines(text, terms) else 0.0
            return bonus - (cfg.unasked_kind_penalty if unasked_kind(text, query.wants) else 0.0)

        adjusted = [(row, score + adjustment(passages[row].text)) for row, score in fused]
        return sorted(adjusted, key=lambda item: -item[1])

    def _similarities(self, snapshot: Snapshot, vector: np.ndarray, rows: list[int]) -> dict[int, float]:
        """Cosine similarity of passages that BM25 found but the dense top-n did not hold."""
        if not rows:
            return {}
        passages = snapshot.passages
        try:
            got = snapshot.collection.get(ids=[passages[r].id for r in rows], include=["embeddings"])
        except ChromaError as err:
            log.warning("Vectoren ophalen mislukt: %s", err)
            return {}
        by_id = dict(zip(got["ids"], got["embeddings"], strict=True))
        out = {}
        for r in rows:
            embedding = by_id.get(passages[r].id)
            if embedding is not None:  # e5 vectors are unit length: the dot product is the cosine
                out[r] = float(np.dot(np.asarray(embedding, dtype=np.float32), vector))
        return out

    def _fuse(
        self,
        snapshot: Snapshot,
        query: ParsedQuery,
        vector: np.ndarray,
        dense: dict[int, float],
        bm25: np.ndarray,
        k: int,
    ) -> list[Hit]:
        n = self.config.candidates
        top = np.argpartition(-bm25, min(n, len(bm25) - 1))[:n]
        lexical = {int(r): float(bm25[r]) for r in top if bm25[r] > 0}
        similarity = dense | self._similarities(snapshot, vector, sorted(lexical.keys() - dense.keys()))
        # A lexical candidate whose vector could not be read is ranked on what is known of it.
        floor = min(similarity.values(), default=0.0)
        similarity = {r: similarity.get(r, floor) for r in similarity.keys() | lexical.keys()}
        fused = convex_fusion(similarity, lexical, self.config.dense_weight)
        passages = snapshot.passages
        fused = self._adjust(query, fused, passages)[:k]
        # Ranks say where each retriever on its own placed the passage (absent: not in its top n).
        ranks = {
            "dense_rank": {r: i + 1 for i, r in enumerate(sorted(dense, key=lambda r: -dense[r]))},
            "bm25_rank": {r: i + 1 for i, r in enumerate(sorted(lexical, key=lambda r: -lexical[r]))},
        }
        hits = []
        for row, score in fused:
            signals = {"dense": similarity[row], "bm25": float(bm25[row])}
            signals |= {name: rank[row] for name, rank in ranks.items() if row in rank}
            hits.append(Hit(passages[row], score, signals))
        return hits


def _where(query: ParsedQuery) -> dict | None:
    clauses: list[dict] = []
    if query.aanbeveling:
        clauses.append({"aanbeveling": query.aanbeveling})
    if query.sector:
        clauses.append({"sector": {"$in": [query.sector, ""]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
