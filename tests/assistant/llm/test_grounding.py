from __future__ import annotations

import pytest

from assistant.llm.grounding import GroundingGuard
from tests.assistant.llm.helpers import PLAN, SUBTEAMS

PASSAGES = [PLAN, SUBTEAMS]


def test_keeps_cited_supported_sentences() -> None:
    answer = "Analyseer per speerpunt de huidige situatie [1]. Werk met subteams van leerkrachten [2]."
    result = GroundingGuard().check(answer, PASSAGES)
    assert result.text == answer
    assert result.cited == (1, 2)
    assert not result.fall_back
    assert result.reasons == ()


def test_citation_to_a_passage_that_was_not_given_is_removed() -> None:
    result = GroundingGuard().check(
        "Maak een gedragen verbeterplan [1, 7]. Dat kost veel geld [7].", PASSAGES
    )
    assert result.text == "Maak een gedragen verbeterplan [1]."
    assert "[7]" not in result.text
    assert result.cited == (1,)
    assert any("[7] bestaat niet" in reason for reason in result.reasons)
    assert any("Dat kost veel geld" in reason for reason in result.reasons)


def test_answer_without_citations_falls_back() -> None:
    result = GroundingGuard().check("Maak een verbeterplan. Werk met subteams.", PASSAGES)
    assert result.fall_back
    assert result.text == ""
    assert result.cited == ()
    assert "geen enkele zin" in result.reasons[-1]


def test_empty_answer_falls_back() -> None:
    result = GroundingGuard().check("  \n", PASSAGES)
    assert result.fall_back
    assert result.reasons == ("het taalmodel gaf een leeg antwoord",)


def test_sentence_that_does_not_match_its_passage_is_dropped() -> None:
    result = GroundingGuard().check(
        "Maak een gedragen verbeterplan [1]. Alle kinderen moeten dagelijks zwemles krijgen [2].", PASSAGES
    )
    assert result.text == "Maak een gedragen verbeterplan [1]."
    assert result.cited == (1,)
    assert any("te weinig overeenkomst" in reason for reason in result.reasons)


def test_support_threshold_is_configurable() -> None:
    answer = "Een verbeterplan helpt scholen enorm vooruit [1]."
    assert GroundingGuard(min_support=0.8).check(answer, PASSAGES).fall_back
    assert not GroundingGuard(min_support=0.2).check(answer, PASSAGES).fall_back


def test_dutch_compounds_and_inflections_count_as_support() -> None:
    # "verbetering" is part of "onderwijsverbetering", "leerkracht" is the stem of "leerkrachten".
    result = GroundingGuard().check("Een leerkracht werkt aan verbetering in een subteam [2].", PASSAGES)
    assert not result.fall_back


def test_citation_after_the_full_stop_stays_with_its_sentence() -> None:
    result = GroundingGuard().check("Werk met subteams van leerkrachten. [2] Verzonnen zin.", PASSAGES)
    assert result.text == "Werk met subteams van leerkrachten [2]."


def test_list_items_keep_their_markers() -> None:
    answer = "Zo pak je het aan:\n- Analyseer de huidige situatie [1].\n- Werk met subteams [2].\n\n- Bel op."
    result = GroundingGuard().check(answer, PASSAGES)
    assert result.text == "- Analyseer de huidige situatie [1].\n- Werk met subteams [2]."


def test_abbreviations_do_not_split_sentences() -> None:
    result = GroundingGuard().check("Analyseer o.a. de huidige situatie in de school [1].", PASSAGES)
    assert result.text == "Analyseer o.a. de huidige situatie in de school [1]."


def test_threshold_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="tussen 0 en 1"):
        GroundingGuard(min_support=1.5)
