"""Questions about what a term means, and the definition entries that answer them."""

from __future__ import annotations

import pytest

from assistant.definitions import asks_meaning, defined_terms, defines, entry_term
from assistant.lexical import analyse
from assistant.runtime import Core


@pytest.mark.parametrize(
    "question",
    [
        "Wat is kennisbenutting?",
        "Wat betekent onderwijskwaliteit?",
        "Wat verstaat de leidraad onder een lerende organisatie?",
        "Wat wordt bedoeld met gespreid leiderschap?",
        "Geef de definitie van evidence-informed werken",
        "What is meant by distributed leadership?",
        "What does evidence-informed mean?",
    ],
)
def test_questions_about_meaning(question: str) -> None:
    assert asks_meaning(question)


@pytest.mark.parametrize(
    "question",
    [
        "Hoe borgen we de nieuwe aanpak in het mbo?",
        "Wat is de rol van de schoolleider bij het borgen van een nieuwe aanpak in de school?",
        "Welke vragen stel je tijdens de probleemanalyse?",
    ],
)
def test_other_questions(question: str) -> None:
    assert not asks_meaning(question)


def test_entries_are_short_terms_before_a_colon() -> None:
    assert entry_term("Kennisbenutting: Het proces van:") == "Kennisbenutting"
    assert entry_term("Lerende organisatie: Het vermogen om te veranderen") == "Lerende organisatie"
    assert entry_term("Evidence-informed werken: hoe doe je dat?") is None  # a title, not an entry
    assert entry_term("Er zijn in deze school twee soorten reflectie: in en op de actie") is None
    assert entry_term("• Pas waar nodig het plan aan: zo blijft het actueel") is None
    assert entry_term("Zonder dubbele punt") is None
    assert defined_terms("Inleiding.\nOnderwijskwaliteit: Een bijdrage.\nGespreid leiderschap: Een mix.") == [
        "Onderwijskwaliteit",
        "Gespreid leiderschap",
    ]


def test_defines_needs_every_word_of_the_term_in_the_question() -> None:
    text = "Lerende organisatie: Het vermogen om routinematig te veranderen."
    assert defines(text, set(analyse("Wat is een lerende organisatie?")))
    assert not defines(text, set(analyse("Wat is een organisatie?")))


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Wat verstaat de leidraad onder een lerende organisatie?", "Lerende organisatie:"),
        ("Wat is kennisbenutting precies?", "Kennisbenutting:"),
        ("Wat betekent gespreid leiderschap?", "Gespreid leiderschap:"),
    ],
)
def test_the_documents_own_definition_comes_first(corpus_core: Core, question: str, start: str) -> None:
    hits = corpus_core.retriever.search(question, k=5)
    assert hits[0].passage.text.startswith(start), [h.passage.text[:60] for h in hits]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_label_before_lower_case_text_is_no_entry() -> None:
    assert entry_term("Pagina een: werken aan onderwijsverbetering begint met een visie.") is None
