"""Interview- en monitoringvragen: open questions for one speerpunt, doelgroep and fase.

Every question is derived from a question in the leidraad (the list "Interviewvragen om de huidige
situatie in beeld te brengen", "Voorbeeldvragen voor monitoren", the evaluation questions about
werkende mechanismes) and keeps that question and its passage as its source. How a leidraad question
is worded for each doelgroep is defined in ``prompts/flows/interview.toml``; the leidraad's advice on
interviewing comes with it.

The speerpunt is named after a preposition only when it is a noun phrase ("bij huiswerk plannen"). A
speerpunt written as a clause ("leerlingen komen te laat in het eerste uur") is quoted once, in a
sentence of its own, and the questions refer back to it ("Wat vind jij daar lastig aan?"): pasted after
a preposition it would not be Dutch. The Dutch analysis (``assistant.dutch``) tells the two apart.

Usage::

    generator = InterviewGenerator(core.store)
    result = generator.run("huiswerk plannen", doelgroep="leerlingen", fase="monitoren", aantal=5)
    [v.vraag for v in result.vragen]; result.to_json(); to_docx(result.to_artifact())
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.dutch import Analysis, Token, analyse
from assistant.flows import clauses
from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import LeidraadIndex, ListItem, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, choice, known_sector, required_text
from assistant.query import parse_query
from assistant.store import PassageStore

FLOW = "interview"
MAX_VRAGEN = 20
# Word classes before a verb that make it part of a noun phrase, not a clause: "bij rekenen", "het lezen",
# "Nederlands en rekenen", "goed plannen".
_NOMINAL_BEFORE_VERB = {"VZ", "LID", "VG", "ADJ", "BW", "TW"}


@dataclass(frozen=True)
class Onderwerp:
    """How the questions name the speerpunt: ``inline`` after a preposition (a noun phrase), or else
    quoted in a sentence of its own (``citaat``) that the questions refer back to.

    Usage::

        Onderwerp.of("huiswerk plannen")                    # inline, tekst "huiswerk plannen"
        Onderwerp.of("Kleuters worden te laat gebracht.")   # citaat "‘Kleuters worden te laat gebracht’"
    """

    tekst: str
    inline: bool
    vraag: bool = False  # typed as a question ("Hoe krijgen we …?"): quoted with its question mark

    @classmethod
    def of(cls, speerpunt: str) -> Onderwerp:
        vraag = speerpunt.strip().endswith("?")
        tekst = speerpunt.strip().rstrip(".!?;:").strip()
        analysis = analyse(tekst)
        # Frog may take a capitalised first word for part of a name ("Studenten" SPEC), which hides the
        # plural subject; read without that capital too, it is a clause when either reading says so.
        readings = [analysis]
        if tekst[:1].isupper() and tekst[1:2].islower():
            readings.append(analyse(tekst[0].lower() + tekst[1:]))
        # Without Frog the rules cannot tell "verzuimen" (a verb) from a noun: quoting reads well either way.
        inline = analysis.analyser == "frog" and not any(is_clause(r) for r in readings)
        first = analysis.tokens[0] if analysis.tokens else None
        # A wished change ("Meer rust in de klas", "Betere resultaten bij rekenen") is no topic to put
        # after a preposition ("Wat vind jij lastig bij meer rust …?"): it is quoted like a clause.
        inline = inline and not (first is not None and "comp" in first.features)
        if not inline or first is None:
            return cls(tekst, inline, vraag)
        if tekst[:1].isupper() and not first.text[1:].isupper() and "eigen" not in first.features:
            tekst = tekst[0].lower() + tekst[1:]  # a name keeps its capital: "Nederlands"
        if first.is_verb:  # a verb used as a noun takes "het": "bij het automatiseren van de tafels"
            tekst = f"het {tekst}"
        return cls(tekst, inline)

    @property
    def citaat(self) -> str:
        return f"‘{self.tekst[0].upper()}{self.tekst[1:]}{'?' if self.vraag else ''}’"


def is_clause(analysis: Analysis) -> bool:
    """Is the text a clause (it has a verb that is said of a subject) rather than a noun phrase?

    A finite verb or a verb particle makes a clause ("Kleuters worden te laat gebracht", "Studenten
    haken af tijdens de bpv"). Frog tags a plural present verb
    as an infinitive ("Leerlingen verzuimen …"), so a verb right after a noun or pronoun with a noun
    before it counts too, when the first of them is plural: a verb in that form agrees with a plural
    subject only, so after a singular noun it is an infinitive with its object ("feedback geven",
    "huiswerk maken"). A verb after a preposition, article, conjunction or modifier is a nominal use
    ("convergente differentiatie bij rekenen", "leren van elkaars lessen").
    """
    tokens = analysis.tokens
    for i, token in enumerate(tokens):
        # A particle left behind by a separable verb ("haken af", "stromen af": Frog may then take the
        # verb for a plural noun) is a VZ(fin); before a verb it is a preposition ("bij rekenen").
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        particle = token.tag == "VZ" and "fin" in token.features and not (following and following.is_verb)
        if token.is_finite_verb or particle:
            return True
        if i > 0 and following is not None and _separated(token, following):
            return True
        if (
            i > 0
            and token.is_verb
            and not token.is_participle
            and (tokens[i - 1].tag not in _NOMINAL_BEFORE_VERB or _numbered(tokens, i - 1))
            and _plural_subject(tokens[:i])
        ):
            return True
    return False


def _separated(verb: Token, particle: Token) -> bool:
    """A plural verb and its particle that Frog took for a noun and an adverb ("leerlingen keren terug"):
    particle + verb is a Dutch verb ("terugkeren" 4.2, "afhaken" 3.2)."""
    return (
        verb.text.lower().endswith("en")
        and particle.tag in {"BW", "VZ"}
        and clauses.separable_verb(particle.text, verb.text)
    )


def _plural_subject(before: Sequence[Token]) -> bool:
    """Is the first noun or pronoun before a verb plural, as the subject of a plural verb must be?"""
    first = next((t for t in before if t.is_noun or t.tag == "VNW"), None)
    return first is not None and "mv" in first.features


def _numbered(tokens: Sequence[Token], index: int) -> bool:
    """A number that ends a noun phrase ("groep 7", "klas 3"), not one that counts the verb's noun: the
    verb after it is said of that phrase ("Kinderen in groep 7 worden ziek gemeld")."""
    return tokens[index].tag == "TW" and index > 0 and tokens[index - 1].is_noun


@dataclass(frozen=True)
class InterviewVraag:
    """A question for the interview, the leidraad question it derives from, and that passage."""

    vraag: str
    bron_vraag: str
    citation: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"vraag": self.vraag, "bron_vraag": self.bron_vraag, "citation": self.citation}


@dataclass(frozen=True)
class InterviewResult:
    speerpunt: str
    doelgroep: str
    fase: str
    vragen: list[InterviewVraag]
    advies: list[dict[str, Any]]  # citation dicts: the leidraad's advice, quoted whole
    opmerking: str
    titel: str
    llm_used: bool = False
    sector: str | None = None  # given, or read from the speerpunt ("groep 7" → po); sets the wording

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "speerpunt": self.speerpunt,
            "doelgroep": self.doelgroep,
            "fase": self.fase,
            "sector": self.sector,
            "vragen": [v.to_json() for v in self.vragen],
            "advies": [{"text": a["text"], "citation": a} for a in self.advies],
            "opmerking": self.opmerking,
            "llm_used": self.llm_used,
        }

    def citations(self) -> list[dict[str, Any]]:
        return [*(v.citation for v in self.vragen), *self.advies]

    def to_artifact(self) -> Artifact:
        sources = SourceList()
        intro = [
            Entry("Speerpunt", self.speerpunt),
            Entry("Doelgroep", self.doelgroep),
            Entry("Fase", self.fase),
        ]
        intro += [Entry(self.opmerking)] if self.opmerking else []
        vragen = [
            Entry(
                f"{n}. {v.vraag}", f"Afgeleid van de leidraadvraag: ‘{v.bron_vraag}’", sources.ref(v.citation)
            )
            for n, v in enumerate(self.vragen, 1)
        ]
        advies = [Entry("Uit de leidraad", a["text"], sources.ref(a)) for a in self.advies]
        sections = [Section("Vragen", vragen), Section("Tips voor het interview", advies)]
        return Artifact(f"{self.titel}: {self.speerpunt}", intro, sections, sources.items)


class InterviewGenerator:
    """Picks and words the leidraad's questions; ``chat_model`` (optional) polishes the wording."""

    def __init__(self, store: PassageStore, chat_model: BaseChatModel | None = None) -> None:
        self.index = LeidraadIndex(store)
        self.spec = load_spec(FLOW)
        self.rephraser = Rephraser(chat_model)

    def doelgroepen(self) -> dict[str, str]:
        """The doelgroepen ``run`` accepts, key → label (for a choice list)."""
        return _labels(self.spec["doelgroepen"])

    def fasen(self) -> dict[str, str]:
        """The fasen ``run`` accepts, key → label."""
        return _labels(self.spec["fasen"])

    def run(
        self, speerpunt: str, doelgroep: str, fase: str, aantal: int = 8, sector: str | None = None
    ) -> InterviewResult:
        """``sector`` (po, vo, mbo; optional) words the questions as that sector speaks: a pupil in
        primary school has a "juf of meester", not "docenten". Without it, the speerpunt may name it."""
        speerpunt = required_text(speerpunt, "Vul het speerpunt in waar het interview over gaat.")
        sector = known_sector(sector) or self._sector_of(speerpunt)
        groepen, fasen = self.spec["doelgroepen"], self.spec["fasen"]
        groep = self._in_sector(groepen[choice(doelgroep, option_names(groepen), "doelgroep")], sector)
        stage = fasen[choice(fase, option_names(fasen), "fase")]
        if not 1 <= aantal <= MAX_VRAGEN:
            raise FlowInputError(f"Kies een aantal vragen tussen 1 en {MAX_VRAGEN}.")
        onderwerp = Onderwerp.of(speerpunt)
        worded = [w for item in self._leidraad_questions(stage) if (w := self._adapt(item, groep, onderwerp))]
        # The interview opens on the speerpunt: the first question that names it goes first, the others
        # keep the leidraad's order.
        opener = next((n for n, (_, names) in enumerate(worded) if names), 0)
        available = [v for v, _ in worded[opener : opener + 1] + worded[:opener] + worded[opener + 1 :]]
        if available and not onderwerp.inline:  # the speerpunt, quoted, before the first question
            first = available[0]
            inleiding = groep["inleiding"].format(speerpunt=onderwerp.citaat)
            if onderwerp.vraag:  # "… ‘Hoe krijgen we …?’" ends the sentence with the question's own mark
                inleiding = inleiding.removesuffix(".")
            available[0] = InterviewVraag(f"{inleiding} {first.vraag}", first.bron_vraag, first.citation)
        vragen = available[:aantal]
        opmerking = ""
        if len(available) < aantal:
            opmerking = (
                f"De leidraad geeft voor {groep['label']} in de fase '{stage['label']}' "
                f"{len(available)} vragen; meer worden er niet verzonnen."
            )
        context = f"doelgroep: {groep['label']}; speerpunt: {onderwerp.citaat}; fase: {stage['label']}"
        offline = [v.vraag for v in vragen]
        worded = self.rephraser.lines(FLOW, offline, context=context, accept=is_question)
        vragen = [InterviewVraag(w, v.bron_vraag, v.citation) for w, v in zip(worded, vragen, strict=True)]
        advies = [cite(self.index.passage(a["anker"])) for a in stage["advies"]]
        return InterviewResult(
            speerpunt,
            groep["label"],
            stage["label"],
            vragen,
            advies,
            opmerking,
            self.spec["titel"],
            llm_used=worded != offline,
            sector=sector,
        )

    def _sector_of(self, speerpunt: str) -> str | None:
        """The sector the speerpunt names: by name ("in het mbo", "havo 4") or by the words only one
        sector uses for its classes (``sectorwoorden``: "groep 7", "kleuters" are primary school)."""
        named = parse_query(speerpunt).sector
        if named is not None:
            return named
        words = self.spec["sectorwoorden"]
        return next((s for s, pattern in words.items() if re.search(pattern, speerpunt, re.I)), None)

    def _in_sector(self, groep: dict[str, Any], sector: str | None) -> dict[str, Any]:
        """The doelgroep's wording in ``sector``: its rules for that sector (``sectoren``) come before the
        general ones, so they word the leidraad questions they match; the sector's own words
        (``woorden``: "docenten" → "leerkrachten") replace the general ones."""
        own = groep.get("sectoren", {}).get(sector or "", {})
        regels = [*own.get("regels", []), *groep["regels"]]
        return {**groep, "regels": regels, "woorden": self.spec["woorden"].get(sector or "", {})}

    def _leidraad_questions(self, stage: dict[str, Any]) -> list[ListItem]:
        items: list[ListItem] = []
        for source in stage["bronnen"]:
            found = (
                self.index.bullets(source["lijst"])
                if "lijst" in source
                else self.index.quoted_questions(source["citaten"])
            )
            pattern = re.compile(source.get("filter", ""), re.IGNORECASE)
            items += [i for i in found if pattern.search(i.text)]
        return items

    def _adapt(
        self, item: ListItem, groep: dict[str, Any], onderwerp: Onderwerp
    ) -> tuple[InterviewVraag, bool] | None:
        """The group's wording of one leidraad question and whether it names the speerpunt; None when
        the group has no wording for it (the question does not fit the group)."""
        bron = " ".join([item.text, *item.sub])
        for rule in groep["regels"]:
            if re.search(rule["bron"], item.text, re.IGNORECASE):
                template = rule["vraag"] if onderwerp.inline else rule.get("kort", rule["vraag"])
                template = reword(template, groep.get("woorden", {}))  # the wording, not the speerpunt
                vraag = InterviewVraag(template.format(onderwerp=onderwerp.tekst), bron, cite(item.passage))
                return vraag, "kort" in rule
        return None


def option_names(options: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every accepted spelling (``namen`` and the key itself) → the option's key."""
    return {name.lower(): key for key, option in options.items() for name in [key, *option.get("namen", [])]}


def _labels(options: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {key: option["label"] for key, option in options.items()}
