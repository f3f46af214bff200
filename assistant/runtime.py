"""Wire settings, store, embedder and retriever once per process (CLI, UI and benchmarks share it).

Usage::

    core = Core.from_settings(get_settings())
    core.retriever.search("wat zegt h6 over tijd?")
    core.answerer.answer("wat zegt h6 over tijd?")
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from threadpoolctl import threadpool_limits

from assistant import dutch
from assistant.answer import Answerer
from assistant.embedder import Embedder, build_embedder
from assistant.flows.descriptors import warm_up_descriptors
from assistant.followup import FollowUpResolver
from assistant.lexical import index_terms
from assistant.llm.generate import build_answerer
from assistant.models import Hit, Scope, Turn
from assistant.query import parse_resolved
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.store import PassageStore

_WARM_UP = (
    "Hoe betrekken we het hele team bij de onderwijsverbetering?",
    "Welke stappen horen bij een probleemanalyse?",
    "Wat zegt de leidraad over tijd voor een professionele leergemeenschap?",
)


def one_blas_thread() -> None:
    """Limit this process to one BLAS thread.

    A search multiplies the passage matrices by the question, and BLAS threads left spinning after
    that product were seen to slow the next e5 query embedding from 25 to 115 ms on 2 cores (at
    35,800 passages: search p50 68 ms with the default threads, 28 ms with one).
    """
    threadpool_limits(limits=1, user_api="blas")


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
        one_blas_thread()
        store = PassageStore(settings)
        embedder = build_embedder(settings)
        retriever = HybridRetriever(store, embedder)
        llm = build_answerer(settings)
        # With an LLM, follow-ups are also rewritten by it (checked, with the offline reading as fallback).
        resolver = FollowUpResolver(llm.chat_model, timeout_s=settings.llm_timeout_s) if llm else None
        return cls(settings, store, embedder, retriever, Answerer(retriever, llm, resolver=resolver))

    def search(
        self, question: str, k: int = 10, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> list[Hit]:
        """The passages for ``question`` read in the context of ``history`` (a follow-up is resolved)."""
        resolved = self.answerer.read(question, history, scope)
        return self.retriever.retrieve(parse_resolved(resolved), k=k) if resolved.text else []

    def warm_up(self) -> None:
        """Load what the first questions would otherwise wait for: the second model's tokenizer and
        weights (about 2 s), e5's first passes (1.5 s, then 0.15 s, then 20 ms), the word
        frequencies that split compounds, the documents' words typing slips are read against (50 ms).
        The app calls this while it shows that it is starting.
        Frog (about 10 s) and the thesaurus's descriptor vectors (10-25 s on a new machine, then read
        from the store folder) start in the background: only the flows need them, and they wait."""
        threading.Thread(target=dutch.warm_up, name="frog-start", daemon=True).start()
        threading.Thread(target=warm_up_descriptors, name="descriptoren", daemon=True).start()
        self.answerer.spelled(_WARM_UP[0])
        for question in _WARM_UP:
            index_terms(question)
            for embedder in (self.embedder, self.store.second_embedder):
                if embedder is not None:
                    embedder.embed_query(question)
