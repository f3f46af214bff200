"""Does a question point back at what was said before? The closed word classes of Dutch and English
that do so (pronouns, pronominal adverbs, pro-forms, a noun left out, an opening conjunction), and
the terms that name no topic, which tell whether the question names its own antecedent.

Usage::

    refers_back("Wie zitten erin?")                          # True: "erin" stands for something said
    refers_back("We werken met leerteams. Wie zitten erin?")  # False: the antecedent is inside it
    refers_back("Hoe zorg je ervoor dat iedereen meedoet?")   # False: "ervoor" points ahead
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN_PLUS

from assistant.lexical import analyse

# The prepositions of pronominal adverbs: "daarin", "hierover", "ermee"; split: "daar … in".
_ADVERB_PREPOSITIONS = frozenset(
    {"aan", "achter", "bij", "binnen", "door", "in", "mee", "na", "naar", "naast", "om", "onder", "op"}
    | {"over", "tegen", "toe", "tussen", "uit", "van", "voor", "zonder"}
)
_ADVERB_PARTS = "|".join(sorted(_ADVERB_PREPOSITIONS))
# Words that point back at something said before: "daarin", "hierover" and "daar"/"hier" alone.
_POINTING = re.compile(rf"^(?:daar|hier)(?:{_ADVERB_PARTS})?$")
# "er" with a preposition ("erin", "ermee", "er … over") or a bare quantifier ("Hoe maak ik er een?")
# stands for something named before, unless a clause after it says what ("Zorg ervoor dat …", "Kom
# erachter of …": then it points ahead, inside the question).
_ER_FORM = re.compile(rf"^er(?:{_ADVERB_PARTS})$")
_QUANTIFIERS = frozenset({"een", "één", "twee", "drie", "meer", "veel", "paar", "enkele", "sommige"})
_AUXILIARIES = frozenset(
    {"heb", "hebt", "heeft", "hebben", "ben", "bent", "is", "zijn", "moet", "moeten", "kan", "kun", "kunt"}
    | {"kunnen", "mag", "mogen", "wil", "wilt", "willen", "zou", "zouden", "word", "wordt", "worden", "zal"}
    | {"zullen"}
)
_POINTS_AHEAD = frozenset({"dat", "of", "te", "hoe", "wat", "wie", "welke", "waar", "wanneer", "als"})
# A determiner with an ordinal or a number and no noun after it ("Wat houdt de tweede in?", "Welke
# van de twee …?") stands for a noun said before.
_COUNTING = frozenset(
    {"eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "laatste", "twee", "drie", "vier", "beide"}
    | {"first", "second", "third", "fourth", "fifth", "sixth", "last", "two", "three", "both"}
)
_DETERMINERS = frozenset({"de", "het", "die", "deze", "the", "these", "those"})
_PARTITIVE = frozenset({"van", "of"})
# "Wat als …?", "What if …?", "What about …?": the main clause is left out; it is the conversation's.
_CONDITIONAL_OPENERS = (("wat", "als"), ("what", "if"), ("what", "about"), ("how", "about"))
# Words that ask how one thing differs from another.
CONTRASTS = frozenset(
    {"anders", "verschil", "verschilt", "verschillen", "vergeleken", "different", "difference", "differ"}
    | {"differs", "compared", "compare"}
)
# After a contrast word, the other side of a comparison the conversation holds ("Wat is het verschil
# met gedeeld leiderschap?"); "tussen … en …" names both sides.
_ONE_SIDE = frozenset({"met", "with", "from", "to"})
_DEMONSTRATIVES = frozenset({"dat", "die", "dit", "deze", "that", "this", "those", "these"})
# A superlative ends "het beste", "het vaakst": after "dat" such a "het" begins no clause's subject
# ("Wanneer doe je dat het beste?"), unless a verb follows ("… dat het meest effectief is").
_SUPERLATIVE = re.compile(r"^\w+ste?$")
# A noun phrase after a determiner: an adjective or two and the noun ("die laatste stap").
_NOUN_PHRASE = 3
_NEVER_CONJUNCTIONS = frozenset({"die", "deze", "dit", "this", "these", "those"})
# Third-person pronouns ("zijn" is left out: as a verb it is everywhere).
_PERSONAL = frozenset(
    {"ze", "zij", "hen", "hun", "hem", "haar", "they", "them", "their", "it", "its", "he", "she"}
)
# Pro-forms stand for something named before: "zoiets", "zo'n", "such", "the same".
_PRO_FORMS = frozenset(
    {"zoiets", "zo'n", "zulke", "zulk", "dergelijk", "dergelijke", "hetzelfde", "dezelfde", "such", "same"}
)
_WHICH, _ONE = frozenset({"which", "welke", "welk", "that", "this"}), frozenset({"one", "ones"})
# Words that begin a clause's subject: after them "dat"/"that" is a conjunction, not a pronoun.
_SUBJECT_STARTS = frozenset(
    {"de", "het", "een", "ik", "je", "jij", "u", "we", "wij", "hij", "men", "iemand", "iedereen", "mijn"}
    | {"onze", "ons", "jullie", "jouw", "uw", "alle", "elke", "ieder", "iedere", "deze", "die", "dit", "dat"}
    | {"the", "a", "an", "i", "you", "we", "our", "my", "your", "every", "all"}
)
SUBJECTS = frozenset(
    {"je", "jij", "u", "we", "wij", "ik", "ze", "zij", "hij", "you", "i", "they", "he", "she"}
)
ADDITIVES = frozenset({"ook", "also", "too"})
_POSSESSIVES = frozenset({"hun", "haar", "their", "its"})
WH = frozenset({"wat", "hoe", "waarom", "wanneer", "waar", "wie", "welke", "welk", "hoeveel"})
WH |= frozenset({"what", "how", "why", "when", "where", "who", "which"})
# Words that begin a clause of their own: coordinating and subordinating conjunctions.
_CLAUSE_OPENERS = frozenset(
    {"en", "of", "maar", "want", "omdat", "doordat", "zodat", "terwijl", "wanneer", "als", "hoewel", "zodra"}
    | {"voordat", "nadat", "totdat", "tenzij", "indien", "zonder", "and", "but", "or", "because", "while"}
    | {"if", "without"}
)
# Content terms before a reference word's clause that name its antecedent inside the question. Read
# sentence by sentence over the dev questions, dialogues and the abstention set (396 sentences): 1
# missed 28 references the word-count reading found ("Klopt dat?", "Hoe pak ik dat aan?"); 3 also
# took relative pronouns for references ("een ouder die boos is"); 2 found 5 more ("Hoeveel tijd
# moet die krijgen?", "Wat zag de inspectie hierover?") and lost none. Dev dialogues: recall@5 0.84
# with each.
ANTECEDENT_TERMS = 2
# Words ("zo'n" and "zo’n" stay one word), and the punctuation that ends a clause.
TOKEN = re.compile(r"\w+(?:['’]\w+)?|[.?!;:,]")
INTERJECTIONS = frozenset({"oké", "ok", "okay", "oke", "ja", "nee", "goed", "right", "well", "yes", "no"})
# Words that ask for more of the same rather than name a topic ("geef eens een voorbeeld").
_ASKS_MORE = """
    voorbeeld voorbeelden meer nog eens even precies allebei beide allemaal uitleg uitleggen leg uit
    vertel vertellen geef geven noem noemen kun kunt zou zouden zit zitten dan ook nou anders verder
    concreet concreter bedoel bedoelt heb hebt betekent betekenen werkt werken
    example examples explain tell give please else also say says mean could would can guide
