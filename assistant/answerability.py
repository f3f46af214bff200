"""Answerability: a question that asks for a specific kind of fact is answered only when a passage
sentence on its topic holds a fact of that kind.

"Wat kost een schoollicentie voor EBSCO?" finds the passage about EBSCO, but no sentence there names
an amount: the honest answer is that the documents do not say, with the passage shown as nearby.
The kinds are a number, an amount of money, a duration, a frequency, a date, and a named product
or method. Similarity alone cannot tell these apart: the passage is on topic, the fact is missing.

Usage::

    kind = asked_fact("Hoeveel dagen geboorteverlof krijg ik?")   # "duration"
    holds_fact("Een cultuurverandering kan enkele jaren duren.", kind)  # True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.lexical import analyse

FACT_NAMES = {
    "amount": "bedrag",
    "date": "datum of jaartal",
    "frequency": "frequentie",
    "duration": "tijdsduur",
    "number": "aantal",
    "named": "naam van een product of methode",
}

_NUMBER_WORDS = (
    r"(?:\d+(?:[.,]\d+)?%?|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|"
    r"dertig|veertig|vijftig|honderd|duizend|enkele|paar|aantal|meerdere|half|halve|anderhalf|"
    r"one|two|three|four|five|six|ten|several|few)"
)
_UNITS = (
    r"(?:minuut|minuten|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren|schooljaar|schooljaren|"
    r"lesuur|lesuren|periode|periodes|minutes?|hours?|days?|weeks?|months?|years?)"
)
_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"january|february|march|june|july|august|october)"
)

# Asked kinds, most specific first: "hoeveel dagen" asks a duration, not a bare number.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "amount",
            r"\b(?:wat kost|wat kosten|kost het|kosten van|prijs|bedrag|salaris\w*|verdien\w*|"
            r"how much does .{0,60}cost|cost|price|salary|earn)\b",
        ),
        (
            "date",
            r"\b(?:in welk jaar|welk jaar|op welke datum|welke datum|sinds wanneer|wanneer (?:begint|start|"
            r"verscheen|verschijnt|is de \w*vakantie)|which year|what year|when (?:does|did|is|was))\b",
        ),
        ("frequency", r"\b(?:hoe vaak|hoe dikwijls|how often)\b"),
        ("duration", rf"\b(?:hoe lang|hoeveel (?:tijd|{_UNITS}|\w+(?:dagen|uren|weken))|how long)\b"),
        ("number", r"\b(?:hoeveel|how many|how much|wat is het (?:maximum|minimum|aantal))\b"),
        (
            "named",
            r"\b(?:welke|which|what)\s+(?:apps?|laptops?|chromebooks?|tools?|software|programma'?s?|"
            r"platforms?|lesmethodes?|merk|brand)\b",
        ),
    )
)

_HOLDS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(r"€|\beuro\b|\bgratis\b|\bkosteloos\b|\bfree\b|\$\s?\d", re.I),
    "date": re.compile(rf"\b(?:19|20)\d\d\b|\b\d{{1,2}} {_MONTHS}\b", re.I),
    "frequency": re.compile(
        rf"\b(?:{_NUMBER_WORDS} keer|dagelijks|wekelijks|maandelijks|jaarlijks|tweejaarlijks|regelmatig|"
        rf"(?:elke|iedere|per) (?:dag|week|maand|jaar|les|periode|schooljaar)|"
        r"weekly|monthly|yearly|annually)\b",
        re.I,
    ),
    "duration": re.compile(rf"\b{_NUMBER_WORDS}\s+(?:\w+\s)?{_UNITS}\b", re.I),
    # "een" alone is an article and a year is a date, neither answers "hoeveel".
    "number": re.compile(
        r"(?<!\d)(?!(?:19|20)\d\d\b)\d|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|honderd|duizend|enkele|meerdere|"
        r"several|two|three|four|five|ten)\b",
        re.I,
    ),
    # A name mid-sentence (capitalised, not after a full stop), a web address or a quoted title.
    "named": re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+[A-Z]?\w*|https?://|www\.|‘[^’]{3,}’"),
}


# A proper name: a capitalised word or acronym that does not open a sentence ("ChatGPT", "AVG").
_NAME = re.compile(r"(?<!^)(?<![.?!:]\s)\b([A-Z][\w-]*[A-Za-z]|[A-Z]{2,})\b")
# Names of the country and its language turn up in questions about everything, English ones too.
_COMMON_NAMES = frozenset(
    {"Dutch", "Netherlands", "Holland", "Nederland", "Nederlands", "Nederlandse", "English"}
)


def unknown_names(question: str, known: Callable[[str], bool]) -> list[str]:
    """Proper names in the question that the documents never use: they are about something else.

    On the dev questions and our abstention set every question naming such a name (ChatGPT,
    ParnasSys, AVG, Chromebooks) was unanswerable, and no answerable one named one.
    """
    names = dict.fromkeys(m.group(1) for m in _NAME.finditer(question.strip()))
    return [n for n in names if n not in _COMMON_NAMES and not known(n)]


def asked_fact(question: str) -> str | None:
    """The kind of fact the question asks for, or None for an open question."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return kind
    return None


# Words that give an asked fact its form ("hoeveel uur per week", "hoe vaak", "wat kost"), not its topic.
_FORM_WORDS = " ".join(
    [
        *re.findall(r"[^\W\d_]{2,}", _UNITS + " " + _NUMBER_WORDS),
        "hoeveel hoe lang vaak dikwijls keer per elke iedere kost kosten prijs bedrag maximaal minimaal",
        "how many much long often times every cost price",
    ]
)


@lru_cache(maxsize=1)
def _form_terms() -> frozenset[str]:
    return frozenset(analyse(_FORM_WORDS))


def fact_topic(terms: set[str]) -> set[str]:
    """The question's terms that say what the asked fact is about: "hoeveel uur per week vergadert
    een PLG?" is about the PLG and meeting, so a sentence about weeks alone is not on its topic."""
    return (terms - _form_terms()) or terms


def holds_fact(sentence: str, kind: str) -> bool:
    """Does the sentence state a fact of that kind?"""
    return bool(_HOLDS[kind].search(sentence))
