"""Shared fixtures: one real store with the bundled corpus, ingested once per test session; one real
Frog server (Dutch analysis) for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.dutch import DutchAnalyser, FrogServer, use_analyser
from assistant.runtime import Core
from assistant.settings import ROOT, Settings
from ingest.pipeline import IngestPipeline, collect_files

CORPUS = ROOT / "corpus"


def make_settings(store_dir: Path, **overrides: object) -> Settings:
    """Settings for a test store; never reads the developer's .env."""
    return Settings(_env_file=None, store_dir=store_dir, corpus_dir=CORPUS, **overrides)


@pytest.fixture(scope="session")
def corpus_core(tmp_path_factory: pytest.TempPathFactory) -> Core:
    """A Core over a fresh store holding the whole bundled corpus (real Chroma, real e5, real BM25)."""
    settings = make_settings(tmp_path_factory.mktemp("corpus-store"))
    core = Core.from_settings(settings)
    pipeline = IngestPipeline(settings, store=core.store, embedder=core.embedder)
    for path in collect_files([CORPUS]):
        result = pipeline.run(path)
        assert result.status == "ok", result
    return core


@pytest.fixture(scope="session")
def frog_port() -> Iterator[int]:
    """A real Frog server on a free port, started as the app starts it (`make test` installs Frog)."""
    server = FrogServer(start_timeout_s=300)  # the session may share 2 cores with other test runs
    port = server.start()
    yield port
    server.stop()


@pytest.fixture(scope="session")
def frog(frog_port: int) -> Iterator[DutchAnalyser]:
    """This process's Dutch analyser, talking to the session's Frog server (flows use it)."""
    nlp = DutchAnalyser(port=frog_port)
    use_analyser(nlp)
    yield nlp
    nlp.close()
