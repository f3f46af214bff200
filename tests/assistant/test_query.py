"""parse_query: the aanbeveling and sector a question names."""

from __future__ import annotations

import pytest

from assistant.models import Scope
from assistant.query import is_english, parse_query


@pytest.mark.parametrize(
    ("question", "aanbeveling"),
    [
        ("wat zegt h6 over tijd?", "h6"),
        ("Wat zegt H6 over tijd?", "h6"),
        ("Wat staat er in aanbeveling 6?", "h6"),
        ("aanbeveling h3 over reflectie", "h3"),
        ("Wat bedoelen ze met de zesde aanbeveling?", "h6"),
        ("Leg de tweede aanbeveling uit", "h2"),
        ("What does the sixth recommendation say?", "h6"),
        ("Summarise recommendation 4", "h4"),
        ("Wat zegt hoofdstuk 5 over literatuur?", "h5"),
        ("wat zegt h7 over tijd?", None),
        ("aanbeveling 7", None),
        ("Hoe werkt een PLG?", None),
        ("Wat is h60?", None),
        ("de zesde keer dat we vergaderen", None),
    ],
)
def test_aanbeveling(question: str, aanbeveling: str | None) -> None:
    assert parse_query(question).aanbeveling == aanbeveling


@pytest.mark.parametrize(
    ("question", "sector"),
    [
        ("Hoe borgen we dit in het mbo?", "mbo"),
        ("Wat werkt op een basisschool?", "po"),
        ("tips voor het po", "po"),
        ("Geldt dit ook voor havo/vwo?", "vo"),
        ("Ik geef les in het vmbo", "vo"),
        ("In vmbo-t klassen", "vo"),
        ("Wat is het verschil tussen po en vo?", None),
        ("Werkt dit op de basisschool en in het vmbo?", None),
        ("What works in primary schools?", "po"),
        ("Hoe werkt een PLG?", None),
        ("Wat is een pool van docenten?", None),  # "po" only as a whole word
        ("wat zegt h6 over tijd?", None),
    ],
)
def test_sector(question: str, sector: str | None) -> None:
    assert parse_query(question).sector == sector


def test_both_filters_and_text_kept() -> None:
    q = parse_query("  Wat zegt h6 over tijd in het mbo?  ")
    assert (q.aanbeveling, q.sector) == ("h6", "mbo")
    assert q.text == "Wat zegt h6 over tijd in het mbo?"


@pytest.mark.parametrize(
    ("question", "dense"),
    [
        ("Wat zegt h6 over tijd?", "Wat zegt aanbeveling 6 over tijd?"),
        ("Wat staat er in de zesde aanbeveling?", "Wat staat er in de aanbeveling 6?"),
        ("What does h2 say about monitoring?", "What does recommendation 2 say about monitoring?"),
        ("Hoe werkt een PLG in het mbo?", "Hoe werkt een PLG in het mbo?"),  # only aanbevelingen change
    ],
)
def test_the_embedders_read_an_aanbeveling_as_the_documents_name_it(question: str, dense: str) -> None:
    assert parse_query(question).dense == dense


def test_the_embedders_are_told_a_scope_the_question_does_not_name() -> None:
    # A follow-up or the sidebar chose the scope: the filter alone would leave the question's best
    # cosine lower than had it named the scope itself.
    follow_up = parse_query("Wat zegt de leidraad over borging?", Scope(sector="mbo"))
    assert follow_up.dense == "Wat zegt de leidraad over borging? (mbo)"
    both = parse_query("Hoe verdeel je taken?", Scope(sector="vo", aanbeveling="h6"))
    assert both.dense == "Hoe verdeel je taken? (vo, aanbeveling 6)"
    named = parse_query("Wat zegt h6 over tijd in het mbo?", Scope(sector="mbo", aanbeveling="h6"))
    assert named.dense == "Wat zegt aanbeveling 6 over tijd in het mbo?"


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("What is a PLG?", True),
        ("How much does a teacher earn in the Netherlands?", True),
        ("Wat is een PLG?", False),
        ("Waarom is feedback vragen aan collega's belangrijk?", False),  # "is" is Dutch too
        ("Wanneer is de herfstvakantie in regio zuid?", False),
    ],
)
def test_is_english(question: str, english: bool) -> None:
    assert is_english(question) is english


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Welke reflectievragen kunnen we als team gebruiken?", True),
        ("Welke vragen stel je bij het monitoren?", True),
        ("Which questions can we ask students?", True),
        ("Hoe borgen we de nieuwe aanpak?", False),
    ],
)
def test_asks_for_questions(question: str, asks: bool) -> None:
    assert ("questions" in parse_query(question).wants) is asks


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Welke literatuur over feedback noemt de leidraad?", {"sources"}),
        ("Wat is kennisbenutting?", {"meaning"}),
        ("Hoe borgen we de nieuwe aanpak?", set()),
        ("Geef eens een praktijkvoorbeeld van borgen", {"example"}),
        ("Kun je dat korter zeggen?", {"short"}),
        ("Can you summarise that in one sentence?", {"short"}),
    ],
)
def test_what_kind_of_text_is_asked_for(question: str, wants: set[str]) -> None:
    assert parse_query(question).wants == wants


def test_an_english_question_is_searched_with_the_leidraads_dutch_words() -> None:
    query = parse_query("How does a team build trust and a safe climate for feedback in secondary schools?")
    assert {"vertrouwen", "veilig", "klimaat", "feedback"} <= set(query.expansion.split())
    # Words nearly every passage uses, and the sector (a filter already), add nothing to the search.
    assert not {"team", "teamleden", "voortgezet", "onderwijs"} & set(query.expansion.split())
    assert query.sector == "vo"


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("Wat houdt stap 3 in?", 3),
        ("What is step 2 about?", 2),
        ("Hoe ziet stap vijf eruit?", 5),
        ("Welke stappen zijn er? En stap 4?", 4),  # a follow-up's own step comes last
        ("Wat is de eerste stap om een PLG op te zetten?", None),  # an idiom as often as a step
        ("Zo gaan we stap voor stap verder.", None),
    ],
)
def test_a_named_step(question: str, step: int | None) -> None:
    assert parse_query(question).step == step
