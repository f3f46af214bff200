"""join_lines, normalise_spaces and repeated_blocks on line breaks taken from the bundled corpus."""

from __future__ import annotations

import pytest

from ingest.cleaning import Lexicon, join_lines, marks_spaces, normalise_spaces, repeated_blocks
from tests.conftest import CORPUS

# Each case is a pair of raw lines exactly as they stand in corpus/*.txt (trailing spaces included).
SPACED_CASES = [
    # po poster: soft hyphen lost, no trailing space on the cut line
    (
        ["kom tot een onder", "bouwd en gedragen ", "verbeterplan "],
        "kom tot een onderbouwd en gedragen verbeterplan",
    ),
    (
        ["•\tEvalueer regelmatig of een nieuw verbeter", "proces nodig is, waarbij het team opnieuw "],
        "• Evalueer regelmatig of een nieuw verbeterproces nodig is, waarbij het team opnieuw",
    ),
    # vo leidraad: "verbeter\nplan"
    (
        ["•\t\tBereid de uitvoering van het verbeter", "plan goed voor en stem onderling de "],
        "• Bereid de uitvoering van het verbeterplan goed voor en stem onderling de",
    ),
    # vo leidraad: hard hyphen inside a word
    (
        ["voortgezet onderwijs die hun onderwijs willen onderbou-", "wen met kennis uit onderzoek. "],
        "voortgezet onderwijs die hun onderwijs willen onderbouwen met kennis uit onderzoek.",
    ),
    # vo leidraad: hyphenated first part of an enumeration keeps hyphen and space
    (
        ["Aan deze leidraad heeft een grote groep docenten, team- ", "en schoolleiders uit het voortgezet "],
        "Aan deze leidraad heeft een grote groep docenten, team- en schoolleiders uit het voortgezet",
    ),
    # po-raad startnotitie: a real hyphenated compound keeps its hyphen
    (
        [
            "onderwijsprofessionals die al aan de slag zijn met evidence-",
            "informed-onderwijs wat er nodig is ",
        ],
        "onderwijsprofessionals die al aan de slag zijn met evidence-informed-onderwijs wat er nodig is",
    ),
    (["Evidence-", "informed werken is een "], "Evidence-informed werken is een"),
    # mbo poster: hard hyphen splits
    (
        ["expliciet eigen aannames te onder-", "zoeken, standpunten te onderbou-", "wen, het eigen oordeel "],
        "expliciet eigen aannames te onderzoeken, standpunten te onderbouwen, het eigen oordeel",
    ),
    # A trailing space marks a word boundary even when the compound would be a word ("op zoek").
    (
        ["Stimuleer dat zij hiervoor op zoek ", "gaan naar literatuur, handvatten en "],
        "Stimuleer dat zij hiervoor op zoek gaan naar literatuur, handvatten en",
    ),
    (
        ["zorg voor een proces van ", "uitvoeren, monitoren, "],
        "zorg voor een proces van uitvoeren, monitoren,",
    ),
    # A capital after a cut line is a new word, not the end of a split one.
    (["Analyseer het probleem", "Nadat een speerpunt"], "Analyseer het probleem Nadat een speerpunt"),
]


@pytest.mark.parametrize(("lines", "expected"), SPACED_CASES)
def test_join_lines_with_trailing_space_signal(lines: list[str], expected: str) -> None:
    assert join_lines(lines, marks_spaces=True) == expected


MBO_POSTER = "mbo-poster-werken-aan-onderwijsverbetering.txt"
PO_POSTER = "po-poster-werken-aan-onderwijsverbetering.txt"
VO_LEIDRAAD = "vo-leidraad-werken-aan-onderwijsverbetering.txt"
STARTNOTITIE = "po-raad-startnotitie-evidence-informed-werken.txt"


def lexicon_of(name: str) -> Lexicon:
    return Lexicon.from_text((CORPUS / name).read_text(encoding="utf-8"))


