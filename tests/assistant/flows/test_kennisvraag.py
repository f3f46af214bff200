"""The kennisvraag flow on praktijkvragen as schools write them, with a real Frog server and corpus store."""

import re

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.dutch import analyse
from assistant.flows import FlowInputError, KennisvraagBuilder, to_markdown
from assistant.flows.concepts import Concept
from assistant.flows.kennisvraag import MAX_WORDS, _related, is_kennisvraag

PRAKTIJKVRAAG = "Hoe kunnen we beter gebruikmaken van ICT tijdens het huiswerk maken?"
# Function words, inflected verbs and vague adverbs of the praktijkvragen below: never in a kennisvraag.
NOT_CONCEPTS = {"we", "hoe", "kunnen", "beter", "gewoon", "hadden", "terugliep", "kwam", "misten", "iets"}
NOT_CONCEPTS |= {"toeval", "zoiets"}


@pytest.fixture
def builder(corpus_core, frog):
    return KennisvraagBuilder(corpus_core.store)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'-]+", text)}


def test_kennisvraag_is_about_knowledge_and_everything_is_cited(builder, assert_in_store):
    result = builder.run(PRAKTIJKVRAAG, sector="vo")
    assert is_kennisvraag(result.kennisvraag) and result.vorm == "doel"
    assert "ICT tijdens het huiswerk" in result.kennisvraag and "voortgezet onderwijs" in result.kennisvraag
    assert not _words(result.kennisvraag) & NOT_CONCEPTS
    assert "Wat zijn kenmerken van effectieve blended learning?" in result.verschil.uitleg
    assert [z.term for z in result.zoektermen] == ["ICT", "huiswerk"]
    assert (
        result.zoekstring["nl"].startswith('(ICT OR "digitale leermiddelen"')
        and " AND (huiswerk OR" in (result.zoekstring["nl"])
    )
    assert "homework" in result.zoekstring["en"] and "educational technology" in result.zoekstring["en"]
    assert not result.llm_used
    assert_in_store(result.citations())


