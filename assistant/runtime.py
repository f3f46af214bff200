"""Wire settings, store, embedder and retriever once per process (CLI, UI and benchmarks share it).

Usage::

    core = Core.from_settings(get_settings())
    core.retriever.search("wat zegt h6 over tijd?")
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.embedder import Embedder, build_embedder
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.store import PassageStore


@dataclass
class Core:
    settings: Settings
    store: PassageStore
    embedder: Embedder
    retriever: HybridRetriever

    @classmethod
    def from_settings(cls, settings: Settings) -> Core:
        store = PassageStore(settings)
        embedder = build_embedder(settings)
        return cls(settings, store, embedder, HybridRetriever(store, embedder))