# A hard hyphen at the line end between two known words: how the document writes the pair elsewhere decides.
LEXICON_CASES = [
    # mbo poster l.13-14; the poster writes "onderwijsverbetering" everywhere else
    (
        MBO_POSTER,
        ["verantwoordelijk zijn voor onderwijs- ", "verbetering op een bepaald "],
        "verantwoordelijk zijn voor onderwijsverbetering op een bepaald",
    ),
    # mbo poster l.188-189; the mbo poster has no other "kartrekkers", the po poster writes "kartrekkersrol"
    (
        PO_POSTER,
        ["specialisten die een kartrekkers-", "rol vervullen op hun expertisegebied."],
        "specialisten die een kartrekkersrol vervullen op hun expertisegebied.",
    ),
    # vo leidraad l.386-387, l.1361-1362, l.445-446 ("evidence-informed" elsewhere gives "informed")
    (
        VO_LEIDRAAD,
        ["Een kenmerk van effectieve scholen is dat zij onderzoeks-", "matig en cyclisch werken "],
        "Een kenmerk van effectieve scholen is dat zij onderzoeksmatig en cyclisch werken",
    ),
    (
        VO_LEIDRAAD,
        ["tijdens de uitvoering van een verbeter-", "plan dat bepaalde "],
        "tijdens de uitvoering van een verbeterplan dat bepaalde",
    ),
    (
        VO_LEIDRAAD,
        ["het onderwijs te versterken op een evidence-in-", "formed manier. "],
        "het onderwijs te versterken op een evidence-informed manier.",
    ),
    # startnotitie l.75-76
    (
        STARTNOTITIE,
        ["verkent een aantal \u2018sleutel-", "mechanismen\u2019 die een rol spelen "],
        "verkent een aantal \u2018sleutelmechanismen\u2019 die een rol spelen",
    ),
    # ... and a document that writes the hyphenated compound keeps it
    (
        STARTNOTITIE,
        [
            "onderwijsprofessionals die al aan de slag zijn met evidence-",
            "informed-onderwijs wat er nodig is ",
        ],
        "onderwijsprofessionals die al aan de slag zijn met evidence-informed-onderwijs wat er nodig is",
    ),
    (VO_LEIDRAAD, ["Evidence- ", "informed werken is een "], "Evidence-informed werken is een"),
    (
        VO_LEIDRAAD,
        ["Ga vooral ook naar de website onderwijskennis.nl/leidraad-", "onderwijsverbetering-vo "],
        "Ga vooral ook naar de website onderwijskennis.nl/leidraad-onderwijsverbetering-vo",
    ),
    # an enumeration keeps hyphen and space whatever the document writes
    (
        VO_LEIDRAAD,
        ["Aan deze leidraad heeft een grote groep docenten, team- ", "en schoolleiders uit het voortgezet "],
        "Aan deze leidraad heeft een grote groep docenten, team- en schoolleiders uit het voortgezet",
    ),
]


@pytest.mark.parametrize(("doc", "lines", "expected"), LEXICON_CASES)
def test_hard_hyphen_follows_the_documents_spelling(doc: str, lines: list[str], expected: str) -> None:
    assert join_lines(lines, marks_spaces=True, lexicon=lexicon_of(doc)) == expected


def test_hard_hyphen_without_evidence_keeps_known_words_apart() -> None:
    # Neither the document nor the word list knows the compound: "leraar-onderzoekers" is real Dutch.
    lines = ["In het onderwijs zijn dit bijvoorbeeld leraar-", "onderzoekers die "]
    expected = "In het onderwijs zijn dit bijvoorbeeld leraar-onderzoekers die"
    assert join_lines(lines, marks_spaces=True, lexicon=lexicon_of(STARTNOTITIE)) == expected
    assert join_lines(["voor onderwijs- ", "verbetering"], marks_spaces=True) == "voor onderwijs-verbetering"


def test_lexicon_counts_closed_and_hyphenated_spellings() -> None:
    lexicon = Lexicon.from_text(
        "Onderwijs\u00adverbetering en evidence-informed-onderwijs.\nwerk aan onderwijs-\nverbetering"
    )
    assert lexicon.writes_closed("onderwijs", "verbetering") is True
    assert lexicon.writes_closed("Evidence", "informed") is False
    assert lexicon.writes_closed("informed", "onderwijs") is False  # every pair of a chain counts
    assert lexicon.writes_closed("werk", "aan") is None


