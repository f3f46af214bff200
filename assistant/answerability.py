"""Answerability: may the documents answer this question, and do they hold the kind of fact it asks?

Four checks, each with its own job:

* ``unknown_names``: a question about a name the documents, the conversation and ordinary Dutch
  never use (ChatGPT, ParnasSys) is about something else.
* ``about_one_person``: the case of one pupil or parent ("Een moeder mailde me boos …") is too.
* ``AnswerDecision``: a calibrated logistic model over ``Evidence`` (the nearest passage's similarity
  read beside the question's length and language, and whether the documents use the question's
  words at all). Its coefficients are fitted by ``python -m benchmarks.decision --write``
  (``make tune``) with writer-grouped cross-validation, never set by hand. A follow-up that points
  back gets a second look, read with the question it points at (``with_earlier_question``).
* ``asked_facts`` / ``holds_fact``: "Hoeveel uur per week…" finds passages on the topic, but when no
  sentence there states a number of hours the honest answer says that fact is absent; so does "Mag
  dat eigenlijk wel?" when no sentence there states a rule.

Usage::

    asked_facts("Hoeveel dagen geboorteverlof krijg ik?")   # ["duration"]
    holds_fact("Een cultuurverandering kan enkele jaren duren.", "duration")  # True
    AnswerDecision.load().answers(evidence_of(query, hits, index))
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, fields
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

from assistant.lexical import COMPOUND_PART_ZIPF, LexicalIndex, analyse, content_words
from assistant.models import Hit, Scope
from assistant.query import ParsedQuery, is_english, parse_query
from assistant.references import SUBJECTS, frame_terms, refers_back
from assistant.sentences import WEB_ADDRESS, last_mark, split_sentences

DECISION_FILE = Path(__file__).parent / "data" / "answer_decision.json"

_NUMBER_WORDS = (
    r"(?:\d+(?:[.,]\d+)?%?|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|"
    r"dertig|veertig|vijftig|honderd|duizend|enkele|paar|aantal|meerdere|half|halve|anderhalf|"
    r"one|two|three|four|five|six|ten|several|few)"
)
_UNITS = (
    r"(?:minuut|minuten|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren|schooljaar|schooljaren|"
    r"lesuur|lesuren|periode|periodes|minutes?|hours?|days?|weeks?|months?|years?)"
)
_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"january|february|march|june|july|august|october)"
)

# "stappen van De Zevensprong", "fasen in een Lesson Study-cyclus", "the steps of Lesson Study": the
# name whose steps are asked, its capitalised words ("Lesson Study", not "-cyclus").
_STEPS_OF = re.compile(
    r"\b(?:stappen|fasen|fases|steps|stages|phases)\s+(?:van|in|uit|of)\s+(?:(?-i:de|het|een|the|a)\s+)?"
    r"[‘'\"]?((?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)*)",
    re.I,
)

# "Welke drie doeldomeinen onderscheidt Biesta?", "Uit welke onderdelen bestaat het spinnenweb?": the
# members of a whole, counted or said to make it up; group 1 or 3 names them, group 2 or 4 the whole
# (``asked_whole``). A list the documents state or not. Dutch only: an English question's members are
# never named in the Dutch documents, so their absence would tell nothing.
_COUNT = r"(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)"
_PARTS_OF = re.compile(
    rf"\b(?:welke\s+{_COUNT}\s+([^\W\d_][\w-]*)(?:\s+van\s+([^?.!]+))?|"
    r"uit\s+welke\s+([^\W\d_][\w-]*)\s+(?:bestaat|bestaan)\s+([^?.!]+))",
    re.I,
)

# Asked kinds, most specific first: "hoeveel dagen" asks a duration, "hoeveel procent" a percentage,
# not a bare number. Each is a question word with the unit or noun it asks for.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "amount",
            r"\b(?:wat kost|wat kosten|kost het|kosten van|prijs|bedrag|salaris\w*|verdien\w*|"
            r"how much does .{0,60}cost|cost|price|salary|earn)\b",
        ),
        (
            "date",
            r"\b(?:in welk jaar|welk jaar|op welke datum|welke datum|sinds wanneer|wanneer (?:begint|start|"
            r"verscheen|verschijnt|is de \w*vakantie)|which year|what year|when (?:does|did|is|was))\b",
        ),
        ("frequency", r"\b(?:hoe vaak|hoe dikwijls|how often)\b"),
        (
            "percentage",
            r"\b(?:hoeveel procent|welk percentage|wat is het percentage|what percentage|how many percent)\b",
        ),
        ("duration", rf"\b(?:hoe lang|hoeveel (?:tijd|{_UNITS}|\w+(?:dagen|uren|weken))|how long)\b"),
        # A bound asks for a value too: a preposition of limit before the question word ("vanaf welke
        # score", "boven welk cijfer", "from what age"; not "tot welke resultaten leidt …", "onder welke
        # voorwaarden").
        (
            "number",
            r"\b(?:hoeveel|how many|how much|wat is het (?:maximum|minimum|aantal)|"
            r"(?:vanaf|boven) welke?|(?:from|above) (?:what|which))\b",
        ),
        # A judgement between methods: "welke methode werkt het best", "de beste aanpak", not "de
        # beste manier om…" (which asks how). A question that picks one ("welke", "which") with a
        # superlative adverb ("scoort het hoogst", "is het meest effectief") asks the same, and so
        # does one that weighs two ("Wat werkt beter: A of B?").
        (
            "best",
            r"\b(?:(?:werkt|werken|helpt|helpen) (?:het )?best\w*|"
            r"(?:is|zijn) (?:de |het )?beste\b(?! manier)|(?:de|het) beste (?:methode|aanpak|tool|"
            r"programma|instrument|interventie|app)\w*|effectiefste|works? best|most effective|"
            r"best (?:method|approach|tool|programme|program)s?|"
            r"(?:welke?|which)\b[^.?!]*\bhet (?:best|beste|meest|minst|hoogst|laagst)\b|"
            r"(?:wat|welke?|which|what)\b[^.?!]*\b(?:beter|better)\b[^.?!]*\b(?:of|or)\b)",
        ),
        # The steps of a method the question names ("de stappen van De Zevensprong", "the phases of Lesson
        # Study"): a list the documents state or not. The leidraad's own process ("de stappen van een
        # probleemanalyse") is told in prose across its chapters, so a method without a name is left to
        # the model. Asked before "number": "de zeven stappen van X" asks for the list.
        ("steps", _STEPS_OF.pattern),
        ("parts", _PARTS_OF.pattern),
        (
            "named",
            r"\b(?:welke|which|what)\s+(?:apps?|laptops?|chromebooks?|tools?|software|programma'?s?|"
            r"platforms?|lesmethodes?|merk|brand)\b",
        ),
    )
)

# Besides the value asked, a rule: whether something is allowed ("Mag ik …?", "Mogen we …?" opening a
# question), or what a law or regulation prescribes ("volgens de AVG", "wettelijk", "welke regels
# gelden"). A "mogen" that weighs a course of action beside another ("Moeten we A, of mogen we B?")
# asks how to work, not what is allowed; "Mag ik (je) iets vragen?" is politeness.
_ASKS_RULE = re.compile(
    r"(?:^|[.?!]\s+)(?:(?:en|maar)\s+)?(?:mag|mogen|mocht|mochten)\s+(?:ik|we|wij|je|jij|u|dat|dit|de|het|"
    r"een|onze|mijn|zij|ze|hij)\b(?!(?:\s+(?:u|je|jou|jullie|even|nog|iets|eens|een|vraag))*\s+(?:vragen|stellen|"
    r"weten)\b)|\b(?:welke|hoeveel|wie)\b[^.?!,]{0,40}\b(?:mag|mogen)\b|"
    r"\b(?:volgens|van)\s+(?:de|het|ons|onze)\s+(?:wet|wetgeving|avg|cao(?:\s+\w+)?|regels|inspectie|meldcode|"
    r"pta|onderzoekskader|\w*protocol|\w*reglement|\w*statuut)\b|"
    r"\bwettelijk\w*|\b(?:welke|wat zijn de)\s+regels\b|\bregels\s+gelden\b|"
    r"\bis\s+(?:het|dat)\s+(?:wel\s+|eigenlijk\s+)?(?:toegestaan|verboden|verplicht)\b|"
    r"\b(?:am i|are we|is it)\s+(?:allowed|permitted|required|legal)\b|\baccording to the law\b",
    re.I,
)

_HOLDS: dict[str, re.Pattern[str]] = {
    "amount": re.compile(r"€|\beuro\b|\bgratis\b|\bkosteloos\b|\bfree\b|\$\s?\d", re.I),
    "date": re.compile(rf"\b(?:19|20)\d\d\b|\b\d{{1,2}} {_MONTHS}\b", re.I),
    "frequency": re.compile(
        rf"\b(?:{_NUMBER_WORDS} keer|dagelijks|wekelijks|maandelijks|jaarlijks|tweejaarlijks|regelmatig|"
        rf"(?:elke|iedere|per) (?:dag|week|maand|jaar|les|periode|schooljaar)|"
        r"weekly|monthly|yearly|annually)\b",
        re.I,
    ),
    "duration": re.compile(rf"\b{_NUMBER_WORDS}\s+(?:\w+\s)?{_UNITS}\b", re.I),
    "percentage": re.compile(r"\d\s?%|\bprocent\b|\bpercent\w*\b", re.I),
    # "een" alone is an article and a year is a date, neither answers "hoeveel".
    "number": re.compile(
        r"(?<!\d)(?!(?:19|20)\d\d\b)\d|\b(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|honderd|duizend|enkele|meerdere|"
        r"several|two|three|four|five|ten)\b",
        re.I,
    ),
    # A list of steps: bullets, steps numbered or counted off ("stap 1", "de tweede fase"), or a colon
    # before an enumeration ("bestaat uit vijf stappen: vraagarticulatie, kenniscreatie, …").
    "steps": re.compile(
        r"•|\b(?:stap|fase|step|phase)\s*\d|\b(?:eerste|tweede|derde|vierde|first|second|third|fourth)\s+"
        r"(?:stap|fase|step|phase)\b|:\s*[^.;:]+,[^.;:]+(?:,|\ben\b|\band\b)",
        re.I,
    ),
    # Members named: after a colon, as bullets, or counted ("vier dimensies van een onderzoekscultuur";
    # a lower-case noun: "aanbeveling 1 Voortgezet leren" is a number and a heading).
    "parts": re.compile(rf"•|:\s+\S|\b{_COUNT}\s+(?-i:[a-zà-ÿ])", re.I),
    # A comparison of effect: a superlative or comparative of working or effect.
    "best": re.compile(
        r"\b(?:het best|de beste|het beste|het meest \w+|effectiefst\w*|effectiever\w*|most \w+|"
        r"beter\w* (?:werkt|resultaten|effect)|meer effect|werkt beter|works best)\b",
        re.I,
    ),
    # A rule stated: what is allowed, required or forbidden, by whom or by which law.
    "rule": re.compile(
        r"\b(?:wet|wetten|wettelijk\w*|wetgeving|verplicht\w*|regels?|regelgeving|reglement\w*|toegestaan|"
        r"verboden|toestemming|mag|mogen)\b",
        re.I,
    ),
    # A name mid-sentence (capitalised, not after a full stop), a web address or a quoted title.
    "named": re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+[A-Z]?\w*|https?://|www\.|‘[^’]{3,}’"),
}

# A proper name: a capitalised word or acronym that does not open a sentence ("ChatGPT", "AVG").
_NAME = re.compile(r"(?<!^)(?<![.?!:]\s)\b([A-Z][\w-]*[A-Za-z]|[A-Z]{2,})\b")


def ordinary(word: str, language: str) -> bool:
    """An ordinary word of the question's language: every part at least as frequent as
    ``COMPOUND_PART_ZIPF`` (once per million words, what lexical.py calls a common word), so
    "Verenigde Staten" or "schaal LB" is explained by the language itself."""
    parts = [p for p in re.split(r"[-\s]", word.lower()) if p]
    return bool(parts) and all(zipf_frequency(p, language) >= COMPOUND_PART_ZIPF for p in parts)


def unknown_names(question: str, known: Callable[[str], bool], conversation: str = "") -> list[str]:
    """Proper names in the question that nothing explains: the documents never use them, the
    conversation (``conversation``: the earlier turns) never named them, and they are no common
    Dutch word. A question about such a name is about something else (ChatGPT, ParnasSys). Only the
    asking sentences count (``asked_part``): a situation's story names its school's own things (its
    Dalton concept, the BPV of its students) without asking about them."""
    said = conversation.lower()
    language = "en" if is_english(question) else "nl"
    names = dict.fromkeys(m.group(1) for m in _NAME.finditer(asked_part(question).strip()))
    return [n for n in names if not known(n) and n.lower() not in said and not ordinary(n, language)]


# A sentence about one pupil or parent, told as its subject ("Een moeder mailde me boos …", "Een leerling
# in mijn mentorklas wordt gepest …", "Mijn zoon …"): an English one too ("A pupil in my class …"). A
# student teacher ("een student van de pabo", "a student teacher") is a colleague in training.
_ONE_PERSON = re.compile(
    r"^(?:(?:een|mijn)\s+(?:\w+\s+)?(?:leerling|leerlinge|jongen|meisje|kind|kleuter|student|studente|vader|"
    r"moeder|zoon|dochter)|(?:a|my)\s+(?:\w+\s+)?(?:pupil|student|boy|girl|child|father|mother|son|daughter)|"
    r"one of my (?:pupils|students))\b(?!\s+(?:teachers?\b|van\s+de\s+(?:pabo|lerarenopleiding|hogeschool|"
    r"universiteit)))",
    re.I,
)


def about_one_person(question: str) -> bool:
    """Does the question tell the case of one pupil or parent (a sentence opens with them as its
    subject)? The documents treat how teams and schools improve their education, never what to do
    for one child or with one parent: such a question is about something else."""
    return any(_ONE_PERSON.match(sentence) for sentence in split_sentences(question))


def asked_facts(question: str) -> list[str]:
    """The kinds of fact the question asks for: the value (the most specific kind that matches) and
    a rule; none for an open question. "Hoeveel uur krijg ik volgens de cao?" asks a duration and a
    rule: it is answered only where the documents state both."""
    value = next((kind for kind, pattern in _ASKS if pattern.search(question)), None)
    return [kind for kind in (value, "rule" if _ASKS_RULE.search(question) else None) if kind]


# Words that give an asked fact its form ("hoeveel uur per week", "hoe vaak", "wat kost"), not its topic.
_FORM_WORDS = " ".join(
    [
        *re.findall(r"[^\W\d_]{2,}", _UNITS + " " + _NUMBER_WORDS),
        "hoeveel hoe lang vaak dikwijls keer tijd per elke iedere kost kosten prijs bedrag maximaal minimaal",
        "procent percentage best beste werkt effectief",
        "how many much long often times time every cost price percent percentage best works effective",
    ]
)


@lru_cache(maxsize=1)
def _form_terms() -> frozenset[str]:
    return frozenset(analyse(_FORM_WORDS))


def fact_topic(terms: set[str]) -> set[str]:
    """The question's terms that say what the asked fact is about: "hoeveel uur per week vergadert
    een PLG?" is about the PLG and meeting, so a sentence about weeks alone is not on its topic."""
    return (terms - _form_terms()) or terms


