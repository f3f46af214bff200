"""chunk_paragraphs: lists stay with their intro, long lists split between items, no aanbeveling crossing."""

from __future__ import annotations

import statistics

from ingest.chunking import Chunk, chunk_paragraphs
from ingest.loaders import load_document
from ingest.structure import Paragraph, parse_structure
from tests.conftest import CORPUS

SEC = "Aanbeveling 2: zorg voor borging"


def para(text: str, kind: str = "text", aanbeveling: str | None = "h2", section: str = SEC) -> Paragraph:
    return Paragraph(text, section, aanbeveling, 3, kind)


def test_list_with_intro_stays_in_one_passage() -> None:
    intro = para("Een team kan op verschillende manieren borgen. " * 4 + "Denk aan:")
    items = [para(f"• Manier {i}: leg de aanpak vast in het jaarplan.", "bullet") for i in range(5)]
    before = para("Eerdere alinea over iets anders. " * 14)  # ~460 chars, fills up the passage
    chunks = chunk_paragraphs([before, intro, *items], target_chars=600, max_chars=1000)
    holding = [c for c in chunks if "Denk aan:" in c.text]
    assert len(holding) == 1
    assert all(item.text in holding[0].text for item in items)
    assert holding[0].text.index("Denk aan:") < holding[0].text.index("• Manier 0")


def test_long_list_splits_only_between_items() -> None:
    intro = para("De volgende vragen helpen bij de analyse:")
    items = [
        para(f"• Vraag {i}: " + "welke gegevens hebben we nodig en waarom? " * 3, "bullet") for i in range(12)
    ]
    chunks = chunk_paragraphs([intro, *items], target_chars=600, max_chars=1000)
    assert len(chunks) > 1
    lines = [line for c in chunks for line in c.text.split("\n")]
    assert lines == [intro.text] + [i.text for i in items]  # nothing cut inside an item, nothing lost
    assert all(len(c.text) <= 1000 for c in chunks)
    assert chunks[0].text.startswith(intro.text)


def test_passages_never_cross_an_aanbeveling_boundary() -> None:
    h1 = [
        para(f"Zin {i} over het verbeterplan.", aanbeveling="h1", section="Aanbeveling 1: plan")
        for i in range(3)
    ]
    h2 = [para(f"Zin {i} over borgen.", aanbeveling="h2") for i in range(3)]
    chunks = chunk_paragraphs(h1 + h2, target_chars=600, max_chars=1000)
    assert [c.aanbeveling for c in chunks] == ["h1", "h2"]
    assert "borgen" not in chunks[0].text and "verbeterplan" not in chunks[1].text


def test_heading_opens_its_passage_and_heading_only_is_dropped() -> None:
    paragraphs = [
        para("Stap 5: Zorg voor borging", "heading"),
        para("Borging betekent dat de nieuwe aanpak blijft."),
        para("Losse kop zonder tekst", "heading", aanbeveling="h3", section="Aanbeveling 3: houding"),
    ]
    chunks = chunk_paragraphs(paragraphs)
    assert chunks == [
        Chunk("Stap 5: Zorg voor borging\nBorging betekent dat de nieuwe aanpak blijft.", SEC, "h2", 3)
    ]


def corpus_chunks() -> dict[str, list[Chunk]]:
    return {
        path.name: chunk_paragraphs(parse_structure(load_document(path).pages), 600, 1000)
        for path in sorted(CORPUS.glob("*.txt"))
    }


def test_real_corpus_passage_lengths() -> None:
    by_doc = corpus_chunks()
    chunks = [c for cs in by_doc.values() for c in cs]
    lengths = [len(c.text) for c in chunks]
    assert len(chunks) > 150
    assert statistics.mean(lengths) < 1000
    assert max(lengths) <= 1200, max(chunks, key=lambda c: len(c.text)).text[:200]
    assert min(lengths) >= 15
    # chunk metadata is consistent with aanbeveling sections
    for chunk in chunks:
        if chunk.aanbeveling:
            assert chunk.section.startswith(f"Aanbeveling {chunk.aanbeveling[1]}:"), chunk


def test_real_po_poster_one_passage_per_aanbeveling() -> None:
    chunks = corpus_chunks()["po-poster-werken-aan-onderwijsverbetering.txt"]
    per = {a: [c for c in chunks if c.aanbeveling == a] for a in ("h1", "h2", "h3", "h4", "h5", "h6")}
    for aanbeveling, found in per.items():
        assert 1 <= len(found) <= 2, aanbeveling
        assert found[0].text.startswith(f"Aanbeveling {aanbeveling[1]}:")
    assert "kartrekkersrol" in per["h6"][-1].text


def test_each_entry_of_a_list_of_definitions_is_its_own_passage() -> None:
    entries = [
        para("Kennisbenutting: Het proces van vinden, selecteren en toepassen van kennis."),
        para("Lerende organisatie: Het vermogen om routinematig te veranderen en te innoveren."),
        para("Gespreid leiderschap: Formeel en informeel leiderschap op basis van expertise."),
    ]
    before = para("Een inleiding die over iets anders gaat en kort is.")
    note = para("Opmerking: een enkele regel met een dubbele punt is nog geen begrippenlijst.")
    chunks = chunk_paragraphs([before, *entries, note], target_chars=600, max_chars=1000)
    assert [c.text for c in chunks] == [before.text, *(e.text for e in entries), note.text]
    # two such lines are not a list of definitions: they pack as usual
    assert len(chunk_paragraphs([before, *entries[:2]], target_chars=600, max_chars=1000)) == 1


def test_real_vo_definitions_stand_alone() -> None:
    chunks = corpus_chunks()["vo-leidraad-werken-aan-onderwijsverbetering.txt"]
    defining = [c for c in chunks if c.text.startswith(("Kennisbenutting:", "Lerende organisatie:"))]
    assert len(defining) == 2
    assert all(c.text.count(":") <= 2 for c in defining)  # no other definition in the same passage
