"""What a praktijkvraag is about: its core concepts, its target group and the kind of question it asks.

Read from the Dutch analysis (``assistant.dutch``: lemmas, tags, noun-phrase chunks) and the
school-improvement thesaurus (``prompts/flows/zoektermen.toml``). A concept is a noun phrase of the
praktijkvraag in its base form ("laatste toetsweek", "klassenapp"), a predicate made into a noun
("te laat komen", "teruglopende aanmeldingen"), or the thesaurus term a verb or adjective stands for
("verzuimen" → "verzuim", "gemotiveerd" → "motivatie"). Function words, inflected verbs and vague
adverbs never become one: only nouns, names and the thesaurus's own terms do.

Which concepts are core follows the text's structure, not a word list: the question sentence (or,
when it is too short to name a topic, "Wat doen we fout?", the first sentence, where the problem is
told) and concepts named more than once count; a setting ("in de klas", "elke ochtend"), a quantity
("een handvol", "een kwartier") and an everyday word that merely leads to a thesaurus term ("tijd",
"les") do not. Staff ("mentoren", "collega's") act and are no topic; parents are one. A judgement
question ("Is het slim om X te doen?") asks for the effect of X, named as the om-clause made a noun;
the outcome is what its effect word governs ("draagt bij aan Y"), else the problem the rest of the
story tells ("Veel leerlingen komen te laat"). So does a short judgement question after a measure the
story proposes ("Collega's willen stoppen met huiswerk. Wat is wijsheid?" → the effect of huiswerk).

Usage::

    reader = PraktijkvraagReader()
    reading = reader.read("Hoe zorgen we dat leerlingen in de brugklas hun spullen niet vergeten?", "vo")
    reading.vorm, [c.label for c in reading.concepts], reading.doelgroep
    # "doel", ["het vergeten van spullen"], "leerlingen in de brugklas"
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from wordfreq import zipf_frequency

from assistant.dutch import Analysis, Phrase, Token, analyse
from assistant.flows import clauses
from assistant.flows.descriptors import DescriptorIndex
from assistant.flows.doelgroep import Doelgroep
from assistant.flows.spec import load_spec
from assistant.lexical import stem_words
from assistant.thesaurus import MIN_PART, Entry, Thesaurus

Vorm = Literal["doel", "probleem", "effect", "kenmerken"]
# Nouns at least this frequent in Dutch are everyday words ("jaar" 6.2, "week" 5.6, "dag" 6.0) unless
# the thesaurus knows them; topic nouns are rarer ("toetsweek" 2.0, "huiswerk" 4.4). On the tuning half
# (odd ids) 4.5, 5.0 and 5.5 named the concepts equally (0.5); 5.5 let more everyday words become search
# terms (0.074 of them forbidden against 0.044 at 5.0, 0.048 at 4.5).
_EVERYDAY_ZIPF = 5.0
_COMPOUND_PART = 3  # letters of each part of a compound tried ("pap" + "ier")
# Both parts of a compound are known words ("ouder" 4.9 + "avond" 5.3, "project" 4.5 + "week" 5.6);
# a simple noun's halves are not ("boo"/"rd", "büh"/"ne"). 3.0 as for verbs: rare but real words count.
_PART_ZIPF = 3.0
# A noun this frequent is general enough to stand for what its prepositional phrase names ("probleem"
# 5.2, "drukte" 4.2); topic nouns without a thesaurus term are rarer ("strafwerk" 2.1, "flitskaart" 0).
# On the practice questions it removed one vague noun from a tuning-half kennisvraag and changed
# nothing else on either half.
_GENERAL_ZIPF = 4.0
MAX_CONCEPTS = 3
_POSSESSIVE_ARTICLE = {"ons": "het", "onze": "de"}
# An adjective before a verb this frequent says how ("slim" 4.65, "bewust" 4.72, "gericht" 4.81 inzetten);
# one that names a practice is rarer ("digitaal" 4.3, "zelfstandig" 4.37 werken, "formatief" 0). Set
# between the two groups; on the practice questions it changed only qc-007 ("slim inzetten").
_MANNER_ZIPF = 4.5
# The kennisvraag forms (``sjablonen`` in kennisvraag.toml) whose nouns frame a question.
_FORMS = ("doel", "probleem", "effect", "kenmerken", "kenmerken_doel", "smaller", "oorzaken")
# A question of at most this many words ("Wat doen we fout?", "Hoe kwam dat?") has no room for a topic
# next to its question word, verb and pronoun: it asks about the story told before it.
_META_WORDS = 4  # more reads as a word list; 4 named no more concepts on the tuning half (0.5)
_KIND_POINTERS = frozenset({"zo'n", "zulk"})  # demonstratives of a kind, not of one thing
_DEFINITE = frozenset({"de", "het"})


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
    setting: bool = False  # where or when it happens ("in de klas", "elke ochtend"), not what about
    reason: bool = False  # named in a clause of cause ("omdat ze de werkdruk niet aankunnen"): a guess why
    actor: bool = False  # people the thesaurus makes a topic ("ouders"): a party, known or not
    assigned: bool = False  # its descriptor stands out in the dense assignment (``descriptors``)
    relevance: float = 0.0  # its descriptor's z-score in that assignment: how much the text is about it
    pointed: str = ""  # the demonstrative the question names it with ("zo'n verbod"): told before

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
    other: list[Concept] = field(default_factory=list)  # named in passing: search terms, not the question
    outcome: tuple[int, int] | None = None  # token span of what X should affect ("op de leesvaardigheid")
    # what the story says goes wrong: for "does X work?" the outcome, for a goal what the goal serves
    problem: list[Concept] = field(default_factory=list)
    # what a question weighs X against ("Is een crash course effectief of kunnen we beter gespreid
    # oefenen?"): the kennisvraag asks for X's effect compared with it
    versus: list[Concept] = field(default_factory=list)

    def outcomes(self, concepts: Sequence[Concept]) -> list[Concept]:
        """The concepts the question names as the outcome ("voor minder uitval", "effect op Y"); when
        it names none, the problem the story tells ("Veel leerlingen komen te laat"). A concept the
        story told first is the outcome when the question names it there again ("Een kwart stopt. Heeft
        een betere intake zin om die uitval te voorkomen?")."""
        if self.outcome is None:
            return [c for c in self.problem if c in concepts]
        start, end = self.outcome
        named = {t.lemma.lower() for t in self.analysis.tokens[start:end]}
        return sorted(
            (c for c in concepts if start <= c.position < end or c.head.lower() in named),
            key=lambda c: c.position,
        )


@dataclass(frozen=True)
class Proposal:
    """A measure the story proposes: its sentence, the words after the verb of proposing, and the
    measure as a concept named by its verb (used when none of its nouns is a concept)."""

    sentence: int
    words: frozenset[str]
    measure: Concept | None
    # Its purpose clause ("om de concentratie te verhogen"): the outcome of the measure named before
    # it ("korte beweegpauzes"); made a noun, the measure itself when nothing before "om" is a concept
    # or a content verb ("zweert bij spelletjes om X te trainen" → "het trainen van X").
    clause: Concept | None = None
    start: int = 0  # where the measure's words start


class PraktijkvraagReader:
    """Reads concepts, target group and kind of question from a praktijkvraag.

    Usage::

        PraktijkvraagReader().read("Werkt een warme overdracht tegen uitval in de brugklas?", "vo").vorm
        # "effect"
    """

    def __init__(
        self, thesaurus: Thesaurus | None = None, descriptors: DescriptorIndex | None = None
    ) -> None:
        self.thesaurus = thesaurus or Thesaurus.load()
        self.descriptors = descriptors or DescriptorIndex(self.thesaurus)
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

    def read(self, praktijkvraag: str, sector: str | None = None) -> Reading:
        analysis = clauses.with_typed_questions(analyse(praktijkvraag))
        question = clauses.question_sentence(analysis)
        frame = clauses.judgement_frame(question, self.effect_words)
        # A short question ("Wat doen we fout?", "Wat is wijsheid?") asks about the story before it: the
        # first sentence, where practitioners state the problem, counts as the question's.
        # A short yes/no question about a thing ("Werkt een huiswerkklas?") names its own topic.
        # "Werkt zoiets eigenlijk, of maakt het niks uit?": the first alternative asks, the other only
        # denies it.
        first = self._first_alternative(question)
        # "Is dat toeval of ligt het aan het programma?": the question names its own topic, the cause.
        blamed = self._blamed(question)
        meta = (
            blamed is None
            and len([t for t in first if t.tag != "LET"]) <= _META_WORDS
            and not clauses.asks_about(first, self.effect_words)
        )
        # … unless it follows an earlier question, which then names the topic ("ik twijfel: lezen ze op
        # een scherm net zo goed als op papier? wat zegt het onderzoek?")
        earlier = [s for s in analysis.sentences if s is not question and s[-1].text.endswith("?")]
        salient = (earlier[-1] if earlier else analysis.sentences[0]) if meta else question
        # "Collega's willen stoppen met huiswerk. Wat is wijsheid?": a judgement of the measure proposed.
        judged = meta and clauses.judges(first, self.effect_words)
        proposal = self._proposed(analysis, question, clauses.asks_yes_no(question)) if judged else None
        concepts: list[Concept] = []
        offset = question_offset = 0
        told = False  # an earlier sentence names learners: "ze" may be them
        for sentence in analysis.sentences:
            question_offset = offset if sentence is question else question_offset
            # "Is het slim om …", "Heeft het zin om …": the judgement is the frame, the om-clause the topic.
            words = sentence[frame:] if sentence is question else sentence
            at = offset + len(sentence) - len(words)
            found = self._concepts(words, at, sentence is salient, told, {c.head for c in concepts})
            told = told or self.who.names_learners(sentence)
            colon = next((i for i, t in enumerate(words[:-1]) if t.text == ":"), None)
            lead = words[:colon] if colon is not None else ()
            if sentence is salient and any(
                t.is_verb or (t.tag == "VNW" and "pers" in t.features) for t in lead
            ):
                # "ik twijfel: lezen ze …?": a clause before the colon leads in, the question follows it
                # (a heading, "Combinatiegroep 4/5: …", has no verb or subject: it names the topic)
                found = [replace(c, in_question=False) if c.position < at + colon else c for c in found]
            if meta and sentence is question and sentence is not salient:
                # … and an adjective there judges ("Wat doen we fout?"), it names no topic.
                found = [
                    c
                    for c in found
                    if c.entry is not None
                    and _names_entry(c)
                    and not sentence[c.position - offset].is_adjective
                ]
            concepts += found
            offset += len(sentence)
        concepts = _antecedents(concepts, analysis.tokens)
        doelgroep = self.who.read(praktijkvraag, analysis, sector)
        asked = self._nominalised(question, frame, question_offset) if frame else None
        if blamed is not None and asked is None:
            start, end = (question_offset + i for i in blamed)
            asked = self._cause(analysis, question, start, end)
            # the other alternative ("dat toeval") names no topic; the story's mentions of the cause merge
            concepts = [
                c
                for c in concepts
                if (c.position < question_offset or start <= c.position < end) and c.head != asked.head
            ]
        purpose = None  # the token span of the proposal's purpose clause, when it is the outcome
        if asked is None and proposal is not None and (clause := proposal.clause) is not None:
            means = [c for c in concepts if proposal.start <= c.position < clause.position and not c.setting]
            if means or proposal.measure is not None:
                purpose = (clause.position, clause.end)
            else:
                asked = clause
        if asked is not None:
            concepts = [c for c in concepts if not asked.position <= c.position < asked.end]
        # What names the group ("Autotechniek", "kappersopleiding", "starters") is not a topic of its own.
        # … in any case: "eerstejaars Sport en Bewegen" names the group, "sport" is no topic.
        group = (doelgroep or "").lower()
        merged = self._merged([c for c in concepts if not doelgroep or c.label.lower() not in group])
        merged = [asked, *merged] if asked is not None else merged  # the practitioner's own X, unmerged
        lemmas = [t.lemma.lower() for t in analysis.tokens]
        merged = [replace(c, mentions=max(c.mentions, _mentions(c, lemmas))) for c in merged]
        merged = [c for c in merged if not self._frame(c)]
        if proposal is not None:
            words = proposal.words

            def measure(c: Concept) -> bool:
                """Does it name the measure: in its words, no setting ("elke ochtend"), before its purpose?"""
                before = purpose is None or c.position < purpose[0]
                return c is asked or (_within(c, words) and not c.setting and before)

            if not any(measure(c) for c in merged):
                # named by a verb when none of its nouns is a concept, else no measure to judge
                merged = [proposal.measure, *merged] if proposal.measure else merged
                proposal = proposal if proposal.measure else None
            if proposal is not None:  # the measure is what is asked
                merged = [replace(c, in_question=measure(c)) for c in merged]
        # "Is het slim om X?" names its own topic: a descriptor then confirms, it does not join.
        merged = self._assigned(merged, praktijkvraag, analysis, doelgroep, join=asked is None)
        core, other = _salient(merged)
        # a judgement's own om-clause is X ("Heeft het zin om …"), its outcome is named within it
        outcome = self._outcome(question[frame:], question_offset + frame) or purpose
        # "Wat is het effect van X op Y?", "Wat doet X voor Y?": the question names X before its outcome
        # ("Wat helpt tegen pesten?" names none: it asks what helps)
        measured = outcome is not None and any(question_offset <= c.position < outcome[0] for c in core)
        # … or "het nut van X", "de invloed van X": an effect noun's "van" names X
        weighed = {
            x.lemma.lower()
            for i, t in enumerate(question[:-2])
            if t.is_noun and t.lemma.lower() in self.effect_words and question[i + 1].lemma.lower() == "van"
            for x in question[i + 2 : i + 5]
            if x.is_noun
        }
        measured = measured or any(c.head in weighed for c in core)
        # "Gaan leerlingen dan beter leren …?": the learning the question names is asked about too
        learning = self._learning(question, question_offset, merged)
        vorm = (
            "effect"
            if frame or proposal or blamed
            # a wish ("een goede aanpak") asks about the story's topics even when the question names none
            else self._vorm(
                question,
                (any(c.in_question for c in core) or bool(self._wished(question)) or learning is not None)
                and not meta,
                measured,
                [t for i, t in enumerate(question, question_offset) if not (outcome and outcome[0] <= i)],
            )
        )
        if vorm == "effect" and outcome is not None:
            # the effect of X on Y: X is what is asked, however much the text is about Y (a descriptor
            # the dense assignment finds for the outcome does not put it first)
            start, end = outcome
            core = sorted(core, key=lambda c: start <= c.position < end)
        # The sentences that ask about X; the others tell the story.
        asking = {analysis.sentences.index(question), *([proposal.sentence] if proposal else [])}
        problem = _problem(core, analysis, asking) if vorm == "effect" and outcome is None else []
        # parents who call ("Ouders bellen ons plat") are a party to the story, not what X should affect
        problem = [c for c in problem if c.head not in self.who.people]
        asked = [c for c in core if c.in_question]
        if vorm == "effect" and outcome is None:
            # "Is een time-out zinvol bij leerlingen die de les verstoren?": a concept asked beside X that
            # X's own aim names (its ``doel``, "het gedrag in de les") is X's outcome, no second X
            aims = [c.entry.doel for c in asked if c.entry is not None and c.entry.doel]
            problem += [
                c
                for c in asked
                if c.entry is not None
                and not c.entry.doel
                and any(re.search(rf"\b{re.escape(c.entry.term)}\b", aim) for aim in aims)
            ]
        # "Leren kinderen meer van X?", "effect op hoe leerlingen presteren": the learning is X's outcome
        named = outcome is not None and any(outcome[0] <= c.position < outcome[1] for c in core)
        if vorm == "effect" and learning is not None and not named:
            problem = [learning] if outcome is None else problem
            core = [*core, learning]
        if vorm == "effect" and outcome is None and not problem and not any(_aims(c) for c in asked):
            # "… zijn één lange zin zonder opbouw", "Veel kinderen halen AVI E3 niet": what is missing
            # (X's own aim, its thesaurus ``doel``, names the outcome better when it has one).
            lacking = self._lacking([*core, *other], analysis, asking)
            problem = [c for c in lacking if not any(_same_topic(x, c) for x in asked)]
            core, other = [*core, *problem], [c for c in other if c not in problem]
        if vorm in ("doel", "kenmerken") and asked and all(c.position >= question_offset for c in asked):
            # "eerstejaars haken af … Hoe zorgen we voor een betere opleidingskeuze?": a goal (or a wish,
            # "een goeie overstap") new in the question serves against the learners' absence the story
            # tells (a descriptor with ``weg``).
            # When the question names the story's own topic ("stress … Hoe ondersteunen we hun
            # welzijn?") that topic is the goal, and the absence one of its consequences.
            gone = list(self.thesaurus.gone.values())
            problem = [c for c in [*core, *other] if not c.in_question and c.entry in gone][:1]
        if (weighed := self._weighed(analysis, [*core, *other])) is not None:
            # "A of (beter) B?": the effect of A compared with B, on what the question names or the usual
            x, versus = weighed
            rest = [c for c in [*core, *other] if c.head not in {x.head, versus.head}]
            return Reading("effect", [x, versus], doelgroep, analysis, None, rest, None, [], [versus])
        return Reading(vorm, core, doelgroep, analysis, self._wished(question), other, outcome, problem)

    def _weighed(self, analysis: Analysis, found: list[Concept]) -> tuple[Concept, Concept] | None:
        """The two alternatives an asking sentence weighs (``clauses.weighed``), each as a concept in the
        practitioner's words; the first may point back ("Is dat de investering waard, of …?") to the
        concept named last before it. None when either names nothing."""
        offset = 0
        for sentence in analysis.sentences:
            asking = clauses.asks(sentence)
            cut = clauses.weighed(sentence, self.preferring, self.comparing) if asking else None
            if cut is None:
                offset += len(sentence)
                continue
            end, second = cut
            # "Wat zegt het onderzoek: helpt A, of is B beter?": the alternatives follow the colon
            start = next((i + 1 for i in range(end - 1, -1, -1) if sentence[i].text == ":"), 0)
            first = sentence[start:end]
            versus = self._alternative(sentence[second:], offset + second)
            if start < (frame := clauses.judgement_frame(sentence, self.effect_words)) < end:
                # "Is het slimmer om A te doen in plaats van B?": A is the om-clause, made a noun
                x = self._nominalised(first, frame - start, offset + start)
                return (x, versus) if x is not None and versus is not None else None
            if len(first) > 1 and first[0].is_finite_verb and clauses.points_back(first[1]):
                if any(t.is_verb and t.lemma.lower() not in self.light_words for t in first[2:]):
                    return None  # "Moet ik dat verbieden, of …": what is done to it is no alternative
                told = [c for c in found if c.position < offset + start]
                x = max(told, key=lambda c: c.position) if told else None
            else:
                x = self._alternative(first, offset + start)
            return (x, versus) if x is not None and versus is not None else None
        return None

    def _alternative(self, words: Sequence[Token], at: int) -> Concept | None:
        """An alternative of a weighing question as a noun phrase: without its finite verb, pronouns,
        adverbs, the words of preference, a phrase about the target group and a judging adjective at its
        end ("zo'n crash course effectief" → "crash course"). Its content verb is made a noun, with the
        manner word before it and its object ("AI slim inzetten bij …" → "het slim inzetten van AI bij
        …", "in de groep meedraaien" → "het meedraaien in de groep"), or is the thesaurus's term for it
        ("een jaar overdoen" → "zittenblijven"); a light verb names nothing ("kleinere klassen maken")."""
        kept = self._alternative_words(words)
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
        content = [v for v in verbs if v.lemma.lower() not in self.light_words and v not in manner]
        manner = manner if content else []
        before = [t for t in before if t not in manner]
        # Its noun phrase: the first outside a prepositional phrase (the object, next to the verb)
        # … nor one a postposition ends ("het hele jaar door"): an adverbial
        spans = [
            (i, j)
            for i, j in clauses.noun_phrase_spans(before)
            if not (i > 0 and before[i - 1].tag == "VZ")
            and not (j == len(before) - 1 and before[j].tag == "VZ")
        ]
        # … or a bare infinitive opening it, used as a noun ("tutorlezen met ouderejaars invoeren")
        start, end = spans[0] if spans else (0, 1 if before and before[0].is_verb else 0)
        thing = [t for t in before[start:end] if t.tag not in {"LID", "TW"}]
        verb = content[-1].lemma.lower() if content else ""
        # A verb the thesaurus knows names the measure when its object is an everyday word ("een jaar
        # overdoen" → zittenblijven), not when the object is the topic ("tutorlezen invoeren").
        everyday = not before or (
            bool(thing)
            and all(t.is_noun and zipf_frequency(t.lemma.lower(), "nl") >= _EVERYDAY_ZIPF for t in thing)
        )
        entry = self.thesaurus.find(verb) if self.thesaurus.knows(verb) and everyday and not manner else None
        if entry is not None and self._strong(content[-1], entry, verb):
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
        entry = entry or self.thesaurus.find(head.lemma)
        entry = entry if entry is not None and self._strong(head, entry) else None
        return Concept(phrase, entry, at, at + len(words), True, head=head.lemma.lower(), noun=noun)

    def _alternative_words(self, words: Sequence[Token]) -> list[Token] | None:
        """The words of an alternative that name it (``_alternative``), or None when it is no plain
        alternative or names no noun."""
        # Only a plain alternative is named: one with a clause of its own ("zorgen dat ze …", "een ruimte
        # waar ze …") or two verb phrases ("ze hier houden en de ondersteuning beter regelen") is left
        # to the reading without comparison.
        joined = [i for i, t in enumerate(words) if t.tag == "VG" and t.lemma.lower() == "en"]
        if any(
            (t.tag == "VG" and "onder" in t.features) or (t.tag == "VNW" and "vb" in t.features)
            for t in words
        ) or any(t.is_verb for i in joined for t in words[i + 1 :]):
            return None
        kept: list[Token] = []
        group = self._about_group(words)  # "met één docent", "voor leerlingen"
        counting = clauses.quantities(words)  # "van een kwartier", "per periode": how much, not what
        for index, token in enumerate(words):
            if (
                index in group
                or index in counting
                or token.tag in {"LET", "VNW", "BW"}
                or (token.tag == "TW" and any(c.isdigit() for c in token.text))
                or token.text.lower() in self.preferring
                or (token.lemma.lower() == "te" and index + 1 < len(words) and words[index + 1].is_verb)
            ):
                continue  # figures too: "een grote groep 5 van 30"; the infinitive's "te"
            if token.is_finite_verb and not kept:
                continue
            kept.append(token)
        # people named beside the alternative are its group ("extra uren voor leerlingen"); people alone
        # are the alternative ("wisselende mentoren")
        people = [t for t in kept if t.is_noun and self._group_word(t)]
        if any((t.is_noun or t.tag == "SPEC") and t not in people for t in kept):
            kept = [t for t in kept if t not in people]
        # An adjective used as an adverb says how, unless right before the verb ("gewoon in de groep
        # meedraaien" drops "gewoon", "slim inzetten" keeps "slim")
        kept = [
            t
            for i, t in enumerate(kept)
            if not (
                t.is_adjective and "vrij" in t.features and not (i + 1 < len(kept) and kept[i + 1].is_verb)
            )
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

    def _first_alternative(self, question: Sequence[Token]) -> Sequence[Token]:
        """A yes/no question's first alternative when the other only denies it, naming nothing ("Werkt
        zoiets, | of maakt het niks uit?": no noun, only light verbs after "of"); else the question ("Is
        dat terecht of missen we iets in ons taalonderwijs?", "hulpmiddelen of aanpakken")."""
        if not clauses.asks_yes_no(question):
            return question
        cut = next((i for i, t in enumerate(question) if t.lemma.lower() == "of" and t.tag == "VG"), None)
        rest = question[cut + 1 :] if cut else ()
        verbs = [t for t in rest if t.is_verb]
        if not verbs or any(
            t.is_noun or (t.is_verb and t.lemma.lower() not in self.light_words) for t in rest
        ):
            return question
        return question[:cut]

    def _blamed(self, question: Sequence[Token]) -> tuple[int, int] | None:
        """Where a question names a cause: the phrase after the preposition of a verb of causing ("ligt
        het aan het programma", "komt het door de methode": ``oorzaakwerkwoorden``) to the clause's end."""
        if not clauses.asks(question, self.effect_words):
            return None
        for i, token in enumerate(question):
            prepositions = self.cause_prepositions.get(token.lemma.lower(), ()) if token.is_verb else ()
            at = next((j for j in range(i + 1, len(question)) if question[j].tag == "VZ"), None)
            if at is None or question[at].lemma.lower() not in prepositions:
                continue
            # a coordinator before a verb starts the alternative ("aan het systeem of is dat toeval")
            end = next(
                (
                    j
                    for j in range(at + 1, len(question))
                    if clauses.ends_phrase(question[j])
                    or (question[j].tag == "VG" and j + 1 < len(question) and question[j + 1].is_verb)
                ),
                len(question),
            )
            if any(t.is_noun for t in question[at + 1 : end]):
                return at + 1, end
        return None

    def _cause(self, analysis: Analysis, question: Sequence[Token], start: int, end: int) -> Concept:
        """The cause a question names in tokens ``start:end``, as the story first told it ("het
        programma" → "adaptief online programma": the first noun phrase with its head), else in the
        question's own words."""
        tokens = analysis.tokens
        head = next(t for t in reversed(tokens[start:end]) if t.is_noun)
        lemma = head.lemma.lower()
        story = itertools.takewhile(lambda s: s is not question, analysis.sentences)
        phrases = [p for s in story for p in Analysis((s,)).noun_phrases() if p.head is not None]
        told = next((p for p in phrases if p.head.lemma.lower().endswith(lemma) and self._label(p)), None)
        label = self._label(told) if told is not None else None
        if told is None or label is None:
            label = " ".join(t.text.lower() for t in tokens[start:end] if t.tag not in {"LID", "VNW", "LET"})
        else:
            head = told.head
        entry = self.thesaurus.find(head.lemma)
        entry = entry if entry is not None and self._strong(head, entry) else None
        return Concept(label, entry, start, end, True, head=head.lemma.lower())

    def _proposed(
        self, analysis: Analysis, question: Sequence[Token], yes_no: bool = False
    ) -> Proposal | None:
        """A measure the story proposes: what follows a verb of proposing with an infinitive after it
        ("Sommige collega's willen stoppen met huiswerk opgeven" → stoppen, met, huiswerk, opgeven), the
        last such clause before the question. Learners who want something ("de leerlingen willen niet
        leren") tell the problem, not a measure. A yes/no question about "dat" (``yes_no``: "Werkt
        dat?", "Heeft dat effect?") judges the practice the sentence right before it tells, when that
        sentence has an infinitive ("Een collega zweert bij spelletjes om … te trainen")."""
        found = None
        starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
        for index, sentence in enumerate(analysis.sentences):
            if sentence is question:
                if found is None and yes_no and index > 0:
                    before = analysis.sentences[index - 1]
                    verb = next((i for i, t in enumerate(before) if t.is_verb), None)
                    rest = list(before[verb + 1 :]) if verb is not None else []
                    if any(t.is_infinitive for t in rest):  # its subject tells who, not the measure
                        found = self._proposal(index - 1, starts[index - 1] + verb, rest)
                break
            verb = next(
                (
                    i
                    for i, t in enumerate(sentence)
                    if t.is_finite_verb and t.lemma.lower() in self.proposal_verbs
                ),
                None,
            )
            if verb is None or any(t.lemma.lower() in self.who.learners for t in sentence[:verb]):
                continue
            rest = list(sentence[verb + 1 :])
            if any(t.is_infinitive for t in rest):
                found = self._proposal(index, starts[index] + verb, rest)
        return found

    def _proposal(self, index: int, at: int, rest: list[Token]) -> Proposal:
        """The measure told by ``rest`` (the words after token ``at`` of sentence ``index``), named by
        its last content infinitive when none of its nouns is a concept ("meer buitenspelen")."""
        words = {w for t in rest if t.tag != "LET" for w in (t.lemma.lower(), t.text.lower())}
        om = next((i for i, t in enumerate(rest) if clauses.purpose(rest, i)), None)
        doing = [
            (i, t)
            for i, t in enumerate(rest[:om])
            if t.is_infinitive and t.lemma.lower() not in self.light_words
        ]
        measure = None
        if doing:
            i, token = doing[-1]
            place, lemma = at + 1 + i, token.lemma.lower()
            entry = self.thesaurus.find(lemma)
            entry = entry if entry is not None and self._strong(token, entry) else None
            measure = Concept(lemma, entry, place, place + 1, True, from_noun=False, head=lemma)
        clause = self._nominalised(rest, om + 1, at + 1) if om is not None else None
        return Proposal(index, frozenset(words), measure, clause, at + 1)

    def _assigned(
        self,
        concepts: list[Concept],
        praktijkvraag: str,
        analysis: Analysis,
        doelgroep: str | None,
        join: bool = True,
    ) -> list[Concept]:
        """The concepts with the descriptors the dense assignment gives the praktijkvraag: a concept of
        that descriptor, of a broader or narrower one, whose head word is its head ("gesprek" for
        "klassengesprek") or whose context names it ("ICT tijdens het huiswerk") is confirmed;
        otherwise (with ``join``) the descriptor joins as a concept of its own, named by its term. A
        descriptor for the target group ("brugklas" for "leerlingen in de brugklas") is not a topic.
        Sentences too short to name a topic ("Wat doen we fout?", ``_META_WORDS``) are not
        matched on their own."""
        sentences = [s for s in analysis.sentences if len([t for t in s if t.tag != "LET"]) > _META_WORDS]
        starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
        texts = [" ".join(t.text for t in s) for s in sentences] if len(sentences) > 1 else []
        group = {w.lower() for w in re.findall(r"[\w-]+", doelgroep or "")}
        assignment = self.descriptors.assign(praktijkvraag, texts)
        concepts = [replace(c, relevance=assignment.z(c.entry)) for c in concepts]
        for assigned in assignment.assigned:
            entry = assigned.entry
            if any(self.thesaurus.find(word) is entry for word in group):
                continue
            names = [entry.term.lower(), *(w.lower() for w in entry.synoniemen)]
            same = [
                c
                for c in concepts
                if _related(c.entry, entry)
                or _siblings(c.entry, entry)
                or (len(c.head) >= MIN_PART and any(n.endswith(c.head) for n in names))
                or (c.context_head and self.thesaurus.find(c.context_head) is entry)
            ]
            if same:
                concepts = [self._confirmed(c, entry) if c in same else c for c in concepts]
                continue
            index = analysis.sentences.index(sentences[assigned.sentence]) if assigned.sentence >= 0 else 0
            if assigned.sentence >= 0 and self._echo(analysis.sentences[index], entry):
                continue
            at = starts[index]
            concepts.append(
                Concept(
                    entry.term,
                    entry,
                    at,
                    at,
                    False,
                    from_noun=False,
                    head=entry.term,
                    assigned=True,
                    relevance=assigned.z,
                )
            )
        return concepts

    @staticmethod
    def _confirmed(concept: Concept, entry: Entry) -> Concept:
        """The concept the assigned descriptor ``entry`` confirms. A concept that is only the broader
        term a verb stands for ("doet niks" → motivatie) is the narrower descriptor the whole text is
        about ("onderpresteren"): the verb said little, the text says more."""
        broader = concept.entry is not None and concept.entry.term in entry.breder
        if broader and not concept.from_noun and concept.label == concept.head == concept.entry.term:
            return replace(concept, label=entry.term, head=entry.term, entry=entry, assigned=True)
        return replace(concept, assigned=True, entry=concept.entry or entry)

    def _outcome(self, question: Sequence[Token], offset: int) -> tuple[int, int] | None:
        """Where the question names the outcome: after the preposition its effect word governs ("effect
        op", "draagt bij aan", "zorgt voor", "werkt voor", "leidt tot": ``uitkomstvoorzetsels``) to
        the clause's end (a subordinate or relative clause after it tells about the group). People
        after it are whom it works for, the target group ("werkt X voor vmbo-leerlingen")."""
        if not clauses.asks(question, self.effect_words):
            return None
        governs: set[str] = set()
        for i, token in enumerate(question):
            lemma = clauses.verb_lemma(question, i)  # "Levert dat iets op voor …" → opleveren
            if token.tag == "VZ" and lemma in governs:
                noun = next((t for t in question[i + 1 :] if t.is_noun or t.tag == "LET"), None)
                if noun is not None and (self._group_word(noun) or self.who.learner(noun.lemma)):
                    continue
                end = next(
                    (
                        j
                        for j in range(i + 1, len(question))
                        if clauses.ends_phrase(question[j]) or clauses.alternative(question, j)
                    ),
                    len(question),
                )
                return offset + i + 1, offset + end
            governs.update(self.outcome_prepositions.get(lemma, ()))
        return None

    def _nominalised(self, question: Sequence[Token], frame: int, offset: int) -> Concept | None:
        """The om-clause of a judgement question as a noun phrase: "om ouders meer te betrekken" → "het
        betrekken van de ouders", "om de toetsen voor de brugklas digitaal af te nemen" → "het digitaal
        afnemen van de toetsen". The object is the last noun phrase outside a prepositional phrase (Dutch
        puts the direct object next to the verb); phrases about the target group and pronouns go."""
        clause = list(question[frame:])
        cut = next((i for i, t in enumerate(clause) if t.tag in {"LET", "VG"}), len(clause))
        clause = clause[:cut]
        te = max((i for i, t in enumerate(clause) if t.lemma.lower() == "te"), default=None)
        if te is None or te + 1 == len(clause) or not clause[te + 1].is_verb:
            return None
        count = next((i for i, t in enumerate(clause[te + 1 :]) if not t.is_verb), len(clause) - te - 1)
        verbs = [t.lemma.lower() for t in clause[te + 1 : te + 1 + count]]
        # "te laten kiezen", "te kunnen lezen": the content verb names the measure, a light verb
        # (causative, modal) none ("het kiezen van het toetsmoment", not "het laten kiezen van …")
        verbs = [v for v in verbs if v not in self.light_words] or verbs
        tail = clause[te + 1 + count :]  # a phrase after the verbs ("uit te nodigen voor een gesprek")
        if tail and tail[0].tag != "VZ":
            return None
        body = clause[:te]
        # A separated particle: "af te nemen" → afnemen, "samen te werken" → samenwerken (a known verb).
        if body and (
            (body[-1].tag == "VZ" and "fin" in body[-1].features)
            or (body[-1].tag == "BW" and clauses.separable_verb(body[-1].lemma, verbs[-1]))
        ):
            verbs[-1] = body.pop().lemma.lower() + verbs[-1]
        body = self._without_levels(body)
        counting = clauses.quantities(body)  # "twee keer per week": how often, not what is done
        body = [t for i, t in enumerate(body) if i not in counting]
        phrases = [p for p in Analysis((tuple(body),)).noun_phrases() if p.head is not None]
        free = [p for p in phrases if not self._in_pp(body, p)]
        thing = free[-1] if free else None  # none: an intransitive verb ("om later te beginnen")
        start = body.index(thing.tokens[0]) if thing is not None else len(body) + 1
        if thing is not None and start > 0 and clauses.measure_before(body[start - 1], thing.tokens[0]):
            # "het aantal | toetsen" (the chunker may split them): the measure belongs to the object
            start -= 1
            thing = Phrase((body[start], *thing.tokens))
        middle: list[Token] = []
        group = self._about_group(body)  # "voor onze eerstejaars"
        for index, token in enumerate(body):
            if index in group or (thing and token in thing.tokens) or index == start - 1:
                continue
            if token.tag in {"VNW", "BW"} or (token.is_noun and self._group_word(token)):
                continue  # pronouns and adverbs ("pas", "meer") say nothing about what is done
            if token.is_adjective and token.lemma.lower() in self.light_words:
                continue  # nor does a vague adjective used as an adverb ("die gewoon af te schaffen")
            if any(token in p.tokens for p in free):  # another free noun phrase: the indirect object
                continue
            middle.append(token)
        said = [t.text.lower() for t in middle]
        at = offset + frame
        if thing is None and body and body[0].is_infinitive:
            # an infinitive as the object ("om rekenen in de beroepsvakken te verwerken") → "het verwerken
            # van rekenen in de beroepsvakken"
            rest = " ".join(t.text.lower() for t in [*body, *tail] if t.tag != "VNW")
            entry = self.thesaurus.find(body[0].lemma) or self.thesaurus.find(verbs[-1])
            entry = entry if entry is not None and self._strong(body[0], entry) else None
            label = f"het {' '.join(verbs)} van {rest}"
            return Concept(
                label, entry, at, at + len(clause), True, head=verbs[-1], noun=body[0].lemma.lower()
            )
        if thing is None or thing.head is None:
            # "om begrijpend lezen in de zaakvakken te doen": a light verb adds nothing to the activity
            done = [] if said and all(v in self.light_words for v in verbs) else verbs
            objects = [t for t in middle if t.is_noun]
            if not done and middle[0].tag == "VZ" and objects:
                # "om met een beloningssysteem te werken": a light verb's prepositional object is the measure
                head = objects[-1]
                label = " ".join([*said[1:], *(t.text.lower() for t in tail if t.tag != "VNW")])
                entry = self.thesaurus.find(head.lemma)
                entry = entry if entry is not None and self._strong(head, entry) else None
                return Concept(label, entry, at, at + len(clause), True, head=head.lemma.lower())
            label = " ".join(["het", *said, *done, *(t.text.lower() for t in tail if t.tag != "VNW")])
            verb = clause[te + count]
            entry = self.thesaurus.find(verbs[-1])
            entry = entry if entry is not None and self._strong(verb, entry, verbs[-1]) else None
            return Concept(label, entry, at, at + len(clause), True, head=verbs[-1])
        article = body[start - 1].text.lower() if start and body[start - 1].tag == "LID" else ""
        article = article or ("de" if "mv" in thing.head.features else "")
        noun = " ".join(t.text if t.tag == "SPEC" else t.text.lower() for t in thing.tokens)
        if verbs == [verbs[0]] and verbs[0] in self.light_words and (not middle or middle[0].tag == "VZ"):
            # a light verb says nothing of the measure: "om meer praktijkopdrachten in de lessen te doen"
            # → "praktijkopdrachten in de lessen" (not "het in de lessen doen van de praktijkopdrachten")
            own = body[start - 1].text.lower() if start and body[start - 1].tag == "LID" else ""
            label = " ".join([*([own] if own else []), noun, *said])
        else:
            label = f"het {' '.join([*said, *verbs])} van {f'{article} ' if article else ''}{noun}"
        label += "".join(f" {t.text.lower()}" for t in tail if t.tag != "VNW")
        entry = self.thesaurus.find(verbs[-1]) or self.thesaurus.find(thing.head.lemma)
        entry = entry if entry is not None and self._strong(thing.head, entry) else None
        return Concept(label, entry, at, at + len(clause), True, head=verbs[-1], noun=noun)

    def _without_levels(self, tokens: list[Token]) -> list[Token]:
        """The tokens without a prepositional phrase that names a level ("in groep 3", "voor klas 2"):
        the target group's, not the measure's; the chunker may join its number to the next phrase
        ("groep [3 de leesles]")."""
        for i in range(len(tokens) - 2):
            level = f"{tokens[i + 1].text} {tokens[i + 2].text}"
            if tokens[i].tag == "VZ" and self.who.levels.fullmatch(level):
                return [*tokens[:i], *tokens[i + 3 :]]
        return tokens

    def _level_after(self, sentence: Sequence[Token], phrase: Phrase) -> bool:
        """A phrase whose last noun and the number after it name a level ("klas" in "in klas 4 al"):
        the chunker may put the number in a phrase of its own."""
        index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[-1]), len(sentence))
        if index + 1 >= len(sentence) or sentence[index + 1].tag != "TW":
            return False
        return bool(self.who.levels.fullmatch(f"{sentence[index].text} {sentence[index + 1].text}"))

    def _about_group(self, tokens: Sequence[Token]) -> set[int]:
        """The indices of prepositional phrases about the target group ("voor onze eerstejaars"): from
        the preposition to the first noun after it, when that noun names people or a level."""
        about: set[int] = set()
        for index, token in enumerate(tokens):
            noun = next((i for i in range(index + 1, len(tokens)) if tokens[i].is_noun), None)
            if token.tag == "VZ" and noun is not None and self._group_word(tokens[noun]):
                about.update(range(index, noun + 1))
        return about

    def _group_word(self, token: Token) -> bool:
        """A word that names people or a level ("eerstejaars", "brugklas"): the target group's."""
        lemma = token.lemma.lower()
        return (
            lemma in self.who.people or lemma in self.school_types or bool(self.who.levels.fullmatch(lemma))
        )

    def _frame(self, concept: Concept) -> bool:
        """A single noun unknown to the thesaurus that a kennisvraag form already says ("kenmerken")."""
        single = concept.from_noun and concept.entry is None and " " not in concept.label
        return single and stem_words([concept.label.lower()])[0] in self.frame_words

    def _idiom(self, sentence: Sequence[Token], phrase: Phrase) -> bool:
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
        # "zonder opbouw" names what is missing (``_lacking``), no expression
        if before < 0 or sentence[before].tag != "VZ" or sentence[before].lemma.lower() == "zonder":
            return False
        if _compound(words[0].lemma.lower()):
            return False
        # a content verb right before or after governs the phrase ("kiezen voor een profiel", "oefenen
        # op de iPad"); skipping "te" ("aan boord te houden")
        after = index + len(phrase.tokens)
        after += after < len(sentence) and sentence[after].lemma.lower() == "te"
        near = [sentence[i] for i in (before - 1, after) if 0 <= i < len(sentence)]
        if any(t.is_verb and t.lemma.lower() not in self.light_words for t in near):
            return False
        # the clause: between punctuation and subordinators ("en" may join the objects before)
        bounds = [i for i, t in enumerate(sentence) if t.tag == "LET" or "onder" in t.features]
        start = max((i for i in bounds if i < index), default=-1) + 1
        end = min((i for i in bounds if i > index), default=len(sentence))
        return any(t.is_finite_verb and t.lemma.lower() in self.light_words for t in sentence[start:end])

    @staticmethod
    def _in_pp(tokens: Sequence[Token], phrase: Phrase) -> bool:
        index = tokens.index(phrase.tokens[0])
        while index > 0 and tokens[index - 1].tag in {"LID", "VNW", "TW", "ADJ"}:
            index -= 1
        return index > 0 and tokens[index - 1].tag == "VZ"

    def _concepts(
        self,
        sentence: Sequence[Token],
        offset: int,
        in_question: bool,
        told: bool = False,
        heads: set[str] | None = None,
    ) -> list[Concept]:
        """Thesaurus phrases ("te laat", "zelf beoordelen"), noun phrases that are topics, change verbs
        with their subject, and verbs/adjectives the thesaurus knows. ``told``: an earlier sentence
        named learners, so a plural "ze" can be them; ``heads``: the head lemmas of the concepts
        earlier sentences named, which a definite article in the question points back to."""
        found: list[Concept] = []
        place = {id(t): offset + i for i, t in enumerate(sentence)}
        used: set[int] = set()
        for phrase, covered, in_words in self._phrases(sentence):
            if any(id(t) in used for t in covered) or self.who.levels.fullmatch(phrase):
                continue  # a level ("groep 1") is the target group's, also one the thesaurus knows
            if self._of_het(sentence, covered):
                continue  # "als het al te laat is": the situation, not learners who are late
            entry = self.thesaurus.find(phrase)
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
        phrases = Analysis((tuple(sentence),)).noun_phrases()
        for whole in (part for phrase in phrases for part in clauses.split_nouns(phrase)):
            # A phrase the thesaurus took part of ("toets [begrijpend lezen]") keeps the rest before it.
            cut = next((i for i, t in enumerate(whole.tokens) if id(t) in used), len(whole.tokens))
            phrase = Phrase(whole.tokens[:cut])
            label = self._label(phrase) if cut else None
            head = phrase.head
            if label is None or head is None or any(id(t) in used for t in phrase.tokens if t.is_noun):
                continue
            # "wij als sectie Nederlands", "Collega's zeggen dat …": staff who ask or tell, not what about
            # (what parents think is a topic: "Ouders denken dat de school ze bewaart")
            teller = clauses.tells(sentence, phrase) and head.lemma.lower() not in self.parties
            if clauses.speaker_role(sentence, phrase) or teller or self._whose(sentence, phrase):
                continue
            if self._level_after(sentence, phrase):  # "in klas [4]": the target group's level
                continue
            if head.lemma.lower() in self.outcome_prepositions:  # "effect op": the question's frame
                continue
            entry = self.thesaurus.find(head.lemma) if " " not in label else None
            entry = entry or self.thesaurus.find(label) or self.thesaurus.find(head.lemma)
            if entry is None and " " in label and all(t.is_noun for t in phrase.tokens):
                entry = self.thesaurus.find(label.replace(" ", ""))  # "burn-out klachten" typed loose
            entry = entry if entry is not None and self._strong(head, entry) else None
            # An everyday noun is as specific as a rare modifier the thesaurus knows ("een adaptief
            # online programma" → digitale leermiddelen).
            entry = entry or next(
                (
                    known
                    for t in phrase.tokens
                    if t is not head
                    and t.is_adjective
                    and self._rare(t)
                    and (known := self.thesaurus.find(t.lemma)) is not None
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
            if entry is None and not (self._rare(head) or (in_question and (modified or pointed))):
                continue
            if entry is None and not pointed and self._idiom(sentence, phrase):  # "aan boord houden"
                continue
            if entry is None and self._predicate_of_het(sentence, phrase):
                continue  # "(dat) het niet alleen brandjes blussen is": says what "het" is like, no topic
            used.update(id(t) for t in phrase.tokens)
            start, end = place[id(phrase.tokens[0])], place[id(phrase.tokens[-1])] + 1
            setting = entry is None and clauses.setting(sentence, phrase) and not pointed
            # Staff are who acts, not a topic; a party outside the school is one, by the thesaurus's
            # name for it ("ouders" → ouderbetrokkenheid).
            party = head.lemma.lower() in self.parties and entry is not None
            actor = head.lemma.lower() in self.who.people and not party
            label = entry.term if party and entry is not None and " " not in label else label
            if entry is not None and (toward := self._toward(entry, sentence, phrase)) is not None:
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
        found = [c for c in found if not _measures(c, found, sentence, offset)]
        found = [c for c in found if not self._container(c, found, sentence, offset)]
        found = [self._with_context(c, sentence, offset, used) for c in found]
        found = [c for c in found if not any(o.position < c.position and c.end <= o.end for o in found)]
        for index, token in enumerate(sentence):
            lemma = clauses.verb_lemma(sentence, index)  # "haken … af" → "afhaken"
            at = place[id(token)]
            if token.is_verb and (use := self._use(sentence, index, offset, found)) is not None:
                # "dat ze er echt iets mee doen" (met de feedback) → feedbackgebruik
                found.append(replace(use, position=at, end=at + 1, in_question=in_question))
                continue
            if (
                token.is_verb
                and id(token) not in used
                and (missing := self.thesaurus.negated.get(lemma)) is not None
                and self._negated(sentence, index)
                and not self.who.of_others(clauses.clause(sentence, index))
                and not clauses.auxiliary(sentence, index)
            ):
                # "ze lezen thuis bijna niet meer" → leesmotivatie, "komen niet opdagen" → verzuim
                found.append(
                    Concept(
                        missing.term, missing, at, at + 1, in_question, from_noun=False, head=missing.term
                    )
                )
                continue
            # Frog may tag a predicative "weg" a noun ("is vaker weg"); a singular noun has a determiner.
            predicate = token.tag == "BW" or (token.is_noun and not clauses.determined(sentence, index))
            if predicate and lemma in self.thesaurus.gone and (verb := self._verb_of(sentence, index)):
                lemma += verb  # "loopt dan weg" is "weglopen" (walking off), not being gone
            if (
                (token.is_verb or predicate)
                and id(token) not in used
                and (gone := self.thesaurus.gone.get(lemma)) is not None
                and self.who.said_of_learners(sentence, index, told)
            ):
                # "is de helft van havo 4 gewoon weg" → verzuim, "stopt een groot deel" → uitval
                found.append(
                    Concept(gone.term, gone, at, at + 1, in_question, from_noun=False, head=gone.term)
                )
                continue
            if id(token) in used or lemma in self.light_words:
                continue
            if (noun := self._plural_noun(sentence, index)) is not None:
                # "het nakijken van betogen": Frog read the plural of "betoog" as the verb "betogen"
                entry = self.thesaurus.find(noun)
                found.append(Concept(token.text.lower(), entry, at, at + 1, in_question, head=noun))
                continue
            if (skill := self._unable(sentence, index)) is not None:
                # "(kinderen die) niet kunnen hakken en plakken": the skill they lack, in their words
                used.update(id(t) for t in sentence[index : index + len(skill.split())])
                found.append(Concept(skill, None, at, at + len(skill.split()), in_question, head=lemma))
                continue
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
                clauses.ends_predicate(token, sentence, at - offset)
                and (subject := self._object_before(found, at, sentence, offset)) is not None
                and not subject.actor  # "(dat) het hele team omvalt": what befalls staff, no practice
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
            elif (
                token.is_adjective
                and {"comp", "vrij"} <= set(token.features)
                and zipf_frequency(quality := f"{lemma}heid", "nl") >= clauses.VERB_ZIPF
                and (subject := self._object_before(found, at, sentence, offset, past_pp=True)) is not None
            ):
                # "(hoe maken we) de beoordeling betrouwbaarder" → "de betrouwbaarheid van de beoordeling",
                # "(dat) ons schooladvies in groep 8 eerlijker wordt" → "de eerlijkheid van het schooladvies"
                found.remove(subject)
                before = subject.position - offset - 1
                word = sentence[before].text.lower() if before >= 0 else ""
                # "ons" goes with a het-word, "onze" with a de-word (Frog's gender of a compound is less sure)
                article = (
                    word if word and sentence[before].tag == "LID" else _POSSESSIVE_ARTICLE.get(word, "")
                )
                label = f"de {quality} van {f'{article} ' if article else ''}{subject.label}"
                found.append(
                    replace(subject, label=label, end=at + 1, in_question=in_question, noun=subject.label)
                )
            elif (
                (token.is_verb or (token.is_adjective and not self._manner(sentence, index)))
                and (entry := self.thesaurus.find(lemma)) is not None
                and self._strong(token, entry, lemma)
            ):
                # An infinitive used as a noun ("ons lesgeven") keeps the practitioner's word.
                nominal = (
                    token.is_infinitive and at > offset and sentence[at - offset - 1].tag in {"LID", "VNW"}
                )
                label = lemma if nominal else entry.term
                found.append(Concept(label, entry, at, at + 1, in_question, from_noun=nominal, head=lemma))
            elif in_question and (effect := self._effect_asked(sentence, index, lemma)) is not None:
                # "(…, of) stigmatiseert dat de zwakke lezers?": the question asks whether the practice
                # has that effect, named by the verb's noun ("stigmatisering")
                entry = self.thesaurus.find(effect)
                found.append(Concept(effect, entry, at, at + 1, in_question, from_noun=False, head=effect))
        found = [
            replace(c, reason=True) if clauses.reason(sentence, c.position - offset) else c for c in found
        ]
        return _with_objects(found, sentence, offset)

    def _effect_asked(self, sentence: Sequence[Token], index: int, lemma: str) -> str | None:
        """The noun of a content verb (``lemma``, with its particle) that opens a yes/no question about
        "dat" or "dit" (the practice told: "Stigmatiseert dat de zwakke lezers?", "…, of polariseert
        dit de klas?"), made the regular Dutch way ("-eren" → "-ering", "-atie"; "-en" → "-ing"): the
        most frequent of those Dutch knows. A dummy "het" ("maakt het uit?") points at nothing;
        copulas and words that ask whether it works ("werkt dat?", "levert dat iets op?") name none."""
        token = sentence[index]
        start, _ = clauses.clause_bounds(sentence, index)
        if not token.is_finite_verb or start != index or lemma in self.copulas or lemma in self.effect_words:
            return None
        if index + 1 >= len(sentence) or sentence[index + 1].lemma.lower() not in {"dat", "dit"}:
            return None
        stem = lemma.removesuffix("en")
        nouns = [f"{stem}ing", *([f"{lemma.removesuffix('eren')}atie"] if lemma.endswith("eren") else [])]
        best = max(nouns, key=lambda n: zipf_frequency(n, "nl"))
        return best if stem != lemma and zipf_frequency(best, "nl") > 0 else None

    def _plural_noun(self, sentence: Sequence[Token], index: int) -> str | None:
        """The singular of a noun the thesaurus knows that Frog took for an infinitive right after a
        preposition ("van betogen" → betoog): a Dutch plural in "-en" undone (an open syllable's vowel
        doubled again, a doubled consonant single, "v"/"z" back to "f"/"s"), when the thesaurus does
        not know the verb itself."""
        token = sentence[index]
        lemma = token.lemma.lower()
        if not token.is_infinitive or index == 0 or sentence[index - 1].tag != "VZ":
            return None
        if not lemma.endswith("en") or self.thesaurus.find(lemma) is not None:
            return None
        stem = lemma[:-2]
        last = {"v": "f", "z": "s"}.get(stem[-1:], stem[-1:])
        singulars = [stem, f"{stem[:-1]}{last}"]
        if len(stem) >= 3 and stem[-2] in "aeou" and stem[-3] not in "aeiou":
            singulars.append(f"{stem[:-1]}{stem[-2]}{last}")  # "betog" → "betoog", "brieven" → "brief"
        if len(stem) >= 2 and stem[-1] == stem[-2]:
            singulars.append(stem[:-1])  # "lessen" → "les"
        return next((s for s in singulars if self.thesaurus.knows(s)), None)

    def _use(
        self, sentence: Sequence[Token], index: int, offset: int, found: list[Concept]
    ) -> Concept | None:
        """The use of a thing, when "doen" has "iets", "niets" or "niks" as its object and the thing
        after "met" ("niets doen met de feedback") or before "er … mee" ("feedback zo geven dat ze er
        iets mee doen"): its thesaurus term's use ("feedbackgebruik") or "het gebruik van" it."""
        if sentence[index].lemma.lower() != "doen":
            return None
        start, end = clauses.clause_bounds(sentence, index)
        clause = sentence[start:end]
        # "iets", or a negative pronoun ("niets", "niks"; the adverbs among the negators are no VNW)
        if not any(t.tag == "VNW" and t.lemma.lower() in {"iets", *self.negators} for t in clause):
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
        use = self.thesaurus.find(f"{thing.entry.term}gebruik") if thing.entry is not None else None
        if use is not None and thing.entry is not None and thing.entry.term in use.breder:
            return Concept(use.term, use, 0, 0, False, from_noun=False, head=use.term)
        label = f"het gebruik van {thing.label}"
        return Concept(label, thing.entry, 0, 0, False, from_noun=False, head="gebruik", noun=thing.label)

    def _phrases(self, sentence: Sequence[Token]) -> Iterator[tuple[str, list[Token], bool]]:
        """The thesaurus phrases in the sentence, longest first: each with the tokens it covers and
        whether it stands in the words themselves (else in their lemmas). Phrases are looked up in the
        words and in the lemmas, also without "te" ("zelf te beoordelen")."""
        for words in ([t for t in sentence], [t for t in sentence if t.lemma.lower() != "te"]):
            forms = [t.text.lower() for t in words]
            for text_of in (forms, [t.lemma.lower() for t in words]):
                text = " ".join(text_of)
                for phrase in self.thesaurus.phrases:
                    match = re.search(rf"(?<!\S){re.escape(phrase)}(?!\S)", text)
                    if match is not None:
                        first = text[: match.start()].count(" ")
                        yield phrase, words[first : first + phrase.count(" ") + 1], text_of is forms

    def _of_het(self, sentence: Sequence[Token], covered: Sequence[Token]) -> bool:
        """Are the words of a thesaurus phrase without a noun said of an impersonal "het" ("als het
        te laat is")?"""
        return not any(t.is_noun for t in covered) and self._impersonal(sentence, covered[0])

    def _echo(self, sentence: Sequence[Token], entry: Entry) -> bool:
        """Does the sentence name the descriptor only in words said of an impersonal "het" ("Wij horen
        het pas als het te laat is" → te laat komen)? Its likeness to the descriptor is then the
        likeness of those words, which name no topic."""
        phrases = [c for p, c, _ in self._phrases(sentence) if self.thesaurus.find(p) is entry]
        return bool(phrases) and all(self._of_het(sentence, c) for c in phrases)

    def _whose(self, sentence: Sequence[Token], phrase: Phrase) -> bool:
        """Does the phrase say whose the people before it are ("de docenten van [onze opleiding]") or
        name their course ("opleiding [Software Developer]")? It belongs to who, not to what about. Not
        a phrase the thesaurus knows ("de ouders van [nieuwkomers]" is a topic)."""
        if phrase.head is None or self.thesaurus.find(phrase.head.lemma) is not None:
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
        return people.is_noun and (people.lemma.lower() in self.who.people or self.who.learner(people.lemma))

    def _unable(self, sentence: Sequence[Token], index: int) -> str | None:
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
        if not self._negated(sentence, index) or self.thesaurus.find(token.lemma) is not None:
            return None
        words = [token.text.lower()]
        if index + 2 < len(sentence) and sentence[index + 1].lemma.lower() == "en":
            other = sentence[index + 2]
            if other.is_infinitive and other.lemma.lower() not in self.light_words:
                words += ["en", other.text.lower()]
        return " ".join(words)

    def _toward(self, entry: Entry, sentence: Sequence[Token], phrase: Phrase) -> Entry | None:
        """The narrower term of ``entry`` that a verb after "aan", "in" or "voor" later in the clause
        names when negated (``niet``): "hekel (motivatie) … aan lezen" → leesmotivatie, since "ze lezen
        niet" is missing reading motivation."""
        index = next((i for i, t in enumerate(sentence) if t is phrase.tokens[-1]), len(sentence))
        for i in range(index + 1, len(sentence) - 1):
            if sentence[i].tag in {"LET", "VG"}:
                break
            if sentence[i].tag == "VZ" and sentence[i].lemma.lower() in {"aan", "in", "voor"}:
                narrower = self.thesaurus.negated.get(sentence[i + 1].lemma.lower())
                if narrower is not None and entry.term in narrower.breder:
                    return narrower
        return None

    def _learning(self, question: Sequence[Token], offset: int, found: list[Concept]) -> Concept | None:
        """The learners' learning when the question's verb names it ("Leren kinderen meer van …?", "voor
        hoe ze leren", "op hoe leerlingen presteren"), as research names it (``leeruitkomst``). A verb
        that is part of a concept ("coöperatief leren"), learns a skill ("leren ze nog zelf schrijven?")
        or is said of staff ("leren docenten van elkaar?") names no outcome."""
        if self.who.names_staff(question):
            return None
        for i, token in enumerate(question):
            if not token.is_verb or token.lemma.lower() not in self.learning_verbs:
                continue
            if any(c.position <= offset + i < c.end for c in found):
                continue
            _, end = clauses.clause_bounds(question, i)
            if any(self._learnt_skill(question, j) for j in range(i + 1, end)):
                continue
            entry = self.thesaurus.find(self.learning_outcome)
            label = self.learning_outcome
            return Concept(label, entry, offset + i, offset + i + 1, True, from_noun=False, head=label)
        return None

    @staticmethod
    def _learnt_skill(sentence: Sequence[Token], index: int) -> bool:
        """An infinitive that is the object of "leren" ("zelf schrijven"), not one after a preposition
        ("meer van samenwerken", "van zelfstandig werken")."""
        if not sentence[index].is_infinitive:
            return False
        before = index - 1
        while before >= 0 and sentence[before].tag in {"ADJ", "BW"}:
            before -= 1
        return before < 0 or sentence[before].tag != "VZ"

    def _lacking(self, concepts: list[Concept], analysis: Analysis, asking: set[int]) -> list[Concept]:
        """The practitioner's own noun phrases that the story (outside the ``asking`` sentences) says
        are missing: after "zonder" or "geen" ("zonder opbouw"), or the object of a negated verb, not in
        a prepositional phrase ("halen AVI E3 niet"; not "geen derde van de klas"). For a "does X
        work?" question that names no outcome, that is what X should bring about."""
        starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
        found = []
        for concept in sorted(concepts, key=lambda c: c.position):
            index = bisect.bisect_right(starts, concept.position) - 1
            if index in asking or not concept.from_noun or concept.setting or concept.actor:
                continue
            sentence = analysis.sentences[index]
            at = before = concept.position - starts[index]
            while before > 0 and sentence[before - 1].tag in {"LID", "VNW", "ADJ", "TW"}:
                before -= 1
                if sentence[before].lemma.lower() == "geen":
                    break
            word = sentence[before - 1] if before > 0 else None
            denied = sentence[before].lemma.lower() == "geen" or (word and word.lemma.lower() == "zonder")
            if denied or ((word is None or word.tag != "VZ") and self._negated(sentence, at)):
                found.append(concept)
        return found

    def _negated(self, sentence: Sequence[Token], index: int) -> bool:
        """Is the verb at ``index`` negated: a negation ("niet", "nooit", "nauwelijks") in its clause
        (between punctuation or conjunctions)?"""
        return any(t.lemma.lower() in self.negators for t in clauses.clause(sentence, index))

    def _impersonal(self, sentence: Sequence[Token], word: Token) -> bool:
        """Is the word in a clause whose subject is an impersonal "het" or a pronoun "dat"/"dit" with a
        copula ("het is te laat", "het wordt te druk", "Is dat toeval?")? What it says is of the
        situation, not of anyone in it, nor a topic of its own."""
        index = next(i for i, t in enumerate(sentence) if t is word)
        clause = clauses.clause(sentence, index)
        return any(clauses.situation(t) for t in clause) and any(
            t.is_finite_verb and t.lemma.lower() in self.copulas for t in clause
        )

    def _predicate_of_het(self, sentence: Sequence[Token], phrase: Phrase) -> bool:
        """Is the phrase the predicate of an impersonal "het" with a copula ("zonder dat het een taalles
        wordt", "dat het brandjes blussen is")? Not when a preposition governs it (a time or place:
        "na de middagpauze", "over zonnepanelen") or an om-clause holds it ("of het slim is om ouders
        leesboekjes mee te geven")."""
        index = next(i for i, t in enumerate(sentence) if t is phrase.tokens[0])
        start, _ = clauses.clause_bounds(sentence, index)
        purpose = any(clauses.purpose(sentence, i) for i in range(start, index))
        return (
            self._impersonal(sentence, phrase.tokens[0]) and not purpose and not self._in_pp(sentence, phrase)
        )

    def _verb_of(self, sentence: Sequence[Token], index: int) -> str | None:
        """The lemma of the finite verb in the clause of the word at ``index`` when it is no copula
        (``koppelwerkwoorden``): a predicate word there belongs to that verb ("loopt … weg")."""
        verb = next((t for t in clauses.clause(sentence, index) if t.is_finite_verb), None)
        return verb.lemma.lower() if verb is not None and verb.lemma.lower() not in self.copulas else None

    def _manner(self, sentence: Sequence[Token], index: int) -> bool:
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
            and following.lemma.lower() not in self.copulas
        )

    @staticmethod
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

    def _container(
        self, concept: Concept, found: list[Concept], sentence: Sequence[Token], offset: int
    ) -> bool:
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

    def _strong(self, word: Token, entry: Entry, lemma: str | None = None) -> bool:
        """Is ``word`` good evidence for ``entry``? Its own name or synonym always is; another word that
        leads to it ("les" → instructie, "tijd" → tijd en ruimte, "slim" → hoogbegaafdheid) only when it
        is not an everyday word, which says too little on its own."""
        names = {entry.term.lower(), *(w.lower() for w in entry.synoniemen)}
        forms = {word.lemma.lower(), word.text.lower()}
        named = word.tag == "SPEC" or "eigen" in word.features  # a name ("Nederlands") is specific
        if lemma is not None and lemma not in forms:  # a verb with its particle ("uitvallen")
            return lemma in names or zipf_frequency(lemma, "nl") < _EVERYDAY_ZIPF
        return bool(forms & names) or named or self._rare(word) or word.lemma.lower() in self.who.people

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

        def form(concept: Concept) -> str:
            """A noun the thesaurus lacks by its stem: "profielwerkstuk" and "profielwerkstukken" are
            one (Frog leaves an unknown plural as its lemma)."""
            label = concept.label.lower()
            single = concept.entry is None and concept.from_noun and " " not in label
            return stem_words([label])[0] if single else label

        groups: dict[str, list[Concept]] = {}
        for concept in sorted(concepts, key=lambda c: c.position):
            # Staff ("mentoren") stay apart from the topic their descriptor names ("mentorles").
            topic = concept.entry is not None and not concept.actor
            key = concept.entry.term.lower() if topic and concept.entry else form(concept)
            groups.setdefault(key, []).append(concept)
        merged = []

        def word(label: str) -> str:
            """A single word by its stem ("cijfer" and "cijfers" are one)."""
            return label if " " in label else stem_words([label])[0]

        for key, group in groups.items():
            literal = [c for c in group if c.from_noun and form(c) == key]
            if literal and len(group) > 1:
                # "het opgeven van huiswerk" next to "huiswerk" is the same concept, not one of its own;
                # so is the term's other number ("cijfer" next to "cijfers").
                own = [
                    c for c in group if c.from_noun and word(form(c)) != word(key) and c.noun.lower() != key
                ]
                merged += [_joined([c for c in group if c not in own], literal[0].label), *own]
            else:
                # A predicate made a noun ("het beklijven van scholing") says more than another noun of
                # its term ("studiedag"): it stays a concept of its own.
                heads = {c.head for c in group if not c.noun}
                said = [c for c in group if c.noun and c.head not in heads] if heads else []
                rest = [c for c in group if c not in said]
                merged += (
                    [*said, _joined(rest, _dominant(rest))] if rest else [_joined(group, _dominant(group))]
                )
        return merged

    def _vorm(
        self,
        question: Sequence[Token],
        asked: bool,
        measured: bool = False,
        before: Sequence[Token] | None = None,
    ) -> Vorm:
        """Goal, problem, "does X work?" or a broad wish, from the question sentence; ``measured``: it
        names X and the outcome of X ("Wat doet X voor Y?"); ``before``: the words before that outcome
        (a verb of solving within it says what X should do, "Heeft X zin om uitval te voorkomen?")."""
        if clauses.wants(question) and asked:
            return "doel"  # "We willen dat de docenten meer van elkaar leren"
        if not clauses.asks(question, self.effect_words) or not asked:
            return "probleem"  # a description of what goes wrong, or "Hoe kwam dat?"
        if self._wished(question):
            return "kenmerken"
        lemmas = {t.lemma.lower() for t in (question if before is None else before)}
        if lemmas & self.problem_verbs:
            return "probleem"
        first = question[0]
        if first.is_finite_verb and first.lemma.lower() not in clauses.MODALS - {"mogen"}:
            return "effect"  # "Draagt X bij aan Y?", "Klopt het dat X zorgt voor Y?", "Werkt X?"
        if first.lemma.lower() == "hoe" or "om" in lemmas:
            return "doel"
        return "effect" if measured else "probleem"

    def _wished(self, question: Sequence[Token]) -> str | None:
        """ "Wat moet er in een goed inwerkprogramma?" → "inwerkprogramma"."""
        if not clauses.asks(question, self.effect_words):
            return None
        for i, token in enumerate(question[:-1]):
            if (
                token.is_adjective
                and "basis" in token.features  # "betere resultaten" is an outcome, not a wish
                and token.lemma.lower() in self.wish_adjectives
                and question[i + 1].is_noun
            ):
                noun = question[i + 1]
                if noun.lemma.lower() not in self.who.people:
                    # "een effectief inwerkprogramma" (het-word), "een effectieve aanpak" (de-word)
                    neuter = "onz" in noun.features and "ev" in noun.features
                    return f"{'effectief' if neuter else 'effectieve'} {noun.lemma}"
        return None


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
        reason=all(c.reason for c in group),
    )


