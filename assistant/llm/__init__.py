"""The optional LLM layer: fluent, cited answers from a chat model, guarded against ungrounded text.

Without an LLM (``LEIDRAAD_LLM_PROVIDER=none``, the default) ``build_answerer`` returns None and the app
answers offline. With one, ``LLMAnswerer`` answers from the retrieved passages and the grounding guard
keeps only sentences that cite them.

Usage::

    from assistant.llm import LLMUnavailable, build_answerer, describe_llm

    answerer = build_answerer(settings)
    if answerer is not None:
        try:
            result = answerer.answer(question, hits)
        except LLMUnavailable as exc:
            notice = str(exc)  # Dutch, ready to show; use the offline answer
"""

from assistant.llm.generate import AnswerStream, LLMAnswerer, LLMResult, LLMUnavailable, build_answerer
from assistant.llm.grounding import GroundingGuard, GroundingResult
from assistant.llm.llamacpp import ChatLlamaCpp
from assistant.llm.prompt import AnswerPrompt
from assistant.llm.providers import LLMConfigError, build_chat_model, describe_llm

__all__ = [
    "AnswerPrompt",
    "AnswerStream",
    "ChatLlamaCpp",
    "GroundingGuard",
    "GroundingResult",
    "LLMAnswerer",
    "LLMConfigError",
    "LLMResult",
    "LLMUnavailable",
    "build_answerer",
    "build_chat_model",
    "describe_llm",
]