def topic_words(text: str) -> str:
    """``text`` without the words that give an asked fact its form: what ``fact_topic`` keeps, as words."""
    return " ".join(w for w in text.split() if not set(analyse(w)) <= _form_terms())


# "welke laptop", "hoeveel vakantiedagen", "which laptops": the word a question word asks about.
# ("what" is left out: in English it mostly stands before a verb, "what does…").
_ASKED_OBJECT = re.compile(r"\b(?:welke?|hoeveel|which|how many)\s+([^\W\d_][\w-]*)", re.I)


def asked_object(question: str) -> str | None:
    """The thing a "welke X / hoeveel X" question asks about ("laptop" in "Welke laptop raadt de
    leidraad aan?"), or None when the question word asks for a form ("hoeveel uur", "welk jaar")
    or governs no noun. A fact about it can only be on its topic when it names it."""
    if steps := _STEPS_OF.search(question):  # the named method whose steps are asked
        return steps.group(1)
    if parts := _PARTS_OF.search(question):  # the members of a whole
        return parts.group(1) or parts.group(3)
    match = _ASKED_OBJECT.search(question)
    if match is None:
        return None
    word = match.group(1)
    after = question[match.end() :].split()
    if after and after[0].lower().strip("?.!,;:") in SUBJECTS:  # "Met welke begin je …?": a verb
        return None
    terms = analyse(word)
    return word if terms and not set(terms) <= _form_terms() else None