def _with_objects(found: list[Concept], sentence: Sequence[Token], offset: int) -> list[Concept]:
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


def _within(concept: Concept, words: frozenset[str]) -> bool:
    """Is the concept's head (every word of it) among ``words``?"""
    return bool(concept.head) and set(concept.head.lower().split()) <= words


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


def _antecedents(concepts: list[Concept], tokens: Sequence[Token]) -> list[Concept]:
    """The concepts with each pointed one ("zo'n verbod") named as the earlier compound it points back
    to ("telefoonverbod": the compound's last part is its head), so the two merge as one concept that
    the question asks about. "zo'n" and "zulke" point at a kind ("gemengde brugklassen … zo'n klas"),
    "die", "deze", "dat" at the thing itself, in the same number ("die laatste weken" is not "de
    laatste toetsweek")."""

    def plural(concept: Concept) -> bool:
        span = tokens[concept.position : concept.end]
        return any("mv" in t.features for t in span if t.lemma.lower() == concept.head)

    result = []
    for concept in concepts:
        # a definite article points at the same head told with more words ("het programma" after "een
        # adaptief online programma"), a demonstrative also at a compound ("zo'n verbod" → telefoonverbod)
        same = concept.pointed in _DEFINITE
        earlier = [
            c
            for c in result
            if c.position < concept.position
            and (
                c.head == concept.head and len(c.label) > len(concept.label)
                if same
                else c.head != concept.head
            )
            and c.head.endswith(concept.head)
            and (concept.pointed in _KIND_POINTERS or plural(c) == plural(concept))
        ]
        if concept.pointed and concept.from_noun and earlier:
            told = earlier[-1]
            concept = replace(told, position=concept.position, end=concept.end, in_question=True)
        result.append(concept)
    return result


