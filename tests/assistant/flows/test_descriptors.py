"""Dense descriptor assignment over the thesaurus, with the real e5 embedder (and Frog for the reader)."""

import numpy as np
import pytest

from assistant.flows import descriptors
from assistant.flows.concepts import PraktijkvraagReader, Thesaurus
from assistant.flows.descriptors import DescriptorIndex, scope_text

# Says what happens without the thesaurus's words for it ("te laat", "laatkomers", "op tijd").
LATE = "Steeds meer leerlingen in 3 havo komen binnen als de les al begonnen is. Hoe pakken we dat aan?"


@pytest.fixture(scope="module")
def index():
    return DescriptorIndex(Thesaurus.load())


def test_a_descriptor_is_assigned_for_what_the_story_describes(index):
    assigned = index.assign(LATE).assigned
    assert [a.entry.term for a in assigned][:1] == ["te laat komen"]
    assert assigned[0].z >= index.min_z


def test_the_reader_names_the_assigned_descriptor(frog):
    reading = PraktijkvraagReader().read(LATE, "vo")
    late = [c for c in reading.concepts if c.label == "te laat komen"]
    assert late and late[0].assigned and not late[0].from_noun
    assert reading.doelgroep == "leerlingen in 3 havo"


def test_a_question_about_something_else_gets_no_such_descriptor(index, frog):
    text = "Hoe zorgen we dat leerlingen in de brugklas hun spullen niet vergeten?"
    assert "te laat komen" not in [a.entry.term for a in index.assign(text).assigned]
    assert [c.label for c in PraktijkvraagReader().read(text, "vo").concepts] == ["het vergeten van spullen"]


def test_scores_are_standardised_within_each_text(index):
    for text in (
        "Werkt huiswerk?",
        LATE + " Ouders vinden het niet erg. Mentoren bellen elke dag naar huis.",
    ):
        scores, _ = index.scores(text, [])
        assert scores.shape == (len(index.entries),)
        assert abs(float(scores.mean())) < 1e-4 and abs(float(scores.std()) - 1) < 1e-3


def test_the_scope_text_holds_the_scope_note_and_the_english_terms():
    entry = Thesaurus.load().entries["onderpresteren"]
    text = scope_text(entry)
    assert text.startswith("onderpresteren: ") and entry.omschrijving in text and "underachievement" in text


def test_the_descriptor_matrix_is_cached_on_disk(tmp_path, monkeypatch):
    thesaurus = Thesaurus(
        {"verzuim": {"engels": ["attendance"]}, "huiswerk": {"engels": ["homework"]}},
        omschrijvingen={"verzuim": "Leerlingen zijn niet op school.", "huiswerk": "Opdrachten voor thuis."},
    )
    monkeypatch.setattr(descriptors, "_MATRICES", {})
    first = DescriptorIndex(thesaurus, cache_dir=tmp_path).matrix()
    assert len(list(tmp_path.glob("descriptoren-*.npy"))) == 1
    assert np.allclose(np.linalg.norm(first, axis=1), 1, atol=1e-5)
    monkeypatch.setattr(descriptors, "_MATRICES", {})
    assert np.array_equal(DescriptorIndex(thesaurus, cache_dir=tmp_path).matrix(), first)


def test_invalid_settings_are_refused():
    with pytest.raises(ValueError):
        DescriptorIndex(Thesaurus({}))
    with pytest.raises(ValueError):
        DescriptorIndex(Thesaurus.load(), max_assigned=0)
    with pytest.raises(ValueError):
        Thesaurus({"verzuim": {}}, omschrijvingen={"onbekend": "…"})
