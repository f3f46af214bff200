"""VectorCache and CachedEmbedder around the real e5 model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.embedder import CachedEmbedder, E5Embedder, with_bundled_vectors
from assistant.vector_cache import VectorCache


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    return E5Embedder()


def unit(width: int, index: int) -> np.ndarray:
    vector = np.zeros(width, dtype=np.float32)
    vector[index] = 1.0
    return vector


def test_a_known_text_gets_its_cached_vector_and_the_rest_the_model(e5: E5Embedder) -> None:
    # A one-hot vector is nothing e5 would produce: seeing it back proves the cache answered.
    cached = unit(384, 7)
    embedder = CachedEmbedder(e5, VectorCache.of(["Een bekende passage."], [cached]))
    new, known, again = embedder(["Een nieuwe passage.", "Een bekende passage.", "Een nieuwe passage."])
    assert np.array_equal(known, cached)
    fresh = e5(["Een nieuwe passage."])[0]
    assert np.allclose(new, fresh, atol=1e-6) and np.allclose(again, fresh, atol=1e-6)


def test_questions_always_go_to_the_model(e5: E5Embedder) -> None:
    embedder = CachedEmbedder(e5, VectorCache.of(["Wat is een PLG?"], [unit(384, 0)]))
    assert np.allclose(embedder.embed_query("Wat is een PLG?"), e5.embed_query("Wat is een PLG?"), atol=1e-6)
    assert embedder.embed_queries(["a", "b"]).shape == (2, 384)
    assert embedder.name == e5.name


def test_saved_and_loaded_caches_hold_the_same_vectors(tmp_path: Path) -> None:
    cache = VectorCache.of(["een", "twee"], [unit(4, 0), unit(4, 1)])
    cache.save(tmp_path / "model.npz")
    loaded = VectorCache.load(tmp_path / "model.npz")
    assert len(loaded) == 2 and "twee" in loaded and "drie" not in loaded
    assert np.array_equal(loaded.get("twee"), unit(4, 1))


def test_a_model_nothing_was_shipped_for_is_used_as_it_is(tmp_path: Path, e5: E5Embedder) -> None:
    assert len(VectorCache.load(tmp_path / "absent.npz")) == 0
    assert isinstance(with_bundled_vectors(e5), CachedEmbedder)  # e5's vectors ship with the app

    class Unshipped:
        name = "niet-meegeleverd"

    model = Unshipped()
    assert with_bundled_vectors(model) is model  # type: ignore[arg-type]


def test_mismatched_input_is_refused() -> None:
    with pytest.raises(ValueError, match="2 teksten maar 1 vectoren"):
        VectorCache.of(["een", "twee"], [unit(4, 0)])
    with pytest.raises(ValueError, match="verschillende lengte"):
        VectorCache.of(["een", "twee"], [unit(4, 0), unit(3, 0)])
