"""One turn of a saved conversation, for any front end (the Streamlit page, tests, a CLI).

A message that asks for the kennisvraag or interview flow, or refines the flow result just shown,
runs that flow (``ChatFlows``); a greeting or a thank-you gets a short reply without searching;
anything else goes to the answerer with the conversation so far as its history and the chosen
scope as its filter. The question and the reply are saved together.

Usage::

    chat = Chat(core.answerer, ChatFlows(core.store), ConversationStore(path))
    cid = chat.new("Hoe borg je verbeteringen?")
    for item in chat.send(cid, "Hoe borg je verbeteringen?", Scope(sector="mbo")):
        ...  # str: a token of an LLM answer as it is written; the last item is the saved reply (Message)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.answer import Answer, Answerer
from assistant.conversations import Conversation, ConversationStore, Message, title_from
from assistant.flows.chat import ChatFlows
from assistant.flows.sources import SourceMissingError
from assistant.flows.validation import FlowInputError
from assistant.models import Scope
from assistant.pleasantries import reply_to_pleasantry

_GREETING = re.compile(
    r"^\W*(?:(?:hoi|hallo|hey|hi|hello|goedemorgen|goedemiddag|goedenavond|dag)\b\W*)*"
    r"(?:hoe gaat het(?: met je| met jou| ermee)?|how are you)?\W*$",
    re.I,
)
GREETING_REPLY = (
    "Hallo! Stel je vraag over de leidraad ‘Werken aan onderwijsverbetering’, of vraag bijvoorbeeld: "
    "‘maak een kennisvraag van: Hoe kunnen we leerlingen beter leren plannen?’"
)


def small_talk(text: str) -> str | None:
    """A reply to a greeting or a thank-you (the documents have nothing to say about those)."""
    if (welcome := reply_to_pleasantry(text)) is not None:
        return welcome
    return GREETING_REPLY if text.strip(" ?!.,") and _GREETING.match(text) else None


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
        reply = self._without_answerer(text, conversation, scope)
        if reply is None:
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

    def _without_answerer(self, text: str, conversation: Conversation, scope: Scope | None) -> Message | None:
        """The reply to small talk, a flow request or a flow refinement; None for a question."""
        if said := small_talk(text):
            return Message("assistant", said)
        sector = scope.sector if scope else None
        try:
            flow = self.flows.handle(text, conversation.history(), conversation.last_flow(), sector)
        except (FlowInputError, SourceMissingError) as err:  # their messages are Dutch and for the reader
            return Message("assistant", str(err))
        return Message.of_flow(flow) if flow is not None else None
