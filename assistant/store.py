"""The passage store: Chroma vectors plus a snapshot (manifest + passages) and its BM25 index.

The snapshot file is the commit point. A writer first adds the new passages to Chroma, then
replaces ``snapshot.json`` atomically, then deletes vectors no snapshot needs any more. Readers only
trust passages named in the snapshot, so a crash between two steps never shows stale or duplicate
passages; the next write, or the next process to open the store, removes orphaned vectors.

Each committed state is one immutable ``Snapshot``; a search takes it once and reads passages,
rows, BM25 and vectors from it, so a commit by another thread or process never mixes two states.
The snapshot holds its passages' e5 vectors as a matrix, read from Chroma once when it is loaded
(carried over from the previous snapshot when this process commits): a search multiplies it
rather than querying Chroma, which took a sixth of a warm search.
Superseded vectors are only *retired* (listed in the snapshot) at first and deleted by a commit
``RETIRE_GRACE_S`` later: a search that took the previous snapshot just before a commit still finds
all of its vectors.

Usage::

    store = PassageStore(get_settings())
    store.replace_document(record, passages, embed)           # one document, one commit
    with store.writing() as batch:                             # many documents, one commit
        batch.replace_document(record, passages, embed)
    snapshot = store.snapshot()                                # the latest committed state
    snapshot.passages, snapshot.documents, snapshot.lexical, snapshot.mask("mbo", "h6")
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import chromadb
import numpy as np
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError

from assistant.embedder import Embedder, build_second_embedder
from assistant.lexical import ANALYSER_VERSION, LexicalIndex, index_terms
from assistant.models import Passage
from assistant.query import STEP_WORD
from assistant.settings import Settings

SNAPSHOT = "snapshot.json"
# Analysed text per snapshot row, next to the BM25 index it was built from; named for the analyser,
# so tokens of another version are never reused.
TOKENS = f"tokens-v{ANALYSER_VERSION}.json"
SECOND = "second-vectors.npy"  # row-aligned vectors of the second dense model, beside the BM25 index
EmbedFn = Callable[[list[str]], Sequence[np.ndarray]]
Stamp = tuple[int, int, int]  # inode, mtime_ns, size of snapshot.json: a new commit changes it
T = TypeVar("T")
R = TypeVar("R")
log = logging.getLogger(__name__)

# A commit rewrites the snapshot and the BM25 index over the whole store. Committing once the batch
# holds a quarter of what is stored grows the commits geometrically, which keeps the total work of a
# large ingest linear in its size; the minimum keeps small stores from committing per file.
BATCH_MIN_PASSAGES = 2000
BATCH_SHARE = 0.25
RETIRE_GRACE_S = 60.0  # far longer than any search


@dataclass(frozen=True)
class DocumentRecord:
    """What the manifest knows about one ingested document."""

    doc: str
    sha256: str
    title: str
    sector: str | None
    chunks: int
    source: str
    # The passage format it was cut with (ingest.pipeline.passage_format); "" in older stores.
    passage_format: str = ""


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


def _frozen(values: Iterable[str]) -> np.ndarray:
    array = np.array(list(values), dtype=str)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)  # compared by identity: "is this still the snapshot I loaded?"
class Snapshot:
    """One committed state of the store; never changed after it is published."""

    version: str
    stamp: Stamp | None
    documents: Mapping[str, DocumentRecord]
    passages: tuple[Passage, ...]
    lexical: LexicalIndex | None
    collection: chromadb.Collection
    # Superseded vector id → when (time.time()): still in Chroma for searches on older snapshots.
    retired: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # The second dense model's vectors, one row per passage; None when it is switched off.
    second: np.ndarray | None = None
    # The e5 vectors, one row per passage (a zero row for a vector Chroma could not give).
    dense: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    rows: Mapping[str, int] = field(init=False)
    sectors: np.ndarray = field(init=False)  # per row; "" for documents meant for every sector
    aanbevelingen: np.ndarray = field(init=False)  # per row; "" outside the aanbevelingen

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: derived fields are set once, here
        set_(self, "rows", MappingProxyType({p.id: i for i, p in enumerate(self.passages)}))
        set_(self, "sectors", _frozen(p.sector or "" for p in self.passages))
        set_(self, "aanbevelingen", _frozen(p.aanbeveling or "" for p in self.passages))

    def row(self, passage_id: str) -> int | None:
        """Position of a passage in the snapshot (None for vectors the snapshot does not name)."""
        return self.rows.get(passage_id)

    def mask(self, sector: str | None, aanbeveling: str | None, step: int | None = None) -> np.ndarray:
        """Rows inside the scope a question names: that sector or all sectors, that aanbeveling, and
        the sections under that step's heading ("… › Stap 3: Stel speerpunten vast › …")."""
        keep = np.ones(len(self.passages), dtype=bool)
        if sector:
            keep &= (self.sectors == sector) | (self.sectors == "")
        if aanbeveling:
            keep &= self.aanbevelingen == aanbeveling
        if step:
            keep &= np.fromiter(
                (bool(_step_heading(p.section, step)) for p in self.passages), bool, len(keep)
            )
        return keep

    def step_heading(self, step: int, within: np.ndarray) -> str | None:
        """The heading of that step of the cycle as the rows ``within`` write it ("Stap 4: Voer uit, …")."""
        rows = np.flatnonzero(within)
        return next((h for r in rows if (h := _step_heading(self.passages[r].section, step))), None)


