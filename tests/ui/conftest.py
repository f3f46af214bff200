"""A small ingested test store (two posters) shared by the UI tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.runtime import Core
from assistant.settings import get_settings
from ingest.pipeline import IngestPipeline
from tests.conftest import CORPUS, make_settings

POSTERS = ["mbo-poster-werken-aan-onderwijsverbetering.txt", "po-poster-werken-aan-onderwijsverbetering.txt"]


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(store_dir, corpus_dir): a corpus folder with the two posters and a store holding both."""
    corpus = tmp_path_factory.mktemp("ui-corpus")
    for name in POSTERS:
        shutil.copy(CORPUS / name, corpus / name)
    store_dir = tmp_path_factory.mktemp("ui-store")
    settings = make_settings(store_dir)
    core = Core.from_settings(settings)
    pipeline = IngestPipeline(settings, store=core.store, embedder=core.embedder)
    for name in POSTERS:
        assert pipeline.run(corpus / name).status == "ok"
    return store_dir, corpus


@pytest.fixture
def ui_env(ui_store: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point the app's settings at the test store (offline answers, no .env LLM)."""
    store_dir, corpus = ui_store
    monkeypatch.setenv("LEIDRAAD_STORE_DIR", str(store_dir))
    monkeypatch.setenv("LEIDRAAD_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("LEIDRAAD_LLM_PROVIDER", "none")
    get_settings.cache_clear()
    yield store_dir, corpus
    get_settings.cache_clear()