def _compound(word: str) -> bool:
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


def _words(tokens: Sequence[Token]) -> str:
    """The tokens as written: names and foreign words keep their capitals."""
    return " ".join(t.text if t.tag == "SPEC" or "eigen" in t.features else t.text.lower() for t in tokens)


def _score(concept: Concept) -> float:
    """How central a concept is: how often it is named, once more when the question (or the problem
    sentence) names it, half when the thesaurus knows it."""
    known = concept.entry is not None and not concept.actor
    return concept.mentions + concept.in_question + 0.5 * known + concept.assigned


def _salient(concepts: list[Concept]) -> tuple[list[Concept], list[Concept]]:
    """The core concepts, most central first, and the others. Core: not a setting ("in de klas",
    "elke ochtend") and more than a noun named once in passing in the story (score above 1: named twice,
    in the question, or known to the thesaurus). When nothing passes, all that are no setting count."""
    # Equally central concepts: the one whose descriptor the text is more about first (dense relevance).
    ranked = sorted(concepts, key=lambda c: (-_score(c), -c.relevance, c.position))
    core = [
        c
        for c in ranked
        if not c.setting and not c.reason and not (c.actor and not c.in_question) and _score(c) > 1
    ]
    core = core or [c for c in ranked if not c.setting] or ranked
    return core, [c for c in ranked if c not in core]


