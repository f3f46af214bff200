"""Reading a praktijkvraag with the real Frog server: core concepts, outcome, target group, kind of question.

The sentences are written for these tests (not the practice questions the flows are measured on).
"""

import pytest

from assistant.flows.concepts import PraktijkvraagReader


@pytest.fixture(scope="module")
def reader(frog):
    return PraktijkvraagReader()


def _labels(reading) -> list[str]:
    return [c.label for c in reading.concepts]


def test_a_judgement_question_asks_about_its_om_clause(reader):
    reading = reader.read("Is het verstandig om de toetsen voor de brugklas digitaal af te nemen?", "vo")
    assert reading.vorm == "effect"
    assert _labels(reading)[0] == "het digitaal afnemen van de toetsen"  # not "verstandig"
    assert reading.doelgroep == "leerlingen in de brugklas"
    reading = reader.read("Heeft het zin om ouders vaker uit te nodigen voor een gesprek?", "po")
    assert reading.vorm == "effect"
    assert _labels(reading) == ["het vaker uitnodigen van de ouders voor een gesprek"]  # no "zin"


def test_the_outcome_is_what_the_effect_word_governs(reader):
    reading = reader.read(
        "Draagt een schoolmoestuin bij aan de betrokkenheid van leerlingen in groep 7?", "po"
    )
    assert reading.vorm == "effect"
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["betrokkenheid"]
    assert "schoolmoestuin" in _labels(reading)
    # "betere resultaten" is the outcome, not a wish for "good results"
    reading = reader.read("Leidt formatief evalueren tot betere resultaten bij wiskunde in 3 havo?", "vo")
    assert reading.vorm == "effect"
    assert "formatief evalueren" not in [c.label for c in reading.outcomes(reading.concepts)]


def test_a_short_question_asks_about_the_problem_told_before_it(reader):
    reading = reader.read(
        "In klas 2 leveren veel leerlingen hun verslagen te laat in. Wat doen we verkeerd?", "vo"
    )
    assert reading.vorm == "probleem"
    assert "verslagen" in _labels(reading) and "verkeerd" not in " ".join(_labels(reading))


def test_a_judgement_of_a_measure_the_story_proposes_asks_for_its_effect(reader):
    proposal = "De sectie wil voortaan elke week een overhoring geven."
    reading = reader.read(f"{proposal} Is dat verstandig?", "vo")
    assert reading.vorm == "effect"
    assert _labels(reading)[0] == "overhoring"
    # asking how to do it is no judgement; what learners want tells the problem, not a measure
    assert reader.read(f"{proposal} Hoe pakken we dat aan?", "vo").vorm != "effect"
    reading = reader.read(
        "De leerlingen in klas 2 willen niet meer leren voor toetsen. Wat is wijsheid?", "vo"
    )
    assert reading.vorm == "probleem"
    # learners as the indirect object of the proposal do not make it their wish
    reading = reader.read("De sectie wil elke leerling een vaste coach geven. Goed idee?", "vo")
    assert reading.vorm == "effect" and _labels(reading)[0] == "vaste coach"


def test_the_problem_the_story_tells_is_the_outcome_when_the_question_names_none(reader):
    reading = reader.read(
        "Onze groep 8 is erg onrustig na de pauze. Collega's willen de pauze inkorten. Wat is wijsheid?",
        "po",
    )
    assert reading.vorm == "effect"
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["klassenmanagement"]


def test_an_adjective_in_a_short_question_judges_it_names_no_topic(reader):
    reading = reader.read(
        "In klas 2 leveren veel leerlingen hun verslagen te laat in. Wat doen we fout?", "vo"
    )
    assert "leren van fouten" not in _labels(reading)  # "fout" leads there in the thesaurus


def test_parents_are_a_topic_staff_and_the_learners_class_are_not(reader):
    reading = reader.read(
        "In de kleuterklassen vergeten veel kinderen hun gymspullen. Ouders denken dat de school ze "
        "bewaart. Wat doen we fout?",
        "po",
    )
    assert "kleuterklassen" not in _labels(reading)  # where the target group is, not what about
    assert "ouderbetrokkenheid" in _labels(reading)  # "ouders" by the thesaurus's name for the topic
    reading = reader.read(
        "In de brugklas maken de mentoren zich zorgen over pesten op sociale media. Hoe pakken we dit aan?",
        "vo",
    )
    assert "mentoren" not in _labels(reading) and "pesten" in _labels(reading)


def test_settings_and_everyday_words_are_no_concepts(reader):
    reading = reader.read("Hoe gebruiken we de tijd in de mentorles beter?", "vo")
    assert _labels(reading) == ["mentorles"]  # "tijd" says too little to stand for "tijd en ruimte"
    reading = reader.read(
        "Elke vrijdag maken leerlingen ruzie over spelletjes op hun telefoon. Hoe pakken we pesten aan?",
        "po",
    )
    assert "vrijdag" not in _labels(reading) and "pesten" in _labels(reading)


def test_a_question_typed_without_question_mark_still_asks(reader):
    reading = reader.read(
        "we hebben veel nieuwe collega's. wat moet er in een goed inwerkprogramma zitten", "po"
    )
    assert reading.vorm == "kenmerken" and reading.kenmerken_van == "effectief inwerkprogramma"


def test_a_separated_particle_joins_its_verb(reader):
    reading = reader.read("Veel leerlingen in de bovenbouw haken in het voorjaar af. Wat helpt?", "vo")
    assert any(c.entry is not None and c.entry.term == "uitval" for c in reading.concepts)


