import io
import json

import docx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.flows import FlowInputError, Probleemanalyse, to_docx, to_markdown
from assistant.flows.spec import load_spec
from assistant.flows.terugkoppeling import AnswerChecker

SPEERPUNT = "Brugklasleerlingen plannen hun huiswerk slecht"
ANSWERS = {
    "probleem": "Veel brugklasleerlingen maken hun huiswerk niet of te laat. Mentoren merken het sinds dit "
    "schooljaar.",
    "bewijzen": "In oktober miste 40% van de brugklas drie keer of vaker het huiswerk.",
    "betrokkenen": "De brugklasleerlingen, hun mentoren en de vakdocenten.",
    "eerder-gedaan": "Vorig jaar hebben we een planner ingevoerd, maar die werd nauwelijks gebruikt.",
}


@pytest.fixture
def flow(corpus_core, frog):
    return Probleemanalyse(corpus_core.store, retriever=corpus_core.retriever)


@pytest.fixture
def checker(frog):
    return AnswerChecker(load_spec("probleemanalyse")["controles"])


def answered(flow, answers=ANSWERS, speerpunt=SPEERPUNT):
    session = flow.start(speerpunt, sector="vo")
    while not session.done:
        if session.current.id in answers:
            session.answer(answers[session.current.id])
        else:
            session.skip()
    return session


def all_citations(session):
    return [c for step in session.steps for c in step.citations]


def test_steps_use_the_leidraad_questions_and_cite_real_passages(flow, assert_in_store):
    session = flow.start("Leerlingen plannen hun huiswerk slecht", sector="vo")
    first = session.current
    assert first.vraag == "Wat is het probleem of de verbeterwens?"
    assert first.vraag in first.citations[0]["text"]
    assert {
        "probleem",
        "literatuur",
        "informatie-verzamelen",
        "huidige-aanpak",
        "doelen",
        "evaluatie",
    } <= set(session.ids)
    assert all(step.uitleg and step.citations for step in session.steps)
    assert_in_store(all_citations(session))


def test_answer_skip_back_edit_and_werkblad_holds_every_answer(flow):
    session = flow.start("Huiswerk plannen")
    session.answer("Leerlingen leveren huiswerk te laat in")
    session.skip()
    session.back()
    assert session.current.id == "bewijzen"
    session.answer("Cijfers uit het leerlingvolgsysteem")
    session.go_to("tijdpad")
    session.answer("Start na de herfstvakantie")
    session.edit("probleem", "Leerlingen plannen hun huiswerk niet")
    answers = session.state.antwoorden
    assert answers["probleem"] == "Leerlingen plannen hun huiswerk niet"
    assert session.state.overgeslagen == []

    markdown = to_markdown(session.werkblad())
    for text in [*answers.values(), "Huiswerk plannen", "Open punten", "Bronnen"]:
        assert text in markdown
    assert (
        "Welke literatuur is er te vinden over het probleem of het speerpunt?"
        in markdown.split("Open punten")[1]
    )

    document = docx.Document(io.BytesIO(to_docx(session.werkblad())))
    body = "\n".join(p.text for p in document.paragraphs)
    assert all(text in body for text in answers.values())


def test_resume_from_saved_json(flow):
    session = flow.start("Burgerschap in alle vakken", sector="mbo")
    session.answer("Alleen maatschappijleer besteedt er aandacht aan")
    session.skip()
    saved = json.loads(json.dumps(session.to_json()))
    resumed = flow.resume(saved)
    assert resumed.current.id == session.current.id == "probleem-achter-probleem"
    assert resumed.state.antwoorden == session.state.antwoorden
    assert resumed.state.overgeslagen == ["bewijzen"]
    assert "(overgeslagen)" in to_markdown(resumed.werkblad())


def test_sector_wording_and_poster_citation(flow, assert_in_store):
    steps = {s.id: s for s in flow.steps("po")}
    assert "leerkrachten" in steps["betrokkenen"].vraag
    assert any(
        c["sector"] == "po" and c["doc"].startswith("po-poster") for c in steps["betrokkenen"].citations
    )
    assert_in_store([c for s in steps.values() for c in s.citations])


def test_bad_input_gives_dutch_messages(flow):
    with pytest.raises(FlowInputError, match="speerpunt"):
        flow.start("   ")
    with pytest.raises(FlowInputError, match="Onbekende sector"):
        flow.start("x", sector="hbo")
    with pytest.raises(FlowInputError, match="Onbekende stap"):
        flow.resume({"speerpunt": "x", "antwoorden": {"bestaat-niet": "a"}})
    session = flow.start("x")
    for _ in session.steps:
        session.skip()
    with pytest.raises(FlowInputError, match="Alle vragen zijn doorlopen"):
        session.answer("te laat")


def test_llm_makes_questions_concrete_and_falls_back(corpus_core):
    n = len(Probleemanalyse(corpus_core.store).steps())
    lines = "\n".join(f"Vraag {i} over huiswerk?" for i in range(n))
    session = Probleemanalyse(corpus_core.store, FakeListChatModel(responses=[lines])).start("huiswerk")
    assert session.current.vraag == "Vraag 0 over huiswerk?"
    assert "Wat is het probleem of de verbeterwens?" in session.current.citations[0]["text"]
    short = Probleemanalyse(corpus_core.store, FakeListChatModel(responses=["één regel"])).start("huiswerk")
    assert short.current.vraag == "Wat is het probleem of de verbeterwens?"
    statements = "\n".join(f"Stelling {i} over huiswerk." for i in range(n))  # no questions
    flat = Probleemanalyse(corpus_core.store, FakeListChatModel(responses=[statements])).start("huiswerk")
    assert flat.current.vraag == "Wat is het probleem of de verbeterwens?"


def test_werkblad_intro_is_formatted_in_word_not_markdown(flow):
    document = docx.Document(io.BytesIO(to_docx(flow.start("Huiswerk *plannen*", sector="po").werkblad())))
    intro = document.paragraphs[1]
    assert intro.text == "Speerpunt: Huiswerk *plannen*"  # the user's own text stays as typed
    assert intro.runs[0].bold and intro.runs[0].text == "Speerpunt: "
    assert "**" not in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("text", "naam", "found"),
    [
        ("In oktober miste 40% het huiswerk.", "gegevens", True),  # a number
        ("De toetsen laten het zien.", "gegevens", True),  # "toetsen": lemma toets
        ("Het gaat slecht met plannen.", "gegevens", False),
        ("De brugklasleerlingen klagen.", "betrokkenen", True),  # a compound ending in a role
        ("Het gaat slecht met plannen.", "betrokkenen", False),
        ("Het speelt al sinds 2023.", "sinds", True),
        ("Het gaat slecht met plannen.", "sinds", False),
        ("We hebben een planner geprobeerd.", "eerder", True),
        ("Het gaat slecht met plannen.", "eerder", False),
    ],
)
def test_the_checks_read_general_signals_in_the_answer(checker, text, naam, found):
    (controle,) = checker.check(text, [naam])
    assert controle.gevonden is found
    if not found:
        assert controle.tekst.endswith("?")  # the question that helps to complete the answer


def test_each_answer_gets_checks_and_a_passage_found_for_the_answer(flow, assert_in_store):
    session = flow.start(SPEERPUNT, sector="vo")
    step = session.current
    feedback = session.answer("Leerlingen doen niets met de feedback die docenten op hun werk geven.")
    checks = {c.naam: c.gevonden for c in feedback.controles}
    assert checks == {"gegevens": False, "betrokkenen": True, "sinds": False, "eerder": False}
    assert feedback.passages and "feedback" in feedback.passages[0]["text"].lower()
    assert feedback.passages[0]["id"] not in {c["id"] for c in step.citations}
    assert_in_store(feedback.passages)
    other = flow.start(SPEERPUNT, sector="vo").answer(
        "We willen de afspraken borgen zodat ze niet verwateren."
    )
    assert "borg" in other.passages[0]["text"].lower()
    assert flow.start(SPEERPUNT).answer("") is None  # an empty answer is not judged


def test_probleemstelling_and_hand_over_from_the_answers(flow):
    session = answered(flow)
    delen = {d.label: d for d in session.probleemstelling()}
    assert delen["Wat is het probleem?"].tekst == ANSWERS["probleem"]
    assert delen["Voor wie?"].tekst == ANSWERS["betrokkenen"]
    assert delen["Sinds wanneer?"].tekst == "Mentoren merken het sinds dit schooljaar."
    assert delen["Welke gegevens?"].tekst == ANSWERS["bewijzen"]
    assert delen["Waarom doet het ertoe?"].open and delen["Waarom doet het ertoe?"].tekst.endswith("?")
    overdracht = session.overdracht()
    assert overdracht.kennisvraag == {
        "praktijkvraag": SPEERPUNT,
        "sector": "vo",
        "doelgroep": "brugklasleerlingen",
    }
    assert overdracht.interview == {
        "speerpunt": SPEERPUNT,
        "doelgroep": "leerlingen",
        "fase": "huidige-situatie",
        "sector": "vo",  # the interview words its questions as the sector speaks
    }


def test_without_people_named_the_hand_over_interviews_colleagues(flow):
    session = answered(flow, {"probleem": "Het huiswerk wordt slecht gepland."}, "Huiswerk plannen")
    assert (
        session.overdracht().doelgroep is None and session.overdracht().interview["doelgroep"] == "collegas"
    )


def test_werkblad_holds_the_probleemstelling_what_to_add_and_the_next_steps(flow):
    session = answered(flow)
    markdown = to_markdown(session.werkblad())
    stelling = markdown.split("## Concept-probleemstelling")[1].split("## Analyseer het probleem")[0]
    assert ANSWERS["bewijzen"] in stelling and "Nog open." in stelling
    assert "Aanvullen: Noem je al gegevens?" in markdown  # the first answer names no data
    verder = markdown.split("## Verder")[1].split("## Bronnen")[0]
    assert SPEERPUNT in verder and "brugklasleerlingen" in verder and "leerlingen" in verder
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(session.werkblad()))).paragraphs)
    assert "Concept-probleemstelling" in body and "Verder" in body