@pytest.mark.parametrize(
    ("praktijkvraag", "sector", "vorm", "named"),
    [
        # a problem told as a story: its concept as a noun phrase with the change made adjectival
        (
            "We hadden een jaar dat het aantal aanmeldingen terugliep. Hoe kwam dat? Misten we iets?",
            "vo",
            "probleem",
            ["teruglopende aanmeldingen", "voortgezet onderwijs"],
        ),
        # "werkt X?": the effect of X on Y, for the group and sector
        (
            "Klopt het dat een warme overdracht tussen basisschool en brugklas zorgt voor minder uitval?",
            "vo",
            "effect",
            [
                "effect van warme overdracht tussen basisschool en brugklas op uitval",
                "leerlingen in de brugklas",
            ],
        ),
        # a goal: the predicate made a noun
        (
            "Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?",
            "vo",
            "doel",
            ["het vergeten van spullen", "bij leerlingen in de brugklas"],
        ),
        # a broad wish: what makes one effective
        (
            "Wat moet er in een goed inwerkprogramma voor starters?",
            "po",
            "kenmerken",
            ["een effectief inwerkprogramma", "starters", "primair onderwijs"],
        ),
        # "is het slim om X?" without an outcome: the problem the story tells is what X should affect
        (
            "Is het slim om de lessen later te laten beginnen? Veel leerlingen komen nu te laat.",
            "vo",
            "effect",
            ["effect van het later beginnen van de lessen op het te laat komen"],
        ),
        # a judgement of a measure the story proposes: its effect on the problem told before it, not
        # on who proposes it ("de sectie")
        (
            "In klas 2 komen veel leerlingen te laat. De sectie wil voortaan strafwerk geven. Is dat "
            "verstandig?",
            "vo",
            "effect",
            ["effect van strafwerk op het te laat komen", "leerlingen in klas 2"],
        ),
        # staff named in the story ("mentoren") are neither X nor its outcome, and do not merge with
        # the topic their descriptor names ("mentorles")
        (
            "In de brugklas zijn de mentoren veel tijd kwijt aan ruzies. Werkt een vaste mentorles per week?",
            "vo",
            "effect",
            ["effect van vaste mentorles op ruzies"],
        ),
        # a proposed measure no noun names: its verb
        (
            "Onze kleuters zitten te lang stil in de kring. Collega's willen meer buitenspelen. Is dat "
            "verstandig?",
            "po",
            "effect",
            ["effect van buitenspelen", "kleuters"],
        ),
        # the proposed measure once (not also its noun named earlier), on the problem told before it
        (
            "Onze groep 8 is erg onrustig na de pauze. Collega's willen de pauze inkorten. Wat is wijsheid?",
            "po",
            "effect",
            ["effect van het inkorten van pauze op klassenmanagement", "groep 8"],
        ),
        # an om-clause without an object, its particle joined to the verb
        (
            "Is het verstandig om in de brugklas vaker samen te werken?",
            "vo",
            "effect",
            ["effect van het vaker samenwerken", "leerlingen in de brugklas"],
        ),
        # a goal new in the question serves against the learners' absence the story tells
        (
            "In de bovenbouw van het vmbo blijven veel leerlingen weg bij de lessen. Hoe zorgen we voor "
            "een beter mentoraat?",
            "vo",
            "doel",
            ["Welke aanpakken voor mentoraat verminderen volgens onderzoek verzuim"],
        ),
        # "heeft X wel zin", typed without a question mark: the effect of X on its thesaurus doel
        (
            "bij ons in groep 7 zetten we kinderen die storen steeds op de gang. heeft een time-out "
            "eigenlijk wel zin",
            "po",
            "effect",
            ["effect van time-out op het gedrag in de les", "kinderen in groep 7"],
        ),
        # a judgement asked indirectly ("… of het zinvol is om X"): the effect of X
        (
            "We vragen ons af of het zinvol is om in groep 8 vaker huiswerk mee te geven.",
            "po",
            "effect",
            ["effect van het meegeven van huiswerk", "groep 8"],
        ),
        # "Is X zinvol?": the copula's subject is X
        ("Is een verlengde schooldag zinvol in groep 8?", "po", "effect", ["effect van verlengde schooldag"]),
        # either/or about a cause: the effect of the cause named, on the story's problem (not "toeval")
        (
            "Sinds september lezen de kinderen in groep 4 vooral in een leesapp op de tablet. De resultaten "
            "voor begrijpend lezen zijn gedaald. Is dat toeval of komt het door de leesapp?",
            "po",
            "effect",
            ["effect van leesapp op begrijpend lezen"],
        ),
        # "Werkt zoiets, of maakt het niks uit?": the alternative only denies; "zoiets" is the practice told
        (
            "In groep 5 vinden veel kinderen de tafels lastig. Ouders vragen of ze thuis met een rekenapp "
            "moeten oefenen. Werkt zoiets eigenlijk, of maakt het niks uit?",
            "po",
            "effect",
            ["effect van rekenapp", "op tafels"],
        ),
        # "wat X doet voor Y", "Wat is het effect van X op Y?": the question names X and its outcome
        (
            "Is er onderzoek naar wat een schoolmoestuin doet voor de betrokkenheid van kinderen in groep 6?",
            "po",
            "effect",
            ["effect van schoolmoestuin op betrokkenheid"],
        ),
        (
            "Wat is het effect van tutorlezen op de leesmotivatie in groep 5?",
            "po",
            "effect",
            ["effect van tutorlezen op leesmotivatie"],
        ),
        # "Heeft X zin om Y te voorkomen?": the purpose clause names the outcome, also one told before
        (
            "In het eerste jaar stopt een op de vijf studenten. Heeft een vaste studieloopbaanbegeleider "
            "zin om die uitval te voorkomen?",
            "mbo",
            "effect",
            ["effect van vaste studieloopbaanbegeleider op uitval"],
        ),
        # "het nut van X" asks the effect of X; parents who call are no outcome of it
        (
            "Onze kleuters kunnen zich slecht concentreren. Ouders mailen ons er vaak over. Wat zegt "
            "onderzoek over het nut van beweegpauzes?",
            "po",
            "effect",
            ["effect van beweegpauzes op aandacht"],
        ),
        # a concept asked beside X that X's own aim (its doel) names is X's outcome, not a second X
        (
            "Is een time-out zinvol bij leerlingen die de les verstoren?",
            "vo",
            "effect",
            ["effect van time-out op gedrag"],
        ),
        # "helpt X voor Y": Y is the outcome
        (
            "Helpt huiswerk voor betere prestaties in groep 8?",
            "po",
            "effect",
            ["effect van huiswerk op prestaties"],
        ),
        # a sentence that is not a question: the predicate with "te laat" as one concept
        (
            "Leerlingen in 3 vmbo komen te laat in het eerste uur.",
            "vo",
            "probleem",
            ["te laat komen", "3 vmbo"],
        ),
    ],
)
def test_the_form_follows_what_the_practitioner_asks(builder, praktijkvraag, sector, vorm, named):
    result = builder.run(praktijkvraag, sector=sector)
    assert result.vorm == vorm, result.kennisvraag
    for words in named:
        assert words in result.kennisvraag, result.kennisvraag
    assert is_kennisvraag(result.kennisvraag) and len(_words(result.kennisvraag)) <= MAX_WORDS
    assert not _words(result.kennisvraag) & NOT_CONCEPTS, result.kennisvraag
    zoektermen = [z.term.lower() for z in result.zoektermen]
    assert not set(zoektermen) & NOT_CONCEPTS


