"""Dense descriptor assignment over the thesaurus, with the real e5 embedder (and Frog for the reader)."""

import numpy as np
import pytest

from assistant.flows import descriptors
from assistant.flows.concepts import PraktijkvraagReader
from assistant.flows.descriptors import DescriptorIndex, scope_text
from assistant.thesaurus import Thesaurus

# Says what happens without the thesaurus's words for it ("te laat", "laatkomers", "op tijd").
LATE = "Steeds meer leerlingen in 3 havo komen binnen als de les al begonnen is. Hoe pakken we dat aan?"


@pytest.fixture(scope="module")
def index():
    return DescriptorIndex(Thesaurus.load())


def test_the_descriptor_for_what_the_story_describes_stands_out(index):
    scores, _ = index.scores(LATE, [])
    ranked = [index.entries[i].term for i in np.argsort(-scores)]
    assert ranked[0] == "te laat komen" and scores.max() > 2.5  # z: far above the other descriptors
    lowered = DescriptorIndex(index.thesaurus, min_z=2.5)
    assert [a.entry.term for a in lowered.assign(LATE).assigned][:1] == ["te laat komen"]


def test_the_reader_names_an_assigned_descriptor(index, frog):
    # The cut-off is calibrated on the practice questions; here one well below it shows the mechanism.
    reader = PraktijkvraagReader(index.thesaurus, DescriptorIndex(index.thesaurus, min_z=2.5))
    reading = reader.read(LATE, "vo")
    late = [c for c in reading.concepts if c.label == "te laat komen"]
    assert late and late[0].assigned and not late[0].from_noun
    assert reading.doelgroep == "leerlingen in 3 havo"
    # Without any assignment (a cut-off no descriptor reaches) the lexical reading has no such concept.
    plain = PraktijkvraagReader(index.thesaurus, DescriptorIndex(index.thesaurus, min_z=99)).read(LATE, "vo")
    assert "te laat komen" not in [c.label for c in plain.concepts]


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
    (tmp_path / "descriptoren-0000.npy").write_bytes(b"of an earlier thesaurus")
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