def _problem(core: list[Concept], analysis: Analysis, asking: set[int]) -> list[Concept]:
    """What the story of a "does X work?" question says goes wrong, when the question names no outcome
    ("Is het slim om later te beginnen? Veel leerlingen komen te laat."): the known concepts first
    named outside the ``asking`` sentences (the question, a proposal of X), that are neither X (nor its
    broader or narrower term) nor an approach of their own (a descriptor with a ``doel``: "strafwerk" →
    positive behaviour support is another measure, not an outcome)."""
    ends = list(itertools.accumulate(len(s) for s in analysis.sentences))
    asked = [c for c in core if c.in_question]
    return [
        c
        for c in core
        if not c.in_question
        and not c.actor
        and bisect.bisect_right(ends, c.position) not in asking
        and c.entry is not None
        and not c.entry.doel
        and not any(_related(x.entry, c.entry) or c.label in x.label for x in asked)
    ]


def _aims(concept: Concept) -> bool:
    """Does research on the concept, an approach, usually measure a known outcome (its ``doel``)?"""
    return concept.entry is not None and bool(concept.entry.doel)


def _same_topic(asked: Concept, other: Concept) -> bool:
    """Is ``other`` the asked concept X again (its term, a broader or narrower one, or within its label)?"""
    related = other.entry is not None and _related(asked.entry, other.entry)
    return related or other.label in asked.label or asked.label in other.label


def _mentions(concept: Concept, lemmas: list[str]) -> int:
    """How often the praktijkvraag names the concept's head word ("huiswerk" twice)."""
    head = (concept.head or concept.label).lower().split()[-1:]
    return lemmas.count(head[0]) if head else 1


def _related(known: Entry | None, entry: Entry) -> bool:
    """The same descriptor, or one the other names as its broader term ("pesten" → sociale veiligheid)."""
    return known is not None and (known is entry or entry.term in known.breder or known.term in entry.breder)


def _siblings(known: Entry | None, entry: Entry) -> bool:
    """Two descriptors under the same broader term ("overgang mbo-hbo", "overgang vo-mbo"): a concept of
    one already names the family, so the dense assignment of the other confirms it, it adds no topic."""
    return known is not None and bool(set(known.breder) & set(entry.breder))


def _names_entry(concept: Concept) -> bool:
    """Is the concept named by its thesaurus term or a synonym, not by a word that merely leads to it?"""
    entry = concept.entry
    names = {entry.term.lower(), *(w.lower() for w in entry.synoniemen)} if entry else set()
    return concept.label.lower() in names or concept.head.lower() in names