def test_a_thesaurus_phrase_inside_a_noun_phrase_and_a_quantity_before_it(reader):
    reading = reader.read("Heeft elke week een uur vrij lezen effect op de woordenschat van groep 6?", "po")
    assert "vrij lezen" in _labels(reading) and "uur" not in _labels(reading)
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["woordenschat"]


def test_a_general_noun_gives_way_to_the_concept_it_is_about(reader):
    reading = reader.read("Veel leerlingen in de onderbouw hebben problemen met plannen. Wat helpt?", "vo")
    assert "problemen" not in _labels(reading) and _labels(reading)


def test_two_nouns_the_chunker_ran_together_are_two_concepts(reader):
    reading = reader.read(
        "Onze studenten krijgen pas bij het eindgesprek feedback over hun stage. Hoe kan dat beter?", "mbo"
    )
    assert "feedback" in _labels(reading) and "eindgesprek feedback" not in _labels(reading)


def test_a_short_yes_no_question_about_a_thing_names_its_own_topic(reader):
    reading = reader.read("Veel brugklassers maken hun huiswerk niet. Werkt een huiswerkklas?", "vo")
    assert reading.vorm == "effect" and _labels(reading)[0] == "huiswerkklas"
    assert reader.read("Leerlingen vergeten hun spullen. Werkt dat?", "vo").vorm == "probleem"


def test_a_negated_verb_names_what_is_missing(reader):
    reading = reader.read(
        "De kinderen in groep 4 lezen in hun vrije tijd nooit. Wat kunnen we daaraan doen?", "po"
    )
    assert "leesmotivatie" in _labels(reading)
    # the same verb without a negation names reading itself, not its absence
    reading = reader.read("De kinderen in groep 4 lezen veel strips. Wat kunnen we daaraan doen?", "po")
    assert "leesmotivatie" not in _labels(reading)


def test_an_absence_by_illness_is_verzuim(reader):
    reading = reader.read("Op vrijdag worden in 2 mavo veel leerlingen ziek gemeld. Hoe komt dat?", "vo")
    assert "verzuim" in _labels(reading)


def test_a_comparative_goal_is_named_as_a_quality(reader):
    reading = reader.read("Hoe maken we ons huiswerkbeleid duidelijker?", "vo")
    assert _labels(reading) == ["de duidelijkheid van het huiswerkbeleid"]  # "ons": a het-word


def test_a_span_of_years_is_no_target_group(reader):
    reading = reader.read("De rekenresultaten in groep 6 zakken al jaren. Wat helpt?", "po")
    assert reading.doelgroep is not None and "jaren" not in reading.doelgroep


def test_a_predicate_made_a_noun_stays_apart_from_another_noun_of_its_term(reader):
    reading = reader.read(
        "Vorig jaar had het team een cursus over feedback. Hoe zorgen we dat die nascholing beklijft?", "vo"
    )
    assert "het beklijven van nascholing" in _labels(reading), _labels(reading)


def test_a_verb_that_introduces_a_clause_says_something_of_its_subject(reader):
    reading = reader.read(
        "onze brugklassers vergeten steeds hun huiswerk en ouders klagen dat ze niet weten wat er moet "
        "gebeuren",
        "vo",
    )
    assert not any(label.startswith("het klagen") for label in _labels(reading)), _labels(reading)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # an infinitive as the object is named after the verb, not "het lezen ... oefenen"
        ("Is het zinvol om lezen in de zaakvakken te oefenen?", "het oefenen van lezen in de zaakvakken"),
        # a light verb's prepositional object is the measure, not "het met een weektaak"
        ("Is het verstandig om in groep 5 met een weektaak te werken?", "een weektaak"),
    ],
)
def test_a_judged_om_clause_names_its_measure(reader, text, measure):
    reading = reader.read(text, "po")
    assert reading.vorm == "effect"
    assert _labels(reading)[0] == measure


def test_a_compound_of_learners_is_the_target_group_and_staff_are_no_topic(reader):
    reading = reader.read("Hoe maken we onze havo-leerlingen enthousiast voor wiskunde?", "vo")
    assert reading.doelgroep == "havo-leerlingen"
    reading = reader.read(
        "Onze afdelingsleiders hebben geen tijd voor onderwijskundig leiderschap. Wat helpt?", "vo"
    )
    assert "onderwijskundig leiderschap" in _labels(reading), _labels(reading)


def test_a_team_is_the_target_group_when_no_learners_are_named(reader):
    reading = reader.read(
        "Ons team vergadert veel maar evalueert nooit. Hoe leren we van onze evaluaties?", "po"
    )
    assert reading.doelgroep == "het team"
    # staff the question asks about stay its topic
    reading = reader.read(
        "De mentoren willen meer tijd. Wat is de rol van de teamleider bij mentoraat?", "vo"
    )
    assert "teamleider" in _labels(reading)
    # … but staff the story names in passing are no topic
    reading = reader.read("De mentoren bellen veel ouders. Hoe verminderen we het verzuim?", "vo")
    assert "mentoren" not in _labels(reading)


def test_a_level_inside_the_om_clause_belongs_to_the_target_group(reader):
    reading = reader.read("Heeft het zin om in groep 4 de rekenles te verlengen?", "po")
    assert reading.vorm == "effect"
    assert _labels(reading)[0] == "het verlengen van de rekenles"  # not "het in verlengen van 4 de rekenles"
    assert reading.doelgroep is not None and "groep 4" in reading.doelgroep


