"""Set answer and retrieval constants on the tuning half and check them on the validation half.

Each variant changes one constant of ``AnswerConfig`` or ``RetrievalConfig``; the table shows the
figures on both halves so a constant is kept only where the validation half agrees; with
``--folds writers`` on each writer's questions instead (d-001..037, d-038..076, d-077..), so a
constant is kept only where every writer agrees. (The
answer/decline decision is fitted by ``benchmarks.decision``, cross-validated by writer.) Answer
variants reuse one retrieval per question. Prints figures, asserts nothing::

    python -m benchmarks.tune [--answer] [--retrieval] [--folds halves|writers]

Uses the configured store (``LEIDRAAD_STORE_DIR``); ingest first.
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace

from assistant.answer import AnswerConfig, ExtractiveAnswerer
from assistant.cli import history_of
from assistant.query import parse_resolved
from assistant.retriever import HybridRetriever, RetrievalConfig
from assistant.runtime import Core
from assistant.settings import get_settings
from benchmarks.eval import EVAL_DIR, WRITERS, half, load_scorer, point_coverage, writer

ANSWER_VARIANTS = {
    "max_sentences": (4, 6, 8, 10),
    "max_list_points": (6, 8),
    "max_citations": (1, 2, 3),
    "min_overlap": (0.0, 0.05, 0.1, 0.2),
    "tie_gap": (0.1, 0.25, 0.5),
}
RETRIEVAL_VARIANTS = {
    "dense_weight": (0.5, 0.6, 0.7),
    "second_share": (0.0, 0.3, 0.4, 0.5),
    "sentence_share": (0.5, 0.7, 0.9),
    "unasked_kind_penalty": (0.0, 0.5, 1.0),
    "fragment_penalty": (0.0, 0.5, 1.0),
    "definition_bonus": (0.0, 1.0),
}


def answer_row(scorer, items, hits_by_id, answerer: ExtractiveAnswerer) -> dict[str, float]:
    answers = {}
    for item in items:
        answers[item["id"]] = answerer.answer(item["_query"], hits_by_id[item["id"]]).to_json(item["id"])
    ask = scorer.score_ask(items, answers)
    pointed = [it for it in items if it.get("answer_points") and it.get("evidence")]
    coverage = sum(point_coverage(it["answer_points"], answers[it["id"]]["answer"]) for it in pointed)
    return {
        "abst": ask["abstained_on_unanswerable"],
        "answ": ask["answered_answerable"],
        "gold": ask["answers_citing_gold"],
        "prec": ask["citation_precision"],
        "cover": round(coverage / max(1, len(pointed)), 3),
    }


def search_row(scorer, items, retriever: HybridRetriever) -> dict[str, float]:
    results = {}
    for item in items:
        hits = retriever.retrieve(item["_query"], k=10)
        results[item["id"]] = {"passages": [h.to_json() for h in hits]}
    search = scorer.score_search(items, results)
    return {"r@1": search["recall@1"], "r@5": search["recall@5"], "mrr": search["mrr@10"]}


def show(name: str, rows: dict[str, dict[str, float]]) -> None:
    cells = "  ".join(
        f"{name_}: " + " ".join(f"{k} {v:.3f}" for k, v in row.items()) for name_, row in rows.items()
    )
    print(f"{name:34} {cells}", flush=True)


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--answer", action="store_true", help="alleen antwoordconstanten")
    parser.add_argument("--retrieval", action="store_true", help="alleen zoekconstanten")
    parser.add_argument("--only", nargs="+", help="alleen deze constanten")
    folds = ("halves", "writers")
    parser.add_argument("--folds", choices=folds, default="halves", help="helften of schrijvers")
    args = parser.parse_args(argv)
    both = not (args.answer or args.retrieval)
    scorer = load_scorer(EVAL_DIR)
    core = Core.from_settings(get_settings())
    items = scorer.load(str(EVAL_DIR / "dev.jsonl"))
    for item in items:
        resolved = core.answerer.read(item["question"], history_of(item))
        item["_query"] = parse_resolved(resolved)
    if args.folds == "writers":
        halves = {name: [it for it in items if writer(it) == name] for name, _, _ in WRITERS}
    else:
        halves = {name: [it for it in items if half(it) == name] for name in ("tune", "validation")}
    if both or args.retrieval:
        defaults = RetrievalConfig()
        for name, values in RETRIEVAL_VARIANTS.items():
            if args.only and name not in args.only:
                continue
            for value in values:
                retriever = HybridRetriever(core.store, core.embedder, replace(defaults, **{name: value}))
                rows = {h: search_row(scorer, its, retriever) for h, its in halves.items()}
                mark = "*" if getattr(defaults, name) == value else " "
                show(f"{mark}{name}={value}", rows)
    if both or args.answer:
        k = core.answerer.k
        hits = {}
        for it in items:
            hits[it["id"]] = core.retriever.retrieve(it["_query"], k)
        defaults = AnswerConfig()
        assert {f.name for f in fields(defaults)} >= ANSWER_VARIANTS.keys()
        vocabulary = lambda: core.store.lexical  # noqa: E731
        for name, values in ANSWER_VARIANTS.items():
            if args.only and name not in args.only:
                continue
            for value in values:
                answerer = ExtractiveAnswerer(replace(defaults, **{name: value}), vocabulary)
                rows = {h: answer_row(scorer, its, hits, answerer) for h, its in halves.items()}
                mark = "*" if getattr(defaults, name) == value else " "
                show(f"{mark}{name}={value}", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