def members_named_by(question: str) -> str | None:
    """The word a sentence that lists the members a question asks for (``_PARTS_OF``) names: the
    members' own word when it is rare ("doeldomeinen", "leermechanismen": a list of them is there or
    not), else the whole ("spinnenweb" for "onderdelen"); the documents may list common members without
    their word ("twee delen" as two headings). None: any word of the question's topic."""
    members = asked_object(question)
    if members is not None and not ordinary(members, "nl"):
        return members
    return asked_whole(question)


def asked_whole(question: str) -> str | None:
    """The whole whose members a question asks (``_PARTS_OF``), as its first content word: "spinnenweb"
    in "Uit welke onderdelen bestaat dat spinnenweb precies?", "onderzoekscultuur" in "Welke vier
    dimensies van een onderzoekscultuur …?"; None when it names none. Members as common as "onderdelen"
    are on its topic only beside it."""
    parts = _PARTS_OF.search(question)
    said = (parts.group(2) or parts.group(4)) if parts else None
    words = content_words(said) if said else []
    return words[0] if words else None


def holds_fact(sentence: str, kind: str) -> bool:
    """Does the sentence state a fact of that kind? A web address states none ("…/uploads/2019/11/…" is
    no number), though a ``named`` fact may be one."""
    return bool(_HOLDS[kind].search(sentence if kind == "named" else WEB_ADDRESS.sub(" ", sentence)))


