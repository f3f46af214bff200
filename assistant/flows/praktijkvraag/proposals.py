"""A measure the story proposes ("Sommige collega's willen stoppen met huiswerk."): a short judgement
question after it ("Wat is wijsheid?") asks for that measure's effect.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.dutch import Analysis, Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.nominalise import nominalised
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary


@dataclass(frozen=True)
class Proposal:
    """A measure the story proposes: its sentence, the words after the verb of proposing, and the
    measure as a concept named by its verb (used when none of its nouns is a concept)."""

    sentence: int
    words: frozenset[str]
    measure: Concept | None
    # Its purpose clause ("om de concentratie te verhogen"): the outcome of the measure named before
    # it ("korte beweegpauzes"); made a noun, the measure itself when nothing before "om" is a concept
    # or a content verb ("zweert bij spelletjes om X te trainen" → "het trainen van X").
    clause: Concept | None = None
    start: int = 0  # where the measure's words start


def proposed(
    vocab: Vocabulary, analysis: Analysis, question: Sequence[Token], yes_no: bool = False
) -> Proposal | None:
    """A measure the story proposes: what follows a verb of proposing with an infinitive after it
    ("Sommige collega's willen stoppen met huiswerk opgeven" → stoppen, met, huiswerk, opgeven), the
    last such clause before the question. Learners who want something ("de leerlingen willen niet
    leren") tell the problem, not a measure. A yes/no question about "dat" (``yes_no``: "Werkt
    dat?", "Heeft dat effect?") judges the practice the sentence right before it tells, when that
    sentence has an infinitive ("Een collega zweert bij spelletjes om … te trainen")."""
    found = None
    starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
    for index, sentence in enumerate(analysis.sentences):
        if sentence is question:
            if found is None and yes_no and index > 0:
                before = analysis.sentences[index - 1]
                verb = next((i for i, t in enumerate(before) if t.is_verb), None)
                rest = list(before[verb + 1 :]) if verb is not None else []
                if any(t.is_infinitive for t in rest):  # its subject tells who, not the measure
                    found = _proposal(vocab, index - 1, starts[index - 1] + verb, rest)
            break
        verb = next(
            (
                i
                for i, t in enumerate(sentence)
                if t.is_finite_verb and t.lemma.lower() in vocab.proposal_verbs
            ),
            None,
        )
        if verb is None or any(t.lemma.lower() in vocab.who.learners for t in sentence[:verb]):
            continue
        rest = list(sentence[verb + 1 :])
        if any(t.is_infinitive for t in rest):
            found = _proposal(vocab, index, starts[index] + verb, rest)
    return found


def _proposal(vocab: Vocabulary, index: int, at: int, rest: list[Token]) -> Proposal:
    """The measure told by ``rest`` (the words after token ``at`` of sentence ``index``), named by
    its last content infinitive when none of its nouns is a concept ("meer buitenspelen")."""
    words = {w for t in rest if t.tag != "LET" for w in (t.lemma.lower(), t.text.lower())}
    om = next((i for i, t in enumerate(rest) if clauses.purpose(rest, i)), None)
    doing = [
        (i, t)
        for i, t in enumerate(rest[:om])
        if t.is_infinitive and t.lemma.lower() not in vocab.light_words
    ]
    measure = None
    if doing:
        i, token = doing[-1]
        place, lemma = at + 1 + i, token.lemma.lower()
        entry = vocab.thesaurus.find(lemma)
        entry = entry if entry is not None and vocab.strong(token, entry) else None
        measure = Concept(lemma, entry, place, place + 1, True, from_noun=False, head=lemma)
    clause = nominalised(vocab, rest, om + 1, at + 1) if om is not None else None
    return Proposal(index, frozenset(words), measure, clause, at + 1)


def within(concept: Concept, words: frozenset[str]) -> bool:
    """Is the concept's head (every word of it) among ``words``?"""
    return bool(concept.head) and set(concept.head.lower().split()) <= words
