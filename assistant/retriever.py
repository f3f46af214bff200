"""Hybrid retrieval: dense e5 vectors (the snapshot's matrix of the vectors in Chroma) and Dutch BM25.

The two candidate lists are fused by a weighted sum of standardised scores (``fusion.py``); then
the kind of passage moves it: the document's definition of a term the question asks about goes
up, and so does a passage of the document the user's previous turn named; a passage of questions
or literature references the question did not ask for goes down.
Filters read from the question narrow the candidates: an aanbeveling (h1–h6) keeps that
aanbeveling's passages, a sector keeps that sector's documents plus documents for all sectors.

Usage::

    retriever = HybridRetriever(store, embedder)
    hits = retriever.search("wat zegt h6 over tijd?", k=10)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import numpy as np

from assistant.definitions import defines
from assistant.document_names import DocumentNames
from assistant.embedder import Embedder
from assistant.fusion import weighted_fusion
from assistant.lexical import content_words
from assistant.models import Hit, Passage, Scope, Signals
from assistant.query import ParsedQuery, parse_query
from assistant.sentences import content_terms, quoted_stories, situation_sentences, unasked_kind
from assistant.store import PassageStore, Snapshot
from assistant.thesaurus import Thesaurus

log = logging.getLogger(__name__)
_T = TypeVar("_T")
_RELATED_MIN = 4  # letters of a question word whose thesaurus terms BM25 also scores (``_lexical``)


@dataclass(frozen=True)
class QueryVectors:
    """The question as each dense model sees it; ``second`` is None without second-model vectors.
    ``e5_rank`` and ``second_rank`` rank the passages: for a situation they also hold its sentences
    (``HybridRetriever._embed``); otherwise they are the question's own vectors."""

    e5: np.ndarray
    second: np.ndarray | None
    e5_rank: np.ndarray
    second_rank: np.ndarray | None


@dataclass(frozen=True)
class RetrievalConfig:
    """Weights and penalties, each set on the tuning half of the dev questions (odd ids) and kept
    only when the validation half (even ids) agreed; ``python -m benchmarks.tune`` prints both."""

    candidates: int = 60  # per retriever, before fusion
    dense_weight: float = 0.6  # dense share of the fused score; BM25 gets the rest
    # Share of the dense weight that goes to the second model (USE) when the store has its vectors:
    # recall@5 0.77 → 0.87 on both halves; 0.3–0.5 all did about as well.
    second_share: float = 0.4
    # A situation (a story, then the question) is ranked by its whole text and, with this share, by
    # the mean similarity of its sentences one by one: each names a part of the problem that the whole
    # text's embedding blurs. Set on the odd-id situations (recall@5 0.82 → 0.89; 0.5 gave 0.86, 1.0
    # without the whole text did worse); even-id situations 0.73 → 0.77, MRR 0.56 → 0.59.
    sentence_share: float = 0.7
    # Added (in standard deviations of the fused score) to the document's own definition of a term
    # the question asks the meaning of ("wat is kennisbenutting?").
    definition_bonus: float = 1.0
    # Taken off a passage made of questions, literature references or a practitioner's story when
    # the question asked for none of these: it does not answer it.
    unasked_kind_penalty: float = 1.0
    # Taken off a fragment (a heading alone, a caption, a contact line): fewer distinct content
    # terms than ``fragment_terms`` says too little to answer anything.
    fragment_terms: int = 8
    fragment_penalty: float = 0.5
    # BM25 also scores, with this weight, the school-improvement thesaurus's descriptor and synonyms of
    # each question word it lists (``Thesaurus.related``: "team" → "teamleren", "collegiaal leren";
    # written from ERIC, not from our questions). Recall@5 / MRR over all nine writers (dev, dialogues,
    # probes 1-5) 0 → 0.3: 0.793 / 0.645 → 0.814 / 0.654; dialogues 0.84 → 0.88, probes 1, 2 and 5
    # +0.09, +0.03, +0.06 recall, the dev writers w1/w2 MRR -0.03/-0.02 (tuning half 0.915 → 0.894, one
    # question). 0.6 did worse everywhere; related terms only of words the documents never use: no gain.
    thesaurus_share: float = 0.3
    # A question searched as asked in a conversation is ranked by the second model beside the latest
    # exchange (``ParsedQuery.context``), with this share. On the dev dialogues and the follow-ups of
    # probes 1-5 (MRR 0.611 → 0.629 in all; dev dialogues 0.696 → 0.716, probe4 0.539 → 0.550, probe5
    # 0.613 → 0.625), checked on probe6's (recall@5 0.40 → 0.50, MRR 0.364 → 0.400). e5 as well did
    # no better (0.632) at a second e5 pass per follow-up; 0.2 and 0.5 did as well (0.627).
    context_share: float = 0.3
    # Added (in standard deviations of the fused score) to the passages of a document that the user's
    # latest turn named by its title ("volgens de startnotitie", ``DocumentNames``) when the question,
    # searched as asked, names none itself (the reply's own "dit zegt … hierover" does not count). On
    # the follow-ups of the dev dialogues and probes 1-5: 0.5 changed nothing, 1.0 lifted probe4's
    # (recall@5 0.70 → 0.80, MRR 0.550 → 0.559), 1.5 no more; every other set identical. Checked on
    # probe6's: 0.50 / 0.400 → 0.60 / 0.420. (Read from the whole exchange, reply included: the same.)
    document_bonus: float = 1.0

    def __post_init__(self) -> None:
        if self.candidates < 1:
            raise ValueError("candidates moet minstens 1 zijn.")
        if self.document_bonus < 0:
            raise ValueError("document_bonus mag niet negatief zijn.")
        for name in ("dense_weight", "second_share", "sentence_share", "thesaurus_share", "context_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} moet tussen 0 en 1 liggen.")


