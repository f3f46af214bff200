"""Make a question stand on its own, given the conversation before it.

A follow-up that lacks a topic of its own or points back at the conversation ("En in het mbo?",
"en bij h2?", "wie moet daarin zitten?", "geef eens een voorbeeld", "and in primary schools?") is read
against the topic of the latest user turn: scope words it names switch the scope, the topic stays;
a question with a topic of its own stays exactly as asked. Offline this takes no model. With a
``condense`` chat model the follow-up is rewritten by the model too; the rewrite is used only when it
keeps the scope words the offline reading found and reads as a question, else the offline reading is.

Usage::

    resolver = FollowUpResolver()  # or FollowUpResolver(condense=chat_model)
    resolved = resolver.resolve("En in het mbo?", [Turn("user", "Wat zegt de leidraad over borging?")])
    resolved.text            # "Wat zegt de leidraad over borging?"
    resolved.scope           # Scope(sector="mbo")
    resolved.understood_as   # "‘Wat zegt de leidraad over borging?’ in het mbo"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from langchain_core.language_models import BaseChatModel

from assistant.flows.spec import load_spec
from assistant.lexical import analyse
from assistant.llm.condense import Condenser
from assistant.models import ResolvedQuestion, Scope, Turn
from assistant.phrasing import phrasing_for
from assistant.pleasantries import is_pleasantry, without_pleasantries
from assistant.query import expand_english, is_english, parse_query, without_scope
from assistant.references import (
    ADDITIVES,
    CONTRASTS,
    DOMAIN,
    INTERJECTIONS,
    OPENERS,
    PREPOSITIONS,
    PUNCTUATION,
    SECTOR_NOUNS,
    TOKEN,
    WH,
    frame_terms,
    refers_back,
    selects,
)
from assistant.sentences import last_mark, split_sentences

_WORD = re.compile(r"(?u)\b\w+\b")
_RELATIVES = frozenset({"die", "dat", "who", "that", "which"})
# A follow-up with this many content terms of its own is searched as asked (``_read``).
OWN_TOPIC_TERMS = 5
# The frame of a correction: "nee, ik bedoel eigenlijk …", "no, I mean actually …".
_CORRECTIONS = frozenset({"ik", "bedoel", "bedoelde", "eigenlijk", "i", "mean", "meant", "actually"})
# A sector's own leidraad, named to switch to it ("En de vo-leidraad?"): a stump of the scope words,
# though a question about the leidraad itself ("Wat is de leidraad?") still has a topic.
_LEIDRAAD = frozenset({"leidraad", "guide"})
_ARTICLES = frozenset(
    {"de", "het", "een", "onze", "ons", "mijn", "jullie", "hun", "the", "a", "an", "our", "my", "their"}
)
_COUNCIL = re.compile(r"-raad\b", re.I)  # what a sector word leaves of its council's name ("PO-Raad")
_MARK = "\u2063"  # stands where a scope word stood (an invisible separator: no question holds one)
_NAMED = "\u2064"  # stands where an aanbeveling was named, until the current one takes its place
_SHOWN_CHARS = 140  # a long earlier question is shortened where it is said back to the reader
_FOLLOW_UPS_KEPT = 2  # a chain of follow-ups keeps its first topic and its latest additions
_MAX_REWRITE_CHARS = 300
# The context of a question searched as asked in a conversation: the latest user turn and the start of
# the reply to it. The dialogues' replies run 19-39 words; mixed into both models at 0.2, 20 words did
# about as well on the dev dialogues and probes 1-5 (follow-ups MRR 0.628 against 0.632), 80 no better.
_CONTEXT_WORDS = 40


def what_is_asked(resolved: ResolvedQuestion) -> str:
    """The words whose question word says what kind of answer is wanted: a follow-up's own turn when
    it asks with a question word of its own ("En wie leidt het?" after "Hoe lang duurt zo'n traject
    meestal?" asks who, not how long), else the resolved question (an ellipsis, "En in het mbo?",
    asks what the question it continues asked)."""
    own = without_pleasantries(resolved.asked)
    if resolved.text == resolved.asked.strip() or not {_bare(w) for w in own.split()} & WH:
        return resolved.text
    return own


def _bare(token: str) -> str:
    return token.lower().rstrip("?.!,;:")


def _topic(question: str, sector: str | None, aanbeveling: str | None = None) -> str:
    """The question without the words naming ``sector`` or an aanbeveling, and the stumps they leave:
    "op de basisschool?" goes as a whole, and so does "in our secondary school?"; "volgens de
    po-poster" keeps "volgens de poster", "the primary school poster" keeps "the poster". With
    ``aanbeveling`` the words that named one name that one instead."""
    words: list[str] = []
    if aanbeveling:  # a stand-in first: the words it stands for would be taken for scope words
        question = without_scope(question, None, mark=_NAMED)
    named = f"aanbeveling {aanbeveling[1]}" if aanbeveling else ""
    tokens = [t.replace(_NAMED, named) for t in without_scope(question, sector, mark=_MARK).split()]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if not token.startswith(_MARK):
            words.append(token)
            continue
        rest = token.replace(_MARK, "")
        if _COUNCIL.match(rest):  # "de PO-Raad" is a name, whichever sector the question is about now
            words.append(f"{sector.upper()}{rest}" if sector else rest)
            continue
        if rest.startswith("-"):  # "po-poster": the compound's noun stays
            words.append(rest[1:])
            continue
        if not rest and i < len(tokens) and _bare(tokens[i]) in SECTOR_NOUNS:
            rest = tokens[i][len(_bare(tokens[i])) :]  # "secondary school?": the noun goes too
            i += 1
        qualifies = not rest and i < len(tokens) and _bare(tokens[i]) in DOMAIN  # "primary school poster"
        modified = len(words) > 1 and words[-2].lower() in _ARTICLES and words[-1].isalpha()
        if not qualifies and modified and words[-1].lower() not in PREPOSITIONS:
            # "op een kleine basisschool": the noun phrase keeps a head ("op een kleine school"; the
            # same word in English).
            words.append("school" + "".join(ch for ch in rest if ch in "?.!,;:"))
            continue
        if not qualifies:
            # The scope words were a phrase of their own: its article and preposition go with them.
            while words and words[-1].lower() in _ARTICLES:
                words.pop()
            if words and words[-1].lower() in PREPOSITIONS:
                words.pop()
        punctuation = "".join(ch for ch in rest if ch in "?.!,;:")
        if punctuation and words:
            words[-1] += punctuation
    topic = " ".join(words).lstrip(" ,;:")
    # "In het mbo, hoe maak je …" loses its first words: the rest begins a sentence now.
    return topic if question.lstrip().startswith(topic[:1]) else topic[:1].upper() + topic[1:]


def _without_opener(text: str) -> str:
    """'En hoe doe je dat?' → 'hoe doe je dat?'; a bare 'En?' leaves nothing."""
    first, _, rest = text.partition(" ")
    if first.lower().strip(",?.!") in OPENERS:
        text = rest
    return "" if PUNCTUATION.match(text) or not text else text


def stands_alone(question: str) -> bool:
    """Does the question name a topic of its own and point back at nothing (``refers_back``)?

    A topic is a word beyond scope words, function words and words that ask for more ("voorbeeld",
    "meer"), or the guide itself when the question asks what it is.
    """
    query = parse_query(question)
    own = set(analyse(query.topic)) - frame_terms()
    # Asked what it is ("Wat is de leidraad?"), the guide is the topic; the stump of a sector's guide
    # ("de mbo-leidraad") names a scope, and "Wat zegt de leidraad?" asks about the topic at hand.
    guide = "meaning" in query.wants and any(_bare(w) in _LEIDRAAD for w in query.topic.split())
    return (bool(own) or guide) and not refers_back(question)


@dataclass(frozen=True)
class _Reading:
    """What the conversation is about after one user turn: the question that set the topic, what
    follow-ups added to it, and the scope."""

    question: str
    added: tuple[str, ...]
    sector: str | None
    aanbeveling: str | None
    compared: tuple[str, ...] = ()  # sectors asked side by side ("Is dat in het po anders?")

    @property
    def topic(self) -> str:
        """The topic's question as it reads in this scope: sector words of a sector switched away
        from go; an aanbeveling it names becomes the current one ("welke stappen behandelt
        aanbeveling 2?"); whatever the scope did not change stays as the user wrote it. Sectors
        compared are named after it, which makes the answer set them side by side."""
        own = parse_query(self.question)
        switched = own.sector if own.sector != self.sector else None
        first = _without_opener(_topic(self.question, switched, self.aanbeveling))
        compared = f"({' en '.join(self.compared)})" if self.compared else ""
        return " ".join(part for part in (first, *self.added, compared) if part)


@lru_cache(maxsize=4096)
def _read(question: str, before: _Reading | None) -> tuple[_Reading | None, bool]:
    """The reading of ``question`` after ``before`` (None: no topic yet); True when ``before`` was
    needed for it. Cached: every question re-reads the conversation's earlier turns, which read
    the same each time (over a 40-question conversation: 8.2 → 1.1 ms per question)."""
    query = parse_query(question)
    own = _without_opener(_topic(question, query.sector))
    # A statement in a conversation ("Wij zijn maar een kleine sectie.") tells more of the situation.
    states = not any(last_mark(s) == "?" for s in split_sentences(question))
    if before is None or (stands_alone(question) and not states):
        # A question of scope words alone ("En in het mbo?" to begin with) sets no topic. A new
        # topic keeps the sector and aanbeveling the conversation named until it names others.
        sector = query.sector or (before.sector if before else None)
        aanbeveling = query.aanbeveling or (before.aanbeveling if before else None)
        carried = (sector, aanbeveling) != (query.sector, query.aanbeveling)
        return (_Reading(question, (), sector, aanbeveling) if own else None), carried and bool(own)
    # "geef eens een voorbeeld" adds to the topic; "and in vocational education?", "what about
    # secondary schools?" add nothing.
    if len(set(analyse(query.topic)) - frame_terms()) >= OWN_TOPIC_TERMS and not selects(question):
        # A follow-up with a topic of its own ("And recommendation 5? How do we find decent research
        # without it eating up all our time?") is searched as asked, in the conversation's scope,
        # unless it picks one of the things said before ("Which one of those is about …?").
        return _Reading(
            question, (), query.sector or before.sector, query.aanbeveling or before.aanbeveling
        ), True
    # "Is dat in het po anders?" after a question in the mbo asks for the two side by side.
    contrasts = bool(CONTRASTS & {w.lower() for w in _WORD.findall(question)})
    if contrasts and query.sector and before.sector not in (None, query.sector):
        aanbeveling = query.aanbeveling or before.aanbeveling
        return replace(
            before, sector=None, aanbeveling=aanbeveling, compared=(before.sector, query.sector)
        ), True
    # A correction of the reading ("Nee, ik bedoel in het po.", "I mean: in primary schools?") leaves
    # only its own frame once the scope words are gone: that frame adds nothing to the topic.
    stumps = _ARTICLES | PREPOSITIONS | DOMAIN | _LEIDRAAD | INTERJECTIONS | _CORRECTIONS
    stumps |= {"wat", "what", "hoe", "how"}
    # "En de docenten?" after a question about the schoolleider asks that question of the docenten.
    words = [w for w in TOKEN.findall(own) if w.lower() not in stumps and not PUNCTUATION.match(w)]
    # "Ook de collega's …?" adds people to the question rather than asking it of others.
    adds = next(iter(TOKEN.findall(question.lower())), "") in ADDITIVES
    swapped = None if adds else _people_swapped(before.question, words)
    added = (own[0].upper() + own[1:],) if words and not swapped else ()
    # Scope words in the follow-up switch that filter; the others stay as the conversation had them.
    return _Reading(
        swapped or before.question,
        (before.added + added)[-_FOLLOW_UPS_KEPT:],
        query.sector or before.sector,
        query.aanbeveling or before.aanbeveling,
    ), True


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    """Stems of the words for learners and the people around them (the flows' lexicon)."""
    words = load_spec("kennisvraag")["lezen"]
    return frozenset(analyse(" ".join([*words["lerenden"], *words["personen"]])))


def _people_named(word: str, english: bool = False) -> frozenset[str]:
    """The stems of the people ``word`` names, or none: the flows' lexicon holds it, or, for an
    ``english`` word, the Dutch words the glossary gives for it do ("parents" → "ouders")."""
    for terms in (set(analyse(word)), set(analyse(expand_english(word))) if english else set()):
        if terms and terms <= _people():
            return frozenset(terms)
    return frozenset()


def _people_swapped(question: str, follow_up: list[str]) -> str | None:
    """``question`` asked of the people a bare follow-up names instead of the people it named ("Hoe
    betrek je ouders?", "En leerlingen?" → "Hoe betrek je leerlingen?"; "And the parents?" after
    "How do you involve teachers?"); None unless the follow-up's words (``follow_up``, its frame
    left out) name people only and the question named others."""
    content = [w for w in follow_up if analyse(w)]  # function words ("en", "doen") are its frame
    english = is_english(question)  # a follow-up's people in the question's own language
    named = [w for w in content if _people_named(w, english)]
    # A question word or a relative clause ("die altijd tegen zijn") makes it more than people named.
    if not named or len(named) < len(content) or {_bare(w) for w in follow_up} & (WH | _RELATIVES):
        return None
    stems = frozenset().union(*(_people_named(w, english) for w in named))
    joined = (" and " if english else " en ").join(named)
    # Only in what the question asks: a situation's story says who the asker is ("Ik ben docent").
    for sentence in (s for s in split_sentences(question) if last_mark(s) == "?"):
        for word in TOKEN.findall(sentence):
            if people := _people_named(word, english):
                at = question.find(sentence)
                if people <= stems or at < 0:  # asked of the same people already
                    return None
                swapped = re.sub(rf"\b{re.escape(word)}\b", joined, sentence, count=1)
                return question[:at] + swapped + question[at + len(sentence) :]
    return None


def _context(history: Sequence[Turn]) -> tuple[str, str]:
    """The latest user turn, and it with the first ``_CONTEXT_WORDS`` words of the reply to it; "" and
    "" before any."""
    last = next((i for i in range(len(history) - 1, -1, -1) if history[i].role == "user"), None)
    if last is None:
        return "", ""
    reply = [t.content for t in history[last + 1 :] if t.role == "assistant"][:1]
    words = " ".join(reply).split()[:_CONTEXT_WORDS]
    previous = history[last].content.strip()
    return previous, " ".join([previous, *words])


def _shorten(text: str) -> str:
    if len(text) <= _SHOWN_CHARS:
        return text
    return text[:_SHOWN_CHARS].rsplit(" ", 1)[0] + " …"


class FollowUpResolver:
    """Resolves follow-ups against the history; a question that stands on its own stays as asked.

    ``condense`` is an optional LangChain chat model that rewrites follow-ups (given ``timeout_s``
    seconds); any failure, a slow reply or a rewrite that fails ``accepts`` leaves the offline reading.
    """

    def __init__(self, condense: BaseChatModel | Condenser | None = None, *, timeout_s: float = 20.0) -> None:
        if isinstance(condense, BaseChatModel):
            condense = Condenser(condense, timeout_s=timeout_s)
        elif condense is not None and not isinstance(condense, Condenser):
            kind = type(condense).__name__
            raise TypeError(f"condense moet een LangChain BaseChatModel of Condenser zijn, niet {kind}.")
        self.condenser = condense

    def resolve(
        self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> ResolvedQuestion:
        """``question`` as it is meant after ``history`` (oldest first); an explicit ``scope`` wins."""
        asked = ResolvedQuestion(question, question.strip(), scope or Scope())
        before = None
        for turn in history:
            # A turn of thanks alone ("Bedankt!") adds nothing to what the conversation is about.
            if turn.role == "user" and turn.content.strip() and not is_pleasantry(turn.content):
                before, _ = _read(without_pleasantries(turn.content), before)
        meant = without_pleasantries(question)
        if is_pleasantry(meant):  # "Bedankt!" asks nothing more of the conversation's topic
            return asked
        reading, followed = _read(meant, before)
        # Searched as asked (a new question, or a follow-up with a topic of its own), it is still read
        # beside what was just said: "Kun je voor zo'n samenwerking ook bij de jeugdzorg aankloppen?"
        previous, context = _context(history) if reading is None or reading.question == meant else ("", "")
        asked = replace(asked, context=context, previous=previous)
        if reading is None or not followed:
            return asked
        own = parse_query(meant)
        if reading.question == meant and (reading.sector, reading.aanbeveling) == (
            own.sector,
            own.aanbeveling,
        ):
            return asked  # a follow-up with a topic of its own, in the scope it names itself
        found = Scope(reading.sector, reading.aanbeveling)
        scope = scope or Scope()
        chosen = Scope(scope.sector or found.sector, scope.aanbeveling or found.aanbeveling)
        topic = reading.topic
        said = parse_query(topic)  # the scope is said out loud where the quoted question does not say it
        where = phrasing_for(question).within(
            None if said.sector == chosen.sector else chosen.sector,
            None if said.aanbeveling == chosen.aanbeveling else chosen.aanbeveling,
        )
        understood = f"‘{_shorten(topic)}’" + (f" {where}" if where else "")
        offline = ResolvedQuestion(question, topic, chosen, understood, context, previous)
        if self.condenser is None:
            return offline
        rewrite = self.condenser.rewrite(question, history)
        if rewrite is None or not self.accepts(rewrite, found):
            return offline
        return ResolvedQuestion(question, rewrite, chosen, f"‘{_shorten(rewrite)}’")

    @staticmethod
    def accepts(rewrite: str, found: Scope) -> bool:
        """A model's rewrite is used when it is one question of modest length that stands on its own
        and names the same sector and aanbeveling as the offline reading (a model that drops "in het
        mbo", echoes the follow-up or answers instead of asking would send the search elsewhere)."""
        if not rewrite or "\n" in rewrite or len(rewrite) > _MAX_REWRITE_CHARS or not rewrite.endswith("?"):
            return False
        query = parse_query(rewrite)
        same_scope = (query.sector, query.aanbeveling) == (found.sector, found.aanbeveling)
        return same_scope and stands_alone(rewrite)
