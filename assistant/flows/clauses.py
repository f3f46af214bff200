"""Dutch sentence structure read from analysed tokens (``assistant.dutch``): where a clause starts and
ends, whether a sentence asks, judges or wants something, which words frame a question, which phrases
set a scene ("in de klas", "elke ochtend") and which words only determine or measure a noun.

The praktijkvraag reader (``concepts``, ``praktijkvraag``) builds on these; each takes tokens or
phrases and answers one question about them, without the thesaurus.

Usage::

    from assistant.dutch import analyse
    question = question_sentence(analyse("Veel leerlingen komen te laat. Werkt een laatkomersbeleid?"))
    asks_yes_no(question)   # True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Phrase, Token

# A word this frequent in Dutch is a verb people use: "rekenen" 4.5, "lezen" 5.3, "spijbelen" 3.1,
# "terugkeren" 4.2; "computen", "cijfen" and "samenlessen" are not (0). 3.0 keeps rare but real verbs; on
# the 50 practice speerpunten labelled clause or not, it found "keren terug" and misread none (2.5 and
# 2.0 took a noun phrase for a clause).
VERB_ZIPF = 3.0
BECAUSE = frozenset({"omdat", "doordat", "want"})  # the conjunctions of cause
MODALS = frozenset({"kunnen", "moeten", "willen", "zullen", "mogen"})
_DEMONSTRATIVES = frozenset({"dat", "dit", "zoiets"})  # standing for a thing or practice told before
# Nouns that name a part of a group (a closed class of Dutch), standing for its people on their own.
PORTIONS = frozenset({"deel", "gedeelte", "helft", "rest", "merendeel", "meerderheid", "minderheid", "kwart"})


def particle(sentence: Sequence[Token], index: int) -> str | None:
    """The particle a verb left at the end of its clause ("haken massaal af" → "af"). An om-clause is
    a clause of its own, and a particle right before "te" or a verb is that verb's ("wat werkt om ze
    binnen te krijgen": binnenkrijgen, not binnenwerken)."""
    if not sentence[index].is_verb or sentence[index].is_participle:
        return None
    for at in range(index + 1, len(sentence)):
        token = sentence[at]
        if token.tag in {"LET", "VG"} or token.is_verb or purpose(sentence, at):
            return None
        if token.tag == "VZ" and "fin" in token.features:
            after = sentence[at + 1] if at + 1 < len(sentence) else None
            own = after is not None and (after.lemma.lower() == "te" or after.is_verb)
            return None if own else token.lemma.lower()
    return None


def ends_phrase(token: Token) -> bool:
    """Punctuation, a subordinator or a relative pronoun ("die thuis …"): a new clause starts."""
    return token.tag == "LET" or "onder" in token.features or "betr" in token.features


def ends_predicate(token: Token, sentence: Sequence[Token], index: int) -> bool:
    """A verb that ends its clause: infinitive or finite, or a participle with no verb after it
    ("spullen vergeten?", not "verloren gaan"). A finite verb with a clause of its own after it
    ("ouders klagen dat …") says something of the words before it, which are its subject, not its
    object: what it is about is that clause."""
    following = sentence[index + 1] if index + 1 < len(sentence) else None
    if token.is_finite_verb:
        return not (following is not None and following.tag == "VG" and "onder" in following.features)
    if token.is_infinitive:
        return True
    return token.is_participle and not (following is not None and following.is_verb)


def ordinal(token: Token) -> bool:
    """ "eerste", "laatste": an ordinal narrows a noun down ("het eerste uur"); Frog tags "laatste" as a
    superlative adjective, but it orders like "eerste", it grades nothing."""
    return (token.tag == "TW" and "rang" in token.features) or token.text.lower() == "laatste"


