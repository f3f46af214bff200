"""The concepts a sentence names in verbs and adjectives: a verb or adjective the thesaurus knows
("verzuimen" → verzuim), one negated that names what is missing ("lezen niet meer" →
leesmotivatie), learners who are gone ("haken af" → uitval), and a predicate made a noun with its
subject ("hun spullen niet vergeten" → "het vergeten van spullen", "de aanmeldingen liepen terug" →
"teruglopende aanmeldingen").

These build on the noun concepts (``nouns``) found before them: a predicate takes its subject from
them, and a word they cover is not read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from wordfreq import zipf_frequency

from assistant.dutch import Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary
from assistant.thesaurus import Thesaurus

_POSSESSIVE_ARTICLE = {"ons": "het", "onze": "de"}
# An adjective before a verb this frequent says how ("slim" 4.65, "bewust" 4.72, "gericht" 4.81 inzetten);
# one that names a practice is rarer ("digitaal" 4.3, "zelfstandig" 4.37 werken, "formatief" 0). Set
# between the two groups; on the practice questions it changed only qc-007 ("slim inzetten").
_MANNER_ZIPF = 4.5


def predicate_concepts(
    vocab: Vocabulary,
    sentence: Sequence[Token],
    offset: int,
    in_question: bool,
    found: list[Concept],
    used: set[int],
    told: bool = False,
) -> list[Concept]:
    """The noun concepts ``found`` with what the sentence's verbs and adjectives add, or make of them
    (a subject joined to its predicate); ``used``: the ids of the tokens the noun concepts cover.
    ``told``: an earlier sentence named learners, so a plural "ze" can be them."""
    found = list(found)
    for index, token in enumerate(sentence):
        lemma = clauses.verb_lemma(sentence, index)  # "haken … af" → "afhaken"
        at = offset + index
        if token.is_verb and (use := _use(vocab, sentence, index, offset, found)) is not None:
            # "dat ze er echt iets mee doen" (met de feedback) → feedbackgebruik
            found.append(replace(use, position=at, end=at + 1, in_question=in_question))
            continue
        if (
            token.is_verb
            and id(token) not in used
            and (missing := vocab.thesaurus.negated.get(lemma)) is not None
            and vocab.negated(sentence, index)
            and not vocab.who.of_others(clauses.clause(sentence, index))
            and not clauses.auxiliary(sentence, index)
        ):
            # "ze lezen thuis bijna niet meer" → leesmotivatie, "komen niet opdagen" → verzuim
            found.append(
                Concept(missing.term, missing, at, at + 1, in_question, from_noun=False, head=missing.term)
            )
            continue
        # Frog may tag a predicative "weg" a noun ("is vaker weg"); a singular noun has a determiner.
        predicate = token.tag == "BW" or (token.is_noun and not clauses.determined(sentence, index))
        if predicate and lemma in vocab.thesaurus.gone and (verb := _verb_of(vocab, sentence, index)):
            lemma += verb  # "loopt dan weg" is "weglopen" (walking off), not being gone
        if (
            (token.is_verb or predicate)
            and id(token) not in used
            and (gone := vocab.thesaurus.gone.get(lemma)) is not None
            and vocab.who.said_of_learners(sentence, index, told)
        ):
            # "is de helft van havo 4 gewoon weg" → verzuim, "stopt een groot deel" → uitval
            found.append(Concept(gone.term, gone, at, at + 1, in_question, from_noun=False, head=gone.term))
            continue
        if id(token) in used or lemma in vocab.light_words:
            continue
        if (noun := _plural_noun(vocab.thesaurus, sentence, index)) is not None:
            # "het nakijken van betogen": Frog read the plural of "betoog" as the verb "betogen"
            entry = vocab.thesaurus.find(noun)
            found.append(Concept(token.text.lower(), entry, at, at + 1, in_question, head=noun))
            continue
        if (skill := _unable(vocab, sentence, index)) is not None:
            # "(kinderen die) niet kunnen hakken en plakken": the skill they lack, in their words
            used.update(id(t) for t in sentence[index : index + len(skill.split())])
            found.append(Concept(skill, None, at, at + len(skill.split()), in_question, head=lemma))
            continue
        if token.is_verb and lemma in vocab.change_verbs and lemma.endswith("en"):
            # "de aanmeldingen liepen terug" → "teruglopende aanmeldingen"
            subject = next((c for c in found if c.from_noun and c.end == at), None)
            if subject is not None:
                found.remove(subject)
                label = f"{lemma}de {subject.label.split()[-1]}"  # "het aantal aanmeldingen" → aanmeldingen
                found.append(
                    Concept(label, subject.entry, subject.position, at + 1, in_question, head=subject.head)
                )
        elif (
            clauses.ends_predicate(token, sentence, at - offset)
            and (subject := _object_before(found, at, sentence, offset)) is not None
            and not subject.actor  # "(dat) het hele team omvalt": what befalls staff, no practice
        ):
            # "(dat leerlingen) hun spullen niet vergeten" → "het vergeten van spullen"
            found.remove(subject)
            label = f"het {lemma} van {subject.label}"
            entry = subject.entry or vocab.thesaurus.find(lemma)
            found.append(
                replace(
                    subject,
                    label=label,
                    entry=entry,
                    end=at + 1,
                    in_question=in_question,
                    noun=subject.label,
                )
            )
        elif (
            token.is_adjective
            and {"comp", "vrij"} <= set(token.features)
            and zipf_frequency(quality := f"{lemma}heid", "nl") >= clauses.VERB_ZIPF
            and (subject := _object_before(found, at, sentence, offset, past_pp=True)) is not None
        ):
            # "(hoe maken we) de beoordeling betrouwbaarder" → "de betrouwbaarheid van de beoordeling",
            # "(dat) ons schooladvies in groep 8 eerlijker wordt" → "de eerlijkheid van het schooladvies"
            found.remove(subject)
            before = subject.position - offset - 1
            word = sentence[before].text.lower() if before >= 0 else ""
            # "ons" goes with a het-word, "onze" with a de-word (Frog's gender of a compound is less sure)
            article = word if word and sentence[before].tag == "LID" else _POSSESSIVE_ARTICLE.get(word, "")
            label = f"de {quality} van {f'{article} ' if article else ''}{subject.label}"
            found.append(
                replace(subject, label=label, end=at + 1, in_question=in_question, noun=subject.label)
            )
        elif (
            (token.is_verb or (token.is_adjective and not _manner(vocab, sentence, index)))
            and (entry := vocab.thesaurus.find(lemma)) is not None
            and vocab.strong(token, entry, lemma)
        ):
            # An infinitive used as a noun ("ons lesgeven") keeps the practitioner's word.
            nominal = token.is_infinitive and at > offset and sentence[at - offset - 1].tag in {"LID", "VNW"}
            label = lemma if nominal else entry.term
            found.append(Concept(label, entry, at, at + 1, in_question, from_noun=nominal, head=lemma))
        elif in_question and (effect := _effect_asked(vocab, sentence, index, lemma)) is not None:
            # "(…, of) stigmatiseert dat de zwakke lezers?": the question asks whether the practice
            # has that effect, named by the verb's noun ("stigmatisering")
            entry = vocab.thesaurus.find(effect)
            found.append(Concept(effect, entry, at, at + 1, in_question, from_noun=False, head=effect))
    return found


def _effect_asked(vocab: Vocabulary, sentence: Sequence[Token], index: int, lemma: str) -> str | None:
    """The noun of a content verb (``lemma``, with its particle) that opens a yes/no question about
    "dat" or "dit" (the practice told: "Stigmatiseert dat de zwakke lezers?", "…, of polariseert
    dit de klas?"), made the regular Dutch way ("-eren" → "-ering", "-atie"; "-en" → "-ing"): the
    most frequent of those Dutch knows. A dummy "het" ("maakt het uit?") points at nothing;
    copulas and words that ask whether it works ("werkt dat?", "levert dat iets op?") name none."""
    token = sentence[index]
    start, _ = clauses.clause_bounds(sentence, index)
    if not token.is_finite_verb or start != index or lemma in vocab.copulas or lemma in vocab.effect_words:
        return None
    if index + 1 >= len(sentence) or sentence[index + 1].lemma.lower() not in {"dat", "dit"}:
        return None
    stem = lemma.removesuffix("en")
    nouns = [f"{stem}ing", *([f"{lemma.removesuffix('eren')}atie"] if lemma.endswith("eren") else [])]
    best = max(nouns, key=lambda n: zipf_frequency(n, "nl"))
    return best if stem != lemma and zipf_frequency(best, "nl") > 0 else None


def _plural_noun(thesaurus: Thesaurus, sentence: Sequence[Token], index: int) -> str | None:
    """The singular of a noun the thesaurus knows that Frog took for an infinitive right after a
    preposition ("van betogen" → betoog): a Dutch plural in "-en" undone (an open syllable's vowel
    doubled again, a doubled consonant single, "v"/"z" back to "f"/"s"), when the thesaurus does
    not know the verb itself."""
    token = sentence[index]
    lemma = token.lemma.lower()
    if not token.is_infinitive or index == 0 or sentence[index - 1].tag != "VZ":
        return None
    if not lemma.endswith("en") or thesaurus.find(lemma) is not None:
        return None
    stem = lemma[:-2]
    last = {"v": "f", "z": "s"}.get(stem[-1:], stem[-1:])
    singulars = [stem, f"{stem[:-1]}{last}"]
    if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
        singulars.append(f"{stem[:-1]}{stem[-2]}{last}")  # "betog" → "betoog", "brieven" → "brief"
    if len(stem) >= 2 and stem[-1] == stem[-2]:
        singulars.append(stem[:-1])  # "lessen" → "les"
    return next((s for s in singulars if thesaurus.knows(s)), None)


def _use(
    vocab: Vocabulary, sentence: Sequence[Token], index: int, offset: int, found: list[Concept]
) -> Concept | None:
    """The use of a thing, when "doen" has "iets", "niets" or "niks" as its object and the thing
    after "met" ("niets doen met de feedback") or before "er … mee" ("feedback zo geven dat ze er
    iets mee doen"): its thesaurus term's use ("feedbackgebruik") or "het gebruik van" it."""
    if sentence[index].lemma.lower() != "doen":
        return None
    start, end = clauses.clause_bounds(sentence, index)
    clause = sentence[start:end]
    # "iets", or a negative pronoun ("niets", "niks"; the adverbs among the negators are no VNW)
    if not any(t.tag == "VNW" and t.lemma.lower() in {"iets", *vocab.negators} for t in clause):
        return None
    lemmas = [t.lemma.lower() for t in clause]
    if "met" in lemmas:
        at = offset + start + lemmas.index("met") + 1
        thing = next((c for c in found if c.from_noun and at <= c.position <= at + 1), None)
    elif "mee" in lemmas and any(t.tag == "VNW" and "adv-pron" in t.features for t in clause):
        thing = next((c for c in reversed(found) if c.from_noun and c.end <= offset + start), None)
    else:
        return None
    if thing is None:
        return None
    use = vocab.thesaurus.find(f"{thing.entry.term}gebruik") if thing.entry is not None else None
    if use is not None and thing.entry is not None and thing.entry.term in use.breder:
        return Concept(use.term, use, 0, 0, False, from_noun=False, head=use.term)
    label = f"het gebruik van {thing.label}"
    return Concept(label, thing.entry, 0, 0, False, from_noun=False, head="gebruik", noun=thing.label)


def _unable(vocab: Vocabulary, sentence: Sequence[Token], index: int) -> str | None:
    """The skill a negated "kunnen" says is missing: the infinitive at ``index`` (with one joined to
    it by "en": "hakken en plakken") when the thesaurus knows none of it, it is no light verb, and
    "kunnen" governs it (the clause's finite verb, or the verb right before it: "die niet kunnen
    hakken") with a negation. A verb the thesaurus knows names its term instead ("kan niet lezen"
    → leesvaardigheid)."""
    token = sentence[index]
    finite = next((t for t in clauses.clause(sentence, index) if t.is_finite_verb), None)
    before = sentence[index - 1] if index else None
    able = [t for t in (finite, before) if t is not None and t.is_verb and t.lemma.lower() == "kunnen"]
    if not token.is_infinitive or not able:
        return None
    if not vocab.negated(sentence, index) or vocab.thesaurus.find(token.lemma) is not None:
        return None
    words = [token.text.lower()]
    if index + 2 < len(sentence) and sentence[index + 1].lemma.lower() == "en":
        other = sentence[index + 2]
        if other.is_infinitive and other.lemma.lower() not in vocab.light_words:
            words += ["en", other.text.lower()]
    return " ".join(words)


def _verb_of(vocab: Vocabulary, sentence: Sequence[Token], index: int) -> str | None:
    """The lemma of the finite verb in the clause of the word at ``index`` when it is no copula
    (``koppelwerkwoorden``): a predicate word there belongs to that verb ("loopt … weg")."""
    verb = next((t for t in clauses.clause(sentence, index) if t.is_finite_verb), None)
    return verb.lemma.lower() if verb is not None and verb.lemma.lower() not in vocab.copulas else None


def _manner(vocab: Vocabulary, sentence: Sequence[Token], index: int) -> bool:
    """A common adjective used as an adverb of the verb right after it ("AI slim inzetten"): it says
    how, not what about. A rarer one names a practice ("formatief werken", "digitaal toetsen");
    before a copula it is a predicate ("niet gemotiveerd zijn")."""
    following = sentence[index + 1] if index + 1 < len(sentence) else None
    word = sentence[index]
    return (
        "vrij" in word.features
        and zipf_frequency(word.lemma.lower(), "nl") >= _MANNER_ZIPF
        and following is not None
        and following.is_verb
        and following.lemma.lower() not in vocab.copulas
    )


def _object_before(
    found: list[Concept], at: int, sentence: Sequence[Token], offset: int, past_pp: bool = False
) -> Concept | None:
    """The noun-phrase concept that is the object of the verb at ``at``: it ends right before the
    verb or before adverbs only ("spullen niet vergeten"), and the verb ends its clause. With
    ``past_pp`` (a predicate adjective) also before one prepositional phrase that says where or
    for whom ("ons schooladvies [in groep 8] eerlijker"), which a subject may have between."""
    after = at - offset + 1
    if after < len(sentence) and not (sentence[after].tag in {"LET", "VG"} or sentence[after].is_verb):
        return None
    gap = at
    while gap - 1 - offset >= 0 and sentence[gap - 1 - offset].tag == "BW":
        gap -= 1
    if past_pp:
        start = gap - offset
        while start > 0 and sentence[start - 1].tag in {"N", "TW", "ADJ", "LID", "VNW"}:
            start -= 1
        pp = sentence[start - 1 : gap - offset] if start > 0 else ()
        if pp and pp[0].tag == "VZ" and any(t.tag == "N" for t in pp):
            gap = offset + start - 1
    subject = next((c for c in found if c.from_noun and c.end == gap and not c.context), None)
    if subject is None:
        return None
    # a noun phrase governed by a preposition is no object ("na een half jaar vertrokken")
    before = subject.position - offset - 1
    while before >= 0 and sentence[before].tag in {"LID", "VNW", "ADJ", "TW"}:
        before -= 1
    return None if before >= 0 and sentence[before].tag == "VZ" else subject


def with_objects(found: list[Concept], sentence: Sequence[Token], offset: int) -> list[Concept]:
    """The concepts with an infinitive used as a noun joined to the concept its "van" governs, its
    object ("het nakijken van betogen"), as one concept of the infinitive's term."""
    result = list(found)
    for verb in found:
        index = verb.position - offset
        if not verb.from_noun or verb not in result or not sentence[index].is_infinitive:
            continue
        after = verb.end - offset
        if after >= len(sentence) or sentence[after].lemma.lower() != "van":
            continue
        start = after + 1 + (after + 1 < len(sentence) and sentence[after + 1].tag == "LID")
        thing = next((c for c in result if c.from_noun and c.position - offset == start), None)
        if thing is not None:
            joined = replace(
                verb, label=f"het {verb.label} van {thing.label}", end=thing.end, noun=thing.label
            )
            result = [joined if c is verb else c for c in result if c is not thing]
    return result
