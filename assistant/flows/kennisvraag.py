"""Praktijkvraag → kennisvraag (aanbeveling 5, "Formuleer een zoekvraag"), with a zoekplan.

From a praktijkvraag the flow proposes a kennisvraag (about the knowledge the team needs, not about
its own action), explains the difference with the leidraad's own example, suggests zoektermen in
Dutch and English, and lists the bronnen and the criteria for judging literature that the leidraad
names — read from the passages, each with its citation.

The kennisvraag takes the form that fits what the team asks (``assistant.flows.concepts`` reads it
with the Dutch analysis): a goal → which approaches work, for whom and why; a problem → its causes and
what helps; "werkt X?" → what is known about the effect of X on Y; a broad wish → what characterises
effective approaches. It names the core concepts, the target group and the sector, in one question of
at most ``MAX_WORDS`` words, with 2–3 ``varianten`` (broader, narrower, another angle). The zoektermen
are those concepts with the thesaurus's synonyms, broader terms and English (``zoektermen.toml``):
OR within a concept, AND between concepts.

Usage::

    builder = KennisvraagBuilder(core.store)
    result = builder.run("Hoe kunnen we beter gebruikmaken van ICT tijdens het huiswerk?", sector="vo")
    result.kennisvraag, result.varianten, result.to_json()["zoekstring"], to_markdown(result.to_artifact())
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from wordfreq import zipf_frequency

from assistant.dutch import Token
from assistant.flows.concepts import Concept, PraktijkvraagReader, Reading
from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import Cited, LeidraadIndex, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, known_sector, required_text
from assistant.lexical import stem_words
from assistant.models import Passage
from assistant.sentences import split_sentences
from assistant.store import PassageStore
from assistant.thesaurus import Entry as ThesaurusEntry

FLOW = "kennisvraag"
_OWN_ACTION = re.compile(r"\b(we|wij|ons|onze|jullie|ik)\b", re.IGNORECASE)
_QUOTED = re.compile(r"‘[^’]*’")
_DOMAIN = re.compile(r"\b(?:www\.)?([A-Za-z][\w-]*\.(?:nl|com|org))\b")
_NAME_RUN = re.compile(r"(?<![\w.])(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*")
_STRATEGY = re.compile(r"\bheet (\w+):")
_SUITABLE = re.compile(r"dat het (\w+) is \(([^)]+)\)")
_COMMON_WORD_ZIPF = 4.0  # single capitalised words this common in Dutch are sentence words, not names
_WORDS = re.compile(r"[\w'’-]+")
# A kennisvraag is one readable question: the Kennisrotonde's published ones stay under 35 words.
MAX_WORDS = 35
# It names at most this many of the reader's concepts: the topic and what it is weighed against or affects.
MAX_CONCEPTS = 3
_CLASS = re.compile(r"^(?:klas|groep|leerjaar)\s*\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Zoekterm:
    term: str
    synoniemen: list[str]
    engels: list[str]
    breder: list[str] = field(default_factory=list)


# What a chosen variant leaves: the first proposal among the others; "korter" chooses the shortest.
FIRST_PROPOSAL, SHORTER = "eerste voorstel", "korter"


@dataclass(frozen=True)
class Variant:
    """Another kennisvraag to offer: ``soort`` is "breder", "smaller" or "andere invalshoek" (or
    ``FIRST_PROPOSAL`` once another was chosen)."""

    soort: str
    tekst: str


@dataclass(frozen=True)
class KennisvraagResult:
    praktijkvraag: str
    sector: str | None
    doelgroep: str | None
    kennisvraag: str
    kennisvraag_citations: list[dict[str, Any]]
    verschil: Cited
    zoektermen: list[Zoekterm]
    zoekstring: dict[str, str]
    zoek_citation: dict[str, Any]
    bronnen: list[Cited]
    criteria: list[Cited]
    titel: str
    llm_used: bool = False
    focus: str | None = None
    varianten: list[Variant] = field(default_factory=list)
    vorm: str = "probleem"

    def choose(self, soort: str) -> KennisvraagResult:
        """The result with the variant of that ``soort`` as its kennisvraag ("korter": the shortest);
        the first proposal becomes a variant. Unchanged when no variant is of that soort."""
        options = [Variant(FIRST_PROPOSAL, self.kennisvraag), *self.varianten]
        if soort == SHORTER:
            chosen = min(options, key=lambda v: _words(v.tekst))
        else:
            chosen = next((v for v in self.varianten if v.soort == soort), options[0])
        rest = [v for v in options if v is not chosen]
        return replace(self, kennisvraag=chosen.tekst, varianten=rest)

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "praktijkvraag": self.praktijkvraag,
            "sector": self.sector,
            "doelgroep": self.doelgroep,
            "focus": self.focus,
            "kennisvraag": {
                "tekst": self.kennisvraag,
                "vorm": self.vorm,
                "varianten": [vars(v) for v in self.varianten],
                "citations": self.kennisvraag_citations,
            },
            "verschil": self.verschil.to_json(),
            "zoektermen": [vars(z) for z in self.zoektermen],
            "zoekstring": {**self.zoekstring, "citation": self.zoek_citation},
            "bronnen": [b.to_json() for b in self.bronnen],
            "criteria": [c.to_json() for c in self.criteria],
            "llm_used": self.llm_used,
        }

    def citations(self) -> list[dict[str, Any]]:
        """Every citation in the result (for checks against the store)."""
        cited = [self.verschil, *self.bronnen, *self.criteria]
        return [*self.kennisvraag_citations, self.zoek_citation, *(c.citation for c in cited)]

    def to_artifact(self) -> Artifact:
        sources = SourceList()
        facts = [
            ("Praktijkvraag", self.praktijkvraag),
            ("Doelgroep", self.doelgroep),
            ("Sector", self.sector),
            ("Nadruk op", self.focus),
        ]
        intro = [Entry(label, value) for label, value in facts if value]
        terms = [
            Entry(
                f"{z.term} — synoniemen: {', '.join(z.synoniemen) or '—'}; "
                f"breder: {', '.join(z.breder) or '—'}; Engels: {', '.join(z.engels) or '—'}"
            )
            for z in self.zoektermen
        ]
        # Sources are numbered as they first appear in the document, so refs are taken in reading order.
        sections = [
            Section(
                "Kennisvraag",
                [
                    Entry(self.kennisvraag, refs=sources.ref(*self.kennisvraag_citations)),
                    *(Entry(f"{v.soort.capitalize()}: {v.tekst}") for v in self.varianten),
                ],
            ),
            Section(
                "Praktijkvraag of kennisvraag?",
                [Entry(self.verschil.uitleg, refs=sources.ref(self.verschil.citation))],
            ),
            Section(
                "Zoektermen",
                [
                    *terms,
                    *(
                        Entry(f"Zoekstring ({taal}): {s}", refs=sources.ref(self.zoek_citation))
                        for taal, s in self.zoekstring.items()
                    ),
                ],
            ),
            Section(
                "Waar zoeken?",
                [Entry(f"{b.naam}: {b.uitleg}", refs=sources.ref(b.citation)) for b in self.bronnen],
            ),
            Section(
                "Is wat je vindt bruikbaar?",
                [Entry(f"{c.naam}: {c.uitleg}", refs=sources.ref(c.citation)) for c in self.criteria],
            ),
        ]
        return Artifact(self.titel, intro, sections, sources.items)


def is_kennisvraag(text: str) -> bool:
    """A question about knowledge, not about the team's own action."""
    return is_question(text) and not _OWN_ACTION.search(text)


