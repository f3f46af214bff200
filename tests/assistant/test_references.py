"""Which words of a question point back at what was said before."""

import pytest

from assistant.references import refers_back


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
        ("Hoeveel heb je er nodig op een school?", True),  # "hoeveel" before a verb: er counts it
        ("Hoeveel zijn er?", True),
        ("Hoeveel leerlingen zijn er?", False),  # "hoeveel" with its noun: er of existence
    ],
)
def test_how_many_of_what_was_said(question: str, back: bool) -> None:
    assert refers_back(question) is back


@pytest.mark.parametrize(
    ("question", "back"),
    [
        ("Met welke begin je het best?", True),  # a verb, then its subject: "welke" has no noun
        ("Which do you recommend?", True),
        ("Welke stappen zet je?", False),  # "welke" with its noun
        ("Welke boeken lees je?", False),
    ],
)
def test_which_with_its_noun_left_out(question: str, back: bool) -> None:
    assert refers_back(question) is back


@pytest.mark.parametrize(
    ("question", "back"),
    [
        ("Wat moet er allemaal in staan?", True),  # after an auxiliary the clause ends in its verb
        ("Hoe wordt er mee omgegaan?", True),
        ("Wie zitten er in groepen?", False),  # no auxiliary: "in groepen" is a phrase of its own
        ("Wat moet er in de leidraad staan?", False),  # the preposition has its own noun
    ],
)
def test_er_with_its_preposition_before_the_verb(question: str, back: bool) -> None:
    assert refers_back(question) is back
