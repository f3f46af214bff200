"""The chat: the open conversation's messages, and a box for the next one.

Everything but the drawing happens in ``assistant.chat.Chat`` (routing to a flow or the answerer,
saving); this module shows the messages and streams an LLM answer as it is written.

Usage::

    chat_page(chat, cid, scope, streaming=core.answerer.llm is not None)
"""

from __future__ import annotations

from collections.abc import Iterator

import streamlit as st

from assistant.chat import Chat
from assistant.conversations import Message
from assistant.models import Scope
from ui.conversations import set_active
from ui.render import answer_markdown, escape_md
from ui.widgets import show_answer, show_artifact

CHAT_BOX = "Stel je vraag over de leidraad…"
FLOW_FILES = {"kennisvraag": "zoekplan", "interview": "interviewprotocol"}
EXAMPLES = (
    "Je kunt ook vragen: ‘maak een kennisvraag van: Hoe kunnen we leerlingen beter leren plannen?’ of "
    "‘maak interviewvragen voor leerlingen over huiswerk plannen’."
)


def show_message(message: Message, key: str) -> None:
    """One message as it was shown when it was new: a question, an answer with its sources, a flow
    result with its downloads, or a plain reply (such as what a flow still needs to know)."""
    with st.chat_message(message.role):
        if message.answer is not None:
            show_answer(message.answer)
        elif message.flow is not None:
            st.markdown(answer_markdown(message.flow.text))
            show_artifact(message.flow.artifact, FLOW_FILES[message.flow.flow], key=key)
        else:
            st.markdown(escape_md(message.content))


def _reply(chat: Chat, cid: str, text: str, scope: Scope | None, streaming: bool) -> Message:
    """Answer and save; an LLM's words are shown as they come (the page then shows the checked answer)."""
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


def chat_page(chat: Chat, cid: str | None, scope: Scope | None, streaming: bool) -> None:
    """The open conversation (``cid``; None: a new one) and the chat box."""
    st.caption("Antwoorden komen uit de documenten, met bronnen. Open een bron om de passage te lezen.")
    messages = chat.conversations.get(cid).messages if cid else []
    if not messages:
        st.caption(EXAMPLES)
    for n, message in enumerate(messages):
        show_message(message, key=f"{cid}-{n}")
    if text := st.chat_input(CHAT_BOX):
        with st.chat_message("user"):
            st.markdown(escape_md(text))
        if cid is None:
            cid = chat.new(text)
            set_active(cid)
        with st.chat_message("assistant"):
            _reply(chat, cid, text, scope, streaming)
        st.rerun()  # shown from the saved conversation, and listed in the sidebar
