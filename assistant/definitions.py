"""Questions about what a term means, and the passages that define that term.

Documents define their terms in a list of entries ("Kennisbenutting: Het proces van: …"). When a
question asks what something means ("Wat is kennisbenutting?", "wat verstaat de leidraad onder een
lerende organisatie?", "volgens de definities …"), the document's own definition of a term the
question names is the answer, wherever the two retrievers happened to rank it.

Usage::

    asks_meaning("Wat betekent onderwijskwaliteit?")                     # True
    defines("Onderwijskwaliteit: Een bijdrage …", set(analyse("wat betekent onderwijskwaliteit")))
"""

from __future__ import annotations

import re

from assistant.lexical import analyse

_MEANING = re.compile(
    r"\bwat (?:betekent|betekenen|houdt\b.{1,40}\bin\b)"
    r"|\bwat (?:verstaat|verstaan|bedoelt|bedoelen)\b.{0,40}\b(?:onder|met)\b"
    r"|\bwat wordt (?:er )?(?:bedoeld met|verstaan onder)\b"
    r"|\bdefinitie|\bbetekenis\b|\bbegrippen"
    r"|^\s*wat (?:is|zijn) (?:een |de |het )?[\w’' -]{3,40}\?\s*$"
    r"|\bwhat (?:is|are) meant by\b|\bwhat does\b.{1,40}\bmean\b|\bdefinition"
    r"|^\s*what (?:is|are) (?:an? |the )?[\w' -]{3,40}\?\s*$",
    re.I,
)
# "Term: Definition" at the start of a line; a term is a few words, not a sentence or a list item.
# The definition starts a sentence: "Pagina een: werken aan …" is a label, not an entry.
_ENTRY = re.compile(r"([^\W\d][\w’' -]{2,40}):\s+[A-ZÀ-Ý]")
_MAX_TERM_WORDS = 4


def asks_meaning(question: str) -> bool:
    """Does the question ask what a term means?"""
    return bool(_MEANING.search(question))


def entry_term(line: str) -> str | None:
    """The term a line defines ("Kennisbenutting: Het proces van: …" → "Kennisbenutting"), if any.

    A line that only looks like an entry is not one: a title ("Evidence-informed werken: hoe doe je
    dat?") ends in a question, a sentence has more than a few words before its colon.
    """
    match = _ENTRY.match(line)
    first_line = line.split("\n", 1)[0].rstrip()
    if match is None or len(match.group(1).split()) > _MAX_TERM_WORDS or first_line.endswith("?"):
        return None
    return match.group(1)


def defined_terms(text: str) -> list[str]:
    """The terms that lines of the text define."""
    return [term for line in text.split("\n") if (term := entry_term(line))]


def defines(text: str, question_terms: set[str]) -> bool:
    """Does the passage hold a definition entry for a term the question names (analysed terms)?"""
    return any((term := set(analyse(t))) and term <= question_terms for t in defined_terms(text))
