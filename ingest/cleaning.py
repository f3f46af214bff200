"""Repair the defects that PDF text extraction leaves in this corpus.

* Words split over two lines by a (lost) soft hyphen: "onder\\nbouwd", "verbeter\\nplan".
* Words split by a hard hyphen at the line end: "onderbou-\\nwen" (but "team-\\nen" stays "team- en").
  Between two real words the document's own spelling decides: a text that writes "onderwijsverbetering"
  elsewhere joins "onderwijs-\\nverbetering", one that writes "evidence-informed" keeps that hyphen.
* Running headers and navigation blocks repeated on many pages (the h1–h6 menu of the leidraad).

Usage::

    from ingest.cleaning import Lexicon, join_lines
    join_lines(["kom tot een onder", "bouwd en gedragen", "verbeterplan"])
    # -> "kom tot een onderbouwd en gedragen verbeterplan"
    join_lines(["voor onderwijs-", "verbetering"], lexicon=Lexicon.from_text(whole_document))
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

_WORD_END = re.compile(r"(\w+)(-?)$")
_WORD_START = re.compile(r"^(\w+)")
# Short words that follow a hyphenated first part in Dutch enumerations: "team- en schoolleiders".
_CONJUNCTIONS = frozenset({"en", "of", "tot", "noch", "dan"})
# A compound's parts are real words too ("verbeter" + "plan"); only join when both are long enough
# that the pair is unlikely to be two separate words ("op" + "zoek" must stay apart).
_MIN_PART = 3


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "nl")


def _is_word(word: str) -> bool:
    return _zipf(word.lower()) > 0


def _should_join(left: str, right: str) -> bool:
    """Decide whether `left` at a line end and `right` at the next line start are one word."""
    if not right[0].islower() or left.isdigit() or right.isdigit():
        return False
    left_known, right_known = _is_word(left.lower()), _is_word(right)
    if _is_word((left + right).lower()):
        # Two real words whose compound also exists ("op zoek"/"opzoek") stay apart when short.
        return not (left_known and right_known) or min(len(left), len(right)) >= _MIN_PART
    # An unknown compound is still one word when a part is a mere fragment ("kartrek" + "kersrol"),
    # but a known word followed by a compound stays apart ("gedragen" + "verbeterplan").
    return not left_known or not (right_known or _is_compound(right))


def _is_compound(word: str) -> bool:
    """True when `word` splits into two known words ("verbeterplan" -> "verbeter" + "plan")."""
    word = word.lower()
    return any(_is_word(word[:i]) and _is_word(word[i:]) for i in range(_MIN_PART, len(word) - _MIN_PART + 1))


@dataclass(frozen=True)
class Lexicon:
    """How one document spells its words: closed words, and hyphenated pairs inside a line."""

    words: Counter[str]
    hyphenated: Counter[tuple[str, str]]

    @classmethod
    def from_text(cls, text: str) -> Lexicon:
        lines = [normalise_spaces(line).lower() for line in text.splitlines()]
        words = Counter(w for line in lines for w in re.findall(r"\w+", line))
        # A lookahead finds every pair of a chain ("evidence-informed-onderwijs"); a hyphen at the
        # line end is the ambiguous case itself, so it is no evidence.
        pairs = Counter(p for line in lines for p in re.findall(r"(?=\b(\w+)-(\w+))", line))
        return cls(words, pairs)

    def writes_closed(self, left: str, right: str) -> bool | None:
        """Whether the document writes ``left`` + ``right`` closed more often than hyphenated (None: tie)."""
        closed = self.words[(left + right).lower()]
        hyphenated = self.hyphenated[(left.lower(), right.lower())]
        return None if closed == hyphenated else closed > hyphenated


def _joins_at_hyphen(left: str, right: str, lexicon: Lexicon | None) -> bool:
    """A hard hyphen at a line end: the document's own spelling decides, else the word list."""
    if lexicon is not None and right[0].islower():
        closed = lexicon.writes_closed(left, right)
        if closed is not None:
            return closed
    return _should_join(left, right)


def join_lines(lines: Iterable[str], *, marks_spaces: bool = False, lexicon: Lexicon | None = None) -> str:
    """Join the raw lines of one paragraph into running text, repairing split words.

    ``marks_spaces``: the extractor kept a trailing space on lines that end between two words,
    so a line ending in a letter *without* one was cut by a (lost) soft hyphen. Without that
    signal a Dutch word list decides.
    ``lexicon``: the whole document's spelling, which decides a hard hyphen between two words.
    """
    out = ""
    soft_break = False
    for raw in lines:
        line = normalise_spaces(raw)
        if not line:
            continue
        end = _WORD_END.search(out)
        start = _WORD_START.match(line)
        if not out:
            out = line
        elif end and start and end.group(2):  # hard hyphen at the line end
            left, right = end.group(1), start.group(1)
            if right.lower() in _CONJUNCTIONS:
                out += " " + line  # "team- en schoolleiders"
            elif _joins_at_hyphen(left, right, lexicon):
                out = out[:-1] + line  # "onderbou-\nwen" -> "onderbouwen"
            else:
                out += line  # "Evidence-\ninformed" keeps its hyphen
        elif (marks_spaces and soft_break and (start is None or line[0].islower())) or (
            not marks_spaces and end and start and _should_join(end.group(1), start.group(1))
        ):
            out += line
        else:
            out += " " + line
        soft_break = bool(re.search(r"[\w/]$", raw))
    return out


def marks_spaces(text: str) -> bool:
    """True when most lines that end in a letter carry a trailing space (see ``join_lines``)."""
    spaced = len(re.findall(r"\w[ \t]+$", text, re.M))
    bare = len(re.findall(r"\w$", text, re.M))
    return spaced > 2 * bare


def normalise_spaces(text: str) -> str:
    """NFC, soft hyphens and odd spaces removed, runs of white space folded to one space."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return re.sub(r"[ \u2000-\u200b]+", " ", text).strip()


def repeated_blocks(blocks: Iterable[str], min_repeats: int = 3) -> set[str]:
    """Blocks (normalised) that recur so often in one document that they are page furniture."""
    counts = Counter(normalise_spaces(b).lower() for b in blocks)
    return {text for text, n in counts.items() if n >= min_repeats and text}