def names_after(analysis: Analysis, phrase: Phrase) -> list[str]:
    """Capitalised words right after the people ("studenten Autotechniek", "tweedejaars Verzorgende-IG"),
    also joined by "en" ("eerstejaars Sport en Bewegen") or after "van" ("studenten van Pedagogisch
    Medewerker"): the course they follow."""
    tokens = analysis.tokens
    index = next((i for i, t in enumerate(tokens) if t is phrase.tokens[-1]), len(tokens)) + 1
    names: list[str] = []

    def capital(i: int) -> bool:
        return (
            i < len(tokens)
            and tokens[i].text[:1].isupper()
            and tokens[i].tag != "LET"
            and not tokens[i].is_product
        )

    if index < len(tokens) and tokens[index].text == "van" and capital(index + 1):
        index += 1
    while capital(index) or (names and capital(index + 1) and tokens[index].text == "en"):
        names.append(tokens[index].text)
        index += 1
    return names


def without_names(phrase: Phrase) -> Phrase:
    """The phrase without the names that follow its common noun ("Studenten [Bouw]"): people are
    named by the noun; the names are their course (``names_after``)."""
    last = max((i for i, t in enumerate(phrase.tokens) if t.tag == "N"), default=None)
    return Phrase(phrase.tokens[: last + 1]) if last is not None else phrase