class KennisvraagBuilder:
    """Builds a ``KennisvraagResult``; with ``chat_model`` the kennisvraag is phrased more fluently
    (kept only if it is still one kennisvraag that names the concepts found and cites nothing new)."""

    def __init__(self, store: PassageStore, chat_model: BaseChatModel | None = None) -> None:
        self.index = LeidraadIndex(store)
        self.spec = load_spec(FLOW)
        self.reader = PraktijkvraagReader()
        self.rephraser = Rephraser(chat_model)

    def run(
        self,
        praktijkvraag: str,
        sector: str | None = None,
        doelgroep: str | None = None,
        focus: str | None = None,
    ) -> KennisvraagResult:
        """``focus`` (optional) is what the kennisvraag should stress ("motivatie"), e.g. when a
        teacher refines it in the chat; ``doelgroep`` replaces the target group the praktijkvraag names."""
        praktijkvraag = required_text(
            praktijkvraag,
            "Vul een praktijkvraag in, bijvoorbeeld: ‘Hoe kunnen we leerlingen beter leren plannen?’",
        )
        sector = known_sector(sector)
        doelgroep = (doelgroep or "").strip() or None
        focus = (focus or "").strip() or None
        reading = self.reader.read(praktijkvraag, sector)
        if not reading.concepts:
            raise FlowInputError(
                "Ik vind geen onderwerp in deze praktijkvraag. Noem waar het over gaat, bijvoorbeeld: "
                "‘Hoe kunnen we de woordenschat van leerlingen vergroten?’"
            )
        group = self._group(reading.doelgroep, doelgroep)
        concepts = _chosen(reading)
        anchors = self.spec["ankers"]
        zoekvraag = self.index.passage(anchors["zoekvraag"])
        offline = self._kennisvraag(reading, concepts, group, sector, focus)
        named = [c.label for c in concepts] + ([focus] if focus else []) + ([group] if group else [])
        brief = self.spec["sjablonen"]["opdracht"].format(
            begrippen=", ".join(named), sector=self.spec["sectoren"].get(sector or "", "").strip() or "—"
        )
        kennisvraag = self.rephraser.line(
            FLOW,
            offline,
            context=f"{praktijkvraag}\n{brief}",
            material=zoekvraag.text,
            accept=lambda text: (
                is_kennisvraag(text) and _names_all(text, named) and _words(text) <= MAX_WORDS
            ),
        )
        extra = self.reader.read(focus, sector).concepts if focus else []
        # The search string combines the kennisvraag's concepts; the other concepts are offered as terms.
        searched = self._zoektermen([*concepts, *extra], focus)
        # Concepts named in passing are offered as terms only when the thesaurus knows them.
        passing = [c for c in [*reading.concepts, *reading.other] if c not in concepts and c.entry]
        zoektermen = self._zoektermen([*concepts, *extra, *passing], focus)
        return KennisvraagResult(
            praktijkvraag=praktijkvraag,
            sector=sector,
            doelgroep=group,
            kennisvraag=kennisvraag,
            kennisvraag_citations=[cite(zoekvraag), cite(self.index.passage(anchors["informatie"]))],
            verschil=self._verschil(zoekvraag),
            zoektermen=zoektermen,
            zoekstring=self._zoekstring(searched),
            zoek_citation=cite(self.index.passage(anchors["bronnen"][1])),
            bronnen=self._bronnen(),
            criteria=self._criteria(sector),
            titel=self.spec["titel"],
            llm_used=kennisvraag != offline,
            focus=focus,
            varianten=self._varianten(reading, concepts, group, sector),
            vorm=reading.vorm,
        )

    @staticmethod
    def _group(found: str | None, asked: str | None) -> str | None:
        """The target group asked for ("klas 1" → "leerlingen in klas 1"), else the one the
        praktijkvraag names."""
        if asked:
            return f"leerlingen in {asked}" if _CLASS.match(asked) else asked
        return found

    def _parts(self, group: str | None, sector: str | None) -> dict[str, str]:
        templates = self.spec["sjablonen"]
        return {
            "doelgroep": templates["doelgroep"].format(doelgroep=group) if group else "",
            "sector": self.spec["sectoren"].get(sector or "", ""),
        }

    def _kennisvraag(
        self,
        reading: Reading,
        concepts: list[Concept],
        group: str | None,
        sector: str | None,
        focus: str | None,
    ) -> str:
        """The kennisvraag in the form of the praktijkvraag; concepts are dropped from the end (never the
        first) while it is longer than ``MAX_WORDS``."""
        templates = self.spec["sjablonen"]
        outcomes = reading.outcomes(concepts) if reading.vorm == "effect" else []
        causes = [c for c in concepts if c not in outcomes]
        for n in range(len(concepts), 0, -1):
            tokens = reading.analysis.tokens
            labels = _related(concepts[:n], tokens)
            parts = self._parts(group, sector)
            uitkomst = ""
            if reading.versus and n >= 2:  # X's effect compared with the alternative it is weighed against
                uitkomst = self._usual_outcome(concepts[:1], sector)
                text = templates["vergelijking"].format(
                    x=concepts[0].label, versus=reading.versus[0].label, y=uitkomst, **parts
                )
            elif reading.vorm == "effect":  # the effect of X on Y: Y as the question names it, else the usual
                x = _related([c for c in causes if c in concepts[:n]], tokens) or [labels[0]]
                y = [_nominal(c.label) for c in outcomes if c in concepts[:n] and c.label not in x]
                uitkomst = _enumerate(y) if y else self._usual_outcome(causes, sector)
                text = templates["effect"].format(x=_enumerate(x), y=uitkomst, **parts)
            elif (
                reading.vorm == "kenmerken"
                and reading.kenmerken_van
                and (served := self._served(reading, n, concepts))
            ):
                text = templates["kenmerken_probleem"].format(
                    ding=reading.kenmerken_van, probleem=_enumerate([c.label for c in served]), **parts
                )
            elif reading.vorm == "kenmerken" and reading.kenmerken_van:
                thing = reading.kenmerken_van.split()[-1]
                rest = [label for label in labels if thing not in label]
                template = templates["kenmerken"] if rest else templates["kenmerken_zonder_onderwerp"]
                onderwerp = _enumerate(rest) if rest else ""
                text = template.format(ding=reading.kenmerken_van, onderwerp=onderwerp, **parts)
                # What such an approach is for, when the praktijkvraag does not say ("behoud").
                wished = self.reader.thesaurus.find(thing)
                if wished is not None and wished.doel and not rest:
                    text = templates["kenmerken_doel"].format(
                        ding=reading.kenmerken_van, doel=wished.doel, **parts
                    )
            elif reading.vorm == "doel" and (served := self._served(reading, n, concepts)):
                goals = _related([c for c in concepts[:n] if c not in served], tokens)
                probleem = _enumerate([c.label for c in served])
                text = templates["doel_probleem"].format(
                    onderwerp=_enumerate(goals), probleem=probleem, **parts
                )
            else:
                text = self._topic(reading.vorm, labels, concepts[:n], tokens, parts)
            if focus:
                text = text[:-1] + templates["focus"].format(focus=focus) + "?"
            if n == 1 or (reading.versus and n == 2):  # nothing left to drop, or a comparison to keep
                text = self._shortened(text, uitkomst, group, sector)
            if _words(text) <= MAX_WORDS or n == 1:
                return text
        raise AssertionError("unreachable: the loop returns at n == 1")

    @staticmethod
    def _served(reading: Reading, n: int, concepts: list[Concept]) -> list[Concept]:
        """The problems (``Reading.problem``) among the first ``n`` concepts that a goal or wish serves."""
        return [c for c in reading.problem if c in concepts[:n]]

    def _shortened(self, text: str, uitkomst: str, group: str | None, sector: str | None) -> str:
        """``text`` within ``MAX_WORDS`` if it can be, before a concept is dropped: the outcome's first part
        ("de leerresultaten" for "de leerresultaten en het welbevinden"), then without the sector when
        the target group names a class or level ("leerlingen in groep 5 en 6" says primary school)."""
        steps = [(uitkomst, uitkomst.split(" en ")[0])] if uitkomst else []
        if group and self.reader.who.levels.search(group):
            steps.append((self.spec["sectoren"].get(sector or "", ""), ""))
        for long, short in steps:
            if _words(text) <= MAX_WORDS:
                break
            if long:
                text = text.replace(long, short, 1)
        return text

    def _topic(
        self,
        form: str,
        labels: list[str],
        concepts: list[Concept],
        tokens: Sequence[Token],
        parts: dict[str, str],
    ) -> str:
        """The form (``sjablonen``) about the labels. Three read as a word list ("A, B en C"): then A
        is the topic and B and C its factors (``{form}_factoren``), if that fits in ``MAX_WORDS``."""
        templates = self.spec["sjablonen"]
        text = templates[form].format(onderwerp=_enumerate(labels), **parts)
        if len(labels) <= 2:
            return text
        factors = [_definite(c, tokens) for c in concepts if c.label in labels[1:]]
        factored = templates[f"{form}_factoren"].format(
            onderwerp=labels[0], factoren=_enumerate(factors or labels[1:]), **parts
        )
        return factored if _words(factored) <= MAX_WORDS else text

    def _usual_outcome(self, causes: list[Concept], sector: str | None) -> str:
        """What research on X usually measures (its thesaurus ``doel``), else the sector's usual outcome."""
        doel = next((c.entry.doel for c in causes if c.entry is not None and c.entry.doel), "")
        return doel or self.spec["uitkomsten"].get(sector or "", "") or self.spec["uitkomsten"]["po"]

    def _varianten(
        self, reading: Reading, concepts: list[Concept], group: str | None, sector: str | None
    ) -> list[Variant]:
        """Broader (the thesaurus's broader terms, no target group), narrower (the first concept, for the
        target group, under which conditions) and another angle (causes for a goal, approaches for a
        problem, for whom for an effect)."""
        templates = self.spec["sjablonen"]
        labels = _related(concepts, reading.analysis.tokens)
        broader = list(
            dict.fromkeys(
                term for c in concepts for term in ((c.entry.breder[:1] if c.entry else ()) or (c.label,))
            )
        )
        found = [
            Variant(
                "breder",
                templates["breder"].format(onderwerp=_enumerate(broader[:2]), **self._parts(None, sector)),
            ),
            Variant(
                "smaller", templates["smaller"].format(onderwerp=labels[0], **self._parts(group, sector))
            ),
        ]
        tokens, parts = reading.analysis.tokens, self._parts(group, sector)
        if reading.vorm == "effect":
            other = templates["voor_wie"].format(x=labels[0], **parts)
        else:
            form = "oorzaken" if reading.vorm == "doel" else "doel"
            other = self._topic(form, labels, concepts, tokens, parts)
        found.append(Variant("andere invalshoek", other))
        return [v for v in found if _words(v.tekst) <= MAX_WORDS]

    def _zoektermen(self, concepts: list[Concept], focus: str | None) -> list[Zoekterm]:
        """One zoekterm per concept: its label, the thesaurus term and synonyms, broader terms, English."""
        found: dict[str, Zoekterm] = {}
        for concept in concepts:
            entry, term = concept.entry, concept.core
            found.setdefault(term.lower(), _zoekterm(term, entry))
            if concept.context_head and (context := self.reader.thesaurus.find(concept.context_head)):
                found.setdefault(concept.context_head, _zoekterm(concept.context_head, context))
        if (
            focus
            and focus.lower() not in found
            and not any(focus.lower() in z.synoniemen for z in found.values())
        ):
            found[focus.lower()] = Zoekterm(focus, [], [])
        return list(found.values())

    def _zoekstring(self, zoektermen: list[Zoekterm]) -> dict[str, str]:
        """Per language: each zoekterm with its alternatives OR-ed, the zoektermen AND-ed. The English
        string holds the zoektermen whose English the glossary knows."""

        def group(words: list[str]) -> str:
            quoted = list(dict.fromkeys(f'"{w}"' if " " in w else w for w in words))
            return quoted[0] if len(quoted) == 1 else f"({' OR '.join(quoted)})"

        nl = " AND ".join(group([z.term, *z.synoniemen]) for z in zoektermen)
        english = [z.engels for z in zoektermen if z.engels]
        en = (
            " AND ".join(group(words) for words in english)
            or self.spec["sjablonen"]["zoekstring_zonder_engels"]
        )
        return {"nl": nl, "en": en}

    def _verschil(self, zoekvraag: Passage) -> Cited:
        text = zoekvraag.text.replace("kennis-vraag", "kennisvraag").replace(
            "praktijk-vraag", "praktijkvraag"
        )
        praktijk = re.search(r"praktijkvraag is: ‘([^’]+)’", text)
        kennis = re.search(r"kennisvraag is: ‘([^’]+)’", text)
        if not (praktijk and kennis):
            raise FlowInputError("Het voorbeeld van een praktijk- en kennisvraag ontbreekt in de kennisbank.")
        uitleg = self.spec["sjablonen"]["verschil"].format(praktijkvraag=praktijk[1], kennisvraag=kennis[1])
        return Cited("Praktijkvraag en kennisvraag", uitleg, cite(zoekvraag))

    def _bronnen(self) -> list[Cited]:
        """Websites, databases, tijdschriften and zoekstrategieën named in the leidraad's h5 passages."""
        found: dict[str, Cited] = {}
        for anchor in self.spec["ankers"]["bronnen"]:
            passage = self.index.passage(anchor)
            for sentence in split_sentences(passage.text):
                for name in _names(sentence):
                    key = re.sub(r"[^a-z]", "", name.lower().removeprefix("www."))
                    if not any(key in k or k in key for k in found):
                        found[key] = Cited(name, sentence.strip(), cite(passage))
        return list(found.values())

    def _criteria(self, sector: str | None) -> list[Cited]:
        anchors = self.spec["ankers"]
        words = self.spec["sectorwoorden"].get(sector or "", {})
        suitable = self.index.passage(anchors["geschikt"])
        criteria = [
            Cited(name, explanation, cite(suitable)) for name, explanation in _SUITABLE.findall(suitable.text)
        ]
        for item in self.index.bullets(anchors["let_op"]):
            name, _, explanation = item.text.partition(" - ")
            criteria.append(Cited(name.strip(), reword(explanation.strip(), words), cite(item.passage)))
        return criteria


