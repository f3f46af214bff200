"""What the praktijkvraag reader gives the kennisvraag: the concepts it names and the reading as a whole.

Plain values, so the parts of the reader (``assistant.flows.praktijkvraag``) share them without
importing the reader; ``assistant.flows.concepts`` exports them to the kennisvraag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.dutch import Analysis
from assistant.thesaurus import Entry

Vorm = Literal["doel", "probleem", "effect", "kenmerken"]


@dataclass(frozen=True)
class Concept:
    """A core concept: ``label`` is how a kennisvraag names it, ``entry`` its thesaurus term (if any)."""

    label: str
    entry: Entry | None
    position: int  # index of its first token in the praktijkvraag
    end: int  # index after its last token (of its first mention)
    in_question: bool  # named in the sentence that asks the question
    from_noun: bool = True  # the practitioner's own noun phrase, not a term a verb stands for
    mentions: int = 1  # how often the praktijkvraag names it (in any of its words)
    head: str = ""  # lemma of its head noun ("betoog" for "volgende betogen")
    context: str = ""  # what narrows it down, part of ``label`` ("tijdens de bpv")
    context_head: str = ""  # the lemma of the context's last noun ("bpv")

    noun: str = ""  # the object of a predicate made a noun ("spullen" in "het vergeten van spullen")
    setting: bool = False  # where or when it happens ("in de klas", "elke ochtend"), not what about
    reason: bool = False  # named in a clause of cause ("omdat ze de werkdruk niet aankunnen"): a guess why
    actor: bool = False  # people the thesaurus makes a topic ("ouders"): a party, known or not
    assigned: bool = False  # its descriptor stands out in the dense assignment (``descriptors``)
    relevance: float = 0.0  # its descriptor's z-score in that assignment: how much the text is about it
    pointed: str = ""  # the demonstrative the question names it with ("zo'n verbod"): told before

    @property
    def core(self) -> str:
        """The search term: the label without its context ("uitval" for "uitval tijdens de bpv"), the
        object of a predicate ("spullen" for "het vergeten van spullen")."""
        if self.noun:
            return self.noun
        return self.label.removesuffix(f" {self.context}") if self.context else self.label


@dataclass(frozen=True)
class Reading:
    """The praktijkvraag as the kennisvraag needs it."""

    vorm: Vorm
    concepts: list[Concept]  # most central first
    doelgroep: str | None
    analysis: Analysis = field(repr=False)
    kenmerken_van: str | None = None  # for a broad wish: what effective versions of are asked about
    other: list[Concept] = field(default_factory=list)  # named in passing: search terms, not the question
    outcome: tuple[int, int] | None = None  # token span of what X should affect ("op de leesvaardigheid")
    # what the story says goes wrong: for "does X work?" the outcome, for a goal what the goal serves
    problem: list[Concept] = field(default_factory=list)
    # what a question weighs X against ("Is een crash course effectief of kunnen we beter gespreid
    # oefenen?"): the kennisvraag asks for X's effect compared with it
    versus: list[Concept] = field(default_factory=list)

    def outcomes(self, concepts: Sequence[Concept]) -> list[Concept]:
        """The concepts the question names as the outcome ("voor minder uitval", "effect op Y"); when
        it names none, the problem the story tells ("Veel leerlingen komen te laat"). A concept the
        story told first is the outcome when the question names it there again ("Een kwart stopt. Heeft
        een betere intake zin om die uitval te voorkomen?")."""
        if self.outcome is None:
            return [c for c in self.problem if c in concepts]
        start, end = self.outcome
        named = {t.lemma.lower() for t in self.analysis.tokens[start:end]}
        return sorted(
            (c for c in concepts if start <= c.position < end or c.head.lower() in named),
            key=lambda c: c.position,
        )