def test_varianten_are_broader_narrower_and_another_angle(builder):
    result = builder.run("Hoe verminderen we de uitval tijdens de bpv bij eerstejaars?", sector="mbo")
    assert "uitval tijdens de bpv" in result.kennisvraag and "eerstejaars" in result.kennisvraag
    soorten = {v.soort: v.tekst for v in result.varianten}
    assert set(soorten) == {"breder", "smaller", "andere invalshoek"}
    assert "studiesucces" in soorten["breder"] and "eerstejaars" not in soorten["breder"]  # the broader term
    assert "eerstejaars" in soorten["smaller"]
    assert all(is_kennisvraag(v) and len(_words(v)) <= MAX_WORDS for v in soorten.values())
    zoektermen = {z.term: z for z in result.zoektermen}
    assert "bpv" in zoektermen and "work based learning" in zoektermen["bpv"].engels
    assert zoektermen["uitval"].breder == ["studiesucces"]
    as_json = result.to_json()["kennisvraag"]
    assert as_json["varianten"][0] == {"soort": "breder", "tekst": soorten["breder"]}


def test_doelgroep_and_focus_from_the_chat(builder):
    result = builder.run(
        "Hoe zorgen we dat leerlingen in de brugklas hun spullen niet vergeten?",
        sector="vo",
        doelgroep="klas 1",
        focus="motivatie",
    )
    assert "leerlingen in klas 1" in result.kennisvraag and "brugklas" not in result.kennisvraag
    assert result.kennisvraag.endswith("met de nadruk op motivatie?")
    assert "(motivatie OR" in result.zoekstring["nl"] and "student motivation" in result.zoekstring["en"]


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
    assert "Kennisvraag" in markdown and "Bronnen" in markdown and "Smaller: " in markdown
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


def test_llm_phrasing_must_name_the_concepts_found(corpus_core, frog):
    def run(reply: str):
        return KennisvraagBuilder(corpus_core.store, FakeListChatModel(responses=[reply])).run(
            PRAKTIJKVRAAG, sector="vo"
        )

    good = "Welke inzet van ICT tijdens het huiswerk werkt volgens onderzoek in het voortgezet onderwijs?"
    result = run(good)
    assert result.kennisvraag == good and result.llm_used
    assert [z.term for z in result.zoektermen] == ["ICT", "huiswerk"]  # search terms stay the analysis's
    for bad in [
        "Hoe gaan wij ICT inzetten tijdens het huiswerk?",  # the team's own action
        "Welke digitale middelen helpen leerlingen thuis?",  # drops the concepts ICT and huiswerk
        "Zie www.verzonnen-bron.nl voor ICT bij huiswerk?",  # an invented source
        "Welke ICT bij huiswerk [3]?",  # a citation mark
        "Welke " + "heel erg " * 20 + "goede ICT bij huiswerk?",  # longer than one readable question
    ]:
        result = run(bad)
        assert result.kennisvraag != bad and not result.llm_used


