"""Ingest one file: load, parse structure, chunk, index — or fail alone with a Dutch message.

Usage::

    pipeline = IngestPipeline(get_settings())
    result = pipeline.run(Path("corpus/leidraad.pdf"))
    result.status, result.chunks, result.error   # "ok" | "unchanged" | "failed"
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.embedder import Embedder, build_embedder
from assistant.models import Passage
from assistant.settings import Settings
from assistant.store import DocumentRecord, PassageStore
from ingest.chunking import chunk_paragraphs
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, load_document
from ingest.metadata import CATALOGUE, describe_document
from ingest.structure import parse_structure

Status = Literal["ok", "unchanged", "failed"]


@dataclass(frozen=True)
class IngestResult:
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


def build_passages(loaded: LoadedDocument, settings: Settings) -> list[Passage]:
    """Structure-aware passages with stable ids (content hash of file, position and text)."""
    info = describe_document(loaded.path, "\n".join(p.text for p in loaded.pages[:3]))
    paragraphs = parse_structure(loaded.pages)
    chunks = chunk_paragraphs(paragraphs, settings.chunk_target_chars, settings.chunk_max_chars)
    doc = loaded.path.name
    passages = []
    for order, chunk in enumerate(chunks):
        digest = hashlib.sha1(f"{loaded.sha256}|{order}|{chunk.text}".encode()).hexdigest()[:16]
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

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = build_embedder(self.settings)
        return self._embedder

    def run(self, path: Path) -> IngestResult:
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
            current = self.store.documents.get(path.name)
            if current is not None and current.sha256 == loaded.sha256:
                return IngestResult(path, "unchanged", current.chunks)
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
            )
            self.store.replace_document(record, passages, self.embedder)
            return IngestResult(path, "ok", len(passages))
        except IngestError as err:
            return IngestResult(path, "failed", error=str(err))
