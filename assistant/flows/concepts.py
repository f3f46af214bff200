"""What a praktijkvraag is about: its core concepts, its target group and the kind of question it asks.

Read from the Dutch analysis (``assistant.dutch``: lemmas, tags, noun-phrase chunks) and the
school-improvement thesaurus (``prompts/flows/zoektermen.toml``). A concept is a noun phrase of the
praktijkvraag in its base form ("laatste toetsweek", "klassenapp"), a predicate made into a noun
("te laat komen", "teruglopende aanmeldingen"), or the thesaurus term a verb or adjective stands for
("verzuimen" → "verzuim", "gemotiveerd" → "motivatie"). Function words, inflected verbs and vague
adverbs never become one: only nouns, names and the thesaurus's own terms do.

Usage::

    reader = PraktijkvraagReader()
    reading = reader.read("Hoe zorgen we dat leerlingen in de brugklas hun spullen niet vergeten?", "vo")
    reading.vorm, [c.label for c in reading.concepts], reading.doelgroep
    # "doel", ["spullen", "executieve functies"], "leerlingen in de brugklas"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Phrase, Token, analyse
from assistant.flows.spec import load_spec

Vorm = Literal["doel", "probleem", "effect", "kenmerken"]
# Nouns at least this frequent in Dutch are everyday words ("jaar" 6.2, "week" 5.6, "dag" 6.0) unless
# the thesaurus knows them; topic nouns are rarer ("toetsweek" 2.0, "huiswerk" 4.4). On the tuning half
# (odd ids) 4.5, 5.0 and 5.5 named the concepts equally (0.5); 5.5 let more everyday words become search
# terms (0.074 of them forbidden against 0.044 at 5.0, 0.048 at 4.5).
_EVERYDAY_ZIPF = 5.0
_MIN_PART = 5  # letters of a thesaurus word found inside a compound ("leesachterstand" → "achterstand")
# Typing errors are forgiven in words of at least 8 letters that wordfreq does not know, this similar
# (difflib ratio) to a thesaurus word: "gemotievert"/"gemotiveerd" 0.82. Known words are never
# corrected: among the 4,000 most frequent long Dutch words 371 came within 0.8 of a thesaurus word
# ("vergadering"/"verandering", "universiteit"/"diversiteit").
_TYPO_MIN = 8
_TYPO_RATIO = 0.8
MAX_CONCEPTS = 3  # more reads as a word list; 4 named no more concepts on the tuning half (0.5)


@dataclass(frozen=True)
class Entry:
    """One thesaurus term: ``term`` is the descriptor, with Dutch synonyms, broader terms and English."""

    term: str
    synoniemen: tuple[str, ...] = ()
    breder: tuple[str, ...] = ()
    engels: tuple[str, ...] = ()


class Thesaurus:
    """The school-improvement thesaurus: a word (lemma), its variants (``ook``) and synonyms lead to the
    descriptor; a compound leads to the descriptor of its last or first part.

    Usage::

        thesaurus = Thesaurus.load()
        thesaurus.find("verzuimen").term   # "verzuim"
        thesaurus.find("leesachterstand").term   # "leerproblemen" (via "achterstand")
    """

    def __init__(self, termen: dict[str, dict[str, Any]]) -> None:
        self.entries: dict[str, Entry] = {}
        self._lookup: dict[str, Entry] = {}
        for term, values in termen.items():
            entry = Entry(
                term,
                tuple(values.get("synoniemen", ())),
                tuple(values.get("breder", ())),
                tuple(values.get("engels", ())),
            )
            self.entries[term] = entry
            self._lookup.setdefault(term.lower(), entry)
        for term, values in termen.items():  # variants, then synonyms: a descriptor's own name wins
            for word in values.get("ook", ()):
                self._lookup.setdefault(word.lower(), self.entries[term])
        for term, values in termen.items():
            for word in values.get("synoniemen", ()):
                self._lookup.setdefault(word.lower(), self.entries[term])
        self.phrases = sorted((w for w in self._lookup if " " in w), key=len, reverse=True)
        self._long_words = [w for w in self._lookup if " " not in w and len(w) >= _TYPO_MIN]

    @classmethod
    def load(cls) -> Thesaurus:
        return cls(load_spec("zoektermen")["termen"])

    def find(self, word: str) -> Entry | None:
        """The entry for a lemma or phrase, or for the longest known last (else first) part of a compound."""
        word = word.lower()
        if (entry := self._lookup.get(word)) is not None:
            return entry
        if " " in word or len(word) < 2 * _MIN_PART:
            return None
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):  # the head of a Dutch compound is last
            if (tail := word[-cut:]) in self._lookup and len(word) - cut >= 3:
                return self._lookup[tail]
        for cut in range(len(word) - 3, _MIN_PART - 1, -1):
            if (head := word[:cut]) in self._lookup:
                return self._lookup[head]
        # A typing error ("gemotievert"): a long word Dutch does not know, close to one the thesaurus does.
        if zipf_frequency(word, "nl") > 0:
            return None
        close = difflib.get_close_matches(word, self._long_words, n=1, cutoff=_TYPO_RATIO)
        return self._lookup[close[0]] if close else None


@dataclass(frozen=True)
class Concept:
    """A core concept: ``label`` is how a kennisvraag names it, ``entry`` its thesaurus term (if any)."""

    label: str
    entry: Entry | None
    position: int  # index of its first token in the praktijkvraag
    end: int  # index after its last token (of its first mention)
    in_question: bool  # named in the sentence that asks the question
    from_noun: bool = True  # the practitioner's own noun phrase, not a term a verb stands for
    mentions: int = 1  # how often the praktijkvraag names it (in any of its words)
    head: str = ""  # lemma of its head noun ("betoog" for "volgende betogen")
    context: str = ""  # what narrows it down, part of ``label`` ("tijdens de bpv")
    context_head: str = ""  # the lemma of the context's last noun ("bpv")

    noun: str = ""  # the object of a predicate made a noun ("spullen" in "het vergeten van spullen")

    @property
    def core(self) -> str:
        """The search term: the label without its context ("uitval" for "uitval tijdens de bpv"), the
        object of a predicate ("spullen" for "het vergeten van spullen")."""
        if self.noun:
            return self.noun
        return self.label.removesuffix(f" {self.context}") if self.context else self.label


@dataclass(frozen=True)
class Reading:
    """The praktijkvraag as the kennisvraag needs it."""

    vorm: Vorm
    concepts: list[Concept]  # most central first
    doelgroep: str | None
    analysis: Analysis = field(repr=False)
    kenmerken_van: str | None = None  # for a broad wish: what effective versions of are asked about


class PraktijkvraagReader:
    """Reads concepts, target group and kind of question from a praktijkvraag.

    Usage::

        PraktijkvraagReader().read("Werkt een warme overdracht tegen uitval in de brugklas?", "vo").vorm
        # "effect"
    """

    def __init__(self, thesaurus: Thesaurus | None = None) -> None:
        self.thesaurus = thesaurus or Thesaurus.load()
        spec = load_spec("kennisvraag")["lezen"]
        self.learners = frozenset(spec["lerenden"])
        self.people = self.learners | frozenset(spec["personen"])
        self.school_types = frozenset(spec["schoolsoorten"])
        self.light_words = frozenset(spec["lichte_werkwoorden"])
        self.change_verbs = frozenset(spec["veranderwerkwoorden"])
        self.problem_verbs = frozenset(spec["probleemwerkwoorden"])
        self.wish_adjectives = frozenset(spec["wensbijvoeglijk"])
        self.context_prepositions = frozenset(spec["context_voorzetsels"])
        self.levels = re.compile(spec["niveau"], re.IGNORECASE)
        self.default_learners = spec["standaardgroep"]

    def read(self, praktijkvraag: str, sector: str | None = None) -> Reading:
        analysis = analyse(praktijkvraag)
        question = _question_sentence(analysis)
        concepts: list[Concept] = []
        offset = 0
        for sentence in analysis.sentences:
            concepts += self._concepts(sentence, offset, sentence is question)
            offset += len(sentence)
        doelgroep = self._doelgroep(praktijkvraag, analysis, sector)
        # What names the group ("Autotechniek", "kappersopleiding") is not a topic of its own.
        merged = [c for c in self._merged(concepts) if not doelgroep or c.label not in doelgroep]
        return Reading(
            self._vorm(question, any(c.in_question for c in merged)),
            _ranked(merged),
            doelgroep,
            analysis,
            self._wished(question),
        )

    def _concepts(self, sentence: Sequence[Token], offset: int, in_question: bool) -> list[Concept]:
        """Thesaurus phrases ("te laat", "zelf beoordelen"), noun phrases that are topics, change verbs
        with their subject, and verbs/adjectives the thesaurus knows."""
        found: list[Concept] = []
        place = {id(t): offset + i for i, t in enumerate(sentence)}
        used: set[int] = set()
        # Phrases are looked up in the words and in the lemmas without "te" ("zelf te beoordelen").
        for words in (
            [t for t in sentence],
            [t for t in sentence if t.lemma.lower() != "te"],
        ):
            forms = [t.text.lower() for t in words]
            for text_of in (forms, [t.lemma.lower() for t in words]):
                text = " ".join(text_of)
                for phrase in self.thesaurus.phrases:
                    match = re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", text)
                    if match is None:
                        continue
                    first = text[: match.start()].count(" ")
                    covered = words[first : first + phrase.count(" ") + 1]
                    if any(id(t) in used for t in covered):
                        continue
                    entry = self.thesaurus.find(phrase)
                    assert entry is not None
                    used.update(id(t) for t in covered)
                    start, end = place[id(covered[0])], place[id(covered[-1])] + 1
                    # The practitioner's own noun phrase keeps their words ("warme overdracht").
                    own = text_of is forms and any(t.is_noun for t in covered)
                    label = " ".join(t.text.lower() for t in covered) if own else entry.term
                    found.append(Concept(label, entry, start, end, in_question, own, head=phrase))
        for phrase in Analysis((tuple(sentence),)).noun_phrases():
            label = self._label(phrase)
            head = phrase.head
            if label is None or head is None or any(id(t) in used for t in phrase.tokens if t.is_noun):
                continue
            if _speaker_role(sentence, phrase):  # "wij als sectie Nederlands": who asks, not what about
                continue
            entry = self.thesaurus.find(head.lemma) if " " not in label else None
            entry = entry or self.thesaurus.find(label) or self.thesaurus.find(head.lemma)
            modified = any(t.is_adjective or _ordinal(t) for t in phrase.tokens)
            if entry is None and not (self._rare(head) or (in_question and modified)):
                continue
            used.update(id(t) for t in phrase.tokens)
            start, end = place[id(phrase.tokens[0])], place[id(phrase.tokens[-1])] + 1
            found.append(Concept(label, entry, start, end, in_question, head=head.lemma.lower()))
        found = [self._with_context(c, sentence, offset, used) for c in found]
        found = [c for c in found if not any(o.position < c.position and c.end <= o.end for o in found)]
        for token in sentence:
            lemma = token.lemma.lower()
            if id(token) in used or lemma in self.light_words:
                continue
            at = place[id(token)]
            if token.is_verb and lemma in self.change_verbs and lemma.endswith("en"):
                # "de aanmeldingen liepen terug" → "teruglopende aanmeldingen"
                subject = next((c for c in found if c.from_noun and c.end == at), None)
                if subject is not None:
                    found.remove(subject)
                    label = (
                        f"{lemma}de {subject.label.split()[-1]}"  # "het aantal aanmeldingen" → aanmeldingen
                    )
                    found.append(
                        Concept(
                            label, subject.entry, subject.position, at + 1, in_question, head=subject.head
                        )
                    )
            elif (
                _ends_predicate(token, sentence, at - offset)
                and (subject := self._object_before(found, at, sentence, offset)) is not None
            ):
                # "(dat leerlingen) hun spullen niet vergeten" → "het vergeten van spullen"
                found.remove(subject)
                label = f"het {lemma} van {subject.label}"
                entry = subject.entry or self.thesaurus.find(lemma)
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
            elif (token.is_verb or token.is_adjective) and (entry := self.thesaurus.find(lemma)) is not None:
                found.append(Concept(entry.term, entry, at, at + 1, in_question, from_noun=False))
        return found

    @staticmethod
    def _object_before(
        found: list[Concept], at: int, sentence: Sequence[Token], offset: int
    ) -> Concept | None:
        """The noun-phrase concept that is the object of the verb at ``at``: it ends right before the
        verb or before adverbs only ("spullen niet vergeten"), and the verb ends its clause."""
        after = at - offset + 1
        if after < len(sentence) and not (sentence[after].tag in {"LET", "VG"} or sentence[after].is_verb):
            return None
        gap = at
        while gap - 1 - offset >= 0 and sentence[gap - 1 - offset].tag == "BW":
            gap -= 1
        return next((c for c in found if c.from_noun and c.end == gap and not c.context), None)

    def _with_context(
        self, concept: Concept, sentence: Sequence[Token], offset: int, used: set[int]
    ) -> Concept:
        """A noun phrase with the time or relation that narrows it down: "uitval tijdens de bpv",
        "warme overdracht tussen basisschool en brugklas" (``context_voorzetsels``)."""
        if not concept.from_noun:
            return concept
        index = concept.end - offset
        if index >= len(sentence) - 1 or sentence[index].lemma.lower() not in self.context_prepositions:
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

    def _label(self, phrase: Phrase) -> str | None:
        """The phrase in base form without people, levels, numbers and judging adjectives ("goede")."""
        head = phrase.head
        if head is None or head.lemma.lower() in self.people or head.lemma.lower() in self.school_types:
            return None
        words = [
            t
            for t in phrase.tokens
            if (t.is_noun or t.is_adjective or t.is_participle or _ordinal(t))
            and t.lemma.lower() not in self.wish_adjectives
            and t.lemma.lower() not in self.light_words
            and t.lemma.lower() not in self.school_types
            and not self.levels.fullmatch(t.text)
        ]
        if not words or not any(t.is_noun for t in words):
            return None
        return " ".join(t.text if t.tag == "SPEC" or t.text.isupper() else t.text.lower() for t in words)

    @staticmethod
    def _rare(head: Token) -> bool:
        """Not an everyday noun: neither the word nor its lemma is that frequent ("beetje" → "beet")."""
        return (
            max(zipf_frequency(head.lemma.lower(), "nl"), zipf_frequency(head.text.lower(), "nl"))
            < _EVERYDAY_ZIPF
        )

    def _merged(self, concepts: list[Concept]) -> list[Concept]:
        """One concept per thesaurus term, counting its mentions. When the practitioner names the term
        itself, other noun phrases of that term stay concepts of their own ("leerlingenraad" next to
        "burgerschap"); when not, they circle around it and it is called by the term."""
        groups: dict[str, list[Concept]] = {}
        for concept in sorted(concepts, key=lambda c: c.position):
            key = concept.entry.term.lower() if concept.entry is not None else concept.label.lower()
            groups.setdefault(key, []).append(concept)
        merged = []
        for key, group in groups.items():
            literal = [c for c in group if c.from_noun and c.label.lower() == key]
            if literal and len(group) > 1:
                own = [c for c in group if c.from_noun and c.label.lower() != key]
                merged += [_joined([c for c in group if c not in own], literal[0].label), *own]
            else:
                merged.append(_joined(group, _dominant(group)))
        return merged

    def _vorm(self, question: Sequence[Token], asked: bool) -> Vorm:
        """Goal, problem, "does X work?" or a broad wish, from the question sentence."""
        if not question or question[-1].text != "?" or not asked:
            return "probleem"  # a description of what goes wrong, or "Hoe kwam dat?"
        if self._wished(question):
            return "kenmerken"
        lemmas = {t.lemma.lower() for t in question}
        if lemmas & self.problem_verbs:
            return "probleem"
        first = question[0]
        if first.is_finite_verb and first.lemma.lower() not in {"kunnen", "moeten", "willen", "zullen"}:
            return "effect"  # "Draagt X bij aan Y?", "Klopt het dat X zorgt voor Y?", "Werkt X?"
        if first.lemma.lower() == "hoe" or "om" in lemmas:
            return "doel"
        return "probleem"

    def _wished(self, question: Sequence[Token]) -> str | None:
        """ "Wat moet er in een goed inwerkprogramma?" → "inwerkprogramma"."""
        if not question or question[-1].text != "?":
            return None
        for i, token in enumerate(question[:-1]):
            if token.is_adjective and token.lemma.lower() in self.wish_adjectives and question[i + 1].is_noun:
                noun = question[i + 1]
                if noun.lemma.lower() not in self.people:
                    # "een effectief inwerkprogramma" (het-word), "een effectieve aanpak" (de-word)
                    neuter = "onz" in noun.features and "ev" in noun.features
                    return f"{'effectief' if neuter else 'effectieve'} {noun.lemma}"
        return None

    def _doelgroep(self, praktijkvraag: str, analysis: Analysis, sector: str | None) -> str | None:
        """The people the praktijkvraag is about, with their level: "leerlingen in havo 4", "starters".
        Learners come first; others (starters, ouders) when no learners with a level are named. "wij
        als docenten" is the speaker, not the group."""
        level = self.levels.search(praktijkvraag)
        people = [
            phrase
            for phrase in analysis.noun_phrases()
            if phrase.head is not None
            and phrase.head.lemma.lower() in self.people
            and phrase.head.lemma.lower() not in {"we", "wij", "ik", "jullie"}
            and not _after_als(analysis, phrase)
        ]
        learners = [p for p in people if p.head is not None and p.head.lemma.lower() in self.learners]
        chosen = learners[0] if learners else (people[0] if people and level is None else None)
        if chosen is None and level is None:
            return None
        if chosen is not None:
            words = [t.text for t in chosen.tokens if t.tag not in {"VNW", "LID"}]
            who = " ".join(words)
            who = who[0].lower() + who[1:] if chosen.tokens[0].tag != "SPEC" else who
            who += "".join(f" {name}" for name in _names_after(analysis, chosen))
        else:
            who = self.default_learners.get(sector or "", "leerlingen")
        course = next(
            (
                p.text.lower()
                for p in analysis.noun_phrases()
                if p.head and p.head.lemma.lower().endswith("opleiding")
            ),
            None,
        )
        if course and " " not in who.strip() and chosen is not None:  # "studenten van de kappersopleiding"
            who = f"{who} van de {course}"
        if level is None or level.group(0).lower() in who.lower():
            return who
        named = level.group(0)
        if named.lower().endswith(("jaars", "ers")):
            return f"{named} {who}" if chosen is not None else named
        article = "de " if re.match(r"(?:onderbouw|bovenbouw|brugklas|examenklas)", named, re.I) else ""
        return f"{who} in {article}{named}"


