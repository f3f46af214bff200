"""Interview- en monitoringvragen: open questions for one speerpunt, doelgroep and fase.

Every question is derived from a question in the leidraad (the list "Interviewvragen om de huidige
situatie in beeld te brengen", "Voorbeeldvragen voor monitoren", the evaluation questions about
werkende mechanismes) and keeps that question and its passage as its source. How a leidraad question
is worded for leerlingen or ouders is defined in ``prompts/flows/interview.toml``; the leidraad's
advice on interviewing comes with it.

Usage::

    generator = InterviewGenerator(core.store)
    result = generator.run("huiswerk plannen", doelgroep="leerlingen", fase="monitoren", aantal=5)
    [v.vraag for v in result.vragen]; result.to_json(); to_docx(result.to_artifact())
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import LeidraadIndex, ListItem, cite
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, choice, required_text
from assistant.store import PassageStore

FLOW = "interview"
MAX_VRAGEN = 20


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

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "speerpunt": self.speerpunt,
            "doelgroep": self.doelgroep,
            "fase": self.fase,
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

    def run(self, speerpunt: str, doelgroep: str, fase: str, aantal: int = 8) -> InterviewResult:
        speerpunt = required_text(speerpunt, "Vul het speerpunt in waar het interview over gaat.")
        groepen, fasen = self.spec["doelgroepen"], self.spec["fasen"]
        groep = groepen[choice(doelgroep, option_names(groepen), "doelgroep")]
        stage = fasen[choice(fase, option_names(fasen), "fase")]
        if not 1 <= aantal <= MAX_VRAGEN:
            raise FlowInputError(f"Kies een aantal vragen tussen 1 en {MAX_VRAGEN}.")
        available = [
            v for item in self._leidraad_questions(stage) if (v := self._adapt(item, groep, speerpunt))
        ]
        vragen = available[:aantal]
        opmerking = ""
        if len(available) < aantal:
            opmerking = (
                f"De leidraad geeft voor {groep['label']} in de fase '{stage['label']}' "
                f"{len(available)} vragen; meer worden er niet verzonnen."
            )
        context = f"doelgroep: {groep['label']}; speerpunt: {speerpunt}; fase: {stage['label']}"
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
        )

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

    def _adapt(self, item: ListItem, groep: dict[str, Any], speerpunt: str) -> InterviewVraag | None:
        bron = " ".join([item.text, *item.sub])
        if groep.get("alle"):
            vraag = bron
            for old, new in groep.get("woorden", {}).items():
                vraag = vraag.replace(old, new.format(speerpunt=speerpunt), 1)
                if vraag != bron:
                    break
            return InterviewVraag(vraag, bron, cite(item.passage))
        for rule in groep["regels"]:
            if re.search(rule["bron"], item.text, re.IGNORECASE):
                return InterviewVraag(rule["vraag"].format(speerpunt=speerpunt), bron, cite(item.passage))
        return None


def option_names(options: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every accepted spelling (``namen`` and the key itself) → the option's key."""
    return {name.lower(): key for key, option in options.items() for name in [key, *option.get("namen", [])]}


def _labels(options: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {key: option["label"] for key, option in options.items()}