def _chosen(reading: Reading) -> list[Concept]:
    """The concepts the kennisvraag names, most central first. For "does X work?": X (what the question
    names outside its outcome, in the order named) and then the outcome it names. For a goal that
    serves against a problem the story tells (or a wish that does): the goal, that problem, then side
    factors."""
    if reading.versus:  # X and the alternative it is weighed against
        return reading.concepts
    if reading.vorm in ("doel", "kenmerken") and reading.problem:
        rest = [c for c in reading.concepts if c not in reading.problem]
        return [*rest[:1], *reading.problem, *rest[1:]][:MAX_CONCEPTS]
    if reading.vorm != "effect":
        return reading.concepts[:MAX_CONCEPTS]
    outcomes = reading.outcomes(reading.concepts)
    causes = [c for c in reading.concepts if c not in outcomes]
    before = reading.outcome[0] if reading.outcome else None  # X is named before its outcome
    asked = [c for c in causes if c.in_question and (before is None or c.position < before)] or causes[:1]
    # "het inkorten van de pauze" names "pauze" already: the noun alone is no second X.
    asked = [c for c in asked if not any(o.noun.lower() == c.label.lower() for o in asked if o is not c)]
    x = sorted(asked[: MAX_CONCEPTS - min(len(outcomes), 1)], key=lambda c: c.position)
    return [*x, *outcomes][:MAX_CONCEPTS] if x else outcomes[:MAX_CONCEPTS]