def _step_heading(section: str, step: int) -> str | None:
    """The heading in a section path ("… › Stap 3: Stel speerpunten vast › …") that names ``step``."""
    heads = (h.strip() for h in section.split("›"))
    return next((h for h in heads if re.match(rf"{STEP_WORD}\s+{step}\b", h, re.I)), None)


class WriteBatch:
    """Changes staged under the store's write lock; ``PassageStore.writing`` commits them together."""

    def __init__(self, base: Snapshot) -> None:
        self.base = base
        self._documents = dict(base.documents)
        self._staged: dict[str, list[Passage]] = {}  # new passages per document, in staging order
        self._dropped: set[str] = set()  # documents whose committed passages go
        self.vectors: dict[str, np.ndarray] = {}  # id → vector upserted in this batch
        self.pending = 0  # passages staged since the batch began

    @property
    def changed(self) -> bool:
        return bool(self._staged or self._dropped)

    @property
    def full(self) -> bool:
        return self.pending >= max(BATCH_MIN_PASSAGES, BATCH_SHARE * len(self.base.passages))

    @property
    def documents(self) -> Mapping[str, DocumentRecord]:
        """The documents as they will be after the commit."""
        return MappingProxyType(self._documents)

    def replace_document(
        self, record: DocumentRecord, passages: list[Passage], embed: EmbedFn, batch: int = 256
    ) -> None:
        """Make ``passages`` the only passages of ``record.doc`` (visible to readers at the commit)."""
        in_chroma = (self.base.rows, self.base.retired, self.vectors)
        new = [p for p in passages if not any(p.id in ids for ids in in_chroma)]
        for start in range(0, len(new), batch):
            part = new[start : start + batch]
            vectors = [np.asarray(v, dtype=np.float32) for v in embed([embedding_text(p) for p in part])]
            self.base.collection.upsert(
                ids=[p.id for p in part],
                embeddings=vectors,
                documents=[p.text for p in part],
                metadatas=[p.metadata() for p in part],
            )
            self.vectors.update(zip([p.id for p in part], vectors, strict=True))
        # Staged only once every vector is in Chroma: a failure above leaves the document as it was.
        self._staged[record.doc] = list(passages)
        self._documents[record.doc] = record
        self.pending += len(passages)

    def remove_document(self, doc: str) -> bool:
        """Forget a document; False if it was not in the store."""
        if doc not in self._documents:
            return False
        del self._documents[doc]
        self._staged.pop(doc, None)
        self._dropped.add(doc)
        return True

    def passages(self) -> list[Passage]:
        """The passages after the commit: untouched documents in place, staged ones after them."""
        touched = self._dropped | self._staged.keys()
        kept = [p for p in self.base.passages if p.doc not in touched]
        return kept + [p for staged in self._staged.values() for p in staged]

    def retire(self, live: set[str], now: float) -> tuple[dict[str, float], set[str]]:
        """Vectors to keep as retired, and vectors to delete now (known without scanning the collection).

        Vectors the base snapshot named are retired; so readers of it still find them. Vectors staged
        and replaced within this batch were never visible and go at once, as do retired ones past grace.
        """
        touched = self._dropped | self._staged.keys()
        retired = {pid: t for pid, t in self.base.retired.items() if pid not in live}
        retired |= {p.id: now for p in self.base.passages if p.doc in touched and p.id not in live}
        expired = {pid for pid, t in retired.items() if now - t >= RETIRE_GRACE_S}
        kept = {pid: t for pid, t in retired.items() if pid not in expired}
        return kept, expired | {pid for pid in self.vectors if pid not in live}