def _ends_predicate(token: Token, sentence: Sequence[Token], index: int) -> bool:
    """A verb that ends its clause: infinitive or finite, or a participle with no verb after it
    ("spullen vergeten?", not "verloren gaan")."""
    if token.is_infinitive or token.is_finite_verb:
        return True
    return token.is_participle and not (index + 1 < len(sentence) and sentence[index + 1].is_verb)


def _dominant(group: list[Concept]) -> str:
    """The practitioner's own noun when it carries at least half of the mentions ("betogen" twice and
    "schrijven" once), else the thesaurus term: they circled around it in different words."""
    first = group[0]
    if first.entry is None:
        return first.label
    own: dict[str, list[str]] = {}  # head lemma → the labels it had
    for concept in group:
        if concept.from_noun:
            own.setdefault(concept.head, []).append(concept.label)
    best = max(own.values(), key=len, default=[])
    return min(best, key=len) if 2 * len(best) >= len(group) else first.entry.term


def _ordinal(token: Token) -> bool:
    """ "eerste", "laatste": an ordinal narrows a noun down ("het eerste uur")."""
    return token.tag == "TW" and "rang" in token.features


def _joined(group: list[Concept], label: str) -> Concept:
    first = group[0]
    return replace(
        first,
        label=label,
        in_question=any(c.in_question for c in group),
        from_noun=all(c.from_noun for c in group),
        mentions=len(group),
        context=first.context if label == first.label else "",
        context_head=first.context_head if label == first.label else "",
        noun=first.noun if label == first.label else "",
    )


