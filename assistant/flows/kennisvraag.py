"""Praktijkvraag → kennisvraag (aanbeveling 5, "Formuleer een zoekvraag"), with a zoekplan.

From a praktijkvraag the flow proposes a kennisvraag (about the knowledge the team needs, not about
its own action), explains the difference with the leidraad's own example, suggests zoektermen in
Dutch and English, and lists the bronnen and the criteria for judging literature that the leidraad
names — read from the passages, each with its citation.

Offline, the kennisvraag turns the praktijkvraag's goal into a question about what works: "Hoe zorgen
we dat X?" asks which approaches make X happen, "Hoe kunnen we / Hoe vergroten we Y?" which help to Y;
otherwise it asks what research knows about the topic. The zoektermen are the praktijkvraag's content
words (not its frequent words, see ``_FREQUENT_ZIPF``), a known phrase kept together, each with the
synonyms, English terms and underlying concept (``begrip``) that ``prompts/flows/zoektermen.toml`` lists.

Usage::

    builder = KennisvraagBuilder(core.store)
    result = builder.run("Hoe kunnen we beter gebruikmaken van ICT tijdens het huiswerk?", sector="vo")
    result.kennisvraag, result.to_json()["bronnen"], to_markdown(result.to_artifact())
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel
from wordfreq import zipf_frequency

from assistant.flows.export import Artifact, Entry, Section, SourceList
from assistant.flows.rephrase import Rephraser, is_question
from assistant.flows.sources import Cited, LeidraadIndex, cite, reword
from assistant.flows.spec import load_spec
from assistant.flows.validation import FlowInputError, known_sector, required_text
from assistant.lexical import STOPWORDS, analyse
from assistant.models import Passage
from assistant.sentences import split_sentences
from assistant.store import PassageStore

FLOW = "kennisvraag"
_WORD = re.compile(r"[^\W\d_][\w-]*")
_OWN_ACTION = re.compile(r"\b(we|wij|ons|onze|jullie|ik)\b", re.IGNORECASE)
_QUOTED = re.compile(r"‘[^’]*’")
_DOMAIN = re.compile(r"\b(?:www\.)?([A-Za-z][\w-]*\.(?:nl|com|org))\b")
_NAME_RUN = re.compile(r"(?<![\w.])(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)*")
_STRATEGY = re.compile(r"\bheet (\w+):")
_SUITABLE = re.compile(r"dat het (\w+) is \(([^)]+)\)")
_COMMON_WORD_ZIPF = 4.0  # single capitalised words this common in Dutch are sentence words, not names
# Words more frequent than this in Dutch (zipf: "vaak" 5.6, "minder" 5.5, "tijd" 6.0) say how, not what;
# topic words stay below it ("ouders" 5.3, "lezen" 5.3, "spullen" 4.6, "brugklas" 3.1).
_FREQUENT_ZIPF = 5.45
_LONGEST_PHRASE = 3  # words in the longest zoekterm of the glossary
_PEOPLE = "we|wij|ik|je|jullie"
_MODALS = "kunnen|kun|kan|moeten|moet|gaan|willen"
# "Hoe zorgen we (ervoor) dat X?", "Hoe kunnen we ervoor zorgen dat X?" → the goal is the clause X.
_DAT_GOAL = re.compile(
    rf"^\s*hoe\s+(?:(?:{_MODALS})\s+(?:{_PEOPLE})\s+(?:er\s*voor\s+)?zorgen|zorg(?:en)?\s+(?:{_PEOPLE})"
    rf"(?:\s+er\s*voor)?)\s+dat\s+(?P<goal>.+?)[\s?.!]*$",
    re.IGNORECASE,
)
# "Hoe kunnen we leerlingen beter leren plannen?" → the goal is the verb phrase.
_MODAL_GOAL = re.compile(rf"^\s*hoe\s+(?:{_MODALS})\s+(?:{_PEOPLE})\s+(?P<goal>.+?)[\s?.!]*$", re.IGNORECASE)
# "Hoe vergroten we de woordenschat?": with "we" the finite verb is the infinitive.
_VERB_GOAL = re.compile(r"^\s*hoe\s+(?P<verb>\w+)\s+(?:we|wij|jullie)\s+(?P<goal>.+?)[\s?.!]*$", re.I)
_OWN = {
    "we": "docenten",
    "wij": "docenten",
    "ik": "de docent",
    "jullie": "het team",
    "onze": "de",
    "ons": "het",
}
_TARGET_GROUP = re.compile(
    r"\b(?:leerlingen|studenten|kinderen|jongeren|docenten|leraren|leerkrachten|ouders)\s+(?:in|uit|van)\s+"
    r"(?:de\s+|het\s+)?(?:(?:klas|groep|leerjaar)\s*\d+|[^\W\d_]+)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"\b(?:of|dat|wat|waarom|hoe|wie|welke|wanneer)\b", re.IGNORECASE)  # "Hoe weten we of …"
_CLASS = re.compile(r"^(?:klas|groep|leerjaar)\s*\d+$", re.IGNORECASE)


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
    focus: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": FLOW,
            "praktijkvraag": self.praktijkvraag,
            "sector": self.sector,
            "doelgroep": self.doelgroep,
            "focus": self.focus,
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
            ("Nadruk op", self.focus),
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
        glossary: dict[str, dict[str, Any]] = load_spec("zoektermen")["termen"]
        # Looked up by the analysed (stemmed) words too, so "spul" finds "spullen".
        self.glossary = {**{" ".join(analyse(k)): v for k, v in glossary.items()}, **glossary}
        self.rephraser = Rephraser(chat_model)
        self._not_topic = STOPWORDS | set(self.spec["woorden"]["geen_onderwerp"])
        self._verbs = _VerbPhrase.from_spec(self.spec["grammatica"])

    def run(
        self,
        praktijkvraag: str,
        sector: str | None = None,
        doelgroep: str | None = None,
        focus: str | None = None,
    ) -> KennisvraagResult:
        """``focus`` (optional) is what the kennisvraag should stress ("motivatie"), e.g. when a
        teacher refines it in the chat."""
        praktijkvraag = required_text(
            praktijkvraag,
            "Vul een praktijkvraag in, bijvoorbeeld: ‘Hoe kunnen we leerlingen beter leren plannen?’",
        )
        sector = known_sector(sector)
        doelgroep = (doelgroep or "").strip() or None
        focus = (focus or "").strip() or None
        terms = self.terms(praktijkvraag)
        if not terms:
            raise FlowInputError(
                "Ik vind geen onderwerp in deze praktijkvraag. Noem waar het over gaat, bijvoorbeeld: "
                "‘Hoe kunnen we de woordenschat van leerlingen vergroten?’"
            )
        anchors = self.spec["ankers"]
        zoekvraag = self.index.passage(anchors["zoekvraag"])
        offline = self._template(praktijkvraag, terms, sector, doelgroep, focus)
        kennisvraag = self.rephraser.line(
            FLOW, offline, context=praktijkvraag, material=zoekvraag.text, accept=is_kennisvraag
        )
        extra = [t for t in self.terms(focus) if t not in terms] if focus else []
        zoektermen = [self._zoekterm(t) for t in [*terms, *extra]]
        found = _TARGET_GROUP.search(praktijkvraag)
        return KennisvraagResult(
            praktijkvraag=praktijkvraag,
            sector=sector,
            doelgroep=doelgroep or (found.group(0) if found else None),
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
            focus=focus,
        )

    def terms(self, praktijkvraag: str) -> list[str]:
        """The zoektermen in a praktijkvraag, in order: glossary phrases whole, then content words
        (not stop words, the team's action words or very frequent words). "ICT" keeps its capitals."""
        words = _WORD.findall(praktijkvraag)
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(_LONGEST_PHRASE, len(words) - i), 1, -1):
                phrase = " ".join(words[i : i + n]).lower()
                # Every word of a phrase counts: "in de brugklas" is the word "brugklas", not a phrase.
                if len(analyse(phrase)) == n and self._entry(phrase) is not None:
                    found.append(phrase)
                    i += n
                    break
            else:
                word = words[i]
                if self._is_topic(word.lower()):  # names keep their capital: "ICT", "Frans"
                    found.append(word if word.isupper() or (i and word[0].isupper()) else word.lower())
                i += 1
        return list(dict.fromkeys(found))

    def _is_topic(self, word: str) -> bool:
        if len(word) <= 2 or word in self._not_topic:
            return False
        return self._entry(word) is not None or zipf_frequency(word, "nl") <= _FREQUENT_ZIPF

    def _entry(self, term: str) -> dict[str, Any] | None:
        return self.glossary.get(term.lower()) or self.glossary.get(" ".join(analyse(term)) or "\0")

    def _template(
        self,
        praktijkvraag: str,
        terms: list[str],
        sector: str | None,
        doelgroep: str | None,
        focus: str | None,
    ) -> str:
        """The praktijkvraag's goal as a question about what works, or else about its topic."""
        templates = self.spec["sjablonen"]
        begrippen = list(dict.fromkeys(b for t in terms if (b := (self._entry(t) or {}).get("begrip"))))
        group = None
        named = _TARGET_GROUP.search(praktijkvraag)
        if (
            doelgroep
            and doelgroep.lower() not in praktijkvraag.lower()
            and not (named and _CLASS.match(doelgroep))
        ):
            group = f"leerlingen in {doelgroep}" if _CLASS.match(doelgroep) else doelgroep
        parts = {
            "doelgroep": templates["doelgroep"].format(doelgroep=group) if group else "",
            "sector": self.spec["sectoren"].get(sector or "", ""),
            "begrip": f" ({', '.join(begrippen[:2])})" if begrippen else "",
            "focus": templates["focus"].format(focus=focus) if focus else "",
        }
        if match := _DAT_GOAL.match(praktijkvraag):
            return templates["kennisvraag_dat"].format(
                doel=self._for_group(match["goal"], doelgroep), **parts
            )
        goal = None
        if modal := _MODAL_GOAL.match(praktijkvraag):
            goal = self._verbs.with_te(modal["goal"])
        elif (match := _VERB_GOAL.match(praktijkvraag)) and not _CLAUSE.search(match["goal"]):
            words = match["goal"].split()
            if words[0].lower() in self._verbs.particles:  # "Hoe gaan we om met X" → "met X om te gaan"
                words = [*words[1:], words[0]]
            goal = " ".join([*words, "te", match["verb"]])
        if goal:
            return templates["kennisvraag_om"].format(doel=self._for_group(goal, doelgroep), **parts)
        onderwerp = terms[0] if len(terms) == 1 else f"{', '.join(terms[:-1])} en {terms[-1]}"
        return templates["kennisvraag"].format(onderwerp=onderwerp, **parts)

    @staticmethod
    def _for_group(goal: str, doelgroep: str | None) -> str:
        """The goal in general words, for the class asked for: "leerlingen in de brugklas" becomes
        "leerlingen in klas 1" when the doelgroep is "klas 1"."""
        named = _TARGET_GROUP.search(goal)
        if doelgroep and named and _CLASS.match(doelgroep):
            goal = goal.replace(named.group(0), f"leerlingen in {doelgroep}")
        return _impersonal(goal)

    def _zoekterm(self, term: str) -> Zoekterm:
        entry = self._entry(term) or {}
        return Zoekterm(term, list(entry.get("synoniemen", [])), list(entry.get("engels", [])))

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


