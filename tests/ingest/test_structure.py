"""parse_structure on known passages of the real corpus (loaded with ingest.loaders.load_document)."""

from __future__ import annotations

import re
from functools import cache

from ingest.loaders import load_document
from ingest.structure import SEPARATOR, Paragraph, parse_structure
from tests.conftest import CORPUS

PO_POSTER = "po-poster-werken-aan-onderwijsverbetering.txt"
MBO_POSTER = "mbo-poster-werken-aan-onderwijsverbetering.txt"
VO_LEIDRAAD = "vo-leidraad-werken-aan-onderwijsverbetering.txt"
STARTNOTITIE = "po-raad-startnotitie-evidence-informed-werken.txt"

PO_TITLES = {
    "h1": "Aanbeveling 1: kom tot een onderbouwd en gedragen verbeterplan",
    "h2": "Aanbeveling 2: zorg voor een proces van uitvoeren, monitoren, bijstellen en borgen",
    "h3": "Aanbeveling 3: stimuleer een onderzoekende houding",
    "h4": "Aanbeveling 4: stimuleer samen leren in het team",
    "h5": "Aanbeveling 5: benut kennis en expertise",
    "h6": "Aanbeveling 6: creëer een schoolklimaat waarin leiderschap wordt gespreid",
}
# Bullets per aanbeveling on the po poster, counted in corpus/po-poster-….txt
PO_BULLETS = {"h1": 5, "h2": 8, "h3": 4, "h4": 5, "h5": 7, "h6": 4}


@cache
def parsed(name: str) -> tuple[Paragraph, ...]:
    return tuple(parse_structure(load_document(CORPUS / name).pages))


def find(name: str, fragment: str) -> Paragraph:
    hits = [p for p in parsed(name) if fragment in p.text]
    assert len(hits) == 1, f"{fragment!r} in {len(hits)} paragraphs"
    return hits[0]


def test_po_poster_aanbevelingen_have_their_section() -> None:
    paragraphs = parsed(PO_POSTER)
    for aanbeveling, title in PO_TITLES.items():
        inside = [p for p in paragraphs if p.aanbeveling == aanbeveling]
        assert inside, aanbeveling
        assert {p.section for p in inside} == {title}
        assert [p.kind for p in inside] == ["heading"] + ["bullet"] * PO_BULLETS[aanbeveling]
        assert all(p.text.startswith("• ") for p in inside[1:])
    # aanbevelingen appear in document order
    order = [p.aanbeveling for p in paragraphs if p.kind == "heading"]
    assert order == list(PO_TITLES)


def test_po_poster_bullets_are_repaired_and_in_the_right_aanbeveling() -> None:
    p = find(PO_POSTER, "kartrekkersrol")
    assert p.aanbeveling == "h6"
    assert p.text == (
        "• Stimuleer leerkrachten om zich te ontwikkelen tot specialisten die een kartrekkersrol "
        "vervullen op hun expertisegebied."
    )
    p = find(PO_POSTER, "nieuw verbeterproces nodig")
    assert p.aanbeveling == "h2"
    assert p.kind == "bullet"


def test_text_after_poster_h6_block_has_no_aanbeveling() -> None:
    for name in (PO_POSTER, MBO_POSTER):
        p = find(name, "als lerende organisatie verbeteren")
        assert p.aanbeveling is None
        assert p.section == ""
        assert p.kind == "text"
    # the po poster's header line before h1 is not inside an aanbeveling either
    assert parsed(PO_POSTER)[0].aanbeveling is None


def test_poster_stray_labels_are_not_paragraphs() -> None:
    texts = [p.text for p in parsed(PO_POSTER)]
    assert not any(t.startswith(("creëer een onderzoekscultuur", "werk onderzoeksmatig")) for t in texts)
    assert not any(re.match(r"aanbeveling\s+h\d", t, re.I) for t in texts)


