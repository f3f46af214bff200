"""Dutch sentence structure over a real Frog analysis (sentences written for these tests)."""

import pytest

from assistant.dutch import analyse
from assistant.flows import clauses


@pytest.fixture(autouse=True)
def _frog(frog):
    """Every test reads Frog's tags, not the word-list fallback's."""


def test_the_question_sentence_is_the_one_that_asks():
    analysis = analyse("Veel leerlingen komen te laat. Werkt een laatkomersbeleid?")
    question = clauses.question_sentence(analysis)
    assert [t.text for t in question] == ["Werkt", "een", "laatkomersbeleid", "?"]
    assert clauses.asks_yes_no(question)
    # typed without "?", opening with a question word
    analysis = analyse("Onze starters vertrekken snel. wat moet er in een goed inwerkprogramma")
    assert clauses.question_sentence(analysis)[0].text == "wat"


def test_a_judgement_frame_ends_where_its_om_clause_starts():
    question = analyse("Is het slim om de lessen later te laten beginnen?").sentences[0]
    frame = clauses.judgement_frame(question)
    assert [t.text for t in question[frame : frame + 2]] == ["de", "lessen"]
    assert clauses.judgement_frame(analyse("Hoe krijgen we meer rust in de klas?").sentences[0]) == 0


def test_a_setting_is_a_place_or_a_recurring_time():
    analysis = analyse("Elke ochtend is het onrustig in de klas bij de kapstokken.")
    sentence = analysis.sentences[0]
    settings = {p.text for p in analysis.noun_phrases() if clauses.setting(sentence, p)}
    assert settings == {"ochtend", "klas"}  # not "kapstokken": "bij" is no place of the problem


def test_an_uninflected_adjective_before_a_plural_noun_points_rather_than_describes():
    tokens = analyse("Dezelfde kinderen maken steeds slimme keuzes.").tokens
    assert clauses.determiner_like(tokens[0], tokens[1:2])  # "dezelfde kinderen"
    assert not clauses.determiner_like(tokens[4], tokens[5:6])  # "slimme keuzes"


def test_two_noun_phrases_without_a_verb_offer_a_choice():
    question = analyse(
        "Klassikale instructie of werken in niveaugroepen, wat werkt beter in groep 5?"
    ).sentences[0]
    at = clauses.weighed(question, frozenset({"beter"}))
    assert at is not None and question[at[0]].text == "of"
    # an "of" inside a clause with its own verb offers no choice
    question = analyse("Hoe gaan we om met pesten of buitensluiten in de klas?").sentences[0]
    assert clauses.weighed(question, frozenset({"beter"})) is None


def test_a_yes_no_question_typed_on_without_a_mark_is_a_sentence_of_its_own():
    analysis = analyse(
        "het bestuur wil bezuinigen op gym, maar helpt gym ook voor de concentratie of is dat onzin"
    )
    split = clauses.with_typed_questions(analysis)
    assert len(split.sentences) == 2 and split.sentences[1][0].text == "helpt"
    assert clauses.question_sentence(split)[0].text == "helpt"
    # a statement's inverted main clause offers no alternative: no question
    analysis = analyse("Als ze te laat komen, krijgen ze een briefje mee naar huis.")
    assert clauses.with_typed_questions(analysis) is analysis


def test_a_question_asked_of_the_clause_before_it_is_a_sentence_of_its_own():
    # "heeft dat zin?" asks about what the clause before it told: that clause is the story
    analysis = analyse("Mijn collega laat de klas elke ochtend tien minuten stillezen, heeft dat zin?")
    split = clauses.with_typed_questions(analysis)
    assert [s[0].text for s in split.sentences] == ["Mijn", "heeft"]
    assert [t.text for t in clauses.question_sentence(split)] == ["heeft", "dat", "zin", "?"]
    analysis = analyse("We geven elke vrijdag een quiz over de stof, maar werkt dit echt?")
    assert clauses.question_sentence(clauses.with_typed_questions(analysis))[0].text == "werkt"
    # a question whose subject is no demonstrative asks on its own ("Als het regent, is het gym binnen?")
    analysis = analyse("Als het regent, gaan de kinderen dan naar binnen?")
    assert clauses.with_typed_questions(analysis) is analysis


def test_a_verb_with_its_separated_particle_judges_whether_something_works():
    question = analyse("leveren die excursies iets op voor de motivatie").sentences[0]
    assert clauses.asks(question, frozenset({"opleveren"}))
