"""Turn extracted page text into paragraphs that know where they stand in the document.

Recognises the leidraad's own structure — "aanbeveling h3" poster blocks, chapters "» 1 kom tot …",
sections "2.3 Uitvoeren, …", step and box headings ("Stap 2: …", "Wie zijn schoolleiders?") — and
falls back to generic heading rules for other documents. Page furniture (navigation blocks that
recur on many pages) is dropped; paragraphs cut in two by a box are stitched back together.

Usage::

    paragraphs = parse_structure(loaded.pages)
    paragraphs[0].section, paragraphs[0].aanbeveling, paragraphs[0].text
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cleaning import join_lines, marks_spaces, normalise_spaces, repeated_blocks
from ingest.loaders import PageText

SEPARATOR = " › "

_POSTER_MARK = re.compile(r"^aanbeveling\s+h([1-6])$", re.I)
_CHAPTER = re.compile(r"^(?:»\s*)?([1-9])\t\s*(\S.*)$")
_SECTION = re.compile(r"^([1-9])\.([0-9]{1,2})\.?\s+(\S.{0,80})$")
_NUMBERED_CHAPTER = re.compile(r"^([1-9])\.\s+([A-Z].{0,40})$")
_STEP = re.compile(r"^Stap \d+\b")
_END_MATTER = re.compile(r"^(meer lezen|literatuur(lijst)?|bronnen|referenties|noten)\b", re.I)
_BULLET = re.compile(r"^[•\-–▪●]\s*")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_TERMINAL = tuple('.!?;:”’")')
_PAGE_START = re.compile(r"^ [^ \t]")
# Headings do not end in an article, preposition or conjunction; wrapped sentence lines often do.
_DANGLING = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "en",
        "of",
        "in",
        "op",
        "te",
        "met",
        "voor",
        "die",
        "dat",
        "aan",
        "om",
        "als",
        "door",
        "bij",
        "naar",
        "tot",
    ]
)


@dataclass(frozen=True)
class Paragraph:
    """A unit of running text, a list item or a heading, with its place in the document."""

    text: str
    section: str
    aanbeveling: str | None
    page: int | None
    kind: str = "text"  # "text", "bullet" or "heading"

    @property
    def is_bullet(self) -> bool:
        return self.kind == "bullet"


@dataclass
class _Cursor:
    """Where we are: the heading path by level and the current aanbeveling."""

    headings: dict[int, str]
    aanbeveling: str | None = None
    poster_block: bool = False  # inside an "aanbeveling hN" summary, which ends at the first prose

    def set_heading(self, level: int, text: str) -> None:
        self.headings = {lv: h for lv, h in self.headings.items() if lv < level}
        self.headings[level] = text

    @property
    def section(self) -> str:
        return SEPARATOR.join(self.headings[lv] for lv in sorted(self.headings))


def _split_paragraphs(text: str) -> list[list[str]]:
    """Blocks separated by blank lines; a line indented by one space starts a new page in
    this extraction, so it starts a new block too."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
            continue
        if _PAGE_START.match(line) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
    return [b for b in blocks if b]


def _is_heading_line(raw: str, following: str | None, spaced: bool) -> bool:
    """A short line with no closing punctuation that a new sentence follows (or a box title)."""
    line = normalise_spaces(raw)
    if raw.rstrip(" ").endswith("\t") and 0 < len(line) <= 90:
        return True  # box titles end in a tab in this extraction
    if not line or len(line) > 60 or line.endswith(_TERMINAL[:-3]) or line.endswith(","):
        return False
    if not line[0].isupper() or _BULLET.match(line) or line.split()[-1].lower() in _DANGLING:
        return False
    if following is None:
        return len(line.split()) <= 10
    if spaced and raw.endswith(" "):
        return False
    return following.lstrip()[:1].isupper() or _BULLET.match(following.lstrip()) is not None