def test_vo_problem_analysis_questions_are_bullets_in_aanbeveling_1() -> None:
    paragraphs = parsed(VO_LEIDRAAD)
    head = [
        p
        for p in paragraphs
        if p.text == "Vragen voor docenten die leidend kunnen zijn tijdens de probleemanalyse"
    ]
    assert len(head) == 1 and head[0].kind == "heading"
    first = find(VO_LEIDRAAD, "Wat is het probleem of de verbeterwens?")
    last = find(VO_LEIDRAAD, "Welke literatuur is er te vinden over het probleem of het speerpunt?")
    start, end = paragraphs.index(first), paragraphs.index(last)
    questions = paragraphs[start : end + 1]
    assert len(questions) == 11
    assert all(p.kind == "bullet" and p.aanbeveling == "h1" for p in questions)
    assert all(
        p.section.startswith("Aanbeveling 1: kom tot een onderbouwd en gedragen verbeterplan")
        for p in questions
    )
    assert all(
        p.section.endswith("Vragen voor docenten die leidend kunnen zijn tijdens de probleemanalyse")
        for p in questions
    )


def test_vo_problem_analysis_questions_are_under_step_2() -> None:
    # The box stands after the "Stap 3" heading in the extraction; Stap 2 points to it ("Zie het kader voor
    # ondersteunende vragen tijdens de probleemanalyse"), and that is where it belongs.
    p = find(VO_LEIDRAAD, "Wat is het probleem of de verbeterwens?")
    assert "Stap 2: Verdiep en analyseer" in p.section.split(SEPARATOR)
    # likewise the interview questions ("Zie het kader voor voorbeeldvragen om de huidige situatie …")
    p = find(VO_LEIDRAAD, "Wordt de huidige aanpak op de juiste wijze")
    assert p.section.split(SEPARATOR)[-2:] == [
        "Stap 2: Verdiep en analyseer",
        "Interviewvragen om de huidige situatie in beeld te brengen",
    ]
    # Stap 3's own text around the boxes stays in Stap 3, outside the box
    for fragment in ("In het verbeterplan staan:", "Een PLG kan verschillende strategieën hanteren"):
        p = find(VO_LEIDRAAD, fragment)
        assert p.section.split(SEPARATOR)[-1] == "Stap 3: Stel speerpunten vast en stel een verbeterplan op"


def test_sentence_broken_by_box_is_stitched() -> None:
    p = find(VO_LEIDRAAD, "De probleemanalyse geeft zicht op wat het")
    assert "De probleemanalyse geeft zicht op wat het probleem is, wat de ambitie of verbeterwens" in p.text
    assert p.aanbeveling == "h1"
    assert p.section.split(SEPARATOR)[-2:] == ["Stap 2: Verdiep en analyseer", "Analyseer het probleem"]
    # the box that interrupted it stays a separate list under its own heading
    box = find(VO_LEIDRAAD, "vaksectie aardrijkskunde")
    assert box.kind == "bullet"
    assert box.section.endswith("Voorbeelden van vraagstukken uit de praktijk")


def test_sentence_broken_by_long_box_is_stitched() -> None:
    p = find(VO_LEIDRAAD, "komt een PLG tot een onderbouwd verbeterplan")
    assert (
        "als een PLG bij het opstellen van het verbeterplan rekening houdt met ervaren knelpunten" in p.text
    )


def test_navigation_blocks_are_not_paragraphs() -> None:
    paragraphs = parsed(VO_LEIDRAAD)
    nav = re.compile(r"^h[1-6]\s+(kom tot|zorg voor|stimuleer|benut|creëer)")
    assert not [p.text for p in paragraphs if nav.match(p.text)]
    # each aanbeveling heading occurs once for the poster summary and once for the chapter, never per page
    for n in range(1, 7):
        headings = [p for p in paragraphs if p.kind == "heading" and p.text.startswith(f"Aanbeveling {n}:")]
        assert len(headings) == 2, (n, [h.text for h in headings])
        assert {h.aanbeveling for h in headings} == {f"h{n}"}
    # the menu text ("h4 stimuleer samen leren…") occurs only in the one-off Tabel 1, not once per page
    assert len([p for p in paragraphs if "h4 stimuleer samen leren" in p.text]) <= 1


def test_vo_chapters_set_aanbeveling_and_section_numbers() -> None:
    paragraphs = parsed(VO_LEIDRAAD)
    p = find(VO_LEIDRAAD, "Nadat een speerpunt binnen het onderwijsteam gezamenlijk is vastgesteld")
    assert p.section.split(SEPARATOR)[:2] == [PO_TITLES["h1"], "1.3 Een onderbouwd en gedragen verbeterplan"]
    # every section path starts with its aanbeveling's title
    for para in paragraphs:
        if para.aanbeveling is not None:
            assert para.section.startswith(f"Aanbeveling {para.aanbeveling[1]}:"), para
    # end matter has no aanbeveling
    end = [p for p in paragraphs if p.section.startswith("meer lezen")]
    assert end and all(p.aanbeveling is None for p in end)


