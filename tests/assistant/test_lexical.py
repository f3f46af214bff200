"""The Dutch BM25 index: scores per row and which words the documents use."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.lexical import (
    ANALYSER_VERSION,
    PARTS_MARK,
    LexicalIndex,
    analyse,
    compound_parts,
    index_terms,
    uninflect,
)

TEXTS = [
    "Het team bespreekt in de vergadering de resultaten van de leerlingen.",
    "Docenten geven elkaar feedback na een lesbezoek.",
    "De schoolleider maakt tijd vrij voor onderzoek en reflectie.",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build([index_terms(t) for t in TEXTS])


def test_scores_one_per_row_and_stemmed(index: LexicalIndex) -> None:
    scores = index.scores("Hoe geven docenten feedback?")
    assert scores.shape == (3,)
    assert int(np.argmax(scores)) == 1
    assert scores[0] == 0 and scores[2] == 0
    assert index.scores("vergaderingen")[0] > 0  # plural finds the singular


def test_compound_parts_split_compounds_only() -> None:
    assert compound_parts("schoolleiders") == tuple(analyse("school leider"))
    assert compound_parts("onderzoekscultuur") == tuple(analyse("onderzoek cultuur"))  # linking s
    # A frequent word of its own stays whole, and stop words are never parts.
    assert compound_parts("onderwijs") == ()
    assert compound_parts("hierdoor") == ()


def test_a_compound_matches_its_parts(index: LexicalIndex) -> None:
    assert index.scores("teamvergadering")[0] > 0  # "vergadering" in the first text
    assert int(np.argmax(index.scores("lesbezoeken"))) == 1
    assert index_terms("schoolleider") == [*analyse("schoolleider"), PARTS_MARK, *analyse("school leider")]


def test_a_word_only_seen_inside_a_compound_is_not_one_the_documents_use() -> None:
    # "vergadering" is searchable through "vergadering" itself, "team" only as a part of "teamvergadering".
    compound = LexicalIndex.build([index_terms("Het verslag van de teamvergadering.")])
    assert compound.scores("team")[0] > 0
    assert not compound.knows("team") and compound.knows("teamvergadering")


def test_scores_zero_for_unknown_or_stop_words(index: LexicalIndex) -> None:
    assert not index.scores("de het een").any()
    assert not index.scores("laptop").any()


def test_known_share_weighs_unknown_words(index: LexicalIndex) -> None:
    assert index.known_share("feedback van docenten") == 1.0
    assert index.known_share("laptop") == 0.0
    share = index.known_share("welke laptop voor docenten")
    assert 0.0 < share < 1.0


def test_compound_of_known_words_counts_as_known(index: LexicalIndex) -> None:
    assert index.known_share("teamvergadering") == 1.0  # team + vergadering
    assert index.known_share("reflectietijd") == 1.0  # reflectie + tijd
    assert index.known_share("vakantiedagen") == 0.0  # neither part is in the texts


def test_only_stop_words_is_fully_known(index: LexicalIndex) -> None:
    assert index.known_share("wat is het?") == 1.0


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("betrouwbare", "betrouwbaar"),
        ("grote", "groot"),
        ("structurele", "structureel"),
        ("duurzame", "duurzaam"),
        ("goede", "goed"),
        ("nieuwe", "nieuw"),
        ("effectieve", "effectief"),
        ("wijze", "wijs"),
    ],
)
def test_inflected_forms_meet_their_base(inflected: str, base: str) -> None:
    assert uninflect(inflected) == base
    assert analyse(f"een {inflected} bron") == analyse(f"een {base} bron")


@pytest.mark.parametrize("word", ["organisatie", "idee", "strategie", "school", "mate"])
def test_words_that_are_not_inflected_stay(word: str) -> None:
    assert uninflect(word) == word


def test_analyser_version_names_what_analyse_returns() -> None:
    # Stores rebuild their BM25 index when ANALYSER_VERSION changes. If this fails because
    # index_terms() changed, raise ANALYSER_VERSION and update the expected terms here.
    probe = "Een betrouwbare bron12 helpt docenten bij duurzame verbeteringen in de teamvergaderingen."
    assert (ANALYSER_VERSION, index_terms(probe)) == (
        5,
        [
            "betrouw",
            "bron",
            "help",
            "docent",
            "duurzaam",
            "verbeteer",
            "teamvergader",
            PARTS_MARK,
            "team",
            "vergader",
        ],
    )


def test_a_footnote_number_glued_to_a_word_is_not_part_of_it() -> None:
    assert analyse("Clarke en Hollingsworth52") == analyse("Clarke en Hollingsworth")
    assert "2020" in analyse("Kools (2020)") and "h6" in analyse("wat zegt h6")
