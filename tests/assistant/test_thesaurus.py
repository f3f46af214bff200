"""The school-improvement thesaurus as shipped (prompts/flows/zoektermen.toml)."""

import pytest

from assistant.thesaurus import Thesaurus


@pytest.fixture(scope="module")
def thesaurus() -> Thesaurus:
    return Thesaurus.load()


def test_a_word_a_praktijkvraag_uses_leads_to_its_descriptor(thesaurus: Thesaurus) -> None:
    assert thesaurus.find("verzuimen").term == "verzuim"
    assert thesaurus.find("Schoolverzuim").term == "verzuim"  # case does not matter
    assert thesaurus.knows("verzuimen")


def test_a_compound_leads_to_the_descriptor_of_its_head(thesaurus: Thesaurus) -> None:
    # The head of a Dutch compound is its last part: a backlog in arithmetic is a backlog.
    assert not thesaurus.knows("rekenachterstand")
    assert thesaurus.find("rekenachterstand").term == "leerproblemen"
    assert thesaurus.find("woordenschatles").term == "woordenschat"  # else its first part


def test_a_word_is_read_by_its_first_part_only_when_it_is_built_on_it(thesaurus: Thesaurus) -> None:
    assert thesaurus.find("brugklassers").term == "brugklas"  # an ending
    assert thesaurus.find("herkansingsweek") is not None  # a linking "s", then a word
    # "natuurlijk" (of course) is a word of its own, more frequent than "natuur"; "ouderejaars" are
    # older students, not "ouder" + "ejaars".
    assert thesaurus.find("natuurlijk") is None
    assert thesaurus.find("ouderejaars") is None


def test_a_typing_error_is_forgiven_but_a_real_word_stays_itself(thesaurus: Thesaurus) -> None:
    assert thesaurus.find("gemotievert").term == "motivatie"
    # "universiteit" is close to "diversiteit", but Dutch knows it: no descriptor.
    assert thesaurus.find("universiteit") is None


def test_negated_and_absent_verbs_name_what_is_missing(thesaurus: Thesaurus) -> None:
    assert thesaurus.negated["lezen"].term == "leesmotivatie"  # "ze lezen niet meer"
    assert thesaurus.gone["stoppen"].term == "uitval"  # "een groot deel stopt"


def test_aims_and_scope_notes_must_belong_to_a_descriptor() -> None:
    with pytest.raises(ValueError, match="doelen"):
        Thesaurus({"verzuim": {}}, doelen={"onbekend": "…"})


def test_related_terms_are_what_the_documents_may_call_a_listed_word(thesaurus: Thesaurus) -> None:
    related = thesaurus.related(["verzuimen", "team", "onbekendwoord"])
    assert {"verzuim", "absentie", "teamleren", "collegiaal leren"} <= set(related)
    assert "verzuimen" not in related and "team" not in related  # the word itself is searched already
    assert thesaurus.related(["verzuim"]) == ["schoolverzuim", "absentie", "spijbelen"]
    assert thesaurus.related(["rekenachterstand"]) == []  # a compound part is no listed word
