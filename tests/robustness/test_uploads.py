"""Uploaded files get a safe name, stay inside the uploads folder, and respect the size limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.pipeline import IngestPipeline
from ingest.uploads import UploadOutcome, ingest_upload, safe_filename, save_upload
from tests.conftest import make_settings
from tests.fixtures import badfiles


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("../../etc/leidraad.pdf", "leidraad.pdf"),
        ("/absoluut/pad/plan.md", "plan.md"),
        ("C:\\Users\\juf\\Bureaublad\\Verslag.PDF", "Verslag.pdf"),
        ("..\\..\\windows.txt", "windows.txt"),
        (badfiles.ODD_NAME, "évaluatie.pdf"),  # "∕" looks like a slash but is not one
        ("e\u0301valuatie.docx", "\u00e9valuatie.docx"),  # decomposed é becomes one character (NFC)
        ("plan\x00\n<script>.txt", "plan-script.txt"),
        ("..", "document"),
        ("rapport 2024 (v2).pdf", "rapport 2024 (v2).pdf"),
        ("x" * 300 + ".pdf", "x" * 100 + ".pdf"),
    ],
)
def test_names_are_sanitised(sent: str, saved: str) -> None:
    assert safe_filename(sent) == saved


ESCAPES = ["../../ontsnapt.pdf", "/tmp/absoluut.txt", "..\\..\\ontsnapt.md", "..\u2215x.pdf"]


@pytest.mark.parametrize("name", ESCAPES)
def test_upload_lands_in_uploads_dir_only(tmp_path: Path, name: str) -> None:
    settings = make_settings(tmp_path / "store")
    path = save_upload(name, b"Een korte tekst over onderwijsverbetering.", settings)
    assert path.parent == settings.uploads_dir.resolve()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [path.name]


def test_upload_replaces_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    save_upload("plan.txt", b"versie 1", settings)
    path = save_upload("plan.txt", b"versie 2", settings)
    assert path.read_bytes() == b"versie 2"
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["plan.txt"]


@pytest.mark.parametrize("name", ["virus.exe", "foto.jpg", "geen-extensie", "..", "plan.pdf.exe"])
def test_unsupported_types_are_refused_in_dutch(tmp_path: Path, name: str) -> None:
    settings = make_settings(tmp_path / "store")
    with pytest.raises(IngestError, match="bestandstype dat niet wordt ondersteund"):
        save_upload(name, b"MZ", settings)
    assert not settings.uploads_dir.exists() or not any(settings.uploads_dir.iterdir())


def test_size_limit_comes_from_settings(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store", max_file_mb=0.5)
    with pytest.raises(IngestError, match=r"te groot \(0,6 MB; de grens is 0,5 MB\)"):
        save_upload("groot.pdf", bytes(600 * 1024), settings)
    assert save_upload("klein.pdf", bytes(512 * 1024), settings).stat().st_size == 512 * 1024


def test_uploaded_file_with_odd_name_is_ingested(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    source = badfiles.good_pdf(tmp_path)
    path = save_upload(badfiles.ODD_NAME, source.read_bytes(), settings)
    result = IngestPipeline(settings).run(path)
    assert (result.status, path.name) == ("ok", "évaluatie.pdf")


def test_ingest_upload_reports_in_dutch_and_keeps_only_what_worked(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "store")
    pipeline = IngestPipeline(settings)
    good = badfiles.good_pdf(tmp_path).read_bytes()

    added = ingest_upload(pipeline, "plan.pdf", good)
    assert added == UploadOutcome(True, "plan.pdf is toegevoegd (1 passage).")
    assert ingest_upload(pipeline, "plan.pdf", good) == UploadOutcome(
        True, "plan.pdf stond er al in; er is niets veranderd."
    )

    broken = ingest_upload(pipeline, "kapot.pdf", badfiles.truncated_pdf(tmp_path).read_bytes())
    assert not broken.ok and "kapot.pdf" in broken.message and "beschadigd" in broken.message
    refused = ingest_upload(pipeline, "programma.exe", b"MZ")
    assert not refused.ok and "niet wordt ondersteund" in refused.message

    assert sorted(p.name for p in settings.uploads_dir.iterdir()) == ["plan.pdf"]  # failures removed
    assert set(pipeline.store.documents) == {"plan.pdf"}
