"""Which words of a question point back at what was said before."""

import pytest

from assistant.references import refers_back, selects


@pytest.mark.parametrize(
    "question",
    [
        "Hoe zorg je dat een verbeterplan door het hele team gedragen wordt?",  # "dat" the conjunction
        "Onze sectie heeft leerteams opgezet. Wie zitten daarin volgens de leidraad?",  # antecedent inside
        "Wat zegt de leidraad over borging?",
        "Welke aanpak helpt leerlingen die vaak te laat komen?",  # a relative pronoun
        "Hoe kiest de schoolleiding welke vernieuwingen ze invoert?",  # bound in the clause above
        "How do we find research without it eating up all our time?",
        "Hoe zorg je ervoor dat leerlingen hun huiswerk maken?",  # "ervoor" points ahead to its clause
        "Hoe kom je erachter of een aanpak werkt?",
        "Hoeveel stappen zijn er?",  # "er" of existence
        "Staat er iets over tijd in de leidraad?",
        "Wat is de eerste stap?",  # the ordinal has its noun
        "Welke van de twee aanbevelingen gaat over tijd?",
        "Hoe pak je het probleem aan?",  # "het" the article
        "Wat is het verschil tussen een PLG en een werkgroep?",  # both sides named
        "Is one of the steps about time?",
    ],
)
def test_no_reference_back(question: str) -> None:
    assert not refers_back(question)


@pytest.mark.parametrize(
    ("question", "back"),
    [
        # "hoeveel" before a verb: "er" counts what was said; with its own noun "er" is of existence
        ("Hoeveel heb je er nodig op een school?", True),
        ("Hoeveel zijn er?", True),
        ("Hoeveel leerlingen zijn er?", False),
        # a verb, then its subject: "welke" has no noun of its own
        ("Met welke begin je het best?", True),
        ("Which do you recommend?", True),
        ("Welke stappen zet je?", False),
        ("Welke boeken lees je?", False),
        # after an auxiliary the clause ends in its verb, so the preposition stands before it
        ("Wat moet er allemaal in staan?", True),
        ("Hoe wordt er mee omgegaan?", True),
        ("Wie zitten er in groepen?", False),
        ("Wat moet er in de leidraad staan?", False),
        # "het" and a superlative after "dat": the demonstrative, not the conjunction
        ("Wanneer pak je dat het beste aan?", True),  # a verb's particle may end the clause
        ("Wanneer doe je dat het vaakst?", True),
        ("Hoe weet je dat het meest effectief is?", False),
        # an auxiliary opens the question, "het" and one word end it: subject and predicate
        ("Kan het eenvoudiger?", True),
        ("Is het verplicht?", True),
        ("Is het schoolplan duidelijk?", False),
        ("Wat is het schoolplan?", False),
        # the finite verb ends a subordinate clause, after the quantifier "er" counts with
        ("Hoe merk je of je er een bent?", True),
        ("Hoe merk je of er een plan is?", False),
        # "die" after a preposition with only a noun phrase after it: a demonstrative, no relative
        ("Wat doet een schoolleider precies met die aanbeveling?", True),
        ("Welke rol heeft de directeur bij die laatste stap?", True),
        ("Onze school kent leerteams. Wat zegt de leidraad over die leerteams?", False),  # said before
        ("Leerlingen leveren teksten in die door AI zijn geschreven. Hoe toetsen we dat?", False),
    ],
)
def test_a_word_read_by_its_place_in_the_clause(question: str, back: bool) -> None:
    assert refers_back(question) is back


@pytest.mark.parametrize(
    ("question", "picks"),
    [
        ("Which one of those is about leadership?", True),
        ("Which of them should we start with?", True),
        ("Welke daarvan past bij een kleine school?", True),
        ("Welke van die twee werkt beter?", True),
        ("Which recommendation is about leadership?", False),  # names its own noun
        ("Welke aanpak werkt bij ons?", False),
    ],
)
def test_a_question_picking_one_of_the_things_said(question: str, picks: bool) -> None:
    assert selects(question) is picks