@lru_cache(maxsize=1024)  # the decision, the name check and the fact checks each ask it of one question
def asked_part(question: str) -> str:
    """The sentences that ask (ending in "?"); the whole text when none does. A situation tells who
    and why in its story; what it asks stands in its question sentences, and in the sentence before
    the first of them when that one points back at it (``refers_back``: "… leunt de sectie
    achterover. Hoe voorkom ik dat?"). Held out per writer, with that sentence: abstained 0.72 →
    0.78 pooled, situations answered 0.93 → 1.00, answered 0.97 (``python -m benchmarks.decision``)."""
    sentences = split_sentences(question)
    asks = [last_mark(s) == "?" for s in sentences]
    if True not in asks:
        return question
    first = asks.index(True)
    if first and refers_back(sentences[first]):
        asks[first - 1] = True
    return " ".join(s for s, asking in zip(sentences, asks, strict=True) if asking)


@dataclass(frozen=True)
class Evidence:
    """What the answer/decline decision reads of one question's retrieval.

    ``similarity``: e5 cosine of the passage nearest the question in its scope, whether or not the
    fused ranking kept it among the hits (``Signals.nearest``). Read as the best of the hits, it moved
    with every change to the ranking; read over the scope, held out per writer: answered 0.98 → 0.99,
    abstained 0.74 → 0.80 (own set 0.75 → 0.93, probe4 0.44 → 0.56). It runs lower for a long
    situation and for an English question than for a terse Dutch one, so the model reads it beside
    ``log_words`` (the question's length) and ``english``: the bar moves with how the question is
    written, as fitted.
    ``known``: IDF-weighted share of the asking sentence's words (``asked_part``: a situation's story
    left out; an English question's Dutch terms) that the documents use at all.
    ``covered``: IDF-weighted share of them in one of the top three passages. Read on the whole
    question instead, held out per writer: abstained 0.70 → 0.74 pooled (own set 0.54 → 0.61),
    answered 0.95 and situations answered 0.93 unchanged (``python -m benchmarks.decision``).

    Measured and left out (``python -m benchmarks.decision`` on each writer held out): the fused
    score of the best passage, its lead over the rest, z-scores of the cosines within the question's
    own top 8 or 20 and the retrievers' agreement on the best passage each separated answerable from
    unanswerable questions no better than answering everything (held-out abstained 0.50 → 0.50).
    Whether the thing a "welke X" question asks about (``asked_object``) stands in a top passage, or
    is known at all, lowered held-out abstained 0.74 → 0.72 and 0.66 (its weight came out negative:
    "welke soorten/dingen/taken" name no topic); it decides only where a fact is asked (answer.py).
    """

    similarity: float
    log_words: float
    english: float
    known: float
    covered: float

    def vector(self) -> tuple[float, ...]:
        return astuple(self)


