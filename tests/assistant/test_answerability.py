"""Which kind of fact a question asks for, and whether a sentence states one."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answerability import (
    about_one_person,
    asked_facts,
    asked_object,
    asked_part,
    asks_only_scope,
    fact_topic,
    holds_fact,
    members_named_by,
    topic_words,
    unknown_names,
    with_earlier_question,
)
from assistant.lexical import analyse
from assistant.query import parse_query


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wat kost een schoollicentie per jaar?", "amount"),
        ("How much does a subscription cost?", "amount"),
        ("Hoeveel dagen verlof krijg ik?", "duration"),
        ("Hoe lang duurt het voordat een werkwijze is ingebed?", "duration"),
        ("Hoe vaak komt de inspectie langs?", "frequency"),
        ("In welk jaar is de notitie verschenen?", "date"),
        ("Hoeveel scholen deden mee aan het onderzoek?", "number"),
        ("Welke app raadt de leidraad aan?", "named"),
        ("Hoeveel procent van de leraren doet onderzoek?", "percentage"),
        ("Welke methode voor begrijpend lezen werkt het best?", "best"),
        ("Which of these tools works best for a small team?", "best"),
        ("Welke leesmethode voor groep 4 scoort het hoogst?", "best"),  # picks one, with a superlative
        ("Wat werkt beter in de brugklas: een pilot of meteen invoeren?", "best"),  # weighs two
        ("Hoe kan ik als kartrekker het best beginnen?", None),  # asks how
        ("Hoeveel fte krijgt een kartrekker?", "number"),
        ("Vanaf welke score is een school een lerende organisatie?", "number"),  # a bound asks a value
        ("From what age can pupils join the panel?", "number"),
        ("Onder welke voorwaarden werkt een leerteam?", None),  # conditions, not a value
        ("Wat is de beste manier om collega's mee te krijgen?", None),  # asks how, not which is best
        ("Wanneer is het zinvol om een PLG te starten?", None),  # 'wanneer' as 'under which conditions'
        ("Hoe betrek je leerlingen bij de analyse?", None),
        ("Wat zijn de zeven stappen van De Zevensprong?", "steps"),  # the list, not a number
        ("Wat zijn de fasen in een Lesson Study-cyclus?", "steps"),
        ("What are the steps of Lesson Study?", "steps"),
        ("Wat zijn de stappen van een probleemanalyse?", None),  # the leidraad's own process, in prose
        ("Welke vier pijlers onderscheidt het model van Hargreaves?", "parts"),  # counted members
        ("Uit welke elementen bestaat de kwaliteitscirkel?", "parts"),  # what makes up a whole
        ("Welke pijlers noemt het model?", None),  # no count, no whole: an open question
        ("Mag ik foto's van het schoolreisje online zetten?", "rule"),  # whether it is allowed
        ("Ik heb een tweedegraads bevoegdheid. Mag dat eigenlijk wel?", "rule"),
        ("Heeft de MR wettelijk instemmingsrecht op ons plan?", "rule"),
        ("Welke regels gelden er voor herkansingen?", "rule"),
        ("Is it legal to film lessons with pupils in them?", "rule"),
        ("Welke stappen moet ik nu volgens het pestprotocol zetten?", "rule"),  # a regulation's procedure
        ("Welke hulpmiddelen mogen ze bij toetsen gebruiken?", "rule"),
        ("Wat mogen we van een PLG verwachten?", None),  # an expectation, not a permission
        ("Mag ik iets vragen over borging? Wat zegt h6 daarover?", None),  # politeness
        ("Mag ik je een vraag stellen over de PLG?", None),
        # How to work, not what is allowed:
        ("Moeten we de aanbevelingen op volgorde doen, of mogen we ergens anders beginnen?", None),
        ("Is het gek als ik vraag of ik zelf iemand mag kiezen?", None),  # an aside, not the question
    ],
)
def test_asked_facts(question: str, kind: str | None) -> None:
    assert asked_facts(question)[:1] == ([kind] if kind else [])


def test_a_question_asks_every_kind_of_fact_it_names() -> None:
    # A number of hours and the rule that grants them: answered only where both are stated.
    assert asked_facts("Op hoeveel uur scholing heb ik volgens de cao recht?") == ["duration", "rule"]


@pytest.mark.parametrize(
    ("sentence", "kind", "holds"),
    [
        ("Vooral een cultuurverandering kan enkele jaren duren.", "duration", True),
        ("Veranderen is een proces en daarom kost het tijd.", "duration", False),
        ("De licentie kost € 450 per school.", "amount", True),
        ("De database geeft toegang tot wetenschappelijke publicaties.", "amount", False),
        ("Het team evalueert jaarlijks de onderzoekscultuur.", "frequency", True),
        ("De notitie verscheen in 2019.", "date", True),
        ("Er deden 27 scholen mee.", "number", True),
        ("Een team kiest een speerpunt.", "number", False),
        ("Gebruik hiervoor de tool Onderwijs met Kennis.", "named", True),
        ("gebruik hiervoor een logboek.", "named", False),
        ("Van de leraren zegt 40% tijd te missen.", "percentage", True),
        ("Leraren zeggen tijd te missen.", "percentage", False),
        ("Samen lesgeven werkt beter dan alleen.", "best", True),
        ("Activiteiten die de vier domeinen verbinden, zijn het meest effectief.", "best", True),
        ("Samen lesgeven is een vorm van professionalisering.", "best", False),
        (
            "Een infrastructuur bestaat uit vijf stappen: vraagarticulatie, kenniscreatie, kennisdeling.",
            "steps",
            True,
        ),
        ("In de tweede fase kiest het team een interventie.", "steps", True),
        ("De kenniskringen werken met de onderzoeksstappen uit De Zevensprong.", "steps", False),
        ("Het model kent drie pijlers: visie, cultuur en structuur.", "parts", True),
        ("Het model gaat uit van vier pijlers van goed onderwijs.", "parts", True),
        ("Zie bij aanbeveling 1 Voortgezet leren.", "parts", False),  # a number and a heading
        ("Het model staat op https://www.example.nl/2019/11/model.pdf", "number", False),  # an address
        ("Leerlingen mogen zonder toestemming van hun ouders niet gefilmd worden.", "rule", True),
        ("Docenten die leiding mogen nemen in werkgroepen, voelen zich eigenaar.", "rule", True),
        ("Een team kiest samen een speerpunt.", "rule", False),
    ],
)
def test_holds_fact(sentence: str, kind: str, holds: bool) -> None:
    assert holds_fact(sentence, kind) is holds


def test_unknown_names_are_the_names_nothing_explains() -> None:
    known = {"plg", "kools", "ebsco"}.__contains__

    def knows(name: str) -> bool:
        return known(name.lower())

    assert unknown_names("Can our PLG use ChatGPT to analyse transcripts?", knows) == ["ChatGPT"]
    assert unknown_names("Wat zegt Kools over de PLG?", knows) == []
    assert unknown_names("Welke toestemming moet je volgens de AVG vragen?", knows) == ["AVG"]
    assert unknown_names("How do Dutch schools use EBSCO?", knows) == []  # country and language names pass
    # Ordinary Dutch explains these, whatever the documents say.
    assert unknown_names("Wat verdient een leraar in schaal LB?", knows) == []
    assert unknown_names("En hoe doen ze dat in de Verenigde Staten?", knows) == []
    # So does the conversation: a name the user brought up earlier is no stranger.
    earlier = "Wij werken met ParnasSys voor de leerlingdossiers."
    assert unknown_names("Kan ParnasSys ook de analyse doen?", knows) == ["ParnasSys"]
    assert unknown_names("Kan ParnasSys ook de analyse doen?", knows, earlier) == []
    # A situation's story names its school's own things; only a name in what it asks counts.
    story = "Wij werken met ParnasSys voor de dossiers. Hoe analyseren we resultaten als PLG?"
    assert unknown_names(story, knows) == []
    # Unless the question points back at the sentence that names it.
    assert unknown_names("Wij werken met ParnasSys. Hoe analyseren we die gegevens?", knows) == ["ParnasSys"]
    assert unknown_names("Wij zijn een PLG. Kan ParnasSys ook de analyse doen?", knows) == ["ParnasSys"]


def test_the_asked_part_of_a_situation_is_its_question_sentence() -> None:
    situation = "Ik ben kartrekker. Mijn collega's haken af. Hoe houd ik de PLG gaande?"
    assert asked_part(situation) == "Hoe houd ik de PLG gaande?"
    # A question sentence that points back ("ze") brings the sentence it points at.
    situation = "Ik ben kartrekker. Mijn collega's haken af. Hoe krijg ik ze mee?"
    assert asked_part(situation) == "Mijn collega's haken af. Hoe krijg ik ze mee?"
    assert asked_part("Wat is een PLG?") == "Wat is een PLG?"
    assert asked_part("collegas haken af wat nu") == "collegas haken af wat nu"  # no question mark


def test_the_topic_of_an_asked_fact_leaves_out_the_words_that_give_its_form() -> None:
    terms = set(analyse("Hoeveel uur per week moet een PLG vergaderen?"))
    assert fact_topic(terms) == set(analyse("PLG vergaderen"))
    only_form = set(analyse("Hoeveel uur per week?"))
    assert fact_topic(only_form) == only_form  # nothing else to go by


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Welke laptop raadt de leidraad aan voor leerlingen?", "laptop"),
        ("Hoeveel vakantiedagen heeft een docent?", "vakantiedagen"),
        ("Which laptops should we buy?", "laptops"),
        ("Hoeveel uur per week moet een PLG vergaderen?", None),  # asks a form, the topic is the PLG
        ("In welk jaar is de startnotitie verschenen?", None),
        ("Wat kost een schoollicentie voor EBSCO?", None),
        ("Met welke begin je het best?", None),  # "welke" before a verb and its subject: no noun
        ("Wat zijn de stappen van De Zevensprong precies?", "De Zevensprong"),  # the method named
        ("Wat zijn de fasen van een Lesson Study-cyclus?", "Lesson Study"),
    ],
)
def test_the_asked_object_is_what_the_question_word_asks_about(question: str, thing: str | None) -> None:
    assert asked_object(question) == thing


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Welke drie doelkwadranten onderscheidt de auteur?", "doelkwadranten"),  # rare: named or absent
        ("Uit welke onderdelen bestaat dat spinnenweb precies?", "spinnenweb"),  # common: the whole
        ("Welke vier dimensies van een onderzoekscultuur zijn er?", "onderzoekscultuur"),
        ("In welke twee delen zijn de aanbevelingen verdeeld?", None),  # common, no whole: the topic
    ],
)
def test_the_members_of_a_whole_are_found_by_their_own_word_only_when_it_is_rare(
    question: str, word: str | None
) -> None:
    assert members_named_by(question) == word


def test_topic_words_leave_out_the_form_of_the_fact() -> None:
    assert topic_words("Hoeveel uur per week moet een PLG vergaderen?") == "PLG vergaderen?"


@pytest.mark.parametrize(
    ("question", "only"),
    [
        ("Wat zegt aanbeveling 2?", True),
        ("What does recommendation 4 say?", True),
        ("Wat zegt aanbeveling 2 over borging?", False),
        ("What does recommendation 2 say about feedback?", False),
        ("Wat zegt de leidraad?", False),  # no aanbeveling named: the model decides
    ],
)
def test_a_question_about_a_named_aanbeveling_alone_asks_only_its_scope(question: str, only: bool) -> None:
    assert asks_only_scope(parse_query(question)) is only


@pytest.mark.parametrize(
    ("question", "one"),
    [
        ("Een vader stuurt me elke week boze mails over de cijfers van zijn dochter. Hoe reageer ik?", True),
        ("Ik ben mentor. Een leerling in mijn klas wordt online gepest. Wat moet ik doen?", True),
        ("A pupil in my class keeps walking around. What works?", True),
        # One pupil among the examples of what a team faces: the question is about the team.
        (
            "Alle vragen komen bij mij: dyslexie, een leerling uit Syrië. Hoe pakken we dit als school aan?",
            False,
        ),
        ("Een collega wil niet meedoen aan de PLG. Hoe krijg ik haar mee?", False),
        ("Een student van de pabo loopt stage in mijn groep. Hoe betrek ik haar bij ons onderzoek?", False),
        ("A student teacher joins our team. How can she take part in our inquiry?", False),
        ("Hoe betrek je leerlingen bij de probleemanalyse?", False),
    ],
)
def test_a_question_about_one_pupil_or_parent(question: str, one: bool) -> None:
    assert about_one_person(question) is one


def test_a_follow_up_that_points_back_is_read_with_the_question_it_points_at() -> None:
    earlier = "Hoe houden we in de gaten of een nieuwe aanpak wordt uitgevoerd?"
    pointing = parse_query("Maar zo'n plan verdwijnt in de kast. Hoe hou je het levend?")
    joined = with_earlier_question(replace(pointing, previous=earlier))
    assert joined is not None and joined.text.startswith(earlier)
    # A question of its own, or one outside a conversation, gets no second look.
    assert with_earlier_question(replace(parse_query("Wat is een PLG?"), previous=earlier)) is None
    assert with_earlier_question(pointing) is None
