"""Probleemanalyse (aanbeveling 1): one question at a time, ending in a werkblad for the team meeting.

The steps are defined in ``prompts/flows/probleemanalyse.toml``; their questions are the leidraad's
own ("Vragen voor docenten die leidend kunnen zijn tijdens de probleemanalyse", "In het verbeterplan
staan: …"), each with the passage that backs it. For po and mbo the wording follows the sector
(leerkrachten, studenten, opleiding) and the sector poster's bullet is cited as well.

Usage::

    flow = Probleemanalyse(core.store)
    session = flow.start("Leerlingen plannen hun huiswerk slecht", sector="vo")
    session.current.vraag            # "Wat is het probleem of de verbeterwens?"
    session.answer("…"); session.skip(); session.back(); session.edit("tijdpad", "…")
    saved = session.to_json()        # later: flow.resume(saved)
    to_markdown(session.werkblad())
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import LeidraadIndex, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, known_sector, required_text
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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fase": self.fase,
            "vraag": self.vraag,
            "uitleg": self.uitleg,
            "citations": self.citations,
        }


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

    def __init__(self, store: PassageStore, chat_model: BaseChatModel | None = None) -> None:
        self.index = LeidraadIndex(store)
        self.spec = load_spec(FLOW)
        self.rephraser = Rephraser(chat_model)

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
            definition["id"], fase["titel"], reword(vraag, words), reword(fase["uitleg"], words), citations
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
        steps = [Step(s.id, s.fase, v, s.uitleg, s.citations) for s, v in zip(steps, vragen, strict=True)]
        return ProbleemanalyseSession(state, steps, self.spec["titel"])


class ProbleemanalyseSession:
    """One team's walk through the steps: answer, skip, go back, edit, save, and the werkblad."""

    def __init__(self, state: ProbleemanalyseState, steps: list[Step], titel: str) -> None:
        self.state = state
        self.steps = steps
        self.ids = [s.id for s in steps]
        self.titel = titel

    @property
    def current(self) -> Step | None:
        """The step to show now; None when every step has been passed."""
        return self.steps[self.state.positie] if self.state.positie < len(self.steps) else None

    @property
    def done(self) -> bool:
        return self.current is None

    def answer(self, text: str) -> None:
        """Store the answer to the current step and move on."""
        step = self._require_current()
        self.edit(step.id, text)
        self.state.positie += 1

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

    def werkblad(self) -> Artifact:
        """Speerpunt, every question with its answer, the open points and the sources."""
        sources = SourceList()
        sections: dict[str, list[Entry]] = {}
        open_points = []
        for step in self.steps:
            refs = sources.ref(*step.citations)
            answer = self.state.antwoorden.get(step.id, "")
            if not answer:
                status = "overgeslagen" if step.id in self.state.overgeslagen else "nog niet beantwoord"
                open_points.append(Entry(f"{step.vraag} ({status})", refs=refs))
            sections.setdefault(step.fase, []).append(Entry(step.vraag, answer or "—", refs))
        intro = [Entry("Speerpunt", self.state.speerpunt)]
        if self.state.sector:
            intro.append(Entry("Sector", self.state.sector))
        body = [Section(fase, entries) for fase, entries in sections.items()]
        body.append(Section("Open punten", open_points or [Entry("Geen: alle vragen zijn beantwoord.")]))
        return Artifact(self.titel, intro, body, sources.items)