def _zoekterm(term: str, entry: ThesaurusEntry | None) -> Zoekterm:
    if entry is None:
        return Zoekterm(term, [], [])
    synoniemen = [t for t in (entry.term, *entry.synoniemen) if t.lower() != term.lower()]
    return Zoekterm(term, list(dict.fromkeys(synoniemen)), list(entry.engels), list(entry.breder))


def _related(concepts: list[Concept], tokens: Sequence[Token]) -> list[str]:
    """The concepts' labels, where the praktijkvraag relates two of them by a preposition as one
    phrase ("begeleiding van een profielwerkstuk", "uitval tijdens de eerste bpv", "draagvlak voor
    vakoverstijgend onderwijs"): one readable unit instead of two loose nouns. A possessive ("hun
    stage") becomes an article."""
    pairs: dict[int, tuple[int, str]] = {}
    for i, a in enumerate(concepts):
        for j, b in enumerate(concepts):
            gap = list(tokens[a.end : b.position])
            unnamed = a.end <= a.position or b.end <= b.position  # a term the text's words only suggest
            if (
                i == j
                or unnamed
                or not _relating(gap)
                or i in pairs
                or any(j == k for k, _ in pairs.values())
            ):
                continue
            head = next((t for t in tokens[b.position : b.end] if t.is_noun), None)
            words = [_article(head) if "bez" in t.features else t.text.lower() for t in gap]
            pairs[i] = (j, f"{a.label} {' '.join(words)} {b.label}")
    joined = {k for i, (j, _) in pairs.items() for k in (i, j)}
    labels: list[str] = []
    for i, concept in enumerate(concepts):
        if i in pairs:
            labels.append(pairs[i][1])
        elif i not in joined:
            labels.append(concept.label)
    return labels


