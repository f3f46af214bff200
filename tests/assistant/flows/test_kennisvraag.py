import re

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.flows import FlowInputError, KennisvraagBuilder, to_markdown
from assistant.flows.kennisvraag import is_kennisvraag

PRAKTIJKVRAAG = "Hoe kunnen we beter gebruikmaken van ICT tijdens het huiswerk maken?"


@pytest.fixture
def builder(corpus_core):
    return KennisvraagBuilder(corpus_core.store)


def test_kennisvraag_is_about_knowledge_and_everything_is_cited(builder, assert_in_store):
    result = builder.run(PRAKTIJKVRAAG, sector="vo")
    assert is_kennisvraag(result.kennisvraag)
    assert "ICT" in result.kennisvraag and "huiswerk" in result.kennisvraag
    assert "Wat zijn kenmerken van effectieve blended learning?" in result.verschil.uitleg
    assert [z.term for z in result.zoektermen] == ["ICT", "huiswerk"]
    assert "homework" in result.zoekstring["en"]
    assert not result.llm_used
    assert_in_store(result.citations())


def test_bronnen_and_criteria_are_read_from_the_leidraad(builder):
    result = builder.run("Hoe vergroten we de woordenschat van leerlingen?", sector="po", doelgroep="groep 5")
    names = {b.naam for b in result.bronnen}
    expected = {"onderwijskennis.nl", "kennisrotonde.nl", "voordeleraar.nl", "Google Scholar"}
    assert expected | {"EBSCO Education Source", "Didactief", "Sneeuwballen"} <= names
    for bron in result.bronnen:  # the sentence that names the bron is quoted from its passage
        assert bron.uitleg in bron.citation["text"].replace("\n", " ")
    criteria = {c.naam: c.uitleg for c in result.criteria}
    assert {"relevant", "bruikbaar", "geloofwaardig", "Publicatiedatum"} <= set(criteria)
    assert "het po" in criteria["Aansluiting bij de eigen context"]
    assert "groep 5" in result.kennisvraag and "primair onderwijs" in result.kennisvraag
    markdown = to_markdown(result.to_artifact())
    assert "Kennisvraag" in markdown and "Bronnen" in markdown
    # Sources are numbered in reading order: [1] comes first, then [2], …
    body = markdown.split("## Bronnen")[0]
    first_seen = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", body)))
    assert first_seen == list(range(1, len(first_seen) + 1))


def test_bad_praktijkvraag_gives_dutch_message(builder):
    with pytest.raises(FlowInputError, match="Vul een praktijkvraag in"):
        builder.run("  ")
    with pytest.raises(FlowInputError, match="geen onderwerp"):
        builder.run("Hoe kunnen we dat beter doen?")
    with pytest.raises(FlowInputError, match="Onbekende sector"):
        builder.run(PRAKTIJKVRAAG, sector="universiteit")


def test_llm_phrasing_is_checked(corpus_core):
    good = "Welke kenmerken van blended learning ondersteunen het maken van huiswerk?"
    result = KennisvraagBuilder(corpus_core.store, FakeListChatModel(responses=[good])).run(PRAKTIJKVRAAG)
    assert result.kennisvraag == good and result.llm_used
    for bad in ["Hoe gaan wij ICT inzetten?", "Zie www.verzonnen-bron.nl voor kenmerken?", "Kenmerken [3]?"]:
        result = KennisvraagBuilder(corpus_core.store, FakeListChatModel(responses=[bad])).run(PRAKTIJKVRAAG)
        assert result.kennisvraag != bad and not result.llm_used


def test_llm_failure_falls_back_to_offline(corpus_core):
    class Broken(FakeListChatModel):
        def invoke(self, *args, **kwargs):
            raise ConnectionError("geen verbinding")

    result = KennisvraagBuilder(corpus_core.store, Broken(responses=["x"])).run(PRAKTIJKVRAAG)
    assert is_kennisvraag(result.kennisvraag) and not result.llm_used


@pytest.mark.parametrize(
    ("praktijkvraag", "asked"),
    [
        (
            "Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?",
            "zorgen er volgens onderzoek voor dat leerlingen in de brugklas minder vaak hun spullen vergeten",
        ),
        ("Hoe kunnen we leerlingen beter leren plannen?", "helpen volgens onderzoek om leerlingen beter te"),
        ("Hoe vergroten we de woordenschat van leerlingen?", "om de woordenschat van leerlingen te"),
        ("Hoe pakken we pesten aan?", "om pesten aan te pakken"),
        ("Hoe kunnen we ouders meer betrekken bij het huiswerk?", "om ouders meer te betrekken bij het"),
        ("Hoe kunnen we ervoor zorgen dat onze studenten minder uitvallen?", "voor dat de studenten minder"),
        ("Leerlingen in klas 3 zijn weinig gemotiveerd voor Frans", "bekend over gemotiveerd en Frans"),
    ],
)
def test_offline_kennisvraag_asks_what_helps_reach_the_goal(builder, praktijkvraag, asked):
    kennisvraag = builder.run(praktijkvraag).kennisvraag
    assert asked in kennisvraag and is_kennisvraag(kennisvraag)


def test_zoektermen_are_content_words_with_synonyms_and_english(builder):
    result = builder.run("Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?")
    assert [z.term for z in result.zoektermen] == ["brugklas", "spullen", "vergeten"]  # not "vaak"
    assert all(z.synoniemen and z.engels for z in result.zoektermen)
    assert "(organisatievaardigheden, executieve functies)" in result.kennisvraag  # the knowledge underneath
    assert result.zoekstring["en"].count(" AND ") == 2 and "forgetting" in result.zoekstring["en"]
    assert result.doelgroep == "leerlingen in de brugklas"
