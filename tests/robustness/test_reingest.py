"""Re-ingest writes nothing when nothing changed; a changed file replaces its passages without leftovers."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import IngestPipeline
from tests.robustness.conftest import (
    MBO_POSTER,
    PO_POSTER,
    CachedEmbedder,
    assert_consistent,
    assert_document_is,
    chroma_ids,
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
    po.chmod(0o644)  # corpus files are read-only
    po.write_text(po.read_text(encoding="utf-8").replace("team", "schoolteam"), encoding="utf-8")

    result = IngestPipeline(core.settings, store=core.store, embedder=core.embedder).run(po)

    assert result.status == "ok"
    assert_document_is(core.store, po)
    assert not old_ids & {p.id for p in core.store.passages}, "stale passages in the snapshot"
    assert not old_ids & set(chroma_ids(core.store)), "stale vectors in Chroma"
    assert [p for p in core.store.passages if p.doc == MBO_POSTER] == mbo
    assert_consistent(core.store)