FEATURES = tuple(f.name for f in fields(Evidence))
_COVER_PASSAGES = 3


def _asked_words(query: ParsedQuery) -> str:
    """The words the question asks about. An English question is read in its Dutch terms, as BM25
    reads it: English words are never in the documents, so counting them made every English question
    look like an unknown topic."""
    words = query.expansion or asked_part(query.topic or query.text)
    if not query.expansion and is_english(query.text):  # "What does recommendation 2 say?": no topic
        words = " ".join(w for w in words.split() if not set(analyse(w)) <= frame_terms())
    return words


def asks_only_scope(query: ParsedQuery) -> bool:
    """The question names an aanbeveling and asks nothing besides ("Wat zegt aanbeveling 2?", "What does
    recommendation 2 say?"): its topic is a part of the documents, which they treat by definition, so
    it is answered whatever the model makes of its few words."""
    return query.aanbeveling is not None and not analyse(_asked_words(query))


def with_earlier_question(query: ParsedQuery) -> ParsedQuery | None:
    """A follow-up searched as asked that points back ("zo'n plan", "wie erin komen") read together
    with the question it points at: it asks about that topic too, so the decision gets a second look
    at the two together (dev dialogues answered 0.96 → 1.00, no unanswerable question of any set
    answered). None for any other question."""
    if not query.previous or not refers_back(query.text):
        return None
    return parse_query(f"{query.previous} {query.text}", Scope(query.sector, query.aanbeveling))