WORDLIST_CASES = [
    # Without trailing-space signal the Dutch word list decides.
    (
        ["kom tot een onder", "bouwd en gedragen", "verbeterplan"],
        "kom tot een onderbouwd en gedragen verbeterplan",
    ),
    (["het proces van onder", "zoeksmatig werken"], "het proces van onderzoeksmatig werken"),
    (["een kritische en nieuws", "gierige houding"], "een kritische en nieuwsgierige houding"),
    (
        ["Stimuleer dat zij hiervoor op", "zoek gaan naar literatuur"],
        "Stimuleer dat zij hiervoor op zoek gaan naar literatuur",
    ),
    (["zorg voor een proces van", "uitvoeren, monitoren"], "zorg voor een proces van uitvoeren, monitoren"),
    (["docenten, team-", "en schoolleiders"], "docenten, team- en schoolleiders"),
    (["willen onderbou-", "wen met kennis"], "willen onderbouwen met kennis"),
    (["Evidence-", "informed werken"], "Evidence-informed werken"),
    (["schooljaar 2023", "2024 start"], "schooljaar 2023 2024 start"),
]


@pytest.mark.parametrize(("lines", "expected"), WORDLIST_CASES)
def test_join_lines_with_word_list(lines: list[str], expected: str) -> None:
    assert join_lines(lines, marks_spaces=False) == expected


def test_join_lines_skips_blank_lines_and_folds_spaces() -> None:
    assert join_lines(["  Een  zin ", "", "\u00a0loopt\tdoor. "], marks_spaces=True) == "Een zin loopt door."


def test_marks_spaces_detects_the_extractor_signal() -> None:
    assert marks_spaces(
        (CORPUS / "po-poster-werken-aan-onderwijsverbetering.txt").read_text(encoding="utf-8")
    )
    assert marks_spaces(
        (CORPUS / "vo-leidraad-werken-aan-onderwijsverbetering.txt").read_text(encoding="utf-8")
    )
    assert not marks_spaces("een regel zonder\nspatie aan het eind\nvan elke regel\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("onder\u00adbouwd", "onderbouwd"),
        ("  team-\u00a0en\tschoolleiders  ", "team- en schoolleiders"),
        ("cre\u0065\u0308er", "creëer"),  # decomposed ë becomes one NFC code point
        ("a\u2009b\u200bc   d", "a b c d"),
        ("", ""),
    ],
)
def test_normalise_spaces(raw: str, expected: str) -> None:
    out = normalise_spaces(raw)
    assert out == expected
    assert out == normalise_spaces(out)  # idempotent


def test_normalise_spaces_nfc() -> None:
    assert len(normalise_spaces("cre\u0065\u0308er")) == len("creëer")


def test_repeated_blocks_finds_navigation_not_prose() -> None:
    nav = "h4\t stimuleer samen leren in het team"
    blocks = [
        nav,
        "Eerste alinea over de PLG.",
        " h4\t stimuleer  samen leren in het team ",
        "Tweede alinea.",
        "H4 stimuleer samen leren in het team",
        "Tweede alinea.",
        "",
        "",
        "",
    ]
    assert repeated_blocks(blocks) == {"h4 stimuleer samen leren in het team"}
    assert repeated_blocks(blocks, min_repeats=2) == {
        "h4 stimuleer samen leren in het team",
        "tweede alinea.",
    }
    assert repeated_blocks(blocks, min_repeats=4) == set()


def test_repeated_blocks_on_real_leidraad_contains_nav_block() -> None:
    text = (CORPUS / "vo-leidraad-werken-aan-onderwijsverbetering.txt").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if b.strip()]
    found = repeated_blocks(blocks)
    assert "h4 stimuleer samen leren in het team" in found
    assert "h5 benut kennis en expertise" in found
    # ordinary prose never repeats three times
    assert all(len(b) < 200 for b in found)