def _relating(gap: Sequence[Token]) -> bool:
    """A preposition with at most an article, possessive, adjective or number: "van een", "tijdens hun"."""
    return (
        0 < len(gap) <= 3
        and gap[0].tag == "VZ"
        and gap[0].lemma.lower() != "om"  # "beweegpauzes om de concentratie (te verhogen)": a purpose
        and all(t.tag in {"LID", "VNW", "ADJ", "TW"} for t in gap[1:])
    )


def _article(head: Token | None) -> str:
    """The definite article for a noun (a possessive's, a factor's): "het" for a singular neuter noun,
    else "de"."""
    neuter = head is not None and {"ev", "onz"} <= set(head.features)
    return "het" if neuter else "de"


def _definite(concept: Concept, tokens: Sequence[Token]) -> str:
    """The practitioner's modified noun with its definite article ("de laatste toets", "de laatste
    weken"), as a factor reads in Dutch. A bare noun ("werkdruk", "ruzies") reads as well without one
    (and Frog's gender of a mass noun is less sure); a term of the thesaurus or a phrase with its own
    article stays as it is."""
    head = next((t for t in reversed(tokens[concept.position : concept.end]) if t.is_noun), None)
    words = concept.label.split()
    if not concept.from_noun or head is None or concept.noun or len(words) < 2 or words[0] in {"de", "het"}:
        return concept.label
    if head.tag != "N" or head.text.lower() != words[-1]:
        return concept.label
    return f"{_article(head)} {concept.label}"


