"""A LangChain chat model around ``llama_cpp.Llama``: a local GGUF model, no server, no langchain-community.

The model file is loaded on the first call, not at construction, so building the app stays fast.

Usage::

    chat = ChatLlamaCpp(model_path=Path("models/gemma-3-270m-it-Q4_K_M.gguf"), max_tokens=128)
    chat.invoke("Wat is een verbeterplan?").content
    for chunk in chat.stream("Wat is een verbeterplan?"):
        print(chunk.content, end="")
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr, field_validator

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


class ChatLlamaCpp(BaseChatModel):
    """Chat completions from a GGUF file with llama.cpp, streaming token by token.

    Generation is serialised with a lock: one ``Llama`` instance cannot run two generations at once.
    """

    model_path: Path
    n_ctx: int = Field(4096, gt=0)
    n_threads: int | None = Field(None, gt=0, description="CPU threads; None lets llama.cpp choose.")
    temperature: float = Field(0.1, ge=0)
    max_tokens: int = Field(512, gt=0)

    _llama: Any = PrivateAttr(None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @field_validator("model_path")
    @classmethod
    def _model_file_exists(cls, path: Path) -> Path:
        if not path.is_file():
            raise ValueError(f"GGUF-modelbestand niet gevonden: {path}. Geef het pad van een bestaand .gguf.")
        return path

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.model_path), "n_ctx": self.n_ctx, "temperature": self.temperature}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        with self._lock:
            llama = self._load()
            response = llama.create_chat_completion(**self._request(llama, messages, stop, stream=False))
        choice = response["choices"][0]
        usage = response.get("usage") or {}
        message = AIMessage(
            content=choice["message"].get("content") or "",
            usage_metadata={
                "input_tokens": usage.get("prompt_tokens", 0),
                "output_tokens": usage.get("completion_tokens", 0),
                "total_tokens": usage.get("total_tokens", 0),
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with self._lock:
            llama = self._load()
            # Closing this generator (caller stops reading) closes llama.cpp's and ends generation.
            for part in llama.create_chat_completion(**self._request(llama, messages, stop, stream=True)):
                token = part["choices"][0]["delta"].get("content")
                if not token:
                    continue
                if run_manager:
                    run_manager.on_llm_new_token(token)
                yield ChatGenerationChunk(message=AIMessageChunk(content=token))

    def _request(
        self, llama: Any, messages: list[BaseMessage], stop: list[str] | None, *, stream: bool
    ) -> dict:
        turns = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]
        if llama.chat_format == "gemma":
            turns = _fold_system_into_user(turns)
        return {
            "messages": turns,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "stop": stop or [],
            "stream": stream,
        }

    def _load(self) -> Any:
        # Called with the lock held, so two threads never load the model twice.
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ImportError(
                    "llama-cpp-python is niet geïnstalleerd; installeer het met "
                    "`make setup-test` (de geteste versie, draagbaar gebouwd)."
                ) from exc
            llama = Llama(
                model_path=str(self.model_path), n_ctx=self.n_ctx, n_threads=self.n_threads, verbose=False
            )
            meta = llama.metadata
            if (
                meta.get("general.architecture", "").startswith("gemma")
                and "tokenizer.chat_template" not in meta
            ):
                # Gemma GGUFs converted from base models carry no chat template; llama-cpp-python would then
                # use the Llama-2 format, which Gemma does not know.
                llama.chat_format = "gemma"
            self._llama = llama
        return self._llama


def _fold_system_into_user(turns: list[dict[str, str]]) -> list[dict[str, str]]:
    """Put system text at the start of the first user turn, as Gemma's own template does.

    llama-cpp-python's "gemma" format silently drops system messages, and with them our rules.
    """
    system = "\n\n".join(t["content"] for t in turns if t["role"] == "system")
    rest = [t for t in turns if t["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0] = {"role": "user", "content": f"{system}\n\n{rest[0]['content']}"}
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest
