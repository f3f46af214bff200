"""The sidebar's documents: the list of what is in the store, and removing a document someone added.

Both are worked out once per committed store state (its snapshot version) and process, not on every
page run; a document another process added shows at the next page run (the store stats its snapshot
file). The bundled documents are not offered for removal.

Usage (inside ``with st.sidebar:``)::

    document_list(core)
    removal_control(core)
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assistant.runtime import Core
from assistant.store import DocumentRecord
from ingest.removal import DocumentRemover
from ui.render import escape_md

_MESSAGE = "verwijder_bericht"


@st.cache_data(max_entries=4, show_spinner=False)
def _listing(version: str, _documents: Mapping[str, DocumentRecord]) -> str:
    """The documents as a Markdown list (``version`` names the snapshot they come from)."""
    records = sorted(_documents.values(), key=lambda r: r.title)
    return "\n".join(
        f"- {escape_md(r.title)}  \n  {r.sector or 'alle sectoren'} · {r.chunks} passages" for r in records
    )


@st.cache_data(max_entries=4, show_spinner=False)
def _removable(version: str, corpus: str, _remover: DocumentRemover) -> list[str]:
    """The added documents of snapshot ``version``: not in the ``corpus`` folder (which is read)."""
    return _remover.removable()


def document_list(core: Core) -> None:
    snapshot = core.store.snapshot()
    st.markdown(_listing(snapshot.version, snapshot.documents) or "Er zijn nog geen documenten.")


def removal_control(core: Core) -> None:
    """A choice of the added documents and a button that removes the chosen one from the store."""
    remover = DocumentRemover(core.store)
    snapshot = core.store.snapshot()
    names = _removable(snapshot.version, str(core.settings.corpus_dir), remover)
    if names:
        documents = snapshot.documents
        with st.expander("Document verwijderen"):
            name = st.selectbox(
                "Welk toegevoegd document?",
                names,
                format_func=lambda doc: f"{documents[doc].title} ({doc})" if doc in documents else doc,
            )
            st.caption(
                "De passages verdwijnen uit de antwoorden. U kunt het document later opnieuw toevoegen."
            )
            if st.button("Verwijderen", key="verwijder_document"):
                outcome = remover.remove(name)
                st.session_state[_MESSAGE] = ("success" if outcome.ok else "error", outcome.message)
                st.rerun()
    if message := st.session_state.pop(_MESSAGE, None):
        (st.success if message[0] == "success" else st.error)(escape_md(message[1]))
