"""Turn the ``LEIDRAAD_LLM_*`` settings into a LangChain chat model, or None when no LLM is configured.

Providers: ``ollama`` (a local Ollama server), ``openai`` (OpenAI or any OpenAI-compatible server such as
vLLM, LM Studio or llama.cpp's ``llama-server``) and ``llamacpp`` (a GGUF file loaded in-process).

Usage::

    settings = Settings(llm_provider="ollama", llm_model="llama3.1")
    chat = build_chat_model(settings)  # ChatOllama, nothing is contacted yet
    describe_llm(settings)             # "Ollama: llama3.1 op http://localhost:11434"
"""

from __future__ import annotations

import importlib.util

from langchain_core.language_models import BaseChatModel

from assistant.llm.llamacpp import ChatLlamaCpp
from assistant.settings import ConfigError, Settings

OLLAMA_URL = "http://localhost:11434"
OPENAI_URL = "https://api.openai.com/v1"
# Local OpenAI-compatible servers ignore the key, but the client refuses to start without one.
_UNUSED_API_KEY = "not-needed"


class LLMConfigError(ConfigError):
    """The LLM settings cannot work; the message says which ``LEIDRAAD_`` variable to set."""


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model for ``settings.llm_provider``; None for ``"none"`` (offline answers only).

    Raises ``LLMConfigError`` for settings that cannot work. Nothing is contacted or loaded here.
    """
    provider = settings.llm_provider
    if provider == "none":
        return None
    if provider == "llamacpp":
        return _llamacpp(settings)
    if not settings.llm_model:
        raise LLMConfigError(
            f"Geen model opgegeven voor {provider}: zet LEIDRAAD_LLM_MODEL (bijvoorbeeld "
            f"{'llama3.1' if provider == 'ollama' else 'gpt-4o-mini'})."
        )
    if provider == "ollama":
        # Imported here so only the chosen provider's client is loaded.
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model,
            base_url=settings.llm_base_url or OLLAMA_URL,
            temperature=settings.llm_temperature,
            num_predict=settings.llm_max_tokens,
            client_kwargs={"timeout": settings.llm_timeout_s},
        )
    from langchain_openai import ChatOpenAI

    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if not api_key and not settings.llm_base_url:
        raise LLMConfigError(
            "Voor OpenAI is een sleutel nodig: zet LEIDRAAD_LLM_API_KEY, of zet LEIDRAAD_LLM_BASE_URL "
            "op een lokale OpenAI-compatibele server (bijvoorbeeld http://localhost:8080/v1)."
        )
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=api_key or _UNUSED_API_KEY,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout_s,
        # Retries would multiply the wait; the caller falls back to the offline answer instead.
        max_retries=0,
        # The client sends the limit as `max_completion_tokens` only; OpenAI-compatible servers that know
        # just `max_tokens` (llama-cpp-python's) then generate until their context is full, for minutes.
        extra_body={"max_tokens": settings.llm_max_tokens} if settings.llm_base_url else None,
    )


def describe_llm(settings: Settings) -> str:
    """A short Dutch description of the configured LLM for the UI."""
    match settings.llm_provider:
        case "ollama":
            return f"Ollama: {settings.llm_model} op {settings.llm_base_url or OLLAMA_URL}"
        case "openai":
            return f"OpenAI-compatibel: {settings.llm_model} op {settings.llm_base_url or OPENAI_URL}"
        case "llamacpp":
            name = settings.llm_model_path.name if settings.llm_model_path else "geen modelbestand"
            return f"llama.cpp (lokaal): {name}"
        case _:
            return "Offline (geen taalmodel)"


def _llamacpp(settings: Settings) -> BaseChatModel:
    path = settings.llm_model_path
    if path is None:
        raise LLMConfigError(
            "Voor llama.cpp is een modelbestand nodig: "
            "zet LEIDRAAD_LLM_MODEL_PATH op het pad van een .gguf-bestand."
        )
    if not path.is_file():
        raise LLMConfigError(
            f"Het modelbestand {path} bestaat niet: "
            "zet LEIDRAAD_LLM_MODEL_PATH op een bestaand .gguf-bestand."
        )
    # Checked now, without loading the library, so the error comes at start-up and not mid-answer.
    if importlib.util.find_spec("llama_cpp") is None:
        raise LLMConfigError(
            "llama-cpp-python is niet geïnstalleerd: `make setup-test` installeert de geteste versie "
            "(draagbaar gebouwd), of kies een andere LEIDRAAD_LLM_PROVIDER."
        )
    return ChatLlamaCpp(
        model_path=path,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
    )
