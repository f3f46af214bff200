"""Is the store up to date with the bundled documents? Used at start-up to decide what to ingest.

A file is outdated when the store holds no document of that name, or holds it with other bytes
(the manifest keeps the sha256 of the ingested file). Only hashing, no parsing: cheap on every start.

Usage::

    files = outdated(collect_files([settings.corpus_dir]), core.store)   # [] when up to date
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant.store import PassageStore


def outdated(files: list[Path], store: PassageStore) -> list[Path]:
    """The ``files`` the store lacks or holds in another version (unreadable files count as outdated)."""
    documents = store.documents
    return [
        path
        for path in files
        if (record := documents.get(path.name)) is None or record.sha256 != _sha256(path)
    ]


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None  # the pipeline reports why it cannot read the file
