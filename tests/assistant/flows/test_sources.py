from assistant.flows.sources import LeidraadIndex, SourceMissingError, cite, reword
from assistant.models import Passage


def test_a_citation_is_the_whole_passage(corpus_core):
    passage = corpus_core.store.passages[0]
    assert Passage(**cite(passage)) == passage


def test_bullets_come_from_the_leidraad_list(corpus_core):
    items = LeidraadIndex(corpus_core.store).bullets("leidend kunnen zijn tijdens de probleemanalyse")
    assert len(items) == 11
    assert items[0].text == "Wat is het probleem of de verbeterwens?"
    assert all(item.text in item.passage.text for item in items)


def test_a_list_runs_on_into_the_next_passage_with_nested_points(corpus_core):
    items = LeidraadIndex(corpus_core.store).bullets("Voorbeeldvragen voor monitoren")
    last = items[-1]
    assert last.text.startswith("Wat zie/hoor je bij leerlingen?")
    assert last.sub[-1] == "kwaliteit van het werk, prestaties."
    assert len(last.sub) == 3


def test_missing_anchor_is_a_clear_error(corpus_core):
    index = LeidraadIndex(corpus_core.store)
    try:
        index.passage("dit staat nergens in de leidraad xyz")
    except SourceMissingError as exc:
        assert "niet in de kennisbank" in str(exc)
    else:
        raise AssertionError("verwacht SourceMissingError")


def test_reword_keeps_capitals_and_whole_words():
    words = {"docenten": "leerkrachten", "school": "opleiding"}
    assert (
        reword("Docenten op school en het schoolplan", words) == "Leerkrachten op opleiding en het schoolplan"
    )
