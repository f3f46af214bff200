"""Flows asked for in chat words and refined in the next turns, over the real corpus store."""

from __future__ import annotations

import pytest

from assistant.dutch import DutchAnalyser
from assistant.flows import to_markdown
from assistant.flows.chat import ChatFlows, FlowReply
from assistant.flows.kennisvraag import is_kennisvraag
from assistant.flows.validation import FlowInputError
from assistant.models import Turn
from assistant.runtime import Core

PRAKTIJKVRAAG = "Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?"


@pytest.fixture(scope="module")
def flows(corpus_core: Core, frog: DutchAnalyser) -> ChatFlows:
    return ChatFlows(corpus_core.store)


@pytest.mark.parametrize(
    "message",
    [
        f"help me van deze praktijkvraag een kennisvraag te maken: {PRAKTIJKVRAAG}",
        f"Maak een kennisvraag van ‘{PRAKTIJKVRAAG}’",
        f"Kun je een kennisvraag maken van {PRAKTIJKVRAAG}",
        f"kennisvraag formuleren graag: {PRAKTIJKVRAAG}",
    ],
)
def test_kennisvraag_requests_in_other_words(flows: ChatFlows, message: str) -> None:
    request = flows.request(message)
    assert request is not None and request.flow == "kennisvraag"
    assert request.params["praktijkvraag"].rstrip("?") == PRAKTIJKVRAAG.rstrip("?")


def test_here_means_the_previous_question(flows: ChatFlows) -> None:
    history = [Turn("user", PRAKTIJKVRAAG), Turn("assistant", "Dit zegt de leidraad …")]
    request = flows.request("Kun je hier een kennisvraag van maken?", history)
    assert request is not None and request.params["praktijkvraag"] == PRAKTIJKVRAAG
    with pytest.raises(FlowInputError, match="Van welke praktijkvraag"):
        flows.request("Kun je hier een kennisvraag van maken?")


@pytest.mark.parametrize(
    "message",
    [
        "Wat is een kennisvraag?",
        "Hoe maak je een goede kennisvraag?",
        "Welke interviewvragen geeft de leidraad?",
        "Wat zegt h6 over tijd?",
        "Hoe borg je verbeteringen in het mbo?",
    ],
)
def test_questions_go_to_the_answerer(flows: ChatFlows, message: str) -> None:
    assert flows.request(message) is None


def test_chat_kennisvraag_reads_as_a_knowledge_question_and_is_refined(flows: ChatFlows) -> None:
    message = f"help me van deze praktijkvraag een kennisvraag te maken: {PRAKTIJKVRAAG}"
    reply = flows.handle(message, sector="vo")
    assert isinstance(reply, FlowReply) and reply.flow == "kennisvraag"
    kennisvraag = reply.text.split("Je kennisvraag: ")[1].splitlines()[0]
    assert is_kennisvraag(kennisvraag)
    # About the goal made a noun, for the group, not a list of the praktijkvraag's words.
    assert "het vergeten van spullen" in kennisvraag and "leerlingen in de brugklas" in kennisvraag
    assert not {"vaak", "minder", "zorgen", "we"} & set(kennisvraag.lower().split())
    assert "Of kies een andere kennisvraag:" in reply.text and "- smaller: " in reply.text
    markdown = to_markdown(reply.artifact)
    terms = markdown.split("## Zoektermen")[1].split("##")[0]
    assert "- vaak" not in terms and "- spullen — synoniemen: executieve functies" in terms
    assert "executive function" in terms and "Zoekstring (en): (" in terms and "aanvullen" not in terms
    assert "## Bronnen" in markdown  # the leidraad's example and criteria, cited

    klas = flows.handle("specifieker voor klas 1", previous=reply)
    assert klas is not None and klas.params["doelgroep"] == "klas 1"
    assert "klas 1" in klas.text and klas.text.startswith("Aangepast (doelgroep: klas 1)")

    motivatie = flows.handle("meer op motivatie", previous=klas)
    assert motivatie is not None and motivatie.params["focus"] == "motivatie"
    assert motivatie.params["doelgroep"] == "klas 1"  # earlier refinements stay
    assert "motivatie" in motivatie.text.split("Je kennisvraag: ")[1]
    assert "motivation" in to_markdown(motivatie.artifact)

    english = flows.handle("geef Engelse zoektermen", previous=motivatie)
    assert english is not None and english.params == motivatie.params
    assert "Engelse zoektermen: " in english.text and "executive function" in english.text

    assert flows.handle("Wat zegt h6 over tijd?", previous=english) is None


