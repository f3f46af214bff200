"""Turn extracted page text into paragraphs that know where they stand in the document.

Recognises the leidraad's own structure — "aanbeveling h3" poster blocks, parts ("deel 2"), chapters
"» 1 kom tot …", sections "2.3 Uitvoeren, …", step and box headings ("Stap 2: …", "Wie zijn
schoolleiders?") — and falls back to generic heading rules for other documents. Page furniture
(navigation blocks that recur on many pages) is dropped; paragraphs cut in two by a box are stitched
back together, and a box the text points to ("Zie het kader voor …") is filed under the step that
points to it, wherever the layout put it.

Usage::

    paragraphs = parse_structure(loaded.pages)
    paragraphs[0].section, paragraphs[0].aanbeveling, paragraphs[0].text
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.sentences import without_notes
from ingest.cleaning import Lexicon, join_lines, marks_spaces, normalise_spaces, repeated_blocks
from ingest.loaders import PageText

SEPARATOR = " › "

_POSTER_MARK = re.compile(r"^aanbeveling\s+h([1-6])$", re.I)
_CHAPTER = re.compile(r"^(?:»\s*)?([1-9])\t\s*(\S.*)$")
_SECTION = re.compile(r"^([1-9])\.([0-9]{1,2})\.?\s+(\S.{0,80})$")
_NUMBERED_CHAPTER = re.compile(r"^([1-9])\.\s+([A-Z].{0,40})$")
_STEP = re.compile(r"^Stap \d+\b")
_STEP_LEVEL, _BOX_LEVEL = 3, 4
_PART = re.compile(r"^deel\s+\d+$", re.I)
# "Tabel 8. Voorbeelden van gedrag van …": a caption heads the table or figure after it, whose own
# first line (the column headings) then stands under it.
_CAPTION = re.compile(r"^(?:tabel|figuur|table|figure)\s+\d+[.:]\s+\S", re.I)
# "Zie het kader voor ondersteunende vragen tijdens de probleemanalyse." -> what the box is about
_BOX_REFERENCE = re.compile(r"\bzie (?:het|de) (?:\w+ )?kader (?:voor|over) ([^.?!]+)", re.I)
# A box title shares at least this many longer words with the text that points to it.
_MIN_SHARED_WORDS = 2
_END_MATTER = re.compile(r"^(meer lezen|literatuur(lijst)?|bronnen|referenties|noten)\b", re.I)
_BULLET = re.compile(r"^[•\-–▪●]\s*")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_TERMINAL = tuple('.!?;:”’")')
_PAGE_START = re.compile(r"^ [^ \t]")
_SHORT_LINE = 0.6  # a first line shorter than this share of the block's usual line is a heading
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


@dataclass(frozen=True)
class _Document:
    """What the whole document tells about its line breaks (see ``ingest.cleaning.join_lines``)."""

    spaced: bool
    lexicon: Lexicon

    def join(self, lines: Iterable[str]) -> str:
        return join_lines(lines, marks_spaces=self.spaced, lexicon=self.lexicon)


@dataclass
class _Cursor:
    """Where we are: the heading path by level and the current aanbeveling."""

    headings: dict[int, str]
    aanbeveling: str | None = None
    poster_block: bool = False  # inside an "aanbeveling hN" summary, which ends at the first prose
    # Boxes the text has pointed to in this section: the words describing each, and the step pointing.
    references: list[tuple[set[str], dict[int, str]]] = field(default_factory=list)
    # A box filed under another step: where it starts in the output and the headings to return to.
    detour: tuple[int, dict[int, str]] | None = None
    captioned: bool = False  # a caption opened the box level and no text has followed yet

    def set_heading(self, level: int, text: str, position: int) -> None:
        """Open a heading; a box the text pointed to goes under the step that pointed to it."""
        self.end_detour()
        if level <= 2:
            self.references.clear()  # the layout moves a box to a neighbouring step, never further
        elif level == _BOX_LEVEL and (step := self._step_pointing_to(text)) is not None:
            self.detour, self.headings = (position, self.headings), step
        self.headings = {lv: h for lv, h in self.headings.items() if lv < level}
        self.headings[level] = text

    def end_detour(self) -> None:
        if self.detour is not None:
            self.headings, self.detour = self.detour[1], None

    def reset(self) -> None:
        """Leave every aanbeveling and heading: general text or a new part of the document starts."""
        self.headings, self.aanbeveling, self.poster_block, self.detour = {}, None, False, None
        self.references.clear()

    def note_references(self, text: str) -> None:
        step = {lv: h for lv, h in self.headings.items() if lv < _BOX_LEVEL}
        self.references.extend((_long_words(m.group(1)), step) for m in _BOX_REFERENCE.finditer(text))

    def _step_pointing_to(self, title: str) -> dict[int, str] | None:
        words = _long_words(title)
        for i, (described, step) in enumerate(self.references):
            if len(words & described) >= _MIN_SHARED_WORDS:
                del self.references[i]
                return step
        return None

    @property
    def section(self) -> str:
        return SEPARATOR.join(self.headings[lv] for lv in sorted(self.headings))


def _long_words(text: str) -> set[str]:
    """Words long enough to say what a text is about ("vragen", "probleemanalyse"; not "de", "voor")."""
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 5}


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


def _is_heading_line(raw: str, following: str | None, spaced: bool, width: float) -> bool:
    """A short line with no closing punctuation that a new sentence follows (or a box title).

    ``width`` is the usual length of the block's lines: a line far shorter than its neighbours
    cannot be a wrapped sentence, even when it ends in a word a wrapped line often ends in
    ("Verzamel gegevens en pas aan").
    """
    line = normalise_spaces(raw)
    if raw.rstrip(" ").endswith("\t") and 0 < len(line) <= 90:
        return True  # box titles end in a tab in this extraction
    if not line or len(line) > 60 or line.endswith(_TERMINAL[:-3]) or line.endswith(","):
        return False
    if not line[0].isupper() or _BULLET.match(line):
        return False
    if following is None:
        return len(line.split()) <= 10 and line.split()[-1].lower() not in _DANGLING
    starts_sentence = following.lstrip()[:1].isupper() or _BULLET.match(following.lstrip()) is not None
    if len(line) < _SHORT_LINE * width:
        return starts_sentence
    if line.split()[-1].lower() in _DANGLING or (spaced and raw.endswith(" ")):
        return False
    return starts_sentence


def parse_structure(pages: list[PageText]) -> list[Paragraph]:
    """Parse pages into paragraphs with section path, aanbeveling and page."""
    full_text = "\n".join(p.text for p in pages)
    doc = _Document(marks_spaces(full_text), Lexicon.from_text(full_text))
    raw_blocks = [(page.number, block) for page in pages for block in _split_paragraphs(page.text)]
    furniture = repeated_blocks("\n".join(b) for _, b in raw_blocks)
    cursor = _Cursor(headings={})
    out: list[Paragraph] = []
    pending_title: int | None = None  # aanbeveling whose title is the next block
    part_title: str | None = None  # the label above a "deel 2" marker: "creëer een onderzoekscultuur"

    def emit(text: str, page: int | None, kind: str = "text") -> None:
        if cursor.poster_block and kind == "text":
            cursor.reset()  # prose after a poster block is general text again
        cursor.captioned = False
        out.append(Paragraph(text, cursor.section, cursor.aanbeveling, page, kind))
        cursor.note_references(text)

    def heading(level: int, text: str, page: int | None) -> None:
        cursor.set_heading(level, text, len(out))
        out.append(Paragraph(text, cursor.section, cursor.aanbeveling, page, "heading"))

    for k, (page, lines) in enumerate(raw_blocks):
        first = normalise_spaces(lines[0])
        if normalise_spaces("\n".join(lines)).lower() in furniture or _PAGE_NUMBER.match(first):
            continue
        if pending_title is not None:
            heading(1, f"Aanbeveling {pending_title}: {doc.join(lines)}", page)
            pending_title = None
            continue
        if match := _POSTER_MARK.match(first):
            cursor.aanbeveling, cursor.poster_block = f"h{match.group(1)}", True
            pending_title = int(match.group(1))
            continue
        if first == "»":
            continue
        if _is_part_marker(lines):
            cursor.reset()  # a part opens with its own introduction, outside any aanbeveling
            marker = normalise_spaces(" ".join(lines)).capitalize()
            heading(1, f"{marker} – {part_title}" if part_title else marker, page)
            part_title = None
            continue
        if first[:1].islower() and k + 1 < len(raw_blocks) and _is_part_marker(raw_blocks[k + 1][1]):
            part_title = doc.join(lines)
            continue
        if (match := _CHAPTER.match(lines[0].lstrip(" "))) and len(lines) <= 6:
            number = match.group(1)
            title = doc.join([match.group(2), *lines[1:]])
            cursor.aanbeveling, cursor.poster_block = f"h{number}", False
            heading(1, f"Aanbeveling {number}: {title}", page)
            continue
        if _CAPTION.match(first):
            heading(_BOX_LEVEL, without_notes(doc.join(lines)), page)  # "… leiderschap71"
            cursor.captioned = True
            continue
        headings, body = _take_headings(lines, cursor, doc)
        for level, title in headings:
            # the table's own first line (its column headings) stands under its caption
            heading(level + 1 if cursor.captioned and level == _BOX_LEVEL else level, title, page)
        if not body:
            continue
        text = doc.join(body)
        bullet = bool(_BULLET.match(text))
        if bullet:
            text = "• " + _BULLET.sub("", text, count=1)
        elif text[:1].islower():
            stitched = _attach_continuation(out, text, doc)
            if stitched is not None:
                if cursor.detour is not None and stitched < cursor.detour[0]:
                    cursor.end_detour()  # the interrupted text resumes: the box filed elsewhere is over
                cursor.note_references(text)
                continue
            if len(text.split()) <= 8 and not text.endswith(_TERMINAL):
                continue  # a stray label from a poster or figure ("creëer een …")
        emit(text, page, "bullet" if bullet else "text")
    return out


def _take_headings(
    lines: list[str], cursor: _Cursor, doc: _Document
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
        title = doc.join(lines)
        return [(_level(title), title)], []
    found: list[tuple[int, str]] = []
    # The usual line length, from blocks long enough to have one (else nothing counts as short).
    width = statistics.median(len(normalise_spaces(x)) for x in lines) if len(lines) >= 4 else 0.0
    i = 0
    while i < len(lines):
        raw = lines[i].lstrip(" ")
        line = normalise_spaces(raw)
        following = lines[i + 1] if i + 1 < len(lines) else None
        if _SECTION.match(line):
            title = line
            # A section title can wrap onto a second line that is still part of the heading.
            if following and not following.strip()[:1].isupper() and len(normalise_spaces(following)) < 40:
                title = doc.join([raw, following])
                i += 1
            cursor.poster_block = False
            found.append((2, title))
        elif _END_MATTER.match(line) and i == 0:
            cursor.aanbeveling, cursor.poster_block = None, False
            end = 2 if following else 1
            return [(1, doc.join(lines[:end]))], lines[end:]
        elif _NUMBERED_CHAPTER.match(line) and i == 0 and not cursor.aanbeveling:
            found.append((1, line))
        elif _is_heading_line(raw, following, doc.spaced, width):
            found.append((_level(line), line))
        else:
            break
        i += 1
    return found, lines[i:]


def _is_part_marker(lines: list[str]) -> bool:
    return _PART.match(normalise_spaces(" ".join(lines))) is not None


def _level(title: str) -> int:
    return _STEP_LEVEL if _STEP.match(title) else _BOX_LEVEL


def _attach_continuation(out: list[Paragraph], text: str, doc: _Document, lookback: int = 16) -> int | None:
    """Stitch a paragraph that starts mid-sentence onto the unfinished one a box interrupted.

    Returns the index of the paragraph it now continues, or None when there is none.
    """
    for idx in range(len(out) - 1, max(-1, len(out) - 1 - lookback), -1):
        prev = out[idx]
        if prev.is_bullet:
            if not prev.text.endswith(_TERMINAL) and idx == len(out) - 1:
                out[idx] = Paragraph(
                    doc.join([prev.text + " ", text]), prev.section, prev.aanbeveling, prev.page, "bullet"
                )
                return idx
            continue
        if prev.kind == "text" and not prev.text.endswith(_TERMINAL):
            out[idx] = Paragraph(doc.join([prev.text + " ", text]), prev.section, prev.aanbeveling, prev.page)
            return idx
    return None