class HybridRetriever:
    """Dense (e5, plus a second model) + BM25 over one ``PassageStore``; reloads when another process
    ingests. Passages inside the scope come first; others fill up only when the scope has fewer than
    ``k``, so a named aanbeveling is never displaced by another one."""

    def __init__(
        self,
        store: PassageStore,
        embedder: Embedder,
        config: RetrievalConfig | None = None,
        thesaurus: Thesaurus | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.config = config or RetrievalConfig()
        self.thesaurus = thesaurus if thesaurus is not None else Thesaurus.load()
        # Read from the latest snapshot's passages, once per snapshot.
        self._stories = _PerSnapshot(quoted_stories)
        self._names = _PerSnapshot(DocumentNames.of)

    def stories(self, snapshot: Snapshot) -> frozenset[int]:
        """Rows of ``snapshot`` inside a practitioner's quoted story (``sentences.quoted_stories``)."""
        return self._stories(snapshot.passages)

    def named(self, snapshot: Snapshot, query: ParsedQuery) -> frozenset[str]:
        """The documents the conversation's latest user turn named by title (``ParsedQuery.previous``),
        unless the question names one itself: its own words already find that one."""
        names = self._names(snapshot.passages)
        return frozenset() if names.named_in(query.text) else names.named_in(query.previous)

    def search(self, question: str, k: int = 10, scope: Scope | None = None) -> list[Hit]:
        """The ``k`` best passages; ``scope`` (sidebar, API, a resolved follow-up) overrides the
        sector and aanbeveling the question text names."""
        return self.retrieve(parse_query(question, scope), k)

    def retrieve(self, query: ParsedQuery, k: int = 10) -> list[Hit]:
        """The ``k`` best passages for a parsed question, within the scope it names."""
        # One snapshot for the whole search, whatever other threads publish meanwhile.
        snapshot = self.store.snapshot()
        if not snapshot.passages or not query.text:
            return []
        # Every row is scored once; the scope and a fill-up only choose among the rows.
        scopes = self._scopes(snapshot, query)
        heading = snapshot.step_heading(query.step, scopes[0]) if query.step else None
        vectors = self._embed(snapshot, query, heading)
        cosine, bm25 = self._cosine(snapshot, vectors.e5), self._lexical(snapshot, query)
        situation = vectors.e5_rank is not vectors.e5
        cosine = _Cosines(cosine, self._cosine(snapshot, vectors.e5_rank) if situation else cosine)
        # What moves a passage besides its scores is the same in every scope: read it once.
        stories = self.stories(snapshot)
        named = self.named(snapshot, query) if self.config.document_bonus else frozenset()
        hits: list[Hit] = []
        for scope in scopes:
            if len(hits) >= k:
                break
            seen = {h.passage.id for h in hits}
            more = self._fuse(snapshot, query, vectors, cosine, bm25, scope, k, stories, named)
            more = [h for h in more if h.passage.id not in seen][: k - len(hits)]
            if hits and more:  # scores keep saying the order: the fill-up ranks below the scope
                shift = max(0.0, more[0].score - hits[-1].score + 0.001)
                more = [replace(h, score=h.score - shift) for h in more]
            hits += more
        return hits

    @staticmethod
    def _scopes(snapshot: Snapshot, query: ParsedQuery) -> list[np.ndarray]:
        """The rows of the named step within the named aanbeveling within the sector, then each wider
        scope: a narrow scope has less text than asked for (one poster block in the mbo, one step),
        so its passages come first and the wider scope's follow."""
        scopes = [snapshot.mask(query.sector, query.aanbeveling, query.step)]
        if query.step:
            scopes.append(snapshot.mask(query.sector, query.aanbeveling))
        if query.aanbeveling:
            scopes.append(snapshot.mask(query.sector, None))
        return scopes

    def _embed(self, snapshot: Snapshot, query: ParsedQuery, heading: str | None = None) -> QueryVectors:
        """The question (``ParsedQuery.dense``) embedded once per search: by e5, and by the second
        model if the store has its vectors; a situation's sentences each once more. A named step's
        ``heading`` is said after it, as a named aanbeveling is (``query.dense_text``)."""
        second = self.store.second_embedder if snapshot.second is not None else None
        text = query.dense or query.text
        if heading:  # "stap 4" alone means nothing to the dense models
            text = f"{text} ({heading})"
        sentences = situation_sentences(text)
        # Cosine is linear in the query vector: the mixed vector's cosine is the mix of the cosines.
        # The whole text and its sentences go in one call per model; e5 costs about twice the whole.
        share = self.config.sentence_share

        def mixed(model: Embedder) -> tuple[np.ndarray, np.ndarray]:
            if not sentences:
                vector = model.embed_query(text)
                return vector, vector
            rows = model.embed_queries([text, *sentences])
            return rows[0], (1 - share) * rows[0] + share * rows[1:].mean(axis=0)

        e5, e5_rank = mixed(self.embedder)
        if second is None:
            return QueryVectors(e5, None, e5_rank, None)
        other, other_rank = mixed(second)
        if query.context:  # the second model only: it costs 4 ms, e5 a pass per follow-up
            share = self.config.context_share
            other_rank = (1 - share) * other_rank + share * second.embed_query(query.context)
        return QueryVectors(e5, other, e5_rank, other_rank)

    @staticmethod
    def _cosine(snapshot: Snapshot, vector: np.ndarray) -> np.ndarray:
        """e5 cosine similarity of every row (the vectors are unit length)."""
        if snapshot.dense.shape[1:] == vector.shape:
            return snapshot.dense @ vector
        # Stored by another model (LEIDRAAD_EMBEDDER changed since the ingest): BM25 alone.
        log.warning("De opgeslagen vectoren passen niet bij het zoekmodel: lees alles opnieuw in.")
        return np.zeros(len(snapshot.passages), dtype=np.float32)

    def _lexical(self, snapshot: Snapshot, query: ParsedQuery) -> np.ndarray:
        """BM25 score of every row: of the question's words, plus ``thesaurus_share`` times that of
        what the thesaurus relates to them."""
        index = snapshot.lexical
        if index is None:
            return np.zeros(len(snapshot.passages), dtype=np.float32)
        # The scope words ("mbo", "h2") already chose the rows; as terms they would favour passages
        # that merely name the sector, such as a poster's title block. An English question is matched
        # on its Dutch terms: its English words would find English titles and reference lists.
        if query.expansion:
            return index.scores(query.expansion)
        scores = index.scores(query.topic)
        # Words of three letters lead to broad descriptors ("les" → instructie): with them, the tuning
        # half lost one more question (0.894 → 0.872) and probe 1 one (0.875 → 0.844).
        words = [w for w in content_words(query.topic or query.text) if len(w) >= _RELATED_MIN]
        related = self.thesaurus.related(words)
        if related and self.config.thesaurus_share:
            scores = scores + self.config.thesaurus_share * index.scores(" ".join(related))
        return scores

    def _adjust(
        self,
        query: ParsedQuery,
        fused: list[tuple[int, float]],
        passages: Sequence[Passage],
        stories: frozenset[int] = frozenset(),
        named: frozenset[str] = frozenset(),
    ) -> list[tuple[int, float]]:
        """Re-rank by what kind of passage each is: a definition the question asks for goes up, and
        so does a passage of a document it ``named``; a passage of questions, references or a story
        the question did not ask for goes down, and so does a fragment."""
        cfg = self.config
        terms = query.terms() if "meaning" in query.wants else set()
        # ``stories``: rows inside a quoted story, also those that continue one (no opening quote).
        stories = frozenset() if "example" in query.wants else stories

        def adjustment(row: int) -> float:
            text = passages[row].text
            bonus = cfg.definition_bonus if terms and defines(text, terms) else 0.0
            bonus += cfg.document_bonus if passages[row].doc in named else 0.0
            unasked = row in stories or unasked_kind(text, query.wants)
            penalty = cfg.unasked_kind_penalty if unasked else 0.0
            if content_terms(text) < cfg.fragment_terms:
                penalty += cfg.fragment_penalty
            return bonus - penalty

        adjusted = [(row, score + adjustment(row)) for row, score in fused]
        return sorted(adjusted, key=lambda item: -item[1])

    def _fuse(
        self,
        snapshot: Snapshot,
        query: ParsedQuery,
        vectors: QueryVectors,
        cosine: _Cosines,
        bm25: np.ndarray,
        mask: np.ndarray,
        k: int,
        stories: frozenset[int],
        named: frozenset[str],
    ) -> list[Hit]:
        cfg = self.config
        # Candidates: the top n of each retriever inside the scope.
        rows = np.flatnonzero(mask)
        if not len(rows):
            return []
        n = min(cfg.candidates, len(rows))
        ranking = cosine.ranking
        dense = {int(r): float(ranking[r]) for r in _top(rows, ranking[rows], n)}
        lexical = {int(r): float(bm25[r]) for r in _top(rows, bm25[rows], n) if bm25[r] > 0}
        candidates = dense.keys() | lexical.keys()
        signals = {"dense": {r: float(ranking[r]) for r in candidates}, "bm25": lexical}
        # The hits report the whole question's similarity: the answer decision reads it.
        similarity = {r: float(cosine.question[r]) for r in candidates}
        nearest = float(cosine.question[rows].max())
        dense_weight = cfg.dense_weight
        weights = {"dense": dense_weight, "bm25": 1.0 - dense_weight}
        second = _second(snapshot, vectors.second_rank, list(similarity))
        if second:
            signals["second"] = second
            share = cfg.second_share
            weights |= {"dense": dense_weight * (1 - share), "second": dense_weight * share}
        fused = weighted_fusion(signals, weights)
        reported = second
        if second and vectors.second_rank is not vectors.second:
            reported = _second(snapshot, vectors.second, list(similarity))
        passages = snapshot.passages
        fused = self._adjust(query, fused, passages, stories, named)[:k]
        # Ranks say where each retriever on its own placed the passage (absent: not in its top n).
        dense_rank = {r: i + 1 for i, r in enumerate(sorted(dense, key=lambda r: -dense[r]))}
        bm25_rank = {r: i + 1 for i, r in enumerate(sorted(lexical, key=lambda r: -lexical[r]))}
        return [
            Hit(
                passages[row],
                score,
                Signals(
                    dense=similarity[row],
                    nearest=nearest,
                    bm25=float(bm25[row]),
                    second=reported.get(row),
                    dense_rank=dense_rank.get(row),
                    bm25_rank=bm25_rank.get(row),
                ),
                story=row in stories,
            )
            for row, score in fused
        ]


class _PerSnapshot(Generic[_T]):
    """What ``derive`` reads from a snapshot's passages, kept until another snapshot's come."""

    def __init__(self, derive: Callable[[tuple[Passage, ...]], _T]) -> None:
        self._derive = derive
        self._last: tuple[tuple[Passage, ...], _T] | None = None

    def __call__(self, passages: tuple[Passage, ...]) -> _T:
        last = self._last  # one read: another thread may publish a newer pair meanwhile
        if last is None or last[0] is not passages:
            last = (passages, self._derive(passages))
            self._last = last
        return last[1]


@dataclass(frozen=True)
class _Cosines:
    """e5 similarity of every row: to the question as asked, and as ranked (``QueryVectors``)."""

    question: np.ndarray
    ranking: np.ndarray


def _top(rows: np.ndarray, scores: np.ndarray, n: int) -> np.ndarray:
    """The ``n`` rows with the highest scores, best first."""
    best = np.argpartition(-scores, n - 1)[:n] if n < len(rows) else np.arange(len(rows))
    return rows[best[np.argsort(-scores[best], kind="stable")]]


def _second(snapshot: Snapshot, vector: np.ndarray | None, rows: list[int]) -> dict[int, float]:
    """The second model's similarity of each candidate (empty when the store has no such vectors)."""
    if snapshot.second is None or vector is None or not rows:
        return {}
    return dict(zip(rows, (snapshot.second[rows] @ vector).tolist(), strict=True))
