"""The sidebar removes a document someone added; the bundled documents are not offered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.runtime import Core
from ingest.pipeline import IngestPipeline
from ingest.uploads import ingest_upload
from tests.conftest import make_settings
from tests.ui.conftest import start_app
from ui.render import escape_md

UPLOAD = "schoolplan-zwemles.txt"


@pytest.fixture
def store_with_upload(app_env: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Core:
    """A private copy of the corpus store plus one uploaded document; the app is pointed at it."""
    store_dir = tmp_path / "store"
    shutil.copytree(app_env.settings.store_dir, store_dir)
    core = Core.from_settings(make_settings(store_dir))
    pipeline = IngestPipeline(core.settings, store=core.store, embedder=app_env.embedder)
    text = b"Ons schoolplan voor zwemlessen: de kikkerzwemslag oefenen we elke dinsdag."
    assert ingest_upload(pipeline, UPLOAD, text).ok
    monkeypatch.setenv("LEIDRAAD_STORE_DIR", str(store_dir))
    return core


def test_sidebar_removes_an_added_document(store_with_upload: Core) -> None:
    at = start_app()
    choice = next(s for s in at.sidebar.selectbox if s.label == "Welk toegevoegd document?")
    assert len(choice.options) == 1 and choice.options[0].endswith(f"({UPLOAD})")  # no bundled ones

    next(b for b in at.sidebar.button if b.label == "Verwijderen").click().run()

    assert not at.exception, at.exception
    assert [s.value for s in at.sidebar.success] == [escape_md(f"{UPLOAD} is verwijderd (1 passage).")]
    assert UPLOAD not in store_with_upload.store.snapshot().documents
    assert not any(s.label == "Welk toegevoegd document?" for s in at.sidebar.selectbox)
