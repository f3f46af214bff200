"""The words the praktijkvraag reader reads by: the word classes of the kennisvraag spec
(``[lezen]`` in ``prompts/flows/kennisvraag.toml``), the thesaurus, who is who (``Doelgroep``), and
the tests every part of the reader makes of a word: is it good evidence for a thesaurus term, an
everyday word, a compound, a word of the target group?

One home for them, so each part of the reader (``assistant.flows.praktijkvraag``) takes the vocabulary
instead of the reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wordfreq import zipf_frequency

from assistant.dutch import Phrase, Token
from assistant.flows import clauses
from assistant.flows.doelgroep import Doelgroep
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.spec import load_spec
from assistant.lexical import stem_words
from assistant.thesaurus import Entry, Thesaurus

# Nouns at least this frequent in Dutch are everyday words ("jaar" 6.2, "week" 5.6, "dag" 6.0) unless
# the thesaurus knows them; topic nouns are rarer ("toetsweek" 2.0, "huiswerk" 4.4). On the tuning half
# (odd ids) 4.5, 5.0 and 5.5 named the concepts equally (0.5); 5.5 let more everyday words become search
# terms (0.074 of them forbidden against 0.044 at 5.0, 0.048 at 4.5).
EVERYDAY_ZIPF = 5.0
_COMPOUND_PART = 3  # letters of each part of a compound tried ("pap" + "ier")
# Both parts of a compound are known words ("ouder" 4.9 + "avond" 5.3, "project" 4.5 + "week" 5.6);
# a simple noun's halves are not ("boo"/"rd", "büh"/"ne"). 3.0 as for verbs: rare but real words count.
_PART_ZIPF = 3.0
# The kennisvraag forms (``sjablonen`` in kennisvraag.toml) whose nouns frame a question.
_FORMS = ("doel", "probleem", "effect", "kenmerken", "kenmerken_doel", "smaller", "oorzaken")
# A question of at most this many words ("Wat doen we fout?", "Hoe kwam dat?") has no room for a topic
# next to its question word, verb and pronoun: it asks about the story told before it.
META_WORDS = 4  # more reads as a word list; 4 named no more concepts on the tuning half (0.5)


class Vocabulary:
    """The word classes of the spec's ``[lezen]`` table, the thesaurus and the target group's words."""

    def __init__(self, thesaurus: Thesaurus) -> None:
        self.thesaurus = thesaurus
        kennisvraag = load_spec("kennisvraag")
        spec = kennisvraag["lezen"]
        # The nouns the kennisvraag's own forms use ("kenmerken", "aanpakken", "oorzaken"): the question
        # frame the praktijkvraag borrowed ("Wat zijn kenmerken van goed burgerschapsonderwijs?"), no topic.
        forms = " ".join(kennisvraag["sjablonen"][form] for form in _FORMS)
        self.frame_words = frozenset(stem_words(re.findall(r"(?<!\{)\b\w+\b(?!\})", forms.lower())))
        self.who = Doelgroep(spec)
        self.parties = frozenset(spec["partijen"])
        self.school_types = frozenset(spec["schoolsoorten"])
        self.light_words = frozenset(spec["lichte_werkwoorden"])
        self.copulas = frozenset(spec["koppelwerkwoorden"])
        self.change_verbs = frozenset(spec["veranderwerkwoorden"])
        self.problem_verbs = frozenset(spec["probleemwerkwoorden"])
        self.learning_verbs = frozenset(spec["leerwerkwoorden"])
        self.learning_outcome: str = spec["leeruitkomst"]
        self.proposal_verbs = frozenset(spec["voorstelwerkwoorden"])
        self.wish_adjectives = frozenset(spec["wensbijvoeglijk"])
        self.classifiers = frozenset(spec["soortwoorden"])
        self.negators = frozenset(spec["ontkenningen"])
        self.preferring = frozenset(spec["voorkeurwoorden"])
        self.comparing = tuple(tuple(c.split()) for c in spec["vergelijkingswoorden"])
        self.context_prepositions = frozenset(spec["context_voorzetsels"])
        self.outcome_prepositions: dict[str, list[str]] = spec["uitkomstvoorzetsels"]
        # "ligt aan", "komt door": a verb of causing and its preposition, before the cause the question names
        self.cause_prepositions: dict[str, list[str]] = spec["oorzaakwerkwoorden"]
        # "effect", "werken", "helpen", "zin": the words that ask whether something works, not what about
        self.effect_words = frozenset(self.outcome_prepositions) | frozenset(spec["oordeelwoorden"])

    def strong(self, word: Token, entry: Entry, lemma: str | None = None) -> bool:
        """Is ``word`` good evidence for ``entry``? Its own name or synonym always is; another word that
        leads to it ("les" → instructie, "tijd" → tijd en ruimte, "slim" → hoogbegaafdheid) only when it
        is not an everyday word, which says too little on its own."""
        names = {entry.term.lower(), *(w.lower() for w in entry.synoniemen)}
        forms = {word.lemma.lower(), word.text.lower()}
        named = word.tag == "SPEC" or "eigen" in word.features  # a name ("Nederlands") is specific
        if lemma is not None and lemma not in forms:  # a verb with its particle ("uitvallen")
            return lemma in names or zipf_frequency(lemma, "nl") < EVERYDAY_ZIPF
        return bool(forms & names) or named or rare(word) or word.lemma.lower() in self.who.people

    def evidenced(self, word: Token, *keys: str, lemma: str | None = None) -> Entry | None:
        """The thesaurus entry of the first of ``keys`` it knows, when ``word`` is good evidence for it
        (``strong``); else None."""
        entry = next((e for key in keys if (e := self.thesaurus.find(key)) is not None), None)
        return entry if entry is not None and self.strong(word, entry, lemma) else None

    def label(self, phrase: Phrase) -> str | None:
        """The phrase in base form without people, levels, numbers and judging adjectives ("goede")."""
        head = phrase.head
        if head is None or head.lemma.lower() in self.school_types or self.who.learners_class(head):
            return None
        if head.lemma.lower() in self.classifiers:  # "dit soort [fraude]": the noun after it is the topic
            return None
        # People are the target group, not a topic, unless the thesaurus makes them one ("ouders").
        if (head.lemma.lower() in self.who.people or self.who.learner(head.lemma, head.text)) and (
            self.who.learner(head.lemma, head.text) or self.thesaurus.find(head.lemma) is None
        ):
            return None
        tokens = clauses.without_measures(phrase.tokens, self.thesaurus.knows)
        words = [
            t
            for i, t in enumerate(tokens)
            if (t.is_noun or t.is_adjective or t.is_participle or clauses.ordinal(t))
            and t.lemma.lower() not in self.wish_adjectives
            and t.lemma.lower() not in self.light_words
            and t.lemma.lower() not in self.school_types
            # a comparative or superlative grades ("het hoogste cijfer", "simpeler toetsen"): no kind
            and not (t.is_adjective and {"comp", "sup"} & set(t.features) and not clauses.ordinal(t))
            and not (t.is_noun and self.who.learner(t.lemma))  # "Studenten niveau 3": the group
            and not self.who.levels.fullmatch(" ".join(x.text for x in tokens[i : i + 2]))  # "niveau 3"
            and not self.who.levels.fullmatch(t.text)
            and not clauses.determiner_like(
                t, tokens[i + 1 : i + 2]
            )  # "dezelfde fouten": points, not a topic
        ]
        if not words or not any(t.is_noun for t in words):
            return None
        return " ".join(t.text if t.tag == "SPEC" or t.text.isupper() else t.text.lower() for t in words)

    def group_word(self, token: Token) -> bool:
        """A word that names people or a level ("eerstejaars", "brugklas"): the target group's."""
        lemma = token.lemma.lower()
        return (
            lemma in self.who.people or lemma in self.school_types or bool(self.who.levels.fullmatch(lemma))
        )

    def about_group(self, tokens: Sequence[Token]) -> set[int]:
        """The indices of prepositional phrases about the target group ("voor onze eerstejaars"): from
        the preposition to the first noun after it, when that noun names people or a level."""
        about: set[int] = set()
        for index, token in enumerate(tokens):
            noun = next((i for i in range(index + 1, len(tokens)) if tokens[i].is_noun), None)
            if token.tag == "VZ" and noun is not None and self.group_word(tokens[noun]):
                about.update(range(index, noun + 1))
        return about

    def negated(self, sentence: Sequence[Token], index: int) -> bool:
        """Is the verb at ``index`` negated: a negation ("niet", "nooit", "nauwelijks") in its clause
        (between punctuation or conjunctions)?"""
        return any(t.lemma.lower() in self.negators for t in clauses.clause(sentence, index))

    def impersonal(self, sentence: Sequence[Token], word: Token) -> bool:
        """Is the word in a clause whose subject is an impersonal "het" or a pronoun "dat"/"dit" with a
        copula ("het is te laat", "het wordt te druk", "Is dat toeval?")? What it says is of the
        situation, not of anyone in it, nor a topic of its own."""
        index = next(i for i, t in enumerate(sentence) if t is word)
        clause = clauses.clause(sentence, index)
        return any(clauses.situation(t) for t in clause) and any(
            t.is_finite_verb and t.lemma.lower() in self.copulas for t in clause
        )

    def frame(self, concept: Concept) -> bool:
        """A single noun unknown to the thesaurus that a kennisvraag form already says ("kenmerken")."""
        single = concept.from_noun and concept.entry is None and " " not in concept.label
        return single and stem_words([concept.label.lower()])[0] in self.frame_words


