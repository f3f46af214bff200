"""A question that names a cause ("Is dat toeval of ligt het aan het programma?"): where it names
it, and the cause as the story first told it. The question then asks for the effect of that cause.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from assistant.dutch import Analysis, Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary


def blamed(vocab: Vocabulary, question: Sequence[Token]) -> tuple[int, int] | None:
    """Where a question names a cause: the phrase after the preposition of a verb of causing ("ligt
    het aan het programma", "komt het door de methode": ``oorzaakwerkwoorden``) to the clause's end."""
    if not clauses.asks(question, vocab.effect_words):
        return None
    for i, token in enumerate(question):
        prepositions = vocab.cause_prepositions.get(token.lemma.lower(), ()) if token.is_verb else ()
        at = next((j for j in range(i + 1, len(question)) if question[j].tag == "VZ"), None)
        if at is None or question[at].lemma.lower() not in prepositions:
            continue
        # a coordinator before a verb starts the alternative ("aan het systeem of is dat toeval")
        end = next(
            (
                j
                for j in range(at + 1, len(question))
                if clauses.ends_phrase(question[j])
                or (question[j].tag == "VG" and j + 1 < len(question) and question[j + 1].is_verb)
            ),
            len(question),
        )
        if any(t.is_noun for t in question[at + 1 : end]):
            return at + 1, end
    return None


def cause(vocab: Vocabulary, analysis: Analysis, question: Sequence[Token], start: int, end: int) -> Concept:
    """The cause a question names in tokens ``start:end``, as the story first told it ("het
    programma" → "adaptief online programma": the first noun phrase with its head), else in the
    question's own words."""
    tokens = analysis.tokens
    head = next(t for t in reversed(tokens[start:end]) if t.is_noun)
    lemma = head.lemma.lower()
    story = itertools.takewhile(lambda s: s is not question, analysis.sentences)
    phrases = [p for s in story for p in Analysis((s,)).noun_phrases() if p.head is not None]
    told = next((p for p in phrases if p.head.lemma.lower().endswith(lemma) and vocab.label(p)), None)
    label = vocab.label(told) if told is not None else None
    if told is None or label is None:
        label = " ".join(t.text.lower() for t in tokens[start:end] if t.tag not in {"LID", "VNW", "LET"})
    else:
        head = told.head
    entry = vocab.evidenced(head, head.lemma)
    return Concept(label, entry, start, end, True, head=head.lemma.lower())
