"""A clause with an infinitive made a noun phrase ("om ouders meer te betrekken" → "het betrekken van de
ouders"): how a judgement question, a weighed alternative and a proposal's purpose name the measure.

Dutch puts the direct object next to the verb, so the object is the last noun phrase outside a
prepositional phrase; phrases about the target group, pronouns and adverbs say nothing about what is
done and go.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dutch import Analysis, Phrase, Token
from assistant.flows import clauses
from assistant.flows.doelgroep import Doelgroep
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import Vocabulary, in_pp


def nominalised(vocab: Vocabulary, question: Sequence[Token], frame: int, offset: int) -> Concept | None:
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
    verbs = [v for v in verbs if v not in vocab.light_words] or verbs
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
    body = _without_levels(vocab.who, body)
    counting = clauses.quantities(body)  # "twee keer per week": how often, not what is done
    body = [t for i, t in enumerate(body) if i not in counting]
    phrases = [p for p in Analysis((tuple(body),)).noun_phrases() if p.head is not None]
    free = [p for p in phrases if not in_pp(body, p)]
    thing = free[-1] if free else None  # none: an intransitive verb ("om later te beginnen")
    start = body.index(thing.tokens[0]) if thing is not None else len(body) + 1
    if thing is not None and start > 0 and clauses.measure_before(body[start - 1], thing.tokens[0]):
        # "het aantal | toetsen" (the chunker may split them): the measure belongs to the object
        start -= 1
        thing = Phrase((body[start], *thing.tokens))
    middle: list[Token] = []
    group = vocab.about_group(body)  # "voor onze eerstejaars"
    for index, token in enumerate(body):
        if index in group or (thing and token in thing.tokens) or index == start - 1:
            continue
        if token.tag in {"VNW", "BW"} or (token.is_noun and vocab.group_word(token)):
            continue  # pronouns and adverbs ("pas", "meer") say nothing about what is done
        if token.is_adjective and token.lemma.lower() in vocab.light_words:
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
        entry = vocab.evidenced(body[0], body[0].lemma, verbs[-1])
        label = f"het {' '.join(verbs)} van {rest}"
        return Concept(label, entry, at, at + len(clause), True, head=verbs[-1], noun=body[0].lemma.lower())
    if thing is None or thing.head is None:
        # "om begrijpend lezen in de zaakvakken te doen": a light verb adds nothing to the activity
        done = [] if said and all(v in vocab.light_words for v in verbs) else verbs
        objects = [t for t in middle if t.is_noun]
        if not done and middle[0].tag == "VZ" and objects:
            # "om met een beloningssysteem te werken": a light verb's prepositional object is the measure
            head = objects[-1]
            label = " ".join([*said[1:], *(t.text.lower() for t in tail if t.tag != "VNW")])
            entry = vocab.evidenced(head, head.lemma)
            return Concept(label, entry, at, at + len(clause), True, head=head.lemma.lower())
        label = " ".join(["het", *said, *done, *(t.text.lower() for t in tail if t.tag != "VNW")])
        verb = clause[te + count]
        entry = vocab.evidenced(verb, verbs[-1], lemma=verbs[-1])
        return Concept(label, entry, at, at + len(clause), True, head=verbs[-1])
    article = body[start - 1].text.lower() if start and body[start - 1].tag == "LID" else ""
    article = article or ("de" if "mv" in thing.head.features else "")
    noun = " ".join(t.text if t.tag == "SPEC" else t.text.lower() for t in thing.tokens)
    if verbs == [verbs[0]] and verbs[0] in vocab.light_words and (not middle or middle[0].tag == "VZ"):
        # a light verb says nothing of the measure: "om meer praktijkopdrachten in de lessen te doen"
        # → "praktijkopdrachten in de lessen" (not "het in de lessen doen van de praktijkopdrachten")
        own = body[start - 1].text.lower() if start and body[start - 1].tag == "LID" else ""
        label = " ".join([*([own] if own else []), noun, *said])
    else:
        label = f"het {' '.join([*said, *verbs])} van {f'{article} ' if article else ''}{noun}"
    label += "".join(f" {t.text.lower()}" for t in tail if t.tag != "VNW")
    entry = vocab.evidenced(thing.head, verbs[-1], thing.head.lemma)
    return Concept(label, entry, at, at + len(clause), True, head=verbs[-1], noun=noun)


def _without_levels(who: Doelgroep, tokens: list[Token]) -> list[Token]:
    """The tokens without a prepositional phrase that names a level ("in groep 3", "voor klas 2"):
    the target group's, not the measure's; the chunker may join its number to the next phrase
    ("groep [3 de leesles]")."""
    for i in range(len(tokens) - 2):
        level = f"{tokens[i + 1].text} {tokens[i + 2].text}"
        if tokens[i].tag == "VZ" and who.levels.fullmatch(level):
            return [*tokens[:i], *tokens[i + 3 :]]
    return tokens
