"""The same ingest and search against a Chroma server (`chroma run` on loopback) through ``HttpClient``."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

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
    copy_corpus_files,
)
from ui.launch import LOOPBACK, free_port, stop

HOST = LOOPBACK  # the test server must never listen on the network
CHROMA = Path(sys.executable).with_name("chroma")


def http_client(port: int) -> chromadb.HttpClient:
    return chromadb.HttpClient(host=HOST, port=port, settings=ChromaSettings(anonymized_telemetry=False))


def wait_for_heartbeat(server: subprocess.Popen[bytes], port: int, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"chroma run stopped with exit code {server.returncode}")
        try:
            http_client(port).heartbeat()
            return
        except Exception:  # not listening yet
            time.sleep(0.2)
    raise TimeoutError(f"no Chroma heartbeat on {HOST}:{port} within {timeout_s} s")


@pytest.fixture
def chroma_port(tmp_path: Path) -> Iterator[int]:
    port = free_port()
    args = [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_heartbeat(server, port)
        yield port
    finally:
        stop(server)


@pytest.mark.slow
def test_ingest_and_search_through_a_chroma_server(
    tmp_path: Path, chroma_port: int, embedder: CachedEmbedder
) -> None:
    settings = make_settings(tmp_path / "store", chroma_host=HOST, chroma_port=chroma_port)
    store = PassageStore(settings)
    pipeline = IngestPipeline(settings, store=store, embedder=embedder)
    paths = copy_corpus_files(tmp_path / "docs", MBO_POSTER, PO_POSTER)
    assert [pipeline.run(path).status for path in paths] == ["ok", "ok"]

    for path in paths:
        assert_document_is(store, path)
    assert_consistent(store)
    # The vectors live in the server, not in the store folder.
    assert not (settings.store_dir / "chroma").exists()
    remote = http_client(chroma_port).get_collection(settings.collection)
    assert sorted(remote.get(include=[])["ids"]) == sorted(p.id for p in store.passages)

    hits = HybridRetriever(store, embedder).search(
        "Hoe werkt het team in het mbo aan onderwijsverbetering?", k=5
    )
    assert hits and {h.passage.doc for h in hits} == {MBO_POSTER}
    assert all(h.signals.dense_rank for h in hits[:3]), "dense results come from the server"
