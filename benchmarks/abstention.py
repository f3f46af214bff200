"""How well the offline answerer tells answerable from unanswerable questions.

Runs the answerer over ``benchmarks/data/abstention.jsonl`` (our own questions: things teachers
ask that the documents do not cover — salaries, holidays, apps, exam rules — and everyday
questions they do cover) plus the development set when it is checked out, and prints the share
of unanswerable questions it abstained on, the share of answerable ones it answered, and each
mistake with the evidence the decision used. Prints figures, asserts nothing::

    python -m benchmarks.abstention [--questions FILE.jsonl ...]

Uses the configured store (``LEIDRAAD_STORE_DIR``); ingest first.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.query import parse_query
from assistant.runtime import Core
from assistant.settings import get_settings
from benchmarks.bench import DEV_QUESTIONS

OWN_QUESTIONS = Path(__file__).parent / "data" / "abstention.jsonl"


def load(paths: list[Path]) -> list[tuple[str, str, bool]]:
    """(id, question, answerable) from our file (``answerable``) and the dev set (``task``)."""
    rows = []
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                answerable = item.get("answerable", item.get("task") != "unanswerable")
                rows.append((item["id"], item["question"], bool(answerable)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=Path, nargs="*", default=[OWN_QUESTIONS, DEV_QUESTIONS])
    args = parser.parse_args(argv)
    core = Core.from_settings(get_settings())
    extractive = core.answerer.extractive
    counts = {True: [0, 0], False: [0, 0]}  # answerable -> [right, total]
    mistakes = []
    for qid, question, answerable in load(args.questions):
        query = parse_query(question)
        hits = core.retriever.retrieve(query, k=core.answerer.k)
        abstained = extractive.answer(query, hits).abstained  # similarity, names and facts alike
        right = abstained != answerable
        counts[answerable][0] += right
        counts[answerable][1] += 1
        if not right:
            best = max((h.signals.dense for h in hits), default=0.0)
            needed = extractive.required_similarity(query)
            mistakes.append(
                f"  {qid}: {'abstained' if abstained else 'answered'} "
                f"(best {best:.3f}, needed {needed:.3f}) {question}"
            )
    for answerable, label in ((False, "abstained on unanswerable"), (True, "answered answerable")):
        right, total = counts[answerable]
        print(f"{label:28} {right / (total or 1):.2f}  ({right}/{total})")
    print("mistakes:" if mistakes else "mistakes: none", *mistakes, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