def test_llm_failure_falls_back_to_offline(corpus_core, frog):
    class Broken(FakeListChatModel):
        def invoke(self, *args, **kwargs):
            raise ConnectionError("geen verbinding")

    result = KennisvraagBuilder(corpus_core.store, Broken(responses=["x"])).run(PRAKTIJKVRAAG)
    assert is_kennisvraag(result.kennisvraag) and not result.llm_used


def test_the_llm_is_told_the_concepts_to_keep(corpus_core, frog):
    model = FakeListChatModel(responses=["Welke ICT?"])
    prompts: list[str] = []
    original = model.invoke

    def spy(messages, *args, **kwargs):
        prompts.append(messages[-1].content)
        return original(messages, *args, **kwargs)

    object.__setattr__(model, "invoke", spy)
    KennisvraagBuilder(corpus_core.store, model).run(
        "Hoe zorgen we dat leerlingen in 3 vmbo op tijd komen?", "vo"
    )
    assert prompts and "Kernbegrippen en doelgroep die de kennisvraag moet noemen:" in prompts[0]
    assert "leerlingen in 3 vmbo" in prompts[0] and "voortgezet onderwijs" in prompts[0]


def test_without_frog_the_rules_still_give_a_kennisvraag_of_concepts(corpus_core):
    from assistant.dutch import DutchAnalyser, analyser, use_analyser

    before = analyser()
    use_analyser(DutchAnalyser(command="frog-die-er-niet-is"))
    try:
        result = KennisvraagBuilder(corpus_core.store).run(
            "Hoe vergroten we de woordenschat van leerlingen?", "po"
        )
    finally:
        use_analyser(before)
    assert "woordenschat" in result.kennisvraag and "leerlingen" in result.kennisvraag
    assert not _words(result.kennisvraag) & {"hoe", "vergroten", "we"}


def test_concepts_the_praktijkvraag_relates_are_named_as_one_phrase(builder):
    # "pesten via whatsapp", not "pesten en whatsapp"; a possessive becomes an article
    text = builder.run("Wat helpt tegen pesten via whatsapp in de eerste klas?", "vo").kennisvraag
    assert "pesten via whatsapp" in text
    text = builder.run(
        "Werkt extra instructie aan de instructietafel voor zwakke lezers in groep 4?", "po"
    ).kennisvraag
    assert "extra instructie aan de instructietafel" in text
    text = builder.run("Hoe voorkomen we uitval bij hun eerste stage in niveau 2?", "mbo").kennisvraag
    assert "hun" not in text.split()


def test_a_noun_named_in_singular_and_plural_is_one_concept(builder):
    result = builder.run(
        "De muurkranten in groep 7 zijn slordig. Hoe begeleid je kinderen bij een muurkrant?", "po"
    )
    terms = [z.term for z in result.zoektermen]
    assert len([t for t in terms if t.startswith("muurkrant")]) == 1


def test_three_unrelated_concepts_read_as_a_topic_and_its_factors(builder):
    result = builder.run(
        "Onze eerstejaars Zorg hebben moeite met de stage, de begeleiding vanuit school en het schrijven"
        " van verslagen. Hoe verbeteren we dat?",
        sector="mbo",
    )
    text = result.kennisvraag
    assert not re.search(r"\w, \w+ en \w", text), text  # no "A, B en C" word list
    assert "welke rol spelen" in text and {"verslagen", "begeleiding", "stage"} <= _words(text), text
    assert len(re.findall(r"[\w'-]+", text)) <= MAX_WORDS
    assert not any(re.search(r"\w, \w+ en \w", v.tekst) for v in result.varianten), result.varianten


def test_a_purpose_clause_is_the_outcome_not_joined_to_the_measure(builder):
    result = builder.run(
        "Onze gymdocent pleit voor korte beweegpauzes in groep 5 om de concentratie te verhogen. Werkt dat?",
        sector="po",
    )
    assert result.vorm == "effect"
    assert "het effect van beweegpauzes op concentratie" in result.kennisvraag, result.kennisvraag