def _impersonal(text: str) -> str:
    """The team's own words made general: "onze leerlingen" → "de leerlingen", "we" → "docenten"."""
    return re.sub(
        r"\b(we|wij|ik|jullie|onze|ons)\b", lambda m: _OWN[m.group(1).lower()], text, flags=re.IGNORECASE
    )


@dataclass(frozen=True)
class _VerbPhrase:
    """Enough Dutch word order to turn a verb phrase into an "om … te" clause; the word lists are in
    ``[grammatica]`` of ``prompts/flows/kennisvraag.toml``."""

    particles: frozenset[str]  # separable verbs take "te" between their parts: "gebruik te maken"
    bases: tuple[str, ...]  # the verbs such a particle goes with ("maken", "gaan", …)
    before_noun: frozenset[str]  # after these a word in -en is a noun ("van leerlingen", "het lezen")
    not_verbs: frozenset[str]  # words in -en that are never verbs ("leerlingen", "samen")

    @classmethod
    def from_spec(cls, spec: dict[str, list[str]]) -> _VerbPhrase:
        return cls(
            frozenset(spec["partikels"]),
            tuple(spec["scheidbare_werkwoorden"]),
            frozenset(spec["voor_zelfstandig_naamwoord"]),
            frozenset(spec["geen_werkwoord"]),
        )

    def with_te(self, phrase: str) -> str | None:
        """ "leerlingen beter leren plannen" → "leerlingen beter te leren plannen", "beter gebruikmaken van
        ICT" → "beter gebruik te maken van ICT". None when no verb is found."""
        words = phrase.split()
        for i, word in enumerate(words):
            for base in self.bases:
                particle = word.lower().removesuffix(base)
                separable = particle != word.lower() and particle in self.particles
                if separable and self.is_infinitive(word, words[i - 1] if i else ""):
                    return " ".join([*words[:i], particle, "te", base, *words[i + 1 :]])
        # The verbs end the phrase, or come before a last phrase of a preposition ("… betrekken bij X").
        ends = [
            len(words),
            *(k for k in range(len(words) - 1, 0, -1) if words[k].lower() in self.before_noun),
        ]
        for end in ends:
            start = end
            while start > 0 and self.is_infinitive(words[start - 1], words[start - 2] if start > 1 else ""):
                start -= 1
            if 0 < start < end:
                return " ".join([*words[:start], "te", *words[start:]])
        return None

    def is_infinitive(self, word: str, before: str) -> bool:
        lowered = word.lower()
        return (
            len(lowered) > 3
            and lowered.endswith(("en", "aan", "ien", "oen"))  # "plannen", "tegengaan", "zien", "doen"
            and lowered not in self.not_verbs
            and before.lower() not in self.before_noun
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
