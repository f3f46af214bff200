"""One turn of a saved conversation, for any front end (the Streamlit page, tests, a CLI).

A message that asks for the kennisvraag or interview flow, or refines the flow result just shown,
runs that flow (``ChatFlows``); anything else goes to the answerer with the conversation so far as
its history and the chosen scope as its filter. The question and the reply are saved together.

Usage::

    chat = Chat(core.answerer, ChatFlows(core.store), ConversationStore(path))
    cid = chat.new("Hoe borg je verbeteringen?")
    for item in chat.send(cid, "Hoe borg je verbeteringen?", Scope(sector="mbo")):
        ...  # str: a token of an LLM answer as it is written; the last item is the saved reply (Message)
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.answer import Answer, Answerer
from assistant.conversations import ConversationStore, Message, title_from
from assistant.flows.chat import ChatFlows
from assistant.flows.sources import SourceMissingError
from assistant.flows.validation import FlowInputError
from assistant.models import Scope


class Chat:
    """Routes a message to a flow or the answerer, and saves the exchange in ``conversations``."""

    def __init__(self, answerer: Answerer, flows: ChatFlows, conversations: ConversationStore) -> None:
        self.answerer = answerer
        self.flows = flows
        self.conversations = conversations

    def new(self, first_message: str) -> str:
        """A new conversation named after its first message; returns its id."""
        return self.conversations.create(title_from(first_message))

    def send(self, cid: str, text: str, scope: Scope | None = None) -> Iterator[str | Message]:
        """Answer ``text`` in conversation ``cid``: LLM tokens as they come, then the saved reply."""
        conversation = self.conversations.get(cid)
        sector = scope.sector if scope else None
        try:
            flow = self.flows.handle(text, conversation.history(), conversation.last_flow(), sector)
        except (FlowInputError, SourceMissingError) as err:  # their messages are Dutch and for the reader
            reply = Message("assistant", str(err))
        else:
            if flow is not None:
                reply = Message.of_flow(flow)
            else:
                answer = None
                for item in self.answerer.stream(text, conversation.history(), scope):
                    if isinstance(item, Answer):
                        answer = item
                    else:
                        yield item
                assert answer is not None, "Answerer.stream eindigt altijd met een Answer"
                reply = Message.of_answer(answer)
        self.conversations.append(cid, Message("user", text), reply)
        yield reply
