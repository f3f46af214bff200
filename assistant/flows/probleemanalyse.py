"""Probleemanalyse (aanbeveling 1): one question at a time, ending in a werkblad for the team meeting.

The steps are defined in ``prompts/flows/probleemanalyse.toml``; their questions are the leidraad's
own ("Vragen voor docenten die leidend kunnen zijn tijdens de probleemanalyse", "In het verbeterplan
staan: …"), each with the passage that backs it. For po and mbo the wording follows the sector
(leerkrachten, studenten, opleiding) and the sector poster's bullet is cited as well.

The flow responds: each answer gets a ``Terugkoppeling`` (checks on what it names, and the passage the
retriever finds for the answer; ``assistant.flows.terugkoppeling``). At the end the answers make a
concept-probleemstelling (what, for whom, since when, why it matters, which data) and an
``Overdracht``: the speerpunt, sector and doelgroep to carry into the kennisvraag and interview flows.

Usage::

    flow = Probleemanalyse(core.store, retriever=core.retriever)
    session = flow.start("Leerlingen plannen hun huiswerk slecht", sector="vo")
    session.current.vraag            # "Wat is het probleem of de verbeterwens?"
    feedback = session.answer("…")   # feedback.controles, feedback.passages
    session.skip(); session.back(); session.edit("tijdpad", "…")
    saved = session.to_json()        # later: flow.resume(saved)
    session.probleemstelling(); session.overdracht().kennisvraag
    to_markdown(session.werkblad())
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.dutch import analyse
from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.interview import FLOW as INTERVIEW
from assistant.flows.interview import option_names
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import LeidraadIndex, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.terugkoppeling import AnswerChecker, Responder, Terugkoppeling
from assistant.flows.validation import FlowInputError, known_sector, required_text
from assistant.retriever import HybridRetriever
from assistant.store import PassageStore

FLOW = "probleemanalyse"


@dataclass(frozen=True)
class Step:
    """One question of the flow, with the leidraad passages behind it (citation dicts)."""

    id: str
    fase: str
    vraag: str
    uitleg: str
    citations: list[dict[str, Any]]
    controles: tuple[str, ...] = ()  # the checks on an answer to this step (spec ``[controles]``)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fase": self.fase,
            "vraag": self.vraag,
            "uitleg": self.uitleg,
            "citations": self.citations,
        }


@dataclass(frozen=True)
class Deel:
    """One part of the concept-probleemstelling: the team's own words, or ``open`` with what to add."""

    label: str
    tekst: str
    open: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "tekst": self.tekst, "open": self.open}


@dataclass(frozen=True)
class Overdracht:
    """What the kennisvraag and interview flows take over from a probleemanalyse.

    ``doelgroep`` is the group the answers name, in their words ("brugklasleerlingen"), for the
    kennisvraag; ``interview_doelgroep`` the interview flow's choice it falls under ("leerlingen").
    """

    speerpunt: str
    sector: str | None
    doelgroep: str | None
    interview_doelgroep: str
    interview_fase: str = "huidige-situatie"  # the step after the probleemanalyse: the current situation

    @property
    def kennisvraag(self) -> dict[str, Any]:
        """``KennisvraagBuilder.run`` keyword arguments."""
        return {"praktijkvraag": self.speerpunt, "sector": self.sector, "doelgroep": self.doelgroep}

    @property
    def interview(self) -> dict[str, Any]:
        """``InterviewGenerator.run`` keyword arguments."""
        return {
            "speerpunt": self.speerpunt,
            "doelgroep": self.interview_doelgroep,
            "fase": self.interview_fase,
            "sector": self.sector,
        }

    def to_json(self) -> dict[str, Any]:
        return {"kennisvraag": self.kennisvraag, "interview": self.interview}


@dataclass
class ProbleemanalyseState:
    """Everything a session needs to be saved and resumed (plain JSON)."""

    speerpunt: str
    sector: str | None = None
    positie: int = 0
    antwoorden: dict[str, str] = field(default_factory=dict)
    overgeslagen: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "speerpunt": self.speerpunt,
            "sector": self.sector,
            "positie": self.positie,
            "antwoorden": dict(self.antwoorden),
            "overgeslagen": list(self.overgeslagen),
        }


