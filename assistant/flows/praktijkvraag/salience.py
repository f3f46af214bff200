"""Which concepts are core: one concept per thesaurus term with its mentions counted, ranked by how
central each is (named often, in the question, known to the thesaurus); settings, reasons and people
in passing are no core.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.flows.praktijkvraag.reading import Concept
from assistant.lexical import stem_words


def merged(concepts: list[Concept]) -> list[Concept]:
    """One concept per thesaurus term, counting its mentions. When the practitioner names the term
    itself, other noun phrases of that term stay concepts of their own ("leerlingenraad" next to
    "burgerschap"); when not, they circle around it and it is called by the term."""

    def form(concept: Concept) -> str:
        """A noun the thesaurus lacks by its stem: "profielwerkstuk" and "profielwerkstukken" are
        one (Frog leaves an unknown plural as its lemma)."""
        label = concept.label.lower()
        single = concept.entry is None and concept.from_noun and " " not in label
        return stem_words([label])[0] if single else label

    groups: dict[str, list[Concept]] = {}
    for concept in sorted(concepts, key=lambda c: c.position):
        # Staff ("mentoren") stay apart from the topic their descriptor names ("mentorles").
        topic = concept.entry is not None and not concept.actor
        key = concept.entry.term.lower() if topic and concept.entry else form(concept)
        groups.setdefault(key, []).append(concept)
    merged = []

    def word(label: str) -> str:
        """A single word by its stem ("cijfer" and "cijfers" are one)."""
        return label if " " in label else stem_words([label])[0]

    for key, group in groups.items():
        literal = [c for c in group if c.from_noun and form(c) == key]
        if literal and len(group) > 1:
            # "het opgeven van huiswerk" next to "huiswerk" is the same concept, not one of its own;
            # so is the term's other number ("cijfer" next to "cijfers").
            own = [c for c in group if c.from_noun and word(form(c)) != word(key) and c.noun.lower() != key]
            merged += [_joined([c for c in group if c not in own], literal[0].label), *own]
        else:
            # A predicate made a noun ("het beklijven van scholing") says more than another noun of
            # its term ("studiedag"): it stays a concept of its own.
            heads = {c.head for c in group if not c.noun}
            said = [c for c in group if c.noun and c.head not in heads] if heads else []
            rest = [c for c in group if c not in said]
            merged += [*said, _joined(rest, _dominant(rest))] if rest else [_joined(group, _dominant(group))]
    return merged


def _dominant(group: list[Concept]) -> str:
    """The practitioner's own noun when it carries at least half of the mentions ("betogen" twice and
    "schrijven" once), else the thesaurus term: they circled around it in different words."""
    first = group[0]
    if first.entry is None:
        return first.label
    own: dict[str, list[str]] = {}  # head lemma → the labels it had
    for concept in group:
        if concept.from_noun:
            own.setdefault(concept.head, []).append(concept.label)
    best = max(own.values(), key=len, default=[])
    return min(best, key=len) if 2 * len(best) >= len(group) else first.entry.term


def _joined(group: list[Concept], label: str) -> Concept:
    first = group[0]
    return replace(
        first,
        label=label,
        in_question=any(c.in_question for c in group),
        from_noun=all(c.from_noun for c in group),
        mentions=len(group),
        context=first.context if label == first.label else "",
        context_head=first.context_head if label == first.label else "",
        noun=first.noun if label == first.label else "",
        reason=all(c.reason for c in group),
    )


def _score(concept: Concept) -> float:
    """How central a concept is: how often it is named, once more when the question (or the problem
    sentence) names it, half when the thesaurus knows it."""
    known = concept.entry is not None and not concept.actor
    return concept.mentions + concept.in_question + 0.5 * known + concept.assigned


def salient(concepts: list[Concept]) -> tuple[list[Concept], list[Concept]]:
    """The core concepts, most central first, and the others. Core: not a setting ("in de klas",
    "elke ochtend") and more than a noun named once in passing in the story (score above 1: named twice,
    in the question, or known to the thesaurus). When nothing passes, all that are no setting count."""
    # Equally central concepts: the one whose descriptor the text is more about first (dense relevance).
    ranked = sorted(concepts, key=lambda c: (-_score(c), -c.relevance, c.position))
    core = [
        c
        for c in ranked
        if not c.setting and not c.reason and not (c.actor and not c.in_question) and _score(c) > 1
    ]
    core = core or [c for c in ranked if not c.setting] or ranked
    return core, [c for c in ranked if c not in core]


def mentions(concept: Concept, lemmas: list[str]) -> int:
    """How often the praktijkvraag names the concept's head word ("huiswerk" twice)."""
    head = (concept.head or concept.label).lower().split()[-1:]
    return lemmas.count(head[0]) if head else 1