def test_a_light_verb_in_a_judged_om_clause_leaves_the_measure_its_noun(reader):
    reading = reader.read("Heeft het zin om meer spelletjes in de rekenles te doen?", "po")
    assert reading.vorm == "effect"
    assert _labels(reading)[0] == "spelletjes in de rekenles"  # not "het in de rekenles doen van …"


def test_learners_who_are_not_there_name_their_absence(reader):
    reading = reader.read("Op vrijdagmiddag is de helft van 3 havo weg. Wat werkt daartegen?", "vo")
    assert "verzuim" in _labels(reading), _labels(reading)
    reading = reader.read("Van onze eerstejaars stopt een kwart voor de kerst. Hoe voorkomen we dat?", "mbo")
    assert "uitval" in _labels(reading), _labels(reading)
    # staff who leave are no learners' dropout; learners who stop doing something are no dropout
    reading = reader.read("Bij ons vertrekken elk jaar drie collega's. Wat helpt?", "po")
    assert "uitval" not in _labels(reading)
    reading = reader.read("De leerlingen in klas 3 stoppen met hun leesdossier. Wat helpt?", "vo")
    assert "uitval" not in _labels(reading)


def test_a_level_the_chunker_split_from_its_number_is_no_topic(reader):
    # the first level named ("vmbo-kader…") is the target group's; "klas 4" is a level all the same
    reading = reader.read(
        "Van onze vmbo-kaderleerlingen die naar het mbo gaan, stopt een groot deel in het eerste jaar."
        " Wat kunnen wij in klas 4 al doen om dat te voorkomen?",
        "vo",
    )
    assert "klas" not in [c.label for c in [*reading.concepts, *reading.other]]


def test_a_course_that_names_the_group_is_no_topic_in_any_case(reader):
    reading = reader.read(
        "Onze tweedejaars Muziek en Dans leveren hun portfolio altijd te laat in. Wat helpt?", "mbo"
    )
    assert reading.doelgroep == "tweedejaars Muziek en Dans"
    assert "dans" not in [label.lower() for label in _labels(reading)], _labels(reading)


def test_what_the_story_says_is_missing_is_the_outcome_of_a_judged_measure(reader):
    reading = reader.read(
        "Heeft het zin om in klas 2 een vaste leesles te geven?"
        " Veel samenvattingen zijn één lange lap zonder samenhang.",
        "vo",
    )
    assert reading.vorm == "effect"
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["samenhang"]
    reading = reader.read(
        "Is het slim om in groep 8 meer met breuken te oefenen?"
        " Veel kinderen halen het referentieniveau niet.",
        "po",
    )
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["referentieniveau"]
    # a noun in a prepositional phrase of the negated clause is no outcome
    reading = reader.read(
        "Is het slim om later te beginnen? Om negen uur zit er nog geen helft van de groep.", "mbo"
    )
    assert "groep" not in [c.label for c in reading.outcomes(reading.concepts)]


def test_a_descriptor_beside_the_one_named_adds_no_topic(reader):
    # "hbo" names the transition to higher education; its sibling "overgang vo-mbo" (same broader
    # term) stands out in the dense assignment too, but is no topic of this question
    reading = reader.read(
        "Van onze niveau 4 studenten die naar de hogeschool gaan, stopt een derde na een half jaar."
        " Wat helpt bij de overstap van mbo naar hbo?",
        "mbo",
    )
    assert "overgang vo-mbo" not in _labels(reading), _labels(reading)
    assert "uitval" in _labels(reading), _labels(reading)


def test_staff_who_drop_out_are_no_learners_dropout(reader):
    reading = reader.read(
        "De leerbedrijven klagen over onze stagiairs. De werkbegeleiders haken daardoor af. Wat helpt?",
        "mbo",
    )
    assert "uitval" not in _labels(reading), _labels(reading)
    # learners named before: "ze" are them
    reading = reader.read(
        "Onze studenten kappers doen het prima op school. In de salon haken ze na een maand af. Wat helpt?",
        "mbo",
    )
    assert "uitval" in _labels(reading), _labels(reading)


def test_a_dislike_of_reading_is_reading_motivation(reader):
    # the attitude toward reading is the narrower term that "niet lezen" names, not the word "hekel"
    reading = reader.read(
        "Veel jongens in klas 2 hebben een hekel aan lezen. Hoe krijgen we ze aan een boek?", "vo"
    )
    assert "leesmotivatie" in _labels(reading), _labels(reading)
    assert "hekel" not in _labels(reading)


def test_a_predicative_weg_frog_tags_a_noun_still_says_learners_are_absent(reader):
    # Frog tags "weg" in "vaker weg" a noun; without a determiner it is a predicate, not a road
    reading = reader.read(
        "Sinds de voorjaarsvakantie is een groepje uit 3 vwo steeds vaker weg op maandag. Wat helpt?",
        "vo",
    )
    assert "verzuim" in _labels(reading), _labels(reading)


def test_a_phrase_after_a_preposition_is_no_object_of_the_verb(reader):
    reading = reader.read(
        "Drie van onze nieuwe collega's zijn na een half schooljaar alweer vertrokken. Wat kunnen we doen?",
        "po",
    )
    assert not any(label.startswith("het vertrekken van") for label in _labels(reading)), _labels(reading)


