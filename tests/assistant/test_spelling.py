"""Typing slips read as the documents' words; names, English and real Dutch words left alone."""

from __future__ import annotations

import pytest

from assistant.spelling import Speller

DOCUMENTS = [
    "Een nieuwe aanpak vraagt tijd van collega’s. Een onderzoekende houding helpt daarbij.",
    "Docenten maken samen afspraken over de teamkamers.",
]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("collegas haken af bij de nieuwe aanpk wat nu", "collega's haken af bij de nieuwe aanpak wat nu"),
        ("kenmerken onderzoekende houdig docent", "kenmerken onderzoekende houding docent"),
        ("Aanpk van de sectie?", "Aanpak van de sectie?"),
    ],
)
def test_a_slip_is_read_as_the_document_word(typed: str, read: str) -> None:
    assert Speller(DOCUMENTS).correct(typed) == read


@pytest.mark.parametrize(
    "question",
    [
        "Leerlingen haken af in de teamkamer",  # real words next to "maken", "teamkamers"
        "Mag ik Snapchat gebruiken voor ouderschapsverlof?",  # a name, a rare real word
        "What does the guide say about time?",  # English words ("does" is one edit from "doen")
        "Hoe meet je of het werkt?",  # "meet" is a word, not a slip for "met"
        "Wat zegt de leidraad over ‘tijd maken’?",  # quotes stay as typed
    ],
)
def test_words_that_are_no_slip_stay(question: str) -> None:
    assert Speller(DOCUMENTS).correct(question) == question
