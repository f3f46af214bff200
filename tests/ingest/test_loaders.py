"""load_document on good files and on every kind of bad input a teacher might upload."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf.errors import DependencyError

from ingest import loaders
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, PageText, load_document
from tests.fixtures import badfiles


def test_good_pdf_has_numbered_pages_and_hash(tmp_path: Path) -> None:
    path = badfiles.good_pdf(tmp_path)
    doc = load_document(path)
    assert isinstance(doc, LoadedDocument)
    assert doc.path == path
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert [p.text.strip() for p in doc.pages] == list(badfiles.GOOD_PAGES)
    assert "ideeën" in doc.pages[1].text
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_duplicate_has_same_hash_under_another_name(tmp_path: Path) -> None:
    good = badfiles.good_pdf(tmp_path)
    copy = badfiles.duplicate_pdf(tmp_path, good)
    assert copy.name != good.name
    assert load_document(copy).sha256 == load_document(good).sha256


def test_uppercase_suffix_is_accepted(tmp_path: Path) -> None:
    assert len(load_document(badfiles.good_pdf(tmp_path, "LEIDRAAD.PDF")).pages) == 3


def test_odd_unicode_name_stays_inside_directory_and_loads(tmp_path: Path) -> None:
    path = badfiles.odd_name_pdf(tmp_path)
    assert path.parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == [badfiles.ODD_NAME]
    assert load_document(path).path.name == badfiles.ODD_NAME


def test_odd_name_cannot_escape_directory(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        badfiles.good_pdf(tmp_path, "../ontsnapt.pdf")


def test_pdf_with_open_password_only_restricting_editing_loads(tmp_path: Path) -> None:
    doc = load_document(badfiles.encrypted_pdf(tmp_path, "alleen-lezen.pdf", user_password=""))
    assert "ideeën" in doc.pages[1].text


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    doc = load_document(badfiles.cp1252_txt(tmp_path))
    assert doc.pages == [PageText(number=None, text=badfiles.CP1252_TEXT)]


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "notities.md"
    path.write_bytes("\ufeff# Coöperatie\n".encode())
    assert load_document(path).pages == [PageText(number=None, text="# Coöperatie\n")]


def test_docx_paragraphs_joined_by_blank_lines(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Eerste alinea over ideeën.", "", "Tweede alinea."):
        document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert load_document(path).pages == [PageText(None, "Eerste alinea over ideeën.\n\nTweede alinea.")]


def _broken_docx(tmp_path: Path) -> Path:
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"PK\x03\x04 dit is geen echt Word-document")
    return path


def _binary_txt(tmp_path: Path) -> Path:
    path = tmp_path / "programma.txt"
    path.write_bytes(b"MZ\x90\x00\x03\x00")
    return path


def _undecodable_txt(tmp_path: Path) -> Path:
    path = tmp_path / "vreemd.txt"
    path.write_bytes(b"geen utf-8 en geen cp1252: \x81\x8d")
    return path


def _unsupported(tmp_path: Path) -> Path:
    path = tmp_path / "cijfers.xlsx"
    path.write_bytes(b"PK\x03\x04")
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "map.pdf"
    path.mkdir()
    return path


BAD_CASES: dict[str, tuple[Callable[[Path], Path], dict[str, int], str]] = {
    "encrypted": (badfiles.encrypted_pdf, {}, "beveiligd met een wachtwoord"),
    "truncated": (badfiles.truncated_pdf, {}, "beschadigd of onvolledig"),
    "empty": (badfiles.empty_pdf, {}, "is leeg"),
    "image_only": (badfiles.image_only_pdf, {}, "lijkt een scan"),
    "exe": (badfiles.exe_renamed_pdf, {}, "is geen PDF"),
    "too_large": (lambda d: badfiles.large_pdf(d, 0.2), {"max_bytes": 100_000}, "is te groot"),
    "too_many_pages": (badfiles.good_pdf, {"max_pages": 2}, "3 pagina's; de grens is 2"),
    "broken_docx": (_broken_docx, {}, "Word-document"),
    "binary_txt": (_binary_txt, {}, "geen gewone tekst"),
    "undecodable_txt": (_undecodable_txt, {}, "geen gewone tekst"),
    "unsupported": (_unsupported, {}, ", ".join(sorted(SUPPORTED_SUFFIXES))),
    "missing": (lambda d: d / "bestaat-niet.pdf", {}, "niet gevonden"),
    "directory": (_directory, {}, "is een map"),
}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_gives_dutch_error_naming_file_and_fix(
    case: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build, limits, expected = BAD_CASES[case]
    path = build(tmp_path)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IngestError) as info:
        load_document(path, **limits)
    message = str(info.value)
    assert expected in message
    assert f'"{path.name}"' in message
    assert message.endswith("probeer opnieuw.")
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


@pytest.mark.parametrize("case", ["encrypted", "truncated", "broken_docx"])
def test_library_error_is_chained(case: str, tmp_path: Path) -> None:
    build, _, _ = BAD_CASES[case]
    with pytest.raises(IngestError) as info:
        load_document(build(tmp_path))
    assert info.value.__cause__ is not None


def test_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = badfiles.large_pdf(tmp_path, 2)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("file was opened despite being too large")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(IngestError, match=r"te groot \(2 MB; de grens is 1 MB\)"):
        load_document(path, max_bytes=1024 * 1024)


def test_size_limit_is_inclusive_and_never_reads_as_equal(tmp_path: Path) -> None:
    path = badfiles.large_pdf(tmp_path, 1)
    assert path.stat().st_size == 1024 * 1024
    assert len(load_document(path, max_bytes=1024 * 1024).pages) == 3
    with pytest.raises(IngestError, match=r"te groot \(1 MB; de grens is 0,9 MB\)"):
        load_document(path, max_bytes=1024 * 1024 - 1)


def test_aes_pdf_without_crypto_library_reads_as_protected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def needs_cryptography(*args: object, **kwargs: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(loaders, "PdfReader", needs_cryptography)
    with pytest.raises(IngestError, match="beveiligd met een wachtwoord"):
        load_document(badfiles.good_pdf(tmp_path))


def test_unreadable_file_gives_dutch_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = badfiles.cp1252_txt(tmp_path)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(IngestError, match="kan niet worden geopend") as info:
        load_document(path)
    assert isinstance(info.value.__cause__, PermissionError)


def test_build_bad_corpus_writes_every_case(tmp_path: Path) -> None:
    files = badfiles.build_bad_corpus(tmp_path)
    assert set(files) == {
        "good", "encrypted", "truncated", "empty", "image_only",
        "large", "exe", "odd_name", "cp1252", "duplicate",
    }  # fmt: skip
    assert all(p.is_file() and p.parent == tmp_path for p in files.values())
    assert files["large"].stat().st_size == 1024 * 1024
    assert files["exe"].read_bytes().startswith(b"MZ")
    assert files["empty"].stat().st_size == 0