def test_a_bare_noun_in_a_light_verbs_fixed_expression_is_no_concept(reader):
    # "aan boord houden", "op de bühne staan": the expression says how, not what about
    reading = reader.read("Hoe houden we de ouders van groep 8 aan boord bij het schoolkamp?", "po")
    assert "boord" not in " ".join(_labels(reading) + [c.label for c in reading.other])
    reading = reader.read(
        "Bij de musical staan kinderen uit groep 8 op de bühne, maar is dat niet vooral voor de bühne?",
        "po",
    )
    assert "bühne" not in " ".join(_labels(reading) + [c.label for c in reading.other])
    # a content verb governs its phrase ("oefenen op de laptop"), a compound is a topic of its own
    reading = reader.read("Werkt dagelijks spelling oefenen op de laptop in groep 6?", "po")
    assert "laptop" in " ".join(_labels(reading) + [c.label for c in reading.other])
    reading = reader.read("Hoe krijgen we meer ouders op de informatieavond in de brugklas?", "vo")
    assert "informatieavond" in " ".join(_labels(reading) + [c.label for c in reading.other])


def test_the_nouns_of_the_question_frame_and_levels_are_no_concepts(reader):
    # "kenmerken" and "aanpak" frame the question the kennisvraag asks itself; "groep 1" is a level
    reading = reader.read(
        "We willen in groep 1 en 2 meer doen aan woordenschat. Wat zijn kenmerken van een goede aanpak?",
        "po",
    )
    labels = " ".join(_labels(reading) + [c.label for c in reading.other])
    assert "kenmerken" not in labels and "aanpak" not in labels and "groep 1" not in labels
    assert reading.vorm == "kenmerken"  # the wish asks about the story's topic
    assert "woordenschat" in _labels(reading)


def test_thesaurus_terms_for_what_schools_say_in_their_own_words(reader):
    def all_labels(reading) -> str:
        return " | ".join(_labels(reading) + [c.label for c in reading.other])

    # a fixed expression leads to its descriptor, named by the descriptor
    reading = reader.read("Hoe krijgen we het team aan boord bij de nieuwe rekenmethode?", "po")
    assert "draagvlak" in _labels(reading) and "aan boord" not in all_labels(reading)
    # the everyday word for the thing is the thing; a learning pathway belongs to the group
    reading = reader.read("hoe krijg ik mijn eerstejaars bol zover dat ze hun telefoon wegleggen", "mbo")
    assert "telefoon" in " ".join(_labels(reading)) and "bol" not in all_labels(reading).split()
    # a negated "spreken" names what is missing, as "ze lezen niet meer" does
    reading = reader.read("In 2 havo spreken de leerlingen bij Frans nauwelijks. Wat helpt?", "vo")
    assert "spreekvaardigheid" in _labels(reading)
    # "meiden" are learners: the group, not a topic
    reading = reader.read("Waarom kiezen zo weinig meiden in 4 vwo voor informatica?", "vo")
    assert "meiden" in (reading.doelgroep or "") and "meiden" not in all_labels(reading)


def test_people_named_per_unit_are_no_target_group(reader):
    # "per docent" distributes; "wij als docenten" is the speaker's role
    reading = reader.read(
        "Wij willen meer doen aan burgerschap. Nu is het per docent een los project. Wat werkt?", "mbo"
    )
    assert "docent" not in (reading.doelgroep or "")


def test_asking_for_help_and_the_playground_are_descriptors(reader):
    reading = reader.read("Onze eerstejaars vragen pas hulp als ze al weken achterlopen. Wat werkt?", "mbo")
    assert "hulpzoekgedrag" in [c.entry.term for c in reading.concepts if c.entry]
    reading = reader.read("Op het plein wordt in groep 5 elke pauze gevochten. Wat helpt?", "po")
    assert "schoolplein" in [c.entry.term for c in [*reading.concepts, *reading.other] if c.entry]


def test_a_causative_or_modal_verb_is_no_part_of_the_measure(reader):
    reading = reader.read("Heeft het zin om kinderen in groep 7 zelf hun weektaak te laten plannen?", "po")
    assert reading.vorm == "effect"
    assert "plannen" in _labels(reading)[0] and "laten" not in _labels(reading)[0].split()


def test_a_measure_noun_belongs_to_the_object_of_a_judged_measure(reader):
    # the chunker splits "het aantal | huiswerkopdrachten": one object, one article each
    reading = reader.read("Heeft het zin om het aantal toetsen in de brugklas te halveren?", "vo")
    assert _labels(reading)[0] == "het halveren van het aantal toetsen"  # not "het het halveren …"


def test_weg_after_another_verb_is_its_particle_not_an_absence(reader):
    reading = reader.read("Een jongen uit groep 6 rent bij elke ruzie weg. Wat helpt?", "po")
    assert "verzuim" not in _labels(reading), _labels(reading)  # "wegrennen", not being away
    reading = reader.read("Veel studenten blijven na de vakantie weg. Wat helpt?", "mbo")
    assert "verzuim" in _labels(reading), _labels(reading)


def test_a_common_adjective_before_a_verb_says_how_not_what_about(reader):
    reading = reader.read("Hoe kunnen collega's de digitale borden slim gebruiken in de les?", "vo")
    assert "hoogbegaafdheid" not in _labels(reading), _labels(reading)  # "slim" as in "cleverly"
    reading = reader.read("Moeten docenten in 2 havo vaker formatief lesgeven?", "vo")
    assert "formatief evalueren" in _labels(reading)  # a rarer one names a practice


