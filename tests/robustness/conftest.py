"""Helpers for the robustness tests: small real stores, store invariants, the ingest CLI in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.embedder import E5Embedder, Embedder
from assistant.models import Passage
from assistant.runtime import Core
from assistant.settings import ROOT, Settings
from assistant.store import PassageStore
from ingest.loaders import load_document
from ingest.metadata import CATALOGUE
from ingest.pipeline import IngestPipeline, build_passages
from tests.conftest import CORPUS, make_settings

# The two smallest corpus files (7 and 8 passages): real text, a few seconds to embed.
MBO_POSTER = "mbo-poster-werken-aan-onderwijsverbetering.txt"
PO_POSTER = "po-poster-werken-aan-onderwijsverbetering.txt"


def copy_corpus_files(folder: Path, *names: str) -> list[Path]:
    """Copy corpus files (and the catalogue with their titles and sectors) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / CATALOGUE, folder / CATALOGUE)
    return [Path(shutil.copy(CORPUS / name, folder / name)) for name in names]


def edit_file(path: Path, change: Callable[[str], str]) -> None:
    """Change the text of a copied corpus file (the copies are read-only, like the corpus)."""
    path.chmod(0o644)
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


class CachedEmbedder:
    """The real e5 embedder, remembering vectors: these tests ingest the same posters again and again."""

    name = E5Embedder.name

    def __init__(self) -> None:
        self._model = E5Embedder()
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, input: list[str]) -> list[np.ndarray]:
        missing = [t for t in dict.fromkeys(input) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._model(missing), strict=True))
        return [self._cache[t] for t in input]

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._cache:
            self._cache[text] = self._model.embed_query(text)
        return self._cache[text]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.embed_query(t) for t in texts])


@pytest.fixture(scope="session")
def embedder() -> CachedEmbedder:
    return CachedEmbedder()


def small_core(tmp_path: Path, embedder: Embedder, *names: str) -> Core:
    """A Core over a fresh store in ``tmp_path/store`` holding the named corpus files."""
    core = Core.from_settings(make_settings(tmp_path / "store"))
    pipeline = IngestPipeline(core.settings, store=core.store, embedder=embedder)
    for path in copy_corpus_files(tmp_path / "docs", *names):
        assert pipeline.run(path).status == "ok"
    return core


def expected_passages(path: Path, settings: Settings) -> list[Passage]:
    """What one file should contribute to the store, computed independently of the store."""
    return build_passages(load_document(path), settings)


def chroma_ids(store: PassageStore) -> list[str]:
    return store.collection.get(include=[])["ids"]


def assert_consistent(store: PassageStore) -> None:
    """Store invariants: Chroma holds the snapshot's unique ids plus the retired ones (superseded, kept
    for searches still reading the previous snapshot), manifest counts right, no other leftovers."""
    snapshot = store.snapshot()
    ids = [p.id for p in snapshot.passages]
    assert len(ids) == len(set(ids)), "duplicate passage ids in the snapshot"
    assert not snapshot.retired.keys() & set(ids), "a retired vector is live"
    assert sorted(chroma_ids(store)) == sorted([*ids, *snapshot.retired]), "orphan or missing vectors"
    documents = snapshot.documents
    per_doc = {doc: sum(p.doc == doc for p in snapshot.passages) for doc in documents}
    assert per_doc == {doc: rec.chunks for doc, rec in documents.items()}
    assert {p.doc for p in snapshot.passages} == set(documents)
    folders = {f.name for f in store.dir.glob("bm25-*")}
    assert folders == ({f"bm25-{snapshot.version}"} if snapshot.passages else set())
    assert not list(store.dir.glob(".snapshot.json.*.tmp"))


def assert_document_is(store: PassageStore, path: Path) -> None:
    """The store holds exactly the passages ``path`` yields, once, in order."""
    stored = [p for p in store.passages if p.doc == path.name]
    assert stored == expected_passages(path, store.settings)


def run_ingest_cli(store_dir: Path, *args: str, **env: str) -> tuple[int, list[dict]]:
    """``python -m ingest --json ARGS`` in a subprocess on ``store_dir``; exit code and one dict per file."""
    proc = run_python(["-m", "ingest", "--json", *args], store_dir, **env)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def python_env(store_dir: Path, **env: str) -> dict[str, str]:
    """Environment for a child ``python`` on ``store_dir``: only the LEIDRAAD_* variables given here.

    Children run with ``cwd=store_dir.parent``, outside the repository, so the developer's ``.env`` is unread.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
    return environ | {"PYTHONPATH": str(ROOT), "LEIDRAAD_STORE_DIR": str(store_dir), **env}


def run_python(args: list[str], store_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=store_dir.parent,
        env=python_env(store_dir, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )
