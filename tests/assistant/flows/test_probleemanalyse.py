import io
import json

import docx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.flows import FlowInputError, Probleemanalyse, to_docx, to_markdown


@pytest.fixture
def flow(corpus_core):
    return Probleemanalyse(corpus_core.store)


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