def _nominal(label: str) -> str:
    """An infinitive phrase as a noun: "te laat komen" → "het te laat komen" (after "op")."""
    return f"het {label}" if label.split()[0] == "te" else label


def _enumerate(labels: list[str]) -> str:
    """ "A", "A en B", "A, B en C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} en {labels[-1]}"


def _words(text: str) -> int:
    return len(_WORDS.findall(text))


def _names_all(text: str, labels: list[str]) -> bool:
    """Does ``text`` name every concept, the target group included (the last word of each label, by
    its stem: "dalende aanmeldingen" names "teruglopende aanmeldingen")?"""
    stems = set(stem_words([w.lower() for w in _WORDS.findall(text)]))
    return all(
        stem_words([_WORDS.findall(label)[-1].lower()])[0] in stems
        for label in labels
        if _WORDS.findall(label)
    )


def _names(sentence: str) -> list[str]:
    """Names of bronnen in a sentence: web addresses, capitalised names (not the first word, not
    quoted example questions, not common words) and strategies the text names ("Dat heet X:")."""
    text = _QUOTED.sub(lambda m: m.group(0) if not m.group(0).endswith("?’") else "", sentence)
    names = [m.removeprefix("www.") for m in _DOMAIN.findall(text)]
    body = text.split(" ", 1)[1] if " " in text else ""
    for run in _NAME_RUN.findall(body):
        run = run.strip().rstrip(".")
        if "." in run or (" " not in run and zipf_frequency(run.lower(), "nl") > _COMMON_WORD_ZIPF):
            continue
        names.append(run)
    names += [m.capitalize() for m in _STRATEGY.findall(text)]
    return [n.replace("-", "") if n[:1].isupper() and n.endswith(".nl") else n for n in names]