def test_body_text_with_numbered_item_is_not_a_heading() -> None:
    # vo leidraad l.2247-2251:
    # "Er zijn twee soorten reflectie: \n1.\t Reflection in action … docen-\n\nten op …"
    paragraphs = parsed(VO_LEIDRAAD)
    assert not [p for p in paragraphs if p.kind == "heading" and p.text.startswith("Er zijn twee soorten")]
    p = find(VO_LEIDRAAD, "Wat doet mijn instructie met deze leerling?")
    assert "reflecteren docenten op hun handelen" in p.text
    assert p.section.endswith("Reflecteer samen")


def test_stitching_never_glues_words() -> None:
    # vo leidraad l.509-513: "…deel 2 – creëer een onderzoekscultuur\n\nh1\t kom tot een onderbouwd…"
    texts = [p.text for p in parsed(VO_LEIDRAAD)]
    assert not [t for t in texts if "onderzoekscultuurh1" in t]


def test_part_2_introduction_belongs_to_no_aanbeveling() -> None:
    # vo leidraad: "We hebben in deel 1 laten zien …" opens deel 2, after the end of chapter 2
    p = find(VO_LEIDRAAD, "We hebben in deel 1 laten zien hoe schoolteams")
    assert p.aanbeveling is None
    assert "Hoe zorgt een team voor tijd?" not in p.section
    assert p.section == "Deel 2 – creëer een onderzoekscultuur"
    # the part's title page is not glued onto the last paragraph of chapter 2
    p = find(VO_LEIDRAAD, "In de leeromgeving Onderzoekscultuur")
    assert p.text.endswith("platformsamenonderzoeken.nl")
    # chapter 3 starts aanbeveling h3 again
    p = find(VO_LEIDRAAD, "Scholen hebben te maken met complexe vraagstukken")
    assert p.aanbeveling == "h3"


def test_parse_structure_joins_hard_hyphens_as_the_document_spells() -> None:
    # mbo poster l.13-14 "onderwijs-\nverbetering"; the poster writes "onderwijsverbetering" elsewhere
    p = find(MBO_POSTER, "verantwoordelijk zijn voor onderwijs")
    assert "verantwoordelijk zijn voor onderwijsverbetering op een bepaald" in p.text
    # the startnotitie writes "evidence-informed" throughout, also across a line end (l.31-32)
    texts = [p.text.lower() for p in parsed(STARTNOTITIE)]
    assert sum("evidence-informed" in t for t in texts) > 10
    assert not [t for t in texts if "evidenceinformed" in t]


def test_short_first_line_of_a_block_is_a_heading_even_when_it_ends_like_a_wrapped_line() -> None:
    # "… pas aan" ends in a word wrapped lines often end in, "… verschillen " in a trailing space;
    # both are far shorter than the lines below them.
    for heading, body in [
        ("Verzamel gegevens en pas aan", "Tijdens de invoering van een nieuwe aanpak verzamelen"),
        ("Houd rekening met verschillen", "Docenten die moeite hebben met een nieuwe aanpak"),
    ]:
        paragraph = find(VO_LEIDRAAD, body)
        assert paragraph.text.startswith(body), paragraph.text[:80]
        assert paragraph.section.endswith(SEPARATOR + heading), paragraph.section


def test_a_caption_heads_its_table_and_the_column_headings_stand_under_it() -> None:
    # vo leidraad l.3715-3719: "Tabel 8. Voorbeelden van gedrag … gespreid leiderschap71", then the
    # table's column headings as a line of their own, then its rows
    caption = "Tabel 8. Voorbeelden van gedrag van schoolleiders en docenten in scholen waar sprake is van"
    row = find(VO_LEIDRAAD, "neemt initiatieven voor verbetering")
    headings = row.section.split(SEPARATOR)
    assert headings[-2].startswith(caption) and headings[-2].endswith("gespreid leiderschap")  # no note "71"
    assert headings[-1] == "Een docent met expertise op een thema Een schoolleider"
    assert headings[-3] == "6.3 Stimuleer gespreid leiderschap"
