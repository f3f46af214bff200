"""PassageStore snapshots: reloaded only when another process commits, immutable once published, and
batch writes that leave a consistent store when they fail half-way."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant import store as store_module
from assistant.lexical import ANALYSER_VERSION, LexicalIndex
from assistant.models import Passage
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.store import DocumentRecord, Snapshot
from ingest.pipeline import IngestPipeline
from tests.robustness.conftest import (
    MBO_POSTER,
    PO_POSTER,
    CachedEmbedder,
    assert_consistent,
    assert_document_is,
    copy_corpus_files,
    expected_passages,
    small_core,
)


def test_refresh_reads_the_snapshot_file_only_after_a_commit(
    tmp_path: Path, embedder: CachedEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER)
    reads: list[Path] = []
    real_read = store_module._read_snapshot
    monkeypatch.setattr(store_module, "_read_snapshot", lambda path: reads.append(path) or real_read(path))
    before = core.store.snapshot()

    assert not core.store.refresh()
    assert core.retriever.search("Hoe betrek je het team bij onderwijsverbetering?")
    assert core.store.snapshot() is before and reads == []

    (po,) = copy_corpus_files(tmp_path / "docs", PO_POSTER)
    other = IngestPipeline(core.settings, embedder=embedder)  # another writer, as in another process
    assert other.run(po).status == "ok"
    reads.clear()
    assert core.store.refresh() and len(reads) == 1
    assert set(core.store.documents) == {MBO_POSTER, PO_POSTER}


def test_a_published_snapshot_never_changes(tmp_path: Path, embedder: CachedEmbedder) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER, PO_POSTER)
    snapshot = core.store.snapshot()
    passages, lexical = snapshot.passages, snapshot.lexical

    assert core.store.remove_document(PO_POSTER)

    assert core.store.snapshot() is not snapshot
    assert snapshot.passages is passages and snapshot.lexical is lexical
    assert {p.doc for p in snapshot.passages} == {MBO_POSTER, PO_POSTER}
    assert [snapshot.row(p.id) for p in passages] == list(range(len(passages)))
    with pytest.raises(ValueError, match="read-only"):
        snapshot.sectors[0] = "vo"
    with pytest.raises(TypeError):
        snapshot.documents[PO_POSTER] = None  # type: ignore[index]


@pytest.fixture(scope="module")
def mixed_snapshot(tmp_path_factory: pytest.TempPathFactory, embedder: CachedEmbedder) -> Snapshot:
    """Both posters plus four po passages as a document for every sector (no sector)."""
    core = small_core(tmp_path_factory.mktemp("mask"), embedder, MBO_POSTER, PO_POSTER)
    sectorless = [replace(p, id=f"alle-{p.id}", doc="alle", sector=None) for p in core.store.passages[-4:]]
    core.store.replace_document(
        DocumentRecord("alle", "0" * 64, "alle", None, 4, "test"), sectorless, embedder
    )
    return core.store.snapshot()


@pytest.mark.parametrize("sector", [None, "po", "mbo", "vo"])
@pytest.mark.parametrize("aanbeveling", [None, "h1", "h2", "h6"])
def test_mask_keeps_the_named_sector_with_sectorless_and_the_named_aanbeveling(
    mixed_snapshot: Snapshot, sector: str | None, aanbeveling: str | None
) -> None:
    passages = mixed_snapshot.passages
    assert {p.sector for p in passages} == {"po", "mbo", None}
    expected = [
        (not sector or p.sector in (sector, None)) and (not aanbeveling or p.aanbeveling == aanbeveling)
        for p in passages
    ]
    assert mixed_snapshot.mask(sector, aanbeveling).tolist() == expected


def staged(path: Path, settings: Settings) -> tuple[DocumentRecord, list[Passage]]:
    passages = expected_passages(path, settings)
    first = passages[0]
    return DocumentRecord(path.name, path.name, first.title, first.sector, len(passages), str(path)), passages


def test_a_failing_batch_commits_what_it_staged_before_the_failure(
    tmp_path: Path, embedder: CachedEmbedder
) -> None:
    core = small_core(tmp_path, embedder)
    mbo, po = copy_corpus_files(tmp_path / "docs", MBO_POSTER, PO_POSTER)
    calls: list[list[str]] = []

    def fail_second_call(texts: list[str]) -> list[np.ndarray]:
        calls.append(texts)
        if len(calls) == 2:
            raise RuntimeError("embedder stopped")
        return embedder(texts)

    with pytest.raises(RuntimeError, match="embedder stopped"), core.store.writing() as batch:
        batch.replace_document(*staged(mbo, core.settings), embedder)
        batch.replace_document(*staged(po, core.settings), fail_second_call, batch=4)

    assert len(calls) == 2, "the first four po vectors reached Chroma"
    assert set(core.store.documents) == {MBO_POSTER}
    assert_document_is(core.store, mbo)
    assert_consistent(core.store)


def test_an_index_built_by_another_analyser_is_rebuilt_then_saved_by_the_next_ingest(
    tmp_path: Path, embedder: CachedEmbedder
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER)
    version = core.store.snapshot().version
    n = len(core.store.passages)
    # What an older analyser left: a snapshot that names it, and an index of terms that are not ours.
    snapshot_file = core.settings.store_dir / store_module.SNAPSHOT
    data = json.loads(snapshot_file.read_text(encoding="utf-8"))
    for record in data["documents"].values():
        record["passage_format"] = "older"  # the analyser is part of the passage format
    snapshot_file.write_text(json.dumps({**data, "analyser": ANALYSER_VERSION - 1}), encoding="utf-8")
    old = core.settings.store_dir / f"bm25-{version}"
    shutil.rmtree(old)
    LexicalIndex.build([["oude", "term"]] * n).save(old)

    reader = small_core(tmp_path, embedder)  # another process opening the store
    assert reader.store.lexical.scores("borging").any()  # rebuilt with today's analyser
    assert not reader.store.lexical.scores("oude term").any()

    (mbo,) = copy_corpus_files(tmp_path / "docs", MBO_POSTER)
    assert IngestPipeline(reader.settings, embedder=embedder).outdated([mbo]) == [mbo]
    assert IngestPipeline(reader.settings, embedder=embedder).run(mbo).status == "ok"
    saved = json.loads(snapshot_file.read_text(encoding="utf-8"))
    assert saved["analyser"] == ANALYSER_VERSION
    assert LexicalIndex.load(core.settings.store_dir / f"bm25-{saved['version']}").scores("borging").any()


class NarrowEmbedder:
    """Real e5 vectors cut to half their width: what another embedding model would have stored."""

    name = "half-e5"

    def __init__(self, e5: CachedEmbedder) -> None:
        self._e5 = e5

    def __call__(self, input: list[str]) -> list[np.ndarray]:
        return [v[:192] / np.linalg.norm(v[:192]) for v in self._e5(input)]


def test_vectors_of_another_model_leave_the_search_to_bm25(
    tmp_path: Path, embedder: CachedEmbedder, caplog: pytest.LogCaptureFixture
) -> None:
    core = small_core(tmp_path, NarrowEmbedder(embedder), MBO_POSTER)
    hits = HybridRetriever(core.store, embedder).search("Hoe borg je een verbetering in het mbo?", k=3)
    assert hits and all(h.signals.dense == 0.0 and h.signals.bm25 > 0 for h in hits)
    assert "lees alles opnieuw in" in caplog.text
