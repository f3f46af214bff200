"""How well the offline answerer tells answerable from unanswerable questions.

Runs the answerer over ``benchmarks/data/abstention.jsonl`` and ``abstention-b.jsonl`` (our own
questions, by two writers: things teachers ask that the documents do not cover — salaries,
holidays, apps, exam rules — and everyday questions they do cover) plus the development set when
it is checked out, and prints the share of unanswerable questions it abstained on and the share of
answerable ones it answered, for all, per group (our sets, the three dev writers) and per style,
which abstentions on an absent fact showed what the documents say on its topic and which declined
plainly, then each mistake with the probability the decision gave. Prints figures, asserts nothing::

    python -m benchmarks.abstention [--questions FILE.jsonl ...]

Uses the configured store (``LEIDRAAD_STORE_DIR``); ingest first.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant.answerability import evidence_of
from assistant.cli import history_of
from assistant.query import parse_resolved
from assistant.runtime import Core
from assistant.settings import get_settings
from benchmarks.bench import DEV_QUESTIONS
from benchmarks.eval import WRITERS, number

OWN_QUESTIONS = Path(__file__).parent / "data" / "abstention.jsonl"
# Our labelled questions, one file per writer: each is a fold of its own in ``benchmarks.decision``.
OWN_SETS = {"own": OWN_QUESTIONS, "own-b": OWN_QUESTIONS.with_name("abstention-b.jsonl")}


def own_group(path: Path) -> str:
    """The group of a file of our own labelled questions."""
    return next((name for name, own in OWN_SETS.items() if own == path), "own")


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    answerable: bool
    group: str  # our own set ("own", "own-b") or the dev writer (w1, w2, w3)
    style: str
    item: dict


def load(paths: list[Path]) -> list[Question]:
    """Labelled questions from our file (``answerable``) and the dev set (evidence or ``task``):
    dev items with neither (flows without gold passages) are left out."""
    rows = []
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if "answerable" in item:
                answerable, group = bool(item["answerable"]), own_group(path)
            elif item.get("evidence") or item.get("task") == "unanswerable":
                answerable = bool(item.get("evidence"))
                group = next(w for w, first, last in WRITERS if first <= number(item) <= last)
            else:
                continue
            style = item.get("style") or "-"
            rows.append(Question(item["id"], item["question"], answerable, group, style, item))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=Path, nargs="*", default=[*OWN_SETS.values(), DEV_QUESTIONS])
    args = parser.parse_args(argv)
    core = Core.from_settings(get_settings())
    extractive = core.answerer.extractive
    counts: dict[str, dict[bool, list[int]]] = defaultdict(lambda: {True: [0, 0], False: [0, 0]})
    mistakes = []
    facts: dict[str, list[str]] = {"shown": [], "declined": []}  # an absent fact: passages shown or not
    for q in load(args.questions):
        history = history_of(q.item)
        resolved = core.answerer.read(q.text, history)
        query = parse_resolved(resolved)
        hits = core.retriever.retrieve(query, k=core.answerer.k)
        conversation = " ".join(t.content for t in history)
        answer = extractive.answer(query, hits, conversation)  # names, the decision and facts alike
        right = answer.abstained != q.answerable
        if answer.abstained and hits and extractive.missing_fact(query, hits):
            facts["shown" if answer.citations else "declined"].append(q.qid)
        for name in ("all", q.group, f"style:{q.style}"):
            counts[name][q.answerable][0] += right
            counts[name][q.answerable][1] += 1
        if not right:
            p = extractive.decision.probability(evidence_of(query, hits, core.store.lexical)) if hits else 0.0
            why = answer.text.split(":")[0][:60]
            mistakes.append(
                f"  {q.qid} [{q.group} {q.style}]: {'abstained' if answer.abstained else 'answered'} "
                f"(p {p:.2f}; {why}) {q.text[:110]}"
            )
    print(f"{'set':22}{'abstained on unanswerable':>28}{'answered answerable':>22}")
    for name, by_label in counts.items():
        cells = [
            f"{right / total:.2f} ({right}/{total})" if total else "-"
            for right, total in (by_label[False], by_label[True])
        ]
        print(f"{name:22}{cells[0]:>28}{cells[1]:>22}")
    for how, qids in facts.items():
        print(f"absent fact, {how}: {len(qids)} ({' '.join(qids)})")
    print("mistakes:" if mistakes else "mistakes: none", *mistakes, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
