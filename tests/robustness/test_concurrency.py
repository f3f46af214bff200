"""Searching while another thread or process ingests: no errors, every result set from one committed snapshot.

The store holds the mbo poster; a writer repeatedly adds and removes the po poster. Each question has
exactly two correct result lists (without and with the po poster), computed before the race starts;
the stores are small enough (15 passages) that dense search is exact, so results are deterministic.
A search reads one immutable snapshot, whose vectors stay in Chroma (retired) for a grace period after
a commit supersedes them; a process that sees another's commit re-opens its embedded Chroma client,
whose in-memory index would otherwise miss the vectors the other process added.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.retriever import HybridRetriever
from assistant.runtime import Core
from assistant.store import PassageStore
from ingest.pipeline import IngestPipeline
from tests.robustness.conftest import (
    MBO_POSTER,
    PO_POSTER,
    CachedEmbedder,
    copy_corpus_files,
    python_env,
    run_ingest_cli,
    small_core,
)

QUESTIONS = (
    "Hoe betrek je het team bij onderwijsverbetering?",
    "Wat zegt h6 over borgen in het mbo?",
    "Welke stappen zet een school in het po?",
)
CYCLES = 4
Expected = dict[str, tuple[list[str], list[str]]]

# A reader process: searches in a loop until told to stop (stdin closes), one JSON line per search.
READER = """
import json, sys, threading
from assistant.runtime import Core
from assistant.settings import get_settings
core = Core.from_settings(get_settings())
questions = json.loads(sys.argv[1])
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
print("ready", flush=True)
while not stop.is_set():
    for q in questions:
        print(json.dumps([q, [h.passage.id for h in core.retriever.search(q, k=5)]]), flush=True)
"""


def search_ids(core: Core, question: str) -> list[str]:
    return [h.passage.id for h in core.retriever.search(question, k=5)]


@pytest.fixture
def race(tmp_path: Path, embedder: CachedEmbedder) -> tuple[Core, Callable[[], None], Expected]:
    """A core holding the mbo poster, a writer toggling the po poster, the two valid results per question."""
    core = small_core(tmp_path, embedder, MBO_POSTER)
    (po,) = copy_corpus_files(tmp_path / "docs", PO_POSTER)
    writer_store = PassageStore(core.settings)  # the writer's own view, as in another session
    pipeline = IngestPipeline(core.settings, store=writer_store, embedder=embedder)
    without = {q: search_ids(core, q) for q in QUESTIONS}
    assert pipeline.run(po).status == "ok"
    expected = {q: (without[q], search_ids(core, q)) for q in QUESTIONS}
    assert writer_store.remove_document(PO_POSTER)

    def write() -> None:
        for _ in range(CYCLES):
            assert pipeline.run(po).status == "ok"
            assert writer_store.remove_document(PO_POSTER)

    return core, write, expected


def test_threads_sharing_one_core_search_while_another_thread_ingests(
    race: tuple[Core, Callable[[], None], Expected],
) -> None:
    core, write, expected = race
    done = threading.Event()
    results: list[tuple[str, list[str]]] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not done.is_set():
                results.extend((q, search_ids(core, q)) for q in QUESTIONS)
        except BaseException as err:  # reported below; a thread's exception would otherwise vanish
            errors.append(err)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        write()
    finally:
        done.set()
        for thread in readers:
            thread.join()
    assert not errors, errors
    assert not mismatches(results, expected)


def test_processes_search_while_another_process_ingests(
    race: tuple[Core, Callable[[], None], Expected],
) -> None:
    core, write, expected = race
    store_dir = core.settings.store_dir
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, json.dumps(QUESTIONS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=store_dir.parent,
            env=python_env(store_dir),
        )
        for _ in range(2)
    ]
    for reader in readers:
        assert reader.stdout.readline() == "ready\n", reader.stderr.read()
    write()
    outputs = [reader.communicate("", timeout=60) for reader in readers]
    assert [reader.returncode for reader in readers] == [0, 0], [err for _, err in outputs]
    results = [json.loads(line) for out, _ in outputs for line in out.splitlines()]
    known = {pid for q in QUESTIONS for ids in expected[q] for pid in ids}
    assert all(set(ids) <= known for _, ids in results), "a result names a passage no snapshot had"
    assert not mismatches(results, expected)


def test_a_running_process_finds_by_vector_what_another_process_added(
    tmp_path: Path, embedder: CachedEmbedder
) -> None:
    core = small_core(tmp_path, embedder, MBO_POSTER)
    question = QUESTIONS[0]
    assert search_ids(core, question)  # Chroma now holds this store's vector index in memory
    (po,) = copy_corpus_files(tmp_path / "docs", PO_POSTER)
    assert run_ingest_cli(core.settings.store_dir, str(po))[0] == 0

    hits = core.retriever.search(question, k=15)

    fresh = HybridRetriever(PassageStore(core.settings), embedder).search(question, k=15)
    assert [h.passage.id for h in hits] == [h.passage.id for h in fresh]
    assert {h.passage.doc for h in hits} == {MBO_POSTER, PO_POSTER}
    # Chroma's top list holds every vector it can see here (15 passages): the po poster's are among them.
    assert all(h.signals.dense_rank is not None for h in hits)


def mismatches(results: list[tuple[str, list[str]]], expected: Expected) -> list[tuple[str, list[str]]]:
    assert results
    return [(q, ids) for q, ids in results if ids not in expected[q]]
