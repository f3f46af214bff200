"""`python -m assistant mcp`, driven by the MCP SDK's own client over stdio.

One server process over a copy of the session's store serves every call; the tests check what the
calls returned against the in-process core: the same passages and answers as the batch CLI.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client import IncomingMessage
from mcp.types import CallToolResult

from assistant.integrations import LazyCore
from assistant.integrations.mcp_server import CORPUS, create_server
from assistant.models import Turn
from assistant.runtime import Core
from assistant.settings import ROOT
from tests.conftest import make_settings

KEYS = {"text", "doc", "title", "sector", "aanbeveling", "section", "page", "score"}
QUESTION = "Hoe borg je een verbetering in het mbo?"
HISTORY = [
    {"role": "user", "content": "Wat zegt de leidraad over borging?"},
    {"role": "assistant", "content": "Borging betekent dat een verbetering blijft [1]."},
]
FOLLOW_UP = "En in het po?"
OFF_TOPIC = "Wat is de hoofdstad van Australië?"

# name → (tool, arguments): everything the client asks the one server process.
CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "search": ("search", {"question": QUESTION, "k": 3}),
    "search_mbo": ("search", {"question": "Hoe meet je of een interventie werkt?", "sector": "mbo"}),
    "search_bad_sector": ("search", {"question": QUESTION, "sector": "havo"}),
    "ask": ("ask", {"question": QUESTION}),
    "ask_follow_up": ("ask", {"question": FOLLOW_UP, "history": HISTORY}),
    "ask_off_topic": ("ask", {"question": OFF_TOPIC}),
    "ask_bad_role": ("ask", {"question": QUESTION, "history": [{"role": "system", "content": "x"}]}),
    "documents": ("documents", {}),
}


@pytest.fixture(scope="module")
def session(corpus_core: Core, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Start the server as a subprocess, list its tools and make every call in ``CALLS``."""
    work = tmp_path_factory.mktemp("mcp")
    store = work / "store"
    shutil.copytree(corpus_core.settings.store_dir, store)  # the server may tidy its store
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "assistant", "mcp"],
        # The SDK passes only a safe minimum of the environment on; outside the repo: no developer .env.
        env={"LEIDRAAD_STORE_DIR": str(store), "PYTHONPATH": str(ROOT)},
        cwd=work,
    )

    faults: list[Exception] = []

    async def on_message(message: IncomingMessage) -> None:
        if isinstance(message, Exception):  # e.g. a stdout line that is not JSON-RPC
            faults.append(message)

    async def run() -> dict[str, Any]:
        async with Client(params, message_handler=on_message) as client:
            out: dict[str, Any] = {"tools": (await client.list_tools()).tools, "faults": faults}
            for name, (tool, arguments) in CALLS.items():
                out[name] = await client.call_tool(tool, arguments)
            return out

    return anyio.run(run)


def payload(result: CallToolResult) -> dict[str, Any]:
    """The structured result, after checking the text content says the same (for text-only clients)."""
    assert not result.is_error, result.content
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


def stored_texts(core: Core) -> set[str]:
    return {p.text for p in core.store.snapshot().passages}


def test_stdout_carries_only_the_protocol(session: dict[str, Any]) -> None:
    assert session["faults"] == []


def test_tools_say_what_the_corpus_is_in_dutch_and_english(session: dict[str, Any]) -> None:
    tools = {tool.name: tool for tool in session["tools"]}
    assert set(tools) == {"search", "ask", "documents"}
    for tool in (tools["search"], tools["ask"]):
        assert CORPUS in tool.description
        assert "letterlijk" in tool.description and "verbatim" in tool.description
    assert "abstained" in tools["ask"].description
    assert tools["search"].input_schema["required"] == ["question"]
    assert set(tools["search"].input_schema["properties"]) == {"question", "k", "sector", "aanbeveling"}
    assert tools["ask"].input_schema["required"] == ["question"]


def test_search_returns_the_batch_cli_passages(session: dict[str, Any], corpus_core: Core) -> None:
    passages = payload(session["search"])["passages"]
    expected = [hit.to_json() for hit in corpus_core.search(QUESTION, k=3)]
    assert len(passages) == 3
    assert all(set(p) == KEYS for p in passages)
    assert [p["text"] for p in passages] == [p["text"] for p in expected]
    assert [p["score"] for p in passages] == pytest.approx([p["score"] for p in expected], abs=1e-4)
    assert {p["text"] for p in passages} <= stored_texts(corpus_core)


def test_search_filters_by_sector(session: dict[str, Any], corpus_core: Core) -> None:
    passages = payload(session["search_mbo"])["passages"]
    assert len(passages) == 10
    assert {p["sector"] for p in passages} <= {"mbo", None}
    assert {p["text"] for p in passages} <= stored_texts(corpus_core)


def test_ask_returns_the_batch_cli_answer(session: dict[str, Any], corpus_core: Core) -> None:
    answer = payload(session["ask"])
    assert answer == corpus_core.answerer.answer(QUESTION).to_json()
    assert set(answer) == {"answer", "abstained", "citations", "mode"}
    assert not answer["abstained"] and answer["citations"]
    assert {c["text"] for c in answer["citations"]} <= stored_texts(corpus_core)
    assert all(f"[{c['n']}]" in answer["answer"] for c in answer["citations"])


def test_ask_reads_a_follow_up_in_its_history(session: dict[str, Any], corpus_core: Core) -> None:
    answer = payload(session["ask_follow_up"])
    history = [Turn.from_json(turn) for turn in HISTORY]
    assert answer == corpus_core.answerer.answer(FOLLOW_UP, history).to_json()
    assert {c["sector"] for c in answer["citations"]} <= {"po", None}


def test_ask_abstains_off_topic(session: dict[str, Any]) -> None:
    answer = payload(session["ask_off_topic"])
    assert answer["abstained"] and not answer["citations"]


def test_bad_arguments_come_back_as_errors_that_name_the_fix(session: dict[str, Any]) -> None:
    for name, fix in (("search_bad_sector", "kies po, vo of mbo"), ("ask_bad_role", "'user' or 'assistant'")):
        result = session[name]
        assert result.is_error
        assert fix in result.content[0].text, result.content[0].text


def test_documents_lists_the_store(session: dict[str, Any], corpus_core: Core) -> None:
    documents = payload(session["documents"])["documents"]
    records = corpus_core.store.snapshot().documents
    assert {d["doc"] for d in documents} == set(records)
    assert all(d["passages"] == records[d["doc"]].chunks and d["title"] for d in documents)


def test_empty_store_names_the_fix(tmp_path: Path) -> None:
    async def run() -> CallToolResult:
        server = create_server(LazyCore(settings=make_settings(tmp_path / "empty")))
        async with Client(server) as client:  # in-process: the error path needs no subprocess
            return await client.call_tool("search", {"question": QUESTION})

    result = anyio.run(run)
    assert result.is_error
    assert "python -m ingest" in result.content[0].text