def speaker_role(sentence: Sequence[Token], phrase: Phrase) -> bool:
    """A phrase after "als" after a personal pronoun ("wij als docenten", "ik als mentor")."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[0]), 0)
    return (
        index >= 2
        and sentence[index - 1].lemma.lower() == "als"
        and sentence[index - 2].tag == "VNW"
        and "pers" in sentence[index - 2].features
    )


def not_a_group(analysis: Analysis, phrase: Phrase) -> bool:
    """People named after "als" (the speaker's role: "wij als docenten") or "per" (a distribution:
    "per docent een los lesje") are not who the praktijkvraag is about; nor are those whose verb
    opens a dat-clause ("Collega's zeggen dat de sfeer beter is"): they tell, the clause is told."""
    tokens = analysis.tokens
    index = next((i for i, t in enumerate(tokens) if t is phrase.tokens[0]), 0)
    return (index > 0 and tokens[index - 1].lemma.lower() in {"als", "per"}) or tells(tokens, phrase)


def tells(tokens: Sequence[Token], phrase: Phrase) -> bool:
    """Is the phrase the subject of a verb that opens a dat-clause ("Collega's zeggen dat …", "Mentoren
    merken echt dat …"): who tell what the clause says, not what it is about?"""
    index = next((i for i, t in enumerate(tokens) if t is phrase.tokens[-1]), len(tokens)) + 1
    rest = [t for t in tokens[index : index + 4] if t.tag != "BW"]
    return (
        len(rest) >= 2 and rest[0].is_finite_verb and rest[1].lemma.lower() == "dat" and rest[1].tag == "VG"
    )


def judgement_frame(question: Sequence[Token], judging: frozenset[str] = frozenset()) -> int:
    """Where the topic starts in a question that asks for a judgement of an om-clause ("Is het slim om
    de lessen later te laten beginnen?", "Heeft het zin om ouders te betrekken?"): right after "om"
    when a finite verb opens the question, "het" is its subject and the om-clause ends in "te" and an
    infinitive; else 0. Such a question asks "does X work?". So does one asked indirectly, its "het"
    right after "of" ("Wij vragen ons af of het slim is om ouders leesboekjes mee te geven.")."""
    if len(question) < 4:
        return 0
    if asks(question, judging) and question[0].is_finite_verb:
        subject = question[1:3]
    else:
        of = next((i for i, t in enumerate(question) if t.lemma.lower() == "of" and t.tag == "VG"), None)
        subject = question[of + 1 : of + 2] if of is not None else ()
    if "het" not in {t.lemma.lower() for t in subject}:
        return 0
    om = next((i for i, t in enumerate(question) if t.lemma.lower() == "om" and t.tag == "VZ"), None)
    if om is None:
        return 0
    rest = [t.lemma.lower() for t in question[om + 1 :]]
    return om + 1 if "te" in rest and any(t.is_infinitive for t in question[om + 1 :]) else 0


def reason(sentence: Sequence[Token], index: int) -> bool:
    """Is the word at ``index`` in a clause of cause ("omdat …", "doordat …", "want …")? It tells why
    the practitioner thinks it happens, a cause the kennisvraag asks for, not its topic."""
    start, _ = clause_bounds(sentence, index)
    return start > 0 and sentence[start - 1].lemma.lower() in BECAUSE


def situation(token: Token) -> bool:
    """An impersonal "het" or a demonstrative pronoun on its own ("dat", "dit"): the situation told."""
    lemma = token.lemma.lower()
    if token.tag != "VNW":
        return False
    return lemma == "het" or (lemma in {"dat", "dit"} and {"aanw", "pron"} <= set(token.features))


def auxiliary(sentence: Sequence[Token], index: int) -> bool:
    """Does the finite verb at ``index`` govern an infinitive later in its clause ("komen niet opdagen",
    "willen niet lezen")? The infinitive then carries the content."""
    _, end = clause_bounds(sentence, index)
    return sentence[index].is_finite_verb and any(t.is_infinitive for t in sentence[index + 1 : end])


def modal_verb(sentence: Sequence[Token], word: Token) -> bool:
    """Is the infinitive the verb a modal governs: a modal is its clause's finite verb and no other
    verb follows it there ("Hoe kunnen we eerder zien dat …", not "Moeten we vrij lezen invoeren?")?"""
    index = next(i for i, t in enumerate(sentence) if t is word)
    start, end = clause_bounds(sentence, index)
    finite = next((t for t in sentence[start:end] if t.is_finite_verb), None)
    modal = finite is not None and finite.lemma.lower() in MODALS
    return modal and not any(t.is_verb for t in sentence[index + 1 : end])


def asks_about(question: Sequence[Token], effect_words: frozenset[str] = frozenset()) -> bool:
    """A yes/no question with a verb of its own and a noun ("Werkt een huiswerkklas?", "Helpt
    strafwerk?"), not a modal, nor a copula unless its subject follows it ("Is kleuterverlenging
    zinvol?", not "Is dat verstandig?"), nor a pronoun ("Werkt dat?"); an effect word names no topic
    ("Heeft dat effect?")."""
    first = question[0] if question else None
    # "Is kleuterverlenging zinvol?" names its subject; "Is dat een goed idee?" judges what "dat" points at
    copula = first is not None and first.lemma.lower() == "zijn"
    return (
        first is not None
        and first.is_finite_verb
        and first.lemma.lower() not in MODALS
        and not (copula and (len(question) < 2 or question[1].tag == "VNW"))
        and any(t.is_noun and t.lemma.lower() not in effect_words for t in question)
    )


def judges(question: Sequence[Token], effect_words: frozenset[str] = frozenset()) -> bool:
    """A question that asks for a judgement, not for action or causes: its only verb, if any, is the
    copula ("Wat is wijsheid?", "Is dat verstandig?", "Goed idee?"), and it does not ask how or why;
    or a yes/no question whether it works ("Werkt dat?", "Heeft dat effect?": ``effect_words``)."""
    words = [t for t in question if t.tag != "LET"]
    if not words or words[0].lemma.lower() in {"hoe", "waarom", "waardoor", "wanneer"}:
        return False
    verbs = [t.lemma.lower() for t in words if t.is_verb]
    if all(v == "zijn" for v in verbs):
        return True
    works = {*effect_words, "hebben"}
    return (
        asks_yes_no(question)
        and len(verbs) == 1
        and verbs[0] in works
        and all(t.lemma.lower() in works for t in words if t.is_noun or t.is_verb)
    )


def clause_bounds(sentence: Sequence[Token], index: int) -> tuple[int, int]:
    """Where the clause of the word at ``index`` starts and ends: between punctuation and conjunctions."""
    bounds = [i for i, t in enumerate(sentence) if t.tag in {"LET", "VG"}]
    start = max((i for i in bounds if i < index), default=-1) + 1
    end = min((i for i in bounds if i > index), default=len(sentence))
    return start, end


def clause(sentence: Sequence[Token], index: int) -> Sequence[Token]:
    """The clause of the word at ``index`` (``clause_bounds``)."""
    start, end = clause_bounds(sentence, index)
    return sentence[start:end]


def purpose(sentence: Sequence[Token], index: int) -> bool:
    """Does "om" at ``index`` open a purpose clause ("om … te trainen"): "te" follows in its clause?"""
    if sentence[index].lemma.lower() != "om":
        return False
    for token in sentence[index + 1 :]:
        if ends_phrase(token):
            return False
        if token.lemma.lower() == "te":
            return True
    return False


def weighed(
    question: Sequence[Token], preferring: frozenset[str], comparing: Sequence[Sequence[str]] = ()
) -> tuple[int, int] | None:
    """Where a question weighs two alternatives: the end of the first and the start of the second, or
    None. A comparing connective between them says so itself ("A doen in plaats van B", ``comparing``:
    lemma sequences). After "of", the second names something and prefers it ("Is zo'n crash course
    effectief | of kunnen we beter het hele jaar door gespreid oefenen?", ``preferring``: "beter",
    "liever", "juist"), or a choice question ("Moeten we A maken | of B?") offers another object for the
    same verb, or two noun phrases without a finite verb offer it ("A of B, wat levert meer op?"). An
    alternative that only doubts ("of is dat zonde van de lestijd?", "of maakt het niks uit?") weighs
    nothing."""
    lemmas = [t.lemma.lower() for t in question]
    for index, token in enumerate(question):
        if index == 0:
            continue
        joined = next((len(c) for c in comparing if lemmas[index : index + len(c)] == list(c)), 0)
        first, rest = question[:index], question[index + max(joined, 1) :]
        named = any(t.is_noun or t.is_verb for t in rest)
        if joined and named and any(t.is_noun or t.is_verb for t in first):
            return index, index + joined
        if token.lemma.lower() != "of" or token.tag != "VG" or not named:
            continue
        preferred = any(t.text.lower() in preferring for t in rest)
        choice = (
            asks_yes_no(first)
            and first[0].lemma.lower() in MODALS
            and any(t.is_noun for t in rest)
            and not any(t.is_finite_verb for t in rest)
        )
        # "Examentraining bij een bureau of extra lessen door eigen docenten, wat levert meer op?": two
        # noun phrases without a verb of their own offer the choice themselves
        until = next((i for i, t in enumerate(rest) if t.tag == "LET"), len(rest))
        listed = not any(t.is_finite_verb for t in [*first, *rest[:until]]) and all(
            any(t.is_noun for t in side) for side in (first, rest[:until])
        )
        if preferred or choice or listed:
            return index, index + 1
    return None


def asks_yes_no(question: Sequence[Token]) -> bool:
    """A question that opens with its finite verb ("Werkt dat?", "Is het slim om …?")."""
    return bool(question) and question[0].is_finite_verb


def pointed(sentence: Sequence[Token], phrase: Phrase) -> str:
    """The demonstrative determiner that opens the phrase, past its adjectives ("zo'n verbod", "deze
    nieuwe aanpak"), or ""."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[0]), 0)
    while index > 0 and sentence[index - 1].is_adjective:
        index -= 1
    before = sentence[index - 1] if index > 0 else None
    demonstrative = before is not None and before.tag == "VNW" and {"aanw", "det"} <= set(before.features)
    return before.lemma.lower() if before is not None and demonstrative else ""


def definite(sentence: Sequence[Token], phrase: Phrase) -> str:
    """The definite article that opens the phrase ("het programma"), or ""."""
    first = phrase.tokens[0]
    index = next((i for i, t in enumerate(sentence) if t is first), 0)
    before = first if first.tag == "LID" else (sentence[index - 1] if index > 0 else None)
    return (
        before.lemma.lower()
        if before is not None and before.tag == "LID" and "bep" in before.features
        else ""
    )


def setting(sentence: Sequence[Token], phrase: Phrase) -> bool:
    """A place or a recurring time: the phrase follows "in" ("in de klas", "in het weekend") or "elke"/
    "iedere" ("elke ochtend"), with at most an article between."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[0]), 0)
    while index > 0 and sentence[index - 1].tag in {"LID", "VNW"}:
        index -= 1
        if sentence[index].lemma.lower() in {"elk", "ieder"}:
            return True
    return index > 0 and sentence[index - 1].lemma.lower() == "in"


def quantities(tokens: Sequence[Token]) -> set[int]:
    """Indices of the phrases that count or spread a thing rather than name it: "per" with its noun
    ("per student", "per week"), "van" with a counted noun or a number ("gesprekken van een
    kwartier", "groepjes van vijf"), and a unit after a number (Dutch keeps a unit singular, "twee
    keer", "drie uur"; things counted are plural, "twee docenten") unless a preposition makes it a
    moment ("om tien uur beginnen" names when, the measure itself)."""
    found: set[int] = set()
    for i, token in enumerate(tokens):
        lemma = token.lemma.lower()
        rest = tokens[i + 1 : i + 3]
        if token.tag == "TW" and lemma not in {"een", "één"} and rest and rest[0].is_noun:
            if "ev" in rest[0].features and not (i and tokens[i - 1].tag == "VZ"):
                found |= {i, i + 1}
        elif lemma == "per" and rest and rest[0].is_noun:
            found |= {i, i + 1}
        elif lemma == "van" and rest and (rest[0].tag == "TW" or rest[0].lemma.lower() == "een"):
            counted = len(rest) > 1 and rest[1].is_noun and rest[0].tag in {"TW", "LID"}
            found |= {i, i + 1, *([i + 2] if counted else [])}
    return found


def split_nouns(phrase: Phrase) -> list[Phrase]:
    """A phrase split where one singular common noun follows another ("[bij de] eindbeoordeling
    feedback [krijgen]"): Dutch joins such nouns into a compound or with a preposition, so two in a
    row are two phrases the chunker ran together. A measure before a plural ("een handvol kinderen")
    is no such pair."""
    parts: list[list[Token]] = [[]]
    for i, token in enumerate(phrase.tokens):
        before = phrase.tokens[i - 1] if i else None
        if before is not None and all(
            t.tag == "N" and {"soort", "ev"} <= set(t.features) for t in (before, token)
        ):
            parts.append([])
        parts[-1].append(token)
    return [Phrase(tuple(part)) for part in parts]


def determiner_like(token: Token, following: Sequence[Token]) -> bool:
    """An adjective without inflection before a plural noun ("dezelfde kinderen", "beide klassen"): Dutch
    inflects real adjectives there ("slimme leerlingen"), so it points rather than describes. So does one
    of identity ("hetzelfde cijfer", "dezelfde fout"), whatever the noun: it carries its own article."""
    return (
        token.is_adjective
        and {"prenom", "zonder"} <= set(token.features)
        and bool(following)
        and ("mv" in following[0].features or token.lemma.lower().endswith("zelfde"))
    )


def without_measures(tokens: Sequence[Token], topic: Callable[[str], bool] = lambda _: False) -> list[Token]:
    """The phrase without nouns that count or measure the noun after them, without "van" ("een handvol
    kinderen", "een groepje slimme leerlingen", "tien minuten tafels"): a singular noun before a plural
    one, or a noun after a number, with only adjectives between; the second noun is the head. A noun
    that is a ``topic`` (the thesaurus's own word) measures nothing: it is the first part of a
    compound typed loose ("burn-out klachten" for "burn-outklachten")."""
    kept: list[Token] = []
    for i, token in enumerate(tokens):
        after = next((t for t in tokens[i + 1 :] if not t.is_adjective), None)
        counted = i > 0 and tokens[i - 1].tag == "TW" and "hoofd" in tokens[i - 1].features
        if (
            after is not None
            and not topic(token.lemma)
            and ((counted and token.tag == "N" and after.tag == "N") or measure_before(token, after))
        ):
            kept = [t for t in kept if t.tag != "TW"]  # "tien minuten" goes as a whole
            continue
        kept.append(token)
    return kept


def measure_before(token: Token, noun: Token) -> bool:
    """A singular noun before a plural one measures it ("het aantal toetsen", "een handvol kinderen"):
    Dutch joins two nouns of one thing into a compound, so a loose pair is a measure and its noun."""
    return token.tag == noun.tag == "N" and "ev" in token.features and "mv" in noun.features


def asks(sentence: Sequence[Token], judging: frozenset[str] = frozenset()) -> bool:
    """A question: it ends in "?", or (typed without one) opens with a question word ("wat moet er in
    een goed inwerkprogramma") or with its finite verb and a word of ``judging`` whether something
    works ("heeft uitsturen eigenlijk wel zin"; a story opening with its verb, "had zelf ook een
    volle klas", does not judge)."""
    if not sentence:
        return False
    first = sentence[0]
    return (
        sentence[-1].text.endswith("?")  # Frog may keep it on a number: "8?"
        or (first.tag == "VNW" and "vb" in first.features)
        or first.lemma.lower() in {"hoe", "waarom", "wanneer", "waar"}
        or (first.is_finite_verb and any(verb_lemma(sentence, i) in judging for i in range(len(sentence))))
    )


def verb_lemma(sentence: Sequence[Token], index: int) -> str:
    """The lemma, with a verb's separated particle before it ("leveren … op" → opleveren)."""
    lemma = sentence[index].lemma.lower()
    return (particle(sentence, index) or "") + lemma if sentence[index].is_verb else lemma


def with_typed_questions(analysis: Analysis) -> Analysis:
    """The analysis with a yes/no question typed on inside a sentence, without "?", as a sentence of its
    own: a clause after a comma or "maar" that opens with its finite verb and offers an alternative
    with "of" and a verb ("bestuur wil bezuinigen, maar | helpt muziekles ook voor taal of is dat een
    fabeltje"). A statement's inverted main clause ("Als ze te laat komen, krijgen ze …") offers none."""
    sentences: list[tuple[Token, ...]] = []
    for sentence in analysis.sentences:
        asked = bool(sentence) and sentence[-1].text.endswith("?")
        at = _pointing_question(sentence) if asked else _typed_question(sentence)
        sentences += [sentence[:at], sentence[at:]] if at else [sentence]
    return (
        analysis
        if len(sentences) == len(analysis.sentences)
        else Analysis(tuple(sentences), analysis.analyser)
    )


def _typed_question(sentence: Sequence[Token]) -> int | None:
    """Where a typed-on yes/no question with an alternative starts (``with_typed_questions``)."""
    for k in range(1, len(sentence) - 1):
        opens = sentence[k - 1].text == "," or sentence[k - 1].lemma.lower() == "maar"
        if (
            opens
            and sentence[k].is_finite_verb
            and any(alternative(sentence, i) for i in range(k, len(sentence)))
        ):
            return k
    return None


def _pointing_question(sentence: Sequence[Token]) -> int | None:
    """Where a question asked of what the clause before it told starts: after a comma or "maar", its
    finite verb and a demonstrative pronoun ("Een collega zei dat ze meer keuze moeten krijgen, | heeft
    dat zin?", "…, maar | werkt dat echt?"). The clause before is then the story it judges."""
    for k in range(1, len(sentence) - 2):
        opens = sentence[k - 1].text == "," or sentence[k - 1].lemma.lower() == "maar"
        pronoun = sentence[k + 1]
        if (
            opens
            and sentence[k].is_finite_verb
            and pronoun.tag == "VNW"
            and pronoun.lemma.lower() in _DEMONSTRATIVES
        ):
            return k
    return None


def alternative(sentence: Sequence[Token], index: int) -> bool:
    """Does an alternative clause start here: "of" with a finite verb right after it or one word on
    ("of is dat een fabeltje", "of maak je ze …")?"""
    return sentence[index].lemma.lower() == "of" and any(
        t.is_finite_verb for t in sentence[index + 1 : index + 3]
    )


def question_sentence(analysis: Analysis) -> tuple[Token, ...]:
    """The (last) sentence ending in a question mark, else the last that asks (opens with a question
    word) or, failing that, in which the speakers say what they want ("We willen dat de docenten meer
    van elkaar leren …"), else the last sentence."""
    asked = [s for s in analysis.sentences if s and s[-1].text.endswith("?")]
    asked = asked or [s for s in analysis.sentences if asks(s)] or list(filter(wants, analysis.sentences))
    if asked:
        return asked[-1]
    return analysis.sentences[-1] if analysis.sentences else ()


def wants(sentence: Sequence[Token]) -> bool:
    """Does the sentence open with the speakers and "willen" ("We willen dat …", "Ik wil graag …")?"""
    words = [t for t in sentence if t.tag != "LET"][:2]
    return (
        len(words) == 2
        and words[0].tag == "VNW"
        and {"pers", "1"} <= set(words[0].features)
        and words[1].lemma.lower() == "willen"
    )


def portion(sentence: Sequence[Token]) -> bool:
    """Does a portion of a group stand for its people, outside a prepositional phrase: a noun of
    portion ("een flink deel", "de rest", ``PORTIONS``), an indefinite pronoun used on its own
    ("sommigen", "de meesten") or a fraction ("een derde")? After learners were named, they are
    those learners ("Een groot deel stopt al na een maand")."""
    for index, token in enumerate(sentence):
        named = (
            (token.is_noun and token.lemma.lower() in PORTIONS)
            or (token.tag == "VNW" and {"onbep", "nom"} <= set(token.features))
            or (token.tag == "TW" and {"rang", "nom"} <= set(token.features))
        )
        before = index - 1
        while before >= 0 and sentence[before].tag in {"LID", "ADJ"}:
            before -= 1
        if named and not (before >= 0 and sentence[before].tag == "VZ"):
            return True
    return False


def determined(sentence: Sequence[Token], index: int) -> bool:
    """Does an article or determiner come before the word, past its adjectives ("de lange weg")?"""
    before = index - 1
    while before >= 0 and sentence[before].is_adjective:
        before -= 1
    return before >= 0 and sentence[before].tag in {"LID", "VNW"}


def separable_verb(particle: str, verb: str) -> bool:
    """Do a particle and a verb make one Dutch verb ("af" + "nemen", "terug" + "keren")?"""
    return zipf_frequency(particle.lower() + verb.lower(), "nl") >= VERB_ZIPF


def noun_phrase_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The spans of noun phrases: articles, numbers and adjectives up to and including the nouns after
    them ("de vijf toetsen", "kleinere klassen", "crash course")."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and tokens[end].tag in {"LID", "TW", "ADJ"}:
            end += 1
        nouns = end
        while nouns < len(tokens) and (tokens[nouns].is_noun or tokens[nouns].tag == "SPEC"):
            nouns += 1
        if nouns > end:
            spans.append((index, nouns))
            index = nouns
        else:
            index += 1
    return spans


def used_as_noun(words: Sequence[Token], index: int) -> bool:
    """A verb used as a noun: an article or another such verb before it ("het leren schrijven")."""
    while index > 0 and words[index - 1].is_verb:
        index -= 1
    return index > 0 and words[index - 1].tag == "LID"


def points_back(token: Token) -> bool:
    """A pronoun that stands for what was said before ("Is dat …", "Werkt dit …"); Frog may tag "dat"
    there as a conjunction."""
    return token.lemma.lower() in {"dat", "dit", "het", "zoiets"} and token.tag != "LID"