def test_a_comparative_goal_past_a_phrase_of_place_is_named_as_a_quality(reader):
    # "in groep 5" stands between the subject and its predicate; the possessive becomes an article
    reading = reader.read("Hoe zorgen we dat onze instructie in groep 5 duidelijker wordt?", "po")
    assert _labels(reading) == ["de duidelijkheid van de instructie"]


def test_what_a_measure_works_for_is_its_outcome_unless_it_names_people(reader):
    reading = reader.read("Werkt een vast leesmaatje voor de leesmotivatie van kinderen in groep 4?", "po")
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["leesmotivatie"]
    # "voor brugklassers die …": whom it works for, the target group; the relative clause is no outcome
    reading = reader.read(
        "Werkt een huiswerkklas voor brugklassers die thuis geen rustige kamer hebben?", "vo"
    )
    assert reading.outcomes(reading.concepts) == [] and reading.doelgroep == "brugklassers"


def test_mistyped_learners_are_the_target_group_not_a_topic(reader):
    reading = reader.read("Hoe krijgen we de studetnen van niveau 2 aan het lezen van vakteksten?", "mbo")
    assert "studetnen" not in _labels(reading) and reading.doelgroep == "studenten in niveau 2"
    reading = reader.read("Wat helpt leerligen met dyslexie in 3 vmbo bij het leren van Duits?", "vo")
    assert "leerligen" not in _labels(reading) and reading.doelgroep == "leerlingen in 3 vmbo"


@pytest.mark.parametrize(
    ("praktijkvraag", "sector", "measure", "outcome"),
    [
        (
            "Onze sectie gebruikt quizzen in de les om de woordenschat bij Frans te herhalen. Helpt dat?",
            "vo",
            "quizzen",
            "woordenschat",
        ),
        (
            "Een docent geeft studenten niveau 2 elke week een oefenexamen om de stress voor het examen te"
            " verlagen. Heeft dat zin?",
            "mbo",
            "oefenexamen",
            "stress",
        ),
        # nothing before "om" names the measure: the om-clause made a noun is what is judged
        (
            "Een collega doet elke dag iets met muziek om de woordenschat van de kleuters te vergroten."
            " Werkt dat?",
            "po",
            "het vergroten van de woordenschat",
            None,
        ),
    ],
)
def test_werkt_dat_judges_the_practice_told_right_before_it(reader, praktijkvraag, sector, measure, outcome):
    # "Helpt dat?", "Heeft dat zin?": the sentence before tells the measure; its om-clause what it is for
    reading = reader.read(praktijkvraag, sector)
    assert reading.vorm == "effect" and _labels(reading)[0] == measure
    assert outcome is None or outcome in [c.label for c in reading.outcomes(reading.concepts)]


def test_an_impersonal_het_with_a_copula_says_something_of_the_situation(reader):
    reading = reader.read(
        "Leerlingen in 2 havo vragen pas om uitleg als het al te laat is."
        " Hoe leren we ze eerder hulp te vragen?",
        "vo",
    )
    assert "te laat komen" not in _labels(reading), _labels(reading)
    reading = reader.read("In 2 havo komen steeds meer leerlingen te laat. Wat helpt?", "vo")
    assert "te laat komen" in _labels(reading)


def test_a_frequent_simple_noun_in_a_fixed_expression_is_no_compound_and_no_concept(reader):
    # "gesprek" is no "ges" + "prek", "papier" no "pap" + "ier": more frequent than such parts
    reading = reader.read("Hoe gaan we met de ouders van groep 7 beter in gesprek?", "po")
    assert "gesprek" not in _labels(reading), _labels(reading)
    reading = reader.read("Moeten we de verslagen in 4 havo weer op papier laten inleveren?", "vo")
    assert "papier" not in _labels(reading), _labels(reading)


def test_a_thesaurus_word_before_a_plural_is_a_compound_typed_loose_not_a_measure(reader):
    reading = reader.read("Twee docenten in de bovenbouw hebben stress klachten. Wat kunnen we doen?", "vo")
    assert "stress klachten" in [c.label for c in [*reading.concepts, *reading.other]]
    # a word that only counts still goes
    reading = reader.read("Een handvol kinderen in groep 6 leest nooit een boek. Wat werkt?", "po")
    assert not any("handvol" in c.label for c in [*reading.concepts, *reading.other])


def test_a_demonstrative_in_the_question_names_what_the_story_told(reader):
    # "zo'n verbod" is the "huiswerkverbod" told before: one concept, and the question asks about it
    reading = reader.read(
        "Onze school heeft sinds september een huiswerkverbod in de onderbouw. "
        "Wat doet zo'n verbod met de motivatie van leerlingen?",
        "vo",
    )
    verbod = next(c for c in reading.concepts if c.label == "huiswerkverbod")
    assert verbod.in_question and verbod.mentions == 2
    assert "verbod" not in _labels(reading)
    # "zo'n" points at a kind, whatever its number
    reading = reader.read(
        "We werken met combinatieklassen in groep 5 en 6. Hoe plan je de instructie in zo'n klas?", "po"
    )
    assert next(c for c in reading.concepts if c.label == "combinatieklassen").in_question
    # "die" points at the thing itself: "die laatste weken" are not the toetsweek
    reading = reader.read("De toetsweek valt dit jaar in juni. Hoe benutten we die laatste weken?", "vo")
    assert "laatste weken" in _labels(reading)
    # a place the question points at is its topic, not a setting
    reading = reader.read(
        "Bij ons werken de leerlingen in open leerpleinen. Hoe blijven ze in zo'n ruimte geconcentreerd?",
        "vo",
    )
    assert "ruimte" in _labels(reading)


