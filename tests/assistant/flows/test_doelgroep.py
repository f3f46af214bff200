"""Who a praktijkvraag is about, read with the real Frog server (``assistant.flows.doelgroep``).

The sentences are written for these tests (not the practice questions the flows are measured on).
"""

import pytest

from assistant.dutch import analyse
from assistant.flows.doelgroep import Doelgroep


@pytest.fixture(scope="module")
def who(frog):
    return Doelgroep.load()


def _group(who: Doelgroep, text: str, sector: str = "vo") -> str | None:
    return who.read(text, analyse(text), sector)


def test_the_target_group_without_counts_and_pointers(who):
    assert _group(who, "Een klein groepje leerlingen in 2 vmbo weigert mee te doen met gym.") == (
        "leerlingen in 2 vmbo"
    )
    # the leerwegen after the year are part of it
    assert _group(who, "Veel leerlingen in 3 vmbo basis en kader halen hun stage niet.") == (
        "leerlingen in 3 vmbo basis en kader"
    )
    assert _group(who, "Waarom lezen altijd dezelfde leerlingen in groep 7 geen boeken?") == (
        "leerlingen in groep 7"
    )
    assert _group(who, "Hoe helpen we zwakke lezers in groep 4 met hun leesvloeiendheid?") == (
        "zwakke lezers in groep 4"  # an agent noun made from "lezen" names the learners
    )
    assert _group(who, "Wat moet er in een inwerkprogramma voor onze drie starters?") == "starters"


def test_a_level_alone_names_the_sectors_learners(who):
    assert _group(who, "Hoe houden we havo 4 gemotiveerd?") == "leerlingen in havo 4"
    assert _group(who, "Bij entree komen veel studenten te laat. Wat helpt?", "mbo") == (
        "studenten in entree"
    )
    assert _group(who, "Hoe krijgen we meer rust in de klas?") is None  # nobody named


def test_a_course_name_after_learners_in_one_chunk_stays_with_them(who):
    assert _group(who, "De studenten Logistiek halen hun stage niet. Wat helpt?", "mbo") == (
        "studenten Logistiek"
    )
    text = "Veel studenten van Helpende Zorg en Welzijn missen de lessen op maandag. Wat helpt?"
    assert _group(who, text, "mbo") == "studenten Helpende Zorg en Welzijn"


def test_learners_in_compounds_typos_and_by_their_class(who):
    assert who.learner("vmbo-leerling") and who.learner("brugklasleerling")
    assert who.learner("tweedeklassers") and who.learner("kind")
    assert not who.learner("leraar") and not who.learner("kinderopvang")
    assert who.learner_typo("studetnen") == "studenten"
    assert who.learner_typo("leerlingen") is None  # a Dutch word is no typo


def test_staff_and_others_are_no_learners(who):
    staff = analyse("De mentoren haken daardoor af.").sentences[0]
    assert who.names_staff(staff) and not who.names_learners(staff)
    parents = analyse("De ouders komen niet naar de avond.").sentences[0]
    assert who.of_others(parents)
    pupils = analyse("Veel leerlingen komen niet naar de avond.").sentences[0]
    assert who.names_learners(pupils) and not who.of_others(pupils)


def test_what_is_said_of_learners(who):
    sentence = analyse("Veel leerlingen in havo 4 haken af.").sentences[0]
    verb = next(i for i, t in enumerate(sentence) if t.text == "haken")
    assert who.said_of_learners(sentence, verb)
    sentence = analyse("Ze stoppen met huiswerk.").sentences[0]  # a measure, not leaving
    verb = next(i for i, t in enumerate(sentence) if t.text == "stoppen")
    assert not who.said_of_learners(sentence, verb, told=True)


def test_a_word_of_wholeness_and_a_compound_of_a_class_name(who):
    assert _group(who, "Het voltallige team moet weer op cursus over feedback.") == "het team"
    # a compound that only starts with a class name names no level, and is no mistyped learner
    assert _group(who, "Wat levert het brugklasweekend op voor de sfeer?") is None
    assert _group(who, "Hoe houden we de brugklassers gemotiveerd?") == "brugklassers"
