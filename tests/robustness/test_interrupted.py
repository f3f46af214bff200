"""A process killed (SIGKILL) mid-ingest leaves a store that the next run repairs: the file ingested once.

What the kill leaves behind (vectors no snapshot names, a BM25 folder, a temporary snapshot) is never
found by a search, and goes when a process next opens the store or writes to it. (Vectors a commit
superseded stay retired for ``RETIRE_GRACE_S`` first; see test_reingest.py.)

The child runs the real ``python -m ingest`` code but kills itself at a chosen step of the write, which
makes the crash point deterministic (a timer-based kill would mostly hit embedding, the slowest step).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from assistant import store as store_module
from assistant.retriever import HybridRetriever
from assistant.store import PassageStore
from ingest.pipeline import IngestPipeline
from tests.conftest import make_settings
from tests.robustness.conftest import (
    MBO_POSTER,
    PO_POSTER,
    CachedEmbedder,
    assert_consistent,
    assert_document_is,
    chroma_ids,
    copy_corpus_files,
    edit_file,
    run_ingest_cli,
    run_python,
)

# Child program: once the store is open, replace one step of its write with a SIGKILL; run the ingest CLI.
KILL_AT = """
import os, signal, sys
from assistant import store
from ingest.cli import main

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

real_replace = os.replace
def die_on_commit(src, dst):  # let Chroma and bm25s rename their files; die at the snapshot rename
    if str(dst).endswith("snapshot.json"):
        die()
    real_replace(src, dst)

def arm():
    if sys.argv[1] == "snapshot":
        store.os.replace = die_on_commit
    else:
        setattr(store.PassageStore, sys.argv[1], die)

real_init = store.PassageStore.__init__
def open_then_arm(self, settings):  # the kill comes during the ingest, not while the store opens
    real_init(self, settings)
    arm()

store.PassageStore.__init__ = open_then_arm
sys.exit(main(sys.argv[2:]))
"""
STEPS = {
    "_commit": "vectors in Chroma, no snapshot written",
    "snapshot": "BM25 folder and temporary snapshot written, not renamed",
    "_remove_orphans": "snapshot committed, cleanup not done",
}


def kill_during_ingest(store_dir: Path, step: str, path: Path) -> None:
    proc = run_python(["-c", KILL_AT, step, "--json", str(path)], store_dir)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


@pytest.mark.parametrize("step", STEPS)
def test_next_run_after_a_kill_ingests_the_file_once(tmp_path: Path, step: str) -> None:
    store_dir = tmp_path / "store"
    (path,) = copy_corpus_files(tmp_path / "docs", MBO_POSTER)
    kill_during_ingest(store_dir, step, path)

    code, (line,) = run_ingest_cli(store_dir, str(path))

    assert code == 0
    # Once committed, the file is in the store: the rerun has nothing to do.
    assert line["status"] == ("unchanged" if step == "_remove_orphans" else "ok")
    store = PassageStore(make_settings(store_dir))
    assert_document_is(store, path)
    assert_consistent(store)


def test_vectors_no_snapshot_names_are_never_found_and_go_at_the_next_write(
    tmp_path: Path, embedder: CachedEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_dir = tmp_path / "store"
    mbo, po = copy_corpus_files(tmp_path / "docs", MBO_POSTER, PO_POSTER)
    assert run_ingest_cli(store_dir, str(mbo))[0] == 0
    store = PassageStore(make_settings(store_dir))  # open before the kill: opening cleans up
    edit_file(mbo, lambda text: text + "\nEen nieuwe alinea.\n")
    kill_during_ingest(store_dir, "_remove_orphans", mbo)  # the old version's vectors stay behind

    assert store.refresh()  # and re-opens Chroma: its index now holds both versions' vectors
    live = {p.id for p in store.passages}
    assert set(chroma_ids(store)) > live
    hits = HybridRetriever(store, embedder).search("Hoe werkt het team samen aan onderwijsverbetering?", k=20)
    assert hits and {h.passage.id for h in hits} <= live

    monkeypatch.setattr(store_module, "RETIRE_GRACE_S", 0.0)  # no search needs the old version any more
    assert IngestPipeline(store.settings, store=store, embedder=embedder).run(po).status == "ok"
    assert sorted(chroma_ids(store)) == sorted(p.id for p in store.passages)
    assert_consistent(store)


@pytest.mark.parametrize("step", STEPS)
def test_opening_the_store_removes_what_a_kill_left(tmp_path: Path, step: str) -> None:
    store_dir = tmp_path / "store"
    (path,) = copy_corpus_files(tmp_path / "docs", MBO_POSTER)
    assert run_ingest_cli(store_dir, str(path))[0] == 0
    edit_file(path, lambda text: text.replace("team", "schoolteam"))
    kill_during_ingest(store_dir, step, path)

    store = PassageStore(make_settings(store_dir))

    assert_consistent(store)
    assert [p.doc for p in store.passages] == [MBO_POSTER] * store.documents[MBO_POSTER].chunks