def test_people_who_tell_what_a_dat_clause_says_are_no_target_group_nor_topic(reader):
    reading = reader.read(
        "Collega's zeggen dat de sfeer in de klas veel beter is sinds het telefoonverbod. Klopt dat?", "vo"
    )
    assert reading.doelgroep != "collega's" and "collega's" not in _labels(reading)
    reading = reader.read("Mentoren merken dat de tweedejaars steeds vaker spijbelen. Wat werkt?", "vo")
    assert "mentoren" not in _labels(reading)


def test_a_question_for_research_asks_about_the_question_before_it(reader):
    # "Wat zegt de wetenschap?" names no topic: the question before it does, after its colon
    reading = reader.read(
        "Onze school schaft volgend jaar alle schriften af. Eerlijk gezegd twijfel ik: schrijven kinderen "
        "op een tablet net zo snel als met een potlood? Wat zegt de wetenschap?",
        "po",
    )
    asked = [c.label for c in reading.concepts if c.in_question]
    assert "tablet" in asked and "potlood" in asked and "schriften" not in asked
    # what leads in before a colon is no part of the question
    reading = reader.read(
        "Sinds de studiedag over het jonge kind blijft er één vraag: leren kleuters meer van vrij spel dan "
        "van een kringactiviteit?",
        "po",
    )
    asked = [c.label for c in reading.concepts if c.in_question]
    assert "vrij spel" in asked and "studiedag" not in asked


def test_an_effect_verb_with_a_separated_particle_governs_the_outcome(reader):
    reading = reader.read(
        "In groep 6 werken de kinderen sinds dit jaar met een weektaak. "
        "Levert zo'n weektaak echt iets op voor hun zelfstandigheid?",
        "po",
    )
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["zelfstandigheid"]


def test_what_an_impersonal_het_is_or_becomes_is_no_topic(reader):
    reading = reader.read(
        "Onze leerlingenraad in groep 7 en 8 vergadert elke maand. "
        "Hoe voorkom je dat het een praatclubje wordt?",
        "po",
    )
    assert "praatclubje" not in _labels(reading) and "leerlingenraad" in _labels(reading)
    # an om-clause after "het is" names a measure, no predicate
    reading = reader.read(
        "Bij ons in groep 2 is het soms erg druk. Wij vragen ons af of het slim is om drukke kleuters een "
        "koptelefoon te geven.",
        "po",
    )
    assert "een koptelefoon" in _labels(reading)  # the measure judged, asked indirectly
    assert reading.vorm == "effect"


def test_what_befalls_staff_is_no_practice_and_a_loose_compound_has_its_term(reader):
    reading = reader.read(
        "Drie docenten van de afdeling zitten thuis met stress klachten. "
        "Hoe voorkom je dat het hele team instort?",
        "vo",
    )
    concepts = {c.label: c for c in [*reading.concepts, *reading.other]}
    assert not any(label.startswith("het instorten") for label in concepts)
    assert concepts["stress klachten"].entry is not None  # "stress" as in "stressklachten"


def test_a_product_name_after_learners_and_their_course_is_the_object_not_the_course(reader):
    reading = reader.read(
        "Is het verstandig om onze studenten Commercie TikTok te laten gebruiken bij het schrijven van "
        "reclameteksten?",
        "mbo",
    )
    assert reading.doelgroep == "studenten Commercie"
    assert _labels(reading)[0] == "het gebruiken van TikTok bij het schrijven van reclameteksten"


def test_a_skill_a_negated_kunnen_says_is_missing_is_named_in_the_practitioners_words(reader):
    reading = reader.read(
        "In groep 4 zitten kinderen die na een half jaar nog niet kunnen klokkijken. "
        "Hoe pakken andere scholen dat aan?",
        "po",
    )
    assert "klokkijken" in _labels(reading)
    # a verb the thesaurus knows is named by its term
    reading = reader.read("Veel brugklassers kunnen niet plannen en organiseren. Wat werkt?", "vo")
    assert "plannen en organiseren" not in _labels(reading)


def test_a_particle_before_te_belongs_to_the_infinitive(reader):
    # "binnen te krijgen" is binnenkrijgen: "werkt" has no particle "binnen" (no "binnenwerken")
    reading = reader.read("Wat werkt er om brugklassers 's ochtends op tijd binnen te krijgen?", "vo")
    assert _labels(reading) == ["te laat komen"]


def test_a_portion_of_the_learners_told_before_leaves(reader):
    # "een groot deel" are the eerstejaars; the begeleider is in another clause
    reading = reader.read(
        "Onze eerstejaars beginnen vol goede moed. Een groot deel haakt na de herfstvakantie af, vaak "
        "omdat de begeleider weinig tijd heeft. Hoe houden we ze binnen?",
        "mbo",
    )
    assert "uitval" in _labels(reading)
    reading = reader.read(
        "In de vierde klas zijn de lessen op vrijdagmiddag half leeg. De rest komt gewoon niet. "
        "Wat kunnen we doen?",
        "vo",
    )
    assert "verzuim" in _labels(reading)


def test_others_who_do_not_come_are_no_absence_of_learners(reader):
    reading = reader.read(
        "We nodigen de ouders van groep 4 twee keer per jaar uit, maar veel ouders komen niet opdagen. "
        "Hoe bereiken we ze beter?",
        "po",
    )
    assert "verzuim" not in _labels(reading)


