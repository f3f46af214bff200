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

``PraktijkvraagReader.read`` puts the reading together; each of its parts is a module of
``assistant.flows.praktijkvraag`` (the concepts a sentence names, their ranking, the alternatives a
question weighs, its outcome, …), and all take the same ``Vocabulary`` of words to read by.

Usage::

    reader = PraktijkvraagReader()
    reading = reader.read("Hoe zorgen we dat leerlingen in de brugklas hun spullen niet vergeten?", "vo")
    reading.vorm, [c.label for c in reading.concepts], reading.doelgroep
    # "doel", ["het vergeten van spullen"], "leerlingen in de brugklas"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.dutch import Token, analyse
from assistant.flows import clauses
from assistant.flows.descriptors import DescriptorIndex
from assistant.flows.praktijkvraag import (
    alternatives,
    assignment,
    causes,
    kind,
    nominalise,
    outcomes,
    pointing,
    proposals,
    salience,
)
from assistant.flows.praktijkvraag.nouns import noun_concepts
from assistant.flows.praktijkvraag.predicates import predicate_concepts, with_objects
from assistant.flows.praktijkvraag.reading import Concept, Reading
from assistant.flows.praktijkvraag.vocabulary import META_WORDS, Vocabulary
from assistant.thesaurus import Thesaurus

