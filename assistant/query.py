"""Read the scope of a question: which aanbeveling (h1–h6) and which sector (po/vo/mbo) it names.

Usage::

    q = parse_query("Wat zegt h6 over tijd in het mbo?")
    q.aanbeveling == "h6"; q.sector == "mbo"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from assistant.definitions import asks_meaning
from assistant.lexical import analyse
from assistant.models import ResolvedQuestion, Scope

GLOSSARY = Path(__file__).parent / "data" / "glossary_en_nl.tsv"

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
# A step of the cycle named by its number ("stap 3", "step 2", "stap vijf"). An ordinal is left out:
# "de eerste stap" is as often an idiom ("de eerste stap om een PLG op te zetten").
_CARDINALS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "two": 2, "three": 3, "four": 4, "five": 5}
STEP_WORD = r"(?:stap|step|fase|phase)"  # also how a document heads a step ("Stap 3: …")
_STEP = re.compile(rf"\b{STEP_WORD}\s*(?:([1-9])|(" + "|".join(_CARDINALS) + r"))\b", re.I)
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
    expansion: str = ""  # Dutch leidraad terms for English words in the question
    # What kind of text the question asks for, beside plain statements: "meaning" ("wat is
    # kennisbenutting?"), "questions" ("welke reflectievragen…"), "sources" ("welke literatuur…"),
    # "example" ("geef eens een voorbeeld").
    wants: frozenset[str] = frozenset()
    sectors: tuple[str, ...] = ()  # every sector the question names ("verschil tussen po en mbo")
    # The question as the dense models read it (``dense_text``): an aanbeveling named as the
    # documents name it ("h6" → "aanbeveling 6"; a bare "h6" lowered the best cosine within h6 from
    # 0.851 to 0.827 and the decision declined "Wat zegt h6 over tijd?"), a scope from outside said.
    dense: str = ""
    # The step of the cycle the question names last ("Leg stap 3 eens uit"): its passages come first.
    step: int | None = None
    # The words that say what kind of answer is wanted, when a follow-up asks its own question of an
    # earlier topic (``followup.what_is_asked``); "" when that is ``text``.
    asks: str = ""
    # The reader's own words (a follow-up as typed): the language of what the assistant says; "" when
    # that is ``text``.
    reader: str = ""
    # The conversation's latest exchange, when the question is searched as asked, and its user turn
    # (``ResolvedQuestion``).
    context: str = ""
    previous: str = ""

    def within(self, sector: str) -> ParsedQuery:
        """The same question narrowed to one ``sector`` (one side of a comparison)."""
        return parse_query(self.text, Scope(sector, self.aanbeveling))

    def terms(self) -> set[str]:
        """The analysed terms of the question, with the Dutch terms for its English words."""
        return set(analyse(f"{self.text} {self.expansion}"))


@lru_cache(maxsize=1)
def _glossary() -> list[tuple[re.Pattern[str], str]]:
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            english, dutch = line.split("\t", 1)
            rows.append((re.compile(rf"\b{re.escape(english)}\b", re.I), dutch.strip()))
    return rows


# Words shared by both languages ("is", "in", "we") are left out: they decide nothing.
_ENGLISH = re.compile(
    r"\b(the|what|does|do|how|are|which|why|when|guide|about|of|and|to|for|with|our|can|should|that|this)\b",
    re.I,
)
_DUTCH = re.compile(
    r"\b(de|het|een|wat|hoe|welke|wanneer|zijn|van|en|over|voor|wij|ik|aan|om|te|dat|die|er|met|bij|op|niet)\b",
    re.I,
)


# "welke reflectievragen…", "interviewvragen", "which questions…"; also the verb ("feedback
# vragen"), which only means a passage of questions is not set aside.
_ASKS_QUESTIONS = re.compile(r"\w*(?:vraag|vragen)\b|\bquestions?\b", re.I)
_ASKS_SOURCES = re.compile(
    r"\b(?:literatuur\w*|bronn?e?n?|referentie\w*|artikel\w*|publicatie\w*|boek\w*|auteurs?|"
    r"literature|sources?|references?|articles?|papers?|authors?)\b",
    re.I,
)


# "geef eens een voorbeeld", "hoe ging het in de praktijk": a practitioner's story is what they want.
_ASKS_EXAMPLE = re.compile(r"\b(?:\w*voorbeeld\w*|ervaring\w*|examples?|experiences?)\b", re.I)


# "Kun je dat korter zeggen?", "in één zin", "summarise that": the reader wants fewer lines.
_ASKS_SHORT = re.compile(
    r"\b(?:korter|beknopter|samenvat\w*|samengevat|in (?:één|een|1) zin|shorter|briefly|in short|"
    r"summar(?:y|ise|ize)\w*|in a nutshell)\b",
    re.I,
)


def is_english(question: str) -> bool:
    return len(_ENGLISH.findall(question)) > len(_DUTCH.findall(question))


def expand_english(question: str) -> str:
    """The Dutch terms for English leidraad vocabulary in the question (lexical search needs them)."""
    return " ".join(dutch for pattern, dutch in _glossary() if pattern.search(question))


def parse_query(question: str, scope: Scope | None = None) -> ParsedQuery:
    """Filters named in the question, overridden by an explicit ``scope``; the text stays as asked
    (the words still help ranking)."""
    aanbeveling = named = None
    if match := _AANBEVELING.search(question):
        aanbeveling = named = f"h{_number(match)}"
    found = [s for s, pattern in _SECTORS.items() if pattern.search(question)]
    # "po en vo" names no single sector; a question about several sectors is not filtered.
    sector = found[0] if len(found) == 1 else None
    if scope is not None:
        sector, aanbeveling = scope.sector or sector, scope.aanbeveling or aanbeveling
    topic = without_scope(question, sector)
    # A scope from outside the question (sidebar, follow-up) is said to the dense models too.
    unsaid_sector = sector if sector not in found else None
    unsaid_aanbeveling = aanbeveling if aanbeveling != named else None
    english = is_english(question)
    expansion = expand_english(question) if english else ""
    return ParsedQuery(
        question.strip(),
        aanbeveling,
        sector,
        topic,
        expansion,
        _wants(question),
        tuple(found),
        dense_text(question, english, unsaid_sector, unsaid_aanbeveling),
        named_step(question),
    )


def parse_resolved(resolved: ResolvedQuestion) -> ParsedQuery:
    """The query a resolved question searches: its text in its scope, beside its conversation's context."""
    query = parse_query(resolved.text, resolved.scope)
    return replace(query, context=resolved.context, previous=resolved.previous)