def test_noticing_early_is_signalering_and_an_impersonal_het_is_no_lateness(reader):
    reading = reader.read(
        "Veel leerlingen in groep 6 hebben moeite met breuken. We merken meestal pas als het te laat is "
        "dat ze achterlopen. Hoe kunnen we eerder merken dat een leerling vastloopt?",
        "po",
    )
    assert _labels(reading)[0] == "vroegsignalering"  # the term, not the words "eerder merken"
    assert "te laat komen" not in _labels(reading)


def test_learners_who_do_nothing_lack_motivation(reader):
    # "niets" negates "doen" as "niet" does; of learners it is their effort that is missing
    reading = reader.read(
        "In 3 havo zien we dat veel leerlingen niets meer doen zodra de toetsweek voorbij is. "
        "Hoe houden we ze aan het werk?",
        "vo",
    )
    assert "motivatie" in _labels(reading)


def test_a_verb_the_question_asks_about_names_its_noun(reader):
    reading = reader.read(
        "In groep 6 zitten de zwakke rekenaars samen aan een aparte instructietafel. Frustreert dat die "
        "kinderen?",
        "po",
    )
    assert "frustratie" in _labels(reading)
    # a dummy "het" points at nothing: "maakt het uit?" asks whether it matters, no topic
    reading = reader.read("We laten groep 8 elke ochtend tien minuten stillezen. Maakt het wat uit?", "po")
    assert not any(label.endswith(("ing", "atie")) for label in _labels(reading))


def test_a_broader_term_from_a_verb_gives_way_to_the_narrower_descriptor(reader):
    # "zetten zich niet in" is motivatie; the story is about its narrower term, onderpresteren
    reading = reader.read(
        "Een paar slimme leerlingen in 3 vwo zetten zich niet in en halen net voldoendes, terwijl ze "
        "veel meer kunnen. Wat kunnen we daaraan doen?",
        "vo",
    )
    assert "onderpresteren" in _labels(reading) and "motivatie" not in _labels(reading)


def test_a_term_named_in_both_numbers_is_one_concept(reader):
    reading = reader.read(
        "In de onderbouw geven we sinds dit jaar veel minder cijfers. Collega's vragen zich af of een "
        "cijfer de leerlingen niet juist motiveert. Hoe zit dat?",
        "vo",
    )
    assert "cijfer" not in _labels(reading) and "cijfers" in _labels(reading)


def test_without_a_question_the_speakers_wish_is_the_goal(reader):
    reading = reader.read(
        "Wij willen dat de leraren van onze vestiging Noord vaker van elkaar leren. Nu zien ze elkaar "
        "bijna nooit in de les, want iedereen heeft het druk.",
        "vo",
    )
    assert reading.vorm == "doel"
    # whose the teachers are ("van onze vestiging Noord") belongs to them, no topic
    assert _labels(reading) == ["professionele ontwikkeling"]


def test_the_question_points_back_at_the_practice_told_and_judges_no_chance(reader):
    reading = reader.read(
        "Sinds dit jaar oefenen de derdeklassers bij Frans in een adaptief online systeem. De cijfers "
        "voor de toetsen zijn flink gedaald. Ligt dat aan het systeem of is dat toeval?",
        "vo",
    )
    assert reading.doelgroep == "derdeklassers"  # pupils named by their class
    # "het systeem" is the adaptive system told before, an everyday noun made specific by "adaptief"
    assert reading.vorm == "effect"
    first = reading.concepts[0]
    assert first.label == "adaptief online systeem" and first.in_question
    assert "toeval" not in _labels(reading)  # what "dat" is, a judgement, no topic


def test_an_infinitive_used_as_a_noun_takes_its_object(reader):
    # "opstellen" after "van" is the plural of "opstel" (Frog reads the verb), the object of "beoordelen"
    reading = reader.read(
        "Onze sectie Nederlands steekt veel tijd in het beoordelen van opstellen in 3 vwo. Hoe kan dat "
        "sneller?",
        "vo",
    )
    assert "het beoordelen van opstellen" in _labels(reading)


def test_doing_nothing_with_a_thing_is_not_using_it(reader):
    reading = reader.read(
        "In 4 havo krijgen leerlingen veel feedback op hun verslagen. Maar ze doen niets met de "
        "feedback. Hoe veranderen we dat?",
        "vo",
    )
    assert "feedbackgebruik" in _labels(reading) and "motivatie" not in _labels(reading)


def test_a_question_typed_without_a_mark_judges_a_time_out(reader):
    # opening with its verb and "werkt", it asks whether the practice works; no question mark needed
    reading = reader.read(
        "In 2 mavo zitten een paar jongens die bijna elke les in het opvanglokaal belanden. werkt zo'n "
        "time-out eigenlijk wel",
        "vo",
    )
    assert reading.vorm == "effect"
    first = reading.concepts[0]
    assert first.entry is not None and first.entry.term == "uitsturen" and first.mentions == 2


def test_a_clause_of_cause_tells_a_guess_why_not_the_topic(reader):
    reading = reader.read(
        "In 2 havo halen veel leerlingen onvoldoendes voor wiskunde, omdat ze hun huiswerk niet maken. "
        "Hoe krijgen we die resultaten omhoog?",
        "vo",
    )
    assert "wiskunde" in _labels(reading) and "huiswerk" not in _labels(reading)
    assert "huiswerk" in [c.label for c in reading.other]


