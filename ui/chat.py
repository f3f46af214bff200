"""The chat: the open conversation's messages, and a box for the next one.

Everything but the drawing happens in ``assistant.chat.Chat`` (routing to a flow or the answerer,
saving); this module shows the messages and streams an LLM answer as it is written.

A question reruns only the chat (a fragment), not the page: the sidebar and the messages the page
run drew stay as they are. The open conversation's messages are kept in the session, so neither a
question nor a page run reads them from the store again; a new exchange is added to them once saved.
The first question of a new conversation also reruns the conversation list, which then names it.

Usage::

    chat_page(chat, scope, streaming=core.answerer.llm is not None)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import streamlit as st

from assistant.chat import Chat
from assistant.conversations import ConversationNotFound, Message
from assistant.models import Scope
from ui.conversations import LIST_FRAGMENT, current, set_active
from ui.render import answer_markdown, escape_md
from ui.widgets import show_answer, show_artifact

CHAT_BOX = "Stel je vraag over de leidraad…"
CHAT_FRAGMENT = "chat"
_BOX_KEY = "chat_vraag"
_SHOWN = "gesprek_getoond"  # the open conversation as this session last drew it
GONE = (
    "Het gesprek dat hier openstond, is intussen verwijderd (in een ander venster). "
    "Je vraag en het antwoord staan in een nieuw gesprek."
)
FLOW_FILES = {"kennisvraag": "zoekplan", "interview": "interviewprotocol"}
EXAMPLES = (
    "Je kunt ook vragen: ‘maak een kennisvraag van: Hoe kunnen we leerlingen beter leren plannen?’ of "
    "‘maak interviewvragen voor leerlingen over huiswerk plannen’."
)


@dataclass
class Shown:
    """The open conversation's messages, and how many of them the last page run drew (the chat
    fragment draws the rest: they stay on screen until the next page run)."""

    cid: str | None
    messages: list[Message] = field(default_factory=list)
    by_page: int = 0


def show_message(message: Message, key: str) -> None:
    """One message as it was shown when it was new: a question, an answer with its sources, a flow
    result with its downloads, or a plain reply (such as what a flow still needs to know)."""
    with st.chat_message(message.role):
        _show_body(message, key)


def _show_body(message: Message, key: str) -> None:
    if message.answer is not None:
        show_answer(message.answer)
    elif message.flow is not None:
        st.markdown(answer_markdown(message.flow.text))
        show_artifact(message.flow.artifact, FLOW_FILES[message.flow.flow], key=key)
    else:
        st.markdown(escape_md(message.content))


def _reply(chat: Chat, cid: str, text: str, scope: Scope | None, streaming: bool) -> Message:
    """Answer and save; an LLM's words are shown as they come, then the checked answer."""
    items = chat.send(cid, text, scope)
    if not streaming:
        with st.spinner("Zoeken in de documenten…"):
            *_, reply = items
    else:
        final: list[Message] = []

        def tokens() -> Iterator[str]:
            for item in items:
                if isinstance(item, Message):
                    final.append(item)
                else:
                    yield escape_md(item)  # unchecked model text: shown as plain text only

        placeholder = st.empty()
        with placeholder.container():
            st.write_stream(tokens())
        placeholder.empty()
        reply = final[-1]
    assert isinstance(reply, Message)
    return reply


def _shown(chat: Chat) -> Shown:
    """The open conversation, from the session when it was drawn before, else from the store."""
    cid = current()
    shown: Shown | None = st.session_state.get(_SHOWN)
    if shown is None or shown.cid != cid:
        try:
            messages = chat.conversations.get(cid).messages if cid else []
        except ConversationNotFound:  # deleted in another tab meanwhile
            set_active(cid := None)
            messages = []
        shown = Shown(cid, list(messages))
        st.session_state[_SHOWN] = shown
    return shown


def _start_conversation(chat: Chat) -> None:
    """Chat box callback: the first question of a new conversation saves it first, so the
    conversation list (a fragment of its own) can name it while the chat answers."""
    if current() is None and (text := st.session_state.get(_BOX_KEY)):
        set_active(chat.new(text))
        st.rerun([CHAT_FRAGMENT, LIST_FRAGMENT])


@st.fragment(key=CHAT_FRAGMENT)
def _chat_box(chat: Chat, scope: Scope | None, streaming: bool) -> None:
    """The messages since the page run, and the chat box; a question reruns only this."""
    shown = _shown(chat)
    for n in range(shown.by_page, len(shown.messages)):
        show_message(shown.messages[n], key=f"{shown.cid}-{n}")
    text = st.chat_input(CHAT_BOX, key=_BOX_KEY, on_submit=_start_conversation, args=(chat,))
    if not text:
        return
    with st.chat_message("user"):
        st.markdown(escape_md(text))
    cid = shown.cid
    gone = cid is not None and not chat.conversations.exists(cid)
    if cid is None or gone:  # no callback ran (a test sets the box directly), or deleted elsewhere
        set_active(cid := chat.new(text))
        shown = st.session_state[_SHOWN] = Shown(cid)
    if gone:  # the messages above belong to the deleted conversation until the next page run
        st.info(GONE)
    with st.chat_message("assistant"):
        reply = _reply(chat, cid, text, scope, streaming)
        _show_body(reply, key=f"{cid}-{len(shown.messages) + 1}")
    shown.messages += [Message("user", text), reply]


def chat_page(chat: Chat, scope: Scope | None, streaming: bool) -> None:
    """The open conversation and the chat box (call in the page run)."""
    st.caption("Antwoorden komen uit de documenten, met bronnen. Open een bron om de passage te lezen.")
    shown = _shown(chat)
    if not shown.messages:
        st.caption(EXAMPLES)
    for n, message in enumerate(shown.messages):
        show_message(message, key=f"{shown.cid}-{n}")
    shown.by_page = len(shown.messages)
    _chat_box(chat, scope, streaming)