def test_two_alternatives_weighed_become_a_comparison_of_their_effect(builder):
    result = builder.run(
        "Onze studenten lezen slecht. Moeten we een nieuwe leesmethode kopen of liever tutorlezen met "
        "ouderejaars invoeren?",
        sector="mbo",
    )
    assert result.vorm == "effect" and is_kennisvraag(result.kennisvraag)
    assert "in vergelijking met het invoeren van tutorlezen" in result.kennisvraag
    assert "nieuwe leesmethode" in result.kennisvraag and "studenten in het mbo" in result.kennisvraag
    assert len(result.kennisvraag.split()) <= MAX_WORDS
    terms = [z.term for z in result.zoektermen]
    assert "tutorlezen" in terms and any(t.endswith("leesmethode") for t in terms)  # no "kopen", "invoeren"


def test_a_connective_of_comparison_weighs_two_approaches(builder):
    # "in plaats van", "vergeleken met": the connective itself names the alternative, no "beter" needed
    result = builder.run(
        "Is het zinvol om in de bovenbouw meer mondeling te overhoren in plaats van schriftelijke toetsen?",
        sector="vo",
    )
    assert "in vergelijking met schriftelijke toetsen" in result.kennisvraag, result.kennisvraag
    assert "in plaats" not in result.kennisvraag
    result = builder.run(
        "Werkt een vaste studiecoach vergeleken met wisselende mentoren bij eerstejaars?", sector="mbo"
    )
    assert "een vaste studiecoach in vergelijking met wisselende mentoren" in result.kennisvraag


def test_a_judged_om_clause_drops_vague_adverbs_and_light_verbs(builder):
    result = builder.run(
        "De werkdruk is hoog. Heeft het zin om de groepsplannen gewoon af te schaffen?", sector="po"
    )
    assert "het afschaffen van de groepsplannen" in result.kennisvraag, result.kennisvraag
    result = builder.run(
        "Is het slimmer om begrijpend lezen in de zaakvakken te doen in plaats van met een methode?",
        sector="po",
    )
    text = result.kennisvraag
    assert "het begrijpend lezen in de zaakvakken in vergelijking met" in text, text


def test_asking_whether_a_finding_holds_for_others_names_no_verb(builder):
    # "Geldt dat ook voor …?" asks whether the story's finding applies: "gelden" names nothing
    result = builder.run(
        "Onze sectie wil de boeken vervangen door digitale methodes op de laptop. Zelf lees ik slechter op "
        "een scherm. Geldt dat ook voor leerlingen in de brugklas?",
        sector="vo",
    )
    assert "gelding" not in result.kennisvraag and "scherm" in result.kennisvraag, result.kennisvraag
    assert "gelding" not in [z.term for z in result.zoektermen]


def test_a_long_kennisvraag_is_shortened_before_it_says_less(builder):
    # One long concept (an om-clause made a noun) and the usual outcome: 38 words as built.
    result = builder.run(
        "Heeft het zin om coöperatieve werkvormen in te zetten bij begrijpend lezen in groep 6 en 7 of is "
        "dat vooral tijdverlies?",
        sector="po",
    )
    assert len(result.kennisvraag.split()) <= MAX_WORDS
    assert (
        "coöperatieve werkvormen" in result.kennisvraag and "op de leerresultaten bij" in result.kennisvraag
    )


def test_a_wish_against_the_absence_the_story_tells_names_that_problem(builder):
    result = builder.run(
        "Een derde van onze eerstejaars Bouw is voor de kerst al gestopt. Wat kenmerkt een goede intake?",
        sector="mbo",
    )
    assert result.vorm == "kenmerken" and is_kennisvraag(result.kennisvraag)
    assert (
        "effectieve intake" in result.kennisvraag
        and "verminderen volgens onderzoek uitval" in result.kennisvraag
    )


def test_only_concepts_the_text_names_are_related_by_its_preposition(frog):
    tokens = analyse("Ze huilt bij elke toets. Van collega's hoor ik dat ze faalangst heeft.").tokens
    van = next(i for i, t in enumerate(tokens) if t.text == "Van")
    named = Concept("toets", None, van - 2, van - 1, False)
    collegas = Concept("collega's", None, van + 1, van + 2, False)
    suggested = Concept("rekenangst", None, van, van, False)  # a descriptor the words only suggest
    assert _related([suggested, collegas], tokens) == ["rekenangst", "collega's"]
    assert _related([named, collegas], tokens) == ["toets", "collega's"]  # "." between: no relation
