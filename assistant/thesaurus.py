"""The school-improvement thesaurus (``prompts/flows/zoektermen.toml``): ERIC-style descriptors, the
words a praktijkvraag uses for them, their synonyms, broader terms, English terms and scope notes.

Usage::

    thesaurus = Thesaurus.load()
    thesaurus.find("verzuimen").term   # "verzuim"
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from wordfreq import zipf_frequency

from assistant.settings import ROOT

# Written for the kennisvraag flow's search terms; the search reads it too (``HybridRetriever``).
THESAURUS_FILE = ROOT / "prompts" / "flows" / "zoektermen.toml"

MIN_PART = 5  # letters of a thesaurus word found inside a compound ("rekenachterstand" → "achterstand")
# Typing errors are forgiven in words of at least 8 letters that wordfreq does not know, this similar
# (difflib ratio) to a thesaurus word: "gemotievert"/"gemotiveerd" 0.82. Known words are never
# corrected: among the 4,000 most frequent long Dutch words 371 came within 0.8 of a thesaurus word
# ("vergadering"/"verandering", "universiteit"/"diversiteit").
TYPO_MIN = 8
TYPO_RATIO = 0.8


# What may follow a word's first part when the word is built on it: an ending ("brugklassers",
# "somberheid", "mentoruurtje") or, after a linking "s" or "en", a Dutch word ("herkansingsweek").
_ENDINGS = frozenset({"e", "en", "n", "s", "er", "ers", "sers", "heid", "je", "jes", "tje", "tjes"})


def _built_on(word: str, head: str) -> bool:
    """Is ``word`` a compound or form of ``head``: rarer than it (a word more frequent than its first
    part is a word of its own: "natuurlijk" is no "natuur"), and the rest an ending or a word
    ("ouderejaars" is no "ouder" + "ejaars")?"""
    if zipf_frequency(word, "nl") >= zipf_frequency(head, "nl"):
        return False
    rest = word[len(head) :]
    if rest in _ENDINGS:
        return True
    parts = [rest, rest.removeprefix("s"), rest.removeprefix("en")]
    return any(len(part) >= 3 and zipf_frequency(part, "nl") > 0 for part in parts)


@dataclass(frozen=True)
class Entry:
    """One thesaurus term: ``term`` is the descriptor, with Dutch synonyms, broader terms and English."""

    term: str
    synoniemen: tuple[str, ...] = ()
    breder: tuple[str, ...] = ()
    engels: tuple[str, ...] = ()
    doel: str = ""  # what research on this approach usually measures its effect on (``[doelen]``)
    omschrijving: str = ""  # its scope note in plain sentences (``[omschrijvingen]``)


class Thesaurus:
    """The school-improvement thesaurus: a word (lemma), its variants (``ook``) and synonyms lead to the
    descriptor; a compound leads to the descriptor of its last or first part; a verb in ``niet``, when
    negated ("ze lezen niet meer"), leads to the descriptor of what is missing (``negated``); a verb or
    adverb in ``weg``, said of learners ("de helft is weg", "een groot deel stopt"), to the descriptor of
    their absence (``gone``).

    Usage::

        thesaurus = Thesaurus.load()
        thesaurus.find("verzuimen").term   # "verzuim"
        thesaurus.find("rekenachterstand").term   # "leerproblemen" (via "achterstand")
    """

    def __init__(
        self,
        termen: dict[str, dict[str, Any]],
        doelen: dict[str, str] | None = None,
        omschrijvingen: dict[str, str] | None = None,
    ) -> None:
        self.entries: dict[str, Entry] = {}
        self._lookup: dict[str, Entry] = {}
        doelen, omschrijvingen = doelen or {}, omschrijvingen or {}
        for name, table in (("doelen", doelen), ("omschrijvingen", omschrijvingen)):
            if unknown := set(table) - set(termen):
                raise ValueError(f"{name} for terms the thesaurus lacks: {sorted(unknown)}")
        for term, values in termen.items():
            entry = Entry(
                term,
                tuple(values.get("synoniemen", ())),
                tuple(values.get("breder", ())),
                tuple(values.get("engels", ())),
                doelen.get(term, ""),
                omschrijvingen.get(term, ""),
            )
            self.entries[term] = entry
            self._lookup.setdefault(term.lower(), entry)
        for term, values in termen.items():  # variants, then synonyms: a descriptor's own name wins
            for word in values.get("ook", ()):
                self._lookup.setdefault(word.lower(), self.entries[term])
        for term, values in termen.items():
            for word in values.get("synoniemen", ()):
                self._lookup.setdefault(word.lower(), self.entries[term])
        # "lezen niet (meer)", "komen niet": a verb the practitioner negates names what is missing.
        self.negated: dict[str, Entry] = {
            word.lower(): self.entries[term]
            for term, values in termen.items()
            for word in values.get("niet", ())
        }
        # "de helft van havo 4 is weg", "stopt een groot deel": learners who are not there (any more).
        self.gone: dict[str, Entry] = {
            word.lower(): self.entries[term]
            for term, values in termen.items()
            for word in values.get("weg", ())
        }
        self.phrases = sorted((w for w in self._lookup if " " in w), key=len, reverse=True)
        self._long_words = [w for w in self._lookup if " " not in w and len(w) >= TYPO_MIN]

    @classmethod
    def load(cls) -> Thesaurus:
        spec = _read()
        return cls(spec["termen"], spec.get("doelen"), spec.get("omschrijvingen"))

    def knows(self, word: str) -> bool:
        """Is the word itself a term, variant or synonym (no compound part, no typing error)?"""
        return word.lower() in self._lookup

    def related(self, words: Iterable[str]) -> list[str]:
        """The descriptor and Dutch synonyms of each word the thesaurus lists itself (a term, variant
        or synonym; no compound part, no typing error), the word itself left out: what the documents
        may call it ("team" → "teamleren", "samenwerking in teams", "collegiaal leren")."""
        found: list[str] = []
        for word in dict.fromkeys(w.lower() for w in words):
            if (entry := self._lookup.get(word)) is not None:
                found += [t for t in (entry.term, *entry.synoniemen) if t.lower() != word]
        return found

    def find(self, word: str) -> Entry | None:
        """The entry for a lemma or phrase, or for the longest known last (else first) part of a compound."""
        word = word.lower()
        if (entry := self._lookup.get(word)) is not None:
            return entry
        if " " in word or len(word) < 2 * MIN_PART:
            return None
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):  # the head of a Dutch compound is last
            if (tail := word[-cut:]) in self._lookup and len(word) - cut >= 3:
                return self._lookup[tail]
        for cut in range(len(word) - 3, MIN_PART - 1, -1):
            if (head := word[:cut]) in self._lookup and _built_on(word, head):
                return self._lookup[head]
        # A typing error ("gemotievert"): a long word Dutch does not know, close to one the thesaurus does.
        if zipf_frequency(word, "nl") > 0:
            return None
        close = difflib.get_close_matches(word, self._long_words, n=1, cutoff=TYPO_RATIO)
        return self._lookup[close[0]] if close else None


@lru_cache(maxsize=1)
def _read() -> dict[str, Any]:
    """The thesaurus file, parsed once per process: every flow and the search load it."""
    with THESAURUS_FILE.open("rb") as fh:
        return tomllib.load(fh)