class Probleemanalyse:
    """Builds the steps from the store and starts or resumes sessions.

    ``chat_model`` (optional) makes the questions concrete for the speerpunt; the leidraad's own
    question stays in the citation, and any failure keeps the offline question.
    """

    def __init__(
        self,
        store: PassageStore,
        chat_model: BaseChatModel | None = None,
        retriever: HybridRetriever | None = None,
    ) -> None:
        self.index = LeidraadIndex(store)
        self.spec = load_spec(FLOW)
        self.rephraser = Rephraser(chat_model)
        self.checker = AnswerChecker(self.spec["controles"])
        self.responder = Responder(self.checker, retriever)

    def steps(self, sector: str | None = None) -> list[Step]:
        """The flow's steps in order, worded for ``sector``."""
        sector = known_sector(sector)
        fasen = {fase["id"]: fase for fase in self.spec["fasen"]}
        words = self.spec["sectoren"].get(sector or "vo", {}).get("woorden", {})
        return [
            self._step(definition, fasen[definition["fase"]], sector, words)
            for definition in self.spec["stappen"]
        ]

    def _step(
        self, definition: dict[str, Any], fase: dict[str, Any], sector: str | None, words: dict[str, str]
    ) -> Step:
        if "lijst" in definition:
            item = next(
                i
                for i in self.index.bullets(definition["lijst"])
                if re.search(definition["punt"], i.text, re.IGNORECASE)
            )
            punt = item.text.rstrip(";.")
            vraag = definition.get("vraag", "{punt}").format(punt=punt)
            passages = [item.passage]
        else:
            vraag = definition["vraag"]
            passages = [self.index.passage(definition["anker"])]
        passages.append(self.index.passage(fase["anker"]))
        if sector in ("po", "mbo"):
            passages.append(self.index.bullet(fase["poster"], sector).passage)
        citations = list({p.id: cite(p) for p in passages}.values())
        return Step(
            definition["id"],
            fase["titel"],
            reword(vraag, words),
            reword(fase["uitleg"], words),
            citations,
            tuple(definition.get("controles", ())),
        )

    def start(self, speerpunt: str, sector: str | None = None) -> ProbleemanalyseSession:
        speerpunt = required_text(speerpunt, "Vul eerst het speerpunt in waar het team aan werkt.")
        return self._session(ProbleemanalyseState(speerpunt, known_sector(sector)))

    def resume(self, data: dict[str, Any]) -> ProbleemanalyseSession:
        """A session from saved JSON (``session.to_json()``) or a hand-written answers file."""
        if not isinstance(data, dict):
            raise FlowInputError("Het opgeslagen werkblad is geen geldig JSON-object.")
        state = ProbleemanalyseState(
            speerpunt=required_text(data.get("speerpunt"), "Het opgeslagen werkblad heeft geen speerpunt."),
            sector=known_sector(data.get("sector")),
            positie=data.get("positie", 0) if isinstance(data.get("positie", 0), int) else 0,
            antwoorden={str(k): str(v) for k, v in (data.get("antwoorden") or {}).items()},
            overgeslagen=[str(s) for s in data.get("overgeslagen") or []],
        )
        session = self._session(state)
        unknown = sorted((set(state.antwoorden) | set(state.overgeslagen)) - set(session.ids))
        if unknown:
            raise FlowInputError(
                f"Onbekende stap(pen): {', '.join(unknown)}. Geldige stappen: {', '.join(session.ids)}."
            )
        state.positie = min(max(state.positie, 0), len(session.steps))
        return session

    def _session(self, state: ProbleemanalyseState) -> ProbleemanalyseSession:
        steps = self.steps(state.sector)
        vragen = self.rephraser.lines(
            FLOW, [s.vraag for s in steps], context=state.speerpunt, accept=is_question
        )
        steps = [
            Step(s.id, s.fase, v, s.uitleg, s.citations, s.controles)
            for s, v in zip(steps, vragen, strict=True)
        ]
        return ProbleemanalyseSession(state, steps, self.spec, self.responder)