def _names_after(analysis: Analysis, phrase: Phrase) -> list[str]:
    """Capitalised words right after the people ("studenten Autotechniek", "tweedejaars Verzorgende-IG"):
    the course they follow."""
    tokens = analysis.tokens
    index = next((i for i, t in enumerate(tokens) if t is phrase.tokens[-1]), len(tokens)) + 1
    names = []
    while index < len(tokens) and tokens[index].text[:1].isupper() and tokens[index].tag != "LET":
        names.append(tokens[index].text)
        index += 1
    return names


def _speaker_role(sentence: Sequence[Token], phrase: Phrase) -> bool:
    """A phrase after "als" after a personal pronoun ("wij als docenten", "ik als mentor")."""
    index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[0]), 0)
    return (
        index >= 2
        and sentence[index - 1].lemma.lower() == "als"
        and sentence[index - 2].tag == "VNW"
        and "pers" in sentence[index - 2].features
    )


def _after_als(analysis: Analysis, phrase: Phrase) -> bool:
    tokens = analysis.tokens
    index = next((i for i, t in enumerate(tokens) if t is phrase.tokens[0]), 0)
    return index > 0 and tokens[index - 1].lemma.lower() == "als"


def _question_sentence(analysis: Analysis) -> tuple[Token, ...]:
    """The (last) sentence ending in a question mark, else the last sentence."""
    asked = [s for s in analysis.sentences if s and s[-1].text == "?"]
    if asked:
        return asked[-1]
    return analysis.sentences[-1] if analysis.sentences else ()


def _ranked(concepts: list[Concept]) -> list[Concept]:
    """Most central first: named most often (the question counts once more; a thesaurus term half),
    then first mentioned."""
    return sorted(
        concepts, key=lambda c: (-(c.mentions + c.in_question + 0.5 * (c.entry is not None)), c.position)
    )
