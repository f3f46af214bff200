"""The alternatives a question weighs ("Is een crash course effectief of kunnen we beter gespreid
oefenen?"), each named as a concept in the practitioner's words, and the first alternative of a
yes/no question whose other only denies it ("Werkt zoiets, of maakt het niks uit?").

The kennisvraag then asks for the effect of the one compared with the other; an alternative told as
an om-clause is named as ``nominalise`` names it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Token
from assistant.flows import clauses
from assistant.flows.praktijkvraag.nominalise import nominalised
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import EVERYDAY_ZIPF, Vocabulary


def weighed(vocab: Vocabulary, analysis: Analysis, found: list[Concept]) -> tuple[Concept, Concept] | None:
    """The two alternatives an asking sentence weighs (``clauses.weighed``), each as a concept in the
    practitioner's words; the first may point back ("Is dat de investering waard, of …?") to the
    concept named last before it. None when either names nothing."""
    offset = 0
    for sentence in analysis.sentences:
        asking = clauses.asks(sentence)
        cut = clauses.weighed(sentence, vocab.preferring, vocab.comparing) if asking else None
        if cut is None:
            offset += len(sentence)
            continue
        end, second = cut
        # "Wat zegt het onderzoek: helpt A, of is B beter?": the alternatives follow the colon
        start = next((i + 1 for i in range(end - 1, -1, -1) if sentence[i].text == ":"), 0)
        first = sentence[start:end]
        versus = _alternative(vocab, sentence[second:], offset + second)
        if start < (frame := clauses.judgement_frame(sentence, vocab.effect_words)) < end:
            # "Is het slimmer om A te doen in plaats van B?": A is the om-clause, made a noun
            x = nominalised(vocab, first, frame - start, offset + start)
            return (x, versus) if x is not None and versus is not None else None
        if len(first) > 1 and first[0].is_finite_verb and clauses.points_back(first[1]):
            if any(t.is_verb and t.lemma.lower() not in vocab.light_words for t in first[2:]):
                return None  # "Moet ik dat verbieden, of …": what is done to it is no alternative
            told = [c for c in found if c.position < offset + start]
            x = max(told, key=lambda c: c.position) if told else None
        else:
            x = _alternative(vocab, first, offset + start)
        return (x, versus) if x is not None and versus is not None else None
    return None


def _alternative(vocab: Vocabulary, words: Sequence[Token], at: int) -> Concept | None:
    """An alternative of a weighing question as a noun phrase: without its finite verb, pronouns,
    adverbs, the words of preference, a phrase about the target group and a judging adjective at its
    end ("zo'n crash course effectief" → "crash course"). Its content verb is made a noun, with the
    manner word before it and its object ("AI slim inzetten bij …" → "het slim inzetten van AI bij
    …", "in de groep meedraaien" → "het meedraaien in de groep"), or is the thesaurus's term for it
    ("een jaar overdoen" → "zittenblijven"); a light verb names nothing ("kleinere klassen maken")."""
    kept = _alternative_words(vocab, words)
    if kept is None:
        return None

    # The verb cluster: the last run of verbs not used as a noun ("bij het leren schrijven")
    def verb(i: int) -> bool:  # a participle before its noun is an adjective ("wisselende mentoren")
        return kept[i].is_verb and not clauses.used_as_noun(kept, i) and "prenom" not in kept[i].features

    last = max((i for i in range(len(kept)) if verb(i)), default=None)
    first = last
    while first is not None and first > 0 and verb(first - 1):
        first -= 1
    verbs = kept[first : last + 1] if last is not None and first is not None else []
    before, after = (kept[:first], kept[last + 1 :]) if verbs else (kept, [])
    # verbs coordinated with the cluster ("afstromen of bevorderen met een plan"): as written
    if any(t.is_verb and nxt.tag == "VG" for t, nxt in itertools.pairwise(before + verbs)):
        verbs, before, after = [], kept, []
    # how it is done: an adjective or a participle right before the verb ("gespreid oefenen")
    manner = [t for t in before[len(before) - 1 :] if t.is_adjective]
    manner += [t for t in verbs[:-1] if t.is_participle]
    content = [v for v in verbs if v.lemma.lower() not in vocab.light_words and v not in manner]
    manner = manner if content else []
    before = [t for t in before if t not in manner]
    # Its noun phrase: the first outside a prepositional phrase (the object, next to the verb)
    # … nor one a postposition ends ("het hele jaar door"): an adverbial
    spans = [
        (i, j)
        for i, j in clauses.noun_phrase_spans(before)
        if not (i > 0 and before[i - 1].tag == "VZ") and not (j == len(before) - 1 and before[j].tag == "VZ")
    ]
    # … or a bare infinitive opening it, used as a noun ("tutorlezen met ouderejaars invoeren")
    start, end = spans[0] if spans else (0, 1 if before and before[0].is_verb else 0)
    thing = [t for t in before[start:end] if t.tag not in {"LID", "TW"}]
    verb = content[-1].lemma.lower() if content else ""
    # A verb the thesaurus knows names the measure when its object is an everyday word ("een jaar
    # overdoen" → zittenblijven), not when the object is the topic ("tutorlezen invoeren").
    everyday = not before or (
        bool(thing)
        and all(t.is_noun and zipf_frequency(t.lemma.lower(), "nl") >= EVERYDAY_ZIPF for t in thing)
    )
    entry = vocab.thesaurus.find(verb) if vocab.thesaurus.knows(verb) and everyday and not manner else None
    if entry is not None and vocab.strong(content[-1], entry, verb):
        phrase = noun = entry.term  # "een jaar overdoen" → "zittenblijven"
    elif content:
        said = " ".join(t.text.lower() for t in [*manner, *content])
        rest = [*before[:start], *before[end:], *after]
        phrase = f"het {said} van {_words(before[start:end])}" if thing else f"het {said}"
        phrase = f"{phrase} {_words(rest)}".strip()
        # a search names the object, else the activity
        noun = _words(thing) or phrase.removeprefix("het ")
    else:
        phrase = _words([*before, *after])
        noun = _words(thing) or phrase
    heads = [t for t in (thing or [*before, *after]) if t.is_noun or t.tag == "SPEC"]
    head = (heads or [t for t in kept if t.is_noun or t.tag == "SPEC"])[-1]
    entry = entry or vocab.thesaurus.find(head.lemma)
    entry = entry if entry is not None and vocab.strong(head, entry) else None
    return Concept(phrase, entry, at, at + len(words), True, head=head.lemma.lower(), noun=noun)


def _alternative_words(vocab: Vocabulary, words: Sequence[Token]) -> list[Token] | None:
    """The words of an alternative that name it (``_alternative``), or None when it is no plain
    alternative or names no noun."""
    # Only a plain alternative is named: one with a clause of its own ("zorgen dat ze …", "een ruimte
    # waar ze …") or two verb phrases ("ze hier houden en de ondersteuning beter regelen") is left
    # to the reading without comparison.
    joined = [i for i, t in enumerate(words) if t.tag == "VG" and t.lemma.lower() == "en"]
    if any(
        (t.tag == "VG" and "onder" in t.features) or (t.tag == "VNW" and "vb" in t.features) for t in words
    ) or any(t.is_verb for i in joined for t in words[i + 1 :]):
        return None
    kept: list[Token] = []
    group = vocab.about_group(words)  # "met één docent", "voor leerlingen"
    counting = clauses.quantities(words)  # "van een kwartier", "per periode": how much, not what
    for index, token in enumerate(words):
        if (
            index in group
            or index in counting
            or token.tag in {"LET", "VNW", "BW"}
            or (token.tag == "TW" and any(c.isdigit() for c in token.text))
            or token.text.lower() in vocab.preferring
            or (token.lemma.lower() == "te" and index + 1 < len(words) and words[index + 1].is_verb)
        ):
            continue  # figures too: "een grote groep 5 van 30"; the infinitive's "te"
        if token.is_finite_verb and not kept:
            continue
        kept.append(token)
    # people named beside the alternative are its group ("extra uren voor leerlingen"); people alone
    # are the alternative ("wisselende mentoren")
    people = [t for t in kept if t.is_noun and vocab.group_word(t)]
    if any((t.is_noun or t.tag == "SPEC") and t not in people for t in kept):
        kept = [t for t in kept if t not in people]
    # An adjective used as an adverb says how, unless right before the verb ("gewoon in de groep
    # meedraaien" drops "gewoon", "slim inzetten" keeps "slim")
    kept = [
        t
        for i, t in enumerate(kept)
        if not (t.is_adjective and "vrij" in t.features and not (i + 1 < len(kept) and kept[i + 1].is_verb))
    ]
    # "(moeten ze) naar een aparte taalklas": the noun phrase; "in de groep meedraaien" keeps its "in"
    while kept and kept[0].tag in {"VZ", "VG"} and not any(t.is_verb for t in kept):
        kept.pop(0)
    nouns = [i for i, t in enumerate(kept) if t.is_noun or t.tag == "SPEC"]
    if not nouns:
        return None
    # "en een kleine groep 6": a second part of the same alternative; the first names it
    kept = kept[: next((i for i, t in enumerate(kept) if t.lemma.lower() == "en" and i > nouns[0]), None)]
    while kept[-1].tag == "VZ":
        kept.pop()  # "grote groep (5) van (30)"
    while kept[-1].is_adjective and kept[-1] is not kept[nouns[0]]:
        kept.pop()  # "effectief", "waard": a judgement of the alternative, not a part of it
    return kept


def first_alternative(vocab: Vocabulary, question: Sequence[Token]) -> Sequence[Token]:
    """A yes/no question's first alternative when the other only denies it, naming nothing ("Werkt
    zoiets, | of maakt het niks uit?": no noun, only light verbs after "of"); else the question ("Is
    dat terecht of missen we iets in ons taalonderwijs?", "hulpmiddelen of aanpakken")."""
    if not clauses.asks_yes_no(question):
        return question
    cut = next((i for i, t in enumerate(question) if t.lemma.lower() == "of" and t.tag == "VG"), None)
    rest = question[cut + 1 :] if cut else ()
    verbs = [t for t in rest if t.is_verb]
    if not verbs or any(t.is_noun or (t.is_verb and t.lemma.lower() not in vocab.light_words) for t in rest):
        return question
    return question[:cut]


def _words(tokens: Sequence[Token]) -> str:
    """The tokens as written: names and foreign words keep their capitals."""
    return " ".join(t.text if t.tag == "SPEC" or "eigen" in t.features else t.text.lower() for t in tokens)
