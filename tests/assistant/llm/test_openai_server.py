"""The OpenAI-compatible provider against a real server: llama-cpp-python's own ``llama_cpp.server``,
started on a loopback port with the bundled Gemma 3 270M GGUF (see the ``llama_server`` fixture).

A 270M model rarely follows the citation rules, so an answer may well fall back; what matters is that
it streams, ends (the server honours our token limit), never lets ungrounded text through, and that a
deadline or a failure gives the offline answer with a notice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from assistant.answer import Answerer
from assistant.llm import LLMAnswerer, LLMUnavailable, build_answerer
from assistant.models import Hit
from assistant.runtime import Core
from assistant.settings import ROOT
from tests.assistant.llm.helpers import make_settings

pytestmark = pytest.mark.slow

QUESTION = "Hoe kom ik tot een goed verbeterplan?"
MAX_TOKENS = 24
# Generous: two shared cores. The limit ends the answer long before; the deadline only guards the test.
PATIENT_S = 300.0


def answerer(url: str, **llm: object) -> LLMAnswerer:
    values: dict[str, object] = {"llm_max_tokens": MAX_TOKENS, "llm_timeout_s": PATIENT_S, **llm}
    built = build_answerer(
        make_settings(llm_provider="openai", llm_model="gemma", llm_base_url=url, **values)
    )
    assert built is not None
    return built


def test_streams_and_ends_at_the_token_limit(llama_server: str, hits: list[Hit]) -> None:
    stream = answerer(llama_server).stream(QUESTION, hits)
    started = time.monotonic()
    chunks = list(stream)
    print(f"\nllama_cpp.server, {len(chunks)} chunks: {time.monotonic() - started:.1f} s")

    tokens = [chunk for chunk in chunks if chunk]  # the first and last chunk carry no text
    assert len(tokens) > 1, "de server moet token voor token streamen"
    # Without max_tokens in the request this server writes until its context (4096 tokens) is full.
    assert len(tokens) <= MAX_TOKENS
    assert stream.result.raw == "".join(chunks)


def test_only_grounded_text_comes_through(llama_server: str, hits: list[Hit]) -> None:
    result = answerer(llama_server).answer(QUESTION, hits)
    if result.fell_back:
        assert result.text == "" and result.reasons
    else:
        assert result.text and result.cited and set(result.cited) <= {1, 2}


def test_deadline_gives_a_dutch_notice_and_the_server_keeps_serving(
    llama_server: str, hits: list[Hit]
) -> None:
    # No server answers within 10 ms: the request alone takes longer on loopback.
    with pytest.raises(
        LLMUnavailable, match=r"gaf niet binnen 0\.01 seconden antwoord; het antwoord hieronder"
    ):
        answerer(llama_server, llm_timeout_s=0.01).answer(QUESTION, hits)
    assert len(list(answerer(llama_server).stream(QUESTION, hits))) > 1


def test_core_falls_back_to_the_offline_answer(llama_server: str, corpus_core: Core) -> None:
    core = Answerer(corpus_core.retriever, answerer(llama_server, llm_timeout_s=0.01))
    answer = core.answer("Hoe borg je verbeteringen in het mbo?")
    assert answer.notice is not None and "gaf niet binnen" in answer.notice
    assert answer.text and answer.citations  # the offline answer, with its sources


def test_cli_ask_answers_through_the_server(llama_server: str, corpus_core: Core, tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
    env |= {
        "PYTHONPATH": str(ROOT),
        "LEIDRAAD_STORE_DIR": str(corpus_core.settings.store_dir),
        "LEIDRAAD_LLM_PROVIDER": "openai",
        "LEIDRAAD_LLM_MODEL": "gemma",
        "LEIDRAAD_LLM_BASE_URL": llama_server,
        "LEIDRAAD_LLM_MAX_TOKENS": "64",
        "LEIDRAAD_LLM_TIMEOUT_S": str(PATIENT_S),
    }
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "Hoe borg je verbeteringen in het mbo?"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENT_S + 120,
    )
    print(f"\npython -m assistant ask via llama_cpp.server: {time.monotonic() - started:.1f} s")
    assert proc.returncode == 0, proc.stderr
    assert "gaf niet binnen" not in proc.stdout and "niet bereikbaar" not in proc.stdout
    assert "[1] " in proc.stdout  # sources: the model's grounded answer or the offline one
