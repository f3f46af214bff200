"""Dutch BM25 over the passages (bm25s + Snowball stemmer), persisted next to the vector store.

Usage::

    index = LexicalIndex.build([index_terms(text) for text in texts])
    index.save(folder); index = LexicalIndex.load(folder)
    scores = index.scores("hoe borgen we de nieuwe aanpak?")  # one BM25 score per row
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH
from wordfreq import get_frequency_dict

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
# Stores record which analyser built their BM25 index: one of an older version is rebuilt, never
# mixed with terms the current analyse() gives. Raise it whenever analyse() returns other terms.
ANALYSER_VERSION = 5
WORDS = "words.json"  # beside the saved BM25 model: the terms the documents use as words
STOPWORDS = frozenset(STOPWORDS_DUTCH) | _EXTRA_STOPWORDS  # a set: analyse() tests every word
_STEMMERS = threading.local()  # PyStemmer objects are not thread-safe; the UI answers in threads


def stem_words(words: list[str]) -> list[str]:
    """Snowball Dutch stems, with this thread's own stemmer."""
    stemmer = getattr(_STEMMERS, "dutch", None)
    if stemmer is None:
        stemmer = _STEMMERS.dutch = Stemmer.Stemmer("dutch")
    return stemmer.stemWords(words)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# A footnote number glued to a word ("Hollingsworth52", "Kools2") is not part of the word.
_NOTE_MARK = re.compile(r"(?<=[^\W\d_]{3})\d{1,3}\b")


# An inflected form whose base has a long vowel in a closed syllable: "grote" (groot),
# "betrouwbare" (betrouwbaar), "structurele" (structureel). Snowball leaves such pairs apart.
_OPEN_SYLLABLE_E = re.compile(r"(?<=[^aeiou])([aeou])([^aeiouy])e$")
_VOICED = {"v": "f", "z": "s"}  # "lieve" → "lief", "wijze" → "wijs"


@lru_cache(maxsize=1 << 17)  # a corpus has far fewer distinct words than word occurrences
def uninflect(word: str) -> str:
    """The base form of a Dutch adjective or participle ending in -e, else the word itself."""
    if len(word) < 5 or not word.endswith("e") or word.endswith(("ee", "ie")):
        return word
    base = _OPEN_SYLLABLE_E.sub(r"\1\1\2", word)
    if base != word:
        return base
    base = word[:-1]
    return base[:-1] + _VOICED[base[-1]] if base[-1] in _VOICED else base


def content_words(text: str) -> list[str]:
    """The lower-cased words of a text without stop words (note marks removed)."""
    return [w for w in _TOKEN.findall(_NOTE_MARK.sub("", text.lower())) if w not in STOPWORDS]


def _term(word: str) -> str:
    """The term one word becomes: ``analyse`` for a single word."""
    return stem_words([uninflect(word)])[0]


def analyse(text: str) -> list[str]:
    """Lower-case, drop stop words, undo inflection, stem: the terms of a text (coverage, overlap)."""
    return stem_words([uninflect(w) for w in content_words(text)])


def index_terms(text: str) -> list[str]:
    """What BM25 indexes and searches: the ``analyse`` terms, ``PARTS_MARK``, then the parts of each
    compound, so that "schoolvisie" also matches "visie" and "vakgroepleiders" matches "leider"."""
    words = content_words(text)
    parts = [part for w in words if len(w) >= 2 * _PART_MIN for part in compound_parts(w)]
    return [*stem_words([uninflect(w) for w in words]), PARTS_MARK, *parts]


# Separates a text's own terms from its compounds' parts in ``index_terms``: both are searched, but
# only the documents' own words decide which words they "use" (``LexicalIndex.knows``).
PARTS_MARK = "|"


# Compound splitting after Koehn & Knight (2003): a word is split where its two parts are common
# Dutch words (wordfreq Zipf ≥ COMPOUND_PART_ZIPF) whose mean Zipf frequency beats the whole word's
# minus COMPOUND_MARGIN, so a frequent word of its own ("onderwijs", "onderzoek") stays whole. Both
# set on the tuning half (odd dev ids): recall@5 0.83 → 0.90, MRR 0.73 → 0.79; validation half
# 0.84 → 0.90 and 0.77 → 0.79. Zipf 2.5 or 3.5 and margin 0 did worse on the tuning half; margin 1
# did as well there (MRR +0.005) but worse on validation (recall@5 0.87), so 0.5 stayed.
COMPOUND_PART_ZIPF = 3.0
COMPOUND_MARGIN = 0.5
_PART_MIN = 4  # letters per part; 3 and 5 did worse on the tuning half (3 lets in affixes: "ver", "heid")


