"""Which documents a text names by their titles: "volgens de startnotitie", "in de presentatie",
"wat vindt de PO-Raad".

A word of a document's title names that document when the documents' own text hardly uses it
(``NAME_SHARE``): "startnotitie", "presentatie", "PO-Raad" name a document; "onderwijsverbetering",
"lerende organisatie" and "evidence-informed" are what the documents are about, so a question using
them asks about a topic, not about one document. Sector words are the scope's (``query.parse_query``).
A word in several titles ("poster") names each of those documents. Read from the store's own titles,
so a document a school adds is named by its title as well.

Usage::

    names = DocumentNames.of(snapshot.passages)
    names.named_in("Wat zegt de startnotitie over tijd?")  # frozenset({"po-raad-startnotitie-….txt"})
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.models import SECTORS, Passage

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A title word in at most this share of the passages is a name. Of the bundled titles' words,
# "presentatie" (0 %), "poster" (0.6 %), "po-raad" (1.1 %) and "startnotitie" (1.4 %) are; the next,
# "leidraad" (3.9 %), is how every document speaks of itself, and the topic words ("lerende" 11 %,
# "evidence-informed" 12 %, "onderwijsverbetering" 14 %) are far above.
NAME_SHARE = 0.03


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


@dataclass(frozen=True)
class DocumentNames:
    """Name word → the documents (``Passage.doc``) whose title holds it."""

    names: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, passages: Iterable[Passage]) -> DocumentNames:
        passages = list(passages)
        used = Counter(w for p in passages for w in _words(p.text))
        titled: defaultdict[str, set[str]] = defaultdict(set)
        for passage in passages:
            for word in _words(passage.title):
                titled[word].add(passage.doc)
        most = NAME_SHARE * len(passages)
        return cls({w: frozenset(docs) for w, docs in titled.items() if used[w] <= most and w not in SECTORS})

    def named_in(self, text: str) -> frozenset[str]:
        """The documents ``text`` names (empty when it names none)."""
        return frozenset().union(*(self.names.get(w, frozenset()) for w in _words(text)))
