"""Dutch BM25 over the passages (bm25s + Snowball stemmer), persisted next to the vector store.

Usage::

    index = LexicalIndex.build([analyse(text) for text in texts])
    index.save(folder); index = LexicalIndex.load(folder)
    scores = index.scores("hoe borgen we de nieuwe aanpak?")  # one BM25 score per row
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
STOPWORDS = frozenset(STOPWORDS_DUTCH) | _EXTRA_STOPWORDS  # a set: analyse() tests every word
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
    def build(cls, analysed: Iterable[list[str]]) -> LexicalIndex:
        """Index row-aligned analysed texts (``analyse`` output): the store analyses each passage once."""
        model = bm25s.BM25(k1=1.2, b=0.75)
        model.index([terms or ["_leeg_"] for terms in analysed], show_progress=False)
        return cls(model)

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False, verbosity=0))

    def known_share(self, text: str) -> float:
        """IDF-weighted share of the text's terms that the indexed documents use at all.

        A Dutch compound counts as known when both of its parts are ("teamvergadering"), so a
        question in everyday words is not mistaken for one about something the documents lack.
        """
        words = {_STEMMER.stemWord(w): w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS}
        total = sum(self.idf(term) for term in words)
        if not total:
            return 1.0
        return sum(self.idf(term) for term, word in words.items() if self._knows(term, word)) / total

    def _knows(self, term: str, word: str) -> bool:
        vocab = self._model.vocab_dict
        if term in vocab:
            return True
        stem = _STEMMER.stemWord
        for cut in range(4, len(word) - 3):  # both parts at least four letters
            head, tail = word[:cut], word[cut:]
            if stem(tail) in vocab and (
                stem(head) in vocab or (head.endswith("s") and len(head) > 4 and stem(head[:-1]) in vocab)
            ):
                return True
        return False

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros when no query term is in the index)."""
        terms = [t for t in analyse(query) if t in self._model.vocab_dict]
        if not terms or self._size == 0:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores(terms), dtype=np.float32)