def _zipf(word: str) -> float:
    """Zipf frequency of a Dutch word (log10 per billion words; 0 when unlisted)."""
    frequency = get_frequency_dict("nl").get(word)  # wordfreq caches the dictionary
    return math.log10(frequency) + 9 if frequency else 0.0


@lru_cache(maxsize=1 << 17)
def compound_parts(word: str) -> tuple[str, ...]:
    """The terms of a compound's two parts ("schoolleiders" → school, leider); () when it is none."""
    best: tuple[str, ...] = ()
    best_zipf = _zipf(word) - COMPOUND_MARGIN
    for cut in range(_PART_MIN, len(word) - _PART_MIN + 1):
        head, tail = word[:cut], word[cut:]
        if tail in STOPWORDS or (tail_zipf := _zipf(tail)) < COMPOUND_PART_ZIPF:
            continue
        # A linking s joins many compounds ("onderzoekscultuur").
        heads = (head, head[:-1]) if head.endswith("s") and len(head) > _PART_MIN else (head,)
        for part in heads:
            if part in STOPWORDS or (head_zipf := _zipf(part)) < COMPOUND_PART_ZIPF:
                continue
            if (mean := (head_zipf + tail_zipf) / 2) > best_zipf:
                best, best_zipf = (part, tail), mean
    return tuple(_term(part) for part in best)


class LexicalIndex:
    """A BM25 index over row-aligned passage texts."""

    def __init__(self, model: bm25s.BM25, words: frozenset[str]) -> None:
        """``words``: the terms the documents use as words of their own (not only as a compound's part)."""
        self._model = model
        self._words = words
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
        """Index row-aligned analysed texts (``index_terms`` output): the store analyses each passage once."""
        model = bm25s.BM25(k1=1.2, b=0.75)
        indexed, words = [], set()
        for terms in analysed:
            own = terms[: terms.index(PARTS_MARK)] if PARTS_MARK in terms else terms
            words.update(own)
            indexed.append([t for t in terms if t != PARTS_MARK] or ["_leeg_"])
        model.index(indexed, show_progress=False)
        return cls(model, frozenset(words))

    def save(self, folder: Path) -> None:
        self._model.save(str(folder), show_progress=False)
        (folder / WORDS).write_text(json.dumps(sorted(self._words), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """The saved index; raises OSError or ValueError when it is missing or broken (rebuild it)."""
        words = frozenset(json.loads((folder / WORDS).read_text(encoding="utf-8")))
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False, verbosity=0), words)

    def known_share(self, text: str) -> float:
        """IDF-weighted share of the text's terms that the indexed documents use at all.

        A Dutch compound counts as known when both of its parts are ("teamvergadering"), so a
        question in everyday words is not mistaken for one about something the documents lack.
        """
        words = {_term(w): w for w in content_words(text)}
        total = sum(self.idf(term) for term in words)
        if not total:
            return 1.0
        return sum(self.idf(term) for term, word in words.items() if self._knows(term, word)) / total

    def knows(self, word: str) -> bool:
        """Do the indexed documents use this word (or, for a compound, both its parts)?"""
        terms = [(_term(w), w) for w in content_words(word)]
        return not terms or any(self._knows(term, w) for term, w in terms)

    def _knows(self, term: str, word: str) -> bool:
        vocab = self._words
        if term in vocab:
            return True
        for cut in range(4, len(word) - 3):  # both parts at least four letters
            head, tail = word[:cut], word[cut:]
            if _term(tail) in vocab and (
                _term(head) in vocab or (head.endswith("s") and len(head) > 4 and _term(head[:-1]) in vocab)
            ):
                return True
        return False

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every row for the query (zeros when no query term is in the index)."""
        terms = [t for t in index_terms(query) if t in self._model.vocab_dict]
        if not terms or self._size == 0:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores(terms), dtype=np.float32)
