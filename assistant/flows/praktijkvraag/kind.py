"""The kind of question (``Vorm``) a question sentence asks: a goal, a problem, "does X work?" or a
broad wish for effective versions of something ("Wat moet er in een goed inwerkprogramma?").
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dutch import Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.reading import Vorm
from assistant.flows.praktijkvraag.vocabulary import Vocabulary


def vorm(
    vocab: Vocabulary,
    question: Sequence[Token],
    asked: bool,
    measured: bool = False,
    before: Sequence[Token] | None = None,
) -> Vorm:
    """Goal, problem, "does X work?" or a broad wish, from the question sentence; ``measured``: it
    names X and the outcome of X ("Wat doet X voor Y?"); ``before``: the words before that outcome
    (a verb of solving within it says what X should do, "Heeft X zin om uitval te voorkomen?")."""
    if clauses.wants(question) and asked:
        return "doel"  # "We willen dat de docenten meer van elkaar leren"
    if not clauses.asks(question, vocab.effect_words) or not asked:
        return "probleem"  # a description of what goes wrong, or "Hoe kwam dat?"
    if wished(vocab, question):
        return "kenmerken"
    lemmas = {t.lemma.lower() for t in (question if before is None else before)}
    if lemmas & vocab.problem_verbs:
        return "probleem"
    first = question[0]
    if first.is_finite_verb and first.lemma.lower() not in clauses.MODALS - {"mogen"}:
        return "effect"  # "Draagt X bij aan Y?", "Klopt het dat X zorgt voor Y?", "Werkt X?"
    if first.lemma.lower() == "hoe" or "om" in lemmas:
        return "doel"
    return "effect" if measured else "probleem"


def wished(vocab: Vocabulary, question: Sequence[Token]) -> str | None:
    """ "Wat moet er in een goed inwerkprogramma?" → "inwerkprogramma"."""
    if not clauses.asks(question, vocab.effect_words):
        return None
    for i, token in enumerate(question[:-1]):
        if (
            token.is_adjective
            and "basis" in token.features  # "betere resultaten" is an outcome, not a wish
            and token.lemma.lower() in vocab.wish_adjectives
            and question[i + 1].is_noun
        ):
            noun = question[i + 1]
            if noun.lemma.lower() not in vocab.who.people:
                # "een effectief inwerkprogramma" (het-word), "een effectieve aanpak" (de-word)
                neuter = "onz" in noun.features and "ev" in noun.features
                return f"{'effectief' if neuter else 'effectieve'} {noun.lemma}"
    return None
