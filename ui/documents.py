"""Sidebar control to remove a document someone added; the bundled documents are not offered.

Usage (inside ``with st.sidebar:``)::

    removal_control(core)
"""

from __future__ import annotations

import streamlit as st

from assistant.runtime import Core
from ingest.removal import DocumentRemover
from ui.render import escape_md

_MESSAGE = "verwijder_bericht"


def removal_control(core: Core) -> None:
    """A choice of the added documents and a button that removes the chosen one from the store."""
    remover = DocumentRemover(core.store)
    names = remover.removable()
    if names:
        documents = core.store.documents
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
