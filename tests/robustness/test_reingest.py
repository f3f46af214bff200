"""Re-ingest writes nothing when nothing changed; a changed file replaces its passages without leftovers.

Superseded vectors stay in Chroma, retired, for ``RETIRE_GRACE_S`` (searches that took the previous
snapshot still need them); the first commit after that deletes them. A copy of a document under another
name is not taken in twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import store as store_module
from ingest.pipeline import IngestPipeline
from tests.robustness.conftest import (
    MBO_POSTER,
    PO_POSTER,
    CachedEmbedder,
    assert_consistent,
    assert_document_is,
    chroma_ids,
    edit_file,
    small_core,
)


def test_unchanged_corpus_writes_nothing(tmp_path: Path, embedder: CachedEmbedder) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    snapshot = core.store.dir / "snapshot.json"
    before = (core.store.version, snapshot.stat().st_mtime_ns, sorted(chroma_ids(core.store)))
    pipeline = IngestPipeline(core.settings, store=core.store, embedder=core.embedder)
    results = [pipeline.run(path) for path in sorted((tmp_path / "docs").glob("*.txt"))]
    assert [r.status for r in results] == ["unchanged", "unchanged"]
    assert (core.store.version, snapshot.stat().st_mtime_ns, sorted(chroma_ids(core.store))) == before


def test_changed_file_replaces_its_passages_only(tmp_path: Path, embedder: CachedEmbedder) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    po = tmp_path / "docs" / PO_POSTER
    old_ids = {p.id for p in core.store.passages if p.doc == PO_POSTER}
    mbo = [p for p in core.store.passages if p.doc == MBO_POSTER]
    edit_file(po, lambda text: text.replace("team", "schoolteam"))

    result = IngestPipeline(core.settings, store=core.store, embedder=core.embedder).run(po)

    assert result.status == "ok"
    assert_document_is(core.store, po)
    assert not old_ids & {p.id for p in core.store.passages}, "stale passages in the snapshot"
    assert old_ids == set(core.store.snapshot().retired), "stale vectors are not retired"
    assert [p for p in core.store.passages if p.doc == MBO_POSTER] == mbo
    assert_consistent(core.store)


def test_retired_vectors_go_at_the_first_commit_after_the_grace_period(
    tmp_path: Path, embedder: CachedEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    old_ids = {p.id for p in core.store.passages if p.doc == PO_POSTER}
    assert core.store.remove_document(PO_POSTER)
    assert old_ids <= set(chroma_ids(core.store))

    monkeypatch.setattr(store_module, "RETIRE_GRACE_S", 0.0)
    assert core.store.remove_document(MBO_POSTER)

    assert core.store.snapshot().retired == {}
    assert chroma_ids(core.store) == []
    assert_consistent(core.store)


def test_copy_under_another_name_is_reported_and_not_taken_in(
    tmp_path: Path, embedder: CachedEmbedder
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    copy = Path(shutil.copy(tmp_path / "docs" / PO_POSTER, tmp_path / "docs" / "po-poster (kopie).txt"))
    before = core.store.version

    result = IngestPipeline(core.settings, store=core.store, embedder=core.embedder).run(copy)

    assert (result.status, result.chunks) == ("unchanged", 0)
    assert result.error == f'Zelfde inhoud als "{PO_POSTER}"; niet opnieuw opgenomen.'
    assert core.store.version == before
    assert set(core.store.documents) == {MBO_POSTER, PO_POSTER}


def test_file_changed_into_a_copy_of_another_loses_its_old_passages(
    tmp_path: Path, embedder: CachedEmbedder
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    mbo, po = tmp_path / "docs" / MBO_POSTER, tmp_path / "docs" / PO_POSTER
    edit_file(mbo, lambda _text: po.read_text(encoding="utf-8"))

    result = IngestPipeline(core.settings, store=core.store, embedder=core.embedder).run(mbo)

    assert (result.status, result.error) == (
        "unchanged",
        f'Zelfde inhoud als "{PO_POSTER}"; niet opnieuw opgenomen.',
    )
    assert set(core.store.documents) == {PO_POSTER}
    assert_document_is(core.store, po)
    assert_consistent(core.store)