def named_step(question: str) -> int | None:
    """The step the question names last (a follow-up's own step comes after the earlier topic's)."""
    steps = list(_STEP.finditer(question))
    if not steps:
        return None
    digit, cardinal = steps[-1].groups()
    return int(digit) if digit else _CARDINALS[cardinal.lower()]


def dense_text(
    question: str, english: bool = False, sector: str | None = None, aanbeveling: str | None = None
) -> str:
    """``question`` with each aanbeveling it names written as the documents write it
    ("Aanbeveling 6: …"; "recommendation 6" in an English question), and the ``sector`` and
    ``aanbeveling`` of a scope it does not name itself (sidebar, follow-up) said after it: "Wat zegt
    de leidraad over borging? (mbo)". Filtered to the mbo, the bare question's best cosine was 0.832,
    with the scope said 0.859, as high as when the question names it (0.852); the decision declined
    the follow-up "En in het mbo?" on the lower figure."""
    word = "recommendation" if english else "aanbeveling"
    text = _AANBEVELING.sub(lambda match: f"{word} {_number(match)}", question).strip()
    said = [part for part in (sector, aanbeveling and f"{word} {aanbeveling[1]}") if part]
    return f"{text} ({', '.join(said)})" if said else text


def _number(match: re.Match[str]) -> int | str:
    """The number of the aanbeveling an ``_AANBEVELING`` match names."""
    return match.group(1) or match.group(2) or _ORDINALS[match.group(3).lower()]


def without_scope(question: str, sector: str | None, mark: str = " ") -> str:
    """``question`` without the words that name an aanbeveling or ``sector``; ``mark`` stands where
    they stood (a follow-up reads the stumps they leave: "op de ?")."""
    topic = _AANBEVELING.sub(mark, question)
    if sector:
        topic = _SECTORS[sector].sub(mark, topic)
    return " ".join(topic.split())


def _wants(question: str) -> frozenset[str]:
    asked = {
        "meaning": asks_meaning(question),
        "questions": bool(_ASKS_QUESTIONS.search(question)),
        "sources": bool(_ASKS_SOURCES.search(question)),
        "example": bool(_ASKS_EXAMPLE.search(question)),
        "short": bool(_ASKS_SHORT.search(question)),
    }
    return frozenset(kind for kind, yes in asked.items() if yes)
