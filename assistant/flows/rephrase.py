"""Optional LLM polish for flow texts: better phrasing, never new facts or sources.

The offline text is always computed first. A chat model may rewrite it; the rewrite is kept only
if every line passes ``acceptable`` (non-empty, no citation markers, no web addresses that the given
material does not contain) and the flow's own check (``accept``, e.g. "still a question"), with as
many lines as asked. Anything else, an exception included, means: keep the offline text.

Usage::

    rephraser = Rephraser(chat_model)            # chat_model=None: always the offline text
    lines = rephraser.lines("interview", offline_lines, context="…", material="…", accept=is_question)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.flows.spec import load_prompt
from assistant.sentences import WEB_ADDRESS

_CITATION_MARK = re.compile(r"\[\s*\d+\s*\]|\(\s*bron\b", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def is_question(text: str) -> bool:
    return text.rstrip().endswith("?")


def acceptable(text: str, material: str) -> bool:
    """Non-empty, cites nothing, and names no address that is not in ``material``."""
    if not text.strip() or _CITATION_MARK.search(text):
        return False
    known = material.lower()
    return all(address.lower() in known for address in WEB_ADDRESS.findall(text))


class Rephraser:
    """Asks a LangChain chat model to rephrase lines, with the system prompt from prompts/flows."""

    def __init__(self, chat_model: BaseChatModel | None = None) -> None:
        self.chat_model = chat_model

    def lines(
        self,
        task: str,
        offline: list[str],
        *,
        accept: Callable[[str], bool],
        context: str = "",
        material: str = "",
    ) -> list[str]:
        """The model's version of ``offline`` (same number of lines, each ``accept``-ed), or ``offline``."""
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
        if len(rewritten) != len(offline) or not all(
            acceptable(line, material) and accept(line) for line in rewritten
        ):
            return offline
        return rewritten

    def line(
        self, task: str, offline: str, *, accept: Callable[[str], bool], context: str = "", material: str = ""
    ) -> str:
        return self.lines(task, [offline], accept=accept, context=context, material=material)[0]
