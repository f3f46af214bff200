"""Ask a chat model to rewrite a follow-up as a question that stands on its own.

The texts live in ``prompts/condense_system.md`` and ``prompts/condense_user.md``; the user template has
the placeholders ``{conversation}`` and ``{question}`` (``str.format``). The model gets ``timeout_s``
seconds; whatever goes wrong, ``rewrite`` returns None and the caller keeps its own reading.

Usage::

    condenser = Condenser(chat_model, timeout_s=20)
    condenser.rewrite("En in het mbo?", [Turn("user", "Wat zegt de leidraad over borging?")])
    # "Wat zegt de leidraad over borging in het mbo?", or None
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.llm.prompt import PROMPTS_DIR, check_chat_model, load_prompts
from assistant.models import Turn

log = logging.getLogger(__name__)

_PLACEHOLDERS = ("{conversation}", "{question}")
# Text from users must not be able to close (or open) the delimiters around it.
_DELIMITER = re.compile(r"<(/?\s*(?:gesprek|vraag)\b)", re.IGNORECASE)
_SPEAKERS = {"user": "Gebruiker", "assistant": "Assistent"}


class Condenser:
    """Rewrites a follow-up with a LangChain chat model, from the last ``max_turns`` turns.

    An assistant turn is cut to ``max_answer_chars``: its gist helps, its passages do not.
    """

    def __init__(
        self,
        chat_model: BaseChatModel,
        *,
        timeout_s: float = 20.0,
        max_turns: int = 4,
        max_answer_chars: int = 300,
        prompts_dir: Path = PROMPTS_DIR,
    ) -> None:
        check_chat_model(chat_model, timeout_s)
        if max_turns < 1 or max_answer_chars < 1:
            raise ValueError("max_turns en max_answer_chars moeten minstens 1 zijn.")
        self.system, self.user = load_prompts(prompts_dir, "condense", _PLACEHOLDERS)
        self.chat_model = chat_model
        self.timeout_s = timeout_s
        self.max_turns = max_turns
        self.max_answer_chars = max_answer_chars

    def messages(self, question: str, history: Sequence[Turn]) -> list[BaseMessage]:
        lines = []
        for turn in list(history)[-self.max_turns :]:
            text = " ".join(turn.content.split())
            if turn.role == "assistant" and len(text) > self.max_answer_chars:
                text = text[: self.max_answer_chars].rsplit(" ", 1)[0] + " …"
            lines.append(f"{_SPEAKERS[turn.role]}: {_escape(text)}")
        user = self.user.format(conversation="\n".join(lines), question=_escape(question.strip()))
        return [SystemMessage(self.system), HumanMessage(user)]

    def rewrite(self, question: str, history: Sequence[Turn]) -> str | None:
        """The model's one-line rewrite, or None when it fails, says nothing or takes too long."""
        messages = self.messages(question, history)
        replies: list[object] = []

        def ask() -> None:
            try:
                content = self.chat_model.invoke(messages).content
                replies.append(content if isinstance(content, str) else str(content))
            except Exception as exc:  # handed to the caller's thread, which logs it
                replies.append(exc)

        # A daemon thread: a model that hangs past the deadline cannot hold up the answer.
        worker = threading.Thread(target=ask, daemon=True, name="llm-condense")
        worker.start()
        worker.join(self.timeout_s)
        if not replies:
            log.warning("Herschrijven van de vervolgvraag duurde langer dan %g s", self.timeout_s)
            return None
        reply = replies[0]
        if isinstance(reply, Exception):
            log.warning("Herschrijven van de vervolgvraag mislukte: %r", reply)
            return None
        text = str(reply).strip().strip("\"'‘’“”").strip()
        return text or None


def _escape(text: str) -> str:
    return _DELIMITER.sub(r"‹\1", text)
