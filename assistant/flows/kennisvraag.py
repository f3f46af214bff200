"""Praktijkvraag → kennisvraag (aanbeveling 5, "Formuleer een zoekvraag"), with a zoekplan.

From a praktijkvraag the flow proposes a kennisvraag (about the knowledge the team needs, not about
its own action), explains the difference with the leidraad's own example, suggests zoektermen in
Dutch and English, and lists the bronnen and the criteria for judging literature that the leidraad
names — read from the passages, each with its citation.

Usage::

    builder = KennisvraagBuilder(core.store)
    result = builder.run("Hoe kunnen we beter gebruikmaken van ICT tijdens het huiswerk?", sector="vo")
    result.kennisvraag, result.to_json()["bronnen"], to_markdown(result.to_artifact())
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bm25s.stopwords import STOPWORDS_DUTCH
from langchain_core.language_models import BaseChatModel
from wordfreq import zipf_frequency

from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import Cited, LeidraadIndex, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, known_sector, required_text
from assistant.models import Passage
from assistant.store import PassageStore

FLOW = "kennisvraag"
_WORD = re.compile(r"[^\W\d_][\w-]*")
_OWN_ACTION = re.compile(r"\b(we|wij|ons|onze|jullie|ik)\b", re.IGNORECASE)
_QUOTED = re.compile(r"‘[^’]*’")
_DOMAIN = re.compile(r"\b(?:www\.)?([A-Za-z][\w-]*\.(?:nl|com|org))\b")
_NAME_RUN = re.compile(r"(?<![\w.])(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*")
_STRATEGY = re.compile(r"\bheet (\w+):")
_SUITABLE = re.compile(r"dat het (\w+) is \(([^)]+)\)")
_SENTENCE = re.compile(r"(?<=[.!?’])\s+(?=[A-Z‘])")
_COMMON_WORD_ZIPF = 4.0  # single capitalised words this common in Dutch are sentence words, not names


@dataclass(frozen=True)
class Zoekterm:
    term: str
    synoniemen: list[str]
    engels: list[str]


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

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "praktijkvraag": self.praktijkvraag,
            "sector": self.sector,
            "doelgroep": self.doelgroep,
            "kennisvraag": {"tekst": self.kennisvraag, "citations": self.kennisvraag_citations},
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
        ]
        intro = [Entry(label, value) for label, value in facts if value]
        terms = [
            Entry(
                f"{z.term} — synoniemen: {', '.join(z.synoniemen) or '—'}; "
                f"Engels: {', '.join(z.engels) or '—'}"
            )
            for z in self.zoektermen
        ]
        # Sources are numbered as they first appear in the document, so refs are taken in reading order.
        sections = [
            Section("Kennisvraag", [Entry(self.kennisvraag, refs=sources.ref(*self.kennisvraag_citations))]),
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
    (kept only if it is still a kennisvraag and cites nothing new)."""

    def __init__(self, store: PassageStore, chat_model: BaseChatModel | None = None) -> None:
        self.index = LeidraadIndex(store)
        self.spec = load_spec(FLOW)
        self.glossary: dict[str, dict[str, list[str]]] = load_spec("zoektermen")["termen"]
        self.rephraser = Rephraser(chat_model)
        self._not_topic = set(STOPWORDS_DUTCH) | set(self.spec["woorden"]["geen_onderwerp"])

    def run(
        self, praktijkvraag: str, sector: str | None = None, doelgroep: str | None = None
    ) -> KennisvraagResult:
        praktijkvraag = required_text(
            praktijkvraag,
            "Vul een praktijkvraag in, bijvoorbeeld: ‘Hoe kunnen we leerlingen beter leren plannen?’",
        )
        sector = known_sector(sector)
        doelgroep = (doelgroep or "").strip() or None
        terms = self.terms(praktijkvraag)
        if not terms:
            raise FlowInputError(
                "Ik vind geen onderwerp in deze praktijkvraag. Noem waar het over gaat, bijvoorbeeld: "
                "‘Hoe kunnen we de woordenschat van leerlingen vergroten?’"
            )
        anchors = self.spec["ankers"]
        zoekvraag = self.index.passage(anchors["zoekvraag"])
        offline = self._template(terms, sector, doelgroep)
        kennisvraag = self.rephraser.line(
            FLOW, offline, context=praktijkvraag, material=zoekvraag.text, accept=is_kennisvraag
        )
        zoektermen = [self._zoekterm(t) for t in terms]
        return KennisvraagResult(
            praktijkvraag=praktijkvraag,
            sector=sector,
            doelgroep=doelgroep,
            kennisvraag=kennisvraag,
            kennisvraag_citations=[cite(zoekvraag), cite(self.index.passage(anchors["informatie"]))],
            verschil=self._verschil(zoekvraag),
            zoektermen=zoektermen,
            zoekstring=self._zoekstring(zoektermen),
            zoek_citation=cite(self.index.passage(anchors["bronnen"][1])),
            bronnen=self._bronnen(),
            criteria=self._criteria(sector),
            titel=self.spec["titel"],
            llm_used=kennisvraag != offline,
        )

    def terms(self, praktijkvraag: str) -> list[str]:
        """The content words of the praktijkvraag, in order, without the team's action words."""
        seen: dict[str, str] = {}
        for word in _WORD.findall(praktijkvraag):
            key = word.lower()
            if key not in self._not_topic and len(key) > 2 and key not in seen:
                seen[key] = word if word.isupper() else key
        return list(seen.values())

    def _template(self, terms: list[str], sector: str | None, doelgroep: str | None) -> str:
        templates = self.spec["sjablonen"]
        onderwerp = terms[0] if len(terms) == 1 else f"{', '.join(terms[:-1])} en {terms[-1]}"
        return templates["kennisvraag"].format(
            onderwerp=onderwerp,
            doelgroep=templates["doelgroep"].format(doelgroep=doelgroep) if doelgroep else "",
            sector=self.spec["sectoren"].get(sector or "", ""),
        )

    def _zoekterm(self, term: str) -> Zoekterm:
        entry = self.glossary.get(term.lower(), {})
        return Zoekterm(term, list(entry.get("synoniemen", [])), list(entry.get("engels", [])))

    def _zoekstring(self, zoektermen: list[Zoekterm]) -> dict[str, str]:
        def group(words: list[str]) -> str:
            quoted = [f'"{w}"' if " " in w else w for w in words]
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
            for sentence in _SENTENCE.split(passage.text.replace("\n", " ")):
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
