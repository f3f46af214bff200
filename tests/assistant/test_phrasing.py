"""The frame of an answer in the question's language: the quotes stay Dutch, what the assistant says
itself follows the reader."""

from __future__ import annotations

import pytest

from assistant.models import Turn
from assistant.phrasing import DUTCH, ENGLISH, phrasing_for
from assistant.query import parse_query
from assistant.runtime import Core


@pytest.mark.parametrize(
    ("question", "kind", "name"),
    [
        ("Hoeveel uur per week moet een PLG vergaderen?", "duration", "aantal uur per week"),
        ("Hoeveel fte krijgt een kartrekker?", "number", "aantal fte"),
        ("Hoe lang duurt een cyclus?", "duration", "tijdsduur"),
        ("Welk percentage van de scholen doet mee?", "percentage", "percentage"),
        ("How many hours per week should a PLG meet?", "duration", "number of hours per week"),
        ("How long does a cycle take?", "duration", "duration"),
    ],
)
def test_the_asked_fact_is_named_by_the_noun_the_question_asks_for(
    question: str, kind: str, name: str
) -> None:
    assert phrasing_for(question).fact(question, kind) == name


def test_both_languages_name_every_sector_and_fact() -> None:
    assert DUTCH.sectors.keys() == ENGLISH.sectors.keys() and DUTCH.facts.keys() == ENGLISH.facts.keys()
    assert ENGLISH.scope("mbo", "h6") == "In vocational education (mbo), recommendation 6"
    assert DUTCH.within("vo", "h2") == "bij aanbeveling 2 in het voortgezet onderwijs (vo)"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("What does the guide say about school uniforms?", "The documents say nothing about this"),
        (
            "What does recommendation 6 say about distributed leadership in vocational education?",
            "The documents are in Dutch",
        ),
    ],
)
def test_an_english_question_is_answered_in_english_around_dutch_quotes(
    corpus_core: Core, question: str, opening: str
) -> None:
    answer = corpus_core.answerer.answer(question)
    assert answer.text.startswith(opening), answer.text
    assert not any(
        dutch in answer.text for dutch in ("Daar zeggen", "noemen geen", "hierover:", "Wel zeggen")
    )


def test_an_absent_fact_is_named_in_english_and_what_the_documents_say_follows(corpus_core: Core) -> None:
    query = parse_query("How many hours per week should a PLG meet?")
    hits = corpus_core.retriever.retrieve(query, k=8)
    answer = corpus_core.answerer.extractive.without_fact(query, hits, "number of hours per week")
    assert answer.text.startswith("The documents do not state the number of hours per week. What they do say")
    assert answer.abstained and answer.citations


def test_a_dutch_conversation_continued_in_english_is_answered_in_english(corpus_core: Core) -> None:
    history = [Turn("user", "Hoe zet je een PLG op?"), Turn("assistant", "…")]
    answer = corpus_core.answerer.answer("Can you explain that in English?", history)
    assert answer.shown_text().startswith("I read your question as")
    assert "The documents are in Dutch, so their passages are quoted in Dutch." in answer.text
