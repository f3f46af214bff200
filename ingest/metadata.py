"""Document-level metadata: title and sector (po/vo/mbo or none).

A folder may hold a ``catalogus.json`` that names them per file (the bundled corpus does);
otherwise they are inferred from the file name and the text.

Usage::

    info = describe_document(Path("corpus/mbo-poster.txt"), first_text)
    info.title, info.sector
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

CATALOGUE = "catalogus.json"

_SECTOR_PATTERNS = {
    "po": re.compile(r"\b(po|primair onderwijs|basisschool|basisscholen|leerkrachten?)\b", re.I),
    "vo": re.compile(r"\b(vo|voortgezet onderwijs|havo|vwo|vmbo)\b", re.I),
    "mbo": re.compile(r"\b(mbo|middelbaar beroepsonderwijs|studenten)\b", re.I),
}


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    sector: str | None


def _catalogue_entry(path: Path) -> dict[str, str | None] | None:
    catalogue = path.parent / CATALOGUE
    if not catalogue.is_file():
        return None
    try:
        return json.loads(catalogue.read_text(encoding="utf-8")).get(path.name)
    except (json.JSONDecodeError, OSError, AttributeError):
        return None


def guess_sector(name: str, text: str) -> str | None:
    """Sector from the file name, else from which sector's words clearly dominate the text."""
    tokens = set(re.split(r"[^a-z]+", name.lower()))
    for sector in ("mbo", "po", "vo"):
        if sector in tokens:
            return sector
    counts = {s: len(p.findall(text)) for s, p in _SECTOR_PATTERNS.items()}
    best = max(counts, key=lambda s: counts[s])
    ranked = sorted(counts.values(), reverse=True)
    return best if ranked[0] >= 5 and ranked[0] >= 3 * ranked[1] else None


def guess_title(path: Path) -> str:
    """The file name made readable: extracted first lines are too often page furniture."""
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize() or path.name


def catalogued(path: Path) -> DocumentInfo | None:
    """Title and sector as the folder's catalogue names them, or None when it does not."""
    entry = _catalogue_entry(path)
    if not entry:
        return None
    return DocumentInfo(title=str(entry.get("title") or guess_title(path)), sector=entry.get("sector"))


def describe_document(path: Path, text: str) -> DocumentInfo:
    return catalogued(path) or DocumentInfo(title=guess_title(path), sector=guess_sector(path.name, text))
