import io

import docx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.flows import FlowInputError, InterviewGenerator, to_docx, to_markdown


@pytest.fixture
def generator(corpus_core):
    return InterviewGenerator(corpus_core.store)


@pytest.mark.parametrize("doelgroep", ["collega's", "leerlingen", "ouders", "schoolleiding"])
@pytest.mark.parametrize("fase", ["huidige situatie", "monitoren", "evaluatie"])
def test_every_question_traces_to_a_leidraad_question(generator, assert_in_store, doelgroep, fase):
    result = generator.run("huiswerk plannen", doelgroep, fase, aantal=4)
    assert 1 <= len(result.vragen) <= 4
    for vraag in result.vragen:
        assert vraag.vraag.endswith("?")
        assert vraag.bron_vraag.split(" Denk aan:")[0] in vraag.citation["text"]
    assert result.advies
    assert_in_store(result.citations())


def test_leerlingen_get_their_own_language(generator):
    result = generator.run("huiswerk plannen", "leerlingen", "huidige-situatie", aantal=20)
    text = " ".join(v.vraag for v in result.vragen)
    assert "jij" in text and "knelpunt" not in text and "randvoorwaarden" not in text
    assert "huiswerk plannen" in text
    assert "meer worden er niet verzonnen" in result.opmerking


def test_interview_advice_covers_time_and_sharing_findings(generator):
    advies = " ".join(a["text"] for a in generator.run("rekenen", "collega's", "huidige situatie").advies)
    assert "tijd" in advies and "bevindingen" in advies


def test_protocol_exports(generator):
    result = generator.run("huiswerk plannen", "collega's", "monitoren", aantal=3)
    markdown = to_markdown(result.to_artifact())
    assert "Interviewprotocol" in markdown and "Afgeleid van de leidraadvraag" in markdown
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx(result.to_artifact()))).paragraphs)
    assert all(v.vraag in body for v in result.vragen)


def test_the_offered_choices_are_accepted(generator):
    assert "leerlingen" in generator.doelgroepen().values()
    assert len(generator.fasen()) == 3
    for doelgroep in generator.doelgroepen():
        for fase in generator.fasen():
            assert generator.run("rekenen", doelgroep, fase, aantal=1).vragen


def test_bad_input_gives_dutch_messages(generator):
    with pytest.raises(FlowInputError, match=r"Onbekende doelgroep 'inspectie'\. Kies uit"):
        generator.run("x", "inspectie", "monitoren")
    with pytest.raises(FlowInputError, match="Onbekende fase"):
        generator.run("x", "leerlingen", "later")
    with pytest.raises(FlowInputError, match="speerpunt"):
        generator.run("", "leerlingen", "monitoren")
    with pytest.raises(FlowInputError, match="tussen 1 en 20"):
        generator.run("x", "leerlingen", "monitoren", aantal=0)


def test_llm_rewording_for_leerlingen(corpus_core):
    offline = InterviewGenerator(corpus_core.store).run(
        "huiswerk plannen", "leerlingen", "monitoren", aantal=2
    )
    reply = "Hoe gaat plannen nu?\nWat gaat beter?"
    llm = InterviewGenerator(corpus_core.store, FakeListChatModel(responses=[reply]))
    result = llm.run("huiswerk plannen", "leerlingen", "monitoren", aantal=2)
    assert [v.vraag for v in result.vragen] == ["Hoe gaat plannen nu?", "Wat gaat beter?"] and result.llm_used
    assert [v.bron_vraag for v in result.vragen] == [v.bron_vraag for v in offline.vragen]
    bad = InterviewGenerator(corpus_core.store, FakeListChatModel(responses=["Geen vraag.\nOok niet."]))
    assert bad.run("huiswerk plannen", "leerlingen", "monitoren", aantal=2).vragen == offline.vragen
