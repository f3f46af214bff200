"""IngestPipeline and `python -m ingest` against a small real store (real Chroma, real e5)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import store as store_module
from assistant.lexical import LexicalIndex, index_terms
from assistant.settings import ROOT
from assistant.store import PassageStore, embedding_text
from ingest.pipeline import IngestPipeline
from tests.conftest import CORPUS, make_settings
from tests.fixtures import badfiles

POSTERS = [
    CORPUS / "po-poster-werken-aan-onderwijsverbetering.txt",
    CORPUS / "mbo-poster-werken-aan-onderwijsverbetering.txt",
]


@pytest.fixture(scope="module")
def embedder():
    from assistant.embedder import E5Embedder

    return E5Embedder()


def chroma_ids(pipeline: IngestPipeline, doc: str | None = None) -> list[str]:
    where = {"doc": doc} if doc else None
    return pipeline.store.collection.get(where=where, include=[])["ids"]


def test_ingest_then_reingest_is_unchanged(tmp_path: Path, embedder) -> None:
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    results = [pipeline.run(p) for p in POSTERS]
    assert [r.status for r in results] == ["ok", "ok"]
    assert all(r.chunks > 3 and r.error is None for r in results)
    store = pipeline.store
    assert len(store.passages) == sum(r.chunks for r in results)
    assert sorted(chroma_ids(pipeline)) == sorted(p.id for p in store.passages)
    assert {p.sector for p in store.passages} == {"po", "mbo"}
    version, count = store.version, store.collection.count()

    again = [pipeline.run(p) for p in POSTERS]
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert [r.chunks for r in again] == [r.chunks for r in results]
    assert store.version == version
    assert store.collection.count() == count
    # a second process (fresh pipeline on the same store dir) agrees
    other = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    assert other.run(POSTERS[0]).status == "unchanged"
    assert other.store.version == version


def test_changed_file_replaces_its_old_passages(
    tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "RETIRE_GRACE_S", 0.0)  # no searches to protect: delete at once
    copy = tmp_path / "docs" / POSTERS[0].name
    copy.parent.mkdir()
    shutil.copy(POSTERS[0], copy)
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    assert pipeline.run(POSTERS[1]).status == "ok"
    assert pipeline.run(copy).status == "ok"
    store = pipeline.store
    old_ids = {p.id for p in store.passages if p.doc == copy.name}
    mbo_ids = {p.id for p in store.passages if p.doc == POSTERS[1].name}
    assert old_ids and mbo_ids

    text = copy.read_text(encoding="utf-8").replace(
        "Leg contact met onderzoekers", "Leg contact met hogescholen"
    )
    copy.write_text(text, encoding="utf-8")
    result = pipeline.run(copy)
    assert result.status == "ok"

    new_ids = {p.id for p in store.passages if p.doc == copy.name}
    assert len(new_ids) == result.chunks
    assert not old_ids & new_ids  # ids hash the file, so every passage of the changed file is new
    assert any("hogescholen" in p.text for p in store.passages)
    assert not any("Leg contact met onderzoekers" in p.text for p in store.passages)
    ids = [p.id for p in store.passages]
    assert len(ids) == len(set(ids))
    in_chroma = chroma_ids(pipeline)
    assert len(in_chroma) == len(set(in_chroma))
    assert set(in_chroma) == new_ids | mbo_ids
    assert not set(chroma_ids(pipeline, copy.name)) & old_ids
    assert store.documents[copy.name].chunks == result.chunks


def test_broken_pdf_fails_alone_with_dutch_message(tmp_path: Path, embedder) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    good = badfiles.good_pdf(docs)
    broken = badfiles.truncated_pdf(docs)
    encrypted = badfiles.encrypted_pdf(docs)
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    results = {p.name: pipeline.run(p) for p in (broken, good, encrypted, POSTERS[0])}
    assert results[good.name].status == "ok"
    assert results[POSTERS[0].name].status == "ok"
    for bad in (broken, encrypted):
        result = results[bad.name]
        assert result.status == "failed"
        assert result.chunks == 0
        assert bad.name in result.error
        assert any(w in result.error.lower() for w in ("bestand", "probeer", "controleer", "wachtwoord"))
        assert "Traceback" not in result.error and "Error" not in result.error
    assert set(pipeline.store.documents) == {good.name, POSTERS[0].name}
    assert {p.doc for p in pipeline.store.passages} == {good.name, POSTERS[0].name}


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """Let ``owner.name`` run as before, recording each call's first argument."""
    calls: list[object] = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_many_files_are_committed_once(tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    commits = count_calls(monkeypatch, PassageStore, "_commit")
    results = list(pipeline.run_many([*POSTERS, badfiles.truncated_pdf(tmp_path)]))
    assert [r.status for r in results] == ["ok", "ok", "failed"]
    assert len(commits) == 1
    assert set(pipeline.store.documents) == {p.name for p in POSTERS}


def test_each_result_comes_after_its_batch_is_committed(
    tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BATCH_MIN_PASSAGES", 1)  # every file fills a batch
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    results = pipeline.run_many(POSTERS)
    assert next(results).status == "ok"
    reader = PassageStore(make_settings(tmp_path / "store"))  # what another process sees
    assert set(reader.documents) == {POSTERS[0].name}
    assert [r.status for r in results] == ["ok"]
    assert reader.refresh() and set(reader.documents) == {p.name for p in POSTERS}


def test_commits_analyse_only_new_passages(tmp_path: Path, embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    analysed = count_calls(monkeypatch, store_module, "index_terms")
    first = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    chunks = [first.run(path).chunks for path in POSTERS]
    assert len(analysed) == sum(chunks)
    # Another process: the analysed text of stored passages comes from the file next to the BM25 index.
    analysed.clear()
    second = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    result = second.run(badfiles.good_pdf(tmp_path))
    assert result.status == "ok" and len(analysed) == result.chunks
    # The reused analysed texts stay aligned with their passages: the index equals one built afresh.
    fresh = LexicalIndex.build([index_terms(embedding_text(p)) for p in second.store.passages])
    for question in ("gedeelde visie", "tegengeluiden van leerkrachten", "borgen in het mbo"):
        assert second.store.lexical.scores(question).tolist() == fresh.scores(question).tolist()


def run_ingest_cli(store: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    # run outside the repo so a developer's .env cannot leak in
    env = {**os.environ, "LEIDRAAD_STORE_DIR": str(store), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "ingest", *map(str, paths), "--json"],
        cwd=store.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_json_lines_and_exit_codes(tmp_path: Path) -> None:
    store = tmp_path / "store"
    broken = badfiles.truncated_pdf(tmp_path)

    proc = run_ingest_cli(store, POSTERS[0], broken)
    assert proc.returncode == 1, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [set(r) for r in rows] == [{"file", "status", "chunks", "error"}] * 2
    assert [Path(r["file"]).name for r in rows] == [POSTERS[0].name, broken.name]
    assert rows[0]["status"] == "ok" and rows[0]["chunks"] > 0 and rows[0]["error"] is None
    assert rows[1]["status"] == "failed" and rows[1]["chunks"] == 0 and broken.name in rows[1]["error"]

    proc = run_ingest_cli(store, POSTERS[0])
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert len(rows) == 1 and rows[0]["status"] == "unchanged"


def test_passages_cut_by_another_version_are_cut_again(tmp_path: Path, embedder) -> None:
    settings = make_settings(tmp_path / "store")
    older = IngestPipeline(settings, embedder=embedder)
    older.passage_format = "older-parser"  # as if the store was written before the parser changed
    assert older.run(POSTERS[0]).status == "ok"
    old_ids = {p.id for p in older.store.passages}

    current = IngestPipeline(settings, embedder=embedder)
    assert current.outdated(POSTERS) == POSTERS  # one cut by another version, one not there at all
    result = current.run(POSTERS[0])
    assert result.status == "ok"  # not "unchanged": the old passages would otherwise stay for good
    assert current.store.documents[POSTERS[0].name].passage_format == current.passage_format
    assert {p.id for p in current.store.passages} == old_ids  # same text cut the same way: same ids
    assert current.outdated(POSTERS) == [POSTERS[1]]
    assert current.run(POSTERS[0]).status == "unchanged"


def test_outdated_compares_bytes_not_names(tmp_path: Path, embedder) -> None:
    copy = tmp_path / "docs" / POSTERS[0].name
    copy.parent.mkdir()
    shutil.copy(POSTERS[0], copy)
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    assert pipeline.run(copy).status == "ok"
    assert pipeline.outdated([copy]) == []
    copy.write_text(copy.read_text(encoding="utf-8") + "\nNieuwe alinea.", encoding="utf-8")
    missing = tmp_path / "docs" / "weg.txt"
    assert pipeline.outdated([copy, missing]) == [copy, missing]


def test_a_changed_catalogue_entry_is_taken_in(tmp_path: Path, embedder) -> None:
    copy = tmp_path / "docs" / POSTERS[0].name
    copy.parent.mkdir()
    shutil.copy(POSTERS[0], copy)
    catalogue = copy.parent / "catalogus.json"
    catalogue.write_text(json.dumps({copy.name: {"title": "Poster po", "sector": "po"}}), encoding="utf-8")
    pipeline = IngestPipeline(make_settings(tmp_path / "store"), embedder=embedder)
    assert pipeline.run(copy).status == "ok"
    assert pipeline.outdated([copy]) == []

    catalogue.write_text(json.dumps({copy.name: {"title": "Poster basisonderwijs", "sector": "po"}}))
    assert pipeline.outdated([copy]) == [copy]
    assert pipeline.run(copy).status == "ok"
    assert {p.title for p in pipeline.store.passages} == {"Poster basisonderwijs"}
    assert pipeline.run(copy).status == "unchanged"
