"""``python -m assistant search|ask …``: the command-line face of the core.

* ``search --batch IN.jsonl --k 10``: one JSON line per question with ranked passages.
* ``search "vraag"``: the passages for one question, readable.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from assistant.runtime import Core
from assistant.settings import get_settings


def read_batch(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _cmd_search(core: Core, args: argparse.Namespace) -> int:
    if args.batch:
        for item in read_batch(args.batch):
            hits = core.retriever.search(item["question"], k=args.k)
            out = {"id": item["id"], "passages": [h.to_json() for h in hits]}
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    for n, hit in enumerate(core.retriever.search(args.question, k=args.k), 1):
        p = hit.passage
        page = f", p. {p.page}" if p.page else ""
        print(f"[{n}] {p.title} — {p.section or '(geen kop)'}{page}  (score {hit.score:.3f})")
        print("    " + p.text.replace("\n", "\n    ") + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    search = sub.add_parser("search", help="zoek passages")
    search.add_argument("question", nargs="?", help="een vraag")
    search.add_argument("--batch", type=Path, help="JSONL met {id, question} per regel")
    search.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)
    if args.command == "search" and not (args.batch or args.question):
        parser.error("geef een vraag of --batch BESTAND")
    core = Core.from_settings(get_settings())
    return _cmd_search(core, args)
