"""What a pointing word in the question points back to ("zo'n verbod" → the "telefoonverbod" the story
told), so the story's concept and the question's mention are one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.dutch import Token
from assistant.flows.praktijkvraag.reading import Concept

_KIND_POINTERS = frozenset({"zo'n", "zulk"})  # demonstratives of a kind, not of one thing
_DEFINITE = frozenset({"de", "het"})


def antecedents(concepts: list[Concept], tokens: Sequence[Token]) -> list[Concept]:
    """The concepts with each pointed one ("zo'n verbod") named as the earlier compound it points back
    to ("telefoonverbod": the compound's last part is its head), so the two merge as one concept that
    the question asks about. "zo'n" and "zulke" point at a kind ("gemengde brugklassen … zo'n klas"),
    "die", "deze", "dat" at the thing itself, in the same number ("die laatste weken" is not "de
    laatste toetsweek")."""

    def plural(concept: Concept) -> bool:
        span = tokens[concept.position : concept.end]
        return any("mv" in t.features for t in span if t.lemma.lower() == concept.head)

    result = []
    for concept in concepts:
        # a definite article points at the same head told with more words ("het programma" after "een
        # adaptief online programma"), a demonstrative also at a compound ("zo'n verbod" → telefoonverbod)
        same = concept.pointed in _DEFINITE
        earlier = [
            c
            for c in result
            if c.position < concept.position
            and (
                c.head == concept.head and len(c.label) > len(concept.label)
                if same
                else c.head != concept.head
            )
            and c.head.endswith(concept.head)
            and (concept.pointed in _KIND_POINTERS or plural(c) == plural(concept))
        ]
        if concept.pointed and concept.from_noun and earlier:
            told = earlier[-1]
            concept = replace(told, position=concept.position, end=concept.end, in_question=True)
        result.append(concept)
    return result
