"""Optional LLM polish for flow texts: better phrasing, never new facts or sources.

The offline text is always computed first. A chat model may rewrite it; the rewrite is kept only
if it passes ``acceptable`` (non-empty, no citation markers, no web addresses that the given
material does not contain, no more lines than asked). Any exception means: keep the offline text.

Usage::

    rephraser = Rephraser(chat_model)            # chat_model=None: always the offline text
    lines = rephraser.lines("interview_leerlingen", offline_lines, context="…", material="…")
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.flows.spec import load_prompt

_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:nl|com|org|eu|be)\b", re.IGNORECASE)
_CITATION_MARK = re.compile(r"\[\s*\d+\s*\]|\(\s*bron\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def acceptable(text: str, material: str) -> bool:
    """Non-empty, cites nothing, and names no address that is not in ``material``."""
    if not text.strip() or _CITATION_MARK.search(text):
        return False
    known = material.lower()
    return all(address.lower() in known for address in _ADDRESS.findall(text))


class Rephraser:
    """Asks a LangChain chat model to rephrase lines, with the system prompt from prompts/flows."""

    def __init__(self, chat_model: BaseChatModel | None = None) -> None:
        self.chat_model = chat_model

    def lines(self, task: str, offline: list[str], context: str = "", material: str = "") -> list[str]:
        """The model's version of ``offline`` (same number of lines), or ``offline`` itself."""
        if self.chat_model is None or not offline:
            return offline
        request = load_prompt(task).format(context=context, lines="\n".join(f"- {line}" for line in offline))
        try:
            reply = self.chat_model.invoke(
                [SystemMessage(load_prompt("rephrase_system")), HumanMessage(request)]
            )
            content = reply.content if isinstance(reply.content, str) else str(reply.content)
        except Exception:  # any provider failure: the offline text stands
            return offline
        rewritten = [_NUMBERING.sub("", line).strip() for line in content.splitlines() if line.strip()]
        material = f"{material}\n{context}\n" + "\n".join(offline)
        if len(rewritten) != len(offline) or not all(acceptable(line, material) for line in rewritten):
            return offline
        return rewritten

    def line(self, task: str, offline: str, context: str = "", material: str = "") -> str:
        return self.lines(task, [offline], context, material)[0]
