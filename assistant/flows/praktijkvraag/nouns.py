"""The concepts a sentence names in nouns: the thesaurus's own phrases ("te laat", "zelf beoordelen")
and the noun phrases that are topics ("laatste toetsweek"), with what narrows them down ("uitval
tijdens de bpv").

A noun phrase is no topic when it names who asks or tells ("wij als sectie"), the target group or its
level ("in klas 4"), the question's frame ("effect op"), a quantity ("een kwartier"), a general
container of a known concept ("problemen met plannen") or completes a light verb's fixed expression
("aan boord houden"); an everyday noun the thesaurus does not know is one only when the question
singles it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Phrase, Token
from assistant.flows import clauses
from assistant.flows.doelgroep import Doelgroep
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary, compound, in_pp, rare
from assistant.thesaurus import Entry, Thesaurus

# A noun this frequent is general enough to stand for what its prepositional phrase names ("probleem"
# 5.2, "drukte" 4.2); topic nouns without a thesaurus term are rarer ("strafwerk" 2.1, "flitskaart" 0).
# On the practice questions it removed one vague noun from a tuning-half kennisvraag and changed
# nothing else on either half.
_GENERAL_ZIPF = 4.0


def noun_concepts(
    vocab: Vocabulary,
    sentence: Sequence[Token],
    offset: int,
    in_question: bool,
    used: set[int],
    heads: set[str] | None = None,
) -> list[Concept]:
    """The thesaurus phrases and the noun phrases of the sentence that are topics, each with its
    context; the ids of the tokens they cover join ``used``. ``heads``: the head lemmas of the concepts
    earlier sentences named, which a definite article in the question points back to."""
    place = {id(t): offset + i for i, t in enumerate(sentence)}
    found = _phrase_concepts(vocab, sentence, place, in_question, used)
    found += _noun_phrase_concepts(vocab, sentence, offset, place, in_question, used, heads)
    found = [c for c in found if not _measures(c, found, sentence, offset)]
    found = [c for c in found if not _container(c, found, sentence, offset)]
    found = [_with_context(vocab, c, sentence, offset, used) for c in found]
    found = [c for c in found if not any(o.position < c.position and c.end <= o.end for o in found)]
    return found


def _phrase_concepts(
    vocab: Vocabulary, sentence: Sequence[Token], place: dict[int, int], in_question: bool, used: set[int]
) -> list[Concept]:
    """The thesaurus phrases the sentence names, longest first, none over words one before it covers."""
    found: list[Concept] = []
    for phrase, covered, in_words in thesaurus_phrases(vocab.thesaurus, sentence):
        if any(id(t) in used for t in covered) or vocab.who.levels.fullmatch(phrase):
            continue  # a level ("groep 1") is the target group's, also one the thesaurus knows
        if of_het(vocab, sentence, covered):
            continue  # "als het al te laat is": the situation, not learners who are late
        entry = vocab.thesaurus.find(phrase)
        assert entry is not None
        used.update(id(t) for t in covered)
        start, end = place[id(covered[0])], place[id(covered[-1])] + 1
        # The practitioner's own noun phrase keeps their words ("warme overdracht").
        # … also a fixed phrase ending in an infinitive used as a noun ("vrij lezen"), not as the
        # verb of a modal ("kunnen we eerder zien dat …").
        # … not a fixed expression opening with a preposition ("aan boord" → draagvlak).
        own = (
            in_words
            and covered[0].tag != "VZ"
            and (
                any(t.is_noun for t in covered)
                or (
                    len(covered) > 1
                    and covered[-1].is_infinitive
                    and covered[0].lemma != "te"
                    and not clauses.modal_verb(sentence, covered[-1])
                )
            )
        )
        label = " ".join(t.text.lower() for t in covered) if own else entry.term
        found.append(Concept(label, entry, start, end, in_question, own, head=phrase))
    return found


def _noun_phrase_concepts(
    vocab: Vocabulary,
    sentence: Sequence[Token],
    offset: int,
    place: dict[int, int],
    in_question: bool,
    used: set[int],
    heads: set[str] | None,
) -> list[Concept]:
    """The noun phrases that are topics, outside the tokens ``used`` by thesaurus phrases."""
    found: list[Concept] = []
    phrases = Analysis((tuple(sentence),)).noun_phrases()
    for whole in (part for phrase in phrases for part in clauses.split_nouns(phrase)):
        # A phrase the thesaurus took part of ("toets [begrijpend lezen]") keeps the rest before it.
        cut = next((i for i, t in enumerate(whole.tokens) if id(t) in used), len(whole.tokens))
        phrase = Phrase(whole.tokens[:cut])
        label = vocab.label(phrase) if cut else None
        head = phrase.head
        if label is None or head is None or any(id(t) in used for t in phrase.tokens if t.is_noun):
            continue
        # "wij als sectie Nederlands", "Collega's zeggen dat …": staff who ask or tell, not what about
        # (what parents think is a topic: "Ouders denken dat de school ze bewaart")
        teller = clauses.tells(sentence, phrase) and head.lemma.lower() not in vocab.parties
        if clauses.speaker_role(sentence, phrase) or teller or _whose(vocab, sentence, phrase):
            continue
        if _level_after(vocab.who, sentence, phrase):  # "in klas [4]": the target group's level
            continue
        if head.lemma.lower() in vocab.outcome_prepositions:  # "effect op": the question's frame
            continue
        entry = vocab.thesaurus.find(head.lemma) if " " not in label else None
        entry = entry or vocab.thesaurus.find(label) or vocab.thesaurus.find(head.lemma)
        if entry is None and " " in label and all(t.is_noun for t in phrase.tokens):
            entry = vocab.thesaurus.find(label.replace(" ", ""))  # "burn-out klachten" typed loose
        entry = entry if entry is not None and vocab.strong(head, entry) else None
        # An everyday noun is as specific as a rare modifier the thesaurus knows ("een adaptief
        # online programma" → digitale leermiddelen).
        entry = entry or next(
            (
                known
                for t in phrase.tokens
                if t is not head
                and t.is_adjective
                and rare(t)
                and (known := vocab.thesaurus.find(t.lemma)) is not None
            ),
            None,
        )
        modified = any(t.is_adjective or clauses.ordinal(t) for t in phrase.tokens)
        # "zo'n gesprek", "in zo'n omgeving": the question points at what the story told; that is its
        # topic, however everyday the word, and no setting.
        pointed = clauses.pointed(sentence, phrase) if in_question and offset > 0 else ""
        if in_question and not pointed and head.lemma.lower() in (heads or set()):
            # "ligt het aan het programma?" after "een adaptief online programma": the same thing
            pointed = clauses.definite(sentence, phrase)
        if entry is None and not (rare(head) or (in_question and (modified or pointed))):
            continue
        if entry is None and not pointed and _idiom(vocab, sentence, phrase):  # "aan boord houden"
            continue
        if entry is None and _predicate_of_het(vocab, sentence, phrase):
            continue  # "(dat) het niet alleen brandjes blussen is": says what "het" is like, no topic
        used.update(id(t) for t in phrase.tokens)
        start, end = place[id(phrase.tokens[0])], place[id(phrase.tokens[-1])] + 1
        setting = entry is None and clauses.setting(sentence, phrase) and not pointed
        # Staff are who acts, not a topic; a party outside the school is one, by the thesaurus's
        # name for it ("ouders" → ouderbetrokkenheid).
        party = head.lemma.lower() in vocab.parties and entry is not None
        actor = head.lemma.lower() in vocab.who.people and not party
        label = entry.term if party and entry is not None and " " not in label else label
        if entry is not None and (toward := _toward(vocab.thesaurus, entry, sentence, phrase)) is not None:
            # "een hekel hebben aan lezen", "plezier in lezen": the attitude toward what is named
            # after it is its narrower term ("leesmotivatie"), not the attitude word ("hekel").
            entry, label = toward, toward.term
        found.append(
            Concept(
                label,
                entry,
                start,
                end,
                in_question,
                head=head.lemma.lower(),
                setting=setting,
                actor=actor,
                pointed=pointed,
            )
        )
    return found


def thesaurus_phrases(
    thesaurus: Thesaurus, sentence: Sequence[Token]
) -> Iterator[tuple[str, list[Token], bool]]:
    """The thesaurus phrases in the sentence, longest first: each with the tokens it covers and
    whether it stands in the words themselves (else in their lemmas). Phrases are looked up in the
    words and in the lemmas, also without "te" ("zelf te beoordelen")."""
    for words in ([t for t in sentence], [t for t in sentence if t.lemma.lower() != "te"]):
        forms = [t.text.lower() for t in words]
        for text_of in (forms, [t.lemma.lower() for t in words]):
            text = " ".join(text_of)
            for phrase in thesaurus.phrases:
                match = re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", text)
                if match is not None:
                    first = text[: match.start()].count(" ")
                    yield phrase, words[first : first + phrase.count(" ") + 1], text_of is forms


def of_het(vocab: Vocabulary, sentence: Sequence[Token], covered: Sequence[Token]) -> bool:
    """Are the words of a thesaurus phrase without a noun said of an impersonal "het" ("als het
    te laat is")?"""
    return not any(t.is_noun for t in covered) and vocab.impersonal(sentence, covered[0])


def _whose(vocab: Vocabulary, sentence: Sequence[Token], phrase: Phrase) -> bool:
    """Does the phrase say whose the people before it are ("de docenten van [onze opleiding]") or
    name their course ("opleiding [Software Developer]")? It belongs to who, not to what about. Not
    a phrase the thesaurus knows ("de ouders van [nieuwkomers]" is a topic)."""
    if phrase.head is None or vocab.thesaurus.find(phrase.head.lemma) is not None:
        return False
    index = next(i for i, t in enumerate(sentence) if t is phrase.tokens[0])
    before = index - 1
    if before >= 0 and phrase.tokens[0].text[:1].isupper():
        return sentence[before].lemma.lower().endswith("opleiding")
    while before >= 0 and sentence[before].tag in {"LID", "VNW"}:
        before -= 1
    if before < 1 or sentence[before].lemma.lower() != "van":
        return False
    people = sentence[before - 1]
    return people.is_noun and (people.lemma.lower() in vocab.who.people or vocab.who.learner(people.lemma))


def _level_after(who: Doelgroep, sentence: Sequence[Token], phrase: Phrase) -> bool:
    """A phrase whose last noun and the number after it name a level ("klas" in "in klas 4 al"):
    the chunker may put the number in a phrase of its own."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[-1]), len(sentence))
    if index + 1 >= len(sentence) or sentence[index + 1].tag != "TW":
        return False
    return bool(who.levels.fullmatch(f"{sentence[index].text} {sentence[index + 1].text}"))


def _idiom(vocab: Vocabulary, sentence: Sequence[Token], phrase: Phrase) -> bool:
    """A bare noun that completes a light verb's fixed expression ("leerbedrijven aan boord houden",
    "op de bühne staan", "is dat voor de bühne?"): one singular simple noun (no compound, no
    adjective) right after a preposition and at most an article, in a clause whose finite verb is
    light (``lichte_werkwoorden``) and with no content verb next to it. It says how, not what about;
    a compound ("op de ouderavond") or a noun the thesaurus knows ("op stage zijn") is a topic."""
    words = [t for t in phrase.tokens if t.tag != "LID"]
    if len(words) != 1 or words[0].tag != "N" or "ev" not in words[0].features:
        return False
    index = next(i for i, t in enumerate(sentence) if t is phrase.tokens[0])
    before = index - 1 - (index > 0 and sentence[index - 1].tag == "LID")
    # "zonder opbouw" names what is missing (``outcomes.lacking``), no expression
    if before < 0 or sentence[before].tag != "VZ" or sentence[before].lemma.lower() == "zonder":
        return False
    if compound(words[0].lemma.lower()):
        return False
    # a content verb right before or after governs the phrase ("kiezen voor een profiel", "oefenen
    # op de iPad"); skipping "te" ("aan boord te houden")
    after = index + len(phrase.tokens)
    after += after < len(sentence) and sentence[after].lemma.lower() == "te"
    near = [sentence[i] for i in (before - 1, after) if 0 <= i < len(sentence)]
    if any(t.is_verb and t.lemma.lower() not in vocab.light_words for t in near):
        return False
    # the clause: between punctuation and subordinators ("en" may join the objects before)
    bounds = [i for i, t in enumerate(sentence) if t.tag == "LET" or "onder" in t.features]
    start = max((i for i in bounds if i < index), default=-1) + 1
    end = min((i for i in bounds if i > index), default=len(sentence))
    return any(t.is_finite_verb and t.lemma.lower() in vocab.light_words for t in sentence[start:end])


def _predicate_of_het(vocab: Vocabulary, sentence: Sequence[Token], phrase: Phrase) -> bool:
    """Is the phrase the predicate of an impersonal "het" with a copula ("zonder dat het een taalles
    wordt", "dat het brandjes blussen is")? Not when a preposition governs it (a time or place:
    "na de middagpauze", "over zonnepanelen") or an om-clause holds it ("of het slim is om ouders
    leesboekjes mee te geven")."""
    index = next(i for i, t in enumerate(sentence) if t is phrase.tokens[0])
    start, _ = clauses.clause_bounds(sentence, index)
    purpose = any(clauses.purpose(sentence, i) for i in range(start, index))
    return vocab.impersonal(sentence, phrase.tokens[0]) and not purpose and not in_pp(sentence, phrase)


def _toward(thesaurus: Thesaurus, entry: Entry, sentence: Sequence[Token], phrase: Phrase) -> Entry | None:
    """The narrower term of ``entry`` that a verb after "aan", "in" or "voor" later in the clause
    names when negated (``niet``): "hekel (motivatie) … aan lezen" → leesmotivatie, since "ze lezen
    niet" is missing reading motivation."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[-1]), len(sentence))
    for i in range(index + 1, len(sentence) - 1):
        if sentence[i].tag in {"LET", "VG"}:
            break
        if sentence[i].tag == "VZ" and sentence[i].lemma.lower() in {"aan", "in", "voor"}:
            narrower = thesaurus.negated.get(sentence[i + 1].lemma.lower())
            if narrower is not None and entry.term in narrower.breder:
                return narrower
    return None


def _measures(concept: Concept, found: list[Concept], sentence: Sequence[Token], offset: int) -> bool:
    """A quantity of the concept right after it ("een kwartier [vrij lezen]", "tien minuten [tafels]"):
    after "een" or a number, unknown to the thesaurus, with no word between."""
    index = concept.position - offset
    before = sentence[index - 1] if index > 0 else None
    counted = before is not None and (before.lemma.lower() == "een" or before.tag == "TW")
    return (
        concept.entry is None
        and counted
        and " " not in concept.label
        and any(other.position == concept.end for other in found)
    )


def _container(concept: Concept, found: list[Concept], sentence: Sequence[Token], offset: int) -> bool:
    """A general noun whose prepositional phrase names what it is about ("problemen met plannen",
    "de drukte rond de toetsweek"): unknown to the thesaurus, a word of wide use, and a known
    concept follows right after its preposition. That concept is the topic."""
    index = concept.end - offset
    if concept.entry is not None or concept.pointed or " " in concept.label or index + 1 >= len(sentence):
        return False
    if sentence[index].tag != "VZ" or zipf_frequency(concept.head, "nl") < _GENERAL_ZIPF:
        return False
    if clauses.purpose(sentence, index):  # "spelletjes om executieve functies te trainen": what for
        return False
    if any(t.is_adjective for t in sentence[concept.position - offset : index]):
        return False  # "betere resultaten bij wiskunde": the adjective makes it specific
    after = index + 1
    while after < len(sentence) and sentence[after].tag in {"LID", "VNW"}:
        after += 1
    return any(o.entry is not None and o.position == offset + after for o in found)


def _with_context(
    vocab: Vocabulary, concept: Concept, sentence: Sequence[Token], offset: int, used: set[int]
) -> Concept:
    """A noun phrase with the time or relation that narrows it down: "uitval tijdens de bpv",
    "warme overdracht tussen basisschool en brugklas" (``context_voorzetsels``)."""
    if not concept.from_noun:
        return concept
    index = concept.end - offset
    if index >= len(sentence) - 1 or sentence[index].lemma.lower() not in vocab.context_prepositions:
        return concept
    end = index + 1
    while end < len(sentence) and (
        sentence[end].chunk.endswith("NP") or sentence[end].lemma.lower() in {"en", "of"}
    ):
        end += 1
    while end > index + 1 and not sentence[end - 1].is_noun:
        end -= 1
    if end == index + 1:
        return concept
    used.update(id(t) for t in sentence[index:end])
    context = " ".join(t.text if t.tag == "SPEC" else t.text.lower() for t in sentence[index:end])
    head = sentence[end - 1].lemma.lower()
    return replace(
        concept, label=f"{concept.label} {context}", end=offset + end, context=context, context_head=head
    )