def test_an_offered_kennisvraag_is_chosen_in_chat(flows: ChatFlows) -> None:
    reply = flows.handle(f"maak een kennisvraag van: {PRAKTIJKVRAAG}", sector="vo")
    assert reply is not None
    first = reply.text.split("Je kennisvraag: ")[1].splitlines()[0]
    broader = reply.text.split("- breder: ")[1].splitlines()[0]
    chosen = flows.handle("de bredere graag", previous=reply)
    assert chosen is not None and chosen.text.startswith("Aangepast (gekozen: breder)")
    assert chosen.text.split("Je kennisvraag: ")[1].splitlines()[0] == broader
    assert f"- eerste voorstel: {first}" in chosen.text  # the first proposal stays on offer
    shortest = flows.handle("korter", previous=reply)
    assert shortest is not None
    texts = [
        line.split(": ", 1)[1]
        for line in shortest.text.splitlines()
        if line.startswith(("Je kennisvraag", "- "))
    ]
    assert len(texts[0].split()) == min(len(t.split()) for t in texts)
    # A new wish refines the first proposal again (the variants do not take it).
    refined = flows.handle("meer op motivatie", previous=chosen)
    assert refined is not None and "kies" not in refined.params
    assert "motivatie" in refined.text.split("Je kennisvraag: ")[1].splitlines()[0]


def test_chat_interview_and_its_refinement(flows: ChatFlows) -> None:
    reply = flows.handle("maak interviewvragen voor leerlingen over huiswerk plannen")
    assert reply is not None and reply.flow == "interview"
    assert reply.params == {
        "speerpunt": "huiswerk plannen",
        "doelgroep": "leerlingen",
        "fase": "huidige-situatie",
        "aantal": 8,
        "sector": None,  # the conversation's sector filter, none here
    }
    assert "jij" in to_markdown(reply.artifact)  # worded for leerlingen

    ouders = flows.handle("en nu voor ouders, 3 vragen", previous=reply)
    assert ouders is not None and ouders.params["doelgroep"] == "ouders" and ouders.params["aantal"] == 3
    assert ouders.text.startswith("Aangepast (doelgroep: ouders, 3 vragen)")
    assert "uw kind" in to_markdown(ouders.artifact)
    several = flows.request("Maak een paar interviewvragen over rekenen, voor monitoren")
    assert several is not None and several.params["aantal"] == 8 and several.params["fase"] == "monitoren"
    with pytest.raises(FlowInputError, match="Waar gaan de interviewvragen over"):
        flows.handle("maak interviewvragen voor ouders")


def test_a_probleemanalyse_hands_over_to_both_flows_in_chat(
    corpus_core: Core, flows: ChatFlows, frog
) -> None:
    from assistant.flows import Probleemanalyse

    session = Probleemanalyse(corpus_core.store).start("Brugklasleerlingen vergeten hun spullen", sector="po")
    session.answer("De brugklasleerlingen en hun mentoren merken het elke dag.")
    message, reply = flows.handover(session.overdracht(), "kennisvraag")
    assert "Brugklasleerlingen vergeten hun spullen" in message and reply.flow == "kennisvraag"
    assert reply.params["sector"] == "po" and reply.params["doelgroep"] == "brugklasleerlingen"
    message, reply = flows.handover(session.overdracht(), "interview")
    assert (
        message.startswith("Maak interviewvragen voor leerlingen")
        and reply.params["doelgroep"] == "leerlingen"
    )
    assert reply.params["sector"] == "po" and "juf of meester" in to_markdown(reply.artifact)
    refined = flows.handle("voor ouders", previous=reply)  # the hand-over is refined like any flow result
    assert refined is not None and refined.params["doelgroep"] == "ouders"
    assert refined.params["speerpunt"] == "Brugklasleerlingen vergeten hun spullen"
