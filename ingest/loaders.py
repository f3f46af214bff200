"""Read a .pdf, .txt, .md or .docx file into raw page texts, or fail with a plain-Dutch IngestError."""

from __future__ import annotations

import hashlib
import io
import logging
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import docx
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.errors import IngestError

# pypdf logs a warning for every defect it works around; failures reach users as IngestError instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", ".txt", ".md", ".docx"})


@dataclass(frozen=True)
class PageText:
    number: int | None  # 1-based page number for paged sources (PDF); None for .txt/.md/.docx
    text: str  # raw extracted text (cleaning happens elsewhere)


@dataclass(frozen=True)
class LoadedDocument:
    path: Path
    pages: list[PageText]
    sha256: str  # of the file bytes, for idempotent re-ingest


def load_document(path: Path, *, max_bytes: int = 50 * 1024 * 1024, max_pages: int = 500) -> LoadedDocument:
    """Read ``path`` into page texts; raise IngestError with a plain-Dutch message if that is impossible.

    Usage::

        from ingest.errors import IngestError
        from ingest.loaders import load_document

        try:
            doc = load_document(Path("corpus/leidraad.pdf"))
        except IngestError as err:
            show_to_user(str(err))  # e.g. 'Het bestand "leidraad.pdf" is beveiligd met een wachtwoord. ...'
        else:
            for page in doc.pages:
                print(page.number, page.text[:80])
    """
    name = f'"{path.name}"'
    if path.is_dir():
        raise IngestError(f"{name} is een map, geen bestand. Kies één bestand uit de map en probeer opnieuw.")
    if not path.is_file():
        raise IngestError(
            f"Het bestand {name} is niet gevonden. Controleer of het bestaat en niet verplaatst of "
            "hernoemd is, en probeer opnieuw."
        )
    suffix = path.suffix.lower()  # Windows users often have .PDF or .Docx
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(
            f"Het bestand {name} heeft een bestandstype dat niet wordt ondersteund. Ondersteund zijn: "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))}. Sla het op als een van deze typen en probeer opnieuw."
        )
    try:
        # Check the size before reading so a huge upload never lands in memory.
        size = path.stat().st_size
        if size == 0:
            raise IngestError(
                f"Het bestand {name} is leeg (0 bytes). Controleer of het goed is opgeslagen of "
                "gedownload en probeer opnieuw."
            )
        if size > max_bytes:
            raise IngestError(
                f"Het bestand {name} is te groot ({_mb(size, math.ceil)} MB; de grens is "
                f"{_mb(max_bytes, math.floor)} MB). "
                "Splits het op in kleinere delen of verklein de afbeeldingen erin, en probeer opnieuw."
            )
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(
            f"Het bestand {name} kan niet worden geopend. Sluit het in andere programma's, controleer of "
            "je het mag lezen en probeer opnieuw."
        ) from err

    if suffix == ".pdf":
        pages = _pdf_pages(data, name, max_pages)
    elif suffix == ".docx":
        pages = [PageText(None, _docx_text(data, name))]
    else:
        pages = [PageText(None, _plain_text(data, name))]
    return LoadedDocument(path=path, pages=pages, sha256=hashlib.sha256(data).hexdigest())


def _mb(n: int, rounding: Callable[[float], int]) -> str:
    """Megabytes, one decimal, Dutch style ("50", "50,1").

    Sizes round up and limits down, so a message never reads "50 MB; de grens is 50 MB".
    """
    tenths = rounding(n * 10 / 1024 / 1024)
    return f"{tenths // 10},{tenths % 10}".removesuffix(",0")


def _plain_text(data: bytes, name: str) -> str:
    # NUL bytes mean a binary file or UTF-16 ("Unicode" in Notepad); cp1252 would turn those into junk.
    if b"\x00" not in data:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            # Older Windows programs (Notepad, Word "Tekst zonder opmaak") write cp1252, not UTF-8.
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    raise IngestError(
        f"Het bestand {name} bevat geen gewone tekst. Open het in Kladblok, kies 'Opslaan als' met "
        "codering UTF-8 en probeer opnieuw."
    )


def _docx_text(data: bytes, name: str) -> str:
    try:
        paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    except Exception as err:  # python-docx raises zip, XML and key errors alike on broken files
        raise IngestError(
            f"Het bestand {name} kan niet worden gelezen als Word-document (.docx). Open het in Word, "
            "kies 'Opslaan als' > 'Word-document (.docx)' en probeer opnieuw."
        ) from err
    return "\n\n".join(p.text for p in paragraphs if p.text.strip())


@contextmanager
def _pdf_errors(name: str) -> Iterator[None]:
    """Turn any pypdf failure into an IngestError, keeping the cause for the logs."""
    try:
        yield
    # DependencyError: AES-encrypted PDFs need the optional `cryptography` package.
    except (FileNotDecryptedError, DependencyError) as err:
        raise IngestError(
            f"Het bestand {name} is beveiligd met een wachtwoord. Sla het op zonder beveiliging en "
            "probeer opnieuw."
        ) from err
    except Exception as err:  # pypdf raises many unrelated types on malformed files
        raise IngestError(
            f"Het bestand {name} is beschadigd of onvolledig en kan niet worden gelezen. Download of "
            "exporteer het nog een keer en probeer opnieuw."
        ) from err


def _pdf_pages(data: bytes, name: str, max_pages: int) -> list[PageText]:
    # Readers accept the header anywhere in the first 1024 bytes, so allow a short prefix too.
    if b"%PDF-" not in data[:1024]:
        raise IngestError(
            f"Het bestand {name} heeft een naam die eindigt op .pdf, maar is geen PDF. Open het in het "
            "programma waarmee het gemaakt is, sla het op als PDF en probeer opnieuw."
        )
    with _pdf_errors(name):
        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
    if count > max_pages:
        raise IngestError(
            f"Het bestand {name} heeft {count} pagina's; de grens is {max_pages}. Splits het op in "
            "kleinere delen en probeer opnieuw."
        )
    with _pdf_errors(name):
        texts = [page.extract_text() for page in reader.pages]
    if not any(text.strip() for text in texts):
        raise IngestError(
            f"In het bestand {name} staat geen leesbare tekst; het lijkt een scan (alleen afbeeldingen). "
            "Zet het eerst om naar tekst met tekstherkenning (OCR), bijvoorbeeld in Adobe Acrobat, en "
            "probeer opnieuw."
        )
    return [PageText(number, text) for number, text in enumerate(texts, start=1)]
