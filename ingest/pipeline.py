"""Ingest one file: load, parse structure, chunk, index — or fail alone with a Dutch message.

Usage::

    pipeline = IngestPipeline(get_settings())
    result = pipeline.run(Path("corpus/leidraad.pdf"))
    result.status, result.chunks, result.error   # "ok" | "unchanged" | "failed"
    for result in pipeline.run_many(paths): ...  # one commit per batch of files, not per file
    pipeline.outdated(paths)                      # files the store lacks or holds in another version
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import assistant.definitions
import ingest.chunking
import ingest.cleaning
import ingest.loaders
import ingest.metadata
import ingest.structure
from assistant.embedder import Embedder, build_embedder
from assistant.lexical import ANALYSER_VERSION
from assistant.models import Passage
from assistant.settings import Settings
from assistant.store import DocumentRecord, PassageStore, WriteBatch
from ingest.chunking import chunk_paragraphs
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, load_document
from ingest.metadata import CATALOGUE, catalogued, describe_document
from ingest.structure import parse_structure

Status = Literal["ok", "unchanged", "failed"]


@dataclass(frozen=True)
class IngestResult:
    """``error`` says why a file failed, or why an unchanged file was not taken in (a duplicate)."""

    path: Path
    status: Status
    chunks: int = 0
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"file": str(self.path), "status": self.status, "chunks": self.chunks, "error": self.error}


def collect_files(paths: list[Path]) -> list[Path]:
    """Files to ingest: files as given, folders walked (skipping hidden files and the catalogue)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                f
                for f in sorted(path.rglob("*"))
                if f.is_file() and not f.name.startswith(".") and f.name != CATALOGUE
            )
        else:
            files.append(path)
    return files


# The code that decides what a passage holds: when it changes, stored passages are cut again.
_PASSAGE_CODE = (
    ingest.loaders,
    ingest.cleaning,
    ingest.structure,
    ingest.chunking,
    ingest.metadata,
    assistant.definitions,
)


@cache
def _passage_code_digest() -> str:
    sources = [Path(module.__file__ or "").read_bytes() for module in _PASSAGE_CODE]
    return hashlib.sha256(b"\0".join(sources)).hexdigest()


def passage_format(settings: Settings) -> str:
    """A fingerprint of how files become passages: parsing and chunking code, chunk sizes, analyser.

    The manifest keeps it per document, so a store cut by an older version is re-ingested rather
    than reported "unchanged" (which would keep the old passages for good).
    """
    # The analyser too: re-ingesting is what saves a BM25 index (and tokens) built by the current one.
    chunks = f"{settings.chunk_target_chars}|{settings.chunk_max_chars}"
    key = f"{_passage_code_digest()}|{chunks}|{ANALYSER_VERSION}|{settings.second_embedder}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def build_passages(loaded: LoadedDocument, settings: Settings) -> list[Passage]:
    """Structure-aware passages with stable ids (hash of the file, position, context and text)."""
    info = describe_document(loaded.path, "\n".join(p.text for p in loaded.pages[:3]))
    paragraphs = parse_structure(loaded.pages)
    chunks = chunk_paragraphs(paragraphs, settings.chunk_target_chars, settings.chunk_max_chars)
    doc = loaded.path.name
    passages = []
    for order, chunk in enumerate(chunks):
        # Everything the vector is computed from (see store.embedding_text): a vector is reused for
        # an id only while it still fits.
        key = f"{loaded.sha256}|{order}|{info.title}|{chunk.section}|{chunk.text}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:16]
        passages.append(
            Passage(
                id=f"{doc[:40]}-{digest}",
                text=chunk.text,
                doc=doc,
                title=info.title,
                sector=info.sector,
                aanbeveling=chunk.aanbeveling,
                section=chunk.section,
                page=chunk.page,
                order=order,
            )
        )
    return passages


class IngestPipeline:
    """Loads, chunks and indexes files into one ``PassageStore``; one failure never stops the rest."""

    def __init__(
        self, settings: Settings, store: PassageStore | None = None, embedder: Embedder | None = None
    ):
        self.settings = settings
        self.store = store or PassageStore(settings)
        self._embedder = embedder
        self.passage_format = passage_format(settings)

    def outdated(self, files: Sequence[Path]) -> list[Path]:
        """The ``files`` the store lacks, holds with other bytes, cut with another passage format,
        or under another title or sector than the folder's catalogue now gives.

        Only hashing, no parsing: cheap enough for every start of the app. Unreadable files count
        as outdated (ingesting them reports why).
        """
        documents = self.store.documents
        return [path for path in files if not self._current(path, documents.get(path.name), _sha256(path))]

    def _current(self, path: Path, record: DocumentRecord | None, sha256: str | None) -> bool:
        if record is None or record.sha256 != sha256 or record.passage_format != self.passage_format:
            return False
        info = catalogued(path)
        return info is None or (info.title, info.sector) == (record.title, record.sector)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = build_embedder(self.settings)
        return self._embedder

    def run(self, path: Path) -> IngestResult:
        """Ingest one file and commit it."""
        (result,) = self.run_many([path])
        return result

    def run_many(
        self, paths: Sequence[Path], progress: Callable[[], object] | None = None
    ) -> Iterator[IngestResult]:
        """Ingest files with one commit per batch; each result comes once its batch is committed.

        ``progress`` is called after each file, before the commit that makes it visible.
        """

        def ingest(batch: WriteBatch, path: Path) -> IngestResult:
            result = self._ingest(batch, path)
            if progress is not None:
                progress()
            return result

        return self.store.write_batches(paths, ingest)

    def _ingest(self, batch: WriteBatch, path: Path) -> IngestResult:
        try:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES and path.is_file():
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                raise IngestError(
                    f'"{path.name}" heeft een bestandstype dat niet wordt ondersteund. Gebruik {kinds}.'
                )
            loaded = load_document(
                path,
                max_bytes=int(self.settings.max_file_mb * 1024 * 1024),
                max_pages=self.settings.max_pages,
            )
            current = batch.documents.get(path.name)
            if current is not None and self._current(path, current, loaded.sha256):
                return IngestResult(path, "unchanged", current.chunks)
            original = next(
                (r.doc for r in batch.documents.values() if r.sha256 == loaded.sha256 and r.doc != path.name),
                None,
            )
            if original is not None:
                # Documents are known by name; a copy under another name would cite every passage twice.
                # A file that now equals another document no longer holds its old text: that goes.
                batch.remove_document(path.name)
                return IngestResult(
                    path, "unchanged", error=f'Zelfde inhoud als "{original}"; niet opnieuw opgenomen.'
                )
            passages = build_passages(loaded, self.settings)
            if not passages:
                raise IngestError(
                    f'In "{path.name}" staat geen bruikbare tekst. Controleer het bestand en probeer opnieuw.'
                )
            first = passages[0]
            record = DocumentRecord(
                doc=path.name,
                sha256=loaded.sha256,
                title=first.title,
                sector=first.sector,
                chunks=len(passages),
                source=str(path),
                passage_format=self.passage_format,
            )
            batch.replace_document(record, passages, self.embedder)
            return IngestResult(path, "ok", len(passages))
        except IngestError as err:
            return IngestResult(path, "failed", error=str(err))


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
