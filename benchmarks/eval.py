"""Quality on the development questions, split into a tuning half and a validation half.

Every constant in retrieval and answering is set on the tuning half (odd-numbered questions) and
checked on the validation half (even-numbered ones); a gap above about 0.05 between the two
means a rule fits its questions rather than the task. With ``--split all`` it also prints the
three writers (d-001..037, d-038..076, d-077..: a rule fitted on one writer is seen on another),
the style groups of the items that name a ``style`` (situation, english, terse, ...), the
follow-up dialogues, the probe questions (``PROBES``: each set from a writer who never saw the
code, in every style; no constant is set on them: a first-run check of what the dev figures
promise), and the guided flows on both halves of the practice questions and on the probe set
``benchmarks/data/praktijkvragen-probe.jsonl`` (``score_flows.py``). Answer-point coverage is
the share of an item's ``answer_points`` the answer covers (a point is covered when at least half
of its stemmed content words are in the answer). Prints figures, asserts nothing::

    python -m benchmarks.eval [--eval ../shared/eval] [--out out] [--split tune|validation|all]

Uses the configured store (``LEIDRAAD_STORE_DIR``); ingest first. Writes the batch CLIs' JSONL
per set to ``--out`` so ``score.py`` can be run on them too.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from assistant.cli import history_of
from assistant.dutch import FrogServer, FrogUnavailableError
from assistant.lexical import analyse
from assistant.runtime import Core
from assistant.settings import ROOT, get_settings

EVAL_DIR = ROOT.parent / "shared" / "eval"
PROBE = ROOT / "benchmarks" / "data" / "praktijkvragen-probe.jsonl"
# Question sets of later writers, never tuned on; each one's first-run figures are in the closing note
# of the stop that added it (probe: stop 26, probe2: stop 27, probe3: stop 28, probe4: stop 29,
# probe5: stop 30, probe6: stop 36, probe7: stop 39). Only
# the answer/decline decision learns from the earlier ones (``benchmarks.decision``); the newest stays
# a check for it too.
PROBES = {
    "probe": ROOT / "benchmarks" / "data" / "probe-questions.jsonl",
    "probe2": ROOT / "benchmarks" / "data" / "probe2-questions.jsonl",
    "probe3": ROOT / "benchmarks" / "data" / "probe3-questions.jsonl",
    "probe4": ROOT / "benchmarks" / "data" / "probe4-questions.jsonl",
    "probe5": ROOT / "benchmarks" / "data" / "probe5-questions.jsonl",
    "probe6": ROOT / "benchmarks" / "data" / "probe6-questions.jsonl",
    "probe7": ROOT / "benchmarks" / "data" / "probe7-questions.jsonl",
}
POINT_COVERED = 0.5  # the definition: half of a point's content words in the answer


def load_scorer(eval_dir: Path) -> ModuleType:
    """The shared ``score.py`` (the scorers' own code, not a copy)."""
    spec = importlib.util.spec_from_file_location("shared_score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"score.py niet gevonden in {eval_dir}: geef de map met --eval.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def number(item: dict) -> int:
    return int(item["id"].rsplit("-", 1)[1])


def half(item: dict) -> str:
    """'tune' for odd-numbered questions, 'validation' for even ones (a fixed, interleaved split)."""
    return "tune" if number(item) % 2 else "validation"


# The dev questions came from three writers, each with a style of their own (the brief's id ranges).
WRITERS = (("w1", 1, 37), ("w2", 38, 76), ("w3", 77, 10**6))


def writer(item: dict) -> str:
    """Which writer's range an item's id falls in: the folds of a writer-grouped cross-validation."""
    return next(name for name, first, last in WRITERS if first <= number(item) <= last)


def groups(dev: list[dict]) -> dict[str, list[dict]]:
    """Writers and style groups of the dev set."""
    return {name: [it for it in dev if writer(it) == name] for name, _, _ in WRITERS} | styles(dev)


def styles(items: list[dict], prefix: str = "style") -> dict[str, list[dict]]:
    """The items per ``style`` (a group of fewer than 3 items is too small to read)."""
    named = {}
    for style in sorted({it["style"] for it in items if it.get("style")}):
        chosen = [it for it in items if it.get("style") == style]
        if len(chosen) >= 3:
            named[f"{prefix}:{style}"] = chosen
    return named


def flow_figures(eval_dir: Path, out: Path) -> dict[str, dict]:
    """``score_flows.py`` on both halves of the practice questions (odd ids tune, even ids validate),
    and on the probe set (``PROBE``: practice questions written for this project, in the styles schools
    use, a check that the flows generalise beyond the given ones). Its flow commands share one Frog
    server (LEIDRAAD_FROG_PORT) instead of starting one each."""
    items = [json.loads(line) for line in (eval_dir / "praktijkvragen.jsonl").open(encoding="utf-8")]
    probe = [json.loads(line) for line in PROBE.open(encoding="utf-8")]
    figures = {}
    server = FrogServer()
    try:
        env = {**os.environ, "LEIDRAAD_FROG_PORT": str(server.start())}
    except FrogUnavailableError as exc:  # the flows then use the rules, and say so
        print(f"-- flows without Frog: {exc} --")
        env = dict(os.environ)
    try:
        for name in ("tune", "validation", "probe"):
            part, scores = out / f"praktijkvragen-{name}.jsonl", out / f"flows-{name}.json"
            chosen = probe if name == "probe" else [it for it in items if half(it) == name]
            part.write_text(
                "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in chosen), encoding="utf-8"
            )
            scorer = [
                sys.executable,
                str(eval_dir / "score_flows.py"),
                sys.executable,
                str(part),
                str(scores),
            ]
            done = subprocess.run(scorer, capture_output=True, text=True, check=True, env=env)
            print(f"-- flows, {name} --\n{done.stdout}")
            figures[name] = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        server.stop()
    return figures


def point_coverage(points: list[str], answer: str) -> float:
    """Share of ``points`` whose stemmed content words are at least half in ``answer``."""
    said = set(analyse(answer))
    covered = 0
    for point in points:
        terms = set(analyse(point))
        if terms and len(terms & said) / len(terms) >= POINT_COVERED:
            covered += 1
    return covered / len(points) if points else 0.0


def run(
    items: list[dict], core: Core, out: Path, name: str, done: dict[str, tuple[dict, dict]]
) -> tuple[list[dict], list[dict]]:
    """Search and ask each item once (``done`` keeps what an earlier set of the same items got)."""
    for item in items:
        if item["id"] not in done:
            history = history_of(item)
            hits = core.search(item["question"], k=10, history=history)
            answer = core.answerer.answer(item["question"], history).to_json(item["id"])
            done[item["id"]] = ({"id": item["id"], "passages": [h.to_json() for h in hits]}, answer)
    searched, asked = ([done[item["id"]][i] for item in items] for i in (0, 1))
    out.mkdir(parents=True, exist_ok=True)
    for kind, rows in (("search", searched), ("ask", asked)):
        with (out / f"{name.replace(':', '-')}-{kind}.jsonl").open("w", encoding="utf-8") as fh:
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


def print_table(rows: dict[str, dict], skip: tuple[str, ...] = ()) -> None:
    """One line per set, one column per figure (the figure's name shortened to fit)."""
    columns = [c for c in next(iter(rows.values())) if c not in skip]
    print(f"{'set':20}" + "".join(f"{c[:12]:>13}" for c in columns))
    for name, row in rows.items():
        print(f"{name:20}" + "".join(f"{row[c]!s:>13}" for c in columns))


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
    if args.split == "all":
        sets |= groups(dev)
        if dialogues.is_file():
            sets["dialogues"] = scorer.load(str(dialogues))
        for name, path in PROBES.items():
            probe = scorer.load(str(path))
            sets |= {name: probe} | styles(probe, name)
    done: dict[str, tuple[dict, dict]] = {}
    results = {
        name: report(scorer, items, *run(items, core, args.out, name, done)) for name, items in sets.items()
    }
    flows = flow_figures(args.eval, args.out) if args.split == "all" else {}
    if args.json:
        print(json.dumps({"questions": results, "flows": flows}, ensure_ascii=False))
        return 0
    print_table(results, skip=("misses@10",))
    for name, row in results.items():
        print(f"misses@10 {name}: {' '.join(row['misses@10']) or '-'}")
    if flows:
        print("\nflows (praktijkvragen)")
        print_table(flows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