def rare(head: Token) -> bool:
    """Not an everyday noun: neither the word nor its lemma is that frequent ("beetje" → "beet")."""
    return (
        max(zipf_frequency(head.lemma.lower(), "nl"), zipf_frequency(head.text.lower(), "nl")) < EVERYDAY_ZIPF
    )


def compound(word: str) -> bool:
    """Two Dutch words joined ("ouderavond", "middagpauze", "werkboek"): the word splits into two parts
    of at least ``_COMPOUND_PART`` letters, each a known word (a linking "s" dropped) and each more
    frequent than the whole, as a compound is more specific than its parts ("papier" 4.5 is no
    "pap" 3.9 + "ier" 3.3)."""
    whole = zipf_frequency(word, "nl")
    return any(
        min(zipf_frequency(word[:cut].removesuffix("s"), "nl"), zipf_frequency(word[cut:], "nl"))
        >= max(_PART_ZIPF, whole)
        for cut in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1)
    )


def in_pp(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """Does a preposition govern the phrase (past its article, pronoun, number or adjective)?"""
    index = tokens.index(phrase.tokens[0])
    while index > 0 and tokens[index - 1].tag in {"LID", "VNW", "TW", "ADJ"}:
        index -= 1
    return index > 0 and tokens[index - 1].tag == "VZ"


def related_terms(known: Entry | None, entry: Entry) -> bool:
    """The same descriptor, or one the other names as its broader term ("pesten" → sociale veiligheid)."""
    return known is not None and (known is entry or entry.term in known.breder or known.term in entry.breder)