class ProbleemanalyseSession:
    """One team's walk through the steps: answer (and get a response), skip, go back, edit, save; at
    the end a concept-probleemstelling, the hand-over to the next flows and the werkblad."""

    def __init__(
        self, state: ProbleemanalyseState, steps: list[Step], spec: dict[str, Any], responder: Responder
    ) -> None:
        self.state = state
        self.steps = steps
        self.ids = [s.id for s in steps]
        self.spec = spec
        self.titel = spec["titel"]
        self.responder = responder
        self._responses: dict[str, tuple[str, Terugkoppeling]] = {}  # step → (answer, its response)

    @property
    def current(self) -> Step | None:
        """The step to show now; None when every step has been passed."""
        return self.steps[self.state.positie] if self.state.positie < len(self.steps) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def answer(self, text: str) -> Terugkoppeling | None:
        """Store the answer to the current step, move on, and return the response to the answer
        (None for an empty answer)."""
        step = self._require_current()
        self.edit(step.id, text)
        self.state.positie += 1
        return self.terugkoppeling(step.id)

    def terugkoppeling(self, step_id: str) -> Terugkoppeling | None:
        """The response to the answer of step ``step_id`` (computed once per answer text)."""
        step = self.steps[self._position(step_id)]
        answer = self.state.antwoorden.get(step_id)
        if not answer:
            return None
        if (known := self._responses.get(step_id)) is None or known[0] != answer:
            cited = [c["id"] for c in step.citations]
            feedback = self.responder.respond(step.id, list(step.controles), cited, answer, self.state.sector)
            self._responses[step_id] = (answer, feedback)
        return self._responses[step_id][1]

    def skip(self) -> None:
        step = self._require_current()
        if step.id not in self.state.overgeslagen:
            self.state.overgeslagen.append(step.id)
        self.state.positie += 1

    def back(self) -> None:
        self.state.positie = max(self.state.positie - 1, 0)

    def go_to(self, step_id: str) -> None:
        self.state.positie = self._position(step_id)

    def edit(self, step_id: str, text: str) -> None:
        """Change the answer to any step; an empty answer marks the step as open again."""
        self._position(step_id)
        text = (text or "").strip()
        if text:
            self.state.antwoorden[step_id] = text
            self.state.overgeslagen = [s for s in self.state.overgeslagen if s != step_id]
        else:
            self.state.antwoorden.pop(step_id, None)

    def to_json(self) -> dict[str, Any]:
        return self.state.to_json()

    def _position(self, step_id: str) -> int:
        if step_id not in self.ids:
            raise FlowInputError(f"Onbekende stap '{step_id}'. Geldige stappen: {', '.join(self.ids)}.")
        return self.ids.index(step_id)

    def _require_current(self) -> Step:
        if self.current is None:
            raise FlowInputError("Alle vragen zijn doorlopen. Ga terug om een antwoord te wijzigen.")
        return self.current

    def probleemstelling(self) -> list[Deel]:
        """The concept-probleemstelling: per part the answers to its steps, else the sentences of any
        answer that name what it needs (a time, people, data), else open with the question to answer."""
        checker, antwoorden = self.responder.checker, self.state.antwoorden
        delen = []
        for deel in self.spec["probleemstelling"]:
            texts = [antwoorden[s] for s in deel["stappen"] if s in antwoorden]
            if not texts and (naam := deel.get("controle")):
                answers = [antwoorden[s] for s in deel["uit"] if s in antwoorden]
                texts = list(dict.fromkeys(z for a in answers for z in checker.sentences_naming(a, naam)))
            if texts:
                delen.append(Deel(deel["label"], " ".join(texts)))
            else:
                delen.append(Deel(deel["label"], f"Nog open. {deel['ontbreekt']}", open=True))
        return delen

    def overdracht(self) -> Overdracht:
        """Speerpunt, sector and doelgroep for the kennisvraag and interview flows. The doelgroep is the
        first group of people the answers name (who is involved first, then the problem), in their words."""
        groepen = option_names(load_spec(INTERVIEW)["doelgroepen"])
        texts = [self.state.antwoorden.get(s, "") for s in ("betrokkenen", "probleem")] + [
            self.state.speerpunt
        ]
        for text in texts:
            for phrase in analyse(text).noun_phrases() if text else []:
                head = phrase.head
                forms = {head.lemma.lower(), head.text.lower()} if head else set()
                key = next((groepen[f] for f in forms if f in groepen), None)
                key = key or next((v for n, v in groepen.items() for f in forms if f.endswith(n)), None)
                if key:
                    return Overdracht(self.state.speerpunt, self.state.sector, phrase.text, key)
        return Overdracht(self.state.speerpunt, self.state.sector, None, "collegas")

    def werkblad(self) -> Artifact:
        """Speerpunt, the concept-probleemstelling, every question with its answer and what the answer
        still lacks, the open points, the hand-over to the next flows and the sources."""
        sources = SourceList()
        sections: dict[str, list[Entry]] = {}
        open_points = []
        for step in self.steps:
            refs = sources.ref(*step.citations)
            answer = self.state.antwoorden.get(step.id, "")
            if not answer:
                status = "overgeslagen" if step.id in self.state.overgeslagen else "nog niet beantwoord"
                open_points.append(Entry(f"{step.vraag} ({status})", refs=refs))
                sections.setdefault(step.fase, []).append(Entry(step.vraag, "—", refs))
                continue
            feedback = self.terugkoppeling(step.id)
            assert feedback is not None
            missing = [c.tekst for c in feedback.controles if not c.gevonden]
            text = answer + "".join(f"\n\nAanvullen: {m}" for m in missing)
            refs += sources.ref(*feedback.passages)
            sections.setdefault(step.fase, []).append(Entry(step.vraag, text, refs))
        intro = [Entry("Speerpunt", self.state.speerpunt)]
        if self.state.sector:
            intro.append(Entry("Sector", self.state.sector))
        stelling = Section(
            "Concept-probleemstelling", [Entry(d.label, d.tekst) for d in self.probleemstelling()]
        )
        body = [stelling, *(Section(fase, entries) for fase, entries in sections.items())]
        body.append(Section("Open punten", open_points or [Entry("Geen: alle vragen zijn beantwoord.")]))
        body.append(Section("Verder", self._verder()))
        return Artifact(self.titel, intro, body, sources.items)

    def _verder(self) -> list[Entry]:
        o = self.overdracht()
        doelgroep = f", doelgroep {o.doelgroep}" if o.doelgroep else ""
        sector = f", sector {o.sector}" if o.sector else ""
        return [
            Entry(
                "Van praktijkvraag naar kennisvraag",
                f"Zoek uit wat bekend is over het speerpunt ‘{o.speerpunt}’{sector}{doelgroep}.",
            ),
            Entry(
                "Interviewvragen",
                f"Breng de huidige situatie in beeld met interviewvragen voor "
                f"{load_spec(INTERVIEW)['doelgroepen'][o.interview_doelgroep]['label']}.",
            ),
        ]
