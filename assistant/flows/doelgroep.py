"""Who a praktijkvraag is about: learners, staff and other people, and its target group with its level.

The word classes come from ``prompts/flows/kennisvraag.toml`` (``[lezen]``: lerenden, personen,
groepswoorden, niveau, standaardgroep); the Dutch analysis (``assistant.dutch``) gives lemmas, tags
and noun phrases.

Usage::

    who = Doelgroep.load()
    text = "Hoe houden we havo 4 gemotiveerd?"
    who.read(text, analyse(text), "vo")  # "leerlingen in havo 4"
    who.names_learners(analyse(text).sentences[0])  # True: a level names learners
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Token
from assistant.flows import clauses
from assistant.flows.spec import load_spec
from assistant.lexical import compound_parts
from assistant.thesaurus import TYPO_MIN, TYPO_RATIO

_MIN_PREFIX = 2  # letters before a learner in a compound ("po-leerling"), not a longer word ("kind")
_MIN_STEM = 3  # letters of the verb stem an agent noun is made from ("lez" in "lezers")
# Dutch names pupils by their class with "-er": "tweedeklasser", "examenklasser", "achtstegroeper".
_PUPILS_BY_CLASS = ("klasser", "groeper")


class Doelgroep:
    """Recognises people in a praktijkvraag and names the group it is about."""

    def __init__(self, spec: dict[str, Any]) -> None:
        """``spec``: the ``[lezen]`` table of the kennisvraag spec."""
        self.learners = frozenset(spec["lerenden"])
        self.people = self.learners | frozenset(spec["personen"])
        forms = ("", "en", "s", "eren")  # "leerling(en)", "kleuter(s)", "kind(eren)"
        self._learner_forms = [f"{learner}{end}" for learner in sorted(self.learners) for end in forms]
        self.class_words = tuple(spec["groepswoorden"])
        self.levels = re.compile(spec["niveau"], re.IGNORECASE)
        self.default_learners = spec["standaardgroep"]
        self.generic_learners = frozenset(self.default_learners.values()) | {"kinderen"}
        self.wholes = frozenset(spec["geheelwoorden"])

    @classmethod
    def load(cls) -> Doelgroep:
        return cls(load_spec("kennisvraag")["lezen"])

    def said_of_learners(self, sentence: Sequence[Token], index: int, told: bool = False) -> bool:
        """Is the verb or adverb at ``index`` said of learners: the sentence names them (a learner, a
        level: "havo 4"), or a plural "ze" after ``told`` (learners named before), and no "met" follows
        it ("stoppen met huiswerk" is a measure, not leaving)? Staff who leave ("de
        praktijkbegeleiders haken af") are no learners' dropout."""
        after = next((t for t in sentence[index + 1 :] if t.tag not in {"BW", "ADJ"}), None)
        if after is not None and after.lemma.lower() == "met":
            return False
        if self.names_staff(clauses.clause(sentence, index)):  # not staff in another clause ("omdat het
            return False  # niet klikt met de praktijkopleider")
        plural_they = any(t.tag == "VNW" and {"pers", "3", "mv"} <= set(t.features) for t in sentence)
        return self.names_learners(sentence) or (told and (plural_they or clauses.portion(sentence)))

    def names_learners(self, sentence: Sequence[Token]) -> bool:
        """Does the sentence name learners: a learner, an agent noun ("rekenaars"), a level ("havo 4")?"""
        text = " ".join(t.text for t in sentence)
        return bool(self.levels.search(text)) or any(
            t.is_noun and (self.learner(t.lemma) or self.agent(t)) for t in sentence
        )

    def of_others(self, clause: Sequence[Token]) -> bool:
        """Does the clause name people other than learners and no learners ("de ouders komen niet", "we
        doen er niets mee")? What they do not do is no lack of the learners'."""
        others = any(
            (t.is_noun or t.tag == "VNW") and t.lemma.lower() in self.people and not self.learner(t.lemma)
            for t in clause
        )
        return others and not self.names_learners(clause)

    def names_staff(self, sentence: Sequence[Token]) -> bool:
        """Does the sentence name staff and no learners ("De praktijkbegeleiders haken daardoor af")?"""
        staff = any(
            t.is_noun and t.lemma.lower() in self.people and not self.learner(t.lemma) for t in sentence
        )
        return staff and not self.names_learners(sentence)

    def learners_class(self, head: Token) -> bool:
        """A compound of learners and a word for their class ("kleutergroepen", "kleuterklas"): the
        target group's place, not a topic."""
        lemma = head.lemma.lower()
        return any(
            lemma.startswith(learner) and lemma[len(learner) :].lstrip("s").startswith(self.class_words)
            for learner in self.learners
        )

    def learner(self, lemma: str, text: str = "") -> bool:
        """A learner, also in a compound that names their school type or class ("vmbo-leerling",
        "brugklasleerling", "mbo-student")."""
        lemma = lemma.lower()
        # Frog leaves some hyphenated plurals as they are ("havo-leerlingen").
        return (
            lemma in self.learners
            or any(
                lemma.endswith(form) and len(lemma) - len(form) >= _MIN_PREFIX for form in self._learner_forms
            )
            or self.learner_typo(text or lemma) is not None  # Frog cuts a mistyped plural oddly
            or lemma.rstrip("s").endswith(_PUPILS_BY_CLASS)
        )

    def learner_typo(self, word: str) -> str | None:
        """The learners a mistyped word means ("leerligen" → "leerlingen"): a long word Dutch does not
        know, as close to a learner's form as a typing error the thesaurus forgives (``TYPO_RATIO``). A
        compound of two known words ("brugklasweekend") is no typo, however close."""
        word = word.lower()
        if len(word) < TYPO_MIN or zipf_frequency(word, "nl") > 0 or compound_parts(word):
            return None
        close = difflib.get_close_matches(word, self._learner_forms, n=1, cutoff=TYPO_RATIO)
        return close[0] if close else None

    def agent(self, head: Token) -> bool:
        """People named by what they do (``_agent``), not a person noun the spec lists ("leraar")."""
        return head.lemma.lower() not in self.people and _agent(head)

    def read(self, praktijkvraag: str, analysis: Analysis, sector: str | None) -> str | None:
        """The people the praktijkvraag is about, with their level: "leerlingen in havo 4", "starters".
        Learners come first; others (starters, ouders) when no learners with a level are named. "wij
        als docenten" is the speaker, not the group."""
        level = self.levels.search(praktijkvraag)
        people = [
            phrase
            for phrase in map(clauses.without_names, analysis.noun_phrases())
            if phrase.head is not None
            and (
                phrase.head.lemma.lower() in self.people
                or self.learner(phrase.head.lemma, phrase.head.text)
                or self.agent(phrase.head)
            )
            and phrase.head.lemma.lower() not in {"we", "wij", "ik", "jullie"}
            and not clauses.not_a_group(analysis, phrase)
        ]
        learners = [
            p
            for p in people
            if p.head is not None and (self.learner(p.head.lemma, p.head.text) or self.agent(p.head))
        ]
        # A group is plural: "onze eerstejaars" before "zodra een student zich inschrijft".
        learners.sort(key=lambda p: p.head is None or "mv" not in p.head.features)
        chosen = learners[0] if learners else (people[0] if people and level is None else None)
        if chosen is None and level is None:
            return None
        if chosen is not None:
            tokens = clauses.without_measures(chosen.tokens)
            words = [
                self.learner_typo(t.text) or t.text
                for i, t in enumerate(tokens)
                if t.tag not in {"VNW", "LID"}
                and not clauses.determiner_like(t, tokens[i + 1 : i + 2])
                and not (t.is_adjective and t.lemma.lower() in self.wholes)  # "het hele team": how much
                and not (t.tag == "TW" and "hoofd" in t.features and i + 1 < len(tokens))  # "vier starters"
            ]
            who = " ".join(words)
            who = who[0].lower() + who[1:] if chosen.tokens[0].tag != "SPEC" else who
            head = chosen.head
            if (
                head is not None
                and head.tag == "N"
                and "ev" in head.features
                and " " not in who
                and not self.learner(head.lemma)
            ):
                # one group or person ("ons team") reads with its article: "bij het team"
                who = f"{'het' if 'onz' in head.features else 'de'} {who}"
            who += "".join(f" {name}" for name in clauses.names_after(analysis, chosen))
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
        if named.lower().rstrip("s") in self.learners and who.lower() in self.generic_learners:
            return named.lower()  # "kleuters" rather than "kinderen in kleuters"
        if named.lower().endswith(("jaars", "ers")):
            return f"{named} {who}" if chosen is not None else named
        article = "de " if re.match(r"(?:onderbouw|bovenbouw|brugklas|examenklas)", named, re.I) else ""
        return f"{who} in {article}{named}"


def _agent(head: Token) -> bool:
    """A plural noun for people who do something, made from a verb ("rekenaars" ← rekenen, "lezers" ←
    lezen, "schrijvers" ← schrijven): the target group the practitioner names by what they do."""
    lemma = head.lemma.lower()
    if "mv" not in head.features or not lemma.endswith(("aar", "er")):
        return False
    stem = lemma[:-3] if lemma.endswith("aar") else lemma[:-2]
    # A verb stem has a syllable of its own: "jaren" (jaar → "jen") names no people.
    return len(stem) >= _MIN_STEM and zipf_frequency(f"{stem}en", "nl") >= clauses.VERB_ZIPF