"""
# Words all of these documents are about, left over where a sector is named ("primary schools");
# the first few form a sector's name with the word before them ("secondary school").
SECTOR_NOUNS = frozenset({"school", "scholen", "schools", "onderwijs", "education"})
DOMAIN = SECTOR_NOUNS | {"sector", "sectoren", "poster", "posters"}
PREPOSITIONS = frozenset(
    {"in", "op", "voor", "bij", "van", "volgens", "binnen", "met", "aan", "uit", "naar", "over"}
    | {"for", "of", "on", "at", "within", "to", "from", "by", "about"}
)
# Words that continue what was said: "En …", "Maar …", "Dus …" (a conclusion from it).
OPENERS = frozenset({"en", "and", "maar", "but", "ook", "also", "dus", "so"})
PUNCTUATION = re.compile(r"^\W+$")


@lru_cache(maxsize=1)
def frame_terms() -> frozenset[str]:
    """Terms that name no topic: question and function words, words that ask for more ("voorbeeld",
    "explain") and words every document is about. English function words too: the analyser only
    drops Dutch ones."""
    return frozenset(analyse(" ".join([_ASKS_MORE, *DOMAIN, *WH, *STOPWORDS_EN_PLUS])))


def refers_back(question: str) -> bool:
    """Does the question point back at what was said before, by the word classes that do so?

    A question opening with a conjunction ("En hoe ontstaat dat?", "And who…") does. So does a
    pronominal adverb ("daarin", "daar … over", "erin" unless a clause after it says what: "zorg
    ervoor dat …"), a pro-form ("zoiets", "zo'n", "which one"), a noun left out ("de tweede", "welke
    van de twee"), an additive ("ook", "also"), a third-person pronoun ("ze", "they", "it") or a
    demonstrative ("die aanpak", "hoe werkt die?"; not the conjunction "dat", which a clause's
    subject follows); so does a condition without its main clause ("Wat als …?") — unless
    the question named its own antecedent before it: ``ANTECEDENT_TERMS`` content terms before the
    clause that holds the word ("We werken met leerteams. Wie zitten daarin?" points inside the
    question). A pronoun is free in its own clause (binding theory's principle B): in "Hoeveel tijd
    moet die krijgen?" or "What kind of data do they mean?" the words before it are no antecedent.
    A possessive ("hun", "their"), an additive and "die"/"dat" (also relative pronouns and
    conjunctions) count every content term before them, as before.
    """
    tokens = [w.lower().replace("’", "'") for w in TOKEN.findall(question)]
    while tokens and (tokens[0] in INTERJECTIONS or PUNCTUATION.match(tokens[0])):  # "Oké, en …"
        tokens = tokens[1:]
    if (tokens and tokens[0] in OPENERS) or tuple(tokens[:2]) in _CONDITIONAL_OPENERS:
        return True
    clause = 0  # where the clause holding the current token begins
    for i, word in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        embedded = word in WH and i > clause + 1  # "… interviewen over hoe zij kiezen"
        subject = after in _SUBJECT_STARTS and not _superlative_ends(tokens, i)
        demonstrative = word in _DEMONSTRATIVES and not subject
        conjunction = word in _CLAUSE_OPENERS or (word == "dat" and not demonstrative)
        if conjunction or PUNCTUATION.match(word):
            clause = i
            continue
        clause = i if embedded else clause
        pointing = _POINTING.match(word) or word in _PRO_FORMS or word in _PERSONAL or word in ADDITIVES
        pointing = pointing or _er_points_back(tokens, i) or _noun_left_out(tokens, i)
        one_side = word in CONTRASTS and after in _ONE_SIDE  # "het verschil met X": and what else?
        pointing = pointing or one_side
        pointing = pointing or (word in _WHICH and after in _ONE) or _pronoun_alone(tokens, i)
        # "Met welke begin je?", "Which do you …?": a subject pronoun right after the next word makes
        # that word the finite verb (inversion), so "welke" has no noun of its own.
        inverted = i + 2 < len(tokens) and tokens[i + 2] in SUBJECTS
        pointing = pointing or (word in _WHICH and inverted)
        pointing = pointing or demonstrative
        if pointing:
            # Bound inside its clause: a possessive; an additive ("ook": what the clause said before may
            # be what it adds to); "die"/"dat", which may be a relative pronoun or a conjunction
            # ("leerlingen die …", "merkt dat studenten …") that only a parse would tell apart; a
            # comparison, whose other side may stand before it ("How is X different from Y?").
            # "die" after a preposition, with no more than a noun phrase to the end of the clause
            # ("bij die aanbeveling?", "over die laatste stap?"), is no relative pronoun (after a
            # preposition that is "wie" or "waar-") but a demonstrative, free in its clause like any
            # pronoun. A clause after it makes "in" a verb's particle ("leveren betogen in die door AI
            # zijn geschreven"); "dat" there may still be the conjunction ("er voor dat ouders komen").
            phrase = i and tokens[i - 1] in PREPOSITIONS and len(_rest_of_clause(tokens, i)) <= _NOUN_PHRASE
            relative = word in _DEMONSTRATIVES and not (phrase and word in _NEVER_CONJUNCTIONS)
            bound_inside = word in _POSSESSIVES or word in ADDITIVES or relative or one_side
            before = set(analyse(" ".join(tokens[: i if bound_inside else clause]))) - frame_terms()
            return len(before) < ANTECEDENT_TERMS
    return False


def _rest_of_clause(tokens: list[str], i: int) -> list[str]:
    """The words after ``tokens[i]`` up to the punctuation that ends its clause."""
    return list(itertools.takewhile(lambda t: not PUNCTUATION.match(t), tokens[i + 1 :]))


def _superlative_ends(tokens: list[str], i: int) -> bool:
    """Do "het" and a superlative end the clause after ``tokens[i]``, with at most a verb's particle
    ("… dat het beste?", "Wanneer pak je dat het beste aan?")?"""
    rest = _rest_of_clause(tokens, i)
    if rest and rest[-1] in _ADVERB_PREPOSITIONS:
        rest = rest[:-1]
    return len(rest) == 2 and rest[0] == "het" and bool(_SUPERLATIVE.match(rest[1]))


def _er_points_back(tokens: list[str], i: int) -> bool:
    """Is ``tokens[i]`` an "er" that stands for something said before: "erin", "ermee" or an "er"
    whose preposition or quantifier ends the clause ("Wat doe je er mee?", "Hoe maak ik er een?"),
    with no clause after it that it points ahead to?"""
    word = tokens[i]
    end = next((j for j in range(i + 1, len(tokens)) if PUNCTUATION.match(tokens[j])), len(tokens))
    rest = tokens[i + 1 : end]
    if _POINTS_AHEAD & set(rest):
        return False
    if _ER_FORM.match(word):
        return True
    if word != "er":
        return False
    # "Hoeveel heb je er nodig?": "hoeveel" before a verb counts what "er" stands for.
    start = next((j + 1 for j in range(i - 1, -1, -1) if PUNCTUATION.match(tokens[j])), 0)
    if any(tokens[j] == "hoeveel" and tokens[j + 1] in _AUXILIARIES for j in range(start, i - 1)):
        return True
    if not rest:
        return False
    # A verb particle after the stranded preposition is one of them too ("Hoe ga je er mee om?"). After
    # an auxiliary, the clause ends in its infinitive or participle ("Wat moet er allemaal in staan?").
    verb_last = len(rest) > 1 and rest[-2] in _ADVERB_PREPOSITIONS and _AUXILIARIES & set(tokens[start:i])
    # In a subordinate clause the finite verb comes last, after the quantifier ("… of je er een bent?").
    verb_last = verb_last or (len(rest) == 2 and rest[0] in _QUANTIFIERS and rest[1] in _AUXILIARIES)
    return rest[-1] in _ADVERB_PREPOSITIONS or rest[-1] in _QUANTIFIERS or bool(verb_last)


def _pronoun_alone(tokens: list[str], i: int) -> bool:
    """Is ``tokens[i]`` "het" or "one" with no noun after it: the clause ends, or only a verb's
    particle follows ("Hoe pak je het aan?", "an example of one?")? Before a noun it is an article
    ("het doel") or a number ("one of the steps"). After a clause's first word, an auxiliary (a
    question by inversion), "het" and one word end the clause only as subject and predicate ("Kan
    het sneller?", "Is het verplicht?"); an article's noun would leave no predicate."""
    if tokens[i] not in {"het"} | _ONE:
        return False
    rest = _rest_of_clause(tokens, i)
    if not rest or (tokens[i] == "het" and len(rest) == 1 and rest[0] in _ADVERB_PREPOSITIONS):
        return True
    opens = i == 1 or (i > 1 and bool(PUNCTUATION.match(tokens[i - 2])))
    return tokens[i] == "het" and len(rest) == 1 and opens and tokens[i - 1] in _AUXILIARIES


def selects(question: str) -> bool:
    """Does the question pick one of the things the conversation listed ("Which one of those is about
    partners outside the school?", "welke daarvan", "which of them", "welke van die twee")? Such a
    question means nothing without that list, however many words of its own it has."""
    tokens = [w.lower() for w in TOKEN.findall(question)]
    for i, word in enumerate(tokens[:-1]):
        after = tokens[i + 1]
        if word not in _WHICH - _DEMONSTRATIVES:
            continue
        # "welke daarvan": a pronominal adverb of "van" picks from what it points at
        pointing_van = (_POINTING.match(after) or _ER_FORM.match(after)) and after.endswith("van")
        if after in _ONE or pointing_van:
            return True
        # "which of those", "welke van hen": a partitive of something said before
        if after in _PARTITIVE and i + 2 < len(tokens) and tokens[i + 2] in _DETERMINERS | _PERSONAL:
            return True
    return False


def _noun_left_out(tokens: list[str], i: int) -> bool:
    """Is ``tokens[i]`` an ordinal or a number after a determiner whose noun is left out: the clause
    ends or a preposition follows ("Wat houdt de tweede in?", "the second of them"), or it is what a
    partitive counts ("Welke van de twee stel je eerst op?", "which of the two")?"""
    if tokens[i] not in _COUNTING or i == 0 or tokens[i - 1] not in _DETERMINERS:
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else "?"
    # What a partitive number counts is plural: a word after it that is not (-en, -s) is the verb.
    partitive = i > 1 and tokens[i - 2] in _PARTITIVE and not after.endswith(("en", "s"))
    ends = bool(PUNCTUATION.match(after)) or after in PREPOSITIONS | _ADVERB_PREPOSITIONS
    return ends or partitive
