"""Read the scope of a question: which aanbeveling (h1–h6) and which sector (po/vo/mbo) it names.

Usage::

    q = parse_query("Wat zegt h6 over tijd in het mbo?")
    q.aanbeveling == "h6"; q.sector == "mbo"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ORDINALS = {
    "eerste": 1,
    "tweede": 2,
    "derde": 3,
    "vierde": 4,
    "vijfde": 5,
    "zesde": 6,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
}
_AANBEVELING = re.compile(
    r"\b(?:h([1-6])|(?:aanbeveling|recommendation|hoofdstuk|chapter)\s*(?:h)?([1-6])"
    r"|(" + "|".join(_ORDINALS) + r")\s+(?:aanbeveling|recommendation))\b",
    re.I,
)
_SECTORS = {
    "po": re.compile(r"\b(po|primair onderwijs|basisschool|basisscholen|basisonderwijs|primary)\b", re.I),
    "vo": re.compile(
        r"\b(vo|voortgezet onderwijs|middelbare school|havo|vwo|vmbo(?:-\w+)?|gymnasium|secondary)\b", re.I
    ),
    "mbo": re.compile(r"\b(mbo|middelbaar beroepsonderwijs|beroepsonderwijs|roc|vocational)\b", re.I),
}


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    aanbeveling: str | None
    sector: str | None
    topic: str = ""  # the question without the words that named the filters


def parse_query(question: str) -> ParsedQuery:
    """Filters named in the question; the text stays as asked (the words still help ranking)."""
    aanbeveling = None
    if match := _AANBEVELING.search(question):
        number = match.group(1) or match.group(2) or _ORDINALS[match.group(3).lower()]
        aanbeveling = f"h{number}"
    found = [s for s, pattern in _SECTORS.items() if pattern.search(question)]
    # "po en vo" names no single sector; a question about several sectors is not filtered.
    sector = found[0] if len(found) == 1 else None
    topic = _AANBEVELING.sub(" ", question)
    if sector:
        topic = _SECTORS[sector].sub(" ", topic)
    return ParsedQuery(question.strip(), aanbeveling, sector, " ".join(topic.split()))
