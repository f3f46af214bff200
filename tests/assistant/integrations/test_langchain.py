"""LeidraadRetriever: LangChain's own standard retriever tests, then our metadata, filters and chain."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda
from langchain_tests.integration_tests import RetrieversIntegrationTests
from pydantic import ValidationError

from assistant.integrations.langchain import LeidraadRetriever
from assistant.runtime import Core
from assistant.settings import get_settings

METADATA = {"doc", "title", "sector", "aanbeveling", "section", "page", "score"}


class TestLeidraadRetrieverStandard(RetrieversIntegrationTests):
    """The standard tests (sync and async), over the session's real store."""

    @pytest.fixture(autouse=True)
    def _share_core(self, corpus_core: Core) -> None:
        # One embedder for every retriever these tests construct; runs before the `retriever` fixture.
        self.core = corpus_core

    @property
    def retriever_constructor(self) -> type[LeidraadRetriever]:
        return LeidraadRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"core": self.core}

    @property
    def retriever_query_example(self) -> str:
        return "Hoe borg je een verbetering in het mbo?"


def stored_texts(core: Core) -> set[str]:
    return {p.text for p in core.store.snapshot().passages}


def test_documents_are_stored_passages_with_batch_cli_metadata(corpus_core: Core) -> None:
    docs = LeidraadRetriever(core=corpus_core, k=5).invoke("Wat zegt h6 over tijd?")
    hits = corpus_core.search("Wat zegt h6 over tijd?", k=5)
    assert [d.page_content for d in docs] == [h.passage.text for h in hits]
    assert [d.id for d in docs] == [h.passage.id for h in hits]
    for doc, hit in zip(docs, hits, strict=True):
        assert set(doc.metadata) == METADATA
        assert {"text": doc.page_content, **doc.metadata} == hit.to_json()
    assert {d.page_content for d in docs} <= stored_texts(corpus_core)


def test_filters_from_constructor_and_call(corpus_core: Core) -> None:
    question = "Hoe meet je of een interventie werkt?"
    docs = LeidraadRetriever(core=corpus_core, k=6, sector="mbo").invoke(question)
    assert len(docs) == 6
    assert {d.metadata["sector"] for d in docs} <= {"mbo", None}
    retriever = LeidraadRetriever(core=corpus_core, k=6, aanbeveling="h1")
    assert {d.metadata["aanbeveling"] for d in retriever.invoke(question)} == {"h1"}
    docs = retriever.invoke(question, aanbeveling="h6", k=2)  # the call's filter wins
    assert len(docs) == 2
    assert {d.metadata["aanbeveling"] for d in docs} == {"h6"}


async def test_ainvoke_passes_call_arguments(corpus_core: Core) -> None:
    docs = await LeidraadRetriever(core=corpus_core).ainvoke("tijd voor onderzoek", k=2, aanbeveling="h6")
    assert len(docs) == 2
    assert {d.metadata["aanbeveling"] for d in docs} == {"h6"}


def test_bad_filters_and_k_name_the_fix(corpus_core: Core) -> None:
    with pytest.raises(ValidationError, match="kies po, vo of mbo"):
        LeidraadRetriever(sector="havo")
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        LeidraadRetriever(k=0)
    with pytest.raises(ValidationError, match="Core zijn, geen Settings"):
        LeidraadRetriever(core=corpus_core.settings)
    with pytest.raises(ValidationError, match="niet allebei"):
        LeidraadRetriever(core=corpus_core, settings=corpus_core.settings)
    retriever = LeidraadRetriever(core=corpus_core)
    with pytest.raises(ValueError, match="kies h1 t/m h6"):
        retriever.invoke("tijd", aanbeveling="h9")
    with pytest.raises(ValueError, match="k moet minstens 1 zijn"):
        retriever.invoke("tijd", k=0)


def test_no_arguments_reads_the_store_from_the_environment(
    corpus_core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEIDRAAD_STORE_DIR", str(corpus_core.settings.store_dir))
    get_settings.cache_clear()
    try:
        docs = LeidraadRetriever().invoke("borging in het mbo")
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert len(docs) == 4
    assert {d.page_content for d in docs} <= stored_texts(corpus_core)


def test_in_a_chain(corpus_core: Core) -> None:
    def with_sources(docs: list[Document]) -> str:
        return "\n".join(
            f"[{n}] {d.page_content[:60]} ({d.metadata['title']})" for n, d in enumerate(docs, 1)
        )

    chain = LeidraadRetriever(core=corpus_core, k=2) | RunnableLambda(with_sources)
    out = chain.invoke("Wat is een PLG?")
    assert out.startswith("[1] ") and "\n[2] " in out
