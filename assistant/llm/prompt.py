"""The chat messages for one question: the system rules plus the numbered passages and the question.

The texts live in ``prompts/answer_system.md`` and ``prompts/answer_user.md``; the user template has the
placeholders ``{passages}`` and ``{question}`` (``str.format``).

Usage::

    prompt = AnswerPrompt()
    messages = prompt.messages("Wat is een verbeterplan?", hits)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.models import Hit
from assistant.settings import ROOT

PROMPTS_DIR = ROOT / "prompts"
_PLACEHOLDERS = ("{passages}", "{question}")
# Text from documents and users must not be able to close (or open) the delimiters around it.
_DELIMITER = re.compile(r"<(/?\s*(?:passages?|vraag)\b)", re.IGNORECASE)


def load_prompts(prompts_dir: Path, name: str, placeholders: Sequence[str]) -> tuple[str, str]:
    """The system and user texts ``<name>_system.md`` and ``<name>_user.md``; the user text must hold
    every placeholder."""
    system_path, user_path = prompts_dir / f"{name}_system.md", prompts_dir / f"{name}_user.md"
    for path in (system_path, user_path):
        if not path.is_file():
            raise FileNotFoundError(f"Prompttekst ontbreekt: {path}. Zet het terug uit de repository.")
    user = user_path.read_text(encoding="utf-8").strip()
    missing = [p for p in placeholders if p not in user]
    if missing:
        raise ValueError(f"{user_path} mist de plaatshouder(s) {', '.join(missing)}; voeg die toe.")
    return system_path.read_text(encoding="utf-8").strip(), user


def check_chat_model(chat_model: object, timeout_s: float) -> None:
    """Refuse what is not a LangChain chat model, and a deadline that is not positive."""
    if not isinstance(chat_model, BaseChatModel):
        raise TypeError(
            f"chat_model moet een LangChain BaseChatModel zijn, niet {type(chat_model).__name__}."
        )
    if timeout_s <= 0:
        raise ValueError(f"timeout_s moet groter dan 0 zijn, niet {timeout_s}.")


class AnswerPrompt:
    """Builds the system and user messages from the prompt files.

    Passages are numbered ``[1]..[n]`` in the order of ``hits`` and each is wrapped in
    ``<passage nummer="n">…</passage>`` inside ``<passages>…</passages>``, so the model can tell
    document text (data) from its instructions.
    """

    def __init__(self, prompts_dir: Path = PROMPTS_DIR) -> None:
        self.system, self.user = load_prompts(prompts_dir, "answer", _PLACEHOLDERS)

    def messages(self, question: str, hits: Sequence[Hit]) -> list[BaseMessage]:
        """The messages for ``question``, answered from ``hits`` (cited as [1]..[len(hits)])."""
        if not question.strip():
            raise ValueError("De vraag is leeg.")
        user = self.user.format(passages=self.format_passages(hits), question=_escape(question.strip()))
        return [SystemMessage(self.system), HumanMessage(user)]

    @staticmethod
    def format_passages(hits: Sequence[Hit]) -> str:
        """The numbered passage blocks, with title, section and page as the source line."""
        blocks = []
        for number, hit in enumerate(hits, start=1):
            p = hit.passage
            source = " — ".join(part for part in (p.title, p.section) if part)
            if p.page is not None:
                source += f", pagina {p.page}"
            blocks.append(
                f'<passage nummer="{number}">\nBron: {_escape(source)}\n{_escape(p.text.strip())}\n</passage>'
            )
        return "\n".join(blocks)


def _escape(text: str) -> str:
    return _DELIMITER.sub(r"‹\1", text)
