from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from langchain_ollama import ChatOllama
from langchain_openai import ChatOpenAI

from assistant.llm import (
    ChatLlamaCpp,
    LLMConfigError,
    LLMUnavailable,
    build_answerer,
    build_chat_model,
    describe_llm,
)
from assistant.models import Hit
from tests.assistant.llm.helpers import make_settings

# Port 9 (discard) on loopback: nothing listens there, so connections are refused at once.
CLOSED_URL = "http://127.0.0.1:9"


def test_none_means_offline() -> None:
    settings = make_settings(llm_provider="none")
    assert build_chat_model(settings) is None
    assert describe_llm(settings) == "Offline (geen taalmodel)"


def test_ollama_defaults_to_the_local_server() -> None:
    settings = make_settings(llm_provider="ollama", llm_model="llama3.1", llm_timeout_s=12, llm_max_tokens=99)
    chat = build_chat_model(settings)
    assert isinstance(chat, ChatOllama)
    assert chat.base_url == "http://localhost:11434"
    assert chat.client_kwargs == {"timeout": 12}
    assert chat.num_predict == 99
    assert describe_llm(settings) == "Ollama: llama3.1 op http://localhost:11434"


def test_openai_compatible_server_needs_no_key() -> None:
    settings = make_settings(
        llm_provider="openai", llm_model="qwen2.5", llm_base_url="http://localhost:8080/v1", llm_timeout_s=7
    )
    chat = build_chat_model(settings)
    assert isinstance(chat, ChatOpenAI)
    assert chat.openai_api_base == "http://localhost:8080/v1"
    assert chat.openai_api_key is not None and chat.openai_api_key.get_secret_value()
    assert chat.request_timeout == 7
    assert chat.max_retries == 0
    # Also as `max_tokens`: llama-cpp-python's server ignores `max_completion_tokens` (test_openai_server.py).
    assert chat.extra_body == {"max_tokens": 64}
    assert describe_llm(settings) == "OpenAI-compatibel: qwen2.5 op http://localhost:8080/v1"


def test_openai_without_key_or_server_names_the_variables() -> None:
    with pytest.raises(LLMConfigError, match=r"LEIDRAAD_LLM_API_KEY.*LEIDRAAD_LLM_BASE_URL"):
        build_chat_model(make_settings(llm_provider="openai", llm_model="gpt-4o-mini"))


@pytest.mark.parametrize("provider", ["ollama", "openai"])
def test_missing_model_name_names_the_variable(provider: str) -> None:
    with pytest.raises(LLMConfigError, match="zet LEIDRAAD_LLM_MODEL "):
        build_chat_model(make_settings(llm_provider=provider, llm_base_url=CLOSED_URL))


def test_llamacpp_without_model_path_names_the_variable() -> None:
    with pytest.raises(LLMConfigError, match="zet LEIDRAAD_LLM_MODEL_PATH"):
        build_chat_model(make_settings(llm_provider="llamacpp"))


def test_llamacpp_with_missing_file_names_the_variable(tmp_path: Path) -> None:
    missing = tmp_path / "weg.gguf"
    with pytest.raises(LLMConfigError, match=r"weg\.gguf bestaat niet.*LEIDRAAD_LLM_MODEL_PATH"):
        build_chat_model(make_settings(llm_provider="llamacpp", llm_model_path=missing))


def test_llamacpp_model_is_not_loaded_when_built(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is niet geïnstalleerd")
    not_a_model = tmp_path / "leeg.gguf"
    not_a_model.write_bytes(b"")
    settings = make_settings(llm_provider="llamacpp", llm_model_path=not_a_model)
    chat = build_chat_model(settings)  # an empty file only fails once the model is used
    assert isinstance(chat, ChatLlamaCpp)
    assert describe_llm(settings) == "llama.cpp (lokaal): leeg.gguf"


def test_broken_model_file_becomes_llm_unavailable(tmp_path: Path, hits: list[Hit]) -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is niet geïnstalleerd")
    broken = tmp_path / "kapot.gguf"
    broken.write_bytes(b"geen gguf")
    answerer = build_answerer(make_settings(llm_provider="llamacpp", llm_model_path=broken))
    assert answerer is not None
    with pytest.raises(
        LLMUnavailable, match=r"^Het taalmodel \(llama\.cpp \(lokaal\): kapot\.gguf\) gaf een fout"
    ):
        answerer.answer("Wat is een verbeterplan?", hits)


@pytest.mark.parametrize(
    ("provider", "url", "label"),
    [
        ("ollama", CLOSED_URL, f"Ollama: testmodel op {CLOSED_URL}"),
        ("openai", f"{CLOSED_URL}/v1", f"OpenAI-compatibel: testmodel op {CLOSED_URL}/v1"),
    ],
)
def test_unreachable_server_gives_a_dutch_message_quickly(
    provider: str, url: str, label: str, hits: list[Hit]
) -> None:
    settings = make_settings(llm_provider=provider, llm_model="testmodel", llm_base_url=url, llm_timeout_s=3)
    answerer = build_answerer(settings)
    assert answerer is not None
    started = time.monotonic()
    with pytest.raises(LLMUnavailable) as caught:
        answerer.answer("Wat is een verbeterplan?", hits)
    assert time.monotonic() - started < 3
    assert str(caught.value) == (
        f"Het taalmodel ({label}) is niet bereikbaar; het antwoord hieronder is zonder taalmodel gemaakt."
    )


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers: the case that hangs without timeouts."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


@pytest.mark.parametrize("provider", ["ollama", "openai"])
def test_silent_server_times_out(provider: str, silent_server: str, hits: list[Hit]) -> None:
    settings = make_settings(
        llm_provider=provider, llm_model="testmodel", llm_base_url=silent_server, llm_timeout_s=1
    )
    answerer = build_answerer(settings)
    assert answerer is not None
    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match="gaf niet binnen 1 seconde antwoord"):
        answerer.answer("Wat is een verbeterplan?", hits)
    assert time.monotonic() - started < 3


class _NoSuchModel(BaseHTTPRequestHandler):
    """Answers every request the way Ollama and OpenAI-compatible servers do for an unknown model."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"error": {"message": "model \'testmodel\' not found", "type": "not_found"}}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def no_such_model_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NoSuchModel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("provider", "path"), [("ollama", ""), ("openai", "/v1")])
def test_unknown_model_names_the_fix(
    provider: str, path: str, no_such_model_server: str, hits: list[Hit]
) -> None:
    settings = make_settings(
        llm_provider=provider,
        llm_model="testmodel",
        llm_base_url=no_such_model_server + path,
        llm_timeout_s=3,
    )
    answerer = build_answerer(settings)
    assert answerer is not None
    with pytest.raises(LLMUnavailable, match=r"kent dit model niet \(controleer LEIDRAAD_LLM_MODEL"):
        answerer.answer("Wat is een verbeterplan?", hits)
