"""Find the leidraad passages behind flow steps and turn them into citations.

Everything a flow shows as "the leidraad says" comes from here: whole passages found by a text
anchor, the bullet lists in them ("• Wat is het probleem of de verbeterwens?") and the quoted
questions in running text. Nothing is copied into code; a missing anchor is an error.

Usage::

    index = LeidraadIndex(core.store)
    items = index.bullets("leidend kunnen zijn tijdens de probleemanalyse")
    items[0].text, cite(items[0].passage)
    index.passage("Formuleer een zoekvraag").text
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from assistant.models import Passage
from assistant.store import PassageStore

_BULLET = re.compile(r"^\s*[•▪●]\s*(.+?)\s*$")
_QUOTED_QUESTION = re.compile(r"‘([^’‘]+?\?)")


def cite(passage: Passage) -> dict[str, Any]:
    """The citation dict every flow output carries: where the passage is, and its exact text.

    It is the whole passage as plain JSON, so ``Passage(**citation)`` gives it back (the UI shows
    flow sources with the same cards as answer sources).
    """
    return asdict(passage)


def short_ref(citation: dict[str, Any]) -> str:
    """ "Leidraad … (vo), Aanbeveling 1 › … › Stap 2, p. 12" for lists of sources."""
    page = f", p. {citation['page']}" if citation.get("page") else ""
    return f"{citation['title']} — {citation['section'] or '(geen kop)'}{page}"


def reword(text: str, words: dict[str, str]) -> str:
    """Adapt wording (e.g. to a sector: docenten → leerkrachten); whole words, keeping a capital."""
    for old, new in words.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        text = re.sub(rf"\b{re.escape(old.capitalize())}\b", new.capitalize(), text)
    return text


@dataclass(frozen=True)
class Cited:
    """A named thing (bron, criterium, voorbeeld) with its explanation and the passage it comes from."""

    naam: str
    uitleg: str
    citation: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "uitleg": self.uitleg, "citation": self.citation}


class SourceMissingError(LookupError):
    """The store does not hold the leidraad passage a flow needs (corpus not ingested?)."""


@dataclass(frozen=True)
class ListItem:
    """One bullet from a leidraad list, with the bullets nested under it ("Denk aan: …")."""

    text: str
    passage: Passage
    sub: tuple[str, ...] = ()


class LeidraadIndex:
    """Looks up passages in a ``PassageStore`` by a case-insensitive text anchor (a regex).

    Passages whose text contains the anchor win over passages whose heading path does; within
    each, the store's order decides. ``sector`` limits the search to that sector's documents.
    """

    def __init__(self, store: PassageStore) -> None:
        self.store = store

    def passages(self, anchor: str, sector: str | None = None) -> list[Passage]:
        """All passages that hold ``anchor``, text matches first."""
        self.store.refresh()
        pattern = re.compile(anchor, re.IGNORECASE)
        scoped = [p for p in self.store.passages if sector is None or p.sector == sector]
        in_text = [p for p in scoped if pattern.search(p.text)]
        in_section = [p for p in scoped if p not in in_text and pattern.search(p.section)]
        return in_text + in_section

    def passage(self, anchor: str, sector: str | None = None) -> Passage:
        found = self.passages(anchor, sector)
        if not found:
            raise SourceMissingError(
                f"De passage '{anchor}' staat niet in de kennisbank. Is de leidraad ingelezen?"
            )
        return found[0]

    def bullets(self, anchor: str, sector: str | None = None) -> list[ListItem]:
        """The bullet list that follows ``anchor``, also when it runs on into the next passage."""
        start = self.passage(anchor, sector)
        lines = _lines_after(start.text, anchor)
        items: list[ListItem] = []
        passage = start
        while True:
            items = _add_bullets(items, lines, passage)
            following = self._next(passage)
            if following is None or not _BULLET.match(following.text.splitlines()[0]):
                break
            passage, lines = following, following.text.splitlines()
        return items

    def bullet(self, anchor: str, sector: str | None = None) -> ListItem:
        """The first bullet anywhere (in ``sector``) that contains ``anchor``."""
        pattern = re.compile(anchor, re.IGNORECASE)
        for passage in self.passages(anchor, sector):
            for line in passage.text.splitlines():
                match = _BULLET.match(line)
                if match and pattern.search(match.group(1)):
                    return ListItem(match.group(1), passage)
        raise SourceMissingError(f"Het punt '{anchor}' staat niet in de kennisbank.")

    def quoted_questions(self, anchor: str) -> list[ListItem]:
        """Questions quoted in running text (‘Leidt dat tot betere leerprocessen?’) in the passages of
        the section that ``anchor`` names."""
        return [
            ListItem(q.strip(), p) for p in self.passages(anchor) for q in _QUOTED_QUESTION.findall(p.text)
        ]

    def _next(self, passage: Passage) -> Passage | None:
        for p in self.store.passages:
            if p.doc == passage.doc and p.order == passage.order + 1:
                return p
        return None


def _lines_after(text: str, anchor: str) -> list[str]:
    lines = text.splitlines()
    pattern = re.compile(anchor, re.IGNORECASE)
    for n, line in enumerate(lines):
        if pattern.search(line):
            return lines[n + 1 :]
    return lines  # the anchor is in the heading path: the whole passage is the list


def _add_bullets(items: list[ListItem], lines: list[str], passage: Passage) -> list[ListItem]:
    """Append the bullets of ``lines`` (stopping at the first paragraph after the list); a
    lowercase bullet after an item ending in ':' is nested under it."""
    items = list(items)
    seen_bullet = False
    for line in lines:
        match = _BULLET.match(line)
        if not match:
            if seen_bullet:
                break
            continue
        seen_bullet = True
        text = match.group(1)
        if items and text[:1].islower() and (items[-1].text.endswith(":") or items[-1].sub):
            last = items[-1]
            items[-1] = ListItem(last.text, last.passage, (*last.sub, text))
        else:
            items.append(ListItem(text, passage))
    return items
