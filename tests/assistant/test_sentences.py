"""Kinds of passages: a practitioner's story, a list, a fragment."""

from __future__ import annotations

from assistant.sentences import content_terms, kinds_of, list_items, unasked_kind

STORY = (
    "Een vraag uit de praktijk van een docent\n"
    "‘Ik zit in een werkgroep en we willen leerlingen meer laten plannen. Ik merk dat mijn collega’s "
    "twijfelen. Wij hebben daarom eerst een analyse gemaakt.’"
)
ADVICE = (
    "Analyseer het probleem\n"
    "Een PLG verzamelt gegevens over de huidige situatie. Docenten interviewen leerlingen en collega’s. "
    "Zo ontstaat een beeld van de oorzaken."
)


def test_a_quoted_first_person_story_is_an_example() -> None:
    assert "example" in kinds_of(STORY)
    assert unasked_kind(STORY, frozenset())
    assert not unasked_kind(STORY, frozenset({"example"}))
    assert "example" not in kinds_of(ADVICE)


def test_list_items_keep_their_introduction() -> None:
    text = (
        "Stap 1\nDe PLG doet het volgende:\n• gegevens verzamelen;\n• oorzaken zoeken;\n• een doel stellen."
    )
    assert list_items(text) == [
        "De PLG doet het volgende:",
        "gegevens verzamelen;",
        "oorzaken zoeken;",
        "een doel stellen.",
    ]
    assert list_items(ADVICE) == []


def test_a_heading_alone_holds_few_content_terms() -> None:
    assert content_terms("Autonomie van scholen\nPromotieonderzoek") < 8 <= content_terms(ADVICE)
