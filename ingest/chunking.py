"""Pack structured paragraphs into citable passages.

A passage stays inside one section, keeps a list together with the sentence that introduces it
(splitting only between items when the list is longer than ``max_chars``), and starts with the
headings that open it, so a teacher reads it as it stands in the document.

Usage::

    chunks = chunk_paragraphs(parse_structure(pages), target_chars=600, max_chars=1000)
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.definitions import entry_term
from ingest.structure import Paragraph

MIN_GLOSSARY_RUN = 3  # consecutive "Term: definition" paragraphs that make a list of definitions


@dataclass(frozen=True)
class Chunk:
    text: str
    section: str
    aanbeveling: str | None
    page: int | None


def _groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Units that must not be split: headings + the paragraph after them, intro + its list."""
    groups: list[list[Paragraph]] = []
    for para in paragraphs:
        prev = groups[-1] if groups else None
        joins_previous = prev is not None and (
            prev[-1].kind == "heading"
            or (para.kind == "bullet" and (prev[-1].kind == "bullet" or prev[-1].text.endswith(":")))
        )
        if joins_previous and prev is not None:
            prev.append(para)
        else:
            groups.append([para])
    return groups


def _glossary_entries(groups: list[list[Paragraph]]) -> set[int]:
    """Indices of groups that are entries of a list of definitions: each becomes its own passage,
    so "wat is kennisbenutting?" finds (and cites) that one definition, not five mixed together."""
    entries = [g[0].kind == "text" and entry_term(g[0].text) is not None for g in groups]
    found: set[int] = set()
    start = 0
    for i in range(len(entries) + 1):
        if i == len(entries) or not entries[i]:
            if i - start >= MIN_GLOSSARY_RUN:
                found.update(range(start, i))
            start = i + 1
    return found


def _boundary(a: Paragraph, b: Paragraph) -> bool:
    """A new passage starts where the aanbeveling or a chapter/section (level 1–2) changes."""
    return a.aanbeveling != b.aanbeveling or a.section.split(" › ")[:2] != b.section.split(" › ")[:2]


def _split_long(group: list[Paragraph], max_chars: int) -> list[list[Paragraph]]:
    parts: list[list[Paragraph]] = [[]]
    size = 0
    for para in group:
        if parts[-1] and size + len(para.text) > max_chars and para.kind == "bullet":
            parts.append([])
            size = 0
        parts[-1].append(para)
        size += len(para.text) + 1
    return parts


def chunk_paragraphs(
    paragraphs: list[Paragraph], target_chars: int = 600, max_chars: int = 1000
) -> list[Chunk]:
    """Greedy packing of whole groups up to ``target_chars`` (never past ``max_chars`` by choice)."""
    chunks: list[Chunk] = []
    current: list[Paragraph] = []

    def flush() -> None:
        body = [p for p in current if p.kind != "heading"]
        if body:
            text = "\n".join(p.text for p in current)
            anchor = body[0]
            chunks.append(Chunk(text, anchor.section, anchor.aanbeveling, anchor.page))
        current.clear()

    groups = _groups(paragraphs)
    glossary = _glossary_entries(groups)
    for n, group in enumerate(groups):
        if n in glossary:
            flush()
            current.extend(group)
            flush()
            continue
        for part in _split_long(group, max_chars):
            size = sum(len(p.text) + 1 for p in current)
            starts_section = part[0].kind == "heading"
            if current and (
                _boundary(current[-1], part[-1])
                or size + sum(len(p.text) for p in part) > max_chars
                or size >= target_chars
                or (starts_section and size >= target_chars // 3)
            ):
                flush()
            current.extend(part)
    flush()
    return chunks
