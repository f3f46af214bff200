"""``python -m assistant search|ask …``: the command-line face of the core.

* ``search --batch IN.jsonl --k 10``: one JSON line per question with ranked passages.
* ``search "vraag"``: the passages for one question, readable.
* ``ask --batch IN.jsonl``: one JSON line per question with answer, abstained and citations.
* ``ask "vraag"``: the answer and its sources, readable.
* ``flow kennisvraag|interview|probleemanalyse …``: the guided flows (see ``assistant.flows.cli``).
* ``mcp``: an MCP server over stdio for AI assistants (see ``assistant.integrations.mcp_server``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from assistant.flows.cli import add_flow_parser, run_flow
from assistant.llm.providers import LLMConfigError, build_chat_model
from assistant.models import Turn
from assistant.runtime import Core
from assistant.settings import Settings, get_settings


def read_batch(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def history_of(item: dict) -> list[Turn]:
    """The ``history`` of a batch line: the conversation before the question, oldest first."""
    return [Turn.from_json(turn) for turn in item.get("history") or []]


def without_broken_llm(settings: Settings) -> Settings:
    """Settings for commands that work without a language model: a broken LLM setting is a warning.

    ``ask`` keeps the settings as they are, so there the problem ends the command (exit code 2).
    """
    try:
        build_chat_model(settings)  # checks the settings only; nothing is contacted or loaded
    except LLMConfigError as err:
        print(f"Let op: {err} Dit werkt nu zonder taalmodel.", file=sys.stderr)
        return settings.model_copy(update={"llm_provider": "none"})
    return settings


def _cmd_search(core: Core, args: argparse.Namespace) -> int:
    if args.batch:
        for item in read_batch(args.batch):
            hits = core.search(item["question"], k=args.k, history=history_of(item))
            out = {"id": item["id"], "passages": [h.to_json() for h in hits]}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    for n, hit in enumerate(core.retriever.search(args.question, k=args.k), 1):
        p = hit.passage
        page = f", p. {p.page}" if p.page else ""
        print(f"[{n}] {p.title} — {p.section or '(geen kop)'}{page}  (score {hit.score:.3f})")
        print("    " + p.text.replace("\n", "\n    ") + "\n")
    return 0


def _cmd_ask(core: Core, args: argparse.Namespace) -> int:
    if args.batch:
        for item in read_batch(args.batch):
            answer = core.answerer.answer(item["question"], history_of(item))
            print(json.dumps(answer.to_json(item["id"]), ensure_ascii=False), flush=True)
        return 0
    answer = core.answerer.answer(args.question)
    if answer.notice:
        print(f"Let op: {answer.notice}\n")
    print(answer.text + "\n")
    for c in answer.citations:
        page = f", p. {c.passage.page}" if c.passage.page else ""
        print(f"[{c.n}] {c.passage.title} — {c.passage.section or '(geen kop)'}{page}")
    for hit in answer.related:
        print(f"Misschien verwant: {hit.passage.title} — {hit.passage.section or '(geen kop)'}")
        print("    " + hit.passage.text[:300].replace("\n", " ") + "…")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    search = sub.add_parser("search", help="zoek passages")
    search.add_argument("question", nargs="?", help="een vraag")
    search.add_argument("--batch", type=Path, help="JSONL met {id, question, history?} per regel")
    search.add_argument("--k", type=int, default=10)
    ask = sub.add_parser("ask", help="stel een vraag en krijg een antwoord met bronnen")
    ask.add_argument("question", nargs="?", help="een vraag")
    ask.add_argument("--batch", type=Path, help="JSONL met {id, question, history?} per regel")
    add_flow_parser(sub)
    sub.add_parser("mcp", help="MCP-server over stdio voor AI-assistenten (Claude Desktop, VS Code, …)")
    args = parser.parse_args(argv)
    if args.command == "mcp":
        from assistant.integrations.mcp_server import serve  # the MCP SDK is only needed here

        return serve()
    if args.command in ("search", "ask") and not (args.batch or args.question):
        parser.error("geef een vraag of --batch BESTAND")
    settings = get_settings()
    core = Core.from_settings(settings if args.command == "ask" else without_broken_llm(settings))
    if args.command == "flow":
        return run_flow(core, args)
    return _cmd_search(core, args) if args.command == "search" else _cmd_ask(core, args)
