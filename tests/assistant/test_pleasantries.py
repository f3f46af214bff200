"""Turns that only thank or acknowledge."""

import pytest

from assistant.pleasantries import is_pleasantry, reply_to_pleasantry


@pytest.mark.parametrize(
    ("text", "thanks"),
    [
        ("Dank je wel!", True),
        ("Thanks!", True),
        ("Oké, helder.", True),
        ("Oké.", True),
        ("Nee.", False),
        ("Goed. Hoe dan?", False),
        ("Bedankt, maar wie zit er in een PLG?", False),
        ("Wij zijn maar een kleine sectie.", False),
    ],
)
def test_a_pleasantry_only_thanks_or_acknowledges(text: str, thanks: bool) -> None:
    assert is_pleasantry(text) is thanks


def test_the_welcome_is_in_the_language_of_the_thanks() -> None:
    assert (reply_to_pleasantry("Dank je wel!") or "").startswith("Graag gedaan")
    assert (reply_to_pleasantry("Thanks, great.") or "").startswith("You're welcome")
    assert reply_to_pleasantry("Bedankt, maar wie zit er in een PLG?") is None
