"""Remove a document someone added: its passages, vectors and BM25 entries, and its uploaded file.

Documents from the bundled corpus (``corpus/``) are protected: the app would read them in again at
its next start anyway. ``force=True`` removes one all the same, until that next start.

Usage::

    remover = DocumentRemover(PassageStore(settings))
    outcome = remover.remove("verbeterplan.pdf")
    outcome.ok, outcome.message   # True, "verbeterplan.pdf is verwijderd (12 passages)."
    remover.removable()           # names of the documents that may be removed without force
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.store import PassageStore
from ingest.pipeline import collect_files


@dataclass(frozen=True)
class RemovalOutcome:
    """What to tell the person who asked: whether it worked, in Dutch."""

    ok: bool
    message: str


class DocumentRemover:
    """Removes documents from one store in a single commit each; bundled ones only with ``force``.

    The vectors go in two steps, like every replaced passage: at once out of every search (the
    snapshot no longer names them), and out of Chroma at the first write after the store's grace
    period (``assistant.store.RETIRE_GRACE_S``), so a search that began just before still finishes.
    """

    def __init__(self, store: PassageStore) -> None:
        if not isinstance(store, PassageStore):
            raise TypeError(f"store moet een PassageStore zijn, niet {type(store).__name__}.")
        self.store = store
        self.settings = store.settings

    def bundled(self) -> set[str]:
        """Names of the documents in the bundled corpus folder."""
        corpus = self.settings.corpus_dir
        return {path.name for path in collect_files([corpus])} if corpus.is_dir() else set()

    def removable(self) -> list[str]:
        """The stored documents that are not bundled, by name."""
        bundled = self.bundled()
        return sorted(doc for doc in self.store.snapshot().documents if doc not in bundled)

    def remove(self, name: str, *, force: bool = False) -> RemovalOutcome:
        """Remove document ``name`` (its file name, as the store lists it) and its uploaded file."""
        documents = self.store.snapshot().documents  # as committed now, also by other processes
        record = documents.get(name)
        if record is None:
            known = ", ".join(sorted(documents)) or "geen"
            return RemovalOutcome(
                False, f'Er is geen document "{name}". Gebruik een van deze namen: {known}.'
            )
        if name in self.bundled() and not force:
            return RemovalOutcome(
                False,
                f'"{name}" hoort bij de meegeleverde documenten en wordt niet verwijderd. Wilt u het '
                "toch tot de volgende start van de app weghalen, gebruik dan --force.",
            )
        if not self.store.remove_document(name):  # another process removed it meanwhile
            return RemovalOutcome(True, f"{name} was al verwijderd.")
        source = Path(record.source).resolve()
        if source.parent == self.settings.uploads_dir.resolve():
            source.unlink(missing_ok=True)  # the copy saved at upload; re-adding saves a new one
        passages = "passage" if record.chunks == 1 else "passages"
        return RemovalOutcome(True, f"{name} is verwijderd ({record.chunks} {passages}).")
