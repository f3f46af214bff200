"""Typing slips in a question, corrected against the documents' own words.

Teachers type fast: "collegas haken af bij de nieuwe aanpk wat nu". A word the documents never use
and Dutch hardly knows, one edit (a letter added, dropped or changed, or two swapped) from a word the
documents use that Dutch knows well, is read as that word (Norvig's corrector,
with the documents as its dictionary and general Dutch word frequencies as its prior). Names and
real words stay: "Snapchat", "ouderschapsverlof" and "haken" are words Dutch or English knows. A
vowel's plural typed without its apostrophe ("collegas") is read as the documents write it.

Usage::

    speller = Speller(["Een nieuwe aanpak vraagt tijd van collega’s."])
    speller.correct("collegas haken af bij de nieuwe aanpk wat nu")
    # "collega's haken af bij de nieuwe aanpak wat nu"
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

if TYPE_CHECKING:
    from assistant.store import Snapshot

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LETTERS = "abcdefghijklmnopqrstuvwxyzàáäèéëïíóöúü"
# Only words this long are corrected: one edit turns a short word into another real one ("erin").
MIN_LENGTH = 4
# A slip is a word general Dutch and English hardly know (Zipf scale, log10 per billion words:
# "aanpk" 0, "houdig" 0), one edit from a document word Dutch knows well ("aanpak" 4.5). Real words
# stay, however much more common a neighbour is ("haken" 3.2 next to "maken" 5.9; "meet", "reflectief").
# Not tuned: dev holds two questions with slips (d-047, d-104) and no other dev, dialogue or
# abstention question changes.
UNKNOWN_ZIPF = 1.0
KNOWN_ZIPF = 3.0
_SPELLERS: weakref.WeakKeyDictionary[Snapshot, Speller] = weakref.WeakKeyDictionary()


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


class Speller:
    """Corrects a question's slips to words of ``texts`` (the documents)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words = frozenset(w for text in texts for w in _WORD.findall(_normal(text)))

    def correct(self, question: str) -> str:
        """``question`` with each slip replaced by the document word it was meant to be."""
        return _WORD.sub(lambda m: self._word(m.group()), question)

    def _word(self, typed: str) -> str:
        word = _normal(typed)
        if len(word) < MIN_LENGTH or word in self.words:
            return typed
        # Dutch writes the plural of a word ending in a vowel with an apostrophe: "collegas" is
        # "collega's" (a slip common enough to have a word frequency of its own).
        plural = f"{word[:-1]}'s" if word.endswith("s") and word[-2:-1] in "aiouy" else ""
        if plural in self.words:
            return plural
        if max(zipf_frequency(word, "nl"), zipf_frequency(word, "en")) >= UNKNOWN_ZIPF:
            return typed
        found = [(zipf_frequency(c, "nl"), c) for c in _edits(word) if c in self.words]
        best = max(found, default=(0.0, ""))
        if best[0] < KNOWN_ZIPF:
            return typed
        return best[1].capitalize() if typed[:1].isupper() else best[1]


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap, substitution or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def speller_for(snapshot: Snapshot) -> Speller:
    """The speller of a store snapshot's passages, made once per snapshot."""
    speller = _SPELLERS.get(snapshot)
    if speller is None:
        speller = _SPELLERS[snapshot] = Speller(p.text for p in snapshot.passages)
    return speller
