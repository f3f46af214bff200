"""The kennisvraag and interview flows inside a conversation: asked for in words, refined in the next turns.

A message that asks for a flow ("help me van deze praktijkvraag een kennisvraag te maken: …",
"maak interviewvragen voor leerlingen over huiswerk plannen") runs it; a short message right after a
flow result that names what to change ("specifieker voor klas 1", "meer op motivatie", "geef Engelse
zoektermen", "voor ouders", "5 vragen") runs it again with that change. Anything else is a question
for the answerer (``handle`` returns None). The flows are the same builders the forms use.

Usage::

    flows = ChatFlows(core.store)
    reply = flows.handle("maak een kennisvraag van: Hoe kunnen we leerlingen beter leren plannen?")
    reply.text, to_markdown(reply.artifact)
    flows.handle("specifieker voor klas 1", previous=reply).params["doelgroep"]  # "klas 1"
    flows.handle("Wat zegt h6 over tijd?") is None
    message, reply = flows.handover(session.overdracht(), "interview")  # after a probleemanalyse
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel

from assistant.flows.export import Artifact
from assistant.flows.interview import MAX_VRAGEN, InterviewGenerator, option_names
from assistant.flows.kennisvraag import SHORTER, KennisvraagBuilder, KennisvraagResult
from assistant.flows.probleemanalyse import Overdracht
from assistant.flows.validation import FlowInputError
from assistant.models import Turn
from assistant.query import parse_query
from assistant.store import PassageStore

FlowName = Literal["kennisvraag", "interview"]

_QUESTION_START = re.compile(r"^\W*(wat|waarom|wanneer|welke|wie|waar|hoe|is|zijn)\b", re.I)
_REQUEST_VERB = re.compile(
    r"\b(maak|maakt|maken|make|formuleer|formuleren|herformuleer|herschrijf|herschrijven|schrijf|"
    r"schrijven|zet|zetten|omzetten|omvormen|bedenk|bedenken|help|helpen|geef|genereer|stel|opstellen|"
    r"ontwerp|kun|kunt|kan|wil|graag)\b",
    re.I,
)
_KENNISVRAAG = re.compile(r"\bkennis-?vra(?:ag|gen)\b", re.I)
_INTERVIEW = re.compile(
    r"\b(interview\w*|gespreksvragen|vragenlijst\w*|monitorings?vragen|evaluatievragen|"
    r"vragen\s+voor\s+(?:een|het)\s+(?:interview|gesprek))\b",
    re.I,
)
_QUOTED = re.compile(r"[‘“\"']([^’”\"']{8,})[’”\"']")
_AFTER_COLON = re.compile(r":\s*(.{8,})$", re.S)
_AFTER_NOUN = re.compile(
    r"\bkennis-?vraag\s+(?:\w+\s+)?(?:van|bij|over|voor)\s+(?:deze\s+|mijn\s+|onze\s+)?(.{8,})$", re.I
)
_ASKS_ASSISTANT = re.compile(r"\b(?:kun|kan|wil)\s+(?:je|jij|u)\b", re.I)  # "Kun je hier …"
_DEICTIC = re.compile(r"\b(hier|hiervan|deze|dit|die|dat|mijn vraag|vorige vraag)\b", re.I)
_FOCUS = re.compile(
    r"\b(?:meer|vooral|nadruk|focus|gericht|toegespitst)\s+(?:\w+\s+)?(?:op|over)\s+(.+)$", re.I
)
_FOR = re.compile(r"\b(?:voor|bij)\s+(.+)$", re.I)
_ENGLISH = re.compile(r"\b(engels\w*|english)\b", re.I)
_ABOUT = re.compile(r"\bover\s+(.+)$", re.I)
_NUMBER = re.compile(
    r"\b(\d{1,2}|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf)\s+(?:\w+\s+)?\w*vragen\b", re.I
)
# Not "een": "maak een paar interviewvragen" asks for more than one.
_NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "twaalf": 12,
}  # fmt: skip
# A variant offered under the kennisvraag, chosen by its kind ("de bredere", "neem de andere invalshoek",
# "korter"); "specifieker voor klas 1" names a target group instead.
_VARIANTS = (
    ("breder", re.compile(r"\b(?:breder|bredere|ruimer|ruimere|algemener|algemenere)\b", re.I)),
    ("smaller", re.compile(r"\b(?:smaller|smallere|nauwer|nauwere)\b", re.I)),
    ("andere invalshoek", re.compile(r"\b(?:invalshoek|andere hoek|ander perspectief)\b", re.I)),
    (SHORTER, re.compile(r"\b(?:korter|kortere|beknopter|bondiger)\b", re.I)),
)
_MORE = re.compile(r"\bmeer\s+vragen\b", re.I)
_FEWER = re.compile(r"\bminder\s+vragen\b", re.I)
_FILLER = re.compile(r"(?:\s+(?:graag|alsjeblieft|aub|a\.u\.b\.|please|maken|doen|zijn))+\s*$", re.I)
_MAX_REFINEMENT_WORDS = 12
KENNISVRAAG_HINT = (
    "Je kunt de kennisvraag verfijnen, bijvoorbeeld: ‘specifieker voor klas 1’, ‘meer op motivatie’, "
    "‘de bredere’ of ‘geef Engelse zoektermen’."
)
INTERVIEW_HINT = "Je kunt de vragen aanpassen, bijvoorbeeld: ‘voor ouders’, ‘voor monitoren’ of ‘5 vragen’."


@dataclass(frozen=True)
class FlowReply:
    """What a flow said in the chat: ``text`` above the result, ``artifact`` the result itself
    (with its sources), ``params`` the flow's inputs, so a next message can change them."""

    flow: FlowName
    params: dict[str, Any]
    text: str
    artifact: Artifact

    def to_json(self) -> dict[str, Any]:
        return {
            "flow": self.flow,
            "params": self.params,
            "text": self.text,
            "artifact": self.artifact.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FlowReply:
        return cls(data["flow"], dict(data["params"]), data["text"], Artifact.from_json(data["artifact"]))


@dataclass(frozen=True)
class FlowRequest:
    """A flow to run with ``params``; ``changes`` says what a refinement changed ("doelgroep: klas 1")."""

    flow: FlowName
    params: dict[str, Any]
    changes: list[str] = field(default_factory=list)
    english: bool = False


class ChatFlows:
    """Recognises flow requests and refinements in chat messages and runs the flows.

    ``chat_model`` (optional) polishes the flows' wording as in the forms.
    """

    def __init__(self, store: PassageStore, chat_model: BaseChatModel | None = None) -> None:
        self.kennisvraag = KennisvraagBuilder(store, chat_model)
        self.interview = InterviewGenerator(store, chat_model)
        self._doelgroepen = option_names(self.interview.spec["doelgroepen"])
        self._fasen = option_names(self.interview.spec["fasen"])

    def handle(
        self,
        text: str,
        history: Sequence[Turn] = (),
        previous: FlowReply | None = None,
        sector: str | None = None,
    ) -> FlowReply | None:
        """The flow's reply to ``text``, or None when ``text`` is a question for the answerer.

        ``previous`` is the flow result of the assistant's last message (refinements change it),
        ``sector`` the conversation's sector filter. Bad input raises ``FlowInputError`` (Dutch).
        """
        request = self.request(text, history, previous, sector)
        return None if request is None else self.run(request)

    def request(
        self,
        text: str,
        history: Sequence[Turn] = (),
        previous: FlowReply | None = None,
        sector: str | None = None,
    ) -> FlowRequest | None:
        """Which flow ``text`` asks for, with which inputs; None for anything else."""
        if _REQUEST_VERB.search(text) and not _asks_about(text):
            if _KENNISVRAAG.search(text):
                praktijkvraag = _payload(text) or _previous_question(text, history)
                return FlowRequest("kennisvraag", {"praktijkvraag": praktijkvraag, "sector": sector})
            if _INTERVIEW.search(text):
                return FlowRequest("interview", self._interview_params(text, sector))
        if previous is not None and _may_refine(text):
            return self._refinement(text, previous)
        return None

    def handover(self, overdracht: Overdracht, flow: FlowName) -> tuple[str, FlowReply]:
        """The kennisvraag or interview flow on what a probleemanalyse found (speerpunt, sector,
        doelgroep): the message that asks for it, to show as the user's, and the flow's reply, which
        the next messages can refine like any flow result."""
        if flow == "kennisvraag":
            message = f"Maak een kennisvraag van ons speerpunt: {overdracht.speerpunt}"
            return message, self.run(FlowRequest("kennisvraag", overdracht.kennisvraag))
        groep = self.interview.doelgroepen()[overdracht.interview_doelgroep]
        message = f"Maak interviewvragen voor {groep} over ons speerpunt: {overdracht.speerpunt}"
        return message, self.run(FlowRequest("interview", {**overdracht.interview, "aantal": 8}))

    def run(self, request: FlowRequest) -> FlowReply:
        if request.flow == "kennisvraag":
            params = dict(request.params)
            kies = params.pop("kies", None)
            result = self.kennisvraag.run(**params)
            result = result.choose(kies) if kies else result
            text = _kennisvraag_text(result, request)
            return FlowReply("kennisvraag", request.params, text, result.to_artifact())
        p = request.params
        result = self.interview.run(p["speerpunt"], p["doelgroep"], p["fase"], p["aantal"], p.get("sector"))
        changed = f"Aangepast ({', '.join(request.changes)}). " if request.changes else ""
        text = (
            f"{changed}{len(result.vragen)} interviewvragen voor {result.doelgroep} "
            f"over ‘{result.speerpunt}’ ({result.fase}), elk afgeleid van een vraag uit de leidraad. "
            f"{result.opmerking} " + INTERVIEW_HINT
        )
        return FlowReply("interview", p, " ".join(text.split()), result.to_artifact())

    # -- reading the message -------------------------------------------------------------------------

    def _interview_params(self, text: str, sector: str | None) -> dict[str, Any]:
        about = _ABOUT.search(text) or _AFTER_COLON.search(text)
        speerpunt = self._without_choices(_clean(about.group(1))) if about else ""
        if not speerpunt:
            raise FlowInputError(
                "Waar gaan de interviewvragen over? Schrijf bijvoorbeeld: "
                "‘maak interviewvragen voor leerlingen over huiswerk plannen’."
            )
        return {
            "speerpunt": speerpunt,
            "doelgroep": _named(text, self._doelgroepen) or "collegas",
            "fase": _named(text, self._fasen) or "huidige-situatie",
            "aantal": _count(text) or 8,
            "sector": sector,
        }

    def _without_choices(self, speerpunt: str) -> str:
        """ "huiswerk voor ouders bij monitoren" → "huiswerk": the doelgroep and fase are read apart."""
        names = sorted([*self._doelgroepen, *self._fasen], key=len, reverse=True)
        choices = "|".join(re.escape(n) for n in names)
        pattern = rf"\s+(?:voor|met|bij|in)\s+(?:de\s+|het\s+)?(?:{choices})\b.*$"
        return re.sub(pattern, "", speerpunt, flags=re.I).strip(" ,;:")

    def _refinement(self, text: str, previous: FlowReply) -> FlowRequest | None:
        params, changes = dict(previous.params), []
        if previous.flow == "interview":
            if doelgroep := _named(text, self._doelgroepen):
                params["doelgroep"] = doelgroep
                changes.append(f"doelgroep: {self.interview.doelgroepen()[doelgroep]}")
            if fase := _named(text, self._fasen):
                params["fase"] = fase
                changes.append(f"fase: {self.interview.fasen()[fase]}")
            if aantal := _count(text) or (_MORE.search(text) and params["aantal"] + 4):
                params["aantal"] = min(MAX_VRAGEN, aantal)
            elif _FEWER.search(text):
                params["aantal"] = max(1, params["aantal"] - 3)
            if params["aantal"] != previous.params["aantal"]:
                changes.append(f"{params['aantal']} vragen")
            about = _ABOUT.search(text)
            if about and (speerpunt := self._without_choices(_clean(about.group(1)))):
                params["speerpunt"] = speerpunt
                changes.append(f"speerpunt: {speerpunt}")
            return FlowRequest("interview", params, changes) if changes else None

        english = bool(_ENGLISH.search(text))
        if sector := parse_query(text).sector:
            params["sector"] = sector
            changes.append(f"sector: {sector}")
        if focus := _FOCUS.search(text):
            params["focus"] = _clean(focus.group(1))
            changes.append(f"nadruk op {params['focus']}")
        elif (target := _FOR.search(text)) and not parse_query(target.group(1)).sector and not english:
            params["doelgroep"] = _clean(target.group(1))
            changes.append(f"doelgroep: {params['doelgroep']}")
        if kies := next((soort for soort, pattern in _VARIANTS if pattern.search(text)), None):
            params["kies"] = kies
            changes.append(f"gekozen: {kies}")
        elif changes:  # a new wish refines the first proposal: the variants do not take it
            params.pop("kies", None)
        if not (changes or english):
            return None
        return FlowRequest("kennisvraag", params, changes, english)


def _asks_about(text: str) -> bool:
    """ "Wat is een kennisvraag?", "Hoe maak je interviewvragen?": a question about the leidraad,
    unless it carries the material to work on ("Hoe maak ik hier een kennisvraag van: …")."""
    if not _QUESTION_START.match(text):
        return False
    return not (_payload(text) or (_ASKS_ASSISTANT.search(text) and _DEICTIC.search(text)))


def _payload(text: str) -> str | None:
    """The praktijkvraag written in the message: after a colon, in quotes, or after "kennisvraag van"."""
    for pattern in (_AFTER_COLON, _QUOTED, _AFTER_NOUN):
        if match := pattern.search(text):
            return match.group(1).strip().strip("‘’“”\"'").strip()
    return None


def _previous_question(text: str, history: Sequence[Turn]) -> str:
    """ "Kun je hier een kennisvraag van maken?": the user's previous message is the praktijkvraag."""
    earlier = [t.content for t in history if t.role == "user"]
    if earlier and _DEICTIC.search(text):
        return earlier[-1]
    raise FlowInputError(
        "Van welke praktijkvraag maak ik een kennisvraag? Schrijf bijvoorbeeld: ‘maak een kennisvraag van: "
        "Hoe kunnen we leerlingen beter leren plannen?’"
    )


def _may_refine(text: str) -> bool:
    return len(text.split()) <= _MAX_REFINEMENT_WORDS and not _QUESTION_START.match(text)


def _clean(text: str) -> str:
    return _FILLER.sub("", text.strip().rstrip("?.!").strip()).strip(" ,;:")


def _named(text: str, options: dict[str, str]) -> str | None:
    """The option (key) whose name occurs in ``text`` as a whole word; the longest name wins."""
    for name in sorted(options, key=len, reverse=True):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I):
            return options[name]
    return None


def _count(text: str) -> int | None:
    match = _NUMBER.search(text)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _kennisvraag_text(result: KennisvraagResult, request: FlowRequest) -> str:
    lines = [f"Aangepast ({', '.join(request.changes)})."] if request.changes else []
    lines.append(f"Je kennisvraag: {result.kennisvraag}")
    if result.varianten:
        lines.append("Of kies een andere kennisvraag:")
        lines += [f"- {v.soort}: {v.tekst}" for v in result.varianten]
    if request.english:
        english = [term for z in result.zoektermen for term in z.engels]
        if english:
            lines.append(f"Engelse zoektermen: {', '.join(dict.fromkeys(english))}")
            lines.append(f"Zoekstring (Engels): {result.zoekstring['en']}")
        else:
            lines.append("Voor deze zoektermen ken ik geen Engelse vertaling; vertaal ze zelf.")
    lines.append(KENNISVRAAG_HINT)
    return "\n".join(lines)
