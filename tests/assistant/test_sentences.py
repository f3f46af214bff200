"""Kinds of passages: a practitioner's story, a list, a fragment."""

from __future__ import annotations

from assistant.models import Passage
from assistant.sentences import (
    content_terms,
    kinds_of,
    list_items,
    quoted_stories,
    situation_sentences,
    unasked_kind,
    without_notes,
)

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


def test_footnote_marks_are_left_out_but_an_aanbeveling_keeps_its_number() -> None:
    # The leidraad's notes, one or a list, glued to the end of a sentence or to a name
    text = "Weerstand betekent oprechte zorgen.34,35 Daarom is dialoog nodig, zegt Little46."
    assert without_notes(text) == "Weerstand betekent oprechte zorgen. Daarom is dialoog nodig, zegt Little."
    kept = "Monitoren, bijstellen en borgen h4 in groep 3."
    assert without_notes(kept) == kept


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


def test_a_story_continued_in_the_next_passage_is_still_a_story() -> None:
    texts = [
        "Een vraag uit de praktijk van een docent ‘Vorig jaar hebben we een werkgroep ‘Feedback geven’ "
        "ingericht. Ik was de trekker. We hebben veel besproken.",
        "Daarna hebben we een handreiking gemaakt. Ik merkte dat collega’s niet meededen. Hoe had ik dit "
        "anders kunnen aanpakken?’",
        "Het is van belang dat de schoolleider weerstand serieus neemt. Docenten die weerstand ervaren, "
        "bespreken dit in het team.",
    ]
    passages = [Passage(f"p{i}", t, "d.txt", "Doc", "vo", None, "", None, i) for i, t in enumerate(texts)]
    assert quoted_stories(passages) == {0, 1}
    # Read in document order, wherever the rows stand.
    assert quoted_stories(passages[::-1]) == {1, 2}


def test_a_story_box_told_mostly_in_the_third_person_is_still_a_story() -> None:
    # A heading, then a quote that opens in the first person; its later sentences tell what others do.
    texts = [
        "Een vraag uit de praktijk van een schoolleider\n‘Om te komen tot een gezamenlijke aanpak heb ik een "
        "PLG ingesteld. Hierin zitten vier docenten. De PLG verzamelt gegevens. Leerlingen vullen een "
        "vragenlijst in.",
        "Na de teamvergadering heeft de PLG acties ondernomen. De docenten bespreken de uitkomsten.’",
        "Het is van belang dat de schoolleider verbinding legt tussen de teams.",
    ]
    passages = [Passage(f"p{i}", t, "d.txt", "Doc", "vo", None, "", None, i) for i, t in enumerate(texts)]
    assert quoted_stories(passages) == {0, 1}


def test_a_heading_over_a_quoted_definition_is_no_story() -> None:
    text = "Teacher leadership\n‘Het proces waarbij leraren op basis van expertise invloed uitoefenen.’"
    passages = [Passage("p0", text, "d.txt", "Doc", "vo", None, "", None, 0)]
    assert quoted_stories(passages) == frozenset()


def test_a_situation_is_a_story_then_a_question() -> None:
    story = "Ik ben teamleider. De voorstellen van de werkgroepen bijten elkaar. Wat is mijn rol?"
    assert situation_sentences(story) == [
        "Ik ben teamleider.",
        "De voorstellen van de werkgroepen bijten elkaar.",
        "Wat is mijn rol?",
    ]
    assert situation_sentences("Wat is een PLG?") == []
    assert situation_sentences("Wat is een PLG? Ik hoor het vaak.") == []
