"""Wire settings, store, embedder and retriever once per process (CLI, UI and benchmarks share it).

Usage::

    core = Core.from_settings(get_settings())
    core.retriever.search("wat zegt h6 over tijd?")
    core.answerer.answer("wat zegt h6 over tijd?")
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import Answerer
from assistant.embedder import Embedder, build_embedder
from assistant.llm.generate import build_answerer
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.store import PassageStore


@dataclass
class Core:
    settings: Settings
    store: PassageStore
    embedder: Embedder
    retriever: HybridRetriever
    answerer: Answerer

    @classmethod
    def from_settings(cls, settings: Settings) -> Core:
        """Build everything; an LLM is only wired in when ``settings.llm_provider`` names one."""
        store = PassageStore(settings)
        embedder = build_embedder(settings)
        retriever = HybridRetriever(store, embedder)
        return cls(settings, store, embedder, retriever, Answerer(retriever, build_answerer(settings)))
