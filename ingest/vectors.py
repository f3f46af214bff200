"""``python -m ingest.vectors`` (``make vectors``): write the shipped vectors of the bundled corpus.

Run it after a change to how files become passages (the passage format): the bundled corpus is then
cut differently and its new passages would otherwise be embedded on every new machine. The test
suite says when that is needed (``tests/ingest/test_vectors.py``). See ``assistant.vector_cache``.

Usage::

    texts = bundled_texts(get_settings())   # what the models embed for the bundled corpus
"""

from __future__ import annotations

import sys

from assistant.embedder import E5Embedder, USEEmbedder
from assistant.settings import Settings, get_settings
from assistant.store import embedding_text
from assistant.vector_cache import VECTORS_DIR, VectorCache
from ingest.loaders import load_document
from ingest.pipeline import build_passages, collect_files


def bundled_texts(settings: Settings) -> list[str]:
    """The text each model embeds for every passage of the bundled corpus, as the ingest cuts it."""
    files = collect_files([settings.corpus_dir])
    return [embedding_text(p) for path in files for p in build_passages(load_document(path), settings)]


def main() -> int:
    texts = bundled_texts(get_settings())
    for model in (E5Embedder(), USEEmbedder()):
        path = VECTORS_DIR / f"{model.name}.npz"
        VectorCache.of(texts, model(texts)).save(path)
        print(f"{path}: {len(texts)} vectoren", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
