"""Save a file a user uploads under the store's uploads folder, with a safe name, or refuse it in Dutch.

Usage::

    outcome = ingest_upload(IngestPipeline(settings), uploaded.name, uploaded.getvalue())
    outcome.ok, outcome.message   # True, "plan.pdf is toegevoegd (12 passages)."
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from assistant.settings import Settings
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import IngestPipeline

_MAX_STEM = 100  # characters; keeps names readable and far below file-system limits
# Letters and digits of any script, plus a few harmless separators; everything else becomes "-".
_UNSAFE = re.compile(r"[^\w .()+,-]+")
_DASHES = re.compile(r"-{2,}")


def safe_filename(filename: str) -> str:
    """A readable name without folders, control or separator characters; the suffix in lower case."""
    # Browsers may send "C:\\Users\\…\\x.pdf" or "../../x.pdf": keep only the last part of either.
    base = PureWindowsPath(PurePosixPath(filename).name).name
    base = unicodedata.normalize("NFC", base)
    # NFKC would map look-alike separators such as "∕" (U+2215) to "/"; strip them as unsafe instead.
    stem, suffix = os.path.splitext(base)
    stem = _DASHES.sub("-", _UNSAFE.sub("-", stem)).strip(" .-_")[:_MAX_STEM].rstrip(" .-_")
    return f"{stem or 'document'}{suffix.lower()}"


def _dutch_mb(megabytes: float) -> str:
    return f"{megabytes:g}".replace(".", ",")


def save_upload(filename: str, data: bytes, settings: Settings) -> Path:
    """Write ``data`` atomically to ``settings.uploads_dir`` under a sanitised name and return the path.

    An existing upload with the same name is replaced (so re-uploading a changed file updates it).
    """
    name = safe_filename(filename)
    suffix = Path(name).suffix
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(
            f'Het bestand "{name}" heeft een bestandstype dat niet wordt ondersteund. Ondersteund zijn: '
            f"{kinds}. Sla het op als een van deze typen en probeer opnieuw."
        )
    max_bytes = int(settings.max_file_mb * 1024 * 1024)
    if len(data) > max_bytes:
        size, limit = _dutch_mb(math.ceil(len(data) * 10 / 1024 / 1024) / 10), _dutch_mb(settings.max_file_mb)
        raise IngestError(
            f'Het bestand "{name}" is te groot ({size} MB; de grens is {limit} MB). '
            "Splits het op in kleinere delen of verklein de afbeeldingen erin, en probeer opnieuw."
        )
    folder = settings.uploads_dir.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / name).resolve()
    if target.parent != folder:  # defence in depth: safe_filename already removed every separator
        raise IngestError(
            f'De bestandsnaam "{filename}" is niet toegestaan. Geef het bestand een andere naam.'
        )
    tmp = folder / f".{uuid.uuid4().hex}.upload"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


@dataclass(frozen=True)
class UploadOutcome:
    """What to tell the person who uploaded: whether it worked, in Dutch."""

    ok: bool
    message: str


def ingest_upload(pipeline: IngestPipeline, filename: str, data: bytes) -> UploadOutcome:
    """Save an upload and ingest it; a file that fails is removed again, unless it backs a document."""
    try:
        path = save_upload(filename, data, pipeline.settings)
    except IngestError as err:
        return UploadOutcome(False, str(err))
    result = pipeline.run(path)
    if result.status == "failed":
        if path.name not in pipeline.store.documents:  # never remove the file behind an ingested document
            path.unlink(missing_ok=True)
        return UploadOutcome(False, result.error or "Het bestand kon niet worden ingelezen.")
    if result.status == "unchanged":  # the same file again, or a copy of another document
        return UploadOutcome(True, result.error or f"{path.name} stond er al in; er is niets veranderd.")
    passages = "passage" if result.chunks == 1 else "passages"
    return UploadOutcome(True, f"{path.name} is toegevoegd ({result.chunks} {passages}).")