def test_a_question_that_weighs_two_alternatives_asks_for_the_effect_of_one_against_the_other(reader):
    reading = reader.read(
        "Is een huiswerkklas na schooltijd zinvol, of kunnen we beter bijles in kleine groepjes geven?", "vo"
    )
    assert reading.vorm == "effect"
    assert _labels(reading) == ["een huiswerkklas na schooltijd", "bijles in kleine groepjes"]
    assert [c.label for c in reading.versus] == ["bijles in kleine groepjes"]  # no "zinvol", "geven"
    # a content verb at the end is made a noun, with its object; the adverb "gewoon" says nothing
    reading = reader.read(
        "Moeten we de toetsen in één toetsweek afnemen of kunnen we ze gewoon beter over het jaar spreiden?",
        "vo",
    )
    assert _labels(reading) == ["het afnemen van de toetsen in één toetsweek", "het spreiden over het jaar"]
    # "Moeten we A maken of B?" offers another object for the same verb; "dat" points back
    reading = reader.read("Moeten we een aparte rekengroep maken of een plusgroep?", "po")
    assert _labels(reading) == ["een aparte rekengroep", "een plusgroep"]
    reading = reader.read(
        "Wij denken aan een buddysysteem voor nieuwe leerlingen. Is dat de moeite waard of kunnen we "
        "beter een mentoruur per week inroosteren?",
        "vo",
    )
    assert _labels(reading)[0] == "buddysysteem" and reading.versus


def test_an_alternative_that_only_doubts_weighs_nothing(reader):
    for text in (
        "Werkt een leesclub in groep 6, of is dat zonde van de tijd?",
        "Heeft een logboek zin of maakt het niks uit?",
        "Werkt lesgeven in het bos of op het schoolplein voor de concentratie?",  # two forms of one X
    ):
        assert not reader.read(text, "po").versus, text


def test_an_alternative_with_a_clause_of_its_own_is_not_named(reader):
    for text in (
        "Moeten we een rustige werkplek inrichten waar ze heen kunnen, of juist zorgen dat ze blijven?",
        "Moeten we ze naar de bijlesgroep sturen of ze in de klas houden en de instructie beter afstemmen?",
    ):
        assert not reader.read(text, "vo").versus, text


def test_the_learning_a_question_names_by_its_verb_is_the_outcome(reader):
    reading = reader.read("Leren leerlingen in 2 havo echt iets van een excursie naar het museum?", "vo")
    assert reading.vorm == "effect"
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["leerprestaties"]
    assert "excursie" in _labels(reading)[0]
    reading = reader.read(
        "Sinds de zomer hebben we een nieuwe rekenmethode. Maakt dat uit voor hoe de kinderen leren?", "po"
    )
    assert [c.label for c in reading.outcomes(reading.concepts)] == ["leerprestaties"]
    # a skill that is learnt is its own concept, and staff who learn are no learning outcome
    for text in (
        "Leren ze met een tablet nog wel zelf schrijven?",
        "Leren docenten meer van lesbezoeken dan van een studiedag?",
    ):
        reading = reader.read(text, "vo")
        assert "leerprestaties" not in _labels(reading), text


def test_a_comparative_or_superlative_grades_and_is_left_out_of_a_label(reader):
    reading = reader.read("Werken kortere toetsen beter voor de motivatie in 2 havo?", "vo")
    assert _labels(reading) == ["toetsen", "motivatie"]  # not "kortere toetsen"
    reading = reader.read("Wat doen we aan verzuim in de laatste weken voor de zomer?", "vo")
    assert any(
        "laatste weken" in c.label for c in [*reading.concepts, *reading.other]
    )  # orders, like "eerste"


def test_a_heading_before_a_colon_names_the_topic_a_clause_only_leads_in(reader):
    text = "Combinatieklas 7/8: geef ik de spellingsinstructie aan beide groepen tegelijk, of apart?"
    heading = next(c for c in reader.read(text, "po").concepts if c.head == "combinatieklas")
    assert heading.in_question
    text = "ik heb een vermoeden: halen de leerlingen met bijles hogere cijfers?"
    assert not any(c.in_question for c in reader.read(text, "vo").concepts if c.head == "vermoeden")


def test_a_classifier_names_no_topic_and_an_identity_adjective_points(reader):
    reading = reader.read("Hoe gaan we om met dit soort spijbelgedrag in 3 vmbo?", "vo")
    labels = [c.label for c in [*reading.concepts, *reading.other]]
    assert "soort" not in labels and "spijbelgedrag" in labels
    text = "Iedereen in het team krijgt hetzelfde eindcijfer voor het project. Hoe maken we dat eerlijker?"
    reading = reader.read(text, "vo")
    labels = [c.label for c in [*reading.concepts, *reading.other]]
    assert "eindcijfer" in labels and not any("hetzelfde" in label for label in labels)


def test_how_often_and_how_much_are_left_out_of_a_measure(reader):
    text = "Is het slim om de brugklassers drie keer per week met een maatje te laten lezen?"
    measure = reader.read(text, "vo").concepts[0].label
    assert "keer" not in measure and "per week" not in measure and "maatje" in measure
    text = "Coachgesprekken van tien minuten per leerling, of klassikale mentorlessen?"
    first = reader.read(text, "vo").concepts[0].label
    assert first == "coachgesprekken"
    # a moment is the measure itself
    text = "Is het verstandig om de lessen om tien uur te laten beginnen voor de eerstejaars?"
    assert any("om tien uur" in c.label for c in reader.read(text, "mbo").concepts)
