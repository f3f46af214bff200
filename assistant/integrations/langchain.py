"""The leidraad's passages as a LangChain retriever.

Usage::

    from assistant.integrations.langchain import LeidraadRetriever

    retriever = LeidraadRetriever(k=4)                 # store from LEIDRAAD_* / .env, like the CLI
    docs = retriever.invoke("Hoe borg ik een verbetering?", sector="mbo")
    docs[0].page_content, docs[0].metadata["title"], docs[0].metadata["page"]
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables.config import run_in_executor
from pydantic import Field, PrivateAttr, model_validator

from assistant.integrations import LazyCore
from assistant.models import Hit, Scope
from assistant.runtime import Core
from assistant.settings import Settings


def to_document(hit: Hit) -> Document:
    """The passage as ``page_content``; where it stands and its score, as in the batch CLI, as metadata."""
    metadata = hit.to_json()
    return Document(id=hit.passage.id, page_content=metadata.pop("text"), metadata=metadata)


class LeidraadRetriever(BaseRetriever):
    """Finds passages of the leidraad (hybrid e5 + Dutch BM25 search) for a question.

    ``k`` passages come back, best first. ``sector`` ("po", "vo", "mbo") and ``aanbeveling``
    ("h1".."h6") filter explicitly, like the app's sidebar; a question that names them filters too.
    ``k``, ``sector`` and ``aanbeveling`` can also be given per call and then win.

    The core (store, embedder) is built on the first call, from ``settings`` or the environment;
    pass ``core`` to share one the application already has.

    Usage::

        retriever = LeidraadRetriever(k=3, aanbeveling="h6")
        retriever.invoke("tijd voor onderzoek", k=1)
        await retriever.ainvoke("borging", sector="mbo")
    """

    k: int = Field(4, ge=1, description="Number of passages to return.")
    sector: str | None = Field(None, description="Only this sector and documents for every sector.")
    aanbeveling: str | None = Field(None, description="Only passages of this aanbeveling (h1..h6).")
    settings: Settings | None = Field(None, description="Defaults to the environment (get_settings()).")
    # Any: pydantic cannot build a schema for Core (a dataclass with protocol fields); checked below.
    core: Any = Field(None, exclude=True, description="A Core to share (assistant.runtime.Core).")
    _lazy: LazyCore = PrivateAttr()

    @model_validator(mode="after")
    def _check(self) -> LeidraadRetriever:
        if self.core is not None and not isinstance(self.core, Core):
            raise ValueError(f"core moet een assistant.runtime.Core zijn, geen {type(self.core).__name__}.")
        Scope(self.sector, self.aanbeveling)  # a bad filter fails here, not at the first question
        self._lazy = LazyCore(self.settings, self.core)
        return self

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        sector: str | None = None,
        aanbeveling: str | None = None,
    ) -> list[Document]:
        k = self.k if k is None else k
        if k < 1:
            raise ValueError(f"k moet minstens 1 zijn (gekregen: {k}).")
        scope = Scope(sector or self.sector, aanbeveling or self.aanbeveling)
        return [to_document(hit) for hit in self._lazy.get().search(query, k=k, scope=scope)]

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        # BaseRetriever's default drops the call's keyword arguments (k, sector) on the way to the thread.
        return await run_in_executor(
            None, self._get_relevant_documents, query, run_manager=run_manager.get_sync(), **kwargs
        )
