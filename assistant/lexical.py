"""Dutch BM25 over the passages (bm25s + Snowball stemmer), persisted next to the vector store.

Usage::

    index = LexicalIndex.build(texts)
    index.save(folder); index = LexicalIndex.load(folder)
    ranked = index.search("hoe borgen we de nieuwe aanpak?", k=50, mask=allowed)  # [(row, score)]
"""

from __future__ import annotations

import re
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

# Question words carry no topic; the leidraad's generic words would match everything.
_EXTRA_STOPWORDS = {
    "wat",
    "welke",
    "hoe",
    "waarom",
    "wanneer",
    "wie",
    "waar",
    "kan",
    "kunnen",
    "moet",
    "moeten",
    "zegt",
    "leidraad",
    "volgens",
    "eigenlijk",
    "onze",
    "ons",
    "we",
    "jullie",
    "mijn",
    "graag",
}
STOPWORDS = sorted(set(STOPWORDS_DUTCH) | _EXTRA_STOPWORDS)
_STEMMER = Stemmer.Stemmer("dutch")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def analyse(text: str) -> list[str]:
    """Lower-case, drop stop words, stem: the terms BM25 sees (also used for coverage checks)."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]
    return _STEMMER.stemWords(words)


class LexicalIndex:
    """A BM25 index over row-aligned passage texts."""

    def __init__(self, model: bm25s.BM25) -> None:
        self._model = model
        self._size = int(model.scores["num_docs"])
        # Column pointers of the term-major sparse matrix give each term's document frequency.
        self._df = np.diff(np.asarray(model.scores["indptr"]))

    def idf(self, term: str) -> float:
        """Inverse document frequency of an analysed term (unknown terms weigh most)."""
        column = self._model.vocab_dict.get(term)
        df = int(self._df[column]) if column is not None and column < len(self._df) else 0
        return float(np.log(1 + (self._size - df + 0.5) / (df + 0.5)))

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        model = bm25s.BM25(k1=1.2, b=0.75)
        model.index([analyse(t) or ["_leeg_"] for t in texts], show_progress=False)
        return cls(model)

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False, verbosity=0))

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        terms = [t for t in analyse(query) if t in self._model.vocab_dict]
        if not terms or self._size == 0:
            return []
        rows, scores = self._model.retrieve(
            [terms], k=min(k, self._size), show_progress=False, weight_mask=mask, n_threads=1
        )
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]
