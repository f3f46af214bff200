"""``python -m ingest [PATH ...] [--json]``: ingest files or folders (default: the bundled corpus).

``python -m ingest --remove NAME [--force]`` removes a document again (bundled ones only with --force).

Prints one line (or JSON object) per file with status ok/unchanged/failed, the passage count and
the error (for an unchanged file: the document it duplicates); exits 1 if any file failed — the other
files are ingested all the same. Files are committed in batches; a file's line is printed once its
batch is committed, so a printed "ok" is always in the store.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from assistant.settings import get_settings
from assistant.store import PassageStore
from ingest.pipeline import IngestPipeline, collect_files
from ingest.removal import DocumentRemover

_LABELS = {"ok": "ingelezen", "unchanged": "ongewijzigd", "failed": "mislukt"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="bestanden of mappen (standaard: corpus/)")
    parser.add_argument("--json", action="store_true", help="één JSON-object per bestand")
    parser.add_argument("--remove", metavar="NAAM", help="verwijder dit document (de bestandsnaam)")
    parser.add_argument("--force", action="store_true", help="met --remove: ook een meegeleverd document")
    args = parser.parse_args(argv)
    if args.force and not args.remove:
        parser.error("--force hoort bij --remove NAAM")
    if args.remove and args.paths:
        parser.error("geef óf bestanden om in te lezen, óf --remove NAAM")

    settings = get_settings()
    if args.remove:
        outcome = DocumentRemover(PassageStore(settings)).remove(args.remove, force=args.force)
        print(outcome.message, file=sys.stdout if outcome.ok else sys.stderr)
        return 0 if outcome.ok else 1
    files = collect_files(args.paths or [settings.corpus_dir])
    if not files:
        print("Geen bestanden gevonden om in te lezen.", file=sys.stderr)
        return 1
    pipeline = IngestPipeline(settings)
    failed = False
    bar = tqdm(
        total=len(files), desc="Inlezen", unit="bestand", file=sys.stderr, disable=len(files) < 3 or None
    )
    for result in pipeline.run_many(files, progress=bar.update):
        failed |= result.status == "failed"
        if args.json:
            line = json.dumps(result.to_json(), ensure_ascii=False)
        else:
            line = f"{result.status}\t{result.chunks}\t{result.path}"
            line += f"\t{result.error}" if result.error else ""
            line += f"\t({_LABELS[result.status]})"
        tqdm.write(line, file=sys.stdout)
    return 1 if failed else 0
