"""Which conversation this browser tab shows, and the sidebar that lists, renames and deletes them.

The tab's conversation id lives in its session and in the address (``?c=…``): a reload or a shared
link reopens it, another tab starts empty and sees a conversation only when it opens it.

The list is a fragment: searching it, or a new conversation of this tab (the chat reruns it by its
key, ``LIST_FRAGMENT``), redraws only the list. It reads the store when it is drawn, so conversations
other tabs saved appear at the next page run. The downloads are made when they are clicked.

Usage::

    cid = active_conversation(store)        # None: a new, empty conversation
    conversation_sidebar(store, on_open)    # inside ``with st.sidebar:``
    set_active(new_id)                      # after the first message of a new conversation
    current()                               # the id set last (inside a fragment run too)
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assistant.conversations import ConversationStore
from ui.render import escape_md
from ui.widgets import download_buttons

KEY = "conversation_id"
PARAM = "c"
LIST_FRAGMENT = "gesprekken"
SHOWN = 30  # conversations listed; older ones stay saved and can be found by name
FILTER_FROM = 8  # from this many conversations on, a search box helps to find one


def set_active(cid: str | None) -> None:
    st.session_state[KEY] = cid
    if cid:
        st.query_params[PARAM] = cid
    else:
        st.query_params.pop(PARAM, None)


def current() -> str | None:
    return st.session_state.get(KEY)


def active_conversation(store: ConversationStore) -> str | None:
    """The id of the conversation this tab shows; the address wins (a reload, a link, back)."""
    wanted = st.query_params.get(PARAM)
    cid = st.session_state.get(KEY)
    if wanted != cid:
        cid = wanted
    if cid and not store.exists(cid):  # deleted (in another tab) or an old link
        cid = None
    set_active(cid)
    return cid


@st.fragment(key=LIST_FRAGMENT)
def conversation_sidebar(store: ConversationStore, on_open: Callable[[], None]) -> None:
    """ "Nieuw gesprek", the saved conversations (newest first) and, for the open one, rename,
    download and delete. ``on_open`` runs when a conversation is opened (e.g. to show the chat)."""
    cid = current()

    def open_(target: str | None) -> None:  # a button callback: the whole page shows the other one
        set_active(target)
        on_open()
        st.rerun()

    def delete() -> None:
        if cid:
            store.delete(cid)
        open_(None)

    st.subheader("Gesprekken", anchor=False)
    st.button("Nieuw gesprek", icon=":material/add:", on_click=open_, args=(None,), width="stretch")
    saved = store.list()
    if not saved:
        st.caption("Je gesprekken worden bewaard op deze computer en verschijnen hier.")
    listed = saved
    if len(saved) > FILTER_FROM:
        wanted = st.text_input("Zoek een gesprek", placeholder="een woord uit de naam").strip().lower()
        listed = [c for c in saved if wanted in c.title.lower()]
    if len(listed) > SHOWN:
        st.caption(f"De {SHOWN} nieuwste van {len(listed)} gesprekken; zoek om een ouder gesprek te vinden.")
    for info in listed[:SHOWN]:
        st.button(
            escape_md(info.title),
            key=f"open-{info.id}",
            type="secondary" if info.id == cid else "tertiary",
            help=f"Laatst bijgewerkt {info.updated[:16].replace('T', ' ')} (UTC)",
            on_click=open_,
            args=(info.id,),
            width="stretch",
        )
    if cid:
        this = next((c for c in saved if c.id == cid), None)
        with st.expander("Dit gesprek", icon=":material/more_horiz:"):
            with st.form("gesprek-naam", border=False):
                title = st.text_input("Naam", value=this.title if this else "", max_chars=80)
                if st.form_submit_button("Naam opslaan"):
                    try:
                        store.rename(cid, title)
                    except ValueError as err:
                        st.error(escape_md(str(err)))
                    else:
                        st.rerun()
            download_buttons(
                lambda: store.export_markdown(cid), lambda: store.export_docx(cid), "gesprek", key="gesprek"
            )
            sure = st.checkbox("Ja, ik wil dit gesprek verwijderen")
            st.button(
                "Gesprek verwijderen",
                icon=":material/delete:",
                disabled=not sure,
                on_click=delete,
            )