class PassageStore:
    """One consistent view of what is ingested; reloads itself when another process commits."""

    def __init__(self, settings: Settings, second_embedder: Embedder | None = None) -> None:
        """``second_embedder`` overrides the second dense model the settings name (benchmarks)."""
        self.settings = settings
        self.dir = settings.store_dir
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # publishes snapshots; searches never wait on it
        self._tokens: dict[str, str] = {}  # passage id → analysed text, so commits analyse new text only
        self._second: dict[str, np.ndarray] = {}  # passage id → second-model vector, likewise
        self._second_embedder = second_embedder
        empty = Snapshot("", None, MappingProxyType({}), (), None, self._fresh_collection())
        self._snapshot = self._load(empty, reopen=False)
        self._tidy()

    # -- reading -----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The latest committed state (reloaded first if another process committed)."""
        self.refresh()
        return self._snapshot

    def refresh(self) -> bool:
        """Load the latest snapshot if another process committed one; True if it changed.

        A stat call decides; the file is parsed only when it was replaced since the last load.
        """
        if _stamp(self.dir / SNAPSHOT) == self._snapshot.stamp:
            return False
        with self._lock:
            current = self._snapshot
            self._snapshot = self._load(current, reopen=True)
            return self._snapshot is not current

    def _load(self, current: Snapshot, reopen: bool) -> Snapshot:
        """The committed snapshot; ``current`` itself (restamped if need be) when that version is loaded."""
        attempts = 3
        while True:
            attempts -= 1
            stamp, data = _read_snapshot(self.dir / SNAPSHOT)
            if stamp == current.stamp:
                return current
            if data["version"] == current.version:
                return replace(current, stamp=stamp)
            passages = tuple(Passage(**p) for p in data["passages"])
            lexical = None
            # An index built by another analyser would not match the questions' terms: it is rebuilt
            # here, like a missing or broken one; the next ingest (the passage format asks for one) saves it.
            if passages and data.get("analyser") == ANALYSER_VERSION:
                try:
                    lexical = LexicalIndex.load(self.dir / f"bm25-{data['version']}")
                except (ValueError, OSError) as err:
                    if isinstance(err, FileNotFoundError) and attempts:
                        continue  # a newer commit removed this index after we read its snapshot
            second = self._load_second(data["version"], len(passages))
            if second is None and attempts and self._second_lost(data["version"], len(passages)):
                continue  # likewise for the second model's vectors
            if passages and lexical is None:
                lexical = LexicalIndex.build([index_terms(embedding_text(p)) for p in passages])
            documents = MappingProxyType({d: DocumentRecord(**r) for d, r in data["documents"].items()})
            collection = self._fresh_collection() if reopen else current.collection
            retired = MappingProxyType(data.get("retired", {}))
            dense = _dense_vectors(collection, passages, _by_id(current))
            return Snapshot(
                data["version"], stamp, documents, passages, lexical, collection, retired, second, dense
            )

    def _load_second(self, version: str, rows: int) -> np.ndarray | None:
        """The committed second-model vectors; None if absent or not aligned (a re-ingest makes them)."""
        if self.settings.second_embedder == "none" or not rows:
            return None
        try:
            vectors = np.load(self.dir / f"bm25-{version}" / SECOND)
        except (OSError, ValueError):
            return None
        return vectors if vectors.shape[0] == rows else None

    def _second_lost(self, version: str, rows: int) -> bool:
        """Were the snapshot's vectors removed by a newer commit (rather than never made)?"""
        return (
            bool(rows)
            and self.settings.second_embedder != "none"
            and not (self.dir / f"bm25-{version}").is_dir()
        )

    def _fresh_collection(self) -> chromadb.Collection:
        """A collection that sees what other processes wrote.

        An embedded Chroma client caches one System per path and process, with the HNSW index in
        memory: vectors another process adds stay invisible to its queries. Dropping the cache makes
        the next client read the index from disk; collections of earlier snapshots keep their own
        System (searches still using them finish) until nothing refers to it. A server is always current.
        """
        if not self.settings.chroma_host:
            SharedSystemClient.clear_system_cache()
        return open_collection(self.settings)

    @property
    def second_embedder(self) -> Embedder | None:
        """The second dense model (loaded on first use); the retriever embeds questions with it too."""
        if self._second_embedder is None and self.settings.second_embedder != "none":
            self._second_embedder = build_second_embedder(self.settings)
        return self._second_embedder

    @property
    def version(self) -> str:
        return self._snapshot.version

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self._snapshot.passages

    @property
    def documents(self) -> Mapping[str, DocumentRecord]:
        return self._snapshot.documents

    @property
    def lexical(self) -> LexicalIndex | None:
        return self._snapshot.lexical

    @property
    def collection(self) -> chromadb.Collection:
        return self._snapshot.collection

    def row(self, passage_id: str) -> int | None:
        """Position of a passage in the snapshot (None for vectors the snapshot does not name)."""
        return self._snapshot.row(passage_id)

    # -- writing -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def _write_lock(self, blocking: bool = True) -> Iterator[bool]:
        """The writer lock (across processes and threads); yields False if busy and not ``blocking``."""
        with open(self.dir / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writing(self) -> Iterator[WriteBatch]:
        """Stage writes under the lock; commit them all at the end (also when the block raises)."""
        with self._write_lock():
            self.refresh()
            batch = WriteBatch(self._snapshot)
            try:
                yield batch
            finally:
                if batch.changed:
                    self._commit(batch)

    def write_batches(self, items: Sequence[T], write: Callable[[WriteBatch, T], R]) -> Iterator[R]:
        """``write`` each item, committing whenever a batch is full; results come after their commit."""
        done = 0
        while done < len(items):
            results = []
            with self.writing() as batch:
                while done < len(items) and not batch.full:
                    results.append(write(batch, items[done]))
                    done += 1
            yield from results

    def replace_document(
        self, record: DocumentRecord, passages: list[Passage], embed: EmbedFn, batch: int = 256
    ) -> None:
        """Make ``passages`` the only passages of ``record.doc``, atomically for readers."""
        with self.writing() as staged:
            staged.replace_document(record, passages, embed, batch)

    def remove_document(self, doc: str) -> bool:
        """Forget a document; False if it was not in the store."""
        with self.writing() as batch:
            return batch.remove_document(doc)

    def _commit(self, batch: WriteBatch) -> None:
        passages = batch.passages()
        version = uuid.uuid4().hex
        tokens = self._analysed(batch.base, passages)
        lexical = second = None
        if passages:
            lexical = LexicalIndex.build([t.split() for t in tokens])
            lexical.save(self.dir / f"bm25-{version}")
            (self.dir / f"bm25-{version}" / TOKENS).write_text(
                json.dumps(tokens, ensure_ascii=False), encoding="utf-8"
            )
            second = self._second_vectors(batch.base, passages)
            if second is not None:
                np.save(self.dir / f"bm25-{version}" / SECOND, second)
        documents = dict(sorted(batch.documents.items()))
        retired, obsolete = batch.retire({p.id for p in passages}, time.time())
        snapshot = {
            "version": version,
            "analyser": ANALYSER_VERSION,
            "documents": {d: asdict(r) for d, r in documents.items()},
            "passages": [vars(p) for p in passages],  # flat dataclasses: vars() is asdict() without copying
            "retired": retired,
        }
        tmp = self.dir / f".{SNAPSHOT}.{version}.tmp"
        tmp.write_text(json.dumps(snapshot, ensure_ascii=False), encoding="utf-8")
        published = Snapshot(
            version,
            _stamp(tmp),
            MappingProxyType(documents),
            tuple(passages),
            lexical,
            batch.base.collection,
            MappingProxyType(retired),
            second,
            _dense_vectors(batch.base.collection, passages, _by_id(batch.base) | batch.vectors),
        )
        with self._lock:  # readers in this process wait rather than reload what we are publishing
            os.replace(tmp, self.dir / SNAPSHOT)  # the commit point
            self._snapshot = published
        self._tokens = dict(zip([p.id for p in passages], tokens, strict=True))
        if second is not None:
            self._second = dict(zip([p.id for p in passages], second, strict=True))
        self._remove_orphans(published, obsolete)

    def _analysed(self, base: Snapshot, passages: list[Passage]) -> list[str]:
        """Analysed text per passage: from memory, from the committed index's token file, or analysed now."""
        cache = self._tokens
        if any(p.id not in cache for p in base.passages):  # another process committed since our last write
            with contextlib.suppress(OSError, ValueError):
                saved = json.loads((self.dir / f"bm25-{base.version}" / TOKENS).read_text(encoding="utf-8"))
                cache.update(dict(zip([p.id for p in base.passages], saved, strict=True)))
        return [cache[p.id] if p.id in cache else " ".join(index_terms(embedding_text(p))) for p in passages]

    def _second_vectors(self, base: Snapshot, passages: list[Passage]) -> np.ndarray | None:
        """Second-model vectors per passage: from memory, from the committed snapshot, or embedded now."""
        embedder = self.second_embedder
        if embedder is None:
            return None
        cache = self._second
        if base.second is not None and any(p.id not in cache for p in base.passages):
            cache.update(zip([p.id for p in base.passages], base.second, strict=True))
        new = [p for p in passages if p.id not in cache]
        for start in range(0, len(new), 256):
            part = new[start : start + 256]
            cache.update(zip([p.id for p in part], embedder([embedding_text(p) for p in part]), strict=True))
        return np.stack([cache[p.id] for p in passages]).astype(np.float32)

    def _tidy(self) -> None:
        """Remove what a killed writer left behind, unless a writer is busy (it will clean up itself)."""
        with self._write_lock(blocking=False) as locked:
            if locked:
                self.refresh()
                self._remove_orphans(self._snapshot, set())

    def _remove_orphans(self, snapshot: Snapshot, obsolete: set[str]) -> None:
        """Delete vectors the snapshot neither names nor retires, and other snapshots' BM25 folders.

        The obsolete vector ids are known; a full scan of the collection runs only when its size
        shows that a crash left other vectors behind.
        """
        collection = snapshot.collection
        orphans = sorted(obsolete)
        if collection.count() - len(orphans) != len(snapshot.passages) + len(snapshot.retired):
            known = snapshot.rows.keys() | snapshot.retired.keys()
            orphans = sorted(set(collection.get(include=[])["ids"]) - known)
        for start in range(0, len(orphans), 5000):
            collection.delete(ids=orphans[start : start + 5000])
        for folder in self.dir.glob("bm25-*"):
            if folder.name != f"bm25-{snapshot.version}":
                shutil.rmtree(folder, ignore_errors=True)
        for tmp in self.dir.glob(f".{SNAPSHOT}.*.tmp"):
            tmp.unlink(missing_ok=True)


def _by_id(snapshot: Snapshot) -> dict[str, np.ndarray]:
    """The snapshot's e5 vectors by passage id."""
    return dict(zip([p.id for p in snapshot.passages], snapshot.dense, strict=False))


def _dense_vectors(
    collection: chromadb.Collection, passages: Sequence[Passage], known: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Row-aligned e5 vectors: ``known`` ones, the rest read from Chroma.

    A vector Chroma cannot give (mid-update in another process) becomes a zero row: that passage is
    then found by BM25 alone until the next snapshot, rather than the store failing to open.
    """
    missing = [p.id for p in passages if p.id not in known]
    found = dict(known)
    for start in range(0, len(missing), 5000):
        ids = missing[start : start + 5000]
        for attempt in range(3):
            try:
                got = collection.get(ids=ids, include=["embeddings"])
            except ChromaError as err:
                log.warning("Vectoren lezen mislukt (poging %d): %s", attempt + 1, err)
                time.sleep(0.05 * (attempt + 1))
                continue
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
            break
    if not passages:
        return np.zeros((0, 0), dtype=np.float32)
    width = len(next(iter(found.values()))) if found else 1
    zero = np.zeros(width, dtype=np.float32)
    return np.stack([found.get(p.id, zero) for p in passages]).astype(np.float32, copy=False)


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _read_snapshot(path: Path) -> tuple[Stamp | None, dict[str, Any]]:
    """The snapshot and the stamp of the very file read (it may be replaced meanwhile)."""
    try:
        with path.open(encoding="utf-8") as fh:
            st = os.fstat(fh.fileno())
            return (st.st_ino, st.st_mtime_ns, st.st_size), json.load(fh)
    except FileNotFoundError:
        return None, {"version": "", "documents": {}, "passages": []}
