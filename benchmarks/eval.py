"""Quality on the development questions, split into a tuning half and a validation half.

Every constant in retrieval and answering is set on the tuning half (odd-numbered questions) and
checked on the validation half (even-numbered ones); a gap above about 0.05 between the two
means a rule fits its questions rather than the task. Also prints the follow-up dialogues and
the answer-point coverage: the share of an item's ``answer_points`` the answer covers (a point
is covered when at least half of its stemmed content words are in the answer). Prints figures,
asserts nothing::

    python -m benchmarks.eval [--eval ../shared/eval] [--out out] [--split tune|validation|all]

Uses the configured store (``LEIDRAAD_STORE_DIR``); ingest first. Writes the batch CLIs' JSONL
per set to ``--out`` so ``score.py`` can be run on them too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from assistant.cli import history_of
from assistant.lexical import analyse
from assistant.runtime import Core
from assistant.settings import ROOT, get_settings

EVAL_DIR = ROOT.parent / "shared" / "eval"
POINT_COVERED = 0.5  # the definition: half of a point's content words in the answer


def load_scorer(eval_dir: Path) -> ModuleType:
    """The shared ``score.py`` (the scorers' own code, not a copy)."""
    spec = importlib.util.spec_from_file_location("shared_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"score.py niet gevonden in {eval_dir}: geef de map met --eval.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def half(item: dict) -> str:
    """'tune' for odd-numbered questions, 'validation' for even ones (a fixed, interleaved split)."""
    return "tune" if int(item["id"].rsplit("-", 1)[1]) % 2 else "validation"


def point_coverage(points: list[str], answer: str) -> float:
    """Share of ``points`` whose stemmed content words are at least half in ``answer``."""
    said = set(analyse(answer))
    covered = 0
    for point in points:
        terms = set(analyse(point))
        if terms and len(terms & said) / len(terms) >= POINT_COVERED:
            covered += 1
    return covered / len(points) if points else 0.0


def run(items: list[dict], core: Core, out: Path, name: str) -> tuple[list[dict], list[dict]]:
    searched, asked = [], []
    for item in items:
        history = history_of(item)
        hits = core.search(item["question"], k=10, history=history)
        searched.append({"id": item["id"], "passages": [h.to_json() for h in hits]})
        asked.append(core.answerer.answer(item["question"], history).to_json(item["id"]))
    out.mkdir(parents=True, exist_ok=True)
    for kind, rows in (("search", searched), ("ask", asked)):
        with (out / f"{name}-{kind}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    return searched, asked


def report(scorer: ModuleType, items: list[dict], searched: list[dict], asked: list[dict]) -> dict:
    by_id: Callable[[list[dict]], dict] = lambda rows: {r["id"]: r for r in rows}  # noqa: E731
    search = scorer.score_search(items, by_id(searched))
    ask = scorer.score_ask(items, by_id(asked))
    answers = by_id(asked)
    pointed = [it for it in items if it.get("answer_points") and it.get("evidence")]
    coverage = [point_coverage(it["answer_points"], answers[it["id"]]["answer"]) for it in pointed]
    gold = [
        point_coverage(it["answer_points"], " ".join(e["quote"] for e in it["evidence"])) for it in pointed
    ]
    return {
        "n": len(items),
        "recall@1": search["recall@1"],
        "recall@5": search["recall@5"],
        "mrr@10": search["mrr@10"],
        "abstained_unanswerable": ask["abstained_on_unanswerable"],
        "answered_answerable": ask["answered_answerable"],
        "citing_gold": ask["answers_citing_gold"],
        "citation_precision": ask["citation_precision"],
        "point_coverage": round(sum(coverage) / max(1, len(coverage)), 4),
        "gold_point_coverage": round(sum(gold) / max(1, len(gold)), 4),
        "misses@10": search["misses@10"],
    }


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--eval", type=Path, default=EVAL_DIR, help="map met dev.jsonl en score.py")
    parser.add_argument("--out", type=Path, default=ROOT / "out")
    parser.add_argument("--split", choices=["tune", "validation", "all"], default="all")
    parser.add_argument("--json", action="store_true", help="één JSON-object")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.eval)
    core = Core.from_settings(get_settings())
    dev = scorer.load(str(args.eval / "dev.jsonl"))
    sets = {name: [it for it in dev if half(it) == name] for name in ("tune", "validation")}
    if args.split != "all":
        sets = {args.split: sets[args.split]}
    dialogues = args.eval / "dev-dialogues.jsonl"
    if args.split == "all" and dialogues.is_file():
        sets["dialogues"] = scorer.load(str(dialogues))
    results = {name: report(scorer, items, *run(items, core, args.out, name)) for name, items in sets.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    columns = [c for c in next(iter(results.values())) if c != "misses@10"]
    width = max(map(len, columns)) + 2
    print(f"{'':24}" + "".join(f"{name:>{width}}" for name in results))
    for column in columns:
        print(f"{column:24}" + "".join(f"{row[column]:>{width}}" for row in results.values()))
    for name, row in results.items():
        print(f"misses@10 {name}: {' '.join(row['misses@10']) or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
