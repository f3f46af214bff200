"""A document someone added can be removed again, on the real store; the bundled corpus is protected."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant.store
from assistant.runtime import Core
from ingest.pipeline import IngestPipeline
from ingest.removal import DocumentRemover
from ingest.uploads import ingest_upload
from tests.robustness.conftest import (
    PO_POSTER,
    CachedEmbedder,
    assert_consistent,
    chroma_ids,
    run_python,
    small_core,
)

UPLOAD = "schoolplan-zwemles.txt"
# Words no corpus passage has, so a search for them finds the upload or nothing of it.
TEXT = (
    b"Ons schoolplan voor zwemlessen: de kikkerzwemslag oefenen we elke dinsdag in het gemeentelijke "
    b"zwembad. Het zwemdiploma halen alle leerlingen voor groep vijf."
)
QUESTION = "kikkerzwemslag zwembad zwemdiploma"


@pytest.fixture
def core(tmp_path: Path, embedder: CachedEmbedder) -> Core:
    """A store with one bundled poster and one uploaded document."""
    core = small_core(tmp_path, embedder, PO_POSTER)
    outcome = ingest_upload(pipeline(core, embedder), UPLOAD, TEXT)
    assert outcome.ok, outcome.message
    return core


def pipeline(core: Core, embedder: CachedEmbedder) -> IngestPipeline:
    return IngestPipeline(core.settings, store=core.store, embedder=embedder)


def upload_ids(core: Core) -> set[str]:
    return {p.id for p in core.store.passages if p.doc == UPLOAD}


def found_docs(core: Core) -> set[str]:
    return {hit.passage.doc for hit in core.retriever.search(QUESTION, k=20)}


def test_removal_takes_passages_bm25_and_vectors_out_of_every_search(core: Core) -> None:
    ids = upload_ids(core)
    assert len(ids) == 1 and UPLOAD in found_docs(core)
    remover = DocumentRemover(core.store)
    assert remover.removable() == [UPLOAD]

    outcome = remover.remove(UPLOAD)

    assert outcome.ok and outcome.message == f"{UPLOAD} is verwijderd (1 passage)."
    snapshot = core.store.snapshot()
    assert UPLOAD not in snapshot.documents
    assert not ids & {p.id for p in snapshot.passages}
    assert snapshot.lexical is not None
    bm25 = snapshot.lexical.scores(QUESTION)
    assert len(bm25) == len(snapshot.passages) and not bm25.any()  # rebuilt without its entries
    assert ids <= snapshot.retired.keys()  # vectors out of every search, deleted after the grace period
    assert UPLOAD not in found_docs(core)
    assert not (core.settings.uploads_dir / UPLOAD).exists()
    assert_consistent(core.store)


def test_vectors_leave_chroma_once_the_grace_period_is_over(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = upload_ids(core)
    monkeypatch.setattr(assistant.store, "RETIRE_GRACE_S", 0.0)
    assert DocumentRemover(core.store).remove(UPLOAD).ok
    assert not ids & set(chroma_ids(core.store))
    assert_consistent(core.store)


def test_a_removed_document_can_be_added_again(core: Core, embedder: CachedEmbedder) -> None:
    ids = upload_ids(core)
    assert DocumentRemover(core.store).remove(UPLOAD).ok

    outcome = ingest_upload(pipeline(core, embedder), UPLOAD, TEXT)

    assert outcome.ok and outcome.message.endswith("is toegevoegd (1 passage).")
    assert upload_ids(core) == ids
    assert UPLOAD in found_docs(core)
    assert_consistent(core.store)


def test_bundled_documents_are_protected_unless_forced(core: Core) -> None:
    remover = DocumentRemover(core.store)
    assert PO_POSTER not in remover.removable()

    refused = remover.remove(PO_POSTER)
    assert not refused.ok and "--force" in refused.message
    assert PO_POSTER in core.store.documents

    assert remover.remove(PO_POSTER, force=True).ok
    assert PO_POSTER not in core.store.documents
    assert_consistent(core.store)


def test_unknown_name_lists_the_names_there_are(core: Core) -> None:
    outcome = DocumentRemover(core.store).remove("bestaat-niet.pdf")
    assert not outcome.ok
    assert outcome.message == (
        f'Er is geen document "bestaat-niet.pdf". Gebruik een van deze namen: {PO_POSTER}, {UPLOAD}.'
    )


def test_cli_removes_and_protects(core: Core) -> None:
    store_dir = core.settings.store_dir
    refused = run_python(["-m", "ingest", "--remove", PO_POSTER], store_dir)
    assert refused.returncode == 1 and "--force" in refused.stderr and "Traceback" not in refused.stderr

    removed = run_python(["-m", "ingest", "--remove", UPLOAD], store_dir)
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.strip() == f"{UPLOAD} is verwijderd (1 passage)."
    assert UPLOAD not in core.store.snapshot().documents  # this process sees the other's commit
    assert UPLOAD not in found_docs(core)

    again = run_python(["-m", "ingest", "--remove", UPLOAD], store_dir)
    assert again.returncode == 1 and f'Er is geen document "{UPLOAD}"' in again.stderr
