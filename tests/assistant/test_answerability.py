"""Which kind of fact a question asks for, and whether a sentence states one."""

from __future__ import annotations

import pytest

from assistant.answerability import asked_fact, fact_topic, holds_fact
from assistant.lexical import analyse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wat kost een schoollicentie per jaar?", "amount"),
        ("How much does a subscription cost?", "amount"),
        ("Hoeveel dagen verlof krijg ik?", "duration"),
        ("Hoe lang duurt het voordat een werkwijze is ingebed?", "duration"),
        ("Hoe vaak komt de inspectie langs?", "frequency"),
        ("In welk jaar is de notitie verschenen?", "date"),
        ("Hoeveel scholen deden mee aan het onderzoek?", "number"),
        ("Welke app raadt de leidraad aan?", "named"),
        ("Wanneer is het zinvol om een PLG te starten?", None),  # 'wanneer' as 'under which conditions'
        ("Hoe betrek je leerlingen bij de analyse?", None),
    ],
)
def test_asked_fact(question: str, kind: str | None) -> None:
    assert asked_fact(question) == kind


@pytest.mark.parametrize(
    ("sentence", "kind", "holds"),
    [
        ("Vooral een cultuurverandering kan enkele jaren duren.", "duration", True),
        ("Veranderen is een proces en daarom kost het tijd.", "duration", False),
        ("De licentie kost € 450 per school.", "amount", True),
        ("De database geeft toegang tot wetenschappelijke publicaties.", "amount", False),
        ("Het team evalueert jaarlijks de onderzoekscultuur.", "frequency", True),
        ("De notitie verscheen in 2019.", "date", True),
        ("Er deden 27 scholen mee.", "number", True),
        ("Een team kiest een speerpunt.", "number", False),
        ("Gebruik hiervoor de tool Onderwijs met Kennis.", "named", True),
        ("gebruik hiervoor een logboek.", "named", False),
    ],
)
def test_holds_fact(sentence: str, kind: str, holds: bool) -> None:
    assert holds_fact(sentence, kind) is holds


def test_unknown_names_are_the_names_the_documents_never_use() -> None:
    from assistant.answerability import unknown_names

    known = {"plg", "kools", "ebsco"}.__contains__

    def knows(name: str) -> bool:
        return known(name.lower())

    assert unknown_names("Can our PLG use ChatGPT to analyse transcripts?", knows) == ["ChatGPT"]
    assert unknown_names("Wat zegt Kools over de PLG?", knows) == []
    assert unknown_names("Welke toestemming moet je volgens de AVG vragen?", knows) == ["AVG"]
    assert unknown_names("How do Dutch schools use EBSCO?", knows) == []  # country and language names pass


def test_the_topic_of_an_asked_fact_leaves_out_the_words_that_give_its_form() -> None:
    terms = set(analyse("Hoeveel uur per week moet een PLG vergaderen?"))
    assert fact_topic(terms) == set(analyse("PLG vergaderen"))
    only_form = set(analyse("Hoeveel uur per week?"))
    assert fact_topic(only_form) == only_form  # nothing else to go by
