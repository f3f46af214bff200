"""The shipped vectors of the bundled corpus: complete for how the ingest cuts it now, and the models'."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embedder import E5Embedder, USEEmbedder
from assistant.vector_cache import VectorCache
from ingest.vectors import bundled_texts
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return bundled_texts(make_settings(tmp_path_factory.mktemp("store")))


@pytest.mark.parametrize("model", [E5Embedder.name, USEEmbedder.name])
def test_every_bundled_passage_has_a_shipped_vector(texts: list[str], model: str) -> None:
    cache = VectorCache.bundled(model)
    missing = [t[:60] for t in texts if t not in cache]
    assert not missing, f"{len(missing)} passages without a shipped vector: run `make vectors`. {missing[:3]}"
    assert len(texts) > 300 and len({len(cache.get(t)) for t in texts}) == 1


@pytest.mark.parametrize("model", [E5Embedder, USEEmbedder])
def test_shipped_vectors_are_the_models_own(texts: list[str], model: type) -> None:
    sample = texts[:: len(texts) // 4]
    fresh = np.asarray(model()(sample))
    shipped = np.stack([VectorCache.bundled(model.name).get(t) for t in sample])
    assert np.allclose(shipped, fresh, atol=1e-4)
