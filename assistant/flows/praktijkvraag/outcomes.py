"""What a "does X work?" question wants X to affect: the outcome the question names ("effect op Y",
"draagt bij aan Y"), the learning its verb names ("Leren kinderen meer van X?"), else the problem the
story tells ("Veel leerlingen komen te laat") or what it says is missing ("zonder opbouw").
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from assistant.dutch import Analysis, Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary, related_terms


def outcome(vocab: Vocabulary, question: Sequence[Token], offset: int) -> tuple[int, int] | None:
    """Where the question names the outcome: after the preposition its effect word governs ("effect
    op", "draagt bij aan", "zorgt voor", "werkt voor", "leidt tot": ``uitkomstvoorzetsels``) to
    the clause's end (a subordinate or relative clause after it tells about the group). People
    after it are whom it works for, the target group ("werkt X voor vmbo-leerlingen")."""
    if not clauses.asks(question, vocab.effect_words):
        return None
    governs: set[str] = set()
    for i, token in enumerate(question):
        lemma = clauses.verb_lemma(question, i)  # "Levert dat iets op voor …" → opleveren
        if token.tag == "VZ" and lemma in governs:
            noun = next((t for t in question[i + 1 :] if t.is_noun or t.tag == "LET"), None)
            if noun is not None and (vocab.group_word(noun) or vocab.who.learner(noun.lemma)):
                continue
            end = next(
                (
                    j
                    for j in range(i + 1, len(question))
                    if clauses.ends_phrase(question[j]) or clauses.alternative(question, j)
                ),
                len(question),
            )
            return offset + i + 1, offset + end
        governs.update(vocab.outcome_prepositions.get(lemma, ()))
    return None


def learning(
    vocab: Vocabulary, question: Sequence[Token], offset: int, found: list[Concept]
) -> Concept | None:
    """The learners' learning when the question's verb names it ("Leren kinderen meer van …?", "voor
    hoe ze leren", "op hoe leerlingen presteren"), as research names it (``leeruitkomst``). A verb
    that is part of a concept ("coöperatief leren"), learns a skill ("leren ze nog zelf schrijven?")
    or is said of staff ("leren docenten van elkaar?") names no outcome."""
    if vocab.who.names_staff(question):
        return None
    for i, token in enumerate(question):
        if not token.is_verb or token.lemma.lower() not in vocab.learning_verbs:
            continue
        if any(c.position <= offset + i < c.end for c in found):
            continue
        _, end = clauses.clause_bounds(question, i)
        if any(_learnt_skill(question, j) for j in range(i + 1, end)):
            continue
        entry = vocab.thesaurus.find(vocab.learning_outcome)
        label = vocab.learning_outcome
        return Concept(label, entry, offset + i, offset + i + 1, True, from_noun=False, head=label)
    return None


def _learnt_skill(sentence: Sequence[Token], index: int) -> bool:
    """An infinitive that is the object of "leren" ("zelf schrijven"), not one after a preposition
    ("meer van samenwerken", "van zelfstandig werken")."""
    if not sentence[index].is_infinitive:
        return False
    before = index - 1
    while before >= 0 and sentence[before].tag in {"ADJ", "BW"}:
        before -= 1
    return before < 0 or sentence[before].tag != "VZ"


def lacking(
    vocab: Vocabulary, concepts: list[Concept], analysis: Analysis, asking: set[int]
) -> list[Concept]:
    """The practitioner's own noun phrases that the story (outside the ``asking`` sentences) says
    are missing: after "zonder" or "geen" ("zonder opbouw"), or the object of a negated verb, not in
    a prepositional phrase ("halen AVI E3 niet"; not "geen derde van de klas"). For a "does X
    work?" question that names no outcome, that is what X should bring about."""
    starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
    found = []
    for concept in sorted(concepts, key=lambda c: c.position):
        index = bisect.bisect_right(starts, concept.position) - 1
        if index in asking or not concept.from_noun or concept.setting or concept.actor:
            continue
        sentence = analysis.sentences[index]
        at = before = concept.position - starts[index]
        while before > 0 and sentence[before - 1].tag in {"LID", "VNW", "ADJ", "TW"}:
            before -= 1
            if sentence[before].lemma.lower() == "geen":
                break
        word = sentence[before - 1] if before > 0 else None
        denied = sentence[before].lemma.lower() == "geen" or (word and word.lemma.lower() == "zonder")
        if denied or ((word is None or word.tag != "VZ") and vocab.negated(sentence, at)):
            found.append(concept)
    return found


def problem(core: list[Concept], analysis: Analysis, asking: set[int]) -> list[Concept]:
    """What the story of a "does X work?" question says goes wrong, when the question names no outcome
    ("Is het slim om later te beginnen? Veel leerlingen komen te laat."): the known concepts first
    named outside the ``asking`` sentences (the question, a proposal of X), that are neither X (nor its
    broader or narrower term) nor an approach of their own (a descriptor with a ``doel``: "strafwerk" →
    positive behaviour support is another measure, not an outcome)."""
    ends = list(itertools.accumulate(len(s) for s in analysis.sentences))
    asked = [c for c in core if c.in_question]
    return [
        c
        for c in core
        if not c.in_question
        and not c.actor
        and bisect.bisect_right(ends, c.position) not in asking
        and c.entry is not None
        and not c.entry.doel
        and not any(related_terms(x.entry, c.entry) or c.label in x.label for x in asked)
    ]


def aims(concept: Concept) -> bool:
    """Does research on the concept, an approach, usually measure a known outcome (its ``doel``)?"""
    return concept.entry is not None and bool(concept.entry.doel)


def same_topic(asked: Concept, other: Concept) -> bool:
    """Is ``other`` the asked concept X again (its term, a broader or narrower one, or within its label)?"""
    related = other.entry is not None and related_terms(asked.entry, other.entry)
    return related or other.label in asked.label or asked.label in other.label
