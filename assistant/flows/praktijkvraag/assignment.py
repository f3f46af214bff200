"""The concepts checked against the descriptors the dense assignment (``assistant.flows.descriptors``)
gives the praktijkvraag: a descriptor a concept already names confirms it, another joins as a concept
of its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.dutch import Analysis, Token
from assistant.flows.descriptors import DescriptorIndex
from assistant.flows.praktijkvraag.nouns import of_het, thesaurus_phrases
from assistant.flows.praktijkvraag.reading import Concept
from assistant.flows.praktijkvraag.vocabulary import META_WORDS, Vocabulary, related_terms
from assistant.thesaurus import MIN_PART, Entry


def assigned(
    vocab: Vocabulary,
    descriptors: DescriptorIndex,
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
    Sentences too short to name a topic ("Wat doen we fout?", ``META_WORDS``) are not
    matched on their own."""
    sentences = [s for s in analysis.sentences if len([t for t in s if t.tag != "LET"]) > META_WORDS]
    starts = list(itertools.accumulate((len(s) for s in analysis.sentences), initial=0))
    texts = [" ".join(t.text for t in s) for s in sentences] if len(sentences) > 1 else []
    group = {w.lower() for w in re.findall(r"[\w-]+", doelgroep or "")}
    assignment = descriptors.assign(praktijkvraag, texts)
    concepts = [replace(c, relevance=assignment.z(c.entry)) for c in concepts]
    for assigned in assignment.assigned:
        entry = assigned.entry
        if any(vocab.thesaurus.find(word) is entry for word in group):
            continue
        names = [entry.term.lower(), *(w.lower() for w in entry.synoniemen)]
        same = [
            c
            for c in concepts
            if related_terms(c.entry, entry)
            or _siblings(c.entry, entry)
            or (len(c.head) >= MIN_PART and any(n.endswith(c.head) for n in names))
            or (c.context_head and vocab.thesaurus.find(c.context_head) is entry)
        ]
        if same:
            concepts = [_confirmed(c, entry) if c in same else c for c in concepts]
            continue
        index = analysis.sentences.index(sentences[assigned.sentence]) if assigned.sentence >= 0 else 0
        if assigned.sentence >= 0 and _echo(vocab, analysis.sentences[index], entry):
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


def _confirmed(concept: Concept, entry: Entry) -> Concept:
    """The concept the assigned descriptor ``entry`` confirms. A concept that is only the broader
    term a verb stands for ("doet niks" → motivatie) is the narrower descriptor the whole text is
    about ("onderpresteren"): the verb said little, the text says more."""
    broader = concept.entry is not None and concept.entry.term in entry.breder
    if broader and not concept.from_noun and concept.label == concept.head == concept.entry.term:
        return replace(concept, label=entry.term, head=entry.term, entry=entry, assigned=True)
    return replace(concept, assigned=True, entry=concept.entry or entry)


def _echo(vocab: Vocabulary, sentence: Sequence[Token], entry: Entry) -> bool:
    """Does the sentence name the descriptor only in words said of an impersonal "het" ("Wij horen
    het pas als het te laat is" → te laat komen)? Its likeness to the descriptor is then the
    likeness of those words, which name no topic."""
    phrases = [
        c for p, c, _ in thesaurus_phrases(vocab.thesaurus, sentence) if vocab.thesaurus.find(p) is entry
    ]
    return bool(phrases) and all(of_het(vocab, sentence, c) for c in phrases)


def _siblings(known: Entry | None, entry: Entry) -> bool:
    """Two descriptors under the same broader term ("overgang mbo-hbo", "overgang vo-mbo"): a concept of
    one already names the family, so the dense assignment of the other confirms it, it adds no topic."""
    return known is not None and bool(set(known.breder) & set(entry.breder))
