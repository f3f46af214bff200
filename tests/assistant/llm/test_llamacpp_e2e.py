"""One real run through the llama.cpp path with the tiny Gemma 3 270M GGUF from the test extras.

A 270M base model rarely follows the citation rules, so the pipeline may well fall back; what matters is
that it loads, streams, stays within time and never lets an ungrounded answer through.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from assistant.llm import build_answerer
from assistant.models import Hit
from tests.assistant.llm.helpers import make_settings

pytest.importorskip("llama_cpp", reason="llama-cpp-python is niet geïnstalleerd (pip install -e '.[test]')")


def test_llama_cpp_is_built_portably() -> None:
    """A native build uses every extension of the building CPU (AMX crashed on a Xeon); ours AVX2 at most."""
    import llama_cpp

    features = llama_cpp.llama_print_system_info().decode()
    assert "AVX2 = 1" in features, features
    native = re.findall(r"\b((?:AVX512|AMX)\w*) = 1", features)
    assert not native, (
        f"llama-cpp-python is voor deze processor gebouwd ({features.strip()}); bouw het draagbaar: "
        "make clean setup-test (die zet CMAKE_ARGS=-DGGML_NATIVE=OFF en slaat pip's cache over)."
    )


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
