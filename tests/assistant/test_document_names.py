"""DocumentNames: which documents a question names by their titles (the bundled corpus's and a school's)."""

from __future__ import annotations

from assistant.document_names import DocumentNames
from assistant.models import Passage
from assistant.runtime import Core

STARTNOTITIE = "po-raad-startnotitie-evidence-informed-werken.txt"
PRESENTATIE = "presentatie-school-als-lerende-organisatie.txt"
POSTERS = {"po-poster-werken-aan-onderwijsverbetering.txt", "mbo-poster-werken-aan-onderwijsverbetering.txt"}


def test_title_words_the_documents_hardly_use_name_their_document(corpus_core: Core) -> None:
    names = DocumentNames.of(corpus_core.store.passages)
    assert names.named_in("Wat zegt de startnotitie over tijd?") == {STARTNOTITIE}
    assert names.named_in("Hoe ziet de PO-Raad de rol van de directeur?") == {STARTNOTITIE}
    assert names.named_in("In de presentatie staat een dia over leiderschap.") == {PRESENTATIE}
    assert names.named_in("Wat staat er op de poster?") == POSTERS


def test_topic_words_of_a_title_and_sector_words_name_no_document(corpus_core: Core) -> None:
    names = DocumentNames.of(corpus_core.store.passages)
    # What the documents are about, and the scope's words, are no names.
    assert names.named_in("Wat is een lerende organisatie?") == frozenset()
    assert names.named_in("Hoe werk je evidence-informed aan onderwijsverbetering in het po?") == frozenset()
    assert names.named_in("") == frozenset()


def test_a_document_a_school_adds_is_named_by_its_own_title() -> None:
    def passage(i: int, text: str, doc: str, title: str) -> Passage:
        return Passage(f"{doc}-{i}", text, doc, title, None, None, "", None, i)

    passages = [
        passage(i, "Het team bespreekt de resultaten van de toetsen.", "leidraad.txt", "Leidraad onderwijs")
        for i in range(40)
    ] + [passage(0, "Ons plan voor lezen in groep 5.", "baken.docx", "Verbeterplan Het Baken")]
    names = DocumentNames.of(passages)
    assert names.named_in("Wat staat er in het plan van Het Baken?") == {"baken.docx"}
    assert names.named_in("Wat zegt de leidraad over toetsen?") == {"leidraad.txt"}
    assert names.named_in("Hoe bespreekt het team de resultaten?") == frozenset()
