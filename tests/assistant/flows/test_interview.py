import io
import re

import docx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.dutch import DutchAnalyser, use_analyser
from assistant.flows import FlowInputError, InterviewGenerator, to_docx, to_markdown
from assistant.flows.interview import Onderwerp

DOELGROEPEN = ["collega's", "leerlingen", "ouders", "schoolleiding"]
FASEN = ["huidige situatie", "monitoren", "evaluatie"]
CLAUSE = "leerlingen in 3 vmbo komen te laat in het eerste uur"
PREPOSITIONS = r"\b(?:van|aan|bij|rond|over|met|voor|op|in|naar|tijdens|rondom)\s+"


@pytest.fixture
def generator(corpus_core, frog):
    return InterviewGenerator(corpus_core.store)


@pytest.mark.parametrize(
    ("speerpunt", "inline"),
    [
        ("huiswerk plannen", True),
        ("online pesten in de brugklas", True),
        ("convergente differentiatie bij rekenen", True),
        (CLAUSE, False),
        ("Kleuters worden te laat gebracht", False),
        ("Leerlingen in havo 4 verzuimen na de laatste toetsweek", False),  # Frog: "verzuimen" an infinitive
        ("Studenten leren hun eigen praktijkwerk beoordelen", False),
        ("Studenten haken af tijdens de bpv", False),  # Frog: "haken" a noun, "af" a verb particle
        ("Leerlingen in groep 8 worden na de pauze onrustig", False),  # Frog: "worden" an infinitive
        # A verb in the plural form after a singular noun is an infinitive with its object.
        ("feedback geven", True),
        ("Online pesten in klas 2", True),
        ("Een telefoonverbod invoeren", True),
        ("Studenten niveau 2 techniek stoppen tijdens de eerste bpv", False),  # Frog: "Studenten" a name part
        ("Leerlingen gamen op hun Chromebook in de les", False),
        (
            "Thuiszitters met schoolangst keren terug naar de klas",
            False,
        ),  # Frog: "keren" a noun, "terug" an adverb
        ("Leerlingen buiten de klas", True),  # "buitenleerlingen" is no verb
    ],
)
def test_a_clause_is_told_from_a_noun_phrase(frog, speerpunt, inline):
    assert Onderwerp.of(speerpunt).inline is inline


def test_a_verb_used_as_a_noun_gets_its_article(frog):
    assert Onderwerp.of("automatiseren van de tafels").tekst == "het automatiseren van de tafels"


@pytest.mark.parametrize("doelgroep", DOELGROEPEN)
@pytest.mark.parametrize("fase", FASEN)
def test_a_clause_speerpunt_is_quoted_once_never_after_a_preposition(generator, doelgroep, fase):
    vragen = [v.vraag for v in generator.run(CLAUSE, doelgroep, fase, aantal=20).vragen]
    assert f"‘{CLAUSE[0].upper()}{CLAUSE[1:]}’." in vragen[0]
    assert not any(re.search(PREPOSITIONS + re.escape(CLAUSE), v, re.I) for v in vragen)
    assert not any(CLAUSE in v.lower() for v in vragen[1:])


def test_a_speerpunt_typed_as_a_question_keeps_its_question_mark(generator):
    vragen = [
        v.vraag
        for v in generator.run("Hoe krijgen we klas 3 gemotiveerd?", "leerlingen", "huidige-situatie").vragen
    ]
    assert vragen[0].startswith("Het gaat over dit punt: ‘Hoe krijgen we klas 3 gemotiveerd?’ Wat ")


def test_without_frog_every_speerpunt_is_quoted(corpus_core, frog):
    use_analyser(DutchAnalyser(command="frog-die-er-niet-is"))
    try:
        result = InterviewGenerator(corpus_core.store).run("huiswerk plannen", "ouders", "monitoren")
    finally:
        use_analyser(frog)
    assert "‘Huiswerk plannen’" in result.vragen[0].vraag
    assert not any("huiswerk plannen" in v.vraag for v in result.vragen)


@pytest.mark.parametrize("fase", FASEN)
def test_colleagues_are_asked_about_their_own_practice_not_the_leidraad_verbatim(generator, fase):
    result = generator.run("huiswerk plannen", "collega's", fase, aantal=20)
    for vraag in result.vragen:
        assert vraag.vraag != vraag.bron_vraag
    assert all(re.search(r"\b(jij|je|jou|jouw)\b", v.vraag) for v in result.vragen[:3])
    assert "we over de effectiviteit" not in " ".join(v.vraag for v in result.vragen)


def test_the_interview_opens_on_the_speerpunt(generator):
    for doelgroep in DOELGROEPEN:
        for fase in FASEN:
            assert "huiswerk plannen" in generator.run("huiswerk plannen", doelgroep, fase).vragen[0].vraag


@pytest.mark.parametrize("doelgroep", DOELGROEPEN)
@pytest.mark.parametrize("fase", FASEN)
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
    assert "jij" in text and "knelpunt" not in text and "randvoorwaarden" not in text and " u " not in text
    assert "huiswerk plannen" in text
    assert "meer worden er niet verzonnen" in result.opmerking


def test_pupils_in_primary_school_have_a_juf_or_meester(generator):
    def text(speerpunt: str, sector: str | None = None) -> str:
        result = generator.run(speerpunt, "leerlingen", "huidige-situatie", aantal=20, sector=sector)
        return " ".join(v.vraag for v in result.vragen)

    po = text("samen spelen op het plein", "po")
    assert "juf of meester" in po and "docent" not in po
    assert "docenten" in text("samen spelen op het plein", "vo")
    # without a sector, the words of the speerpunt name it: "groep 5" is primary school
    assert "juf of meester" in text("Kinderen in groep 5 maken hun rekenwerk niet af")
    assert "docenten" in text("Leerlingen in 2 havo maken hun huiswerk niet")
    assert generator.run("rekenen in groep 4", "leerlingen", "monitoren").sector == "po"


def test_adults_are_named_as_the_sector_names_them(generator):
    def text(doelgroep: str, sector: str) -> str:
        result = generator.run("samen spelen op het plein", doelgroep, "monitoren", aantal=20, sector=sector)
        return " ".join(v.vraag for v in result.vragen)

    assert "leerkrachten" in text("schoolleiding", "po") and "docenten" not in text("schoolleiding", "po")
    assert "studenten" in text("collegas", "mbo") and "leerlingen" not in text("collegas", "mbo")
    assert "docenten" in text("schoolleiding", "vo") and "leerlingen" in text("collegas", "vo")


def test_a_wished_change_is_quoted_not_put_after_a_preposition(frog):
    # "Wat vind jij lastig bij meer rust in de klas?" is no Dutch: a comparative opens a wish
    assert not Onderwerp.of("Meer rust in de klas na de gym").inline
    assert not Onderwerp.of("Betere resultaten bij rekenen").inline
    assert Onderwerp.of("rust in de klas na de gym").inline


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


def test_parents_are_addressed_as_u(generator):
    text = " ".join(v.vraag for v in generator.run("huiswerk plannen", "ouders", "huidige situatie").vragen)
    assert "uw kind" in text and not re.search(r"\b(jij|jou)\b", text)


def test_llm_rewording_for_leerlingen(corpus_core, frog):
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
