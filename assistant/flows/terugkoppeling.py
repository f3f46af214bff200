"""Respond to a team's answer in the probleemanalyse: what it already names, what it still lacks, and
the leidraad passage that fits the answer.

The checks are general signals on the answer's words, defined in ``prompts/flows/probleemanalyse.toml``
(``[controles]``): does it name data (a number, a year, or a word for a source of data: "toets",
"enquête", "observatie"), people (a role: "leerling", "mentor", also inside a compound:
"brugklasleerlingen"), a time ("sinds", a year) or an earlier attempt ("geprobeerd", "pilot")? Words are
compared by their lemma from the Dutch analysis (``assistant.dutch``), so "toetsen" counts as "toets".
The passage is found by searching the knowledge base with the answer itself.

Usage::

    checker = AnswerChecker(load_spec("probleemanalyse")["controles"])
    [c.to_json() for c in checker.check("Sinds dit jaar is 30% te laat.", ["gegevens", "sinds"])]
    responder = Responder(checker, core.retriever)
    feedback = responder.respond(step, "Sinds dit jaar komt 30% van de brugklas te laat.", sector="vo")
    feedback.controles, feedback.passages
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.dutch import Analysis, Token, analyse
from assistant.flows.sources import cite
from assistant.models import Scope
from assistant.retriever import HybridRetriever

_NUMBER = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Controle:
    """One check on an answer: ``gevonden`` says whether the answer names it; ``tekst`` what to show
    (what was found, or the question that helps to complete the answer)."""

    naam: str
    label: str
    gevonden: bool
    tekst: str

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "label": self.label, "gevonden": self.gevonden, "tekst": self.tekst}


@dataclass(frozen=True)
class Terugkoppeling:
    """The response to one answer: the checks and the passages (citation dicts) that fit it."""

    stap: str
    controles: list[Controle]
    passages: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "stap": self.stap,
            "controles": [c.to_json() for c in self.controles],
            "passages": self.passages,
        }


class AnswerChecker:
    """Checks answers against the signals in ``controles`` (the spec's ``[controles]`` table).

    Each check has a ``label``, ``ontbreekt`` (the question to ask when the answer lacks it), ``woorden``
    (lemmas; ``samenstellingen = true`` also counts compounds ending in one), and optionally
    ``getallen`` / ``jaartallen`` (a number or a year counts too).
    """

    def __init__(self, controles: dict[str, dict[str, Any]]) -> None:
        for naam, controle in controles.items():
            missing = {"label", "ontbreekt", "woorden"} - set(controle)
            if missing:
                raise ValueError(f"controle '{naam}' mist {', '.join(sorted(missing))}")
        self.controles = controles

    def check(self, answer: str, namen: list[str]) -> list[Controle]:
        analysis = analyse(answer)
        return [self._check(naam, answer, analysis) for naam in namen]

    def sentences_naming(self, text: str, naam: str) -> list[str]:
        """The sentences of ``text`` that name what check ``naam`` looks for."""
        return [s for s in _SENTENCE.split(text.strip()) if s and self.found(naam, s, analyse(s))]

    def found(self, naam: str, text: str, analysis: Analysis) -> list[str]:
        """The words (or numbers) in ``text`` that check ``naam`` counts."""
        controle = self.controles[naam]
        words = {w.lower() for w in controle["woorden"]}
        compounds = controle.get("samenstellingen", False)
        hits = [t.text for t in analysis.tokens if _names(t, words, compounds)]
        if controle.get("getallen"):
            hits += [t.text for t in analysis.tokens if _NUMBER.search(t.text) or t.tag == "TW"]
        if controle.get("jaartallen"):
            hits += _YEAR.findall(text)
        return list(dict.fromkeys(hits))

    def _check(self, naam: str, answer: str, analysis: Analysis) -> Controle:
        controle = self.controles[naam]
        hits = self.found(naam, answer, analysis)
        if hits:
            return Controle(naam, controle["label"], True, f"{controle['label']}: {', '.join(hits[:4])}")
        return Controle(naam, controle["label"], False, controle["ontbreekt"])


def _names(token: Token, words: set[str], compounds: bool) -> bool:
    text = token.text.lower()
    # Frog gives the lemma; without Frog a plural "-en"/"-s" is taken off the word itself.
    forms = {token.lemma.lower(), text, text.removesuffix("en"), text.removesuffix("s")}
    if forms & words:
        return True
    return compounds and token.is_noun and any(f.endswith(w) for f in forms for w in words)


class Responder:
    """The response to an answer: ``checker``'s checks for the step, and the passage that the
    ``retriever`` finds for the answer (one the step does not already cite).

    Usage::

        Responder(AnswerChecker(spec["controles"]), core.retriever).respond(step, answer, "vo")
    """

    def __init__(self, checker: AnswerChecker, retriever: HybridRetriever | None, passages: int = 1) -> None:
        if passages < 0:
            raise ValueError("passages must be 0 or more")
        self.checker = checker
        self.retriever = retriever
        self.passages = passages

    def respond(
        self, stap: str, controles: list[str], cited: list[str], answer: str, sector: str | None
    ) -> Terugkoppeling:
        """``cited``: ids of the passages the step shows already (not offered again)."""
        found = []
        if self.retriever is not None and self.passages:
            hits = self.retriever.search(answer, k=self.passages + len(cited), scope=Scope(sector=sector))
            found = [cite(h.passage) for h in hits if h.passage.id not in cited][: self.passages]
        return Terugkoppeling(stap, self.checker.check(answer, controles), found)