def parse_structure(pages: list[PageText]) -> list[Paragraph]:
    """Parse pages into paragraphs with section path, aanbeveling and page."""
    spaced = marks_spaces("\n".join(p.text for p in pages))
    raw_blocks = [(page.number, block) for page in pages for block in _split_paragraphs(page.text)]
    furniture = repeated_blocks("\n".join(b) for _, b in raw_blocks)
    cursor = _Cursor(headings={})
    out: list[Paragraph] = []
    pending_title: int | None = None  # aanbeveling whose title is the next block

    def emit(text: str, page: int | None, kind: str = "text") -> None:
        if cursor.poster_block and kind == "text":
            cursor.poster_block = False  # prose after a poster block is general text again
            cursor.aanbeveling = None
            cursor.headings = {}
        out.append(Paragraph(text, cursor.section, cursor.aanbeveling, page, kind))

    def heading(level: int, text: str, page: int | None) -> None:
        cursor.set_heading(level, text)
        out.append(Paragraph(text, cursor.section, cursor.aanbeveling, page, "heading"))

    for page, lines in raw_blocks:
        first = normalise_spaces(lines[0])
        if normalise_spaces("\n".join(lines)).lower() in furniture or _PAGE_NUMBER.match(first):
            continue
        if pending_title is not None:
            title = join_lines(lines, marks_spaces=spaced)
            heading(1, f"Aanbeveling {pending_title}: {title}", page)
            pending_title = None
            continue
        if match := _POSTER_MARK.match(first):
            cursor.aanbeveling, cursor.poster_block = f"h{match.group(1)}", True
            pending_title = int(match.group(1))
            continue
        if first == "»":
            continue
        if (match := _CHAPTER.match(lines[0].lstrip(" "))) and len(lines) <= 6:
            number = match.group(1)
            title = join_lines([match.group(2), *lines[1:]], marks_spaces=spaced)
            cursor.aanbeveling, cursor.poster_block = f"h{number}", False
            heading(1, f"Aanbeveling {number}: {title}", page)
            continue
        headings, body = _take_headings(lines, cursor, spaced)
        for level, title in headings:
            heading(level, title, page)
        if not body:
            continue
        text = join_lines(body, marks_spaces=spaced)
        bullet = bool(_BULLET.match(text))
        if bullet:
            text = "• " + _BULLET.sub("", text, count=1)
        elif text[:1].islower():
            if _attach_continuation(out, text, cursor.section, spaced):
                continue
            if len(text.split()) <= 8 and not text.endswith(_TERMINAL):
                continue  # a stray label from a poster or figure ("deel 2", "creëer een …")
        emit(text, page, "bullet" if bullet else "text")
    return out


def _take_headings(
    lines: list[str], cursor: _Cursor, spaced: bool
) -> tuple[list[tuple[int, str]], list[str]]:
    """Split the heading lines at the top of a block from its body: ([(level, title)], body)."""
    whole = normalise_spaces(" ".join(lines))
    if (
        len(lines) <= 3
        and len(whole) <= 100
        and whole[:1].isupper()
        and not whole.endswith((".", ";", ",", ":", "-"))
        and not _BULLET.match(whole)
        and not _SECTION.match(whole)
    ):
        title = join_lines(lines, marks_spaces=spaced)
        return [(_level(title), title)], []
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        raw = lines[i].lstrip(" ")
        line = normalise_spaces(raw)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if _SECTION.match(line):
            title = line
            # A section title can wrap onto a second line that is still part of the heading.
            if following and not following.strip()[:1].isupper() and len(normalise_spaces(following)) < 40:
                title = join_lines([raw, following], marks_spaces=spaced)
                i += 1
            cursor.poster_block = False
            found.append((2, title))
        elif _END_MATTER.match(line) and i == 0:
            cursor.aanbeveling, cursor.poster_block = None, False
            end = 2 if following else 1
            return [(1, join_lines(lines[:end], marks_spaces=spaced))], lines[end:]
        elif _NUMBERED_CHAPTER.match(line) and i == 0 and not cursor.aanbeveling:
            found.append((1, line))
        elif _is_heading_line(raw, following, spaced):
            found.append((_level(line), line))
        else:
            break
        i += 1
    return found, lines[i:]


def _level(title: str) -> int:
    return 3 if _STEP.match(title) else 4


def _attach_continuation(
    out: list[Paragraph], text: str, section: str, spaced: bool, lookback: int = 16
) -> bool:
    """Stitch a paragraph that starts mid-sentence onto the unfinished one a box interrupted."""
    for idx in range(len(out) - 1, max(-1, len(out) - 1 - lookback), -1):
        prev = out[idx]
        if prev.is_bullet:
            if not prev.text.endswith(_TERMINAL) and idx == len(out) - 1:
                out[idx] = Paragraph(
                    join_lines([prev.text + " ", text], marks_spaces=spaced),
                    prev.section,
                    prev.aanbeveling,
                    prev.page,
                    "bullet",
                )
                return True
            continue
        if prev.kind == "text" and not prev.text.endswith(_TERMINAL):
            merged = join_lines([prev.text + " ", text], marks_spaces=spaced)
            out[idx] = Paragraph(merged, prev.section, prev.aanbeveling, prev.page)
            return True
    return False