def evidence_of(query: ParsedQuery, hits: Sequence[Hit], index: LexicalIndex | None) -> Evidence:
    """The decision's signals for ``query`` and its retrieved ``hits`` (best first)."""
    words = _asked_words(query)
    idf = index.idf if index else (lambda _term: 1.0)
    terms = set(analyse(words))
    total = sum(idf(t) for t in terms)
    covered = 1.0  # a question with no content terms ("Wat is de leidraad?") leaves nothing uncovered
    if total:
        covered = max(
            sum(idf(t) for t in terms & set(analyse(h.passage.section + " " + h.passage.text))) / total
            for h in hits[:_COVER_PASSAGES]
        )
    return Evidence(
        similarity=max(h.signals.nearest for h in hits),
        log_words=math.log(max(1, len(query.text.split()))),
        english=float(is_english(query.text)),
        known=index.known_share(words) if index else 1.0,
        covered=covered,
    )


@dataclass(frozen=True)
class AnswerDecision:
    """Answer when the calibrated probability that the documents answer the question reaches
    ``threshold``: a logistic model over standardised ``Evidence`` (``mean``/``scale`` per feature).

    The numbers live in ``assistant/data/answer_decision.json`` with how they were fitted and their
    held-out figures; ``python -m benchmarks.decision --write`` (``make tune``) refits them after the ranking
    changes. Usage::

        decision = AnswerDecision.load()
        decision.answers(evidence_of(query, hits, index))
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def __post_init__(self) -> None:
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(FEATURES):
            raise ValueError(f"Het beslismodel moet {len(FEATURES)} kenmerken hebben: {', '.join(FEATURES)}.")
        if any(s <= 0 for s in self.scale):
            raise ValueError("De schaal van elk kenmerk moet positief zijn.")
        if not 0.0 < self.threshold < 1.0:
            raise ValueError("De drempel moet tussen 0 en 1 liggen.")

    def probability(self, evidence: Evidence) -> float:
        """Calibrated probability that the documents answer the question."""
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, evidence.vector(), self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def answers(self, evidence: Evidence) -> bool:
        return self.probability(evidence) >= self.threshold

    @classmethod
    def load(cls, path: Path = DECISION_FILE) -> AnswerDecision:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} is voor andere kenmerken gefit: draai `make tune` opnieuw.")
        return cls(
            tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]), data["bias"], data["threshold"]
        )