__all__ = ["Concept", "PraktijkvraagReader", "Reading"]


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
        self.vocab = Vocabulary(self.thesaurus)
        self.who = self.vocab.who

    def read(self, praktijkvraag: str, sector: str | None = None) -> Reading:
        analysis = clauses.with_typed_questions(analyse(praktijkvraag))
        question = clauses.question_sentence(analysis)
        frame = clauses.judgement_frame(question, self.vocab.effect_words)
        # A short question ("Wat doen we fout?", "Wat is wijsheid?") asks about the story before it: the
        # first sentence, where practitioners state the problem, counts as the question's.
        # A short yes/no question about a thing ("Werkt een huiswerkklas?") names its own topic.
        # "Werkt zoiets eigenlijk, of maakt het niks uit?": the first alternative asks, the other only
        # denies it.
        first = alternatives.first_alternative(self.vocab, question)
        # "Is dat toeval of ligt het aan het programma?": the question names its own topic, the cause.
        blamed = causes.blamed(self.vocab, question)
        meta = (
            blamed is None
            and len([t for t in first if t.tag != "LET"]) <= META_WORDS
            and not clauses.asks_about(first, self.vocab.effect_words)
        )
        # … unless it follows an earlier question, which then names the topic ("ik twijfel: lezen ze op
        # een scherm net zo goed als op papier? wat zegt het onderzoek?")
        earlier = [s for s in analysis.sentences if s is not question and s[-1].text.endswith("?")]
        salient = (earlier[-1] if earlier else analysis.sentences[0]) if meta else question
        # "Collega's willen stoppen met huiswerk. Wat is wijsheid?": a judgement of the measure proposed.
        judged = meta and clauses.judges(first, self.vocab.effect_words)
        proposal = (
            proposals.proposed(self.vocab, analysis, question, clauses.asks_yes_no(question))
            if judged
            else None
        )
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
        concepts = pointing.antecedents(concepts, analysis.tokens)
        doelgroep = self.who.read(praktijkvraag, analysis, sector)
        asked = nominalise.nominalised(self.vocab, question, frame, question_offset) if frame else None
        if blamed is not None and asked is None:
            start, end = (question_offset + i for i in blamed)
            asked = causes.cause(self.vocab, analysis, question, start, end)
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
        merged = salience.merged([c for c in concepts if not doelgroep or c.label.lower() not in group])
        merged = [asked, *merged] if asked is not None else merged  # the practitioner's own X, unmerged
        lemmas = [t.lemma.lower() for t in analysis.tokens]
        merged = [replace(c, mentions=max(c.mentions, salience.mentions(c, lemmas))) for c in merged]
        merged = [c for c in merged if not self.vocab.frame(c)]
        if proposal is not None:
            words = proposal.words

            def measure(c: Concept) -> bool:
                """Does it name the measure: in its words, no setting ("elke ochtend"), before its purpose?"""
                before = purpose is None or c.position < purpose[0]
                return c is asked or (proposals.within(c, words) and not c.setting and before)

            if not any(measure(c) for c in merged):
                # named by a verb when none of its nouns is a concept, else no measure to judge
                merged = [proposal.measure, *merged] if proposal.measure else merged
                proposal = proposal if proposal.measure else None
            if proposal is not None:  # the measure is what is asked
                merged = [replace(c, in_question=measure(c)) for c in merged]
        # "Is het slim om X?" names its own topic: a descriptor then confirms, it does not join.
        merged = assignment.assigned(
            self.vocab, self.descriptors, merged, praktijkvraag, analysis, doelgroep, join=asked is None
        )
        core, other = salience.salient(merged)
        # a judgement's own om-clause is X ("Heeft het zin om …"), its outcome is named within it
        outcome = outcomes.outcome(self.vocab, question[frame:], question_offset + frame) or purpose
        # "Wat is het effect van X op Y?", "Wat doet X voor Y?": the question names X before its outcome
        # ("Wat helpt tegen pesten?" names none: it asks what helps)
        measured = outcome is not None and any(question_offset <= c.position < outcome[0] for c in core)
        # … or "het nut van X", "de invloed van X": an effect noun's "van" names X
        weighed = {
            x.lemma.lower()
            for i, t in enumerate(question[:-2])
            if t.is_noun
            and t.lemma.lower() in self.vocab.effect_words
            and question[i + 1].lemma.lower() == "van"
            for x in question[i + 2 : i + 5]
            if x.is_noun
        }
        measured = measured or any(c.head in weighed for c in core)
        # "Gaan leerlingen dan beter leren …?": the learning the question names is asked about too
        learning = outcomes.learning(self.vocab, question, question_offset, merged)
        vorm = (
            "effect"
            if frame or proposal or blamed
            # a wish ("een goede aanpak") asks about the story's topics even when the question names none
            else kind.vorm(
                self.vocab,
                question,
                (
                    any(c.in_question for c in core)
                    or bool(kind.wished(self.vocab, question))
                    or learning is not None
                )
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
        problem = outcomes.problem(core, analysis, asking) if vorm == "effect" and outcome is None else []
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
        if vorm == "effect" and outcome is None and not problem and not any(outcomes.aims(c) for c in asked):
            # "… zijn één lange zin zonder opbouw", "Veel kinderen halen AVI E3 niet": what is missing
            # (X's own aim, its thesaurus ``doel``, names the outcome better when it has one).
            lacking = outcomes.lacking(self.vocab, [*core, *other], analysis, asking)
            problem = [c for c in lacking if not any(outcomes.same_topic(x, c) for x in asked)]
            core, other = [*core, *problem], [c for c in other if c not in problem]
        if vorm in ("doel", "kenmerken") and asked and all(c.position >= question_offset for c in asked):
            # "eerstejaars haken af … Hoe zorgen we voor een betere opleidingskeuze?": a goal (or a wish,
            # "een goeie overstap") new in the question serves against the learners' absence the story
            # tells (a descriptor with ``weg``).
            # When the question names the story's own topic ("stress … Hoe ondersteunen we hun
            # welzijn?") that topic is the goal, and the absence one of its consequences.
            gone = list(self.thesaurus.gone.values())
            problem = [c for c in [*core, *other] if not c.in_question and c.entry in gone][:1]
        if (weighed := alternatives.weighed(self.vocab, analysis, [*core, *other])) is not None:
            # "A of (beter) B?": the effect of A compared with B, on what the question names or the usual
            x, versus = weighed
            rest = [c for c in [*core, *other] if c.head not in {x.head, versus.head}]
            return Reading("effect", [x, versus], doelgroep, analysis, None, rest, None, [], [versus])
        return Reading(
            vorm, core, doelgroep, analysis, kind.wished(self.vocab, question), other, outcome, problem
        )

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
        used: set[int] = set()
        found = noun_concepts(self.vocab, sentence, offset, in_question, used, heads)
        found = predicate_concepts(self.vocab, sentence, offset, in_question, found, used, told)
        found = [
            replace(c, reason=True) if clauses.reason(sentence, c.position - offset) else c for c in found
        ]
        return with_objects(found, sentence, offset)


def _names_entry(concept: Concept) -> bool:
    """Is the concept named by its thesaurus term or a synonym, not by a word that merely leads to it?"""
    entry = concept.entry
    names = {entry.term.lower(), *(w.lower() for w in entry.synoniemen)} if entry else set()
    return concept.label.lower() in names or concept.head.lower() in names
