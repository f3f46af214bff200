"""`python -m assistant search --batch` against a small real store with the two posters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.settings import ROOT
from ingest.pipeline import IngestPipeline
from tests.conftest import CORPUS, make_settings

POSTERS = [
    CORPUS / "po-poster-werken-aan-onderwijsverbetering.txt",
    CORPUS / "mbo-poster-werken-aan-onderwijsverbetering.txt",
]
KEYS = {"text", "doc", "title", "sector", "aanbeveling", "section", "page", "score"}


def test_search_batch_jsonl(tmp_path: Path) -> None:
    store = tmp_path / "store"
    pipeline = IngestPipeline(make_settings(store))
    assert [pipeline.run(p).status for p in POSTERS] == ["ok", "ok"]
    questions = [
        {"id": "q1", "question": "wat zegt h6 over gespreid leiderschap?"},
        {"id": "q2", "question": "borging in het mbo"},
        {"id": 3, "question": "Hoe stimuleer ik een onderzoekende houding op de basisschool?"},
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in questions) + "\n\n", encoding="utf-8"
    )

    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "search", "--batch", str(batch), "--k", "3"],
        cwd=tmp_path,  # outside the repo: no developer .env
        env={**os.environ, "LEIDRAAD_STORE_DIR": str(store), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == len(questions)
    assert [r["id"] for r in rows] == [q["id"] for q in questions]
    for row in rows:
        assert set(row) == {"id", "passages"}
        assert len(row["passages"]) == 3
        for passage in row["passages"]:
            assert set(passage) == KEYS
            assert passage["doc"] in {p.name for p in POSTERS}
            assert passage["sector"] in {"po", "mbo"}
        scores = [p["score"] for p in row["passages"]]
        assert scores == sorted(scores, reverse=True)
    # only two h6 passages in this store (< k): the retriever widens the filter by design
    assert rows[0]["passages"][0]["aanbeveling"] == "h6"
    assert {p["sector"] for p in rows[1]["passages"]} == {"mbo"}
    assert {p["sector"] for p in rows[2]["passages"]} == {"po"}
    assert rows[2]["passages"][0]["aanbeveling"] == "h3"
