"""Fluent, cited answers from a chat model, checked by the grounding guard, with a hard deadline.

Every provider failure (server down, timeout, unknown model, broken model file) becomes ``LLMUnavailable``
with a Dutch message for the user, so the caller can show the offline answer instead.

Usage::

    answerer = build_answerer(get_settings())  # None when no LLM is configured
    try:
        result = answerer.answer("Hoe maak ik een verbeterplan?", hits)
    except LLMUnavailable as exc:
        show_notice(str(exc))  # "Het taalmodel (Ollama: …) is niet bereikbaar; …", then the offline answer
    else:
        if result.fell_back:
            ...                # offline answer: the model's text was not grounded in the passages

    stream = answerer.stream("Hoe maak ik een verbeterplan?", hits)
    for token in stream:
        show(token)
    stream.result  # the guarded LLMResult, once all tokens are read
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import httpx
from langchain_core.exceptions import ModelConnectionError, ModelNotFoundError, ModelTimeoutError
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from assistant.llm.grounding import GroundingGuard
from assistant.llm.prompt import AnswerPrompt, check_chat_model
from assistant.llm.providers import build_chat_model, describe_llm
from assistant.models import Hit
from assistant.settings import Settings

log = logging.getLogger(__name__)

_FALLBACK_NOTE = "het antwoord hieronder is zonder taalmodel gemaakt."


class LLMUnavailable(RuntimeError):
    """The language model gave no answer; ``str(exc)`` is a Dutch message that can be shown as is."""


@dataclass(frozen=True)
class LLMResult:
    """A guarded answer.

    ``text`` keeps only grounded sentences, citing passages as ``[n]`` (``hits[n - 1]``); ``cited`` lists
    those numbers in order of first citation. ``fell_back`` is True when nothing grounded remained: show
    the offline answer. ``reasons`` says what the guard removed; ``raw`` is the model's own text.
    """

    text: str
    cited: tuple[int, ...]
    fell_back: bool
    reasons: tuple[str, ...] = ()
    raw: str = ""


class AnswerStream(Iterator[str]):
    """The tokens of one answer as they arrive; ``result`` is the guarded answer once they are all read.

    Raises ``LLMUnavailable`` while iterating if the model fails or the deadline passes.
    """

    def __init__(self, tokens: Iterator[str], finish: Callable[[str], LLMResult]) -> None:
        self._tokens = tokens
        self._finish = finish
        self._parts: list[str] = []
        self._result: LLMResult | None = None

    def __next__(self) -> str:
        try:
            token = next(self._tokens)
        except StopIteration:
            if self._result is None:
                self._result = self._finish("".join(self._parts))
            raise
        self._parts.append(token)
        return token

    @property
    def result(self) -> LLMResult:
        if self._result is None:
            raise RuntimeError("Lees eerst alle tokens van de stream; daarna is het resultaat bekend.")
        return self._result


class LLMAnswerer:
    """Answers a question from retrieved passages with a chat model, then applies the grounding guard.

    ``label`` names the model in error messages (see ``describe_llm``); ``timeout_s`` bounds the whole
    answer in wall-clock time, whatever the provider does.
    """

    def __init__(
        self,
        chat_model: BaseChatModel,
        *,
        label: str = "taalmodel",
        timeout_s: float = 60.0,
        prompt: AnswerPrompt | None = None,
        guard: GroundingGuard | None = None,
    ) -> None:
        check_chat_model(chat_model, timeout_s)
        self.chat_model = chat_model
        self.label = label
        self.timeout_s = timeout_s
        self.prompt = prompt or AnswerPrompt()
        self.guard = guard or GroundingGuard()

    def answer(self, question: str, hits: Sequence[Hit]) -> LLMResult:
        """The guarded answer to ``question`` from ``hits``; ``LLMUnavailable`` on any model failure."""
        stream = self.stream(question, hits)
        for _ in stream:
            pass
        return stream.result

    def stream(self, question: str, hits: Sequence[Hit]) -> AnswerStream:
        """Stream the raw tokens (for the UI); the guarded ``LLMResult`` is on ``.result`` afterwards."""
        if not hits:
            # Nothing to ground an answer in: the model is not asked at all.
            nothing = LLMResult("", (), fell_back=True, reasons=("geen passages gevonden",))
            return AnswerStream(iter(()), lambda _raw: nothing)
        passages = [hit.passage.text for hit in hits]

        def finish(raw: str) -> LLMResult:
            checked = self.guard.check(raw, passages)
            return LLMResult(checked.text, checked.cited, checked.fall_back, checked.reasons, raw)

        return AnswerStream(self._tokens(self.prompt.messages(question, hits)), finish)

    def _tokens(self, messages: list[BaseMessage]) -> Iterator[str]:
        tokens = _Deadline(lambda: (chunk.text for chunk in self.chat_model.stream(messages)), self.timeout_s)
        try:
            yield from tokens
        except Exception as exc:
            log.warning("Taalmodel %s faalde: %r", self.label, exc)
            raise LLMUnavailable(self._explain(exc)) from exc
        finally:
            tokens.close()

    def _explain(self, exc: Exception) -> str:
        name = f"Het taalmodel ({self.label})"
        status = getattr(exc, "status_code", None)
        if isinstance(exc, TimeoutError | ModelTimeoutError | httpx.TimeoutException):
            unit = "seconde" if self.timeout_s == 1 else "seconden"
            return f"{name} gaf niet binnen {self.timeout_s:g} {unit} antwoord; {_FALLBACK_NOTE}"
        if isinstance(exc, ModelNotFoundError) or status == 404:
            return (
                f"{name} kent dit model niet (controleer LEIDRAAD_LLM_MODEL; "
                f"bij Ollama: `ollama pull <model>`); {_FALLBACK_NOTE}"
            )
        if status in (401, 403):
            return f"{name} weigert de toegang (controleer LEIDRAAD_LLM_API_KEY); {_FALLBACK_NOTE}"
        if isinstance(exc, ConnectionError | ModelConnectionError | httpx.TransportError):
            return f"{name} is niet bereikbaar; {_FALLBACK_NOTE}"
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        return f"{name} gaf een fout ({detail}); {_FALLBACK_NOTE}"


def build_answerer(settings: Settings) -> LLMAnswerer | None:
    """The answerer for the configured LLM, or None for offline answers (``llm_provider="none"``)."""
    chat_model = build_chat_model(settings)
    if chat_model is None:
        return None
    return LLMAnswerer(chat_model, label=describe_llm(settings), timeout_s=settings.llm_timeout_s)


_TOKEN, _END, _ERROR = "token", "end", "error"


class _Deadline(Iterator[str]):
    """Runs a blocking token source in a worker thread so the caller never waits past the deadline.

    On timeout the worker is told to stop; it closes the source at the next token, which ends the
    HTTP stream or llama.cpp generation.
    """

    def __init__(self, source: Callable[[], Iterator[str]], timeout_s: float) -> None:
        self._queue: queue.Queue[tuple[str, object]] = queue.Queue()
        self._stop = threading.Event()
        self._deadline = time.monotonic() + timeout_s
        self._timeout_s = timeout_s
        self._done = False
        threading.Thread(target=self._run, args=(source,), daemon=True, name="llm-tokens").start()

    def __next__(self) -> str:
        if self._done:
            raise StopIteration
        remaining = self._deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise queue.Empty
            kind, value = self._queue.get(timeout=remaining)
        except queue.Empty:
            self.close()
            raise TimeoutError(f"geen antwoord binnen {self._timeout_s:g} s") from None
        if kind == _TOKEN:
            return str(value)
        self._done = True
        if kind == _ERROR:
            raise value  # type: ignore[misc]  # always an Exception, put there by _run
        raise StopIteration

    def close(self) -> None:
        self._done = True
        self._stop.set()

    def _run(self, source: Callable[[], Iterator[str]]) -> None:
        try:
            tokens = source()
            try:
                for token in tokens:
                    if self._stop.is_set():
                        return
                    self._queue.put((_TOKEN, token))
            finally:
                close = getattr(tokens, "close", None)
                if close is not None:
                    close()
        except Exception as exc:  # handed to the caller's thread, which reports it
            self._queue.put((_ERROR, exc))
            return
        self._queue.put((_END, None))
