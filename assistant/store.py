"""The passage store: Chroma vectors plus a snapshot (manifest + passages) and its BM25 index.

The snapshot file is the commit point. A writer first adds the new passages to Chroma, then
replaces ``snapshot.json`` atomically, then deletes the superseded vectors. Readers only trust
passages named in the snapshot, so a crash between two steps never shows stale or duplicate
passages, and the next write removes any orphaned vectors.

Usage::

    store = PassageStore(get_settings())
    store.replace_document("leidraad.pdf", sha256, passages, embed)
    store.passages, store.documents, store.lexical
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from assistant.lexical import LexicalIndex
from assistant.models import Passage
from assistant.settings import Settings

SNAPSHOT = "snapshot.json"
EmbedFn = Callable[[list[str]], Sequence[np.ndarray]]


@dataclass(frozen=True)
class DocumentRecord:
    """What the manifest knows about one ingested document."""

    doc: str
    sha256: str
    title: str
    sector: str | None
    chunks: int
    source: str


def embedding_text(p: Passage) -> str:
    """What the embedder and BM25 see: the passage with its title and heading path as context."""
    return f"{p.title}. {p.section}\n{p.text}" if p.section else f"{p.title}\n{p.text}"


def open_collection(settings: Settings) -> chromadb.Collection:
    """Embedded PersistentClient by default; HttpClient when LEIDRAAD_CHROMA_HOST is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        client = chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    else:
        (settings.store_dir / "chroma").mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(settings.store_dir / "chroma"), settings=chroma_settings)
    return client.get_or_create_collection(
        settings.collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
    )


class PassageStore:
    """One consistent view of what is ingested; reloads itself when another process commits."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir = settings.store_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.collection = open_collection(settings)
        self._loaded_version: str | None = None
        self._passages: list[Passage] = []
        self._documents: dict[str, DocumentRecord] = {}
        self._lexical: LexicalIndex | None = None
        self._rows: dict[str, int] = {}
        self.refresh()

    # -- reading -----------------------------------------------------------------------------
    def _read_snapshot(self) -> dict[str, Any]:
        path = self.dir / SNAPSHOT
        if not path.exists():
            return {"version": "", "documents": {}, "passages": []}
        return json.loads(path.read_text(encoding="utf-8"))

    def refresh(self) -> bool:
        """Load the latest snapshot if another process committed one; True if it changed."""
        snap = self._read_snapshot()
        if snap["version"] == self._loaded_version:
            return False
        self._documents = {d: DocumentRecord(**rec) for d, rec in snap["documents"].items()}
        self._passages = [Passage(**p) for p in snap["passages"]]
        self._rows = {p.id: i for i, p in enumerate(self._passages)}
        self._lexical = None
        if snap["version"]:
            with contextlib.suppress(FileNotFoundError, ValueError, OSError):
                self._lexical = LexicalIndex.load(self.dir / f"bm25-{snap['version']}")
        if self._lexical is None and self._passages:
            self._lexical = LexicalIndex.build([embedding_text(p) for p in self._passages])
        self._loaded_version = snap["version"]
        return True

    @property
    def version(self) -> str:
        return self._loaded_version or ""

    @property
    def passages(self) -> list[Passage]:
        return self._passages

    @property
    def documents(self) -> dict[str, DocumentRecord]:
        return self._documents

    @property
    def lexical(self) -> LexicalIndex | None:
        return self._lexical

    def row(self, passage_id: str) -> int | None:
        """Position of a passage in the snapshot (None for vectors the snapshot does not name)."""
        return self._rows.get(passage_id)

    # -- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        with open(self.dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def replace_document(
        self, record: DocumentRecord, passages: list[Passage], embed: EmbedFn, batch: int = 256
    ) -> None:
        """Make ``passages`` the only passages of ``record.doc``, atomically for readers."""
        with self._write_lock():
            self.refresh()
            old_ids = {p.id for p in self._passages if p.doc == record.doc}
            new = [p for p in passages if p.id not in old_ids]
            for start in range(0, len(new), batch):
                part = new[start : start + batch]
                vectors = embed([embedding_text(p) for p in part])
                self.collection.upsert(
                    ids=[p.id for p in part],
                    embeddings=[np.asarray(v, dtype=np.float32) for v in vectors],
                    documents=[p.text for p in part],
                    metadatas=[p.metadata() for p in part],
                )
            kept = [p for p in self._passages if p.doc != record.doc]
            documents = {d: r for d, r in self._documents.items() if d != record.doc}
            documents[record.doc] = record
            self._commit(documents, kept + passages)

    def remove_document(self, doc: str) -> bool:
        """Forget a document; False if it was not in the store."""
        with self._write_lock():
            self.refresh()
            if doc not in self._documents:
                return False
            documents = {d: r for d, r in self._documents.items() if d != doc}
            self._commit(documents, [p for p in self._passages if p.doc != doc])
            return True

    def _commit(self, documents: dict[str, DocumentRecord], passages: list[Passage]) -> None:
        version = uuid.uuid4().hex
        lexical = LexicalIndex.build([embedding_text(p) for p in passages]) if passages else None
        if lexical is not None:
            lexical.save(self.dir / f"bm25-{version}")
        snapshot = {
            "version": version,
            "documents": {d: asdict(r) for d, r in sorted(documents.items())},
            "passages": [asdict(p) for p in passages],
        }
        tmp = self.dir / f".{SNAPSHOT}.{version}.tmp"
        tmp.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.dir / SNAPSHOT)  # the commit point
        self._remove_orphans({p.id for p in passages}, keep_version=version)
        self.refresh()

    def _remove_orphans(self, live_ids: set[str], keep_version: str) -> None:
        """Delete vectors and BM25 folders that no snapshot names any more (also after a crash)."""
        stored = set(self.collection.get(include=[])["ids"])
        orphans = sorted(stored - live_ids)
        for start in range(0, len(orphans), 5000):
            self.collection.delete(ids=orphans[start : start + 5000])
        for folder in self.dir.glob("bm25-*"):
            if folder.name != f"bm25-{keep_version}":
                shutil.rmtree(folder, ignore_errors=True)
        for tmp in self.dir.glob(f".{SNAPSHOT}.*.tmp"):
            tmp.unlink(missing_ok=True)
